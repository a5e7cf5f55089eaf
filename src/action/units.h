/* units.h: strict parsing of the limit values users type, and the
 * formatting that reads back the same way.
 *
 * Every parser takes the whole text (the caller trims blanks around it;
 * anything else that is not part of the syntax is an error, so " 5", "5x",
 * "-1" and "1.5.5" are refused), returns 0, -EINVAL (syntax) or -ERANGE
 * (out of range), writes its result only on success, and on failure sets
 * *why (when why is not NULL) to a static phrase that follows the quoted
 * value in a message and says what is accepted:
 * "memory max: 'abc' is not a size; use ...". "max" and "unlimited" (any
 * case) mean no limit: UNITS_NO_LIMIT. Sizes are 1024-based. */
#ifndef NSTOP_ACTION_UNITS_H
#define NSTOP_ACTION_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UNITS_NO_LIMIT UINT64_MAX
/* The kernel parses byte limits into a signed long (memparse, then page
 * counters of at most LONG_MAX bytes): 2^63 - 1 on 64-bit. */
#define UNITS_SIZE_MAX ((uint64_t)INT64_MAX)
/* CFS bandwidth: the default period, and the kernel's bounds on quota
 * (at least 1 ms) and period (1 ms to 1 s). */
#define UNITS_CPU_PERIOD_DEFAULT 100000
#define UNITS_CPU_QUOTA_MIN 1000
#define UNITS_CPU_PERIOD_MIN 1000
#define UNITS_CPU_PERIOD_MAX 1000000
/* No machine nstop runs on has more CPUs than this; a larger value is a typo. */
#define UNITS_CPUS_MAX 4096
/* pids.max: the kernel refuses values above PID_MAX_LIMIT (4M on 64-bit). */
#define UNITS_PIDS_MAX 4194304

/* A size: "4096", "512K", "64M", "1.5G", "2T", with an optional "B" or
 * "iB" after the unit ("64MiB", "64mb"), up to 6 decimals (rounded down to
 * whole bytes), at most UNITS_SIZE_MAX; or max / unlimited. */
int units_parse_size(const char *s, uint64_t *ret, const char **why);

/* A number of CPUs ("0.5", "2", up to 6 decimals) or max, as a CFS quota
 * for period_usec (rounded down to whole microseconds): at least
 * UNITS_CPU_QUOTA_MIN, at most UNITS_CPUS_MAX CPUs. period_usec must be
 * within the kernel's bounds (else -EINVAL). */
int units_parse_cpus(const char *s, uint64_t period_usec, uint64_t *ret_quota, const char **why);

/* pids.max: 1..UNITS_PIDS_MAX or max. */
int units_parse_pids_max(const char *s, uint64_t *ret, const char **why);
/* v2 cpu.weight: 1..10000 (no max). */
int units_parse_cpu_weight(const char *s, uint64_t *ret, const char **why);
/* v1 cpu.shares: 2..262144 (no max). */
int units_parse_cpu_shares(const char *s, uint64_t *ret, const char **why);

/* A cpuset list ("0-3,5", "0"): comma-separated numbers or ascending
 * ranges A-B (A <= B), each number below 1048576; not empty. */
int units_parse_cpu_list(const char *s, const char **why);

/* io max: "MAJ:MIN rbps=64M wbps=max riops=100 wiops=max", the device
 * first, then at least one of the keys, each at most once, in any order,
 * separated by spaces. Rates in bytes/s are sizes, IOPS plain numbers
 * (at most 2^32 - 1, the kernel's unsigned int); both at least 2, as
 * kernels before 6.x refuse 0 and 1. max: UNITS_NO_LIMIT. */
enum units_io_key { UNITS_IO_RBPS, UNITS_IO_WBPS, UNITS_IO_RIOPS, UNITS_IO_WIOPS, UNITS_IO_KEYS };
extern const char *const units_io_key_names[UNITS_IO_KEYS]; /* "rbps", "wbps", "riops", "wiops" */

struct units_io_max {
        uint32_t major, minor;
        bool set[UNITS_IO_KEYS];
        uint64_t value[UNITS_IO_KEYS];
};
int units_parse_io_max(const char *s, struct units_io_max *ret, const char **why);

/* "max" for UNITS_NO_LIMIT; else the largest of T, G, M, K in which the
 * value is exact with at most 3 decimals ("64M", "1.5G"), else bytes. The
 * text parses back to the same value. */
void units_format_size(uint64_t bytes, char *out, size_t size);

/* quota/period as CPUs ("0.5", "2", up to 6 decimals, rounded down), or
 * "max" for UNITS_NO_LIMIT. */
void units_format_cpus(uint64_t quota_usec, uint64_t period_usec, char *out, size_t size);

#endif
