/* fuzz.h: shared bits of the fuzz targets in tests/fuzz/.
 *
 * Each fuzz_NAME.c feeds arbitrary bytes to one parser of kernel text (or
 * of what users type: the settings file, limit values) and aborts when a
 * result breaks the parser's contract as its header states it; the
 * sanitizers catch reads outside the input and undefined behaviour.
 *
 * Every target is built twice: with clang and libFuzzer (make fuzz, see
 * tests/unit/parse.mk), and with the project's compiler and replay.c as
 * main (make check), which feeds it the seeds and the regression inputs in
 * tests/fuzz/seeds/NAME/ and tests/fuzz/regress/NAME/. So targets stay
 * plain C11 that gcc compiles without warnings, and keep no state between
 * inputs that could make a crash depend on what ran before. */
#ifndef NSTOP_TESTS_FUZZ_H
#define NSTOP_TESTS_FUZZ_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

#define FUZZ_CHECK(cond)                                                                             \
        do {                                                                                         \
                if (!(cond)) {                                                                       \
                        fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, __LINE__, #cond);   \
                        abort();                                                                     \
                }                                                                                    \
        } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The bytes as a NUL-terminated string (cut at the first NUL, as a C
 * caller would see them); NULL when out of memory. Free it. */
static inline char *fuzz_strdup(const uint8_t *data, size_t size)
{
        const uint8_t *nul = memchr(data, '\0', size);
        size_t n = nul ? (size_t)(nul - data) : size;
        char *s = malloc(n + 1);
        if (s) {
                memcpy(s, data, n);
                s[n] = '\0';
        }
        return s;
}

/* Is every byte of s[0..n) a printable ASCII character or one of ok? */
static inline int fuzz_only(const char *s, size_t n, const char *ok)
{
        for (size_t i = 0; i < n; i++)
                if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f || (ok && !strchr(ok, s[i])))
                        return 0;
        return 1;
}

/* An independent strict decimal reader for the targets' own checks:
 * s[0..n) all digits, no overflow. 1 when it is one, and *ret its value. */
static inline int fuzz_u64(const char *s, size_t n, uint64_t *ret)
{
        uint64_t v = 0;
        if (n == 0)
                return 0;
        for (size_t i = 0; i < n; i++) {
                if (s[i] < '0' || s[i] > '9' || v > (UINT64_MAX - (uint64_t)(s[i] - '0')) / 10)
                        return 0;
                v = v * 10 + (uint64_t)(s[i] - '0');
        }
        *ret = v;
        return 1;
}

/* Line and token walking for the same checks: a line is [*p, *e) up to
 * '\n' (not included), tokens are runs of bytes other than blank (space,
 * tab) and newline. Each returns 0 when nothing is left. */
struct fuzz_cur {
        const char *p, *end;
};

static inline int fuzz_line(struct fuzz_cur *c, struct fuzz_cur *ret)
{
        if (c->p >= c->end)
                return 0;
        const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
        ret->p = c->p;
        ret->end = nl ? nl : c->end;
        c->p = nl ? nl + 1 : c->end;
        return 1;
}

static inline int fuzz_tok(struct fuzz_cur *c, const char **ret, size_t *ret_len)
{
        while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
                c->p++;
        const char *start = c->p;
        while (c->p < c->end && *c->p != ' ' && *c->p != '\t' && *c->p != '\n')
                c->p++;
        *ret = start;
        *ret_len = (size_t)(c->p - start);
        return c->p > start;
}

static inline int fuzz_tok_is(const char *t, size_t n, const char *want)
{
        return strlen(want) == n && memcmp(t, want, n) == 0;
}

/* A message for the message line: one line, at most max bytes, valid
 * UTF-8 without any control character (what the sanitiser guarantees). */
static inline int fuzz_safe_line(const char *s, size_t max)
{
        const unsigned char *p = (const unsigned char *)s;
        size_t n = strlen(s);
        for (size_t k = 0; k < n;) {
                uint32_t cp;
                size_t l = utf8_decode(p + k, n - k, &cp);
                if (l == 0 || utf8_is_dangerous(cp))
                        return 0;
                k += l;
        }
        return n > 0 && n <= max;
}

#endif
