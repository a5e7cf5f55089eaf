/* test_cgkept.c: a cgroup's counter files kept open (src/sample/cgfiles.h:
 * cg_keep_files, cg_read_files through the set, cg_kept_close). The
 * cgroup is a temporary directory with the files of a v1 memory cgroup:
 * a regular file rewritten in place is read again from offset 0 through
 * the fd kept, as a kernfs file is, so no root or cgroupfs is needed. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/snapshot.h"
#include "sample/cgfiles.h"
#include "tap.h"

static const char *const names[] = {"memory.usage_in_bytes", "memory.limit_in_bytes", "memory.failcnt",
                                    "memory.oom_control", "memory.memsw.usage_in_bytes"};

/* Rewrites name in dfd in place (same inode: a kept fd sees the text). */
static void put(int dfd, const char *name, const char *text)
{
        int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
                perror(name);
                exit(1);
        }
        close(fd);
}

static int open_fds(void)
{
        int n = 0;
        DIR *d = opendir("/proc/self/fd");
        if (!d)
                return -1;
        while (readdir(d))
                n++;
        closedir(d);
        return n;
}

/* Reads the cgroup at dfd (dirfd -1: only the kept set may be used). */
static int read_cg(int dfd, struct snapshot *s, struct cgroup_rec *c, bool counters_only, const struct cg_kept *k)
{
        uint32_t cap = s->ncg_io_devs;
        return cg_read_files(dfd, 1, "memory", s, c, "test", &cap, counters_only, k);
}

int main(void)
{
        char dir[] = "/tmp/nstop-test-cgkept.XXXXXX";
        if (!mkdtemp(dir))
                return 1;
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        put(dfd, "memory.usage_in_bytes", "1000\n");
        put(dfd, "memory.limit_in_bytes", "4096\n");
        put(dfd, "memory.failcnt", "0\n");
        put(dfd, "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
        int fds0 = open_fds();

        struct fd_budget b = {.max = 10};
        struct cg_kept k = {0};
        is_int(cg_keep_files(dfd, 1, "memory", &b, &k), 0, "keep: the counters of a v1 memory cgroup");
        ok(k.open, "the set is open");
        is_int(__builtin_popcountll(k.files), 3, "usage, failcnt and oom_control kept (no limit, no memsw file)");
        is_int(b.used, 3, "three fds taken from the budget");
        is_int(open_fds() - fds0, 3, "three files open");

        struct snapshot *s = snapshot_new();
        struct cgroup_rec c;
        cg_rec_init(&c);
        is_int(read_cg(dfd, s, &c, false, &k), 0, "full read through the set");
        is_u64(c.mem_current, 1000, "usage through its kept fd");
        is_u64(c.mem_max, 4096, "limit (a setting) by name");
        is_u64(c.oom_kill, 0, "oom_kill through its kept fd");

        put(dfd, "memory.usage_in_bytes", "2000\n");
        put(dfd, "memory.limit_in_bytes", "8192\n");
        put(dfd, "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
        put(dfd, "memory.memsw.usage_in_bytes", "5\n");
        is_int(read_cg(-1, s, &c, true, &k), 0, "counters only, without the directory");
        is_u64(c.mem_current, 2000, "the new usage, read again from offset 0");
        is_u64(c.oom_kill, 3, "the new oom_kill");
        is_u64(c.mem_max, 4096, "the limit not read (a setting)");
        is_u64(c.swap_current, U64_ABSENT, "a counter made after the set stays absent (the set is made again on events)");
        is_int(s->cg_problem.count, 0, "no problem noted");

        /* A kept file that fails: the fd of usage now reads a directory
         * (EISDIR), as a kernfs file of a removed cgroup reads ENODEV. */
        dup2(dfd, k.fd[0]);
        is_int(read_cg(-1, s, &c, true, &k), -ESTALE, "a kept file that fails: -ESTALE");
        is_int(s->cg_problem.count, 0, "and no problem noted (the caller reads by name)");
        is_int(read_cg(dfd, s, &c, true, NULL), 0, "by name");
        is_u64(c.swap_current, 5, "reads the file made since");

        cg_kept_close(&k, &b);
        ok(!k.open && !k.files && !k.fd, "closed: nothing kept");
        is_int(b.used, 0, "the fds given back");
        is_int(open_fds(), fds0, "and closed");

        b.max = 2;
        is_int(cg_keep_files(dfd, 1, "memory", &b, &k), -EMFILE, "a budget of 2 for 4 files: -EMFILE");
        ok(!k.open, "nothing kept");
        is_int(b.used, 0, "no fd taken");
        is_int(open_fds(), fds0, "none left open");
        is_int(cg_keep_files(dfd, 1, "memory", NULL, &k), -EMFILE, "no budget: -EMFILE");

        b.max = 10;
        is_int(cg_keep_files(dfd, 1, "devices", &b, &k), 0, "a hierarchy without counter files");
        ok(k.open && !k.files, "an empty set, open (no directory needed for its counters)");
        cg_kept_close(&k, &b);

        snapshot_free(s);
        close(dfd);
        for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
                char p[256];
                snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
                unlink(p);
        }
        rmdir(dir);
        return tap_done();
}
