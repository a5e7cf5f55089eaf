/* views.c: rows, columns and cells of the three views; see views.h. */
#include "config.h"

#include "ui/views.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ui_view_names[VIEW_COUNT] = {"Processes", "Namespaces", "Cgroups"};

/* The process columns the TUI shows, by their stable names. */
static const char *const proc_cols[] = {"pid", "user", "state", "cpu", "rss", "io_read", "io_write", "ns", "command"};
#define NPROC_COLS ((int)(sizeof(proc_cols) / sizeof(proc_cols[0])))

static const struct proc_column *proc_col(int col)
{
        for (size_t i = 0; i < proc_column_count; i++)
                if (strcmp(proc_columns[i].name, proc_cols[col]) == 0)
                        return &proc_columns[i];
        return &proc_columns[0];
}

/* The hierarchy the cgroup view starts on: v2 when it has controllers,
 * else the first v1 one with any, else the first. */
static uint32_t default_hier(const struct snapshot *s)
{
        for (uint32_t h = 0; h < s->ncg_hiers; h++)
                if (s->cg_hiers[h].version == 2 && s->cg_hiers[h].controllers[0])
                        return h;
        for (uint32_t h = 0; h < s->ncg_hiers; h++)
                if (s->cg_hiers[h].version == 1 && s->cg_hiers[h].controllers[0])
                        return h;
        return 0;
}

int ui_rows_build(const struct snapshot *s, const struct view *v, enum ui_view view, struct ui_options *o,
                  struct ui_rows *ret)
{
        uint32_t max = view == VIEW_PROCS ? v->nprocs : view == VIEW_NS ? v->nns : v->ncgroups;
        struct ui_rows r = {view, malloc((max + 1) * sizeof(uint32_t)), 0};
        if (!r.idx)
                return -ENOMEM;
        if (view == VIEW_CGROUPS && (o->cg_hier == IDX_NONE || o->cg_hier >= s->ncg_hiers))
                o->cg_hier = default_hier(s);
        for (uint32_t i = 0; i < max; i++) {
                if (view == VIEW_PROCS) {
                        if (!o->show_kthreads && s->procs[v->procs[i]].kernel_thread)
                                continue;
                        r.idx[r.n++] = v->procs[i];
                } else if (view == VIEW_NS) {
                        r.idx[r.n++] = v->ns[i];
                } else if (s->cgroups[v->cgroups[i]].hier == o->cg_hier) {
                        r.idx[r.n++] = v->cgroups[i];
                }
        }
        *ret = r;
        return 0;
}

void ui_rows_free(struct ui_rows *r)
{
        free(r->idx);
        r->idx = NULL;
        r->n = 0;
}

int ui_ncols(enum ui_view view)
{
        return view == VIEW_PROCS ? NPROC_COLS : view == VIEW_NS ? (int)ns_column_count : (int)cg_column_count;
}

const char *ui_col_header(enum ui_view view, int col)
{
        return view == VIEW_PROCS ? proc_col(col)->header : view == VIEW_NS ? ns_columns[col].header
                                                                            : cg_columns[col].header;
}

int ui_col_width(enum ui_view view, int col)
{
        return view == VIEW_PROCS ? proc_col(col)->width : view == VIEW_NS ? ns_columns[col].width
                                                                           : cg_columns[col].width;
}

enum col_align ui_col_align(enum ui_view view, int col)
{
        return view == VIEW_PROCS ? proc_col(col)->align : view == VIEW_NS ? ns_columns[col].align
                                                                           : cg_columns[col].align;
}

void ui_cell(const struct snapshot *s, enum ui_view view, uint32_t idx, int col, struct buf *out)
{
        if (view == VIEW_PROCS)
                proc_col(col)->format(s, &s->procs[idx], out);
        else if (view == VIEW_NS)
                ns_columns[col].format(s, &s->ns[idx], out);
        else if (cg_columns[col].width == 0)
                column_cgroup_tree(s, &s->cgroups[idx], 0, out);
        else
                cg_columns[col].format(s, &s->cgroups[idx], out);
}

void ui_key_of(const struct snapshot *s, enum ui_view view, uint32_t idx, struct ui_key *k)
{
        memset(k, 0, sizeof(*k));
        if (view == VIEW_PROCS) {
                k->pid = s->procs[idx].pid;
                k->start = s->procs[idx].start_ticks;
        } else if (view == VIEW_NS) {
                k->type = (int)s->ns[idx].type;
                k->ino = s->ns[idx].ino;
        } else {
                const struct cgroup_rec *c = &s->cgroups[idx];
                snprintf(k->hier, sizeof(k->hier), "%s", s->cg_hiers[c->hier].name);
                snprintf(k->path, sizeof(k->path), "%s", c->path);
        }
}

int ui_find(const struct snapshot *s, const struct ui_rows *r, const struct ui_key *k)
{
        for (uint32_t i = 0; i < r->n; i++) {
                struct ui_key o;
                ui_key_of(s, r->view, r->idx[i], &o);
                if (o.pid == k->pid && o.start == k->start && o.type == k->type && o.ino == k->ino &&
                    strcmp(o.path, k->path) == 0 && strcmp(o.hier, k->hier) == 0)
                        return (int)i;
        }
        return -1;
}
