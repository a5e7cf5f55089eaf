/* enterplan.h: the steps shared by enter_spawn and enter_run; internal
 * to src/action (enter.c, enterjoin.c, enterrun.c).
 *
 * enter_plan_open pins the target and opens, in the caller, everything
 * the intermediate process will need (pidfd, /proc/PID, its root and
 * cwd): they must be opened before any setns, which changes what paths
 * mean. enter_plan_fork starts the intermediate and waits on the error
 * pipe until the command has been exec'd or a step failed. */
#ifndef NSTOP_ACTION_ENTERPLAN_H
#define NSTOP_ACTION_ENTERPLAN_H

#include <stdbool.h>
#include <sys/types.h>

#include "action/enter.h"

struct enter_plan {
        int32_t pid;          /* the target */
        char *const *argv;    /* the command (never empty) */
        char *shell;          /* the default command, when argv was empty */
        char *shell_argv[2];  /* { shell, NULL } */
        int pidfd;            /* pins the target; -1 before 5.3 */
        int procfd;           /* /proc/PID */
        int rootfd, cwdfd;    /* O_PATH; -1 unless taken */
        unsigned mask;        /* types to join (user left out when it is ours) */
        bool as_target_user;
        int errfd;            /* write end of the error pipe (in the children) */
        int in_fd, out_fd;    /* run mode: stdin, stdout+stderr; -1: keep */
        int parent_fd;        /* run mode: the caller's read end, closed in the child
                               * (an open reader would spare the command its SIGPIPE) */
        bool new_group;       /* run mode: the intermediate leads a process group */
};

/* Pins and checks the target and opens its fds. -errno with *cause
 * ("pid N has exited") on failure, with nothing left open. */
int enter_plan_open(const struct enter_opts *o, char *const *argv, struct enter_plan *p, char **cause);
void enter_plan_close(struct enter_plan *p);

/* Forks the intermediate and returns once the command runs (0, its pid
 * in *ret_pid) or failed before exec (-errno, *cause; reaped). */
int enter_plan_fork(struct enter_plan *p, pid_t *ret_pid, char **cause);

/* The intermediate process (enterjoin.c): joins, sets up, forks and
 * execs the command, exits like it. Never returns. */
void enter_child(const struct enter_plan *p) __attribute__((noreturn));

/* The login shell of outer_uid inside the root of the process at procfd,
 * or "/bin/sh"; malloc'd, NULL only when out of memory. */
char *enter_login_shell(int procfd, uint32_t outer_uid);

#endif
