/* nsbox.h: helpers of the namespace action tests (test_nsenter.c,
 * test_nscreate.c): boxes to enter, a busybox root, workers running as
 * nobody, and the cleanup of everything the tests start or make.
 *
 * Every process is tracked and, at exit or on SIGINT/SIGTERM/SIGHUP, even
 * after a failure, killed by its pid (SIGKILL) and reaped; so is any
 * other child, found in /proc/self/task/TID/children (the test is a
 * child subreaper, so orphaned grandchildren come back to it); every
 * directory made is removed (temporary dirs recursively, cgroups with
 * rmdir, retried while the kernel still holds a killed process). Tests
 * signal only processes they started. No TAP output here: the tests own
 * it. */
#ifndef NSTOP_TESTS_NSBOX_H
#define NSTOP_TESTS_NSBOX_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#define NOBODY 65534

/* Installs the exit and signal cleanup. */
void nsb_init(void);
/* Our child: killed and reaped at exit unless reaped by nsb_reap first. */
void nsb_track(pid_t pid);
/* waitpid (EINTR retried) and forget; the status or -1. */
int nsb_reap(pid_t pid);
/* SIGKILL and reap. */
void nsb_kill(pid_t pid);
/* Removed at exit: a temporary directory tree, a cgroup directory. */
void nsb_track_dir(const char *path);
void nsb_track_cgroup(const char *path);
/* rmdir, retried for up to 5 s while it is busy; 0 or -errno. */
int nsb_rmdir_cgroup(const char *path);

/* A new /tmp/nstop-test-ns-XXXXXX, mode 1777 (for workers running as
 * nobody), tracked; static storage per call site is the caller's. */
char *nsb_tmpdir(void);
/* A root directory with a static busybox (/bin/busybox copied) and links
 * for sh ash cat echo hostname id ls pwd readlink sleep, and empty
 * etc, proc, work, tmp; NULL (with a reason on stderr) when there is no
 * /bin/busybox. Tracked. */
char *nsb_busybox_root(void);

/* /proc/PID/stat field 22; pid 0: ourselves. */
int nsb_ticks(pid_t pid, uint64_t *ret);
/* Inode of /proc/PID/ns/TYPE; pid 0: ourselves. */
int nsb_ino(pid_t pid, const char *type, uint64_t *ret);
/* A whole file, malloc'd, NUL-terminated; NULL if unreadable. */
char *nsb_slurp(const char *path);
int nsb_write(const char *path, const char *text);
/* Line n (0-based) of text, copied into out (without its newline);
 * false when there are not that many lines. */
bool nsb_line(const char *text, int n, char *out, size_t cap);

/* A box to enter: an outer child that made new pid, net, uts, mnt and ipc
 * namespaces, and its child `init` (pid 1 there, named "nstop-box") that
 * set the hostname, mounted a fresh /proc (in root when given), chrooted
 * into root (when given), went to cwd (when given), reaps what is
 * orphaned to it, and pauses. The init dies with the outer child
 * (parent-death signal), so stopping kills the outer one by pid. */
struct nsb_box {
        pid_t outer, init;
        uint64_t init_ticks;
};
int nsb_box_start(struct nsb_box *b, const char *hostname, const char *root, const char *cwd);
void nsb_box_stop(struct nsb_box *b);

/* Forks a tracked child that runs fn(arg) and exits with its result (as
 * nobody, dumpable, when asked). */
pid_t nsb_fork(int (*fn)(void *), void *arg, bool as_nobody);
/* In a child: to nobody (groups, gid, uid) and dumpable again, so its
 * /proc/self files stay its own. 0 or -1. */
int nsb_become_nobody(void);

/* Installs a seccomp filter in the calling process: syscall nr (when
 * match_arg1, only with that second argument, low 32 bits) fails with
 * err, as on a kernel without the feature. 0 or -1. */
int nsb_deny_syscall(long nr, bool match_arg1, unsigned arg1, int err);

#endif
