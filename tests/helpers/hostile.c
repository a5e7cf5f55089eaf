/* hostile.c: test helper that makes untrusted names for nstop to show.
 *
 * Usage:
 *   hostile exec COMM ARGV0 [ARG...]
 *       Becomes (same PID, by execve of itself) a process whose argv is
 *       exactly ARGV0 ARG... and whose comm is COMM (any bytes but NUL,
 *       the kernel keeps 15), then prints "ready" and sleeps until killed.
 *   hostile ns COUNT DIR [NAME...] -- COMMAND [ARG...]
 *       Creates COUNT UTS namespaces, each held by a bind mount of
 *       /proc/self/ns/uts on a file DIR/<i> (DIR/NAME for the first
 *       names given, which may hold any byte but '/' and NUL), then
 *       execs COMMAND in the original UTS namespace. Run it in a private
 *       mount namespace (unshare -m --propagation private): the mounts
 *       vanish with that namespace, so nothing is left on the host even
 *       when the test is killed.
 *
 * The comm of "exec" travels in an environment variable across the exec,
 * which the new image removes again before it sleeps. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <unistd.h>

#define COMM_ENV "NSTOP_TEST_HOSTILE_COMM"

static int usage(void)
{
        fputs("usage: hostile exec COMM ARGV0 [ARG...] | hostile ns COUNT DIR [NAME...] -- COMMAND [ARG...]\n", stderr);
        return 2;
}

/* Second stage of "exec": rename, report, wait. */
static int hold_named(const char *comm)
{
        char name[16];
        snprintf(name, sizeof(name), "%s", comm);
        if (prctl(PR_SET_NAME, name, 0, 0, 0) != 0) {
                perror("hostile: PR_SET_NAME");
                return 1;
        }
        unsetenv(COMM_ENV);
        puts("ready");
        fflush(stdout);
        for (;;)
                pause();
}

static int exec_named(char **argv)
{
        if (setenv(COMM_ENV, argv[0], 1) != 0) {
                perror("hostile: setenv");
                return 1;
        }
        execv("/proc/self/exe", argv + 1);
        perror("hostile: execv /proc/self/exe");
        return 1;
}

/* One more namespace, bound on DIR/name. */
static int bind_one(const char *dir, const char *name)
{
        char path[4096];
        if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path))
                return -ENAMETOOLONG;
        int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0)
                return -errno;
        close(fd);
        if (unshare(CLONE_NEWUTS) != 0)
                return -errno;
        if (mount("/proc/self/ns/uts", path, NULL, MS_BIND, NULL) != 0)
                return -errno;
        return 0;
}

static int make_namespaces(const char *count_s, const char *dir, char **names, int nnames, char **cmd)
{
        int home = open("/proc/self/ns/uts", O_RDONLY | O_CLOEXEC);
        if (home < 0) {
                perror("hostile: /proc/self/ns/uts");
                return 1;
        }
        char *end;
        errno = 0;
        unsigned long count = strtoul(count_s, &end, 10);
        if (errno || *end || count == 0 || count > 100000)
                return usage();
        for (unsigned long i = 0; i < count; i++) {
                char num[32];
                snprintf(num, sizeof(num), "%lu", i);
                int r = bind_one(dir, i < (unsigned long)nnames ? names[i] : num);
                if (r < 0) {
                        fprintf(stderr, "hostile: namespace %lu: %s\n", i, strerror(-r));
                        return 1;
                }
        }
        /* Back home, so that COMMAND is not a member of the last one. */
        if (setns(home, CLONE_NEWUTS) != 0) {
                perror("hostile: setns");
                return 1;
        }
        execvp(cmd[0], cmd);
        fprintf(stderr, "hostile: %s: %s\n", cmd[0], strerror(errno));
        return 127;
}

int main(int argc, char **argv)
{
        const char *comm = getenv(COMM_ENV);
        if (comm)
                return hold_named(comm);
        if (argc >= 4 && !strcmp(argv[1], "exec"))
                return exec_named(argv + 2);
        if (argc >= 4 && !strcmp(argv[1], "ns")) {
                int dash = 4;
                while (dash < argc && strcmp(argv[dash], "--"))
                        dash++;
                if (dash + 1 >= argc)
                        return usage();
                return make_namespaces(argv[2], argv[3], argv + 4, dash - 4, argv + dash + 1);
        }
        return usage();
}
