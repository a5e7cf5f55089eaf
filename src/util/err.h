/* err.h: the error conventions shared by src/.
 *
 * int functions return 0 (or a count) on success and -errno on failure.
 * err_is_gone() is the one place that decides whether an error means
 * "the process or cgroup went away while we looked", which callers treat
 * as normal and skip silently. */
#ifndef NSTOP_UTIL_ERR_H
#define NSTOP_UTIL_ERR_H

#include <errno.h>
#include <stdbool.h>

/* ENOENT: /proc/PID vanished; ESRCH: the task died after we opened its
 * directory (reads through a stale fd return ESRCH). */
static inline bool err_is_gone(int r)
{
        return r == -ENOENT || r == -ESRCH;
}

/* Permission problems: EACCES from ptrace checks on /proc/PID/io and ns/ links,
 * EPERM from some nsfs ioctls. */
static inline bool err_is_denied(int r)
{
        return r == -EACCES || r == -EPERM;
}

#define NSTOP_UNUSED __attribute__((unused))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
