/* format.h: numbers as people read them, shared by text output and TUI.
 *
 * Unknown values (U64_UNKNOWN, NAN) format as "?". */
#ifndef NSTOP_OUTPUT_FORMAT_H
#define NSTOP_OUTPUT_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

enum { FMT_MAX = 32 };

/* 1024-based: "512", "1.5K", "23M", "1.2G". */
void fmt_bytes(char out[FMT_MAX], uint64_t v);
void fmt_rate(char out[FMT_MAX], double bytes_per_sec);
void fmt_percent(char out[FMT_MAX], double v);
/* One mark per namespace type, in ns_types order: its letter where the
 * process's namespace differs from nstop's, '.' where it is the same,
 * '?' when unknown, ' ' when this kernel lacks the type. */
void fmt_ns_marks(char out[NS_TYPE_COUNT + 1], const struct snapshot *s, const struct proc_rec *p);
/* cgroup values: "-" absent (controller not enabled), "?" unknown,
 * "max" no limit; otherwise bytes as fmt_bytes, or a plain count. */
void fmt_cg_bytes(char out[FMT_MAX], uint64_t v);
void fmt_cg_count(char out[FMT_MAX], uint64_t v);

/* CPU time as htop's TIME+: "M:SS.hh" below an hour, "HhMM:SS" below
 * 100 hours, then "Hh" (hz: clock ticks per second). */
void fmt_cputime(char out[FMT_MAX], uint64_t ticks, long hz);

/* "3 days, 04:05" or "04:05:06". */
void fmt_uptime(char out[FMT_MAX], double seconds);

#endif
