/* enterjoin.c: the intermediate process of enter (see enter.h and
 * enterplan.h). It runs in a fresh fork of a single-threaded caller
 * (setns(2) of a user namespace refuses multithreaded callers), joins the
 * target's namespaces, takes its root and working directory, sets the
 * user, then forks and execs the command and exits as it did. Every
 * failure is reported on the error pipe before _exit: this code never
 * returns to the caller's code. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "action/enterplan.h"
#include "action/nsproc.h"
#include "sample/readfile.h"

/* Reports "what: strerror(err)" to the parent and exits. */
#define fail(p, ...) nsp_fail((p)->errfd, __VA_ARGS__)

static int clone_flags(unsigned mask)
{
        unsigned long flags = 0;
        for (int i = 0; i < NS_TYPE_COUNT; i++)
                if (mask & NS_BIT(i))
                        flags |= ns_types[i].clone_flag;
        return (int)flags;
}

static void fail_join(const struct enter_plan *p, int type, int err)
{
        if (err == ESRCH)
                fail(p, ESRCH, "pid %d has exited", (int)p->pid);
        fail(p, err, "entering the %s namespace of pid %d", ns_types[type].name, (int)p->pid);
}

/* One /proc/PID/ns/<type> fd per type, all opened before the first
 * setns: none of them is a path lookup afterwards. Opening needs ptrace
 * access to the target (EACCES without it); when setns with the pidfd
 * already said EPERM for the same refusal, that answer is kept. */
static void open_ns_fds(const struct enter_plan *p, int fds[NS_TYPE_COUNT], int pidfd_err)
{
        for (int i = 0; i < NS_TYPE_COUNT; i++) {
                if (!(p->mask & NS_BIT(i)))
                        continue;
                char path[32];
                snprintf(path, sizeof(path), "ns/%s", ns_types[i].name);
                fds[i] = openat(p->procfd, path, O_RDONLY | O_CLOEXEC);
                if (fds[i] >= 0)
                        continue;
                uint64_t ino;
                if (nsp_self_ns_inode(ns_types[i].name, &ino) == -ENOENT)
                        fail(p, EINVAL, "the %s namespace needs Linux %s or later", ns_types[i].name,
                             ns_types[i].since);
                if (errno == ENOENT || errno == ESRCH)
                        fail(p, ESRCH, "pid %d has exited", (int)p->pid);
                if (errno == EACCES)
                        fail_join(p, i, pidfd_err == EPERM ? EPERM : EACCES);
                fail(p, errno, "opening /proc/%d/%s", (int)p->pid, path);
        }
}

/* Before 5.8 (setns takes no pidfd), one namespace at a time. The order
 * matters for the user namespace only. Joining it changes the caller's
 * capabilities to those in that namespace: everything, but over the
 * namespaces it owns only. So the others are joined first, with the
 * caller's own privilege (root joining a container), and those refused
 * (EPERM) are tried again after the user namespace, whose capabilities
 * may allow them (an unprivileged user joining a namespace that its own
 * user namespace owns). nsenter(1) does the same two passes. */
static void join_each(const struct enter_plan *p, int pidfd_err)
{
        int fds[NS_TYPE_COUNT];
        open_ns_fds(p, fds, pidfd_err);
        bool user = p->mask & NS_BIT(NS_USER);
        unsigned later = 0;
        for (int i = 0; i < NS_TYPE_COUNT; i++) {
                if (i == NS_USER || !(p->mask & NS_BIT(i)))
                        continue;
                if (setns(fds[i], (int)ns_types[i].clone_flag) == 0)
                        continue;
                if (!user || errno != EPERM)
                        fail_join(p, i, errno);
                later |= NS_BIT(i);
        }
        if (user && setns(fds[NS_USER], CLONE_NEWUSER) < 0)
                fail_join(p, NS_USER, errno);
        for (int i = 0; i < NS_TYPE_COUNT; i++)
                if ((later & NS_BIT(i)) && setns(fds[i], (int)ns_types[i].clone_flag) < 0)
                        fail_join(p, i, errno);
        for (int i = 0; i < NS_TYPE_COUNT; i++)
                if (p->mask & NS_BIT(i))
                        close(fds[i]);
}

/* setns(pidfd, flags) (5.8) joins every namespace at once, in the right
 * order, or none. When it fails for another reason than the target's
 * exit, join_each runs the same joins one by one: on an old kernel
 * (EINVAL: not a namespace fd) that is the fallback; on a new one it
 * fails too, but names the namespace that was refused. */
static void join(const struct enter_plan *p)
{
        if (!p->mask)
                return;
        int err = 0;
        if (p->pidfd >= 0) {
                if (setns(p->pidfd, clone_flags(p->mask)) == 0)
                        return;
                err = errno;
                if (err == ESRCH)
                        fail(p, ESRCH, "pid %d has exited", (int)p->pid);
        }
        join_each(p, err);
}

/* As nsenter -r -w: fchdir to the root opened before setns, chroot("."),
 * then fchdir to the working directory. */
static void take_dirs(const struct enter_plan *p)
{
        if (p->rootfd >= 0 && (fchdir(p->rootfd) < 0 || chroot(".") < 0))
                fail(p, errno, "taking the root directory of pid %d", (int)p->pid);
        if (p->cwdfd >= 0 && fchdir(p->cwdfd) < 0)
                fail(p, errno, "taking the working directory of pid %d", (int)p->pid);
}

/* A user namespace whose setgroups file says "deny" refuses setgroups(2)
 * to everybody inside (an unprivileged gid_map needs that since 3.19):
 * the groups then stay as they are, which is not an error. */
static bool setgroups_denied(const struct enter_plan *p)
{
        char buf[16];
        return read_small_at(p->procfd, "setgroups", buf, sizeof(buf)) > 0 && strncmp(buf, "deny", 4) == 0;
}

static void set_groups(const struct enter_plan *p, const struct nsp_creds *c)
{
        gid_t *g = c->ngroups ? calloc(c->ngroups, sizeof(gid_t)) : NULL;
        if (c->ngroups && !g)
                fail(p, ENOMEM, "setting the groups inside pid %d", (int)p->pid);
        for (size_t i = 0; i < c->ngroups; i++)
                g[i] = c->groups[i];
        int r = setgroups(c->ngroups, g);
        int e = errno;
        free(g);
        if (r < 0 && !(e == EPERM && (p->mask & NS_BIT(NS_USER)) && setgroups_denied(p)))
                fail(p, e, "setting the supplementary groups inside pid %d", (int)p->pid);
}

static void fail_id(const struct enter_plan *p, const char *what, uint32_t id, int err)
{
        /* EINVAL: the id has no mapping in the current user namespace. */
        if (err == EINVAL)
                fail(p, EINVAL, "%s %u is not mapped in the user namespace of pid %d", what, id, (int)p->pid);
        fail(p, err, "becoming %s %u inside pid %d", what, id, (int)p->pid);
}

/* After the joins: /proc/PID/status, opened now, shows the target's ids
 * as the joined user namespace numbers them (the kernel maps them into
 * the opener's namespace), which is what setresuid takes. */
static void set_user(const struct enter_plan *p)
{
        bool user = p->mask & NS_BIT(NS_USER);
        if (!p->as_target_user && !user)
                return;
        struct nsp_creds c = {0};
        if (p->as_target_user) {
                int r = nsp_read_creds(p->procfd, &c);
                if (r == -ESRCH || r == -ENOENT)
                        fail(p, ESRCH, "pid %d has exited", (int)p->pid);
                if (r < 0)
                        fail(p, -r, "reading the user of pid %d", (int)p->pid);
        }
        set_groups(p, &c);
        if (setresgid(c.gid, c.gid, c.gid) < 0)
                fail_id(p, "gid", c.gid, errno);
        if (setresuid(c.uid, c.uid, c.uid) < 0)
                fail_id(p, "uid", c.uid, errno);
        nsp_creds_clear(&c);
}

static void run_command(const struct enter_plan *p) __attribute__((noreturn));

static void run_command(const struct enter_plan *p)
{
        nsp_reset_signals();
        nsp_cloexec_from(3);
        execvp(p->argv[0], p->argv);
        int e = errno;
        nsp_report(p->errfd, e, "running %s inside pid %d", p->argv[0], (int)p->pid);
        _exit(e == ENOENT ? 127 : 126);
}

static void set_stdio(const struct enter_plan *p)
{
        if (p->parent_fd >= 0)
                close(p->parent_fd);
        if (p->new_group)
                setpgid(0, 0);
        if (p->in_fd >= 0 && dup2(p->in_fd, 0) < 0)
                fail(p, errno, "entering pid %d: redirecting stdin", (int)p->pid);
        if (p->out_fd >= 0 && (dup2(p->out_fd, 1) < 0 || dup2(p->out_fd, 2) < 0))
                fail(p, errno, "entering pid %d: redirecting the output", (int)p->pid);
}

void enter_child(const struct enter_plan *p)
{
        /* The caller's handlers are the caller's business (a SIGTERM
         * must end this process, not run the UI's code in it); and, as in
         * system(3), the terminal's signals are for the command. */
        nsp_reset_signals();
        signal(SIGINT, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
        signal(SIGTSTP, SIG_IGN);
        set_stdio(p);
        join(p);
        take_dirs(p);
        set_user(p);
        /* Joining a pid or time namespace sets the namespace of the
         * caller's future children only (its own cannot change), so the
         * command is a child forked after the joins. */
        pid_t pid = fork();
        if (pid < 0 && errno == ENOMEM && (p->mask & NS_BIT(NS_PID)))
                fail(p, ENOMEM, "starting a process in the pid namespace of pid %d (its init has exited)",
                     (int)p->pid);
        if (pid < 0)
                fail(p, errno, "entering pid %d: fork", (int)p->pid);
        if (pid == 0)
                run_command(p);
        close(p->errfd);
        nsp_exit_like(pid);
}
