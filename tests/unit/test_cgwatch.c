/* test_cgwatch.c: cgw_classify() on every kind of inotify event, then the
 * events the kernel really sends for a watched directory. The directory
 * is a temporary one, not a cgroup: a write to a file named cgroup.procs
 * and a kernfs write raise the same IN_MODIFY on the parent's watch. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sample/cgwatch.h"
#include "tap.h"

static void test_classify(void)
{
        static const struct {
                uint32_t mask;
                const char *name;
                enum cgw_event want;
                const char *what;
        } cases[] = {
                {IN_MODIFY, "cgroup.procs", CGW_MEMBERS, "a process written into cgroup.procs"},
                {IN_MODIFY, "tasks", CGW_MEMBERS, "a thread written into v1 tasks"},
                {IN_MODIFY, "cgroup.threads", CGW_MEMBERS, "a thread written into cgroup.threads"},
                {IN_MODIFY, "memory.max", CGW_FILES, "a limit written"},
                {IN_MODIFY, "cgroup.events", CGW_FILES, "the kernel's populated/frozen notice"},
                {IN_MODIFY, "cgroup.procsx", CGW_FILES, "a name that only starts like cgroup.procs"},
                {IN_CREATE | IN_ISDIR, "child", CGW_CHILDREN, "a child cgroup made"},
                {IN_DELETE | IN_ISDIR, "child", CGW_CHILDREN, "a child cgroup removed"},
                {IN_CREATE, "cpu.max", CGW_FILES, "a controller's file appearing"},
                {IN_DELETE, "cpu.max", CGW_FILES, "a controller's file going"},
                {IN_DELETE_SELF, "", CGW_GONE, "the directory removed"},
                {IN_IGNORED, "", CGW_GONE, "the watch dropped"},
                {IN_Q_OVERFLOW, "", CGW_OVERFLOW, "the queue overflowed"},
                {IN_ACCESS, "cgroup.procs", CGW_NONE, "a read"},
                {IN_OPEN, "cgroup.procs", CGW_NONE, "an open"},
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
                ok(cgw_classify(cases[i].mask, cases[i].name) == cases[i].want, cases[i].what);
}

struct seen {
        int wd[16];
        enum cgw_event ev[16];
        int n;
};

static void record(void *ctx, int wd, enum cgw_event ev, const char *name)
{
        (void)name;
        struct seen *s = ctx;
        if (s->n < 16) {
                s->wd[s->n] = wd;
                s->ev[s->n] = ev;
                s->n++;
        }
}

static bool saw(const struct seen *s, int wd, enum cgw_event ev)
{
        for (int i = 0; i < s->n; i++)
                if (s->wd[i] == wd && s->ev[i] == ev)
                        return true;
        return false;
}

static void write_file(const char *path, const char *text)
{
        FILE *f = fopen(path, "w");
        if (f) {
                fputs(text, f);
                fclose(f);
        }
}

static void test_live(void)
{
        char dir[] = "/tmp/nstop-test-cgwatch.XXXXXX", path[128];
        struct cgwatch *w = NULL;
        if (!mkdtemp(dir) || cgwatch_new(&w) < 0) {
                ok(false, "a temporary directory and an inotify instance");
                return;
        }
        snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
        write_file(path, "");
        int wd = cgwatch_add(w, dir);
        ok(wd >= 0, "a directory can be watched");
        ok(cgwatch_add(w, "/nonexistent/nstop-test") == -ENOENT, "a missing directory: -ENOENT");

        struct seen s = {0};
        ok(cgwatch_drain(w, record, &s) == 0 && s.n == 0, "nothing pending: drain returns at once, no event");

        write_file(path, "1234\n");
        s.n = 0;
        cgwatch_drain(w, record, &s);
        ok(saw(&s, wd, CGW_MEMBERS), "a write to its cgroup.procs: members moved");

        snprintf(path, sizeof(path), "%s/pids.max", dir);
        write_file(path, "7\n");
        s.n = 0;
        cgwatch_drain(w, record, &s);
        ok(saw(&s, wd, CGW_FILES) && !saw(&s, wd, CGW_MEMBERS), "a write to another file: its files changed");

        snprintf(path, sizeof(path), "%s/child", dir);
        mkdir(path, 0755);
        s.n = 0;
        cgwatch_drain(w, record, &s);
        ok(saw(&s, wd, CGW_CHILDREN), "a subdirectory made: its children changed");
        int cwd = cgwatch_add(w, path);
        rmdir(path);
        s.n = 0;
        cgwatch_drain(w, record, &s);
        ok(saw(&s, wd, CGW_CHILDREN), "a subdirectory removed: its parent's children changed");
        ok(saw(&s, cwd, CGW_GONE), "and the removed one's watch is gone");

        /* Reading is no change. */
        char buf[64];
        snprintf(path, sizeof(path), "%s/pids.max", dir);
        FILE *f = fopen(path, "r");
        if (f) {
                (void)!fread(buf, 1, sizeof(buf), f);
                fclose(f);
        }
        s.n = 0;
        cgwatch_drain(w, record, &s);
        ok(s.n == 0, "reading a file raises no event");

        unlink(path);
        snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
        unlink(path);
        rmdir(dir);
        cgwatch_free(w);
}

int main(void)
{
        test_classify();
        test_live();
        return tap_done();
}
