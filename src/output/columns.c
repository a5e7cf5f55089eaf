/* columns.c: column table and cell formatters; see columns.h. */
#include "config.h"

#include "output/columns.h"

#include <string.h>

#include "model/cgtree.h"
#include "output/format.h"
#include "util/numfmt.h"

/* Every column gets the snapshot; most only need their record. */
#define UNUSED __attribute__((unused))

/* A number as "%d" / "%" PRIu64 would write it, without printf (a text
 * snapshot writes tens of thousands). */
static void put_i64(struct buf *out, int64_t v)
{
        char t[24];
        buf_put(out, t, (size_t)(numfmt_i64(t, v) - t));
}

static void put_u64(struct buf *out, uint64_t v)
{
        char t[24];
        buf_put(out, t, (size_t)(numfmt_u64(t, v) - t));
}

void column_command(const struct proc_rec *p, struct buf *out)
{
        if (p->cmdline && p->cmdline[0] && !p->kernel_thread) {
                buf_puts(out, p->cmdline);
                return;
        }
        buf_putc(out, '[');
        buf_puts(out, p->comm ? p->comm : "?");
        buf_putc(out, ']');
}

/* ---- processes ------------------------------------------------------- */

static void p_pid(const struct snapshot *s UNUSED, const struct proc_rec *p, struct buf *out)
{
        put_i64(out, p->pid);
}

static void p_ppid(const struct snapshot *s UNUSED, const struct proc_rec *p, struct buf *out)
{
        put_i64(out, p->ppid);
}

static void p_user(const struct snapshot *s UNUSED, const struct proc_rec *p, struct buf *out)
{
        buf_puts(out, p->user ? p->user : "?");
}

static void p_state(const struct snapshot *s UNUSED, const struct proc_rec *p, struct buf *out)
{
        buf_putc(out, p->state);
}

static void p_nice(const struct snapshot *s UNUSED, const struct proc_rec *p, struct buf *out)
{
        put_i64(out, p->nice);
}

static void p_threads(const struct snapshot *s UNUSED, const struct proc_rec *p, struct buf *out)
{
        put_i64(out, p->threads);
}

static void p_cpu(const struct snapshot *s UNUSED, const struct proc_rec *p, struct buf *out)
{
        char t[FMT_MAX];
        fmt_percent(t, p->cpu_percent);
        buf_puts(out, t);
}

static void p_rss(const struct snapshot *s UNUSED, const struct proc_rec *p, struct buf *out)
{
        char t[FMT_MAX];
        fmt_bytes(t, p->rss_bytes);
        buf_puts(out, t);
}

static void p_vsize(const struct snapshot *s UNUSED, const struct proc_rec *p, struct buf *out)
{
        char t[FMT_MAX];
        fmt_bytes(t, p->vsize_bytes);
        buf_puts(out, t);
}

static void p_time(const struct snapshot *s, const struct proc_rec *p, struct buf *out)
{
        char t[FMT_MAX];
        fmt_cputime(t, p->cpu_ticks, s->sys.hz);
        buf_puts(out, t);
}

static void p_read(const struct snapshot *s UNUSED, const struct proc_rec *p, struct buf *out)
{
        char t[FMT_MAX];
        fmt_rate(t, p->io_read_rate);
        buf_puts(out, t);
}

static void p_write(const struct snapshot *s UNUSED, const struct proc_rec *p, struct buf *out)
{
        char t[FMT_MAX];
        fmt_rate(t, p->io_write_rate);
        buf_puts(out, t);
}

static void p_ns(const struct snapshot *s UNUSED, const struct proc_rec *p, struct buf *out)
{
        char t[NS_TYPE_COUNT + 1];
        fmt_ns_marks(t, s, p);
        buf_puts(out, t);
}

static void p_root(const struct snapshot *s UNUSED, const struct proc_rec *p, struct buf *out)
{
        if (p->chrooted < 0)
                buf_putc(out, '?');
        else if (!p->chrooted)
                buf_putc(out, '-');
        else
                buf_puts(out, p->root ? p->root : "?");
}

/* The cgroup a user thinks of: the v2 one where there is one, by its
 * human name when it has one ("docker 3f2a9c1b7e4d"), else its path. */
static void p_cgroup(const struct snapshot *s, const struct proc_rec *p, struct buf *out)
{
        const struct cgroup_ref *pick = NULL;
        for (uint32_t k = 0; k < p->cgroup_count; k++) {
                const struct cgroup_ref *r = &s->cgroup_refs[p->cgroup_first + k];
                if (!pick || strcmp(r->hierarchy, "unified") == 0)
                        pick = r;
        }
        if (!pick) {
                buf_putc(out, p->cgroups_known ? '-' : '?');
                return;
        }
        uint32_t h = cg_find_hier(s, pick->hierarchy);
        uint32_t c = h == IDX_NONE ? IDX_NONE : cg_find(s, h, pick->path);
        buf_puts(out, c != IDX_NONE && s->cgroups[c].name ? s->cgroups[c].name : pick->path);
}

static void p_command(const struct snapshot *s UNUSED, const struct proc_rec *p, struct buf *out)
{
        column_command(p, out);
}

const struct proc_column proc_columns[] = {
        {"pid", "PID", 7, COL_RIGHT, "process ID", p_pid},
        {"ppid", "PPID", 7, COL_RIGHT, "parent process ID", p_ppid},
        {"user", "USER", 9, COL_LEFT, "effective user", p_user},
        {"state", "S", 1, COL_LEFT, "state: R running, S sleeping, D disk wait, Z zombie, T stopped, I idle", p_state},
        {"nice", "NI", 3, COL_RIGHT, "nice value", p_nice},
        {"threads", "THR", 4, COL_RIGHT, "number of threads", p_threads},
        {"cpu", "CPU%", 5, COL_RIGHT, "CPU use; 100 is one CPU", p_cpu},
        {"rss", "RSS", 5, COL_RIGHT, "resident memory", p_rss},
        {"vsize", "VIRT", 5, COL_RIGHT, "virtual memory size", p_vsize},
        {"time", "TIME+", 9, COL_RIGHT, "CPU time used, user and system (minutes:seconds.hundredths)", p_time},
        {"io_read", "READ/s", 6, COL_RIGHT, "bytes read from storage per second", p_read},
        {"io_write", "WRITE/s", 7, COL_RIGHT, "bytes written to storage per second", p_write},
        {"ns", "NS", NS_TYPE_COUNT, COL_LEFT,
         "namespaces that differ from nstop's: m mnt, u uts, i ipc, n net, p pid, U user, C cgroup, T time", p_ns},
        {"root", "ROOT", 10, COL_LEFT, "root directory when it differs from nstop's (chroot), else -", p_root},
        {"cgroup", "CGROUP", 20, COL_LEFT, "its v2 cgroup (or first hierarchy's), by name when well known", p_cgroup},
        {"command", "COMMAND", 0, COL_LEFT, "command line, or [name] for kernel threads", p_command},
};
const size_t proc_column_count = sizeof(proc_columns) / sizeof(proc_columns[0]);

/* ---- namespaces ------------------------------------------------------ */

static void n_type(const struct snapshot *s UNUSED, const struct ns_rec *n, struct buf *out)
{
        buf_puts(out, ns_types[n->type].name);
}

static void n_ino(const struct snapshot *s UNUSED, const struct ns_rec *n, struct buf *out)
{
        put_u64(out, n->ino);
}

static void n_nprocs(const struct snapshot *s UNUSED, const struct ns_rec *n, struct buf *out)
{
        put_u64(out, n->member_count);
}

static void n_pid(const struct snapshot *s UNUSED, const struct ns_rec *n, struct buf *out)
{
        if (n->member_count)
                put_i64(out, s->procs[s->members[n->member_first]].pid);
        else
                buf_putc(out, '-');
}

static void link_text(uint8_t state, uint64_t ino, struct buf *out)
{
        if (state == LINK_KNOWN)
                put_u64(out, ino);
        else
                buf_putc(out, state == LINK_NONE ? '-' : '?');
}

static void n_owner(const struct snapshot *s UNUSED, const struct ns_rec *n, struct buf *out)
{
        link_text(n->owner_state, n->owner_ino, out);
}

static void n_parent(const struct snapshot *s UNUSED, const struct ns_rec *n, struct buf *out)
{
        link_text(n->parent_state, n->parent_ino, out);
}

static void n_cpu(const struct snapshot *s UNUSED, const struct ns_rec *n, struct buf *out)
{
        char t[FMT_MAX];
        fmt_percent(t, n->cpu_percent);
        buf_puts(out, t);
}

static void n_rss(const struct snapshot *s UNUSED, const struct ns_rec *n, struct buf *out)
{
        char t[FMT_MAX];
        fmt_bytes(t, n->rss_bytes);
        buf_puts(out, t);
}

static void n_read(const struct snapshot *s UNUSED, const struct ns_rec *n, struct buf *out)
{
        char t[FMT_MAX];
        fmt_rate(t, n->io_read_rate);
        buf_puts(out, t);
}

static void n_write(const struct snapshot *s UNUSED, const struct ns_rec *n, struct buf *out)
{
        char t[FMT_MAX];
        fmt_rate(t, n->io_write_rate);
        buf_puts(out, t);
}

static void n_describe(const struct snapshot *s UNUSED, const struct ns_rec *n, struct buf *out)
{
        if (n->member_count)
                column_command(&s->procs[s->members[n->member_first]], out);
        for (uint32_t m = 0; m < n->mount_count; m++) {
                buf_puts(out, n->member_count || m ? " " : "");
                buf_puts(out, "[bind ");
                buf_puts(out, s->mounts[n->mount_first + m]);
                buf_putc(out, ']');
        }
}

const struct ns_column ns_columns[] = {
        {"type", "TYPE", 6, COL_LEFT, "namespace type", n_type},
        {"ns", "NS", 10, COL_RIGHT, "namespace inode number", n_ino},
        {"nprocs", "NPROCS", 6, COL_RIGHT, "number of processes in it", n_nprocs},
        {"pid", "PID", 7, COL_RIGHT, "lowest process ID in it", n_pid},
        {"owner", "OWNER", 10, COL_RIGHT, "owning user namespace (- none visible)", n_owner},
        {"parent", "PARENT", 10, COL_RIGHT, "parent namespace, for pid and user namespaces", n_parent},
        {"cpu", "CPU%", 5, COL_RIGHT, "CPU use of its processes", n_cpu},
        {"rss", "RSS", 5, COL_RIGHT, "resident memory of its processes", n_rss},
        {"io_read", "READ/s", 6, COL_RIGHT, "bytes its processes read per second", n_read},
        {"io_write", "WRITE/s", 7, COL_RIGHT, "bytes its processes write per second", n_write},
        {"command", "COMMAND", 0, COL_LEFT, "command of its lowest process; [bind PATH] for bind mounts", n_describe},
};
const size_t ns_column_count = sizeof(ns_columns) / sizeof(ns_columns[0]);
