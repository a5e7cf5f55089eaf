/* tui_state.h: the interactive view's state, shared by its files:
 * tui.c (loop, keys, refresh), draw.c (drawing a frame) and setup.c (F2
 * and the settings file). Only ui/ includes it. */
#ifndef NSTOP_UI_TUI_STATE_H
#define NSTOP_UI_TUI_STATE_H

#include <stdbool.h>

#include "model/snapshot.h"
#include "model/view.h"
#include "sample/sampler.h"
#include "settings.h"
#include "action/enter.h"
#include "ui/actions.h"
#include "ui/fresh.h"
#include "ui/views.h"
#include "util/buf.h"

/* Below this the screen says it is too small instead of drawing. */
#define MIN_COLS 40
#define MIN_LINES 10
/* New processes, namespaces and cgroups are highlighted this long. */
#define NEW_SECONDS 3.0
enum mode { MODE_TABLE, MODE_SEARCH, MODE_FILTER, MODE_HELP, MODE_EXPLAIN, MODE_SORT, MODE_SETUP, MODE_DIALOG, MODE_RUN };

struct tui {
        struct sampler *sm;
        const struct filter *filter;
        double delay;
        bool live;                 /* the view is of this system (no --sysroot): actions allowed */
        struct snapshot *prev, *cur;
        struct view v;
        bool have_view;
        enum ui_view view;
        struct ui_options opts;
        struct ui_rows rows;
        int sel, top;
        struct ui_key sel_key;
        bool have_sel_key, paused;
        bool unfollow;             /* F: the selection keeps its place instead of its row */
        bool key_is_code;          /* the last key was a KEY_* code, not a character */
        /* Rows that vanished at the last refresh, drawn once more in red:
         * their cells as text, '\t'-separated, from the old snapshot. */
        struct buf *gone;
        uint32_t ngone;
        struct ui_keyset tags;     /* Space: tagged rows, by identity */
        struct fresh_set fresh;    /* namespaces and cgroups seen lately for the first time */
        enum mode mode;
        char search[128];
        struct buf panel; /* the help or explain text */
        struct buf wrapped; /* the same, wrapped to the panel */
        int panel_first, menu_choice;
        char message[512];
        bool partial_said;         /* the partial view's notice took the message line once */
        struct dialog dlg;         /* MODE_DIALOG: the open confirmation, menu, form or picker */
        bool refresh_now;          /* an action changed the world: take a snapshot at once */
        struct enter_run *run;     /* MODE_RUN: the command whose output the panel shows */
        bool run_done;
        char run_title[320];
        int32_t created[64];       /* background processes started with n, not yet reaped */
        size_t ncreated;
        struct settings settings;  /* what nstoprc says (and setup saves) */
        bool setup_on[64];         /* setup: proc_columns[i] chosen */
        int setup_scheme;          /* setup: index into the colour schemes */
        /* Where the last frame put things, for mouse clicks. */
        int tabs_y, header_y, rows_y, rows_h;
        int tab_x[VIEW_COUNT + 1];
        int col_x[64];
        int fkey_x[11];
};

/* The function-key bar: key and label. */
extern const char *const tui_fkeys[10][2];

void tui_message(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The column of view called name, or -1. */
int tui_col_named(enum ui_view view, const char *name);

/* tui.c: a new snapshot now (after an action); 0 or -errno. */
int tui_refresh(struct tui *t, char **cause);
/* The selected row, or NULL (none, or one that has gone). */
const struct ui_row *tui_selected(const struct tui *t);

/* draw.c: one frame from the current snapshot. */
void tui_draw(struct tui *t);
/* Is column c of the current view drawn at this width? */
bool tui_col_shown(const struct tui *t, int c);

/* setup.c */
void tui_load_settings(struct tui *t);
void tui_open_setup(struct tui *t);
void tui_setup_text(const struct tui *t, struct buf *out);
void tui_setup_key(struct tui *t, int ch);

#endif
