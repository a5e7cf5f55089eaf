/* enter.h: the `e` and `r` keys: a command inside a process's namespaces,
 * on the terminal (e) or with its output in a panel (r, MODE_RUN). */
#ifndef NSTOP_UI_ENTER_H
#define NSTOP_UI_ENTER_H

#include <stdbool.h>
#include <sys/types.h>

struct tui;

/* Opens the dialog for the selected process (or a namespace's first). */
void tui_enter_start(struct tui *t, bool run);
/* MODE_RUN: reads what the command wrote, without blocking; true while a
 * command is being followed (the loop then wakes often). */
bool tui_run_poll(struct tui *t);
void tui_run_key(struct tui *t, int ch);
void tui_run_draw(struct tui *t);

/* A typed command line as words (split at blanks: no shell quoting), into
 * words[0..max) with a NULL after the last; the count. */
int tui_split_words(char *line, char **words, int max);
/* Gives the terminal to the command spawn starts (curses suspended, nstop
 * deaf to Ctrl-C), waits for it, takes the terminal back (a shell in a new
 * pid namespace cannot hand it back), closes the dialog that started the
 * command (ctx may point into it) and draws the screen anew with "BACK:
 * the command exited with status N" or spawn's cause on the message line. */
void tui_hand_terminal(struct tui *t, const char *banner, const char *back,
                       int (*spawn)(void *ctx, pid_t *ret_pid, char **cause), void *ctx);
void tui_enter_key(struct tui *t, int ch);
void tui_enter_draw(struct tui *t);

#endif
