/* numfmt.c: numbers as text without printf; see numfmt.h. */
#include "config.h"

#include "util/numfmt.h"

#include <math.h>
#include <string.h>

static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                            "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                            "8081828384858687888990919293949596979899";

/* The number of decimal digits of v: the bit length times log10(2)
 * (1233 / 4096) is that or one less, and one comparison tells. */
static unsigned digits(uint64_t v)
{
        static const uint64_t pow10[20] = {
                1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
                1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
                100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
                1000000000000000000ULL, 10000000000000000000ULL};
        unsigned bits = 64 - (unsigned)__builtin_clzll(v | 1);
        unsigned n = (bits * 1233) >> 12; /* at most 19 */
        n += v >= pow10[n];
        return n ? n : 1;
}

/* Writes the n digits of v ending at e, two per division. */
static void put_digits(char *e, uint64_t v)
{
        while (v >= 100) {
                e -= 2;
                memcpy(e, pairs + 2 * (v % 100), 2);
                v /= 100;
        }
        if (v >= 10)
                memcpy(e - 2, pairs + 2 * v, 2);
        else
                e[-1] = (char)('0' + v);
}

char *numfmt_u64(char *d, uint64_t v)
{
        unsigned n = digits(v);
        put_digits(d + n, v);
        return d + n;
}

char *numfmt_i64(char *d, int64_t v)
{
        if (v < 0)
                *d++ = '-';
        /* 0 - (uint64_t)v is exact for INT64_MIN too. */
        return numfmt_u64(d, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
}

char *numfmt_fixed(char *d, double v, int decimals)
{
        static const double scale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
        if (decimals < 0 || decimals > 6)
                return NULL;
        double x = v * scale[decimals];
        /* x is v * scale rounded once: below 2^38 its error is at most half
         * a unit in the last place, 2^-16 (1.5e-5). Away from a tie by the
         * 1e-4 margin below, rounding x and printf's rounding of the exact
         * v * scale then agree. 2^38 still covers start times in epoch
         * seconds with 2 decimals (until 2057). */
        if (!(fabs(x) < 274877906944.0))
                return NULL;
        double frac = fabs(x - trunc(x));
        double r = nearbyint(x);
        if (fabs(frac - 0.5) < 1e-4 || (r == 0 && signbit(v)))
                return NULL; /* a tie, or printf's "-0.0" */
        uint64_t u = (uint64_t)fabs(r);
        if (r < 0)
                *d++ = '-';
        /* The integer part, then the decimals, zero-padded. */
        uint64_t p10 = 1;
        for (int i = 0; i < decimals; i++)
                p10 *= 10;
        d = numfmt_u64(d, u / p10);
        if (decimals) {
                *d++ = '.';
                uint64_t f = u % p10;
                for (int i = decimals - 1; i >= 0; i--, f /= 10)
                        d[i] = (char)('0' + f % 10);
                d += decimals;
        }
        return d;
}
