/* test_nscreate.c: creating namespaces (src/action/create*.c) on the
 * real kernel, as root (skips otherwise).
 *
 * Bad input first, while the test has no child, so "nothing started"
 * is checked as "still no child". Then processes in new namespaces, in
 * the foreground (the test waits for them: their commands write what
 * they see to files) and in the background (a holder the test inspects
 * through /proc, then kills by pid), with a busybox root, mapped to root
 * in a new user namespace as root and as nobody, and started in v2 and
 * v1 cgroups named nstop-test-ns-PID. Everything is killed, reaped and
 * removed at exit, even on failure (nsbox.c). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "action/create.h"
#include "nsbox.h"
#include "sample/parse.h"
#include "tap.h"

#define V2_ROOT "/sys/fs/cgroup/unified"

static char *dir, *root;

static void skip(const char *why)
{
        printf("ok %d # skip %s\n", ++tap_n, why);
}

static bool has(const char *text, const char *part)
{
        return text && strstr(text, part);
}

static bool exited_ok(int st)
{
        return st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static bool no_children(void)
{
        return waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD;
}

/* create_check's answer is err, on field, with a cause holding part. */
static void check_bad(const struct create_opts *o, int err, enum create_field field, const char *part,
                      const char *name)
{
        enum create_field f = CREATE_FIELD_NONE;
        char *cause = NULL;
        int r = create_check(o, &f, &cause);
        ok(r == -err && f == field && has(cause, part), name);
        if (r != -err || f != field || !has(cause, part))
                printf("#   got %d, field %s, \"%s\"\n", r, create_field_name(f), cause ? cause : "");
        free(cause);
}

static void test_checks(void)
{
        struct create_opts o = {.ns_mask = CREATE_DEFAULT_MASK, .mount_proc = true};
        enum create_field f = CREATE_FIELD_COMMAND;
        is_int(create_check(&o, &f, NULL), 0, "check: the dialog's defaults are valid");
        is_int(f, CREATE_FIELD_NONE, "check: ... blaming no field");
        is_str(create_field_name(CREATE_FIELD_ROOT), "root directory", "check: field names");

        o.root_dir = "/nonexistent/nstop-test-ns";
        check_bad(&o, ENOENT, CREATE_FIELD_ROOT, "does not exist", "check: a missing root directory");
        o.root_dir = "/etc/passwd";
        check_bad(&o, ENOTDIR, CREATE_FIELD_ROOT, "is not a directory", "check: a root that is a file");
        o.root_dir = dir;
        check_bad(&o, ENOENT, CREATE_FIELD_ROOT, "has no proc directory", "check: a root without /proc for mount_proc");
        if (root) {
                char *nosuch[] = {"/bin/nstop-nosuch", NULL}, *bare[] = {"nstop-nosuch", NULL}, *sh[] = {"sh", NULL};
                o.root_dir = root;
                o.argv = nosuch;
                check_bad(&o, ENOENT, CREATE_FIELD_COMMAND, "is not in", "check: a command missing in the root");
                o.argv = bare;
                check_bad(&o, ENOENT, CREATE_FIELD_COMMAND, "is not in", "check: ... also searched in $PATH");
                o.argv = sh;
                is_int(create_check(&o, NULL, NULL), 0, "check: sh is found in the root's /bin");
                o.argv = NULL;
                o.background = true;
                is_int(create_check(&o, NULL, NULL), 0, "check: a background holder needs no command");
                setenv("SHELL", "/bin/bash", 1);
                is_str(create_default_shell(root), "/bin/sh", "check: $SHELL missing in the root gives /bin/sh");
                is_str(create_default_shell(NULL), access("/bin/bash", X_OK) == 0 ? "/bin/bash" : "/bin/sh",
                       "check: else $SHELL");
        }
        o = (struct create_opts){.ns_mask = CREATE_DEFAULT_MASK};
        const char *bad_names[] = {"-box", "a b", "box!", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
        for (size_t i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++) {
                o.hostname = bad_names[i];
                check_bad(&o, EINVAL, CREATE_FIELD_HOSTNAME, "a hostname is", "check: an invalid hostname");
        }
        o.hostname = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        is_int(create_check(&o, NULL, NULL), 0, "check: a hostname of 64 bytes");
        o.ns_mask &= ~NS_BIT(NS_UTS);
        check_bad(&o, EINVAL, CREATE_FIELD_HOSTNAME, "uts", "check: a hostname without a new uts namespace");
        o = (struct create_opts){.ns_mask = NS_BIT(NS_NET), .map_root = true};
        check_bad(&o, EINVAL, CREATE_FIELD_MAP_ROOT, "user namespace", "check: map root without a user namespace");
        o = (struct create_opts){.ns_mask = NS_BIT(NS_MNT), .mount_proc = true};
        check_bad(&o, EINVAL, CREATE_FIELD_MOUNT_PROC, "pid and mount", "check: /proc without a pid namespace");
        o = (struct create_opts){.ns_mask = 1u << 20};
        check_bad(&o, EINVAL, CREATE_FIELD_NAMESPACES, "unknown", "check: an unknown type");
        o = (struct create_opts){.ns_mask = NS_BIT(NS_NET), .cgroup_dir = "nstop-test"};
        check_bad(&o, EINVAL, CREATE_FIELD_CGROUP, "absolute", "check: a relative cgroup");
        o.cgroup_dir = "/tmp";
        check_bad(&o, EINVAL, CREATE_FIELD_CGROUP, "not a cgroup", "check: a cgroup outside cgroupfs");

        char *cause = NULL;
        pid_t pid = 0;
        o = (struct create_opts){.ns_mask = CREATE_DEFAULT_MASK, .root_dir = "/nonexistent/nstop-test-ns"};
        is_int(create_spawn(&o, &pid, &cause), -ENOENT, "spawn: a missing root is refused");
        ok(has(cause, "root directory: /nonexistent/nstop-test-ns does not exist"), "spawn: ... naming the field");
        ok(no_children(), "spawn: ... and nothing was started");
        free(cause);
}

/* Starts o with sh -c script in the foreground and waits: the status, or
 * the -errno of create_spawn. */
static int run_sh(struct create_opts *o, const char *script, char **cause)
{
        char *argv[] = {"/bin/sh", "-c", (char *)script, NULL};
        pid_t pid;
        o->argv = argv;
        int r = create_spawn(o, &pid, cause);
        o->argv = NULL;
        if (r < 0)
                return r;
        nsb_track(pid);
        return nsb_reap(pid);
}

/* Line i is "TYPE:[INODE]" of type i, not ours. */
static bool new_ns(const char *text, int i)
{
        char line[128];
        int type;
        uint64_t ino, mine;
        return nsb_line(text, i, line, sizeof(line)) && parse_ns_link(line, strlen(line), &type, &ino) == 0 &&
               type == i && nsb_ino(0, ns_types[i].name, &mine) == 0 && ino != mine;
}

static void test_foreground(void)
{
        char out[256], script[4096], line[128], host[128] = "";
        char *cause = NULL;
        snprintf(out, sizeof(out), "%s/fg.out", dir);
        snprintf(script, sizeof(script),
                 "for t in mnt uts ipc net pid; do readlink /proc/self/ns/$t; done > %s; echo $$ >> %s;"
                 "hostname >> %s; ls /proc | grep -c '^[0-9]' >> %s", out, out, out, out);
        struct create_opts o = {.ns_mask = CREATE_DEFAULT_MASK, .hostname = "nstop-new", .mount_proc = true};
        int st = run_sh(&o, script, &cause);
        ok(exited_ok(st), "fg: the command ran and exited 0");
        if (st < 0)
                printf("# %s\n", cause ? cause : "?");
        char *text = nsb_slurp(out);
        for (int i = 0; i <= NS_PID; i++) {
                char name[64];
                snprintf(name, sizeof(name), "fg: a new %s namespace", ns_types[i].name);
                ok(new_ns(text, i), name);
        }
        ok(nsb_line(text, 5, line, sizeof(line)) && strcmp(line, "1") == 0, "fg: the command is pid 1 inside");
        ok(nsb_line(text, 6, line, sizeof(line)) && strcmp(line, "nstop-new") == 0, "fg: the hostname is set");
        ok(nsb_line(text, 7, line, sizeof(line)) && atoi(line) >= 1 && atoi(line) <= 3,
           "fg: a fresh /proc shows only its own processes");
        gethostname(host, sizeof(host));
        ok(strcmp(host, "nstop-new") != 0, "fg: this machine's hostname is untouched");
        free(text);
        free(cause);
}

/* A new time namespace needs clone3 (its flag is the exit signal's
 * byte for clone); before 5.3, clone(2) does the rest. */
static int clone_fallback(void *arg)
{
        const char *out = arg;
        char script[4096], *cause = NULL;
        if (nsb_deny_syscall(SYS_clone3, false, 0, ENOSYS) < 0)
                return 1;
        snprintf(script, sizeof(script), "echo $$ > %s; hostname >> %s", out, out);
        struct create_opts o = {.ns_mask = CREATE_DEFAULT_MASK, .hostname = "nstop-old", .mount_proc = true};
        if (!exited_ok(run_sh(&o, script, &cause)))
                return 2;
        o.ns_mask |= NS_BIT(NS_TIME);
        int r = run_sh(&o, "true", &cause);
        printf("# time without clone3: %s\n", cause ? cause : "");
        free(cause);
        return r == -ENOSYS ? 0 : 3;
}

static void test_time_and_clone(void)
{
        char out[256], script[4096], line[128];
        uint64_t mine = 0;
        snprintf(out, sizeof(out), "%s/time.out", dir);
        snprintf(script, sizeof(script), "readlink /proc/self/ns/time > %s", out);
        struct create_opts o = {.ns_mask = NS_BIT(NS_TIME)};
        ok(exited_ok(run_sh(&o, script, NULL)), "time: a new time namespace");
        char *text = nsb_slurp(out);
        int type = -1;
        uint64_t ino = 0;
        ok(nsb_line(text, 0, line, sizeof(line)) && parse_ns_link(line, strlen(line), &type, &ino) == 0 &&
           type == NS_TIME && nsb_ino(0, "time", &mine) == 0 && ino != mine, "time: the command is in it");
        free(text);
        int st = nsb_reap(nsb_fork(clone_fallback, out, false));
        ok(exited_ok(st), "no clone3 (ENOSYS): clone(2) makes the namespaces; time is refused");
        text = nsb_slurp(out);
        is_str(text, "1\nnstop-old\n", "no clone3: pid 1 in new namespaces all the same");
        free(text);
}

static char *proc_text(pid_t pid, const char *file)
{
        char path[64];
        snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
        return nsb_slurp(path);
}

static void test_background(void)
{
        struct create_opts o = {.ns_mask = CREATE_DEFAULT_MASK, .background = true};
        pid_t pid = 0;
        char *cause = NULL, link[64] = "", path[64];
        is_int(create_spawn(&o, &pid, &cause), 0, "bg: a holder started");
        if (pid <= 0)
                return;
        nsb_track(pid);
        char *comm = proc_text(pid, "comm");
        is_str(comm, "nstop-hold\n", "bg: named nstop-hold, no program run");
        free(comm);
        bool differ = true;
        for (int i = 0; i <= NS_PID; i++) {
                uint64_t a, b;
                differ &= nsb_ino(pid, ns_types[i].name, &a) == 0 && nsb_ino(0, ns_types[i].name, &b) == 0 && a != b;
        }
        ok(differ, "bg: its mnt, uts, ipc, net and pid namespaces are new");
        snprintf(path, sizeof(path), "/proc/%d/fd/0", (int)pid);
        ok(readlink(path, link, sizeof(link) - 1) > 0 && strcmp(link, "/dev/null") == 0, "bg: stdin is /dev/null");
        is_int(getsid(pid), pid, "bg: it leads its own session");
        kill(pid, SIGTERM);
        int st = nsb_reap(pid);
        ok(exited_ok(st), "bg: SIGTERM ends the holder (pid 1 with a handler)");

        char *sleeper[] = {"sleep", "1000", NULL};
        o.argv = sleeper;
        is_int(create_spawn(&o, &pid, &cause), 0, "bg: a command started detached");
        nsb_track(pid);
        comm = proc_text(pid, "comm");
        is_str(comm, "sleep\n", "bg: the command runs");
        free(comm);
        nsb_kill(pid);
        free(cause);
}

static void test_root(void)
{
        char path[512], link[PATH_MAX] = "";
        char *cause = NULL;
        if (!root) {
                skip("no static busybox for a new root");
                return;
        }
        struct create_opts o = {.ns_mask = NS_BIT(NS_MNT) | NS_BIT(NS_PID), .mount_proc = true, .root_dir = root};
        int st = run_sh(&o, "echo $$ > /out; pwd >> /out; ls /proc > /procs", &cause);
        ok(exited_ok(st), "root: sh of the busybox root ran");
        snprintf(path, sizeof(path), "%s/out", root);
        char *text = nsb_slurp(path);
        is_str(text, "1\n/\n", "root: pid 1, started in the new root's /");
        free(text);
        snprintf(path, sizeof(path), "%s/procs", root);
        text = nsb_slurp(path);
        ok(text && strncmp(text, "1\n", 2) == 0, "root: a fresh /proc mounted inside the root");
        free(text);

        char *sleeper[] = {"/bin/sleep", "1000", NULL};
        pid_t pid = 0;
        o.argv = sleeper;
        o.background = true;
        is_int(create_spawn(&o, &pid, &cause), 0, "root: a detached command in the new root");
        nsb_track(pid);
        snprintf(path, sizeof(path), "/proc/%d/root", (int)pid);
        ok(readlink(path, link, sizeof(link) - 1) > 0 && strcmp(link, root) == 0, "root: its /proc/PID/root is the dir");
        nsb_kill(pid);
        free(cause);
}

/* Map root in a new user namespace; the command says what it is. */
struct mapjob {
        char out[256];
        bool not_dumpable;
};

static int map_job(void *arg)
{
        struct mapjob *j = arg;
        char script[4096];
        char *cause = NULL;
        if (j->not_dumpable)
                prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); /* as after any setuid */
        snprintf(script, sizeof(script),
                 "cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups > %s; id -u >> %s; id -g >> %s;"
                 "hostname >> %s; echo $$ >> %s", j->out, j->out, j->out, j->out, j->out);
        struct create_opts o = {.ns_mask = CREATE_DEFAULT_MASK | NS_BIT(NS_USER), .map_root = true,
                                .hostname = "nstop-mapped", .mount_proc = true};
        int st = run_sh(&o, script, &cause);
        if (st < 0)
                printf("# map root: %s\n", cause ? cause : "?");
        free(cause);
        return exited_ok(st) ? 0 : 1;
}

static void check_map(struct mapjob *j, int st, const char *id, const char *name)
{
        char want[512];
        ok(exited_ok(st), name);
        snprintf(want, sizeof(want), "%10s %10s %10s\n%10s %10s %10s\ndeny\n0\n0\nnstop-mapped\n1\n", "0", id, "1", "0", id, "1");
        char *text = nsb_slurp(j->out);
        is_str(text, want, "map root: one line mapping the caller to 0, setgroups denied");
        free(text);
}

static int nobody_no_userns(void *arg)
{
        (void)arg;
        struct create_opts o = {.ns_mask = NS_BIT(NS_NET), .background = true};
        char *cause = NULL;
        pid_t pid;
        int r = create_spawn(&o, &pid, &cause);
        printf("# as nobody: %s\n", cause ? cause : "");
        return r == -EPERM && has(cause, "creating namespaces (net)") && has(cause, "needs root") ? 0 : 1;
}

static void test_map_root(void)
{
        struct mapjob j = {0};
        snprintf(j.out, sizeof(j.out), "%s/map-root.out", dir);
        check_map(&j, map_job(&j) << 8, "0", "map root: as root");
        snprintf(j.out, sizeof(j.out), "%s/map-nobody.out", dir);
        j.not_dumpable = true;
        int st = nsb_reap(nsb_fork(map_job, &j, true));
        check_map(&j, st, "65534", "map root: as nobody (not dumpable)");
        st = nsb_reap(nsb_fork(nobody_no_userns, NULL, true));
        ok(exited_ok(st), "nobody without a user namespace: EPERM, explained");
}

static bool procs_has(const char *cg, pid_t pid)
{
        char path[512], want[32];
        snprintf(path, sizeof(path), "%s/cgroup.procs", cg);
        snprintf(want, sizeof(want), "%d\n", (int)pid);
        char *text = nsb_slurp(path);
        bool found = text && (strncmp(text, want, strlen(want)) == 0 || has(text, want));
        free(text);
        return found;
}

static void test_cgroup_in(const char *hier, const char *what)
{
        char cg[256], name[128], out[256], script[4096];
        snprintf(cg, sizeof(cg), "%s/nstop-test-ns-%d", hier, (int)getpid());
        if (mkdir(cg, 0755) < 0) {
                snprintf(name, sizeof(name), "no %s hierarchy to test", what);
                skip(name);
                return;
        }
        nsb_track_cgroup(cg);
        struct create_opts o = {.ns_mask = NS_BIT(NS_NET), .background = true, .cgroup_dir = cg};
        pid_t pid = 0;
        char *cause = NULL;
        int r = create_spawn(&o, &pid, &cause);
        snprintf(name, sizeof(name), "cgroup: a holder started in a %s cgroup", what);
        is_int(r, 0, name);
        if (r == 0) {
                nsb_track(pid);
                snprintf(name, sizeof(name), "cgroup: %s cgroup.procs lists it", what);
                ok(procs_has(cg, pid), name);
                nsb_kill(pid);
        }
        if (strcmp(hier, V2_ROOT) == 0) {
                snprintf(out, sizeof(out), "%s/cgns.out", dir);
                snprintf(script, sizeof(script), "cat /proc/self/cgroup > %s", out);
                o = (struct create_opts){.ns_mask = NS_BIT(NS_CGROUP) | NS_BIT(NS_MNT), .cgroup_dir = cg};
                ok(exited_ok(run_sh(&o, script, &cause)), "cgroup: a new cgroup namespace started in the cgroup");
                char *text = nsb_slurp(out);
                ok(text && (strncmp(text, "0::/\n", 5) == 0 || has(text, "\n0::/\n")),
                   "cgroup: the cgroup is the namespace's root");
                free(text);
        }
        free(cause);
        nsb_rmdir_cgroup(cg);
}

/* A v1 cpuset cgroup with no CPUs takes no process (ENOSPC): the child
 * must be killed before it runs anything. */
static void test_cgroup_refused(void)
{
        char cg[256];
        snprintf(cg, sizeof(cg), "/sys/fs/cgroup/cpuset/nstop-test-ns-%d", (int)getpid());
        if (mkdir(cg, 0755) < 0) {
                skip("no v1 cpuset hierarchy");
                return;
        }
        nsb_track_cgroup(cg);
        struct create_opts o = {.ns_mask = NS_BIT(NS_NET), .background = true, .cgroup_dir = cg};
        pid_t pid = 0;
        char *cause = NULL;
        ok(create_spawn(&o, &pid, &cause) < 0 && has(cause, "/cgroup.procs"), "cgroup: a refused move is an error");
        ok(no_children(), "cgroup: ... and the child is gone");
        free(cause);
        nsb_rmdir_cgroup(cg);
}

int main(void)
{
        if (geteuid() != 0) {
                printf("1..0 # SKIP needs root (new namespaces, cgroups); run make check as root\n");
                return 0;
        }
        nsb_init();
        dir = nsb_tmpdir();
        root = nsb_busybox_root();
        if (!dir) {
                ok(false, "make a temporary directory");
                return tap_done();
        }
        test_checks();
        test_foreground();
        test_time_and_clone();
        test_background();
        test_root();
        test_map_root();
        test_cgroup_in(V2_ROOT, "v2");
        test_cgroup_in("/sys/fs/cgroup/pids", "v1 pids");
        test_cgroup_refused();
        return tap_done();
}
