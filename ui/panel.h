/* panel.h: a framed box over the table for help, explanations and menus.
 *
 * The text is lines separated by '\n'; untrusted parts are sanitised when
 * drawn. Long text scrolls; lines longer than the box are cut. */
#ifndef NSTOP_UI_PANEL_H
#define NSTOP_UI_PANEL_H

#include <stdbool.h>

#include "util/buf.h"

/* Draws title and text from line first; highlight: that line (a menu's
 * choice) in the selection colour, -1 for none. Returns the number of
 * text lines the box can show. */
int panel_draw(const char *title, const char *text, int first, int highlight, bool utf8);
/* How many text lines a panel shows at the current size. */
int panel_rows(void);
/* text with every line longer than the panel broken into lines that fit
 * (continuations indented by two), into out. */
void panel_wrap(const char *text, struct buf *out, unsigned flags);
/* Lines in text. */
int panel_lines(const char *text);

#endif
