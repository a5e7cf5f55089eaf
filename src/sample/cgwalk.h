/* cgwalk.h: the walk of one cgroup hierarchy, with what the last walk saw.
 *
 * Each refresh yields a complete record of every cgroup, but reads only
 * what may have changed. With a watch on every directory (cgwatch.h):
 * - a directory's children are listed again only after an event said a
 *   child came or went;
 * - a cgroup's files are read every refresh while processes are in its
 *   subtree (counters grow without events), and after an event on one of
 *   its files; a cgroup with no process in its subtree (it cannot use CPU
 *   or start IO) is read again at least every CG_QUIET_MAX_AGE seconds,
 *   for what still drifts there (page cache reclaimed, pressure averages
 *   decaying).
 * Without watches (no inotify, watches used up) everything is read every
 * time, as it was. Records come out in pre-order, children by name. */
#ifndef NSTOP_SAMPLE_CGWALK_H
#define NSTOP_SAMPLE_CGWALK_H

#include <stdbool.h>
#include <stddef.h>

#include "model/snapshot.h"
#include "sample/cgwatch.h"

#define CG_QUIET_MAX_AGE 10.0

struct cgnode;

/* One hierarchy's last walk. */
struct cgcache {
        struct cgnode *v;
        size_t n;
};

struct cgwalk {
        struct cgwatch *watch; /* NULL: read everything every time */
        const char *mount_dir; /* sysroot + mount point */
        double now;
        bool fresh_watches;    /* out: a new directory is watched since this walk */
        uint32_t cg_cap, io_cap; /* capacities of s->cgroups and s->cg_io_devs */
};

/* Appends the hierarchy's records to s->cgroups (hier: its index in
 * s->cg_hiers; root: the path of the mount's root in /proc/PID/cgroup
 * terms) and replaces the cache with this walk. 0 or -ENOMEM. */
int cgwalk_hier(struct cgwalk *w, struct cgcache *cache, struct snapshot *s, uint32_t hier, const char *root);

/* After memberships: which cgroups have processes in their subtree. The
 * hierarchy's records start at s->cgroups[top]; unknown says some
 * process's cgroups could not be read (then all count as populated). */
void cgcache_note_members(struct cgcache *c, const struct snapshot *s, uint32_t top, bool unknown);

/* An event on node i (see cgcache_find). */
void cgcache_event(struct cgcache *c, size_t i, enum cgw_event ev);
/* Every node's files and children are read again next time. */
void cgcache_expire(struct cgcache *c);
/* The node watched by wd, or (size_t)-1. */
size_t cgcache_find(const struct cgcache *c, int wd);

void cgcache_clear(struct cgcache *c, struct cgwatch *w);

#endif
