/* limitsplan.c: checking what was typed into the limits form and turning
 * it into file writes; see limits.h.
 *
 * Every changed field is parsed first (and an IO device looked up), so a
 * bad value anywhere stops the plan before anything is written. Then the
 * writes are listed in the form's order, each value exactly as the kernel
 * takes it:
 *   v2: memory.max, memory.high, memory.swap.max ("max" or bytes),
 *       cpu.max ("QUOTA PERIOD" or "max PERIOD"), cpu.weight, pids.max,
 *       io.max ("MAJ:MIN rbps=N wbps=max ..."), cpuset.cpus, cpuset.mems;
 *   v1: memory.limit_in_bytes and memory.memsw.limit_in_bytes ("-1" for
 *       no limit), cpu.cfs_period_us then cpu.cfs_quota_us ("-1"),
 *       cpu.shares, pids.max, blkio.throttle.{read,write}_{bps,iops}_device
 *       ("MAJ:MIN N", 0 removes the throttle), cpuset.cpus, cpuset.mems.
 * IO max writes only the keys that differ from the old text's when both
 * name the same device (io_changed_keys). */
#include "config.h"

#include "action/limits.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "action/cause.h"
#include "action/units.h"

#define INF UNITS_NO_LIMIT

struct planner {
        const struct limit_target *t;
        const char *sysroot;
        char **cause;
        char *now[LIM_COUNT]; /* the trimmed text of each changed field; NULL: unchanged */
        uint64_t val[LIM_COUNT]; /* parsed: bytes, CPU quota, count (INF: max) */
        struct units_io_max io;
        struct limit_plan plan;
        size_t cap;
};

/* text without the blanks around it, as a new string. */
static char *trimmed(const char *text)
{
        const char *s = text ? text : "";
        s += strspn(s, " \t");
        size_t n = strlen(s);
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
                n--;
        return strndup(s, n);
}

/* Marks the fields whose text changed; a changed field must be available. */
static int collect(struct planner *pl, const char *const old[LIM_COUNT], const char *const now[LIM_COUNT])
{
        for (int f = 0; f < LIM_COUNT; f++) {
                char *a = trimmed(old ? old[f] : NULL), *b = trimmed(now ? now[f] : NULL);
                bool same = a && b && strcmp(a, b) == 0;
                free(a);
                if (!a || !b) {
                        free(b);
                        return cause_set(pl->cause, ENOMEM, "out of memory");
                }
                if (same) {
                        free(b);
                        continue;
                }
                pl->now[f] = b;
                if (!pl->t->dir[f])
                        return cause_set(pl->cause, EOPNOTSUPP, "%s: cannot be set here: %s", limit_fields[f].label,
                                         pl->t->why_not[f] ? pl->t->why_not[f] : "not available");
        }
        return 0;
}

/* Parses changed field f. */
static int check(struct planner *pl, enum limit_field f)
{
        const char *s = pl->now[f], *why = "is not valid";
        uint64_t *v = &pl->val[f];
        bool v1 = pl->t->file_version[f] == 1;
        int r;
        switch (f) {
        case LIM_MEMORY_MAX:
        case LIM_MEMORY_HIGH:
        case LIM_SWAP_MAX: r = units_parse_size(s, v, &why); break;
        case LIM_CPU_MAX: r = units_parse_cpus(s, pl->t->cpu_period_usec, v, &why); break;
        case LIM_CPU_WEIGHT: r = v1 ? units_parse_cpu_shares(s, v, &why) : units_parse_cpu_weight(s, v, &why); break;
        case LIM_PIDS_MAX: r = units_parse_pids_max(s, v, &why); break;
        case LIM_IO_MAX: r = units_parse_io_max(s, &pl->io, &why); break;
        default: r = units_parse_cpu_list(s, &why); break;
        }
        if (r < 0)
                return cause_set(pl->cause, EINVAL, "%s: '%s' %s", limit_fields[f].label, s, why);
        return 0;
}

/* The IO limit's device must be a whole disk that exists (under sysroot):
 * the kernel refuses partitions. */
static int check_device(struct planner *pl)
{
        char path[4096], part[4200];
        struct stat st;
        snprintf(path, sizeof(path), "%s/sys/dev/block/%" PRIu32 ":%" PRIu32, pl->sysroot ? pl->sysroot : "",
                 pl->io.major, pl->io.minor);
        if (stat(path, &st) < 0) {
                if (errno == ENOENT)
                        return cause_set(pl->cause, ENOENT, "%s: no block device %" PRIu32 ":%" PRIu32 " (no %s)",
                                         limit_fields[LIM_IO_MAX].label, pl->io.major, pl->io.minor, path);
                return cause_errno(pl->cause, errno, "%s: checking %s", limit_fields[LIM_IO_MAX].label, path);
        }
        snprintf(part, sizeof(part), "%s/partition", path);
        if (stat(part, &st) == 0)
                return cause_set(pl->cause, EINVAL, "%s: %" PRIu32 ":%" PRIu32 " is a partition; IO limits apply to "
                                                    "whole disks",
                                 limit_fields[LIM_IO_MAX].label, pl->io.major, pl->io.minor);
        return 0;
}

static int add(struct planner *pl, enum limit_field f, const char *dir, const char *file, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));

/* Appends the write of dir/file. */
static int add(struct planner *pl, enum limit_field f, const char *dir, const char *file, const char *fmt, ...)
{
        struct limit_plan *p = &pl->plan;
        if (p->n == pl->cap) {
                size_t cap = pl->cap ? pl->cap * 2 : 8;
                struct limit_write *w = realloc(p->w, cap * sizeof(*w));
                if (!w)
                        return cause_set(pl->cause, ENOMEM, "out of memory");
                p->w = w;
                pl->cap = cap;
        }
        struct limit_write *w = &p->w[p->n];
        va_list ap;
        va_start(ap, fmt);
        int n = vasprintf(&w->value, fmt, ap);
        va_end(ap);
        if (n < 0)
                return cause_set(pl->cause, ENOMEM, "out of memory");
        if (asprintf(&w->file, "%s/%s", dir, file) < 0) {
                free(w->value);
                return cause_set(pl->cause, ENOMEM, "out of memory");
        }
        w->field = f;
        p->n++;
        return 0;
}

/* v2 text of a limit: "max" or the number. */
static const char *v2_num(uint64_t v, char *buf, size_t size)
{
        if (v == INF)
                return "max";
        snprintf(buf, size, "%" PRIu64, v);
        return buf;
}

static int io_v2(struct planner *pl)
{
        char text[256], num[32];
        int len = snprintf(text, sizeof(text), "%" PRIu32 ":%" PRIu32, pl->io.major, pl->io.minor);
        for (int k = 0; k < UNITS_IO_KEYS; k++)
                if (pl->io.set[k])
                        len += snprintf(text + len, sizeof(text) - (size_t)len, " %s=%s", units_io_key_names[k],
                                        v2_num(pl->io.value[k], num, sizeof(num)));
        return add(pl, LIM_IO_MAX, pl->t->dir[LIM_IO_MAX], "io.max", "%s", text);
}

static int emit_v2(struct planner *pl, enum limit_field f)
{
        static const char *const files[LIM_COUNT] = {
                [LIM_MEMORY_MAX] = "memory.max", [LIM_MEMORY_HIGH] = "memory.high",
                [LIM_SWAP_MAX] = "memory.swap.max", [LIM_CPU_WEIGHT] = "cpu.weight",
                [LIM_PIDS_MAX] = "pids.max", [LIM_CPUSET_CPUS] = "cpuset.cpus",
                [LIM_CPUSET_MEMS] = "cpuset.mems",
        };
        const char *dir = pl->t->dir[f];
        char num[32];
        if (f == LIM_IO_MAX)
                return io_v2(pl);
        if (f == LIM_CPU_MAX)
                return add(pl, f, dir, "cpu.max", "%s %" PRIu64, v2_num(pl->val[f], num, sizeof(num)),
                           pl->t->cpu_period_usec);
        if (f == LIM_CPUSET_CPUS || f == LIM_CPUSET_MEMS)
                return add(pl, f, dir, files[f], "%s", pl->now[f]);
        return add(pl, f, dir, files[f], "%s", v2_num(pl->val[f], num, sizeof(num)));
}

/* v1 text of a limit: "-1" for none. */
static const char *v1_num(uint64_t v, char *buf, size_t size)
{
        if (v == INF)
                return "-1";
        snprintf(buf, size, "%" PRIu64, v);
        return buf;
}

/* A v1 memory value from the snapshot, INF for no limit; false when not known. */
static bool v1_value(uint64_t snap, uint64_t *ret)
{
        if (snap == U64_UNKNOWN || snap == U64_ABSENT)
                return false;
        *ret = snap == U64_NO_LIMIT ? INF : snap;
        return true;
}

/* v1 has no swap-only limit: memory.memsw.limit_in_bytes limits memory
 * plus swap together, so "swap max" S with memory max M is memsw M + S.
 * The new memsw for memory limit m1 (known: m1 is), or *ret_write false
 * when memsw stays. With swap unchanged, memsw follows memory so the swap
 * allowance stays what it was (and with no memory limit, there is no
 * swap limit either). */
static int v1_memsw(struct planner *pl, uint64_t m1, bool known, uint64_t *ret, bool *ret_write)
{
        const struct limit_target *t = pl->t;
        uint64_t m0, w0;
        *ret_write = false;
        if (!t->dir[LIM_SWAP_MAX])
                return 0; /* no memsw files: swap is not accounted */
        if (!pl->now[LIM_SWAP_MAX]) {
                if (!v1_value(t->mem_max, &m0) || !v1_value(t->memsw_max, &w0) || w0 == INF || m0 == INF || w0 < m0)
                        return 0;
                *ret = m1 == INF || w0 - m0 > UNITS_SIZE_MAX - m1 ? INF : m1 + (w0 - m0);
                *ret_write = *ret != w0;
                return 0;
        }
        uint64_t sw = pl->val[LIM_SWAP_MAX];
        const char *label = limit_fields[LIM_SWAP_MAX].label;
        if (sw != INF && !known)
                return cause_set(pl->cause, EINVAL, "%s: the memory limit is not known, and v1 limits memory + swap "
                                                    "together", label);
        if (sw != INF && m1 == INF)
                return cause_set(pl->cause, EINVAL, "%s: v1 limits memory + swap together "
                                                    "(memory.memsw.limit_in_bytes), so a swap limit needs a memory "
                                                    "max too", label);
        if (sw != INF && sw > UNITS_SIZE_MAX - m1)
                return cause_set(pl->cause, EINVAL, "%s: memory max + swap max is above 2^63-1 bytes", label);
        *ret = sw == INF ? INF : m1 + sw;
        *ret_write = true;
        return 0;
}

/* memory.limit_in_bytes and memory.memsw.limit_in_bytes. The kernel keeps
 * limit <= memsw at every step (EINVAL otherwise), so when memsw grows it
 * is written first, and when it shrinks, last. */
static int emit_v1_memory(struct planner *pl)
{
        const struct limit_target *t = pl->t;
        bool mem = pl->now[LIM_MEMORY_MAX] != NULL;
        uint64_t m1 = INF, w1 = INF, w0 = INF;
        bool known = true, memsw;
        if (mem)
                m1 = pl->val[LIM_MEMORY_MAX];
        else
                known = v1_value(t->mem_max, &m1);
        int r = v1_memsw(pl, m1, known, &w1, &memsw);
        if (r < 0)
                return r;
        enum limit_field tag = pl->now[LIM_SWAP_MAX] ? LIM_SWAP_MAX : LIM_MEMORY_MAX;
        const char *dir = t->dir[LIM_MEMORY_MAX] ? t->dir[LIM_MEMORY_MAX] : t->dir[LIM_SWAP_MAX];
        char a[32], b[32];
        if (!v1_value(t->memsw_max, &w0))
                w0 = w1 == INF ? 0 : INF; /* not known: raising to no limit is always safe first */
        bool memsw_first = memsw && w1 >= w0;
        if (memsw_first && (r = add(pl, tag, dir, "memory.memsw.limit_in_bytes", "%s", v1_num(w1, a, sizeof(a)))) < 0)
                return r;
        if (mem && (r = add(pl, LIM_MEMORY_MAX, dir, "memory.limit_in_bytes", "%s", v1_num(m1, b, sizeof(b)))) < 0)
                return r;
        if (memsw && !memsw_first)
                return add(pl, tag, dir, "memory.memsw.limit_in_bytes", "%s", v1_num(w1, a, sizeof(a)));
        return 0;
}

static int io_v1(struct planner *pl)
{
        static const char *const files[UNITS_IO_KEYS] = {
                "blkio.throttle.read_bps_device", "blkio.throttle.write_bps_device",
                "blkio.throttle.read_iops_device", "blkio.throttle.write_iops_device"};
        for (int k = 0; k < UNITS_IO_KEYS; k++) {
                if (!pl->io.set[k])
                        continue;
                /* v1 has no "max": 0 removes the device's throttle. */
                uint64_t v = pl->io.value[k] == INF ? 0 : pl->io.value[k];
                int r = add(pl, LIM_IO_MAX, pl->t->dir[LIM_IO_MAX], files[k], "%" PRIu32 ":%" PRIu32 " %" PRIu64,
                            pl->io.major, pl->io.minor, v);
                if (r < 0)
                        return r;
        }
        return 0;
}

static int emit_v1(struct planner *pl, enum limit_field f)
{
        const char *dir = pl->t->dir[f];
        char num[32];
        int r;
        switch (f) {
        case LIM_MEMORY_MAX:
        case LIM_SWAP_MAX:
                /* Both in one step, when the first of them comes. */
                if (f == LIM_SWAP_MAX && pl->now[LIM_MEMORY_MAX] && pl->t->dir[LIM_MEMORY_MAX])
                        return 0;
                return emit_v1_memory(pl);
        case LIM_CPU_MAX:
                /* The period first: the quota is checked against it. */
                if ((r = add(pl, f, dir, "cpu.cfs_period_us", "%" PRIu64, pl->t->cpu_period_usec)) < 0)
                        return r;
                return add(pl, f, dir, "cpu.cfs_quota_us", "%s", v1_num(pl->val[f], num, sizeof(num)));
        case LIM_CPU_WEIGHT: return add(pl, f, dir, "cpu.shares", "%" PRIu64, pl->val[f]);
        case LIM_PIDS_MAX: return add(pl, f, dir, "pids.max", "%s", v2_num(pl->val[f], num, sizeof(num)));
        case LIM_IO_MAX: return io_v1(pl);
        case LIM_CPUSET_CPUS: return add(pl, f, dir, "cpuset.cpus", "%s", pl->now[f]);
        case LIM_CPUSET_MEMS: return add(pl, f, dir, "cpuset.mems", "%s", pl->now[f]);
        case LIM_MEMORY_HIGH: /* not on v1: never available */
        case LIM_COUNT: break;
        }
        return cause_set(pl->cause, EOPNOTSUPP, "%s: not available on v1", limit_fields[f].label);
}

/* A new memory max or high below what the cgroup uses now. */
static bool below_usage(const struct planner *pl)
{
        uint64_t use = pl->t->mem_usage;
        if (use == U64_UNKNOWN)
                return false;
        for (int f = LIM_MEMORY_MAX; f <= LIM_MEMORY_HIGH; f++)
                if (pl->now[f] && pl->val[f] != INF && pl->val[f] < use)
                        return true;
        return false;
}

/* IO max on the same device as the old text: only the keys whose value
 * changed are written (io.max keeps the keys a write does not name; each
 * v1 key is its own file), so the form's line retyped in other words
 * ("67108864" for "64M", keys in another order) writes nothing. A key the
 * old text did not give counts as changed. On another device every key
 * typed is written, and the old device keeps its limits. */
static int io_changed_keys(struct planner *pl, const char *old)
{
        struct units_io_max was;
        char *o = trimmed(old);
        if (!o)
                return cause_set(pl->cause, ENOMEM, "out of memory");
        bool same_dev = units_parse_io_max(o, &was, NULL) == 0 && was.major == pl->io.major &&
                        was.minor == pl->io.minor;
        free(o);
        if (!same_dev)
                return 0;
        bool any = false;
        for (int k = 0; k < UNITS_IO_KEYS; k++) {
                if (pl->io.set[k] && was.set[k] && was.value[k] == pl->io.value[k])
                        pl->io.set[k] = false;
                any = any || pl->io.set[k];
        }
        if (!any) {
                free(pl->now[LIM_IO_MAX]);
                pl->now[LIM_IO_MAX] = NULL;
        }
        return 0;
}

/* A cpuset list may only name CPUs (or memory nodes) this machine can
 * have: its /sys/devices/system/{cpu,node}/possible, under sysroot. The
 * kernel would refuse the others, after the fields before it were
 * written. Unknown when that file cannot be read: the kernel decides. */
static int check_cpuset(struct planner *pl, enum limit_field f)
{
        bool cpus = f == LIM_CPUSET_CPUS;
        char path[4096], have[256];
        snprintf(path, sizeof(path), "%s/sys/devices/system/%s/possible", pl->sysroot ? pl->sysroot : "",
                 cpus ? "cpu" : "node");
        FILE *fp = fopen(path, "re");
        bool got = fp && fgets(have, sizeof(have), fp);
        if (fp)
                fclose(fp);
        if (!got)
                return 0;
        have[strcspn(have, "\n")] = '\0';
        /* The highest id is the last number of the list ("0-3" or "0,2-5"). */
        const char *last = have + strlen(have);
        while (last > have && last[-1] >= '0' && last[-1] <= '9')
                last--;
        unsigned long max = strtoul(last, NULL, 10);
        for (const char *p = pl->now[f]; *p;) {
                if (*p < '0' || *p > '9') {
                        p++;
                        continue;
                }
                char *end;
                unsigned long id = strtoul(p, &end, 10);
                if (id > max)
                        return cause_set(pl->cause, EINVAL, "%s: '%s' names %s %lu, but this machine has %s %s",
                                         limit_fields[f].label, pl->now[f], cpus ? "CPU" : "memory node", id,
                                         cpus ? "CPUs" : "memory nodes", have);
                p = end;
        }
        return 0;
}

static int plan(struct planner *pl, const char *const old[LIM_COUNT], const char *const now[LIM_COUNT])
{
        int r = collect(pl, old, now);
        for (int f = 0; f < LIM_COUNT && r == 0; f++)
                if (pl->now[f])
                        r = check(pl, (enum limit_field)f);
        if (r == 0 && pl->now[LIM_IO_MAX])
                r = io_changed_keys(pl, old ? old[LIM_IO_MAX] : NULL);
        if (r == 0 && pl->now[LIM_IO_MAX])
                r = check_device(pl);
        for (int f = LIM_CPUSET_CPUS; f <= LIM_CPUSET_MEMS && r == 0; f++)
                if (pl->now[f])
                        r = check_cpuset(pl, (enum limit_field)f);
        for (int f = 0; f < LIM_COUNT && r == 0; f++)
                if (pl->now[f])
                        r = pl->t->file_version[f] == 1 ? emit_v1(pl, (enum limit_field)f)
                                                        : emit_v2(pl, (enum limit_field)f);
        return r;
}

int limit_plan_make(const struct limit_target *t, const char *const old[LIM_COUNT], const char *const now[LIM_COUNT],
                    const char *sysroot, struct limit_plan *ret, char **cause)
{
        struct planner pl;
        memset(&pl, 0, sizeof(pl));
        pl.t = t;
        pl.sysroot = sysroot;
        pl.cause = cause;
        int r = plan(&pl, old, now);
        if (r == 0)
                pl.plan.memory_below_usage = below_usage(&pl);
        for (int f = 0; f < LIM_COUNT; f++)
                free(pl.now[f]);
        if (r < 0) {
                limit_plan_free(&pl.plan);
                return r;
        }
        *ret = pl.plan;
        return 0;
}

void limit_plan_free(struct limit_plan *p)
{
        if (!p)
                return;
        for (size_t i = 0; i < p->n; i++) {
                free(p->w[i].file);
                free(p->w[i].value);
        }
        free(p->w);
        memset(p, 0, sizeof(*p));
}
