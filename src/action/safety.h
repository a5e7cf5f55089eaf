/* safety.h: the rails that keep nstop from hanging its own screen.
 *
 * Freezing the cgroup of nstop, of its shell, of its terminal (or the
 * tmux server it runs in) or of the sshd that carries it stops the very
 * screen the user would thaw it from. Those are nstop and its ancestors,
 * found through the snapshot's parent links; PID 1 is left out of them
 * (freezing it does not stop the screen, and it gets a confirmation
 * instead, as the top of a hierarchy does). */
#ifndef NSTOP_ACTION_SAFETY_H
#define NSTOP_ACTION_SAFETY_H

#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

/* nstop's pid and its ancestors' (without PID 1), nearest first, at most
 * max of them; the count. */
size_t safety_protected(const struct snapshot *s, int32_t *out, size_t max);

/* Would freezing cgroup cg (its whole subtree) stop one of them? The
 * first such pid, or 0. */
int32_t safety_freeze_hits(const struct snapshot *s, uint32_t cg);

/* The same, asked of the kernel at the moment of acting: nstop's and its
 * ancestors' /proc/PID/cgroup lines for hierarchy hier (as snapshots name
 * it: "unified" for v2, else its controllers, "freezer") read now, so a
 * process moved since the last snapshot counts. The first pid at or below
 * path, or 0; processes that cannot be read are skipped. */
int32_t safety_hits_live(const char *hier, const char *path);

/* nstop's pid and its ancestors' (without PID 1) as the kernel has them
 * now, nearest first, at most max; the count. */
size_t safety_protected_live(int32_t *out, size_t max);

/* Must the user say yes before anything is done to cg? The reason ("the
 * root cgroup", "the cgroup of PID 1"), or NULL. */
const char *safety_confirm_reason(const struct snapshot *s, uint32_t cg);

/* The processes in cg and below it (what a freeze or a signal to the
 * cgroup reaches). */
uint32_t safety_subtree_procs(const struct snapshot *s, uint32_t cg);

#endif
