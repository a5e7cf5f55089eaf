/* signal.c: signals and nice values for processes and cgroups; see signal.h.
 *
 * Every process is pinned with a pidfd before its identity is checked: a
 * pidfd names the process it was opened for, not the number, so once
 * /proc/PID/stat shows the expected start time after the open, a signal
 * sent through the pidfd cannot reach a later process that got the pid.
 * The syscalls are called by number: glibc wrapped them only in 2.36. */
#include "config.h"

#include "action/signal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "action/cause.h"
#include "action/cgfile.h"
#include "action/sysnum.h"
#include "action/ident.h"
#include "sample/readfile.h"
#include "util/err.h"
#include "util/num.h"


const struct signal_info signal_table[] = {
        {SIGHUP, "SIGHUP", "hang-up; many daemons reload their configuration"},
        {SIGINT, "SIGINT", "interrupt, as Ctrl-C at a terminal"},
        {SIGQUIT, "SIGQUIT", "quit with a core dump, as Ctrl-\\"},
        {SIGILL, "SIGILL", "illegal instruction; core dump"},
        {SIGABRT, "SIGABRT", "abort, as abort(3); core dump"},
        {SIGKILL, "SIGKILL", "end at once; cannot be caught or ignored"},
        {SIGUSR1, "SIGUSR1", "user-defined; the program decides"},
        {SIGSEGV, "SIGSEGV", "invalid memory access; core dump"},
        {SIGUSR2, "SIGUSR2", "user-defined; the program decides"},
        {SIGPIPE, "SIGPIPE", "write to a pipe with no reader; ends it"},
        {SIGALRM, "SIGALRM", "alarm(2) timer expired; ends it"},
        {SIGTERM, "SIGTERM", "ask to exit cleanly; the usual choice"},
        {SIGCHLD, "SIGCHLD", "a child stopped or exited; ignored"},
        {SIGCONT, "SIGCONT", "resume a stopped process"},
        {SIGSTOP, "SIGSTOP", "pause; cannot be caught or ignored"},
        {SIGTSTP, "SIGTSTP", "pause request, as Ctrl-Z"},
        {SIGTTIN, "SIGTTIN", "background read from its terminal; pauses"},
        {SIGTTOU, "SIGTTOU", "background write to its terminal; pauses"},
        {SIGURG, "SIGURG", "urgent socket data; ignored"},
        {SIGXCPU, "SIGXCPU", "CPU time limit reached; core dump"},
        {SIGXFSZ, "SIGXFSZ", "file size limit reached; core dump"},
        {SIGVTALRM, "SIGVTALRM", "user CPU time timer expired; ends it"},
        {SIGPROF, "SIGPROF", "profiling timer expired; ends it"},
        {SIGWINCH, "SIGWINCH", "terminal resized; ignored"},
        {SIGIO, "SIGIO", "I/O possible on a descriptor; ends it"},
        {SIGPWR, "SIGPWR", "power failure; ends it"},
        {SIGSYS, "SIGSYS", "bad system call (or seccomp); core dump"},
};
const size_t signal_count = ARRAY_SIZE(signal_table);

/* Marks "no pidfd: this kernel predates pidfd_open (5.3)"; send_sig then
 * falls back to kill(2). */
#define NO_PIDFD (-ENOSYS)

/* "SIGTERM", or "signal 40" for one not in the menu (real-time ones). */
static const char *sig_name(int sig, char *tmp, size_t cap)
{
        for (size_t i = 0; i < signal_count; i++)
                if (signal_table[i].sig == sig)
                        return signal_table[i].name;
        snprintf(tmp, cap, "signal %d", sig);
        return tmp;
}

/* A pidfd for pid, or -errno. */
static int pidfd_open_pid(int32_t pid)
{
        long r = syscall(SYS_pidfd_open, (pid_t)pid, 0u);
        return r < 0 ? -errno : (int)r;
}

/* Sends through the pidfd, or with kill(2) when the kernel has none
 * (before 5.3): the start time was checked just before, and only a pid
 * reused in the few microseconds since could be hit. 0 or -errno. */
static int send_sig(int fd, int32_t pid, int sig)
{
        long r;
        if (fd == NO_PIDFD)
                r = kill((pid_t)pid, sig);
        else
                r = syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0u);
        return r < 0 ? -errno : 0;
}

static void close_pidfd(int fd)
{
        if (fd >= 0)
                close(fd);
}

/* Opens a pidfd for pid, then checks that pid still is the process that
 * started at start_ticks. *ret_fd: the pidfd, or NO_PIDFD on an old
 * kernel, where the caller uses the pid itself right after the check. */
static int pin_proc(int32_t pid, uint64_t start_ticks, int *ret_fd, char **cause)
{
        /* kill(2) would take 0 and negative numbers as process groups. */
        if (pid <= 0)
                return cause_set(cause, EINVAL, "%" PRId32 " is not a process id", pid);
        int fd = pidfd_open_pid(pid);
        if (fd == -ESRCH)
                return cause_set(cause, ESRCH, "pid %" PRId32 " has exited", pid);
        int r = ident_check(pid, start_ticks, cause);
        if (r < 0) {
                close_pidfd(fd);
                return r;
        }
        /* EINVAL: not a thread-group leader (a thread id). */
        if (fd == -EINVAL)
                return cause_set(cause, EINVAL, "pid %" PRId32 " is a thread, not a process", pid);
        if (fd < 0 && fd != NO_PIDFD)
                return cause_errno(cause, -fd, "pidfd_open of pid %" PRId32, pid);
        *ret_fd = fd;
        return 0;
}

/* The cause for a failed send to one process. */
static int signal_failed(char **cause, int err, int32_t pid, int sig)
{
        char tmp[24];
        const char *name = sig_name(sig, tmp, sizeof(tmp));
        if (err == ESRCH)
                return cause_set(cause, err, "pid %" PRId32 " has exited", pid);
        /* Root meets EPERM only across user namespaces: no guess then. */
        if (err == EPERM && geteuid() != 0)
                return cause_set(cause, err,
                                 "kill %s to pid %" PRId32 ": %s (it is another user's process; only root may signal it)",
                                 name, pid, strerror(err));
        return cause_errno(cause, err, "kill %s to pid %" PRId32, name, pid);
}

int signal_proc(int32_t pid, uint64_t start_ticks, int sig, char **cause)
{
        int fd;
        int r = pin_proc(pid, start_ticks, &fd, cause);
        if (r < 0)
                return r;
        r = send_sig(fd, pid, sig);
        close_pidfd(fd);
        return r < 0 ? signal_failed(cause, -r, pid, sig) : 0;
}

/* ---- nice values -------------------------------------------------------- */

/* Whether the process behind the pidfd has exited (the kernel makes a
 * pidfd readable then). */
static bool pidfd_exited(int fd)
{
        struct pollfd p = {.fd = fd, .events = POLLIN};
        return poll(&p, 1, 0) > 0;
}

static int renice_failed(char **cause, int err, int32_t pid, int nice)
{
        const char *why = "";
        if (err == ESRCH)
                return cause_set(cause, err, "pid %" PRId32 " has exited", pid);
        /* setpriority(2): EACCES when lowering the value beyond RLIMIT_NICE
         * without CAP_SYS_NICE; EPERM when neither the real nor the effective
         * uid matches the target's. */
        if (err == EACCES)
                why = " (lowering a nice value needs root: CAP_SYS_NICE)";
        else if (err == EPERM)
                why = " (it is another user's process; only root may renice it)";
        return cause_set(cause, err, "renice pid %" PRId32 " to %d: %s%s", pid, nice, strerror(err), why);
}

int renice_proc(int32_t pid, uint64_t start_ticks, int nice, char **cause)
{
        if (nice < -20 || nice > 19)
                return cause_set(cause, EINVAL, "nice value %d is out of range (-20..19)", nice);
        int fd;
        int r = pin_proc(pid, start_ticks, &fd, cause);
        if (r < 0)
                return r;
        /* setpriority takes a pid, never a pidfd. The pidfd held since the
         * check still tells afterwards whether the process lived through
         * the call: if so, its pid could not have been reused meanwhile. */
        r = setpriority(PRIO_PROCESS, (id_t)pid, nice) < 0 ? -errno : 0;
        if (r == 0 && fd >= 0 && pidfd_exited(fd))
                r = -ESRCH;
        close_pidfd(fd);
        return r < 0 ? renice_failed(cause, -r, pid, nice) : 0;
}

/* ---- cgroups ------------------------------------------------------------ */

/* The pids are handled in batches so that a large cgroup does not need
 * one open pidfd per member at once. */
enum { CG_BATCH = 128 };
/* cgroup.procs of 2 million processes is about 16 MiB. */
#define PROCS_LIMIT ((size_t)16 << 20)

struct pidlist {
        int32_t *v;
        size_t n;
};

struct tally {
        int sig;
        int sent, failed;
        int first_err;
        int32_t first_pid;
};

static int cmp_pid(const void *a, const void *b)
{
        int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
        return (x > y) - (x < y);
}

/* Parses one pid per line into a sorted list without repeats (v1 does not
 * promise either). A line cut by the size limit is dropped. */
static int parse_procs(const char *buf, size_t len, struct pidlist *ret)
{
        struct pidlist l = {calloc(len / 2 + 1, sizeof(int32_t)), 0};
        if (!l.v)
                return -ENOMEM;
        for (const char *p = buf, *end = buf + len; p < end;) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                uint64_t pid;
                if (!nl)
                        break;
                if (num_parse_u64n(p, (size_t)(nl - p), &pid) == 0 && pid > 0 && pid <= INT32_MAX)
                        l.v[l.n++] = (int32_t)pid;
                p = nl + 1;
        }
        qsort(l.v, l.n, sizeof(int32_t), cmp_pid);
        size_t w = 0;
        for (size_t i = 0; i < l.n; i++)
                if (w == 0 || l.v[w - 1] != l.v[i])
                        l.v[w++] = l.v[i];
        l.n = w;
        *ret = l;
        return 0;
}

static int read_procs(int dfd, struct pidlist *ret)
{
        char *buf = NULL;
        ssize_t n = read_all_at(dfd, "cgroup.procs", PROCS_LIMIT, &buf);
        if (n < 0)
                return (int)n;
        int r = parse_procs(buf, (size_t)n, ret);
        free(buf);
        return r;
}

static bool pidlist_has(const struct pidlist *l, int32_t pid)
{
        return l->n && bsearch(&pid, l->v, l->n, sizeof(int32_t), cmp_pid);
}

/* Counts one send; a process that vanished meanwhile is no failure. */
static void tally_add(struct tally *t, int32_t pid, int r)
{
        if (r == 0) {
                t->sent++;
        } else if (r != -ESRCH) {
                if (!t->failed++) {
                        t->first_err = -r;
                        t->first_pid = pid;
                }
        }
}

/* One member of a batch: signalled if cgroup.procs still lists it. */
static void signal_member(const struct pidlist *now, int fd, int32_t pid, struct tally *t)
{
        /* ESRCH: gone; EINVAL: its struct pid outlived the task. */
        if (fd == -ESRCH || fd == -EINVAL || !pidlist_has(now, pid))
                return;
        tally_add(t, pid, fd < 0 && fd != NO_PIDFD ? fd : send_sig(fd, pid, t->sig));
}

/* Opens pidfds for the batch first, then re-reads cgroup.procs and
 * signals only those still listed: a pid that was reused before its
 * pidfd was opened is then in the list only if the new process is in
 * the cgroup too. Why: cgroup.procs names pids, not processes. */
static int signal_batch(int dfd, const int32_t *pids, size_t n, struct tally *t)
{
        int fds[CG_BATCH];
        for (size_t i = 0; i < n; i++)
                fds[i] = pidfd_open_pid(pids[i]);
        struct pidlist now = {0};
        int r = read_procs(dfd, &now);
        /* A cgroup can only be removed once empty: all its members left. */
        if (err_is_gone(r) || r == -ENODEV)
                r = 0;
        for (size_t i = 0; i < n; i++) {
                if (r == 0)
                        signal_member(&now, fds[i], pids[i], t);
                close_pidfd(fds[i]);
        }
        free(now.v);
        return r;
}

static int signal_members(int dfd, const char *dir, int sig, int *ret_count, char **cause)
{
        struct pidlist all = {0};
        struct tally t = {.sig = sig};
        int r = read_procs(dfd, &all);
        for (size_t i = 0; r == 0 && i < all.n; i += CG_BATCH)
                r = signal_batch(dfd, all.v + i, all.n - i < CG_BATCH ? all.n - i : CG_BATCH, &t);
        free(all.v);
        *ret_count = t.sent;
        if (r < 0) {
                r = cause_errno(cause, -r, "reading %s/cgroup.procs", dir);
                if (t.sent)
                        cause_prefix(cause, "cgroup %s: %d signalled, then", dir, t.sent);
                return r;
        }
        if (!t.failed)
                return 0;
        r = signal_failed(cause, t.first_err, t.first_pid, sig);
        cause_prefix(cause, "cgroup %s: %d signalled, %d failed, first", dir, t.sent, t.failed);
        return r;
}

int signal_cgroup(const char *dir, int version, int sig, int *ret_count, char **cause)
{
        /* cgroup.kill (5.14+, v2 only, absent in the root cgroup) kills the
         * whole subtree inside the kernel, racing with no fork. */
        char path[4096];
        snprintf(path, sizeof(path), "%s/cgroup.kill", dir);
        if (version == 2 && sig == SIGKILL && access(path, F_OK) == 0) {
                int r = cgfile_write(dir, "cgroup.kill", "1", cause);
                if (r == 0)
                        *ret_count = -1;
                return r;
        }
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0)
                return cause_errno(cause, errno, "opening %s", dir);
        int r = signal_members(dfd, dir, sig, ret_count, cause);
        close(dfd);
        return r;
}
