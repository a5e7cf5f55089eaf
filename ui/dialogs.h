/* dialogs.h: between the action keys (actions.c) and their dialogs
 * (dialogs.c): opening each dialog, and the steps a dialog ends in. Only
 * ui/ includes it. */
#ifndef NSTOP_UI_DIALOGS_H
#define NSTOP_UI_DIALOGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"
#include "ui/actions.h"

struct tui;

/* Opening: a yes/no question (t->dlg.text) that goes on to step; the
 * signal menu (for t->dlg.procs, or t->dlg.cg when there are none); the
 * limits form of snapshot cgroup cg (asked: the offer to enable missing
 * controllers was already made); the move picker on hierarchy h (ncg_hiers:
 * all at once); the name prompt for a child of t->dlg.cg. */
void dlg_confirm(struct tui *t, enum act_step step);
void dlg_open_signals(struct tui *t);
void dlg_open_form(struct tui *t, uint32_t cg, bool asked);
/* The form for process p: each field in p's own cgroup of that field's
 * hierarchy (its paths may differ between hierarchies). */
void dlg_open_form_proc(struct tui *t, const struct proc_rec *p);
void dlg_open_picker(struct tui *t, uint32_t h);
void dlg_open_name(struct tui *t);
/* The cgroup picker for `n`'s "cgroup to start in": Enter puts the chosen
 * cgroup's directory into the form, Esc goes back to it; both return to
 * line back_to of the form. */
void dlg_open_cgroup_picker(struct tui *t, int back_to);

/* Shared by the dialogs: open one of a kind; type into a text field. */
void dlg_open_kind(struct tui *t, enum dlg_kind kind);
void dlg_edit_text(struct tui *t, char *text, size_t cap, int ch);

/* actions.c: targets and steps. */
int act_one_proc(struct tui *t, const struct proc_rec *p);
int act_cg_target(struct tui *t, uint32_t cg);
uint32_t act_cg_find(const struct tui *t);
bool act_cg_still(struct tui *t);
const char *act_cg_name(const struct tui *t);
const char *act_sig_name(int sig);
void act_report(struct tui *t, int r, char *cause, const char *ok);
void act_do_freeze(struct tui *t);
void act_child_for_limits(struct tui *t);
void act_signal_chosen(struct tui *t);
void act_signal_cgroup(struct tui *t);
void act_make(struct tui *t);
void act_remove(struct tui *t);

#endif
