/* nsfs.h: what the kernel says about namespaces beyond process links.
 *
 * - Bind-mounted namespaces (nsfs mounts, e.g. `ip netns add` under
 *   /run/netns) found in nstop's own mount table (mounts.h), taken again
 *   only when it changes.
 * - Owner, parent and creator uid through the nsfs ioctls NS_GET_USERNS,
 *   NS_GET_PARENT and NS_GET_OWNER_UID, asked again when the answer is
 *   older than the sampler's ns_max_age (inode numbers are reused) and no
 *   member held the namespace since the last refresh. */
#ifndef NSTOP_SAMPLE_NSFS_H
#define NSTOP_SAMPLE_NSFS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/nsgroup.h"
#include "model/snapshot.h"
#include "sample/parse.h"

struct nsfs;

/* proc_fd: the /proc directory (not owned). live: false for fixture trees,
 * where nothing can be asked with ioctls. */
int nsfs_new(int proc_fd, bool live, struct nsfs **ret);
struct nsfs *nsfs_free(struct nsfs *n);

/* Takes the nsfs bind mounts out of a new mount table. 0 or -ENOMEM. */
int nsfs_set_mounts(struct nsfs *n, const struct mountinfo_entry *e, size_t count);
/* The current bind-mounted namespaces; valid until the next set. */
void nsfs_mounts(const struct nsfs *n, const struct ns_mount_ref **ret, size_t *ret_count);

/* Fills owner, parent and owner_uid of every namespace in s, asking the
 * kernel again for answers older than max_age seconds unless a member
 * held the namespace since (proc_rec.ns_held). */
void nsfs_resolve(struct nsfs *n, struct snapshot *s, double max_age);

#endif
