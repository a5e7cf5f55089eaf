/* bytes.h: helpers the parser tests share for exact-size inputs.
 *
 * Parsers get buffers of exactly the input's length with no NUL after
 * it, so reading one byte too far shows under ASan; outputs are filled
 * with POISON first so a test sees whether a failed parse wrote them. */
#ifndef NSTOP_TESTS_BYTES_H
#define NSTOP_TESTS_BYTES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A copy of s[0..n) in a buffer of exactly n bytes (no NUL after it). */
static inline char *exact(const char *s, size_t n)
{
        char *p = malloc(n ? n : 1);
        if (!p) {
                perror("malloc");
                exit(99);
        }
        memcpy(p, s, n);
        return p;
}

static const unsigned char POISON = 0xa5;

static inline bool all_poison(const void *p, size_t n)
{
        const unsigned char *b = p;
        for (size_t i = 0; i < n; i++)
                if (b[i] != POISON)
                        return false;
        return true;
}

/* A test name built with printf; valid until the next call. */
__attribute__((format(printf, 1, 2))) static inline const char *nm(const char *fmt, ...)
{
        static char name_buf[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(name_buf, sizeof(name_buf), fmt, ap);
        va_end(ap);
        return name_buf;
}

#endif
