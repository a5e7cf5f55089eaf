/* limits.h: reading, checking and writing a cgroup's limits, on v2, v1
 * and hybrid hosts.
 *
 * The limits form (ui/) shows one text field per limit_field, filled by
 * limit_current() from the snapshot. When the user applies it,
 * limit_plan() checks every changed field (syntax, range, device exists)
 * before anything is written and turns it into writes, each to its one
 * file; limit_apply() then writes them in order and, when the kernel
 * refuses one, stops and says which field failed, why (verbatim
 * strerror) and which fields were already applied.
 *
 * Where the files are: v2 keeps every limit in the cgroup's directory,
 * when the controller is enabled for it (listed in its cgroup.controllers,
 * i.e. in the parent's cgroup.subtree_control). v1 keeps each
 * controller's limits in that controller's hierarchy, in the cgroup with
 * the same path there (systemd makes the same tree in each one). Each
 * field is looked up by its controller wherever that is mounted, so on a
 * hybrid host a form on a v2 cgroup finds its memory limits in the v1
 * memory hierarchy at the same path.
 *
 * v1 has no swap-only limit: memory.memsw.limit_in_bytes limits memory +
 * swap together. The form's "swap max" is memsw minus the memory limit;
 * setting it writes memsw = memory max + swap max, and changing memory
 * max alone moves memsw with it so the swap allowance stays the same.
 * The kernel wants limit_in_bytes <= memsw at every step, so a growing
 * memsw is written first and a shrinking one last. (Implemented in
 * limits.c and limitsplan.c; the parsers are in units.h.) */
#ifndef NSTOP_ACTION_LIMITS_H
#define NSTOP_ACTION_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

/* In the order the form shows them. */
enum limit_field {
        LIM_MEMORY_MAX,  /* v2 memory.max; v1 memory.limit_in_bytes */
        LIM_MEMORY_HIGH, /* v2 memory.high; none on v1 */
        LIM_SWAP_MAX,    /* v2 memory.swap.max; v1 memory.memsw.limit_in_bytes (memory + swap) */
        LIM_CPU_MAX,     /* in CPUs ("0.5", "max"): v2 cpu.max; v1 cpu.cfs_quota_us (+ period) */
        LIM_CPU_WEIGHT,  /* v2 cpu.weight (1-10000); v1 cpu.shares (2-262144) */
        LIM_PIDS_MAX,    /* pids.max on both */
        LIM_IO_MAX,      /* "MAJ:MIN rbps=64M wbps=max riops=100 wiops=max": v2 io.max; v1 blkio.throttle.* */
        LIM_CPUSET_CPUS, /* cpuset.cpus on both */
        LIM_CPUSET_MEMS, /* cpuset.mems on both */
        LIM_COUNT
};

struct limit_field_info {
        const char *name;       /* stable: "memory_max" */
        const char *label;      /* for the form: "memory max" */
        const char *controller; /* "memory", "cpu", "pids", "io" (v1: "blkio"), "cpuset" */
        const char *accepts;    /* what may be typed: "a size (512K, 64M, 1.5G, 2T) or max" */
};
extern const struct limit_field_info limit_fields[LIM_COUNT];

/* Where each field of one cgroup lives. */
struct limit_target {
        int version;                   /* of the cgroup the form is for */
        char *path;                    /* its path, for messages */
        char *dir[LIM_COUNT];          /* directory holding the field's file(s); NULL: not here */
        char *why_not[LIM_COUNT];      /* when dir is NULL: one line, e.g. "the memory controller is not
                                        * enabled here (enable it in the parent's cgroup.subtree_control)",
                                        * "v1 has no memory.high", "no cgroup /x in the pids hierarchy",
                                        * "the root cgroup has no limits" */
        bool enable_offer[LIM_COUNT];  /* v2: enabling the controller in the parent would make it available */
        char *parent_dir;              /* v2: the parent's directory (for enabling), NULL at the top */
        uint32_t cg;                   /* the snapshot cgroup the form is for */
        uint64_t mem_usage;            /* memory.current / usage_in_bytes; U64_UNKNOWN when not known */
        /* What limit_plan_make() needs from the snapshot: */
        uint32_t holder[LIM_COUNT];    /* the snapshot cgroup whose files hold the field, IDX_NONE: not here
                                        * (on hybrid hosts a v1 cgroup with the same path) */
        uint8_t file_version[LIM_COUNT]; /* 1 or 2: which files the field is written to; 0: not here */
        uint64_t mem_max, memsw_max;   /* v1: memory.limit_in_bytes and memory.memsw.limit_in_bytes now
                                        * (U64_NO_LIMIT, U64_UNKNOWN), to keep memory + swap consistent */
        uint64_t cpu_period_usec;      /* the CFS period now; 100000 when not known */
};

/* Fills ret for cgroup index cg of s (sysroot: prefix of mount points, NULL
 * for the live system). 0, -EINVAL (no cgroup cg) or -ENOMEM; a field
 * that is not available is
 * not an error (its why_not says why). The root cgroup ("/") has none. */
int limit_target_of(const struct snapshot *s, uint32_t cg, const char *sysroot, struct limit_target *ret);
/* The same for process p: each field in the cgroup p is in within that
 * field's hierarchy, as paths may differ between hierarchies (a process
 * in /a for memory and /b for pids). t->cg is the cgroup of the first
 * field that can be set. -ENOENT when none can. */
int limit_target_of_proc(const struct snapshot *s, const struct proc_rec *p, const char *sysroot,
                         struct limit_target *ret);
void limit_target_free(struct limit_target *t);

/* The field's current value as the form shows it ("max", "64M", "0.5",
 * "100", "8:0 rbps=1M wbps=max riops=max wiops=max", "0-3"), from the
 * snapshot (for the v1 hierarchy that holds the field); "" when unknown
 * or not here. s must be the snapshot t was made from. Sizes use the
 * largest exact unit, so the text parses back to the same bytes. IO max
 * shows the first device with a limit (all four keys), "" when none has
 * one; an unchanged device line writes only the keys whose value changed.
 * On v2 the cpuset fields show cpuset.*.effective (what the sampler reads). */
void limit_current(const struct snapshot *s, const struct limit_target *t, enum limit_field f, char *out, size_t size);

/* One file write. */
struct limit_write {
        enum limit_field field;
        char *file;  /* full path */
        char *value; /* exactly what is written, e.g. "67108864", "50000 100000", "8:0 rbps=1048576" */
};

struct limit_plan {
        struct limit_write *w;
        size_t n;
        bool memory_below_usage; /* a new memory max (or high) below t->mem_usage: the UI warns first */
};

/* Checks each field whose text differs from old[f] (texts are as typed;
 * blanks around them do not count) and plans its writes. On the first
 * bad field: -EINVAL (or -ENOENT for a device that does not exist, or
 * -EOPNOTSUPP for a field that is not available here) and *cause names
 * the field, the value and what is accepted, e.g. "memory max: 'abc' is
 * not a size; use a number with K, M, G or T, or max"; nothing written.
 * sysroot as for limit_target_of (device checks look under it: the IO
 * device must exist in /sys/dev/block and not be a partition). old may be
 * NULL (every non-empty field then counts as changed), and NULL texts
 * are "". ret is written only on success; a plan may have no writes. */
int limit_plan_make(const struct limit_target *t, const char *const old[LIM_COUNT], const char *const now[LIM_COUNT],
                    const char *sysroot, struct limit_plan *ret, char **cause);
void limit_plan_free(struct limit_plan *p);

/* Writes the plan in order (one write(2) per file). On a refusal: the
 * -errno, and *cause such as "memory max: refused; applied: cpu max; not
 * applied: memory max, pids max; writing '1048576' to
 * /sys/fs/cgroup/memory/x/memory.limit_in_bytes: Device or resource busy"
 * (what was applied first: a message line may cut the end). Returns the
 * number of writes done on success. */
int limit_apply(const struct limit_plan *p, char **cause);

/* v2: writes "+controller" to the parent's cgroup.subtree_control. On
 * EBUSY the cause explains the no-internal-processes rule (a cgroup with
 * processes of its own cannot hand controllers to its children; move
 * them to a child first). */
int limit_enable_controller(const char *parent_dir, const char *controller, char **cause);

#endif
