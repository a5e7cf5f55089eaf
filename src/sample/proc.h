/* proc.h: the /proc walk that fills a snapshot's process records.
 *
 * The scanner keeps per-process state between refreshes, keyed by identity
 * (pid, start time): values that cannot change during a process's life
 * (cmdline until the next exec, start time) are read once; cheap changing
 * values (stat, io) every refresh; namespace links, root and cgroup lines
 * when older than ns_max_age seconds. A process that leaves mid-scan is
 * dropped silently; values that cannot be read are unknown. */
#ifndef NSTOP_SAMPLE_PROC_H
#define NSTOP_SAMPLE_PROC_H

#include <stdbool.h>

#include "model/snapshot.h"
#include "sample/users.h"

struct proc_scanner;

struct proc_scanner_config {
        int proc_fd;              /* an open /proc (or fixture) directory; not owned */
        bool fixture;             /* compare roots by link text, not by stat */
        double ns_max_age;        /* seconds */
        uint32_t ns_types_present;
        long page_size;
        struct users *users;      /* not owned */
};

int proc_scanner_new(const struct proc_scanner_config *cfg, struct proc_scanner **ret);
struct proc_scanner *proc_scanner_free(struct proc_scanner *sc);

/* The next scan reads every process's namespaces, root and cgroups again,
 * however recent the cached ones: after nstop itself moved a process. */
void proc_scanner_expire(struct proc_scanner *sc);

/* Fills s->procs (ascending pid), s->cgroup_refs and s->problems, using
 * s->time as "now". 0 or -errno when /proc itself cannot be read. */
int proc_scan(struct proc_scanner *sc, struct snapshot *s);

#endif
