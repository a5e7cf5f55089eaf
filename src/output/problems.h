/* problems.h: the one warning line about what a scan could not read.
 *
 * A partial view (not root, processes of other users, PID 1 behind a
 * security module) is normal; the user still deserves to know which values
 * show as '?' and why, once, in one line. */
#ifndef NSTOP_OUTPUT_PROBLEMS_H
#define NSTOP_OUTPUT_PROBLEMS_H

#include <stdbool.h>

#include "model/snapshot.h"
#include "model/view.h"
#include "util/buf.h"

/* Appends "could not read X of N processes (pids...): reason; ..." without
 * a trailing newline; returns false (and appends nothing) when the scan
 * read everything. With a view, only its processes count (nstop -p 42
 * says nothing about pid 1); with NULL, the whole snapshot. */
bool problems_describe(struct buf *out, const struct snapshot *s, const struct view *v);

#endif
