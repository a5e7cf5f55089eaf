/* tui.c: the interactive loop; see tui.h.
 *
 * One loop: wait for a key with a timeout that ends at the next refresh;
 * a key redraws the current snapshot, the timer takes a new one. Signals
 * only set a flag that the loop checks, so the terminal is restored by
 * the same endwin() on every exit path; a crash restores it from the
 * signal handler as a last resort. */
#include "config.h"

#include "ui/tui.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/delta.h"
#include "ui/header.h"
#include "ui/screen.h"
#include "ui/views.h"

/* Below this the screen says it is too small instead of drawing. */
#define MIN_COLS 40
#define MIN_LINES 10
/* The first frame comes this soon, so its rates are already real. */
#define FIRST_DELAY 0.3

static volatile sig_atomic_t quit_signal;

static void on_quit_signal(int sig)
{
        quit_signal = sig;
}

static void on_crash(int sig)
{
        endwin();
        signal(sig, SIG_DFL);
        raise(sig);
}

static void install_signals(void)
{
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_quit_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGHUP, &sa, NULL);
        sa.sa_handler = on_crash;
        sa.sa_flags = SA_RESETHAND;
        sigaction(SIGSEGV, &sa, NULL);
        sigaction(SIGBUS, &sa, NULL);
        sigaction(SIGABRT, &sa, NULL);
        sigaction(SIGFPE, &sa, NULL);
}

struct tui {
        struct sampler *sm;
        const struct filter *filter;
        double delay;
        struct snapshot *prev, *cur;
        struct view v;
        bool have_view;
        enum ui_view view;
        struct ui_options opts;
        struct ui_rows rows;
        int sel, top;
        struct ui_key sel_key;
        bool have_sel_key, paused;
        char message[256];
};

static double now_monotonic(void)
{
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void set_message(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_message(struct tui *t, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(t->message, sizeof(t->message), fmt, ap);
        va_end(ap);
}

/* Rebuilds the rows of the current view and finds the selection again. */
static int rebuild(struct tui *t)
{
        ui_rows_free(&t->rows);
        if (!t->have_view) {
                if (view_build(t->cur, t->filter, &t->v) < 0)
                        return -ENOMEM;
                view_sort_procs(t->cur, &t->v, SORT_CPU);
                t->have_view = true;
        }
        if (ui_rows_build(t->cur, &t->v, t->view, &t->opts, &t->rows) < 0)
                return -ENOMEM;
        if (t->have_sel_key) {
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
                ui_key_of(t->cur, t->view, t->rows.idx[t->sel], &t->sel_key);
}

static int take(struct tui *t, char **cause)
{
        struct snapshot *next = NULL;
        int r = sampler_take(t->sm, &next, cause);
        if (r < 0)
                return r;
        delta_apply(t->cur, next);
        snapshot_free(t->prev);
        t->prev = t->cur;
        t->cur = next;
        if (t->have_view)
                view_release(&t->v);
        t->have_view = false;
        return rebuild(t);
}

/* ---- drawing ------------------------------------------------------------- */

static void draw_tabs(const struct tui *t, int y)
{
        int x = 0;
        for (int v = 0; v < VIEW_COUNT && x < COLS; v++) {
                char label[64];
                snprintf(label, sizeof(label), " %s ", ui_view_names[v]);
                x += screen_text(y, x, label, COLS - x, v == (int)t->view ? C_TAB_ACTIVE : C_LABEL, false) + 1;
        }
        if (t->view == VIEW_CGROUPS && t->cur->ncg_hiers && x < COLS) {
                char h[96];
                const struct cg_hier *hier = &t->cur->cg_hiers[t->opts.cg_hier];
                snprintf(h, sizeof(h), "  hierarchy: %s (v%u)", hier->name, hier->version);
                screen_text(y, x, h, COLS - x, C_NORMAL, false);
        }
}

static void draw_row(const struct tui *t, int y, int row, struct buf *cell)
{
        bool selected = row == t->sel;
        int x = 0;
        for (int c = 0; c < ui_ncols(t->view) && x < COLS; c++) {
                int w = ui_col_width(t->view, c);
                if (w == 0 || x + w > COLS)
                        w = COLS - x;
                buf_reset(cell);
                if (row < 0)
                        buf_puts(cell, ui_col_header(t->view, c));
                else
                        ui_cell(t->cur, t->view, t->rows.idx[row], c, cell);
                const char *text = cell->failed ? "?" : buf_str(cell);
                enum ui_color color = row < 0 ? C_HEADER : selected ? C_SELECTED : C_NORMAL;
                /* Right-aligned cells: pad on the left by hand. */
                struct buf aligned = {0};
                if (ui_col_align(t->view, c) == COL_RIGHT && w > 0) {
                        size_t len = strlen(text);
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
        }
}

static void draw_table(struct tui *t, int y, int height)
{
        struct buf cell = {0};
        draw_row(t, y++, -1, &cell);
        height--;
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

static const char *const fkeys[][2] = {
        {"F1", "Help"}, {"F2", "Setup"}, {"F3", "Search"}, {"F4", "Filter"}, {"F5", "Tree"},
        {"F6", "SortBy"}, {"F7", "Nice-"}, {"F8", "Nice+"}, {"F9", "Kill"}, {"F10", "Quit"},
};

static void draw_fkeys(int y)
{
        int x = 0;
        for (size_t i = 0; i < sizeof(fkeys) / sizeof(fkeys[0]) && x < COLS; i++) {
                x += screen_text(y, x, fkeys[i][0], COLS - x, C_FKEY, false);
                x += screen_text(y, x, fkeys[i][1], COLS - x < 6 ? COLS - x : 6, C_FKEY_TEXT, true);
        }
        if (x < COLS)
                screen_text(y, x, "", COLS - x, C_FKEY_TEXT, true);
}

static void draw(struct tui *t)
{
        erase();
        if (COLS < MIN_COLS || LINES < MIN_LINES) {
                char msg[96];
                snprintf(msg, sizeof(msg), "Terminal too small (%dx%d): nstop needs %dx%d", COLS, LINES, MIN_COLS,
                         MIN_LINES);
                screen_text(0, 0, msg, COLS, C_MESSAGE, false);
                refresh();
                return;
        }
        int y = header_draw(t->cur, COLS);
        draw_tabs(t, y++);
        int table_height = LINES - y - 2;
        draw_table(t, y, table_height);
        char line[320];
        snprintf(line, sizeof(line), "%s%s", t->paused ? "[paused] " : "", t->message);
        screen_text(LINES - 2, 0, line, COLS, C_MESSAGE, true);
        draw_fkeys(LINES - 1);
        refresh();
}

/* ---- keys ---------------------------------------------------------------- */

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

/* Returns false when the key asks to quit. */
static bool handle_key(struct tui *t, int ch)
{
        int page = LINES > 12 ? LINES - 12 : 1;
        switch (ch) {
        case 'q':
        case KEY_F(10):
                return false;
        case '\t':
                switch_view(t, 1);
                break;
        case KEY_BTAB:
                switch_view(t, -1);
                break;
        case KEY_UP: case 'k': move_sel(t, -1); break;
        case KEY_DOWN: case 'j': move_sel(t, 1); break;
        case KEY_PPAGE: move_sel(t, -page); break;
        case KEY_NPAGE: move_sel(t, page); break;
        case KEY_HOME: move_sel(t, -(int)t->rows.n); break;
        case KEY_END: move_sel(t, (int)t->rows.n); break;
        case 'K':
                t->opts.show_kthreads = !t->opts.show_kthreads;
                set_message(t, "kernel threads %s", t->opts.show_kthreads ? "shown" : "hidden");
                break;
        case 'c':
                if (t->view == VIEW_CGROUPS && t->cur->ncg_hiers) {
                        t->opts.cg_hier = (t->opts.cg_hier + 1) % t->cur->ncg_hiers;
                        t->sel = t->top = 0;
                        t->have_sel_key = false;
                }
                break;
        case 'z':
                t->paused = !t->paused;
                break;
        case 12: /* Ctrl-L */
                clearok(curscr, TRUE);
                break;
        case KEY_RESIZE:
                break;
        default:
                if (ch >= KEY_F(1) && ch <= KEY_F(9))
                        set_message(t, "F%d %s: not in this version yet", ch - KEY_F(0), fkeys[ch - KEY_F(1)][1]);
                break;
        }
        return true;
}

/* ---- the loop ------------------------------------------------------------ */

static int loop(struct tui *t, char **cause)
{
        double next = now_monotonic() + t->delay;
        for (;;) {
                draw(t);
                double wait = next - now_monotonic();
                /* Wake at least every 200 ms to notice signals. */
                int ms = wait <= 0 ? 0 : wait > 0.2 ? 200 : (int)(wait * 1000);
                timeout(ms);
                int ch = getch();
                if (quit_signal)
                        return 0;
                if (ch != ERR) {
                        if (!handle_key(t, ch))
                                return 0;
                        if (rebuild(t) < 0)
                                return -ENOMEM;
                        continue;
                }
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

int tui_run(struct sampler *sm, const struct filter *f, double delay, char **cause)
{
        struct tui t = {.sm = sm, .filter = f, .delay = delay, .opts = {.cg_hier = IDX_NONE}};
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
                snapshot_free(t.cur);
                snapshot_free(t.prev);
                return r;
        }
        install_signals();
        initscr();
        cbreak();
        noecho();
        nonl();
        keypad(stdscr, TRUE);
        curs_set(0);
        screen_init(strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
        r = loop(&t, cause);
        endwin();
        ui_rows_free(&t.rows);
        if (t.have_view)
                view_release(&t.v);
        snapshot_free(t.prev);
        snapshot_free(t.cur);
        return r;
}
