/* panel.c: framed boxes; see panel.h. */
#include "config.h"

#include "ui/panel.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui/screen.h"
#include "util/buf.h"

int panel_lines(const char *text)
{
        int n = 1;
        for (const char *p = text; *p; p++)
                n += *p == '\n' && p[1];
        return n;
}

static void frame_line(int y, int x, int w, const char *l, const char *m, const char *r)
{
        struct buf b = {0};
        buf_puts(&b, l);
        for (int i = 0; i < w - 2; i++)
                buf_puts(&b, m);
        buf_puts(&b, r);
        if (!b.failed)
                mvaddstr(y, x, buf_str(&b));
        buf_free(&b);
}

int panel_rows(void)
{
        return LINES - 6;
}

int panel_draw(const char *title, const char *text, int first, int highlight, bool utf8)
{
        int w = COLS - 4 > 100 ? 100 : COLS - 4, h = panel_rows() + 2;
        int x = (COLS - w) / 2, y = 2;
        frame_line(y, x, w, utf8 ? "\u250c" : "+", utf8 ? "\u2500" : "-", utf8 ? "\u2510" : "+");
        frame_line(y + h - 1, x, w, utf8 ? "\u2514" : "+", utf8 ? "\u2500" : "-", utf8 ? "\u2518" : "+");
        screen_text(y, x + 2, title, w - 4, C_LABEL, false);
        int rows = h - 2;
        const char *p = text;
        for (int line = 0; line < first && *p; line++) {
                const char *nl = strchr(p, '\n');
                p = nl ? nl + 1 : p + strlen(p);
        }
        for (int i = 0; i < rows; i++) {
                mvaddstr(y + 1 + i, x, utf8 ? "\u2502" : "|");
                mvaddstr(y + 1 + i, x + w - 1, utf8 ? "\u2502" : "|");
                size_t n = strcspn(p, "\n");
                char line[1024];
                snprintf(line, sizeof(line), "%.*s", (int)(n < sizeof(line) - 1 ? n : sizeof(line) - 1), p);
                screen_text(y + 1 + i, x + 1, line, w - 2, first + i == highlight ? C_SELECTED : C_NORMAL, true);
                p += n;
                if (*p == '\n')
                        p++;
        }
        return rows;
}
