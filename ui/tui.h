/* tui.h: the interactive front-end (ncursesw).
 *
 * It draws snapshots taken through the sampler and never reads /proc or
 * cgroupfs itself; keys redraw the current snapshot, and only the refresh
 * timer takes a new one. */
#ifndef NSTOP_UI_TUI_H
#define NSTOP_UI_TUI_H

#include <stdbool.h>
#include "model/view.h"
#include "sample/sampler.h"

/* Runs until the user quits or a signal ends it; the terminal is restored
 * on every path. Returns 0 after q, 128 + the signal after SIGINT, SIGTERM
 * or SIGHUP, or -errno with *cause set on a fatal error. */
int tui_run(struct sampler *sm, const struct filter *f, double delay, bool live, char **cause);

#endif
