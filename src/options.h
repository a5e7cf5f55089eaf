/* options.h: the command line, parsed and validated.
 *
 * options_parse() never prints or exits: on a bad argument it returns
 * -EINVAL and a one-line cause that names the argument, and main prints
 * it. Users named with -u are resolved here, so an unknown user is an
 * argument error (exit 2), not a runtime one. */
#ifndef NSTOP_OPTIONS_H
#define NSTOP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum options_action {
        ACTION_RUN,
        ACTION_HELP,
        ACTION_VERSION,
};

struct options {
        enum options_action action;
        bool batch;          /* -b */
        bool json;           /* -J */
        uint64_t count;      /* -n: snapshots to print */
        double delay;        /* -d: seconds between samples */
        int32_t *pids;       /* -p, malloc'd; NULL: every process */
        size_t npids;
        bool by_uid;         /* -u */
        uint32_t uid;
        int ns_type;         /* --ns TYPE; -1: any */
        uint64_t ns_ino;     /* --ns TYPE:INODE; 0: any of that type */
        const char *sysroot; /* --sysroot: read DIR/proc instead of /proc */
        const char *cgroup;  /* --cgroup: resolved against the mounts by main */
};

/* 0, -EINVAL with *cause (malloc'd one line) for a bad argument, or
 * -ENOMEM. Release with options_release(). */
int options_parse(int argc, char **argv, struct options *ret, char **cause);
void options_release(struct options *o);

/* The --help text. */
extern const char options_usage[];

#endif
