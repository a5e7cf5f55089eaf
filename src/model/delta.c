/* delta.c: rates between snapshots; see delta.h. */
#include "config.h"

#include "model/delta.h"

#include "model/cgtree.h"

#include <math.h>
#include <string.h>

/* Percentages of one CPU's ticks spent in each state. */
static void cpu_usage_between(const struct cpu_ticks *a, const struct cpu_ticks *b, struct cpu_usage *u)
{
        double d[TICK_COUNT], total = 0;
        for (int i = 0; i < TICK_COUNT; i++) {
                /* guest time is already counted in user (and guest_nice in
                 * nice), so it is left out of the total. */
                d[i] = b->t[i] >= a->t[i] ? (double)(b->t[i] - a->t[i]) : 0;
                if (i != TICK_GUEST && i != TICK_GUEST_NICE)
                        total += d[i];
        }
        if (total <= 0) {
                *u = (struct cpu_usage){0, 0, 0, 100, 0, 0, 0, 0, 0};
                return;
        }
        u->user = 100 * d[TICK_USER] / total;
        u->nice = 100 * d[TICK_NICE] / total;
        u->system = 100 * d[TICK_SYSTEM] / total;
        u->idle = 100 * d[TICK_IDLE] / total;
        u->iowait = 100 * d[TICK_IOWAIT] / total;
        u->irq = 100 * d[TICK_IRQ] / total;
        u->softirq = 100 * d[TICK_SOFTIRQ] / total;
        u->steal = 100 * d[TICK_STEAL] / total;
        u->busy = 100 - u->idle - u->iowait;
        if (u->busy < 0)
                u->busy = 0;
}

static void unknown_usage(struct cpu_usage *u)
{
        u->user = u->nice = u->system = u->idle = u->iowait = NAN;
        u->irq = u->softirq = u->steal = u->busy = NAN;
}

static void system_delta(const struct snapshot *prev, struct snapshot *cur)
{
        struct system_rec *sys = &cur->sys;
        unknown_usage(&sys->total_usage);
        for (uint32_t i = 0; i < sys->ncpus; i++)
                unknown_usage(&sys->cpu_usage[i]);
        if (!prev)
                return;
        cpu_usage_between(&prev->sys.total, &sys->total, &sys->total_usage);
        for (uint32_t i = 0; i < sys->ncpus; i++)
                for (uint32_t j = 0; j < prev->sys.ncpus; j++)
                        if (prev->sys.cpus[j].id == sys->cpus[i].id) {
                                cpu_usage_between(&prev->sys.cpus[j], &sys->cpus[i], &sys->cpu_usage[i]);
                                break;
                        }
}

static double counter_rate(uint64_t before, uint64_t now, double seconds)
{
        /* U64_ABSENT and U64_UNKNOWN (the top of the range) have no rate. */
        if (before >= U64_ABSENT || now >= U64_ABSENT || now < before || seconds <= 0)
                return NAN;
        return (double)(now - before) / seconds;
}

static void proc_rates(struct proc_rec *p, const struct proc_rec *q, double seconds, double hz, bool born)
{
        uint64_t ticks0 = q ? q->cpu_ticks : 0;
        p->cpu_percent = p->cpu_ticks >= ticks0 && seconds > 0 ? 100.0 * (double)(p->cpu_ticks - ticks0) / hz / seconds
                                                                : NAN;
        /* A process born in the interval is measured over its age, which
         * the 1/hz resolution of its start time makes coarse: cap it at
         * what its threads could have used. */
        if (born && p->cpu_percent > 100.0 * p->threads)
                p->cpu_percent = 100.0 * p->threads;
        p->io_read_rate = counter_rate(q ? q->io_read_bytes : 0, p->io_read_bytes, seconds);
        p->io_write_rate = counter_rate(q ? q->io_write_bytes : 0, p->io_write_bytes, seconds);
        p->io_rchar_rate = counter_rate(q ? q->io_rchar : 0, p->io_rchar, seconds);
        p->io_wchar_rate = counter_rate(q ? q->io_wchar : 0, p->io_wchar, seconds);
}

static void procs_delta(const struct snapshot *prev, struct snapshot *cur)
{
        double hz = cur->sys.hz > 0 ? (double)cur->sys.hz : 100.0;
        uint32_t j = 0;
        for (uint32_t i = 0; i < cur->nprocs; i++) {
                struct proc_rec *p = &cur->procs[i];
                p->cpu_percent = p->io_read_rate = p->io_write_rate = NAN;
                p->io_rchar_rate = p->io_wchar_rate = NAN;
                if (!prev)
                        continue;
                /* Both arrays ascend by pid: walk them together. */
                while (j < prev->nprocs && prev->procs[j].pid < p->pid)
                        j++;
                const struct proc_rec *q = j < prev->nprocs ? &prev->procs[j] : NULL;
                if (q && q->pid == p->pid && q->start_ticks == p->start_ticks) {
                        proc_rates(p, q, cur->interval, hz, false);
                        continue;
                }
                /* Not in prev: born during the interval (counters start at
                 * 0), unless it is older than that, which means prev missed
                 * it and its rate is unknown. */
                double age = cur->time - (double)p->start_ticks / hz;
                if (age > 0 && age <= cur->interval + 1.0 / hz)
                        proc_rates(p, NULL, age < 1.0 / hz ? 1.0 / hz : age, hz, true);
        }
}

/* Sum of a per-process value over members, skipping unknowns; unknown
 * only when no member's value is known. */
static void ns_aggregate(struct snapshot *s)
{
        for (uint32_t k = 0; k < s->nns; k++) {
                struct ns_rec *n = &s->ns[k];
                double cpu = 0, rd = 0, wr = 0;
                uint64_t rss = 0;
                /* A namespace held only by a bind mount uses nothing. */
                bool none = n->member_count == 0;
                bool have_cpu = none, have_rd = none, have_wr = none, have_rss = none;
                for (uint32_t m = 0; m < n->member_count; m++) {
                        const struct proc_rec *p = &s->procs[s->members[n->member_first + m]];
                        if (!isnan(p->cpu_percent))
                                cpu += p->cpu_percent, have_cpu = true;
                        if (!isnan(p->io_read_rate))
                                rd += p->io_read_rate, have_rd = true;
                        if (!isnan(p->io_write_rate))
                                wr += p->io_write_rate, have_wr = true;
                        if (p->rss_bytes != U64_UNKNOWN)
                                rss += p->rss_bytes, have_rss = true;
                }
                n->cpu_percent = have_cpu ? cpu : NAN;
                n->io_read_rate = have_rd ? rd : NAN;
                n->io_write_rate = have_wr ? wr : NAN;
                n->rss_bytes = have_rss ? rss : U64_UNKNOWN;
        }
}

/* The first cgroup of hierarchy h in s (its cgroups are grouped by
 * hierarchy, in index order). */
static uint32_t hier_first(const struct snapshot *s, uint32_t h)
{
        uint32_t lo = 0, hi = s->ncgroups;
        while (lo < hi) {
                uint32_t mid = lo + (hi - lo) / 2;
                if (s->cgroups[mid].hier < h)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo;
}

/* Walks prev's cgroups alongside cur's to find each one's match: the
 * cgroup with the same identity (hierarchy name, path, inode); one
 * removed and made again under the same path is a new cgroup. Both
 * snapshots keep each hierarchy's cgroups in cg_path_cmp order, so one
 * pass over each does it, instead of a binary search per cgroup (which
 * compared long paths a dozen times each: most of delta_apply's cost). */
struct cg_cursor {
        uint32_t cur_hier;  /* the hierarchy of cur being walked, IDX_NONE before */
        uint32_t prev_hier; /* the same hierarchy in prev, IDX_NONE when it has none */
        uint32_t next;      /* prev's first cgroup not before the last one looked up */
};

static const struct cgroup_rec *cg_match(struct cg_cursor *k, const struct snapshot *prev,
                                         const struct snapshot *cur, const struct cgroup_rec *c)
{
        if (c->hier != k->cur_hier) {
                k->cur_hier = c->hier;
                k->prev_hier = cg_find_hier(prev, cur->cg_hiers[c->hier].name);
                k->next = k->prev_hier == IDX_NONE ? prev->ncgroups : hier_first(prev, k->prev_hier);
        }
        while (k->next < prev->ncgroups && prev->cgroups[k->next].hier == k->prev_hier &&
               cg_path_cmp(prev->cgroups[k->next].path, c->path) < 0)
                k->next++;
        const struct cgroup_rec *q = k->next < prev->ncgroups ? &prev->cgroups[k->next] : NULL;
        if (q && q->hier == k->prev_hier && strcmp(q->path, c->path) == 0 && q->ino == c->ino)
                return q;
        return NULL;
}

static void cgroups_delta(const struct snapshot *prev, struct snapshot *cur)
{
        double seconds = cur->interval;
        struct cg_cursor k = {.cur_hier = IDX_NONE};
        for (uint32_t i = 0; i < cur->ncgroups; i++) {
                struct cgroup_rec *c = &cur->cgroups[i];
                const struct cgroup_rec *q = prev ? cg_match(&k, prev, cur, c) : NULL;
                c->cpu_percent = c->io_read_rate = c->io_write_rate = c->throttled_percent = NAN;
                if (!q)
                        continue; /* new: no delta yet */
                /* usage is in microseconds: 1e6 per second is one CPU. */
                c->cpu_percent = counter_rate(q->cpu_usage_usec, c->cpu_usage_usec, seconds) / 1e4;
                c->io_read_rate = counter_rate(q->io_rbytes, c->io_rbytes, seconds);
                c->io_write_rate = counter_rate(q->io_wbytes, c->io_wbytes, seconds);
                /* Share of the CFS periods in the interval that ran out of quota. */
                double periods = counter_rate(q->nr_periods, c->nr_periods, 1);
                double throttled = counter_rate(q->nr_throttled, c->nr_throttled, 1);
                if (periods > 0 && !isnan(throttled))
                        c->throttled_percent = 100.0 * throttled / periods;
                else if (periods == 0)
                        c->throttled_percent = 0;
        }
}

void delta_apply(const struct snapshot *prev, struct snapshot *cur)
{
        cur->interval = prev ? cur->time - prev->time : NAN;
        system_delta(prev, cur);
        procs_delta(prev, cur);
        ns_aggregate(cur);
        cgroups_delta(prev, cur);
}
