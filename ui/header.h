/* header.h: the meters above the table, like htop's, and the isolation
 * summary line (cgroup mode and namespaces per type). */
#ifndef NSTOP_UI_HEADER_H
#define NSTOP_UI_HEADER_H

#include "model/snapshot.h"

/* Draws from row 0 in cols columns; returns the rows used. */
int header_draw(const struct snapshot *s, int cols);

#endif
