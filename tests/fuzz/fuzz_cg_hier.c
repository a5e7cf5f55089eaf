/* fuzz_cg_hier.c: fuzz target for the cgroup word and name parsers:
 * cg_v1_hierarchy_name (a cgroup mount's super options from mountinfo),
 * cg_same_hierarchy (two controller lists) and cg_parse_words
 * (cgroup.controllers, cgroup.subtree_control).
 * Contracts (cgparse.h):
 *  - the hierarchy name is the kept items of the options (v1 controller
 *    names and name=X), comma-joined in order, NUL-terminated within
 *    outsz; naming it again gives itself; on failure out is untouched;
 *  - same_hierarchy is reflexive and symmetric, ignores order, repeats and
 *    empty items;
 *  - words: after the whole buffer was checked, one call per run of
 *    non-spaces, in order, covering every non-space byte; no call on
 *    failure, which is any control byte but one trailing newline. */
#include "config.h"

#include "fuzz.h"
#include "sample/cgparse.h"

static void check_name(const char *buf, size_t size, size_t outsz)
{
        char out[80];
        memset(out, 0x5a, sizeof(out));
        int r = cg_v1_hierarchy_name(buf, size, out, outsz);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        for (size_t i = outsz; i < sizeof(out); i++)
                FUZZ_CHECK(out[i] == 0x5a);
        if (r < 0) {
                FUZZ_CHECK(out[0] == 0x5a);
                return;
        }
        size_t len = strnlen(out, outsz);
        FUZZ_CHECK(len > 0 && len < outsz);
        /* Every item of the name is an item of the options, in order. */
        const char *p = out, *from = buf, *end = buf + size;
        for (;;) {
                const char *comma = strchr(p, ',');
                size_t n = comma ? (size_t)(comma - p) : strlen(p);
                FUZZ_CHECK(n > 0);
                const char *at = NULL;
                for (const char *q = from; q + n <= end && !at; q++)
                        if (memcmp(q, p, n) == 0 && (q == buf || q[-1] == ',') && (q + n == end || q[n] == ','))
                                at = q;
                FUZZ_CHECK(at != NULL);
                from = at + n;
                if (!comma)
                        break;
                p = comma + 1;
        }
        char again[80];
        FUZZ_CHECK(cg_v1_hierarchy_name(out, len, again, sizeof(again)) == 0 && strcmp(again, out) == 0);
        FUZZ_CHECK(cg_same_hierarchy(out, len, out, len));
}

static void check_same(const char *buf, size_t size)
{
        size_t half = size / 2;
        const char *a = buf, *b = buf + half;
        size_t alen = half, blen = size - half;
        bool ab = cg_same_hierarchy(a, alen, b, blen);
        FUZZ_CHECK(ab == cg_same_hierarchy(b, blen, a, alen));
        FUZZ_CHECK(cg_same_hierarchy(a, alen, a, alen) && cg_same_hierarchy(buf, size, buf, size));
        /* Repeating a list, or adding empty items, changes nothing. */
        char *twice = malloc(2 * alen + 3);
        if (!twice)
                return;
        memcpy(twice, a, alen);
        memcpy(twice + alen, ",,", 2);
        memcpy(twice + alen + 2, a, alen);
        FUZZ_CHECK(cg_same_hierarchy(twice, 2 * alen + 2, b, blen) == ab);
        free(twice);
}

struct words {
        const char *buf;
        size_t size, next, calls;
        bool bad;
};

static void on_word(const char *w, size_t n, void *ctx)
{
        struct words *x = ctx;
        x->calls++;
        /* Each word starts after the previous one, after spaces only. */
        if (w < x->buf + x->next || n == 0 || w + n > x->buf + x->size || memchr(w, ' ', n)) {
                x->bad = true;
                return;
        }
        for (const char *q = x->buf + x->next; q < w; q++)
                x->bad |= *q != ' ';
        x->bad |= w + n < x->buf + x->size && w[n] != ' ' && w[n] != '\n';
        x->next = (size_t)(w + n - x->buf);
}

static void check_words(const char *buf, size_t size)
{
        struct words x = {buf, size, 0, 0, false};
        int r = cg_parse_words(buf, size, on_word, &x);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        size_t body = size > 0 && buf[size - 1] == '\n' ? size - 1 : size;
        bool clean = true;
        for (size_t i = 0; i < body; i++)
                clean &= (unsigned char)buf[i] >= 0x20 && (unsigned char)buf[i] != 0x7f;
        FUZZ_CHECK((r == 0) == clean);
        if (r < 0) {
                FUZZ_CHECK(x.calls == 0);
                return;
        }
        FUZZ_CHECK(!x.bad);
        for (size_t i = x.next; i < body; i++)
                FUZZ_CHECK(buf[i] == ' ');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *buf = (const char *)data;
        check_name(buf, size, 80);
        check_name(buf, size, 1 + size % 24);
        check_same(buf, size);
        check_words(buf, size);
        return 0;
}
