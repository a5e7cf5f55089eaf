/* cgfile.c: one cgroup file, written or read whole; see cgfile.h. */
#include "config.h"

#include "action/cgfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "action/cause.h"
#include "sample/readfile.h"

int cgfile_write(const char *dir, const char *file, const char *value, char **cause)
{
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, file);
        /* O_TRUNC: a no-op on cgroupfs, and what a fixture's plain file needs. */
        int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (fd < 0)
                return cause_errno(cause, errno, "writing '%s' to %s", value, path);
        size_t len = strlen(value);
        ssize_t n = write(fd, value, len);
        int err = n < 0 ? errno : (size_t)n != len ? EIO : 0;
        if (close(fd) < 0 && !err)
                err = errno;
        if (err)
                return cause_errno(cause, err, "writing '%s' to %s", value, path);
        return 0;
}

int cgfile_read(const char *dir, const char *file, char *out, size_t size, char **cause)
{
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, file);
        ssize_t n = read_small_at(AT_FDCWD, path, out, size);
        if (n < 0)
                return cause_errno(cause, (int)-n, "reading %s", path);
        return (int)n;
}
