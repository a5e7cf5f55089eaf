/* views.c: rows, order, columns and cells of the three views; see views.h. */
#include "config.h"

#include "ui/views.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const ui_view_names[VIEW_COUNT] = {"Processes", "Namespaces", "Cgroups"};

/* The process columns the TUI shows, by their stable names; the user
 * chooses them in setup (F2). */
static const char *const default_proc_cols[] = {"pid", "user", "state", "cpu", "rss", "time", "io_read", "io_write", "ns",
                                                 "cgroup", "command"};
#define PROC_COLS_MAX 32
static const char *proc_cols[PROC_COLS_MAX];
static int nproc_cols;

static const struct proc_column *find_proc_column(const char *name, size_t len)
{
        for (size_t i = 0; i < proc_column_count; i++)
                if (strlen(proc_columns[i].name) == len && strncmp(proc_columns[i].name, name, len) == 0)
                        return &proc_columns[i];
        return NULL;
}

void ui_set_proc_columns(const char *list)
{
        nproc_cols = 0;
        for (const char *p = list ? list : ""; *p && nproc_cols < PROC_COLS_MAX;) {
                size_t n = strcspn(p, ",");
                const struct proc_column *c = find_proc_column(p, n);
                if (c)
                        proc_cols[nproc_cols++] = c->name;
                p += n + (p[n] == ',');
        }
        if (!nproc_cols)
                for (size_t i = 0; i < sizeof(default_proc_cols) / sizeof(default_proc_cols[0]); i++)
                        proc_cols[nproc_cols++] = default_proc_cols[i];
}

void ui_proc_columns(char *out, size_t size)
{
        size_t n = 0;
        out[0] = '\0';
        if (!nproc_cols)
                ui_set_proc_columns(NULL);
        for (int i = 0; i < nproc_cols && n < size; i++)
                n += (size_t)snprintf(out + n, size - n, "%s%s", i ? "," : "", proc_cols[i]);
}
/* Trees deeper than this are drawn flat below it. */
#define TREE_DEPTH_MAX 40

static const struct proc_column *proc_col_by_name(const char *name)
{
        for (size_t i = 0; i < proc_column_count; i++)
                if (strcmp(proc_columns[i].name, name) == 0)
                        return &proc_columns[i];
        return &proc_columns[0];
}

static const struct proc_column *proc_col(int col)
{
        return proc_col_by_name(proc_cols[col]);
}

/* ---- key sets ---------------------------------------------------------------- */

bool ui_key_eq(const struct ui_key *a, const struct ui_key *b)
{
        return a->kind == b->kind && a->pid == b->pid && a->start == b->start && a->type == b->type &&
               a->ino == b->ino && strcmp(a->path, b->path) == 0 && strcmp(a->hier, b->hier) == 0;
}

bool ui_keyset_has(const struct ui_keyset *k, const struct ui_key *key)
{
        for (size_t i = 0; i < k->n; i++)
                if (ui_key_eq(&k->v[i], key))
                        return true;
        return false;
}

int ui_keyset_toggle(struct ui_keyset *k, const struct ui_key *key, bool on)
{
        for (size_t i = 0; i < k->n; i++)
                if (ui_key_eq(&k->v[i], key)) {
                        if (!on)
                                k->v[i] = k->v[--k->n];
                        return 0;
                }
        if (!on)
                return 0;
        struct ui_key *v = realloc(k->v, (k->n + 1) * sizeof(*v));
        if (!v)
                return -ENOMEM;
        k->v = v;
        k->v[k->n++] = *key;
        return 0;
}

void ui_keyset_free(struct ui_keyset *k)
{
        free(k->v);
        k->v = NULL;
        k->n = 0;
}

void ui_options_init(struct ui_options *o)
{
        memset(o, 0, sizeof(*o));
        o->cg_hier = IDX_NONE;
        o->ns_type = -1;
        o->sort_col[VIEW_PROCS] = 3; /* CPU%, busiest first */
        o->sort_col[VIEW_NS] = -1;
        o->sort_col[VIEW_CGROUPS] = -1;
}

/* ---- columns ------------------------------------------------------------------ */

int ui_ncols(enum ui_view view)
{
        if (!nproc_cols)
                ui_set_proc_columns(NULL);
        return view == VIEW_PROCS ? nproc_cols : view == VIEW_NS ? (int)ns_column_count : (int)cg_column_count;
}

const char *ui_col_header(enum ui_view view, int col)
{
        return view == VIEW_PROCS ? proc_col(col)->header : view == VIEW_NS ? ns_columns[col].header
                                                                            : cg_columns[col].header;
}

const char *ui_col_name(enum ui_view view, int col)
{
        return view == VIEW_PROCS ? proc_col(col)->name : view == VIEW_NS ? ns_columns[col].name
                                                                          : cg_columns[col].name;
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

bool ui_view_sortable(enum ui_view view)
{
        return view != VIEW_CGROUPS;
}

/* "├─ " and friends for a row at depth, or their ASCII forms. */
static void tree_prefix(const struct ui_options *o, const struct ui_row *r, struct buf *out)
{
        if (!r->depth)
                return;
        for (int level = 1; level < r->depth; level++)
                buf_puts(out, r->rails & (1ull << level) ? (o->utf8 ? "\u2502 " : "| ") : "  ");
        buf_puts(out, o->utf8 ? (r->last ? "\u2514\u2500 " : "\u251c\u2500 ") : (r->last ? "`- " : "|- "));
}

/* Processes nstop started in new namespaces say so, and chrooted ones
 * say so (unless the ROOT column is there to say it), before their
 * command. */
static void chroot_mark(const struct ui_options *o, const struct proc_rec *p, struct buf *out)
{
        for (size_t i = 0; i < o->ncreated; i++)
                if (o->created[i] == p->pid)
                        buf_puts(out, "[made by nstop] ");
        for (int i = 0; i < nproc_cols; i++)
                if (!strcmp(proc_cols[i], "root"))
                        return;
        if (p->chrooted > 0)
                buf_printf(out, "[chroot %s] ", p->root ? p->root : "?");
}

/* A process shown under a namespace or cgroup: the columns that mean the
 * same for a process are filled, the last one says which process. */
static void member_cell(const struct snapshot *s, const struct ui_options *o, const struct ui_row *r,
                        const char *name, bool last_col, struct buf *out)
{
        const struct proc_rec *p = &s->procs[r->idx];
        if (last_col) {
                tree_prefix(o, r, out);
                buf_printf(out, "%d ", p->pid);
                chroot_mark(o, p, out);
                column_command(p, out);
                return;
        }
        static const char *const same[][2] = {
                {"pid", "pid"}, {"cpu", "cpu"}, {"rss", "rss"}, {"memory", "rss"}, {"io_read", "io_read"}, {"io_write", "io_write"},
        };
        for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
                if (strcmp(name, same[i][0]) == 0)
                        proc_col_by_name(same[i][1])->format(s, p, out);
}

void ui_cell(const struct snapshot *s, enum ui_view view, const struct ui_options *o, const struct ui_row *row,
             int col, struct buf *out)
{
        bool last_col = col == ui_ncols(view) - 1;
        if (row->kind == ROW_GONE)
                return; /* the UI draws these from its own copy */
        if (view != VIEW_PROCS && row->kind == ROW_PROC) {
                member_cell(s, o, row, ui_col_name(view, col), last_col, out);
        } else if (view == VIEW_PROCS) {
                if (last_col && o->tree)
                        tree_prefix(o, row, out);
                if (!strcmp(proc_cols[col], "command"))
                        chroot_mark(o, &s->procs[row->idx], out);
                proc_col(col)->format(s, &s->procs[row->idx], out);
        } else if (view == VIEW_NS) {
                if (last_col && o->ns_tree)
                        tree_prefix(o, row, out);
                ns_columns[col].format(s, &s->ns[row->idx], out);
        } else if (last_col) {
                column_cgroup_tree(s, &s->cgroups[row->idx], 0, out);
        } else {
                cg_columns[col].format(s, &s->cgroups[row->idx], out);
        }
}

/* ---- identity ------------------------------------------------------------------ */

void ui_key_of(const struct snapshot *s, const struct ui_row *row, struct ui_key *k)
{
        memset(k, 0, sizeof(*k));
        k->kind = row->kind;
        if (row->kind == ROW_GONE) {
                k->ino = row->idx; /* matches nothing in a snapshot */
        } else if (row->kind == ROW_PROC) {
                k->pid = s->procs[row->idx].pid;
                k->start = s->procs[row->idx].start_ticks;
        } else if (row->kind == ROW_NS) {
                k->type = (int)s->ns[row->idx].type;
                k->ino = s->ns[row->idx].ino;
        } else {
                const struct cgroup_rec *c = &s->cgroups[row->idx];
                snprintf(k->hier, sizeof(k->hier), "%s", s->cg_hiers[c->hier].name);
                snprintf(k->path, sizeof(k->path), "%s", c->path);
        }
}

static uint64_t mix(uint64_t h, uint64_t v)
{
        h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        return h;
}

static uint64_t mix_str(uint64_t h, const char *t)
{
        for (; *t; t++)
                h = (h ^ (unsigned char)*t) * 1099511628211ULL;
        return mix(h, 0);
}

uint64_t ui_row_hash(const struct snapshot *s, const struct ui_row *row)
{
        uint64_t h = mix(1469598103934665603ULL, row->kind);
        if (row->kind == ROW_GONE)
                return mix(h, row->idx);
        if (row->kind == ROW_PROC)
                return mix(mix(h, (uint64_t)s->procs[row->idx].pid), s->procs[row->idx].start_ticks);
        if (row->kind == ROW_NS)
                return mix(mix(h, (uint64_t)s->ns[row->idx].type), s->ns[row->idx].ino);
        const struct cgroup_rec *c = &s->cgroups[row->idx];
        return mix_str(mix_str(h, s->cg_hiers[c->hier].name), c->path);
}

int ui_find(const struct snapshot *s, const struct ui_rows *r, const struct ui_key *k)
{
        for (uint32_t i = 0; i < r->n; i++) {
                struct ui_key o;
                ui_key_of(s, &r->v[i], &o);
                if (ui_key_eq(&o, k))
                        return (int)i;
        }
        return -1;
}

bool ui_row_matches(const struct snapshot *s, enum ui_view view, const struct ui_options *o,
                    const struct ui_row *row, const char *text)
{
        if (row->kind == ROW_GONE)
                return false;
        struct buf b = {0};
        bool found = false;
        for (int c = 0; c < ui_ncols(view) && !found; c++) {
                buf_reset(&b);
                ui_cell(s, view, o, row, c, &b);
                found = !b.failed && strcasestr(buf_str(&b), text) != NULL;
        }
        buf_free(&b);
        return found;
}

/* ---- order -------------------------------------------------------------------- */

/* A number to sort a cell by, or NAN when the column sorts as text. */
static double sort_number(const struct snapshot *s, enum ui_view view, uint32_t idx, const char *name)
{
        if (view == VIEW_PROCS) {
                const struct proc_rec *p = &s->procs[idx];
                if (!strcmp(name, "pid")) return p->pid;
                if (!strcmp(name, "cpu")) return isnan(p->cpu_percent) ? -1 : p->cpu_percent;
                if (!strcmp(name, "rss")) return p->rss_bytes == U64_UNKNOWN ? -1 : (double)p->rss_bytes;
                if (!strcmp(name, "time")) return (double)p->cpu_ticks;
                if (!strcmp(name, "io_read")) return isnan(p->io_read_rate) ? -1 : p->io_read_rate;
                if (!strcmp(name, "io_write")) return isnan(p->io_write_rate) ? -1 : p->io_write_rate;
                return NAN;
        }
        const struct ns_rec *n = &s->ns[idx];
        if (!strcmp(name, "type")) return n->type;
        if (!strcmp(name, "ns")) return (double)n->ino;
        if (!strcmp(name, "nprocs")) return n->member_count;
        if (!strcmp(name, "pid")) return n->member_count ? s->procs[s->members[n->member_first]].pid : -1;
        if (!strcmp(name, "owner")) return (double)n->owner_ino;
        if (!strcmp(name, "parent")) return (double)n->parent_ino;
        if (!strcmp(name, "cpu")) return isnan(n->cpu_percent) ? -1 : n->cpu_percent;
        if (!strcmp(name, "rss")) return (double)n->rss_bytes;
        if (!strcmp(name, "io_read")) return isnan(n->io_read_rate) ? -1 : n->io_read_rate;
        if (!strcmp(name, "io_write")) return isnan(n->io_write_rate) ? -1 : n->io_write_rate;
        return NAN;
}

/* A row with its sort key, computed once before sorting: a comparison
 * that formatted both cells (text columns such as CGROUP) made a sort of
 * 10,000 rows cost some 75 ms on every key. */
struct sort_item {
        struct ui_row row;
        double num;  /* NAN: the column sorts as text */
        char *text;  /* the cell, when any row sorts as text */
};

static int item_cmp(const void *a, const void *b, void *arg)
{
        const bool *asc = arg;
        const struct sort_item *x = a, *y = b;
        int d;
        if (!isnan(x->num) && !isnan(y->num))
                d = (x->num > y->num) - (x->num < y->num);
        else
                d = strcmp(x->text, y->text);
        if (!*asc)
                d = -d;
        /* Ties keep the snapshot's order, so rows do not jump around. */
        return d ? d : (x->row.idx > y->row.idx) - (x->row.idx < y->row.idx);
}

static void items_free(struct sort_item *v, uint32_t n)
{
        for (uint32_t i = 0; i < n; i++)
                free(v[i].text);
        free(v);
}

/* Sorts rows by column col of view. 0 or -ENOMEM (rows left as they were). */
static int sort_rows(struct ui_row *rows, uint32_t n, const struct snapshot *s, enum ui_view view,
                     const struct ui_options *o, int col, bool asc)
{
        struct sort_item *v = calloc(n ? n : 1, sizeof(*v));
        if (!v)
                return -ENOMEM;
        const char *name = ui_col_name(view, col);
        bool any_text = false;
        for (uint32_t i = 0; i < n; i++) {
                v[i].row = rows[i];
                v[i].num = sort_number(s, view, rows[i].idx, name);
                any_text |= isnan(v[i].num);
        }
        for (uint32_t i = 0; any_text && i < n; i++) {
                struct buf b = {0};
                ui_cell(s, view, o, &rows[i], col, &b);
                v[i].text = b.failed ? NULL : strdup(buf_str(&b));
                buf_free(&b);
                if (!v[i].text) {
                        items_free(v, n);
                        return -ENOMEM;
                }
        }
        qsort_r(v, n, sizeof(*v), item_cmp, &asc);
        for (uint32_t i = 0; i < n; i++)
                rows[i] = v[i].row;
        items_free(v, n);
        return 0;
}

/* ---- trees: processes by parent, user and pid namespaces by parent --------- */

/* A row's own key and its parent's (false: it has none), unique among
 * the rows, so that each child finds its parent by a binary search: a
 * tree of 10,000 processes is built in n log n, not n^2, on every key. */
struct tree_keys {
        uint64_t (*own)(const struct snapshot *s, const struct ui_row *r);
        bool (*parent)(const struct snapshot *s, const struct ui_row *r, uint64_t *ret);
};

static uint64_t proc_key(const struct snapshot *s, const struct ui_row *r)
{
        return (uint32_t)s->procs[r->idx].pid;
}

static bool proc_parent(const struct snapshot *s, const struct ui_row *r, uint64_t *ret)
{
        const struct proc_rec *p = &s->procs[r->idx];
        *ret = (uint32_t)p->ppid;
        return p->ppid != p->pid;
}

static bool ns_has_parent(const struct ns_rec *n)
{
        return (n->type == NS_USER || n->type == NS_PID) && n->parent_state == LINK_KNOWN;
}

/* A namespace's parent is of its own type: the key holds both. */
static uint64_t ns_key(const struct snapshot *s, const struct ui_row *r)
{
        return s->ns[r->idx].ino * NS_TYPE_COUNT + (uint64_t)s->ns[r->idx].type;
}

static bool ns_parent(const struct snapshot *s, const struct ui_row *r, uint64_t *ret)
{
        const struct ns_rec *n = &s->ns[r->idx];
        *ret = n->parent_ino * NS_TYPE_COUNT + (uint64_t)n->type;
        return ns_has_parent(n);
}

static const struct tree_keys proc_tree = {proc_key, proc_parent}, ns_tree = {ns_key, ns_parent};

struct keyed {
        uint64_t key;
        uint32_t i;
};

static int keyed_cmp(const void *a, const void *b)
{
        const struct keyed *x = a, *y = b;
        return (x->key > y->key) - (x->key < y->key);
}

struct tree {
        const struct ui_row *in;
        struct ui_row *out;
        uint32_t nout;
        uint32_t *first, *next; /* children lists, in the order of the input (the sort) */
        bool *placed;
};

static void tree_add(struct tree *t, uint32_t i, uint8_t depth, bool last, uint64_t rails)
{
        if (t->placed[i])
                return;
        t->placed[i] = true;
        struct ui_row r = t->in[i];
        r.depth = depth > TREE_DEPTH_MAX ? TREE_DEPTH_MAX : depth;
        r.last = last;
        r.rails = rails;
        t->out[t->nout++] = r;
        if (depth >= 1 && depth < TREE_DEPTH_MAX && !last)
                rails |= 1ull << depth;
        for (uint32_t c = t->first[i]; c != UINT32_MAX; c = t->next[c])
                tree_add(t, c, (uint8_t)(depth + 1), t->next[c] == UINT32_MAX, rails);
}

/* Each row's parent among the rows (UINT32_MAX: none), into parent[]. */
static int find_parents(const struct snapshot *s, const struct tree_keys *k, const struct ui_row *in, uint32_t n,
                        uint32_t *parent)
{
        struct keyed *by = malloc((n + 1) * sizeof(*by));
        if (!by)
                return -ENOMEM;
        for (uint32_t i = 0; i < n; i++)
                by[i] = (struct keyed){k->own(s, &in[i]), i};
        qsort(by, n, sizeof(*by), keyed_cmp);
        for (uint32_t i = 0; i < n; i++) {
                struct keyed want = {0, 0};
                const struct keyed *hit = NULL;
                if (k->parent(s, &in[i], &want.key))
                        hit = bsearch(&want, by, n, sizeof(*by), keyed_cmp);
                parent[i] = hit && hit->i != i ? hit->i : UINT32_MAX;
        }
        free(by);
        return 0;
}

/* Reorders rows[0..*n) as a tree: a row whose parent is not among the
 * rows is a root. 0 or -ENOMEM. */
static int make_tree(const struct snapshot *s, const struct tree_keys *k, struct ui_row **rows, uint32_t *n)
{
        uint32_t m = *n;
        struct tree t = {*rows, malloc((m + 1) * sizeof(struct ui_row)), 0, malloc((m + 1) * sizeof(uint32_t)),
                         malloc((m + 1) * sizeof(uint32_t)), calloc(m + 1, 1)};
        uint32_t *parent = malloc((m + 1) * sizeof(uint32_t)), *tail = malloc((m + 1) * sizeof(uint32_t));
        int r = t.out && t.first && t.next && t.placed && parent && tail ? find_parents(s, k, t.in, m, parent)
                                                                         : -ENOMEM;
        if (r == 0) {
                for (uint32_t i = 0; i < m; i++)
                        t.first[i] = t.next[i] = tail[i] = UINT32_MAX;
                for (uint32_t i = 0; i < m; i++) {
                        uint32_t p = parent[i];
                        if (p == UINT32_MAX)
                                continue;
                        if (tail[p] == UINT32_MAX)
                                t.first[p] = i;
                        else
                                t.next[tail[p]] = i;
                        tail[p] = i;
                }
                for (uint32_t i = 0; i < m; i++)
                        if (parent[i] == UINT32_MAX)
                                tree_add(&t, i, 0, false, 0);
                for (uint32_t i = 0; i < m; i++) /* cycles (pid reuse): anything left */
                        tree_add(&t, i, 0, false, 0);
        }
        free(parent);
        free(tail);
        free(t.first);
        free(t.next);
        free(t.placed);
        if (r < 0) {
                free(t.out);
                return r;
        }
        free(*rows);
        *rows = t.out;
        *n = t.nout;
        return 0;
}

/* ---- building ------------------------------------------------------------------ */

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

struct rowbuf {
        struct ui_row *v;
        uint32_t n, cap;
};

static int push(struct rowbuf *b, struct ui_row r)
{
        if (b->n == b->cap) {
                uint32_t cap = b->cap ? b->cap * 2 : 64;
                struct ui_row *v = realloc(b->v, cap * sizeof(*v));
                if (!v)
                        return -ENOMEM;
                b->v = v;
                b->cap = cap;
        }
        b->v[b->n++] = r;
        return 0;
}

/* The processes of a namespace or cgroup, one level below it. */
static int push_members(struct rowbuf *b, const struct snapshot *s, const uint32_t *members, uint32_t count,
                        uint8_t depth, const struct ui_options *o)
{
        uint32_t shown = 0;
        for (uint32_t m = 0; m < count; m++)
                shown += o->show_kthreads || !s->procs[members[m]].kernel_thread;
        for (uint32_t m = 0; m < count; m++) {
                if (!o->show_kthreads && s->procs[members[m]].kernel_thread)
                        continue;
                struct ui_row r = {.kind = ROW_PROC, .depth = depth, .last = --shown == 0, .idx = members[m]};
                if (push(b, r) < 0)
                        return -ENOMEM;
        }
        return 0;
}

static int build_cgroups(struct rowbuf *b, const struct snapshot *s, const struct view *v, struct ui_options *o)
{
        if (o->cg_hier == IDX_NONE || o->cg_hier >= s->ncg_hiers)
                o->cg_hier = default_hier(s);
        uint32_t hidden_below = UINT32_MAX; /* depth of a collapsed cgroup being skipped */
        for (uint32_t i = 0; i < v->ncgroups; i++) {
                const struct cgroup_rec *c = &s->cgroups[v->cgroups[i]];
                if (c->hier != o->cg_hier)
                        continue;
                if (hidden_below != UINT32_MAX && c->depth > hidden_below)
                        continue;
                hidden_below = UINT32_MAX;
                struct ui_row r = {.kind = ROW_CGROUP, .idx = v->cgroups[i]};
                struct ui_key k;
                ui_key_of(s, &r, &k);
                if (push(b, r) < 0)
                        return -ENOMEM;
                bool folded = ui_keyset_has(&o->collapsed, &k);
                if (folded)
                        hidden_below = c->depth;
                if (!folded && ui_keyset_has(&o->expanded, &k) &&
                    push_members(b, s, s->cg_members + c->member_first, c->member_count,
                                 (uint8_t)(c->depth + 1 > 250 ? 250 : c->depth + 1), o) < 0)
                        return -ENOMEM;
        }
        return 0;
}

static int build_flat(struct rowbuf *b, const struct snapshot *s, const struct view *v, enum ui_view view,
                      const struct ui_options *o)
{
        uint32_t n = view == VIEW_PROCS ? v->nprocs : v->nns;
        for (uint32_t i = 0; i < n; i++) {
                struct ui_row r = {.kind = view == VIEW_PROCS ? ROW_PROC : ROW_NS,
                                   .idx = view == VIEW_PROCS ? v->procs[i] : v->ns[i]};
                if (view == VIEW_PROCS && !o->show_kthreads && s->procs[r.idx].kernel_thread)
                        continue;
                if (view == VIEW_NS && o->ns_type >= 0 && (int)s->ns[r.idx].type != o->ns_type)
                        continue;
                if (o->filter[0] && !ui_row_matches(s, view, o, &r, o->filter))
                        continue;
                if (push(b, r) < 0)
                        return -ENOMEM;
        }
        if (o->sort_col[view] >= 0 && b->n)
                return sort_rows(b->v, b->n, s, view, o, o->sort_col[view], o->sort_asc[view]);
        return 0;
}

/* Namespaces that show their members get them right below. */
static int add_ns_members(struct rowbuf *b, const struct snapshot *s, const struct ui_options *o)
{
        if (!o->expanded.n)
                return 0;
        struct rowbuf out = {0};
        for (uint32_t i = 0; i < b->n; i++) {
                struct ui_key k;
                ui_key_of(s, &b->v[i], &k);
                const struct ns_rec *n = &s->ns[b->v[i].idx];
                if (push(&out, b->v[i]) < 0 ||
                    (ui_keyset_has(&o->expanded, &k) &&
                     push_members(&out, s, s->members + n->member_first, n->member_count, 1, o) < 0)) {
                        free(out.v);
                        return -ENOMEM;
                }
        }
        free(b->v);
        *b = out;
        return 0;
}

int ui_rows_build(const struct snapshot *s, const struct view *v, enum ui_view view, struct ui_options *o,
                  struct ui_rows *ret)
{
        struct rowbuf b = {0};
        int r = view == VIEW_CGROUPS ? build_cgroups(&b, s, v, o) : build_flat(&b, s, v, view, o);
        if (r == 0 && view == VIEW_NS && o->ns_tree)
                r = make_tree(s, &ns_tree, &b.v, &b.n);
        if (r == 0 && view == VIEW_NS)
                r = add_ns_members(&b, s, o);
        if (r == 0 && view == VIEW_CGROUPS && o->filter[0]) {
                uint32_t k = 0;
                for (uint32_t i = 0; i < b.n; i++)
                        if (ui_row_matches(s, view, o, &b.v[i], o->filter))
                                b.v[k++] = b.v[i];
                b.n = k;
        }
        struct ui_rows rows = {view, b.v, b.n};
        if (r == 0 && view == VIEW_PROCS && o->tree)
                r = make_tree(s, &proc_tree, &rows.v, &rows.n);
        if (r < 0) {
                free(rows.v);
                return r;
        }
        *ret = rows;
        return 0;
}

void ui_rows_free(struct ui_rows *r)
{
        free(r->v);
        r->v = NULL;
        r->n = 0;
}
