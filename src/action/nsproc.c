/* nsproc.c: process plumbing for enter and create; see nsproc.h. */
#include "config.h"

#include "action/nsproc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "action/cause.h"
#include "action/sysnum.h"
#include "sample/parse.h"
#include "sample/readfile.h"
#include "util/num.h"

#ifndef SYS_openat2
#define SYS_openat2 437
#endif

#define NSP_PIDFD_SIGNAL_PROCESS_GROUP (1u << 2)
#define NSP_CLOSE_RANGE_CLOEXEC (1u << 2)
#define NSP_RESOLVE_IN_ROOT 0x10

/* struct open_how of openat2(2), declared here so old headers do. */
struct nsp_open_how {
        uint64_t flags, mode, resolve;
};

/* The message on the error pipe: errno, then the text. It stays under
 * PIPE_BUF, so one write(2) delivers it whole. */
struct nsp_msg {
        int err;
        char what[256];
};

int nsp_pidfd_open(pid_t pid)
{
        long fd = syscall(SYS_pidfd_open, pid, 0);
        return fd < 0 ? -errno : (int)fd;
}

int nsp_pidfd_signal_group(int pidfd, int sig)
{
        if (syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, NSP_PIDFD_SIGNAL_PROCESS_GROUP) < 0)
                return -errno;
        return 0;
}

void nsp_cloexec_from(int from)
{
        if (syscall(SYS_close_range, (unsigned)from, ~0u, NSP_CLOSE_RANGE_CLOEXEC) == 0)
                return;
        for (int fd = from; fd < 4096; fd++)
                fcntl(fd, F_SETFD, FD_CLOEXEC);
}

void nsp_close_from(int from)
{
        if (syscall(SYS_close_range, (unsigned)from, ~0u, 0) == 0)
                return;
        for (int fd = from; fd < 4096; fd++)
                close(fd);
}

static void report_v(int fd, int err, const char *fmt, va_list ap)
{
        struct nsp_msg m = {.err = err};
        vsnprintf(m.what, sizeof(m.what), fmt, ap);
        ssize_t w;
        do
                w = write(fd, &m, sizeof(m));
        while (w < 0 && errno == EINTR);
}

void nsp_report(int fd, int err, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        report_v(fd, err, fmt, ap);
        va_end(ap);
}

void nsp_fail(int fd, int err, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        report_v(fd, err, fmt, ap);
        va_end(ap);
        _exit(127);
}

int nsp_collect(int fd, char **cause)
{
        struct nsp_msg m;
        size_t got = 0;
        while (got < sizeof(m)) {
                ssize_t n = read(fd, (char *)&m + got, sizeof(m) - got);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0)
                        break;
                got += (size_t)n;
        }
        if (got == 0)
                return 0;
        if (got < sizeof(m) || m.err <= 0)
                return cause_set(cause, EIO, "the child process failed before running the command");
        m.what[sizeof(m.what) - 1] = '\0';
        return cause_errno(cause, m.err, "%s", m.what);
}

void nsp_reset_signals(void)
{
        for (int sig = 1; sig < NSIG; sig++)
                if (sig != SIGKILL && sig != SIGSTOP)
                        signal(sig, SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
}

pid_t nsp_waitpid(pid_t pid, int *status, int flags)
{
        pid_t r;
        do
                r = waitpid(pid, status, flags);
        while (r < 0 && errno == EINTR);
        return r < 0 ? -errno : r;
}

void nsp_exit_like(pid_t child)
{
        int st = 0;
        if (nsp_waitpid(child, &st, 0) < 0)
                _exit(127);
        if (WIFEXITED(st))
                _exit(WEXITSTATUS(st));
        int sig = WIFSIGNALED(st) ? WTERMSIG(st) : SIGKILL;
        /* Die of the same signal so the caller's waitpid sees it; no core
         * file of this copy of the caller. */
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        signal(sig, SIG_DFL);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, sig);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        kill(getpid(), sig);
        _exit(128 + sig);
}

int nsp_ns_inode(int procfd, const char *name, uint64_t *ret_ino)
{
        char path[32];
        struct stat st;
        snprintf(path, sizeof(path), "ns/%s", name);
        if (fstatat(procfd, path, &st, 0) < 0)
                return -errno;
        *ret_ino = (uint64_t)st.st_ino;
        return 0;
}

int nsp_self_ns_inode(const char *name, uint64_t *ret_ino)
{
        int fd = open("/proc/self", O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        int r = nsp_ns_inode(fd, name, ret_ino);
        close(fd);
        return r;
}

int nsp_open_in_root(int rootfd, const char *path, int flags)
{
        struct nsp_open_how how = {.flags = (uint64_t)(flags | O_CLOEXEC), .resolve = NSP_RESOLVE_IN_ROOT};
        long fd = syscall(SYS_openat2, rootfd, path, &how, sizeof(how));
        if (fd >= 0)
                return (int)fd;
        if (errno != ENOSYS)
                return -errno;
        /* Before 5.6: relative to the root, symlinks unguarded (only
         * read-only lookups come here). */
        while (*path == '/')
                path++;
        fd = openat(rootfd, *path ? path : ".", flags | O_CLOEXEC);
        return fd < 0 ? -errno : (int)fd;
}

int nsp_exec_in_root(int rootfd, const char *path)
{
        int fd = nsp_open_in_root(rootfd, path, O_PATH);
        if (fd < 0)
                return fd;
        struct stat st;
        int r = fstat(fd, &st) < 0 ? -errno : 0;
        close(fd);
        if (r == 0 && (!S_ISREG(st.st_mode) || !(st.st_mode & 0111)))
                r = -EACCES;
        return r;
}

int nsp_find_command(int rootfd, const char *cmd)
{
        if (!cmd || !*cmd)
                return -ENOENT;
        if (strchr(cmd, '/'))
                return nsp_exec_in_root(rootfd, cmd);
        const char *path = getenv("PATH");
        if (!path)
                path = "/bin:/usr/bin";
        int last = -ENOENT;
        for (const char *p = path;; p++) {
                const char *end = strchrnul(p, ':');
                /* An empty entry is the current directory, as in execvp. */
                const char *dir = end > p ? p : ".";
                int dlen = end > p ? (int)(end - p) : 1;
                char full[PATH_MAX];
                int n = snprintf(full, sizeof(full), "%.*s/%s", dlen, dir, cmd);
                if (n > 0 && (size_t)n < sizeof(full)) {
                        int r = nsp_exec_in_root(rootfd, full);
                        if (r == 0)
                                return 0;
                        if (r != -ENOENT && r != -ENOTDIR)
                                last = r;
                }
                if (!*end)
                        return last;
                p = end;
        }
}

/* The numbers of the "Groups:" line. */
static int parse_groups(const char *buf, struct nsp_creds *c)
{
        const char *line = strstr(buf, "\nGroups:");
        if (!line)
                return 0;
        const char *p = line + strlen("\nGroups:");
        const char *end = strchrnul(p, '\n');
        size_t max = (size_t)(end - p) / 2 + 1;
        c->groups = calloc(max, sizeof(*c->groups));
        if (!c->groups)
                return -ENOMEM;
        while (p < end) {
                while (p < end && (*p == ' ' || *p == '\t'))
                        p++;
                const char *q = p;
                while (q < end && *q != ' ' && *q != '\t')
                        q++;
                uint64_t v;
                if (q > p) {
                        if (num_parse_u64n(p, (size_t)(q - p), &v) < 0 || v > UINT32_MAX || c->ngroups >= max)
                                return -EINVAL;
                        c->groups[c->ngroups++] = (uint32_t)v;
                }
                p = q;
        }
        return 0;
}

int nsp_read_creds(int procfd, struct nsp_creds *ret)
{
        char *buf = NULL;
        ssize_t n = read_all_at(procfd, "status", 1 << 20, &buf);
        if (n < 0)
                return (int)n;
        struct pstatus st;
        struct nsp_creds c = {0};
        int r = parse_status(buf, (size_t)n, &st);
        if (r == 0)
                r = parse_groups(buf, &c);
        free(buf);
        if (r < 0) {
                nsp_creds_clear(&c);
                return r;
        }
        c.uid = st.euid;
        c.gid = st.egid;
        *ret = c;
        return 0;
}

void nsp_creds_clear(struct nsp_creds *c)
{
        free(c->groups);
        c->groups = NULL;
        c->ngroups = 0;
}
