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

/* Names well-known cgroups (cgname.h) and, for one that holds a single
 * container, notes the net and uts namespaces its processes share. */
void cg_annotate(struct snapshot *s);

#endif
