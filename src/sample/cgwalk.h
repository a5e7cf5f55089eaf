/* cgwalk.h: the walk of one cgroup hierarchy, with what the last walk saw.
 *
 * Each refresh yields a complete record of every cgroup, but reads only
 * what may have changed. With a watch on every directory (cgwatch.h):
 * - a directory's children are listed again only after an event said a
 *   child came or went;
 * - a cgroup's counters are read every refresh while processes are in its
 *   subtree (they grow without events); its settings (limits, weights,
 *   and the files the kernel rewrites with a notice: cgroup.events,
 *   memory.events) only after an event on one of its files, and at least
 *   every CG_QUIET_MAX_AGE seconds; a cgroup with no process in its
 *   subtree (it cannot use CPU or start IO) is read again at least every
 *   CG_QUIET_MAX_AGE seconds, for what still drifts there (page cache
 *   reclaimed, pressure averages decaying).
 * A cgroup whose counters are read every refresh keeps its counter files
 * open (cgfiles.h: struct cg_kept), fds taken from the walk's budget, and
 * reads them with one pread each, without opening its directory; it
 * closes them when no process is left in its subtree, when its node goes,
 * and makes the set again after an event on its files (they may have come
 * or gone) or when a kept file fails.
 * Without watches (no inotify, watches used up) everything is read every
 * time, as it was. Records come out in pre-order, children by name. */
#ifndef NSTOP_SAMPLE_CGWALK_H
#define NSTOP_SAMPLE_CGWALK_H

#include <stdbool.h>
#include <stddef.h>

#include "model/snapshot.h"
#include "sample/cgwatch.h"
#include "util/fdbudget.h"

#define CG_QUIET_MAX_AGE 10.0

struct cgnode;

/* One hierarchy's last walk. */
struct cgcache {
        struct cgnode *v;
        size_t n;
};

/* Processes whose cgroup lines must be read again. */
struct pid_list {
        int32_t *v;
        size_t n, cap;
};

void pid_list_free(struct pid_list *l);
/* 0 or -ENOMEM. */
int pid_list_add(struct pid_list *l, int32_t pid);

/* Appends the pids in DIR/cgroup.procs (DIR relative to dirfd) to out.
 * 0, or -errno when the file cannot be read (a cgroup already removed). */
int cg_read_procs(int dirfd, const char *dir, struct pid_list *out);

struct cgwalk {
        struct cgwatch *watch; /* NULL: read everything every time */
        const char *mount_dir; /* sysroot + mount point */
        struct fd_budget *fds; /* kept counter files come out of it; NULL: keep none */
        double now;
        /* out: the first walk of a hierarchy watched it all (a process may
         * have moved anywhere before: read every process's lines again) */
        bool fresh_watches;
        /* out: the processes in cgroups that later walks found new (they
         * may have moved in before the watch) */
        struct pid_list moved;
        uint32_t cg_cap, io_cap; /* capacities of s->cgroups and s->cg_io_devs */
};

/* Appends the hierarchy's records to s->cgroups (hier: its index in
 * s->cg_hiers; root: the path of the mount's root in /proc/PID/cgroup
 * terms) and replaces the cache with this walk. Every walk of one cache
 * takes kept files from the same w->fds (the files the cache holds go
 * back there). 0 or -ENOMEM. */
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

/* Node i's directory relative to the mount ("." for the top), in out
 * (cap bytes); false when it does not fit. */
bool cgcache_rel_path(const struct cgcache *c, size_t i, char *out, size_t cap);

/* Drops every node, its watch (w) and its kept files (their fds back to
 * b, the budget of the walks that kept them). */
void cgcache_clear(struct cgcache *c, struct cgwatch *w, struct fd_budget *b);

#endif
