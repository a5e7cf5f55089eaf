/* draw.c: one frame of the interactive view: meters, tabs, the table,
 * panels, the message line and the function-key bar. It draws the
 * current snapshot only; see tui_state.h. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "model/cgtree.h"
#include "model/nstype.h"
#include "output/problems.h"
#include "ui/enter.h"
#include "ui/header.h"
#include "ui/panel.h"
#include "ui/screen.h"
#include "ui/tui_state.h"
#include "util/sanitize.h"
#include "util/sanitize.h"

/* A partial view (values that could not be read: not root, a security
 * module) says so: a short mark on the tabs line while it lasts and,
 * once, on a message line that holds nothing else, the line batch mode
 * prints on stderr (what, for how many processes, and why). */
static const char *partial_mark(struct tui *t)
{
        struct buf b = {0};
        bool partial = problems_describe(&b, t->cur, t->have_view ? &t->v : NULL);
        if (partial && !t->partial_said && !t->message[0] && !b.failed)
                tui_message(t, "%s", buf_str(&b));
        t->partial_said |= partial;
        buf_free(&b);
        if (!partial)
                return "";
        return geteuid() == 0 ? "  partial view: ? = unreadable" : "  partial view (not root): ? = unreadable";
}

static void draw_tabs(struct tui *t, int y)
{
        int x = 0;
        t->tabs_y = y;
        for (int v = 0; v < VIEW_COUNT; v++) {
                char label[64];
                t->tab_x[v] = x;
                snprintf(label, sizeof(label), " %s ", ui_view_names[v]);
                if (x < COLS)
                        x += screen_text(y, x, label, COLS - x, v == (int)t->view ? C_TAB_ACTIVE : C_LABEL, false) + 1;
        }
        t->tab_x[VIEW_COUNT] = x;
        char info[160] = "";
        if (t->view == VIEW_CGROUPS && t->cur->ncg_hiers) {
                const struct cg_hier *hier = &t->cur->cg_hiers[t->opts.cg_hier];
                snprintf(info, sizeof(info), "  hierarchy: %s (v%u)", hier->name, hier->version);
        } else if (t->view == VIEW_PROCS && t->opts.tree) {
                snprintf(info, sizeof(info), "  tree");
        } else if (t->view == VIEW_NS) {
                snprintf(info, sizeof(info), "  type: %s%s", t->opts.ns_type < 0 ? "all" : ns_types[t->opts.ns_type].name,
                         t->opts.ns_tree ? ", parent tree" : "");
        }
        if (t->opts.filter[0] && x < COLS) {
                size_t n = strlen(info);
                snprintf(info + n, sizeof(info) - n, "  filter: %s", t->opts.filter);
        }
        size_t n = strlen(info);
        snprintf(info + n, sizeof(info) - n, "%s", partial_mark(t));
        if (x < COLS)
                screen_text(y, x, info, COLS - x, C_NORMAL, false);
}

/* The header of column c, marked when the view is sorted by it. */
static void header_cell(const struct tui *t, int c, struct buf *out)
{
        bool sorted = ui_view_sortable(t->view) && t->opts.sort_col[t->view] == c;
        const char *h = ui_col_header(t->view, c);
        int w = ui_col_width(t->view, c);
        /* Keep room for the sort mark in a full-width header. */
        size_t n = strlen(h);
        if (sorted && w > 1 && (int)n >= w)
                n = (size_t)w - 1;
        buf_put(out, h, n);
        if (sorted)
                buf_puts(out, t->opts.sort_asc[t->view] ? (t->opts.utf8 ? "\u25b3" : "^") : (t->opts.utf8 ? "\u25bd" : "v"));
}

/* Is the row new, seen first in the last few seconds (htop's highlight)? */
static bool row_is_new(const struct tui *t, const struct ui_row *r)
{
        const struct snapshot *p = t->prev;
        if (!p)
                return false;
        if (r->kind == ROW_PROC) {
                /* A process stays "new" for a few seconds after it started,
                 * measured on the clock of its start time (boot time). */
                const struct proc_rec *q = &t->cur->procs[r->idx];
                double hz = t->cur->sys.hz > 0 ? (double)t->cur->sys.hz : 100.0;
                return t->cur->time - (double)q->start_ticks / hz < NEW_SECONDS;
        }
        if (r->kind == ROW_NS)
                return fresh_has_ns(&t->fresh, &t->cur->ns[r->idx]);
        return fresh_has_cgroup(&t->fresh, t->cur, &t->cur->cgroups[r->idx]);
}

/* On a narrow terminal the columns that matter least give their room to
 * the last one (the command, description or cgroup name), which would
 * otherwise be pushed off the screen. */
bool tui_col_shown(const struct tui *t, int c)
{
        static const char *const optional[] = {"owner", "parent", "psi", "throttled", "pids_limit", "memory_limit",
                                                "ppid", "vsize", "time"};
        if (COLS >= 110 || (ui_view_sortable(t->view) && t->opts.sort_col[t->view] == c))
                return true; /* the sort column stays, so its mark is seen */
        const char *name = ui_col_name(t->view, c);
        for (size_t i = 0; i < sizeof(optional) / sizeof(optional[0]); i++)
                if (!strcmp(name, optional[i]))
                        return false;
        return true;
}

/* Draws column c's text at x on row y in its width (the last column: the
 * rest of the line), right-aligned by display width where the column
 * says so, then the separating space. Returns the next x. */
static int draw_cell(const struct tui *t, int y, int x, int c, const char *text, enum ui_color color)
{
        int w = ui_col_width(t->view, c);
        if (w == 0 || x + w > COLS)
                w = COLS - x;
        struct buf aligned = {0};
        if (ui_col_align(t->view, c) == COL_RIGHT && w > 0) {
                size_t len = sanitize_width(text, strlen(text), screen_sanitize_flags());
                if ((int)len < w)
                        buf_repeat(&aligned, ' ', (size_t)w - len);
                buf_puts(&aligned, text);
                text = aligned.failed ? "?" : buf_str(&aligned);
        }
        screen_text(y, x, text, w, color, true);
        buf_free(&aligned);
        x += w;
        if (x < COLS)
                screen_text(y, x++, " ", 1, color, false);
        return x;
}

/* A vanished row: its saved cells, '\t'-separated, in the "gone" colour
 * (or the selection's). */
static void draw_gone_row(struct tui *t, int y, const struct ui_row *r, bool selected)
{
        const char *p = r->idx < t->ngone ? buf_str(&t->gone[r->idx]) : "";
        int x = 0;
        for (int c = 0; c < ui_ncols(t->view) && x < COLS; c++) {
                size_t n = strcspn(p, "\t");
                char text[512];
                snprintf(text, sizeof(text), "%.*s", (int)(n < sizeof(text) - 1 ? n : sizeof(text) - 1), p);
                p += n + (p[n] == '\t');
                if (tui_col_shown(t, c))
                        x = draw_cell(t, y, x, c, text, selected ? C_SELECTED : C_GONE);
        }
}

static void draw_row(struct tui *t, int y, int row, struct buf *cell)
{
        bool selected = row == t->sel;
        if (row >= 0 && t->rows.v[row].kind == ROW_GONE) {
                draw_gone_row(t, y, &t->rows.v[row], selected);
                return;
        }
        bool fresh = row >= 0 && !selected && row_is_new(t, &t->rows.v[row]);
        bool tagged = false;
        if (row >= 0 && t->tags.n) {
                struct ui_key k;
                ui_key_of(t->cur, &t->rows.v[row], &k);
                tagged = ui_keyset_has(&t->tags, &k);
        }
        enum ui_color color = row < 0    ? C_HEADER
                              : selected ? C_SELECTED
                              : tagged   ? C_TAGGED
                              : fresh    ? C_NEW
                                         : C_NORMAL;
        int x = 0;
        for (int c = 0; c < ui_ncols(t->view) && x < COLS; c++) {
                if (row < 0 && c < 64)
                        t->col_x[c] = tui_col_shown(t, c) ? x : -1;
                if (!tui_col_shown(t, c))
                        continue;
                buf_reset(cell);
                if (row < 0)
                        header_cell(t, c, cell);
                else
                        ui_cell(t->cur, t->view, &t->opts, &t->rows.v[row], c, cell);
                x = draw_cell(t, y, x, c, cell->failed ? "?" : buf_str(cell), color);
        }
}

static void draw_table(struct tui *t, int y, int height)
{
        struct buf cell = {0};
        t->header_y = y;
        draw_row(t, y++, -1, &cell);
        height--;
        t->rows_y = y;
        t->rows_h = height;
        /* Fewer rows than before (a filter, rows gone): keep the page full. */
        if (t->top > (int)t->rows.n - height)
                t->top = (int)t->rows.n > height ? (int)t->rows.n - height : 0;
        if (t->sel < t->top)
                t->top = t->sel;
        if (t->sel >= t->top + height)
                t->top = t->sel - height + 1;
        for (int i = 0; i < height; i++) {
                int row = t->top + i;
                if (row < (int)t->rows.n)
                        draw_row(t, y + i, row, &cell);
        }
        buf_free(&cell);
}

const char *const tui_fkeys[10][2] = {
        {"F1", "Help"}, {"F2", "Setup"}, {"F3", "Search"}, {"F4", "Filter"}, {"F5", "Tree"},
        {"F6", "SortBy"}, {"F7", "Nice-"}, {"F8", "Nice+"}, {"F9", "Kill"}, {"F10", "Quit"},
};

static void draw_fkeys(struct tui *t, int y)
{
        int x = 0;
        for (size_t i = 0; i < sizeof(tui_fkeys) / sizeof(tui_fkeys[0]) && x < COLS; i++) {
                t->fkey_x[i] = x;
                t->fkey_x[i + 1] = COLS;
                x += screen_text(y, x, tui_fkeys[i][0], COLS - x, C_FKEY, false);
                x += screen_text(y, x, tui_fkeys[i][1], COLS - x < 6 ? COLS - x : 6, C_FKEY_TEXT, true);
        }
        t->fkey_x[sizeof(tui_fkeys) / sizeof(tui_fkeys[0])] = x;
        if (x < COLS)
                screen_text(y, x, "", COLS - x, C_FKEY_TEXT, true);
}

/* The message line's text, made safe; the lines it takes: two when it is
 * wider than the screen (a kernel refusal names a long path and what was
 * applied), so that the end of it is not lost. */
static int message_text(const struct tui *t, struct buf *out)
{
        char line[700];
        if (t->mode == MODE_SEARCH)
                snprintf(line, sizeof(line), "Search: %s", t->search);
        else if (t->mode == MODE_FILTER)
                snprintf(line, sizeof(line), "Filter: %s", t->opts.filter);
        else
                snprintf(line, sizeof(line), "%s%s", t->paused ? "[paused] " : "", t->message);
        size_t cells = sanitize_append(out, line, strlen(line), screen_sanitize_flags(), (size_t)-1);
        return cells > (size_t)COLS && t->mode != MODE_SEARCH && t->mode != MODE_FILTER ? 2 : 1;
}

static void draw_message(struct buf *text, int lines)
{
        struct buf first = {0};
        /* The text is safe already: its first COLS cells come back byte for byte. */
        sanitize_append(&first, text->data ? text->data : "", text->len, screen_sanitize_flags(), (size_t)COLS);
        int y = LINES - 1 - lines;
        screen_text(y, 0, buf_str(&first), COLS, C_MESSAGE, true);
        if (lines > 1)
                screen_text(y + 1, 0, buf_str(text) + first.len, COLS, C_MESSAGE, true);
        buf_free(&first);
}

static void sort_menu_text(const struct tui *t, struct buf *out)
{
        buf_reset(out);
        for (int c = 0; c < ui_ncols(t->view); c++)
                buf_printf(out, "%s%s", c ? "\n" : "", ui_col_header(t->view, c));
}

/* The first line of a menu so that its choice is in the box. */
static int menu_first(int choice)
{
        int rows = panel_rows();
        return choice >= rows ? choice - rows + 1 : 0;
}

/* Draws s (ASCII) from the top, broken at spaces into lines of at most
 * COLS columns (a longer word is cut); returns the lines it takes, which
 * may be more than the screen has (those are not drawn). */
static int wrap_text(const char *s, bool draw)
{
        int y = 0;
        for (;;) {
                while (*s == ' ')
                        s++;
                if (!*s)
                        return y;
                /* Whole words while they fit; at least the first, cut. */
                int len = (int)strcspn(s, " "), take = len > COLS ? COLS : len;
                while (s[len] == ' ') {
                        int next = len + 1 + (int)strcspn(s + len + 1, " ");
                        if (next > COLS)
                                break;
                        take = len = next;
                }
                if (draw && y < LINES) {
                        char line[128];
                        snprintf(line, sizeof(line), "%.*s", take, s);
                        screen_text(y, 0, line, COLS, C_MESSAGE, false);
                }
                y++;
                s += len;
        }
}

/* A screen too small to draw on says so in what room there is: the whole
 * sentence when it fits, else a short one that a 10x3 terminal shows
 * whole. Only q and F10 work there (handle_key). */
static void draw_too_small(const char *why)
{
        char msg[128];
        snprintf(msg, sizeof(msg), "Terminal too small (%dx%d)%s; q quits", COLS, LINES, why);
        if (wrap_text(msg, false) > LINES)
                snprintf(msg, sizeof(msg), "Too small: need %dx%d (q quits)", MIN_COLS, MIN_LINES);
        erase();
        wrap_text(msg, true);
        refresh();
}

void tui_draw(struct tui *t)
{
        erase();
        if (COLS < MIN_COLS || LINES < MIN_LINES) {
                char why[32];
                snprintf(why, sizeof(why), ": nstop needs %dx%d", MIN_COLS, MIN_LINES);
                draw_too_small(why);
                return;
        }
        int y = header_draw(t->cur, COLS);
        if (LINES - y - 2 < 4) {
                /* Many CPU meters on a short terminal: no room for a table. */
                draw_too_small(" for the meters and a table");
                return;
        }
        draw_tabs(t, y++);
        struct buf msg = {0};
        int msg_lines = message_text(t, &msg);
        draw_table(t, y, LINES - y - 1 - msg_lines);
        if (t->mode == MODE_HELP || t->mode == MODE_EXPLAIN) {
                /* Wrapped at each draw: the width follows the terminal. */
                panel_wrap(buf_str(&t->panel), &t->wrapped, screen_sanitize_flags());
                panel_draw(t->mode == MODE_HELP ? "nstop keys (Esc closes)" : "Explain (Esc closes)",
                           buf_str(&t->wrapped), t->panel_first, -1, t->opts.utf8);
        } else if (t->mode == MODE_SETUP) {
                tui_setup_text(t, &t->panel);
                panel_draw("Setup", buf_str(&t->panel), menu_first(t->menu_choice), t->menu_choice, t->opts.utf8);
        } else if (t->mode == MODE_DIALOG) {
                tui_dialog_draw(t);
        } else if (t->mode == MODE_RUN) {
                tui_run_draw(t);
        } else if (t->mode == MODE_SORT) {
                sort_menu_text(t, &t->panel);
                panel_draw("Sort by (Enter chooses, Esc cancels)", buf_str(&t->panel), menu_first(t->menu_choice),
                           t->menu_choice, t->opts.utf8);
        }
        draw_message(&msg, msg_lines);
        buf_free(&msg);
        draw_fkeys(t, LINES - 1);
        refresh();
}

