/* fuzz_cg_keyed.c: fuzz target for cg_parse_keyed, the flat-keyed
 * cgroupfs files: cpu.stat (v1 and v2), memory.stat, memory.events,
 * cgroup.events, memory.oom_control; the same bytes are parsed with the
 * keys nstop asks each file for.
 * Contract (cgparse.h), checked against an independent reading: a wanted
 * key's line is "KEY NUMBER" with NUMBER below UINT64_MAX, else the file is
 * malformed; the first such line gives the value; keys not found are
 * UINT64_MAX; other lines are ignored; on failure out is untouched. */
#include "config.h"

#include "fuzz.h"
#include "sample/cgparse.h"

enum { KEYS_MAX = 4 };

static const char *const key_sets[][KEYS_MAX + 1] = {
        {"usage_usec", "nr_periods", "nr_throttled", "throttled_usec", NULL}, /* v2 cpu.stat */
        {"nr_periods", "nr_throttled", NULL},                                 /* v1 cpu.stat */
        {"throttled_time", NULL},                                             /* v1 cpu.stat, ns */
        {"oom", "oom_kill", NULL},                                            /* memory.events */
        {"oom_kill", NULL},                                                   /* memory.oom_control */
        {"populated", "frozen", NULL},                                        /* cgroup.events */
        {"anon", "file", "cache", "rss", NULL},                               /* memory.stat v2, v1 */
};

/* What the file should give for keys[0..nkeys): 0 and want[], or -EINVAL. */
static int expected(const char *buf, size_t size, const char *const *keys, size_t nkeys, uint64_t *want)
{
        struct fuzz_cur c = {buf, buf + size}, line;
        for (size_t i = 0; i < nkeys; i++)
                want[i] = UINT64_MAX;
        while (fuzz_line(&c, &line)) {
                const char *t;
                size_t n, i;
                uint64_t v;
                if (!fuzz_tok(&line, &t, &n))
                        continue;
                for (i = 0; i < nkeys && !fuzz_tok_is(t, n, keys[i]); i++)
                        ;
                if (i == nkeys)
                        continue;
                if (!fuzz_tok(&line, &t, &n) || !fuzz_u64(t, n, &v) || v == UINT64_MAX || fuzz_tok(&line, &t, &n))
                        return -EINVAL;
                if (want[i] == UINT64_MAX)
                        want[i] = v;
        }
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *buf = (const char *)data;
        for (size_t s = 0; s < sizeof(key_sets) / sizeof(key_sets[0]); s++) {
                const char *const *keys = key_sets[s];
                size_t nkeys = 0;
                while (keys[nkeys])
                        nkeys++;
                uint64_t out[KEYS_MAX], want[KEYS_MAX];
                for (size_t i = 0; i < KEYS_MAX; i++)
                        out[i] = 42;
                int r = cg_parse_keyed(buf, size, keys, nkeys, out);
                int e = expected(buf, size, keys, nkeys, want);
                FUZZ_CHECK(r == e);
                for (size_t i = 0; i < KEYS_MAX; i++)
                        FUZZ_CHECK(r < 0 || i >= nkeys ? out[i] == 42 : out[i] == want[i]);
        }
        return 0;
}
