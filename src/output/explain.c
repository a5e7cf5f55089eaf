/* explain.c: the explain panel's text; see explain.h.
 *
 * Everything here reads a snapshot and appends to a buf: no I/O. The
 * explanations are nstop's own summaries of namespaces(7), cgroups(7) and
 * the kernel's cgroup-v2 documentation. Every line ends in '\n' and is
 * indented with spaces; the only other bytes the builder writes itself are
 * printable ASCII. */
#include "config.h"

#include "output/explain.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "output/format.h"

#define UNKNOWN_TEXT "unknown (could not read)"

/* How many members are listed by pid and command before "and N more". */
enum { MEMBERS_SHOWN = 5 };

static int finish(const struct buf *out)
{
        return out->failed ? -ENOMEM : 0;
}

static const char *or_unknown(const char *s)
{
        return s ? s : UNKNOWN_TEXT;
}

/* ---- numbers in words ---- */

/* Bytes as format.c writes them, with a "B" where no unit letter follows. */
static void put_bytes(struct buf *out, uint64_t v)
{
        char t[FMT_MAX];
        fmt_bytes(t, v);
        buf_puts(out, t);
        size_t n = strlen(t);
        if (n && t[n - 1] >= '0' && t[n - 1] <= '9')
                buf_putc(out, 'B');
}

/* A value with its special meanings: unknown, no limit, or a number. */
static void put_cg_value(struct buf *out, uint64_t v, bool bytes)
{
        if (v == U64_UNKNOWN)
                buf_puts(out, UNKNOWN_TEXT);
        else if (v == U64_NO_LIMIT)
                buf_puts(out, "no limit");
        else if (bytes)
                put_bytes(out, v);
        else
                buf_printf(out, "%" PRIu64, v);
}

/* A decimal with at most two places and no trailing zeros: 0.5, 2, 1.25. */
static void put_decimal(struct buf *out, double v)
{
        char t[64];
        snprintf(t, sizeof(t), "%.2f", v);
        char *dot = strchr(t, '.');
        if (dot) {
                char *end = t + strlen(t);
                while (end > dot + 1 && end[-1] == '0')
                        *--end = '\0';
                if (end == dot + 1)
                        *dot = '\0';
        }
        buf_puts(out, t);
}

static void put_seconds_usec(struct buf *out, uint64_t usec)
{
        put_decimal(out, (double)usec / 1e6);
        buf_puts(out, " s");
}

/* "LABEL USE of LIMIT limit" (bytes) or "LABEL USE of LIMIT" (counts),
 * and its variants; nothing when both are absent. */
static void put_use_limit(struct buf *out, const char *label, uint64_t use, uint64_t limit, bool bytes,
                          const char *note)
{
        if (use == U64_ABSENT && limit == U64_ABSENT)
                return;
        buf_printf(out, "  %s ", label);
        if (use != U64_ABSENT)
                put_cg_value(out, use, bytes);
        if (limit == U64_ABSENT) {
                /* no limit file here: nothing to say about it */
        } else if (use == U64_ABSENT) {
                buf_puts(out, "limit ");
                put_cg_value(out, limit, bytes);
        } else if (limit == U64_NO_LIMIT) {
                buf_puts(out, ", no limit");
        } else if (limit == U64_UNKNOWN) {
                buf_puts(out, ", limit " UNKNOWN_TEXT);
        } else {
                buf_puts(out, " of ");
                put_cg_value(out, limit, bytes);
                if (bytes)
                        buf_puts(out, " limit");
        }
        if (note && use != U64_UNKNOWN)
                buf_printf(out, " (%s)", note);
        buf_putc(out, '\n');
}

/* " (note)" after a value that was read; nothing after an unknown one. */
static void put_note(struct buf *out, uint64_t v, const char *note)
{
        if (v != U64_UNKNOWN)
                buf_printf(out, " (%s)", note);
}

/* "LABEL VALUE" for a counter; nothing when absent. */
static void put_counter(struct buf *out, const char *label, uint64_t v, bool bytes)
{
        if (v == U64_ABSENT)
                return;
        buf_printf(out, "  %s ", label);
        put_cg_value(out, v, bytes);
        buf_putc(out, '\n');
}

/* ---- members, shared by namespaces and cgroups ---- */

static void put_members(struct buf *out, const struct snapshot *s, const uint32_t *list, uint32_t nlist,
                        uint32_t first, uint32_t count, const char *where)
{
        if (first > nlist || count > nlist - first)
                count = first > nlist ? 0 : nlist - first;
        buf_printf(out, "members: %" PRIu32 " process%s %s\n", count, count == 1 ? "" : "es", where);
        for (uint32_t i = 0; i < count && i < MEMBERS_SHOWN; i++) {
                uint32_t k = list[first + i];
                if (k >= s->nprocs)
                        continue;
                const struct proc_rec *p = &s->procs[k];
                buf_printf(out, "  %" PRId32 " %s\n", p->pid, p->comm ? p->comm : "?");
        }
        if (count > MEMBERS_SHOWN)
                buf_printf(out, "  and %" PRIu32 " more\n", count - MEMBERS_SHOWN);
}

/* ---- namespaces ---- */

static bool ns_type_valid(int t)
{
        return t >= 0 && t < NS_TYPE_COUNT;
}

static void put_link(struct buf *out, const char *label, uint8_t state, uint64_t ino, const char *none_text)
{
        buf_printf(out, "%s: ", label);
        if (state == LINK_KNOWN)
                buf_printf(out, "user namespace %" PRIu64, ino);
        else if (state == LINK_NONE)
                buf_puts(out, none_text);
        else
                buf_puts(out, UNKNOWN_TEXT);
        buf_putc(out, '\n');
}

static void put_ns_links(struct buf *out, const struct ns_rec *n, const struct ns_type_info *ti)
{
        put_link(out, "owner", n->owner_state, n->owner_ino, "none visible");
        buf_puts(out, "  (privilege over a namespace means capabilities in the user namespace that owns it)\n");
        if (n->type == NS_USER) {
                buf_puts(out, "owner uid: ");
                if (n->owner_state == LINK_UNKNOWN || n->owner_uid == U32_UNKNOWN)
                        buf_puts(out, UNKNOWN_TEXT);
                else
                        buf_printf(out, "%" PRIu32 " (the effective uid of the process that made it)", n->owner_uid);
                buf_putc(out, '\n');
        }
        if (n->type != NS_PID && n->type != NS_USER)
                return;
        buf_puts(out, "parent: ");
        if (n->parent_state == LINK_KNOWN)
                buf_printf(out, "%s namespace %" PRIu64, ti->name, n->parent_ino);
        else if (n->parent_state == LINK_NONE)
                buf_puts(out, "none visible (the initial one)");
        else
                buf_puts(out, UNKNOWN_TEXT);
        buf_putc(out, '\n');
}

static void put_ns_mounts(struct buf *out, const struct snapshot *s, const struct ns_rec *n)
{
        if (n->mount_count == 0 || n->mount_first >= s->nmounts)
                return;
        buf_puts(out, "bind mounts (they keep it alive without any process):\n");
        for (uint32_t i = 0; i < n->mount_count && n->mount_first + i < s->nmounts; i++)
                buf_printf(out, "  %s\n", or_unknown(s->mounts[n->mount_first + i]));
}

/* The pid of its first member, or -1. */
static int32_t ns_first_pid(const struct snapshot *s, const struct ns_rec *n)
{
        if (n->member_count == 0 || n->member_first >= s->nmembers || s->members[n->member_first] >= s->nprocs)
                return -1;
        return s->procs[s->members[n->member_first]].pid;
}

static void put_ns_enter(struct buf *out, const struct snapshot *s, const struct ns_rec *n,
                         const struct ns_type_info *ti)
{
        int32_t pid = ns_first_pid(s, n);
        if (pid > 0) {
                buf_printf(out, "enter it: nsenter --%s=/proc/%" PRId32 "/ns/%s COMMAND\n", ti->option, pid, ti->name);
                buf_printf(out, "  (or nsenter --target %" PRId32 " --%s COMMAND)\n", pid, ti->option);
        } else if (n->mount_count && n->mount_first < s->nmounts && s->mounts[n->mount_first]) {
                buf_printf(out, "enter it: nsenter --%s=%s COMMAND\n", ti->option, s->mounts[n->mount_first]);
        } else {
                buf_puts(out, "enter it: no process or bind mount visible to enter it through\n");
        }
        if (n->type == NS_PID || n->type == NS_TIME) {
                buf_printf(out, "make one: unshare --%s --fork COMMAND (only children of the caller go in)\n",
                           ti->option);
        } else {
                buf_printf(out, "make one: unshare --%s COMMAND\n", ti->option);
        }
}

int explain_namespace(const struct snapshot *s, const struct ns_rec *n, struct buf *out)
{
        if (!ns_type_valid((int)n->type)) {
                buf_printf(out, "namespace %" PRIu64 " of an unknown type\n", n->ino);
                return finish(out);
        }
        const struct ns_type_info *ti = &ns_types[n->type];
        buf_printf(out, "%s namespace %" PRIu64 "\n", ti->name, n->ino);
        buf_printf(out, "isolates: %s\n", ti->isolates);
        buf_printf(out, "  %s\n", ti->explain);
        buf_printf(out, "made with the %s flag of clone(2) and unshare(2), since Linux %s\n", ti->flag, ti->since);
        put_ns_links(out, n, ti);
        put_ns_mounts(out, s, n);
        put_members(out, s, s->members, s->nmembers, n->member_first, n->member_count, "in it");
        put_ns_enter(out, s, n, ti);
        return finish(out);
}

/* ---- cgroups ---- */

struct controller_info {
        const char *name;
        const char *what;
};

static const struct controller_info controllers[] = {
        {"cpu", "shares CPU time between groups by weight (v1 shares) and can cap it with a quota per period"},
        {"cpuacct", "accounts the CPU time its processes use (v1; v2 reports it in cpu.stat)"},
        {"cpuset", "restricts its processes to a set of CPUs and of memory (NUMA) nodes"},
        {"memory", "accounts and limits the memory its processes use, page cache included; over the limit "
                   "the kernel reclaims, and if that fails the OOM killer picks a process"},
        {"io", "accounts block-device reads and writes and can limit them per device (bytes or operations "
               "per second) or share them by weight"},
        {"blkio", "v1 block-device IO: accounts reads and writes and can throttle them per device"},
        {"pids", "limits how many processes and threads it may hold: fork and clone fail beyond it"},
        {"freezer", "stops every process in it at once and resumes them later (v2: cgroup.freeze)"},
        {"devices", "decides which device nodes its processes may open or create (v1 allow and deny lists; "
                    "v2 uses eBPF programs)"},
        {"net_cls", "tags the network packets of its processes with a class id that tc and firewall rules "
                    "can match"},
        {"net_prio", "sets the priority of its processes' outgoing network traffic, per interface"},
        {"hugetlb", "accounts and limits the huge pages its processes use, for each page size"},
        {"perf_event", "lets perf monitor its processes together, as one group"},
        {"rdma", "limits RDMA and InfiniBand resources (handles and objects) per device"},
        {"misc", "accounts and limits scarce platform resources that are counted, such as encryption IDs "
                 "of confidential VMs"},
};

static const char *controller_what(const char *name, size_t len)
{
        for (size_t i = 0; i < sizeof(controllers) / sizeof(controllers[0]); i++)
                if (strlen(controllers[i].name) == len && memcmp(controllers[i].name, name, len) == 0)
                        return controllers[i].what;
        if (len > 5 && memcmp(name, "name=", 5) == 0)
                return "no controller: a named hierarchy for tracking (systemd uses name=systemd to know which "
                       "processes belong to which unit)";
        return "a controller nstop does not describe";
}

/* One line per item of a comma-separated list; only name= items when
 * names_only (the v1 hierarchy name adds them to its controllers). */
static unsigned put_controller_list(struct buf *out, const char *list, bool names_only)
{
        unsigned n = 0;
        for (const char *p = list; p && *p;) {
                size_t l = strcspn(p, ",");
                bool named = l > 5 && memcmp(p, "name=", 5) == 0;
                if (l && named == names_only) {
                        buf_printf(out, "  %.*s: %s\n", (int)l, p, controller_what(p, l));
                        n++;
                }
                p += l + (p[l] == ',');
        }
        return n;
}

static const struct cg_hier *cg_hier_of(const struct snapshot *s, const struct cgroup_rec *c)
{
        return c->hier < s->ncg_hiers ? &s->cg_hiers[c->hier] : NULL;
}

static void put_cg_hier(struct buf *out, const struct cg_hier *h)
{
        if (!h) {
                buf_puts(out, "hierarchy: " UNKNOWN_TEXT "\n");
                return;
        }
        buf_printf(out, "hierarchy: %s, cgroup v%u, mounted at %s", or_unknown(h->name), (unsigned)h->version,
                   or_unknown(h->mount));
        if (h->mount_root && strcmp(h->mount_root, "/") != 0)
                buf_printf(out, " (showing its cgroup %s there)", h->mount_root);
        buf_putc(out, '\n');
        if (h->version == 2)
                buf_puts(out, "  v2 has one unified tree for every controller; a directory is a cgroup\n");
        else
                buf_puts(out, "  in v1 each controller (or co-mounted set) has a tree of its own; a directory "
                              "is a cgroup\n");
}

static void put_cg_controllers(struct buf *out, const struct cgroup_rec *c, const struct cg_hier *h)
{
        buf_puts(out, "controllers:");
        if (!c->controllers) {
                buf_puts(out, " " UNKNOWN_TEXT "\n");
                return;
        }
        buf_putc(out, '\n');
        unsigned n = put_controller_list(out, c->controllers, false);
        if (h && h->version == 1)
                n += put_controller_list(out, h->name, true);
        if (n == 0)
                buf_puts(out, "  none enabled here\n");
}

static void put_cg_cpu(struct buf *out, const struct cgroup_rec *c)
{
        if (c->cpu_usage_usec != U64_ABSENT) {
                buf_puts(out, "  cpu time used ");
                if (c->cpu_usage_usec == U64_UNKNOWN)
                        buf_puts(out, UNKNOWN_TEXT);
                else
                        put_seconds_usec(out, c->cpu_usage_usec);
                if (isfinite(c->cpu_percent))
                        buf_printf(out, ", now %.1f%% of one CPU", c->cpu_percent);
                buf_putc(out, '\n');
        }
        uint64_t q = c->cpu_quota_usec, per = c->cpu_period_usec;
        if (q != U64_ABSENT) {
                buf_puts(out, "  cpu quota ");
                if (q == U64_UNKNOWN || q == U64_NO_LIMIT) {
                        put_cg_value(out, q, false);
                } else if (per == U64_ABSENT || per == U64_UNKNOWN || per == 0 || per == U64_NO_LIMIT) {
                        buf_printf(out, "%" PRIu64 " microseconds per period, period " UNKNOWN_TEXT, q);
                } else {
                        put_decimal(out, (double)q / (double)per);
                        buf_printf(out, " CPU (%" PRIu64 " of every %" PRIu64 " microseconds)", q, per);
                }
                buf_putc(out, '\n');
        }
        if (c->cpu_weight != U64_ABSENT) {
                buf_puts(out, "  cpu weight ");
                put_cg_value(out, c->cpu_weight, false);
                put_note(out, c->cpu_weight, "its share when CPUs are busy, against its siblings; default 100");
                buf_putc(out, '\n');
        }
        if (c->cpu_shares != U64_ABSENT) {
                buf_puts(out, "  cpu shares ");
                put_cg_value(out, c->cpu_shares, false);
                put_note(out, c->cpu_shares, "its share when CPUs are busy, against its siblings; default 1024");
                buf_putc(out, '\n');
        }
        if (c->nr_throttled != U64_ABSENT) {
                buf_puts(out, "  throttled ");
                if (c->nr_throttled == U64_UNKNOWN) {
                        buf_puts(out, UNKNOWN_TEXT);
                } else {
                        buf_printf(out, "%" PRIu64, c->nr_throttled);
                        if (c->nr_periods != U64_ABSENT && c->nr_periods != U64_UNKNOWN)
                                buf_printf(out, " of %" PRIu64, c->nr_periods);
                        buf_puts(out, " periods (its quota ran out before the period ended)");
                        if (c->throttled_usec != U64_ABSENT && c->throttled_usec != U64_UNKNOWN) {
                                buf_puts(out, ", ");
                                put_seconds_usec(out, c->throttled_usec);
                                buf_puts(out, " in all");
                        }
                }
                buf_putc(out, '\n');
        }
}

static void put_cg_memory(struct buf *out, const struct cgroup_rec *c, unsigned version)
{
        put_use_limit(out, "memory", c->mem_current, c->mem_max, true, NULL);
        if (c->mem_high != U64_ABSENT) {
                buf_puts(out, "  memory high threshold: ");
                put_cg_value(out, c->mem_high, true);
                put_note(out, c->mem_high, "above it the kernel reclaims hard and slows the group down");
                buf_putc(out, '\n');
        }
        put_use_limit(out, version == 1 ? "memory+swap" : "swap", c->swap_current, c->swap_max, true, NULL);
        put_counter(out, "times the memory limit was hit", c->mem_failcnt, false);
        put_counter(out, "OOM events (the limit could not be kept)", c->oom, false);
        put_counter(out, "processes killed by the OOM killer", c->oom_kill, false);
}

static void put_cg_io(struct buf *out, const struct snapshot *s, const struct cgroup_rec *c)
{
        if (c->io_rbytes == U64_ABSENT && c->io_wbytes == U64_ABSENT)
                return;
        buf_puts(out, "  io on block devices since it was made: read ");
        put_cg_value(out, c->io_rbytes, true);
        buf_puts(out, ", written ");
        put_cg_value(out, c->io_wbytes, true);
        buf_putc(out, '\n');
        for (uint32_t i = 0; i < c->io_dev_count && c->io_dev_first + i < s->ncg_io_devs; i++) {
                const struct cg_io_dev_rec *d = &s->cg_io_devs[c->io_dev_first + i];
                buf_printf(out, "    device %" PRIu32 ":%" PRIu32 " read ", d->major, d->minor);
                put_cg_value(out, d->rbytes, true);
                buf_puts(out, ", written ");
                put_cg_value(out, d->wbytes, true);
                buf_putc(out, '\n');
        }
}

static void put_cg_misc(struct buf *out, const struct cgroup_rec *c)
{
        put_use_limit(out, "pids", c->pids_current, c->pids_max, false, "processes and threads");
        if (c->cpuset_cpus)
                buf_printf(out, "  CPUs allowed %s\n", c->cpuset_cpus);
        if (c->cpuset_mems)
                buf_printf(out, "  memory nodes allowed %s\n", c->cpuset_mems);
        if (c->frozen == 1)
                buf_puts(out, "  frozen: yes, its processes are stopped until it is thawed\n");
        else if (c->freezer_state && strcmp(c->freezer_state, "FREEZING") == 0)
                buf_puts(out, "  frozen: freezing (in progress)\n");
        else if (c->frozen == 0)
                buf_puts(out, "  frozen: no\n");
}

static void put_cg_psi(struct buf *out, const struct cgroup_rec *c)
{
        static const char *const names[PSI_COUNT] = {[PSI_CPU] = "cpu", [PSI_MEMORY] = "memory", [PSI_IO] = "io"};
        bool any = false;
        for (int r = 0; r < PSI_COUNT; r++)
                any |= c->psi_known[r];
        if (!any)
                return;
        buf_puts(out, "pressure (PSI): share of time its tasks were stalled waiting for the resource, "
                      "averaged over 10 s (avg10) and 60 s (avg60)\n");
        buf_puts(out, "  (some: at least one task waited; full: all of them waited at once)\n");
        for (int r = 0; r < PSI_COUNT; r++) {
                const struct cg_psi *p = &c->psi[r];
                if (!c->psi_known[r] || (!p->some && !p->full))
                        continue;
                buf_printf(out, "  %s:", names[r]);
                if (p->some)
                        buf_printf(out, " some avg10 %.2f%% avg60 %.2f%%", p->some_avg10, p->some_avg60);
                if (p->full)
                        buf_printf(out, "%s full avg10 %.2f%% avg60 %.2f%%", p->some ? "," : "", p->full_avg10,
                                   p->full_avg60);
                buf_putc(out, '\n');
        }
}

int explain_cgroup(const struct snapshot *s, const struct cgroup_rec *c, struct buf *out)
{
        const struct cg_hier *h = cg_hier_of(s, c);
        buf_printf(out, "cgroup %s", or_unknown(c->path));
        if (h)
                buf_printf(out, " (%s, v%u)", or_unknown(h->name), (unsigned)h->version);
        buf_putc(out, '\n');
        if (c->name)
                buf_printf(out, "name: %s%s\n", c->name, c->container ? " (it holds one container)" : "");
        put_cg_hier(out, h);
        put_cg_controllers(out, c, h);
        size_t before = out->len;
        buf_puts(out, "use and limits:\n");
        size_t header = out->len;
        put_cg_cpu(out, c);
        put_cg_memory(out, c, h ? h->version : 2);
        put_cg_io(out, s, c);
        put_cg_misc(out, c);
        if (out->len == header && !out->failed)
                out->len = before; /* nothing to say: drop the heading */
        put_cg_psi(out, c);
        put_members(out, s, s->cg_members, s->ncg_members, c->member_first, c->member_count, "directly in it");
        return finish(out);
}

/* ---- processes ---- */

static void put_proc_user(struct buf *out, const struct proc_rec *p)
{
        buf_puts(out, "user: ");
        if (p->user && p->uid != U32_UNKNOWN)
                buf_printf(out, "%s (uid %" PRIu32 ")", p->user, p->uid);
        else if (p->user)
                buf_puts(out, p->user);
        else if (p->uid != U32_UNKNOWN)
                buf_printf(out, "uid %" PRIu32, p->uid);
        else
                buf_puts(out, UNKNOWN_TEXT);
        buf_putc(out, '\n');
}

static void put_proc_root(struct buf *out, const struct proc_rec *p)
{
        buf_printf(out, "root directory: %s\n", or_unknown(p->root));
        if (p->chrooted == 1)
                buf_puts(out, "chrooted: yes, its / is not nstop's\n");
        else if (p->chrooted == 0)
                buf_puts(out, "chrooted: no, it sees the same / as nstop\n");
        else
                buf_puts(out, "chrooted: " UNKNOWN_TEXT "\n");
        buf_puts(out, "  chroot changes the directory a process resolves / against, so it can only name "
                      "files below it (shown in /proc/PID/root).\n");
        buf_puts(out, "  Alone it is not a security boundary: root can get out; containers use a mount "
                      "namespace and pivot_root instead.\n");
}

static void put_proc_ns(struct buf *out, const struct snapshot *s, const struct proc_rec *p)
{
        buf_puts(out, "namespaces that differ from nstop's own:\n");
        unsigned n = 0;
        for (int t = 0; t < NS_TYPE_COUNT; t++) {
                if (!(s->ns_types_present & (1u << t)))
                        continue;
                const struct ns_type_info *ti = &ns_types[t];
                if (p->ns_ino[t] == 0) {
                        buf_printf(out, "  %s " UNKNOWN_TEXT "\n", ti->name);
                        n++;
                } else if (s->self_ns[t] == 0) {
                        buf_printf(out, "  %s %" PRIu64 " (nstop's own is unknown)\n", ti->name, p->ns_ino[t]);
                        n++;
                } else if (p->ns_ino[t] != s->self_ns[t]) {
                        buf_printf(out, "  %s %" PRIu64 ": its own %s\n", ti->name, p->ns_ino[t], ti->isolates);
                        n++;
                }
        }
        if (n == 0)
                buf_puts(out, "  none: it shares every namespace with nstop\n");
}

static void put_proc_cgroups(struct buf *out, const struct snapshot *s, const struct proc_rec *p)
{
        if (!p->cgroups_known) {
                buf_puts(out, "cgroups: " UNKNOWN_TEXT "\n");
                return;
        }
        buf_puts(out, "cgroups (hierarchy -> path):\n");
        uint32_t shown = 0;
        for (uint32_t i = 0; i < p->cgroup_count && p->cgroup_first + i < s->ncgroup_refs; i++) {
                const struct cgroup_ref *r = &s->cgroup_refs[p->cgroup_first + i];
                buf_printf(out, "  %s -> %s\n", or_unknown(r->hierarchy), or_unknown(r->path));
                shown++;
        }
        if (shown == 0)
                buf_puts(out, "  none\n");
}

int explain_process(const struct snapshot *s, const struct proc_rec *p, struct buf *out)
{
        buf_printf(out, "process %" PRId32 " (%s)\n", p->pid, p->comm ? p->comm : "?");
        if (!p->cmdline)
                buf_puts(out, "command line: " UNKNOWN_TEXT "\n");
        else if (!*p->cmdline)
                buf_puts(out, "command line: none (a kernel thread, or a process that cleared it)\n");
        else
                buf_printf(out, "command line: %s\n", p->cmdline);
        put_proc_user(out, p);
        put_proc_root(out, p);
        put_proc_ns(out, s, p);
        put_proc_cgroups(out, s, p);
        return finish(out);
}
