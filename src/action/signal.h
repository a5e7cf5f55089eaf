/* signal.h: signals and nice values for processes and cgroups.
 *
 * A process is named by its identity (pid, start time in clock ticks as
 * /proc/PID/stat field 22 gives it, proc_rec.start_ticks), never by pid
 * alone: the signal goes through a pidfd opened before the start time is
 * checked, so a pid reused by another process is never hit. On kernels
 * before 5.3 (no pidfd_open) kill(2) follows the check instead. A pid of
 * 0 or less is refused with -EINVAL (kill(2) would read it as a group). */
#ifndef NSTOP_ACTION_SIGNAL_H
#define NSTOP_ACTION_SIGNAL_H

#include <stddef.h>
#include <stdint.h>

/* The signal menu, as htop's: number, name ("SIGTERM"), one line of what
 * it usually does. Every name is in the table once ("SIGTERM" included). */
struct signal_info {
        int sig;
        const char *name;
        const char *what;
};
extern const struct signal_info signal_table[];
extern const size_t signal_count;

/* Sends sig to the process. 0, or -errno with *cause such as "kill
 * SIGTERM to pid 123: Operation not permitted (it is another user's
 * process; only root may signal it)", "pid 123 has exited" (-ESRCH), or
 * "pid 123 is now another process" (-ESRCH). */
int signal_proc(int32_t pid, uint64_t start_ticks, int sig, char **cause);

/* Sends sig to every process in the cgroup at dir (version 1 or 2). On
 * v2, SIGKILL goes through cgroup.kill where the kernel has it (5.14+:
 * kills the whole subtree at once, no race with forks); otherwise each
 * pid of cgroup.procs is signalled through a pidfd, and only if the
 * cgroup still lists it after the pidfd was opened; a process that exits
 * meanwhile is skipped, not an error (this path reaches the cgroup's own
 * processes, not those of its child cgroups). *ret_count: the processes
 * signalled (-1 for cgroup.kill, which does not say); also set on a
 * partial failure. On a partial failure: the -errno of the first failure,
 * *cause saying how many were signalled and which failed why ("cgroup
 * DIR: 3 signalled, 1 failed, first: kill SIGTERM to pid 12: ..."). */
int signal_cgroup(const char *dir, int version, int sig, int *ret_count, char **cause);

/* Sets the nice value (-20..19) of the process. EACCES/EPERM are
 * explained: lowering a nice value needs root (CAP_SYS_NICE), and only
 * root may renice another user's process. A value out of range is
 * -EINVAL before anything else is done. */
int renice_proc(int32_t pid, uint64_t start_ticks, int nice, char **cause);

#endif
