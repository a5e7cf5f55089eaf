/* cgjson.c: cgroup JSON objects; see cgjson.h. */
#include "config.h"

#include "output/cgjson.h"

#include <stdio.h>
#include <string.h>

/* Absent, unknown and "no limit" are all null here. */
static void value(struct json *j, const char *key, uint64_t v)
{
        if (v >= U64_ABSENT)
                json_null(j, key);
        else
                json_u64(j, key, v);
}

static void string_or_null(struct json *j, const char *key, const char *v)
{
        if (v)
                json_string(j, key, v);
        else
                json_null(j, key);
}

static void controllers(struct json *j, const char *list)
{
        json_begin_array(j, "controllers");
        for (const char *p = list; p && *p;) {
                size_t n = strcspn(p, ",");
                json_string_n(j, NULL, p, n);
                p += n + (p[n] == ',');
        }
        json_end(j);
}

static void throttling(struct json *j, const struct cgroup_rec *c)
{
        if (c->nr_periods >= U64_ABSENT && c->nr_throttled >= U64_ABSENT) {
                json_null(j, "throttling");
                return;
        }
        json_begin_object(j, "throttling");
        value(j, "nr_periods", c->nr_periods);
        value(j, "nr_throttled", c->nr_throttled);
        value(j, "throttled_usec", c->throttled_usec);
        json_end(j);
}

static void io_devices(struct json *j, const struct snapshot *s, const struct cgroup_rec *c)
{
        json_begin_array(j, "io_devices");
        for (uint32_t i = 0; i < c->io_dev_count; i++) {
                const struct cg_io_dev_rec *d = &s->cg_io_devs[c->io_dev_first + i];
                char dev[32];
                snprintf(dev, sizeof(dev), "%u:%u", d->major, d->minor);
                json_begin_object(j, NULL);
                json_string(j, "device", dev);
                value(j, "read_bytes", d->rbytes);
                value(j, "write_bytes", d->wbytes);
                /* v2 io.max, v1 blkio.throttle.*_device: bytes/s, IOs/s. */
                value(j, "rbps_max", d->limit[IO_LIM_RBPS]);
                value(j, "wbps_max", d->limit[IO_LIM_WBPS]);
                value(j, "riops_max", d->limit[IO_LIM_RIOPS]);
                value(j, "wiops_max", d->limit[IO_LIM_WIOPS]);
                json_end(j);
        }
        json_end(j);
}

static void psi_line(struct json *j, const char *key, bool present, double avg10, double avg60)
{
        if (!present) {
                json_null(j, key);
                return;
        }
        json_begin_object(j, key);
        json_double(j, "avg10", avg10, 2);
        json_double(j, "avg60", avg60, 2);
        json_end(j);
}

static void pressure(struct json *j, const struct cgroup_rec *c)
{
        static const char *const names[PSI_COUNT] = {"cpu", "memory", "io"};
        bool any = false;
        for (int r = 0; r < PSI_COUNT; r++)
                any |= c->psi_known[r];
        if (!any) {
                json_null(j, "pressure");
                return;
        }
        json_begin_object(j, "pressure");
        for (int r = 0; r < PSI_COUNT; r++) {
                if (!c->psi_known[r]) {
                        json_null(j, names[r]);
                        continue;
                }
                const struct cg_psi *p = &c->psi[r];
                json_begin_object(j, names[r]);
                psi_line(j, "some", p->some, p->some_avg10, p->some_avg60);
                psi_line(j, "full", p->full, p->full_avg10, p->full_avg60);
                json_end(j);
        }
        json_end(j);
}

static void identity(struct json *j, const struct snapshot *s, const struct cgroup_rec *c)
{
        const struct cg_hier *h = &s->cg_hiers[c->hier];
        json_string(j, "hierarchy", h->name);
        json_u64(j, "version", h->version);
        controllers(j, c->controllers);
        json_string(j, "path", c->path);
        json_string(j, "mount", h->mount);
        json_u64(j, "inode", c->ino);
        string_or_null(j, "parent", c->parent == IDX_NONE ? NULL : s->cgroups[c->parent].path);
        string_or_null(j, "name", c->name);
        json_bool(j, "container", c->container);
        if (c->net_ns)
                json_u64(j, "net_ns", c->net_ns);
        else
                json_null(j, "net_ns");
        if (c->uts_ns)
                json_u64(j, "uts_ns", c->uts_ns);
        else
                json_null(j, "uts_ns");
}

static void members(struct json *j, const struct snapshot *s, const struct cgroup_rec *c)
{
        json_u64(j, "nprocs", c->member_count);
        json_begin_array(j, "pids");
        for (uint32_t m = 0; m < c->member_count; m++)
                json_i64(j, NULL, s->procs[s->cg_members[c->member_first + m]].pid);
        json_end(j);
}

void json_write_cgroup(struct json *j, const struct snapshot *s, const struct cgroup_rec *c)
{
        json_begin_object(j, NULL);
        identity(j, s, c);
        members(j, s, c);
        json_double(j, "cpu_percent", c->cpu_percent, 1);
        value(j, "cpu_usage_usec", c->cpu_usage_usec);
        throttling(j, c);
        json_double(j, "throttled_percent", c->throttled_percent, 1);
        value(j, "cpu_quota_usec", c->cpu_quota_usec);
        value(j, "cpu_period_usec", c->cpu_period_usec);
        value(j, "cpu_weight", c->cpu_weight);
        value(j, "cpu_shares", c->cpu_shares);
        string_or_null(j, "cpuset_cpus", c->cpuset_cpus);
        string_or_null(j, "cpuset_mems", c->cpuset_mems);
        value(j, "memory_bytes", c->mem_current);
        value(j, "memory_limit_bytes", c->mem_max);
        value(j, "memory_high_bytes", c->mem_high);
        /* v2: swap alone; v1: memory+swap (memsw), as the kernel counts it. */
        value(j, s->cg_hiers[c->hier].version == 2 ? "swap_bytes" : "memsw_bytes", c->swap_current);
        value(j, s->cg_hiers[c->hier].version == 2 ? "swap_limit_bytes" : "memsw_limit_bytes", c->swap_max);
        value(j, "memory_failcnt", c->mem_failcnt);
        value(j, "oom", c->oom);
        value(j, "oom_kill", c->oom_kill);
        json_double(j, "io_read_bytes_per_sec", c->io_read_rate, 0);
        json_double(j, "io_write_bytes_per_sec", c->io_write_rate, 0);
        io_devices(j, s, c);
        value(j, "pids_current", c->pids_current);
        value(j, "pids_limit", c->pids_max);
        if (c->frozen < 0)
                json_null(j, "frozen");
        else
                json_bool(j, "frozen", c->frozen);
        string_or_null(j, "freezer_state", c->freezer_state);
        pressure(j, c);
        json_end(j);
}
