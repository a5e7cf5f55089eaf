/* sanitize.h: make untrusted text safe to draw or print.
 *
 * Everything a process controls (comm, cmdline, cgroup path, user names
 * from NSS) goes through here before reaching a terminal. Control
 * characters, invalid UTF-8, and bidi marks become '?'. */
#ifndef NSTOP_UTIL_SANITIZE_H
#define NSTOP_UTIL_SANITIZE_H

#include <stddef.h>

#include "util/buf.h"

enum sanitize_flags {
        /* The terminal takes UTF-8: keep valid non-ASCII characters. Without
         * it, every non-ASCII character becomes '?'. */
        SAN_UTF8 = 1u << 0,
};

/* Appends the safe form of s[0..n) to b, using at most max_cells terminal
 * columns ((size_t)-1 for no limit). Returns the columns used. */
size_t sanitize_append(struct buf *b, const char *s, size_t n, unsigned flags, size_t max_cells);

/* Terminal columns that sanitize_append would use for all of s. */
size_t sanitize_width(const char *s, size_t n, unsigned flags);

#endif
