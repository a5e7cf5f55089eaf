/* system.c: system-wide figures; see system.h. */
#include "config.h"

#include "sample/system.h"

#include <errno.h>
#include <libproc2/meminfo.h>
#include <libproc2/misc.h>
#include <libproc2/stat.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>

#include "sample/parse.h"
#include "sample/readfile.h"

struct sys_reader {
        int proc_fd;
        int live;
        struct stat_info *stat;
        struct meminfo_info *mem;
};

int sys_reader_new(int proc_fd, int live, struct sys_reader **ret)
{
        struct sys_reader *r = calloc(1, sizeof(*r));
        if (!r)
                return -ENOMEM;
        r->proc_fd = proc_fd;
        r->live = live;
        if (live) {
                int e = procps_stat_new(&r->stat);
                if (e >= 0)
                        e = procps_meminfo_new(&r->mem);
                if (e < 0) {
                        sys_reader_free(r);
                        return e;
                }
        }
        *ret = r;
        return 0;
}

struct sys_reader *sys_reader_free(struct sys_reader *r)
{
        if (!r)
                return NULL;
        if (r->stat)
                procps_stat_unref(&r->stat);
        if (r->mem)
                procps_meminfo_unref(&r->mem);
        free(r);
        return NULL;
}

static int alloc_cpus(struct system_rec *sys, size_t n)
{
        sys->cpus = calloc(n + 1, sizeof(*sys->cpus));
        sys->cpu_usage = calloc(n + 1, sizeof(*sys->cpu_usage));
        if (!sys->cpus || !sys->cpu_usage)
                return -ENOMEM;
        sys->ncpus = (uint32_t)n;
        return 0;
}

/* ---- live: libproc2 -------------------------------------------------- */

static const enum stat_item tick_items[] = {
        STAT_TIC_ID,     STAT_TIC_USER,   STAT_TIC_NICE,    STAT_TIC_SYSTEM, STAT_TIC_IDLE,  STAT_TIC_IOWAIT,
        STAT_TIC_IRQ,    STAT_TIC_SOFTIRQ, STAT_TIC_STOLEN, STAT_TIC_GUEST,  STAT_TIC_GUEST_NICE,
};

static void ticks_from_stack(const struct stat_stack *st, struct cpu_ticks *t)
{
        t->id = st->head[0].result.s_int;
        for (int i = 0; i < TICK_COUNT; i++)
                t->t[i] = st->head[1 + i].result.ull_int;
}

static int live_cpu(struct sys_reader *r, struct system_rec *sys)
{
        enum stat_item items[(int)(sizeof(tick_items) / sizeof(tick_items[0]))];
        memcpy(items, tick_items, sizeof(items));
        struct stat_reaped *rp = procps_stat_reap(r->stat, STAT_REAP_CPUS_ONLY, items, (int)(sizeof(tick_items) / sizeof(tick_items[0])));
        if (!rp)
                return errno ? -errno : -EIO;
        ticks_from_stack(rp->summary, &sys->total);
        sys->total.id = -1;
        int n = rp->cpus ? rp->cpus->total : 0;
        if (alloc_cpus(sys, (size_t)n) < 0)
                return -ENOMEM;
        for (int i = 0; i < n; i++)
                ticks_from_stack(rp->cpus->stacks[i], &sys->cpus[i]);
        /* Not STAT_GET: its local variable would shadow ours. */
        struct stat_result *boot = procps_stat_get(r->stat, STAT_SYS_TIME_OF_BOOT);
        if (!boot)
                return errno ? -errno : -EIO;
        sys->boot_time = boot->result.ul_int;
        return 0;
}

static int live_memory(struct sys_reader *r, struct system_rec *sys)
{
        enum meminfo_item items[] = {MEMINFO_MEM_TOTAL,  MEMINFO_MEM_FREE,   MEMINFO_MEM_AVAILABLE,
                                     MEMINFO_MEM_BUFFERS, MEMINFO_MEM_CACHED_ALL, MEMINFO_MEM_USED,
                                     MEMINFO_SWAP_TOTAL, MEMINFO_SWAP_FREE,  MEMINFO_SWAP_USED};
        /* select re-reads /proc/meminfo on every call (get may cache it). */
        struct meminfo_stack *st = procps_meminfo_select(r->mem, items, sizeof(items) / sizeof(items[0]));
        if (!st)
                return errno ? -errno : -EIO;
        uint64_t *dst[] = {&sys->mem_total,  &sys->mem_free,   &sys->mem_available,
                           &sys->mem_buffers, &sys->mem_cached, &sys->mem_used,
                           &sys->swap_total, &sys->swap_free,  &sys->swap_used};
        for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++)
                *dst[i] = (uint64_t)st->head[i].result.ul_int * 1024;
        return 0;
}

static int live_read(struct sys_reader *r, struct system_rec *sys)
{
        int e = live_cpu(r, sys);
        if (e < 0)
                return e;
        e = live_memory(r, sys);
        if (e < 0)
                return e;
        if (procps_loadavg(&sys->load[0], &sys->load[1], &sys->load[2]) < 0)
                sys->load[0] = sys->load[1] = sys->load[2] = -1;
        double idle;
        if (procps_uptime(&sys->uptime, &idle) < 0)
                sys->uptime = -1;
        sys->hz = procps_hertz_get();
        return 0;
}

/* ---- fixtures: nstop's parsers --------------------------------------- */

static int fixture_read(struct sys_reader *r, struct system_rec *sys)
{
        char *buf = NULL;
        ssize_t n = read_all_at(r->proc_fd, "stat", 1 << 20, &buf);
        if (n < 0)
                return (int)n;
        struct cpu_ticks cpus[256];
        size_t ncpu;
        int e = parse_proc_stat(buf, (size_t)n, &sys->total, cpus, 256, &ncpu, &sys->boot_time);
        free(buf);
        if (e < 0 || (e = alloc_cpus(sys, ncpu)) < 0)
                return e;
        memcpy(sys->cpus, cpus, ncpu * sizeof(*cpus));

        char small[256];
        struct meminfo mi;
        n = read_all_at(r->proc_fd, "meminfo", 1 << 16, &buf);
        if (n < 0)
                return (int)n;
        e = parse_meminfo(buf, (size_t)n, &mi);
        free(buf);
        if (e < 0)
                return e;
        sys->mem_total = mi.total * 1024;
        sys->mem_free = mi.free * 1024;
        sys->mem_available = mi.available == UINT64_MAX ? mi.free * 1024 : mi.available * 1024;
        sys->mem_buffers = mi.buffers == UINT64_MAX ? 0 : mi.buffers * 1024;
        sys->mem_cached = mi.cached == UINT64_MAX ? 0 : (mi.cached + (mi.sreclaimable == UINT64_MAX ? 0 : mi.sreclaimable)) * 1024;
        /* "used" as procps-ng 4 defines it: total minus available. */
        sys->mem_used = sys->mem_total - sys->mem_available;
        sys->swap_total = mi.swap_total == UINT64_MAX ? 0 : mi.swap_total * 1024;
        sys->swap_free = mi.swap_free == UINT64_MAX ? 0 : mi.swap_free * 1024;
        sys->swap_used = sys->swap_total - sys->swap_free;
        if ((n = read_small_at(r->proc_fd, "loadavg", small, sizeof(small))) < 0 ||
            parse_loadavg(small, (size_t)n, sys->load) < 0)
                sys->load[0] = sys->load[1] = sys->load[2] = -1;
        if ((n = read_small_at(r->proc_fd, "uptime", small, sizeof(small))) < 0 ||
            parse_uptime(small, (size_t)n, &sys->uptime) < 0)
                sys->uptime = -1;
        sys->hz = 100;
        return 0;
}

/* A one-line file such as proc/sys/kernel/hostname, without its newline. */
static void read_line_at(int dirfd, const char *name, char *out, size_t cap)
{
        ssize_t n = read_small_at(dirfd, name, out, cap);
        if (n < 0)
                n = 0;
        out[n] = '\0';
        char *nl = strchr(out, '\n');
        if (nl)
                *nl = '\0';
}

int sys_read(struct sys_reader *r, struct snapshot *s)
{
        struct system_rec *sys = &s->sys;
        read_line_at(r->proc_fd, "sys/kernel/hostname", sys->hostname, sizeof(sys->hostname));
        read_line_at(r->proc_fd, "sys/kernel/osrelease", sys->kernel, sizeof(sys->kernel));
        /* Fixtures describe an x86_64 host whatever this one is. */
        sys->page_size = r->live ? sysconf(_SC_PAGESIZE) : 4096;
        return r->live ? live_read(r, sys) : fixture_read(r, sys);
}
