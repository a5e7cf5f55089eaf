/* test_nsenter.c: entering a process's namespaces (src/action/enter*.c)
 * on the real kernel, as root (skips otherwise).
 *
 * The test makes its own targets: a box (new pid, net, uts, mnt and ipc
 * namespaces, its own hostname and /proc; nsbox.h), the same box
 * chrooted into a busybox root, processes running as nobody, and a
 * process in a user namespace. Entered commands write what they see
 * (the readlink of each /proc/self/ns link, hostname, $$, id) to files that the test
 * compares with the targets' /proc/PID/ns links. The pidfd-less path
 * (before 5.8) is forced with a seccomp filter that makes setns with the
 * combined flags fail with EINVAL, as an old kernel does. Everything is
 * killed by pid and removed at exit (nsbox.c). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <dirent.h>
#include <time.h>

#include "action/enter.h"
#include "nsbox.h"
#include "sample/parse.h"
#include "sample/readfile.h"
#include "tap.h"

#define BOX_MASK (NS_BIT(NS_MNT) | NS_BIT(NS_UTS) | NS_BIT(NS_IPC) | NS_BIT(NS_NET) | NS_BIT(NS_PID))
#define USERBOX_MASK (NS_BIT(NS_USER) | NS_BIT(NS_UTS))

static char *dir;
static struct nsb_box box;

static void skip(const char *why)
{
        printf("ok %d # skip %s\n", ++tap_n, why);
}

static bool has(const char *text, const char *part)
{
        return text && strstr(text, part);
}

/* Runs sh -c script in the target as o says; the wait status, or the
 * -errno of enter_spawn (with *cause). */
static int enter_sh(struct enter_opts *o, const char *script, char **cause)
{
        char *argv[] = {"/bin/sh", "-c", (char *)script, NULL};
        pid_t pid;
        o->argv = argv;
        int r = enter_spawn(o, &pid, cause);
        o->argv = NULL;
        if (r < 0)
                return r;
        nsb_track(pid);
        return nsb_reap(pid);
}

static bool exited_ok(int st)
{
        return st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Line i of text is "TYPE:[INODE]" and matches pid's link of that type. */
static bool same_ns(const char *text, int i, pid_t pid)
{
        char line[128];
        int type;
        uint64_t ino, want;
        return nsb_line(text, i, line, sizeof(line)) && parse_ns_link(line, strlen(line), &type, &ino) == 0 &&
               type == i && nsb_ino(pid, ns_types[i].name, &want) == 0 && ino == want;
}

/* ---- the box ------------------------------------------------------------- */

static void test_probe(void)
{
        struct enter_target t = {0};
        char *cause = NULL;
        is_int(enter_probe(box.init, box.init_ticks, &t, &cause), 0, "probe: the box");
        is_int(t.differ_mask, BOX_MASK, "probe: the box differs in mnt, uts, ipc, net, pid");
        is_int(t.known_mask, NS_ALL_MASK, "probe: every type is readable as root");
        is_int(t.uid, 0, "probe: the box runs as root");
        struct passwd *pw = getpwuid(0);
        const char *want = pw && access(pw->pw_shell, X_OK) == 0 ? pw->pw_shell : "/bin/sh";
        is_str(t.shell, want, "probe: root's login shell from the box's /etc/passwd");
        enter_target_clear(&t);
        free(cause);
}

static void test_enter_box(void)
{
        char out[256], script[4096], line[64];
        char *cause = NULL;
        snprintf(out, sizeof(out), "%s/box.out", dir);
        snprintf(script, sizeof(script),
                 "for t in mnt uts ipc net pid user cgroup time; do readlink /proc/self/ns/$t; done > %s;"
                 "hostname >> %s; echo $$ >> %s; cat /proc/1/comm >> %s", out, out, out, out);
        struct enter_opts o = {.pid = box.init, .start_ticks = box.init_ticks, .ns_mask = BOX_MASK,
                               .take_root = true, .take_cwd = true};
        int st = enter_sh(&o, script, &cause);
        ok(exited_ok(st), "enter: the command ran in the box and exited 0");
        if (st < 0)
                printf("# %s\n", cause ? cause : "?");
        char *text = nsb_slurp(out);
        for (int i = 0; i < NS_TYPE_COUNT; i++) {
                char name[64];
                snprintf(name, sizeof(name), "enter: the %s namespace is the box's", ns_types[i].name);
                ok(same_ns(text, i, box.init), name);
        }
        ok(nsb_line(text, 8, line, sizeof(line)) && strcmp(line, "nstop-box") == 0, "enter: hostname is the box's");
        ok(nsb_line(text, 9, line, sizeof(line)) && atoi(line) > 1, "enter: the command is not pid 1 of the box");
        ok(nsb_line(text, 10, line, sizeof(line)) && strcmp(line, "nstop-box") == 0,
           "enter: it sees the box's pids (pid 1 is the box's init)");
        free(text);
        free(cause);
}

static void test_gone(void)
{
        char *cause = NULL;
        struct enter_opts o = {.pid = box.init, .start_ticks = box.init_ticks + 1, .ns_mask = BOX_MASK};
        is_int(enter_sh(&o, "true", &cause), -ESRCH, "enter: a wrong start time is refused");
        ok(has(cause, "is now another process"), "enter: ... saying the pid is another process");
        pid_t pid = fork();
        if (pid == 0) {
                pause();
                _exit(0);
        }
        nsb_track(pid);
        uint64_t ticks = 0;
        nsb_ticks(pid, &ticks);
        nsb_kill(pid);
        o = (struct enter_opts){.pid = pid, .start_ticks = ticks, .ns_mask = BOX_MASK};
        is_int(enter_sh(&o, "true", &cause), -ESRCH, "enter: a target that exited is refused");
        ok(has(cause, "has exited"), "enter: ... saying it exited");
        free(cause);
}

static void test_chroot_box(void)
{
        char *root = nsb_busybox_root();
        char path[512], line[64];
        struct nsb_box cbox;
        if (!root) {
                skip("no static busybox for a chroot target");
                return;
        }
        snprintf(path, sizeof(path), "%s/etc/passwd", root);
        nsb_write(path, "root:x:0:0:root:/root:/bin/ash\n");
        snprintf(path, sizeof(path), "%s/marker", root);
        nsb_write(path, "inside-the-root\n");
        if (nsb_box_start(&cbox, "nstop-cbox", root, "/work") < 0) {
                ok(false, "chroot: start a chrooted box");
                return;
        }
        struct enter_target t = {0};
        enter_probe(cbox.init, cbox.init_ticks, &t, NULL);
        is_str(t.shell, "/bin/ash", "probe: the login shell from the target root's /etc/passwd");
        enter_target_clear(&t);
        snprintf(path, sizeof(path), "%s/etc/passwd", root);
        nsb_write(path, "root:x:0:0:root:/root:/bin/zsh\n");
        enter_probe(cbox.init, cbox.init_ticks, &t, NULL);
        is_str(t.shell, "/bin/sh", "probe: a shell missing in the target's root gives /bin/sh");
        enter_target_clear(&t);
        struct enter_opts o = {.pid = cbox.init, .start_ticks = cbox.init_ticks, .ns_mask = BOX_MASK,
                               .take_root = true, .take_cwd = true};
        int st = enter_sh(&o, "cat /marker > /out; pwd >> /out; hostname >> /out", NULL);
        ok(exited_ok(st), "chroot: the command ran (its /bin/sh is the root's busybox)");
        snprintf(path, sizeof(path), "%s/out", root);
        char *text = nsb_slurp(path);
        ok(nsb_line(text, 0, line, sizeof(line)) && strcmp(line, "inside-the-root") == 0,
           "chroot: the command's root is the target's");
        ok(nsb_line(text, 1, line, sizeof(line)) && strcmp(line, "/work") == 0,
           "chroot: its working directory is the target's");
        ok(nsb_line(text, 2, line, sizeof(line)) && strcmp(line, "nstop-cbox") == 0, "chroot: in the target's uts");
        free(text);
        nsb_box_stop(&cbox);
        free(root);
}

/* ---- users --------------------------------------------------------------- */

static int sleeper(void *arg)
{
        (void)arg;
        for (;;)
                pause();
        return 0;
}

static void test_as_target_user(void)
{
        char out[256], script[4096];
        pid_t pid = nsb_fork(sleeper, NULL, true);
        uint64_t ticks = 0;
        while (nsb_ticks(pid, &ticks) == 0) {
                struct enter_target t = {0};
                bool dropped = enter_probe(pid, ticks, &t, NULL) == 0 && t.uid == NOBODY;
                enter_target_clear(&t);
                if (dropped)
                        break;
        }
        snprintf(out, sizeof(out), "%s/user.out", dir);
        snprintf(script, sizeof(script), "id -u > %s; id -g >> %s", out, out);
        struct enter_opts o = {.pid = pid, .start_ticks = ticks, .as_target_user = true};
        ok(exited_ok(enter_sh(&o, script, NULL)), "user: a command as the target's user ran");
        char *text = nsb_slurp(out);
        is_str(text, "65534\n65534\n", "user: with the target's uid and gid");
        free(text);
        nsb_kill(pid);
}

/* A process in a new user namespace (and uts namespace, owned by it)
 * that became uid/gid `inner` there; the parent writes the maps. */
struct userbox {
        int ready[2], go[2];
        uint32_t inner;
        bool unprivileged; /* the maps are the owner's own id only */
};

static int userbox_child(void *arg)
{
        struct userbox *u = arg;
        char c;
        if (unshare(CLONE_NEWUSER) < 0 || write(u->ready[1], "u", 1) != 1 || read(u->go[0], &c, 1) != 1)
                return 1;
        if (unshare(CLONE_NEWUTS) < 0 || sethostname("nstop-userbox", 13) < 0)
                return 2;
        if (u->inner && (setresgid(u->inner, u->inner, u->inner) < 0 || setresuid(u->inner, u->inner, u->inner) < 0))
                return 3;
        if (write(u->ready[1], "r", 1) != 1)
                return 4;
        for (;;)
                pause();
        return 0;
}

static pid_t userbox_start(struct userbox *u, uint64_t *ticks)
{
        char path[64], c;
        if (pipe(u->ready) < 0 || pipe(u->go) < 0)
                return -1;
        pid_t pid = nsb_fork(userbox_child, u, false);
        if (pid < 0 || read(u->ready[0], &c, 1) != 1)
                return -1;
        const char *map = u->unprivileged ? "0 65534 1\n" : "0 100000 65536\n";
        snprintf(path, sizeof(path), "/proc/%d/setgroups", (int)pid);
        if (u->unprivileged && nsb_write(path, "deny") < 0)
                return -1;
        snprintf(path, sizeof(path), "/proc/%d/uid_map", (int)pid);
        int r = nsb_write(path, map);
        snprintf(path, sizeof(path), "/proc/%d/gid_map", (int)pid);
        if (r < 0 || nsb_write(path, map) < 0 || write(u->go[1], "g", 1) != 1 || read(u->ready[0], &c, 1) != 1)
                return -1;
        return nsb_ticks(pid, ticks) < 0 ? -1 : pid;
}

struct userjob {
        pid_t pid;
        uint64_t ticks;
        bool as_target_user, old_kernel;
        char out[256];
};

/* Enters the user box (in a child, when the seccomp filter is asked for)
 * and writes "uid gid hostname uid_map" to job->out. */
static int userbox_enter(void *arg)
{
        struct userjob *j = arg;
        char script[4096];
        if (j->old_kernel && nsb_deny_syscall(SYS_setns, true, CLONE_NEWUSER | CLONE_NEWUTS, EINVAL) < 0)
                return 10;
        snprintf(script, sizeof(script), "id -u > %s; id -g >> %s; hostname >> %s; cat /proc/self/uid_map >> %s",
                 j->out, j->out, j->out, j->out);
        struct enter_opts o = {.pid = j->pid, .start_ticks = j->ticks, .ns_mask = USERBOX_MASK,
                               .as_target_user = j->as_target_user};
        char *cause = NULL;
        int st = enter_sh(&o, script, &cause);
        if (st < 0)
                fprintf(stderr, "# userbox: %s\n", cause ? cause : "?");
        free(cause);
        return exited_ok(st) ? 0 : 11;
}

static void check_userjob(struct userjob *j, const char *how, const char *want)
{
        char name[160];
        snprintf(name, sizeof(name), "user ns (%s): entered", how);
        int r = j->old_kernel ? nsb_reap(nsb_fork(userbox_enter, j, false)) : userbox_enter(j) << 8;
        ok(exited_ok(r), name);
        char *text = nsb_slurp(j->out);
        snprintf(name, sizeof(name), "user ns (%s): ids, hostname and uid_map seen inside", how);
        ok(text && strncmp(text, want, strlen(want)) == 0, name);
        if (text && strncmp(text, want, strlen(want)) != 0)
                printf("#   got \"%s\"\n", text);
        free(text);
        unlink(j->out);
}

static void test_user_ns(void)
{
        struct userbox u = {.inner = 1000};
        struct userjob j = {0};
        j.pid = userbox_start(&u, &j.ticks);
        if (j.pid < 0) {
                ok(false, "user ns: start a target in a user namespace");
                return;
        }
        snprintf(j.out, sizeof(j.out), "%s/userns.out", dir);
        const char *as_root = "0\n0\nnstop-userbox\n         0     100000      65536\n";
        const char *as_target = "1000\n1000\nnstop-userbox\n";
        check_userjob(&j, "root inside by default", as_root);
        j.as_target_user = true;
        check_userjob(&j, "the target's ids", as_target);
        j.old_kernel = true;
        check_userjob(&j, "the target's ids, one namespace at a time", as_target);
        j.as_target_user = false;
        check_userjob(&j, "root inside, one namespace at a time", as_root);
        nsb_kill(j.pid);
}

/* As nobody: its own user namespace can be entered (with the second pass
 * when one namespace at a time), the box's net namespace cannot. */
static int nobody_job(void *arg)
{
        struct userjob *j = arg;
        struct userbox u = {.unprivileged = true};
        char *cause = NULL;
        struct enter_opts o = {.pid = box.init, .start_ticks = box.init_ticks, .ns_mask = NS_BIT(NS_NET)};
        int r = enter_sh(&o, "true", &cause);
        if (r != -EPERM || !has(cause, "entering the net namespace of pid"))
                return 20;
        free(cause);
        j->pid = userbox_start(&u, &j->ticks);
        if (j->pid < 0)
                return 21;
        if (userbox_enter(j) != 0)
                return 22;
        rename(j->out, "x"); /* keep the first answer apart */
        j->old_kernel = true;
        return nsb_reap(nsb_fork(userbox_enter, j, false)) == 0 ? 0 : 23;
}

static void test_nobody(void)
{
        struct userjob j = {0};
        char first[600];
        snprintf(j.out, sizeof(j.out), "%s/nobody.out", dir);
        snprintf(first, sizeof(first), "%s/x", dir);
        if (chdir(dir) < 0) {
                ok(false, "nobody: chdir");
                return;
        }
        int st = nsb_reap(nsb_fork(nobody_job, &j, true));
        is_int(WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0, "nobody: EPERM for the box; its own user ns entered twice");
        const char *want = "0\n0\nnstop-userbox\n         0      65534          1\n";
        char *a = nsb_slurp(first), *b = nsb_slurp(j.out);
        is_str(a, want, "nobody: root inside its own user namespace (setgroups denied there)");
        is_str(b, want, "nobody: the same one namespace at a time (uts after user)");
        free(a);
        free(b);
        if (chdir("/") < 0)
                ok(false, "chdir /");
}

/* ---- enter_run ----------------------------------------------------------- */

static int run_to_end(struct enter_run *r)
{
        int s = 1;
        for (int i = 0; i < 300 && s == 1; i++)
                s = enter_run_step(r, 100, NULL);
        return s;
}

static bool is_zombie(pid_t pid)
{
        char path[64], buf[2048];
        struct pstat st;
        snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
        ssize_t n = read_small_at(AT_FDCWD, path, buf, sizeof(buf));
        return n < 0 || parse_stat(buf, (size_t)n, &st) < 0 || st.state == 'Z';
}

/* Live processes in the box's pid namespace other than its init. (A
 * command orphaned by its intermediate goes to the intermediate's
 * reaper, in our pid namespace: here the test, a subreaper; it stays a
 * zombie until the cleanup.) */
static int box_others(void)
{
        uint64_t want, ino;
        int n = 0;
        DIR *d = opendir("/proc");
        struct dirent *e;
        nsb_ino(box.init, "pid", &want);
        while (d && (e = readdir(d))) {
                pid_t pid = atoi(e->d_name);
                if (pid > 0 && pid != box.init && nsb_ino(pid, "pid", &ino) == 0 && ino == want && !is_zombie(pid))
                        n++;
        }
        if (d)
                closedir(d);
        return n;
}

static void test_run(void)
{
        struct enter_opts o = {.pid = box.init, .start_ticks = box.init_ticks, .ns_mask = BOX_MASK,
                               .take_root = true, .take_cwd = true};
        struct enter_run *r = NULL;
        char *cause = NULL;
        int st = -1;
        size_t len;
        char *host[] = {"hostname", NULL};
        is_int(enter_run(&o, host, 4096, &r, &cause), 0, "run: hostname in the box");
        ok(r && enter_run_output_fd(r) >= 0 && enter_run_pidfd(r) >= 0, "run: fds to poll");
        is_int(r ? run_to_end(r) : -1, 0, "run: finished");
        is_str(r ? enter_run_output(r, &len) : NULL, "nstop-box\n", "run: the output is the box's hostname");
        ok(r && enter_run_status(r, &st) && exited_ok(st) && !enter_run_cut(r), "run: exit 0, not cut");
        r = enter_run_free(r);

        char *flood[] = {"sh", "-c", "while :; do echo 0123456789abcdef; done", NULL};
        is_int(enter_run(&o, flood, 1000, &r, &cause), 0, "run: endless output");
        is_int(r ? run_to_end(r) : -1, 0, "run: endless output ends once cut");
        ok(r && enter_run_output(r, &len) && len == 1000 && enter_run_cut(r), "run: cut at max_bytes, and says so");
        ok(r && enter_run_status(r, &st) && WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE,
           "run: the writer got SIGPIPE");
        r = enter_run_free(r);

        char *hang[] = {"sleep", "1000", NULL};
        is_int(enter_run(&o, hang, 100, &r, &cause), 0, "run: a command that hangs");
        is_int(r ? enter_run_step(r, 0, NULL) : -1, 1, "run: still running");
        is_int(r ? enter_run_stop(r, 200, &cause) : -1, 0, "run: interrupted");
        ok(r && enter_run_status(r, &st) && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "run: by SIGTERM, reaped");
        r = enter_run_free(r);
        int left = box_others();
        for (int i = 0; i < 100 && left; i++) {
                nanosleep(&(struct timespec){.tv_nsec = 50 * 1000 * 1000}, NULL);
                left = box_others();
        }
        is_int(left, 0, "run: nothing of it is left in the box");

        char *none[] = {"nstop-no-such-command", NULL};
        is_int(enter_run(&o, none, 100, &r, &cause), -ENOENT, "run: a missing command");
        ok(has(cause, "running nstop-no-such-command inside pid"), "run: ... says so");
        free(cause);
}

int main(void)
{
        if (geteuid() != 0) {
                printf("1..0 # SKIP needs root (namespaces of other processes); run make check as root\n");
                return 0;
        }
        nsb_init();
        dir = nsb_tmpdir();
        if (!dir || nsb_box_start(&box, "nstop-box", NULL, NULL) < 0) {
                ok(false, "start the box");
                return tap_done();
        }
        test_probe();
        test_enter_box();
        test_gone();
        test_chroot_box();
        test_as_target_user();
        test_user_ns();
        test_nobody();
        test_run();
        nsb_box_stop(&box);
        return tap_done();
}
