/* fuzz_cg_value.c: fuzz target for the single-value cgroupfs parsers of
 * sample/cgparse.h, all on the same bytes: cg_parse_value (memory.max,
 * pids.max, memory.current, cpuacct.usage...), cg_parse_cfs_quota (v1
 * cpu.cfs_quota_us), cg_parse_cpu_max (v2 cpu.max) and
 * cg_parse_freezer_state (v1 freezer.state).
 * Contract: one trailing newline allowed, nothing else around the value;
 * "max" (or -1 for the quota) is CG_NO_LIMIT, every number is below it;
 * a zero period is malformed; the kernel's form of a result parses back
 * to the same result; on failure the outputs are untouched. */
#include "config.h"

#include <inttypes.h>

#include "fuzz.h"
#include "sample/cgparse.h"

/* The text without its one trailing newline. */
static size_t stripped(const char *buf, size_t size)
{
        return size > 0 && buf[size - 1] == '\n' ? size - 1 : size;
}

/* A file holding one number or a word for "no limit". */
static void check_one(int r, uint64_t v, const char *buf, size_t size, const char *none)
{
        size_t n = stripped(buf, size);
        uint64_t x;
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        if (r < 0) {
                FUZZ_CHECK(v == 42);
                FUZZ_CHECK(!fuzz_tok_is(buf, n, none) && (!fuzz_u64(buf, n, &x) || x >= CG_NO_LIMIT));
                return;
        }
        if (v == CG_NO_LIMIT)
                FUZZ_CHECK(fuzz_tok_is(buf, n, none));
        else
                FUZZ_CHECK(v < CG_NO_LIMIT && fuzz_u64(buf, n, &x) && x == v);
}

static void check_cpu_max(const char *buf, size_t size)
{
        uint64_t quota = 42, period = 42;
        int r = cg_parse_cpu_max(buf, size, &quota, &period);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        if (r < 0) {
                FUZZ_CHECK(quota == 42 && period == 42);
                return;
        }
        FUZZ_CHECK(quota <= CG_NO_LIMIT && period > 0 && period < CG_NO_LIMIT);
        char text[64], q[24];
        snprintf(q, sizeof(q), "%" PRIu64, quota);
        int n = snprintf(text, sizeof(text), "%s %" PRIu64 "\n", quota == CG_NO_LIMIT ? "max" : q, period);
        uint64_t q2, p2;
        FUZZ_CHECK(n > 0 && cg_parse_cpu_max(text, (size_t)n, &q2, &p2) == 0 && q2 == quota && p2 == period);
}

static void check_freezer(const char *buf, size_t size)
{
        static const char *const names[] = {[CG_THAWED] = "THAWED", [CG_FREEZING] = "FREEZING",
                                            [CG_FROZEN] = "FROZEN"};
        enum cg_freezer st = (enum cg_freezer)42;
        int r = cg_parse_freezer_state(buf, size, &st);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        if (r < 0) {
                FUZZ_CHECK(st == (enum cg_freezer)42);
                return;
        }
        FUZZ_CHECK(st == CG_THAWED || st == CG_FREEZING || st == CG_FROZEN);
        FUZZ_CHECK(fuzz_tok_is(buf, stripped(buf, size), names[st]));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *buf = (const char *)data;
        uint64_t v = 42;
        int r = cg_parse_value(buf, size, &v);
        check_one(r, v, buf, size, "max");
        v = 42;
        r = cg_parse_cfs_quota(buf, size, &v);
        check_one(r, v, buf, size, "-1");
        check_cpu_max(buf, size);
        check_freezer(buf, size);
        return 0;
}
