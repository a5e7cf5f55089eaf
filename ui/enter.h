/* enter.h: the `e` and `r` keys: a command inside a process's namespaces,
 * on the terminal (e) or with its output in a panel (r, MODE_RUN). */
#ifndef NSTOP_UI_ENTER_H
#define NSTOP_UI_ENTER_H

#include <stdbool.h>

struct tui;

/* Opens the dialog for the selected process (or a namespace's first). */
void tui_enter_start(struct tui *t, bool run);
/* MODE_RUN: reads what the command wrote, without blocking; true while a
 * command is being followed (the loop then wakes often). */
bool tui_run_poll(struct tui *t);
void tui_run_key(struct tui *t, int ch);
void tui_run_draw(struct tui *t);
void tui_enter_key(struct tui *t, int ch);
void tui_enter_draw(struct tui *t);

#endif
