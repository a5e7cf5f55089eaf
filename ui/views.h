/* views.h: the three tables of the TUI (processes, namespaces, cgroups)
 * over one snapshot: which rows, which columns, and each cell's text.
 *
 * Rows are indexes into the snapshot; the selection is kept by identity
 * (pid and start time, type and inode, hierarchy and path) so it follows
 * its row across refreshes, and a row that vanished is simply gone. */
#ifndef NSTOP_UI_VIEWS_H
#define NSTOP_UI_VIEWS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/snapshot.h"
#include "model/view.h"
#include "output/columns.h"
#include "util/buf.h"

enum ui_view { VIEW_PROCS, VIEW_NS, VIEW_CGROUPS, VIEW_COUNT };

extern const char *const ui_view_names[VIEW_COUNT];

struct ui_key {
        int32_t pid;
        uint64_t start, ino;
        int type;
        char path[512], hier[64];
};

struct ui_rows {
        enum ui_view view;
        uint32_t *idx; /* into snapshot procs / ns / cgroups */
        uint32_t n;
};

struct ui_options {
        bool show_kthreads;
        uint32_t cg_hier; /* hierarchy shown in the cgroup view, IDX_NONE: default */
};

/* Rows of view from the filtered view v. 0 or -ENOMEM. */
int ui_rows_build(const struct snapshot *s, const struct view *v, enum ui_view view, struct ui_options *o,
                  struct ui_rows *ret);
void ui_rows_free(struct ui_rows *r);

int ui_ncols(enum ui_view view);
const char *ui_col_header(enum ui_view view, int col);
int ui_col_width(enum ui_view view, int col); /* 0: the rest of the line */
enum col_align ui_col_align(enum ui_view view, int col);
void ui_cell(const struct snapshot *s, enum ui_view view, uint32_t idx, int col, struct buf *out);

void ui_key_of(const struct snapshot *s, enum ui_view view, uint32_t idx, struct ui_key *ret);
/* The row with that identity, or -1. */
int ui_find(const struct snapshot *s, const struct ui_rows *r, const struct ui_key *k);

#endif
