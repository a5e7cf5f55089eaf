/* intern.c: string interning with open addressing; see intern.h. */
#include "config.h"

#include "util/intern.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

static int grow(struct intern *t)
{
        size_t cap = t->cap ? t->cap * 2 : 64;
        const char **slot = calloc(cap, sizeof(*slot));
        size_t *len = calloc(cap, sizeof(*len));
        if (!slot || !len) {
                free(slot);
                free(len);
                return -1;
        }
        for (size_t i = 0; i < t->cap; i++) {
                if (!t->slot[i])
                        continue;
                size_t j = hash_bytes(t->slot[i], t->len[i]) & (cap - 1);
                while (slot[j])
                        j = (j + 1) & (cap - 1);
                slot[j] = t->slot[i];
                len[j] = t->len[i];
        }
        free(t->slot);
        free(t->len);
        t->slot = slot;
        t->len = len;
        t->cap = cap;
        return 0;
}

const char *intern_get(struct intern *t, struct arena *a, const char *s, size_t n)
{
        /* At most half full, so that probes stay short. */
        if (2 * (t->n + 1) > t->cap && grow(t) < 0)
                return NULL;
        size_t j = hash_bytes(s, n) & (t->cap - 1);
        for (; t->slot[j]; j = (j + 1) & (t->cap - 1))
                if (t->len[j] == n && memcmp(t->slot[j], s, n) == 0)
                        return t->slot[j];
        char *copy = arena_strndup(a, s, n);
        if (!copy)
                return NULL;
        t->slot[j] = copy;
        t->len[j] = n;
        t->n++;
        return copy;
}

void intern_free(struct intern *t)
{
        free(t->slot);
        free(t->len);
        memset(t, 0, sizeof(*t));
}
