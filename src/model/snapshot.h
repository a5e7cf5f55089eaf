/* snapshot.h: one refresh of the system, as a plain immutable value.
 *
 * A snapshot owns all its memory (strings live in its arena) and refers
 * between its records by index, never by pointer, so it can be kept,
 * compared with the next one, and later recorded and replayed. The sampler
 * fills the raw fields; delta_apply() then fills the rates and aggregates
 * from the previous snapshot, after which nobody changes it.
 *
 * Unknown values (EACCES, a process that left mid-read) are U64_UNKNOWN,
 * NAN for rates, NULL for strings and -1 for tri-state flags: never 0. */
#ifndef NSTOP_MODEL_SNAPSHOT_H
#define NSTOP_MODEL_SNAPSHOT_H

#include <stdbool.h>
#include <stdint.h>

#include "model/nstype.h"
#include "model/cputicks.h"
#include "util/arena.h"

#define U64_UNKNOWN UINT64_MAX
/* cgroup values: the file does not exist here (controller not enabled),
 * and "max" (no limit). Both differ from unknown (exists, unreadable). */
#define U64_ABSENT (UINT64_MAX - 2)
#define U64_NO_LIMIT (UINT64_MAX - 1)
#define U32_UNKNOWN UINT32_MAX
#define IDX_NONE UINT32_MAX

/* One line of /proc/PID/cgroup: hierarchy named as the kernel does
 * ("unified" for v2, "cpu,cpuacct" or "name=systemd" for v1). */
/* One /proc/PID/cgroup line. Within a snapshot equal strings are one
 * pointer (interned), so refs can be compared by pointer. */
struct cgroup_ref {
        const char *hierarchy;
        const char *path;
};

struct proc_rec {
        int32_t pid, ppid;
        uint64_t start_ticks; /* identity is (pid, start_ticks) */
        char state;           /* R S D Z T t X I ... */
        bool kernel_thread;
        int32_t nice, priority, threads;
        uint32_t uid;                 /* effective uid, U32_UNKNOWN */
        const char *comm, *cmdline;   /* cmdline "" for kernel threads; NULL unknown */
        const char *user;             /* name, or the uid as text; NULL unknown */
        const char *root;             /* readlink of /proc/PID/root; NULL unknown */
        int8_t chrooted;              /* root differs from nstop's: 1, 0, -1 unknown */
        uint64_t cpu_ticks;           /* utime + stime */
        uint64_t rss_bytes, vsize_bytes;
        uint64_t io_read_bytes, io_write_bytes, io_rchar, io_wchar; /* U64_UNKNOWN */
        uint64_t ns_ino[NS_TYPE_COUNT]; /* 0 = unknown or type absent */
        uint32_t ns_index[NS_TYPE_COUNT]; /* into snapshot.ns, IDX_NONE */
        uint32_t cgroup_first, cgroup_count; /* into snapshot.cgroup_refs; processes with the
                                                same cgroups may share one range */
        bool cgroups_known;
        bool ns_held;                 /* its namespace links were read at an earlier refresh and its
                                         leader has not run since: it held these namespaces all along */
        uint8_t problems;             /* bit per enum problem_kind that was unreadable */
        /* filled by delta_apply() */
        double cpu_percent; /* 100 = one CPU */
        double io_read_rate, io_write_rate, io_rchar_rate, io_wchar_rate; /* bytes/s */
};

enum link_state {
        LINK_UNKNOWN, /* could not be asked (EACCES, fixture, not resolved) */
        LINK_NONE,    /* asked, and there is none visible from here (init ns) */
        LINK_KNOWN,
};

struct ns_rec {
        enum ns_type type;
        uint64_t ino;
        uint8_t owner_state, parent_state; /* enum link_state */
        uint64_t owner_ino;                /* owning user namespace */
        uint64_t parent_ino;               /* pid and user namespaces */
        uint32_t owner_uid;                /* user namespaces: creator's uid */
        uint32_t member_first, member_count; /* into snapshot.members */
        uint32_t mount_first, mount_count;   /* into snapshot.mounts */
        /* filled by delta_apply(): sums over members whose value is known */
        double cpu_percent, io_read_rate, io_write_rate;
        uint64_t rss_bytes;
};

enum { CPU_MAX = 4096 };

struct cpu_usage {
        /* percent of that CPU's time in the interval; NAN until a delta */
        double user, nice, system, idle, iowait, irq, softirq, steal, busy;
};

struct system_rec {
        char hostname[65], kernel[65];
        double uptime;  /* seconds */
        double load[3];
        long hz, page_size;
        uint64_t boot_time; /* epoch seconds */
        struct cpu_ticks total;
        struct cpu_ticks *cpus;
        uint32_t ncpus;
        struct cpu_usage total_usage, *cpu_usage;
        /* bytes, U64_UNKNOWN */
        uint64_t mem_total, mem_free, mem_available, mem_buffers, mem_cached, mem_used;
        uint64_t swap_total, swap_free, swap_used;
};

/* A mounted cgroup hierarchy. */
struct cg_hier {
        const char *name;        /* as /proc/PID/cgroup shows it: "unified", "cpu,cpuacct", "name=systemd" */
        uint8_t version;         /* 1 or 2 */
        const char *controllers; /* comma-separated; v2: the root's cgroup.controllers ("" when none) */
        const char *mount;       /* mount point */
        const char *mount_root;  /* the cgroup mounted there, as /proc/PID/cgroup paths go ("/" usually) */
};

/* Pressure stall averages of one resource (cpu, memory, io), percent. */
struct cg_psi {
        bool some, full; /* lines present */
        double some_avg10, some_avg60, full_avg10, full_avg60;
};

enum cg_psi_resource { PSI_CPU, PSI_MEMORY, PSI_IO, PSI_COUNT };

/* The IO limits of a device, in io.max's order of keys. */
enum cg_io_limit { IO_LIM_RBPS, IO_LIM_WBPS, IO_LIM_RIOPS, IO_LIM_WIOPS, IO_LIM_COUNT };

/* One block device of a cgroup: bytes done (v2 io.stat, v1
 * blkio.throttle.io_service_bytes) and limits (v2 io.max, v1
 * blkio.throttle.{read,write}_{bps,iops}_device). A device with limits but
 * no IO yet is listed too, with 0 bytes (U64_ABSENT or U64_UNKNOWN when
 * the byte counts are). Each limit (bytes/s, IOs/s) is U64_NO_LIMIT for
 * none, U64_ABSENT when the cgroup has no such file (the root, the
 * controller not enabled), U64_UNKNOWN when it exists but cannot be read. */
struct cg_io_dev_rec {
        uint32_t major, minor;
        uint64_t rbytes, wbytes;
        uint64_t limit[IO_LIM_COUNT];
};

/* One cgroup of one hierarchy. Identity is (hierarchy, path, inode): a
 * cgroup removed and made again under the same path is a new one.
 * Counters are U64_ABSENT when the file does not exist there, U64_UNKNOWN
 * when it exists but cannot be read; limits may be U64_NO_LIMIT. */
struct cgroup_rec {
        uint32_t hier;           /* into snapshot.cg_hiers */
        const char *path;        /* "/system.slice/x.service", as in /proc/PID/cgroup */
        uint64_t ino;            /* of its directory */
        uint32_t parent;         /* index, IDX_NONE for a hierarchy's top */
        uint32_t depth;          /* 0 at the top that was walked */
        const char *controllers; /* comma-separated: v2 cgroup.controllers, v1 the hierarchy's */
        uint32_t member_first, member_count; /* processes directly in it, into snapshot.cg_members */
        uint64_t cpu_usage_usec;
        uint64_t nr_periods, nr_throttled, throttled_usec;
        uint64_t mem_current, mem_max, mem_high, swap_current, swap_max;
        uint64_t mem_failcnt, oom, oom_kill;
        uint64_t io_rbytes, io_wbytes;
        uint32_t io_dev_first, io_dev_count; /* into snapshot.cg_io_devs */
        uint64_t pids_current, pids_max;
        uint64_t cpu_quota_usec, cpu_period_usec, cpu_weight, cpu_shares;
        const char *cpuset_cpus, *cpuset_mems; /* NULL: absent or unknown */
        bool psi_known[PSI_COUNT];
        struct cg_psi psi[PSI_COUNT];
        int8_t frozen;           /* 1, 0, -1 unknown or absent */
        const char *freezer_state; /* v1: THAWED, FREEZING, FROZEN; NULL otherwise */
        const char *name;        /* human name of a well-known path, NULL */
        bool container;          /* it holds one container */
        uint64_t net_ns, uts_ns; /* of its processes, when it holds one container and they share one; 0 */
        /* filled by delta_apply() */
        double cpu_percent, io_read_rate, io_write_rate;
        double throttled_percent; /* throttled periods in the interval, % of its periods */
};

/* What could not be read in this scan, for the one warning line. */
enum problem_kind {
        PROBLEM_NS,
        PROBLEM_IO,
        PROBLEM_ROOT,
        PROBLEM_CMDLINE,
        PROBLEM_STATUS,
        PROBLEM_CGROUP,
        PROBLEM_COUNT
};
_Static_assert(PROBLEM_COUNT <= 8, "proc_rec.problems has one bit per kind");

struct problem {
        uint32_t count;
        int err;          /* the first errno seen (positive) */
        int32_t pids[3];  /* the first few processes affected */
};

struct snapshot {
        uint64_t seq;
        double time;      /* CLOCK_BOOTTIME seconds: rates and process ages */
        double wall_time; /* epoch seconds */
        double interval;  /* seconds since the previous snapshot; NAN if none */
        struct system_rec sys;
        uint32_t ns_types_present; /* bit per enum ns_type this kernel has */
        int32_t self_pid;
        uint64_t self_ns[NS_TYPE_COUNT];
        struct proc_rec *procs; /* ascending pid */
        uint32_t nprocs;
        struct ns_rec *ns;      /* by type, then inode */
        uint32_t nns;
        uint32_t *members;      /* proc indexes, ascending pid within a namespace */
        uint32_t nmembers;
        const char **mounts;    /* nsfs bind-mount paths */
        uint32_t nmounts;
        struct cgroup_ref *cgroup_refs;
        uint32_t ncgroup_refs;
        struct cg_hier *cg_hiers;
        uint32_t ncg_hiers;
        struct cgroup_rec *cgroups;  /* by hierarchy, then path component by component (a tree in pre-order) */
        uint32_t ncgroups;
        uint32_t *cg_members;        /* proc indexes, ascending pid within a cgroup */
        uint32_t ncg_members;
        struct cg_io_dev_rec *cg_io_devs;
        uint32_t ncg_io_devs;
        struct problem problems[PROBLEM_COUNT];
        struct {
                uint32_t count;   /* cgroup files that exist but could not be read */
                int err;          /* the first errno (positive) */
                const char *path; /* the first such file */
        } cg_problem;
        struct arena arena;
};

struct snapshot *snapshot_new(void);
struct snapshot *snapshot_free(struct snapshot *s);

/* The process with this pid, or NULL (binary search on procs). */
const struct proc_rec *snapshot_find_proc(const struct snapshot *s, int32_t pid);
/* The namespace of this type and inode, or NULL. */
const struct ns_rec *snapshot_find_ns(const struct snapshot *s, enum ns_type type, uint64_t ino);

/* Records one unreadable value for the warning summary. */
void snapshot_note_problem(struct snapshot *s, enum problem_kind kind, int32_t pid, int err);

#endif
