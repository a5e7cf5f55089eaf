/* fdio.h: whole writes to a file descriptor.
 *
 * write(2) may write less than asked (pipes, signals); output that must
 * arrive whole (a snapshot, a settings file) goes through here. */
#ifndef NSTOP_UTIL_FDIO_H
#define NSTOP_UTIL_FDIO_H

#include <stddef.h>

/* Writes all n bytes, retrying on EINTR and short writes; 0 or -errno. */
int write_all(int fd, const void *p, size_t n);

#endif
