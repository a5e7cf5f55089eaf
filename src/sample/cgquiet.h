/* cgquiet.h: the cgroups none of whose tasks ran since the last refresh.
 *
 * A task runs in its cgroup, and every run adds to that cgroup's CPU
 * usage: v1 cpuacct.usage counts nanoseconds; v2 cpu.stat usage_usec
 * counts microseconds, whose whole part moves with any run of one or
 * more. So when the usage of a process's cgroup did not move between two
 * refreshes, the process did not run, and the proc scanner need not read
 * its schedstat (the one file it reads for every process; proc.h).
 *
 * The usage of every cgroup asked about in a scan is read again before
 * the next scan (kept files, within the fd budget). A cgroup is quiet
 * when its usage read before this scan equals the one read before the
 * last: a cgroup first asked about during a scan is therefore quiet two
 * scans later at the earliest, as a value read mid-scan may postdate a
 * process's reads. Paths are those of /proc/PID/cgroup; one leaving the
 * mount ("/.." of another cgroup namespace) is never quiet. */
#ifndef NSTOP_SAMPLE_CGQUIET_H
#define NSTOP_SAMPLE_CGQUIET_H

#include <stdbool.h>
#include <stddef.h>

#include "sample/parse.h"
#include "util/fdbudget.h"

struct cgquiet;

/* dir: where the hierarchy whose usage tells is mounted, its top being
 * the cgroup "/" of /proc/PID/cgroup; version 1 (the cpuacct controller)
 * or 2. fds: the budget for kept files (NULL: none kept). 0, -errno when
 * dir cannot be opened, -ENOMEM. */
int cgquiet_new(const char *dir, int version, struct fd_budget *fds, struct cgquiet **ret);
struct cgquiet *cgquiet_free(struct cgquiet *q);

/* Before a scan: reads the usage of every cgroup asked about in the last
 * scan, and forgets the others. */
void cgquiet_refresh(struct cgquiet *q);

/* Whether the cgroup that lines[0..n) (one /proc/PID/cgroup) name in this
 * hierarchy was quiet since the last refresh (see above). false when the
 * lines name none, or it cannot be told. */
bool cgquiet_lines(struct cgquiet *q, const struct cgroup_line *lines, int n);

#endif
