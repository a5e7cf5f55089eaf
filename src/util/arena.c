/* arena.c: chunked bump allocator; see arena.h. */
#include "config.h"

#include "util/arena.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_CHUNK_MIN = 64 * 1024 };

struct arena_chunk {
        struct arena_chunk *next;
        size_t used, size;
        _Alignas(8) unsigned char data[];
};

void *arena_alloc(struct arena *a, size_t size)
{
        /* Refuse sizes whose rounding or chunk header would wrap around:
         * they would otherwise "succeed" with a tiny block. */
        if (size > SIZE_MAX - sizeof(struct arena_chunk) - 7) {
                errno = ENOMEM;
                return NULL;
        }
        size = (size + 7) & ~(size_t)7;
        struct arena_chunk *c = a->head;
        if (!c || c->size - c->used < size) {
                size_t want = size > ARENA_CHUNK_MIN ? size : ARENA_CHUNK_MIN;
                c = malloc(sizeof(*c) + want);
                if (!c) {
                        errno = ENOMEM;
                        return NULL;
                }
                c->used = 0;
                c->size = want;
                c->next = a->head;
                a->head = c;
        }
        void *p = c->data + c->used;
        c->used += size;
        return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
        if (n == SIZE_MAX) { /* n + 1 would wrap to 0 */
                errno = ENOMEM;
                return NULL;
        }
        char *p = arena_alloc(a, n + 1);
        if (!p)
                return NULL;
        memcpy(p, s, n);
        p[n] = '\0';
        return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
        return arena_strndup(a, s, strlen(s));
}

void arena_release(struct arena *a)
{
        struct arena_chunk *c = a->head;
        while (c) {
                struct arena_chunk *next = c->next;
                free(c);
                c = next;
        }
        a->head = NULL;
}
