/* test_limits.c: planning and writing cgroup limits (src/action/limits.c,
 * limitsplan.c) on snapshots of the fixture hosts.
 *
 * Usage: test_limits V2_SYSROOT V1_SYSROOT HYBRID_SYSROOT (test_limits.sh
 * builds them as writable copies of tests/fixtures/{v2,v1,hybrid}). The
 * copies' cgroup files are regular files, so limit_apply() writes into
 * them and the test reads them back. It checks, for each field, exactly
 * which files and strings are planned: v2 files on the v2 host, v1 files
 * (memsw as memory + swap, in an order the kernel accepts) on the v1 host
 * and on the hybrid host's v1 hierarchies; where a field is not available
 * and why (not enabled + the offer to enable, root, no memory.high, no
 * memsw, no such cgroup or hierarchy); bad values and devices refused with
 * nothing planned; a refused write reported with the applied fields.
 * IO max: the form's text from the fixtures' io.max and blkio.throttle
 * files, which keys an edit writes (only the changed ones on the same
 * device), the per-device rows the sampler makes (absent, no limit,
 * unknown), and every field read back by a fresh snapshot after a write. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "action/limits.h"
#include "model/cgtree.h"
#include "sample/sampler.h"
#include "tap.h"

#define DOCKER "/system.slice/docker-6c1023e61bef1777d6d3e79986fb3c455d563fa4869f44691eb02d852c38b933.scope"
#define CG "/sys/fs/cgroup"

static const char *v2_root, *v1_root, *hybrid_root;

struct form {
        char cur[LIM_COUNT][128];
        const char *old[LIM_COUNT], *now[LIM_COUNT];
};

static struct snapshot *take(const char *root)
{
        struct sampler_config cfg = {.sysroot = root, .ns_max_age = 60};
        struct sampler *sm = NULL;
        struct snapshot *s = NULL;
        char *cause = NULL;
        if (sampler_new(&cfg, &sm, &cause) < 0 || sampler_take(sm, &s, &cause) < 0) {
                printf("# cannot sample %s: %s\n", root, cause ? cause : "?");
                s = NULL;
        }
        free(cause);
        sampler_free(sm);
        return s;
}

/* The target of the cgroup at path in hierarchy hier; false when missing. */
static bool target(const struct snapshot *s, const char *root, const char *hier, const char *path,
                   struct limit_target *t)
{
        uint32_t h = cg_find_hier(s, hier), c = h == IDX_NONE ? IDX_NONE : cg_find(s, h, path);
        if (c == IDX_NONE) {
                printf("# no cgroup %s in %s\n", path, hier);
                return false;
        }
        return limit_target_of(s, c, root, t) == 0;
}

/* The form as limit_current fills it, every field unchanged. */
static void fill(struct form *fm, const struct snapshot *s, const struct limit_target *t)
{
        for (int f = 0; f < LIM_COUNT; f++) {
                limit_current(s, t, (enum limit_field)f, fm->cur[f], sizeof(fm->cur[f]));
                fm->old[f] = fm->now[f] = fm->cur[f];
        }
}

static char *joined(const char *a, const char *b)
{
        char *p = NULL;
        return asprintf(&p, "%s%s", a, b) < 0 ? NULL : p;
}

/* The file's content without its trailing newline (static buffer). */
static const char *slurp(const char *root, const char *rel)
{
        static char buf[512];
        char *path = joined(root, rel);
        int fd = path ? open(path, O_RDONLY) : -1;
        ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
        if (fd >= 0)
                close(fd);
        free(path);
        buf[n < 0 ? 0 : n] = '\0';
        if (n > 0 && buf[n - 1] == '\n')
                buf[n - 1] = '\0';
        return n < 0 ? "(unreadable)" : buf;
}

/* want: pairs of file (relative to root) and value, then NULL. */
static void expect_plan(const struct limit_plan *p, const char *root, const char *const *want, const char *name)
{
        size_t n = 0;
        while (want[2 * n])
                n++;
        char label[256];
        snprintf(label, sizeof(label), "%s: %zu writes", name, n);
        is_int(p->n, n, label);
        for (size_t i = 0; i < n && i < p->n; i++) {
                char *file = joined(root, want[2 * i]);
                snprintf(label, sizeof(label), "%s: write %zu to %s", name, i + 1, want[2 * i]);
                is_str(p->w[i].file, file, label);
                snprintf(label, sizeof(label), "%s: write %zu is '%s'", name, i + 1, want[2 * i + 1]);
                is_str(p->w[i].value, want[2 * i + 1], label);
                free(file);
        }
}

/* A check that r is 0, printing the cause when it is not. */
static bool is_zero(int r, const char *name, const char *cause)
{
        if (!ok(r == 0, name))
                printf("#   got %d: %s\n", r, cause ? cause : "(no cause)");
        return r == 0;
}

/* Plans fm; the return value, with the cause printed when it fails. */
static int plan(const struct limit_target *t, const struct form *fm, const char *root, struct limit_plan *p,
                char **cause)
{
        free(*cause);
        *cause = NULL;
        return limit_plan_make(t, fm->old, fm->now, root, p, cause);
}

/* A fresh snapshot of root after writes: the form of the cgroup at path
 * in hierarchy hier shows want, field by field. */
static void read_back(const char *root, const char *hier, const char *path, const char *const want[LIM_COUNT],
                      const char *name)
{
        struct snapshot *s = take(root);
        struct limit_target t;
        char label[160];
        snprintf(label, sizeof(label), "%s: a fresh snapshot and target", name);
        if (!ok(s && target(s, root, hier, path, &t), label)) {
                snapshot_free(s);
                return;
        }
        char out[128];
        for (int f = 0; f < LIM_COUNT; f++) {
                limit_current(s, &t, (enum limit_field)f, out, sizeof(out));
                snprintf(label, sizeof(label), "%s: %s reads '%s'", name, limit_fields[f].name, want[f]);
                is_str(out, want[f], label);
        }
        limit_target_free(&t);
        snapshot_free(s);
}

/* The IO rows of the cgroup at path in hierarchy hier (NULL when there
 * is no such cgroup), and their number. */
static const struct cg_io_dev_rec *io_rows(const struct snapshot *s, const char *hier, const char *path,
                                           uint32_t *n)
{
        uint32_t h = cg_find_hier(s, hier), c = h == IDX_NONE ? IDX_NONE : cg_find(s, h, path);
        *n = 0;
        if (c == IDX_NONE) {
                printf("# no cgroup %s in %s\n", path, hier);
                return NULL;
        }
        *n = s->cgroups[c].io_dev_count;
        return &s->cg_io_devs[s->cgroups[c].io_dev_first];
}

/* Row i is device major:minor with the four limits want (bytes/s, IOs/s,
 * or U64_NO_LIMIT, U64_ABSENT, U64_UNKNOWN). */
static void expect_row(const struct cg_io_dev_rec *rows, uint32_t n, uint32_t i, uint32_t major, uint32_t minor,
                       const uint64_t want[IO_LIM_COUNT], const char *name)
{
        static const char *const keys[IO_LIM_COUNT] = {"rbps", "wbps", "riops", "wiops"};
        char label[192];
        snprintf(label, sizeof(label), "%s: row %u is %u:%u", name, (unsigned)i + 1, (unsigned)major,
                 (unsigned)minor);
        if (!ok(rows && i < n && rows[i].major == major && rows[i].minor == minor, label))
                return;
        for (int k = 0; k < IO_LIM_COUNT; k++) {
                snprintf(label, sizeof(label), "%s: %u:%u %s", name, (unsigned)major, (unsigned)minor, keys[k]);
                is_u64(rows[i].limit[k], want[k], label);
        }
}

#define NOLIM U64_NO_LIMIT

/* ---- v2 ---- */

static void v2_current(const struct snapshot *s, const struct limit_target *t)
{
        static const char *const want[LIM_COUNT] = {"512M", "max", "512M", "0.5", "20", "100",
                                                    "8:0 rbps=64M wbps=max riops=max wiops=100", "1", "0"};
        char out[128], name[96];
        for (int f = 0; f < LIM_COUNT; f++) {
                limit_current(s, t, (enum limit_field)f, out, sizeof(out));
                snprintf(name, sizeof(name), "v2 current %s", limit_fields[f].name);
                is_str(out, want[f], name);
        }
        limit_current(s, t, LIM_MEMORY_MAX, out, 3);
        is_str(out, "51", "v2 current: cut to the buffer");
}

static void v2_target(const struct limit_target *t)
{
        char *dir = joined(v2_root, CG DOCKER), *parent = joined(v2_root, CG "/system.slice");
        bool all = true;
        for (int f = 0; f < LIM_COUNT; f++)
                all = all && t->dir[f] && strcmp(t->dir[f], dir) == 0 && !t->why_not[f] && !t->enable_offer[f] &&
                      t->file_version[f] == 2;
        ok(all, "v2 target: every field in the cgroup's own directory, v2 files");
        is_int(t->version, 2, "v2 target: version 2");
        is_str(t->path, DOCKER, "v2 target: path");
        is_str(t->parent_dir, parent, "v2 target: parent directory for enabling");
        is_u64(t->mem_usage, 104857600, "v2 target: memory usage from memory.current");
        is_u64(t->cpu_period_usec, 100000, "v2 target: the CPU period");
        free(dir);
        free(parent);
}

static void v2_plan_all(const struct snapshot *s, const struct limit_target *t, char **cause)
{
        struct form fm;
        struct limit_plan p;
        fill(&fm, s, t);
        is_int(plan(t, &fm, v2_root, &p, cause), 0, "v2: an unchanged form plans");
        is_int(p.n, 0, "v2: an unchanged form writes nothing");
        limit_plan_free(&p);

        /* IO max: every key of 8:0 changed (64M, max, max, 100 before). */
        const char *now[LIM_COUNT] = {"  256M ", "200M", "1G", "1.5", "50", "20",
                                      "8:0 rbps=32M wbps=16M riops=500 wiops=max", "0", "\t0 "};
        memcpy(fm.now, now, sizeof(now));
        is_int(plan(t, &fm, v2_root, &p, cause), 0, "v2: every field changed plans");
        static const char *const want[] = {
                CG DOCKER "/memory.max", "268435456",  CG DOCKER "/memory.high", "209715200",
                CG DOCKER "/memory.swap.max", "1073741824", CG DOCKER "/cpu.max", "150000 100000",
                CG DOCKER "/cpu.weight", "50",          CG DOCKER "/pids.max", "20",
                CG DOCKER "/io.max", "8:0 rbps=33554432 wbps=16777216 riops=500 wiops=max",
                CG DOCKER "/cpuset.cpus", "0",
                NULL};
        expect_plan(&p, v2_root, want, "v2 all fields");
        ok(!p.memory_below_usage, "v2: 256M and 200M are above the 100M in use: no warning");
        is_int(limit_apply(&p, cause), 8, "v2: apply writes 8 files");
        static const char *const files[][2] = {
                {"memory.max", "268435456"}, {"memory.high", "209715200"}, {"memory.swap.max", "1073741824"},
                {"cpu.max", "150000 100000"}, {"cpu.weight", "50"},       {"pids.max", "20"},
                {"io.max", "8:0 rbps=33554432 wbps=16777216 riops=500 wiops=max"}, {"cpuset.cpus", "0"},
        };
        char rel[512], name[128];
        for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
                snprintf(rel, sizeof(rel), CG DOCKER "/%s", files[i][0]);
                snprintf(name, sizeof(name), "v2: %s reads back '%s'", files[i][0], files[i][1]);
                is_str(slurp(v2_root, rel), files[i][1], name);
        }
        limit_plan_free(&p);
        /* cpuset cpus shows cpuset.cpus.effective, which only a kernel
         * would recompute: the copy's stays at 1. */
        static const char *const back[LIM_COUNT] = {"256M", "200M", "1G", "1.5", "50", "20",
                                                    "8:0 rbps=32M wbps=16M riops=500 wiops=max", "1", "0"};
        read_back(v2_root, "unified", DOCKER, back, "v2 read back");
}

static void v2_plan_more(const struct snapshot *s, const struct limit_target *t, char **cause)
{
        struct form fm;
        struct limit_plan p;
        fill(&fm, s, t);
        fm.now[LIM_MEMORY_MAX] = "64M";
        fm.now[LIM_CPU_MAX] = "max";
        fm.now[LIM_PIDS_MAX] = "unlimited";
        fm.now[LIM_IO_MAX] = "8:0 wbps=max rbps=2 riops=max";
        is_int(plan(t, &fm, v2_root, &p, cause), 0, "v2: max values plan");
        static const char *const want[] = {CG DOCKER "/memory.max", "67108864", CG DOCKER "/cpu.max", "max 100000",
                                           CG DOCKER "/pids.max", "max",
                                           CG DOCKER "/io.max", "8:0 rbps=2", NULL};
        /* wbps and riops were max already: only rbps is written. */
        expect_plan(&p, v2_root, want, "v2 max values");
        ok(p.memory_below_usage, "v2: 64M is below the 100M in use: the UI warns");
        limit_plan_free(&p);

        fill(&fm, s, t);
        fm.now[LIM_MEMORY_HIGH] = "50M";
        is_int(plan(t, &fm, v2_root, &p, cause), 0, "v2: memory high below usage plans");
        ok(p.memory_below_usage, "v2: a memory high below usage warns too");
        limit_plan_free(&p);
}

/* A refused plan: the error, the cause's words, and ret untouched. */
static void refuse(const struct limit_target *t, const struct form *fm, const char *root, int err, const char *words,
                   const char *name)
{
        struct limit_plan p = {.n = 4242};
        char *cause = NULL, label[192];
        int r = limit_plan_make(t, fm->old, fm->now, root, &p, &cause);
        snprintf(label, sizeof(label), "%s: refused (%d)", name, err);
        is_int(r, err, label);
        snprintf(label, sizeof(label), "%s: cause has \"%s\"", name, words);
        if (!ok(cause && strstr(cause, words), label))
                printf("#   cause: %s\n", cause ? cause : "(null)");
        snprintf(label, sizeof(label), "%s: nothing planned", name);
        ok(p.n == 4242 && !p.w, label);
        free(cause);
}

static void v2_bad_values(const struct snapshot *s, const struct limit_target *t)
{
        static const struct {
                enum limit_field f;
                const char *value, *words;
                int err;
        } bad[] = {
                {LIM_MEMORY_MAX, "abc", "memory max: 'abc' is not a size", -EINVAL},
                {LIM_MEMORY_MAX, "-1", "memory max: '-1' is not a size", -EINVAL},
                {LIM_MEMORY_MAX, "99999999T", "memory max: '99999999T' is too large", -EINVAL},
                {LIM_SWAP_MAX, "5X", "swap max: '5X' is not a size; use", -EINVAL},
                {LIM_CPU_MAX, "0.001", "CPU max: '0.001' is out of range", -EINVAL},
                {LIM_CPU_WEIGHT, "0", "CPU weight: '0' is not a weight; use 1 to 10000", -EINVAL},
                {LIM_PIDS_MAX, "-1", "pids max: '-1' is not a number of processes", -EINVAL},
                {LIM_CPUSET_CPUS, "3-1", "cpuset cpus: '3-1' is not a list", -EINVAL},
                {LIM_IO_MAX, "8:0", "IO max: '8:0' is not an IO limit", -EINVAL},
                {LIM_IO_MAX, "8:99 rbps=1M", "IO max: no block device 8:99 (no ", -ENOENT},
                {LIM_IO_MAX, "8:1 rbps=1M", "IO max: 8:1 is a partition", -EINVAL},
        };
        struct form fm;
        char name[128];
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                fill(&fm, s, t);
                /* A good change before the bad one is not planned either. */
                fm.now[LIM_MEMORY_HIGH] = "300M";
                fm.now[bad[i].f] = bad[i].value;
                snprintf(name, sizeof(name), "v2 bad %s '%s'", limit_fields[bad[i].f].name, bad[i].value);
                refuse(t, &fm, v2_root, bad[i].err, bad[i].words, name);
        }
        is_str(slurp(v2_root, CG DOCKER "/memory.high"), "209715200", "v2 bad values: memory.high was not written");
}

/* One IO max edit on the form as sampled: the writes planned (want, as
 * expect_plan), and with apply, each file read back after limit_apply. */
static void io_case(const struct snapshot *s, const struct limit_target *t, const char *root, const char *text,
                    const char *const *want, bool apply, const char *name)
{
        struct form fm;
        struct limit_plan p;
        char *cause = NULL, label[192];
        fill(&fm, s, t);
        fm.now[LIM_IO_MAX] = text;
        snprintf(label, sizeof(label), "%s: '%s' plans", name, text);
        if (!is_zero(plan(t, &fm, root, &p, &cause), label, cause)) {
                free(cause);
                return;
        }
        expect_plan(&p, root, want, name);
        if (apply) {
                size_t n = 0;
                while (want[2 * n])
                        n++;
                snprintf(label, sizeof(label), "%s: applied", name);
                is_int(limit_apply(&p, &cause), (int)n, label);
                for (size_t i = 0; i < n; i++) {
                        snprintf(label, sizeof(label), "%s: %s reads back '%s'", name, want[2 * i], want[2 * i + 1]);
                        is_str(slurp(root, want[2 * i]), want[2 * i + 1], label);
                }
        }
        limit_plan_free(&p);
        free(cause);
}

/* Which io.max keys an edit writes. The form shows 8:0 with rbps=64M
 * wbps=max riops=max wiops=100 (8:16 has riops=200 too). */
static void v2_io_keys(const struct snapshot *s, const struct limit_target *t)
{
        struct form fm;
        fill(&fm, s, t);
        is_str(fm.cur[LIM_IO_MAX], "8:0 rbps=64M wbps=max riops=max wiops=100", "v2 IO: the form's text");
        static const char *const none[] = {NULL};
        io_case(s, t, v2_root, fm.cur[LIM_IO_MAX], none, false, "v2 IO unchanged");
        io_case(s, t, v2_root, " 8:0 rbps=64M wbps=max riops=max wiops=100\t", none, false,
                "v2 IO unchanged but for blanks");
        io_case(s, t, v2_root, "8:0 wiops=100 riops=max rbps=67108864", none, false,
                "v2 IO retyped: other order, bytes for 64M, wbps left out");
        static const char *const wbps[] = {CG DOCKER "/io.max", "8:0 wbps=8388608", NULL};
        io_case(s, t, v2_root, "8:0 rbps=64M wbps=8M riops=max wiops=100", wbps, true, "v2 IO wbps changed");
        static const char *const riops[] = {CG DOCKER "/io.max", "8:0 riops=300", NULL};
        io_case(s, t, v2_root, "8:0 riops=300", riops, false, "v2 IO one key typed, the others left out");
        static const char *const other[] = {CG DOCKER "/io.max", "8:16 rbps=67108864 wbps=max riops=max wiops=100",
                                            NULL};
        io_case(s, t, v2_root, "8:16 rbps=64M wbps=max riops=max wiops=100", other, false,
                "v2 IO same values on another device: every key");
        static const char *const two[] = {CG DOCKER "/io.max", "8:16 rbps=1048576 wiops=max", NULL};
        io_case(s, t, v2_root, "8:16 rbps=1M wiops=max", two, false, "v2 IO another device: the keys typed");
        static const char *const major[] = {CG DOCKER "/io.max", "253:0 wiops=100", NULL};
        io_case(s, t, v2_root, "253:0 wiops=100", major, false, "v2 IO another major, 8:0's wiops: written");

        fill(&fm, s, t);
        fm.now[LIM_IO_MAX] = "";
        refuse(t, &fm, v2_root, -EINVAL, "IO max: '' is not an IO limit", "v2 IO cleared");
}

/* The rows the sampler made, on the first snapshot of the fixture. */
static void v2_io_rows(const struct snapshot *s)
{
        uint32_t n;
        const struct cg_io_dev_rec *r = io_rows(s, "unified", DOCKER, &n);
        /* 8:0 and 253:0 from io.stat, then 8:16 from io.max alone. */
        is_int(n, 3, "v2 docker rows: 3 devices");
        static const uint64_t d80[] = {67108864, NOLIM, NOLIM, 100}, d253[] = {NOLIM, NOLIM, NOLIM, NOLIM},
                              d816[] = {NOLIM, NOLIM, 200, NOLIM};
        expect_row(r, n, 0, 8, 0, d80, "v2 docker rows");
        expect_row(r, n, 1, 253, 0, d253, "v2 docker rows: not in io.max, so no limit");
        expect_row(r, n, 2, 8, 16, d816, "v2 docker rows: only in io.max");
        if (n == 3)
                ok(r[2].rbytes == 0 && r[2].wbytes == 0, "v2 docker rows: 8:16 did no IO");

        /* system.slice has IO (io.stat) and an empty io.max. */
        r = io_rows(s, "unified", "/system.slice", &n);
        is_int(n, 2, "v2 system.slice rows: 2 devices");
        expect_row(r, n, 0, 8, 0, d253, "v2 empty io.max: no limit");
        expect_row(r, n, 1, 253, 0, d253, "v2 empty io.max: no limit");

        /* The root has io.stat but no io.max. */
        r = io_rows(s, "unified", "/", &n);
        is_int(n, 2, "v2 root rows: 2 devices");
        static const uint64_t absent[] = {U64_ABSENT, U64_ABSENT, U64_ABSENT, U64_ABSENT};
        expect_row(r, n, 0, 8, 0, absent, "v2 root: no io.max, limits absent");
        expect_row(r, n, 1, 253, 0, absent, "v2 root: no io.max, limits absent");
}

/* io.max that cannot be read (a directory: EISDIR, even for root): every
 * limit unknown, and the form shows nothing rather than a guess. */
static void v2_io_unreadable(void)
{
        char *io = joined(v2_root, CG DOCKER "/io.max");
        ok(io && unlink(io) == 0 && mkdir(io, 0755) == 0, "v2 unreadable: io.max made a directory");
        struct snapshot *s = take(v2_root);
        struct limit_target t;
        if (ok(s && target(s, v2_root, "unified", DOCKER, &t), "v2 unreadable: snapshot and target")) {
                uint32_t n;
                const struct cg_io_dev_rec *r = io_rows(s, "unified", DOCKER, &n);
                is_int(n, 2, "v2 unreadable: the 2 devices of io.stat");
                static const uint64_t unknown[] = {U64_UNKNOWN, U64_UNKNOWN, U64_UNKNOWN, U64_UNKNOWN};
                expect_row(r, n, 0, 8, 0, unknown, "v2 unreadable: limits unknown");
                expect_row(r, n, 1, 253, 0, unknown, "v2 unreadable: limits unknown");
                char out[128] = "x";
                limit_current(s, &t, LIM_IO_MAX, out, sizeof(out));
                is_str(out, "", "v2 unreadable: IO max shows nothing");
                limit_current(s, &t, LIM_PIDS_MAX, out, sizeof(out));
                is_str(out, "20", "v2 unreadable: the other fields still show");
                limit_target_free(&t);
        }
        snapshot_free(s);
        if (io)
                rmdir(io);
        free(io);
}

static void v2_not_enabled(const struct snapshot *s, char **cause)
{
        struct limit_target t;
        const char *path = "/user.slice/user-1000.slice/session-2.scope";
        if (!ok(target(s, v2_root, "unified", path, &t), "v2 session-2.scope: target"))
                return;
        ok(t.dir[LIM_MEMORY_MAX] && t.dir[LIM_PIDS_MAX], "v2 not enabled: memory and pids are here");
        ok(!t.dir[LIM_CPU_MAX] && !t.dir[LIM_CPU_WEIGHT] && !t.dir[LIM_IO_MAX], "v2 not enabled: cpu and io are not");
        is_str(t.why_not[LIM_CPU_MAX],
               "the cpu controller is not enabled here (enable it in the parent's cgroup.subtree_control)",
               "v2 not enabled: why not, for cpu");
        ok(t.enable_offer[LIM_CPU_MAX] && t.enable_offer[LIM_CPU_WEIGHT] && t.enable_offer[LIM_IO_MAX],
           "v2 not enabled: offer to enable cpu and io (the parent has them)");
        ok(!t.enable_offer[LIM_CPUSET_CPUS] && t.why_not[LIM_CPUSET_CPUS] &&
                   strstr(t.why_not[LIM_CPUSET_CPUS], "nor for the parent"),
           "v2 not enabled: no offer for cpuset, which the parent lacks too");
        struct form fm;
        struct limit_plan p;
        fill(&fm, s, &t);
        is_str(fm.cur[LIM_CPU_MAX], "", "v2 not enabled: the form shows nothing for cpu");
        fm.now[LIM_CPU_MAX] = "0.5";
        refuse(&t, &fm, v2_root, -EOPNOTSUPP, "CPU max: cannot be set here: the cpu controller is not enabled",
               "v2 not enabled: a cpu change");

        char *want = joined(v2_root, CG "/user.slice/user-1000.slice");
        is_str(t.parent_dir, want, "v2 not enabled: the parent's directory");
        free(want);
        is_int(limit_enable_controller(t.parent_dir, limit_fields[LIM_CPU_MAX].controller, cause), 0,
               "v2 enable: written");
        is_str(slurp(v2_root, CG "/user.slice/user-1000.slice/cgroup.subtree_control"), "+cpu",
               "v2 enable: '+cpu' in the parent's cgroup.subtree_control");
        is_int(limit_enable_controller("/nonexistent-nstop", "io", cause), -ENOENT, "v2 enable: no such parent");
        ok(*cause && strstr(*cause, "writing '+io' to /nonexistent-nstop/cgroup.subtree_control"),
           "v2 enable: the cause names the file");
        is_int(limit_enable_controller(t.parent_dir, "cpu memory", cause), -EINVAL, "v2 enable: a bad name");

        fill(&fm, s, &t);
        fm.now[LIM_PIDS_MAX] = "20";
        is_int(plan(&t, &fm, v2_root, &p, cause), 0, "v2 not enabled: pids still plans");
        static const char *const w[] = {CG "/user.slice/user-1000.slice/session-2.scope/pids.max", "20", NULL};
        expect_plan(&p, v2_root, w, "v2 not enabled: pids");
        limit_plan_free(&p);
        limit_target_free(&t);
}

static void root_cgroup(const struct snapshot *s, const char *root, const char *hier, const char *name)
{
        struct limit_target t;
        char label[128];
        snprintf(label, sizeof(label), "%s root: target", name);
        if (!ok(target(s, root, hier, "/", &t), label))
                return;
        bool none = true;
        for (int f = 0; f < LIM_COUNT; f++)
                none = none && !t.dir[f] && t.why_not[f] && strcmp(t.why_not[f], "the root cgroup has no limits") == 0 &&
                       !t.enable_offer[f];
        snprintf(label, sizeof(label), "%s root: no field, each says the root cgroup has no limits", name);
        ok(none, label);
        snprintf(label, sizeof(label), "%s root: no parent", name);
        ok(!t.parent_dir, label);
        struct form fm;
        fill(&fm, s, &t);
        fm.now[LIM_MEMORY_MAX] = "1G";
        snprintf(label, sizeof(label), "%s root: a change", name);
        refuse(&t, &fm, root, -EOPNOTSUPP, "memory max: cannot be set here: the root cgroup has no limits", label);
        limit_target_free(&t);
}

static void test_v2(void)
{
        struct snapshot *s = take(v2_root);
        struct limit_target t;
        char *cause = NULL;
        if (!ok(s && target(s, v2_root, "unified", DOCKER, &t), "v2: snapshot and target of the docker scope"))
                return;
        v2_target(&t);
        v2_current(s, &t);
        v2_plan_all(s, &t, &cause);
        v2_plan_more(s, &t, &cause);
        v2_io_keys(s, &t);
        v2_bad_values(s, &t);
        limit_target_free(&t);
        ok(!t.path && !t.dir[0], "v2: limit_target_free clears the target");
        limit_target_free(NULL);
        v2_not_enabled(s, &cause);
        root_cgroup(s, v2_root, "unified", "v2");
        v2_io_rows(s);
        free(cause);
        snapshot_free(s);
        v2_io_unreadable();
}

/* ---- v1 ---- */

#define MEMDIR CG "/memory" DOCKER
#define CPUDIR CG "/cpu,cpuacct" DOCKER

static void v1_target(const struct snapshot *s, const struct limit_target *t)
{
        static const struct {
                enum limit_field f;
                const char *dir;
        } dirs[] = {
                {LIM_MEMORY_MAX, MEMDIR},          {LIM_SWAP_MAX, MEMDIR},
                {LIM_CPU_MAX, CPUDIR},             {LIM_CPU_WEIGHT, CPUDIR},
                {LIM_PIDS_MAX, CG "/pids" DOCKER}, {LIM_IO_MAX, CG "/blkio" DOCKER},
                {LIM_CPUSET_CPUS, CG "/cpuset" DOCKER}, {LIM_CPUSET_MEMS, CG "/cpuset" DOCKER},
        };
        char name[128];
        for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
                char *want = joined(v1_root, dirs[i].dir);
                snprintf(name, sizeof(name), "v1 target: %s in %s", limit_fields[dirs[i].f].name, dirs[i].dir);
                is_str(t->dir[dirs[i].f], want, name);
                ok(t->file_version[dirs[i].f] == 1, "v1 target: v1 files");
                free(want);
        }
        ok(!t->dir[LIM_MEMORY_HIGH], "v1 target: no memory high");
        is_str(t->why_not[LIM_MEMORY_HIGH], "v1 has no memory.high", "v1 target: why no memory high");
        is_u64(t->mem_usage, 104857600, "v1 target: usage from memory.usage_in_bytes");
        is_u64(t->mem_max, 536870912, "v1 target: memory limit");
        is_u64(t->memsw_max, 1073741824, "v1 target: memsw limit");
        /* IO max: 8:0 has read_bps 2M and write_iops 100; 8:16 read_iops 200. */
        static const char *const want[LIM_COUNT] = {"512M", "", "512M", "0.5", "512", "100",
                                                    "8:0 rbps=2M wbps=max riops=max wiops=100", "1", "0"};
        char out[64];
        for (int f = 0; f < LIM_COUNT; f++) {
                limit_current(s, t, (enum limit_field)f, out, sizeof(out));
                snprintf(name, sizeof(name), "v1 current %s", limit_fields[f].name);
                is_str(out, want[f], name);
        }
}

/* One v1 memory/swap case: the changes, and the writes (files in MEMDIR). */
static void v1_memory_case(const struct snapshot *s, const struct limit_target *t, const char *mem, const char *swap,
                           const char *const *want, const char *name)
{
        struct form fm;
        struct limit_plan p;
        char *cause = NULL;
        fill(&fm, s, t);
        if (mem)
                fm.now[LIM_MEMORY_MAX] = mem;
        if (swap)
                fm.now[LIM_SWAP_MAX] = swap;
        char label[160];
        snprintf(label, sizeof(label), "%s: plans", name);
        if (!is_zero(plan(t, &fm, v1_root, &p, &cause), label, cause)) {
                free(cause);
                return;
        }
        expect_plan(&p, v1_root, want, name);
        limit_plan_free(&p);
        free(cause);
}

static void v1_memory(const struct snapshot *s, const struct limit_target *t)
{
        /* Memory 512M, memsw 1G: the form shows swap 512M. */
        static const char *const down[] = {MEMDIR "/memory.limit_in_bytes", "268435456",
                                           MEMDIR "/memory.memsw.limit_in_bytes", "805306368", NULL};
        v1_memory_case(s, t, "256M", NULL, down, "v1 memory down, swap kept: limit first, then memsw 256M+512M");
        static const char *const up[] = {MEMDIR "/memory.memsw.limit_in_bytes", "1610612736",
                                         MEMDIR "/memory.limit_in_bytes", "1073741824", NULL};
        v1_memory_case(s, t, "1G", NULL, up, "v1 memory up, swap kept: memsw 1G+512M first, then the limit");
        static const char *const swap0[] = {MEMDIR "/memory.memsw.limit_in_bytes", "536870912", NULL};
        v1_memory_case(s, t, NULL, "0", swap0, "v1 swap 0: memsw = the memory limit");
        static const char *const swapmax[] = {MEMDIR "/memory.memsw.limit_in_bytes", "-1", NULL};
        v1_memory_case(s, t, NULL, "max", swapmax, "v1 swap max: memsw -1");
        static const char *const memmax[] = {MEMDIR "/memory.memsw.limit_in_bytes", "-1",
                                             MEMDIR "/memory.limit_in_bytes", "-1", NULL};
        v1_memory_case(s, t, "max", NULL, memmax, "v1 memory max: memsw -1 first, then the limit -1");
        static const char *const both[] = {MEMDIR "/memory.memsw.limit_in_bytes", "2147483648",
                                           MEMDIR "/memory.limit_in_bytes", "1610612736", NULL};
        v1_memory_case(s, t, "1.5G", "512M", both, "v1 memory and swap up: memsw 2G first");

        struct form fm;
        fill(&fm, s, t);
        fm.now[LIM_MEMORY_MAX] = "max";
        fm.now[LIM_SWAP_MAX] = "64M";
        refuse(t, &fm, v1_root, -EINVAL, "swap max: v1 limits memory + swap together", "v1 swap without memory max");
        fill(&fm, s, t);
        fm.now[LIM_MEMORY_HIGH] = "1G";
        refuse(t, &fm, v1_root, -EOPNOTSUPP, "memory high: cannot be set here: v1 has no memory.high",
               "v1 memory high");
}

static void v1_plan_all(const struct snapshot *s, const struct limit_target *t, char **cause)
{
        struct form fm;
        struct limit_plan p;
        fill(&fm, s, t);
        const char *now[LIM_COUNT] = {"256M", "", "64M", "1.5", "2048", "50", "8:0 rbps=1M wiops=max", "0", "0"};
        memcpy(fm.now, now, sizeof(now));
        if (!is_zero(plan(t, &fm, v1_root, &p, cause), "v1: every field changed plans", *cause))
                return;
        static const char *const want[] = {
                MEMDIR "/memory.limit_in_bytes", "268435456",
                MEMDIR "/memory.memsw.limit_in_bytes", "335544320",
                CPUDIR "/cpu.cfs_period_us", "100000",
                CPUDIR "/cpu.cfs_quota_us", "150000",
                CPUDIR "/cpu.shares", "2048",
                CG "/pids" DOCKER "/pids.max", "50",
                CG "/blkio" DOCKER "/blkio.throttle.read_bps_device", "8:0 1048576",
                CG "/blkio" DOCKER "/blkio.throttle.write_iops_device", "8:0 0",
                CG "/cpuset" DOCKER "/cpuset.cpus", "0",
                NULL};
        expect_plan(&p, v1_root, want, "v1 all fields");
        ok(!p.memory_below_usage, "v1: 256M is above the 100M in use");
        is_int(limit_apply(&p, cause), 9, "v1: apply writes 9 files");
        for (size_t i = 0; want[2 * i]; i++) {
                char name[256];
                snprintf(name, sizeof(name), "v1: %s reads back '%s'", want[2 * i], want[2 * i + 1]);
                is_str(slurp(v1_root, want[2 * i]), want[2 * i + 1], name);
        }
        limit_plan_free(&p);
        /* memsw 320M - memory 256M: swap 64M; write_iops 0 is no limit. */
        static const char *const back[LIM_COUNT] = {"256M", "", "64M", "1.5", "2048", "50",
                                                    "8:0 rbps=1M wbps=max riops=max wiops=max", "0", "0"};
        read_back(v1_root, "name=systemd", DOCKER, back, "v1 read back");

        fill(&fm, s, t);
        fm.now[LIM_CPU_MAX] = "max";
        fm.now[LIM_PIDS_MAX] = "max";
        fm.now[LIM_MEMORY_MAX] = "10M";
        is_int(plan(t, &fm, v1_root, &p, cause), 0, "v1: max values plan");
        static const char *const maxes[] = {MEMDIR "/memory.limit_in_bytes", "10485760",
                                            MEMDIR "/memory.memsw.limit_in_bytes", "547356672",
                                            CPUDIR "/cpu.cfs_period_us", "100000", CPUDIR "/cpu.cfs_quota_us", "-1",
                                            CG "/pids" DOCKER "/pids.max", "max", NULL};
        expect_plan(&p, v1_root, maxes, "v1 max values");
        ok(p.memory_below_usage, "v1: 10M is below the 100M in use: the UI warns");
        limit_plan_free(&p);

        fill(&fm, s, t);
        fm.now[LIM_CPU_WEIGHT] = "1";
        refuse(t, &fm, v1_root, -EINVAL, "CPU weight: '1' is not a number of shares; use 2 to 262144",
               "v1 shares below 2");
}

#define BLKDIR CG "/blkio" DOCKER

/* Which blkio.throttle files an IO max edit writes: one file per key,
 * "MAJ:MIN VALUE", 0 for max. The form shows 8:0 rbps=2M wbps=max
 * riops=max wiops=100. */
static void v1_io_keys(const struct snapshot *s, const struct limit_target *t)
{
        struct form fm;
        fill(&fm, s, t);
        is_str(fm.cur[LIM_IO_MAX], "8:0 rbps=2M wbps=max riops=max wiops=100", "v1 IO: the form's text");
        static const char *const none[] = {NULL};
        io_case(s, t, v1_root, fm.cur[LIM_IO_MAX], none, false, "v1 IO unchanged");
        io_case(s, t, v1_root, "8:0 wiops=100 rbps=2097152 wbps=max", none, false,
                "v1 IO retyped: other order, bytes for 2M, riops left out");
        static const char *const wiops[] = {BLKDIR "/blkio.throttle.write_iops_device", "8:0 50", NULL};
        io_case(s, t, v1_root, "8:0 rbps=2M wbps=max riops=max wiops=50", wiops, true, "v1 IO wiops changed");
        static const char *const rbps0[] = {BLKDIR "/blkio.throttle.read_bps_device", "8:0 0", NULL};
        io_case(s, t, v1_root, "8:0 rbps=max wbps=max riops=max wiops=100", rbps0, false, "v1 IO rbps max: 0");
        static const char *const wbps[] = {BLKDIR "/blkio.throttle.write_bps_device", "8:0 4194304", NULL};
        io_case(s, t, v1_root, "8:0 wbps=4M", wbps, false, "v1 IO one key typed, the others left out");
        static const char *const other[] = {BLKDIR "/blkio.throttle.read_bps_device", "8:16 2097152",
                                            BLKDIR "/blkio.throttle.write_bps_device", "8:16 0",
                                            BLKDIR "/blkio.throttle.read_iops_device", "8:16 0",
                                            BLKDIR "/blkio.throttle.write_iops_device", "8:16 100", NULL};
        io_case(s, t, v1_root, "8:16 rbps=2M wbps=max riops=max wiops=100", other, false,
                "v1 IO same values on another device: every key");
        static const char *const major[] = {BLKDIR "/blkio.throttle.write_iops_device", "253:0 100", NULL};
        io_case(s, t, v1_root, "253:0 wiops=100", major, false, "v1 IO another major, 8:0's wiops: written");

        fill(&fm, s, t);
        fm.now[LIM_IO_MAX] = "";
        refuse(t, &fm, v1_root, -EINVAL, "IO max: '' is not an IO limit", "v1 IO cleared");
}

/* The rows of the v1 docker scope: each throttle file gives one key. */
static void v1_io_rows(const struct snapshot *s)
{
        uint32_t n;
        const struct cg_io_dev_rec *r = io_rows(s, "blkio", DOCKER, &n);
        is_int(n, 3, "v1 docker rows: 3 devices");
        static const uint64_t d80[] = {2097152, NOLIM, NOLIM, 100}, d253[] = {NOLIM, NOLIM, NOLIM, NOLIM},
                              d816[] = {NOLIM, NOLIM, 200, NOLIM};
        expect_row(r, n, 0, 8, 0, d80, "v1 docker rows");
        expect_row(r, n, 1, 253, 0, d253, "v1 docker rows: in no throttle file, so no limit");
        expect_row(r, n, 2, 8, 16, d816, "v1 docker rows: only in read_iops_device");
}

/* One throttle file that cannot be read (a directory): that key unknown
 * on every device, the others still read, and the form shows nothing. */
static void v1_io_unreadable(void)
{
        char *f = joined(v1_root, BLKDIR "/blkio.throttle.write_bps_device");
        ok(f && unlink(f) == 0 && mkdir(f, 0755) == 0, "v1 unreadable: write_bps_device made a directory");
        struct snapshot *s = take(v1_root);
        struct limit_target t;
        if (ok(s && target(s, v1_root, "name=systemd", DOCKER, &t), "v1 unreadable: snapshot and target")) {
                uint32_t n;
                const struct cg_io_dev_rec *r = io_rows(s, "blkio", DOCKER, &n);
                bool wbps = n > 0, others = n > 0;
                for (uint32_t i = 0; i < n; i++) {
                        wbps = wbps && r[i].limit[IO_LIM_WBPS] == U64_UNKNOWN;
                        others = others && r[i].limit[IO_LIM_RBPS] != U64_UNKNOWN &&
                                 r[i].limit[IO_LIM_RIOPS] != U64_UNKNOWN && r[i].limit[IO_LIM_WIOPS] != U64_UNKNOWN;
                }
                ok(wbps, "v1 unreadable: wbps unknown on every device");
                ok(others, "v1 unreadable: the other keys known on every device");
                ok(n == 3 && r[2].major == 8 && r[2].minor == 16 && r[2].limit[IO_LIM_RIOPS] == 200,
                   "v1 unreadable: 8:16 still has riops 200");
                char out[128] = "x";
                limit_current(s, &t, LIM_IO_MAX, out, sizeof(out));
                is_str(out, "", "v1 unreadable: IO max shows nothing");
                limit_target_free(&t);
        }
        snapshot_free(s);
        if (f)
                rmdir(f);
        free(f);
}

/* A write the kernel (here: the file system) refuses: which field, why,
 * and what was and was not applied. */
static void v1_refused(const struct snapshot *s, const struct limit_target *t, char **cause)
{
        char *pids = joined(v1_root, CG "/pids" DOCKER "/pids.max");
        char *quota = joined(v1_root, CPUDIR "/cpu.cfs_quota_us");
        /* Open for writing fails on a directory: EISDIR. */
        ok(unlink(pids) == 0 && mkdir(pids, 0755) == 0, "v1 refused: pids.max made a directory");
        struct form fm;
        struct limit_plan p;
        fill(&fm, s, t);
        fm.now[LIM_MEMORY_MAX] = "300M";
        fm.now[LIM_PIDS_MAX] = "60";
        fm.now[LIM_CPUSET_CPUS] = "0-1";
        is_int(plan(t, &fm, v1_root, &p, cause), 0, "v1 refused: plans");
        is_int(limit_apply(&p, cause), -EISDIR, "v1 refused: apply stops with the write's errno");
        char *want = NULL;
        if (asprintf(&want, "pids max: writing '60' to %s: %s; applied: memory max; not applied: pids max, cpuset cpus",
                     pids, strerror(EISDIR)) < 0)
                want = NULL;
        is_str(*cause, want, "v1 refused: the cause names the field, the file, the error, applied and not");
        is_str(slurp(v1_root, MEMDIR "/memory.limit_in_bytes"), "314572800", "v1 refused: memory max was applied");
        is_str(slurp(v1_root, CG "/cpuset" DOCKER "/cpuset.cpus"), "0", "v1 refused: cpuset cpus was not written");
        limit_plan_free(&p);
        free(want);

        ok(unlink(quota) == 0 && mkdir(quota, 0755) == 0, "v1 refused: cpu.cfs_quota_us made a directory");
        fill(&fm, s, t);
        fm.now[LIM_CPU_MAX] = "0.25";
        is_int(plan(t, &fm, v1_root, &p, cause), 0, "v1 refused cpu: plans");
        is_int(limit_apply(&p, cause), -EISDIR, "v1 refused cpu: EISDIR");
        ok(*cause && strstr(*cause, "; applied: none; not applied: CPU max (cpu.cfs_period_us was written)"),
           "v1 refused cpu: a half-written field says which file was written");
        limit_plan_free(&p);
        rmdir(pids);
        rmdir(quota);
        free(pids);
        free(quota);
}

static void v1_missing(char **cause)
{
        /* jail.service has no blkio, cpuset or freezer cgroup; take away its
         * memsw files as a kernel without swap accounting has none. */
        char *a = joined(v1_root, CG "/memory/system.slice/jail.service/memory.memsw.limit_in_bytes");
        char *b = joined(v1_root, CG "/memory/system.slice/jail.service/memory.memsw.usage_in_bytes");
        ok(unlink(a) == 0 && unlink(b) == 0, "v1: memsw files removed from jail.service");
        free(a);
        free(b);
        struct snapshot *s = take(v1_root);
        struct limit_target t;
        if (!ok(s && target(s, v1_root, "name=systemd", "/system.slice/jail.service", &t), "v1 jail.service: target"))
                return;
        is_str(t.why_not[LIM_SWAP_MAX], "no memory.memsw files here (swap accounting is off)",
               "v1 no memsw: why no swap max");
        is_str(t.why_not[LIM_IO_MAX], "no cgroup /system.slice/jail.service in the blkio hierarchy",
               "v1: no such cgroup in the blkio hierarchy");
        ok(!t.dir[LIM_CPUSET_CPUS] && !t.enable_offer[LIM_CPUSET_CPUS], "v1: no cpuset, no offer");
        struct form fm;
        struct limit_plan p;
        fill(&fm, s, &t);
        is_str(fm.cur[LIM_SWAP_MAX], "", "v1 no memsw: the form shows nothing for swap");
        fm.now[LIM_MEMORY_MAX] = "128M";
        is_int(plan(&t, &fm, v1_root, &p, cause), 0, "v1 no memsw: memory max plans");
        static const char *const w[] = {CG "/memory/system.slice/jail.service/memory.limit_in_bytes", "134217728",
                                        NULL};
        expect_plan(&p, v1_root, w, "v1 no memsw: only memory.limit_in_bytes");
        limit_plan_free(&p);
        limit_target_free(&t);
        root_cgroup(s, v1_root, "memory", "v1");
        snapshot_free(s);
}

static void test_v1(void)
{
        struct snapshot *s = take(v1_root);
        struct limit_target t;
        char *cause = NULL;
        /* The form is on the name=systemd cgroup: each field is found in
         * its controller's hierarchy at the same path. */
        if (!ok(s && target(s, v1_root, "name=systemd", DOCKER, &t), "v1: snapshot and target of the docker scope"))
                return;
        is_int(t.version, 1, "v1 target: version 1");
        ok(!t.parent_dir, "v1 target: no parent directory (nothing to enable on v1)");
        v1_target(s, &t);
        v1_memory(s, &t);
        v1_io_rows(s);
        v1_plan_all(s, &t, &cause);
        v1_io_keys(s, &t);
        v1_refused(s, &t, &cause);
        limit_target_free(&t);
        free(cause);
        cause = NULL;
        snapshot_free(s);
        v1_missing(&cause);
        free(cause);
        v1_io_unreadable();
}

/* ---- hybrid: a v2 cgroup whose controllers are in v1 hierarchies ---- */

static void test_hybrid(void)
{
        struct snapshot *s = take(hybrid_root);
        struct limit_target t;
        char *cause = NULL;
        const char *path = "/system.slice/jail.service";
        if (!ok(s && target(s, hybrid_root, "unified", path, &t), "hybrid: snapshot and target of the v2 cgroup"))
                return;
        is_int(t.version, 2, "hybrid: the form's cgroup is v2");
        char *mem = joined(hybrid_root, CG "/memory/system.slice/jail.service");
        is_str(t.dir[LIM_MEMORY_MAX], mem, "hybrid: memory max in the v1 memory hierarchy");
        ok(t.file_version[LIM_MEMORY_MAX] == 1 && t.file_version[LIM_PIDS_MAX] == 1, "hybrid: v1 files");
        ok(!t.enable_offer[LIM_MEMORY_MAX], "hybrid: nothing to enable");
        is_str(t.why_not[LIM_IO_MAX], "no mounted cgroup hierarchy has the io (blkio) controller",
               "hybrid: no blkio mounted, and v2 has no io");
        is_str(t.why_not[LIM_CPUSET_CPUS], "no mounted cgroup hierarchy has the cpuset controller",
               "hybrid: no cpuset");
        is_str(t.why_not[LIM_MEMORY_HIGH], "v1 has no memory.high", "hybrid: no memory high in v1 memory");
        struct form fm;
        struct limit_plan p;
        fill(&fm, s, &t);
        is_str(fm.cur[LIM_MEMORY_MAX], "256M", "hybrid: current memory max from v1");
        fm.now[LIM_MEMORY_MAX] = "128M";
        fm.now[LIM_CPU_MAX] = "0.5";
        fm.now[LIM_PIDS_MAX] = "20";
        is_int(plan(&t, &fm, hybrid_root, &p, &cause), 0, "hybrid: plans");
        static const char *const w[] = {
                CG "/memory/system.slice/jail.service/memory.limit_in_bytes", "134217728",
                CG "/cpu,cpuacct/system.slice/jail.service/cpu.cfs_period_us", "100000",
                CG "/cpu,cpuacct/system.slice/jail.service/cpu.cfs_quota_us", "50000",
                CG "/pids/system.slice/jail.service/pids.max", "20",
                NULL};
        expect_plan(&p, hybrid_root, w, "hybrid");
        ok(!p.memory_below_usage, "hybrid: 128M is above the 8M in use");
        limit_plan_free(&p);
        free(mem);
        limit_target_free(&t);
        root_cgroup(s, hybrid_root, "unified", "hybrid");
        free(cause);
        snapshot_free(s);
}

/* An empty file at root/rel. */
static bool touch(const char *root, const char *rel)
{
        char *path = joined(root, rel);
        int fd = path ? open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644) : -1;
        free(path);
        return fd >= 0 && close(fd) == 0;
}

static bool make_dir(const char *root, const char *rel)
{
        char *path = joined(root, rel);
        bool good = path && (mkdir(path, 0755) == 0 || errno == EEXIST);
        free(path);
        return good;
}

static bool is_file(const char *root, const char *rel)
{
        struct stat st;
        char *path = joined(root, rel);
        bool good = path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
        free(path);
        return good;
}

/* What the fixtures lack: the devices the IO tests name (8:0, 8:16 and
 * 253:0 disks, 8:1 a partition). The IO limit files they have, with limits in
 * the docker scope (left as they are: the tests read them). */
static bool prepare(const char *root, const char *const *files)
{
        bool good = make_dir(root, "/sys/dev") && make_dir(root, "/sys/dev/block") &&
                    make_dir(root, "/sys/dev/block/8:0") && make_dir(root, "/sys/dev/block/8:16") &&
                    make_dir(root, "/sys/dev/block/253:0") &&
                    make_dir(root, "/sys/dev/block/8:1") && touch(root, "/sys/dev/block/8:1/partition");
        for (; *files; files++)
                good = good && is_file(root, *files);
        return good;
}

int main(int argc, char **argv)
{
        if (argc != 4) {
                fprintf(stderr, "usage: test_limits V2_SYSROOT V1_SYSROOT HYBRID_SYSROOT\n");
                return 2;
        }
        v2_root = argv[1];
        v1_root = argv[2];
        hybrid_root = argv[3];
        static const char *const v2_files[] = {CG DOCKER "/io.max", NULL};
        static const char *const v1_files[] = {
                CG "/blkio" DOCKER "/blkio.throttle.read_bps_device", CG "/blkio" DOCKER "/blkio.throttle.write_bps_device",
                CG "/blkio" DOCKER "/blkio.throttle.read_iops_device",
                CG "/blkio" DOCKER "/blkio.throttle.write_iops_device", NULL};
        ok(prepare(v2_root, v2_files) && prepare(v1_root, v1_files), "block devices and IO limit files in the sysroots");
        test_v2();
        test_v1();
        test_hybrid();
        return tap_done();
}
