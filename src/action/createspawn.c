/* createspawn.c: starting a process in new namespaces; see create.h.
 *
 * The caller clone3()s the child with every new namespace but cgroup,
 * moves it into the chosen cgroup, then lets it go through a sync pipe;
 * the child sets itself up and execs, reporting a failed step on the
 * O_CLOEXEC error pipe (nsproc.h).
 *
 * Why clone3 and not fork + unshare(2): unshare(CLONE_NEWPID) places the
 * caller's later children in the new pid namespace, not the caller, so
 * the command would need one more fork and an intermediate process;
 * clone3 with CLONE_NEWPID makes the child pid 1 at once, a direct child
 * of the caller. clone3 is called without a stack, so the child goes on
 * from the same point as after fork(2), on a copy of the stack; but
 * glibc does not know of it, and its cached thread id still names the
 * parent: the child calls nothing that relies on it (raise, abort,
 * pthread_*), only plain syscalls, snprintf, execvp and _exit. */
#include "config.h"

#include "action/create.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "action/cause.h"
#include "action/cgfile.h"
#include "action/createplan.h"
#include "action/nsproc.h"

#ifndef SYS_clone3
#define SYS_clone3 435
#endif

/* struct clone_args as in 5.3 (CLONE_ARGS_SIZE_VER0, 64 bytes). */
struct nsp_clone_args {
        uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};

struct plan {
        const struct create_opts *o;
        char *const *argv;   /* NULL: hold the namespaces */
        char *shell_argv[2];
        unsigned long flags; /* clone3 flags: every new type but cgroup */
        uid_t uid;           /* the caller's effective ids, for the maps */
        gid_t gid;
        int errfd, syncfd, nullfd;
};

/* clone3, or clone(2) before 5.3 (or under a seccomp filter that hides
 * clone3), which cannot take CLONE_NEWTIME: its low byte is the exit
 * signal there. The pid, 0 in the child, or -errno. */
static pid_t clone_child(unsigned long flags)
{
        struct nsp_clone_args a = {.flags = flags, .exit_signal = SIGCHLD};
        long r = syscall(SYS_clone3, &a, sizeof(a));
        if (r < 0 && errno == ENOSYS && !(flags & CLONE_NEWTIME))
                r = syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
        return r < 0 ? -errno : (pid_t)r;
}

/* ---- the child ------------------------------------------------------------ */

/* Reports "what: strerror(err)" to the parent and exits. */
#define fail(p, ...) nsp_fail((p)->errfd, __VA_ARGS__)

static void write_proc(const struct plan *p, const char *path, const char *text)
{
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        size_t n = strlen(text);
        if (fd < 0 || write(fd, text, n) != (ssize_t)n)
                fail(p, errno, "writing '%.*s' to %s", (int)strcspn(text, "\n"), text, path);
        close(fd);
}

/* The child maps its own ids, which the kernel allows without privilege
 * in the parent namespace for exactly one line that maps the writer's
 * own effective id (user_namespaces(7)); for gid_map only once
 * setgroups(2) is denied in the namespace (since 3.19, else an
 * unprivileged user could drop a group that was denying it access).
 * /proc/self files belong to root when the process is not dumpable (a
 * caller that changed its uid is not), and then the maps could not be
 * opened: the child makes itself dumpable first (exec resets it). */
static void map_root(const struct plan *p)
{
        char line[64];
        prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
        write_proc(p, "/proc/self/setgroups", "deny");
        snprintf(line, sizeof(line), "0 %u 1\n", (unsigned)p->uid);
        write_proc(p, "/proc/self/uid_map", line);
        snprintf(line, sizeof(line), "0 %u 1\n", (unsigned)p->gid);
        write_proc(p, "/proc/self/gid_map", line);
}

/* Mounts and chroot come after the cgroup namespace, whose root is the
 * cgroup the process is in when it is made (the parent moved us there). */
static void set_up(const struct plan *p)
{
        const struct create_opts *o = p->o;
        if ((o->ns_mask & NS_BIT(NS_USER)) && o->map_root)
                map_root(p);
        if ((o->ns_mask & NS_BIT(NS_CGROUP)) && unshare(CLONE_NEWCGROUP) < 0)
                fail(p, errno, "creating the cgroup namespace");
        /* Mounts are often shared (systemd makes / shared): a mount made
         * in the new namespace would propagate back to the host's. Make
         * every mount private first, as unshare(1) does by default. */
        if ((o->ns_mask & NS_BIT(NS_MNT)) && mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
                fail(p, errno, "making the mounts private");
        if (o->hostname && *o->hostname && sethostname(o->hostname, strlen(o->hostname)) < 0)
                fail(p, errno, "setting the hostname to %s", o->hostname);
        if (o->root_dir && *o->root_dir && (chdir(o->root_dir) < 0 || chroot(".") < 0 || chdir("/") < 0))
                fail(p, errno, "changing root to %s", o->root_dir);
        /* The new proc shows the pid namespace of the process mounting it. */
        if (o->mount_proc && mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
                fail(p, errno, "mounting a fresh /proc");
}

static void detach(const struct plan *p)
{
        if (setsid() < 0)
                fail(p, errno, "detaching (setsid)");
        for (int fd = 0; fd < 3; fd++)
                if (dup2(p->nullfd, fd) < 0)
                        fail(p, errno, "detaching: redirecting to /dev/null");
}

static void hold_signal(int sig)
{
        (void)sig;
        _exit(0);
}

/* No program: the process only keeps the namespaces alive. pid 1 of a
 * pid namespace gets no signal from outside that it does not handle
 * (but SIGKILL), so SIGTERM gets a handler. */
static void hold(const struct plan *p) __attribute__((noreturn));

static void hold(const struct plan *p)
{
        struct sigaction sa = {.sa_handler = hold_signal};
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGHUP, &sa, NULL);
        prctl(PR_SET_NAME, "nstop-hold", 0, 0, 0);
        close(p->errfd); /* the caller's "started" */
        nsp_close_from(3);
        for (;;)
                pause();
}

static void create_child(const struct plan *p) __attribute__((noreturn));

static void create_child(const struct plan *p)
{
        char go = 0;
        nsp_reset_signals();
        /* Wait until the caller has moved us into the cgroup. */
        if (read(p->syncfd, &go, 1) != 1 || go != 'g')
                _exit(1);
        close(p->syncfd);
        set_up(p);
        if (p->o->background)
                detach(p);
        if (!p->argv)
                hold(p);
        nsp_cloexec_from(3);
        execvp(p->argv[0], p->argv);
        int e = errno;
        nsp_report(p->errfd, e, "running %s", p->argv[0]);
        _exit(e == ENOENT ? 127 : 126);
}

/* ---- the caller ----------------------------------------------------------- */

static int plan_init(const struct create_opts *o, struct plan *p, char **cause)
{
        *p = (struct plan){.o = o, .argv = o->argv, .uid = geteuid(), .gid = getegid(), .errfd = -1,
                           .syncfd = -1, .nullfd = -1};
        for (int i = 0; i < NS_TYPE_COUNT; i++)
                if ((o->ns_mask & NS_BIT(i)) && i != NS_CGROUP)
                        p->flags |= ns_types[i].clone_flag;
        if (!o->argv || !o->argv[0]) {
                p->shell_argv[0] = (char *)create_default_shell(o->root_dir);
                p->argv = o->background ? NULL : p->shell_argv;
        }
        if (o->background && (p->nullfd = open("/dev/null", O_RDWR | O_CLOEXEC)) < 0)
                return cause_errno(cause, errno, "opening /dev/null");
        return 0;
}

/* Moves the child into the cgroup, then lets it go; on failure it is
 * killed (it has run nothing) and reaped. */
static int release(const struct plan *p, pid_t pid, int syncfd, char **cause)
{
        int r = 0;
        if (p->o->cgroup_dir && *p->o->cgroup_dir) {
                char num[16];
                snprintf(num, sizeof(num), "%d", (int)pid);
                r = cgfile_write(p->o->cgroup_dir, "cgroup.procs", num, cause);
        }
        if (r == 0 && write(syncfd, "g", 1) != 1)
                r = cause_errno(cause, errno, "starting pid %d", (int)pid);
        close(syncfd);
        if (r < 0) {
                kill(pid, SIGKILL);
                nsp_waitpid(pid, NULL, 0);
        }
        return r;
}

static int start(struct plan *p, pid_t *ret_pid, char **cause)
{
        int ep[2], sp[2];
        if (pipe2(ep, O_CLOEXEC) < 0)
                return cause_errno(cause, errno, "creating namespaces: pipe");
        if (pipe2(sp, O_CLOEXEC) < 0) {
                close(ep[0]);
                close(ep[1]);
                return cause_errno(cause, errno, "creating namespaces: pipe");
        }
        pid_t pid = clone_child(p->flags);
        if (pid == 0) {
                close(ep[0]);
                close(sp[1]);
                p->errfd = ep[1];
                p->syncfd = sp[0];
                create_child(p);
        }
        close(ep[1]);
        close(sp[0]);
        if (pid < 0) {
                close(ep[0]);
                close(sp[1]);
                return create_refused(p->o->ns_mask, -pid, cause);
        }
        int r = release(p, pid, sp[1], cause); /* reaps on failure */
        if (r == 0) {
                r = nsp_collect(ep[0], cause);
                if (r < 0)
                        nsp_waitpid(pid, NULL, 0);
        }
        close(ep[0]);
        if (r == 0)
                *ret_pid = pid;
        return r;
}

int create_spawn(const struct create_opts *o, pid_t *ret_pid, char **cause)
{
        enum create_field field;
        int r = create_check(o, &field, cause);
        if (r < 0) {
                cause_prefix(cause, "%s", create_field_name(field));
                return r;
        }
        struct plan p;
        r = plan_init(o, &p, cause);
        if (r == 0)
                r = start(&p, ret_pid, cause);
        if (p.nullfd >= 0)
                close(p.nullfd);
        return r;
}
