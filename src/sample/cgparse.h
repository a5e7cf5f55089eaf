/* cgparse.h: pure parsers of cgroupfs files (v1 and v2).
 *
 * The same contract as parse.h: each function takes a buffer and its
 * length (not NUL-terminated), never reads past it, allocates nothing,
 * returns 0 or -EINVAL on malformed input, and writes its outputs
 * (ret_*, out, devs, the callback) only on success. Reading the files is
 * the caller's job (sample/cgroupfs.c).
 *
 * Absent limits: cgroup v2 prints "max", v1 prints a huge number (memory)
 * or -1 (cfs quota). All of them become CG_NO_LIMIT, so no caller shows
 * "9223372036854771712" as a limit. A real value is always below
 * CG_NO_LIMIT: a number >= CG_NO_LIMIT in a file is rejected. */
#ifndef NSTOP_SAMPLE_CGPARSE_H
#define NSTOP_SAMPLE_CGPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CG_NO_LIMIT (UINT64_MAX - 1) /* "max", or v1's "unlimited" sentinel */

/* One decimal number, or "max" -> CG_NO_LIMIT (memory.max, pids.max,
 * memory.current, cpuacct.usage, ...). One trailing newline allowed. */
int cg_parse_value(const char *buf, size_t len, uint64_t *ret);

/* v1 limits: values >= CG_V1_UNLIMITED_MIN mean no limit. The kernel's
 * "unlimited" is PAGE_COUNTER_MAX pages in bytes, LONG_MAX rounded down to
 * a page (9223372036854771712 with 4 KiB pages, less with 64 KiB pages),
 * always far above 2^62; no machine has 4 EiB to limit to. */
#define CG_V1_UNLIMITED_MIN (1ULL << 62)
uint64_t cg_v1_limit(uint64_t v); /* v or CG_NO_LIMIT */

/* Flat-keyed files, "key value" per line (cpu.stat, memory.events,
 * cgroup.events, memory.stat, v1 cpu.stat, memory.oom_control): for each
 * keys[i] found, out[i] = value; keys not found are left as UINT64_MAX
 * (every out[i] is written on success). Unknown keys are ignored whatever
 * their value. A wanted key must be followed by exactly one decimal below
 * UINT64_MAX, or the file is malformed. If a key repeats, the first line
 * wins. Blank lines are skipped. */
int cg_parse_keyed(const char *buf, size_t len, const char *const *keys, size_t nkeys,
                   uint64_t *out);

/* v2 cpu.max: "max 100000" or "50000 100000" -> quota (CG_NO_LIMIT for
 * max) and period, both in microseconds. A zero period is malformed. */
int cg_parse_cpu_max(const char *buf, size_t len, uint64_t *ret_quota, uint64_t *ret_period);

/* v1 cpu.cfs_quota_us: "-1" -> CG_NO_LIMIT, else the number (other
 * negative numbers are malformed). */
int cg_parse_cfs_quota(const char *buf, size_t len, uint64_t *ret);

struct cg_io_dev {
        uint32_t major, minor;
        uint64_t rbytes, wbytes;
};

/* v2 io.stat: "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0" per
 * line, possibly followed by more key=value pairs (io.latency's depth=,
 * avg_lat=, iocost's cost.vrate=..., whose values are not all integers:
 * they are skipped unread). rbytes and wbytes are required on every line.
 * Devices are listed once each (lines naming the same device are merged)
 * in the order of their first line, up to max; more devices are summed
 * into the totals but not listed. *ret_n = listed. Empty file is valid
 * (0 devices, totals 0). A total that overflows 64 bits is malformed. */
int cg_parse_io_stat(const char *buf, size_t len, struct cg_io_dev *devs, size_t max,
                     size_t *ret_n, uint64_t *ret_rbytes, uint64_t *ret_wbytes);

/* v1 blkio.throttle.io_service_bytes(_recursive) (and blkio.io_service_bytes):
 * "8:0 Read 123", "8:0 Write 4", "8:0 Sync ..", "8:0 Async ..",
 * "8:0 Discard ..", "8:0 Total ..", and a final "Total N" line. rbytes is
 * Read, wbytes is Write; the other operations are checked but not kept,
 * unknown operation names are ignored. Same outputs as cg_parse_io_stat;
 * "Total 0" alone (no I/O yet) and an empty file give 0 devices. */
int cg_parse_blkio_bytes(const char *buf, size_t len, struct cg_io_dev *devs, size_t max,
                         size_t *ret_n, uint64_t *ret_rbytes, uint64_t *ret_wbytes);

/* IO limits of one device, in io.max's order of keys. */
enum cg_io_key { CG_IO_RBPS, CG_IO_WBPS, CG_IO_RIOPS, CG_IO_WIOPS, CG_IO_KEYS };

struct cg_io_limits {
        uint32_t major, minor;
        uint64_t limit[CG_IO_KEYS]; /* bytes/s or IOs/s; CG_NO_LIMIT: max, or not given */
};

/* v2 io.max: "8:16 rbps=2097152 wbps=max riops=max wiops=120" per line,
 * one line per device that has a limit (an empty file: none). Each key is
 * "max" or a decimal, at most once a line, and a line needs at least one
 * of them; a key not on the line is CG_NO_LIMIT. Other key=value pairs (a
 * later kernel's; io.low's lines add idle= and latency=) are skipped
 * unread. Lines are listed in order, up to max; the rest are
 * checked, not listed; *ret_n = listed. A device named on two lines is
 * listed twice (the kernel never prints one twice). */
int cg_parse_io_max(const char *buf, size_t len, struct cg_io_limits *devs, size_t max, size_t *ret_n);

/* v1 blkio.throttle.read_bps_device, write_bps_device, read_iops_device,
 * write_iops_device: "8:0 1048576" per line, one line per throttled
 * device. Each listed device gets limit[key] = the value and CG_NO_LIMIT
 * for the other keys. 0 is CG_NO_LIMIT: v1 takes a written 0 to mean
 * "remove the throttle" and never prints one. Listing as cg_parse_io_max. */
int cg_parse_blkio_throttle(const char *buf, size_t len, enum cg_io_key key, struct cg_io_limits *devs,
                            size_t max, size_t *ret_n);

struct cg_psi_line {
        bool present;
        double avg10, avg60, avg300; /* percent */
        uint64_t total_usec;
};
struct cg_pressure {
        struct cg_psi_line some, full;
};

/* cpu.pressure / memory.pressure / io.pressure (and /proc/pressure files):
 * "some avg10=0.00 avg60=0.00 avg300=0.00 total=0" and optionally a
 * "full ..." line (absent on cpu before 5.13). "some" is required; each
 * line needs all four fields; a repeated line is malformed. */
int cg_parse_pressure(const char *buf, size_t len, struct cg_pressure *ret);

enum cg_freezer { CG_THAWED, CG_FREEZING, CG_FROZEN };

/* v1 freezer.state: "THAWED", "FREEZING" or "FROZEN", one trailing newline
 * allowed. */
int cg_parse_freezer_state(const char *buf, size_t len, enum cg_freezer *ret);

/* Space-separated words (v2 cgroup.controllers, cgroup.subtree_control):
 * calls fn(word, wlen, ctx) per word, in order, after the whole buffer
 * was checked (fn is never called on failure). Words are separated by
 * runs of spaces; one trailing newline allowed; any other control
 * character (tab, newline inside, DEL) is -EINVAL. Empty: no call, 0. */
int cg_parse_words(const char *buf, size_t len,
                   void (*fn)(const char *w, size_t n, void *ctx), void *ctx);

/* A cgroup mount's super options from mountinfo ("rw,cpu,cpuacct",
 * "rw,xattr,name=systemd", "rw,nsdelegate,memory_recursiveprot") -> the
 * hierarchy name as /proc/PID/cgroup shows it, written to out
 * (NUL-terminated): only v1 controller names (cpuset cpu cpuacct blkio
 * memory devices freezer net_cls perf_event net_prio hugetlb pids rdma misc
 * debug) and name=X are kept, comma-joined in the order given (the kernel
 * prints both files in the same order: controllers, then name=). Returns
 * -EINVAL when nothing is left (a v2 mount: the caller names it
 * "unified") or when out is too small; out is untouched then. */
int cg_v1_hierarchy_name(const char *super_opts, size_t len, char *out, size_t outsz);

/* Do two comma-separated lists name the same set ("cpu,cpuacct" vs
 * "cpuacct,cpu")? Empty items are ignored; repeats do not matter. */
bool cg_same_hierarchy(const char *a, size_t alen, const char *b, size_t blen);

#endif
