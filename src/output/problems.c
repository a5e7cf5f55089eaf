/* problems.c: summarise a snapshot's unreadable values (see problems.h). */
#include "config.h"

#include <string.h>

#include "output/problems.h"

static const char *const problem_what[PROBLEM_COUNT] = {
        [PROBLEM_NS] = "namespaces",
        [PROBLEM_IO] = "IO counters",
        [PROBLEM_ROOT] = "root directory",
        [PROBLEM_CMDLINE] = "command line",
        [PROBLEM_STATUS] = "user",
        [PROBLEM_CGROUP] = "cgroups",
};

static void describe_one(struct buf *out, const struct problem *p, const char *what)
{
        buf_printf(out, "%s of %u process%s (pid ", what, p->count, p->count == 1 ? "" : "es");
        uint32_t shown = p->count < 3 ? p->count : 3;
        for (uint32_t i = 0; i < shown; i++)
                buf_printf(out, "%s%d", i ? ", " : "", (int)p->pids[i]);
        buf_printf(out, "%s): %s", p->count > shown ? ", ..." : "", strerror(p->err));
}

/* The problems of the shown processes only, rebuilt from their bits; the
 * errno is the first one the scan saw for that kind. */
static void problems_of_view(const struct snapshot *s, const struct view *v, struct problem out[PROBLEM_COUNT])
{
        memset(out, 0, sizeof(struct problem) * PROBLEM_COUNT);
        for (uint32_t i = 0; i < v->nprocs; i++) {
                const struct proc_rec *p = &s->procs[v->procs[i]];
                for (int k = 0; k < PROBLEM_COUNT; k++) {
                        if (!(p->problems & (1u << k)))
                                continue;
                        if (out[k].count < 3)
                                out[k].pids[out[k].count] = p->pid;
                        out[k].count++;
                        out[k].err = s->problems[k].err;
                }
        }
}

bool problems_describe(struct buf *out, const struct snapshot *s, const struct view *v)
{
        struct problem shown[PROBLEM_COUNT];
        const struct problem *probs = s->problems;
        if (v) {
                problems_of_view(s, v, shown);
                probs = shown;
        }
        bool any = false;
        for (int k = 0; k < PROBLEM_COUNT; k++) {
                const struct problem *p = &probs[k];
                if (!p->count)
                        continue;
                buf_puts(out, any ? "; " : "could not read ");
                describe_one(out, p, problem_what[k]);
                any = true;
        }
        /* cgroup files that exist but could not be read (only a view that
         * shows cgroups cares). */
        if (s->cg_problem.count && (!v || v->ncgroups)) {
                buf_puts(out, any ? "; " : "could not read ");
                buf_printf(out, "%u cgroup file%s (", s->cg_problem.count, s->cg_problem.count == 1 ? "" : "s");
                buf_puts(out, s->cg_problem.path ? s->cg_problem.path : "?");
                buf_printf(out, "%s): %s", s->cg_problem.count > 1 ? ", ..." : "", strerror(s->cg_problem.err));
                any = true;
        }
        if (any)
                buf_puts(out, "; shown as '?' (null in JSON)");
        return any;
}
