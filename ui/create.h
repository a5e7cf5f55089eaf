/* create.h: the `n` key: a process in new namespaces (as unshare). */
#ifndef NSTOP_UI_CREATE_H
#define NSTOP_UI_CREATE_H

#include <stdbool.h>
#include <stdint.h>

struct tui;

void tui_create_start(struct tui *t);
void tui_create_key(struct tui *t, int ch);
void tui_create_draw(struct tui *t);
/* Reaps the background processes nstop started that have exited (until
 * then their pids cannot name another process). */
void tui_create_reap(struct tui *t);

#endif
