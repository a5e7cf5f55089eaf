/* tui.c: the interactive loop; see tui.h.
 *
 * One loop: wait for a key with a timeout that ends at the next refresh;
 * a key redraws the current snapshot, the timer takes a new one. Quit
 * signals only set a flag that the loop checks, so the terminal is
 * restored by the same endwin() on every exit path; a crash restores it
 * from bytes prepared at start-up (termsig.h). */
#include "config.h"

#include "ui/tui.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <wchar.h>
#include <langinfo.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/cgtree.h"
#include "model/delta.h"
#include "model/nstype.h"
#include "output/explain.h"
#include "settings.h"
#include "ui/create.h"
#include "ui/enter.h"
#include "ui/header.h"
#include "ui/panel.h"
#include "ui/screen.h"
#include "ui/termsig.h"
#include "ui/tui_state.h"
#include "ui/views.h"
#include "util/sanitize.h"

/* The first frame comes this soon, so its rates are already real. */
#define FIRST_DELAY 0.3

static double now_monotonic(void)
{
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void tui_message(struct tui *t, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(t->message, sizeof(t->message), fmt, ap);
        va_end(ap);
}

static void gone_free(struct tui *t);

/* Rebuilds the rows of the current view and finds the selection again. */
static int rebuild(struct tui *t)
{
        ui_rows_free(&t->rows);
        gone_free(t);
        if (!t->have_view) {
                if (view_build(t->cur, t->filter, &t->v) < 0)
                        return -ENOMEM;
                t->have_view = true;
        }
        if (ui_rows_build(t->cur, &t->v, t->view, &t->opts, &t->rows) < 0)
                return -ENOMEM;
        if (t->have_sel_key && !t->unfollow) {
                int i = ui_find(t->cur, &t->rows, &t->sel_key);
                if (i >= 0)
                        t->sel = i;
        }
        if (t->sel >= (int)t->rows.n)
                t->sel = t->rows.n ? (int)t->rows.n - 1 : 0;
        return 0;
}

static void remember_selection(struct tui *t)
{
        t->have_sel_key = t->sel < (int)t->rows.n;
        if (t->have_sel_key)
                ui_key_of(t->cur, &t->rows.v[t->sel], &t->sel_key);
}

/* Tags of processes, namespaces and cgroups that are gone are dropped. */
static void drop_gone_tags(struct tui *t)
{
        const struct snapshot *s = t->cur;
        for (size_t i = 0; i < t->tags.n;) {
                const struct ui_key *k = &t->tags.v[i];
                bool alive;
                if (k->kind == ROW_PROC) {
                        const struct proc_rec *p = snapshot_find_proc(s, k->pid);
                        alive = p && p->start_ticks == k->start;
                } else if (k->kind == ROW_NS) {
                        alive = snapshot_find_ns(s, (enum ns_type)k->type, k->ino) != NULL;
                } else {
                        uint32_t h = cg_find_hier(s, k->hier);
                        alive = h != IDX_NONE && cg_find(s, h, k->path) != IDX_NONE;
                }
                if (alive)
                        i++;
                else
                        t->tags.v[i] = t->tags.v[--t->tags.n];
        }
}

static void gone_free(struct tui *t)
{
        for (uint32_t i = 0; i < t->ngone; i++)
                buf_free(&t->gone[i]);
        free(t->gone);
        t->gone = NULL;
        t->ngone = 0;
}

struct row_hash {
        uint64_t hash;
        uint32_t row;
};

static int row_hash_cmp(const void *a, const void *b)
{
        const struct row_hash *x = a, *y = b;
        return (x->hash > y->hash) - (x->hash < y->hash);
}

/* Whether old row r (of the old snapshot) is among t's new rows, whose
 * hashes hv holds sorted. */
static bool still_there(const struct tui *t, const struct row_hash *hv, const struct snapshot *old,
                        const struct ui_row *r)
{
        uint64_t h = ui_row_hash(old, r);
        size_t lo = 0, hi = t->rows.n;
        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (hv[mid].hash < h)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        struct ui_key k, o;
        if (lo < t->rows.n && hv[lo].hash == h)
                ui_key_of(old, r, &k);
        for (; lo < t->rows.n && hv[lo].hash == h; lo++) {
                ui_key_of(t->cur, &t->rows.v[hv[lo].row], &o);
                if (ui_key_eq(&k, &o))
                        return true;
        }
        return false;
}

/* The rows of old (drawn from the old snapshot) that are not in the new
 * rows come back as ROW_GONE rows at their old place, for one refresh. */
static int keep_vanished(struct tui *t, const struct snapshot *old, const struct ui_rows *old_rows)
{
        gone_free(t);
        if (!old || old_rows->view != t->view || !old_rows->n)
                return 0;
        struct ui_row *merged = malloc((t->rows.n + old_rows->n + 1) * sizeof(*merged));
        t->gone = calloc(old_rows->n, sizeof(*t->gone));
        if (!merged || !t->gone) {
                free(merged);
                return -ENOMEM;
        }
        /* Which old rows are still there, by identity: hashes of the new
         * rows, sorted, and an exact check of any equal hash. */
        struct row_hash *hv = malloc((t->rows.n + 1) * sizeof(*hv));
        if (!hv) {
                free(merged);
                return -ENOMEM;
        }
        for (uint32_t i = 0; i < t->rows.n; i++)
                hv[i] = (struct row_hash){ui_row_hash(t->cur, &t->rows.v[i]), i};
        qsort(hv, t->rows.n, sizeof(*hv), row_hash_cmp);
        uint32_t m = 0, next = 0;
        for (uint32_t i = 0; i < old_rows->n; i++) {
                const struct ui_row *r = &old_rows->v[i];
                if (r->kind == ROW_GONE || (t->view != VIEW_PROCS && r->kind == ROW_PROC))
                        continue;
                if (still_there(t, hv, old, r))
                        continue;
                /* Copy the new rows that come before its old place. */
                while (next < t->rows.n && next + t->ngone < i)
                        merged[m++] = t->rows.v[next++];
                struct buf *b = &t->gone[t->ngone];
                for (int c = 0; c < ui_ncols(t->view); c++) {
                        if (c)
                                buf_putc(b, '\t');
                        struct buf cell = {0};
                        ui_cell(old, t->view, &t->opts, r, c, &cell);
                        /* Tabs inside a cell would split it: none survive. */
                        for (size_t j = 0; j < cell.len; j++)
                                buf_putc(b, cell.data[j] == '\t' ? ' ' : cell.data[j]);
                        buf_free(&cell);
                }
                merged[m++] = (struct ui_row){.kind = ROW_GONE, .idx = t->ngone++};
        }
        while (next < t->rows.n)
                merged[m++] = t->rows.v[next++];
        free(hv);
        free(t->rows.v);
        t->rows.v = merged;
        t->rows.n = m;
        /* The rows put back above the selection moved it: find it again,
         * or the next key would act on the row above. */
        if (t->have_sel_key && !t->unfollow) {
                int i = ui_find(t->cur, &t->rows, &t->sel_key);
                if (i >= 0)
                        t->sel = i;
        }
        return 0;
}

static int take(struct tui *t, char **cause)
{
        struct snapshot *next = NULL;
        /* The snapshot before the current one has served (rates, what is
         * new, what vanished): gone before the next is built, so that at
         * most two are held at a time. */
        t->prev = snapshot_free(t->prev);
        int r = sampler_take(t->sm, &next, cause);
        if (r < 0)
                return r;
        delta_apply(t->cur, next);
        /* The old rows live until the vanished ones are copied out. */
        struct ui_rows old_rows = t->rows;
        t->rows = (struct ui_rows){0};
        t->prev = t->cur;
        t->cur = next;
        if (t->have_view)
                view_release(&t->v);
        t->have_view = false;
        drop_gone_tags(t);
        r = rebuild(t);
        if (r == 0)
                r = fresh_update(&t->fresh, t->prev, t->cur, NEW_SECONDS);
        if (r == 0)
                r = keep_vanished(t, t->prev, &old_rows);
        ui_rows_free(&old_rows);
        return r;
}

int tui_refresh(struct tui *t, char **cause)
{
        sampler_expire(t->sm);
        return take(t, cause);
}

const struct ui_row *tui_selected(const struct tui *t)
{
        if (t->sel < 0 || t->sel >= (int)t->rows.n || t->rows.v[t->sel].kind == ROW_GONE)
                return NULL;
        return &t->rows.v[t->sel];
}

/* ---- keys ---------------------------------------------------------------- */

static const char help_text[] =
        "Views\n"
        "  Tab, Shift-Tab    next, previous view: Processes, Namespaces, Cgroups\n"
        "  c                 cgroups view: next hierarchy\n"
        "Moving\n"
        "  Up, Down          move the selection; PgUp, PgDn, Home, End\n"
        "  Enter, Right      namespaces and cgroups: show the processes in it / the subtree\n"
        "  Left              hide them again (cgroups: hide the subtree)\n"
        "Order and finding\n"
        "  F6                sort by a column;  < >  previous, next column;  I  invert\n"
        "  P, M, T           sort by CPU%, by memory, by CPU time\n"
        "  F5, t             processes: tree by parent; namespaces: user and pid\n"
        "                    namespaces under their parents\n"
        "  y                 namespaces: show one type (all, mnt, uts, ipc, net...)\n"
        "  F3, /             search (incremental); n, N  next, previous match\n"
        "  F4, \\             filter rows by text (command, user, inode, cgroup...); Esc clears\n"
        "  K                 show or hide kernel threads\n"
        "Actions (a dialog asks first where it matters; Esc cancels)\n"
        "  f                 freeze or thaw a cgroup (on a process: its cgroup)\n"
        "  l                 limits of a cgroup (on a process: in a new cgroup\n"
        "                    nstop-PID of its own)\n"
        "  m                 move a process to another cgroup\n"
        "  a, X              make a child cgroup; remove an empty cgroup\n"
        "  F9, k             send a signal (tagged processes, or every process of a cgroup)\n"
        "  F7, ]  F8, [      nice - (more CPU), nice + (less)\n"
        "  e                 a shell (or a command) in the process's namespaces\n"
        "  r                 run one command there; its output in a panel (Esc stops it)\n"
        "  n                 a process in new namespaces, as unshare (after a search\n"
        "                    n is the next match: Esc clears the search)\n"
        "Other\n"
        "  Space, U          tag the selected row (and move down); untag all\n"
        "  F                 the selection follows its row (default) or keeps its place\n"
        "  i                 explain the selected row\n"
        "  z                 pause or resume updates;  Ctrl-L  redraw\n"
        "  F1, ?             this help\n"
        "  q, F10            quit\n"
        "  F2                setup: columns and colours, saved in nstoprc";

static void move_sel(struct tui *t, int delta)
{
        int n = (int)t->rows.n;
        t->sel += delta;
        if (t->sel >= n)
                t->sel = n - 1;
        if (t->sel < 0)
                t->sel = 0;
        remember_selection(t);
}

static void switch_view(struct tui *t, int step)
{
        t->view = (enum ui_view)(((int)t->view + step + VIEW_COUNT) % VIEW_COUNT);
        t->sel = t->top = 0;
        t->have_sel_key = false;
        t->message[0] = '\0';
}

/* Moves to the next (dir 1) or previous (-1) row matching the search,
 * starting at from. */
static bool search_from(struct tui *t, int from, int dir)
{
        int n = (int)t->rows.n;
        if (!t->search[0] || !n)
                return false;
        for (int k = 0; k < n; k++) {
                int i = ((from + dir * k) % n + n) % n;
                if (ui_row_matches(t->cur, t->view, &t->opts, &t->rows.v[i], t->search)) {
                        t->sel = i;
                        remember_selection(t);
                        return true;
                }
        }
        return false;
}

static void set_sort(struct tui *t, int col, bool flip_same)
{
        if (!ui_view_sortable(t->view)) {
                tui_message(t, "the cgroup tree keeps its order");
                return;
        }
        if (flip_same && t->opts.sort_col[t->view] == col)
                t->opts.sort_asc[t->view] = !t->opts.sort_asc[t->view];
        else
                t->opts.sort_asc[t->view] = !strcmp(ui_col_name(t->view, col), "command") ||
                                            !strcmp(ui_col_name(t->view, col), "user");
        t->opts.sort_col[t->view] = col;
        if (t->view == VIEW_PROCS)
                t->opts.tree = false;
        tui_message(t, "sorted by %s", ui_col_header(t->view, col));
}

int tui_col_named(enum ui_view view, const char *name)
{
        for (int c = 0; c < ui_ncols(view); c++)
                if (!strcmp(ui_col_name(view, c), name))
                        return c;
        return -1;
}

/* The row a member process hangs under (the namespace or cgroup above it). */
static int parent_row(const struct tui *t, int row)
{
        while (row > 0 && t->rows.v[row].kind == ROW_PROC)
                row--;
        return row;
}

/* Enter/Right (show) and Left (hide) on a namespace or cgroup: first its
 * processes, then (cgroups) its subtree. Left on a process shown under
 * one hides them and selects their namespace or cgroup. */
static void expand(struct tui *t, bool show)
{
        if (t->sel >= (int)t->rows.n || t->view == VIEW_PROCS)
                return;
        if (t->rows.v[t->sel].kind == ROW_GONE)
                return;
        if (t->rows.v[t->sel].kind == ROW_PROC) {
                if (show)
                        return;
                t->sel = parent_row(t, t->sel);
                remember_selection(t);
        }
        struct ui_key k;
        ui_key_of(t->cur, &t->rows.v[t->sel], &k);
        bool members = ui_keyset_has(&t->opts.expanded, &k);
        bool folded = ui_keyset_has(&t->opts.collapsed, &k);
        int r = 0;
        if (show && t->view == VIEW_CGROUPS && folded)
                r = ui_keyset_toggle(&t->opts.collapsed, &k, false);
        else if (show)
                r = ui_keyset_toggle(&t->opts.expanded, &k, true);
        else if (members)
                r = ui_keyset_toggle(&t->opts.expanded, &k, false);
        else if (t->view == VIEW_CGROUPS)
                r = ui_keyset_toggle(&t->opts.collapsed, &k, true);
        if (r < 0)
                tui_message(t, "out of memory");
}

static void open_explain(struct tui *t)
{
        buf_reset(&t->panel);
        if (t->sel >= (int)t->rows.n) {
                tui_message(t, "nothing selected");
                return;
        }
        const struct ui_row *r = &t->rows.v[t->sel];
        if (r->kind == ROW_GONE) {
                tui_message(t, "it has gone");
                return;
        }
        int e = r->kind == ROW_PROC ? explain_process(t->cur, &t->cur->procs[r->idx], &t->panel)
                : r->kind == ROW_NS ? explain_namespace(t->cur, &t->cur->ns[r->idx], &t->panel)
                                    : explain_cgroup(t->cur, &t->cur->cgroups[r->idx], &t->panel);
        if (e < 0) {
                tui_message(t, "cannot explain: %s", strerror(-e));
                return;
        }
        t->mode = MODE_EXPLAIN;
        t->panel_first = 0;
}

/* Typing into the search or filter prompt. */
static void prompt_key(struct tui *t, int ch)
{
        char *text = t->mode == MODE_SEARCH ? t->search : t->opts.filter;
        size_t cap = t->mode == MODE_SEARCH ? sizeof(t->search) : sizeof(t->opts.filter);
        size_t n = strlen(text);
        if (ch == 27) { /* Esc: a filter is cleared, a search just ends */
                if (t->mode == MODE_FILTER)
                        text[0] = '\0';
                t->mode = MODE_TABLE;
        } else if (ch == '\n' || ch == '\r' || (t->key_is_code && ch == KEY_ENTER)) {
                t->mode = MODE_TABLE;
        } else if ((t->key_is_code && ch == KEY_BACKSPACE) || ch == 127 || ch == 8) {
                /* Back over one whole character (continuation bytes first). */
                while (n && ((unsigned char)text[n - 1] & 0xc0) == 0x80)
                        n--;
                if (n)
                        text[n - 1] = '\0';
        } else if (!t->key_is_code && ch >= 0x20 && ch != 0x7f && !(ch >= 0x80 && ch < 0xa0)) {
                char mb[MB_LEN_MAX];
                mbstate_t st;
                memset(&st, 0, sizeof(st));
                size_t k = wcrtomb(mb, (wchar_t)ch, &st);
                if (k == (size_t)-1 || n + k + 1 > cap)
                        return;
                memcpy(text + n, mb, k);
                text[n + k] = '\0';
                if (t->mode == MODE_SEARCH && !search_from(t, t->sel, 1))
                        tui_message(t, "no match for \"%s\"", t->search);
        }
}

static void panel_key(struct tui *t, int ch)
{
        int lines = panel_lines(buf_str(t->mode == MODE_SORT ? &t->panel : &t->wrapped));
        if (t->mode == MODE_SORT) {
                if (ch == KEY_UP && t->menu_choice > 0)
                        t->menu_choice--;
                else if (ch == KEY_DOWN && t->menu_choice + 1 < lines)
                        t->menu_choice++;
                else if (ch == KEY_HOME || ch == KEY_PPAGE)
                        t->menu_choice = 0;
                else if (ch == KEY_END || ch == KEY_NPAGE)
                        t->menu_choice = lines - 1;
                else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
                        set_sort(t, t->menu_choice, false);
                        t->mode = MODE_TABLE;
                } else if (ch == 27 || ch == 'q')
                        t->mode = MODE_TABLE;
                return;
        }
        if (ch == KEY_DOWN && t->panel_first + 1 < lines)
                t->panel_first++;
        else if (ch == KEY_UP && t->panel_first > 0)
                t->panel_first--;
        else if (ch == 27 || ch == 'q' || ch == KEY_F(1) || ch == '?' || ch == 'i')
                t->mode = MODE_TABLE;
}

static bool handle_key(struct tui *t, int ch);

/* A click or the wheel: tabs switch views, a header sorts, a row is
 * selected, the function bar acts as its key. */
static bool handle_mouse(struct tui *t)
{
        MEVENT ev;
        if (getmouse(&ev) != OK || t->mode != MODE_TABLE)
                return true;
        if (ev.bstate & BUTTON4_PRESSED) {
                move_sel(t, -3);
                return true;
        }
        if (ev.bstate & BUTTON5_PRESSED) {
                move_sel(t, 3);
                return true;
        }
        if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
                return true;
        if (t->mode != MODE_TABLE)
                return true;
        if (ev.y == LINES - 1) {
                for (int i = 0; i < 10; i++)
                        if (ev.x >= t->fkey_x[i] && ev.x < t->fkey_x[i + 1])
                                return handle_key(t, KEY_F(i + 1));
                return true;
        }
        if (ev.y == t->tabs_y) {
                for (int v = 0; v < VIEW_COUNT; v++)
                        if (ev.x >= t->tab_x[v] && ev.x < t->tab_x[v + 1] && v != (int)t->view)
                                switch_view(t, v - (int)t->view);
                return true;
        }
        if (ev.y == t->header_y) {
                int col = -1;
                for (int c = 0; c < ui_ncols(t->view) && c < 64; c++)
                        if (t->col_x[c] >= 0 && ev.x >= t->col_x[c])
                                col = c;
                if (col >= 0)
                        set_sort(t, col, true);
                return true;
        }
        if (ev.y >= t->rows_y && ev.y < t->rows_y + t->rows_h) {
                int row = t->top + ev.y - t->rows_y;
                if (row < (int)t->rows.n) {
                        t->sel = row;
                        remember_selection(t);
                }
        }
        return true;
}

/* Returns false when the key asks to quit. */
static bool handle_key(struct tui *t, int ch)
{
        if (ch == KEY_RESIZE)
                return true;
        /* Nothing is drawn on a too-small screen: only quitting works. */
        if (COLS < MIN_COLS || LINES < MIN_LINES)
                return !(ch == 'q' || ch == KEY_F(10));
        if (ch == KEY_MOUSE)
                return handle_mouse(t);
        if (t->mode == MODE_SEARCH || t->mode == MODE_FILTER) {
                prompt_key(t, ch);
                return true;
        }
        if (t->mode == MODE_SETUP) {
                tui_setup_key(t, ch);
                return true;
        }
        if (t->mode == MODE_DIALOG) {
                tui_dialog_key(t, ch);
                return true;
        }
        if (t->mode == MODE_RUN) {
                tui_run_key(t, ch);
                return true;
        }
        if (t->mode != MODE_TABLE) {
                panel_key(t, ch);
                return true;
        }
        int page = t->rows_h > 1 ? t->rows_h - 1 : 1;
        int ncols = ui_ncols(t->view), cur = t->opts.sort_col[t->view];
        switch (ch) {
        case 'q':
        case KEY_F(10):
                return false;
        case '\t': switch_view(t, 1); break;
        case KEY_BTAB: switch_view(t, -1); break;
        case KEY_UP: move_sel(t, -1); break;
        case KEY_DOWN: move_sel(t, 1); break;
        case KEY_PPAGE: move_sel(t, -page); break;
        case KEY_NPAGE: move_sel(t, page); break;
        case KEY_HOME: move_sel(t, -(int)t->rows.n); break;
        case KEY_END: move_sel(t, (int)t->rows.n); break;
        case '\n': case '\r': case KEY_ENTER: case KEY_RIGHT: expand(t, true); break;
        case KEY_LEFT: expand(t, false); break;
        case 'K':
                t->opts.show_kthreads = !t->opts.show_kthreads;
                tui_message(t, "kernel threads %s", t->opts.show_kthreads ? "shown" : "hidden");
                break;
        case 'c':
                if (t->view == VIEW_CGROUPS && t->cur->ncg_hiers) {
                        t->opts.cg_hier = (t->opts.cg_hier + 1) % t->cur->ncg_hiers;
                        t->sel = t->top = 0;
                        t->have_sel_key = false;
                }
                break;
        case KEY_F(5): case 't':
                if (t->view == VIEW_PROCS) {
                        t->opts.tree = !t->opts.tree;
                        tui_message(t, "%s", t->opts.tree ? "tree view" : "flat view");
                } else if (t->view == VIEW_NS) {
                        t->opts.ns_tree = !t->opts.ns_tree;
                        tui_message(t, "%s", t->opts.ns_tree ? "user and pid namespaces under their parents"
                                                             : "flat list");
                }
                break;
        case 'y':
                if (t->view == VIEW_NS) {
                        /* all, then each type this kernel has */
                        int next = t->opts.ns_type;
                        do
                                next = next + 1 >= NS_TYPE_COUNT ? -1 : next + 1;
                        while (next >= 0 && !(t->cur->ns_types_present & (1u << next)));
                        t->opts.ns_type = next;
                        t->sel = t->top = 0;
                        t->have_sel_key = false;
                        tui_message(t, "namespace type: %s", next < 0 ? "all" : ns_types[next].name);
                }
                break;
        case KEY_F(6):
                if (ui_view_sortable(t->view)) {
                        t->mode = MODE_SORT;
                        t->menu_choice = cur >= 0 ? cur : 0;
                } else {
                        tui_message(t, "the cgroup tree keeps its order");
                }
                break;
        case '<': set_sort(t, cur <= 0 ? ncols - 1 : cur - 1, false); break;
        case '>': set_sort(t, cur < 0 || cur + 1 >= ncols ? 0 : cur + 1, false); break;
        case 'I':
                if (cur >= 0)
                        set_sort(t, cur, true);
                break;
        case 'P': if (tui_col_named(t->view, "cpu") >= 0) set_sort(t, tui_col_named(t->view, "cpu"), false); break;
        case 'M': if (tui_col_named(t->view, "rss") >= 0) set_sort(t, tui_col_named(t->view, "rss"), false); break;
        case 'T': if (tui_col_named(t->view, "time") >= 0) set_sort(t, tui_col_named(t->view, "time"), false); break;
        case KEY_F(3): case '/':
                t->mode = MODE_SEARCH;
                t->search[0] = '\0';
                break;
        case 'n':
                /* After a search, n goes to the next match; without one (Esc
                 * clears it) it makes new namespaces. */
                if (t->search[0]) {
                        if (!search_from(t, t->sel + 1, 1))
                                tui_message(t, "no match");
                } else if (!t->live) {
                        tui_message(t, "actions are off: this view is of a --sysroot tree, not of this system");
                } else {
                        tui_create_start(t);
                }
                break;
        case 27:
                if (t->search[0]) {
                        t->search[0] = '\0';
                        tui_message(t, "search cleared (n now makes new namespaces)");
                }
                break;
        case 'N': if (!search_from(t, t->sel - 1, -1)) tui_message(t, "no match"); break;
        case KEY_F(4): case '\\': t->mode = MODE_FILTER; break;
        case KEY_F(1): case '?':
                buf_reset(&t->panel);
                buf_puts(&t->panel, help_text);
                t->mode = MODE_HELP;
                t->panel_first = 0;
                break;
        case 'i': open_explain(t); break;
        case KEY_F(2): tui_open_setup(t); break;
        case 'z': t->paused = !t->paused; break;
        case ' ':
                if (t->sel < (int)t->rows.n && t->rows.v[t->sel].kind != ROW_GONE) {
                        struct ui_key k;
                        ui_key_of(t->cur, &t->rows.v[t->sel], &k);
                        if (ui_keyset_toggle(&t->tags, &k, !ui_keyset_has(&t->tags, &k)) < 0)
                                tui_message(t, "out of memory");
                        else
                                tui_message(t, "%zu tagged", t->tags.n);
                        move_sel(t, 1);
                }
                break;
        case 'U':
                ui_keyset_free(&t->tags);
                tui_message(t, "tags cleared");
                break;
        case 'F':
                t->unfollow = !t->unfollow;
                remember_selection(t);
                tui_message(t, "%s", t->unfollow ? "the selection keeps its place" : "the selection follows its row");
                break;
        case 12: /* Ctrl-L */
                clearok(curscr, TRUE);
                break;
        default:
                tui_action_key(t, ch);
                break;
        }
        return true;
}

/* ---- the loop ------------------------------------------------------------ */

static int loop(struct tui *t, char **cause)
{
        double next = now_monotonic() + t->delay;
        for (;;) {
                /* A signal that came during a refresh: no waiting for a key. */
                if (termsig_pending())
                        return 128 + termsig_pending();
                tui_draw(t);
                double wait = next - now_monotonic();
                /* Wake at least every 200 ms to notice signals. */
                int ms = wait <= 0 ? 0 : wait > 0.2 ? 200 : (int)(wait * 1000);
                tui_create_reap(t);
                t->opts.created = t->created;
                t->opts.ncreated = t->ncreated;
                /* A command's output in the panel: read it as it comes. */
                if (tui_run_poll(t) && ms > 50)
                        ms = 50;
                timeout(ms);
                /* get_wch: typed text may be any character (a CJK name in a
                 * search), while function keys come as key codes. */
                wint_t wc;
                int rc = get_wch(&wc);
                if (termsig_pending())
                        return 128 + termsig_pending();
                int ch = rc == ERR ? ERR : (int)wc;
                t->key_is_code = rc == KEY_CODE_YES;
                /* A non-ASCII character means something only in a prompt. */
                if (ch != ERR && !t->key_is_code && ch > 0x7f && t->mode != MODE_SEARCH && t->mode != MODE_FILTER)
                        continue;
                if (ch != ERR) {
                        if (!handle_key(t, ch))
                                return 0;
                        if (rebuild(t) < 0)
                                return -ENOMEM;
                }
                /* An action changed the world: show it at once. */
                if (t->refresh_now) {
                        t->refresh_now = false;
                        int r = tui_refresh(t, cause);
                        if (r < 0)
                                return r;
                        next = now_monotonic() + t->delay;
                        continue;
                }
                /* Checked after keys too: a held-down key must not stop
                 * the refreshes. */
                if (now_monotonic() < next)
                        continue;
                next += t->delay;
                if (next < now_monotonic())
                        next = now_monotonic() + t->delay;
                if (t->paused)
                        continue;
                int r = take(t, cause);
                if (r < 0)
                        return r;
        }
}

int tui_run(struct sampler *sm, const struct filter *f, double delay, bool live, char **cause)
{
        struct tui t = {.sm = sm, .filter = f, .delay = delay, .live = live};
        ui_options_init(&t.opts);
        t.opts.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
        tui_load_settings(&t);
        *cause = NULL;
        /* The first two samples before curses starts: an error is then an
         * ordinary one-line message. */
        int r = sampler_take(sm, &t.cur, cause);
        if (r == 0) {
                struct timespec d = {0, (long)(FIRST_DELAY * 1e9)};
                nanosleep(&d, NULL);
                r = take(&t, cause);
        }
        if (r < 0) {
                ui_rows_free(&t.rows);
                fresh_free(&t.fresh);
                snapshot_free(t.cur);
                snapshot_free(t.prev);
                return r;
        }
        termsig_install();
        initscr();
        cbreak();
        noecho();
        nonl();
        keypad(stdscr, TRUE);
        curs_set(0);
        set_escdelay(25); /* Esc closes panels at once */
        mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
        mouseinterval(0); /* a press acts at once, no waiting for a click */
        screen_init(t.opts.utf8);
        screen_set_scheme(t.settings.color_scheme);
        termsig_arm();
        r = loop(&t, cause);
        endwin();
        termsig_release();
        ui_rows_free(&t.rows);
        ui_keyset_free(&t.opts.expanded);
        ui_keyset_free(&t.opts.collapsed);
        ui_keyset_free(&t.tags);
        tui_dialog_close(&t);
        t.run = enter_run_free(t.run);
        fresh_free(&t.fresh);
        gone_free(&t);
        buf_free(&t.panel);
        buf_free(&t.wrapped);
        if (t.have_view)
                view_release(&t.v);
        snapshot_free(t.prev);
        snapshot_free(t.cur);
        return r;
}
