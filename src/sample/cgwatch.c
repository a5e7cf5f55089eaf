/* cgwatch.c: inotify on cgroup directories; see cgwatch.h. */
#include "config.h"

#include "sample/cgwatch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

struct cgwatch {
        int fd;
};

/* IN_MODIFY: a write(2) to a file of the directory, or kernfs_notify()
 * on one; IN_CREATE / IN_DELETE: mkdir / rmdir of a child cgroup (files
 * of a cgroup are never made or removed on their own); IN_IGNORED: the
 * watch went with its directory. */
#define CGW_MASK (IN_MODIFY | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_ONLYDIR)

enum cgw_event cgw_classify(uint32_t mask, const char *name)
{
        if (mask & IN_Q_OVERFLOW)
                return CGW_OVERFLOW;
        if (mask & (IN_IGNORED | IN_DELETE_SELF))
                return CGW_GONE;
        /* A file made or removed: a controller was enabled or disabled
         * in the parent (the kernel adds or drops its files here). */
        if (mask & (IN_CREATE | IN_DELETE))
                return (mask & IN_ISDIR) ? CGW_CHILDREN : CGW_FILES;
        if (!(mask & IN_MODIFY))
                return CGW_NONE;
        if (strcmp(name, "cgroup.procs") == 0 || strcmp(name, "tasks") == 0 || strcmp(name, "cgroup.threads") == 0)
                return CGW_MEMBERS;
        return CGW_FILES;
}

int cgwatch_new(struct cgwatch **ret)
{
        struct cgwatch *w = malloc(sizeof(*w));
        if (!w)
                return -ENOMEM;
        w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (w->fd < 0) {
                int r = -errno;
                free(w);
                return r;
        }
        *ret = w;
        return 0;
}

struct cgwatch *cgwatch_free(struct cgwatch *w)
{
        if (w) {
                close(w->fd);
                free(w);
        }
        return NULL;
}

int cgwatch_add(struct cgwatch *w, const char *path)
{
        int wd = inotify_add_watch(w->fd, path, CGW_MASK);
        return wd < 0 ? -errno : wd;
}

void cgwatch_remove(struct cgwatch *w, int wd)
{
        /* EINVAL when the kernel already dropped it with its directory. */
        (void)inotify_rm_watch(w->fd, wd);
}

int cgwatch_drain(struct cgwatch *w, void (*fn)(void *ctx, int wd, enum cgw_event ev, const char *name), void *ctx)
{
        char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
        for (;;) {
                ssize_t n = read(w->fd, buf, sizeof(buf));
                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0)
                        return errno == EAGAIN ? 0 : -errno;
                if (n == 0)
                        return 0;
                for (ssize_t off = 0; off + (ssize_t)sizeof(struct inotify_event) <= n;) {
                        const struct inotify_event *ev = (const struct inotify_event *)(buf + off);
                        /* The name is NUL-padded by the kernel; an event
                         * on the directory itself has none. */
                        const char *name = ev->len ? ev->name : "";
                        enum cgw_event kind = cgw_classify(ev->mask, name);
                        if (kind != CGW_NONE)
                                fn(ctx, ev->wd, kind, name);
                        off += (ssize_t)sizeof(struct inotify_event) + ev->len;
                }
        }
}
