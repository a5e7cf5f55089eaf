/* view.h: which records of a snapshot to show, and in what order.
 *
 * Pure functions over a snapshot: the command-line filters (-p, -u, --ns)
 * select processes; --ns TYPE keeps the processes whose namespace of that
 * type is known (and the one named by --ns TYPE:INODE). Namespaces are
 * shown when they match the type/inode filter and, under -p or -u, hold a
 * shown process (or are named exactly). A namespace always reports its
 * full membership, not just the shown part.
 */
#ifndef NSTOP_MODEL_VIEW_H
#define NSTOP_MODEL_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

/* One subtree selected by --cgroup: a hierarchy (by name) and a path. */
struct cg_target {
        char *hier;
        char *path;
};

void cg_targets_free(struct cg_target *t, size_t n);

struct filter {
        const int32_t *pids; /* NULL: any */
        size_t npids;
        bool by_uid;
        uint32_t uid;
        int ns_type;     /* -1: any */
        uint64_t ns_ino; /* 0: any namespace of ns_type */
        const struct cg_target *cgs; /* --cgroup; NULL: any */
        size_t ncgs;
};

struct view {
        uint32_t *procs; /* indexes into snapshot.procs */
        uint32_t nprocs;
        uint32_t *ns;    /* indexes into snapshot.ns */
        uint32_t nns;
        uint32_t *cgroups; /* indexes into snapshot.cgroups, in tree order */
        uint32_t ncgroups;
};

void filter_init(struct filter *f);
bool filter_match_proc(const struct filter *f, const struct proc_rec *p);

/* 0 or -ENOMEM; release with view_release(). */
int view_build(const struct snapshot *s, const struct filter *f, struct view *ret);
void view_release(struct view *v);

enum proc_sort {
        SORT_PID,
        SORT_CPU, /* descending, ties by pid */
};

void view_sort_procs(const struct snapshot *s, struct view *v, enum proc_sort by);

#endif
