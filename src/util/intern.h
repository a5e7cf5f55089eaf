/* intern.h: one copy of each distinct string, in an arena.
 *
 * A snapshot holds the same few strings many times over (every process's
 * cgroup lines name the same hierarchies and mostly the same paths):
 * interning stores each once and makes equal strings equal pointers, so
 * later lookups can compare pointers. The table itself is scratch memory
 * of the caller; the strings belong to the arena. */
#ifndef NSTOP_UTIL_INTERN_H
#define NSTOP_UTIL_INTERN_H

#include <stddef.h>

#include "util/arena.h"

struct intern {
        const char **slot;
        size_t *len;
        size_t cap, n; /* cap a power of two, or 0 */
};

/* The arena's copy of s[0..n) (NUL-terminated), made on first sight; NULL
 * when out of memory. */
const char *intern_get(struct intern *t, struct arena *a, const char *s, size_t n);

void intern_free(struct intern *t);

#endif
