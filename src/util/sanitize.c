/* sanitize.c: replace what must not reach a terminal; see sanitize.h. */
#include "config.h"

#include "util/sanitize.h"

#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

#include "util/utf8.h"

/* One step: how many input bytes, how many output columns, and whether the
 * character is kept (else it is shown as a single '?'). */
static size_t sanitize_step(const unsigned char *s, size_t n, unsigned flags, int *ret_cells, int *ret_keep)
{
        uint32_t cp;
        size_t len = utf8_decode(s, n, &cp);
        if (len == 0 || utf8_is_dangerous(cp) || (cp >= 0x80 && !(flags & SAN_UTF8))) {
                *ret_keep = 0;
                *ret_cells = 1;
                return len ? len : 1;
        }
        int w = cp < 0x80 ? 1 : wcwidth((wchar_t)cp);
        if (w < 0) {
                /* Unprintable in this locale: replace rather than guess. */
                *ret_keep = 0;
                *ret_cells = 1;
        } else {
                *ret_keep = 1;
                *ret_cells = w;
        }
        return len;
}

size_t sanitize_append(struct buf *b, const char *s, size_t n, unsigned flags, size_t max_cells)
{
        const unsigned char *p = (const unsigned char *)s;
        size_t used = 0;
        while (n > 0) {
                /* Printable ASCII, most text, is kept as it is, a column a
                 * byte: copy a run of it at once. Cut short by max_cells,
                 * it ends the text, as its next byte would one at a time. */
                size_t run = 0;
                while (run < n && p[run] >= 0x20 && p[run] < 0x7f)
                        run++;
                if (run) {
                        bool cut = run > max_cells - used;
                        if (cut)
                                run = max_cells - used;
                        buf_put(b, p, run);
                        used += run;
                        p += run;
                        n -= run;
                        if (cut)
                                break;
                        continue;
                }
                int cells, keep;
                size_t len = sanitize_step(p, n, flags, &cells, &keep);
                if (used + (size_t)cells > max_cells)
                        break;
                if (keep)
                        buf_put(b, p, len);
                else
                        buf_putc(b, '?');
                used += (size_t)cells;
                p += len;
                n -= len;
        }
        return used;
}

size_t sanitize_width(const char *s, size_t n, unsigned flags)
{
        const unsigned char *p = (const unsigned char *)s;
        size_t used = 0;
        while (n > 0) {
                int cells, keep;
                size_t len = sanitize_step(p, n, flags, &cells, &keep);
                used += (size_t)cells;
                p += len;
                n -= len;
        }
        return used;
}
