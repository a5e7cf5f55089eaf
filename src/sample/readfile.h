/* readfile.h: bounded reads of small kernel files relative to a dir fd. */
#ifndef NSTOP_SAMPLE_READFILE_H
#define NSTOP_SAMPLE_READFILE_H

#include <stddef.h>
#include <sys/types.h>

/* Reads name (relative to dirfd) into buf, at most cap - 1 bytes, and
 * NUL-terminates. Returns the length or -errno. A file longer than the
 * buffer is truncated (callers size buffers for the files they read). */
ssize_t read_small_at(int dirfd, const char *name, char *buf, size_t cap);

/* As read_small_at, on an open fd, from offset 0: procfs regenerates a
 * file kept open when it is read again from its start. */
ssize_t read_fd_small(int fd, char *buf, size_t cap);

/* As read_fd_small, for a procfs file that the kernel writes in one piece
 * (single_open: stat, schedstat, io): one read that does not fill the
 * buffer holds all of it, which saves the second read that would only
 * see the end of the file. */
ssize_t read_fd_once(int fd, char *buf, size_t cap);

/* Reads all of name, up to limit bytes, into a malloc'd buffer of just
 * its size (NUL-terminated) stored in *ret. Returns the length or -errno. */
ssize_t read_all_at(int dirfd, const char *name, size_t limit, char **ret);

/* Reads all of an open fd from offset 0 into *buf (grown as needed,
 * caller frees). Returns the length or -errno. */
ssize_t read_fd_all(int fd, char **buf, size_t *cap);

/* readlinkat into buf (NUL-terminated); the length or -errno. */
ssize_t readlink_small_at(int dirfd, const char *name, char *buf, size_t cap);

#endif
