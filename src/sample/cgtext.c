/* cgtext.c: shared /proc/PID/cgroup texts; see cgtext.h. */
#include "config.h"

#include "sample/cgtext.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

/* Cgroup files with more lines are refused: no kernel has that many
 * hierarchies mounted. */
#define CGTEXT_LINES_MAX 64

struct cgtext_set {
        struct cgtext **bucket;
        size_t nbuckets, n; /* nbuckets a power of two */
};

int cgtext_set_new(struct cgtext_set **ret)
{
        struct cgtext_set *set = calloc(1, sizeof(*set));
        if (set && !(set->bucket = calloc(64, sizeof(*set->bucket)))) {
                free(set);
                set = NULL;
        }
        if (!set)
                return -ENOMEM;
        set->nbuckets = 64;
        *ret = set;
        return 0;
}

static void text_free(struct cgtext *t)
{
        free(t->lines);
        free(t->text);
        free(t);
}

struct cgtext_set *cgtext_set_free(struct cgtext_set *set)
{
        if (!set)
                return NULL;
        for (size_t i = 0; i < set->nbuckets; i++)
                for (struct cgtext *t = set->bucket[i], *next; t; t = next) {
                        next = t->next;
                        text_free(t);
                }
        free(set->bucket);
        free(set);
        return NULL;
}

static void grow(struct cgtext_set *set)
{
        size_t nb = set->nbuckets * 2;
        struct cgtext **b = calloc(nb, sizeof(*b));
        if (!b)
                return; /* longer chains, still correct */
        for (size_t i = 0; i < set->nbuckets; i++)
                for (struct cgtext *t = set->bucket[i], *next; t; t = next) {
                        next = t->next;
                        t->next = b[t->hash & (nb - 1)];
                        b[t->hash & (nb - 1)] = t;
                }
        free(set->bucket);
        set->bucket = b;
        set->nbuckets = nb;
}

static struct cgtext *text_new(const char *buf, size_t len, uint64_t h, int *ret_err)
{
        struct cgtext *t = calloc(1, sizeof(*t));
        struct cgroup_line lines[CGTEXT_LINES_MAX];
        if (!t || !(t->text = malloc(len + 1))) {
                free(t);
                *ret_err = -ENOMEM;
                return NULL;
        }
        memcpy(t->text, buf, len);
        t->text[len] = '\0';
        int r = parse_cgroup(t->text, len, lines, CGTEXT_LINES_MAX);
        if (r >= 0 && !(t->lines = malloc((size_t)(r ? r : 1) * sizeof(*t->lines))))
                r = -ENOMEM;
        if (r < 0) {
                text_free(t);
                *ret_err = r;
                return NULL;
        }
        memcpy(t->lines, lines, (size_t)r * sizeof(*t->lines));
        t->nlines = r;
        t->len = len;
        t->hash = h;
        t->scan = UINT64_MAX;
        return t;
}

struct cgtext *cgtext_get(struct cgtext_set *set, const char *buf, size_t len, int *ret_err)
{
        uint64_t h = hash_bytes(buf, len);
        struct cgtext **head = &set->bucket[h & (set->nbuckets - 1)];
        for (struct cgtext *t = *head; t; t = t->next)
                if (t->hash == h && t->len == len && memcmp(t->text, buf, len) == 0) {
                        t->users++;
                        return t;
                }
        struct cgtext *t = text_new(buf, len, h, ret_err);
        if (!t)
                return NULL;
        t->users = 1;
        t->next = *head;
        *head = t;
        if (++set->n > 2 * set->nbuckets)
                grow(set);
        return t;
}

void cgtext_put(struct cgtext_set *set, struct cgtext *t)
{
        if (!t || --t->users > 0)
                return;
        struct cgtext **p = &set->bucket[t->hash & (set->nbuckets - 1)];
        while (*p && *p != t)
                p = &(*p)->next;
        if (*p)
                *p = t->next;
        set->n--;
        text_free(t);
}
