/* num.c: strict number parsing; see num.h. */
#include "config.h"

#include "util/num.h"

#include <errno.h>
#include <string.h>

int num_parse_u64n(const char *s, size_t n, uint64_t *ret)
{
        if (n == 0)
                return -EINVAL;
        uint64_t v = 0;
        for (size_t i = 0; i < n; i++) {
                unsigned d = (unsigned char)s[i] - '0';
                if (d > 9)
                        return -EINVAL;
                if (v > (UINT64_MAX - d) / 10)
                        return -ERANGE;
                v = v * 10 + d;
        }
        *ret = v;
        return 0;
}

int num_parse_u64(const char *s, uint64_t *ret)
{
        return num_parse_u64n(s, strlen(s), ret);
}

int num_parse_decimal(const char *s, double *ret)
{
        const char *dot = strchr(s, '.');
        size_t int_len = dot ? (size_t)(dot - s) : strlen(s);
        uint64_t whole = 0;
        if (int_len > 0) {
                int r = num_parse_u64n(s, int_len, &whole);
                if (r < 0)
                        return r;
        }
        double v = (double)whole;
        if (dot) {
                const char *f = dot + 1;
                if (*f == '\0' && int_len == 0)
                        return -EINVAL;
                double scale = 0.1;
                for (; *f; f++) {
                        unsigned d = (unsigned char)*f - '0';
                        if (d > 9)
                                return -EINVAL;
                        v += d * scale;
                        scale /= 10;
                }
        } else if (int_len == 0) {
                return -EINVAL;
        }
        *ret = v;
        return 0;
}

int num_parse_seconds(const char *s, double *ret)
{
        double v;
        int r = num_parse_decimal(s, &v);
        if (r < 0)
                return r;
        /* A delay beyond a year is a typo, not a plan. */
        if (v > 366.0 * 86400)
                return -ERANGE;
        *ret = v;
        return 0;
}
