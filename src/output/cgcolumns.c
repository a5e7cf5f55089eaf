/* cgcolumns.c: the cgroup columns (see columns.h). */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "output/columns.h"
#include "output/format.h"

/* Every column gets the snapshot; most only need their record. */
#define UNUSED __attribute__((unused))

static void c_nprocs(const struct snapshot *s UNUSED, const struct cgroup_rec *c, struct buf *out)
{
        buf_printf(out, "%u", c->member_count);
}

static void c_cpu(const struct snapshot *s UNUSED, const struct cgroup_rec *c, struct buf *out)
{
        char t[FMT_MAX];
        /* No usage file at all: the controller is not there. */
        if (c->cpu_usage_usec == U64_ABSENT)
                fmt_cg_count(t, U64_ABSENT);
        else
                fmt_percent(t, c->cpu_percent);
        buf_puts(out, t);
}

static void c_mem(const struct snapshot *s UNUSED, const struct cgroup_rec *c, struct buf *out)
{
        char t[FMT_MAX];
        fmt_cg_bytes(t, c->mem_current);
        buf_puts(out, t);
}

static void c_mem_limit(const struct snapshot *s UNUSED, const struct cgroup_rec *c, struct buf *out)
{
        char t[FMT_MAX];
        fmt_cg_bytes(t, c->mem_max);
        buf_puts(out, t);
}

static void io_rate(uint64_t counter, double rate, struct buf *out)
{
        char t[FMT_MAX];
        if (counter == U64_ABSENT)
                fmt_cg_count(t, U64_ABSENT);
        else
                fmt_rate(t, rate);
        buf_puts(out, t);
}

static void c_read(const struct snapshot *s UNUSED, const struct cgroup_rec *c, struct buf *out)
{
        io_rate(c->io_rbytes, c->io_read_rate, out);
}

static void c_write(const struct snapshot *s UNUSED, const struct cgroup_rec *c, struct buf *out)
{
        io_rate(c->io_wbytes, c->io_write_rate, out);
}

static void c_pids(const struct snapshot *s UNUSED, const struct cgroup_rec *c, struct buf *out)
{
        char t[FMT_MAX];
        fmt_cg_count(t, c->pids_current);
        buf_puts(out, t);
}

static void c_pids_limit(const struct snapshot *s UNUSED, const struct cgroup_rec *c, struct buf *out)
{
        char t[FMT_MAX];
        fmt_cg_count(t, c->pids_max);
        buf_puts(out, t);
}

static void c_frozen(const struct snapshot *s UNUSED, const struct cgroup_rec *c, struct buf *out)
{
        if (c->freezer_state)
                buf_puts(out, c->freezer_state[0] == 'F' && c->freezer_state[1] == 'R' ? "yes" :
                              c->freezer_state[0] == 'F'                                 ? "...":
                                                                                           "no");
        else
                buf_puts(out, c->frozen < 0 ? "-" : c->frozen ? "yes" : "no");
}

/* The highest "some avg10" of cpu, memory and io: how much of the last
 * 10 s some task waited for the scarcest resource. */
static void c_psi(const struct snapshot *s UNUSED, const struct cgroup_rec *c, struct buf *out)
{
        double worst = -1;
        for (int r = 0; r < PSI_COUNT; r++)
                if (c->psi_known[r] && c->psi[r].some && c->psi[r].some_avg10 > worst)
                        worst = c->psi[r].some_avg10;
        if (worst < 0)
                buf_putc(out, '-');
        else
                buf_printf(out, "%.1f", worst);
}

static void c_throttled(const struct snapshot *s UNUSED, const struct cgroup_rec *c, struct buf *out)
{
        char t[FMT_MAX];
        if (c->nr_periods == U64_ABSENT)
                fmt_cg_count(t, U64_ABSENT);
        else
                fmt_percent(t, c->throttled_percent);
        buf_puts(out, t);
}

static void c_tree(const struct snapshot *s, const struct cgroup_rec *c, struct buf *out)
{
        column_cgroup_tree(s, c, 0, out);
}

/* Why a cap: cgroups nest as deep as anyone cares to make them (the walk
 * keeps 64 levels), and two columns a level would push a deep name out of
 * its column, leaving rows that say nothing. Past this many levels the
 * indentation stops growing and the name carries its depth instead. */
#define TREE_INDENT_MAX 16

void column_cgroup_tree(const struct snapshot *s UNUSED, const struct cgroup_rec *c, uint32_t top_depth,
                        struct buf *out)
{
        uint32_t depth = c->depth > top_depth ? c->depth - top_depth : 0;
        buf_repeat(out, ' ', 2 * (size_t)(depth > TREE_INDENT_MAX ? TREE_INDENT_MAX : depth));
        if (depth > TREE_INDENT_MAX)
                buf_printf(out, "[%" PRIu32 "] ", depth);
        const char *slash = strrchr(c->path, '/');
        const char *shown = depth == 0 || !slash ? c->path : slash + 1;
        buf_puts(out, shown);
        /* A systemd unit is named after its directory: say it once. */
        if (c->name && strcmp(c->name, slash ? slash + 1 : c->path) != 0) {
                buf_puts(out, "  (");
                buf_puts(out, c->name);
                buf_putc(out, ')');
        }
}

const struct cg_column cg_columns[] = {
        {"nprocs", "NPROCS", 6, COL_RIGHT, "processes directly in it", c_nprocs},
        {"cpu", "CPU%", 5, COL_RIGHT, "CPU use of all its processes (100 = one CPU)", c_cpu},
        {"memory", "MEM", 5, COL_RIGHT, "memory charged to it", c_mem},
        {"memory_limit", "MEMMAX", 6, COL_RIGHT, "memory limit (max: none)", c_mem_limit},
        {"io_read", "READ/s", 6, COL_RIGHT, "bytes read from block devices per second", c_read},
        {"io_write", "WRITE/s", 7, COL_RIGHT, "bytes written to block devices per second", c_write},
        {"pids", "PIDS", 5, COL_RIGHT, "tasks in it and below (pids controller)", c_pids},
        {"pids_limit", "PIDMAX", 6, COL_RIGHT, "task limit (max: none)", c_pids_limit},
        {"frozen", "FROZEN", 6, COL_RIGHT, "frozen by the freezer", c_frozen},
        {"psi", "PSI", 5, COL_RIGHT, "pressure: highest 'some avg10' of cpu, memory, io (%)", c_psi},
        {"throttled", "THR%", 5, COL_RIGHT, "CPU periods throttled by its quota (%)", c_throttled},
        {"cgroup", "CGROUP", 0, COL_LEFT, "the cgroup, indented under its parent, and its name", c_tree},
};
const size_t cg_column_count = sizeof(cg_columns) / sizeof(cg_columns[0]);
