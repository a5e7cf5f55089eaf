/* json.c: streaming JSON writer; see json.h. */
#include "config.h"

#include "util/json.h"

#include <math.h>
#include <string.h>

#include "util/numfmt.h"
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

/* Do the 8 bytes at p all stand for themselves? Word-at-a-time tests
 * (each exact about whether ANY byte matches, which is all we ask): a
 * byte below 0x20, a byte of 0x7f and up, '"' or '\\'. */
static inline bool plain8(const unsigned char *p)
{
        const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
        uint64_t x;
        memcpy(&x, p, 8);
        uint64_t below = (x - ones * 0x20) & ~x;     /* high bit set where a byte < 0x20 */
        uint64_t above = (x + ones) | x;             /* high bit set where a byte >= 0x7f */
        uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\');
        uint64_t quote = (q - ones) & ~q;            /* high bit set where a byte was '"' */
        uint64_t bslash = (bs - ones) & ~bs;         /* ... or '\\' */
        return ((below | above | quote | bslash) & highs) == 0;
}

/* The most a quoted string of n bytes can take: every byte may become a
 * six-byte escape (\ufffd, \u001b), plus the quotes. Saturates far below
 * SIZE_MAX so that sums of it cannot wrap (the buffer then fails). */
static size_t quoted_max(size_t n)
{
        return n < SIZE_MAX / 16 ? 6 * n + 2 : SIZE_MAX / 4;
}

/* Writes s[0..n) escaped at d (room for 6n bytes) and returns the end. */
static char *escape_into(char *d, const unsigned char *p, size_t n)
{
        static const char hex[] = "0123456789abcdef";
        while (n > 0) {
                if (n >= 8 && plain8(p)) {
                        memcpy(d, p, 8);
                        d += 8, p += 8, n -= 8;
                        continue;
                }
                if (plain[*p]) {
                        *d++ = (char)*p++;
                        n--;
                        continue;
                }
                uint32_t cp;
                size_t len = utf8_decode(p, n, &cp);
                if (len == 0) {
                        memcpy(d, "\\ufffd", 6);
                        d += 6, p++, n--;
                        continue;
                }
                if (cp == '"' || cp == '\\') {
                        *d++ = '\\';
                        *d++ = (char)cp;
                } else if (cp == '\n' || cp == '\t' || cp == '\r') {
                        *d++ = '\\';
                        *d++ = cp == '\n' ? 'n' : cp == '\t' ? 't' : 'r';
                } else if (utf8_is_dangerous(cp)) {
                        char esc[6] = {'\\', 'u', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15],
                                       hex[(cp >> 4) & 15], hex[cp & 15]};
                        memcpy(d, esc, 6);
                        d += 6;
                } else {
                        memcpy(d, p, len);
                        d += len;
                }
                p += len;
                n -= len;
        }
        return d;
}

/* Copies the plain run that starts s[0..n) to d (room for n bytes) and
 * returns its length: n when all of it is plain. Eight bytes at a time;
 * a tail shorter than that is checked and copied as the string's last
 * eight bytes when it has eight: the ones among them before the tail are
 * plain too, so they are written again the same. */
static inline size_t copy_plain(char *d, const unsigned char *p, size_t n)
{
        size_t i = 0;
        if (n < 8) {
                while (i < n && plain[p[i]]) {
                        d[i] = (char)p[i];
                        i++;
                }
                return i;
        }
        for (; i + 8 <= n && plain8(p + i); i += 8)
                memcpy(d + i, p + i, 8);
        if (i < n && i + 8 > n && plain8(p + n - 8)) {
                memcpy(d + n - 8, p + n - 8, 8);
                return n;
        }
        return i;
}

/* Writes s[0..n) quoted at d, which has room for quoted_max(n) bytes, and
 * returns the end. Most strings (keys, names, paths) are plain ASCII
 * with nothing to escape: they are copied whole. */
static char *quote_into(char *d, const char *s, size_t n)
{
        const unsigned char *p = (const unsigned char *)s;
        *d++ = '"';
        size_t i = copy_plain(d, p, n);
        d += i;
        if (i < n)
                d = escape_into(d, p + i, n - i);
        *d++ = '"';
        return d;
}

void json_quote(struct buf *b, const char *s, size_t n)
{
        char *d = buf_room(b, quoted_max(n));
        if (d)
                buf_advance(b, quote_into(d, s, n));
}

/* A JSON snapshot is millions of small values: each is written in place
 * with one reservation for its separator, key and text (value_start),
 * then committed (value_end). value_start returns NULL once the buffer
 * has failed; extra is the most the value itself may take. */
enum { KEY_FAST = 64 };

static char *value_start(struct json *j, const char *key, size_t extra)
{
        bool sep = !j->first[j->depth];
        j->first[j->depth] = false;
        char *d = buf_room(j->out, 1 + 1 + KEY_FAST + 2 + extra);
        if (!d)
                return NULL;
        if (sep)
                *d++ = ',';
        if (!key)
                return d;
        /* Keys are nearly always short plain literals: copy the key as it
         * is checked, without a strlen first (measured: cheaper than
         * strlen and then eight bytes at a time, for keys this short). */
        const unsigned char *k = (const unsigned char *)key;
        size_t i = 0;
        *d++ = '"';
        while (i < KEY_FAST && plain[k[i]]) {
                d[i] = (char)k[i];
                i++;
        }
        if (k[i] == '\0') {
                d += i;
                *d++ = '"';
                *d++ = ':';
                return d;
        }
        /* A long key, or one with bytes to escape: start again and quote
         * it whole. */
        size_t kn = strlen(key);
        d = buf_room(j->out, 1 + quoted_max(kn) + 1 + extra);
        if (!d)
                return NULL;
        if (sep)
                *d++ = ',';
        d = quote_into(d, key, kn);
        *d++ = ':';
        return d;
}

static void value_end(struct json *j, char *end)
{
        buf_advance(j->out, end);
}

/* A value that is fixed text (null, true, a bracket). */
static void value_text(struct json *j, const char *key, const char *text, size_t n)
{
        char *d = value_start(j, key, n);
        if (!d)
                return;
        memcpy(d, text, n);
        value_end(j, d + n);
}

static void json_open(struct json *j, const char *key, char c)
{
        if (j->depth + 1 >= JSON_MAX_DEPTH) {
                j->out->failed = true;
                return;
        }
        value_text(j, key, &c, 1);
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
        char *d = buf_room(j->out, 1);
        if (d) {
                *d = j->closer[j->depth];
                buf_advance(j->out, d + 1);
        }
        j->depth--;
}

void json_raw(struct json *j, const char *key, const char *text, size_t n)
{
        value_text(j, key, text, n);
}

void json_null(struct json *j, const char *key)
{
        value_text(j, key, "null", 4);
}

void json_bool(struct json *j, const char *key, bool v)
{
        if (v)
                value_text(j, key, "true", 4);
        else
                value_text(j, key, "false", 5);
}

void json_u64(struct json *j, const char *key, uint64_t v)
{
        char *d = value_start(j, key, 20);
        if (d)
                value_end(j, numfmt_u64(d, v));
}

void json_i64(struct json *j, const char *key, int64_t v)
{
        char *d = value_start(j, key, 20);
        if (d)
                value_end(j, numfmt_i64(d, v));
}

void json_double(struct json *j, const char *key, double v, int decimals)
{
        char *d = value_start(j, key, 32);
        if (!d)
                return;
        if (!isfinite(v)) {
                memcpy(d, "null", 4);
                value_end(j, d + 4);
                return;
        }
        char *e = numfmt_fixed(d, v, decimals);
        if (e) {
                value_end(j, e);
                return;
        }
        value_end(j, d); /* the separator and key; printf adds the number */
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
        char *d = value_start(j, key, quoted_max(n));
        if (d)
                value_end(j, quote_into(d, s, n));
}
