/* panel.c: framed boxes; see panel.h. */
#include "config.h"

#include "ui/panel.h"

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ui/screen.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/utf8.h"

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

static int panel_width(void)
{
        return COLS - 4 > 100 ? 100 : COLS - 4;
}

/* Bytes of s[0..n) that fit in width columns, ending after a space when
 * one is near the end (so words are not cut). */
static size_t fit(const char *s, size_t n, int width, unsigned flags)
{
        size_t at = 0, last_space = 0;
        int used = 0;
        while (at < n) {
                uint32_t cp;
                size_t len = utf8_decode((const unsigned char *)s + at, n - at, &cp);
                if (!len)
                        len = 1; /* an invalid byte: drawn as one '?' */
                int w = (int)sanitize_width(s + at, len, flags);
                if (used + w > width)
                        break;
                used += w;
                at += len;
                if (s[at - 1] == ' ')
                        last_space = at;
        }
        if (at < n && last_space > at / 2)
                return last_space;
        return at ? at : 1;
}

void panel_wrap(const char *text, struct buf *out, unsigned flags)
{
        int width = panel_width() - 2;
        buf_reset(out);
        for (const char *p = text; *p;) {
                size_t n = strcspn(p, "\n");
                bool first = true;
                size_t done = 0;
                do {
                        /* Continuation lines are indented by two. */
                        int w = first ? width : width - 2;
                        size_t k = w > 0 ? fit(p + done, n - done, w, flags) : n - done;
                        if (!first)
                                buf_puts(out, "  ");
                        buf_put(out, p + done, k);
                        done += k;
                        if (done < n)
                                buf_putc(out, '\n');
                        first = false;
                } while (done < n);
                p += n;
                if (*p == '\n') {
                        buf_putc(out, '\n');
                        p++;
                }
        }
}

int panel_draw(const char *title, const char *text, int first, int highlight, bool utf8)
{
        int w = panel_width(), h = panel_rows() + 2;
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
