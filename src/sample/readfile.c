/* readfile.c: bounded reads of kernel files; see readfile.h. */
#include "config.h"

#include "sample/readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

/* Reads until EOF or the buffer is full; procfs files produced by
 * seq_file may come back in several pieces. */
static ssize_t read_loop(int fd, char *buf, size_t cap, off_t start)
{
        size_t len = 0;
        while (len < cap) {
                ssize_t n = pread(fd, buf + len, cap - len, start + (off_t)len);
                if (n < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }
                if (n == 0)
                        break;
                len += (size_t)n;
        }
        return (ssize_t)len;
}

ssize_t read_fd_small(int fd, char *buf, size_t cap)
{
        ssize_t n = read_loop(fd, buf, cap - 1, 0);
        if (n < 0)
                return n;
        buf[n] = '\0';
        return n;
}

ssize_t read_fd_once(int fd, char *buf, size_t cap)
{
        ssize_t n;
        do
                n = pread(fd, buf, cap - 1, 0);
        while (n < 0 && errno == EINTR);
        if (n < 0)
                return -errno;
        if ((size_t)n == cap - 1)
                return read_fd_small(fd, buf, cap);
        buf[n] = '\0';
        return n;
}

ssize_t read_small_at(int dirfd, const char *name, char *buf, size_t cap)
{
        int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
                return -errno;
        ssize_t n = read_fd_small(fd, buf, cap);
        close(fd);
        return n;
}

ssize_t read_fd_all(int fd, char **buf, size_t *cap)
{
        size_t len = 0;
        for (;;) {
                if (*cap - len < 2) {
                        size_t ncap = *cap ? *cap * 2 : 4096;
                        char *nb = realloc(*buf, ncap);
                        if (!nb)
                                return -ENOMEM;
                        *buf = nb;
                        *cap = ncap;
                }
                ssize_t n = read_loop(fd, *buf + len, *cap - len - 1, (off_t)len);
                if (n < 0)
                        return n;
                len += (size_t)n;
                if (len < *cap - 1)
                        break;
        }
        (*buf)[len] = '\0';
        return (ssize_t)len;
}

ssize_t read_all_at(int dirfd, const char *name, size_t limit, char **ret)
{
        int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
                return -errno;
        size_t cap = 512;
        char *buf = malloc(cap);
        size_t len = 0;
        ssize_t r = 0;
        while (buf) {
                r = read_loop(fd, buf + len, cap - len - 1, (off_t)len);
                if (r < 0)
                        break;
                len += (size_t)r;
                if (len < cap - 1 || cap > limit)
                        break;
                char *nb = realloc(buf, cap * 2);
                if (!nb) {
                        r = -ENOMEM;
                        break;
                }
                buf = nb;
                cap *= 2;
        }
        close(fd);
        if (!buf)
                return -ENOMEM;
        if (r < 0) {
                free(buf);
                return r;
        }
        if (len > limit)
                len = limit;
        buf[len] = '\0';
        /* Callers keep what they read for a process's life: at its size. */
        if (len + 1 < cap) {
                char *fit = realloc(buf, len + 1);
                if (fit)
                        buf = fit;
        }
        *ret = buf;
        return (ssize_t)len;
}

ssize_t readlink_small_at(int dirfd, const char *name, char *buf, size_t cap)
{
        ssize_t n = readlinkat(dirfd, name, buf, cap - 1);
        if (n < 0)
                return -errno;
        buf[n] = '\0';
        return n;
}
