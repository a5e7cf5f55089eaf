/* enterrun.c: one command run inside a target's namespaces, its output
 * collected for a panel without ever blocking the caller; see enter.h.
 *
 * The intermediate process leads a process group that the command
 * inherits (process groups cross pid namespaces: the command joined the
 * target's, but its group is still the intermediate's). Signals go to
 * that group, through the intermediate's pidfd where the kernel allows it
 * (PIDFD_SIGNAL_PROCESS_GROUP, 6.9), else through kill(-pgid), but only
 * while the intermediate is not reaped: its pid, hence the group id,
 * cannot be handed to another process before that. */
#include "config.h"

#include "action/enter.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "action/cause.h"
#include "action/enterplan.h"
#include "action/nsproc.h"

struct enter_run {
        pid_t pid;      /* the intermediate, leader of the group */
        int pidfd;      /* its pidfd, -1 before 5.3 */
        int fd;         /* the output pipe, non-blocking; -1 once closed */
        char *out;
        size_t len, cap, max;
        bool cut, reaped, finished;
        int status;
};

static int start(const struct enter_opts *o, char *const argv[], struct enter_plan *p, pid_t *ret_pid,
                 int *ret_fd, char **cause)
{
        int out[2];
        int r = enter_plan_open(o, argv, p, cause);
        if (r < 0)
                return r;
        p->in_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (p->in_fd < 0 || pipe2(out, O_CLOEXEC) < 0) {
                r = cause_errno(cause, errno, "running a command inside pid %d", (int)o->pid);
                enter_plan_close(p);
                return r;
        }
        p->out_fd = out[1];
        p->parent_fd = out[0];
        p->new_group = true;
        r = enter_plan_fork(p, ret_pid, cause);
        enter_plan_close(p);
        if (r < 0) {
                close(out[0]);
                return r;
        }
        fcntl(out[0], F_SETFL, fcntl(out[0], F_GETFL) | O_NONBLOCK);
        *ret_fd = out[0];
        return 0;
}

int enter_run(const struct enter_opts *o, char *const argv[], size_t max_bytes, struct enter_run **ret,
              char **cause)
{
        if (!argv || !argv[0] || !argv[0][0])
                return cause_set(cause, EINVAL, "no command to run");
        struct enter_run *r = calloc(1, sizeof(*r));
        if (!r)
                return cause_errno(cause, ENOMEM, "running %s", argv[0]);
        r->max = max_bytes ? max_bytes : 1;
        struct enter_plan p;
        int e = start(o, argv, &p, &r->pid, &r->fd, cause);
        if (e < 0) {
                free(r);
                return e;
        }
        /* Our unreaped child: its pid cannot name another process. */
        r->pidfd = nsp_pidfd_open(r->pid);
        if (r->pidfd < 0)
                r->pidfd = -1;
        *ret = r;
        return 0;
}

static void close_output(struct enter_run *r)
{
        if (r->fd >= 0)
                close(r->fd);
        r->fd = -1;
}

/* Room for at least one more byte and the NUL after it; at most max + 1
 * bytes of output and the NUL. */
static int grow(struct enter_run *r)
{
        if (r->cap > r->len + 1)
                return 0;
        size_t ncap = r->cap ? r->cap * 2 : 4096;
        if (ncap > r->max + 2)
                ncap = r->max + 2;
        char *n = realloc(r->out, ncap);
        if (!n)
                return -ENOMEM;
        r->out = n;
        r->cap = ncap;
        return 0;
}

/* Reads what the pipe holds now. One byte past max tells "cut" from an
 * output of exactly max bytes. */
static int read_ready(struct enter_run *r, char **cause)
{
        while (r->fd >= 0) {
                if (grow(r) < 0)
                        return cause_errno(cause, ENOMEM, "reading the output of pid %d", (int)r->pid);
                ssize_t n = read(r->fd, r->out + r->len, r->cap - r->len - 1);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0 && errno == EAGAIN)
                        return 0;
                if (n < 0)
                        return cause_errno(cause, errno, "reading the output of pid %d", (int)r->pid);
                if (n == 0) {
                        close_output(r);
                        return 0;
                }
                r->len += (size_t)n;
                if (r->len > r->max) {
                        r->len = r->max;
                        r->cut = true;
                        close_output(r);
                }
                r->out[r->len] = '\0';
        }
        return 0;
}

static int reap(struct enter_run *r, int flags, char **cause)
{
        if (r->reaped)
                return 0;
        pid_t w = nsp_waitpid(r->pid, &r->status, flags);
        if (w < 0)
                return cause_errno(cause, -w, "waiting for pid %d", (int)r->pid);
        r->reaped = w == r->pid;
        return 0;
}

/* Once the intermediate is reaped the command has exited: what it wrote
 * is in the pipe. A descendant that still holds the pipe is not waited
 * for. */
static int settle(struct enter_run *r, char **cause)
{
        int e = read_ready(r, cause);
        if (e == 0)
                e = reap(r, WNOHANG, cause);
        if (e == 0 && r->reaped) {
                e = read_ready(r, cause);
                close_output(r);
                r->finished = true;
        }
        return e;
}

int enter_run_step(struct enter_run *r, int timeout_ms, char **cause)
{
        if (r->finished)
                return 0;
        struct pollfd pf[2];
        nfds_t n = 0;
        if (r->fd >= 0)
                pf[n++] = (struct pollfd){.fd = r->fd, .events = POLLIN};
        if (r->pidfd >= 0)
                pf[n++] = (struct pollfd){.fd = r->pidfd, .events = POLLIN};
        /* Without a pidfd nothing wakes poll when the process exits. */
        if (r->pidfd < 0 && (timeout_ms < 0 || timeout_ms > 100))
                timeout_ms = 100;
        if (timeout_ms != 0 && poll(pf, n, timeout_ms) < 0 && errno != EINTR)
                return cause_errno(cause, errno, "waiting for pid %d", (int)r->pid);
        int e = settle(r, cause);
        return e < 0 ? e : !r->finished;
}

int enter_run_output_fd(const struct enter_run *r)
{
        return r->fd;
}

int enter_run_pidfd(const struct enter_run *r)
{
        return r->pidfd;
}

const char *enter_run_output(const struct enter_run *r, size_t *ret_len)
{
        *ret_len = r->len;
        return r->out ? r->out : "";
}

bool enter_run_cut(const struct enter_run *r)
{
        return r->cut;
}

pid_t enter_run_pid(const struct enter_run *r)
{
        return r->pid;
}

bool enter_run_status(const struct enter_run *r, int *ret_status)
{
        if (!r->finished)
                return false;
        *ret_status = r->status;
        return true;
}

int enter_run_signal(struct enter_run *r, int sig, char **cause)
{
        int e = r->pidfd >= 0 ? nsp_pidfd_signal_group(r->pidfd, sig) : -EINVAL;
        if (e == -EINVAL && !r->reaped)
                e = kill(-r->pid, sig) < 0 ? -errno : 0;
        if (e == -ESRCH || (e == -EINVAL && r->reaped))
                return 0;
        if (e < 0)
                return cause_errno(cause, -e, "signalling the process group of pid %d", (int)r->pid);
        return 0;
}

/* Waits up to ms for the intermediate to exit, leaving it unreaped
 * (WNOWAIT), so its group id stays ours for the SIGKILL that follows. */
static void wait_exit(struct enter_run *r, int ms)
{
        if (r->pidfd >= 0) {
                struct pollfd pf = {.fd = r->pidfd, .events = POLLIN};
                while (poll(&pf, 1, ms) < 0 && errno == EINTR)
                        ;
                return;
        }
        for (int i = 0; i < ms; i += 10) {
                siginfo_t si = {0};
                if (waitid(P_PID, (id_t)r->pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0 || si.si_pid == r->pid)
                        return;
                nanosleep(&(struct timespec){.tv_nsec = 10 * 1000 * 1000}, NULL);
        }
}

int enter_run_stop(struct enter_run *r, int grace_ms, char **cause)
{
        if (r->finished) {
                enter_run_signal(r, SIGKILL, NULL);
                return 0;
        }
        int e = enter_run_signal(r, SIGTERM, cause);
        if (e < 0)
                return e;
        if (!r->reaped)
                wait_exit(r, grace_ms > 0 ? grace_ms : 0);
        enter_run_signal(r, SIGKILL, NULL);
        e = reap(r, 0, cause);
        if (e == 0)
                e = settle(r, cause);
        return e;
}

struct enter_run *enter_run_free(struct enter_run *r)
{
        if (!r)
                return NULL;
        enter_run_signal(r, SIGKILL, NULL);
        reap(r, 0, NULL);
        close_output(r);
        if (r->pidfd >= 0)
                close(r->pidfd);
        free(r->out);
        free(r);
        return NULL;
}
