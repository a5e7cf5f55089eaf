/* cgfile.h: writing one cgroup control file.
 *
 * cgroupfs takes each value in a single write(2) and answers it with the
 * errno of that write, so a value is written whole, once, and the errno
 * is reported as the kernel gave it. */
#ifndef NSTOP_ACTION_CGFILE_H
#define NSTOP_ACTION_CGFILE_H

#include <stddef.h>

/* Writes value to dir/file. 0, or -errno with *cause "writing 'VALUE' to
 * DIR/FILE: strerror". */
int cgfile_write(const char *dir, const char *file, const char *value, char **cause);

/* Reads dir/file (at most size - 1 bytes, NUL-terminated). The length,
 * or -errno with *cause "reading DIR/FILE: strerror". */
int cgfile_read(const char *dir, const char *file, char *out, size_t size, char **cause);

#endif
