/* delta.h: rates and aggregates from two snapshots.
 *
 * delta_apply(prev, cur) is a pure function of its inputs: it fills cur's
 * CPU percentages, IO rates and namespace sums from the counters in cur
 * and prev. A process is matched by identity (pid and start time), so a
 * reused pid never gets a delta against the process that had it before. */
#ifndef NSTOP_MODEL_DELTA_H
#define NSTOP_MODEL_DELTA_H

#include "model/snapshot.h"

/* prev may be NULL (rates stay unknown, except for processes born after
 * nothing: none). */
void delta_apply(const struct snapshot *prev, struct snapshot *cur);

#endif
