/* cgfiles.h: the accounting files of one cgroup, read into its record.
 *
 * One table says which file of which version and controller fills which
 * field; a file that does not exist (controller not enabled, root
 * cgroup) leaves the field U64_ABSENT, one that exists but cannot be
 * read or parsed makes it U64_UNKNOWN and is counted in the snapshot's
 * cg_problem. Per-device IO limits (v2 io.max, v1 blkio.throttle.*_device)
 * follow the same rule device by device: see struct cg_io_dev_rec. */
#ifndef NSTOP_SAMPLE_CGFILES_H
#define NSTOP_SAMPLE_CGFILES_H

#include "model/cgtree.h" /* cg_list_has */
#include "model/snapshot.h"

/* Sets every value of c to "absent". */
void cg_rec_init(struct cgroup_rec *c);

/* Reads the files of the cgroup open at dirfd (version 1 or 2, its
 * controllers comma-separated) into c; per-device IO rows (byte counts
 * and limits, one row per device) are appended to s->cg_io_devs (grown as
 * needed, *io_devs_cap its capacity), so the cgroups must be read one
 * after the other; strings go to s->arena. dir_path
 * names the directory in the problem note. 0 or -ENOMEM.
 *
 * counters_only skips the settings: files that change only when written
 * (limits, weights) or that the kernel rewrites with a notice (cgroup.events,
 * memory.events), which inotify reports; c (and its IO rows, last in
 * s->cg_io_devs) then already holds their values from the last read. */
int cg_read_files(int dirfd, int version, const char *controllers, struct snapshot *s, struct cgroup_rec *c,
                  const char *dir_path, uint32_t *io_devs_cap, bool counters_only);

#endif
