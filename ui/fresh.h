/* fresh.h: the namespaces and cgroups that appeared in the last few
 * seconds, for the "new" highlight. Processes need no list: their start
 * time says how new they are. Snapshots say nothing of when a namespace
 * or cgroup was made, so the first snapshot that holds one dates it. */
#ifndef NSTOP_UI_FRESH_H
#define NSTOP_UI_FRESH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

struct fresh_item;

struct fresh_set {
        struct fresh_item *v;
        size_t n;
};

/* Adds what cur holds and prev did not (dated cur->time), and drops
 * items older than keep_seconds or gone. 0 or -ENOMEM (the set is then
 * left as it was). */
int fresh_update(struct fresh_set *f, const struct snapshot *prev, const struct snapshot *cur, double keep_seconds);
bool fresh_has_ns(const struct fresh_set *f, const struct ns_rec *n);
bool fresh_has_cgroup(const struct fresh_set *f, const struct snapshot *s, const struct cgroup_rec *c);
void fresh_free(struct fresh_set *f);

#endif
