/* nsgroup.h: build a snapshot's namespace records from its processes.
 *
 * Pure: two processes share a namespace exactly when their nsfs inodes
 * for that type match. Namespaces held only by an nsfs bind mount (e.g.
 * `ip netns add`) are added from the mounts the sampler found. */
#ifndef NSTOP_MODEL_NSGROUP_H
#define NSTOP_MODEL_NSGROUP_H

#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

struct ns_mount_ref {
        enum ns_type type;
        uint64_t ino;
        const char *path;
};

/* Fills s->ns (sorted by type, inode), s->members, s->mounts and every
 * process's ns_index. Owner and parent links are left LINK_UNKNOWN for the
 * sampler to resolve. 0 or -ENOMEM. */
int ns_group_build(struct snapshot *s, const struct ns_mount_ref *mounts, size_t nmounts);

#endif
