/* test_model.c: unit tests of the pure model and of the text helpers.
 *
 * Snapshots are built by hand here (no /proc), so every expectation is
 * exact: namespace grouping (nsgroup.c), rates and aggregates between two
 * snapshots (delta.c), filters and sorting (view.c), lookups and problem
 * notes (snapshot.c), the warning line (output/problems.c) and the number
 * formatting shared by text output and TUI (output/format.c). */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/delta.h"
#include "model/nsgroup.h"
#include "model/snapshot.h"
#include "model/view.h"
#include "output/format.h"
#include "output/problems.h"
#include "tap.h"

/* ---- building snapshots by hand ---- */

enum { MAX_PROCS = 256 };

static struct snapshot *snap_make(double time, long hz)
{
        struct snapshot *s = snapshot_new();
        if (!s) {
                perror("snapshot_new");
                exit(1);
        }
        s->time = time;
        s->interval = NAN;
        s->sys.hz = hz;
        s->procs = calloc(MAX_PROCS, sizeof(*s->procs));
        if (!s->procs) {
                perror("calloc");
                exit(1);
        }
        return s;
}

/* Appends a process (callers add them in ascending pid order) with every
 * counter known and zero, and no namespace known. */
static struct proc_rec *add_proc(struct snapshot *s, int32_t pid, uint64_t start_ticks)
{
        if (s->nprocs == MAX_PROCS || (s->nprocs && s->procs[s->nprocs - 1].pid >= pid)) {
                fprintf(stderr, "add_proc: bad fixture at pid %d\n", (int)pid);
                exit(1);
        }
        struct proc_rec *p = &s->procs[s->nprocs++];
        memset(p, 0, sizeof(*p));
        p->pid = pid;
        p->ppid = 1;
        p->start_ticks = start_ticks;
        p->state = 'S';
        p->threads = 1;
        p->uid = 0;
        p->comm = arena_strdup(&s->arena, "proc");
        p->cmdline = arena_strdup(&s->arena, "/bin/proc");
        p->user = arena_strdup(&s->arena, "root");
        p->chrooted = 0;
        p->rss_bytes = 4096;
        p->cgroups_known = false;
        for (int t = 0; t < NS_TYPE_COUNT; t++)
                p->ns_index[t] = IDX_NONE;
        p->cpu_percent = p->io_read_rate = p->io_write_rate = NAN;
        p->io_rchar_rate = p->io_wchar_rate = NAN;
        return p;
}

static void set_cpus(struct snapshot *s, uint32_t n, const int32_t *ids)
{
        s->sys.ncpus = n;
        s->sys.cpus = calloc(n + 1, sizeof(*s->sys.cpus));
        s->sys.cpu_usage = calloc(n + 1, sizeof(*s->sys.cpu_usage));
        if (!s->sys.cpus || !s->sys.cpu_usage) {
                perror("calloc");
                exit(1);
        }
        s->sys.total.id = -1;
        for (uint32_t i = 0; i < n; i++)
                s->sys.cpus[i].id = ids[i];
}

static void build_ns(struct snapshot *s, const struct ns_mount_ref *mounts, size_t n)
{
        int r = ns_group_build(s, mounts, n);
        if (r < 0) {
                fprintf(stderr, "ns_group_build: %s\n", strerror(-r));
                exit(1);
        }
}

/* Pid of member m of namespace k. */
static int32_t member_pid(const struct snapshot *s, uint32_t k, uint32_t m)
{
        return s->procs[s->members[s->ns[k].member_first + m]].pid;
}

/* ---- ns_group_build ---- */

#define INO_USER 4026531837ull
#define INO_MNT_A 4026531840ull
#define INO_MNT_B 4026531841ull
#define INO_NET_LOW 4026531992ull
#define INO_NET_SHARED 4026532000ull
#define INO_NET_BOUND 4026532500ull

static void test_nsgroup(void)
{
        struct snapshot *s = snap_make(100, 100);
        /* pid 5: nothing readable (like pid 1 behind a security module) */
        add_proc(s, 5, 1);
        struct proc_rec *p = add_proc(s, 10, 2);
        p->ns_ino[NS_MNT] = INO_MNT_B, p->ns_ino[NS_NET] = INO_NET_SHARED, p->ns_ino[NS_USER] = INO_USER;
        p = add_proc(s, 20, 3);
        p->ns_ino[NS_MNT] = INO_MNT_A, p->ns_ino[NS_NET] = INO_NET_SHARED, p->ns_ino[NS_USER] = INO_USER;
        p = add_proc(s, 30, 4);
        p->ns_ino[NS_NET] = INO_NET_LOW, p->ns_ino[NS_USER] = INO_USER; /* its mnt is unknown */

        char path[] = "/run/netns/blue";
        const struct ns_mount_ref mounts[] = {
                {NS_NET, INO_NET_BOUND, path},
                {NS_NET, INO_NET_SHARED, "/run/netns/a"},
                {NS_NET, INO_NET_BOUND, "/run/netns/blue2"},
        };
        is_int(ns_group_build(s, mounts, 3), 0, "nsgroup: builds");
        path[1] = 'X'; /* the snapshot must own its copy */

        /* by type (mnt < net < user), then inode */
        static const struct {
                enum ns_type type;
                uint64_t ino;
                uint32_t nmembers, nmounts;
        } want[] = {
                {NS_MNT, INO_MNT_A, 1, 0},       {NS_MNT, INO_MNT_B, 1, 0},      {NS_NET, INO_NET_LOW, 1, 0},
                {NS_NET, INO_NET_SHARED, 2, 1}, {NS_NET, INO_NET_BOUND, 0, 2}, {NS_USER, INO_USER, 3, 0},
        };
        is_int(s->nns, 6, "nsgroup: one record per distinct (type, inode), unknown inodes make none");
        bool order = s->nns == 6;
        for (uint32_t k = 0; order && k < 6; k++)
                order = s->ns[k].type == want[k].type && s->ns[k].ino == want[k].ino &&
                        s->ns[k].member_count == want[k].nmembers && s->ns[k].mount_count == want[k].nmounts;
        ok(order, "nsgroup: sorted by type then inode, with member and mount counts");
        if (!order)
                return;
        is_int(s->nmembers, 8, "nsgroup: nmembers is the sum of member counts");
        is_int(s->nmounts, 3, "nsgroup: every mount kept");

        is_int(member_pid(s, 3, 0), 10, "nsgroup: shared net ns holds pid 10 first");
        is_int(member_pid(s, 3, 1), 20, "nsgroup: and pid 20 second");
        ok(member_pid(s, 5, 0) == 10 && member_pid(s, 5, 1) == 20 && member_pid(s, 5, 2) == 30,
           "nsgroup: user ns members in ascending pid");
        is_int(member_pid(s, 2, 0), 30, "nsgroup: a process alone in its net ns");
        ok(s->ns[0].member_first + s->ns[0].member_count <= s->nmembers &&
                   s->ns[5].member_first + s->ns[5].member_count <= s->nmembers,
           "nsgroup: member ranges within members[]");

        is_str(s->mounts[s->ns[3].mount_first], "/run/netns/a", "nsgroup: mount path of a ns with processes");
        is_str(s->mounts[s->ns[4].mount_first], "/run/netns/blue", "nsgroup: bind-mount-only ns: its first path (copied)");
        is_str(s->mounts[s->ns[4].mount_first + 1], "/run/netns/blue2", "nsgroup: bind-mount-only ns: second path");
        is_int(s->ns[4].member_count, 0, "nsgroup: bind-mount-only ns has nprocs 0");

        const struct proc_rec *p5 = snapshot_find_proc(s, 5);
        bool none = true;
        for (int t = 0; t < NS_TYPE_COUNT; t++)
                none = none && p5->ns_index[t] == IDX_NONE;
        ok(none, "nsgroup: a process with unknown inodes (0) is a member of nothing");
        const struct proc_rec *p10 = snapshot_find_proc(s, 10), *p30 = snapshot_find_proc(s, 30);
        is_int(p10->ns_index[NS_MNT], 1, "nsgroup: ns_index mnt");
        is_int(p10->ns_index[NS_NET], 3, "nsgroup: ns_index net");
        is_int(p10->ns_index[NS_USER], 5, "nsgroup: ns_index user");
        is_u64(p10->ns_index[NS_UTS], IDX_NONE, "nsgroup: ns_index of an unknown type is IDX_NONE");
        is_u64(p30->ns_index[NS_MNT], IDX_NONE, "nsgroup: ns_index of an unknown inode is IDX_NONE");
        is_int(p30->ns_index[NS_NET], 2, "nsgroup: ns_index of the low net ns");

        ok(s->ns[3].owner_state == LINK_UNKNOWN && s->ns[3].parent_state == LINK_UNKNOWN,
           "nsgroup: owner and parent links left unknown");
        ok(isnan(s->ns[3].cpu_percent) && s->ns[3].rss_bytes == U64_UNKNOWN,
           "nsgroup: aggregates unknown until delta_apply");

        /* snapshot_find_ns / snapshot_find_proc on the result */
        ok(snapshot_find_ns(s, NS_NET, INO_NET_SHARED) == &s->ns[3], "find_ns: net ns found");
        ok(snapshot_find_ns(s, NS_MNT, INO_MNT_A) == &s->ns[0], "find_ns: first record found");
        ok(snapshot_find_ns(s, NS_USER, INO_USER) == &s->ns[5], "find_ns: last record found");
        ok(snapshot_find_ns(s, NS_NET, INO_NET_BOUND) == &s->ns[4], "find_ns: bind-mount-only ns found");
        ok(!snapshot_find_ns(s, NS_NET, INO_MNT_A), "find_ns: inode of another type is not found");
        ok(!snapshot_find_ns(s, NS_TIME, INO_USER), "find_ns: absent type");
        ok(!snapshot_find_ns(s, NS_NET, 1), "find_ns: absent inode");
        ok(snapshot_find_proc(s, 20) == &s->procs[2], "find_proc: middle pid");
        ok(snapshot_find_proc(s, 5) == &s->procs[0], "find_proc: first pid");
        ok(snapshot_find_proc(s, 30) == &s->procs[3], "find_proc: last pid");
        ok(!snapshot_find_proc(s, 15) && !snapshot_find_proc(s, 1) && !snapshot_find_proc(s, 31),
           "find_proc: absent pids");
        s = snapshot_free(s);
        ok(s == NULL && snapshot_free(NULL) == NULL, "snapshot_free returns NULL and accepts NULL");
}

/* Many namespaces, added in scrambled inode order: the map grows and the
 * result still sorts. */
static void test_nsgroup_many(void)
{
        struct snapshot *s = snap_make(100, 100);
        for (int i = 0; i < 200; i++) {
                struct proc_rec *p = add_proc(s, 100 + i, 1);
                p->ns_ino[NS_NET] = 5000 + (uint64_t)((i * 7919) % 200);
                p->ns_ino[NS_UTS] = 42; /* one shared uts ns */
        }
        build_ns(s, NULL, 0);
        is_int(s->nns, 201, "nsgroup many: 200 net + 1 uts");
        bool sorted = s->nns == 201 && s->ns[0].type == NS_UTS;
        for (uint32_t k = 1; sorted && k < 201; k++)
                sorted = s->ns[k].type == NS_NET && s->ns[k].ino == 5000 + k - 1 && s->ns[k].member_count == 1;
        ok(sorted, "nsgroup many: sorted, one member each");
        bool idx = true;
        for (uint32_t i = 0; i < s->nprocs; i++) {
                const struct proc_rec *p = &s->procs[i];
                idx = idx && s->ns[p->ns_index[NS_NET]].ino == p->ns_ino[NS_NET] && p->ns_index[NS_UTS] == 0;
                idx = idx && s->members[s->ns[p->ns_index[NS_NET]].member_first] == i;
        }
        ok(idx, "nsgroup many: every ns_index and member points back");
        is_int(s->ns[0].member_count, 200, "nsgroup many: shared uts ns holds all");
        snapshot_free(s);

        s = snap_make(1, 100);
        is_int(ns_group_build(s, NULL, 0), 0, "nsgroup empty: builds");
        ok(s->nns == 0 && s->nmembers == 0 && s->nmounts == 0, "nsgroup empty: nothing");
        ok(!snapshot_find_ns(s, NS_NET, 1) && !snapshot_find_proc(s, 1), "empty snapshot: finds nothing");
        snapshot_free(s);
}

/* ---- delta_apply ---- */

#define NET_A 4026532001ull
#define NET_B 4026532002ull
#define NET_C 4026532003ull
#define NET_D 4026532004ull
#define NET_E 4026532005ull

static struct snapshot *delta_prev(void)
{
        /* time 100 s since boot, hz 100 */
        struct snapshot *s = snap_make(100.0, 100);
        struct proc_rec *p = add_proc(s, 10, 500);
        p->cpu_ticks = 1000, p->io_read_bytes = 1000, p->io_write_bytes = 0, p->io_rchar = 5000, p->io_wchar = 100;
        p = add_proc(s, 20, 600);
        p->cpu_ticks = 200, p->io_read_bytes = p->io_write_bytes = p->io_rchar = p->io_wchar = U64_UNKNOWN;
        p = add_proc(s, 30, 700); /* its pid is reused by cur */
        p->cpu_ticks = 50, p->io_read_bytes = 100000;
        p = add_proc(s, 40, 800); /* vanishes */
        p->cpu_ticks = 9999;
        p = add_proc(s, 60, 900);
        p->cpu_ticks = 10, p->io_write_bytes = U64_UNKNOWN, p->io_read_bytes = 700;

        set_cpus(s, 2, (const int32_t[]){0, 1});
        uint64_t *t = s->sys.total.t;
        t[TICK_USER] = 1000, t[TICK_SYSTEM] = 500, t[TICK_IDLE] = 8000, t[TICK_IOWAIT] = 100, t[TICK_GUEST] = 50;
        s->sys.cpus[0].t[TICK_USER] = 500, s->sys.cpus[0].t[TICK_IDLE] = 4000;
        s->sys.cpus[1].t[TICK_USER] = 500, s->sys.cpus[1].t[TICK_IDLE] = 4000;
        return s;
}

static struct snapshot *delta_cur(void)
{
        /* 2 s later */
        struct snapshot *s = snap_make(102.0, 100);
        struct proc_rec *p = add_proc(s, 10, 500);
        p->cpu_ticks = 1100, p->io_read_bytes = 3000, p->io_write_bytes = 0, p->io_rchar = 9000, p->io_wchar = 100;
        p->ns_ino[NS_NET] = NET_A, p->rss_bytes = 1000;
        p = add_proc(s, 20, 600);
        p->cpu_ticks = 600, p->io_read_bytes = p->io_write_bytes = p->io_rchar = p->io_wchar = U64_UNKNOWN;
        p->ns_ino[NS_NET] = NET_A, p->rss_bytes = 2000;
        /* born at 101.5 s: 0.5 s old */
        p = add_proc(s, 25, 10150);
        p->cpu_ticks = 10, p->io_read_bytes = 500, p->io_write_bytes = 50;
        p->ns_ino[NS_NET] = NET_B, p->rss_bytes = 300;
        /* pid 30 again, but a new process born at 101.8 s */
        p = add_proc(s, 30, 10180);
        p->cpu_ticks = 3, p->io_read_bytes = 20;
        p->ns_ino[NS_NET] = NET_C, p->rss_bytes = U64_UNKNOWN;
        /* not in prev, but 52 s old: prev missed it */
        p = add_proc(s, 35, 5000);
        p->cpu_ticks = 400, p->io_read_bytes = 10;
        p->ns_ino[NS_NET] = NET_B, p->rss_bytes = 5;
        /* born 0.1 s ago with 1 s of CPU: capped at its 2 threads */
        p = add_proc(s, 45, 10190);
        p->cpu_ticks = 100, p->threads = 2;
        p->ns_ino[NS_NET] = NET_E, p->rss_bytes = 7;
        p = add_proc(s, 60, 900);
        p->cpu_ticks = 10, p->io_write_bytes = 500, p->io_read_bytes = 600; /* read went backwards */

        set_cpus(s, 3, (const int32_t[]){0, 1, 2});
        uint64_t *t = s->sys.total.t;
        /* +100 user, +50 system, +340 idle, +10 iowait, +40 guest (already in user) */
        t[TICK_USER] = 1100, t[TICK_SYSTEM] = 550, t[TICK_IDLE] = 8340, t[TICK_IOWAIT] = 110, t[TICK_GUEST] = 90;
        s->sys.cpus[0].t[TICK_USER] = 530, s->sys.cpus[0].t[TICK_IDLE] = 4070; /* 30% busy */
        s->sys.cpus[1].t[TICK_USER] = 500, s->sys.cpus[1].t[TICK_IDLE] = 4000; /* no ticks at all */
        s->sys.cpus[2].t[TICK_USER] = 50; /* came online */

        const struct ns_mount_ref mounts[] = {{NS_NET, NET_D, "/run/netns/d"}};
        build_ns(s, mounts, 1);
        return s;
}

static void test_delta(void)
{
        struct snapshot *prev = delta_prev(), *cur = delta_cur();
        delta_apply(prev, cur);
        is_double(cur->interval, 2.0, 1e-9, "delta: interval from the snapshot times");

        const struct proc_rec *p = snapshot_find_proc(cur, 10);
        is_double(p->cpu_percent, 50.0, 1e-9, "delta: 100 ticks at hz 100 over 2 s = 50%");
        is_double(p->io_read_rate, 1000.0, 1e-9, "delta: read rate");
        is_double(p->io_write_rate, 0.0, 1e-9, "delta: known zero write rate is 0");
        ok(!isnan(p->io_write_rate), "delta: known zero rate is not unknown");
        is_double(p->io_rchar_rate, 2000.0, 1e-9, "delta: rchar rate");
        is_double(p->io_wchar_rate, 0.0, 1e-9, "delta: wchar rate");

        p = snapshot_find_proc(cur, 20);
        is_double(p->cpu_percent, 200.0, 1e-9, "delta: two CPUs busy = 200%");
        ok(isnan(p->io_read_rate) && isnan(p->io_write_rate) && isnan(p->io_rchar_rate) && isnan(p->io_wchar_rate),
           "delta: unknown IO counters give unknown (NaN) rates, not 0");

        p = snapshot_find_proc(cur, 25);
        is_double(p->cpu_percent, 20.0, 1e-9, "delta: born in the interval: measured over its age (0.1 s / 0.5 s)");
        is_double(p->io_read_rate, 1000.0, 1e-9, "delta: born: IO from zero over its age");
        is_double(p->io_write_rate, 100.0, 1e-9, "delta: born: write rate over its age");

        p = snapshot_find_proc(cur, 30);
        is_double(p->cpu_percent, 15.0, 1e-9, "delta: reused pid: no delta against the old process (new-born rule)");
        is_double(p->io_read_rate, 100.0, 1e-9, "delta: reused pid: IO from zero over its age");

        p = snapshot_find_proc(cur, 35);
        ok(isnan(p->cpu_percent) && isnan(p->io_read_rate), "delta: old process missing from prev: unknown");

        p = snapshot_find_proc(cur, 45);
        is_double(p->cpu_percent, 200.0, 1e-9, "delta: born: capped at 100% per thread");

        p = snapshot_find_proc(cur, 60);
        ok(isnan(p->io_write_rate), "delta: counter unknown before: rate unknown");
        ok(isnan(p->io_read_rate), "delta: counter going backwards: rate unknown");
        is_double(p->cpu_percent, 0.0, 1e-9, "delta: idle process: 0%");
        ok(!snapshot_find_proc(cur, 40), "delta: vanished process simply gone");

        /* namespace sums over members whose value is known */
        const struct ns_rec *n = snapshot_find_ns(cur, NS_NET, NET_A);
        is_double(n->cpu_percent, 250.0, 1e-9, "delta ns: cpu = sum of members");
        is_double(n->io_read_rate, 1000.0, 1e-9, "delta ns: read rate skips the unknown member");
        is_double(n->io_write_rate, 0.0, 1e-9, "delta ns: write rate skips the unknown member");
        is_u64(n->rss_bytes, 3000, "delta ns: rss sum");
        n = snapshot_find_ns(cur, NS_NET, NET_B);
        is_double(n->cpu_percent, 20.0, 1e-9, "delta ns: unknown member cpu skipped");
        is_double(n->io_read_rate, 1000.0, 1e-9, "delta ns: unknown member IO skipped");
        is_u64(n->rss_bytes, 305, "delta ns: rss of both members");
        n = snapshot_find_ns(cur, NS_NET, NET_C);
        is_u64(n->rss_bytes, U64_UNKNOWN, "delta ns: every member's rss unknown: unknown, not 0");
        is_double(n->cpu_percent, 15.0, 1e-9, "delta ns: single member");
        n = snapshot_find_ns(cur, NS_NET, NET_E);
        is_double(n->cpu_percent, 200.0, 1e-9, "delta ns: capped member");
        ok(isnan(n->io_read_rate) == false && n->io_read_rate == 0.0, "delta ns: member with zero IO sums to 0");
        n = snapshot_find_ns(cur, NS_NET, NET_D);
        ok(n && n->member_count == 0 && n->cpu_percent == 0.0 && n->rss_bytes == 0,
           "delta ns: bind-mount-only ns uses nothing (0)");

        /* CPU usage */
        const struct cpu_usage *u = &cur->sys.total_usage;
        is_double(u->user, 20.0, 1e-9, "delta cpu: total user (guest not counted twice)");
        is_double(u->system, 10.0, 1e-9, "delta cpu: total system");
        is_double(u->idle, 68.0, 1e-9, "delta cpu: total idle");
        is_double(u->iowait, 2.0, 1e-9, "delta cpu: total iowait");
        is_double(u->busy, 30.0, 1e-9, "delta cpu: total busy = 100 - idle - iowait");
        is_double(u->nice, 0.0, 1e-9, "delta cpu: total nice");
        is_double(cur->sys.cpu_usage[0].busy, 30.0, 1e-9, "delta cpu: cpu0 busy");
        is_double(cur->sys.cpu_usage[0].user, 30.0, 1e-9, "delta cpu: cpu0 user");
        is_double(cur->sys.cpu_usage[1].idle, 100.0, 1e-9, "delta cpu: cpu with no ticks: idle");
        is_double(cur->sys.cpu_usage[1].busy, 0.0, 1e-9, "delta cpu: cpu with no ticks: not busy");
        ok(isnan(cur->sys.cpu_usage[2].busy) && isnan(cur->sys.cpu_usage[2].user),
           "delta cpu: cpu absent from prev: unknown");

        /* pure: applying again gives the same values */
        delta_apply(prev, cur);
        is_double(snapshot_find_proc(cur, 10)->cpu_percent, 50.0, 1e-9, "delta: applying twice is the same");

        /* prev == NULL: nothing to compare with */
        delta_apply(NULL, cur);
        ok(isnan(cur->interval), "delta NULL: interval unknown");
        bool all_nan = true;
        for (uint32_t i = 0; i < cur->nprocs; i++) {
                const struct proc_rec *q = &cur->procs[i];
                all_nan = all_nan && isnan(q->cpu_percent) && isnan(q->io_read_rate) && isnan(q->io_write_rate) &&
                          isnan(q->io_rchar_rate) && isnan(q->io_wchar_rate);
        }
        ok(all_nan, "delta NULL: every process rate unknown");
        n = snapshot_find_ns(cur, NS_NET, NET_A);
        ok(isnan(n->cpu_percent) && isnan(n->io_read_rate), "delta NULL: ns rates unknown");
        is_u64(n->rss_bytes, 3000, "delta NULL: ns rss still summed (no delta needed)");
        ok(isnan(cur->sys.total_usage.busy) && isnan(cur->sys.cpu_usage[0].busy), "delta NULL: cpu usage unknown");

        /* the same process seen again after a delay: the rule uses the
         * snapshots' own times, and a different hz */
        struct snapshot *a = snap_make(10.0, 250), *b = snap_make(10.5, 250);
        add_proc(a, 7, 100)->cpu_ticks = 1000;
        add_proc(b, 7, 100)->cpu_ticks = 1125; /* 125 ticks = 0.5 s in 0.5 s */
        build_ns(b, NULL, 0);
        delta_apply(a, b);
        is_double(b->procs[0].cpu_percent, 100.0, 1e-9, "delta: hz 250: one full CPU = 100%");
        snapshot_free(a);
        snapshot_free(b);

        snapshot_free(prev);
        snapshot_free(cur);
}

/* ---- view ---- */

#define V_NET_A 4026532100ull
#define V_NET_B 4026532200ull
#define V_NET_C 4026532300ull
#define V_NET_D 4026532400ull

static struct snapshot *view_snap(void)
{
        struct snapshot *s = snap_make(100, 100);
        struct proc_rec *p = add_proc(s, 1, 1); /* namespaces unknown */
        p = add_proc(s, 10, 2);
        p->uid = 0, p->ns_ino[NS_NET] = V_NET_A, p->ns_ino[NS_USER] = INO_USER;
        p = add_proc(s, 20, 3);
        p->uid = 1000, p->ns_ino[NS_NET] = V_NET_A, p->ns_ino[NS_USER] = INO_USER;
        p = add_proc(s, 30, 4);
        p->uid = 1000, p->ns_ino[NS_NET] = V_NET_B, p->ns_ino[NS_USER] = INO_USER;
        p = add_proc(s, 40, 5);
        p->uid = 33, p->ns_ino[NS_NET] = V_NET_C, p->ns_ino[NS_USER] = INO_USER;
        const struct ns_mount_ref mounts[] = {{NS_NET, V_NET_D, "/run/netns/d"}};
        build_ns(s, mounts, 1);
        /* indexes: 0 net A, 1 net B, 2 net C, 3 net D, 4 user */
        s->procs[0].cpu_percent = NAN;
        s->procs[1].cpu_percent = 5;
        s->procs[2].cpu_percent = 50;
        s->procs[3].cpu_percent = 5;
        s->procs[4].cpu_percent = 0;
        return s;
}

/* "pid,pid,..." of the view's processes and "k,k,..." of its namespaces. */
static const char *view_procs_str(const struct snapshot *s, const struct view *v)
{
        static char out[256];
        size_t n = 0;
        out[0] = '\0';
        for (uint32_t i = 0; i < v->nprocs && n < sizeof(out) - 16; i++)
                n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%d", i ? "," : "", (int)s->procs[v->procs[i]].pid);
        return out;
}

static const char *view_ns_str(const struct view *v)
{
        static char out[256];
        size_t n = 0;
        out[0] = '\0';
        for (uint32_t i = 0; i < v->nns && n < sizeof(out) - 16; i++)
                n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%u", i ? "," : "", v->ns[i]);
        return out;
}

static void check_view(const struct snapshot *s, const struct filter *f, const char *procs, const char *ns,
                       const char *name)
{
        struct view v;
        char label[256];
        int r = view_build(s, f, &v);
        snprintf(label, sizeof(label), "view %s: builds", name);
        is_int(r, 0, label);
        if (r < 0)
                return;
        snprintf(label, sizeof(label), "view %s: processes", name);
        is_str(view_procs_str(s, &v), procs, label);
        snprintf(label, sizeof(label), "view %s: namespaces", name);
        is_str(view_ns_str(&v), ns, label);
        view_release(&v);
}

static void test_view(void)
{
        struct snapshot *s = view_snap();
        ok(s->nns == 5 && s->ns[0].ino == V_NET_A && s->ns[3].ino == V_NET_D && s->ns[4].type == NS_USER,
           "view fixture: namespaces as expected");

        struct filter f;
        filter_init(&f);
        ok(f.pids == NULL && !f.by_uid && f.ns_type == -1 && f.ns_ino == 0, "filter_init: matches everything");
        ok(filter_match_proc(&f, &s->procs[0]), "filter_match_proc: empty filter matches pid 1");
        check_view(s, &f, "1,10,20,30,40", "0,1,2,3,4", "no filter");

        const int32_t pids[] = {40, 20};
        f.pids = pids, f.npids = 2;
        ok(filter_match_proc(&f, &s->procs[2]) && filter_match_proc(&f, &s->procs[4]) &&
                   !filter_match_proc(&f, &s->procs[1]),
           "filter_match_proc: -p");
        check_view(s, &f, "20,40", "0,2,4", "-p 40,20");
        const int32_t nopid[] = {999};
        f.pids = nopid, f.npids = 1;
        check_view(s, &f, "", "", "-p 999");

        filter_init(&f);
        f.by_uid = true, f.uid = 1000;
        ok(filter_match_proc(&f, &s->procs[3]) && !filter_match_proc(&f, &s->procs[1]), "filter_match_proc: -u");
        check_view(s, &f, "20,30", "0,1,4", "-u 1000");
        f.uid = 0;
        check_view(s, &f, "1,10", "0,4", "-u 0");
        const int32_t p30[] = {30};
        f.uid = 1000, f.pids = p30, f.npids = 1;
        check_view(s, &f, "30", "1,4", "-u 1000 -p 30");

        filter_init(&f);
        f.ns_type = NS_NET;
        check_view(s, &f, "10,20,30,40", "0,1,2,3", "--ns net (pid 1, namespaces unknown, is not in any)");
        f.ns_type = NS_TIME;
        check_view(s, &f, "", "", "--ns time (none present)");
        f.ns_type = NS_NET, f.ns_ino = V_NET_B;
        ok(filter_match_proc(&f, &s->procs[3]) && !filter_match_proc(&f, &s->procs[2]) &&
                   !filter_match_proc(&f, &s->procs[0]),
           "filter_match_proc: --ns TYPE:INODE");
        check_view(s, &f, "30", "1", "--ns net:B");
        f.ns_ino = V_NET_D;
        check_view(s, &f, "", "3", "--ns net:D (named exactly, no processes)");
        f.ns_ino = 999;
        check_view(s, &f, "", "", "--ns net:999");
        f.ns_type = NS_USER, f.ns_ino = INO_USER;
        check_view(s, &f, "10,20,30,40", "4", "--ns user:INODE");
        f.ns_ino = 0;
        const int32_t p20[] = {20};
        f.pids = p20, f.npids = 1;
        check_view(s, &f, "20", "4", "--ns user -p 20");
        f.ns_type = NS_NET, f.ns_ino = V_NET_B;
        check_view(s, &f, "", "1", "--ns net:B -p 20 (named ns shown)");
        f.ns_ino = 0, f.pids = NULL, f.npids = 0, f.by_uid = true, f.uid = 33;
        check_view(s, &f, "40", "2", "--ns net -u 33");

        /* sorting */
        filter_init(&f);
        struct view v;
        if (view_build(s, &f, &v) == 0) {
                /* scramble first so the sort has work to do */
                uint32_t scrambled[] = {3, 0, 4, 2, 1};
                memcpy(v.procs, scrambled, sizeof(scrambled));
                view_sort_procs(s, &v, SORT_CPU);
                is_str(view_procs_str(s, &v), "20,10,30,40,1", "sort cpu: descending, ties by pid, unknown last");
                view_sort_procs(s, &v, SORT_PID);
                is_str(view_procs_str(s, &v), "1,10,20,30,40", "sort pid: ascending");
                s->procs[0].cpu_percent = 0; /* pid 1 ties with pid 40 at 0 */
                s->procs[3].cpu_percent = 80;
                memcpy(v.procs, scrambled, sizeof(scrambled));
                view_sort_procs(s, &v, SORT_CPU);
                is_str(view_procs_str(s, &v), "30,20,10,1,40", "sort cpu: resorted after new values");
                view_release(&v);
                ok(v.procs == NULL && v.nprocs == 0, "view_release clears the view");
        } else {
                ok(false, "sort: view_build");
        }
        snapshot_free(s);
}

/* ---- problems ---- */

static void test_problems(void)
{
        struct snapshot *s = snap_make(1, 100);
        struct buf b = {0};
        ok(!problems_describe(&b, s, NULL), "problems: nothing to say for a complete scan");
        is_int(b.len, 0, "problems: appends nothing then");

        snapshot_note_problem(s, PROBLEM_NS, 1, -EACCES);
        is_int(s->problems[PROBLEM_NS].count, 1, "note_problem: counted");
        is_int(s->problems[PROBLEM_NS].err, EACCES, "note_problem: -errno stored positive");
        is_int(s->problems[PROBLEM_NS].pids[0], 1, "note_problem: pid kept");
        ok(problems_describe(&b, s, NULL), "problems: one kind");
        is_str(buf_str(&b), "could not read namespaces of 1 process (pid 1): Permission denied; shown as '?' (null in JSON)",
               "problems: one line for one process");
        buf_reset(&b);

        snapshot_note_problem(s, PROBLEM_IO, 1, -EACCES);
        snapshot_note_problem(s, PROBLEM_IO, 7, EPERM);
        snapshot_note_problem(s, PROBLEM_IO, 9, -ENOENT);
        snapshot_note_problem(s, PROBLEM_IO, 11, -EACCES);
        const struct problem *p = &s->problems[PROBLEM_IO];
        ok(p->count == 4 && p->err == EACCES, "note_problem: the first errno stays, count grows");
        ok(p->pids[0] == 1 && p->pids[1] == 7 && p->pids[2] == 9, "note_problem: the first three pids");
        snapshot_note_problem(s, PROBLEM_CGROUP, 12, EPERM);
        ok(problems_describe(&b, s, NULL), "problems: several kinds");
        is_str(buf_str(&b),
               "could not read namespaces of 1 process (pid 1): Permission denied; "
               "IO counters of 4 processes (pid 1, 7, 9, ...): Permission denied; "
               "cgroups of 1 process (pid 12): Operation not permitted; shown as '?' (null in JSON)",
               "problems: counts, first pids and strerror text in table order");
        ok(!strchr(buf_str(&b), '\n'), "problems: one line");
        buf_free(&b);
        snapshot_free(s);
}

/* With a view, only the shown processes' problems are told: nstop -p 42
 * must not warn about pid 1. */
static void test_problems_of_view(void)
{
        struct snapshot *s = snap_make(1, 100);
        struct proc_rec *p = add_proc(s, 1, 1);
        p->problems = 1u << PROBLEM_NS | 1u << PROBLEM_IO;
        p = add_proc(s, 42, 2);
        p = add_proc(s, 43, 3);
        p->problems = 1u << PROBLEM_IO;
        snapshot_note_problem(s, PROBLEM_NS, 1, -EACCES);
        snapshot_note_problem(s, PROBLEM_IO, 1, -EACCES);
        snapshot_note_problem(s, PROBLEM_IO, 43, -EACCES);
        struct buf b = {0};
        struct filter f;
        struct view v;
        filter_init(&f);
        const int32_t only42[] = {42};
        f.pids = only42, f.npids = 1;
        if (view_build(s, &f, &v) < 0)
                abort();
        ok(!problems_describe(&b, s, &v), "problems of a view: nothing when its processes were read");
        is_int(b.len, 0, "problems of a view: appends nothing then");
        view_release(&v);

        const int32_t two[] = {42, 43};
        f.pids = two, f.npids = 2;
        if (view_build(s, &f, &v) < 0)
                abort();
        ok(problems_describe(&b, s, &v), "problems of a view: the shown process's problem");
        is_str(buf_str(&b), "could not read IO counters of 1 process (pid 43): Permission denied; shown as '?' (null in JSON)",
               "problems of a view: only pid 43, not pid 1");
        view_release(&v);
        buf_free(&b);
        snapshot_free(s);
}

/* ---- format ---- */

static void test_format(void)
{
        char out[FMT_MAX];
        static const struct {
                uint64_t v;
                const char *want;
        } bytes[] = {
                {0, "0"},
                {512, "512"},
                {1023, "1023"},
                {1024, "1.0K"},
                {1536, "1.5K"},
                {10 * 1024, "10K"},
                {10188, "9.9K"},
                {10189, "10K"}, /* 9.95K rounds up: no "10.0K" */
                {23ull << 20, "23M"},
                {1288490189ull, "1.2G"},
                {(1ull << 20) - 1, "1.0M"}, /* not "1024K" */
                {(1ull << 30) - 1, "1.0G"},
                {5ull << 40, "5.0T"},
                {U64_UNKNOWN - 1, "16E"},
                {U64_UNKNOWN, "?"},
        };
        for (size_t i = 0; i < sizeof(bytes) / sizeof(bytes[0]); i++) {
                char name[64];
                snprintf(name, sizeof(name), "fmt_bytes %" PRIu64, bytes[i].v);
                fmt_bytes(out, bytes[i].v);
                is_str(out, bytes[i].want, name);
        }
        fmt_rate(out, NAN);
        is_str(out, "?", "fmt_rate: unknown");
        fmt_rate(out, -1);
        is_str(out, "?", "fmt_rate: negative is not a rate");
        fmt_rate(out, INFINITY);
        is_str(out, "?", "fmt_rate: infinite is not a rate");
        fmt_rate(out, 0);
        is_str(out, "0", "fmt_rate: 0");
        fmt_rate(out, 2048.0);
        is_str(out, "2.0K", "fmt_rate: 2 KiB/s");
        fmt_rate(out, 1023.7);
        is_str(out, "1.0K", "fmt_rate: rounds up into the next unit");
        fmt_rate(out, 100.4);
        is_str(out, "100", "fmt_rate: fraction of a byte dropped");

        fmt_percent(out, NAN);
        is_str(out, "?", "fmt_percent: unknown");
        fmt_percent(out, 0);
        is_str(out, "0.0", "fmt_percent: 0");
        fmt_percent(out, 12.345);
        is_str(out, "12.3", "fmt_percent: one decimal");
        fmt_percent(out, 250);
        is_str(out, "250.0", "fmt_percent: over one CPU");

        fmt_uptime(out, 0);
        is_str(out, "00:00:00", "fmt_uptime: 0");
        fmt_uptime(out, 3661.9);
        is_str(out, "01:01:01", "fmt_uptime: hours");
        fmt_uptime(out, 86400 + 4 * 3600 + 5 * 60 + 6);
        is_str(out, "1 day, 04:05", "fmt_uptime: one day");
        fmt_uptime(out, 3 * 86400 + 23 * 3600 + 59 * 60);
        is_str(out, "3 days, 23:59", "fmt_uptime: days");
        fmt_uptime(out, NAN);
        is_str(out, "?", "fmt_uptime: unknown");
        fmt_uptime(out, -5);
        is_str(out, "?", "fmt_uptime: negative");

        fmt_cputime(out, 0, 100);
        is_str(out, "0:00.00", "fmt_cputime: 0");
        fmt_cputime(out, 2188, 100);
        is_str(out, "0:21.88", "fmt_cputime: hundredths at 100 Hz");
        fmt_cputime(out, 750, 250);
        is_str(out, "0:03.00", "fmt_cputime: another clock rate");
        fmt_cputime(out, (59 * 60 + 59) * 100 + 99, 100);
        is_str(out, "59:59.99", "fmt_cputime: just under an hour");
        fmt_cputime(out, (3600 + 2 * 60 + 3) * 100ull, 100);
        is_str(out, "1h02:03", "fmt_cputime: hours drop the hundredths");
        fmt_cputime(out, 123ull * 3600 * 100, 100);
        is_str(out, "123h", "fmt_cputime: 100 hours and more");
        fmt_cputime(out, U64_UNKNOWN, 100);
        is_str(out, "?", "fmt_cputime: unknown");
        fmt_cputime(out, 5, 0);
        is_str(out, "?", "fmt_cputime: unknown clock rate");

        struct snapshot *s = snap_make(1, 100);
        s->ns_types_present = (1u << NS_TYPE_COUNT) - 1 - (1u << NS_TIME); /* kernel without time ns */
        for (int t = 0; t < NS_TYPE_COUNT; t++)
                s->self_ns[t] = 100 + (uint64_t)t;
        struct proc_rec *p = add_proc(s, 1, 1);
        p->ns_ino[NS_MNT] = 100, p->ns_ino[NS_UTS] = 101, p->ns_ino[NS_IPC] = 0, p->ns_ino[NS_NET] = 999;
        p->ns_ino[NS_PID] = 104, p->ns_ino[NS_USER] = 777, p->ns_ino[NS_CGROUP] = 106;
        char marks[NS_TYPE_COUNT + 1];
        fmt_ns_marks(marks, s, p);
        is_str(marks, "..?n.U. ", "fmt_ns_marks: same '.', other letter, unknown '?', absent type ' '");
        s->self_ns[NS_MNT] = 0;
        s->ns_types_present |= 1u << NS_TIME;
        p->ns_ino[NS_TIME] = 555;
        fmt_ns_marks(marks, s, p);
        is_str(marks, "?.?n.U.T", "fmt_ns_marks: nstop's own ns unknown '?'");
        snapshot_free(s);
}

int main(void)
{
        test_nsgroup();
        test_nsgroup_many();
        test_delta();
        test_view();
        test_problems();
        test_problems_of_view();
        test_format();
        return tap_done();
}
