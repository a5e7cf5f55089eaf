/* freeze.h: freezing and thawing a cgroup, v2 and v1.
 *
 * v2 writes cgroup.freeze and waits for cgroup.events to say "frozen 1"
 * (or 0): the kernel notifies pollers of that file on every change. v1
 * writes freezer.state FROZEN or THAWED; FROZEN passes through FREEZING
 * while tasks are stopped, and freezer.state has no notification, so it
 * is re-read every few milliseconds. Both freeze the whole subtree. */
#ifndef NSTOP_ACTION_FREEZE_H
#define NSTOP_ACTION_FREEZE_H

#include <stdbool.h>

/* Freezes (freeze true) or thaws the cgroup at dir and waits at most
 * timeout seconds for the kernel to finish. 0 when done; -ETIMEDOUT with
 * *cause saying the request stays in force but is not complete yet (a
 * task in uninterruptible sleep can hold a freeze back); other -errno as
 * the write or read failed. */
int cg_freeze(const char *dir, int version, bool freeze, double timeout, char **cause);

#endif
