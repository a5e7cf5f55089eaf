/* cgmove.h: moving a process between cgroups, and making and removing
 * cgroups. */
#ifndef NSTOP_ACTION_CGMOVE_H
#define NSTOP_ACTION_CGMOVE_H

#include <stdint.h>

/* Moves the process (all its threads: cgroup.procs) into the cgroup at
 * dir, after checking it is still the process (pid, start_ticks). */
int cg_move_proc(const char *dir, int32_t pid, uint64_t start_ticks, char **cause);

/* Is name fit for a new cgroup: not empty, not "." or "..", no '/', no
 * control characters, at most 255 bytes? 0, or -EINVAL with *cause
 * saying what is wrong. */
int cg_name_check(const char *name, char **cause);

/* Makes the child name in the cgroup at parent_dir (name checked first).
 * EEXIST and EACCES come back with the path in the cause. */
int cg_make(const char *parent_dir, const char *name, char **cause);

/* Removes the empty cgroup at dir. EBUSY is explained: it still holds
 * processes or child cgroups. */
int cg_remove(const char *dir, char **cause);

#endif
