/* fdbudget.h: how many files the sampler may keep open between refreshes.
 *
 * Kept files (a process's schedstat, a cgroup's counter files) save an
 * open and a close per read. They all come out of one budget, set from
 * RLIMIT_NOFILE with a reserve for everything else nstop opens: whoever
 * finds the budget spent reads by name instead, as before. */
#ifndef NSTOP_UTIL_FDBUDGET_H
#define NSTOP_UTIL_FDBUDGET_H

#include <stdbool.h>
#include <stddef.h>

struct fd_budget {
        size_t used, max;
};

/* Takes one fd from b; false when spent (or b is NULL: keep none). */
static inline bool fd_budget_take(struct fd_budget *b)
{
        if (!b || b->used >= b->max)
                return false;
        b->used++;
        return true;
}

/* Gives back one fd taken with fd_budget_take. */
static inline void fd_budget_give(struct fd_budget *b)
{
        if (b && b->used)
                b->used--;
}

#endif
