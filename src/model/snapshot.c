/* snapshot.c: construction, lookup and destruction; see snapshot.h. */
#include "config.h"

#include "model/snapshot.h"

#include <stdlib.h>

struct snapshot *snapshot_new(void)
{
        struct snapshot *s = calloc(1, sizeof(*s));
        return s;
}

struct snapshot *snapshot_free(struct snapshot *s)
{
        if (!s)
                return NULL;
        free(s->procs);
        free(s->ns);
        free(s->members);
        free(s->mounts);
        free(s->cgroup_refs);
        free(s->cg_hiers);
        free(s->cgroups);
        free(s->cg_members);
        free(s->cg_io_devs);
        free(s->sys.cpus);
        free(s->sys.cpu_usage);
        arena_release(&s->arena);
        free(s);
        return NULL;
}

const struct proc_rec *snapshot_find_proc(const struct snapshot *s, int32_t pid)
{
        uint32_t lo = 0, hi = s->nprocs;
        while (lo < hi) {
                uint32_t mid = lo + (hi - lo) / 2;
                if (s->procs[mid].pid < pid)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo < s->nprocs && s->procs[lo].pid == pid ? &s->procs[lo] : NULL;
}

const struct ns_rec *snapshot_find_ns(const struct snapshot *s, enum ns_type type, uint64_t ino)
{
        uint32_t lo = 0, hi = s->nns;
        while (lo < hi) {
                uint32_t mid = lo + (hi - lo) / 2;
                const struct ns_rec *n = &s->ns[mid];
                if (n->type < type || (n->type == type && n->ino < ino))
                        lo = mid + 1;
                else
                        hi = mid;
        }
        if (lo < s->nns && s->ns[lo].type == type && s->ns[lo].ino == ino)
                return &s->ns[lo];
        return NULL;
}

void snapshot_note_problem(struct snapshot *s, enum problem_kind kind, int32_t pid, int err)
{
        struct problem *p = &s->problems[kind];
        if (p->count < 3)
                p->pids[p->count] = pid;
        if (p->count == 0)
                p->err = err < 0 ? -err : err;
        p->count++;
}
