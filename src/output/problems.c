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

bool problems_describe(struct buf *out, const struct snapshot *s)
{
        bool any = false;
        for (int k = 0; k < PROBLEM_COUNT; k++) {
                const struct problem *p = &s->problems[k];
                if (!p->count)
                        continue;
                buf_puts(out, any ? "; " : "could not read ");
                describe_one(out, p, problem_what[k]);
                any = true;
        }
        if (any)
                buf_puts(out, "; shown as '?' (null in JSON)");
        return any;
}
