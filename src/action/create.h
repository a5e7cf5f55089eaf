/* create.h: start a process in new namespaces, as unshare(1) does, with
 * the syscalls (never by running unshare).
 *
 * create_check validates the options and names the field at fault, for
 * the dialog to point at; create_spawn checks again, then starts the
 * process: clone3(2) with the new namespaces' CLONE_NEW* flags, so the
 * process is itself pid 1 of a new pid namespace (unshare(2) would only
 * place the caller's later children there). The kernel creates the user
 * namespace first and makes it the owner of the others, which is what
 * lets an unprivileged user create them. In the child, in this order:
 * uid/gid maps, new cgroup namespace, private mounts, hostname, chroot,
 * fresh /proc, detaching, exec. A failure on the way ("setting the
 * hostname to box: Operation not permitted") comes back as -errno and
 * *cause, and nothing is left running.
 *
 * The process is a child of the caller, which must reap it (waitpid) in
 * both modes: until then its pid cannot name another process, so the
 * caller may signal it by pid safely. Nothing here draws or prints. */
#ifndef NSTOP_ACTION_CREATE_H
#define NSTOP_ACTION_CREATE_H

#include <stdbool.h>
#include <sys/types.h>

#include "action/enter.h" /* NS_BIT, NS_ALL_MASK */

/* The dialog's pre-checked types: mnt, uts, ipc, net, pid. */
#define CREATE_DEFAULT_MASK \
        (NS_BIT(NS_MNT) | NS_BIT(NS_UTS) | NS_BIT(NS_IPC) | NS_BIT(NS_NET) | NS_BIT(NS_PID))

struct create_opts {
        /* The new namespaces: NS_BIT(type) for each. Types left out are
         * shared with the caller. 0 is allowed (then it is chroot(1)). */
        unsigned ns_mask;
        /* The new uts namespace's hostname; NULL or "": keep the copy of
         * the caller's. 1..64 bytes of letters, digits, '-' and '.', not
         * starting with '-'. Needs NS_UTS (else it would rename the host). */
        const char *hostname;
        /* With NS_USER: map the caller's effective uid and gid to 0 inside
         * (one line each, as unshare -r), after writing "deny" to
         * setgroups. Without it, a new user namespace has no mapping: the
         * process is "nobody" in it and its capabilities go at exec. */
        bool map_root;
        /* Mount a fresh proc at /proc (inside root_dir when given), so ps
         * and /proc show the new pid namespace. Needs NS_PID and NS_MNT. */
        bool mount_proc;
        /* NULL or "": keep the caller's root. Else chroot into this
         * directory (as unshare -R) and start in its "/"; it must exist,
         * hold the command and, with mount_proc, a proc directory. */
        const char *root_dir;
        /* NULL or "": stay in the caller's cgroups. Else a cgroup
         * directory (absolute path, v1 or v2): the caller writes the new
         * pid into its cgroup.procs before the child does anything else,
         * so even a new cgroup namespace (NS_CGROUP) has it as its root. */
        const char *cgroup_dir;
        /* The command, NULL-terminated, looked up in $PATH inside the
         * root. NULL or argv[0] NULL: in the foreground,
         * create_default_shell(root_dir); in the background, no command:
         * the process only holds the namespaces (see background). */
        char *const *argv;
        /* false: the command keeps the caller's stdin, stdout, stderr and
         * session (restore the terminal first). true: it runs detached in
         * its own session (setsid) with stdin, stdout and stderr on
         * /dev/null, keeping the namespaces alive. With no command it
         * becomes a holder named "nstop-hold" that sleeps in pause(2)
         * until SIGTERM, SIGINT, SIGHUP (exit 0) or SIGKILL. */
        bool background;
};

/* The dialog fields create_check can blame. */
enum create_field {
        CREATE_FIELD_NONE,
        CREATE_FIELD_NAMESPACES,
        CREATE_FIELD_HOSTNAME,
        CREATE_FIELD_MAP_ROOT,
        CREATE_FIELD_MOUNT_PROC,
        CREATE_FIELD_ROOT,
        CREATE_FIELD_CGROUP,
        CREATE_FIELD_COMMAND,
};

/* "namespaces", "hostname", "map root", "mount /proc", "root directory",
 * "cgroup", "command"; "" for NONE. */
const char *create_field_name(enum create_field f);

/* The default foreground command: $SHELL when it is an absolute path to
 * an executable inside root_dir (NULL or "": "/"), else "/bin/sh". The
 * string is $SHELL's or static: copy it before changing the environment. */
const char *create_default_shell(const char *root_dir);

/* Validates o without changing anything. 0, or -errno with *ret_field
 * and *cause:
 *   NAMESPACES -EINVAL unknown bits, or "the time namespace is not
 *              supported by this kernel (it needs Linux 5.6)"; -ENOSPC
 *              / -EPERM when user namespaces are disabled by sysctl
 *   HOSTNAME   -EINVAL invalid, or set without a new uts namespace
 *   MAP_ROOT   -EINVAL without a new user namespace
 *   MOUNT_PROC -EINVAL without new pid and mount namespaces
 *   ROOT       -ENOENT "DIR does not exist", -ENOTDIR, -ENOENT "DIR has
 *              no proc directory" (mount_proc)
 *   COMMAND    -ENOENT "CMD is not in DIR" / "CMD not found", -EACCES
 *   CGROUP     -ENOENT, -EINVAL not a directory of a cgroup filesystem
 * *ret_field is CREATE_FIELD_NONE on success. */
int create_check(const struct create_opts *o, enum create_field *ret_field, char **cause);

/* Checks (as create_check: its cause then starts with the field's name,
 * "root directory: /x does not exist"), then starts the process. 0 and
 * *ret_pid (a child of the caller, in the caller's pid numbering; pid 1
 * inside a new pid namespace), or -errno and *cause with nothing left
 * running, the kernel's refusals explained: "creating namespaces (user, net): ..."
 * + EPERM "unprivileged user namespaces are disabled
 * (kernel.unprivileged_userns_clone = 0)" or "creating namespaces needs
 * root (CAP_SYS_ADMIN); a new user namespace with map root gives it";
 * ENOSPC "user.max_user_namespaces is 0" or "a limit in
 * /proc/sys/user/max_*_namespaces is reached"; EINVAL an unsupported
 * type; EUSERS nesting too deep; ENOSYS a time namespace without clone3
 * (other types fall back to clone(2) there). */
int create_spawn(const struct create_opts *o, pid_t *ret_pid, char **cause);

#endif
