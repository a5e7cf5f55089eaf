/* dialogs.c: the dialogs of the actions: a yes/no question, the signal
 * menu, the limits form, the cgroup picker for moves and the name of a
 * new cgroup. Each is text in a panel; keys edit the dialog's state in
 * t->dlg and end in a step of actions.c. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "action/cause.h"
#include "action/cgmove.h"
#include "action/limits.h"
#include "action/safety.h"
#include "action/signal.h"
#include "model/cgtree.h"
#include "output/format.h"
#include "ui/actions.h"
#include "ui/dialogs.h"
#include "ui/create.h"
#include "ui/enter.h"
#include "ui/panel.h"
#include "ui/screen.h"
#include "ui/tui_state.h"

static bool is_enter(int ch)
{
        return ch == '\n' || ch == '\r' || ch == KEY_ENTER;
}

void dlg_open_kind(struct tui *t, enum dlg_kind kind)
{
        t->dlg.kind = kind;
        t->dlg.choice = 0;
        t->mode = MODE_DIALOG;
}

void tui_dialog_close(struct tui *t)
{
        struct dialog *d = &t->dlg;
        free(d->procs);
        free(d->cg.dir);
        buf_free(&d->text);
        if (d->have_lt)
                limit_target_free(&d->lt);
        if (d->have_plan)
                limit_plan_free(&d->plan);
        memset(d, 0, sizeof(*d));
        if (t->mode == MODE_DIALOG)
                t->mode = MODE_TABLE;
}

/* Typing into a one-line text field (UTF-8; Backspace takes a character). */
void dlg_edit_text(struct tui *t, char *text, size_t cap, int ch)
{
        size_t n = strlen(text);
        if ((t->key_is_code && ch == KEY_BACKSPACE) || ch == 127 || ch == 8) {
                while (n && ((unsigned char)text[n - 1] & 0xc0) == 0x80)
                        n--;
                if (n)
                        text[n - 1] = '\0';
        } else if (ch == 21) { /* Ctrl-U: clear */
                text[0] = '\0';
        } else if (!t->key_is_code && ch >= 0x20 && ch != 0x7f && ch < 0x80 && n + 2 <= cap) {
                text[n] = (char)ch;
                text[n + 1] = '\0';
        }
}

static void form_show(struct tui *t);

/* ---- yes / no ------------------------------------------------------------ */

void dlg_confirm(struct tui *t, enum act_step step)
{
        t->dlg.step = step;
        dlg_open_kind(t, DLG_CONFIRM);
}

static void confirm_key(struct tui *t, int ch)
{
        struct dialog *d = &t->dlg;
        bool yes = ch == 'y' || ch == 'Y' || is_enter(ch);
        bool no = ch == 'n' || ch == 'N' || ch == 27 || ch == 'q';
        if (!yes && !no)
                return;
        enum act_step step = d->step;
        d->kind = DLG_NONE;
        t->mode = MODE_TABLE;
        if (no) {
                /* Declining an offer goes on with what it was offered for. */
                if (step == STEP_ENABLE) {
                        form_show(t);
                        return;
                }
                if (step == STEP_APPLY_LIMITS) {
                        dlg_open_kind(t, DLG_FORM);
                        return;
                }
                tui_message(t, "cancelled");
                tui_dialog_close(t);
                return;
        }
        switch (step) {
        case STEP_FREEZE: act_do_freeze(t); break;
        case STEP_CHILD_FOR_LIMITS: act_child_for_limits(t); return; /* may open the form */
        case STEP_SIGNAL_CGROUP: act_signal_cgroup(t); break;
        case STEP_REMOVE: act_remove(t); break;
        case STEP_ENABLE: {
                struct buf done = {0};
                char *cause = NULL;
                int r = 0;
                const char *seen[LIM_COUNT] = {0};
                for (int f = 0; f < LIM_COUNT && r == 0; f++) {
                        const char *ctrl = limit_fields[f].controller;
                        bool again = false;
                        for (int k = 0; k < f; k++)
                                again = again || (seen[k] && !strcmp(seen[k], ctrl));
                        if (!d->lt.enable_offer[f] || again)
                                continue;
                        seen[f] = ctrl;
                        r = limit_enable_controller(d->lt.parent_dir, ctrl, &cause);
                        if (r == 0)
                                buf_printf(&done, "%s%s", done.len ? ", " : "", ctrl);
                }
                if (r < 0) {
                        if (done.len)
                                cause_append(&cause, "enabled before that: %s", buf_str(&done));
                        act_report(t, r, cause, "");
                        buf_free(&done);
                        form_show(t);
                        return;
                }
                char ok[300];
                snprintf(ok, sizeof(ok), "enabled %s for the children of the parent cgroup", buf_str(&done));
                act_report(t, 0, NULL, ok);
                buf_free(&done);
                cause = NULL;
                if (tui_refresh(t, &cause) < 0) {
                        free(cause);
                        tui_dialog_close(t);
                        return;
                }
                uint32_t cg = act_cg_find(t);
                if (cg != IDX_NONE)
                        dlg_open_form(t, cg, true);
                return;
        }
        case STEP_APPLY_LIMITS: {
                if (!act_cg_still(t))
                        break;
                char *cause = NULL;
                int r = limit_apply(&d->plan, &cause);
                char ok[700];
                snprintf(ok, sizeof(ok), "limits of %s set", act_cg_name(t));
                act_report(t, r, cause, ok);
                break;
        }
        }
        tui_dialog_close(t);
}

/* ---- signal menu ------------------------------------------------------------ */

void dlg_open_signals(struct tui *t)
{
        dlg_open_kind(t, DLG_SIGNAL);
        for (size_t i = 0; i < signal_count; i++)
                if (signal_table[i].sig == SIGTERM)
                        t->dlg.choice = (int)i;
}

static void signal_text(struct buf *out)
{
        for (size_t i = 0; i < signal_count; i++)
                buf_printf(out, "%s%2d %-9s %s", i ? "\n" : "", signal_table[i].sig, signal_table[i].name,
                           signal_table[i].what);
}

static void menu_move(int *choice, int n, int ch)
{
        if (ch == KEY_UP && *choice > 0)
                (*choice)--;
        else if (ch == KEY_DOWN && *choice + 1 < n)
                (*choice)++;
        else if (ch == KEY_HOME || ch == KEY_PPAGE)
                *choice = 0;
        else if (ch == KEY_END || ch == KEY_NPAGE)
                *choice = n - 1;
}

static void signal_key(struct tui *t, int ch)
{
        struct dialog *d = &t->dlg;
        if (ch == 27 || ch == 'q') {
                tui_message(t, "cancelled");
                tui_dialog_close(t);
        } else if (is_enter(ch)) {
                d->sig = signal_table[d->choice].sig;
                d->kind = DLG_NONE;
                t->mode = MODE_TABLE;
                act_signal_chosen(t);
                if (t->mode != MODE_DIALOG) /* unless it asks first */
                        tui_dialog_close(t);
        } else if (ch >= '0' && ch <= '9') {
                /* Typing a number picks that signal, as in htop. */
                int want = (d->choice >= 0 ? signal_table[d->choice].sig : 0) * 10 + (ch - '0');
                for (size_t i = 0; i < signal_count; i++)
                        if (signal_table[i].sig == want || signal_table[i].sig == ch - '0')
                                d->choice = (int)i;
        } else {
                menu_move(&d->choice, (int)signal_count, ch);
        }
}

/* ---- limits form ----------------------------------------------------------- */

static bool field_here(const struct dialog *d, int f)
{
        return d->lt.dir[f] != NULL;
}

static int next_field(const struct dialog *d, int from, int step)
{
        for (int k = 1; k <= LIM_COUNT; k++) {
                int f = ((from + step * k) % LIM_COUNT + LIM_COUNT) % LIM_COUNT;
                if (field_here(d, f))
                        return f;
        }
        return from;
}

/* Opens the form on its first field that can be set, or says why none can. */
static void form_show(struct tui *t)
{
        struct dialog *d = &t->dlg;
        int first = next_field(d, LIM_COUNT - 1, 1);
        if (!field_here(d, first)) {
                const char *why = d->lt.why_not[0] ? d->lt.why_not[0] : "no limit files here";
                tui_message(t, "no limits can be set on %s: %s", act_cg_name(t), why);
                tui_dialog_close(t);
                return;
        }
        dlg_open_kind(t, DLG_FORM);
        d->choice = first;
}

/* The form for d->lt, made from the current snapshot: current values,
 * then the offer to enable controllers (unless asked), then the fields. */
static void form_begin(struct tui *t, bool asked)
{
        struct dialog *d = &t->dlg;
        d->have_lt = true;
        if (act_cg_target(t, d->lt.cg) < 0)
                return;
        bool offer = false;
        for (int f = 0; f < LIM_COUNT; f++) {
                limit_current(t->cur, &d->lt, (enum limit_field)f, d->old[f], sizeof(d->old[f]));
                snprintf(d->now[f], sizeof(d->now[f]), "%s", d->old[f]);
                offer = offer || d->lt.enable_offer[f];
        }
        if (offer && !asked && d->lt.parent_dir) {
                buf_reset(&d->text);
                buf_printf(&d->text, "Some controllers are not enabled for %s:", act_cg_name(t));
                for (int f = 0; f < LIM_COUNT; f++)
                        if (d->lt.enable_offer[f])
                                buf_printf(&d->text, "\n  %s: %s", limit_fields[f].label, d->lt.why_not[f]);
                buf_puts(&d->text, "\nEnable them in the parent's cgroup.subtree_control? (n: the form without them)");
                dlg_confirm(t, STEP_ENABLE);
                return;
        }
        form_show(t);
}

static void form_reset(struct dialog *d)
{
        if (d->have_lt)
                limit_target_free(&d->lt);
        d->have_lt = false;
}

void dlg_open_form(struct tui *t, uint32_t cg, bool asked)
{
        form_reset(&t->dlg);
        int r = limit_target_of(t->cur, cg, NULL, &t->dlg.lt);
        if (r < 0) {
                tui_message(t, "cgroup %s: %s", t->cur->cgroups[cg].path, strerror(-r));
                return;
        }
        form_begin(t, asked);
}

void dlg_open_form_proc(struct tui *t, const struct proc_rec *p)
{
        form_reset(&t->dlg);
        int r = limit_target_of_proc(t->cur, p, NULL, &t->dlg.lt);
        if (r < 0) {
                tui_message(t, "pid %d: no cgroup of it can be limited: %s", p->pid, strerror(-r));
                return;
        }
        form_begin(t, false);
}

/* The label column of the form. */
#define LABEL_W 14

static void form_text(const struct tui *t, struct buf *out)
{
        const struct dialog *d = &t->dlg;
        for (int f = 0; f < LIM_COUNT; f++) {
                buf_printf(out, "%s%-*s ", f ? "\n" : "", LABEL_W, limit_fields[f].label);
                if (!field_here(d, f))
                        buf_printf(out, "-  (%s)", d->lt.why_not[f] ? d->lt.why_not[f] : "not here");
                else
                        buf_printf(out, "%s%s", d->now[f], f == d->choice ? "_" : "");
        }
        buf_printf(out, "\n\n%s: %s", limit_fields[d->choice].label, limit_fields[d->choice].accepts);
        buf_puts(out, "\nTab, Down, Up: field   Ctrl-U: clear   Enter: apply   Esc: cancel");
}

static void form_apply(struct tui *t)
{
        struct dialog *d = &t->dlg;
        const char *old[LIM_COUNT], *now[LIM_COUNT];
        for (int f = 0; f < LIM_COUNT; f++)
                old[f] = d->old[f], now[f] = d->now[f];
        if (d->have_plan)
                limit_plan_free(&d->plan);
        d->have_plan = false;
        char *cause = NULL;
        int r = limit_plan_make(&d->lt, old, now, NULL, &d->plan, &cause);
        if (r < 0) {
                /* The form stays open for a correction. */
                tui_message(t, "%s", cause ? cause : strerror(-r));
                free(cause);
                return;
        }
        d->have_plan = true;
        if (!d->plan.n) {
                tui_message(t, "nothing changed");
                tui_dialog_close(t);
                return;
        }
        uint32_t cg = act_cg_find(t);
        const char *why = cg == IDX_NONE ? NULL : safety_confirm_reason(t->cur, cg);
        if (d->plan.memory_below_usage || why) {
                char use[FMT_MAX];
                fmt_bytes(use, d->lt.mem_usage);
                buf_reset(&d->text);
                if (d->plan.memory_below_usage)
                        buf_printf(&d->text, "The new memory limit of %s is below what it uses now (%s).\nThe kernel "
                                   "will reclaim memory and may OOM-kill processes in it.\n", act_cg_name(t), use);
                if (why)
                        buf_printf(&d->text, "%s is %s: every process in it is limited.\n", act_cg_name(t), why);
                buf_puts(&d->text, "Apply? (n: back to the form)");
                dlg_confirm(t, STEP_APPLY_LIMITS);
                return;
        }
        if (!act_cg_still(t)) {
                tui_dialog_close(t);
                return;
        }
        r = limit_apply(&d->plan, &cause);
        char ok[700];
        snprintf(ok, sizeof(ok), "limits of %s set", act_cg_name(t));
        act_report(t, r, cause, ok);
        tui_dialog_close(t);
}

static void form_key(struct tui *t, int ch)
{
        struct dialog *d = &t->dlg;
        if (ch == 27) {
                tui_message(t, "cancelled; nothing written");
                tui_dialog_close(t);
        } else if (is_enter(ch)) {
                form_apply(t);
        } else if (ch == '\t' || ch == KEY_DOWN) {
                d->choice = next_field(d, d->choice, 1);
        } else if (ch == KEY_BTAB || ch == KEY_UP) {
                d->choice = next_field(d, d->choice, -1);
        } else {
                dlg_edit_text(t, d->now[d->choice], sizeof(d->now[d->choice]), ch);
        }
}

/* ---- the cgroup picker --------------------------------------------------------- */

/* The picker's lines: the cgroup paths of hierarchy d->hier, or of all
 * hierarchies (each path once), in tree order. */
static size_t picker_paths(const struct tui *t, const char **out, size_t max)
{
        const struct snapshot *s = t->cur;
        size_t n = 0;
        for (uint32_t i = 0; i < s->ncgroups && n < max; i++) {
                const struct cgroup_rec *c = &s->cgroups[i];
                if (t->dlg.hier < s->ncg_hiers && c->hier != t->dlg.hier)
                        continue;
                bool dup = false;
                for (size_t k = 0; k < n && !dup; k++)
                        dup = !strcmp(out[k], c->path);
                if (!dup)
                        out[n++] = c->path;
        }
        if (t->dlg.hier >= s->ncg_hiers)
                for (size_t i = 1; i < n; i++) /* insertion sort into tree order */
                        for (size_t k = i; k > 0 && cg_path_cmp(out[k - 1], out[k]) > 0; k--) {
                                const char *x = out[k];
                                out[k] = out[k - 1];
                                out[k - 1] = x;
                        }
        return n;
}

#define PICKER_MAX 4096

void dlg_open_picker(struct tui *t, uint32_t h)
{
        t->dlg.hier = h;
        t->dlg.typed[0] = '\0';
        snprintf(t->dlg.picked, sizeof(t->dlg.picked), "/");
        dlg_open_kind(t, DLG_PICKER);
}

static const char *picker_hier_name(const struct tui *t)
{
        return t->dlg.hier < t->cur->ncg_hiers ? t->cur->cg_hiers[t->dlg.hier].name : "all hierarchies";
}

/* Moves the process into path in the picker's hierarchy, or in every
 * hierarchy that has that path. */
static void picker_move(struct tui *t, const char *path)
{
        const struct snapshot *s = t->cur;
        const struct act_proc *p = &t->dlg.procs[0];
        struct buf done = {0}, failed = {0};
        for (uint32_t h = 0; h < s->ncg_hiers; h++) {
                if (t->dlg.hier < s->ncg_hiers && h != t->dlg.hier)
                        continue;
                uint32_t cg = cg_find(s, h, path);
                if (cg == IDX_NONE)
                        continue;
                char *dir = cg_dir(s, &s->cgroups[cg], NULL), *cause = NULL;
                int r = dir ? cg_move_proc(dir, p->pid, p->start, &cause) : -errno;
                if (r < 0) {
                        buf_printf(&failed, "%s%s: %s", failed.len ? "; " : "", s->cg_hiers[h].name,
                                   cause ? cause : strerror(-r));
                } else {
                        buf_printf(&done, "%s%s", done.len ? ", " : "", s->cg_hiers[h].name);
                }
                free(cause);
                free(dir);
                if (r == -ESRCH)
                        break; /* the process has gone: no point in the other hierarchies */
        }
        if (!done.len && !failed.len)
                tui_message(t, "no cgroup %s to move into", path);
        else if (!failed.len)
                tui_message(t, "moved pid %d (%s) to %s in %s", p->pid, p->comm, path, buf_str(&done));
        else if (!done.len)
                tui_message(t, "%s", buf_str(&failed));
        else
                tui_message(t, "moved pid %d to %s in %s; not in %s", p->pid, path, buf_str(&done), buf_str(&failed));
        buf_free(&done);
        buf_free(&failed);
        t->refresh_now = true;
}

/* The choice is kept as a path: a refresh may add or drop cgroups above it. */
static int picker_index(const struct tui *t, const char **paths, size_t n)
{
        for (size_t i = 0; i < n; i++)
                if (!strcmp(paths[i], t->dlg.picked))
                        return (int)i;
        return 0;
}

/* The picker for `n`: the chosen cgroup's directory goes into the form,
 * in the picker's hierarchy, or (all at once) the v2 one that has it, or
 * the first that does. */
static void picker_fill_create(struct tui *t, const char *path)
{
        const struct snapshot *s = t->cur;
        uint32_t found = IDX_NONE;
        for (uint32_t h = 0; h < s->ncg_hiers; h++) {
                if (t->dlg.hier < s->ncg_hiers && h != t->dlg.hier)
                        continue;
                uint32_t cg = cg_find(s, h, path);
                if (cg != IDX_NONE && (found == IDX_NONE || s->cg_hiers[h].version == 2))
                        found = cg;
        }
        char *dir = found == IDX_NONE ? NULL : cg_dir(s, &s->cgroups[found], NULL);
        if (dir)
                snprintf(t->dlg.cgroup_dir, sizeof(t->dlg.cgroup_dir), "%s", dir);
        free(dir);
}

void dlg_open_cgroup_picker(struct tui *t, int back_to)
{
        struct dialog *d = &t->dlg;
        d->for_create = true;
        d->create_item = back_to;
        d->hier = t->opts.cg_hier < t->cur->ncg_hiers ? t->opts.cg_hier : t->cur->ncg_hiers;
        d->typed[0] = '\0';
        snprintf(d->picked, sizeof(d->picked), "/");
        dlg_open_kind(t, DLG_PICKER);
}

static void picker_key(struct tui *t, int ch)
{
        struct dialog *d = &t->dlg;
        static const char *paths[PICKER_MAX];
        size_t n = picker_paths(t, paths, PICKER_MAX);
        d->choice = picker_index(t, paths, n);
        if (ch == 27 && d->for_create) {
                dlg_open_kind(t, DLG_CREATE); /* back to the form, as it was */
                d->choice = d->create_item;
        } else if (ch == 27) {
                tui_message(t, "cancelled");
                tui_dialog_close(t);
        } else if (is_enter(ch) && d->for_create) {
                if (d->choice < (int)n)
                        picker_fill_create(t, paths[d->choice]);
                dlg_open_kind(t, DLG_CREATE);
                d->choice = d->create_item;
        } else if (is_enter(ch)) {
                if (d->choice < (int)n) {
                        char path[512];
                        snprintf(path, sizeof(path), "%s", paths[d->choice]);
                        picker_move(t, path);
                }
                tui_dialog_close(t);
        } else if (ch == '\t') {
                /* each hierarchy, then all of them at once */
                d->hier = d->hier >= t->cur->ncg_hiers ? 0 : d->hier + 1;
                d->typed[0] = '\0';
                n = picker_paths(t, paths, PICKER_MAX);
                d->choice = picker_index(t, paths, n);
        } else if (ch == KEY_UP || ch == KEY_DOWN || ch == KEY_HOME || ch == KEY_END || ch == KEY_PPAGE ||
                   ch == KEY_NPAGE) {
                menu_move(&d->choice, (int)n, ch);
        } else {
                /* Type-ahead: the first path that holds the typed text. */
                dlg_edit_text(t, d->typed, sizeof(d->typed), ch);
                for (size_t i = 0; d->typed[0] && i < n; i++)
                        if (strcasestr(paths[i], d->typed)) {
                                d->choice = (int)i;
                                break;
                        }
        }
        if (d->kind == DLG_PICKER && d->choice < (int)n)
                snprintf(d->picked, sizeof(d->picked), "%s", paths[d->choice]);
}

static void picker_text(const struct tui *t, struct buf *out, int *ret_line)
{
        static const char *paths[PICKER_MAX];
        size_t n = picker_paths(t, paths, PICKER_MAX);
        if (t->dlg.for_create)
                buf_printf(out, "start in:   hierarchy: %s (Tab changes)   find: %s_", picker_hier_name(t),
                           t->dlg.typed);
        else
                buf_printf(out, "pid %d (%s) to:   hierarchy: %s (Tab changes)   find: %s_", t->dlg.procs[0].pid,
                           t->dlg.procs[0].comm, picker_hier_name(t), t->dlg.typed);
        for (size_t i = 0; i < n; i++)
                buf_printf(out, "\n  %s", paths[i]);
        *ret_line = 1 + picker_index(t, paths, n);
}

/* ---- new cgroup name ------------------------------------------------------------ */

void dlg_open_name(struct tui *t)
{
        t->dlg.name[0] = '\0';
        dlg_open_kind(t, DLG_NAME);
}

static void name_key(struct tui *t, int ch)
{
        if (ch == 27) {
                tui_message(t, "cancelled");
                tui_dialog_close(t);
        } else if (is_enter(ch)) {
                char *cause = NULL;
                if (cg_name_check(t->dlg.name, &cause) < 0) {
                        tui_message(t, "%s", cause ? cause : "bad name");
                        free(cause);
                        return;
                }
                act_make(t);
                tui_dialog_close(t);
        } else {
                dlg_edit_text(t, t->dlg.name, sizeof(t->dlg.name), ch);
        }
}

/* ---- routing and drawing ---------------------------------------------------------- */

void tui_dialog_key(struct tui *t, int ch)
{
        switch (t->dlg.kind) {
        case DLG_CONFIRM: confirm_key(t, ch); break;
        case DLG_SIGNAL: signal_key(t, ch); break;
        case DLG_FORM: form_key(t, ch); break;
        case DLG_PICKER: picker_key(t, ch); break;
        case DLG_NAME: name_key(t, ch); break;
        case DLG_ENTER: tui_enter_key(t, ch); break;
        case DLG_CREATE: tui_create_key(t, ch); break;
        case DLG_NONE: tui_dialog_close(t); break;
        }
}

/* The first line to show so that line is in the box. */
static int first_for(int line)
{
        int rows = panel_rows();
        return line >= rows ? line - rows + 1 : 0;
}

void tui_dialog_draw(struct tui *t)
{
        struct dialog *d = &t->dlg;
        struct buf text = {0}, wrapped = {0};
        char title[700];
        int line = -1;
        switch (d->kind) {
        case DLG_CONFIRM:
                panel_wrap(buf_str(&d->text), &wrapped, screen_sanitize_flags());
                buf_printf(&wrapped, "\n\nEnter or y: yes     Esc or n: no");
                panel_draw("Confirm", buf_str(&wrapped), 0, -1, t->opts.utf8);
                break;
        case DLG_SIGNAL:
                if (d->nprocs == 1)
                        snprintf(title, sizeof(title), "Send a signal to pid %d (%s)", d->procs[0].pid, d->procs[0].comm);
                else if (d->nprocs)
                        snprintf(title, sizeof(title), "Send a signal to %zu tagged processes", d->nprocs);
                else
                        snprintf(title, sizeof(title), "Send a signal to every process in %s", act_cg_name(t));
                signal_text(&text);
                panel_draw(title, buf_str(&text), first_for(d->choice), d->choice, t->opts.utf8);
                break;
        case DLG_FORM:
                snprintf(title, sizeof(title), "Limits of %s", act_cg_name(t));
                form_text(t, &text);
                panel_draw(title, buf_str(&text), 0, d->choice, t->opts.utf8);
                break;
        case DLG_PICKER:
                picker_text(t, &text, &line);
                panel_draw(d->for_create ? "Start in cgroup (type to find, Enter chooses, Esc goes back)"
                                         : "Move to cgroup (type to find, Enter moves, Esc cancels)",
                           buf_str(&text), first_for(line), line, t->opts.utf8);
                break;
        case DLG_NAME:
                snprintf(title, sizeof(title), "New cgroup in %s", act_cg_name(t));
                buf_printf(&text, "Name: %s_\n\nEnter makes it, Esc cancels. No '/', not . or .., no control "
                           "characters.", d->name);
                panel_draw(title, buf_str(&text), 0, -1, t->opts.utf8);
                break;
        case DLG_ENTER:
                tui_enter_draw(t);
                break;
        case DLG_CREATE:
                tui_create_draw(t);
                break;
        case DLG_NONE:
                break;
        }
        buf_free(&text);
        buf_free(&wrapped);
}
