/* test_safety.c: the live rail of src/action/safety.c (the kernel asked at
 * the moment of acting) and the checks of cgroup names (cgmove.c). The
 * live part moves this test process into cgroups it makes
 * (nstop-test-safety-PID) and back; it needs root and skips without. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "action/cgmove.h"
#include "action/safety.h"
#include "tap.h"

static void test_names(void)
{
        static const struct {
                const char *name;
                int ok;
        } cases[] = {
                {"web", 1}, {"nstop-123", 1}, {"日本語", 1}, {"a.b", 1}, {"", 0}, {".", 0}, {"..", 0},
                {"a/b", 0}, {"tab\there", 0}, {"new\nline", 0}, {"del\x7f", 0},
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                char *cause = NULL;
                int r = cg_name_check(cases[i].name, &cause);
                char nm[300];
                snprintf(nm, sizeof(nm), "cg_name_check case %zu: %s", i, cause ? cause : "accepted");
                ok(cases[i].ok ? r == 0 : r == -EINVAL && cause != NULL, nm);
                free(cause);
        }
        char longname[300];
        memset(longname, 'x', sizeof(longname) - 1);
        longname[sizeof(longname) - 1] = '\0';
        is_int(cg_name_check(longname, NULL), -EINVAL, "cg_name_check: over 255 bytes");
}

static char made[2][256];
static char home[2][4096]; /* where this process was, to go back */

static int write_str(const char *path, const char *s)
{
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        ssize_t n = write(fd, s, strlen(s));
        int err = n < 0 ? errno : 0;
        close(fd);
        return -err;
}

static void move_self(const char *dir)
{
        char path[4200], pid[32];
        snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
        snprintf(pid, sizeof(pid), "%d", (int)getpid());
        write_str(path, pid);
}

static void cleanup(void)
{
        for (int i = 0; i < 2; i++) {
                if (home[i][0])
                        move_self(home[i]);
                if (made[i][0])
                        rmdir(made[i]);
        }
}

/* This process's path in a hierarchy, from /proc/self/cgroup. */
static void own_path(const char *controllers, char *out, size_t size)
{
        FILE *f = fopen("/proc/self/cgroup", "r");
        char line[4200];
        out[0] = '\0';
        while (f && fgets(line, sizeof(line), f)) {
                char *a = strchr(line, ':'), *b = a ? strchr(a + 1, ':') : NULL;
                if (!b)
                        continue;
                *b = '\0';
                if (strcmp(a + 1, controllers) == 0) {
                        b[strcspn(b + 1, "\n") + 1] = '\0';
                        snprintf(out, size, "%s", b + 1);
                }
        }
        if (f)
                fclose(f);
}

/* In hierarchy (mount, name as nstop calls it), the rail sees this
 * process once it is in a cgroup of ours, and not in a sibling. */
static void test_live(int k, const char *mount, const char *controllers, const char *hier)
{
        char path[256], where[4096];
        own_path(controllers, where, sizeof(where));
        snprintf(path, sizeof(path), "/nstop-test-safety-%d", (int)getpid());
        snprintf(made[k], sizeof(made[k]), "%s%s", mount, path);
        snprintf(home[k], sizeof(home[k]), "%s%s", mount, strcmp(where, "/") ? where : "");
        char nm[300];
        if (mkdir(made[k], 0755) < 0) {
                snprintf(nm, sizeof(nm), "%s: mkdir %s: %s", hier, made[k], strerror(errno));
                ok(0, nm);
                made[k][0] = home[k][0] = '\0';
                return;
        }
        snprintf(nm, sizeof(nm), "%s: an empty cgroup of ours holds none of nstop's chain", hier);
        is_int(safety_hits_live(hier, path), 0, nm);
        move_self(made[k]);
        snprintf(nm, sizeof(nm), "%s: once this process is in it, the rail sees it at once", hier);
        is_int(safety_hits_live(hier, path), (int)getpid(), nm);
        snprintf(nm, sizeof(nm), "%s: and in every cgroup above it", hier);
        is_int(safety_hits_live(hier, "/"), (int)getpid(), nm);
        move_self(home[k]);
        snprintf(nm, sizeof(nm), "%s: moved out again, the cgroup is free to freeze", hier);
        is_int(safety_hits_live(hier, path), 0, nm);
}

int main(void)
{
        test_names();
        int32_t chain[64];
        size_t n = safety_protected_live(chain, 64);
        ok(n >= 1 && chain[0] == (int32_t)getpid() && (n < 2 || chain[1] == (int32_t)getppid()),
           "protected_live: this process, then its parent");
        if (geteuid() != 0) {
                printf("# skipping the live rail checks: they move this process between cgroups, which needs root\n");
                return tap_done();
        }
        atexit(cleanup);
        if (access("/sys/fs/cgroup/freezer/cgroup.procs", F_OK) == 0)
                test_live(0, "/sys/fs/cgroup/freezer", "freezer", "freezer");
        if (access("/sys/fs/cgroup/unified/cgroup.procs", F_OK) == 0)
                test_live(1, "/sys/fs/cgroup/unified", "", "unified");
        else if (access("/sys/fs/cgroup/cgroup.procs", F_OK) == 0 && access("/sys/fs/cgroup/freezer", F_OK) != 0)
                test_live(1, "/sys/fs/cgroup", "", "unified");
        return tap_done();
}
