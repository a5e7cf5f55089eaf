/* enter.c: the caller's side of entering a process's namespaces (the
 * probe for the dialog, pinning the target, starting the intermediate
 * process); see enter.h. The intermediate's side is enterjoin.c, the
 * output panel's enterrun.c. */
#include "config.h"

#include "action/enter.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "action/cause.h"
#include "action/enterplan.h"
#include "action/ident.h"
#include "action/nsproc.h"
#include "sample/readfile.h"
#include "util/num.h"

#define PASSWD_MAX (4u << 20)

/* ---- the target's login shell ----------------------------------------- */

/* The uid as the target's user namespace numbers it. Its uid_map, read by
 * a process of another user namespace, has lines "INSIDE OUTSIDE COUNT"
 * with OUTSIDE in the reader's numbering (user_namespaces(7)); with no
 * line for it, the uid is kept as it is. */
static uint32_t uid_inside(int procfd, uint32_t outer)
{
        char buf[4096];
        if (read_small_at(procfd, "uid_map", buf, sizeof(buf)) < 0)
                return outer;
        for (char *line = buf, *next; *line; line = next) {
                next = strchrnul(line, '\n');
                if (*next)
                        *next++ = '\0';
                uint64_t v[3];
                int n = 0;
                char *save = NULL;
                for (char *tok = strtok_r(line, " \t", &save); tok && n < 3; tok = strtok_r(NULL, " \t", &save))
                        if (num_parse_u64(tok, &v[n++]) < 0)
                                break;
                if (n == 3 && outer >= v[1] && outer - v[1] < v[2])
                        return (uint32_t)(v[0] + (outer - v[1]));
        }
        return outer;
}

/* Reads a regular file of at most PASSWD_MAX bytes, NUL-terminated. */
static char *read_passwd(int rootfd)
{
        int fd = nsp_open_in_root(rootfd, "/etc/passwd", O_RDONLY | O_NOCTTY | O_NONBLOCK);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size >= PASSWD_MAX) {
                if (fd >= 0)
                        close(fd);
                return NULL;
        }
        char *buf = malloc((size_t)st.st_size + 1);
        ssize_t n = buf ? read(fd, buf, (size_t)st.st_size) : -1;
        close(fd);
        if (n < 0) {
                free(buf);
                return NULL;
        }
        buf[n] = '\0';
        return buf;
}

/* The shell field of uid's entry ("name:pw:uid:gid:gecos:home:shell"),
 * copied; "" for an empty one, NULL when there is no entry. */
static char *passwd_shell(char *text, uint32_t uid)
{
        for (char *line = text, *next; *line; line = next) {
                next = strchrnul(line, '\n');
                if (*next)
                        *next++ = '\0';
                char *f[7];
                int n = 0;
                for (char *p = line; n < 7 && p; n++) {
                        f[n] = p;
                        p = n < 6 ? strchr(p, ':') : NULL;
                        if (p)
                                *p++ = '\0';
                }
                uint64_t v;
                if (n == 7 && num_parse_u64(f[2], &v) == 0 && v == uid)
                        return strdup(f[6]);
        }
        return NULL;
}

char *enter_login_shell(int procfd, uint32_t outer_uid)
{
        int rootfd = openat(procfd, "root", O_PATH | O_DIRECTORY | O_CLOEXEC);
        char *shell = NULL;
        if (rootfd >= 0) {
                char *text = read_passwd(rootfd);
                shell = text ? passwd_shell(text, uid_inside(procfd, outer_uid)) : NULL;
                free(text);
                /* An empty field means /bin/sh (passwd(5)); a shell that is
                 * not there inside the root is no use either. */
                if (shell && (!*shell || nsp_exec_in_root(rootfd, shell) < 0)) {
                        free(shell);
                        shell = NULL;
                }
                close(rootfd);
        }
        return shell ? shell : strdup("/bin/sh");
}

/* ---- the probe ---------------------------------------------------------- */

static void probe_ns(int procfd, struct enter_target *t)
{
        for (int i = 0; i < NS_TYPE_COUNT; i++) {
                uint64_t mine, theirs;
                if (nsp_self_ns_inode(ns_types[i].name, &mine) < 0 ||
                    nsp_ns_inode(procfd, ns_types[i].name, &theirs) < 0)
                        continue;
                t->known_mask |= NS_BIT(i);
                if (mine != theirs)
                        t->differ_mask |= NS_BIT(i);
        }
}

/* Opens /proc/PID, then checks the identity: the directory opened first
 * names the process that had the pid then, so a matching start time
 * after the open proves it is the selected one. */
static int open_checked(int32_t pid, uint64_t start_ticks, char **cause)
{
        char path[32];
        snprintf(path, sizeof(path), "/proc/%d", (int)pid);
        int procfd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (procfd < 0 && (errno == ENOENT || errno == ESRCH))
                return cause_set(cause, ESRCH, "pid %d has exited", (int)pid);
        if (procfd < 0)
                return cause_errno(cause, errno, "opening %s", path);
        int r = ident_check(pid, start_ticks, cause);
        if (r < 0) {
                close(procfd);
                return r;
        }
        return procfd;
}

int enter_probe(int32_t pid, uint64_t start_ticks, struct enter_target *ret, char **cause)
{
        if (pid <= 0)
                return cause_set(cause, EINVAL, "no process to enter (pid %d)", (int)pid);
        int procfd = open_checked(pid, start_ticks, cause);
        if (procfd < 0)
                return procfd;
        struct enter_target t = {0};
        probe_ns(procfd, &t);
        struct nsp_creds c;
        if (nsp_read_creds(procfd, &c) == 0) {
                t.uid = c.uid;
                t.gid = c.gid;
                nsp_creds_clear(&c);
        }
        t.shell = enter_login_shell(procfd, t.uid);
        close(procfd);
        if (!t.shell)
                return cause_errno(cause, ENOMEM, "probing pid %d", (int)pid);
        *ret = t;
        return 0;
}

void enter_target_clear(struct enter_target *t)
{
        free(t->shell);
        t->shell = NULL;
}

/* ---- pinning the target ------------------------------------------------- */

/* The user namespace is left out when it is the caller's own: setns(2)
 * refuses to re-enter it (EINVAL), which would otherwise fail the whole
 * call although there is nothing to do. */
static unsigned effective_mask(int procfd, unsigned mask)
{
        uint64_t mine, theirs;
        mask &= NS_ALL_MASK;
        if ((mask & NS_BIT(NS_USER)) && nsp_self_ns_inode("user", &mine) == 0 &&
            nsp_ns_inode(procfd, "user", &theirs) == 0 && mine == theirs)
                mask &= ~NS_BIT(NS_USER);
        return mask;
}

static int open_dir_of(struct enter_plan *p, const char *name, int *ret, char **cause)
{
        int fd = openat(p->procfd, name, O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0 && (errno == ENOENT || errno == ESRCH))
                return cause_set(cause, ESRCH, "pid %d has exited", (int)p->pid);
        if (fd < 0)
                return cause_errno(cause, errno, "opening /proc/%d/%s", (int)p->pid, name);
        *ret = fd;
        return 0;
}

/* The default command: the login shell, read before anything moves. */
static int default_argv(struct enter_plan *p, char **cause)
{
        struct nsp_creds c = {0};
        if (nsp_read_creds(p->procfd, &c) < 0)
                c.uid = 0;
        nsp_creds_clear(&c);
        p->shell = enter_login_shell(p->procfd, c.uid);
        if (!p->shell)
                return cause_errno(cause, ENOMEM, "entering pid %d", (int)p->pid);
        p->shell_argv[0] = p->shell;
        p->argv = p->shell_argv;
        return 0;
}

int enter_plan_open(const struct enter_opts *o, char *const *argv, struct enter_plan *p, char **cause)
{
        *p = (struct enter_plan){.pid = o->pid, .argv = argv, .pidfd = -1, .procfd = -1, .rootfd = -1,
                                 .cwdfd = -1, .errfd = -1, .in_fd = -1, .out_fd = -1, .parent_fd = -1,
                                 .as_target_user = o->as_target_user};
        if (o->pid <= 0)
                return cause_set(cause, EINVAL, "no process to enter (pid %d)", (int)o->pid);
        /* The pidfd first: it names the process, whatever the pid
         * becomes later; -ENOSYS (before 5.3) leaves the /proc fds. */
        p->pidfd = nsp_pidfd_open(o->pid);
        if (p->pidfd == -ESRCH)
                return cause_set(cause, ESRCH, "pid %d has exited", (int)o->pid);
        int r = 0;
        if (p->pidfd < 0 && p->pidfd != -ENOSYS)
                r = cause_errno(cause, -p->pidfd, "pidfd_open of pid %d", (int)o->pid);
        if (p->pidfd < 0)
                p->pidfd = -1;
        if (r == 0)
                r = p->procfd = open_checked(o->pid, o->start_ticks, cause);
        if (r >= 0 && o->take_root)
                r = open_dir_of(p, "root", &p->rootfd, cause);
        if (r >= 0 && o->take_cwd)
                r = open_dir_of(p, "cwd", &p->cwdfd, cause);
        if (r >= 0 && (!argv || !argv[0]))
                r = default_argv(p, cause);
        if (r < 0) {
                enter_plan_close(p);
                return r;
        }
        p->mask = effective_mask(p->procfd, o->ns_mask);
        return 0;
}

void enter_plan_close(struct enter_plan *p)
{
        int *fds[] = {&p->pidfd, &p->procfd, &p->rootfd, &p->cwdfd, &p->errfd, &p->in_fd, &p->out_fd};
        /* parent_fd is the caller's: not closed here. */
        for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
                if (*fds[i] >= 0)
                        close(*fds[i]);
                *fds[i] = -1;
        }
        free(p->shell);
        p->shell = NULL;
}

int enter_plan_fork(struct enter_plan *p, pid_t *ret_pid, char **cause)
{
        int ep[2];
        if (pipe2(ep, O_CLOEXEC) < 0)
                return cause_errno(cause, errno, "entering pid %d: pipe", (int)p->pid);
        pid_t pid = fork();
        if (pid < 0) {
                int e = errno;
                close(ep[0]);
                close(ep[1]);
                return cause_errno(cause, e, "entering pid %d: fork", (int)p->pid);
        }
        if (pid == 0) {
                close(ep[0]);
                p->errfd = ep[1];
                enter_child(p);
        }
        close(ep[1]);
        /* Also set here, so a signal sent right after return finds the
         * group whichever process runs first. */
        if (p->new_group)
                setpgid(pid, pid);
        int r = nsp_collect(ep[0], cause);
        close(ep[0]);
        if (r < 0) {
                nsp_waitpid(pid, NULL, 0);
                return r;
        }
        *ret_pid = pid;
        return 0;
}

int enter_spawn(const struct enter_opts *o, pid_t *ret_pid, char **cause)
{
        struct enter_plan p;
        int r = enter_plan_open(o, o->argv, &p, cause);
        if (r < 0)
                return r;
        r = enter_plan_fork(&p, ret_pid, cause);
        enter_plan_close(&p);
        return r;
}
