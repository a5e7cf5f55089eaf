/* arena.h: a bump allocator that owns every string of one snapshot.
 *
 * A snapshot allocates its strings here and frees them all at once with
 * arena_release(); nothing allocated from an arena is freed individually. */
#ifndef NSTOP_UTIL_ARENA_H
#define NSTOP_UTIL_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
        struct arena_chunk *head;
};

/* Returns 8-byte aligned memory, or NULL with errno ENOMEM. */
void *arena_alloc(struct arena *a, size_t size);
/* Copies n bytes of s and adds a NUL; NULL on ENOMEM. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_release(struct arena *a);

#endif
