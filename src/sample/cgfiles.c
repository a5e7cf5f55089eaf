/* cgfiles.c: per-cgroup accounting files, v1 and v2 behind one table;
 * see cgfiles.h. The file formats are in the kernel's cgroup-v1 and
 * cgroup-v2 documentation; the parsers are in cgparse.c. */
#include "config.h"

#include "sample/cgfiles.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sample/cgparse.h"
#include "sample/readfile.h"
#include "util/err.h"

#define IO_DEVS_MAX 64

struct read_ctx {
        struct snapshot *s;
        struct cgroup_rec *c;
        uint32_t *io_devs_cap;
        int err; /* -ENOMEM stops the walk */
        unsigned io_limits_read, io_limits_bad; /* bit per IO_LIM_*: its file was read, could not be */
        bool io_counted; /* a byte count file was read in this pass */
};

typedef int (*cg_reader)(struct read_ctx *x, const char *buf, size_t len);

static uint64_t limit_of(uint64_t v)
{
        return v == CG_NO_LIMIT ? U64_NO_LIMIT : v;
}

static int r_value(uint64_t *field, const char *buf, size_t len, bool v1_limit)
{
        uint64_t v;
        if (cg_parse_value(buf, len, &v) < 0)
                return -EINVAL;
        *field = limit_of(v1_limit ? cg_v1_limit(v) : v);
        return 0;
}

#define VALUE_READER(fn, field, v1)                                                                   \
        static int fn(struct read_ctx *x, const char *buf, size_t len)                                \
        {                                                                                             \
                return r_value(&x->c->field, buf, len, v1);                                           \
        }

VALUE_READER(r_mem_current, mem_current, false)
VALUE_READER(r_mem_max, mem_max, false)
VALUE_READER(r_mem_high, mem_high, false)
VALUE_READER(r_swap_current, swap_current, false)
VALUE_READER(r_swap_max, swap_max, false)
VALUE_READER(r_pids_current, pids_current, false)
VALUE_READER(r_pids_max, pids_max, false)
VALUE_READER(r_cpu_weight, cpu_weight, false)
VALUE_READER(r_v1_mem_usage, mem_current, true)
VALUE_READER(r_v1_mem_limit, mem_max, true)
VALUE_READER(r_v1_memsw_usage, swap_current, true)
VALUE_READER(r_v1_memsw_limit, swap_max, true)
VALUE_READER(r_v1_failcnt, mem_failcnt, false)
VALUE_READER(r_v1_shares, cpu_shares, false)
VALUE_READER(r_v1_period, cpu_period_usec, false)

/* Keys of a flat-keyed file into fields; a key absent from the file leaves
 * its field absent. scale divides (v1 reports nanoseconds). */
static int keyed(const char *buf, size_t len, const char *const *keys, uint64_t *const *fields, size_t n,
                 uint64_t scale)
{
        uint64_t out[8];
        if (n > 8 || cg_parse_keyed(buf, len, keys, n, out) < 0)
                return -EINVAL;
        for (size_t i = 0; i < n; i++)
                if (out[i] != UINT64_MAX)
                        *fields[i] = out[i] / scale;
        return 0;
}

static int r_cpu_stat(struct read_ctx *x, const char *buf, size_t len)
{
        static const char *const keys[] = {"usage_usec", "nr_periods", "nr_throttled", "throttled_usec"};
        uint64_t *const f[] = {&x->c->cpu_usage_usec, &x->c->nr_periods, &x->c->nr_throttled, &x->c->throttled_usec};
        return keyed(buf, len, keys, f, 4, 1);
}

static int r_v1_cpu_stat(struct read_ctx *x, const char *buf, size_t len)
{
        static const char *const keys[] = {"nr_periods", "nr_throttled"};
        uint64_t *const f[] = {&x->c->nr_periods, &x->c->nr_throttled};
        static const char *const ns_keys[] = {"throttled_time"};
        uint64_t *const ns_f[] = {&x->c->throttled_usec};
        return keyed(buf, len, keys, f, 2, 1) < 0 ? -EINVAL : keyed(buf, len, ns_keys, ns_f, 1, 1000);
}

static int r_v1_cpuacct(struct read_ctx *x, const char *buf, size_t len)
{
        uint64_t ns;
        if (cg_parse_value(buf, len, &ns) < 0 || ns == CG_NO_LIMIT)
                return -EINVAL;
        x->c->cpu_usage_usec = ns / 1000;
        return 0;
}

static int r_mem_events(struct read_ctx *x, const char *buf, size_t len)
{
        static const char *const keys[] = {"oom", "oom_kill"};
        uint64_t *const f[] = {&x->c->oom, &x->c->oom_kill};
        return keyed(buf, len, keys, f, 2, 1);
}

static int r_v1_oom_control(struct read_ctx *x, const char *buf, size_t len)
{
        static const char *const keys[] = {"oom_kill"};
        uint64_t *const f[] = {&x->c->oom_kill};
        return keyed(buf, len, keys, f, 1, 1);
}

static int r_cgroup_events(struct read_ctx *x, const char *buf, size_t len)
{
        static const char *const keys[] = {"frozen"};
        uint64_t frozen = UINT64_MAX;
        uint64_t *const f[] = {&frozen};
        if (keyed(buf, len, keys, f, 1, 1) < 0)
                return -EINVAL;
        /* "frozen" came with the v2 freezer in 5.2. */
        if (frozen != UINT64_MAX)
                x->c->frozen = frozen != 0;
        return 0;
}

static int r_cpu_max(struct read_ctx *x, const char *buf, size_t len)
{
        uint64_t quota, period;
        if (cg_parse_cpu_max(buf, len, &quota, &period) < 0)
                return -EINVAL;
        x->c->cpu_quota_usec = limit_of(quota);
        x->c->cpu_period_usec = period;
        return 0;
}

static int r_v1_quota(struct read_ctx *x, const char *buf, size_t len)
{
        uint64_t quota;
        if (cg_parse_cfs_quota(buf, len, &quota) < 0)
                return -EINVAL;
        x->c->cpu_quota_usec = limit_of(quota);
        return 0;
}

/* The row of device major:minor among this cgroup's IO rows, appended
 * when new (rbytes and wbytes as the cgroup's totals stand: 0 when they
 * are known, else absent or unknown; limits absent until io_limits_done).
 * Appending keeps the rows together: cgroups are read one after the
 * other, so this cgroup's rows are the last ones. NULL: -ENOMEM. */
static struct cg_io_dev_rec *io_row(struct read_ctx *x, uint32_t major, uint32_t minor)
{
        struct snapshot *s = x->s;
        struct cgroup_rec *c = x->c;
        if (c->io_dev_count == 0)
                c->io_dev_first = s->ncg_io_devs;
        for (uint32_t i = 0; i < c->io_dev_count; i++) {
                struct cg_io_dev_rec *d = &s->cg_io_devs[c->io_dev_first + i];
                if (d->major == major && d->minor == minor)
                        return d;
        }
        if (s->ncg_io_devs == *x->io_devs_cap) {
                uint32_t cap = *x->io_devs_cap ? *x->io_devs_cap * 2 : 64;
                struct cg_io_dev_rec *v = realloc(s->cg_io_devs, cap * sizeof(*v));
                if (!v) {
                        x->err = -ENOMEM;
                        return NULL;
                }
                s->cg_io_devs = v;
                *x->io_devs_cap = cap;
        }
        struct cg_io_dev_rec *d = &s->cg_io_devs[s->ncg_io_devs++];
        uint64_t bytes = c->io_rbytes < U64_ABSENT ? 0 : c->io_rbytes;
        *d = (struct cg_io_dev_rec){.major = major, .minor = minor, .rbytes = bytes, .wbytes = bytes};
        for (int k = 0; k < IO_LIM_COUNT; k++)
                d->limit[k] = U64_ABSENT;
        c->io_dev_count++;
        return d;
}

static int io_rows(struct read_ctx *x, const struct cg_io_dev *devs, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                struct cg_io_dev_rec *d = io_row(x, devs[i].major, devs[i].minor);
                if (!d)
                        return x->err;
                d->rbytes = devs[i].rbytes;
                d->wbytes = devs[i].wbytes;
        }
        return 0;
}

static int r_io(struct read_ctx *x, const char *buf, size_t len, bool v1)
{
        struct cg_io_dev devs[IO_DEVS_MAX];
        size_t n;
        uint64_t rb, wb;
        int r = v1 ? cg_parse_blkio_bytes(buf, len, devs, IO_DEVS_MAX, &n, &rb, &wb)
                   : cg_parse_io_stat(buf, len, devs, IO_DEVS_MAX, &n, &rb, &wb);
        if (r < 0)
                return -EINVAL;
        x->c->io_rbytes = rb;
        x->c->io_wbytes = wb;
        x->io_counted = true;
        return io_rows(x, devs, n);
}

static int r_io_stat(struct read_ctx *x, const char *buf, size_t len)
{
        return r_io(x, buf, len, false);
}

/* The recursive file (4.11+) wins over the plain one, which is not even
 * opened once the recursive one was read (see cg_read_files). */
static int r_v1_blkio(struct read_ctx *x, const char *buf, size_t len)
{
        return r_io(x, buf, len, true);
}

_Static_assert((int)CG_IO_RBPS == (int)IO_LIM_RBPS && (int)CG_IO_WBPS == (int)IO_LIM_WBPS &&
                       (int)CG_IO_RIOPS == (int)IO_LIM_RIOPS && (int)CG_IO_WIOPS == (int)IO_LIM_WIOPS &&
                       (int)CG_IO_KEYS == (int)IO_LIM_COUNT,
               "the parser's IO keys are the snapshot's");

/* The limits of the keys in mask (bit per IO_LIM_*) into the rows. A
 * limit no lower than U64_ABSENT (2^64 - 3 bytes/s) is none. */
static int io_limit_rows(struct read_ctx *x, const struct cg_io_limits *devs, size_t n, unsigned mask)
{
        for (size_t i = 0; i < n; i++) {
                struct cg_io_dev_rec *d = io_row(x, devs[i].major, devs[i].minor);
                if (!d)
                        return x->err;
                for (int k = 0; k < IO_LIM_COUNT; k++)
                        if (mask & 1u << k)
                                d->limit[k] = devs[i].limit[k] >= U64_ABSENT ? U64_NO_LIMIT : devs[i].limit[k];
        }
        return 0;
}

static int r_io_max(struct read_ctx *x, const char *buf, size_t len)
{
        struct cg_io_limits devs[IO_DEVS_MAX];
        size_t n;
        if (cg_parse_io_max(buf, len, devs, IO_DEVS_MAX, &n) < 0)
                return -EINVAL;
        return io_limit_rows(x, devs, n, (1u << IO_LIM_COUNT) - 1);
}

static int v1_throttle(struct read_ctx *x, const char *buf, size_t len, enum cg_io_key key)
{
        struct cg_io_limits devs[IO_DEVS_MAX];
        size_t n;
        if (cg_parse_blkio_throttle(buf, len, key, devs, IO_DEVS_MAX, &n) < 0)
                return -EINVAL;
        return io_limit_rows(x, devs, n, 1u << key);
}

static int r_v1_rbps(struct read_ctx *x, const char *buf, size_t len) { return v1_throttle(x, buf, len, CG_IO_RBPS); }
static int r_v1_wbps(struct read_ctx *x, const char *buf, size_t len) { return v1_throttle(x, buf, len, CG_IO_WBPS); }
static int r_v1_riops(struct read_ctx *x, const char *buf, size_t len) { return v1_throttle(x, buf, len, CG_IO_RIOPS); }
static int r_v1_wiops(struct read_ctx *x, const char *buf, size_t len) { return v1_throttle(x, buf, len, CG_IO_WIOPS); }

/* After every file: a device row without a value for a limit gets none
 * (U64_NO_LIMIT) when the file was read, since the kernel lists only
 * devices with a limit; unknown when the file could not be read; and stays
 * absent when there is no such file. */
static void io_limits_done(struct read_ctx *x)
{
        uint64_t fill[IO_LIM_COUNT];
        for (int k = 0; k < IO_LIM_COUNT; k++) {
                fill[k] = U64_ABSENT;
                if (x->io_limits_read & 1u << k)
                        fill[k] = U64_NO_LIMIT;
                else if (x->io_limits_bad & 1u << k)
                        fill[k] = U64_UNKNOWN;
        }
        const struct cgroup_rec *c = x->c;
        for (uint32_t i = 0; i < c->io_dev_count; i++) {
                struct cg_io_dev_rec *d = &x->s->cg_io_devs[c->io_dev_first + i];
                for (int k = 0; k < IO_LIM_COUNT; k++)
                        if (d->limit[k] == U64_ABSENT)
                                d->limit[k] = fill[k];
        }
}

static int psi(struct read_ctx *x, const char *buf, size_t len, enum cg_psi_resource res)
{
        struct cg_pressure p;
        if (cg_parse_pressure(buf, len, &p) < 0)
                return -EINVAL;
        x->c->psi_known[res] = true;
        x->c->psi[res] = (struct cg_psi){
                .some = p.some.present,
                .full = p.full.present,
                .some_avg10 = p.some.avg10,
                .some_avg60 = p.some.avg60,
                .full_avg10 = p.full.avg10,
                .full_avg60 = p.full.avg60,
        };
        return 0;
}

static int r_psi_cpu(struct read_ctx *x, const char *buf, size_t len) { return psi(x, buf, len, PSI_CPU); }
static int r_psi_mem(struct read_ctx *x, const char *buf, size_t len) { return psi(x, buf, len, PSI_MEMORY); }
static int r_psi_io(struct read_ctx *x, const char *buf, size_t len) { return psi(x, buf, len, PSI_IO); }

static int r_v1_freezer(struct read_ctx *x, const char *buf, size_t len)
{
        static const char *const names[] = {[CG_THAWED] = "THAWED", [CG_FREEZING] = "FREEZING", [CG_FROZEN] = "FROZEN"};
        enum cg_freezer st;
        if (cg_parse_freezer_state(buf, len, &st) < 0)
                return -EINVAL;
        x->c->freezer_state = names[st];
        x->c->frozen = st == CG_FROZEN;
        return 0;
}

/* A one-line list such as "0-3,8" (cpuset files), kept as text. */
static int text_line(struct read_ctx *x, const char **field, const char *buf, size_t len)
{
        while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
                len--;
        for (size_t i = 0; i < len; i++)
                if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
                        return -EINVAL;
        const char *t = arena_strndup(&x->s->arena, buf, len);
        if (!t)
                return x->err = -ENOMEM;
        *field = t;
        return 0;
}

static int r_cpus(struct read_ctx *x, const char *buf, size_t len) { return text_line(x, &x->c->cpuset_cpus, buf, len); }
static int r_mems(struct read_ctx *x, const char *buf, size_t len) { return text_line(x, &x->c->cpuset_mems, buf, len); }

struct cg_file {
        uint8_t version;
        bool setting; /* changed only by a write, or with a kernel notice: see cg_read_files */
        const char *controller; /* NULL: a core file, in every cgroup of the version */
        const char *name;
        cg_reader read;
        /* The counters it fills (offsetof in cgroup_rec, NO_FIELD), made
         * unknown when the file exists but cannot be read. */
        size_t field, field2;
};

#define NO_FIELD SIZE_MAX
#define F(x) offsetof(struct cgroup_rec, x)

static const struct cg_file cg_files[] = {
        {2, false, NULL, "cpu.stat", r_cpu_stat, F(cpu_usage_usec), F(nr_throttled)},
        {2, true, NULL, "cgroup.events", r_cgroup_events, NO_FIELD, NO_FIELD},
        {2, false, NULL, "cpu.pressure", r_psi_cpu, NO_FIELD, NO_FIELD},
        {2, false, NULL, "memory.pressure", r_psi_mem, NO_FIELD, NO_FIELD},
        {2, false, NULL, "io.pressure", r_psi_io, NO_FIELD, NO_FIELD},
        {2, true, "cpu", "cpu.max", r_cpu_max, F(cpu_quota_usec), F(cpu_period_usec)},
        {2, true, "cpu", "cpu.weight", r_cpu_weight, F(cpu_weight), NO_FIELD},
        {2, false, "memory", "memory.current", r_mem_current, F(mem_current), NO_FIELD},
        {2, true, "memory", "memory.max", r_mem_max, F(mem_max), NO_FIELD},
        {2, true, "memory", "memory.high", r_mem_high, F(mem_high), NO_FIELD},
        {2, false, "memory", "memory.swap.current", r_swap_current, F(swap_current), NO_FIELD},
        {2, true, "memory", "memory.swap.max", r_swap_max, F(swap_max), NO_FIELD},
        {2, true, "memory", "memory.events", r_mem_events, F(oom), F(oom_kill)},
        {2, false, "io", "io.stat", r_io_stat, F(io_rbytes), F(io_wbytes)},
        {2, true, "io", "io.max", r_io_max, NO_FIELD, NO_FIELD}, /* after io.stat: see blkio's limits */
        {2, false, "pids", "pids.current", r_pids_current, F(pids_current), NO_FIELD},
        {2, true, "pids", "pids.max", r_pids_max, F(pids_max), NO_FIELD},
        {2, false, "cpuset", "cpuset.cpus.effective", r_cpus, NO_FIELD, NO_FIELD},
        {2, false, "cpuset", "cpuset.mems.effective", r_mems, NO_FIELD, NO_FIELD},
        {1, false, "cpuacct", "cpuacct.usage", r_v1_cpuacct, F(cpu_usage_usec), NO_FIELD},
        {1, true, "cpu", "cpu.cfs_quota_us", r_v1_quota, F(cpu_quota_usec), NO_FIELD},
        {1, true, "cpu", "cpu.cfs_period_us", r_v1_period, F(cpu_period_usec), NO_FIELD},
        {1, true, "cpu", "cpu.shares", r_v1_shares, F(cpu_shares), NO_FIELD},
        {1, false, "cpu", "cpu.stat", r_v1_cpu_stat, F(nr_periods), F(nr_throttled)},
        {1, false, "memory", "memory.usage_in_bytes", r_v1_mem_usage, F(mem_current), NO_FIELD},
        {1, true, "memory", "memory.limit_in_bytes", r_v1_mem_limit, F(mem_max), NO_FIELD},
        {1, false, "memory", "memory.memsw.usage_in_bytes", r_v1_memsw_usage, F(swap_current), NO_FIELD},
        {1, true, "memory", "memory.memsw.limit_in_bytes", r_v1_memsw_limit, F(swap_max), NO_FIELD},
        {1, false, "memory", "memory.failcnt", r_v1_failcnt, F(mem_failcnt), NO_FIELD},
        {1, false, "memory", "memory.oom_control", r_v1_oom_control, F(oom_kill), NO_FIELD},
        {1, false, "pids", "pids.current", r_pids_current, F(pids_current), NO_FIELD},
        {1, true, "pids", "pids.max", r_pids_max, F(pids_max), NO_FIELD},
        {1, false, "freezer", "freezer.state", r_v1_freezer, NO_FIELD, NO_FIELD},
        {1, false, "blkio", "blkio.throttle.io_service_bytes_recursive", r_v1_blkio, F(io_rbytes), F(io_wbytes)},
        {1, false, "blkio", "blkio.throttle.io_service_bytes", r_v1_blkio, F(io_rbytes), F(io_wbytes)},
        /* After the byte counts: a device with limits but no IO yet gets
         * 0 bytes only when the counts are known. */
        {1, true, "blkio", "blkio.throttle.read_bps_device", r_v1_rbps, NO_FIELD, NO_FIELD},
        {1, true, "blkio", "blkio.throttle.write_bps_device", r_v1_wbps, NO_FIELD, NO_FIELD},
        {1, true, "blkio", "blkio.throttle.read_iops_device", r_v1_riops, NO_FIELD, NO_FIELD},
        {1, true, "blkio", "blkio.throttle.write_iops_device", r_v1_wiops, NO_FIELD, NO_FIELD},
        {1, false, "cpuset", "cpuset.cpus", r_cpus, NO_FIELD, NO_FIELD},
        {1, false, "cpuset", "cpuset.mems", r_mems, NO_FIELD, NO_FIELD},
};

void cg_rec_init(struct cgroup_rec *c)
{
        memset(c, 0, sizeof(*c));
        c->parent = IDX_NONE;
        uint64_t *u64s[] = {&c->ino,           &c->cpu_usage_usec, &c->nr_periods,   &c->nr_throttled,
                            &c->throttled_usec, &c->mem_current,   &c->mem_max,      &c->mem_high,
                            &c->swap_current,  &c->swap_max,       &c->mem_failcnt,  &c->oom,
                            &c->oom_kill,      &c->io_rbytes,      &c->io_wbytes,    &c->pids_current,
                            &c->pids_max,      &c->cpu_quota_usec, &c->cpu_period_usec, &c->cpu_weight,
                            &c->cpu_shares};
        for (size_t i = 0; i < sizeof(u64s) / sizeof(u64s[0]); i++)
                *u64s[i] = U64_ABSENT;
        c->frozen = -1;
}

/* Which IO limits file f fills (bit per IO_LIM_*); 0 for other files. */
static unsigned io_limits_of(const struct cg_file *f)
{
        if (f->read == r_io_max)
                return (1u << IO_LIM_COUNT) - 1;
        if (f->read == r_v1_rbps)
                return 1u << IO_LIM_RBPS;
        if (f->read == r_v1_wbps)
                return 1u << IO_LIM_WBPS;
        if (f->read == r_v1_riops)
                return 1u << IO_LIM_RIOPS;
        return f->read == r_v1_wiops ? 1u << IO_LIM_WIOPS : 0;
}

/* The file exists but could not be read: what it fills is unknown. */
static void mark_unknown(struct cgroup_rec *c, const struct cg_file *f)
{
        if (f->field != NO_FIELD)
                *(uint64_t *)((char *)c + f->field) = U64_UNKNOWN;
        if (f->field2 != NO_FIELD)
                *(uint64_t *)((char *)c + f->field2) = U64_UNKNOWN;
}

static void note_problem(struct snapshot *s, const char *dir_path, const char *file, int err)
{
        if (s->cg_problem.count++ == 0) {
                char path[4096];
                snprintf(path, sizeof(path), "%s/%s", dir_path, file);
                s->cg_problem.err = err < 0 ? -err : err;
                s->cg_problem.path = arena_strdup(&s->arena, path);
        }
}

/* ---- counter files kept open -------------------------------------------- */

#define NFILES (sizeof(cg_files) / sizeof(cg_files[0]))
_Static_assert(NFILES <= 64, "struct cg_kept has a bit per file of the table");

/* Whether the table's file f is read in a cgroup of this version with
 * these controllers (settings too unless counters_only). */
static bool applies(const struct cg_file *f, int version, const char *controllers, bool counters_only)
{
        return f->version == version && (!f->controller || cg_list_has(controllers, f->controller)) &&
               !(counters_only && f->setting);
}

void cg_kept_close(struct cg_kept *k, struct fd_budget *b)
{
        for (int i = 0; i < __builtin_popcountll(k->files); i++) {
                close(k->fd[i]);
                fd_budget_give(b);
        }
        free(k->fd);
        memset(k, 0, sizeof(*k));
}

/* Opens file i of dirfd into fds[popcount(*files)], if it exists. 0
 * (kept, or no such file), -EMFILE when the budget is spent, -errno when
 * it cannot be opened: the caller then keeps none. */
static int keep_one(int dirfd, size_t i, struct fd_budget *b, uint64_t *files, int *fds)
{
        if (!fd_budget_take(b))
                return -EMFILE;
        int fd = openat(dirfd, cg_files[i].name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) {
                int r = errno == ENOENT ? 0 : -errno;
                fd_budget_give(b);
                return r;
        }
        fds[__builtin_popcountll(*files)] = fd;
        *files |= 1ull << i;
        return 0;
}

int cg_keep_files(int dirfd, int version, const char *controllers, struct fd_budget *b, struct cg_kept *k)
{
        int fds[NFILES];
        uint64_t files = 0;
        bool io_kept = false;
        int r = 0;
        cg_kept_close(k, b);
        for (size_t i = 0; i < NFILES && r == 0; i++) {
                const struct cg_file *f = &cg_files[i];
                /* The recursive blkio count wins (see r_v1_blkio): the
                 * plain one is kept only where there is no recursive one. */
                if (!applies(f, version, controllers, true) || (f->read == r_v1_blkio && io_kept))
                        continue;
                uint64_t before = files;
                r = keep_one(dirfd, i, b, &files, fds);
                io_kept |= f->read == r_v1_blkio && files != before;
        }
        size_t n = (size_t)__builtin_popcountll(files);
        if (r == 0 && n && !(k->fd = malloc(n * sizeof(*k->fd))))
                r = -ENOMEM;
        if (r < 0) {
                for (size_t j = 0; j < n; j++) {
                        close(fds[j]);
                        fd_budget_give(b);
                }
                return r;
        }
        if (n)
                memcpy(k->fd, fds, n * sizeof(*k->fd));
        k->files = files;
        k->open = true;
        return 0;
}

/* File i's text: through its kept fd when the set has one, else by name. */
static ssize_t read_file(int dirfd, const struct cg_kept *k, size_t i, char *buf, size_t cap)
{
        if (k && k->open) {
                uint64_t bit = 1ull << i;
                if (k->files & bit)
                        return read_fd_once(k->fd[__builtin_popcountll(k->files & (bit - 1))], buf, cap);
                /* A counter the set lacks did not exist when it was made
                 * (the file set changes only with an event: see cgwalk.c). */
                if (!cg_files[i].setting)
                        return -ENOENT;
        }
        return read_small_at(dirfd, cg_files[i].name, buf, cap);
}

static bool kept_fd(const struct cg_kept *k, size_t i)
{
        return k && k->open && (k->files & 1ull << i);
}

int cg_read_files(int dirfd, int version, const char *controllers, struct snapshot *s, struct cgroup_rec *c,
                  const char *dir_path, uint32_t *io_devs_cap, bool counters_only, const struct cg_kept *kept)
{
        struct read_ctx x = {.s = s, .c = c, .io_devs_cap = io_devs_cap};
        char buf[8192];
        /* What to undo when a kept file fails: the caller reads again by name. */
        uint32_t problems = s->cg_problem.count;
        for (size_t i = 0; i < NFILES; i++) {
                const struct cg_file *f = &cg_files[i];
                if (!applies(f, version, controllers, counters_only) || (f->read == r_v1_blkio && x.io_counted))
                        continue;
                ssize_t n = read_file(dirfd, kept, i, buf, sizeof(buf));
                /* A kept file that fails (ENODEV: removed with its cgroup,
                 * or its controller disabled in the parent) tells nothing
                 * certain: the caller closes the set and reads by name. */
                if (n < 0 && kept_fd(kept, i)) {
                        s->cg_problem.count = problems;
                        return -ESTALE;
                }
                if (n == -ENOENT)
                        continue; /* not enabled here: absent, not unknown */
                if (n >= 0 && f->read(&x, buf, (size_t)n) == 0) {
                        x.io_limits_read |= io_limits_of(f);
                        continue;
                }
                if (x.err)
                        return x.err;
                /* A cgroup removed mid-walk is simply gone, not a problem. */
                if (n < 0 && err_is_gone((int)n))
                        continue;
                mark_unknown(c, f);
                x.io_limits_bad |= io_limits_of(f);
                note_problem(s, dir_path, f->name, n < 0 ? (int)n : -EINVAL);
        }
        io_limits_done(&x);
        return 0;
}
