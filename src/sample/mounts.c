/* mounts.c: the shared mount table; see mounts.h. */
#include "config.h"

#include "sample/mounts.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sample/readfile.h"

struct mount_table {
        int fd;
        bool live, loaded;
        char *buf;
        size_t buf_cap;
        struct mountinfo_entry *v;
        size_t n, cap;
};

int mount_table_new(int proc_fd, bool live, struct mount_table **ret)
{
        struct mount_table *t = calloc(1, sizeof(*t));
        if (!t)
                return -ENOMEM;
        t->live = live;
        t->fd = openat(proc_fd, "self/mountinfo", O_RDONLY | O_CLOEXEC);
        if (t->fd < 0) {
                int r = -errno;
                free(t);
                return r;
        }
        *ret = t;
        return 0;
}

struct mount_table *mount_table_free(struct mount_table *t)
{
        if (!t)
                return NULL;
        close(t->fd);
        free(t->buf);
        free(t->v);
        free(t);
        return NULL;
}

static bool changed(struct mount_table *t)
{
        if (!t->loaded)
                return true;
        if (!t->live)
                return false;
        struct pollfd p = {.fd = t->fd, .events = POLLPRI};
        return poll(&p, 1, 0) > 0 && (p.revents & (POLLPRI | POLLERR));
}

static int append(struct mount_table *t, const struct mountinfo_entry *e)
{
        if (t->n == t->cap) {
                size_t cap = t->cap ? t->cap * 2 : 64;
                struct mountinfo_entry *v = realloc(t->v, cap * sizeof(*v));
                if (!v)
                        return -ENOMEM;
                t->v = v;
                t->cap = cap;
        }
        t->v[t->n++] = *e;
        return 0;
}

static int reread(struct mount_table *t)
{
        /* The buffer is replaced by the read, so old entries die with it;
         * the table is emptied first so it never points into freed memory. */
        t->n = 0;
        ssize_t len = read_fd_all(t->fd, &t->buf, &t->buf_cap);
        if (len < 0)
                return (int)len;
        char *p = t->buf, *end = t->buf + len;
        while (p < end) {
                char *nl = memchr(p, '\n', (size_t)(end - p));
                char *line_end = nl ? nl : end;
                struct mountinfo_entry e;
                /* read_fd_all leaves room for a NUL after the data, so the
                 * last line's end is writable too. */
                if (parse_mountinfo_line(p, (size_t)(line_end - p), &e) == 0) {
                        int r = append(t, &e);
                        if (r < 0)
                                return r;
                }
                p = line_end + 1;
        }
        t->loaded = true;
        return 0;
}

int mount_table_refresh(struct mount_table *t, bool *ret_changed)
{
        bool c = changed(t);
        if (c) {
                int r = reread(t);
                if (r < 0)
                        return r;
        }
        *ret_changed = c;
        return 0;
}

const struct mountinfo_entry *mount_table_entries(const struct mount_table *t, size_t *ret_count)
{
        *ret_count = t->n;
        return t->v;
}
