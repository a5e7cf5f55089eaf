/* nstype.h: the namespace types nstop knows, declared once.
 *
 * This table drives the sampler (which links to read), the outputs (column
 * letters, JSON keys) and the explain panel (output/explain.c). The order is the
 * order of the NS column and of every listing. */
#ifndef NSTOP_MODEL_NSTYPE_H
#define NSTOP_MODEL_NSTYPE_H

#include <stddef.h>

enum ns_type {
        NS_MNT,
        NS_UTS,
        NS_IPC,
        NS_NET,
        NS_PID,
        NS_USER,
        NS_CGROUP,
        NS_TIME,
        NS_TYPE_COUNT
};

struct ns_type_info {
        const char *name;     /* as in /proc/PID/ns/<name> and lsns TYPE */
        const char *flag;     /* CLONE_NEW* constant name */
        unsigned long clone_flag;
        const char *since;    /* kernel version that added it */
        char letter;          /* its mark in the NS column */
        const char *isolates; /* one line for help and the explain panel */
        const char *option;   /* long option of nsenter(1) and unshare(1): "net" for --net */
        const char *explain;  /* a few sentences for the explain panel: what the
                               * isolation means in practice (plain text, no '\n') */
};

extern const struct ns_type_info ns_types[NS_TYPE_COUNT];

/* Index of the type called name[0..len), or -1. */
int ns_type_lookup(const char *name, size_t len);

#endif
