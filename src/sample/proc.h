/* proc.h: the /proc walk that fills a snapshot's process records.
 *
 * The scanner keeps per-process state between refreshes, keyed by identity
 * (pid, start time), so that a refresh reads as little as it can:
 * - the leader's schedstat every refresh, through a file kept open (pread
 *   from 0): its runtime tells whether the leader ran at all; not read
 *   when the usage of its cgroup did not move (cgquiet.h);
 * - stat when the process ran since it was read (always for a
 *   multi-threaded one: the leader's schedstat does not see the other
 *   threads), when its nice value changed (others renice, seen with
 *   getpriority), when its parent left (it was given a new one), and at
 *   least every STAT_BACKSTOP seconds (what others change unseen: pages
 *   reclaimed from a sleeping process, a real-time priority);
 * - cmdline once per program image (read again after an exec);
 * - io and the euid only when the process ran since they were read (io
 *   always for a multi-threaded one: it sums every thread);
 * - namespace links and root when older than ns_max_age seconds and the
 *   process ran since (what only the process itself can change);
 * - cgroup lines when a process may have been moved (others move
 *   processes: proc_scanner_watch_cgroups), else when older than
 *   ns_max_age.
 * Kept files stay within the fd budget; past it, files are opened by name
 * each time. A kept file belongs to its process: once it ended, reads
 * fail (ESRCH) even if the pid was reused. A process that leaves mid-scan
 * is dropped silently; values that cannot be read are unknown. */
#ifndef NSTOP_SAMPLE_PROC_H
#define NSTOP_SAMPLE_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"
#include "sample/cgquiet.h"
#include "sample/users.h"
#include "util/fdbudget.h"

struct proc_scanner;

struct proc_scanner_config {
        int proc_fd;              /* an open /proc (or fixture) directory; not owned */
        bool fixture;             /* compare roots by link text, not by stat */
        double ns_max_age;        /* seconds */
        uint32_t ns_types_present;
        long page_size;
        struct fd_budget *fds;    /* kept files come out of it; NULL: keep none */
        struct users *users;      /* not owned */
};

int proc_scanner_new(const struct proc_scanner_config *cfg, struct proc_scanner **ret);
struct proc_scanner *proc_scanner_free(struct proc_scanner *sc);

/* Lets the scanner skip the schedstat of a process whose cgroup was
 * quiet (cgquiet.h; q refreshed before each scan by the caller, and
 * outliving its use). NULL: read every schedstat. */
void proc_scanner_use_quiet(struct proc_scanner *sc, struct cgquiet *q);

/* The next scan reads every process's stat, namespaces, root and cgroups again,
 * however recent the cached ones: after nstop itself moved a process. */
void proc_scanner_expire(struct proc_scanner *sc);

/* Whether the cgroup directories are watched: then cgroup lines are read
 * again only after proc_scanner_expire_cgroups (and, each process at a
 * time of its own, every 30 s); else when older than ns_max_age. */
void proc_scanner_watch_cgroups(struct proc_scanner *sc, bool watched);
void proc_scanner_expire_cgroups(struct proc_scanner *sc);
/* The same, for these processes only. */
void proc_scanner_expire_cgroups_of(struct proc_scanner *sc, const int32_t *pids, size_t n);

/* Fills s->procs (ascending pid), s->cgroup_refs and s->problems, using
 * s->time as "now". 0 or -errno when /proc itself cannot be read. */
int proc_scan(struct proc_scanner *sc, struct snapshot *s);

#endif
