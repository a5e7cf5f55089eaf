/* test_cgparse.c: table-driven tests of the cgroupfs parsers (sample/cgparse.h).
 *
 * Inputs are the files as the kernel prints them: v1 and v2 core files
 * copied from this hybrid 6.x host, and the v2 controller files it cannot
 * show (io.stat, memory.events, cpu.stat with the cpu controller, cpu.max)
 * written in the formats of Documentation/admin-guide/cgroup-v2.rst and the
 * kernel's seq_printf calls. Then hostile variants. Every parser reads its
 * input from a heap buffer of exactly the stated length with no NUL after
 * it, so a read past the end shows under --enable-sanitizers, and every
 * failure checks that the outputs were left untouched. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sample/cgparse.h"
#include "bytes.h"
#include "tap.h"


/* Test inputs are string literals; L(s) is the literal and its length
 * without the NUL, so embedded NULs count. */
#define L(s) s, sizeof(s) - 1

/* ---- cg_parse_value, cg_v1_limit ------------------------------------ */

static int value(const char *text, size_t len, uint64_t *ret)
{
        char *b = exact(text, len);
        int r = cg_parse_value(b, len, ret);
        free(b);
        return r;
}

static void value_ok(const char *name, const char *text, size_t len, uint64_t want)
{
        uint64_t v;
        memset(&v, POISON, sizeof(v));
        int r = value(text, len, &v);
        is_int(r, 0, nm("value %s: accepted", name));
        is_u64(v, want, nm("value %s: value", name));
}

static void value_bad(const char *name, const char *text, size_t len)
{
        uint64_t v;
        memset(&v, POISON, sizeof(v));
        int r = value(text, len, &v);
        ok(r == -EINVAL && all_poison(&v, sizeof(v)), nm("value %s: rejected, output untouched", name));
}

static void test_value(void)
{
        /* v2 */
        value_ok("memory.max unlimited", L("max\n"), CG_NO_LIMIT);
        value_ok("memory.max 512 MiB", L("536870912\n"), 536870912);
        value_ok("memory.current", L("217325568\n"), 217325568);
        value_ok("memory.swap.max", L("max\n"), CG_NO_LIMIT);
        value_ok("pids.max (also v1)", L("max\n"), CG_NO_LIMIT);
        value_ok("pids.max 100", L("100\n"), 100);
        value_ok("pids.current 0", L("0\n"), 0);
        value_ok("cpu.weight", L("100\n"), 100);
        /* v1 */
        value_ok("cpuacct.usage (ns)", L("1050825267041\n"), 1050825267041ull);
        value_ok("memory.limit_in_bytes unlimited", L("9223372036854771712\n"), 9223372036854771712ull);
        value_ok("cpu.shares", L("1024\n"), 1024);
        value_ok("no trailing newline", L("42"), 42);
        value_ok("max without newline", L("max"), CG_NO_LIMIT);
        value_ok("largest real value", L("18446744073709551613\n"), UINT64_MAX - 2);

        value_bad("empty", L(""));
        value_bad("newline only", L("\n"));
        value_bad("two newlines", L("5\n\n"));
        value_bad("leading blank", L(" 5\n"));
        value_bad("trailing blank", L("5 \n"));
        value_bad("negative", L("-1\n"));
        value_bad("sign", L("+1\n"));
        value_bad("hex", L("0x10\n"));
        value_bad("Max", L("Max\n"));
        value_bad("maxx", L("maxx\n"));
        value_bad("ma", L("ma"));
        value_bad("two numbers", L("1 2\n"));
        value_bad("decimal point", L("1.5\n"));
        value_bad("NUL inside", L("1\0002\n"));
        value_bad("CG_NO_LIMIT as a number", L("18446744073709551614\n"));
        value_bad("UINT64_MAX", L("18446744073709551615\n"));
        value_bad("overflow", L("18446744073709551616\n"));
        value_bad("CRLF", L("5\r\n"));

        /* The newline is stripped by length, not by searching: a prefix of
         * "123\n" is still a number. */
        uint64_t v = 0;
        char *b = exact("1234\n", 5);
        ok(cg_parse_value(b, 2, &v) == 0 && v == 12, "value: only len bytes are read");
        free(b);

        is_u64(cg_v1_limit(9223372036854771712ull), CG_NO_LIMIT, "v1 limit: 4 KiB-page sentinel");
        is_u64(cg_v1_limit(9223372036854710272ull), CG_NO_LIMIT, "v1 limit: 64 KiB-page sentinel");
        is_u64(cg_v1_limit(INT64_MAX), CG_NO_LIMIT, "v1 limit: LONG_MAX");
        is_u64(cg_v1_limit(CG_V1_UNLIMITED_MIN), CG_NO_LIMIT, "v1 limit: the threshold itself");
        is_u64(cg_v1_limit(CG_NO_LIMIT), CG_NO_LIMIT, "v1 limit: CG_NO_LIMIT stays");
        is_u64(cg_v1_limit(CG_V1_UNLIMITED_MIN - 1), CG_V1_UNLIMITED_MIN - 1, "v1 limit: just below");
        is_u64(cg_v1_limit(104857600), 104857600, "v1 limit: 100 MiB");
        is_u64(cg_v1_limit(0), 0, "v1 limit: 0 is a limit");
}

/* ---- cg_parse_keyed -------------------------------------------------- */

static int keyed(const char *text, size_t len, const char *const *keys, size_t nkeys, uint64_t *out)
{
        char *b = exact(text, len);
        int r = cg_parse_keyed(b, len, keys, nkeys, out);
        free(b);
        return r;
}

#define NOPE UINT64_MAX

static void keyed_ok(const char *name, const char *text, size_t len, const char *const *keys, size_t nkeys,
                     const uint64_t *want)
{
        uint64_t out[16];
        memset(out, POISON, sizeof(out));
        int r = keyed(text, len, keys, nkeys, out);
        is_int(r, 0, nm("keyed %s: accepted", name));
        for (size_t i = 0; i < nkeys; i++)
                is_u64(out[i], want[i], nm("keyed %s: %s", name, keys[i]));
        ok(all_poison(out + nkeys, sizeof(out) - nkeys * sizeof(out[0])),
           nm("keyed %s: nothing written past nkeys", name));
}

static void keyed_bad(const char *name, const char *text, size_t len, const char *const *keys, size_t nkeys)
{
        uint64_t out[16];
        memset(out, POISON, sizeof(out));
        int r = keyed(text, len, keys, nkeys, out);
        ok(r == -EINVAL && all_poison(out, sizeof(out)), nm("keyed %s: rejected, output untouched", name));
}

/* cpu.stat of a v2 cgroup with the cpu controller and a quota (6.x, with
 * CONFIG_SCHED_CORE), as cpu_stat_show and cpu_extra_stat_show print it. */
static const char CPU_STAT_V2[] = "usage_usec 60351892\n"
                                  "user_usec 59894313\n"
                                  "system_usec 457579\n"
                                  "nice_usec 0\n"
                                  "core_sched.force_idle_usec 0\n"
                                  "nr_periods 1206\n"
                                  "nr_throttled 1198\n"
                                  "throttled_usec 59726473\n"
                                  "nr_bursts 0\n"
                                  "burst_usec 0\n";
/* This host's /sys/fs/cgroup/unified/cpu.stat: no cpu controller. */
static const char CPU_STAT_V2_CORE[] = "usage_usec 1048370676\n"
                                       "user_usec 757476852\n"
                                       "system_usec 290893823\n"
                                       "nice_usec 0\n";
/* v1 cpu.stat (cpu controller) with throttling; times in ns. */
static const char CPU_STAT_V1[] = "nr_periods 2000\n"
                                  "nr_throttled 996\n"
                                  "throttled_time 49750128310\n"
                                  "nr_bursts 0\n"
                                  "burst_time 0\n";
static const char MEMORY_EVENTS[] = "low 0\nhigh 0\nmax 1532\noom 3\noom_kill 2\noom_group_kill 0\n";
static const char CGROUP_EVENTS_FROZEN[] = "populated 1\nfrozen 1\n";
static const char CGROUP_EVENTS_EMPTY[] = "populated 0\nfrozen 0\n";
static const char OOM_CONTROL[] = "oom_kill_disable 0\nunder_oom 0\noom_kill 4\n";
/* The start of this host's v1 memory.stat. */
static const char MEMORY_STAT_V1[] = "cache 9457664\n"
                                     "rss 3190784\n"
                                     "rss_huge 0\n"
                                     "shmem 9166848\n"
                                     "mapped_file 7028736\n"
                                     "dirty 12288\n"
                                     "writeback 0\n"
                                     "swap 0\n"
                                     "pgpgin 26675\n"
                                     "pgpgout 23587\n"
                                     "hierarchical_memory_limit 9223372036854771712\n"
                                     "hierarchical_memsw_limit 9223372036854771712\n"
                                     "total_cache 221810688\n"
                                     "total_rss 7380992\n";
/* The start of a v2 memory.stat. */
static const char MEMORY_STAT_V2[] = "anon 104996864\n"
                                     "file 1859584\n"
                                     "kernel 2482176\n"
                                     "kernel_stack 65536\n"
                                     "pagetables 339968\n"
                                     "sec_pagetables 0\n"
                                     "percpu 480\n"
                                     "sock 0\n"
                                     "vmalloc 0\n"
                                     "shmem 0\n"
                                     "zswap 0\n"
                                     "zswapped 0\n"
                                     "file_mapped 1216512\n";
/* This host's unified/cgroup.stat. */
static const char CGROUP_STAT[] = "nr_descendants 0\nnr_subsys_perf_event 1\nnr_subsys_hugetlb 1\n"
                                  "nr_dying_descendants 0\nnr_dying_subsys_perf_event 0\nnr_dying_subsys_hugetlb 0\n";

static void test_keyed(void)
{
        static const char *const cpu_keys[] = {"usage_usec", "user_usec", "system_usec", "nr_periods",
                                               "nr_throttled", "throttled_usec"};
        keyed_ok("v2 cpu.stat with throttling", L(CPU_STAT_V2), cpu_keys, 6,
                 (const uint64_t[]){60351892, 59894313, 457579, 1206, 1198, 59726473});
        keyed_ok("v2 cpu.stat without the cpu controller", L(CPU_STAT_V2_CORE), cpu_keys, 6,
                 (const uint64_t[]){1048370676, 757476852, 290893823, NOPE, NOPE, NOPE});
        static const char *const v1cpu_keys[] = {"nr_periods", "nr_throttled", "throttled_time"};
        keyed_ok("v1 cpu.stat", L(CPU_STAT_V1), v1cpu_keys, 3, (const uint64_t[]){2000, 996, 49750128310ull});
        static const char *const ev_keys[] = {"oom", "oom_kill", "max"};
        keyed_ok("memory.events", L(MEMORY_EVENTS), ev_keys, 3, (const uint64_t[]){3, 2, 1532});
        static const char *const cg_keys[] = {"populated", "frozen"};
        keyed_ok("cgroup.events frozen", L(CGROUP_EVENTS_FROZEN), cg_keys, 2, (const uint64_t[]){1, 1});
        keyed_ok("cgroup.events empty cgroup", L(CGROUP_EVENTS_EMPTY), cg_keys, 2, (const uint64_t[]){0, 0});
        static const char *const oom_keys[] = {"oom_kill_disable", "under_oom", "oom_kill"};
        keyed_ok("v1 memory.oom_control", L(OOM_CONTROL), oom_keys, 3, (const uint64_t[]){0, 0, 4});
        /* "rss" must not match "rss_huge" or "total_rss". */
        static const char *const ms1_keys[] = {"rss", "total_rss", "hierarchical_memory_limit", "swap", "mapped"};
        keyed_ok("v1 memory.stat, whole-key match", L(MEMORY_STAT_V1), ms1_keys, 5,
                 (const uint64_t[]){3190784, 7380992, 9223372036854771712ull, 0, NOPE});
        static const char *const ms2_keys[] = {"anon", "file", "shmem"};
        keyed_ok("v2 memory.stat", L(MEMORY_STAT_V2), ms2_keys, 3, (const uint64_t[]){104996864, 1859584, 0});
        static const char *const cs_keys[] = {"nr_descendants", "nr_dying_descendants"};
        keyed_ok("cgroup.stat", L(CGROUP_STAT), cs_keys, 2, (const uint64_t[]){0, 0});

        static const char *const ab[] = {"a", "b"};
        keyed_ok("empty file: all absent", L(""), ab, 2, (const uint64_t[]){NOPE, NOPE});
        keyed_ok("no keys asked", L("a 1\n"), ab, 0, NULL);
        keyed_ok("no trailing newline", L("a 1\nb 2"), ab, 2, (const uint64_t[]){1, 2});
        keyed_ok("blank lines and tabs", L("\n\na\t7\n  \nb  8\n"), ab, 2, (const uint64_t[]){7, 8});
        keyed_ok("first of a repeated key wins", L("a 1\na 2\n"), ab, 2, (const uint64_t[]){1, NOPE});
        keyed_ok("unknown keys are not checked", L("zzz not-a-number\nb 3\nweird\n"), ab, 2,
                 (const uint64_t[]){NOPE, 3});
        keyed_ok("key with NUL does not match", L("a\0 5\nb 1\n"), ab, 2, (const uint64_t[]){NOPE, 1});
        keyed_ok("proc-style \"key:\" does not match", L("a: 1\nb 2\n"), ab, 2, (const uint64_t[]){NOPE, 2});
        keyed_ok("largest value", L("a 18446744073709551614\n"), ab, 2, (const uint64_t[]){UINT64_MAX - 1, NOPE});

        keyed_bad("wanted key without value", L("a\nb 1\n"), ab, 2);
        keyed_bad("wanted key, negative", L("a -1\n"), ab, 2);
        keyed_bad("wanted key, two values", L("a 1 2\n"), ab, 2);
        keyed_bad("wanted key, garbage", L("a 1x\n"), ab, 2);
        keyed_bad("wanted key, UINT64_MAX (the absent marker)", L("a 18446744073709551615\n"), ab, 2);
        keyed_bad("wanted key, overflow", L("b 99999999999999999999\n"), ab, 2);
        keyed_bad("bad value after good ones", L("a 1\nb x\n"), ab, 2);
        keyed_bad("value cut by a NUL", L("a 1\0\n"), ab, 2);

        /* Every prefix of a real file parses or fails cleanly, in a buffer
         * of exactly that size. */
        bool fine = true;
        for (size_t n = 0; n <= sizeof(CPU_STAT_V2) - 1; n++) {
                uint64_t out[6];
                int r = keyed(CPU_STAT_V2, n, cpu_keys, 6, out);
                fine = fine && (r == 0 || r == -EINVAL);
        }
        ok(fine, "keyed: every prefix of cpu.stat parses or fails cleanly");
        uint64_t out[1];
        ok(keyed(CPU_STAT_V2, 14, cpu_keys, 1, out) == 0 && out[0] == 603,
           "keyed: a cut value is what len holds (usage_usec 603)");
}

/* ---- cpu.max, cfs_quota_us, freezer.state ---------------------------- */

static int cpu_max(const char *text, size_t len, uint64_t *q, uint64_t *p)
{
        char *b = exact(text, len);
        int r = cg_parse_cpu_max(b, len, q, p);
        free(b);
        return r;
}

static void cpu_max_ok(const char *name, const char *text, size_t len, uint64_t wq, uint64_t wp)
{
        uint64_t q, p;
        memset(&q, POISON, sizeof(q));
        memset(&p, POISON, sizeof(p));
        is_int(cpu_max(text, len, &q, &p), 0, nm("cpu.max %s: accepted", name));
        is_u64(q, wq, nm("cpu.max %s: quota", name));
        is_u64(p, wp, nm("cpu.max %s: period", name));
}

static void cpu_max_bad(const char *name, const char *text, size_t len)
{
        uint64_t q, p;
        memset(&q, POISON, sizeof(q));
        memset(&p, POISON, sizeof(p));
        int r = cpu_max(text, len, &q, &p);
        ok(r == -EINVAL && all_poison(&q, sizeof(q)) && all_poison(&p, sizeof(p)),
           nm("cpu.max %s: rejected, outputs untouched", name));
}

static int cfs_quota(const char *text, size_t len, uint64_t *ret)
{
        char *b = exact(text, len);
        int r = cg_parse_cfs_quota(b, len, ret);
        free(b);
        return r;
}

static int freezer(const char *text, size_t len, enum cg_freezer *ret)
{
        char *b = exact(text, len);
        int r = cg_parse_freezer_state(b, len, ret);
        free(b);
        return r;
}

static void test_cpu_limits(void)
{
        cpu_max_ok("default", L("max 100000\n"), CG_NO_LIMIT, 100000);
        cpu_max_ok("half a CPU", L("50000 100000\n"), 50000, 100000);
        cpu_max_ok("two CPUs, 10 ms period", L("20000 10000\n"), 20000, 10000);
        cpu_max_ok("no newline", L("max 100000"), CG_NO_LIMIT, 100000);

        cpu_max_bad("empty", L(""));
        cpu_max_bad("newline only", L("\n"));
        cpu_max_bad("quota only", L("max\n"));
        cpu_max_bad("number only", L("50000\n"));
        cpu_max_bad("period max", L("50000 max\n"));
        cpu_max_bad("period 0", L("50000 0\n"));
        cpu_max_bad("three fields", L("max 100000 0\n"));
        cpu_max_bad("negative quota", L("-1 100000\n"));
        cpu_max_bad("split by a newline", L("max\n100000\n"));
        cpu_max_bad("two newlines", L("max 100000\n\n"));
        cpu_max_bad("garbage", L("max 100000x\n"));
        cpu_max_bad("quota overflow", L("18446744073709551616 100000\n"));
        cpu_max_bad("NUL in period", L("max 100\0000\n"));

        uint64_t v;
        memset(&v, POISON, sizeof(v));
        ok(cfs_quota(L("-1\n"), &v) == 0 && v == CG_NO_LIMIT, "cfs_quota_us -1: no limit");
        ok(cfs_quota(L("50000\n"), &v) == 0 && v == 50000, "cfs_quota_us 50000");
        ok(cfs_quota(L("1000"), &v) == 0 && v == 1000, "cfs_quota_us without newline");
        static const struct {
                const char *name, *text;
        } quota_bad[] = {{"empty", ""}, {"-2", "-2\n"}, {"-", "-\n"}, {"--1", "--1\n"}, {"-1 twice", "-1-1\n"},
                         {"blank", " -1\n"}, {"max", "max\n"}, {"-0", "-0\n"}};
        for (size_t i = 0; i < N_ELEM(quota_bad); i++) {
                memset(&v, POISON, sizeof(v));
                int r = cfs_quota(quota_bad[i].text, strlen(quota_bad[i].text), &v);
                ok(r == -EINVAL && all_poison(&v, sizeof(v)),
                   nm("cfs_quota_us %s: rejected, output untouched", quota_bad[i].name));
        }

        enum cg_freezer f;
        ok(freezer(L("THAWED\n"), &f) == 0 && f == CG_THAWED, "freezer.state THAWED");
        ok(freezer(L("FREEZING\n"), &f) == 0 && f == CG_FREEZING, "freezer.state FREEZING");
        ok(freezer(L("FROZEN\n"), &f) == 0 && f == CG_FROZEN, "freezer.state FROZEN");
        ok(freezer(L("FROZEN"), &f) == 0 && f == CG_FROZEN, "freezer.state without newline");
        static const char *const fr_bad[] = {"", "\n", "frozen\n", "FROZE\n", "FROZENX\n", "FROZEN\n\n",
                                             " FROZEN\n", "THAWED FROZEN\n", "1\n"};
        for (size_t i = 0; i < N_ELEM(fr_bad); i++) {
                memset(&f, POISON, sizeof(f));
                int r = freezer(fr_bad[i], strlen(fr_bad[i]), &f);
                ok(r == -EINVAL && all_poison(&f, sizeof(f)),
                   nm("freezer.state bad #%zu: rejected, output untouched", i));
        }
}

/* ---- io.stat and blkio ----------------------------------------------- */

typedef int (*io_fn)(const char *, size_t, struct cg_io_dev *, size_t, size_t *, uint64_t *, uint64_t *);

struct io_res {
        int r;
        size_t n;
        uint64_t rb, wb;
        struct cg_io_dev devs[4];
};

static struct io_res io_run(io_fn fn, const char *text, size_t len, size_t max)
{
        struct io_res x;
        memset(&x, POISON, sizeof(x));
        char *b = exact(text, len);
        x.r = fn(b, len, x.devs, max, &x.n, &x.rb, &x.wb);
        free(b);
        return x;
}

static bool dev_is(const struct cg_io_dev *d, uint32_t ma, uint32_t mi, uint64_t r, uint64_t w)
{
        return d->major == ma && d->minor == mi && d->rbytes == r && d->wbytes == w;
}

static void io_bad(io_fn fn, const char *what, const char *name, const char *text, size_t len)
{
        struct io_res x = io_run(fn, text, len, 4);
        ok(x.r == -EINVAL && all_poison(&x.n, sizeof(x) - offsetof(struct io_res, n)),
           nm("%s %s: rejected, outputs untouched", what, name));
}

/* The example of cgroup-v2.rst. */
static const char IO_STAT_DOC[] = "8:16 rbytes=1459200 wbytes=314773504 rios=192 wios=353 dbytes=0 dios=0\n"
                                  "8:0 rbytes=90430464 wbytes=299008000 rios=8950 wios=1252 dbytes=50331648 dios=3021\n";
/* With io.latency (depth, avg_lat, win), blkcg debug stats (use_delay,
 * delay_nsec) and iocost (cost.*, a decimal vrate) appended. */
static const char IO_STAT_EXTRA[] =
        "259:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0 use_delay=0 delay_nsec=0 depth=max "
        "avg_lat=0 win=0 cost.vrate=100.00 cost.usage=25 cost.wait=0 cost.indebt=0 cost.indelay=0\n"
        "253:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0 depth=1 avg_lat=1234 win=100\n";

static void test_io_stat(void)
{
        io_fn fn = cg_parse_io_stat;
        struct io_res x = io_run(fn, L(IO_STAT_DOC), 4);
        is_int(x.r, 0, "io.stat doc example: accepted");
        is_int(x.n, 2, "io.stat doc example: 2 devices");
        ok(dev_is(&x.devs[0], 8, 16, 1459200, 314773504), "io.stat doc example: 8:16");
        ok(dev_is(&x.devs[1], 8, 0, 90430464, 299008000), "io.stat doc example: 8:0");
        is_u64(x.rb, 1459200ull + 90430464, "io.stat doc example: rbytes total");
        is_u64(x.wb, 314773504ull + 299008000, "io.stat doc example: wbytes total");
        ok(all_poison(&x.devs[2], 2 * sizeof(x.devs[0])), "io.stat doc example: nothing past n written");

        x = io_run(fn, L(IO_STAT_EXTRA), 4);
        ok(x.r == 0 && x.n == 2 && dev_is(&x.devs[0], 259, 0, 4096, 8192) && dev_is(&x.devs[1], 253, 0, 1, 2) &&
                   x.rb == 4097 && x.wb == 8194,
           "io.stat with io.latency and iocost keys");

        x = io_run(fn, L(IO_STAT_DOC), 1);
        ok(x.r == 0 && x.n == 1 && dev_is(&x.devs[0], 8, 16, 1459200, 314773504) &&
                   x.rb == 1459200ull + 90430464 && x.wb == 314773504ull + 299008000 &&
                   all_poison(&x.devs[1], sizeof(x.devs[1])),
           "io.stat max 1: one listed, both summed");
        x = io_run(fn, L(IO_STAT_DOC), 0);
        ok(x.r == 0 && x.n == 0 && x.rb == 1459200ull + 90430464 && all_poison(x.devs, sizeof(x.devs)),
           "io.stat max 0: totals only");
        size_t n;
        uint64_t rb, wb;
        char *b = exact(L(IO_STAT_DOC));
        ok(cg_parse_io_stat(b, sizeof(IO_STAT_DOC) - 1, NULL, 0, &n, &rb, &wb) == 0 && n == 0 &&
                   wb == 314773504ull + 299008000,
           "io.stat devs NULL: totals only");
        free(b);

        x = io_run(fn, L(""), 4);
        ok(x.r == 0 && x.n == 0 && x.rb == 0 && x.wb == 0, "io.stat empty file (no I/O yet)");
        x = io_run(fn, L("8:0 rbytes=1 wbytes=2 rios=1 wios=1 dbytes=0 dios=0"), 4);
        ok(x.r == 0 && x.n == 1 && dev_is(&x.devs[0], 8, 0, 1, 2), "io.stat no trailing newline");
        x = io_run(fn, L("8:0 wbytes=2 rbytes=1\n"), 4);
        ok(x.r == 0 && dev_is(&x.devs[0], 8, 0, 1, 2), "io.stat keys in another order");
        x = io_run(fn, L("8:0 rbytes=1 wbytes=2\n8:16 rbytes=5 wbytes=5\n8:0 rbytes=10 wbytes=20\n"), 4);
        ok(x.r == 0 && x.n == 2 && dev_is(&x.devs[0], 8, 0, 11, 22) && dev_is(&x.devs[1], 8, 16, 5, 5) &&
                   x.rb == 16 && x.wb == 27,
           "io.stat a repeated device is merged");
        x = io_run(fn, L("4294967295:4294967295 rbytes=0 wbytes=0\n"), 4);
        ok(x.r == 0 && dev_is(&x.devs[0], UINT32_MAX, UINT32_MAX, 0, 0), "io.stat largest device numbers");
        x = io_run(fn, L("8:0 rbytes=18446744073709551615 wbytes=0\n"), 4);
        ok(x.r == 0 && x.rb == UINT64_MAX, "io.stat a counter at UINT64_MAX");

        static const struct {
                const char *name, *text;
        } bad[] = {
                {"no device", "rbytes=1 wbytes=2\n"},
                {"device without minor", "8 rbytes=1 wbytes=2\n"},
                {"device 8:", "8: rbytes=1 wbytes=2\n"},
                {"device :0", ":0 rbytes=1 wbytes=2\n"},
                {"device name", "sda rbytes=1 wbytes=2\n"},
                {"major too big", "4294967296:0 rbytes=1 wbytes=2\n"},
                {"device only", "8:0\n"},
                {"no wbytes", "8:0 rbytes=1 rios=1\n"},
                {"no rbytes", "8:0 wbytes=1\n"},
                {"rbytes twice", "8:0 rbytes=1 rbytes=2 wbytes=1\n"},
                {"rbytes negative", "8:0 rbytes=-1 wbytes=1\n"},
                {"rbytes empty", "8:0 rbytes= wbytes=1\n"},
                {"rbytes decimal", "8:0 rbytes=1.5 wbytes=1\n"},
                {"token without =", "8:0 rbytes=1 wbytes=1 junk\n"},
                {"=value", "8:0 rbytes=1 wbytes=1 =3\n"},
                {"key=", "8:0 rbytes=1 wbytes=1 rios=\n"},
                {"bad second line", "8:0 rbytes=1 wbytes=1\nx\n"},
                {"total overflows", "8:0 rbytes=18446744073709551615 wbytes=0\n8:1 rbytes=1 wbytes=0\n"},
        };
        for (size_t i = 0; i < N_ELEM(bad); i++)
                io_bad(fn, "io.stat", bad[i].name, bad[i].text, strlen(bad[i].text));
        io_bad(fn, "io.stat", "NUL in a value", L("8:0 rbytes=1\0 wbytes=1\n"));

        bool fine = true;
        for (size_t len = 0; len <= sizeof(IO_STAT_EXTRA) - 1; len++) {
                x = io_run(fn, IO_STAT_EXTRA, len, 4);
                fine = fine && (x.r == 0 || x.r == -EINVAL) && (x.r < 0 || x.n <= 2);
        }
        ok(fine, "io.stat: every prefix parses or fails cleanly");
}

/* blkio.throttle.io_service_bytes as blkcg_print_rwstat prints it (4.19+:
 * with Discard), two devices. */
static const char BLKIO_BYTES[] = "8:0 Read 1478656\n"
                                  "8:0 Write 4096\n"
                                  "8:0 Sync 1482752\n"
                                  "8:0 Async 0\n"
                                  "8:0 Discard 0\n"
                                  "8:0 Total 1482752\n"
                                  "253:0 Read 1064960\n"
                                  "253:0 Write 16384\n"
                                  "253:0 Sync 1081344\n"
                                  "253:0 Async 0\n"
                                  "253:0 Discard 0\n"
                                  "253:0 Total 1081344\n"
                                  "Total 2564096\n";
/* Before 4.19 there was no Discard line. */
static const char BLKIO_BYTES_OLD[] = "8:0 Read 512\n8:0 Write 1024\n8:0 Sync 1536\n8:0 Async 0\n8:0 Total 1536\n"
                                      "Total 1536\n";

static void test_blkio(void)
{
        io_fn fn = cg_parse_blkio_bytes;
        struct io_res x = io_run(fn, L(BLKIO_BYTES), 4);
        is_int(x.r, 0, "blkio two devices: accepted");
        is_int(x.n, 2, "blkio two devices: 2 listed");
        ok(dev_is(&x.devs[0], 8, 0, 1478656, 4096), "blkio two devices: 8:0");
        ok(dev_is(&x.devs[1], 253, 0, 1064960, 16384), "blkio two devices: 253:0");
        is_u64(x.rb, 1478656ull + 1064960, "blkio two devices: Read total");
        is_u64(x.wb, 4096ull + 16384, "blkio two devices: Write total");

        x = io_run(fn, L(BLKIO_BYTES), 1);
        ok(x.r == 0 && x.n == 1 && dev_is(&x.devs[0], 8, 0, 1478656, 4096) && x.rb == 1478656ull + 1064960 &&
                   all_poison(&x.devs[1], sizeof(x.devs[1])),
           "blkio max 1: first listed, both summed");
        x = io_run(fn, L(BLKIO_BYTES_OLD), 4);
        ok(x.r == 0 && x.n == 1 && dev_is(&x.devs[0], 8, 0, 512, 1024) && x.rb == 512 && x.wb == 1024,
           "blkio without Discard (before 4.19)");
        x = io_run(fn, L("Total 0\n"), 4);
        ok(x.r == 0 && x.n == 0 && x.rb == 0 && x.wb == 0, "blkio \"Total 0\" (this host, no I/O)");
        x = io_run(fn, L(""), 4);
        ok(x.r == 0 && x.n == 0 && x.rb == 0 && x.wb == 0, "blkio empty file");
        x = io_run(fn, L("8:0 Sync 5\n8:0 Total 5\nTotal 5\n"), 4);
        ok(x.r == 0 && x.n == 0 && x.rb == 0 && x.wb == 0, "blkio only Sync/Total: no Read/Write device listed");
        x = io_run(fn, L("8:0 Write 7\n8:0 Frobnicate 3\n"), 4);
        ok(x.r == 0 && x.n == 1 && dev_is(&x.devs[0], 8, 0, 0, 7), "blkio unknown operation ignored");
        x = io_run(fn, L("8:0 Read 1\n8:16 Read 2\n8:0 Write 3\n"), 4);
        ok(x.r == 0 && x.n == 2 && dev_is(&x.devs[0], 8, 0, 1, 3) && dev_is(&x.devs[1], 8, 16, 2, 0),
           "blkio a device's lines need not be adjacent");

        static const struct {
                const char *name, *text;
        } bad[] = {
                {"Total without number", "Total\n"},
                {"Total garbage", "Total x\n"},
                {"Total two numbers", "Total 1 2\n"},
                {"device name", "sda Read 1\n"},
                {"no operation", "8:0\n"},
                {"no value", "8:0 Read\n"},
                {"negative", "8:0 Read -1\n"},
                {"extra field", "8:0 Read 1 2\n"},
                {"bad value in unknown op", "8:0 Frobnicate x\n"},
                {"garbage line", "hello world\n"},
                {"Read overflows", "8:0 Read 18446744073709551615\n8:16 Read 1\n"},
        };
        for (size_t i = 0; i < N_ELEM(bad); i++)
                io_bad(fn, "blkio", bad[i].name, bad[i].text, strlen(bad[i].text));

        bool fine = true;
        for (size_t len = 0; len <= sizeof(BLKIO_BYTES) - 1; len++) {
                x = io_run(fn, BLKIO_BYTES, len, 4);
                fine = fine && (x.r == 0 || x.r == -EINVAL);
        }
        ok(fine, "blkio: every prefix parses or fails cleanly");
}

/* ---- io.max and blkio.throttle.*_device ------------------------------ */

#define NL CG_NO_LIMIT

struct lim_res {
        int r;
        size_t n;
        struct cg_io_limits devs[3];
};

/* key CG_IO_KEYS: cg_parse_io_max; else cg_parse_blkio_throttle(key). */
static struct lim_res lim_run(int key, const char *text, size_t len, size_t max)
{
        struct lim_res x;
        memset(&x, POISON, sizeof(x));
        char *b = exact(text, len);
        x.r = key == CG_IO_KEYS ? cg_parse_io_max(b, len, x.devs, max, &x.n)
                                : cg_parse_blkio_throttle(b, len, (enum cg_io_key)key, x.devs, max, &x.n);
        free(b);
        return x;
}

static bool lim_is(const struct cg_io_limits *d, uint32_t ma, uint32_t mi, uint64_t rbps, uint64_t wbps,
                   uint64_t riops, uint64_t wiops)
{
        return d->major == ma && d->minor == mi && d->limit[CG_IO_RBPS] == rbps && d->limit[CG_IO_WBPS] == wbps &&
               d->limit[CG_IO_RIOPS] == riops && d->limit[CG_IO_WIOPS] == wiops;
}

static void lim_bad(int key, const char *what, const char *name, const char *text, size_t len)
{
        struct lim_res x = lim_run(key, text, len, 3);
        ok(x.r == -EINVAL && all_poison(&x.n, sizeof(x) - offsetof(struct lim_res, n)),
           nm("%s %s: rejected, outputs untouched", what, name));
}

/* As blk-throttle's tg_prfill_limit prints io.max: every key, "max" for
 * none, one line per device with a limit. */
static const char IO_MAX[] = "8:16 rbps=2097152 wbps=max riops=max wiops=120\n"
                             "8:0 rbps=max wbps=max riops=1000 wiops=max\n";
/* Keys a later kernel might add are skipped: here io.low's idle= and
 * latency= (the same line format, in another file). */
static const char IO_MAX_LOW[] = "253:0 rbps=1048576 wbps=max riops=max wiops=max idle=200 latency=max\n";

static void test_io_max(void)
{
        int k = CG_IO_KEYS;
        struct lim_res x = lim_run(k, L(IO_MAX), 3);
        is_int(x.r, 0, "io.max two devices: accepted");
        is_int(x.n, 2, "io.max two devices: 2 listed");
        ok(lim_is(&x.devs[0], 8, 16, 2097152, NL, NL, 120), "io.max two devices: 8:16 rbps and wiops");
        ok(lim_is(&x.devs[1], 8, 0, NL, NL, 1000, NL), "io.max two devices: 8:0 riops");
        ok(all_poison(&x.devs[2], sizeof(x.devs[2])), "io.max two devices: nothing past n written");

        x = lim_run(k, L(IO_MAX_LOW), 3);
        ok(x.r == 0 && x.n == 1 && lim_is(&x.devs[0], 253, 0, 1048576, NL, NL, NL),
           "io.max other keys (idle=, latency=) skipped");
        x = lim_run(k, L(""), 3);
        ok(x.r == 0 && x.n == 0 && all_poison(x.devs, sizeof(x.devs)), "io.max empty file: no device limited");
        x = lim_run(k, L("\n"), 3);
        ok(x.r == 0 && x.n == 0, "io.max a blank line");
        x = lim_run(k, L("8:0 wiops=5 rbps=4096"), 3);
        ok(x.r == 0 && x.n == 1 && lim_is(&x.devs[0], 8, 0, 4096, NL, NL, 5),
           "io.max keys in another order, some left out (no limit), no newline");
        x = lim_run(k, L("8:0 rbps=0 wbps=18446744073709551613 riops=max wiops=max\n"), 3);
        ok(x.r == 0 && lim_is(&x.devs[0], 8, 0, 0, UINT64_MAX - 2, NL, NL),
           "io.max 0 and the largest value below CG_NO_LIMIT are limits");
        x = lim_run(k, L("4294967295:4294967295 rbps=2\n"), 3);
        ok(x.r == 0 && lim_is(&x.devs[0], UINT32_MAX, UINT32_MAX, 2, NL, NL, NL), "io.max largest device numbers");
        x = lim_run(k, L(IO_MAX), 1);
        ok(x.r == 0 && x.n == 1 && lim_is(&x.devs[0], 8, 16, 2097152, NL, NL, 120) &&
                   all_poison(&x.devs[1], 2 * sizeof(x.devs[0])),
           "io.max max 1: the first listed");
        x = lim_run(k, L("8:0 rbps=2\n8:0 wbps=3\n"), 3);
        ok(x.r == 0 && x.n == 2 && lim_is(&x.devs[0], 8, 0, 2, NL, NL, NL) && lim_is(&x.devs[1], 8, 0, NL, 3, NL, NL),
           "io.max a device on two lines: listed twice");
        size_t n = 42;
        char *b = exact(L(IO_MAX));
        ok(cg_parse_io_max(b, sizeof(IO_MAX) - 1, NULL, 3, &n) == 0 && n == 0, "io.max devs NULL: checked, 0 listed");
        free(b);

        static const struct {
                const char *name, *text;
        } bad[] = {
                {"no device", "rbps=1\n"},
                {"device name", "sda rbps=1\n"},
                {"device 8:", "8: rbps=1\n"},
                {"device only", "8:0\n"},
                {"no known key", "8:0 idle=200 latency=max\n"},
                {"rbps twice", "8:0 rbps=1 rbps=2\n"},
                {"rbps negative", "8:0 rbps=-1\n"},
                {"rbps empty", "8:0 rbps=\n"},
                {"rbps decimal", "8:0 rbps=1.5\n"},
                {"rbps with a unit", "8:0 rbps=1M\n"},
                {"rbps MAX", "8:0 rbps=MAX\n"},
                {"rbps at CG_NO_LIMIT", "8:0 rbps=18446744073709551614\n"},
                {"rbps above 64 bits", "8:0 rbps=18446744073709551616\n"},
                {"token without =", "8:0 rbps=1 junk\n"},
                {"=value", "8:0 rbps=1 =3\n"},
                {"bad second line", "8:0 rbps=1\nx\n"},
        };
        for (size_t i = 0; i < N_ELEM(bad); i++)
                lim_bad(k, "io.max", bad[i].name, bad[i].text, strlen(bad[i].text));
        lim_bad(k, "io.max", "NUL in a value", L("8:0 rbps=1\0 wbps=1\n"));

        bool fine = true;
        for (size_t len = 0; len <= sizeof(IO_MAX_LOW) - 1; len++) {
                x = lim_run(k, IO_MAX_LOW, len, 3);
                fine = fine && (x.r == 0 || x.r == -EINVAL) && (x.r < 0 || x.n <= 1);
        }
        ok(fine, "io.max: every prefix parses or fails cleanly");
}

static void test_blkio_throttle(void)
{
        /* As blkio.throttle.write_bps_device prints: throttled devices only. */
        size_t n;
        struct lim_res x = lim_run(CG_IO_WBPS, L("8:0 1048576\n253:0 2097152\n"), 3);
        is_int(x.r, 0, "blkio throttle wbps: accepted");
        ok(x.n == 2 && lim_is(&x.devs[0], 8, 0, NL, 1048576, NL, NL) && lim_is(&x.devs[1], 253, 0, NL, 2097152, NL, NL),
           "blkio throttle wbps: the key's limit, no limit on the others");
        static const int keys[] = {CG_IO_RBPS, CG_IO_RIOPS, CG_IO_WIOPS};
        for (size_t i = 0; i < N_ELEM(keys); i++) {
                x = lim_run(keys[i], L("8:16 300\n"), 3);
                ok(x.r == 0 && x.n == 1 && x.devs[0].major == 8 && x.devs[0].minor == 16 &&
                           x.devs[0].limit[keys[i]] == 300 && x.devs[0].limit[(keys[i] + 1) % CG_IO_KEYS] == NL,
                   nm("blkio throttle key %d: into limit[%d]", keys[i], keys[i]));
        }
        x = lim_run(CG_IO_RBPS, L("8:0 0\n"), 3);
        ok(x.r == 0 && x.n == 1 && lim_is(&x.devs[0], 8, 0, NL, NL, NL, NL), "blkio throttle 0 (v1's \"none\"): no limit");
        x = lim_run(CG_IO_RIOPS, L(""), 3);
        ok(x.r == 0 && x.n == 0, "blkio throttle empty file: none throttled");
        x = lim_run(CG_IO_RIOPS, L("8:0 5\n8:16 6\n8:32 7\n"), 2);
        ok(x.r == 0 && x.n == 2 && x.devs[1].minor == 16 && all_poison(&x.devs[2], sizeof(x.devs[2])),
           "blkio throttle max 2: the first two listed");

        static const struct {
                const char *name, *text;
        } bad[] = {
                {"device only", "8:0\n"},
                {"max (v1 has none)", "8:0 max\n"},
                {"two values", "8:0 1 2\n"},
                {"negative", "8:0 -1\n"},
                {"device name", "sda 1\n"},
                {"key=value", "8:0 rbps=1\n"},
                {"at CG_NO_LIMIT", "8:0 18446744073709551614\n"},
                {"bad second line", "8:0 1\n8:16\n"},
        };
        for (size_t i = 0; i < N_ELEM(bad); i++)
                lim_bad(CG_IO_WIOPS, "blkio throttle", bad[i].name, bad[i].text, strlen(bad[i].text));
        lim_bad(-1, "blkio throttle", "key -1", L("8:0 1\n"));
        struct cg_io_limits d;
        memset(&d, POISON, sizeof(d));
        n = 42;
        ok(cg_parse_blkio_throttle("8:0 1\n", 6, CG_IO_KEYS, &d, 1, &n) == -EINVAL && n == 42 &&
                   all_poison(&d, sizeof(d)),
           "blkio throttle key CG_IO_KEYS: rejected, outputs untouched");

        bool fine = true;
        static const char text[] = "8:0 1048576\n253:0 2097152\n";
        for (size_t len = 0; len <= sizeof(text) - 1; len++) {
                x = lim_run(CG_IO_RBPS, text, len, 3);
                fine = fine && (x.r == 0 || x.r == -EINVAL) && (x.r < 0 || x.n <= 2);
        }
        ok(fine, "blkio throttle: every prefix parses or fails cleanly");
}

/* ---- pressure -------------------------------------------------------- */

static int pressure(const char *text, size_t len, struct cg_pressure *ret)
{
        char *b = exact(text, len);
        int r = cg_parse_pressure(b, len, ret);
        free(b);
        return r;
}

static bool psi_is(const struct cg_psi_line *l, double a10, double a60, double a300, uint64_t total)
{
        return l->present && l->avg10 > a10 - 0.001 && l->avg10 < a10 + 0.001 && l->avg60 > a60 - 0.001 &&
               l->avg60 < a60 + 0.001 && l->avg300 > a300 - 0.001 && l->avg300 < a300 + 0.001 &&
               l->total_usec == total;
}

static void test_pressure(void)
{
        struct cg_pressure p;
        /* This host's unified/cpu.pressure and io.pressure. */
        memset(&p, POISON, sizeof(p));
        int r = pressure(L("some avg10=1.07 avg60=0.83 avg300=0.89 total=75562430\n"
                           "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"),
                         &p);
        is_int(r, 0, "cpu.pressure: accepted");
        ok(psi_is(&p.some, 1.07, 0.83, 0.89, 75562430), "cpu.pressure: some");
        ok(psi_is(&p.full, 0, 0, 0, 0), "cpu.pressure: full (present, zero)");
        r = pressure(L("some avg10=12.50 avg60=4.06 avg300=0.07 total=4721733\n"
                       "full avg10=100.00 avg60=99.99 avg300=0.01 total=18446744073709551615\n"),
                     &p);
        ok(r == 0 && psi_is(&p.some, 12.5, 4.06, 0.07, 4721733) &&
                   psi_is(&p.full, 100, 99.99, 0.01, UINT64_MAX),
           "io.pressure with full stalls");
        memset(&p, POISON, sizeof(p));
        r = pressure(L("some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"), &p);
        ok(r == 0 && psi_is(&p.some, 0, 0, 0, 0) && !p.full.present,
           "cpu.pressure before 5.13: some only, full absent");
        r = pressure(L("full avg10=0.00 avg60=0.00 avg300=0.00 total=9\nsome avg10=0.00 avg60=0.00 avg300=0.00 total=8"),
                     &p);
        ok(r == 0 && p.some.total_usec == 8 && p.full.total_usec == 9, "pressure: full first, no newline");
        r = pressure(L("some total=5 avg300=3.00 avg60=2.00 avg10=1.00 extra=x\nstall avg10=junk\n"), &p);
        ok(r == 0 && psi_is(&p.some, 1, 2, 3, 5) && !p.full.present,
           "pressure: fields in any order; unknown fields and lines ignored");

        static const struct {
                const char *name, *text;
        } bad[] = {
                {"empty", ""},
                {"cgroup.pressure (a 0/1 switch, not stats)", "1\n"},
                {"full only", "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"},
                {"no total", "some avg10=0.00 avg60=0.00 avg300=0.00\n"},
                {"no avg300", "some avg10=0.00 avg60=0.00 total=0\n"},
                {"field twice", "some avg10=0.00 avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"},
                {"some twice", "some avg10=0 avg60=0 avg300=0 total=0\nsome avg10=0 avg60=0 avg300=0 total=0\n"},
                {"negative avg", "some avg10=-1.00 avg60=0.00 avg300=0.00 total=0\n"},
                {"avg with exponent", "some avg10=1e2 avg60=0.00 avg300=0.00 total=0\n"},
                {"avg two dots", "some avg10=1.0.0 avg60=0.00 avg300=0.00 total=0\n"},
                {"avg empty", "some avg10= avg60=0.00 avg300=0.00 total=0\n"},
                {"avg just a dot", "some avg10=. avg60=0.00 avg300=0.00 total=0\n"},
                {"avg too long", "some avg10=000000000000000000000000000000001.00 avg60=0 avg300=0 total=0\n"},
                {"total decimal", "some avg10=0.00 avg60=0.00 avg300=0.00 total=1.5\n"},
                {"total overflow", "some avg10=0.00 avg60=0.00 avg300=0.00 total=18446744073709551616\n"},
                {"token without =", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0 junk\n"},
                {"=value", "some =1 avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"},
                {"bad full after good some",
                 "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=x avg60=0.00 avg300=0.00 total=0\n"},
        };
        for (size_t i = 0; i < N_ELEM(bad); i++) {
                memset(&p, POISON, sizeof(p));
                r = pressure(bad[i].text, strlen(bad[i].text), &p);
                ok(r == -EINVAL && all_poison(&p, sizeof(p)),
                   nm("pressure %s: rejected, output untouched", bad[i].name));
        }
        memset(&p, POISON, sizeof(p));
        r = pressure(L("some avg10=1.0\0002 avg60=0.00 avg300=0.00 total=0\n"), &p);
        ok(r == -EINVAL && all_poison(&p, sizeof(p)), "pressure NUL inside an avg: rejected");

        static const char full[] = "some avg10=1.07 avg60=0.83 avg300=0.89 total=75562430\n"
                                   "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";
        bool fine = true;
        for (size_t len = 0; len <= sizeof(full) - 1; len++) {
                r = pressure(full, len, &p);
                fine = fine && (r == 0 || r == -EINVAL);
        }
        ok(fine, "pressure: every prefix parses or fails cleanly");
}

/* ---- cg_parse_words -------------------------------------------------- */

struct words {
        char joined[256];
        int count;
};

static void collect(const char *w, size_t n, void *ctx)
{
        struct words *x = ctx;
        size_t used = strlen(x->joined);
        if (used + n + 2 < sizeof(x->joined)) {
                if (x->count++)
                        x->joined[used++] = '|';
                memcpy(x->joined + used, w, n);
                x->joined[used + n] = '\0';
        }
}

static int words(const char *text, size_t len, struct words *x)
{
        memset(x, 0, sizeof(*x));
        char *b = exact(text, len);
        int r = cg_parse_words(b, len, collect, x);
        free(b);
        return r;
}

static void test_words(void)
{
        struct words x;
        ok(words(L("cpuset cpu io memory hugetlb pids rdma misc\n"), &x) == 0 && x.count == 8 &&
                   strcmp(x.joined, "cpuset|cpu|io|memory|hugetlb|pids|rdma|misc") == 0,
           "words: v2 cgroup.controllers of a full host");
        ok(words(L("hugetlb\n"), &x) == 0 && x.count == 1 && strcmp(x.joined, "hugetlb") == 0,
           "words: this host's unified cgroup.controllers");
        ok(words(L("\n"), &x) == 0 && x.count == 0, "words: empty cgroup.subtree_control");
        ok(words(L(""), &x) == 0 && x.count == 0, "words: empty buffer");
        ok(words(L("  cpu   memory "), &x) == 0 && x.count == 2 && strcmp(x.joined, "cpu|memory") == 0,
           "words: runs of spaces, no newline");
        ok(words(L("cpu\tmemory\n"), &x) == -EINVAL && x.count == 0, "words: tab rejected before any call");
        ok(words(L("cpu\nmemory\n"), &x) == -EINVAL && x.count == 0, "words: newline inside rejected");
        ok(words(L("cpu\n\n"), &x) == -EINVAL && x.count == 0, "words: two newlines rejected");
        ok(words(L("cpu \x1b[2J\n"), &x) == -EINVAL && x.count == 0, "words: escape sequence rejected");
        ok(words(L("cpu\x7f\n"), &x) == -EINVAL && x.count == 0, "words: DEL rejected");
        ok(words(L("cpu\0io\n"), &x) == -EINVAL && x.count == 0, "words: NUL rejected");
        ok(words(L("cpu\r\n"), &x) == -EINVAL && x.count == 0, "words: CR rejected");
        ok(words("cpu memory", 5, &x) == 0 && x.count == 2 && strcmp(x.joined, "cpu|m") == 0,
           "words: only len bytes are read");
}

/* ---- hierarchy names ------------------------------------------------- */

static int hname(const char *opts, char *out, size_t outsz)
{
        size_t len = strlen(opts);
        char *b = exact(opts, len);
        int r = cg_v1_hierarchy_name(b, len, out, outsz);
        free(b);
        return r;
}

static void hname_ok(const char *opts, const char *want)
{
        char out[128];
        int r = hname(opts, out, sizeof(out));
        is_int(r, 0, nm("hierarchy name of \"%s\": accepted", opts));
        if (r == 0)
                is_str(out, want, nm("hierarchy name of \"%s\"", opts));
}

static void hname_bad(const char *opts, size_t outsz)
{
        char out[128];
        memset(out, POISON, sizeof(out));
        int r = hname(opts, out, outsz);
        ok(r == -EINVAL && all_poison(out, sizeof(out)),
           nm("hierarchy name of \"%s\" in %zu bytes: rejected, out untouched", opts, outsz));
}

static void test_hierarchy_names(void)
{
        /* This host's mountinfo super options. */
        hname_ok("rw,cpu", "cpu");
        hname_ok("rw,cpuacct", "cpuacct");
        hname_ok("rw,cpuset", "cpuset");
        hname_ok("rw,memory", "memory");
        hname_ok("rw,devices", "devices");
        hname_ok("rw,freezer", "freezer");
        hname_ok("rw,blkio", "blkio");
        hname_ok("rw,pids", "pids");
        hname_ok("rw,name=systemd", "name=systemd");
        /* systemd hosts with v1. */
        hname_ok("rw,xattr,name=systemd", "name=systemd");
        hname_ok("rw,cpu,cpuacct", "cpu,cpuacct");
        hname_ok("rw,net_cls,net_prio", "net_cls,net_prio");
        hname_ok("rw,perf_event", "perf_event");
        hname_ok("rw,hugetlb", "hugetlb");
        hname_ok("rw,rdma", "rdma");
        hname_ok("rw,misc", "misc");
        hname_ok("rw,debug", "debug");
        hname_ok("ro,cpuset,noprefix,release_agent=/sbin/agent", "cpuset");
        hname_ok("rw,cpuset,cpuset_v2_mode,clone_children", "cpuset");
        hname_ok("rw,cpu,cpuacct,name=mixed", "cpu,cpuacct,name=mixed");
        hname_ok("rw,favordynmods,name=my.tree-1_x", "name=my.tree-1_x");
        hname_ok("cpu", "cpu");
        char out[16];
        ok(hname("rw,cpu,cpuacct", out, 12) == 0 && strcmp(out, "cpu,cpuacct") == 0,
           "hierarchy name: exactly fits with its NUL");

        /* v2 mounts have no controller options: the caller names them. */
        hname_bad("rw,nsdelegate,memory_recursiveprot", 128);
        hname_bad("rw", 128);
        hname_bad("rw,cpuset_v2_mode", 128);
        hname_bad("", 128);
        hname_bad(",,,", 128);
        hname_bad("rw,name=", 128);
        hname_bad("rw,name=a b", 128);
        hname_bad("rw,name=a:b", 128);
        hname_bad("rw,name", 128);
        hname_bad("rw,CPU,Memory,cpux,xcpu", 128);
        hname_bad("rw,cpu,cpuacct", 11);
        hname_bad("rw,cpu", 3);
        hname_bad("rw,cpu", 0);
        ok(cg_v1_hierarchy_name("rw,cpu,cpuacct", 6, out, sizeof(out)) == 0 && strcmp(out, "cpu") == 0,
           "hierarchy name: only len bytes are read");

        static const struct {
                const char *a, *b;
                bool same;
        } same[] = {
                {"cpu,cpuacct", "cpu,cpuacct", true},
                {"cpu,cpuacct", "cpuacct,cpu", true},
                {"name=systemd", "name=systemd", true},
                {"cpu,cpuacct,name=x", "name=x,cpuacct,cpu", true},
                {"cpu", "cpu,cpu", true},
                {"cpu,,cpuacct", "cpuacct,cpu,", true},
                {"", "", true},
                {"cpu", "cpuacct", false},
                {"cpu", "cpu,cpuacct", false},
                {"cpu,cpuacct", "cpu", false},
                {"cpu", "", false},
                {"", "cpu", false},
                {"net_cls,net_prio", "net_cls", false},
                {"cpua", "cpu", false},
                {"name=systemd", "systemd", false},
        };
        for (size_t i = 0; i < N_ELEM(same); i++) {
                size_t la = strlen(same[i].a), lb = strlen(same[i].b);
                char *a = exact(same[i].a, la), *b = exact(same[i].b, lb);
                ok(cg_same_hierarchy(a, la, b, lb) == same[i].same,
                   nm("same hierarchy \"%s\" vs \"%s\": %s", same[i].a, same[i].b, same[i].same ? "yes" : "no"));
                free(a);
                free(b);
        }
        ok(cg_same_hierarchy("cpu,cpuacct", 3, "cpu", 3), "same hierarchy: only len bytes are read");
}

int main(void)
{
        test_value();
        test_keyed();
        test_cpu_limits();
        test_io_stat();
        test_blkio();
        test_io_max();
        test_blkio_throttle();
        test_pressure();
        test_words();
        test_hierarchy_names();
        return tap_done();
}
