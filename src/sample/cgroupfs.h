/* cgroupfs.h: every mounted cgroup hierarchy, its tree and its members.
 *
 * Hierarchies come from nstop's mount table: cgroup v1 mounts (one
 * controller, co-mounted ones such as cpu,cpuacct, named ones such as
 * name=systemd) and the v2 mount, named as /proc/PID/cgroup names them.
 * Each refresh yields every tree (cgwalk.h: what it reads again, what it
 * keeps from the last walk, told by inotify, and which files it keeps
 * open), each cgroup's accounting
 * (cgfiles.h), and puts each process in the cgroup its /proc/PID/cgroup
 * line names. Paths are those of /proc/PID/cgroup:
 * relative to nstop's cgroup namespace root, so a mount whose root is not
 * "/" (a container's view) maps its directories under that root. */
#ifndef NSTOP_SAMPLE_CGROUPFS_H
#define NSTOP_SAMPLE_CGROUPFS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/snapshot.h"
#include "model/view.h"
#include "sample/cgwalk.h"
#include "sample/parse.h"
#include "util/fdbudget.h"

struct cgroupfs;

/* sysroot: prefix of every mount point (fixtures), NULL for the live
 * system. 0 or -ENOMEM. */
int cgroupfs_new(const char *sysroot, struct cgroupfs **ret);
struct cgroupfs *cgroupfs_free(struct cgroupfs *c);

/* Lets the walks keep the counter files of the cgroups read every
 * refresh open (cgwalk.h), fds taken from b (which must outlive c). Not
 * called, or b NULL: none are kept. Ignored for a sysroot (fixture
 * trees are rewritten between snapshots). Call before the first scan. */
void cgroupfs_keep_fds(struct cgroupfs *c, struct fd_budget *b);

/* Finds the hierarchies in a new mount table; a hierarchy mounted where it
 * was keeps its last walk (its watches, kept files and values). 0 or
 * -ENOMEM. */
int cgroupfs_set_mounts(struct cgroupfs *c, const struct mountinfo_entry *e, size_t count);

/* Fills s->cg_hiers, s->cgroups, s->cg_members and s->cg_io_devs; needs
 * s->procs and s->cgroup_refs. 0 or -ENOMEM. */
int cgroupfs_scan(struct cgroupfs *c, struct snapshot *s);

/* Where the hierarchy that counts every task's CPU time is mounted, for
 * cgquiet.h: v1's cpuacct, else v2; only one mounted at its top ("/").
 * false when there is none (or a sysroot). */
bool cgroupfs_usage_hier(const struct cgroupfs *c, char *dir, size_t cap, int *version);

/* Whether directories are watched (inotify). Without, nothing tells when a
 * process is moved, and /proc/PID/cgroup must be read again by age. */
bool cgroupfs_watched(const struct cgroupfs *c);

/* Reads the events since the last call and appends to moved the processes
 * that may have been moved between cgroups since (those now in a cgroup
 * that a process was written into, or that is new); *ret_all says that
 * any process may have moved (the first walk, lost events): then every
 * process's /proc/PID/cgroup must be read again. 0. */
int cgroupfs_drain(struct cgroupfs *c, struct pid_list *moved, bool *ret_all);

/* The next scan reads every cgroup's files and children again. */
void cgroupfs_expire(struct cgroupfs *c);

/* --cgroup ARG: an absolute cgroupfs path (/sys/fs/cgroup/memory/docker)
 * names one cgroup of the hierarchy mounted there; a path relative to the
 * hierarchy root (/system.slice) names it in every hierarchy that has it.
 * On success *ret is a malloc'd array (free with cg_targets_free). On
 * failure -ENOENT and *cause names ARG, why, and the mounted hierarchies. */
int cgroupfs_resolve(const struct cgroupfs *c, const char *arg, struct cg_target **ret, size_t *ret_count,
                     char **cause);

#endif
