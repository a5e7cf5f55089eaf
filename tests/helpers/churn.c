/* churn.c: load generator for the churn test (tests/integration/churnload.sh).
 *
 * Usage: churn SECONDS PREFIX LOG PARENT...
 *
 * For SECONDS, from one single-threaded loop, it:
 * - forks about 300 short-lived children a second (most exit at once,
 *   some sleep or burn a few ms) and reaps them;
 * - every 50 ms makes a cgroup PREFIX-tN under each PARENT (a cgroup
 *   mount point), moves a short-lived child into it and removes it once
 *   the child is gone;
 * - forks 40 children a second that unshare their UTS and IPC namespaces
 *   (one in four their network namespace too) and live 30 ms;
 * - moves four long-lived children of its own between PREFIX-a and
 *   PREFIX-b (every 25 ms, one of them, in every PARENT);
 * - reuses pids on purpose, with clone3's set_tid (no system setting is
 *   touched): a child renamed "churn-old" burns 30 ms of CPU and then
 *   sleeps alone in PREFIX-qN of the first PARENT for a second; then it
 *   is moved to PREFIX-a (every other time) or left there, killed and
 *   reaped, and a child renamed "churn-new" is made at once at the same
 *   pid and sleeps a second. PREFIX-qN stays until the next round, and
 *   no cgroup is made or removed in the 0.6 s before the kill (see
 *   reuse_calm), so that nstop may trust the quiet cgroup if it would.
 *
 * LOG gets one line per reuse: "reuse PID OLD_START NEW_START DEATH HOW",
 * the start times in clock ticks since boot as in /proc/PID/stat, DEATH
 * the CLOCK_BOOTTIME seconds when the old process had been reaped, HOW
 * "moved" or "stayed". At the end it prints counts on stdout, one
 * "name value" a line. Everything it made is removed when it ends (on
 * SIGTERM or SIGINT too); its children die with it (PR_SET_PDEATHSIG),
 * so after a SIGKILL only empty cgroups are left for the caller.
 * Exit status 0, 1 when it could not start (usage, a cgroup not made). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_PARENTS 4
#define MOVERS 4
#define PENDING 512

static const char *prefix;
static const char *parents[MAX_PARENTS];
static int nparents;
static pid_t self;
static volatile sig_atomic_t stop;

static struct {
        long forks, reaped, cg_made, cg_removed, ns_children, moves, reuses, reuse_failed;
        int reuse_errno;
} count;

/* Cgroups made and not yet removed (names after PREFIX-), per parent. */
static struct {
        char name[32];
        int parent;
} pending[PENDING];
static int npending;

static double boottime(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_BOOTTIME, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_s(double s)
{
        struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
        while (nanosleep(&ts, &ts) < 0 && errno == EINTR && !stop)
                ;
}

static void burn(double s)
{
        double end = boottime() + s;
        while (boottime() < end)
                ;
}

/* ---- children -------------------------------------------------------- */

/* In a new child: dies with the generator, even if that already died. */
static void child_setup(const char *name)
{
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != self)
                _exit(0);
        if (name)
                prctl(PR_SET_NAME, name);
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
}

static void body_quick(long kind)
{
        switch (kind % 10) {
        case 6: case 7: sleep_s(0.005 + 0.005 * (double)(kind % 5)); break;
        case 8: burn(0.015); break;
        case 9: sleep_s(0.05); break;
        default: break;
        }
}

static void body_transient(long unused)
{
        (void)unused;
        sleep_s(0.03);
}

static void body_ns(long flags)
{
        if (unshare((int)flags) == 0 && (flags & CLONE_NEWUTS))
                sethostname("churn", 5);
        sleep_s(0.03);
}

static void body_mover(long unused)
{
        (void)unused;
        for (;;) {
                burn(0.002);
                sleep_s(0.05);
        }
}

static void body_old(long unused)
{
        (void)unused;
        burn(0.03);
        for (;;)
                pause();
}

static pid_t spawn(const char *name, void (*body)(long), long arg)
{
        pid_t pid = fork();
        if (pid == 0) {
                child_setup(name);
                body(arg);
                _exit(0);
        }
        if (pid > 0)
                count.forks++;
        return pid;
}

static void reap(void)
{
        while (waitpid(-1, NULL, WNOHANG) > 0)
                count.reaped++;
}

/* ---- cgroups --------------------------------------------------------- */

static void cg_path(char *buf, size_t cap, int parent, const char *name)
{
        snprintf(buf, cap, "%s/%s-%s", parents[parent], prefix, name);
}

static int cg_make(int parent, const char *name)
{
        char path[4096];
        cg_path(path, sizeof(path), parent, name);
        if (mkdir(path, 0755) < 0)
                return -errno;
        count.cg_made++;
        if (npending < PENDING) {
                snprintf(pending[npending].name, sizeof(pending[npending].name), "%s", name);
                pending[npending++].parent = parent;
        }
        return 0;
}

static int cg_put(int parent, const char *name, pid_t pid)
{
        char path[4096], text[32];
        cg_path(path, sizeof(path), parent, name);
        strcat(path, "/cgroup.procs");
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        int len = snprintf(text, sizeof(text), "%d", (int)pid);
        int r = write(fd, text, (size_t)len) == len ? 0 : -errno;
        close(fd);
        if (r == 0)
                count.moves++;
        return r;
}

/* Removes every pending cgroup whose name starts with `which` ("" for
 * all) that can go now (a cgroup whose last task is not yet reaped is
 * busy). */
static void cg_sweep(const char *which)
{
        for (int i = 0; i < npending;) {
                char path[4096];
                if (strncmp(pending[i].name, which, strlen(which)) != 0) {
                        i++;
                        continue;
                }
                cg_path(path, sizeof(path), pending[i].parent, pending[i].name);
                if (rmdir(path) < 0 && errno != ENOENT) {
                        i++;
                        continue;
                }
                count.cg_removed++;
                pending[i] = pending[--npending];
        }
}

/* ---- the jobs of the loop -------------------------------------------- */

static void job_transient(long n)
{
        char name[32];
        snprintf(name, sizeof(name), "t%ld", n);
        pid_t pid = spawn("churn-cg", body_transient, 0);
        for (int p = 0; p < nparents; p++)
                if (cg_make(p, name) == 0 && pid > 0)
                        cg_put(p, name, pid);
        cg_sweep("t");
}

static void job_ns(long n)
{
        long flags = CLONE_NEWUTS | CLONE_NEWIPC;
        if (n % 4 == 0)
                flags |= CLONE_NEWNET;
        if (spawn("churn-ns", body_ns, flags) > 0)
                count.ns_children++;
}

static void job_move(const pid_t *movers, long n)
{
        pid_t pid = movers[n % MOVERS];
        const char *to = (n / MOVERS) % 2 ? "a" : "b";
        for (int p = 0; p < nparents && pid > 0; p++)
                cg_put(p, to, pid);
}

/* The start time (clock ticks since boot) of pid, 0 if unknown. */
static unsigned long long start_ticks(pid_t pid)
{
        char path[64], buf[1024];
        snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return 0;
        ssize_t n = read(fd, buf, sizeof(buf) - 1);
        close(fd);
        if (n <= 0)
                return 0;
        buf[n] = '\0';
        /* Field 22; the fields after comm's closing parenthesis start at 3. */
        char *s = strrchr(buf, ')');
        for (int field = 2; s && field < 22; field++)
                s = strchr(s + 1, ' ');
        return s ? strtoull(s + 1, NULL, 10) : 0;
}

/* A child at the given pid (clone3 with set_tid, Linux 5.5): its pid, or
 * -1 with errno (EEXIST when someone took it first). */
static pid_t spawn_at(pid_t want)
{
        pid_t tid[1] = {want};
        struct clone_args a;
        memset(&a, 0, sizeof(a));
        a.exit_signal = SIGCHLD;
        a.set_tid = (uint64_t)(uintptr_t)tid;
        a.set_tid_size = 1;
        pid_t pid = (pid_t)syscall(SYS_clone3, &a, sizeof(a));
        if (pid == 0) {
                /* A raw clone3 child: only plain system calls from here. */
                child_setup("churn-new");
                sleep_s(1.0);
                _exit(0);
        }
        if (pid > 0)
                count.forks++;
        return pid;
}

/* The pid-reuse cycle (see the top), one step at a time. */
struct reuse {
        int state; /* 0: make an old one; 1: old one sleeping; 2: new one living */
        long n;
        pid_t old;
        double at;
};

static void reuse_old(struct reuse *r, double now)
{
        char name[32];
        /* The last one's cgroup stays while its successor lives: a quiet
         * cgroup that still exists is what could make a stale record hold. */
        cg_sweep("q");
        snprintf(name, sizeof(name), "q%ld", r->n);
        r->n++;
        if (cg_make(0, name) < 0)
                return;
        r->old = spawn("churn-old", body_old, 0);
        if (r->old > 0 && cg_put(0, name, r->old) == 0) {
                r->state = 1;
                r->at = now;
        } else if (r->old > 0) {
                kill(r->old, SIGKILL);
                if (waitpid(r->old, NULL, 0) == r->old)
                        count.reaped++;
        }
}

static void reuse_new(struct reuse *r, FILE *log)
{
        unsigned long long old_start = start_ticks(r->old);
        int moved = r->n % 2 == 1 && cg_put(0, "a", r->old) == 0;
        kill(r->old, SIGKILL);
        if (waitpid(r->old, NULL, 0) == r->old)
                count.reaped++;
        double death = boottime();
        pid_t pid = spawn_at(r->old);
        if (pid < 0) {
                if (errno == EEXIST)
                        count.reuse_failed++;
                else
                        count.reuse_errno = errno;
        } else {
                count.reuses++;
                fprintf(log, "reuse %d %llu %llu %.3f %s\n", (int)pid, old_start, start_ticks(pid), death,
                        moved ? "moved" : "stayed");
                fflush(log);
        }
        r->state = 2;
}

/* Whether cgroups are to be left alone now: in the 0.6 s before the old
 * one is killed, so that some refreshes see no new cgroup (a new cgroup
 * makes nstop read every process's cgroup lines again, which would hide
 * what a stale identity does). */
static int reuse_calm(const struct reuse *r, double now)
{
        return r->state == 1 && now - r->at >= 0.4;
}

static void job_reuse(struct reuse *r, double now, FILE *log)
{
        if (count.reuse_errno)
                return;
        if (r->state == 0)
                reuse_old(r, now);
        else if (r->state == 1 && now - r->at >= 1.0)
                reuse_new(r, log), r->at = now;
        else if (r->state == 2 && now - r->at >= 1.2)
                r->state = 0;
}

/* ---- main ------------------------------------------------------------ */

static void on_signal(int sig)
{
        (void)sig;
        stop = 1;
}

static int setup(pid_t *movers)
{
        for (int p = 0; p < nparents; p++)
                if (cg_make(p, "a") < 0 || cg_make(p, "b") < 0) {
                        fprintf(stderr, "churn: cannot make cgroups under %s: %s\n", parents[p], strerror(errno));
                        return -1;
                }
        for (int i = 0; i < MOVERS; i++)
                movers[i] = spawn("churn-mover", body_mover, 0);
        return 0;
}

static void teardown(const pid_t *movers, const struct reuse *r)
{
        for (int i = 0; i < MOVERS; i++)
                if (movers[i] > 0)
                        kill(movers[i], SIGKILL);
        if (r->state == 1)
                kill(r->old, SIGKILL);
        /* The others end within a second on their own (churn-new). */
        while (waitpid(-1, NULL, 0) > 0)
                count.reaped++;
        for (int i = 0; i < 50 && npending; i++) {
                cg_sweep("");
                if (npending)
                        sleep_s(0.1);
        }
}

int main(int argc, char **argv)
{
        if (argc < 5 || argc - 4 > MAX_PARENTS) {
                fprintf(stderr, "usage: churn SECONDS PREFIX LOG PARENT...\n");
                return 1;
        }
        double seconds = atof(argv[1]);
        prefix = argv[2];
        FILE *log = fopen(argv[3], "w");
        for (int i = 4; i < argc; i++)
                parents[nparents++] = argv[i];
        self = getpid();
        signal(SIGTERM, on_signal);
        signal(SIGINT, on_signal);
        pid_t movers[MOVERS] = {0};
        if (!log || setup(movers) < 0) {
                stop = 1;
                teardown(movers, &(struct reuse){0});
                return 1;
        }
        struct reuse r = {0};
        double t0 = boottime(), now = t0;
        double next_cg = t0, next_ns = t0, next_move = t0;
        for (long tick = 0; !stop && (now = boottime()) - t0 < seconds; tick++) {
                /* 2 short-lived children a turn (5 ms and the work): ~300 a second. */
                for (int k = 0; k < 2; k++)
                        spawn("churn-quick", body_quick, tick * 2 + k);
                if (now >= next_cg) {
                        if (!reuse_calm(&r, now))
                                job_transient(tick);
                        next_cg += 0.05;
                }
                if (now >= next_ns)
                        job_ns(tick), next_ns += 0.025;
                if (now >= next_move)
                        job_move(movers, tick), next_move += 0.025;
                job_reuse(&r, now, log);
                reap();
                sleep_s(0.005);
        }
        double took = boottime() - t0;
        teardown(movers, &r);
        fclose(log);
        printf("seconds %.1f\nforks %ld\nreaped %ld\ncgroups_made %ld\ncgroups_removed %ld\n"
               "ns_children %ld\nmoves %ld\nreuses %ld\nreuse_failed %ld\nreuse_errno %d\n",
               took, count.forks, count.reaped, count.cg_made, count.cg_removed, count.ns_children, count.moves,
               count.reuses, count.reuse_failed, count.reuse_errno);
        return 0;
}
