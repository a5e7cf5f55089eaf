/* cgtree.h: ordering and lookup of cgroup paths in a snapshot.
 *
 * A snapshot keeps each hierarchy's cgroups in tree pre-order, which is
 * the order of cg_path_cmp: paths compared component by component, a
 * parent before its children, siblings by name. */
#ifndef NSTOP_MODEL_CGTREE_H
#define NSTOP_MODEL_CGTREE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/snapshot.h"

/* <0, 0, >0 like strcmp, with '/' below every other byte. */
int cg_path_cmp(const char *a, const char *b);

/* Is path at or below root ("/" holds everything)? */
bool cg_path_under(const char *path, const char *root);

/* The index of the hierarchy called name, or IDX_NONE. */
uint32_t cg_find_hier(const struct snapshot *s, const char *name);

/* The index of the cgroup of hierarchy h at path, or IDX_NONE. */
uint32_t cg_find(const struct snapshot *s, uint32_t h, const char *path);

/* The directory of cgroup c: its hierarchy's mount point (after sysroot,
 * NULL or "" for the live system) and its path below the mount's root.
 * malloc'd; NULL with errno ENOMEM, or EXDEV when c is not below the
 * mount's root. */
char *cg_dir(const struct snapshot *s, const struct cgroup_rec *c, const char *sysroot);

/* The cgroup of hierarchy h that process p is in, or IDX_NONE. */
uint32_t cg_of_proc(const struct snapshot *s, const struct proc_rec *p, uint32_t h);

/* The hierarchy that has this controller ("freezer", "memory", "cpu"):
 * the v2 one when its top lists it, else the v1 one mounted with it;
 * IDX_NONE when none has. v2 "freeze" is core, not a controller: for
 * "freezer" a v2 hierarchy counts only when no v1 freezer is mounted. */
uint32_t cg_hier_with(const struct snapshot *s, const char *controller);

/* Does the comma-separated list hold word? */
bool cg_list_has(const char *list, const char *word);

/* Names well-known cgroups (cgname.h) and, for one that holds a single
 * container, notes the net and uts namespaces its processes share. */
void cg_annotate(struct snapshot *s);

#endif
