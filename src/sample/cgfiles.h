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
#include "util/fdbudget.h"

/* Sets every value of c to "absent". */
void cg_rec_init(struct cgroup_rec *c);

/* The counter files of one cgroup, kept open between refreshes: a read
 * is then one pread from offset 0 (kernfs makes a file's text again when
 * it is read from its start), without opening the directory or the file.
 * files has a bit per file of the table that was kept (the counters that
 * exist there), fd one fd per bit, in table order. open: the set was
 * made (maybe empty: a hierarchy with no counter files, such as devices). */
struct cg_kept {
        int *fd;
        uint64_t files;
        bool open;
};

/* Makes k the set of counter files of the cgroup open at dirfd (closing
 * the one it held), each fd taken from b. 0; -EMFILE when b is spent,
 * -errno when a file exists but cannot be opened, -ENOMEM: then k keeps
 * none (not open) and the files are read by name. */
int cg_keep_files(int dirfd, int version, const char *controllers, struct fd_budget *b, struct cg_kept *k);

/* Closes k's files and gives their fds back to b; k is then not open. */
void cg_kept_close(struct cg_kept *k, struct fd_budget *b);

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
 * s->cg_io_devs) then already holds their values from the last read.
 *
 * kept (NULL or not open: none): the counters are read through its fds,
 * and those it lacks are taken as absent; settings are still read by name.
 * dirfd is then not used when counters_only (pass -1). -ESTALE: a kept
 * file could not be read (the cgroup removed, or a v2 controller disabled
 * in its parent): nothing is noted as a problem, c may hold some new
 * values; the caller closes the set and reads again by name. */
int cg_read_files(int dirfd, int version, const char *controllers, struct snapshot *s, struct cgroup_rec *c,
                  const char *dir_path, uint32_t *io_devs_cap, bool counters_only, const struct cg_kept *kept);

#endif
