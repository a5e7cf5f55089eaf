/* views.h: the three tables of the TUI (processes, namespaces, cgroups)
 * over one snapshot: which rows, in what order, and each cell's text.
 *
 * Rows are indexes into the snapshot, so they are rebuilt for every new
 * snapshot and every key that changes the order; what the user chose
 * (selection, expanded rows) is kept by identity (pid and start time,
 * type and inode, hierarchy and path), so it follows its row across
 * refreshes and a row that vanished is simply gone. */
#ifndef NSTOP_UI_VIEWS_H
#define NSTOP_UI_VIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"
#include "model/view.h"
#include "output/columns.h"
#include "util/buf.h"

enum ui_view { VIEW_PROCS, VIEW_NS, VIEW_CGROUPS, VIEW_COUNT };

extern const char *const ui_view_names[VIEW_COUNT];

/* ROW_GONE: a row of the previous refresh whose process, namespace or
 * cgroup vanished, drawn for one refresh from text kept by the UI. */
enum ui_row_kind { ROW_PROC, ROW_NS, ROW_CGROUP, ROW_GONE };

struct ui_row {
        uint8_t kind;   /* enum ui_row_kind */
        uint8_t depth;  /* tree depth: process tree, members under a namespace or cgroup */
        bool last;      /* the last child of its parent (tree drawing) */
        uint32_t idx;   /* into snapshot procs / ns / cgroups */
        uint64_t rails; /* bit L: the ancestor at depth L has siblings below, so its line goes on */
};

struct ui_rows {
        enum ui_view view;
        struct ui_row *v;
        uint32_t n;
};

struct ui_key {
        uint8_t kind;
        int32_t pid;
        uint64_t start, ino;
        int type;
        char path[512], hier[64];
};

/* A set of row identities (expanded namespaces, collapsed cgroups...). */
struct ui_keyset {
        struct ui_key *v;
        size_t n;
};

bool ui_keyset_has(const struct ui_keyset *k, const struct ui_key *key);
/* Adds or removes key; 0 or -ENOMEM. */
int ui_keyset_toggle(struct ui_keyset *k, const struct ui_key *key, bool on);
void ui_keyset_free(struct ui_keyset *k);

struct ui_options {
        bool show_kthreads;
        bool tree;                 /* processes as a tree */
        int ns_type;               /* namespaces view: one type (enum ns_type), -1 all */
        bool ns_tree;              /* namespaces view: user and pid namespaces under their parent */
        bool utf8;                 /* line drawing */
        uint32_t cg_hier;          /* hierarchy of the cgroup view, IDX_NONE: default */
        int sort_col[VIEW_COUNT];  /* column index, -1: the view's natural order */
        bool sort_asc[VIEW_COUNT];
        char filter[128];          /* rows whose cells hold this text (any case); "" none */
        struct ui_keyset expanded; /* namespaces and cgroups showing their processes */
        struct ui_keyset collapsed; /* cgroups hiding their subtree */
        const int32_t *created;    /* processes nstop started (n), marked in the command */
        size_t ncreated;
};

void ui_options_init(struct ui_options *o);

/* Rows of view from the filtered snapshot view v. 0 or -ENOMEM. */
int ui_rows_build(const struct snapshot *s, const struct view *v, enum ui_view view, struct ui_options *o,
                  struct ui_rows *ret);
void ui_rows_free(struct ui_rows *r);

/* The processes view's columns: a comma-separated list of column names
 * (columns.h); unknown names are skipped, an empty list is the default. */
void ui_set_proc_columns(const char *list);
void ui_proc_columns(char *out, size_t size);

int ui_ncols(enum ui_view view);
const char *ui_col_header(enum ui_view view, int col);
const char *ui_col_name(enum ui_view view, int col);
int ui_col_width(enum ui_view view, int col); /* 0: the rest of the line */
enum col_align ui_col_align(enum ui_view view, int col);
/* Can the view be sorted by its columns? (The cgroup tree keeps its order.) */
bool ui_view_sortable(enum ui_view view);
void ui_cell(const struct snapshot *s, enum ui_view view, const struct ui_options *o, const struct ui_row *row,
             int col, struct buf *out);

void ui_key_of(const struct snapshot *s, const struct ui_row *row, struct ui_key *ret);
/* The row with that identity, or -1. */
int ui_find(const struct snapshot *s, const struct ui_rows *r, const struct ui_key *k);
/* A hash of a row's identity (equal keys, equal hashes), for finding many
 * rows at once without a search per row. */
uint64_t ui_row_hash(const struct snapshot *s, const struct ui_row *row);
bool ui_key_eq(const struct ui_key *a, const struct ui_key *b);
/* Does any cell of the row contain text (ASCII case ignored)? */
bool ui_row_matches(const struct snapshot *s, enum ui_view view, const struct ui_options *o,
                    const struct ui_row *row, const char *text);

#endif
