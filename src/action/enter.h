/* enter.h: run a command inside another process's namespaces, as
 * nsenter(1) does, with the syscalls (never by running nsenter).
 *
 * The target is named by its identity (pid, start time): it is pinned
 * with a pidfd, then its start time is checked, so a pid that the kernel
 * has given to another process since the dialog opened is refused
 * ("pid N is now another process", -ESRCH), and so is a target that has
 * exited ("pid N has exited", -ESRCH): never a shell in the wrong place.
 *
 * How a command is started (enter_spawn and enter_run alike):
 *   caller ── fork ──> intermediate ── fork ──> command (exec)
 * The intermediate process joins the namespaces (setns(2) with the pidfd,
 * 5.8; one /proc/PID/ns/<type> fd at a time before), takes the target's
 * root and working directory, sets the user, then forks the command:
 * joining a pid or time namespace only places the caller's *children* in
 * it. The intermediate waits for the command and exits as it did (same
 * exit code, or killed by the same signal), so waitpid on it gives the
 * command's status. A failure before exec ("entering the net namespace
 * of pid 123: Operation not permitted") comes back as -errno and *cause,
 * and nothing is left running.
 *
 * Namespace masks have one bit per enum ns_type: NS_BIT(NS_NET).
 * Nothing here draws or prints; the caller restores the terminal. The
 * caller must not set SIGCHLD to SIG_IGN (children would be reaped by the
 * kernel, and waitpid could not give their status). */
#ifndef NSTOP_ACTION_ENTER_H
#define NSTOP_ACTION_ENTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/nstype.h"

#define NS_BIT(type) (1u << (type))
/* Every type nstop knows. */
#define NS_ALL_MASK (NS_BIT(NS_TYPE_COUNT) - 1u)

struct enter_opts {
        /* The target: its pid as the caller sees it, and its start time in
         * clock ticks after boot (/proc/PID/stat field 22,
         * proc_rec.start_ticks). */
        int32_t pid;
        uint64_t start_ticks;
        /* The namespaces to join: NS_BIT(type) for each. A type whose
         * namespace is the caller's own is joined all the same (nothing
         * changes, but joining mnt puts the command at its root), except
         * user, which the kernel refuses to re-enter (EINVAL) and which
         * is skipped. 0: join none (only root, cwd, user apply). */
        unsigned ns_mask;
        /* chroot into the target's root directory (/proc/PID/root), as
         * nsenter -r. Without it, joining the mount namespace puts the
         * command at that namespace's root (not the target's chroot). */
        bool take_root;
        /* chdir into the target's working directory (/proc/PID/cwd), as
         * nsenter -w. Without it the command starts in "/" when the mount
         * namespace or root is taken, else in the caller's directory.
         * The UI turns both on by default when mnt is in ns_mask. */
        bool take_cwd;
        /* true: run as the target's effective uid and gid, with its
         * supplementary groups, as it sees them (inside its user namespace
         * when that is joined). false: keep the caller's ids, except in a
         * joined user namespace, where the command becomes its uid/gid 0
         * as nsenter(1) does (the caller's ids may have no mapping there,
         * and exec would then drop every capability). */
        bool as_target_user;
        /* The command, NULL-terminated, looked up in $PATH inside the
         * target's root when taken. NULL or argv[0] NULL: the target's
         * login shell (enter_target.shell). Not used by enter_run. */
        char *const *argv;
};

/* What the enter dialog shows before anything is started. */
struct enter_target {
        /* Types whose namespace the target does not share with the caller
         * (inodes of /proc/self/ns/X and /proc/PID/ns/X differ): the
         * dialog's pre-checked boxes. */
        unsigned differ_mask;
        /* Types whose link could be read on both sides: a type missing
         * here is not supported by the kernel or not readable (EACCES when
         * the caller is not root); entering it would fail. */
        unsigned known_mask;
        /* The target's effective uid and gid as the caller sees them. */
        uint32_t uid, gid;
        /* The default command: the login shell of the target's uid (as
         * seen inside its user namespace) in <target root>/etc/passwd,
         * when that file has it and it is an executable file inside that
         * root; else "/bin/sh". malloc'd; enter_target_clear frees it. */
        char *shell;
};

/* Fills *ret for the target (pid, start_ticks): 0, or -ESRCH with *cause
 * "pid N has exited" / "pid N is now another process", or another -errno.
 * Unreadable parts are left out (known_mask), not errors. */
int enter_probe(int32_t pid, uint64_t start_ticks, struct enter_target *ret, char **cause);
void enter_target_clear(struct enter_target *t);

/* Starts o->argv inside the target with the caller's stdin, stdout and
 * stderr (restore the terminal first). 0 and *ret_pid: the intermediate
 * process, a child of the caller, to waitpid() for; its status is the
 * command's. The intermediate ignores SIGINT, SIGQUIT and SIGTSTP (as
 * system(3) does) so a Ctrl-C meant for the command does not return to
 * the caller while the command still owns the terminal; the command gets
 * every signal at its default. On failure -errno and *cause, no process
 * left: -ESRCH "pid N has exited"; -EPERM "entering the mnt namespace of
 * pid N: Operation not permitted"; "uid 0 is not mapped in the user
 * namespace of pid N"; "running CMD inside pid N: No such file or
 * directory". */
int enter_spawn(const struct enter_opts *o, pid_t *ret_pid, char **cause);

/* ---- run one command and collect its output (the `r` panel) ---------- */

/* A running command: its output so far, and its process. */
struct enter_run;

/* Starts argv (required, NULL-terminated) inside the target as
 * enter_spawn does (o->argv is not used), with stdin from /dev/null and
 * stdout and stderr into one pipe. The intermediate leads a new process
 * group that the command inherits, so enter_run_signal reaches both
 * (unless the command moves itself to another group or session).
 * max_bytes: the most output kept (at least 1); past it the pipe is closed
 * and the command gets SIGPIPE (or EPIPE) on its next write, as with
 * `cmd | head -c N`. 0 and *ret, or -errno and *cause as enter_spawn. */
int enter_run(const struct enter_opts *o, char *const argv[], size_t max_bytes, struct enter_run **ret,
              char **cause);

/* Does what is ready without blocking longer than timeout_ms (0: not at
 * all; -1: until something happens): reads the output that is there and
 * reaps the process when it has exited. 1 while the command runs or
 * output may still come; 0 once it is finished (exited and reaped, and
 * the output read to EOF, or cut, or nothing more there when it exited,
 * as when a background child of the command still holds the pipe);
 * -errno on a failed read or wait, with *cause. */
int enter_run_step(struct enter_run *r, int timeout_ms, char **cause);

/* The fds to poll(2) for POLLIN between steps: the output pipe (-1 once
 * closed) and a pidfd of the intermediate process (readable when it
 * exits; -1 if the kernel has no pidfd_open, then poll with a timeout). */
int enter_run_output_fd(const struct enter_run *r);
int enter_run_pidfd(const struct enter_run *r);

/* The output so far, its length in *ret_len; never NULL, and a NUL
 * follows the last byte (but commands may print NULs and anything else:
 * the UI sanitises). Valid until the next step or free. */
const char *enter_run_output(const struct enter_run *r, size_t *ret_len);
/* Was the output longer than max_bytes (and cut there)? */
bool enter_run_cut(const struct enter_run *r);
/* The pid of the intermediate process (the process group id too). */
pid_t enter_run_pid(const struct enter_run *r);
/* Once step returned 0: true and *ret_status, a waitpid(2) status
 * (WIFEXITED/WEXITSTATUS, WIFSIGNALED/WTERMSIG); false while running. */
bool enter_run_status(const struct enter_run *r, int *ret_status);

/* Sends sig to the command's process group (through the pidfd where
 * the kernel can, 6.9; else kill(-pgid) while the intermediate is not
 * reaped). 0 (also when it is already gone) or -errno with *cause. */
int enter_run_signal(struct enter_run *r, int sig, char **cause);
/* Interrupts: SIGTERM to the group, up to grace_ms for the intermediate
 * to exit, then SIGKILL to the group; reaps it and reads what output is
 * left without blocking. Blocks at most about grace_ms. 0 and then
 * enter_run_status holds the status, or -errno with *cause. */
int enter_run_stop(struct enter_run *r, int grace_ms, char **cause);
/* Kills what is left of the command's process group (SIGKILL: the
 * command if it still runs, and any background process it left there),
 * reaps the intermediate, closes, frees. Accepts NULL; returns NULL. */
struct enter_run *enter_run_free(struct enter_run *r);

#endif
