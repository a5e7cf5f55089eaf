/* tap.h: a minimal TAP producer for the C unit tests.
 *
 * Each check prints "ok N - name" or "not ok N - name" with the values
 * that differed; tap_done() prints the plan and returns the exit status.
 * The automake TAP driver counts every line, so a failing check names
 * itself in test-suite.log. */
#ifndef NSTOP_TESTS_TAP_H
#define NSTOP_TESTS_TAP_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline bool tap_ok(bool cond, const char *name)
{
        tap_n++;
        printf("%sok %d - %s\n", cond ? "" : "not ", tap_n, name);
        if (!cond)
                tap_failed++;
        fflush(stdout);
        return cond;
}

#define ok(cond, name) tap_ok((cond), (name))

#define is_int(got, want, name)                                                                      \
        do {                                                                                         \
                long long g_ = (long long)(got), w_ = (long long)(want);                             \
                if (!tap_ok(g_ == w_, (name)))                                                       \
                        printf("#   got %lld, want %lld\n", g_, w_);                                 \
        } while (0)

#define is_u64(got, want, name)                                                                      \
        do {                                                                                         \
                uint64_t g_ = (uint64_t)(got), w_ = (uint64_t)(want);                                \
                if (!tap_ok(g_ == w_, (name)))                                                       \
                        printf("#   got %" PRIu64 ", want %" PRIu64 "\n", g_, w_);                   \
        } while (0)

#define is_str(got, want, name)                                                                      \
        do {                                                                                         \
                const char *g_ = (got), *w_ = (want);                                                \
                bool same_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;                            \
                if (!tap_ok(same_, (name)))                                                          \
                        printf("#   got \"%s\", want \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
        } while (0)

#define is_double(got, want, eps, name)                                                              \
        do {                                                                                         \
                double g_ = (got), w_ = (want);                                                      \
                if (!tap_ok(g_ >= w_ - (eps) && g_ <= w_ + (eps), (name)))                           \
                        printf("#   got %g, want %g +- %g\n", g_, w_, (double)(eps));                \
        } while (0)

static inline int tap_done(void)
{
        printf("1..%d\n", tap_n);
        return tap_failed ? 1 : 0;
}

#endif
