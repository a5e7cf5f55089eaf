/* cause.h: the one-line messages that actions hand back.
 *
 * Every action returns 0 or -errno and, on failure, sets *cause to a
 * malloc'd line for the message line: what was done to what, and why it
 * failed ("writing '64M' to /sys/fs/cgroup/x/memory.max: Device or
 * resource busy"). Paths and values in it may come from processes or
 * users: the line is sanitised here, so callers draw it as it is.
 * cause may be NULL when the caller does not want the line. */
#ifndef NSTOP_ACTION_CAUSE_H
#define NSTOP_ACTION_CAUSE_H

#include <stdarg.h>

/* Sets *cause to the formatted text, and returns -err (err > 0). */
int cause_set(char **cause, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The same, with ": strerror(err)" appended. */
int cause_errno(char **cause, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Adds "; text" after an existing *cause (or sets text alone). */
void cause_append(char **cause, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Puts "prefix: " before an existing *cause (or sets prefix alone). */
void cause_prefix(char **cause, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
