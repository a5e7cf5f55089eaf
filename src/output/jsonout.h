/* jsonout.h: the `nstop -b -J` snapshot, one JSON object per snapshot.
 *
 * This is a stable interface: keys are only ever added. The key list is
 * documented in doc/nstop.1 and the README. Unknown values are null. */
#ifndef NSTOP_OUTPUT_JSONOUT_H
#define NSTOP_OUTPUT_JSONOUT_H

#include "model/snapshot.h"
#include "model/view.h"
#include "util/buf.h"

/* Appends one object and a newline. */
void json_write_snapshot(struct buf *out, const struct snapshot *s, const struct view *v, const char *version);

#endif
