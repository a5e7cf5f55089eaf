/* cgtext.h: /proc/PID/cgroup contents, stored once for all processes that
 * share them.
 *
 * Most processes of a host sit in a few cgroups, so their cgroup files
 * are a few distinct texts: each is parsed and kept once, counted by the
 * processes that use it, and gets one range of cgroup refs per snapshot
 * (scan/ref_first), which all those processes' records share. */
#ifndef NSTOP_SAMPLE_CGTEXT_H
#define NSTOP_SAMPLE_CGTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sample/parse.h"

struct cgtext {
        struct cgroup_line *lines; /* pointing into text */
        int nlines;
        uint64_t scan;             /* the scan that last copied it out */
        uint32_t ref_first;        /* where, in that scan's refs */
        uint64_t quiet_scan;       /* the scan that last asked cgquiet.h */
        bool quiet;                /* its answer */
        /* private */
        struct cgtext *next;
        uint64_t hash;
        unsigned users;
        size_t len;
        char *text;
};

struct cgtext_set;

int cgtext_set_new(struct cgtext_set **ret);
struct cgtext_set *cgtext_set_free(struct cgtext_set *set);

/* The shared, parsed form of the file text buf[0..len), with a use taken;
 * NULL and *ret_err (-EINVAL unparsable, -ENOMEM) on failure. */
struct cgtext *cgtext_get(struct cgtext_set *set, const char *buf, size_t len, int *ret_err);

/* Gives a use back (NULL is fine); the text goes with its last use. */
void cgtext_put(struct cgtext_set *set, struct cgtext *t);

#endif
