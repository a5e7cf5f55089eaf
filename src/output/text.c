/* text.c: text snapshots; see text.h. */
#include "config.h"

#include "output/text.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "output/columns.h"
#include "output/format.h"
#include "util/sanitize.h"

/* A command cut at this many columns keeps lines readable in a pager. */
enum { TEXT_LAST_COLUMN_MAX = 512 };

/* Writes one cell padded to width (0: unpadded, capped). The padding
 * comes from the columns actually written: a double-width character that
 * does not fit at the edge is left out, so a cut cell can be one column
 * narrower than width (counting the text's full width would misalign the
 * rest of the row). tmp is scratch space. */
static void cell(struct buf *out, struct buf *tmp, const char *text, int width, enum col_align align,
                 unsigned flags)
{
        size_t n = strlen(text);
        if (width == 0) {
                sanitize_append(out, text, n, flags, TEXT_LAST_COLUMN_MAX);
                return;
        }
        buf_reset(tmp);
        size_t w = sanitize_append(tmp, text, n, flags, (size_t)width);
        if (align == COL_RIGHT)
                buf_repeat(out, ' ', (size_t)width - w);
        buf_put(out, buf_str(tmp), tmp->len);
        if (tmp->failed)
                out->failed = true;
        if (align == COL_LEFT)
                buf_repeat(out, ' ', (size_t)width - w);
}

/* A load average, or ? when /proc/loadavg could not be read (-1). */
static void load_text(struct buf *out, double load)
{
        if (load >= 0)
                buf_printf(out, "%.2f", load);
        else
                buf_putc(out, '?');
}

static void summary(struct buf *out, const struct snapshot *s, const struct text_options *o)
{
        const struct system_rec *sys = &s->sys;
        char up[FMT_MAX], clock[16] = "?";
        time_t now = (time_t)s->wall_time;
        struct tm tm;
        if (localtime_r(&now, &tm))
                strftime(clock, sizeof(clock), "%H:%M:%S", &tm);
        fmt_uptime(up, sys->uptime);
        buf_printf(out, "nstop %s - %s up %s, load average: ", o->version, clock, up);
        for (int i = 0; i < 3; i++) {
                load_text(out, sys->load[i]);
                buf_puts(out, i < 2 ? ", " : "\n");
        }

        unsigned running = 0, sleeping = 0, stopped = 0, zombie = 0;
        for (uint32_t i = 0; i < s->nprocs; i++)
                switch (s->procs[i].state) {
                case 'R': running++; break;
                case 'T': case 't': stopped++; break;
                case 'Z': zombie++; break;
                default: sleeping++; break;
                }
        buf_printf(out, "Tasks: %u total, %u running, %u sleeping, %u stopped, %u zombie\n", s->nprocs, running,
                   sleeping, stopped, zombie);

        const struct cpu_usage *u = &sys->total_usage;
        if (isnan(u->busy))
                buf_printf(out, "%%Cpu(s): ? (needs two samples)\n");
        else
                buf_printf(out,
                           "%%Cpu(s): %5.1f us, %5.1f sy, %5.1f ni, %5.1f id, %5.1f wa, %5.1f hi, %5.1f si, %5.1f st\n",
                           u->user, u->system, u->nice, u->idle, u->iowait, u->irq, u->softirq, u->steal);
        const double mib = 1024.0 * 1024.0;
        buf_printf(out, "MiB Mem : %9.1f total, %9.1f free, %9.1f used, %9.1f buff/cache\n", sys->mem_total / mib,
                   sys->mem_free / mib, sys->mem_used / mib, (sys->mem_buffers + sys->mem_cached) / mib);
        buf_printf(out, "MiB Swap: %9.1f total, %9.1f free, %9.1f used. %9.1f avail Mem\n", sys->swap_total / mib,
                   sys->swap_free / mib, sys->swap_used / mib, sys->mem_available / mib);

        unsigned count[NS_TYPE_COUNT] = {0};
        for (uint32_t k = 0; k < s->nns; k++)
                count[s->ns[k].type]++;
        buf_puts(out, "Namespaces:");
        for (int t = 0; t < NS_TYPE_COUNT; t++)
                if (s->ns_types_present & (1u << t))
                        buf_printf(out, " %s %u", ns_types[t].name, count[t]);
        buf_putc(out, '\n');
}

static void proc_table(struct buf *out, const struct snapshot *s, const struct view *v, unsigned flags)
{
        struct buf cellbuf = {0}, tmp = {0};
        for (size_t c = 0; c < proc_column_count; c++) {
                cell(out, &tmp, proc_columns[c].header, proc_columns[c].width, proc_columns[c].align, flags);
                buf_putc(out, c + 1 < proc_column_count ? ' ' : '\n');
        }
        for (uint32_t i = 0; i < v->nprocs; i++) {
                const struct proc_rec *p = &s->procs[v->procs[i]];
                for (size_t c = 0; c < proc_column_count; c++) {
                        buf_reset(&cellbuf);
                        proc_columns[c].format(s, p, &cellbuf);
                        if (cellbuf.failed)
                                out->failed = true;
                        cell(out, &tmp, buf_str(&cellbuf), proc_columns[c].width, proc_columns[c].align, flags);
                        buf_putc(out, c + 1 < proc_column_count ? ' ' : '\n');
                }
                buf_spill(out);
        }
        buf_free(&cellbuf);
        buf_free(&tmp);
}

static void ns_table(struct buf *out, const struct snapshot *s, const struct view *v, unsigned flags)
{
        struct buf cellbuf = {0}, tmp = {0};
        for (size_t c = 0; c < ns_column_count; c++) {
                cell(out, &tmp, ns_columns[c].header, ns_columns[c].width, ns_columns[c].align, flags);
                buf_putc(out, c + 1 < ns_column_count ? ' ' : '\n');
        }
        for (uint32_t i = 0; i < v->nns; i++) {
                const struct ns_rec *n = &s->ns[v->ns[i]];
                for (size_t c = 0; c < ns_column_count; c++) {
                        buf_reset(&cellbuf);
                        ns_columns[c].format(s, n, &cellbuf);
                        if (cellbuf.failed)
                                out->failed = true;
                        cell(out, &tmp, buf_str(&cellbuf), ns_columns[c].width, ns_columns[c].align, flags);
                        buf_putc(out, c + 1 < ns_column_count ? ' ' : '\n');
                }
                buf_spill(out);
        }
        buf_free(&cellbuf);
        buf_free(&tmp);
}

/* One table per hierarchy: a heading, then its cgroups in tree order,
 * indented below the shallowest one shown (the --cgroup root). */
static void cg_heading(struct buf *out, const struct cg_hier *h, unsigned flags)
{
        buf_printf(out, "Cgroup hierarchy %s (v%u", h->name, h->version);
        if (h->version == 2)
                buf_printf(out, ", controllers: %s", h->controllers[0] ? h->controllers : "none");
        buf_puts(out, ") at ");
        sanitize_append(out, h->mount, strlen(h->mount), flags, TEXT_LAST_COLUMN_MAX);
        buf_putc(out, '\n');
}

static void cg_row(struct buf *out, struct buf *cellbuf, struct buf *tmp, const struct snapshot *s,
                   const struct cgroup_rec *c, uint32_t top_depth, unsigned flags)
{
        for (size_t k = 0; k < cg_column_count; k++) {
                buf_reset(cellbuf);
                if (cg_columns[k].width == 0)
                        column_cgroup_tree(s, c, top_depth, cellbuf);
                else
                        cg_columns[k].format(s, c, cellbuf);
                if (cellbuf->failed)
                        out->failed = true;
                cell(out, tmp, buf_str(cellbuf), cg_columns[k].width, cg_columns[k].align, flags);
                buf_putc(out, k + 1 < cg_column_count ? ' ' : '\n');
        }
        buf_spill(out);
}

static void cg_tables(struct buf *out, const struct snapshot *s, const struct view *v, unsigned flags)
{
        struct buf cellbuf = {0}, tmp = {0};
        for (uint32_t i = 0; i < v->ncgroups;) {
                uint32_t h = s->cgroups[v->cgroups[i]].hier;
                uint32_t end = i, top = UINT32_MAX;
                for (; end < v->ncgroups && s->cgroups[v->cgroups[end]].hier == h; end++)
                        if (s->cgroups[v->cgroups[end]].depth < top)
                                top = s->cgroups[v->cgroups[end]].depth;
                buf_putc(out, '\n');
                cg_heading(out, &s->cg_hiers[h], flags);
                for (size_t k = 0; k < cg_column_count; k++) {
                        cell(out, &tmp, cg_columns[k].header, cg_columns[k].width, cg_columns[k].align, flags);
                        buf_putc(out, k + 1 < cg_column_count ? ' ' : '\n');
                }
                for (; i < end; i++)
                        cg_row(out, &cellbuf, &tmp, s, &s->cgroups[v->cgroups[i]], top, flags);
        }
        buf_free(&cellbuf);
        buf_free(&tmp);
}

void text_write(struct buf *out, const struct snapshot *s, const struct view *v, const struct text_options *o)
{
        summary(out, s, o);
        buf_putc(out, '\n');
        proc_table(out, s, v, o->sanitize_flags);
        buf_putc(out, '\n');
        ns_table(out, s, v, o->sanitize_flags);
        cg_tables(out, s, v, o->sanitize_flags);
}
