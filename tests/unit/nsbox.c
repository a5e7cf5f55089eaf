/* nsbox.c: helpers of the namespace action tests; see nsbox.h. */
#include "config.h"

#include "nsbox.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sample/parse.h"
#include "sample/readfile.h"

enum { MAX_KIDS = 64, MAX_DIRS = 16 };
static pid_t kids[MAX_KIDS];
static char dirs[MAX_DIRS][256];
static bool dir_is_cgroup[MAX_DIRS];
static pid_t main_pid;

/* ---- cleanup ----------------------------------------------------------- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
        (void)st;
        (void)ftw;
        return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* SIGKILLs every child listed in /proc/self/task/TID/children: an
 * unreaped child's pid cannot name anyone else. 0 when there is none. */
static int kill_children(void)
{
        char path[64], buf[4096];
        snprintf(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
        ssize_t n = read_small_at(AT_FDCWD, path, buf, sizeof(buf));
        int count = 0;
        for (char *p = buf, *end; n > 0 && *p; p = end) {
                long pid = strtol(p, &end, 10);
                if (end == p)
                        break;
                if (pid > 0 && kill((pid_t)pid, SIGKILL) == 0)
                        count++;
        }
        return count;
}

/* Kills and reaps every child, and every orphan reparented to us (we are
 * a subreaper), for up to 5 s. */
static void reap_all(void)
{
        for (int i = 0; i < 100; i++) {
                int alive = kill_children();
                while (waitpid(-1, NULL, WNOHANG) > 0)
                        ;
                if (!alive && waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
                        return;
                nanosleep(&(struct timespec){.tv_nsec = 50 * 1000 * 1000}, NULL);
        }
}

static void cleanup(void)
{
        if (getpid() != main_pid)
                return;
        for (int i = 0; i < MAX_KIDS; i++)
                if (kids[i] > 0)
                        nsb_kill(kids[i]);
        reap_all();
        for (int i = MAX_DIRS - 1; i >= 0; i--) {
                if (!dirs[i][0])
                        continue;
                if (dir_is_cgroup[i])
                        nsb_rmdir_cgroup(dirs[i]);
                else
                        nftw(dirs[i], rm_entry, 16, FTW_DEPTH | FTW_PHYS);
                dirs[i][0] = '\0';
        }
}

static void on_signal(int sig)
{
        cleanup();
        _exit(128 + sig);
}

void nsb_init(void)
{
        main_pid = getpid();
        /* Orphans of our children (a box's init when its outer process
         * is killed) come back to us, to be reaped here, not left as
         * zombies for a pid 1 that may not reap them. */
        prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        atexit(cleanup);
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
        signal(SIGHUP, on_signal);
}

void nsb_track(pid_t pid)
{
        for (int i = 0; i < MAX_KIDS; i++)
                if (!kids[i]) {
                        kids[i] = pid;
                        return;
                }
        kill(pid, SIGKILL);
        fprintf(stderr, "too many children\n");
        exit(1);
}

int nsb_reap(pid_t pid)
{
        int st;
        pid_t r;
        do
                r = waitpid(pid, &st, 0);
        while (r < 0 && errno == EINTR);
        for (int i = 0; i < MAX_KIDS; i++)
                if (kids[i] == pid)
                        kids[i] = 0;
        return r == pid ? st : -1;
}

void nsb_kill(pid_t pid)
{
        kill(pid, SIGKILL);
        nsb_reap(pid);
}

static void track(const char *path, bool cgroup)
{
        for (int i = 0; i < MAX_DIRS; i++)
                if (!dirs[i][0]) {
                        snprintf(dirs[i], sizeof(dirs[i]), "%s", path);
                        dir_is_cgroup[i] = cgroup;
                        return;
                }
}

void nsb_track_dir(const char *path)
{
        track(path, false);
}

void nsb_track_cgroup(const char *path)
{
        track(path, true);
}

int nsb_rmdir_cgroup(const char *path)
{
        for (int i = 0; i < 50; i++) {
                if (rmdir(path) == 0 || errno == ENOENT)
                        return 0;
                if (errno != EBUSY)
                        return -errno;
                nanosleep(&(struct timespec){.tv_nsec = 100 * 1000 * 1000}, NULL);
        }
        return -EBUSY;
}

/* ---- files --------------------------------------------------------------- */

char *nsb_tmpdir(void)
{
        char tmpl[] = "/tmp/nstop-test-ns-XXXXXX";
        if (!mkdtemp(tmpl))
                return NULL;
        nsb_track_dir(tmpl);
        chmod(tmpl, 01777);
        return strdup(tmpl);
}

static int copy_file(const char *from, const char *to, mode_t mode)
{
        int in = open(from, O_RDONLY | O_CLOEXEC);
        int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        char buf[65536];
        ssize_t n = 0;
        while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
                if (write(out, buf, (size_t)n) != n)
                        n = -1;
        int r = in >= 0 && out >= 0 && n == 0 ? 0 : -1;
        if (in >= 0)
                close(in);
        if (out >= 0)
                close(out);
        return r;
}

char *nsb_busybox_root(void)
{
        static const char *const applets[] = {"sh", "ash", "cat", "echo", "hostname", "id",
                                              "ls", "pwd", "readlink", "sleep"};
        static const char *const subdirs[] = {"bin", "etc", "proc", "work", "tmp"};
        if (access("/bin/busybox", X_OK) < 0) {
                fprintf(stderr, "# no /bin/busybox (Debian package busybox-static)\n");
                return NULL;
        }
        char *root = nsb_tmpdir();
        char path[512];
        for (size_t i = 0; root && i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
                snprintf(path, sizeof(path), "%s/%s", root, subdirs[i]);
                mkdir(path, 0755);
        }
        snprintf(path, sizeof(path), "%s/bin/busybox", root ? root : "");
        if (!root || copy_file("/bin/busybox", path, 0755) < 0)
                return NULL;
        for (size_t i = 0; i < sizeof(applets) / sizeof(applets[0]); i++) {
                snprintf(path, sizeof(path), "%s/bin/%s", root, applets[i]);
                if (symlink("busybox", path) < 0)
                        return NULL;
        }
        return root;
}

int nsb_ticks(pid_t pid, uint64_t *ret)
{
        char path[64], buf[2048];
        snprintf(path, sizeof(path), pid ? "/proc/%d/stat" : "/proc/self/stat", (int)pid);
        ssize_t n = read_small_at(AT_FDCWD, path, buf, sizeof(buf));
        struct pstat st;
        if (n < 0 || parse_stat(buf, (size_t)n, &st) < 0)
                return -1;
        *ret = st.start_ticks;
        return 0;
}

int nsb_ino(pid_t pid, const char *type, uint64_t *ret)
{
        char path[64];
        struct stat st;
        if (pid)
                snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, type);
        else
                snprintf(path, sizeof(path), "/proc/self/ns/%s", type);
        if (stat(path, &st) < 0)
                return -errno;
        *ret = (uint64_t)st.st_ino;
        return 0;
}

char *nsb_slurp(const char *path)
{
        char *buf = NULL;
        return read_all_at(AT_FDCWD, path, 1 << 20, &buf) < 0 ? NULL : buf;
}

int nsb_write(const char *path, const char *text)
{
        FILE *f = fopen(path, "w");
        if (!f)
                return -1;
        int r = fputs(text, f) < 0 ? -1 : 0;
        return fclose(f) == 0 ? r : -1;
}

bool nsb_line(const char *text, int n, char *out, size_t cap)
{
        for (; text && n > 0; n--) {
                text = strchr(text, '\n');
                text = text ? text + 1 : NULL;
        }
        if (!text || !*text)
                return false;
        size_t len = strcspn(text, "\n");
        snprintf(out, cap, "%.*s", (int)len, text);
        return true;
}

/* ---- children ------------------------------------------------------------ */

/* Dies with its parent; default signal actions (the parent's cleanup is
 * not a child's business). */
static void child_setup(pid_t parent)
{
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
                _exit(121);
}

int nsb_become_nobody(void)
{
        if (setgroups(0, NULL) < 0 || setresgid(NOBODY, NOBODY, NOBODY) < 0 ||
            setresuid(NOBODY, NOBODY, NOBODY) < 0)
                return -1;
        return prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
}

pid_t nsb_fork(int (*fn)(void *), void *arg, bool as_nobody)
{
        pid_t parent = getpid();
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
                child_setup(parent);
                if (as_nobody && nsb_become_nobody() < 0)
                        _exit(120);
                prctl(PR_SET_PDEATHSIG, SIGKILL);
                int r = fn(arg);
                fflush(stdout);
                _exit(r);
        }
        if (pid > 0)
                nsb_track(pid);
        return pid;
}

/* The box's pid 1: hostname, fresh /proc, root, cwd; then "ready". */
static void box_init(int ready, const char *hostname, const char *root, const char *cwd)
{
        char proc[512];
        snprintf(proc, sizeof(proc), "%s/proc", root ? root : "");
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        signal(SIGCHLD, SIG_IGN); /* reaps what is orphaned to it */
        prctl(PR_SET_NAME, "nstop-box", 0, 0, 0);
        if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
            sethostname(hostname, strlen(hostname)) < 0 ||
            mount("proc", proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
                _exit(122);
        if (root && (chroot(root) < 0 || chdir("/") < 0))
                _exit(123);
        if (cwd && chdir(cwd) < 0)
                _exit(124);
        if (write(ready, "r", 1) != 1)
                _exit(125);
        close(ready);
        for (;;)
                pause();
}

static void box_outer(int report, const char *hostname, const char *root, const char *cwd)
{
        int q[2];
        if (pipe(q) < 0 || unshare(CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWNS | CLONE_NEWIPC) < 0)
                _exit(126);
        pid_t init = fork();
        if (init == 0) {
                close(q[0]);
                box_init(q[1], hostname, root, cwd);
        }
        close(q[1]);
        char c;
        if (init < 0 || read(q[0], &c, 1) != 1 || write(report, &init, sizeof(init)) != sizeof(init))
                _exit(127);
        close(report);
        int st;
        while (waitpid(init, &st, 0) < 0 && errno == EINTR)
                ;
        _exit(0);
}

int nsb_box_start(struct nsb_box *b, const char *hostname, const char *root, const char *cwd)
{
        int p[2];
        pid_t parent = getpid();
        if (pipe(p) < 0)
                return -1;
        fflush(stdout);
        b->outer = fork();
        if (b->outer == 0) {
                close(p[0]);
                child_setup(parent);
                box_outer(p[1], hostname, root, cwd);
        }
        close(p[1]);
        if (b->outer > 0)
                nsb_track(b->outer);
        ssize_t n = b->outer > 0 ? read(p[0], &b->init, sizeof(b->init)) : -1;
        close(p[0]);
        if (n != sizeof(b->init) || nsb_ticks(b->init, &b->init_ticks) < 0) {
                if (b->outer > 0)
                        nsb_kill(b->outer);
                return -1;
        }
        return 0;
}

void nsb_box_stop(struct nsb_box *b)
{
        if (b->outer > 0)
                nsb_kill(b->outer);
        b->outer = 0;
}

/* ---- old kernels ----------------------------------------------------------- */

int nsb_deny_syscall(long nr, bool match_arg1, unsigned arg1, int err)
{
        unsigned off = offsetof(struct seccomp_data, args[1]) + (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? 4 : 0);
        struct sock_filter f[] = {
                BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 3),
                BPF_STMT(BPF_LD | BPF_W | BPF_ABS, off),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, arg1, 0, 1),
                BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((unsigned)err & SECCOMP_RET_DATA)),
                BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        };
        /* Without the argument test: the syscall number alone decides. */
        if (!match_arg1)
                f[2] = f[3] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
        struct sock_fprog prog = {.len = sizeof(f) / sizeof(f[0]), .filter = f};
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
                return -1;
        return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}
