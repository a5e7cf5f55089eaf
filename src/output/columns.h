/* columns.h: the process and namespace columns, declared once.
 *
 * Each column has a stable name (for config files and sorting), a header,
 * a width, an alignment, one line of help, and a formatter that writes its
 * cell text. Cells may hold untrusted text: whoever draws them sanitises
 * (text output through sanitize_append, the TUI likewise). */
#ifndef NSTOP_OUTPUT_COLUMNS_H
#define NSTOP_OUTPUT_COLUMNS_H

#include <stddef.h>

#include "model/snapshot.h"
#include "util/buf.h"

enum col_align { COL_LEFT, COL_RIGHT };

struct proc_column {
        const char *name;
        const char *header;
        int width; /* 0: takes the rest of the line (last column) */
        enum col_align align;
        const char *help;
        void (*format)(const struct snapshot *s, const struct proc_rec *p, struct buf *out);
};

struct ns_column {
        const char *name;
        const char *header;
        int width;
        enum col_align align;
        const char *help;
        void (*format)(const struct snapshot *s, const struct ns_rec *n, struct buf *out);
};

/* cgroup columns; the tree column indents by depth below first_depth. */
struct cg_column {
        const char *name;
        const char *header;
        int width;
        enum col_align align;
        const char *help;
        void (*format)(const struct snapshot *s, const struct cgroup_rec *c, struct buf *out);
};

extern const struct proc_column proc_columns[];
extern const size_t proc_column_count;
extern const struct ns_column ns_columns[];
extern const size_t ns_column_count;
extern const struct cg_column cg_columns[];
extern const size_t cg_column_count;

/* The tree cell of a cgroup: indented by depth (two spaces a level, 16
 * levels at most; deeper, "[DEPTH] " follows), its last path component
 * ("/" and the path itself at the top), and its human name. */
void column_cgroup_tree(const struct snapshot *s, const struct cgroup_rec *c, uint32_t top_depth, struct buf *out);

/* The command shown for a process: its cmdline, or [comm] for kernel
 * threads and processes whose cmdline is empty or unknown. */
void column_command(const struct proc_rec *p, struct buf *out);

#endif
