/* test_signal.c: signals and nice values (src/action/signal.c) on real
 * processes that the test forks itself.
 *
 * Each child ("sleeper") blocks SIGUSR1, says it is ready through a pipe
 * and pauses; a SIGUSR1 sent to it stays pending, visible in ShdPnd of
 * /proc/PID/status, so delivery and non-delivery are checked without
 * timing. Other signals end it, seen by waitpid. Permission failures are
 * provoked by a "worker" child that drops to uid/gid 65534 and sends its
 * results back through a pipe; another worker hides pidfd_open behind
 * a seccomp filter (ENOSYS) to take the kill(2) fallback. The cgroup tests (root only) make
 * nstop-test-sig-PID under the v2 and the v1 pids hierarchy. At exit,
 * even on failure, every child still alive is killed by its pid and
 * reaped, then the cgroups are removed. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "action/signal.h"
#include "sample/parse.h"
#include "sample/readfile.h"
#include "tap.h"

#define NOBODY 65534
#define V2_ROOT "/sys/fs/cgroup/unified"
#define V1_ROOT "/sys/fs/cgroup/pids"

enum { MAX_KIDS = 32, MAX_CGS = 4 };
static pid_t kids[MAX_KIDS];
static char cgdirs[MAX_CGS][256];

static void skip(const char *why)
{
        printf("ok %d # skip %s\n", ++tap_n, why);
        fflush(stdout);
}

/* ---- children ---------------------------------------------------------- */

static void forget(pid_t pid)
{
        for (int i = 0; i < MAX_KIDS; i++)
                if (kids[i] == pid)
                        kids[i] = 0;
}

static void remember(pid_t pid)
{
        for (int i = 0; i < MAX_KIDS; i++)
                if (!kids[i]) {
                        kids[i] = pid;
                        return;
                }
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        fprintf(stderr, "too many children\n");
        exit(1);
}

/* The child side of a fork: dies with the test, and as nobody when asked
 * (with RLIMIT_NICE 0, so lowering a nice value is never allowed). */
static void child_setup(pid_t parent, bool as_nobody)
{
        /* The parent's cleanup is not the child's business (children
         * leave by _exit, so atexit handlers never run in them). */
        static const int fatal[] = {SIGHUP, SIGINT, SIGTERM, SIGABRT};
        for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
                signal(fatal[i], SIG_DFL);
        if (as_nobody) {
                struct rlimit rl = {0, 0};
                if (setrlimit(RLIMIT_NICE, &rl) < 0 || setgroups(0, NULL) < 0 ||
                    setresgid(NOBODY, NOBODY, NOBODY) < 0 || setresuid(NOBODY, NOBODY, NOBODY) < 0)
                        _exit(120);
        }
        /* After the uid change, which clears the parent-death signal. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
                _exit(121);
}

/* Forks a sleeper; returns its pid once it runs with SIGUSR1 blocked. */
static pid_t spawn_sleeper(bool as_nobody)
{
        int p[2];
        pid_t parent = getpid();
        if (pipe(p) < 0)
                return -1;
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
                close(p[0]);
                child_setup(parent, as_nobody);
                sigset_t set;
                sigemptyset(&set);
                sigaddset(&set, SIGUSR1);
                sigprocmask(SIG_BLOCK, &set, NULL);
                if (write(p[1], "r", 1) != 1)
                        _exit(122);
                for (;;)
                        pause();
        }
        close(p[1]);
        char c = 0;
        if (pid > 0) {
                remember(pid);
                if (read(p[0], &c, 1) != 1)
                        pid = -1;
        }
        close(p[0]);
        return pid;
}

/* waitpid; the status, or -1. */
static int reap(pid_t pid)
{
        int st;
        pid_t r;
        do
                r = waitpid(pid, &st, 0);
        while (r < 0 && errno == EINTR);
        forget(pid);
        return r == pid ? st : -1;
}

static bool killed_by(int status, int sig)
{
        return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

/* Reaps pid after a signal; when the call reported it not sent, kills it
 * first, so that a failing test never hangs in waitpid. */
static int reap_sent(pid_t pid, bool sent)
{
        if (!sent)
                kill(pid, SIGKILL);
        return reap(pid);
}

static uint64_t start_of(pid_t pid)
{
        char path[64], buf[2048];
        struct pstat st;
        snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
        ssize_t n = read_small_at(AT_FDCWD, path, buf, sizeof(buf));
        if (n < 0 || parse_stat(buf, (size_t)n, &st) < 0)
                return 0;
        return st.start_ticks;
}

/* Whether sig is pending for the whole process (ShdPnd). */
static bool pending(pid_t pid, int sig)
{
        char path[64], buf[4096];
        snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
        if (read_small_at(AT_FDCWD, path, buf, sizeof(buf)) < 0)
                return false;
        const char *line = strstr(buf, "\nShdPnd:");
        if (!line)
                return false;
        unsigned long long mask = strtoull(line + 8, NULL, 16);
        return (mask >> (sig - 1)) & 1;
}

static bool has(const char *cause, const char *text)
{
        bool r = cause && strstr(cause, text);
        if (!r)
                printf("#   cause \"%s\" lacks \"%s\"\n", cause ? cause : "(null)", text);
        return r;
}

static void say_stderr(const char *a, const char *b)
{
        if (write(2, a, strlen(a)) < 0 || write(2, b, strlen(b)) < 0 || write(2, "\n", 1) < 0)
                return;
}

/* Kills what is left of the children (by pid), reaps them, then removes
 * the cgroups. Only async-signal-safe calls: it also runs from on_fatal. */
static void cleanup(void)
{
        for (int i = 0; i < MAX_KIDS; i++)
                if (kids[i] > 0) {
                        kill(kids[i], SIGKILL);
                        reap(kids[i]);
                }
        for (int i = 0; i < MAX_CGS; i++)
                if (cgdirs[i][0]) {
                        if (rmdir(cgdirs[i]) < 0)
                                say_stderr("rmdir failed: ", cgdirs[i]);
                        cgdirs[i][0] = '\0';
                }
}

static void on_fatal(int sig)
{
        cleanup();
        signal(sig, SIG_DFL);
        raise(sig);
}

/* ---- a worker as nobody -------------------------------------------------- */

enum { MAX_RESULTS = 4 };
struct result {
        int r, count;
        char cause[300];
};
typedef void (*work_fn)(struct result *out);
static pid_t w_pid[2];
static uint64_t w_ticks[2];
static const char *w_dir;

/* Runs fn in a child (as nobody if asked); its results land in out. */
static bool run_worker(work_fn fn, struct result *out, bool as_nobody)
{
        int p[2];
        pid_t parent = getpid();
        if (pipe(p) < 0)
                return false;
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
                close(p[0]);
                child_setup(parent, as_nobody);
                struct result res[MAX_RESULTS];
                memset(res, 0, sizeof(res));
                fn(res);
                _exit(write(p[1], res, sizeof(res)) == (ssize_t)sizeof(res) ? 0 : 123);
        }
        close(p[1]);
        if (pid > 0)
                remember(pid);
        bool got = pid > 0 && read(p[0], out, sizeof(struct result) * MAX_RESULTS) ==
                                      (ssize_t)(sizeof(struct result) * MAX_RESULTS);
        close(p[0]);
        int st = pid > 0 ? reap(pid) : -1;
        if (!got)
                printf("# worker failed, status %d\n", st);
        return got;
}

/* Keeps one call's outcome (and frees its cause). */
static void keep(struct result *out, int r, int count, char **cause)
{
        out->r = r;
        out->count = count;
        snprintf(out->cause, sizeof(out->cause), "%s", *cause ? *cause : "");
        free(*cause);
        *cause = NULL;
}

/* ---- tests --------------------------------------------------------------- */

static void test_table(void)
{
        is_int(signal_count, 27, "the menu has htop's 27 signals");
        bool named = true, unique = true, described = true;
        const struct signal_info *term = NULL;
        for (size_t i = 0; i < signal_count; i++) {
                const struct signal_info *s = &signal_table[i];
                const char *abbrev = sigabbrev_np(s->sig);
                /* glibc names 29 after its other name, SIGPOLL. */
                if (abbrev && s->sig == SIGIO)
                        abbrev = "IO";
                if (!abbrev || strncmp(s->name, "SIG", 3) || strcmp(s->name + 3, abbrev)) {
                        printf("#   %d is %s, not %s\n", s->sig, abbrev ? abbrev : "?", s->name);
                        named = false;
                }
                for (size_t j = 0; j < i; j++)
                        unique &= signal_table[j].sig != s->sig;
                described &= s->what && strlen(s->what) > 5 && !strchr(s->what, '\n');
                if (!strcmp(s->name, "SIGTERM"))
                        term = s;
        }
        ok(named, "every name matches its number");
        ok(unique, "no signal twice");
        ok(described, "every signal says what it does, on one line");
        ok(term && term->sig == SIGTERM, "SIGTERM is found by name");
}

static void test_deliver(void)
{
        pid_t pid = spawn_sleeper(false);
        uint64_t t = start_of(pid);
        char *cause = NULL;
        ok(pid > 0 && t > 0, "a sleeper runs");
        is_int(signal_proc(pid, t + 1, SIGUSR1, &cause), -ESRCH, "a wrong start time is refused");
        ok(has(cause, "is now another process"), "... as another process");
        ok(!pending(pid, SIGUSR1), "... and nothing is sent");
        is_int(signal_proc(pid, t, SIGUSR1, &cause), 0, "SIGUSR1 to the right process");
        ok(pending(pid, SIGUSR1), "... is pending in it");
        int r = signal_proc(pid, t, SIGTERM, &cause);
        is_int(r, 0, "SIGTERM");
        ok(killed_by(reap_sent(pid, r == 0), SIGTERM), "... ends it with SIGTERM");
        free(cause);
}

static void test_gone(void)
{
        char *cause = NULL, want[64];
        pid_t pid = spawn_sleeper(false);
        uint64_t t = start_of(pid);
        kill(pid, SIGKILL);
        siginfo_t si;
        /* WNOWAIT: it stays a zombie. */
        ok(waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) == 0, "a sleeper is a zombie");
        ok(start_of(pid) == t, "... with its start time");
        /* The kernel lets a zombie be signalled: pidfd_open still finds
         * its task, and a signal to an exiting process is dropped with 0. */
        is_int(signal_proc(pid, t, SIGTERM, &cause), 0, "a zombie takes a signal (and ignores it)");
        ok(killed_by(reap(pid), SIGKILL), "... it had died of SIGKILL");
        is_int(signal_proc(pid, t, SIGTERM, &cause), -ESRCH, "a reaped process");
        snprintf(want, sizeof(want), "pid %d has exited", (int)pid);
        is_str(cause, want, "... has exited");
        is_int(renice_proc(pid, t, 5, &cause), -ESRCH, "renicing it too");
        is_str(cause, want, "... has exited");
        /* pid 0 and -1 mean groups to kill(2); signal 0 checks only. */
        is_int(signal_proc(0, 0, 0, &cause), -EINVAL, "pid 0 is refused");
        is_int(signal_proc(-1, 0, 0, &cause), -EINVAL, "pid -1 is refused");
        free(cause);
}

static void test_renice(void)
{
        char *cause = NULL;
        pid_t pid = spawn_sleeper(false);
        uint64_t t = start_of(pid);
        is_int(renice_proc(pid, t, 5, &cause), 0, "renice to 5");
        errno = 0;
        is_int(getpriority(PRIO_PROCESS, (id_t)pid), 5, "... it is 5");
        is_int(renice_proc(pid, t + 1, 7, &cause), -ESRCH, "a wrong start time is refused");
        is_int(getpriority(PRIO_PROCESS, (id_t)pid), 5, "... nothing changed");
        is_int(renice_proc(pid, t, 25, &cause), -EINVAL, "25 is out of range");
        ok(has(cause, "out of range"), "... says so");
        is_int(renice_proc(pid, t, -21, &cause), -EINVAL, "-21 is out of range");
        is_int(getpriority(PRIO_PROCESS, (id_t)pid), 5, "... nothing changed");
        if (geteuid() == 0) {
                is_int(renice_proc(pid, t, -3, &cause), 0, "root lowers it to -3");
                is_int(getpriority(PRIO_PROCESS, (id_t)pid), -3, "... it is -3");
        }
        kill(pid, SIGKILL);
        reap(pid);
        free(cause);
}

static void as_nobody_acts(struct result *out)
{
        char *c = NULL;
        int r = renice_proc(w_pid[0], w_ticks[0], 10, &c);
        keep(&out[0], r, 0, &c);
        r = renice_proc(w_pid[0], w_ticks[0], 5, &c);
        keep(&out[1], r, 0, &c);
        r = renice_proc(w_pid[1], w_ticks[1], 10, &c);
        keep(&out[2], r, 0, &c);
        r = signal_proc(w_pid[1], w_ticks[1], SIGUSR1, &c);
        keep(&out[3], r, 0, &c);
}

static void test_nobody(void)
{
        if (geteuid() != 0) {
                skip("not root: cannot become another user");
                return;
        }
        struct result res[MAX_RESULTS];
        w_pid[0] = spawn_sleeper(true);
        w_pid[1] = spawn_sleeper(false);
        w_ticks[0] = start_of(w_pid[0]);
        w_ticks[1] = start_of(w_pid[1]);
        if (!ok(run_worker(as_nobody_acts, res, true), "a worker runs as nobody"))
                return;
        is_int(res[0].r, 0, "nobody raises its own process's nice value");
        is_int(getpriority(PRIO_PROCESS, (id_t)w_pid[0]), 10, "... to 10");
        is_int(res[1].r, -EACCES, "nobody cannot lower it");
        ok(has(res[1].cause, "Permission denied (lowering a nice value needs root: CAP_SYS_NICE)"), "... needs root");
        is_int(getpriority(PRIO_PROCESS, (id_t)w_pid[0]), 10, "... still 10");
        is_int(res[2].r, -EPERM, "nobody cannot renice root's process");
        ok(has(res[2].cause, "another user's process; only root may renice it"), "... another user's");
        is_int(getpriority(PRIO_PROCESS, (id_t)w_pid[1]), 0, "... still 0");
        is_int(res[3].r, -EPERM, "nobody cannot signal root's process");
        ok(has(res[3].cause, "kill SIGUSR1 to pid") && has(res[3].cause, "only root may signal it"),
           "... another user's");
        ok(!pending(w_pid[1], SIGUSR1), "... nothing is sent");
        for (int i = 0; i < 2; i++) {
                kill(w_pid[i], SIGKILL);
                reap(w_pid[i]);
        }
}

/* Makes pidfd_open fail with ENOSYS, as on kernels before 5.3. */
static bool hide_pidfd_open(void)
{
        struct sock_filter f[] = {
                BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_pidfd_open, 0, 1),
                BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
                BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        };
        struct sock_fprog prog = {.len = sizeof(f) / sizeof(f[0]), .filter = f};
        return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 && prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0;
}

static void without_pidfd(struct result *out)
{
        char *c = NULL;
        if (!hide_pidfd_open())
                return;
        out[0].r = syscall(SYS_pidfd_open, w_pid[0], 0) < 0 ? -errno : 0;
        int r = signal_proc(w_pid[0], w_ticks[0] + 1, SIGUSR1, &c);
        keep(&out[1], r, 0, &c);
        r = signal_proc(w_pid[0], w_ticks[0], SIGUSR1, &c);
        keep(&out[2], r, 0, &c);
        r = renice_proc(w_pid[0], w_ticks[0], 3, &c);
        keep(&out[3], r, 0, &c);
}

static void test_no_pidfd(void)
{
        struct result res[MAX_RESULTS];
        w_pid[0] = spawn_sleeper(false);
        w_ticks[0] = start_of(w_pid[0]);
        if (!ok(run_worker(without_pidfd, res, false), "a worker runs without pidfd_open"))
                return;
        is_int(res[0].r, -ENOSYS, "... pidfd_open says ENOSYS");
        is_int(res[1].r, -ESRCH, "a wrong start time is still refused");
        ok(has(res[1].cause, "is now another process"), "... as another process");
        is_int(res[2].r, 0, "kill(2) sends SIGUSR1");
        ok(pending(w_pid[0], SIGUSR1), "... it is pending");
        is_int(res[3].r, 0, "renice works too");
        is_int(getpriority(PRIO_PROCESS, (id_t)w_pid[0]), 3, "... it is 3");
        kill(w_pid[0], SIGKILL);
        reap(w_pid[0]);
}

/* ---- cgroups ------------------------------------------------------------- */

/* Makes ROOT/nstop-test-sig-PID, remembered for removal; NULL if not. */
static const char *make_cg(const char *root)
{
        struct stat st;
        if (stat(root, &st) < 0)
                return NULL;
        for (int i = 0; i < MAX_CGS; i++)
                if (!cgdirs[i][0]) {
                        snprintf(cgdirs[i], sizeof(cgdirs[i]), "%s/nstop-test-sig-%d", root, (int)getpid());
                        if (mkdir(cgdirs[i], 0755) == 0)
                                return cgdirs[i];
                        printf("# mkdir %s: %s\n", cgdirs[i], strerror(errno));
                        cgdirs[i][0] = '\0';
                        return NULL;
                }
        return NULL;
}

static bool cg_put(const char *dir, pid_t pid)
{
        char path[300], num[16];
        snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        int n = snprintf(num, sizeof(num), "%d\n", (int)pid);
        bool r = fd >= 0 && write(fd, num, (size_t)n) == n;
        if (fd >= 0)
                close(fd);
        return r;
}

/* Two sleepers in dir (nobody_second: the second runs as nobody). */
static bool fill_cg(const char *dir, pid_t two[2], bool nobody_second)
{
        two[0] = spawn_sleeper(false);
        two[1] = spawn_sleeper(nobody_second);
        return two[0] > 0 && two[1] > 0 && cg_put(dir, two[0]) && cg_put(dir, two[1]);
}

static void cg_kill_and_term(const char *dir, int version)
{
        pid_t two[2];
        int n = 0;
        char *cause = NULL;
        ok(fill_cg(dir, two, false), "two sleepers in the cgroup");
        int r = signal_cgroup(dir, version, SIGKILL, &n, &cause);
        int want = version == 2 ? -1 : 2;
        is_int(r, 0, "SIGKILL to the cgroup");
        is_int(n, want, version == 2 ? "... through cgroup.kill" : "... to each of 2");
        bool sent = r == 0 && n == want;
        ok(killed_by(reap_sent(two[0], sent), SIGKILL) && killed_by(reap_sent(two[1], sent), SIGKILL),
           "... both died of it");
        ok(fill_cg(dir, two, false), "two more sleepers");
        r = signal_cgroup(dir, version, SIGTERM, &n, &cause);
        is_int(r, 0, "SIGTERM to the cgroup");
        is_int(n, 2, "... to each of 2");
        sent = r == 0 && n == 2;
        ok(killed_by(reap_sent(two[0], sent), SIGTERM) && killed_by(reap_sent(two[1], sent), SIGTERM),
           "... both died of it");
        n = 99;
        is_int(signal_cgroup(dir, version, SIGTERM, &n, &cause), 0, "SIGTERM to the empty cgroup");
        is_int(n, 0, "... reaches none");
        free(cause);
}

static void as_nobody_cg(struct result *out)
{
        char *c = NULL;
        int n = 0;
        int r = signal_cgroup(w_dir, 2, SIGUSR1, &n, &c);
        keep(&out[0], r, n, &c);
        r = signal_cgroup(w_dir, 2, SIGKILL, &n, &c);
        keep(&out[1], r, 0, &c);
}

/* A partial failure: nobody signals a cgroup of one own and one root
 * process; then cgroup.kill, writable by root only. */
static void cg_partial(const char *dir)
{
        pid_t two[2];
        struct result res[MAX_RESULTS];
        char want[128];
        w_dir = dir;
        ok(fill_cg(dir, two, true), "a root and a nobody sleeper in the cgroup");
        if (!ok(run_worker(as_nobody_cg, res, true), "a worker runs as nobody"))
                return;
        is_int(res[0].r, -EPERM, "nobody's SIGUSR1 to the cgroup fails in part");
        is_int(res[0].count, 1, "... after signalling one");
        snprintf(want, sizeof(want), "cgroup %s: 1 signalled, 1 failed, first: kill SIGUSR1 to pid %d", dir, (int)two[0]);
        ok(has(res[0].cause, want) && has(res[0].cause, "only root may signal it"), "... saying which and why");
        ok(pending(two[1], SIGUSR1) && !pending(two[0], SIGUSR1), "... nobody's process got it, root's not");
        is_int(res[1].r, -EACCES, "nobody cannot write cgroup.kill");
        ok(has(res[1].cause, "cgroup.kill: Permission denied"), "... says which file");
        for (int i = 0; i < 2; i++) {
                kill(two[i], SIGKILL);
                reap(two[i]);
        }
}

static void test_cgroups(void)
{
        char *cause = NULL;
        int n = 7;
        char missing[128];
        snprintf(missing, sizeof(missing), "%s/nstop-test-sig-absent-%d", V2_ROOT, (int)getpid());
        is_int(signal_cgroup(missing, 2, SIGTERM, &n, &cause), -ENOENT, "a missing cgroup");
        ok(has(cause, missing), "... is named");
        is_int(n, 7, "... and no count is set");
        free(cause);
        if (geteuid() != 0) {
                skip("not root: cannot make cgroups");
                return;
        }
        const char *v2 = make_cg(V2_ROOT);
        char kill_file[300];
        snprintf(kill_file, sizeof(kill_file), "%s/cgroup.kill", v2 ? v2 : "");
        if (!v2 || access(kill_file, F_OK) < 0) {
                skip("no v2 cgroup with cgroup.kill at " V2_ROOT);
        } else {
                printf("# v2: %s\n", v2);
                cg_kill_and_term(v2, 2);
                cg_partial(v2);
        }
        const char *v1 = make_cg(V1_ROOT);
        if (!v1) {
                skip("no v1 pids hierarchy at " V1_ROOT);
        } else {
                printf("# v1: %s\n", v1);
                cg_kill_and_term(v1, 1);
        }
}

int main(void)
{
        atexit(cleanup);
        static const int fatal[] = {SIGHUP, SIGINT, SIGTERM, SIGABRT};
        for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
                signal(fatal[i], on_fatal);
        test_table();
        test_deliver();
        test_gone();
        test_renice();
        test_nobody();
        test_no_pidfd();
        test_cgroups();
        cleanup();
        return tap_done();
}
