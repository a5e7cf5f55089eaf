/* explain.h: the text of the TUI's explain panel (`i`), for classrooms.
 *
 * Pure builders: no curses, no I/O, no state. Each one appends to out the
 * explanation of one row of a snapshot as lines, every line ending in
 * '\n' (the last one included), indented with spaces only. The builder
 * itself produces no other control character; strings that come from the
 * system (comm, cmdline, user names, cgroup and mount paths) are appended
 * raw, so the UI must sanitise every line when it draws it. Lines may be
 * long: the UI wraps them.
 *
 * Wording for values (snapshot.h): a value that is unknown (could not be
 * read) is said "unknown (could not read)"; an absent cgroup value (the
 * controller is not enabled there) is left out; U64_NO_LIMIT is "no limit".
 *
 * Each returns 0, or -ENOMEM when out could not grow (out->failed is then
 * set and what was appended is incomplete). */
#ifndef NSTOP_OUTPUT_EXPLAIN_H
#define NSTOP_OUTPUT_EXPLAIN_H

#include "model/snapshot.h"
#include "util/buf.h"

/* Title "process PID (comm)", command line, user, root directory and
 * chroot, the namespaces that differ from nstop's own, its cgroups. */
int explain_process(const struct snapshot *s, const struct proc_rec *p, struct buf *out);

/* Title "net namespace 4026532290", what the type isolates, its CLONE_NEW*
 * flag and kernel version, owner (and parent for pid and user), bind
 * mounts, members, how to enter one and how one is made. */
int explain_namespace(const struct snapshot *s, const struct ns_rec *n, struct buf *out);

/* Title "cgroup /path (hierarchy, vN)", human name, hierarchy and mount,
 * controllers with what each does, use and limits, PSI, members. */
int explain_cgroup(const struct snapshot *s, const struct cgroup_rec *c, struct buf *out);

#endif
