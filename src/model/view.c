/* view.c: filtering and ordering; see view.h. */
#include "config.h"

#include "model/view.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/cgtree.h"

void cg_targets_free(struct cg_target *t, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                free(t[i].hier);
                free(t[i].path);
        }
        free(t);
}

void filter_init(struct filter *f)
{
        *f = (struct filter){.ns_type = -1};
}

bool filter_match_proc(const struct filter *f, const struct proc_rec *p)
{
        if (f->pids) {
                bool found = false;
                for (size_t i = 0; i < f->npids && !found; i++)
                        found = f->pids[i] == p->pid;
                if (!found)
                        return false;
        }
        if (f->by_uid && p->uid != f->uid)
                return false;
        /* --ns TYPE shows the processes in namespaces of that type: one
         * whose namespace could not be read is not known to be in any. */
        if (f->ns_type >= 0 && !p->ns_ino[f->ns_type])
                return false;
        if (f->ns_type >= 0 && f->ns_ino && p->ns_ino[f->ns_type] != f->ns_ino)
                return false;
        return true;
}

static bool ns_shown(const struct snapshot *s, const struct filter *f, const struct ns_rec *n, const bool *proc_shown)
{
        if (f->ns_type >= 0 && (int)n->type != f->ns_type)
                return false;
        if (f->ns_ino && n->ino != f->ns_ino)
                return false;
        /* A namespace named by type (or inode) is shown even with no
         * process in it (bind mounts); -p and -u narrow it to theirs. */
        if (!(f->pids || f->by_uid || f->cgs) || f->ns_ino)
                return true;
        for (uint32_t m = 0; m < n->member_count; m++)
                if (proc_shown[s->members[n->member_first + m]])
                        return true;
        return false;
}

/* Is the process inside one of the --cgroup subtrees? */
static bool in_cgroups(const struct snapshot *s, const struct filter *f, const struct proc_rec *p)
{
        for (uint32_t k = 0; k < p->cgroup_count; k++) {
                const struct cgroup_ref *r = &s->cgroup_refs[p->cgroup_first + k];
                for (size_t t = 0; t < f->ncgs; t++)
                        if (strcmp(r->hierarchy, f->cgs[t].hier) == 0 && cg_path_under(r->path, f->cgs[t].path))
                                return true;
        }
        return false;
}

static bool cg_shown(const struct snapshot *s, const struct filter *f, const struct cgroup_rec *c, const bool *proc_shown)
{
        if (f->cgs) {
                for (size_t t = 0; t < f->ncgs; t++)
                        if (strcmp(s->cg_hiers[c->hier].name, f->cgs[t].hier) == 0 &&
                            cg_path_under(c->path, f->cgs[t].path))
                                return true;
                return false;
        }
        /* Under a process filter, the cgroups that hold what is shown. */
        if (!(f->pids || f->by_uid || f->ns_type >= 0))
                return true;
        for (uint32_t m = 0; m < c->member_count; m++)
                if (proc_shown[s->cg_members[c->member_first + m]])
                        return true;
        return false;
}

int view_build(const struct snapshot *s, const struct filter *f, struct view *ret)
{
        struct view v = {0};
        bool *shown = calloc(s->nprocs + 1, sizeof(*shown));
        v.procs = malloc((s->nprocs + 1) * sizeof(*v.procs));
        v.ns = malloc((s->nns + 1) * sizeof(*v.ns));
        v.cgroups = malloc((s->ncgroups + 1) * sizeof(*v.cgroups));
        if (!shown || !v.procs || !v.ns || !v.cgroups) {
                free(shown);
                view_release(&v);
                return -ENOMEM;
        }
        for (uint32_t i = 0; i < s->nprocs; i++)
                if ((shown[i] = filter_match_proc(f, &s->procs[i]) && (!f->cgs || in_cgroups(s, f, &s->procs[i]))))
                        v.procs[v.nprocs++] = i;
        for (uint32_t k = 0; k < s->nns; k++)
                if (ns_shown(s, f, &s->ns[k], shown))
                        v.ns[v.nns++] = k;
        for (uint32_t k = 0; k < s->ncgroups; k++)
                if (cg_shown(s, f, &s->cgroups[k], shown))
                        v.cgroups[v.ncgroups++] = k;
        free(shown);
        *ret = v;
        return 0;
}

void view_release(struct view *v)
{
        free(v->procs);
        free(v->ns);
        free(v->cgroups);
        *v = (struct view){0};
}

static int cmp_cpu_desc(const void *a, const void *b, void *arg)
{
        const struct snapshot *s = arg;
        const struct proc_rec *x = &s->procs[*(const uint32_t *)a], *y = &s->procs[*(const uint32_t *)b];
        double cx = isnan(x->cpu_percent) ? -1 : x->cpu_percent;
        double cy = isnan(y->cpu_percent) ? -1 : y->cpu_percent;
        if (cx != cy)
                return cx < cy ? 1 : -1;
        return (x->pid > y->pid) - (x->pid < y->pid);
}

static int cmp_pid(const void *a, const void *b, void *arg)
{
        (void)arg;
        uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
        /* procs are stored by ascending pid, so index order is pid order */
        return (x > y) - (x < y);
}

void view_sort_procs(const struct snapshot *s, struct view *v, enum proc_sort by)
{
        qsort_r(v->procs, v->nprocs, sizeof(*v->procs), by == SORT_CPU ? cmp_cpu_desc : cmp_pid, (void *)s);
}
