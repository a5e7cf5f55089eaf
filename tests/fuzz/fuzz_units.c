/* fuzz_units.c: fuzz target for the limit values users type
 * (action/units.h): sizes, CPUs, process counts, weights, shares, cpuset
 * lists and io max lines, all parsed from the same text.
 * Contract (units.h): 0, -EINVAL or -ERANGE; on failure the result is
 * untouched and *why says what is accepted; on success the value is in the
 * documented range (or UNITS_NO_LIMIT where max is allowed), and the text
 * nstop shows for it (units_format_size, units_format_cpus, the kernel's
 * io.max form) parses back to the same value. A cpuset list that passes
 * is digits, commas and dashes only, as it is written to the kernel
 * verbatim. */
#include "config.h"

#include <inttypes.h>

#include "action/units.h"
#include "fuzz.h"

#define UNTOUCHED 0x5a5a5a5a5a5a5a5aULL

static void check_fail(int r, const char *why, uint64_t v)
{
        FUZZ_CHECK(r == -EINVAL || r == -ERANGE);
        FUZZ_CHECK(why != NULL && why[0] != '\0' && v == UNTOUCHED);
}

static void check_size(const char *s)
{
        uint64_t v = UNTOUCHED, back;
        const char *why = NULL;
        int r = units_parse_size(s, &v, &why);
        if (r < 0)
                return check_fail(r, why, v);
        FUZZ_CHECK(v == UNITS_NO_LIMIT || v <= UNITS_SIZE_MAX);
        char text[64];
        units_format_size(v, text, sizeof(text));
        FUZZ_CHECK(units_parse_size(text, &back, NULL) == 0 && back == v);
}

static void check_cpus(const char *s, uint64_t period)
{
        uint64_t q = UNTOUCHED, back;
        const char *why = NULL;
        int r = units_parse_cpus(s, period, &q, &why);
        if (r < 0)
                return check_fail(r, why, q);
        if (q == UNITS_NO_LIMIT)
                return;
        FUZZ_CHECK(q >= UNITS_CPU_QUOTA_MIN && q <= UNITS_CPUS_MAX * period);
        char text[64];
        units_format_cpus(q, period, text, sizeof(text));
        r = units_parse_cpus(text, period, &back, NULL);
        /* The text has at most 6 decimals, rounded down: it may come back
         * one microsecond short, exact when the period divides 10^6. */
        if (1000000 % period == 0)
                FUZZ_CHECK(r == 0 && back == q);
        else if (r == 0)
                FUZZ_CHECK(back <= q && back + 1 >= q);
        else
                FUZZ_CHECK(r == -ERANGE && q - 1 < UNITS_CPU_QUOTA_MIN);
}

static void check_count(int (*parse)(const char *, uint64_t *, const char **), const char *s, uint64_t min,
                        uint64_t max, bool max_ok)
{
        uint64_t v = UNTOUCHED, back;
        const char *why = NULL;
        int r = parse(s, &v, &why);
        if (r < 0)
                return check_fail(r, why, v);
        if (v == UNITS_NO_LIMIT) {
                FUZZ_CHECK(max_ok);
                return;
        }
        FUZZ_CHECK(v >= min && v <= max);
        char text[32];
        snprintf(text, sizeof(text), "%" PRIu64, v);
        FUZZ_CHECK(parse(text, &back, NULL) == 0 && back == v);
}

static void check_list(const char *s)
{
        const char *why = NULL;
        int r = units_parse_cpu_list(s, &why);
        if (r < 0)
                return check_fail(r, why, UNTOUCHED);
        FUZZ_CHECK(s[0] != '\0' && fuzz_only(s, strlen(s), "0123456789,-"));
        /* Each item N or A-B with A <= B, below 2^20. */
        for (const char *p = s;;) {
                size_t n = strcspn(p, ",");
                const char *dash = memchr(p, '-', n);
                uint64_t a, b;
                FUZZ_CHECK(fuzz_u64(p, dash ? (size_t)(dash - p) : n, &a));
                b = a;
                if (dash)
                        FUZZ_CHECK(fuzz_u64(dash + 1, n - (size_t)(dash - p) - 1, &b));
                FUZZ_CHECK(a <= b && b < 1048576);
                if (!p[n])
                        break;
                p += n + 1;
        }
}

static void check_io(const char *s)
{
        struct units_io_max io, back;
        const char *why = NULL;
        memset(&io, 0x5a, sizeof(io));
        int r = units_parse_io_max(s, &io, &why);
        if (r < 0) {
                FUZZ_CHECK(io.major == 0x5a5a5a5a);
                return check_fail(r, why, io.value[0]);
        }
        FUZZ_CHECK(io.major < 4096 && io.minor < 1048576);
        char text[256];
        int len = snprintf(text, sizeof(text), "%" PRIu32 ":%" PRIu32, io.major, io.minor);
        bool any = false;
        for (int k = 0; k < UNITS_IO_KEYS; k++) {
                if (!io.set[k])
                        continue;
                any = true;
                uint64_t v = io.value[k];
                bool bps = k == UNITS_IO_RBPS || k == UNITS_IO_WBPS;
                FUZZ_CHECK(v >= 2 && (v == UNITS_NO_LIMIT || v <= (bps ? UNITS_SIZE_MAX : UINT32_MAX)));
                char num[32];
                if (bps)
                        units_format_size(v, num, sizeof(num));
                else if (v == UNITS_NO_LIMIT)
                        snprintf(num, sizeof(num), "max");
                else
                        snprintf(num, sizeof(num), "%" PRIu64, v);
                len += snprintf(text + len, sizeof(text) - (size_t)len, " %s=%s", units_io_key_names[k], num);
        }
        FUZZ_CHECK(any);
        FUZZ_CHECK(units_parse_io_max(text, &back, NULL) == 0 && back.major == io.major && back.minor == io.minor);
        for (int k = 0; k < UNITS_IO_KEYS; k++)
                FUZZ_CHECK(back.set[k] == io.set[k] && (!io.set[k] || back.value[k] == io.value[k]));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *s = fuzz_strdup(data, size);
        if (!s)
                return 0;
        check_size(s);
        check_cpus(s, UNITS_CPU_PERIOD_DEFAULT);
        check_cpus(s, UNITS_CPU_PERIOD_MIN + (uint64_t)size * 7919 % (UNITS_CPU_PERIOD_MAX - UNITS_CPU_PERIOD_MIN + 1));
        uint64_t q = UNTOUCHED;
        const char *why = NULL;
        FUZZ_CHECK(units_parse_cpus(s, UNITS_CPU_PERIOD_MIN - 1, &q, &why) == -EINVAL && q == UNTOUCHED && why);
        check_count(units_parse_pids_max, s, 1, UNITS_PIDS_MAX, true);
        check_count(units_parse_cpu_weight, s, 1, 10000, false);
        check_count(units_parse_cpu_shares, s, 2, 262144, false);
        check_list(s);
        check_io(s);
        free(s);
        return 0;
}
