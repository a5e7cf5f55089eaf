/* screen.c: curses drawing primitives; see screen.h. */
#include "config.h"

#include "ui/screen.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/sanitize.h"

static bool use_color, use_utf8, has_color;

static bool on_white; /* the blackonwhite scheme */

/* Colour pairs; on_white turns the terminal's default colours into black
 * on white, for light-themed rooms and projectors. */
static void init_pairs(void)
{
        static const short pairs[C_COUNT][2] = {
                [C_NORMAL] = {-1, -1},
                [C_HEADER] = {COLOR_BLACK, COLOR_GREEN},
                [C_SELECTED] = {COLOR_BLACK, COLOR_CYAN},
                [C_BAR_USER] = {COLOR_GREEN, -1},
                [C_BAR_SYSTEM] = {COLOR_RED, -1},
                [C_BAR_OTHER] = {COLOR_BLUE, -1},
                [C_LABEL] = {COLOR_CYAN, -1},
                [C_TAB_ACTIVE] = {COLOR_BLACK, COLOR_CYAN},
                [C_FKEY] = {-1, -1},
                [C_FKEY_TEXT] = {COLOR_BLACK, COLOR_CYAN},
                [C_MESSAGE] = {COLOR_YELLOW, -1},
                [C_NEW] = {COLOR_GREEN, -1},
                [C_TAGGED] = {COLOR_YELLOW, -1},
                [C_GONE] = {COLOR_RED, -1},
        };
        /* On 256-colour terminals, softer tones for the large areas (the
         * header, the selection, the function bar); 8 colours otherwise. */
        static const short pairs256[C_COUNT][2] = {
                [C_HEADER] = {16, 114},     /* black on a light green */
                [C_SELECTED] = {16, 117},   /* black on a light blue */
                [C_TAB_ACTIVE] = {16, 117},
                [C_FKEY_TEXT] = {16, 117},
                [C_BAR_USER] = {70, -1},
                [C_BAR_SYSTEM] = {160, -1},
                [C_BAR_OTHER] = {33, -1},
        };
        for (short i = 0; i < C_COUNT; i++) {
                bool rich = COLORS >= 256 && (pairs256[i][0] || pairs256[i][1]);
                short fg = rich ? pairs256[i][0] : pairs[i][0], bg = rich ? pairs256[i][1] : pairs[i][1];
                if (on_white) {
                        fg = fg == -1 || fg == COLOR_YELLOW ? COLOR_BLACK : fg;
                        bg = bg == -1 ? COLOR_WHITE : bg;
                }
                /* Pair 0 is fixed: the normal colours get a pair of their own. */
                init_pair(i == C_NORMAL ? C_COUNT : i, fg, bg);
        }
        bkgdset(on_white ? COLOR_PAIR(C_COUNT) : A_NORMAL);
}

void screen_init(bool utf8)
{
        use_utf8 = utf8;
        const char *no_color = getenv("NO_COLOR");
        use_color = has_color = has_colors() && !(no_color && no_color[0]);
        if (!use_color)
                return;
        start_color();
        use_default_colors();
        init_pairs();
}

void screen_set_scheme(const char *name)
{
        use_color = has_color && strcmp(name, "mono") != 0;
        bool white = !strcmp(name, "blackonwhite");
        if (has_color && white != on_white) {
                on_white = white;
                init_pairs();
        }
        if (!use_color)
                bkgdset(A_NORMAL);
}

unsigned screen_sanitize_flags(void)
{
        return use_utf8 ? SAN_UTF8 : 0;
}

static attr_t attr_of(enum ui_color c)
{
        if (use_color)
                return c == C_NORMAL ? (on_white ? COLOR_PAIR(C_COUNT) : A_NORMAL)
                                     : COLOR_PAIR(c) | (c == C_LABEL || c == C_FKEY || c == C_TAGGED ? A_BOLD : 0);
        /* Monochrome: reverse video marks what colour would. */
        switch (c) {
        case C_HEADER:
        case C_SELECTED:
        case C_TAB_ACTIVE:
        case C_FKEY_TEXT:
                return A_REVERSE;
        case C_LABEL:
        case C_FKEY:
        case C_NEW:
                return A_BOLD;
        case C_TAGGED:
                return A_UNDERLINE;
        case C_GONE:
                return A_DIM;
        default:
                return A_NORMAL;
        }
}

int screen_text(int y, int x, const char *s, int width, enum ui_color color, bool pad)
{
        if (width <= 0)
                return 0;
        struct buf b = {0};
        size_t used = sanitize_append(&b, s, strlen(s), screen_sanitize_flags(), (size_t)width);
        if (pad)
                buf_repeat(&b, ' ', (size_t)width - used);
        attr_t a = attr_of(color);
        attron(a);
        if (!b.failed)
                mvaddstr(y, x, buf_str(&b));
        attroff(a);
        buf_free(&b);
        return pad ? width : (int)used;
}

const char *screen_bar_char(void)
{
        return "|";
}
