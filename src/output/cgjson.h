/* cgjson.h: one cgroup as a JSON object (the "cgroups" array).
 *
 * Keys are a stable interface (README, nstop(1)); a value that does not
 * exist for this cgroup (controller not enabled), cannot be read, or is
 * "no limit" is null. */
#ifndef NSTOP_OUTPUT_CGJSON_H
#define NSTOP_OUTPUT_CGJSON_H

#include "model/snapshot.h"
#include "util/json.h"

void json_write_cgroup(struct json *j, const struct snapshot *s, const struct cgroup_rec *c);

#endif
