/* test_cgmodel.c: the pure cgroup model: path order and lookup
 * (cgtree.c), cgroup rates and identity (delta.c), the --cgroup filter
 * (view.c), annotations (cg_annotate), cgroup value formatting, and the
 * safety rails of actions (action/safety.c). */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action/safety.h"
#include "model/cgtree.h"
#include "model/delta.h"
#include "model/view.h"
#include "output/format.h"
#include "output/problems.h"
#include "sample/cgfiles.h"
#include "tap.h"

/* ---- path order ---- */

static void test_path_order(void)
{
        ok(cg_path_cmp("/", "/a") < 0, "cmp: the root first");
        ok(cg_path_cmp("/a", "/a/b") < 0, "cmp: a parent before its child");
        ok(cg_path_cmp("/a/b", "/a-b") < 0, "cmp: a child before its parent's next sibling, even '-' < '/'");
        ok(cg_path_cmp("/a/z", "/a.b") < 0, "cmp: a child before a sibling with '.'");
        ok(cg_path_cmp("/b", "/a/zzz") > 0, "cmp: siblings by name");
        is_int(cg_path_cmp("/x/y", "/x/y"), 0, "cmp: equal paths");
        ok(cg_path_under("/a/b", "/a") && cg_path_under("/a", "/a") && cg_path_under("/a", "/"),
           "under: itself, a child, everything under /");
        ok(!cg_path_under("/ab", "/a") && !cg_path_under("/", "/a"), "under: not a prefix of a name, not a parent");
}

/* ---- a snapshot with two hierarchies ---- */

static struct snapshot *snap(double time, int64_t usage_a, uint64_t ino_a)
{
        struct snapshot *s = snapshot_new();
        s->time = time;
        s->sys.hz = 100;
        s->cg_hiers = calloc(2, sizeof(*s->cg_hiers));
        s->cg_hiers[0] = (struct cg_hier){"unified", 2, "cpu,memory", "/sys/fs/cgroup", "/"};
        s->cg_hiers[1] = (struct cg_hier){"memory", 1, "memory", "/sys/fs/cgroup/memory", "/"};
        s->ncg_hiers = 2;
        static const struct {
                uint32_t hier;
                const char *path;
                uint32_t parent, depth;
        } rows[] = {
                {0, "/", IDX_NONE, 0},
                {0, "/a", 0, 1},
                {0, "/a/b", 1, 2},
                {0, "/a-b", 0, 1},
                {1, "/", IDX_NONE, 0},
                {1, "/system.slice/docker-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.scope",
                 4, 1},
        };
        s->ncgroups = sizeof(rows) / sizeof(rows[0]);
        s->cgroups = calloc(s->ncgroups, sizeof(*s->cgroups));
        for (uint32_t i = 0; i < s->ncgroups; i++) {
                struct cgroup_rec *c = &s->cgroups[i];
                cg_rec_init(c);
                c->hier = rows[i].hier;
                c->path = rows[i].path;
                c->parent = rows[i].parent;
                c->depth = rows[i].depth;
                c->ino = 100 + i;
                c->cpu_usage_usec = 1000000;
                c->io_rbytes = 0;
                c->io_wbytes = U64_UNKNOWN;
        }
        s->cgroups[1].cpu_usage_usec = (uint64_t)usage_a;
        s->cgroups[1].ino = ino_a;
        return s;
}

static void test_find(void)
{
        struct snapshot *s = snap(10, 0, 101);
        is_int(cg_find_hier(s, "memory"), 1, "find_hier: by name");
        is_int(cg_find_hier(s, "cpu"), IDX_NONE, "find_hier: absent");
        is_int(cg_find(s, 0, "/a/b"), 2, "find: in the first hierarchy");
        is_int(cg_find(s, 0, "/a-b"), 3, "find: a sibling after a subtree");
        is_int(cg_find(s, 1, "/"), 4, "find: the root of the second hierarchy");
        is_int(cg_find(s, 1, "/a"), IDX_NONE, "find: a path of another hierarchy");
        snapshot_free(s);
}

/* ---- rates and identity ---- */

static void test_delta(void)
{
        struct snapshot *a = snap(10, 1000000, 101), *b = snap(12, 2000000, 101);
        delta_apply(a, b);
        is_double(b->cgroups[1].cpu_percent, 50.0, 1e-9, "delta: 1 s of CPU in 2 s is 50%");
        is_double(b->cgroups[0].cpu_percent, 0.0, 1e-9, "delta: no usage is 0%");
        is_double(b->cgroups[0].io_read_rate, 0.0, 1e-9, "delta: a known counter that stays is 0/s");
        ok(isnan(b->cgroups[0].io_write_rate), "delta: an unknown counter has no rate");
        snapshot_free(b);

        b = snap(12, 2000000, 101);
        a->cgroups[1].nr_periods = 100, a->cgroups[1].nr_throttled = 10;
        b->cgroups[1].nr_periods = 120, b->cgroups[1].nr_throttled = 15;
        delta_apply(a, b);
        is_double(b->cgroups[1].throttled_percent, 25.0, 1e-9, "delta: 5 of 20 periods throttled is 25%");
        ok(isnan(b->cgroups[0].throttled_percent), "delta: no CFS periods known, no throttled share");
        a->cgroups[1].nr_periods = b->cgroups[1].nr_periods = 120;
        a->cgroups[1].nr_throttled = b->cgroups[1].nr_throttled = 15;
        delta_apply(a, b);
        is_double(b->cgroups[1].throttled_percent, 0.0, 1e-9, "delta: no period in the interval, 0%");
        snapshot_free(b);

        b = snap(12, 2000000, 999);
        delta_apply(a, b);
        ok(isnan(b->cgroups[1].cpu_percent), "delta: the same path with a new inode is a new cgroup");
        snapshot_free(b);

        b = snap(12, 500000, 101);
        delta_apply(a, b);
        ok(isnan(b->cgroups[1].cpu_percent), "delta: a counter that went back has no rate");
        snapshot_free(b);

        b = snap(12, 2000000, 101);
        delta_apply(NULL, b);
        ok(isnan(b->cgroups[1].cpu_percent), "delta: no previous snapshot, no rate");
        b->cgroups[1].cpu_usage_usec = U64_ABSENT;
        delta_apply(a, b);
        ok(isnan(b->cgroups[1].cpu_percent), "delta: an absent counter has no rate");
        snapshot_free(b);
        snapshot_free(a);
}

/* ---- the --cgroup filter ---- */

static void add_member(struct snapshot *s, int32_t pid, const char *hier, const char *path, uint32_t cg)
{
        s->procs = realloc(s->procs, (s->nprocs + 1) * sizeof(*s->procs));
        s->cgroup_refs = realloc(s->cgroup_refs, (s->ncgroup_refs + 1) * sizeof(*s->cgroup_refs));
        s->cg_members = realloc(s->cg_members, (s->ncg_members + 1) * sizeof(*s->cg_members));
        struct proc_rec *p = &s->procs[s->nprocs];
        memset(p, 0, sizeof(*p));
        p->pid = pid;
        p->cgroup_first = s->ncgroup_refs;
        p->cgroup_count = 1;
        s->cgroup_refs[s->ncgroup_refs++] = (struct cgroup_ref){hier, path};
        struct cgroup_rec *c = &s->cgroups[cg];
        c->member_first = s->ncg_members;
        c->member_count = 1;
        s->cg_members[s->ncg_members++] = s->nprocs++;
}

static void test_filter(void)
{
        struct snapshot *s = snap(10, 0, 101);
        add_member(s, 10, "unified", "/a/b", 2);
        add_member(s, 20, "unified", "/a-b", 3);
        struct cg_target t = {"unified", "/a"};
        struct filter f;
        struct view v;
        filter_init(&f);
        f.cgs = &t;
        f.ncgs = 1;
        if (view_build(s, &f, &v) < 0)
                abort();
        is_int(v.nprocs, 1, "--cgroup /a: one process");
        ok(v.nprocs == 1 && s->procs[v.procs[0]].pid == 10, "--cgroup /a: the one in /a/b, not in /a-b");
        ok(v.ncgroups == 2 && v.cgroups[0] == 1 && v.cgroups[1] == 2, "--cgroup /a: /a and /a/b, in tree order");
        view_release(&v);

        struct cg_target both[] = {{"unified", "/"}, {"memory", "/"}};
        f.cgs = both;
        f.ncgs = 2;
        if (view_build(s, &f, &v) < 0)
                abort();
        ok(v.ncgroups == s->ncgroups && v.nprocs == 2, "--cgroup / in two hierarchies: everything");
        view_release(&v);

        const int32_t only20[] = {20};
        filter_init(&f);
        f.pids = only20;
        f.npids = 1;
        if (view_build(s, &f, &v) < 0)
                abort();
        ok(v.ncgroups == 1 && v.cgroups[0] == 3, "-p: only the cgroups that hold a shown process");
        view_release(&v);
        snapshot_free(s);
}

/* ---- annotations ---- */

static void test_annotate(void)
{
        struct snapshot *s = snap(10, 0, 101);
        add_member(s, 10, "memory", s->cgroups[5].path, 5);
        s->procs[0].ns_ino[NS_NET] = 4026532300;
        s->procs[0].ns_ino[NS_UTS] = 4026532301;
        cg_annotate(s);
        is_str(s->cgroups[5].name, "docker 0123456789ab", "annotate: a docker scope is named");
        ok(s->cgroups[5].container, "annotate: and is a container");
        is_u64(s->cgroups[5].net_ns, 4026532300, "annotate: the net namespace its process is in");
        is_u64(s->cgroups[5].uts_ns, 4026532301, "annotate: the uts namespace its process is in");
        ok(s->cgroups[1].name == NULL && !s->cgroups[1].container, "annotate: /a has no name");
        snapshot_free(s);
}

/* ---- formatting and the warning ---- */

static void test_format(void)
{
        char t[FMT_MAX];
        fmt_cg_bytes(t, U64_ABSENT);
        is_str(t, "-", "fmt_cg_bytes: absent is -");
        fmt_cg_bytes(t, U64_UNKNOWN);
        is_str(t, "?", "fmt_cg_bytes: unknown is ?");
        fmt_cg_bytes(t, U64_NO_LIMIT);
        is_str(t, "max", "fmt_cg_bytes: no limit is max");
        fmt_cg_bytes(t, 512ull << 20);
        is_str(t, "512M", "fmt_cg_bytes: bytes");
        fmt_cg_count(t, 50);
        is_str(t, "50", "fmt_cg_count: a count");

        struct snapshot *s = snap(10, 0, 101);
        s->cg_problem.count = 2;
        s->cg_problem.err = 13;
        s->cg_problem.path = "/sys/fs/cgroup/x/memory.max";
        struct buf b = {0};
        ok(problems_describe(&b, s, NULL), "problems: unreadable cgroup files are told");
        is_str(buf_str(&b), "could not read 2 cgroup files (/sys/fs/cgroup/x/memory.max, ...): Permission denied; "
                            "shown as '?' (null in JSON)",
               "problems: count, first file and reason");
        buf_free(&b);
        snapshot_free(s);
}

/* ---- directories, controllers and the safety rails ---- */

static void test_dirs(void)
{
        struct snapshot *s = snap(10, 0, 101);
        char *d = cg_dir(s, &s->cgroups[2], NULL);
        is_str(d, "/sys/fs/cgroup/a/b", "cg_dir: mount point and path");
        free(d);
        d = cg_dir(s, &s->cgroups[0], "/tmp/root");
        is_str(d, "/tmp/root/sys/fs/cgroup", "cg_dir: the top, under a sysroot");
        free(d);
        s->cg_hiers[0].mount_root = "/a";
        d = cg_dir(s, &s->cgroups[2], NULL);
        is_str(d, "/sys/fs/cgroup/b", "cg_dir: a mount of /a holds /a/b as b");
        free(d);
        errno = 0;
        ok(cg_dir(s, &s->cgroups[3], NULL) == NULL && errno == EXDEV, "cg_dir: a path outside the mount's root");
        s->cg_hiers[0].mount_root = "/";
        is_int(cg_hier_with(s, "memory"), 1, "hier_with: a v1 controller's hierarchy");
        is_int(cg_hier_with(s, "cpu"), 0, "hier_with: a controller of the v2 hierarchy");
        is_int(cg_hier_with(s, "freezer"), 0, "hier_with: freezer falls back to v2's cgroup.freeze");
        ok(cg_hier_with(s, "pids") == IDX_NONE, "hier_with: no hierarchy has pids");
        ok(cg_list_has("cpu,memory", "memory") && cg_list_has("cpu memory", "cpu") && !cg_list_has("cpuset", "cpu"),
           "list_has: whole words, commas or blanks");
        snapshot_free(s);
}

static void test_safety(void)
{
        struct snapshot *s = snap(10, 0, 101);
        add_member(s, 1, "unified", "/a-b", 3);  /* init */
        add_member(s, 50, "unified", "/a", 1);   /* sshd */
        add_member(s, 60, "unified", "/a/b", 2); /* nstop */
        s->procs[1].ppid = 1;
        s->procs[2].ppid = 50;
        s->self_pid = 60;
        int32_t keep[8];
        size_t n = safety_protected(s, keep, 8);
        ok(n == 2 && keep[0] == 60 && keep[1] == 50, "protected: nstop and its ancestors, without PID 1");
        is_int(cg_of_proc(s, &s->procs[2], 0), 2, "cg_of_proc: nstop's cgroup");
        is_int(safety_freeze_hits(s, 2), 60, "freeze_hits: nstop's own cgroup");
        is_int(safety_freeze_hits(s, 1), 50, "freeze_hits: a parent of nstop's cgroup (its whole subtree freezes)");
        is_int(safety_freeze_hits(s, 3), 0, "freeze_hits: PID 1's cgroup holds none of them");
        is_str(safety_confirm_reason(s, 0), "the top cgroup of the hierarchy", "confirm: the top cgroup");
        is_str(safety_confirm_reason(s, 3), "the cgroup of PID 1", "confirm: PID 1's cgroup");
        ok(safety_confirm_reason(s, 2) == NULL, "confirm: another cgroup needs no yes");
        is_int(safety_subtree_procs(s, 1), 2, "subtree_procs: a cgroup and its child");
        is_int(safety_subtree_procs(s, 0), 3, "subtree_procs: the top holds all");
        snapshot_free(s);
}

int main(void)
{
        test_dirs();
        test_safety();
        test_path_order();
        test_find();
        test_delta();
        test_filter();
        test_annotate();
        test_format();
        return tap_done();
}
