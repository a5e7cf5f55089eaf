/* json.c: streaming JSON writer; see json.h. */
#include "config.h"

#include "util/json.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "util/utf8.h"

void json_init(struct json *j, struct buf *out)
{
        memset(j, 0, sizeof(*j));
        j->out = out;
        j->first[0] = true;
}

/* Bytes that stand for themselves in a JSON string and on a terminal. */
static const bool plain[256] = {
        [' '] = true, ['!'] = true, ['#' ... '['] = true, [']' ... '~'] = true,
};

void json_quote(struct buf *b, const char *s, size_t n)
{
        static const char hex[] = "0123456789abcdef";
        const unsigned char *p = (const unsigned char *)s;
        buf_putc(b, '"');
        while (n > 0) {
                /* Most text is printable ASCII with nothing to escape:
                 * copy such a run at once. */
                size_t run = 0;
                while (run < n && plain[p[run]])
                        run++;
                if (run) {
                        buf_put(b, p, run);
                        p += run;
                        n -= run;
                        continue;
                }
                uint32_t cp;
                size_t len = utf8_decode(p, n, &cp);
                if (len == 0) {
                        buf_puts(b, "\\ufffd");
                        p++, n--;
                        continue;
                }
                if (cp == '"' || cp == '\\') {
                        buf_putc(b, '\\');
                        buf_putc(b, (char)cp);
                } else if (cp == '\n') {
                        buf_puts(b, "\\n");
                } else if (cp == '\t') {
                        buf_puts(b, "\\t");
                } else if (cp == '\r') {
                        buf_puts(b, "\\r");
                } else if (utf8_is_dangerous(cp)) {
                        char esc[7] = {'\\', 'u', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15],
                                       hex[(cp >> 4) & 15], hex[cp & 15], 0};
                        buf_put(b, esc, 6);
                } else {
                        buf_put(b, p, len);
                }
                p += len;
                n -= len;
        }
        buf_putc(b, '"');
}

/* Separator and key before a value. */
static void json_prefix(struct json *j, const char *key)
{
        if (!j->first[j->depth])
                buf_putc(j->out, ',');
        j->first[j->depth] = false;
        if (key) {
                json_quote(j->out, key, strlen(key));
                buf_putc(j->out, ':');
        }
}

static void json_open(struct json *j, const char *key, char c)
{
        json_prefix(j, key);
        if (j->depth + 1 >= JSON_MAX_DEPTH) {
                j->out->failed = true;
                return;
        }
        buf_putc(j->out, c);
        j->depth++;
        j->first[j->depth] = true;
        j->closer[j->depth] = c == '{' ? '}' : ']';
}

void json_begin_object(struct json *j, const char *key)
{
        json_open(j, key, '{');
}

void json_begin_array(struct json *j, const char *key)
{
        json_open(j, key, '[');
}

void json_end(struct json *j)
{
        if (j->depth == 0) {
                j->out->failed = true;
                return;
        }
        buf_putc(j->out, j->closer[j->depth]);
        j->depth--;
}

void json_null(struct json *j, const char *key)
{
        json_prefix(j, key);
        buf_puts(j->out, "null");
}

void json_bool(struct json *j, const char *key, bool v)
{
        json_prefix(j, key);
        buf_puts(j->out, v ? "true" : "false");
}

void json_u64(struct json *j, const char *key, uint64_t v)
{
        json_prefix(j, key);
        char digits[24], *d = digits + sizeof(digits);
        do
                *--d = (char)('0' + v % 10);
        while (v /= 10);
        buf_put(j->out, d, (size_t)(digits + sizeof(digits) - d));
}

void json_i64(struct json *j, const char *key, int64_t v)
{
        json_prefix(j, key);
        buf_printf(j->out, "%" PRId64, v);
}

/* "%.*f" without printf, which is most of a JSON snapshot's cost: exact
 * when v scaled to its decimals is a moderate number well away from a
 * rounding tie (then rounding the scaled double and printf's rounding of
 * the exact value agree); false leaves the rest to printf. */
static bool put_fixed(struct buf *b, double v, int decimals)
{
        static const double scale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
        if (decimals < 0 || decimals > 6)
                return false;
        double x = v * scale[decimals];
        /* Below 2^32 a double resolves 1e-6, far finer than the margin. */
        if (!(fabs(x) < 4294967296.0))
                return false;
        double frac = fabs(x - trunc(x));
        double r = nearbyint(x);
        if (fabs(frac - 0.5) < 1e-4 || (r == 0 && signbit(v)))
                return false; /* a tie, or printf's "-0.0" */
        uint64_t u = (uint64_t)fabs(r);
        char tmp[32], *d = tmp + sizeof(tmp);
        for (int i = 0; i < decimals; i++, u /= 10)
                *--d = (char)('0' + u % 10);
        if (decimals)
                *--d = '.';
        do
                *--d = (char)('0' + u % 10);
        while (u /= 10);
        if (r < 0)
                *--d = '-';
        buf_put(b, d, (size_t)(tmp + sizeof(tmp) - d));
        return true;
}

void json_double(struct json *j, const char *key, double v, int decimals)
{
        json_prefix(j, key);
        if (!isfinite(v))
                buf_puts(j->out, "null");
        else if (!put_fixed(j->out, v, decimals))
                buf_printf(j->out, "%.*f", decimals, v);
}

void json_string(struct json *j, const char *key, const char *s)
{
        if (!s) {
                json_null(j, key);
                return;
        }
        json_string_n(j, key, s, strlen(s));
}

void json_string_n(struct json *j, const char *key, const char *s, size_t n)
{
        json_prefix(j, key);
        json_quote(j->out, s, n);
}
