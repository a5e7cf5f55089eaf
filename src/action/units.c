/* units.c: parsing and formatting of limit values; see units.h.
 *
 * Numbers are parsed as fixed-point decimals (a whole part and up to 6
 * decimals) in integer arithmetic, so "1.5G" is exactly 1610612736 and
 * "0.5" CPU exactly half the period, with no floating-point rounding. */
#include "config.h"

#include "action/units.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "util/num.h"

#define DECIMALS_MAX 6

const char *const units_io_key_names[UNITS_IO_KEYS] = {"rbps", "wbps", "riops", "wiops"};

static const char WHY_SIZE[] = "is not a size; use a number of bytes, or one with K, M, G or T "
                               "(512K, 64M, 1.5G, 2T), or max";
static const char WHY_SIZE_BIG[] = "is too large; the kernel takes at most 2^63-1 bytes (8191P)";
static const char WHY_DECIMALS[] = "has too many decimals; use at most 6";
static const char WHY_CPUS[] = "is not a number of CPUs; use one such as 0.5 or 2, or max";
static const char WHY_CPUS_RANGE[] = "is out of range; use at least 1 ms of CPU time per period "
                                     "(0.01 CPU with the usual 100 ms period) and at most 4096 CPUs";
static const char WHY_PERIOD[] = "cannot be used: the CPU period is outside 1 ms .. 1 s";
static const char WHY_PIDS[] = "is not a number of processes; use 1 to 4194304, or max";
static const char WHY_WEIGHT[] = "is not a weight; use 1 to 10000 (100 is the default)";
static const char WHY_SHARES[] = "is not a number of shares; use 2 to 262144 (1024 is the default)";
static const char WHY_LIST[] = "is not a list; use numbers and ascending ranges such as 0-3,5";
static const char WHY_IO[] = "is not an IO limit; use MAJ:MIN then one or more of rbps=, wbps= (bytes/s: "
                             "64M, max), riops=, wiops= (IO/s: 100, max), e.g. 8:0 rbps=64M wiops=100";
static const char WHY_IO_DEV[] = "has a device number out of range (major below 4096, minor below 1048576)";
static const char WHY_IO_KEY[] = "repeats a key or has an unknown one; use each of rbps=, wbps=, riops=, "
                                 "wiops= at most once";
static const char WHY_IO_BPS[] = "has a bad rate; rbps= and wbps= take a size of at least 2 bytes/s "
                                 "(64M, 1.5G) or max";
static const char WHY_IO_IOPS[] = "has a bad IOPS value; riops= and wiops= take 2 to 4294967295 or max";

static int fail(const char **why, const char *text, int err)
{
        if (why)
                *why = text;
        return err;
}

static char lower(char c)
{
        return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool same_word(const char *s, const char *word)
{
        for (; *s && *word; s++, word++)
                if (lower(*s) != *word)
                        return false;
        return *s == *word;
}

static bool is_no_limit(const char *s)
{
        return same_word(s, "max") || same_word(s, "unlimited");
}

struct fixed {
        uint64_t whole, frac; /* frac / 10^digits */
        unsigned digits;
};

/* s[0..n): digits with at most one '.' and at least one digit on some side
 * of it ("2", "0.5", ".5"); trailing zeros of the decimals do not count
 * towards DECIMALS_MAX. -EINVAL, -ERANGE, or -EDOM for too many decimals. */
static int parse_fixed(const char *s, size_t n, struct fixed *ret)
{
        const char *dot = memchr(s, '.', n);
        size_t wn = dot ? (size_t)(dot - s) : n;
        size_t fn = dot ? n - wn - 1 : 0;
        if (wn == 0 && fn == 0)
                return -EINVAL;
        if (dot && fn == 0)
                return -EINVAL; /* "1." */
        struct fixed f = {0, 0, 0};
        if (wn) {
                int r = num_parse_u64n(s, wn, &f.whole);
                if (r < 0)
                        return r;
        }
        const char *d = dot ? dot + 1 : "";
        for (size_t i = 0; i < fn; i++)
                if (d[i] < '0' || d[i] > '9')
                        return -EINVAL;
        while (fn && d[fn - 1] == '0')
                fn--;
        if (fn > DECIMALS_MAX)
                return -EDOM;
        for (size_t i = 0; i < fn; i++)
                f.frac = f.frac * 10 + (uint64_t)(d[i] - '0');
        f.digits = (unsigned)fn;
        *ret = f;
        return 0;
}

/* f * mult, rounded down, if at most max. mult <= 2^40 and frac < 10^6,
 * so frac * mult fits in 64 bits. */
static int scale_fixed(const struct fixed *f, uint64_t mult, uint64_t max, uint64_t *ret)
{
        uint64_t pow = 1;
        for (unsigned i = 0; i < f->digits; i++)
                pow *= 10;
        if (f->whole > max / mult)
                return -ERANGE;
        uint64_t v = f->whole * mult, part = f->frac * mult / pow;
        if (v > max - part)
                return -ERANGE;
        *ret = v + part;
        return 0;
}

/* The unit after the number: "", "B", "K", "KB", "KiB" (any case). */
static int size_unit(const char *u, uint64_t *ret)
{
        static const char units[] = "kmgt";
        uint64_t mult = 1;
        const char *p = *u ? strchr(units, lower(*u)) : NULL;
        if (p) {
                mult = 1ULL << (10 * (p - units + 1));
                u++;
                if (lower(*u) == 'i' && lower(u[1]) == 'b')
                        u++;
        }
        if (lower(*u) == 'b')
                u++;
        if (*u)
                return -EINVAL;
        *ret = mult;
        return 0;
}

int units_parse_size(const char *s, uint64_t *ret, const char **why)
{
        if (is_no_limit(s)) {
                *ret = UNITS_NO_LIMIT;
                return 0;
        }
        size_t n = strspn(s, "0123456789.");
        struct fixed f;
        uint64_t mult, v;
        int r = parse_fixed(s, n, &f);
        if (r == -EDOM)
                return fail(why, WHY_DECIMALS, -EINVAL);
        if (r == -EINVAL || size_unit(s + n, &mult) < 0)
                return fail(why, WHY_SIZE, -EINVAL);
        if (r < 0 || scale_fixed(&f, mult, UNITS_SIZE_MAX, &v) < 0)
                return fail(why, WHY_SIZE_BIG, -ERANGE);
        *ret = v;
        return 0;
}

int units_parse_cpus(const char *s, uint64_t period_usec, uint64_t *ret_quota, const char **why)
{
        if (period_usec < UNITS_CPU_PERIOD_MIN || period_usec > UNITS_CPU_PERIOD_MAX)
                return fail(why, WHY_PERIOD, -EINVAL);
        if (is_no_limit(s)) {
                *ret_quota = UNITS_NO_LIMIT;
                return 0;
        }
        struct fixed f;
        uint64_t q;
        int r = parse_fixed(s, strlen(s), &f);
        if (r == -EDOM)
                return fail(why, WHY_DECIMALS, -EINVAL);
        if (r == -EINVAL)
                return fail(why, WHY_CPUS, -EINVAL);
        if (r < 0 || scale_fixed(&f, period_usec, UNITS_CPUS_MAX * period_usec, &q) < 0 ||
            q < UNITS_CPU_QUOTA_MIN)
                return fail(why, WHY_CPUS_RANGE, -ERANGE);
        *ret_quota = q;
        return 0;
}

/* A plain decimal in [min, max], or max when allowed. */
static int parse_count(const char *s, uint64_t min, uint64_t max, bool allow_max, uint64_t *ret)
{
        if (allow_max && is_no_limit(s)) {
                *ret = UNITS_NO_LIMIT;
                return 0;
        }
        uint64_t v;
        int r = num_parse_u64(s, &v);
        if (r < 0)
                return r;
        if (v < min || v > max)
                return -ERANGE;
        *ret = v;
        return 0;
}

int units_parse_pids_max(const char *s, uint64_t *ret, const char **why)
{
        int r = parse_count(s, 1, UNITS_PIDS_MAX, true, ret);
        return r < 0 ? fail(why, WHY_PIDS, r) : 0;
}

int units_parse_cpu_weight(const char *s, uint64_t *ret, const char **why)
{
        int r = parse_count(s, 1, 10000, false, ret);
        return r < 0 ? fail(why, WHY_WEIGHT, r) : 0;
}

int units_parse_cpu_shares(const char *s, uint64_t *ret, const char **why)
{
        int r = parse_count(s, 2, 262144, false, ret);
        return r < 0 ? fail(why, WHY_SHARES, r) : 0;
}

/* One item of a list, s[0..n): "N" or "A-B" with A <= B. */
static int list_item(const char *s, size_t n)
{
        const char *dash = memchr(s, '-', n);
        size_t an = dash ? (size_t)(dash - s) : n;
        uint64_t a, b;
        int r = num_parse_u64n(s, an, &a);
        if (r < 0)
                return r;
        b = a;
        if (dash && (r = num_parse_u64n(dash + 1, n - an - 1, &b)) < 0)
                return r;
        if (a >= 1048576 || b >= 1048576)
                return -ERANGE;
        return a <= b ? 0 : -EINVAL;
}

int units_parse_cpu_list(const char *s, const char **why)
{
        if (!*s)
                return fail(why, WHY_LIST, -EINVAL);
        for (const char *p = s;;) {
                size_t n = strcspn(p, ",");
                int r = list_item(p, n);
                if (r < 0)
                        return fail(why, WHY_LIST, r);
                if (!p[n])
                        return 0;
                p += n + 1;
        }
}

/* "MAJ:MIN" in s[0..n). */
static int io_device(const char *s, size_t n, struct units_io_max *io)
{
        const char *colon = memchr(s, ':', n);
        uint64_t maj, min;
        if (!colon || num_parse_u64n(s, (size_t)(colon - s), &maj) < 0 ||
            num_parse_u64n(colon + 1, n - (size_t)(colon - s) - 1, &min) < 0)
                return -EINVAL;
        /* Linux device numbers: 12 bits of major, 20 of minor. */
        if (maj >= 4096 || min >= 1048576)
                return -ERANGE;
        io->major = (uint32_t)maj;
        io->minor = (uint32_t)min;
        return 0;
}

/* "key=value" in s[0..n) into io; *why on failure. */
static int io_pair(const char *s, size_t n, struct units_io_max *io, const char **why)
{
        char tok[64];
        if (n >= sizeof(tok))
                return fail(why, WHY_IO, -EINVAL);
        memcpy(tok, s, n);
        tok[n] = '\0';
        char *eq = strchr(tok, '=');
        if (!eq)
                return fail(why, WHY_IO, -EINVAL);
        *eq = '\0';
        int k = 0;
        while (k < UNITS_IO_KEYS && strcmp(tok, units_io_key_names[k]) != 0)
                k++;
        if (k == UNITS_IO_KEYS || io->set[k])
                return fail(why, WHY_IO_KEY, -EINVAL);
        uint64_t v;
        int r = k <= UNITS_IO_WBPS ? units_parse_size(eq + 1, &v, NULL) : parse_count(eq + 1, 0, UINT32_MAX, true, &v);
        if (r == 0 && v < 2)
                r = -ERANGE;
        if (r < 0)
                return fail(why, k <= UNITS_IO_WBPS ? WHY_IO_BPS : WHY_IO_IOPS, r);
        io->set[k] = true;
        io->value[k] = v;
        return 0;
}

int units_parse_io_max(const char *s, struct units_io_max *ret, const char **why)
{
        struct units_io_max io;
        memset(&io, 0, sizeof(io));
        size_t n = strcspn(s, " ");
        int r = io_device(s, n, &io);
        if (r < 0)
                return fail(why, r == -ERANGE ? WHY_IO_DEV : WHY_IO, r);
        int pairs = 0;
        for (const char *p = s + n; *p;) {
                p += strspn(p, " ");
                n = strcspn(p, " ");
                if (n == 0)
                        break;
                if ((r = io_pair(p, n, &io, why)) < 0)
                        return r;
                pairs++;
                p += n;
        }
        if (pairs == 0)
                return fail(why, WHY_IO, -EINVAL);
        *ret = io;
        return 0;
}

void units_format_size(uint64_t v, char *out, size_t size)
{
        static const char units[] = "KMGT";
        if (v == UNITS_NO_LIMIT) {
                snprintf(out, size, "max");
                return;
        }
        for (int i = 3; i >= 0; i--) {
                uint64_t unit = 1ULL << (10 * (i + 1)), rem = v & (unit - 1);
                /* rem < 2^40, so rem * 1000 cannot overflow. */
                if (v < unit || rem * 1000 % unit != 0)
                        continue;
                unsigned dec = (unsigned)(rem * 1000 / unit);
                if (dec == 0)
                        snprintf(out, size, "%" PRIu64 "%c", v >> (10 * (i + 1)), units[i]);
                else if (dec % 100 == 0)
                        snprintf(out, size, "%" PRIu64 ".%u%c", v >> (10 * (i + 1)), dec / 100, units[i]);
                else if (dec % 10 == 0)
                        snprintf(out, size, "%" PRIu64 ".%02u%c", v >> (10 * (i + 1)), dec / 10, units[i]);
                else
                        snprintf(out, size, "%" PRIu64 ".%03u%c", v >> (10 * (i + 1)), dec, units[i]);
                return;
        }
        snprintf(out, size, "%" PRIu64, v);
}

void units_format_cpus(uint64_t quota, uint64_t period, char *out, size_t size)
{
        if (quota == UNITS_NO_LIMIT || period == 0) {
                snprintf(out, size, "max");
                return;
        }
        uint64_t whole = quota / period, dec = quota % period * 1000000 / period;
        int digits = 6;
        while (digits > 0 && dec % 10 == 0) {
                dec /= 10;
                digits--;
        }
        if (digits == 0)
                snprintf(out, size, "%" PRIu64, whole);
        else
                snprintf(out, size, "%" PRIu64 ".%0*" PRIu64, whole, digits, dec);
}
