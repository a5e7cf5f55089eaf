/* test_explain.c: the explain panel's text builders (output/explain.c).
 *
 * Snapshots are built by hand, so every expected line is exact: the
 * title of each kind, what a namespace type isolates (from the nstype
 * table), owner/parent/mount/member/nsenter lines, cgroup controllers,
 * use and limits in words ("of 512M limit", "no limit", "unknown (could
 * not read)", absent values left out), PSI, a process's chroot,
 * namespaces and cgroups; that the builder writes no control character
 * but '\n' itself; that untrusted strings pass through raw (the UI
 * sanitises); and -ENOMEM on a failed buffer. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/snapshot.h"
#include "output/explain.h"
#include "sample/cgfiles.h"
#include "tap.h"

/* ---- checking text ---- */

/* Does text hold exactly this line? */
static bool has_line(const char *text, const char *line)
{
        size_t n = strlen(line);
        for (const char *p = text; p && *p;) {
                const char *nl = strchr(p, '\n');
                size_t l = nl ? (size_t)(nl - p) : strlen(p);
                if (l == n && memcmp(p, line, n) == 0)
                        return true;
                p = nl ? nl + 1 : NULL;
        }
        return false;
}

/* Does any line of text start with prefix? */
static bool has_line_prefix(const char *text, const char *prefix)
{
        size_t n = strlen(prefix);
        for (const char *p = text; p && *p;) {
                if (strncmp(p, prefix, n) == 0)
                        return true;
                const char *nl = strchr(p, '\n');
                p = nl ? nl + 1 : NULL;
        }
        return false;
}

/* Only printable bytes (>= 0x20, not DEL) and '\n', ending in '\n'. */
static bool clean_text(const char *text)
{
        size_t n = strlen(text);
        if (n == 0 || text[n - 1] != '\n')
                return false;
        for (size_t i = 0; i < n; i++) {
                unsigned char ch = (unsigned char)text[i];
                if ((ch < 0x20 && ch != '\n') || ch == 0x7f)
                        return false;
        }
        return true;
}

static void show(const char *what, const char *text)
{
        printf("# --- %s ---\n", what);
        for (const char *p = text; *p;) {
                const char *nl = strchr(p, '\n');
                size_t l = nl ? (size_t)(nl - p) : strlen(p);
                printf("# %.*s\n", (int)l, p);
                p += l + (nl != NULL);
        }
}

#define LINE(text, line) ok(has_line((text), (line)), line)
#define NO_LINE(text, prefix) ok(!has_line_prefix((text), (prefix)), "no line: " prefix)

/* ---- building snapshots by hand ---- */

enum { MAX = 64 };

static void *zalloc(size_t n, size_t size)
{
        void *p = calloc(n, size);
        if (!p) {
                perror("calloc");
                exit(1);
        }
        return p;
}

static struct snapshot *snap_make(void)
{
        struct snapshot *s = snapshot_new();
        if (!s) {
                perror("snapshot_new");
                exit(1);
        }
        s->interval = NAN;
        s->procs = zalloc(MAX, sizeof(*s->procs));
        s->ns = zalloc(MAX, sizeof(*s->ns));
        s->members = zalloc(MAX, sizeof(*s->members));
        s->mounts = zalloc(MAX, sizeof(*s->mounts));
        s->cgroup_refs = zalloc(MAX, sizeof(*s->cgroup_refs));
        s->cg_hiers = zalloc(MAX, sizeof(*s->cg_hiers));
        s->cgroups = zalloc(MAX, sizeof(*s->cgroups));
        s->cg_members = zalloc(MAX, sizeof(*s->cg_members));
        s->cg_io_devs = zalloc(MAX, sizeof(*s->cg_io_devs));
        s->ns_types_present = (1u << NS_TYPE_COUNT) - 1;
        s->self_pid = 4242;
        for (int t = 0; t < NS_TYPE_COUNT; t++)
                s->self_ns[t] = 4026531830ull + (uint64_t)t;
        return s;
}

/* A process (ascending pid) in every one of nstop's namespaces. */
static struct proc_rec *add_proc(struct snapshot *s, int32_t pid, const char *comm)
{
        struct proc_rec *p = &s->procs[s->nprocs++];
        memset(p, 0, sizeof(*p));
        p->pid = pid;
        p->ppid = 1;
        p->state = 'S';
        p->threads = 1;
        p->uid = 0;
        p->comm = arena_strdup(&s->arena, comm);
        p->cmdline = arena_strdup(&s->arena, "/bin/true");
        p->user = arena_strdup(&s->arena, "root");
        p->root = arena_strdup(&s->arena, "/");
        p->chrooted = 0;
        for (int t = 0; t < NS_TYPE_COUNT; t++) {
                p->ns_ino[t] = s->self_ns[t];
                p->ns_index[t] = IDX_NONE;
        }
        p->cpu_percent = p->io_read_rate = p->io_write_rate = NAN;
        return p;
}

static void add_cgroup_ref(struct snapshot *s, struct proc_rec *p, const char *hier, const char *path)
{
        if (!p->cgroups_known) {
                p->cgroups_known = true;
                p->cgroup_first = s->ncgroup_refs;
        }
        s->cgroup_refs[s->ncgroup_refs++] = (struct cgroup_ref){hier, path};
        p->cgroup_count++;
}

/* A namespace whose members are the processes of pids[0..n). */
static struct ns_rec *add_ns(struct snapshot *s, enum ns_type type, uint64_t ino, const int32_t *pids, uint32_t n)
{
        struct ns_rec *r = &s->ns[s->nns++];
        memset(r, 0, sizeof(*r));
        r->type = type;
        r->ino = ino;
        r->owner_state = LINK_KNOWN;
        r->owner_ino = 4026531837ull;
        r->parent_state = LINK_UNKNOWN;
        r->owner_uid = U32_UNKNOWN;
        r->member_first = s->nmembers;
        r->member_count = n;
        for (uint32_t i = 0; i < n; i++)
                for (uint32_t k = 0; k < s->nprocs; k++)
                        if (s->procs[k].pid == pids[i])
                                s->members[s->nmembers++] = k;
        r->mount_first = s->nmounts;
        r->cpu_percent = r->io_read_rate = r->io_write_rate = NAN;
        return r;
}

static void add_mount(struct snapshot *s, struct ns_rec *r, const char *path)
{
        s->mounts[s->nmounts++] = arena_strdup(&s->arena, path);
        r->mount_count++;
}

static uint32_t add_hier(struct snapshot *s, const char *name, uint8_t version, const char *controllers,
                         const char *mount)
{
        s->cg_hiers[s->ncg_hiers] = (struct cg_hier){name, version, controllers, mount, "/"};
        return s->ncg_hiers++;
}

static struct cgroup_rec *add_cgroup(struct snapshot *s, uint32_t hier, const char *path, const char *controllers)
{
        struct cgroup_rec *c = &s->cgroups[s->ncgroups++];
        cg_rec_init(c);
        c->hier = hier;
        c->path = path;
        c->ino = 1000 + s->ncgroups;
        c->controllers = controllers;
        c->member_first = s->ncg_members;
        c->cpu_percent = c->io_read_rate = c->io_write_rate = NAN;
        return c;
}

static void add_cg_member(struct snapshot *s, struct cgroup_rec *c, uint32_t proc_index)
{
        s->cg_members[s->ncg_members++] = proc_index;
        c->member_count++;
}

/* ---- namespaces ---- */

static void test_namespace(void)
{
        struct snapshot *s = snap_make();
        static const int32_t pids[] = {100, 101, 102, 103, 104, 105, 106};
        for (size_t i = 0; i < 7; i++)
                add_proc(s, pids[i], i == 0 ? "nginx" : "worker");
        struct ns_rec *net = add_ns(s, NS_NET, 4026532290ull, pids, 7);
        add_mount(s, net, "/run/netns/blue");

        struct buf b = {0};
        is_int(explain_namespace(s, net, &b), 0, "ns: returns 0");
        const char *t = buf_str(&b);
        ok(strncmp(t, "net namespace 4026532290\n", 25) == 0, "ns: the title is the first line");
        ok(has_line_prefix(t, "isolates: network devices"), "ns: what the type isolates, from the table");
        ok(strstr(t, "veth") != NULL, "ns: the longer explanation of the type");
        LINE(t, "made with the CLONE_NEWNET flag of clone(2) and unshare(2), since Linux 2.6.24");
        LINE(t, "owner: user namespace 4026531837");
        NO_LINE(t, "parent:");
        NO_LINE(t, "owner uid:");
        LINE(t, "  /run/netns/blue");
        LINE(t, "members: 7 processes in it");
        LINE(t, "  100 nginx");
        LINE(t, "  104 worker");
        NO_LINE(t, "  105 ");
        LINE(t, "  and 2 more");
        LINE(t, "enter it: nsenter --net=/proc/100/ns/net COMMAND");
        LINE(t, "  (or nsenter --target 100 --net COMMAND)");
        LINE(t, "make one: unshare --net COMMAND");
        ok(clean_text(t), "ns: no control character but newlines");
        show("net", t);

        /* the mount namespace's option is --mount, not --mnt */
        struct ns_rec *mnt = add_ns(s, NS_MNT, 4026532300ull, pids, 1);
        mnt->owner_state = LINK_UNKNOWN;
        buf_reset(&b);
        explain_namespace(s, mnt, &b);
        t = buf_str(&b);
        LINE(t, "mnt namespace 4026532300");
        LINE(t, "owner: unknown (could not read)");
        LINE(t, "members: 1 process in it");
        LINE(t, "enter it: nsenter --mount=/proc/100/ns/mnt COMMAND");
        LINE(t, "make one: unshare --mount COMMAND");
        ok(clean_text(t), "mnt: clean");

        /* the initial user namespace: no parent, creator's uid */
        struct ns_rec *user = add_ns(s, NS_USER, 4026531837ull, pids, 2);
        user->owner_state = LINK_NONE;
        user->parent_state = LINK_NONE;
        user->owner_uid = 0;
        buf_reset(&b);
        explain_namespace(s, user, &b);
        t = buf_str(&b);
        LINE(t, "user namespace 4026531837");
        LINE(t, "owner: none visible");
        LINE(t, "parent: none visible (the initial one)");
        ok(has_line_prefix(t, "owner uid: 0 "), "user: the owner uid");
        LINE(t, "made with the CLONE_NEWUSER flag of clone(2) and unshare(2), since Linux 3.8");

        /* a nested user namespace with an unknown owner uid */
        user = add_ns(s, NS_USER, 4026532400ull, pids + 1, 1);
        user->parent_state = LINK_KNOWN;
        user->parent_ino = 4026531837ull;
        buf_reset(&b);
        explain_namespace(s, user, &b);
        t = buf_str(&b);
        LINE(t, "parent: user namespace 4026531837");
        LINE(t, "owner uid: unknown (could not read)");
        LINE(t, "enter it: nsenter --user=/proc/101/ns/user COMMAND");

        /* a pid namespace: parent unknown; made through a fork */
        struct ns_rec *pid = add_ns(s, NS_PID, 4026532500ull, pids + 2, 1);
        buf_reset(&b);
        explain_namespace(s, pid, &b);
        t = buf_str(&b);
        LINE(t, "parent: unknown (could not read)");
        ok(has_line_prefix(t, "make one: unshare --pid --fork COMMAND"), "pid: unshare needs --fork");

        /* held only by a bind mount; then by nothing visible */
        struct ns_rec *bound = add_ns(s, NS_NET, 4026532600ull, NULL, 0);
        add_mount(s, bound, "/run/netns/red");
        buf_reset(&b);
        explain_namespace(s, bound, &b);
        t = buf_str(&b);
        LINE(t, "members: 0 processes in it");
        LINE(t, "enter it: nsenter --net=/run/netns/red COMMAND");
        struct ns_rec *lone = add_ns(s, NS_IPC, 4026532700ull, NULL, 0);
        buf_reset(&b);
        explain_namespace(s, lone, &b);
        t = buf_str(&b);
        NO_LINE(t, "bind mounts");
        LINE(t, "enter it: no process or bind mount visible to enter it through");
        LINE(t, "make one: unshare --ipc COMMAND");

        /* every type has its explanation, option and flag */
        bool all = true;
        for (int k = 0; k < NS_TYPE_COUNT; k++) {
                struct ns_rec r = {.type = (enum ns_type)k, .ino = 1, .owner_uid = U32_UNKNOWN};
                buf_reset(&b);
                explain_namespace(s, &r, &b);
                t = buf_str(&b);
                char title[64];
                snprintf(title, sizeof(title), "%s namespace 1", ns_types[k].name);
                all = all && has_line(t, title) && ns_types[k].explain && ns_types[k].option &&
                      strstr(t, ns_types[k].flag) && clean_text(t) && !strchr(ns_types[k].explain, '\n');
        }
        ok(all, "ns: every type explains itself cleanly");

        buf_free(&b);
        snapshot_free(s);
}

/* ---- cgroups ---- */

#define MIB (1024ull * 1024)

static void test_cgroup_v1(void)
{
        struct snapshot *s = snap_make();
        uint32_t mem = add_hier(s, "memory", 1, "memory", "/sys/fs/cgroup/memory");
        uint32_t sd = add_hier(s, "name=systemd", 1, "", "/sys/fs/cgroup/systemd");
        add_proc(s, 100, "x");
        add_proc(s, 200, "y");

        struct cgroup_rec *c = add_cgroup(s, mem, "/system.slice/x.service", "memory");
        c->name = "x.service";
        c->mem_current = 120 * MIB;
        c->mem_max = 512 * MIB;
        c->swap_current = 130 * MIB;
        c->swap_max = U64_NO_LIMIT;
        c->mem_failcnt = 0;
        c->oom_kill = U64_UNKNOWN;
        add_cg_member(s, c, 0);
        add_cg_member(s, c, 1);

        struct buf b = {0};
        is_int(explain_cgroup(s, c, &b), 0, "cg v1: returns 0");
        const char *t = buf_str(&b);
        ok(strncmp(t, "cgroup /system.slice/x.service (memory, v1)\n", 44) == 0, "cg v1: the title first");
        LINE(t, "name: x.service");
        LINE(t, "hierarchy: memory, cgroup v1, mounted at /sys/fs/cgroup/memory");
        ok(has_line_prefix(t, "  memory: accounts and limits the memory"), "cg v1: what memory does");
        LINE(t, "  memory 120M of 512M limit");
        LINE(t, "  memory+swap 130M, no limit");
        LINE(t, "  times the memory limit was hit 0");
        LINE(t, "  processes killed by the OOM killer unknown (could not read)");
        NO_LINE(t, "  cpu ");
        NO_LINE(t, "  pids");
        NO_LINE(t, "  io ");
        NO_LINE(t, "  frozen");
        NO_LINE(t, "pressure");
        LINE(t, "members: 2 processes directly in it");
        LINE(t, "  200 y");
        ok(clean_text(t), "cg v1: no control character but newlines");
        show("v1 memory", t);

        /* a named hierarchy: no controller */
        c = add_cgroup(s, sd, "/system.slice/x.service", "");
        buf_reset(&b);
        explain_cgroup(s, c, &b);
        t = buf_str(&b);
        LINE(t, "cgroup /system.slice/x.service (name=systemd, v1)");
        ok(has_line_prefix(t, "  name=systemd: no controller: a named hierarchy for tracking"),
           "cg name=systemd: a named hierarchy for tracking");
        NO_LINE(t, "use and limits");
        NO_LINE(t, "name: ");
        LINE(t, "members: 0 processes directly in it");

        /* co-mounted v1 controllers: one line each */
        uint32_t cpu = add_hier(s, "cpu,cpuacct", 1, "cpu,cpuacct", "/sys/fs/cgroup/cpu,cpuacct");
        c = add_cgroup(s, cpu, "/", "cpu,cpuacct");
        c->cpu_usage_usec = 2500000;
        c->cpu_quota_usec = U64_NO_LIMIT;
        c->cpu_period_usec = 100000;
        c->cpu_shares = 1024;
        c->nr_periods = 0;
        c->nr_throttled = 0;
        buf_reset(&b);
        explain_cgroup(s, c, &b);
        t = buf_str(&b);
        ok(has_line_prefix(t, "  cpu: ") && has_line_prefix(t, "  cpuacct: "), "cg cpu,cpuacct: both described");
        LINE(t, "  cpu time used 2.5 s");
        LINE(t, "  cpu quota no limit");
        ok(has_line_prefix(t, "  cpu shares 1024 "), "cg v1: cpu shares");
        ok(has_line_prefix(t, "  throttled 0 of 0 periods"), "cg v1: throttling");

        buf_free(&b);
        snapshot_free(s);
}

static void test_cgroup_v2(void)
{
        struct snapshot *s = snap_make();
        uint32_t u = add_hier(s, "unified", 2, "cpu,io,memory,pids", "/sys/fs/cgroup");
        struct cgroup_rec *c = add_cgroup(s, u, "/nstop-test", "cpu,io,memory,pids,freezer,devices");
        c->cpu_usage_usec = 1000000;
        c->cpu_percent = 12.5;
        c->cpu_quota_usec = 50000;
        c->cpu_period_usec = 100000;
        c->cpu_weight = 100;
        c->nr_periods = 120;
        c->nr_throttled = 7;
        c->throttled_usec = 250000;
        c->mem_current = 512;
        c->mem_max = U64_NO_LIMIT;
        c->mem_high = U64_UNKNOWN;
        c->pids_current = 3;
        c->pids_max = 50;
        c->io_rbytes = 2 * MIB;
        c->io_wbytes = U64_UNKNOWN;
        s->cg_io_devs[0] = (struct cg_io_dev_rec){.major = 8, .minor = 0, .rbytes = 2 * MIB, .wbytes = 4096};
        s->ncg_io_devs = 1;
        c->io_dev_first = 0;
        c->io_dev_count = 1;
        c->cpuset_cpus = "0-1";
        c->frozen = 1;
        c->psi_known[PSI_CPU] = true;
        c->psi[PSI_CPU] = (struct cg_psi){.some = true, .some_avg10 = 1.5, .some_avg60 = 0.25};
        c->psi_known[PSI_MEMORY] = true;
        c->psi[PSI_MEMORY] = (struct cg_psi){.some = true, .full = true, .some_avg10 = 3, .full_avg10 = 2};

        struct buf b = {0};
        is_int(explain_cgroup(s, c, &b), 0, "cg v2: returns 0");
        const char *t = buf_str(&b);
        LINE(t, "cgroup /nstop-test (unified, v2)");
        LINE(t, "hierarchy: unified, cgroup v2, mounted at /sys/fs/cgroup");
        const char *ctl[] = {"cpu", "io", "memory", "pids", "freezer", "devices"};
        bool each = true;
        for (size_t i = 0; i < sizeof(ctl) / sizeof(ctl[0]); i++) {
                char pre[32];
                snprintf(pre, sizeof(pre), "  %s: ", ctl[i]);
                each = each && has_line_prefix(t, pre);
        }
        ok(each, "cg v2: one line per controller");
        NO_LINE(t, "  cpuacct: ");
        LINE(t, "  cpu time used 1 s, now 12.5% of one CPU");
        LINE(t, "  cpu quota 0.5 CPU (50000 of every 100000 microseconds)");
        ok(has_line_prefix(t, "  cpu weight 100 "), "cg v2: cpu weight");
        ok(has_line_prefix(t, "  throttled 7 of 120 periods"), "cg v2: throttled N of M periods");
        ok(strstr(t, ", 0.25 s in all") != NULL, "cg v2: throttled time");
        LINE(t, "  memory 512B, no limit");
        LINE(t, "  memory high threshold: unknown (could not read)");
        NO_LINE(t, "  swap");
        LINE(t, "  pids 3 of 50 (processes and threads)");
        LINE(t, "  io on block devices since it was made: read 2.0M, written unknown (could not read)");
        LINE(t, "    device 8:0 read 2.0M, written 4.0K");
        LINE(t, "  CPUs allowed 0-1");
        NO_LINE(t, "  memory nodes");
        ok(has_line_prefix(t, "  frozen: yes"), "cg v2: frozen");
        ok(has_line_prefix(t, "pressure (PSI)"), "cg v2: a PSI heading");
        LINE(t, "  cpu: some avg10 1.50% avg60 0.25%");
        LINE(t, "  memory: some avg10 3.00% avg60 0.00%, full avg10 2.00% avg60 0.00%");
        NO_LINE(t, "  io: some");
        ok(clean_text(t), "cg v2: no control character but newlines");
        show("v2", t);

        /* limits that exist but could not be read, quota without a period */
        c = add_cgroup(s, u, "/nstop-test/b", NULL);
        c->mem_current = U64_UNKNOWN;
        c->mem_max = U64_UNKNOWN;
        c->pids_current = 4;
        c->pids_max = U64_NO_LIMIT;
        c->cpu_quota_usec = U64_UNKNOWN;
        c->nr_throttled = U64_UNKNOWN;
        c->frozen = 0;
        buf_reset(&b);
        explain_cgroup(s, c, &b);
        t = buf_str(&b);
        LINE(t, "controllers: unknown (could not read)");
        LINE(t, "  memory unknown (could not read), limit unknown (could not read)");
        LINE(t, "  pids 4, no limit (processes and threads)");
        LINE(t, "  cpu quota unknown (could not read)");
        LINE(t, "  throttled unknown (could not read)");
        LINE(t, "  frozen: no");
        NO_LINE(t, "pressure");
        ok(clean_text(t), "cg v2 unknowns: clean");

        /* a cgroup with no controller file at all */
        c = add_cgroup(s, u, "/nstop-test/c", "");
        buf_reset(&b);
        explain_cgroup(s, c, &b);
        t = buf_str(&b);
        LINE(t, "  none enabled here");
        NO_LINE(t, "use and limits");
        NO_LINE(t, "  frozen");

        buf_free(&b);
        snapshot_free(s);
}

/* ---- processes ---- */

static void test_process(void)
{
        struct snapshot *s = snap_make();
        add_hier(s, "unified", 2, "", "/sys/fs/cgroup");
        struct proc_rec *p = add_proc(s, 100, "nginx");
        p->cmdline = "nginx: master process /usr/sbin/nginx -g daemon off;";
        p->user = "www-data";
        p->uid = 33;
        p->root = "/srv/jail";
        p->chrooted = 1;
        p->ns_ino[NS_NET] = 4026532290ull;
        p->ns_ino[NS_MNT] = 0;
        add_cgroup_ref(s, p, "unified", "/system.slice/nginx.service");
        add_cgroup_ref(s, p, "name=systemd", "/system.slice/nginx.service");

        struct buf b = {0};
        is_int(explain_process(s, p, &b), 0, "proc: returns 0");
        const char *t = buf_str(&b);
        ok(strncmp(t, "process 100 (nginx)\n", 20) == 0, "proc: the title first");
        LINE(t, "command line: nginx: master process /usr/sbin/nginx -g daemon off;");
        LINE(t, "user: www-data (uid 33)");
        LINE(t, "root directory: /srv/jail");
        ok(has_line_prefix(t, "chrooted: yes"), "proc: chrooted");
        ok(has_line_prefix(t, "  chroot changes the directory"), "proc: what chroot does");
        ok(has_line_prefix(t, "  Alone it is not a security boundary"), "proc: chroot is not a boundary alone");
        ok(has_line_prefix(t, "  net 4026532290: its own network devices"), "proc: a namespace that differs");
        LINE(t, "  mnt unknown (could not read)");
        NO_LINE(t, "  uts ");
        NO_LINE(t, "  none: it shares");
        LINE(t, "cgroups (hierarchy -> path):");
        LINE(t, "  unified -> /system.slice/nginx.service");
        LINE(t, "  name=systemd -> /system.slice/nginx.service");
        ok(clean_text(t), "proc: no control character but newlines");
        show("process", t);

        /* a kernel thread in every one of nstop's namespaces, unknowns */
        p = add_proc(s, 200, "kworker/0:1");
        p->cmdline = "";
        p->user = NULL;
        p->root = NULL;
        p->chrooted = -1;
        buf_reset(&b);
        explain_process(s, p, &b);
        t = buf_str(&b);
        ok(has_line_prefix(t, "command line: none"), "proc: an empty command line");
        LINE(t, "user: uid 0");
        LINE(t, "root directory: unknown (could not read)");
        LINE(t, "chrooted: unknown (could not read)");
        LINE(t, "  none: it shares every namespace with nstop");
        LINE(t, "cgroups: unknown (could not read)");

        p->cmdline = NULL;
        p->uid = U32_UNKNOWN;
        p->chrooted = 0;
        s->ns_types_present &= ~(1u << NS_TIME);
        p->ns_ino[NS_TIME] = 0;
        buf_reset(&b);
        explain_process(s, p, &b);
        t = buf_str(&b);
        LINE(t, "command line: unknown (could not read)");
        LINE(t, "user: unknown (could not read)");
        ok(has_line_prefix(t, "chrooted: no"), "proc: not chrooted");
        NO_LINE(t, "  time ");

        /* untrusted text is passed through raw: the UI sanitises */
        p->comm = "evil\x1b[2Jname";
        buf_reset(&b);
        explain_process(s, p, &b);
        ok(strstr(buf_str(&b), "process 200 (evil\x1b[2Jname)\n") != NULL, "proc: comm appended raw");

        buf_free(&b);
        snapshot_free(s);
}

static void test_enomem(void)
{
        struct snapshot *s = snap_make();
        struct proc_rec *p = add_proc(s, 1, "init");
        struct ns_rec *n = add_ns(s, NS_UTS, 5, NULL, 0);
        uint32_t h = add_hier(s, "unified", 2, "", "/sys/fs/cgroup");
        struct cgroup_rec *c = add_cgroup(s, h, "/", "");
        struct buf b = {0};
        b.failed = true;
        is_int(explain_process(s, p, &b), -ENOMEM, "enomem: process");
        is_int(explain_namespace(s, n, &b), -ENOMEM, "enomem: namespace");
        is_int(explain_cgroup(s, c, &b), -ENOMEM, "enomem: cgroup");
        buf_free(&b);
        snapshot_free(s);
}

int main(void)
{
        test_namespace();
        test_cgroup_v1();
        test_cgroup_v2();
        test_process();
        test_enomem();
        return tap_done();
}
