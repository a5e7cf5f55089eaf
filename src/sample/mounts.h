/* mounts.h: nstop's own mount table (/proc/self/mountinfo), shared.
 *
 * Read once, then again only when the kernel flags a change (POLLPRI on
 * the open mountinfo fd, since 2.6.15), so the namespace bind mounts
 * (nsfs.c) and the cgroup hierarchies (cgroupfs.c) cost nothing per
 * refresh. Entries point into the table and stay valid until the next
 * refresh that reports a change. */
#ifndef NSTOP_SAMPLE_MOUNTS_H
#define NSTOP_SAMPLE_MOUNTS_H

#include <stdbool.h>
#include <stddef.h>

#include "sample/parse.h"

struct mount_table;

/* proc_fd: the /proc directory (not owned). live: false for fixtures,
 * which never change. 0 or -errno. */
int mount_table_new(int proc_fd, bool live, struct mount_table **ret);
struct mount_table *mount_table_free(struct mount_table *t);

/* Re-reads the table if it changed; *ret_changed is true on the first
 * call and after every change. 0 or -errno (the old entries stay). */
int mount_table_refresh(struct mount_table *t, bool *ret_changed);
const struct mountinfo_entry *mount_table_entries(const struct mount_table *t, size_t *ret_count);

#endif
