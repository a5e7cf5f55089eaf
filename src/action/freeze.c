/* freeze.c: freeze and thaw with a bounded wait; see freeze.h. */
#include "config.h"

#include "action/freeze.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "action/cause.h"
#include "action/cgfile.h"

static double now(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* v2: is cgroup.events (open at fd) saying "frozen WANT"? 1, 0 or -errno. */
static int events_frozen(int fd, bool want)
{
        char buf[256];
        ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
        if (n < 0)
                return -errno;
        buf[n] = '\0';
        const char *line = strstr(buf, "frozen ");
        if (!line || (line != buf && line[-1] != '\n'))
                return -EIO;
        return (line[7] == '1') == want;
}

static int wait_v2(const char *dir, bool freeze, double timeout, char **cause)
{
        char path[4096];
        snprintf(path, sizeof(path), "%s/cgroup.events", dir);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return cause_errno(cause, errno, "reading %s", path);
        double end = now() + timeout;
        int r;
        /* Read before each poll: the read arms the next notification. */
        while ((r = events_frozen(fd, freeze)) == 0) {
                double left = end - now();
                if (left <= 0) {
                        r = -ETIMEDOUT;
                        break;
                }
                struct pollfd p = {fd, POLLPRI, 0};
                if (poll(&p, 1, (int)(left * 1000) + 1) < 0 && errno != EINTR) {
                        r = -errno;
                        break;
                }
        }
        close(fd);
        if (r == -ETIMEDOUT)
                return r;
        if (r < 0)
                return cause_errno(cause, -r, "reading %s", path);
        return 0;
}

static int wait_v1(const char *dir, bool freeze, double timeout, char **cause)
{
        const char *want = freeze ? "FROZEN" : "THAWED";
        double end = now() + timeout;
        for (;;) {
                char state[64];
                int n = cgfile_read(dir, "freezer.state", state, sizeof(state), cause);
                if (n < 0)
                        return n;
                if (strncmp(state, want, strlen(want)) == 0)
                        return 0;
                if (now() >= end)
                        return -ETIMEDOUT;
                struct timespec d = {0, 10 * 1000 * 1000};
                nanosleep(&d, NULL);
        }
}

int cg_freeze(const char *dir, int version, bool freeze, double timeout, char **cause)
{
        int r = version == 2 ? cgfile_write(dir, "cgroup.freeze", freeze ? "1" : "0", cause)
                             : cgfile_write(dir, "freezer.state", freeze ? "FROZEN" : "THAWED", cause);
        if (r < 0)
                return r;
        r = version == 2 ? wait_v2(dir, freeze, timeout, cause) : wait_v1(dir, freeze, timeout, cause);
        if (r == -ETIMEDOUT)
                return cause_set(cause, ETIMEDOUT, "%s: still %s after %.0f s; the request stays in force (a task in "
                                 "uninterruptible sleep can hold it back)", dir, freeze ? "freezing" : "thawing", timeout);
        return r;
}
