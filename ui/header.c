/* header.c: meters and the isolation summary; see header.h. */
#include "config.h"

#include "ui/header.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "output/format.h"
#include "ui/screen.h"

/* Above this many CPUs one total meter replaces the per-CPU ones. */
#define PER_CPU_METERS_MAX 32

/* "LBL[|||||     12.3%]" over width columns; parts are (fraction, colour). */
static void meter(int y, int x, int width, const char *label, const double *parts, const enum ui_color *colors,
                  int nparts, const char *text)
{
        screen_text(y, x, label, 3, C_LABEL, true);
        screen_text(y, x + 3, "[", 1, C_NORMAL, false);
        int inner = width - 5;
        if (inner < 1)
                return;
        int tlen = (int)strlen(text);
        int pos = 0;
        for (int i = 0; i < nparts; i++) {
                double f = isnan(parts[i]) || parts[i] < 0 ? 0 : parts[i] > 1 ? 1 : parts[i];
                int n = (int)lround(f * inner);
                for (int k = 0; k < n && pos < inner - tlen; k++, pos++)
                        screen_text(y, x + 4 + pos, screen_bar_char(), 1, colors[i], false);
        }
        for (; pos < inner - tlen; pos++)
                screen_text(y, x + 4 + pos, " ", 1, C_NORMAL, false);
        screen_text(y, x + 4 + pos, text, inner - pos, C_NORMAL, true);
        screen_text(y, x + 4 + inner, "]", 1, C_NORMAL, false);
}

static void cpu_meter(int y, int x, int width, const char *label, const struct cpu_usage *u)
{
        double parts[] = {(u->user + u->nice) / 100, (u->system + u->irq + u->softirq) / 100,
                          (u->iowait + u->steal) / 100};
        enum ui_color colors[] = {C_BAR_USER, C_BAR_SYSTEM, C_BAR_OTHER};
        char text[16];
        if (isnan(u->busy))
                snprintf(text, sizeof(text), "?");
        else
                snprintf(text, sizeof(text), "%.1f%%", u->busy);
        meter(y, x, width, label, parts, colors, 3, text);
}

static void memory_meter(int y, int x, int width, const char *label, uint64_t used, uint64_t total)
{
        char u[FMT_MAX], t[FMT_MAX], text[2 * FMT_MAX + 2];
        fmt_bytes(u, used);
        fmt_bytes(t, total);
        snprintf(text, sizeof(text), "%s/%s", u, t);
        double f = used == U64_UNKNOWN || total == U64_UNKNOWN || total == 0 ? 0 : (double)used / (double)total;
        enum ui_color c = C_BAR_USER;
        meter(y, x, width, label, &f, &c, 1, text);
}

static int left_column(const struct snapshot *s, int width)
{
        const struct system_rec *sys = &s->sys;
        int y = 0;
        if (sys->ncpus <= PER_CPU_METERS_MAX && sys->cpu_usage) {
                /* More than 4 CPUs: two meters a line, as htop does. */
                int per_line = sys->ncpus > 4 ? 2 : 1;
                int w = per_line == 2 ? width / 2 : width;
                for (uint32_t i = 0; i < sys->ncpus; i++) {
                        char label[8];
                        snprintf(label, sizeof(label), "%u", (unsigned)sys->cpus[i].id % 1000);
                        cpu_meter(y, (int)(i % (uint32_t)per_line) * w, w - (per_line == 2), label, &sys->cpu_usage[i]);
                        if ((int)(i % (uint32_t)per_line) == per_line - 1 || i + 1 == sys->ncpus)
                                y++;
                }
        } else {
                cpu_meter(y++, 0, width, "CPU", &sys->total_usage);
        }
        memory_meter(y++, 0, width, "Mem", sys->mem_used, sys->mem_total);
        memory_meter(y++, 0, width, "Swp", sys->swap_used, sys->swap_total);
        return y;
}

/* "v2", "v1", "hybrid" or "none", from the mounted hierarchies. */
static const char *cgroup_mode(const struct snapshot *s)
{
        bool v1 = false, v2 = false;
        for (uint32_t h = 0; h < s->ncg_hiers; h++) {
                v1 |= s->cg_hiers[h].version == 1;
                v2 |= s->cg_hiers[h].version == 2;
        }
        return v1 && v2 ? "hybrid" : v2 ? "v2" : v1 ? "v1" : "none";
}

static int right_column(const struct snapshot *s, int x, int width)
{
        char line[256], up[FMT_MAX];
        uint32_t running = 0, kthreads = 0;
        for (uint32_t i = 0; i < s->nprocs; i++) {
                running += s->procs[i].state == 'R';
                kthreads += s->procs[i].kernel_thread;
        }
        int y = 0;
        snprintf(line, sizeof(line), "Tasks: %u, %u kthr; %u running", s->nprocs, kthreads, running);
        screen_text(y++, x, line, width, C_NORMAL, true);
        if (s->sys.load[0] >= 0)
                snprintf(line, sizeof(line), "Load average: %.2f %.2f %.2f", s->sys.load[0], s->sys.load[1],
                         s->sys.load[2]);
        else
                snprintf(line, sizeof(line), "Load average: ?");
        screen_text(y++, x, line, width, C_NORMAL, true);
        fmt_uptime(up, s->sys.uptime);
        snprintf(line, sizeof(line), "Uptime: %s", up);
        screen_text(y++, x, line, width, C_NORMAL, true);
        int n = snprintf(line, sizeof(line), "Cgroups: %s  Namespaces:", cgroup_mode(s));
        uint32_t count[NS_TYPE_COUNT] = {0};
        for (uint32_t i = 0; i < s->nns; i++)
                count[s->ns[i].type]++;
        for (int t = 0; t < NS_TYPE_COUNT && n > 0 && (size_t)n < sizeof(line); t++)
                if (s->ns_types_present & (1u << t))
                        n += snprintf(line + n, sizeof(line) - (size_t)n, " %s %u", ns_types[t].name, count[t]);
        screen_text(y++, x, line, width, C_LABEL, true);
        return y;
}

int header_draw(const struct snapshot *s, int cols)
{
        int half = cols / 2;
        int l = left_column(s, half - 1);
        int r = right_column(s, half + 1, cols - half - 1);
        return (l > r ? l : r) + 1;
}
