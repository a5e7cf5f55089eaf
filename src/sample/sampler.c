/* sampler.c: ties the readers together into one snapshot; see sampler.h. */
#include "config.h"

#include "sample/sampler.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model/cgtree.h"
#include "model/nsgroup.h"
#include "sample/cgquiet.h"
#include "sample/cgroupfs.h"
#include "sample/mounts.h"
#include "sample/nsfs.h"
#include "sample/parse.h"
#include "sample/proc.h"
#include "sample/readfile.h"
#include "sample/system.h"
#include "sample/users.h"
#include "util/num.h"

struct sampler {
        int proc_fd;
        bool live;
        uint32_t ns_types;
        int32_t self_pid;
        uint64_t self_ns[NS_TYPE_COUNT];
        uint64_t seq;
        double ns_max_age;
        struct users *users;
        struct proc_scanner *procs;
        struct nsfs *nsfs;
        struct mount_table *mounts;
        struct cgroupfs *cgroupfs;
        struct sys_reader *sys;
        struct fd_budget fds; /* files kept open between refreshes */
        struct cgquiet *quiet; /* NULL: none (see cgquiet.h) */
        char quiet_dir[4096];
        int quiet_version;
};

static char *cause_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *cause_printf(const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        char *s = NULL;
        if (vasprintf(&s, fmt, ap) < 0)
                s = NULL;
        va_end(ap);
        return s;
}

/* Which namespace types this kernel has: the entries of /proc/self/ns
 * (the *_for_children links are not types of their own). */
static int detect_ns_types(struct sampler *sm)
{
        int fd = openat(sm->proc_fd, "self/ns", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        DIR *d = fdopendir(fd);
        if (!d) {
                close(fd);
                return -errno;
        }
        struct dirent *de;
        while ((de = readdir(d))) {
                int t = ns_type_lookup(de->d_name, strlen(de->d_name));
                if (t < 0)
                        continue;
                sm->ns_types |= 1u << t;
                char link[64];
                ssize_t n = readlink_small_at(dirfd(d), de->d_name, link, sizeof(link));
                int type;
                uint64_t ino;
                if (n >= 0 && parse_ns_link(link, (size_t)n, &type, &ino) == 0 && type == t)
                        sm->self_ns[t] = ino;
        }
        closedir(d);
        return 0;
}

static int32_t self_pid(int proc_fd)
{
        char link[32];
        uint64_t pid;
        if (readlink_small_at(proc_fd, "self", link, sizeof(link)) < 0 || num_parse_u64(link, &pid) < 0 ||
            pid > INT32_MAX)
                return -1;
        return (int32_t)pid;
}

/* Follows the hierarchy that tells quiet cgroups to where it is mounted
 * now (none: every schedstat is read). */
static void follow_usage_hier(struct sampler *sm)
{
        char dir[sizeof(sm->quiet_dir)];
        int version = 0;
        if (!sm->live || !cgroupfs_usage_hier(sm->cgroupfs, dir, sizeof(dir), &version))
                dir[0] = '\0';
        if (sm->quiet && version == sm->quiet_version && strcmp(dir, sm->quiet_dir) == 0)
                return;
        sm->quiet = cgquiet_free(sm->quiet);
        if (dir[0] && cgquiet_new(dir, version, &sm->fds, &sm->quiet) < 0)
                sm->quiet = NULL;
        memcpy(sm->quiet_dir, dir, sizeof(dir));
        sm->quiet_version = version;
        proc_scanner_use_quiet(sm->procs, sm->quiet);
}

/* Takes a changed mount table to the modules that use it. */
static int refresh_mounts(struct sampler *sm)
{
        bool changed;
        if (!sm->mounts || mount_table_refresh(sm->mounts, &changed) < 0 || !changed)
                return 0;
        size_t n;
        const struct mountinfo_entry *e = mount_table_entries(sm->mounts, &n);
        int r = nsfs_set_mounts(sm->nsfs, e, n);
        if (r == 0 && (r = cgroupfs_set_mounts(sm->cgroupfs, e, n)) == 0)
                follow_usage_hier(sm);
        return r;
}

int sampler_new(const struct sampler_config *cfg, struct sampler **ret, char **cause)
{
        struct sampler *sm = calloc(1, sizeof(*sm));
        if (!sm)
                return -ENOMEM;
        sm->live = !cfg->sysroot;
        sm->ns_max_age = cfg->ns_max_age;
        sm->fds.max = cfg->max_kept_fds;
        char path[4096];
        snprintf(path, sizeof(path), "%s/proc", cfg->sysroot ? cfg->sysroot : "");
        int r;
        sm->proc_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (sm->proc_fd < 0) {
                r = -errno;
                *cause = cause_printf("cannot open %s: %s", path, strerror(errno));
                free(sm);
                return r;
        }
        if ((r = detect_ns_types(sm)) < 0) {
                *cause = cause_printf("cannot read %s/self/ns: %s", path, strerror(-r));
                sampler_free(sm);
                return r;
        }
        sm->self_pid = self_pid(sm->proc_fd);
        char passwd[4096];
        snprintf(passwd, sizeof(passwd), "%s/etc/passwd", cfg->sysroot ? cfg->sysroot : "");
        sm->users = users_new(cfg->sysroot ? passwd : NULL);
        struct proc_scanner_config pc = {
                .proc_fd = sm->proc_fd,
                .fixture = !sm->live,
                .ns_max_age = cfg->ns_max_age,
                .ns_types_present = sm->ns_types,
                .page_size = sm->live ? sysconf(_SC_PAGESIZE) : 4096,
                .fds = sm->live ? &sm->fds : NULL,
                .users = sm->users,
        };
        if (!sm->users || (r = proc_scanner_new(&pc, &sm->procs)) < 0 ||
            (r = nsfs_new(sm->proc_fd, sm->live, &sm->nsfs)) < 0 ||
            (r = cgroupfs_new(cfg->sysroot, &sm->cgroupfs)) < 0 ||
            (r = sys_reader_new(sm->proc_fd, sm->live, &sm->sys)) < 0) {
                r = r < 0 ? r : -ENOMEM;
                *cause = cause_printf("cannot start reading %s: %s", path, strerror(-r));
                sampler_free(sm);
                return r;
        }
        /* Without a mount table there are no bind-mounted namespaces and
         * no cgroup hierarchies to show, but processes still are. */
        proc_scanner_watch_cgroups(sm->procs, cgroupfs_watched(sm->cgroupfs));
        if (sm->live)
                cgroupfs_keep_fds(sm->cgroupfs, &sm->fds);
        if (mount_table_new(sm->proc_fd, sm->live, &sm->mounts) < 0)
                sm->mounts = NULL;
        /* Read it now, so --cgroup can be resolved before the first sample. */
        refresh_mounts(sm);
        *ret = sm;
        return 0;
}

struct sampler *sampler_free(struct sampler *sm)
{
        if (!sm)
                return NULL;
        proc_scanner_free(sm->procs);
        cgquiet_free(sm->quiet);
        nsfs_free(sm->nsfs);
        cgroupfs_free(sm->cgroupfs);
        mount_table_free(sm->mounts);
        sys_reader_free(sm->sys);
        users_free(sm->users);
        if (sm->proc_fd >= 0)
                close(sm->proc_fd);
        free(sm);
        return NULL;
}

int sampler_resolve_cgroup(const struct sampler *sm, const char *arg, struct cg_target **ret, size_t *ret_count,
                           char **cause)
{
        return cgroupfs_resolve(sm->cgroupfs, arg, ret, ret_count, cause);
}

uint32_t sampler_ns_types(const struct sampler *sm)
{
        return sm->ns_types;
}

static double clock_seconds(clockid_t id)
{
        struct timespec ts;
        clock_gettime(id, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void sampler_expire(struct sampler *sm)
{
        proc_scanner_expire(sm->procs);
        cgroupfs_expire(sm->cgroupfs);
}

int sampler_take(struct sampler *sm, struct snapshot **ret, char **cause)
{
        struct snapshot *s = snapshot_new();
        if (!s)
                return -ENOMEM;
        s->seq = ++sm->seq;
        /* Boot time is the clock of process start times in /proc/PID/stat. */
        s->time = clock_seconds(CLOCK_BOOTTIME);
        s->wall_time = clock_seconds(CLOCK_REALTIME);
        s->ns_types_present = sm->ns_types;
        s->self_pid = sm->self_pid;
        memcpy(s->self_ns, sm->self_ns, sizeof(s->self_ns));
        int r = sys_read(sm->sys, s);
        if (r < 0) {
                *cause = cause_printf("cannot read system figures from /proc: %s", strerror(-r));
                goto fail;
        }
        struct pid_list moved = {0};
        bool all = false;
        cgroupfs_drain(sm->cgroupfs, &moved, &all);
        if (all)
                proc_scanner_expire_cgroups(sm->procs);
        else
                proc_scanner_expire_cgroups_of(sm->procs, moved.v, moved.n);
        pid_list_free(&moved);
        if (sm->quiet)
                cgquiet_refresh(sm->quiet);
        if ((r = proc_scan(sm->procs, s)) < 0) {
                *cause = cause_printf("cannot list processes in /proc: %s", strerror(-r));
                goto fail;
        }
        if ((r = refresh_mounts(sm)) < 0) {
                *cause = cause_printf("cannot read the mount table: %s", strerror(-r));
                goto fail;
        }
        const struct ns_mount_ref *mounts;
        size_t nmounts;
        nsfs_mounts(sm->nsfs, &mounts, &nmounts);
        if ((r = ns_group_build(s, mounts, nmounts)) < 0) {
                *cause = cause_printf("cannot group namespaces: %s", strerror(-r));
                goto fail;
        }
        if ((r = cgroupfs_scan(sm->cgroupfs, s)) < 0) {
                *cause = cause_printf("cannot read the cgroup hierarchies: %s", strerror(-r));
                goto fail;
        }
        cg_annotate(s);
        nsfs_resolve(sm->nsfs, s, sm->ns_max_age);
        *ret = s;
        return 0;
fail:
        snapshot_free(s);
        return r;
}
