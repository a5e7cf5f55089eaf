/* create.c: checking what the create dialog asks for, and explaining the
 * kernel's refusals; see create.h. The starting itself is
 * createspawn.c. */
#include "config.h"

#include "action/create.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "action/cause.h"
#include "action/createplan.h"
#include "action/nsproc.h"
#include "sample/readfile.h"
#include "util/num.h"

#define CGROUP_MAGIC 0x27e0eb
#define CGROUP2_MAGIC 0x63677270

const char *create_field_name(enum create_field f)
{
        static const char *const names[] = {
                [CREATE_FIELD_NONE] = "",           [CREATE_FIELD_NAMESPACES] = "namespaces",
                [CREATE_FIELD_HOSTNAME] = "hostname", [CREATE_FIELD_MAP_ROOT] = "map root",
                [CREATE_FIELD_MOUNT_PROC] = "mount /proc", [CREATE_FIELD_ROOT] = "root directory",
                [CREATE_FIELD_CGROUP] = "cgroup",   [CREATE_FIELD_COMMAND] = "command",
        };
        return (unsigned)f < sizeof(names) / sizeof(names[0]) ? names[f] : "";
}

static bool is_set(const char *s)
{
        return s && *s;
}

static int open_root(const char *root_dir)
{
        int fd = open(is_set(root_dir) ? root_dir : "/", O_PATH | O_DIRECTORY | O_CLOEXEC);
        return fd < 0 ? -errno : fd;
}

const char *create_default_shell(const char *root_dir)
{
        const char *sh = getenv("SHELL");
        if (!sh || sh[0] != '/')
                return "/bin/sh";
        int rootfd = open_root(root_dir);
        int r = rootfd < 0 ? rootfd : nsp_exec_in_root(rootfd, sh);
        if (rootfd >= 0)
                close(rootfd);
        return r == 0 ? sh : "/bin/sh";
}

/* A number from a sysctl file, or -1. */
static long sysctl_value(const char *path)
{
        char buf[32];
        uint64_t v;
        if (read_small_at(AT_FDCWD, path, buf, sizeof(buf)) <= 0)
                return -1;
        buf[strcspn(buf, "\n")] = '\0';
        return num_parse_u64(buf, &v) == 0 && v <= 1u << 30 ? (long)v : -1;
}

/* Why user namespaces cannot be made here, or NULL (with the errno the
 * kernel would give in *ret_err). Debian's kernels add
 * kernel.unprivileged_userns_clone (0: only root may); every kernel
 * since 4.9 has user.max_user_namespaces (0: nobody may). */
const char *create_userns_refusal(int *ret_err)
{
        if (sysctl_value("/proc/sys/user/max_user_namespaces") == 0) {
                *ret_err = ENOSPC;
                return "user namespaces are disabled (user.max_user_namespaces = 0)";
        }
        if (geteuid() != 0 && sysctl_value("/proc/sys/kernel/unprivileged_userns_clone") == 0) {
                *ret_err = EPERM;
                return "unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone = 0)";
        }
        return NULL;
}

static int field_error(enum create_field f, enum create_field *ret_field, char **cause, int err, const char *fmt,
                       ...) __attribute__((format(printf, 5, 6)));

static int field_error(enum create_field f, enum create_field *ret_field, char **cause, int err, const char *fmt, ...)
{
        char text[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(text, sizeof(text), fmt, ap);
        va_end(ap);
        *ret_field = f;
        return cause_set(cause, err, "%s", text);
}

#define FAIL(f, err, ...) return field_error(CREATE_FIELD_##f, ret_field, cause, err, __VA_ARGS__)

static int check_types(const struct create_opts *o, enum create_field *ret_field, char **cause)
{
        if (o->ns_mask & ~NS_ALL_MASK)
                FAIL(NAMESPACES, EINVAL, "unknown namespace types (mask 0x%x)", o->ns_mask);
        for (int i = 0; i < NS_TYPE_COUNT; i++) {
                uint64_t ino;
                if ((o->ns_mask & NS_BIT(i)) && nsp_self_ns_inode(ns_types[i].name, &ino) == -ENOENT)
                        FAIL(NAMESPACES, EINVAL, "the %s namespace is not supported by this kernel (it needs Linux %s)",
                             ns_types[i].name, ns_types[i].since);
        }
        int err = 0;
        const char *why = (o->ns_mask & NS_BIT(NS_USER)) ? create_userns_refusal(&err) : NULL;
        if (why)
                FAIL(NAMESPACES, err, "%s", why);
        return 0;
}

/* RFC 1123 host names as sethostname takes them: at most 64 bytes
 * (the kernel's limit) of letters, digits, '-' and '.', no leading '-'. */
static bool hostname_ok(const char *h)
{
        size_t n = strlen(h);
        if (n < 1 || n > 64 || h[0] == '-')
                return false;
        return strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") == n;
}

static int check_flags(const struct create_opts *o, enum create_field *ret_field, char **cause)
{
        if (o->map_root && !(o->ns_mask & NS_BIT(NS_USER)))
                FAIL(MAP_ROOT, EINVAL, "mapping your user to root needs a new user namespace");
        if (is_set(o->hostname) && !(o->ns_mask & NS_BIT(NS_UTS)))
                FAIL(HOSTNAME, EINVAL, "setting a hostname needs a new uts namespace (else it would rename this machine)");
        if (is_set(o->hostname) && !hostname_ok(o->hostname))
                FAIL(HOSTNAME, EINVAL, "%s: a hostname is 1 to 64 letters, digits, '-' and '.', not starting with '-'",
                     o->hostname);
        unsigned need = NS_BIT(NS_PID) | NS_BIT(NS_MNT);
        if (o->mount_proc && (o->ns_mask & need) != need)
                FAIL(MOUNT_PROC, EINVAL, "mounting a fresh /proc needs new pid and mount namespaces");
        return 0;
}

static int check_root(const struct create_opts *o, enum create_field *ret_field, char **cause)
{
        struct stat st;
        if (!is_set(o->root_dir))
                return 0;
        if (stat(o->root_dir, &st) < 0) {
                if (errno == ENOENT)
                        FAIL(ROOT, ENOENT, "%s does not exist", o->root_dir);
                *ret_field = CREATE_FIELD_ROOT;
                return cause_errno(cause, errno, "%s", o->root_dir);
        }
        if (!S_ISDIR(st.st_mode))
                FAIL(ROOT, ENOTDIR, "%s is not a directory", o->root_dir);
        int rootfd = open_root(o->root_dir);
        int fd = rootfd < 0 ? rootfd : nsp_open_in_root(rootfd, "/proc", O_PATH | O_DIRECTORY);
        if (rootfd >= 0)
                close(rootfd);
        if (fd >= 0)
                close(fd);
        if (o->mount_proc && fd < 0)
                FAIL(ROOT, ENOENT, "%s has no proc directory to mount a fresh /proc on", o->root_dir);
        return 0;
}

static int check_command(const struct create_opts *o, enum create_field *ret_field, char **cause)
{
        bool has_argv = o->argv && o->argv[0];
        if (!has_argv && o->background)
                return 0; /* the holder runs no program */
        const char *cmd = has_argv ? o->argv[0] : create_default_shell(o->root_dir);
        int rootfd = open_root(o->root_dir);
        int r = rootfd < 0 ? rootfd : nsp_find_command(rootfd, cmd);
        if (rootfd >= 0)
                close(rootfd);
        *ret_field = CREATE_FIELD_COMMAND;
        if (r == -ENOENT && is_set(o->root_dir))
                return cause_set(cause, ENOENT, "%s is not in %s", cmd, o->root_dir);
        if (r == -ENOENT)
                return cause_set(cause, ENOENT, "%s not found", cmd);
        if (r == -EACCES)
                return cause_set(cause, EACCES, "%s is not an executable file", cmd);
        if (r < 0)
                return cause_errno(cause, -r, "%s", cmd);
        *ret_field = CREATE_FIELD_NONE;
        return 0;
}

static int check_cgroup(const struct create_opts *o, enum create_field *ret_field, char **cause)
{
        struct statfs sf;
        struct stat st;
        if (!is_set(o->cgroup_dir))
                return 0;
        if (o->cgroup_dir[0] != '/')
                FAIL(CGROUP, EINVAL, "%s: a cgroup directory is an absolute path", o->cgroup_dir);
        if (stat(o->cgroup_dir, &st) < 0 || statfs(o->cgroup_dir, &sf) < 0) {
                *ret_field = CREATE_FIELD_CGROUP;
                return cause_errno(cause, errno, "%s", o->cgroup_dir);
        }
        if (!S_ISDIR(st.st_mode) || (sf.f_type != CGROUP_MAGIC && sf.f_type != CGROUP2_MAGIC))
                FAIL(CGROUP, EINVAL, "%s is not a cgroup directory", o->cgroup_dir);
        return 0;
}

int create_check(const struct create_opts *o, enum create_field *ret_field, char **cause)
{
        enum create_field field = CREATE_FIELD_NONE;
        int r = check_types(o, &field, cause);
        if (r == 0)
                r = check_flags(o, &field, cause);
        if (r == 0)
                r = check_root(o, &field, cause);
        if (r == 0)
                r = check_command(o, &field, cause);
        if (r == 0)
                r = check_cgroup(o, &field, cause);
        if (ret_field)
                *ret_field = r < 0 ? field : CREATE_FIELD_NONE;
        return r;
}

/* ---- the kernel's refusals ---------------------------------------------- */

static void explain_enospc(unsigned mask, char **cause)
{
        for (int i = 0; i < NS_TYPE_COUNT; i++) {
                char path[64];
                snprintf(path, sizeof(path), "/proc/sys/user/max_%s_namespaces", ns_types[i].name);
                if ((mask & NS_BIT(i)) && sysctl_value(path) == 0) {
                        cause_append(cause, "user.max_%s_namespaces is 0: %s namespaces are disabled",
                                     ns_types[i].name, ns_types[i].name);
                        return;
                }
        }
        cause_append(cause, "a limit in /proc/sys/user/max_*_namespaces is reached");
}

int create_refused(unsigned mask, int err, char **cause)
{
        char names[96] = "";
        for (int i = 0; i < NS_TYPE_COUNT; i++)
                if (mask & NS_BIT(i))
                        snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", *names ? ", " : "",
                                 ns_types[i].name);
        int r = cause_errno(cause, err, "creating namespaces (%s)", names);
        int e2 = 0;
        const char *why = (mask & NS_BIT(NS_USER)) ? create_userns_refusal(&e2) : NULL;
        if (why)
                cause_append(cause, "%s", why);
        else if (err == EPERM && geteuid() != 0)
                cause_append(cause, "creating namespaces needs root (CAP_SYS_ADMIN); "
                                    "a new user namespace with map root gives it");
        else if (err == ENOSPC)
                explain_enospc(mask, cause);
        else if (err == EINVAL)
                cause_append(cause, "a namespace type is not supported by this kernel");
        else if (err == ENOSYS)
                cause_append(cause, "a new time namespace needs clone3 (Linux 5.3), which this kernel refuses");
        else if (err == EUSERS)
                cause_append(cause, "user or pid namespaces are nested too deep (32 levels)");
        return r;
}
