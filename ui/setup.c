/* setup.c: the F2 setup screen and the settings file (nstoprc) of the
 * interactive view; see tui_state.h and src/settings.h. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/columns.h"
#include "ui/screen.h"
#include "ui/tui_state.h"

static const char *const schemes[] = {"default", "mono", "blackonwhite"};
#define NSCHEMES ((int)(sizeof(schemes) / sizeof(schemes[0])))

/* Takes the settings into the views. */
static void apply_settings(struct tui *t)
{
        const struct settings *st = &t->settings;
        ui_set_proc_columns(st->proc_columns);
        int c = tui_col_named(VIEW_PROCS, st->sort_column[0] ? st->sort_column : "cpu");
        t->opts.sort_col[VIEW_PROCS] = c >= 0 ? c : tui_col_named(VIEW_PROCS, "cpu");
        t->opts.sort_asc[VIEW_PROCS] = st->sort_ascending;
        t->opts.tree = st->tree;
        t->opts.show_kthreads = st->show_kthreads;
}

void tui_load_settings(struct tui *t)
{
        settings_defaults(&t->settings);
        char path[4096], *cause = NULL;
        if (settings_read_path(path, sizeof(path)) == 0 && settings_load(path, &t->settings, &cause) < 0)
                tui_message(t, "%s (ignored)", cause ? cause : "bad settings file");
        free(cause);
        apply_settings(t);
}

void tui_setup_text(const struct tui *t, struct buf *out)
{
        buf_reset(out);
        buf_printf(out, "Colour scheme: %s   (Space changes)\n", schemes[t->setup_scheme]);
        buf_puts(out, "Processes view columns (Space toggles, Enter saves, Esc cancels):");
        for (size_t i = 0; i < proc_column_count && i < 64; i++)
                buf_printf(out, "\n  [%c] %-8s %s", t->setup_on[i] ? 'x' : ' ', proc_columns[i].header,
                           proc_columns[i].help);
}

void tui_open_setup(struct tui *t)
{
        char cols[256];
        ui_proc_columns(cols, sizeof(cols));
        for (size_t i = 0; i < proc_column_count && i < 64; i++) {
                char probe[64];
                snprintf(probe, sizeof(probe), ",%s,", proc_columns[i].name);
                char list[260];
                snprintf(list, sizeof(list), ",%s,", cols);
                t->setup_on[i] = strstr(list, probe) != NULL;
        }
        t->setup_scheme = 0;
        for (int i = 0; i < NSCHEMES; i++)
                if (!strcmp(t->settings.color_scheme, schemes[i]))
                        t->setup_scheme = i;
        t->menu_choice = 2;
        t->mode = MODE_SETUP;
}

static void save_setup(struct tui *t)
{
        struct settings st = t->settings;
        size_t n = 0;
        st.proc_columns[0] = '\0';
        for (size_t i = 0; i < proc_column_count && i < 64; i++)
                if (t->setup_on[i])
                        n += (size_t)snprintf(st.proc_columns + n, sizeof(st.proc_columns) - n, "%s%s", n ? "," : "",
                                              proc_columns[i].name);
        snprintf(st.color_scheme, sizeof(st.color_scheme), "%s", schemes[t->setup_scheme]);
        snprintf(st.sort_column, sizeof(st.sort_column), "%s",
                 t->opts.sort_col[VIEW_PROCS] >= 0 ? ui_col_name(VIEW_PROCS, t->opts.sort_col[VIEW_PROCS]) : "");
        st.sort_ascending = t->opts.sort_asc[VIEW_PROCS];
        st.tree = t->opts.tree;
        st.show_kthreads = t->opts.show_kthreads;
        char path[4096], *cause = NULL;
        /* Only the real user's own file, whatever the environment says
         * (settings.h): root must not write where a variable points. */
        int r = settings_save_path(path, sizeof(path), &cause);
        if (r == 0)
                r = settings_save(path, &st, &cause);
        if (r < 0) {
                tui_message(t, "%s", cause ? cause : "settings not saved: out of memory");
        } else {
                t->settings = st;
                apply_settings(t);
                screen_set_scheme(schemes[t->setup_scheme]);
                tui_message(t, "settings saved to %s", path);
        }
        free(cause);
}

void tui_setup_key(struct tui *t, int ch)
{
        int lines = 2 + (int)(proc_column_count < 64 ? proc_column_count : 64);
        if (ch == KEY_UP && t->menu_choice > 0)
                t->menu_choice--;
        else if (ch == KEY_DOWN && t->menu_choice + 1 < lines)
                t->menu_choice++;
        else if (ch == ' ' && t->menu_choice == 0)
                t->setup_scheme = (t->setup_scheme + 1) % NSCHEMES;
        else if (ch == ' ' && t->menu_choice >= 2)
                t->setup_on[t->menu_choice - 2] = !t->setup_on[t->menu_choice - 2];
        else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
                t->mode = MODE_TABLE;
                save_setup(t);
        } else if (ch == 27 || ch == 'q' || ch == KEY_F(2))
                t->mode = MODE_TABLE;
}

