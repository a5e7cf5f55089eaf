/* screen.h: drawing primitives over curses for the views.
 *
 * Every string drawn goes through sanitize first (process names and
 * cgroup paths are untrusted), clipped to the columns given, so nothing a
 * process controls can move the cursor or change the terminal. */
#ifndef NSTOP_UI_SCREEN_H
#define NSTOP_UI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

enum ui_color {
        C_NORMAL,
        C_HEADER,    /* table header */
        C_SELECTED,  /* the selected row */
        C_BAR_USER,
        C_BAR_SYSTEM,
        C_BAR_OTHER,
        C_LABEL,     /* meter labels, tab names */
        C_TAB_ACTIVE,
        C_FKEY,      /* function-key numbers */
        C_FKEY_TEXT,
        C_MESSAGE,
        C_NEW,       /* a row new since the last refresh */
        C_TAGGED,    /* a row tagged with Space */
        C_GONE,      /* a row that vanished at the last refresh */
        C_COUNT
};

/* Colours (256, 8 or none when NO_COLOR is set or the terminal has none)
 * and line drawing (UTF-8 or ASCII). */
void screen_init(bool utf8);
/* A colour scheme: "default", "mono" (reverse video and bold instead of
 * colours) or "blackonwhite". */
void screen_set_scheme(const char *name);
unsigned screen_sanitize_flags(void);
/* Draws s at (y, x) in at most width columns with the colour; pads with
 * spaces to width when pad. Returns the columns drawn. */
int screen_text(int y, int x, const char *s, int width, enum ui_color color, bool pad);
/* One character of a meter bar: '|' in ASCII, a block in UTF-8. */
const char *screen_bar_char(void);

#endif
