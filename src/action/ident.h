/* ident.h: is pid still the process the user selected?
 *
 * A process is (pid, start time): the start time in clock ticks after
 * boot, /proc/PID/stat field 22, as proc_rec.start_ticks holds it. Before
 * acting on a pid, actions check it, so a pid the kernel has handed to a
 * new process is never touched. */
#ifndef NSTOP_ACTION_IDENT_H
#define NSTOP_ACTION_IDENT_H

#include <stdint.h>

/* 0 when pid is alive with this start time. -ESRCH with *cause "pid N
 * has exited" or "pid N is now another process"; other -errno when its
 * stat cannot be read. */
int ident_check(int32_t pid, uint64_t start_ticks, char **cause);

#endif
