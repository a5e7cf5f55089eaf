/* nsproc.h: the process plumbing shared by enter.c, enterrun.c and
 * create.c; internal to src/action (the UI includes enter.h and create.h).
 *
 * - Syscalls by number (glibc wrapped pidfd_open in 2.36, openat2,
 *   clone3 and close_range not at all at the time).
 * - The error pipe: a child reports the step that failed before exec
 *   ("entering the net namespace of pid 12") and its errno through an
 *   O_CLOEXEC pipe. The pipe reaches EOF when every child holding it has
 *   exec'd or exited, so an empty read means "the command runs".
 * - Paths looked up inside another root (a target's /proc/PID/root, a
 *   chroot directory) without letting symlinks escape it.
 * Every function returns 0 or -errno unless it says otherwise. */
#ifndef NSTOP_ACTION_NSPROC_H
#define NSTOP_ACTION_NSPROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- syscalls --------------------------------------------------------- */

/* pidfd_open(2) (5.3); the fd (O_CLOEXEC) or -errno. */
int nsp_pidfd_open(pid_t pid);
/* pidfd_send_signal(2) (5.1) to the process group the pidfd's process
 * leads (PIDFD_SIGNAL_PROCESS_GROUP, 6.9); -EINVAL on older kernels. */
int nsp_pidfd_signal_group(int pidfd, int sig);
/* Marks every fd >= from close-on-exec (close_range(2) with
 * CLOSE_RANGE_CLOEXEC, 5.11; a loop over the first 4096 fds before). */
void nsp_cloexec_from(int from);
/* Closes every fd >= from (close_range(2), 5.9; a loop before). */
void nsp_close_from(int from);

/* ---- the error pipe --------------------------------------------------- */

/* Child side: writes "what: strerror(err)" to fd (the message is built
 * from fmt) and returns; the caller then _exits. Async-safe enough for a
 * child of a single-threaded parent (snprintf, write). */
void nsp_report(int fd, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Parent side: reads the pipe to EOF. 0 when the child wrote nothing;
 * else -err with *cause the child's line. */
int nsp_collect(int fd, char **cause);
/* Child side: nsp_report, then _exit(127). */
void nsp_fail(int fd, int err, const char *fmt, ...) __attribute__((noreturn, format(printf, 3, 4)));

/* ---- children --------------------------------------------------------- */

/* Before exec: every signal back to its default action and unblocked,
 * so the command does not inherit the UI's ignored SIGINT or SIGPIPE. */
void nsp_reset_signals(void);
/* The intermediate process: waits for child and exits as it did (the
 * same code, or killed by the same signal), as nsenter(1) does. Never
 * returns. */
void nsp_exit_like(pid_t child) __attribute__((noreturn));
/* waitpid that retries on EINTR; the pid or -errno. */
pid_t nsp_waitpid(pid_t pid, int *status, int flags);

/* ---- namespaces ------------------------------------------------------- */

/* The inode of dir/ns/<name> (dir: a /proc/PID directory fd). */
int nsp_ns_inode(int procfd, const char *name, uint64_t *ret_ino);
/* The inode of /proc/self/ns/<name>: -ENOENT when the kernel lacks the
 * type. */
int nsp_self_ns_inode(const char *name, uint64_t *ret_ino);

/* ---- paths inside a root ---------------------------------------------- */

/* Opens path as if rootfd were "/" (openat2 RESOLVE_IN_ROOT, 5.6: ".."
 * and absolute symlinks stay inside; plain openat before). The fd or
 * -errno. flags gets O_CLOEXEC added. */
int nsp_open_in_root(int rootfd, const char *path, int flags);
/* Is path inside the root a regular file with an execute bit? 0,
 * -ENOENT, -EACCES (not executable or not a regular file) or -errno. */
int nsp_exec_in_root(int rootfd, const char *path);
/* Finds cmd inside the root as execvp(3) would: a name with '/' is a
 * path (relative ones from the root, where the command starts), else
 * each directory of $PATH ("/bin:/usr/bin" when unset, as glibc). 0 when
 * found executable, else -ENOENT or the error of the last candidate. */
int nsp_find_command(int rootfd, const char *cmd);

/* ---- /proc/PID/status ------------------------------------------------- */

struct nsp_creds {
        uint32_t uid, gid; /* effective ids */
        uint32_t *groups;  /* supplementary groups (malloc'd) */
        size_t ngroups;
};

/* Reads procfd/status as the calling process sees it: ids are shown as
 * mapped into the user namespace of the process that opens the file. */
int nsp_read_creds(int procfd, struct nsp_creds *ret);
void nsp_creds_clear(struct nsp_creds *c);

#endif
