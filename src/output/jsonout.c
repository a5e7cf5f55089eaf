/* jsonout.c: JSON snapshots; see jsonout.h. */
#include "config.h"

#include "output/jsonout.h"

#include <math.h>
#include <stdlib.h>

#include "output/cgjson.h"
#include "util/json.h"

static void u64_or_null(struct json *j, const char *key, uint64_t v)
{
        if (v == U64_UNKNOWN)
                json_null(j, key);
        else
                json_u64(j, key, v);
}

static void link_or_null(struct json *j, const char *key, uint8_t state, uint64_t ino)
{
        if (state == LINK_KNOWN)
                json_u64(j, key, ino);
        else
                json_null(j, key);
}

static void cpu_usage(struct json *j, const struct cpu_usage *u)
{
        json_double(j, "percent", u->busy, 1);
        json_double(j, "user", u->user, 1);
        json_double(j, "nice", u->nice, 1);
        json_double(j, "system", u->system, 1);
        json_double(j, "idle", u->idle, 1);
        json_double(j, "iowait", u->iowait, 1);
        json_double(j, "irq", u->irq, 1);
        json_double(j, "softirq", u->softirq, 1);
        json_double(j, "steal", u->steal, 1);
}

static void system_obj(struct json *j, const struct snapshot *s)
{
        const struct system_rec *sys = &s->sys;
        json_begin_object(j, "system");
        /* Empty when proc/sys/kernel/{hostname,osrelease} could not be
         * read; the uptime is -1 when /proc/uptime could not. */
        json_string(j, "hostname", sys->hostname[0] ? sys->hostname : NULL);
        json_string(j, "kernel", sys->kernel[0] ? sys->kernel : NULL);
        json_double(j, "uptime_seconds", sys->uptime < 0 ? NAN : sys->uptime, 2);
        json_begin_array(j, "load");
        for (int i = 0; i < 3; i++)
                json_double(j, NULL, sys->load[i] < 0 ? NAN : sys->load[i], 2);
        json_end(j);
        json_u64(j, "boot_time", sys->boot_time);
        json_i64(j, "clock_ticks", sys->hz);
        json_i64(j, "page_size", sys->page_size);
        json_u64(j, "ncpus", sys->ncpus);
        json_double(j, "cpu_percent", sys->total_usage.busy, 1);
        json_begin_object(j, "cpu");
        cpu_usage(j, &sys->total_usage);
        json_end(j);
        json_begin_array(j, "cpus");
        for (uint32_t i = 0; i < sys->ncpus; i++) {
                json_begin_object(j, NULL);
                json_i64(j, "id", sys->cpus[i].id);
                cpu_usage(j, &sys->cpu_usage[i]);
                json_end(j);
        }
        json_end(j);
        json_begin_object(j, "memory");
        u64_or_null(j, "total_bytes", sys->mem_total);
        u64_or_null(j, "free_bytes", sys->mem_free);
        u64_or_null(j, "available_bytes", sys->mem_available);
        u64_or_null(j, "used_bytes", sys->mem_used);
        u64_or_null(j, "buffers_bytes", sys->mem_buffers);
        u64_or_null(j, "cached_bytes", sys->mem_cached);
        json_end(j);
        json_begin_object(j, "swap");
        u64_or_null(j, "total_bytes", sys->swap_total);
        u64_or_null(j, "free_bytes", sys->swap_free);
        u64_or_null(j, "used_bytes", sys->swap_used);
        json_end(j);
        json_u64(j, "nprocs", s->nprocs);
        unsigned count[NS_TYPE_COUNT] = {0};
        for (uint32_t k = 0; k < s->nns; k++)
                count[s->ns[k].type]++;
        json_begin_object(j, "namespaces");
        for (int t = 0; t < NS_TYPE_COUNT; t++)
                if (s->ns_types_present & (1u << t))
                        json_u64(j, ns_types[t].name, count[t]);
        json_end(j);
        json_end(j);
}

/* The members of a process's "cgroups" object: hierarchy -> path. */
static void cgroup_members(struct json *j, const struct snapshot *s, const struct proc_rec *p)
{
        for (uint32_t c = 0; c < p->cgroup_count; c++) {
                const struct cgroup_ref *r = &s->cgroup_refs[p->cgroup_first + c];
                json_string(j, r->hierarchy, r->path);
        }
}

/* Processes with the same /proc/PID/cgroup text share one range of
 * cgroup refs (struct proc_rec), so they have the same "cgroups" object:
 * all the processes of a container or a service. It is about half of a
 * process's JSON, so it is made once per range and snapshot and copied
 * for the other processes of the range. */
struct cg_memo {
        struct cg_memo_slot {
                size_t off, len; /* in text; len 0: not made yet */
                uint32_t count;  /* of the range it was made from */
        } *slot;                 /* by cgroup_first; NULL: no memo */
        uint32_t nslots;
        struct buf text;
};

static void cg_memo_init(struct cg_memo *m, const struct snapshot *s)
{
        *m = (struct cg_memo){0};
        /* Without it (out of memory) each object is simply written out. */
        m->slot = calloc(s->ncgroup_refs ? s->ncgroup_refs : 1, sizeof(*m->slot));
        m->nslots = m->slot ? s->ncgroup_refs : 0;
}

static void cg_memo_free(struct cg_memo *m)
{
        free(m->slot);
        buf_free(&m->text);
}

/* The memo's slot of p's range, made on first use; NULL when p's object
 * must be written out instead. */
static const struct cg_memo_slot *cg_memo_get(struct cg_memo *m, const struct snapshot *s, const struct proc_rec *p)
{
        if (p->cgroup_first >= m->nslots || p->cgroup_count == 0)
                return NULL;
        struct cg_memo_slot *e = &m->slot[p->cgroup_first];
        if (e->len == 0) {
                struct json cj;
                json_init(&cj, &m->text);
                e->off = m->text.len;
                json_begin_object(&cj, NULL);
                cgroup_members(&cj, s, p);
                json_end(&cj);
                e->len = m->text.len - e->off;
                e->count = p->cgroup_count;
        }
        return e->count == p->cgroup_count && !m->text.failed ? e : NULL;
}

static void cgroups_value(struct json *j, struct cg_memo *m, const struct snapshot *s, const struct proc_rec *p)
{
        if (!p->cgroups_known) {
                json_null(j, "cgroups");
                return;
        }
        const struct cg_memo_slot *e = cg_memo_get(m, s, p);
        if (e) {
                json_raw(j, "cgroups", m->text.data + e->off, e->len);
                return;
        }
        json_begin_object(j, "cgroups");
        cgroup_members(j, s, p);
        json_end(j);
}

static void process_obj(struct json *j, struct cg_memo *m, const struct snapshot *s, const struct proc_rec *p)
{
        json_begin_object(j, NULL);
        json_i64(j, "pid", p->pid);
        json_i64(j, "ppid", p->ppid);
        json_string(j, "comm", p->comm);
        json_string(j, "cmdline", p->cmdline);
        json_string(j, "user", p->user);
        if (p->uid == U32_UNKNOWN)
                json_null(j, "uid");
        else
                json_u64(j, "uid", p->uid);
        json_string_n(j, "state", &p->state, 1);
        json_i64(j, "nice", p->nice);
        json_i64(j, "priority", p->priority);
        json_i64(j, "threads", p->threads);
        json_double(j, "start_time", (double)s->sys.boot_time + (double)p->start_ticks / (double)s->sys.hz, 2);
        json_double(j, "cpu_percent", p->cpu_percent, 1);
        json_u64(j, "cpu_ticks", p->cpu_ticks);
        u64_or_null(j, "rss_bytes", p->rss_bytes);
        u64_or_null(j, "vsize_bytes", p->vsize_bytes);
        json_double(j, "io_read_bytes_per_sec", p->io_read_rate, 0);
        json_double(j, "io_write_bytes_per_sec", p->io_write_rate, 0);
        json_double(j, "io_rchar_per_sec", p->io_rchar_rate, 0);
        json_double(j, "io_wchar_per_sec", p->io_wchar_rate, 0);
        json_begin_object(j, "ns");
        for (int t = 0; t < NS_TYPE_COUNT; t++) {
                if (!(s->ns_types_present & (1u << t)))
                        continue;
                if (p->ns_ino[t])
                        json_u64(j, ns_types[t].name, p->ns_ino[t]);
                else
                        json_null(j, ns_types[t].name);
        }
        json_end(j);
        cgroups_value(j, m, s, p);
        json_string(j, "root", p->root);
        if (p->chrooted < 0)
                json_null(j, "chrooted");
        else
                json_bool(j, "chrooted", p->chrooted);
        json_bool(j, "kernel_thread", p->kernel_thread);
        json_end(j);
}

static void namespace_obj(struct json *j, const struct snapshot *s, const struct ns_rec *n)
{
        json_begin_object(j, NULL);
        json_string(j, "type", ns_types[n->type].name);
        json_u64(j, "inode", n->ino);
        json_u64(j, "nprocs", n->member_count);
        json_begin_array(j, "pids");
        for (uint32_t m = 0; m < n->member_count; m++)
                json_i64(j, NULL, s->procs[s->members[n->member_first + m]].pid);
        json_end(j);
        link_or_null(j, "owner", n->owner_state, n->owner_ino);
        link_or_null(j, "parent", n->parent_state, n->parent_ino);
        if (n->owner_uid == U32_UNKNOWN)
                json_null(j, "owner_uid");
        else
                json_u64(j, "owner_uid", n->owner_uid);
        json_begin_array(j, "bind_mounts");
        for (uint32_t m = 0; m < n->mount_count; m++)
                json_string(j, NULL, s->mounts[n->mount_first + m]);
        json_end(j);
        json_double(j, "cpu_percent", n->cpu_percent, 1);
        u64_or_null(j, "rss_bytes", n->rss_bytes);
        json_double(j, "io_read_bytes_per_sec", n->io_read_rate, 0);
        json_double(j, "io_write_bytes_per_sec", n->io_write_rate, 0);
        json_end(j);
}

void json_write_snapshot(struct buf *out, const struct snapshot *s, const struct view *v, const char *version)
{
        struct json j;
        json_init(&j, out);
        json_begin_object(&j, NULL);
        json_string(&j, "version", version);
        json_double(&j, "timestamp", s->wall_time, 3);
        json_double(&j, "interval", s->interval, 3);
        system_obj(&j, s);
        json_begin_array(&j, "processes");
        struct cg_memo memo;
        cg_memo_init(&memo, s);
        for (uint32_t i = 0; i < v->nprocs; i++)
                process_obj(&j, &memo, s, &s->procs[v->procs[i]]), buf_spill(out);
        cg_memo_free(&memo);
        json_end(&j);
        json_begin_array(&j, "namespaces");
        for (uint32_t i = 0; i < v->nns; i++)
                namespace_obj(&j, s, &s->ns[v->ns[i]]), buf_spill(out);
        json_end(&j);
        json_begin_array(&j, "cgroups");
        for (uint32_t i = 0; i < v->ncgroups; i++)
                json_write_cgroup(&j, s, &s->cgroups[v->cgroups[i]]), buf_spill(out);
        json_end(&j);
        json_end(&j);
        buf_putc(out, '\n');
}
