/* limits.c: where a cgroup's limits live and what they are now; enabling
 * a v2 controller. See limits.h; planning and writing are in
 * limitsplan.c.
 *
 * Each field is looked up by its controller: the hierarchy that has it
 * (cg_hier_with: a v1 one mounted with it, else the v2 one whose top
 * lists it), then the cgroup with the form's path in that hierarchy. So a
 * form on a hybrid host's v2 cgroup finds its memory limits in the v1
 * memory hierarchy, where systemd made the same path. */
#include "config.h"

#include "action/limits.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "action/cause.h"
#include "action/units.h"
#include "model/cgtree.h"
#include "util/buf.h"

/* The snapshot's "no limit" (U64_NO_LIMIT) and units' (UNITS_NO_LIMIT)
 * differ: values cross between them through show_size() and friends. */
const struct limit_field_info limit_fields[LIM_COUNT] = {
        [LIM_MEMORY_MAX] = {"memory_max", "memory max", "memory", "a size (512K, 64M, 1.5G, 2T) or max"},
        [LIM_MEMORY_HIGH] = {"memory_high", "memory high", "memory", "a size (512K, 64M, 1.5G, 2T) or max"},
        [LIM_SWAP_MAX] = {"swap_max", "swap max", "memory", "a size (512K, 64M, 1.5G, 2T) or max"},
        [LIM_CPU_MAX] = {"cpu_max", "CPU max", "cpu", "a number of CPUs (0.5, 2) or max"},
        [LIM_CPU_WEIGHT] = {"cpu_weight", "CPU weight", "cpu", "v2: a weight 1-10000; v1: shares 2-262144"},
        [LIM_PIDS_MAX] = {"pids_max", "pids max", "pids", "a number of processes (1-4194304) or max"},
        [LIM_IO_MAX] = {"io_max", "IO max", "io",
                        "MAJ:MIN and rbps=, wbps= (64M, max), riops=, wiops= (100, max)"},
        [LIM_CPUSET_CPUS] = {"cpuset_cpus", "cpuset cpus", "cpuset", "a CPU list such as 0-3,5"},
        [LIM_CPUSET_MEMS] = {"cpuset_mems", "cpuset mems", "cpuset", "a memory node list such as 0-1"},
};

/* The hierarchy with the field's controller: v1 calls io "blkio". */
static uint32_t field_hier(const struct snapshot *s, enum limit_field f)
{
        if (f == LIM_IO_MAX) {
                uint32_t h = cg_hier_with(s, "blkio");
                return h != IDX_NONE ? h : cg_hier_with(s, "io");
        }
        return cg_hier_with(s, limit_fields[f].controller);
}

/* The parent of cgroup c: its record's, or (when the walk started below
 * the top) the one at the parent path. IDX_NONE at the top. */
static uint32_t parent_of(const struct snapshot *s, const struct cgroup_rec *c)
{
        if (c->parent != IDX_NONE)
                return c->parent;
        const char *slash = strrchr(c->path, '/');
        if (!slash || slash == c->path)
                return strcmp(c->path, "/") == 0 ? IDX_NONE : cg_find(s, c->hier, "/");
        char *up = strndup(c->path, (size_t)(slash - c->path));
        uint32_t p = up ? cg_find(s, c->hier, up) : IDX_NONE;
        free(up);
        return p;
}

static int set_why(struct limit_target *t, enum limit_field f, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* Field f is not available here: why_not says why. 0 or -ENOMEM. */
static int set_why(struct limit_target *t, enum limit_field f, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        int n = vasprintf(&t->why_not[f], fmt, ap);
        va_end(ap);
        if (n < 0) {
                t->why_not[f] = NULL;
                return -ENOMEM;
        }
        return 0;
}

/* v2: is the field's controller enabled for cgroup c (its
 * cgroup.controllers, i.e. the parent's subtree_control)? If not, why,
 * and whether enabling it in the parent would do. */
static int v2_enabled(const struct snapshot *s, const struct cgroup_rec *c, enum limit_field f,
                      struct limit_target *t)
{
        const char *ctl = limit_fields[f].controller;
        if (cg_list_has(c->controllers, ctl))
                return 1;
        uint32_t p = parent_of(s, c);
        if (p != IDX_NONE && cg_list_has(s->cgroups[p].controllers, ctl)) {
                t->enable_offer[f] = true;
                return set_why(t, f, "the %s controller is not enabled here (enable it in the parent's "
                                     "cgroup.subtree_control)", ctl);
        }
        return set_why(t, f, "the %s controller is not enabled here, nor for the parent (enable it further up "
                             "first)", ctl);
}

/* A field whose file this version or this cgroup lacks: 1 when it has it. */
static int file_missing(const struct cgroup_rec *c, enum limit_field f, struct limit_target *t, int version)
{
        if (f == LIM_MEMORY_HIGH && version == 1)
                return set_why(t, f, "v1 has no memory.high");
        /* The swap files exist only with swap accounting (CONFIG_MEMCG_SWAP,
         * not booted with swapaccount=0); the sampler leaves the value
         * absent when the file is not there. */
        if (f == LIM_SWAP_MAX && c->swap_max == U64_ABSENT)
                return set_why(t, f, "no %s here (swap accounting is off)",
                               version == 1 ? "memory.memsw files" : "memory.swap.max");
        return 1;
}

/* Fills dir, holder, file_version or why_not of field f: in the cgroup
 * at c's path in the field's hierarchy, or (c NULL) in the one process p
 * is in there. */
static int locate(const struct snapshot *s, const struct cgroup_rec *c, const struct proc_rec *p, enum limit_field f,
                  const char *sysroot, struct limit_target *t)
{
        if (c && strcmp(c->path, "/") == 0)
                return set_why(t, f, "the root cgroup has no limits");
        uint32_t h = field_hier(s, f);
        const char *ctl = f == LIM_IO_MAX ? "io (blkio)" : limit_fields[f].controller;
        if (h == IDX_NONE)
                return set_why(t, f, "no mounted cgroup hierarchy has the %s controller", ctl);
        uint32_t i = !c ? cg_of_proc(s, p, h) : h == c->hier ? (uint32_t)(c - s->cgroups) : cg_find(s, h, c->path);
        if (i == IDX_NONE && !c)
                return set_why(t, f, "pid %d is in no cgroup of the %s hierarchy", p->pid, s->cg_hiers[h].name);
        if (i == IDX_NONE)
                return set_why(t, f, "no cgroup %s in the %s hierarchy", c->path, s->cg_hiers[h].name);
        const struct cgroup_rec *hc = &s->cgroups[i];
        if (strcmp(hc->path, "/") == 0)
                return set_why(t, f, "the root cgroup has no limits");
        int version = s->cg_hiers[h].version, r;
        if (version == 2 && (r = v2_enabled(s, hc, f, t)) <= 0)
                return r;
        if ((r = file_missing(hc, f, t, version)) <= 0)
                return r;
        t->dir[f] = cg_dir(s, hc, sysroot);
        if (!t->dir[f])
                return errno == ENOMEM ? -ENOMEM : set_why(t, f, "%s is outside the mounted part of %s", c->path,
                                                          s->cg_hiers[h].name);
        t->holder[f] = i;
        t->file_version[f] = (uint8_t)version;
        return 0;
}

static uint64_t known(uint64_t v)
{
        return v == U64_ABSENT ? U64_UNKNOWN : v;
}

/* The values planning needs, from the cgroups that hold the fields. */
static void note_values(const struct snapshot *s, struct limit_target *t)
{
        uint32_t m = t->holder[LIM_MEMORY_MAX], c = t->holder[LIM_CPU_MAX];
        if (m != IDX_NONE) {
                t->mem_usage = known(s->cgroups[m].mem_current);
                t->mem_max = known(s->cgroups[m].mem_max);
                t->memsw_max = known(s->cgroups[m].swap_max);
        }
        uint64_t period = c != IDX_NONE ? s->cgroups[c].cpu_period_usec : U64_UNKNOWN;
        t->cpu_period_usec = period >= UNITS_CPU_PERIOD_MIN && period <= UNITS_CPU_PERIOD_MAX
                                     ? period
                                     : UNITS_CPU_PERIOD_DEFAULT;
}

/* The cgroup t is about: cgroup cg, or (cg IDX_NONE) the one holding
 * process p's first field that can be set. */
static int target_fill(const struct snapshot *s, uint32_t cg, const struct proc_rec *proc, const char *sysroot,
                       struct limit_target *ret)
{
        struct limit_target t;
        memset(&t, 0, sizeof(t));
        t.mem_usage = t.mem_max = t.memsw_max = U64_UNKNOWN;
        for (int f = 0; f < LIM_COUNT; f++)
                t.holder[f] = IDX_NONE;
        const struct cgroup_rec *given = cg == IDX_NONE ? NULL : &s->cgroups[cg];
        int r = 0;
        for (int f = 0; f < LIM_COUNT && r == 0; f++)
                r = locate(s, given, proc, (enum limit_field)f, sysroot, &t);
        for (int f = 0; f < LIM_COUNT && cg == IDX_NONE; f++)
                cg = t.holder[f];
        if (cg == IDX_NONE && r == 0)
                r = -ENOENT; /* a process in no cgroup that has limits */
        const struct cgroup_rec *c = r == 0 ? &s->cgroups[cg] : NULL;
        if (c) {
                t.version = s->cg_hiers[c->hier].version;
                t.cg = cg;
                r = (t.path = strdup(c->path)) ? 0 : -ENOMEM;
        }
        uint32_t p = c ? parent_of(s, c) : IDX_NONE;
        if (r == 0 && t.version == 2 && p != IDX_NONE && !(t.parent_dir = cg_dir(s, &s->cgroups[p], sysroot)))
                r = errno == ENOMEM ? -ENOMEM : 0;
        if (r < 0) {
                limit_target_free(&t);
                return r;
        }
        note_values(s, &t);
        *ret = t;
        return 0;
}

int limit_target_of(const struct snapshot *s, uint32_t cg, const char *sysroot, struct limit_target *ret)
{
        if (cg >= s->ncgroups)
                return -EINVAL;
        return target_fill(s, cg, NULL, sysroot, ret);
}

int limit_target_of_proc(const struct snapshot *s, const struct proc_rec *p, const char *sysroot,
                         struct limit_target *ret)
{
        return target_fill(s, IDX_NONE, p, sysroot, ret);
}

void limit_target_free(struct limit_target *t)
{
        if (!t)
                return;
        free(t->path);
        free(t->parent_dir);
        for (int f = 0; f < LIM_COUNT; f++) {
                free(t->dir[f]);
                free(t->why_not[f]);
        }
        memset(t, 0, sizeof(*t));
}

/* A byte limit or count as the form shows it; "" when not known. */
static void show_size(uint64_t v, char *out, size_t size)
{
        if (v == U64_ABSENT || v == U64_UNKNOWN)
                snprintf(out, size, "%s", "");
        else
                units_format_size(v == U64_NO_LIMIT ? UNITS_NO_LIMIT : v, out, size);
}

static void show_count(uint64_t v, char *out, size_t size)
{
        if (v == U64_ABSENT || v == U64_UNKNOWN)
                snprintf(out, size, "%s", "");
        else if (v == U64_NO_LIMIT)
                snprintf(out, size, "max");
        else
                snprintf(out, size, "%" PRIu64, v);
}

/* v1 swap max: memsw counts memory + swap, so swap is the difference;
 * with no memory limit a finite memsw has no swap-only equivalent. */
static void show_v1_swap(const struct cgroup_rec *c, char *out, size_t size)
{
        uint64_t mem = c->mem_max, sw = c->swap_max;
        if (sw == U64_NO_LIMIT)
                snprintf(out, size, "max");
        else if (mem == U64_NO_LIMIT || mem == U64_ABSENT || mem == U64_UNKNOWN || sw == U64_UNKNOWN || sw < mem)
                snprintf(out, size, "%s", "");
        else
                show_size(sw - mem, out, size);
}

static void show_cpus(const struct cgroup_rec *c, char *out, size_t size)
{
        uint64_t q = c->cpu_quota_usec, p = c->cpu_period_usec;
        if (q == U64_ABSENT || q == U64_UNKNOWN || (q != U64_NO_LIMIT && (p == U64_ABSENT || p == U64_UNKNOWN)))
                snprintf(out, size, "%s", "");
        else
                units_format_cpus(q == U64_NO_LIMIT ? UNITS_NO_LIMIT : q, p, out, size);
}

/* One IO limit as IO max shows it: bytes/s as a size, IOs/s as a number,
 * max for none (or no such file). */
static void show_io_limit(uint64_t v, bool bytes, char *out, size_t size)
{
        if (v >= U64_ABSENT)
                snprintf(out, size, "max");
        else if (bytes)
                units_format_size(v, out, size);
        else
                snprintf(out, size, "%" PRIu64, v);
}

/* IO max: the first device of the cgroup with a limit, with all four
 * keys: "8:0 rbps=64M wbps=max riops=100 wiops=max", which
 * units_parse_io_max reads back. "" when no device has a limit, and when
 * some limit could not be read (a device shown without one might have
 * one). */
static void show_io(const struct snapshot *s, const struct cgroup_rec *c, char *out, size_t size)
{
        _Static_assert((int)UNITS_IO_KEYS == (int)IO_LIM_COUNT && (int)UNITS_IO_RBPS == (int)IO_LIM_RBPS &&
                               (int)UNITS_IO_WBPS == (int)IO_LIM_WBPS && (int)UNITS_IO_RIOPS == (int)IO_LIM_RIOPS,
                       "units' IO keys are the snapshot's");
        const struct cg_io_dev_rec *first = NULL;
        for (uint32_t i = 0; i < c->io_dev_count && c->io_dev_first + i < s->ncg_io_devs; i++) {
                const struct cg_io_dev_rec *d = &s->cg_io_devs[c->io_dev_first + i];
                for (int k = 0; k < IO_LIM_COUNT; k++) {
                        if (d->limit[k] == U64_UNKNOWN)
                                return;
                        if (d->limit[k] < U64_ABSENT && !first)
                                first = d;
                }
        }
        if (!first)
                return;
        int len = snprintf(out, size, "%" PRIu32 ":%" PRIu32, first->major, first->minor);
        for (int k = 0; k < IO_LIM_COUNT && len >= 0 && (size_t)len < size; k++) {
                char v[32];
                show_io_limit(first->limit[k], k == IO_LIM_RBPS || k == IO_LIM_WBPS, v, sizeof(v));
                len += snprintf(out + len, size - (size_t)len, " %s=%s", units_io_key_names[k], v);
        }
}

void limit_current(const struct snapshot *s, const struct limit_target *t, enum limit_field f, char *out, size_t size)
{
        if (!size)
                return;
        *out = '\0';
        if (!t->dir[f] || t->holder[f] == IDX_NONE || t->holder[f] >= s->ncgroups)
                return;
        const struct cgroup_rec *c = &s->cgroups[t->holder[f]];
        bool v1 = t->file_version[f] == 1;
        switch (f) {
        case LIM_MEMORY_MAX: show_size(c->mem_max, out, size); break;
        case LIM_MEMORY_HIGH: show_size(c->mem_high, out, size); break;
        case LIM_SWAP_MAX: v1 ? show_v1_swap(c, out, size) : show_size(c->swap_max, out, size); break;
        case LIM_CPU_MAX: show_cpus(c, out, size); break;
        case LIM_CPU_WEIGHT: show_count(v1 ? c->cpu_shares : c->cpu_weight, out, size); break;
        case LIM_PIDS_MAX: show_count(c->pids_max, out, size); break;
        case LIM_CPUSET_CPUS: snprintf(out, size, "%s", c->cpuset_cpus ? c->cpuset_cpus : ""); break;
        case LIM_CPUSET_MEMS: snprintf(out, size, "%s", c->cpuset_mems ? c->cpuset_mems : ""); break;
        case LIM_IO_MAX: show_io(s, c, out, size); break;
        case LIM_COUNT: break;
        }
}

/* One write(2) of text to path: cgroupfs takes a value whole, in one
 * write, and answers with that write's errno. */
static int write_file(const char *path, const char *text)
{
        int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        size_t len = strlen(text);
        ssize_t n = write(fd, text, len);
        int err = n < 0 ? errno : (size_t)n != len ? EIO : 0;
        if (close(fd) < 0 && !err && errno != EINTR)
                err = errno;
        return -err;
}

static bool field_in(const struct limit_plan *p, size_t from, size_t to, enum limit_field f)
{
        for (size_t i = from; i < to; i++)
                if (p->w[i].field == f)
                        return true;
        return false;
}

/* Appends ", label" for the fields of writes [from, to), each once, in
 * plan order, except skip. */
static void field_list(const struct limit_plan *p, size_t from, size_t to, enum limit_field skip, struct buf *b)
{
        for (size_t i = from; i < to; i++) {
                enum limit_field f = p->w[i].field;
                if (f != skip && !field_in(p, from, i, f))
                        buf_printf(b, ", %s", limit_fields[f].label);
        }
}

static const char *base_name(const char *path)
{
        const char *slash = strrchr(path, '/');
        return slash ? slash + 1 : path;
}

/* A list built by field_list, without its leading ", "; "none" when empty. */
static const char *list_text(struct buf *b)
{
        return b->failed || b->len < 2 ? "none" : buf_str(b) + 2;
}

/* Write k was refused with err: which field, why, and what is and is not
 * applied. A field with several files names those already written. */
static int refused(const struct limit_plan *p, size_t k, int err, char **cause)
{
        const struct limit_write *w = &p->w[k];
        struct buf applied = {0}, rest = {0};
        field_list(p, 0, k, w->field, &applied);
        buf_printf(&rest, ", %s", limit_fields[w->field].label);
        for (size_t i = 0; i < k; i++)
                if (p->w[i].field == w->field)
                        buf_printf(&rest, " (%s was written)", base_name(p->w[i].file));
        field_list(p, k + 1, p->n, w->field, &rest);
        cause_set(cause, err, "%s: writing '%s' to %s: %s; applied: %s; not applied: %s", limit_fields[w->field].label,
                  w->value, w->file, strerror(err), list_text(&applied), list_text(&rest));
        buf_free(&applied);
        buf_free(&rest);
        return -err;
}

int limit_apply(const struct limit_plan *p, char **cause)
{
        for (size_t i = 0; i < p->n; i++) {
                int r = write_file(p->w[i].file, p->w[i].value);
                if (r < 0)
                        return refused(p, i, -r, cause);
        }
        return (int)p->n;
}

int limit_enable_controller(const char *parent_dir, const char *controller, char **cause)
{
        if (!parent_dir)
                return cause_set(cause, EINVAL, "the root cgroup has no parent to enable %s in", controller);
        if (!*controller || strspn(controller, "abcdefghijklmnopqrstuvwxyz_") != strlen(controller))
                return cause_set(cause, EINVAL, "'%s' is not a controller name", controller);
        char *path = NULL, *value = NULL;
        if (asprintf(&path, "%s/cgroup.subtree_control", parent_dir) < 0 ||
            asprintf(&value, "+%s", controller) < 0) {
                free(path);
                return cause_set(cause, ENOMEM, "out of memory");
        }
        int r = write_file(path, value);
        if (r == -EBUSY)
                cause_set(cause, EBUSY,
                          "writing '%s' to %s: %s: %s has processes of its own, and a cgroup with processes "
                          "cannot hand controllers to its children (the no-internal-processes rule); move them "
                          "into a child cgroup first",
                          value, path, strerror(EBUSY), parent_dir);
        else if (r == -ENOENT)
                cause_errno(cause, ENOENT, "writing '%s' to %s (the %s controller is not available there: "
                                           "enable it in its parent first, or the cgroup is gone)",
                            value, path, controller);
        else if (r < 0)
                cause_errno(cause, -r, "writing '%s' to %s", value, path);
        free(path);
        free(value);
        return r;
}
