/* limits_live.c: cgroup limits on this machine's real v1 hierarchies
 * (DESIGN.md test layer (c)). Needs root; skips with a message otherwise,
 * or when memory, cpu and pids are not v1 hierarchies here.
 *
 * It makes nstop-test-limits-PID in the v1 memory, cpu, pids and cpuset
 * hierarchies (and blkio when a whole disk exists), starts one child of
 * its own that moves itself into them and holds 32 MiB, takes a real
 * snapshot, and plans and applies through src/action/limits:
 * - memory max 64M, CPU max 0.5, pids max 20 (IO max on the disk): the
 *   kernel files then say 67108864, 50000 (period 100000), 20; a new
 *   snapshot shows them in the form again as 64M, 0.5, 20;
 * - memory max 8M under the 32 MiB in use: flagged below usage, and the
 *   kernel refuses it (EBUSY: v1 cannot reclaim anonymous memory without
 *   swap); the cause names the field and that nothing was applied;
 * - cpuset cpus 4000 (a CPU this machine cannot have): refused while
 *   planning, nothing written;
 * - memory max 128M, pids max 30 and cpuset cpus 0 while a child cgroup
 *   of ours (nstop-test-kid) uses CPU 1: the kernel refuses the cpuset
 *   write (EBUSY), and the cause lists memory max and pids max as
 *   applied, which the kernel files confirm.
 * Safety: only the child it started goes into its cgroups; at exit, and
 * on SIGINT/SIGTERM/SIGHUP, it kills that child by PID and removes every
 * cgroup it made. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "action/limits.h"
#include "model/cgtree.h"
#include "sample/sampler.h"
#include "../unit/tap.h"

enum { H_MEMORY, H_CPU, H_PIDS, H_CPUSET, H_BLKIO, H_COUNT };
static const char *const hier_ctl[H_COUNT] = {"memory", "cpu", "pids", "cpuset", "blkio"};

static char made[H_COUNT][PATH_MAX]; /* our cgroup directories, "" when not made */
static char kid[PATH_MAX + 32];      /* a child of our cpuset cgroup, "" when not made */
static volatile pid_t child = -1;
static char name[64];

/* Kills our child and removes our cgroups; safe in a signal handler. */
static void cleanup(void)
{
        if (child > 0) {
                kill(child, SIGKILL);
                waitpid(child, NULL, 0);
                child = -1;
        }
        if (kid[0] && (rmdir(kid) == 0 || errno == ENOENT))
                kid[0] = '\0';
        for (int i = H_COUNT - 1; i >= 0; i--) {
                /* A cgroup stays busy until its last task is gone: retry a little. */
                for (int try = 0; made[i][0] && try < 50; try++) {
                        if (rmdir(made[i]) == 0 || errno == ENOENT)
                                made[i][0] = '\0';
                        else
                                nanosleep(&(struct timespec){0, 100000000}, NULL);
                }
        }
}

static void on_signal(int sig)
{
        cleanup();
        signal(sig, SIG_DFL);
        raise(sig);
}

static int write_text(const char *dir, const char *file, const char *text)
{
        char *path = NULL;
        int fd = asprintf(&path, "%s/%s", dir, file) < 0 ? -1 : open(path, O_WRONLY | O_CLOEXEC);
        free(path);
        if (fd < 0)
                return -EIO;
        ssize_t n = write(fd, text, strlen(text));
        int err = n < 0 ? errno : 0;
        close(fd);
        return -err;
}

/* dir/file's first line. */
static const char *read_line(const char *dir, const char *file)
{
        static char buf[4096];
        char *path = NULL;
        int fd = asprintf(&path, "%s/%s", dir, file) < 0 ? -1 : open(path, O_RDONLY | O_CLOEXEC);
        ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
        if (fd >= 0)
                close(fd);
        free(path);
        buf[n < 0 ? 0 : n] = '\0';
        buf[strcspn(buf, "\n")] = '\0';
        return n < 0 ? "(unreadable)" : buf;
}

static struct snapshot *take(void)
{
        struct sampler_config cfg = {.sysroot = NULL, .ns_max_age = 1};
        struct sampler *sm = NULL;
        struct snapshot *s = NULL;
        char *cause = NULL;
        if (sampler_new(&cfg, &sm, &cause) < 0 || sampler_take(sm, &s, &cause) < 0) {
                printf("# cannot sample: %s\n", cause ? cause : "?");
                s = NULL;
        }
        free(cause);
        sampler_free(sm);
        return s;
}

/* A whole disk (not a partition, not virtual) as "MAJ:MIN", or false. */
static bool find_disk(char *out, size_t size)
{
        DIR *d = opendir("/sys/dev/block");
        struct dirent *e;
        bool found = false;
        while (d && !found && (e = readdir(d))) {
                char link[PATH_MAX], target[PATH_MAX], part[PATH_MAX];
                size_t len = strlen(e->d_name);
                if (e->d_name[0] == '.' || len >= size || len > 64)
                        continue;
                snprintf(link, sizeof(link), "/sys/dev/block/%.64s", e->d_name);
                snprintf(part, sizeof(part), "/sys/dev/block/%.64s/partition", e->d_name);
                ssize_t n = readlink(link, target, sizeof(target) - 1);
                if (n < 0 || access(part, F_OK) == 0)
                        continue;
                target[n] = '\0';
                if (!strstr(target, "/virtual/")) {
                        memcpy(out, e->d_name, len + 1);
                        found = true;
                }
        }
        if (d)
                closedir(d);
        return found;
}

/* Makes our cgroup in each v1 hierarchy we use. false: skip the test. */
static bool make_cgroups(const struct snapshot *s, bool want_blkio, char *why, size_t size)
{
        for (int i = 0; i < H_COUNT; i++) {
                uint32_t h = cg_hier_with(s, hier_ctl[i]);
                if (i == H_BLKIO && !want_blkio)
                        continue;
                if (h == IDX_NONE || s->cg_hiers[h].version != 1 || strcmp(s->cg_hiers[h].mount_root, "/") != 0) {
                        if (i == H_BLKIO)
                                continue;
                        snprintf(why, size, "needs a v1 %s hierarchy mounted at its root", hier_ctl[i]);
                        return false;
                }
                char dir[PATH_MAX];
                snprintf(dir, sizeof(dir), "%s/%s", s->cg_hiers[h].mount, name);
                if (mkdir(dir, 0755) < 0) {
                        snprintf(why, size, "cannot make %s: %s", dir, strerror(errno));
                        return false;
                }
                snprintf(made[i], sizeof(made[i]), "%s", dir);
        }
        return true;
}

/* The child: into our cgroups (not cpuset: its CPUs are empty), then
 * 32 MiB charged there, then "ready" and sleep until killed. */
static void child_main(int ready_fd)
{
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        char pid[32];
        snprintf(pid, sizeof(pid), "%d", (int)getpid());
        for (int i = 0; i < H_COUNT; i++)
                if (i != H_CPUSET && made[i][0] && write_text(made[i], "cgroup.procs", pid) < 0)
                        _exit(3);
        size_t len = 32u << 20;
        unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
                _exit(4);
        for (size_t off = 0; off < len; off += 4096)
                p[off] = (unsigned char)(off >> 12 | 1);
        if (write(ready_fd, "r", 1) != 1)
                _exit(5);
        for (;;)
                pause();
}

static bool start_child(void)
{
        int fds[2];
        if (pipe(fds) < 0)
                return false;
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
                close(fds[0]);
                child_main(fds[1]);
        }
        close(fds[1]);
        child = pid;
        struct pollfd pfd = {fds[0], POLLIN, 0};
        char c = 0;
        /* A guard against a child that never gets ready, not a timing. */
        bool ready = pid > 0 && poll(&pfd, 1, 30000) == 1 && read(fds[0], &c, 1) == 1 && c == 'r';
        close(fds[0]);
        return ready;
}

struct form {
        char cur[LIM_COUNT][128];
        const char *old[LIM_COUNT], *now[LIM_COUNT];
};

/* A new snapshot and our cgroup's target; false when not found. */
static bool our_target(struct snapshot **ret_s, struct limit_target *t, struct form *fm)
{
        struct snapshot *s = take();
        uint32_t h = s ? cg_hier_with(s, "memory") : IDX_NONE;
        char path[96];
        snprintf(path, sizeof(path), "/%s", name);
        uint32_t c = h == IDX_NONE ? IDX_NONE : cg_find(s, h, path);
        if (c == IDX_NONE || limit_target_of(s, c, NULL, t) < 0) {
                snapshot_free(s);
                return false;
        }
        for (int f = 0; f < LIM_COUNT; f++) {
                limit_current(s, t, (enum limit_field)f, fm->cur[f], sizeof(fm->cur[f]));
                fm->old[f] = fm->now[f] = fm->cur[f];
        }
        *ret_s = s;
        return true;
}

static void check_target(const struct limit_target *t)
{
        static const int fields[] = {LIM_MEMORY_MAX, LIM_CPU_MAX, LIM_PIDS_MAX, LIM_CPUSET_CPUS};
        static const int hiers[] = {H_MEMORY, H_CPU, H_PIDS, H_CPUSET};
        char label[128];
        for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
                snprintf(label, sizeof(label), "target: %s in %s", limit_fields[fields[i]].name, made[hiers[i]]);
                is_str(t->dir[fields[i]], made[hiers[i]], label);
        }
        ok(t->mem_usage != UINT64_MAX && t->mem_usage >= (30u << 20),
           "target: the 32 MiB our child holds is counted in the usage");
        is_str(t->why_not[LIM_MEMORY_HIGH], "v1 has no memory.high", "target: no memory high on v1");
}

static void apply_limits(const char *disk)
{
        struct snapshot *s = NULL;
        struct limit_target t;
        struct form fm;
        struct limit_plan p;
        char *cause = NULL, io[64];
        if (!ok(our_target(&s, &t, &fm), "a real snapshot has our cgroup, and its target"))
                return;
        check_target(&t);
        fm.now[LIM_MEMORY_MAX] = "64M";
        fm.now[LIM_CPU_MAX] = "0.5";
        fm.now[LIM_PIDS_MAX] = "20";
        snprintf(io, sizeof(io), "%s rbps=1M wiops=100", disk);
        if (made[H_BLKIO][0])
                fm.now[LIM_IO_MAX] = io;
        int r = limit_plan_make(&t, fm.old, fm.now, NULL, &p, &cause);
        if (!ok(r == 0, "plan: memory max 64M, CPU max 0.5, pids max 20 (and IO max)")) {
                printf("# %d: %s\n", r, cause ? cause : "");
        } else {
                ok(!p.memory_below_usage, "plan: 64M is not below the usage");
                r = limit_apply(&p, &cause);
                if (!ok(r == (made[H_BLKIO][0] ? 6 : 4), "apply: every write done"))
                        printf("# %d: %s\n", r, cause ? cause : "");
        }
        limit_plan_free(&p);
        is_str(read_line(made[H_MEMORY], "memory.limit_in_bytes"), "67108864", "kernel: memory.limit_in_bytes 67108864");
        is_str(read_line(made[H_CPU], "cpu.cfs_quota_us"), "50000", "kernel: cpu.cfs_quota_us 50000");
        is_str(read_line(made[H_CPU], "cpu.cfs_period_us"), "100000", "kernel: cpu.cfs_period_us 100000");
        is_str(read_line(made[H_PIDS], "pids.max"), "20", "kernel: pids.max 20");
        if (made[H_BLKIO][0]) {
                char want[64];
                snprintf(want, sizeof(want), "%s 1048576", disk);
                is_str(read_line(made[H_BLKIO], "blkio.throttle.read_bps_device"), want, "kernel: read_bps_device");
                snprintf(want, sizeof(want), "%s 100", disk);
                is_str(read_line(made[H_BLKIO], "blkio.throttle.write_iops_device"), want, "kernel: write_iops_device");
        }
        limit_target_free(&t);
        snapshot_free(s);
        free(cause);
}

static void shown_again(void)
{
        struct snapshot *s = NULL;
        struct limit_target t;
        struct form fm;
        if (!ok(our_target(&s, &t, &fm), "a new snapshot: our target again"))
                return;
        is_str(fm.cur[LIM_MEMORY_MAX], "64M", "form: memory max shows 64M");
        is_str(fm.cur[LIM_CPU_MAX], "0.5", "form: CPU max shows 0.5");
        is_str(fm.cur[LIM_PIDS_MAX], "20", "form: pids max shows 20");
        is_str(fm.cur[LIM_SWAP_MAX], "max", "form: swap max shows max (memsw has no limit)");
        limit_target_free(&t);
        snapshot_free(s);
}

/* Plans fm's changes and applies them; the apply result (or the plan's
 * error), *cause set. */
static int plan_apply(const struct limit_target *t, const struct form *fm, bool *below, char **cause)
{
        struct limit_plan p;
        int r = limit_plan_make(t, fm->old, fm->now, NULL, &p, cause);
        if (r < 0)
                return r;
        *below = p.memory_below_usage;
        r = limit_apply(&p, cause);
        limit_plan_free(&p);
        return r;
}

static void refusals(void)
{
        struct snapshot *s = NULL;
        struct limit_target t;
        struct form fm;
        char *cause = NULL, want[PATH_MAX + 256];
        bool below = false;
        if (!ok(our_target(&s, &t, &fm), "refusals: our target"))
                return;
        fm.now[LIM_MEMORY_MAX] = "8M";
        int r = plan_apply(&t, &fm, &below, &cause);
        ok(below, "8M under 32 MiB in use: flagged below usage");
        is_int(r, -EBUSY, "kernel: memory.limit_in_bytes 8M under 32 MiB of anonymous memory is EBUSY");
        snprintf(want, sizeof(want), "memory max: writing '8388608' to %s/memory.limit_in_bytes: %s; applied: none; "
                                     "not applied: memory max",
                 made[H_MEMORY], strerror(EBUSY));
        is_str(cause, want, "EBUSY: the cause names the field and the file, verbatim strerror, nothing applied");
        is_str(read_line(made[H_MEMORY], "memory.limit_in_bytes"), "67108864", "EBUSY: the limit stays 64M");

        /* A CPU this machine cannot have is refused before anything is written. */
        fm.now[LIM_MEMORY_MAX] = "128M";
        fm.now[LIM_CPUSET_CPUS] = "4000";
        r = plan_apply(&t, &fm, &below, &cause);
        is_int(r, -EINVAL, "cpuset cpus 4000: refused while planning");
        ok(cause && strstr(cause, "cpuset cpus: '4000' names CPU 4000, but this machine has CPUs"),
           "cpuset cpus 4000: the cause says which CPUs there are");
        is_str(read_line(made[H_MEMORY], "memory.limit_in_bytes"), "67108864", "cpuset cpus 4000: nothing written");

        /* A refusal by the kernel after other fields were written: a v1
         * cpuset must hold its children's CPUs, so with a child on CPU 1 the
         * parent cannot shrink to CPU 0 (EBUSY). */
        if (sysconf(_SC_NPROCESSORS_CONF) < 2) {
                printf("# skipping the cpuset refusal: it needs two CPUs\n");
                goto out;
        }
        snprintf(kid, sizeof(kid), "%s/nstop-test-kid", made[H_CPUSET]);
        if (!ok(write_text(made[H_CPUSET], "cpuset.mems", "0") == 0 && write_text(made[H_CPUSET], "cpuset.cpus", "0-1") == 0 &&
                        mkdir(kid, 0755) == 0 && write_text(kid, "cpuset.mems", "0") == 0 &&
                        write_text(kid, "cpuset.cpus", "1") == 0,
                "cpuset: our cgroup on CPUs 0-1, a child of it on CPU 1"))
                goto out;
        limit_target_free(&t);
        snapshot_free(s);
        s = NULL;
        if (!ok(our_target(&s, &t, &fm), "refusals: our target again"))
                return;
        fm.now[LIM_MEMORY_MAX] = "128M";
        fm.now[LIM_PIDS_MAX] = "30";
        fm.now[LIM_CPUSET_CPUS] = "0";
        r = plan_apply(&t, &fm, &below, &cause);
        is_int(r, -EBUSY, "kernel: cpuset.cpus 0 with a child on CPU 1 is EBUSY");
        snprintf(want, sizeof(want), "cpuset cpus: writing '0' to %s/cpuset.cpus: %s; applied: memory max, pids max; "
                                     "not applied: cpuset cpus",
                 made[H_CPUSET], strerror(EBUSY));
        is_str(cause, want, "cpuset refused: the cause lists what was applied");
        is_str(read_line(made[H_MEMORY], "memory.limit_in_bytes"), "134217728", "kernel: memory max applied, 128M");
        is_str(read_line(made[H_PIDS], "pids.max"), "30", "kernel: pids max applied, 30");
        is_str(read_line(made[H_CPUSET], "cpuset.cpus"), "0-1", "kernel: cpuset.cpus stays 0-1");
out:
        limit_target_free(&t);
        snapshot_free(s);
        free(cause);
}

int main(void)
{
        if (geteuid() != 0) {
                printf("1..0 # SKIP needs root (makes cgroups and sets their limits)\n");
                return 0;
        }
        snprintf(name, sizeof(name), "nstop-test-limits-%d", (int)getpid());
        atexit(cleanup);
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
        signal(SIGHUP, on_signal);
        struct snapshot *s = take();
        char why[PATH_MAX + 64], disk[64] = "";
        bool have_disk = find_disk(disk, sizeof(disk));
        if (!s || !make_cgroups(s, have_disk, why, sizeof(why))) {
                printf("1..0 # SKIP %s\n", s ? why : "cannot take a snapshot");
                snapshot_free(s);
                return 0;
        }
        snapshot_free(s);
        if (!made[H_BLKIO][0])
                printf("# no whole disk or no v1 blkio: IO max not tried\n");
        if (!ok(start_child(), "our child is in our cgroups and holds 32 MiB"))
                return tap_done();
        apply_limits(disk);
        shown_again();
        refusals();
        cleanup();
        bool gone = true;
        for (int i = 0; i < H_COUNT; i++)
                gone = gone && !made[i][0];
        ok(gone, "cleanup: every cgroup we made is removed");
        return tap_done();
}
