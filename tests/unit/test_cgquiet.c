/* test_cgquiet.c: cgroups whose CPU usage did not move (src/sample/
 * cgquiet.h). The hierarchy is a temporary directory holding the usage
 * files (v2 cpu.stat, v1 cpuacct.usage), rewritten in place as the kernel
 * regenerates them, so no root or cgroupfs is needed. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sample/cgquiet.h"
#include "tap.h"

static char top[] = "/tmp/nstop-test-cgquiet.XXXXXX";

/* Writes text to top/rel (same inode: a kept fd sees the new text). */
static void put(const char *rel, const char *text)
{
        char path[512];
        snprintf(path, sizeof(path), "%s/%s", top, rel);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
                perror(path);
                exit(1);
        }
        close(fd);
}

static void mkdir_in(const char *rel)
{
        char path[512];
        snprintf(path, sizeof(path), "%s/%s", top, rel);
        if (mkdir(path, 0755) < 0) {
                perror(path);
                exit(1);
        }
}

/* The /proc/PID/cgroup of a process in path: v2 "0::path" and a v1
 * line of the given controllers. */
static bool asked(struct cgquiet *q, const char *controllers, const char *path)
{
        struct cgroup_line l[2] = {
                {.hierarchy_id = 4, .controllers = "memory", .controllers_len = 6, .path = "/elsewhere",
                 .path_len = 10},
                {.hierarchy_id = controllers[0] ? 3 : 0, .controllers = controllers,
                 .controllers_len = strlen(controllers), .path = path, .path_len = strlen(path)},
        };
        return cgquiet_lines(q, l, 2);
}

static void v2(void)
{
        mkdir_in("a");
        put("a/cpu.stat", "usage_usec 100\nuser_usec 60\nsystem_usec 40\n");
        put("cpu.stat", "usage_usec 999\n");
        struct fd_budget fds = {.max = 10};
        struct cgquiet *q;
        ok(cgquiet_new(top, 2, &fds, &q) == 0, "v2: made on a directory");
        ok(!asked(q, "", "/a"), "first asked mid-scan: not quiet (a baseline only)");
        cgquiet_refresh(q);
        ok(!asked(q, "", "/a"), "one value read before a scan: not quiet yet");
        cgquiet_refresh(q);
        ok(asked(q, "", "/a"), "the same usage before two scans: quiet");
        is_int((int)fds.used, 1, "its usage file is kept open");
        put("a/cpu.stat", "usage_usec 101\nuser_usec 61\nsystem_usec 40\n");
        cgquiet_refresh(q);
        ok(!asked(q, "", "/a"), "the usage moved by a microsecond: not quiet");
        cgquiet_refresh(q);
        ok(asked(q, "", "/a"), "and still again: quiet");
        ok(!asked(q, "cpu", "/a"), "a v1 line does not name a v2 cgroup");
        ok(!asked(q, "", "/../a"), "a path leaving the mount is never quiet");
        ok(!asked(q, "", "/missing"), "a cgroup without a usage file is not quiet");
        cgquiet_refresh(q);
        ok(!asked(q, "", "/missing"), "... nor later");
        ok(!asked(q, "", "/"), "the top: first asked");
        cgquiet_refresh(q);
        cgquiet_refresh(q); /* /a not asked in the scan between: forgotten */
        is_int((int)fds.used, 0, "a cgroup not asked about in a scan is forgotten, its file closed");
        ok(!asked(q, "", "/a"), "asked again after that: a baseline only");
        q = cgquiet_free(q);
        put("a/cpu.stat", "user_usec 1\n");
        fds = (struct fd_budget){.max = 0};
        ok(cgquiet_new(top, 2, &fds, &q) == 0, "again with no fd to keep");
        for (int i = 0; i < 3; i++) {
                ok(!asked(q, "", "/a"), "a cpu.stat without usage_usec is never quiet");
                cgquiet_refresh(q);
        }
        put("a/cpu.stat", "usage_usec 7\n");
        asked(q, "", "/a");
        cgquiet_refresh(q);
        asked(q, "", "/a");
        cgquiet_refresh(q);
        ok(asked(q, "", "/a"), "read by name each time (no budget): quiet all the same");
        cgquiet_free(q);
}

static void v1(void)
{
        mkdir_in("b");
        put("b/cpuacct.usage", "123456789\n");
        struct cgquiet *q;
        ok(cgquiet_new(top, 1, NULL, &q) == 0, "v1: made on a directory");
        for (int i = 0; i < 2; i++) {
                asked(q, "cpu,cpuacct", "/b");
                cgquiet_refresh(q);
        }
        ok(asked(q, "cpu,cpuacct", "/b"), "the line of the hierarchy with cpuacct, unchanged: quiet");
        ok(!asked(q, "cpu", "/b"), "a line of cpu alone names another hierarchy");
        put("b/cpuacct.usage", "123456790\n");
        cgquiet_refresh(q);
        ok(!asked(q, "cpu,cpuacct", "/b"), "a nanosecond more: not quiet");
        cgquiet_free(q);
}

int main(void)
{
        if (!mkdtemp(top)) {
                perror("mkdtemp");
                return 1;
        }
        struct cgquiet *q;
        ok(cgquiet_new("/nonexistent-nstop-test", 2, NULL, &q) < 0, "a missing mount directory is an error");
        v2();
        v1();
        char cmd[600];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
        if (system(cmd) != 0)
                fprintf(stderr, "# could not remove %s\n", top);
        return tap_done();
}
