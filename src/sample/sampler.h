/* sampler.h: the only entry point that reads the kernel.
 *
 * A sampler owns the open /proc directory and the caches that live
 * between refreshes (process identities, namespace owners, user names,
 * the mount table). Each sampler_take() returns a new snapshot with raw
 * counters; delta_apply() (model/) then turns two of them into rates. */
#ifndef NSTOP_SAMPLE_SAMPLER_H
#define NSTOP_SAMPLE_SAMPLER_H

#include "model/snapshot.h"
#include "model/view.h"

struct sampler;

struct sampler_config {
        /* Read SYSROOT/proc (and SYSROOT/etc/passwd) instead of the live
         * system, as lscpu --sysroot does; NULL for the live system. */
        const char *sysroot;
        /* Namespace links, roots and cgroup lines are re-read when older
         * than this (seconds); the README design notes say why (staleness). */
        double ns_max_age;
        /* Files kept open between refreshes (per process and per cgroup),
         * at most (0: none):
         * main.c sizes it from RLIMIT_NOFILE. */
        size_t max_kept_fds;
};

/* On failure returns -errno and sets *cause to a malloc'd one-line
 * message naming what could not be opened. */
int sampler_new(const struct sampler_config *cfg, struct sampler **ret, char **cause);
struct sampler *sampler_free(struct sampler *s);

/* A new snapshot, or -errno (and *cause) when /proc cannot be read. */
int sampler_take(struct sampler *s, struct snapshot **ret, char **cause);

/* The next sampler_take() reads everything a process can change without a
 * trace in its stat (namespaces, root, cgroups) again: an action has just
 * changed them, and the screen must show it at once. */
void sampler_expire(struct sampler *s);

/* --cgroup ARG as cgroup subtrees; see cgroupfs_resolve(). */
int sampler_resolve_cgroup(const struct sampler *sm, const char *arg, struct cg_target **ret, size_t *ret_count,
                           char **cause);

/* The namespace types this kernel has (bit per enum ns_type). */
uint32_t sampler_ns_types(const struct sampler *s);

#endif
