/* parse.h: pure parsers of kernel text.
 *
 * Each takes a buffer and its length (not necessarily NUL-terminated),
 * checks every bound, and returns 0 or -EINVAL on malformed input. They
 * never read files: the callers in sample/ do, so these are unit-tested
 * and fuzzed on their own. Output parameters are written only on success. */
#ifndef NSTOP_SAMPLE_PARSE_H
#define NSTOP_SAMPLE_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/cputicks.h"

/* ---- /proc/PID/stat ------------------------------------------------ */

/* Kernel threads may have names up to 64 bytes in stat since 6.x; user
 * tasks at most 15. */
enum { PSTAT_COMM_MAX = 64 };

struct pstat {
        int32_t pid, ppid;
        char comm[PSTAT_COMM_MAX + 1];
        size_t comm_len;
        char state;
        uint32_t flags;
        uint64_t utime, stime; /* clock ticks */
        int32_t priority, nice, threads;
        uint64_t start_ticks; /* clock ticks after boot */
        uint64_t vsize;       /* bytes */
        uint64_t rss_pages;
        /* startcode, endcode, startstack: they move on every exec (ASLR),
         * so a change tells an exec that kept the name. 0 when the kernel
         * hides them (another user's process) or the line ends before. */
        uint64_t exec_marks[3];
};

/* PF_KTHREAD in the flags field (include/linux/sched.h). */
#define PSTAT_PF_KTHREAD 0x00200000u

int parse_stat(const char *buf, size_t len, struct pstat *ret);

/* ---- /proc/PID/io -------------------------------------------------- */

struct pio {
        uint64_t rchar, wchar, syscr, syscw, read_bytes, write_bytes, cancelled_write_bytes;
};

int parse_io(const char *buf, size_t len, struct pio *ret);

/* ---- /proc/PID/schedstat ------------------------------------------- */

/* "RUNTIME_NS WAIT_NS TIMESLICES\n" of the thread group leader: the time
 * it spent on a CPU and how many times it was put on one. Both only grow,
 * and grow whenever the task runs at all, which a tick count does not. */
struct psched {
        uint64_t runtime_ns, wait_ns, timeslices;
};

int parse_schedstat(const char *buf, size_t len, struct psched *ret);

/* ---- /proc/PID/status ---------------------------------------------- */

struct pstatus {
        uint32_t ruid, euid, rgid, egid;
};

int parse_status(const char *buf, size_t len, struct pstatus *ret);

/* ---- /proc/PID/cgroup ---------------------------------------------- */

struct cgroup_line {
        uint32_t hierarchy_id;
        const char *controllers; /* "" on cgroup v2, "cpu,cpuacct", "name=systemd" */
        size_t controllers_len;
        const char *path;        /* starts with '/' */
        size_t path_len;
};

/* Splits the file into lines "ID:CONTROLLERS:PATH". A cgroup name may hold
 * a newline; a line that does not start a new entry (no "ID:...:/" shape,
 * or an ID already seen) continues the previous path. Returns the number of
 * entries (at most max) or -EINVAL. Pointers point into buf. Unlike the
 * other parsers, out[] may hold partial entries after a failure. */
int parse_cgroup(const char *buf, size_t len, struct cgroup_line *out, size_t max);

/* ---- mountinfo ----------------------------------------------------- */

struct mountinfo_entry {
        uint32_t mount_id, parent_id, major, minor;
        char *root, *mount_point, *options, *fstype, *source, *super_options;
};

/* Parses one line (without its newline) in place: octal escapes such as
 * \040 are decoded into the line buffer, and the entry's strings point
 * into it. line[len] must be writable (the newline's place will do): the
 * parser stores a NUL there. The line is modified even on failure. */
int parse_mountinfo_line(char *line, size_t len, struct mountinfo_entry *ret);

/* ---- nsfs link text: "net:[4026531840]" ------------------------------ */

/* Sets *ret_type to the index in ns_types (or -1 for a type nstop does not
 * know, e.g. a future kernel's) and *ret_ino. */
int parse_ns_link(const char *buf, size_t len, int *ret_type, uint64_t *ret_ino);

/* ---- system files (used for --sysroot fixtures; live runs use libproc2) */


/* Reads the "cpu" and "cpuN" lines and btime. percpu gets at most max
 * entries; *ret_ncpu says how many. */
int parse_proc_stat(const char *buf, size_t len, struct cpu_ticks *total, struct cpu_ticks *percpu,
                    size_t max, size_t *ret_ncpu, uint64_t *ret_btime);

struct meminfo {
        /* kB as in the file; UINT64_MAX when a line is absent */
        uint64_t total, free, available, buffers, cached, sreclaimable, swap_total, swap_free;
};

int parse_meminfo(const char *buf, size_t len, struct meminfo *ret);
int parse_loadavg(const char *buf, size_t len, double ret_load[3]);
int parse_uptime(const char *buf, size_t len, double *ret_uptime);

#endif
