/* test_units.c: parsing of what users type into the limits form
 * (src/action/units.c): sizes, CPUs, counts, cpuset lists, io max, good
 * and bad input (the abc, -1, 99999999T among them), and the
 * formatting that parses back to the same value. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "action/units.h"
#include "tap.h"

#define NOLIM UNITS_NO_LIMIT
#define K 1024ULL
#define M (1024ULL * K)
#define G (1024ULL * M)
#define T (1024ULL * G)

struct num_case {
        const char *in;
        int err;       /* 0, -EINVAL or -ERANGE */
        uint64_t want; /* when err == 0 */
};

typedef int (*num_parser)(const char *s, uint64_t *ret, const char **why);

static void run_cases(const char *what, num_parser fn, const struct num_case *cases, size_t n)
{
        char name[160];
        for (size_t i = 0; i < n; i++) {
                const struct num_case *c = &cases[i];
                uint64_t v = 12345;
                const char *why = NULL;
                int r = fn(c->in, &v, &why);
                snprintf(name, sizeof(name), "%s '%s': %s", what, c->in, c->err ? "refused" : "accepted");
                is_int(r, c->err, name);
                if (c->err == 0) {
                        snprintf(name, sizeof(name), "%s '%s' = %" PRIu64, what, c->in, c->want);
                        is_u64(v, c->want, name);
                } else {
                        snprintf(name, sizeof(name), "%s '%s': result untouched, a reason given", what, c->in);
                        ok(v == 12345 && why && *why, name);
                }
        }
}

static void test_sizes(void)
{
        static const struct num_case cases[] = {
                {"4096", 0, 4096},
                {"0", 0, 0},
                {"512K", 0, 512 * K},
                {"512k", 0, 512 * K},
                {"64M", 0, 64 * M},
                {"64MB", 0, 64 * M},
                {"64MiB", 0, 64 * M},
                {"64mib", 0, 64 * M},
                {"64mb", 0, 64 * M},
                {"1.5G", 0, 3 * G / 2},
                {"1.5g", 0, 1610612736},
                {"2T", 0, 2 * T},
                {"4096B", 0, 4096},
                {"0.5K", 0, 512},
                {".5M", 0, 512 * K},
                {"1.0000000G", 0, G},
                {"1.1K", 0, 1126}, /* 1126.4 rounded down */
                {"1.000001T", 0, T + 1099511},
                {"max", 0, NOLIM},
                {"MAX", 0, NOLIM},
                {"unlimited", 0, NOLIM},
                {"8191P", -EINVAL, 0}, /* no P */
                {"8388607T", 0, 8388607 * T},
                {"9223372036854775807", 0, 9223372036854775807ULL},
                {"9223372036854775808", -ERANGE, 0},
                {"8388608T", -ERANGE, 0},
                {"99999999T", -ERANGE, 0},
                {"99999999999999999999999", -ERANGE, 0},
                {"", -EINVAL, 0},
                {"abc", -EINVAL, 0},
                {"-1", -EINVAL, 0},
                {"+1", -EINVAL, 0},
                {"1.5.5", -EINVAL, 0},
                {"5X", -EINVAL, 0},
                {" 5", -EINVAL, 0},
                {"5 ", -EINVAL, 0},
                {"5 M", -EINVAL, 0},
                {"1.", -EINVAL, 0},
                {".", -EINVAL, 0},
                {"M", -EINVAL, 0},
                {"5iB", -EINVAL, 0},
                {"5Ki", -EINVAL, 0},
                {"5KBB", -EINVAL, 0},
                {"1e6", -EINVAL, 0},
                {"0x10", -EINVAL, 0},
                {"1.1234567G", -EINVAL, 0},
                {"maxx", -EINVAL, 0},
                {"max ", -EINVAL, 0},
        };
        run_cases("size", units_parse_size, cases, sizeof(cases) / sizeof(cases[0]));

        const char *why = NULL;
        uint64_t v;
        units_parse_size("abc", &v, &why);
        ok(why && strstr(why, "not a size") && strstr(why, "max"), "size: the reason says what a size is");
        units_parse_size("99999999T", &v, &why);
        ok(why && strstr(why, "too large"), "size: 99999999T is too large, and says so");
        units_parse_size("1.1234567G", &v, &why);
        ok(why && strstr(why, "decimals"), "size: too many decimals named");
        is_int(units_parse_size("5X", &v, NULL), -EINVAL, "size: why may be NULL");
}

static uint64_t period_for_cpus = 100000;

static int cpus_parser(const char *s, uint64_t *ret, const char **why)
{
        return units_parse_cpus(s, period_for_cpus, ret, why);
}

static void test_cpus(void)
{
        static const struct num_case cases[] = {
                {"0.5", 0, 50000},  {"2", 0, 200000},     {"1", 0, 100000},      {"0.01", 0, 1000},
                {".25", 0, 25000},  {"0.123456", 0, 12345}, {"4096", 0, 409600000}, {"max", 0, NOLIM},
                {"0.009", -ERANGE, 0}, {"0", -ERANGE, 0},   {"4096.1", -ERANGE, 0},  {"99999999999", -ERANGE, 0},
                {"", -EINVAL, 0},   {"abc", -EINVAL, 0},  {"-1", -EINVAL, 0},    {"0.5.5", -EINVAL, 0},
                {"1CPU", -EINVAL, 0}, {"50%", -EINVAL, 0},  {" 1", -EINVAL, 0},    {"0.1234567", -EINVAL, 0},
        };
        run_cases("cpus", cpus_parser, cases, sizeof(cases) / sizeof(cases[0]));

        uint64_t q = 0;
        is_int(units_parse_cpus("0.5", 10000, &q, NULL), 0, "cpus: another period");
        is_u64(q, 5000, "cpus: 0.5 of a 10 ms period is 5000 us");
        is_int(units_parse_cpus("0.05", 10000, &q, NULL), -ERANGE, "cpus: below 1 ms of a 10 ms period");
        is_int(units_parse_cpus("1", 0, &q, NULL), -EINVAL, "cpus: a zero period is refused");
        is_int(units_parse_cpus("1", 2000000, &q, NULL), -EINVAL, "cpus: a period above 1 s is refused");
}

static void test_counts(void)
{
        static const struct num_case pids[] = {
                {"20", 0, 20},       {"1", 0, 1},           {"4194304", 0, 4194304}, {"max", 0, NOLIM},
                {"0", -ERANGE, 0},   {"4194305", -ERANGE, 0}, {"-1", -EINVAL, 0},    {"abc", -EINVAL, 0},
                {"", -EINVAL, 0},    {"1K", -EINVAL, 0},    {"20 ", -EINVAL, 0},
        };
        run_cases("pids", units_parse_pids_max, pids, sizeof(pids) / sizeof(pids[0]));
        static const struct num_case weight[] = {
                {"100", 0, 100},    {"1", 0, 1},           {"10000", 0, 10000},    {"0", -ERANGE, 0},
                {"10001", -ERANGE, 0}, {"max", -EINVAL, 0}, {"-1", -EINVAL, 0},    {"1.5", -EINVAL, 0},
        };
        run_cases("weight", units_parse_cpu_weight, weight, sizeof(weight) / sizeof(weight[0]));
        static const struct num_case shares[] = {
                {"1024", 0, 1024},  {"2", 0, 2},           {"262144", 0, 262144}, {"1", -ERANGE, 0},
                {"262145", -ERANGE, 0}, {"max", -EINVAL, 0}, {"abc", -EINVAL, 0},
        };
        run_cases("shares", units_parse_cpu_shares, shares, sizeof(shares) / sizeof(shares[0]));
}

static void test_lists(void)
{
        static const struct {
                const char *in;
                int err;
        } cases[] = {
                {"0", 0},          {"0-3", 0},        {"0-3,5", 0},      {"5,0-3", 0},     {"1-1", 0},
                {"0-3,5-7,9", 0},  {"", -EINVAL},     {"3-0", -EINVAL},  {"0-", -EINVAL},  {"-3", -EINVAL},
                {"0,,1", -EINVAL}, {"0,", -EINVAL},   {",0", -EINVAL},   {"0 - 3", -EINVAL}, {"0-3 ", -EINVAL},
                {"a", -EINVAL},    {"0-3:2", -EINVAL}, {"1048576", -ERANGE}, {"0-1-2", -EINVAL},
        };
        char name[96];
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                const char *why = NULL;
                snprintf(name, sizeof(name), "list '%s': %s", cases[i].in, cases[i].err ? "refused" : "accepted");
                is_int(units_parse_cpu_list(cases[i].in, &why), cases[i].err, name);
                if (cases[i].err)
                        ok(why && strstr(why, "0-3,5"), "list: the reason shows an example");
        }
}

static void test_io(void)
{
        struct units_io_max io;
        const char *why = NULL;
        is_int(units_parse_io_max("8:0 rbps=64M wbps=max riops=100 wiops=max", &io, &why), 0, "io: all four keys");
        ok(io.major == 8 && io.minor == 0, "io: device 8:0");
        ok(io.set[UNITS_IO_RBPS] && io.value[UNITS_IO_RBPS] == 64 * M, "io: rbps=64M in bytes/s");
        ok(io.set[UNITS_IO_WBPS] && io.value[UNITS_IO_WBPS] == NOLIM, "io: wbps=max");
        ok(io.set[UNITS_IO_RIOPS] && io.value[UNITS_IO_RIOPS] == 100, "io: riops=100");
        ok(io.set[UNITS_IO_WIOPS] && io.value[UNITS_IO_WIOPS] == NOLIM, "io: wiops=max");

        is_int(units_parse_io_max("259:3   wiops=4294967295", &io, NULL), 0, "io: one key, runs of spaces");
        ok(io.major == 259 && io.minor == 3 && !io.set[UNITS_IO_RBPS] && !io.set[UNITS_IO_WBPS] &&
                   !io.set[UNITS_IO_RIOPS] && io.value[UNITS_IO_WIOPS] == 4294967295ULL,
           "io: only the key given is set");
        is_int(units_parse_io_max("8:16 wbps=1.5G rbps=2", &io, NULL), 0, "io: keys in any order");
        ok(io.value[UNITS_IO_WBPS] == 3 * G / 2 && io.value[UNITS_IO_RBPS] == 2, "io: values of keys in any order");

        static const struct {
                const char *in, *why_has;
        } bad[] = {
                {"", "MAJ:MIN"},
                {"8:0", "MAJ:MIN"},
                {"8:0 ", "MAJ:MIN"},
                {"8 rbps=1M", "MAJ:MIN"},
                {"8: rbps=1M", "MAJ:MIN"},
                {"a:b rbps=1M", "MAJ:MIN"},
                {"-8:0 rbps=1M", "MAJ:MIN"},
                {"4096:0 rbps=1M", "device number"},
                {"8:1048576 rbps=1M", "device number"},
                {"8:0 rbps", "MAJ:MIN"},
                {"8:0 rbps=", "rate"},
                {"8:0 rbps=abc", "rate"},
                {"8:0 rbps=-1", "rate"},
                {"8:0 rbps=99999999T", "rate"},
                {"8:0 rbps=1", "rate"},
                {"8:0 riops=1", "IOPS"},
                {"8:0 riops=1K", "IOPS"},
                {"8:0 wiops=4294967296", "IOPS"},
                {"8:0 rbps=1M rbps=2M", "key"},
                {"8:0 bps=1M", "key"},
                {"8:0 RBPS=1M", "key"},
                {"8:0\trbps=1M", "MAJ:MIN"},
                {"8:0 rbps=1M\twbps=1M", "rate"},
        };
        char name[128];
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                why = NULL;
                io.major = 77;
                snprintf(name, sizeof(name), "io '%s': refused, reason names the %s", bad[i].in, bad[i].why_has);
                int r = units_parse_io_max(bad[i].in, &io, &why);
                ok((r == -EINVAL || r == -ERANGE) && why && strstr(why, bad[i].why_has) && io.major == 77, name);
        }
}

static void test_format(void)
{
        static const struct {
                uint64_t v;
                const char *want;
        } sizes[] = {
                {0, "0"},          {1000, "1000"},     {1024, "1K"},        {1536, "1.5K"},
                {4097, "4097"},    {64 * M, "64M"},    {3 * G / 2, "1.5G"}, {G + G / 4, "1.25G"},
                {G + G / 8, "1.125G"}, {G + G / 16, "1088M"}, {2 * T, "2T"}, {268435456, "256M"},
                {9223372036854771712ULL, "9007199254740988K"}, {NOLIM, "max"},
        };
        char out[32], name[96];
        for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
                units_format_size(sizes[i].v, out, sizeof(out));
                snprintf(name, sizeof(name), "format size %" PRIu64, sizes[i].v);
                is_str(out, sizes[i].want, name);
                uint64_t back = 0;
                snprintf(name, sizeof(name), "format size %" PRIu64 ": '%s' parses back", sizes[i].v, out);
                ok(units_parse_size(out, &back, NULL) == 0 && back == sizes[i].v, name);
        }
        static const struct {
                uint64_t q, p;
                const char *want;
        } cpus[] = {
                {50000, 100000, "0.5"}, {200000, 100000, "2"},   {1000, 100000, "0.01"},
                {33333, 100000, "0.33333"}, {5000, 10000, "0.5"}, {NOLIM, 100000, "max"},
        };
        for (size_t i = 0; i < sizeof(cpus) / sizeof(cpus[0]); i++) {
                units_format_cpus(cpus[i].q, cpus[i].p, out, sizeof(out));
                snprintf(name, sizeof(name), "format cpus %" PRIu64 "/%" PRIu64, cpus[i].q, cpus[i].p);
                is_str(out, cpus[i].want, name);
                uint64_t back = 0;
                ok(units_parse_cpus(out, cpus[i].p, &back, NULL) == 0 && back == cpus[i].q, "format cpus: parses back");
        }
        units_format_size(64 * M, out, 3);
        is_str(out, "64", "format size: truncated to the buffer, NUL-terminated");
}

int main(void)
{
        test_sizes();
        test_cpus();
        test_counts();
        test_lists();
        test_io();
        test_format();
        return tap_done();
}
