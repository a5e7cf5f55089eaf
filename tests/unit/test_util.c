/* test_util.c: table-driven tests of src/util: utf8, sanitize, json, num,
 * buf and arena.
 *
 * Byte strings are passed with explicit lengths in heap buffers of exactly
 * that size, so a read past the end shows up under --enable-sanitizers.
 * Width checks need a UTF-8 locale for wcwidth(); glibc always has
 * C.UTF-8, and the wide-character cases are skipped if it is missing. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "tap.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/intern.h"
#include "util/json.h"
#include "util/num.h"
#include "util/sanitize.h"
#include "util/utf8.h"

/* A string literal and its length, NULs included. */
#define B(s) s, sizeof(s) - 1

/* Printable form of bytes for test names: \xHH for non-ASCII and controls. */
static const char *show(const char *s, size_t n)
{
        static char out[4][256];
        static int slot;
        char *o = out[slot++ % 4];
        size_t w = 0;
        for (size_t i = 0; i < n && w + 5 < sizeof(out[0]); i++) {
                unsigned char c = (unsigned char)s[i];
                if (c >= 0x20 && c < 0x7f && c != '\\')
                        o[w++] = (char)c;
                else
                        w += (size_t)snprintf(o + w, 5, "\\x%02x", c);
        }
        o[w] = '\0';
        return o;
}

static bool have_utf8_locale;

/* ---- utf8 ----------------------------------------------------------- */

static void test_utf8_decode(void)
{
        static const struct {
                const char *s;
                size_t n;
                size_t want_len;
                uint32_t want_cp;
        } cases[] = {
                {B("A"), 1, 'A'},
                {B("\0"), 1, 0},
                {B("\x7f"), 1, 0x7f},
                {B("\xc2\x80"), 2, 0x80},
                {B("\xc3\xa9"), 2, 0xe9},
                {B("\xdf\xbf"), 2, 0x7ff},
                {B("\xe0\xa0\x80"), 3, 0x800},
                {B("\xe2\x82\xac"), 3, 0x20ac},
                {B("\xed\x9f\xbf"), 3, 0xd7ff},
                {B("\xee\x80\x80"), 3, 0xe000},
                {B("\xef\xbf\xbf"), 3, 0xffff},
                {B("\xf0\x90\x80\x80"), 4, 0x10000},
                {B("\xf0\x9f\x98\x80"), 4, 0x1f600},
                {B("\xf4\x8f\xbf\xbf"), 4, 0x10ffff},
                {B("\xc3\xa9" "abc"), 2, 0xe9}, /* decodes one character only */
                /* overlong forms */
                {B("\xc0\x80"), 0, 0},
                {B("\xc0\xaf"), 0, 0},
                {B("\xc1\xbf"), 0, 0},
                {B("\xe0\x80\xaf"), 0, 0},
                {B("\xe0\x9f\xbf"), 0, 0},
                {B("\xf0\x80\x80\xaf"), 0, 0},
                {B("\xf0\x8f\xbf\xbf"), 0, 0},
                /* UTF-16 surrogates */
                {B("\xed\xa0\x80"), 0, 0},
                {B("\xed\xad\xbf"), 0, 0},
                {B("\xed\xb0\x80"), 0, 0},
                {B("\xed\xbf\xbf"), 0, 0},
                /* beyond U+10FFFF, and lead bytes that cannot start anything */
                {B("\xf4\x90\x80\x80"), 0, 0},
                {B("\xf5\x80\x80\x80"), 0, 0},
                {B("\xf7\xbf\xbf\xbf"), 0, 0},
                {B("\xf8\x88\x80\x80\x80"), 0, 0},
                {B("\xfc\x84\x80\x80\x80\x80"), 0, 0},
                {B("\xfe"), 0, 0},
                {B("\xff"), 0, 0},
                /* lone continuation bytes */
                {B("\x80"), 0, 0},
                {B("\xbf"), 0, 0},
                /* bad continuation */
                {B("\xc3\x28"), 0, 0},
                {B("\xc3\xc3\xa9"), 0, 0},
                {B("\xe2\x28\xa1"), 0, 0},
                {B("\xe2\x82\x28"), 0, 0},
                {B("\xf0\x9f\x98\x28"), 0, 0},
                {B("\xe2\x82\0"), 0, 0},
                /* truncated at the end of the buffer */
                {B("\xc3"), 0, 0},
                {B("\xe2\x82"), 0, 0},
                {B("\xf0\x9f\x98"), 0, 0},
                {"\xc3\xa9", 1, 0, 0},
                {"\xf0\x9f\x98\x80", 3, 0, 0},
        };
        for (size_t i = 0; i < N_ELEM(cases); i++) {
                char *buf = exact(cases[i].s, cases[i].n);
                uint32_t cp = 0xdeadbeef;
                size_t len = utf8_decode((const unsigned char *)buf, cases[i].n, &cp);
                bool good = len == cases[i].want_len && (len == 0 || cp == cases[i].want_cp);
                ok(good, nm("utf8_decode \"%s\" (n=%zu) -> %zu U+%04X", show(cases[i].s, cases[i].n), cases[i].n,
                            cases[i].want_len, (unsigned)cases[i].want_cp));
                if (!good)
                        printf("#   got %zu U+%04X\n", len, (unsigned)cp);
                free(buf);
        }

        /* Every code point round-trips through a correct encoder. */
        int bad = 0;
        for (uint32_t cp = 0; cp <= 0x10ffff; cp++) {
                unsigned char e[4];
                size_t n;
                if (cp < 0x80)
                        e[0] = (unsigned char)cp, n = 1;
                else if (cp < 0x800)
                        e[0] = (unsigned char)(0xc0 | cp >> 6), e[1] = (unsigned char)(0x80 | (cp & 0x3f)), n = 2;
                else if (cp < 0x10000)
                        e[0] = (unsigned char)(0xe0 | cp >> 12), e[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f)),
                        e[2] = (unsigned char)(0x80 | (cp & 0x3f)), n = 3;
                else
                        e[0] = (unsigned char)(0xf0 | cp >> 18), e[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f)),
                        e[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f)), e[3] = (unsigned char)(0x80 | (cp & 0x3f)),
                        n = 4;
                uint32_t got = 0;
                size_t len = utf8_decode(e, n, &got);
                bool surrogate = cp >= 0xd800 && cp <= 0xdfff;
                if (surrogate ? len != 0 : (len != n || got != cp))
                        bad++;
        }
        is_int(bad, 0, "utf8_decode: every scalar value decodes, every surrogate is refused");
}

static void test_utf8_dangerous(void)
{
        static const struct {
                uint32_t cp;
                bool want;
        } cases[] = {
                {0x00, true},    {0x07, true},    {0x09, true},    {0x0a, true},    {0x1b, true},
                {0x1f, true},    {0x7f, true},    {0x80, true},    {0x85, true},    {0x9b, true},
                {0x9f, true},    {0x061c, true},  {0x200e, true},  {0x200f, true},  {0x202a, true},
                {0x202b, true},  {0x202c, true},  {0x202d, true},  {0x202e, true},  {0x2066, true},
                {0x2067, true},  {0x2068, true},  {0x2069, true},  {0x20, false},   {'A', false},
                {0x7e, false},   {0xa0, false},   {0xe9, false},   {0x061b, false}, {0x061d, false},
                {0x200d, false}, {0x2010, false}, {0x2029, false}, {0x202f, false}, {0x2065, false},
                {0x206a, false}, {0x20ac, false}, {0x1f600, false}, {0x10ffff, false},
        };
        for (size_t i = 0; i < N_ELEM(cases); i++)
                ok(utf8_is_dangerous(cases[i].cp) == cases[i].want,
                   nm("utf8_is_dangerous(U+%04X) is %s", (unsigned)cases[i].cp, cases[i].want ? "true" : "false"));
}

/* ---- sanitize ------------------------------------------------------- */

struct san_case {
        const char *s;
        size_t n;
        unsigned flags;
        size_t max;
        const char *want;
        size_t want_cells;
        bool wide; /* needs a UTF-8 locale */
};

#define NOLIM ((size_t)-1)

static const struct san_case san_cases[] = {
        {B("hello"), 0, NOLIM, "hello", 5, false},
        {B(""), 0, NOLIM, "", 0, false},
        {B("a\tb"), 0, NOLIM, "a?b", 3, false},
        {B("line\nnext\r"), SAN_UTF8, NOLIM, "line?next?", 10, false},
        {B("a\0b"), 0, NOLIM, "a?b", 3, false},
        {B("\x1b[31mred\x1b[0m"), 0, NOLIM, "?[31mred?[0m", 12, false},
        {B("\x1b]0;title\x07"), SAN_UTF8, NOLIM, "?]0;title?", 10, false},
        {B("\x1b[2J\x1b[H"), SAN_UTF8, NOLIM, "?[2J?[H", 7, false},
        {B("del\x7f"), SAN_UTF8, NOLIM, "del?", 4, false},
        {B("\x08\x08\x08ok"), 0, NOLIM, "???ok", 5, false},
        /* C1 controls: encoded as UTF-8 they are one '?', as raw bytes invalid */
        {B("\xc2\x9b" "31m"), SAN_UTF8, NOLIM, "?31m", 4, false},
        {B("\xc2\x85"), SAN_UTF8, NOLIM, "?", 1, false},
        {B("\xc2\x9b" "31m"), 0, NOLIM, "?31m", 4, false},
        {B("\x9b" "31m"), SAN_UTF8, NOLIM, "?31m", 4, false},
        {B("\x9b" "31m"), 0, NOLIM, "?31m", 4, false},
        /* invalid UTF-8: one '?' per byte */
        {B("\xff\xfe"), SAN_UTF8, NOLIM, "??", 2, false},
        {B("\xc0\xaf"), SAN_UTF8, NOLIM, "??", 2, false},
        {B("\xed\xa0\x80"), SAN_UTF8, NOLIM, "???", 3, false},
        {B("ab\xe2\x82"), SAN_UTF8, NOLIM, "ab??", 4, false},
        {B("\xe2\x82" "ab"), SAN_UTF8, NOLIM, "??ab", 4, false},
        /* bidi marks */
        {B("a\xe2\x80\xae" "cba"), SAN_UTF8, NOLIM, "a?cba", 5, false},
        {B("\xe2\x81\xa6x\xe2\x81\xa9"), SAN_UTF8, NOLIM, "?x?", 3, false},
        {B("\xe2\x80\x8f"), SAN_UTF8, NOLIM, "?", 1, false},
        {B("\xd8\x9c"), SAN_UTF8, NOLIM, "?", 1, false},
        /* without SAN_UTF8 every non-ASCII character is one '?' */
        {B("caf\xc3\xa9"), 0, NOLIM, "caf?", 4, false},
        {B("\xe6\x97\xa5\xe6\x9c\xac"), 0, NOLIM, "??", 2, false},
        {B("\xf0\x9f\x98\x80!"), 0, NOLIM, "?!", 2, false},
        /* with SAN_UTF8 valid characters stay, with their widths */
        {B("caf\xc3\xa9"), SAN_UTF8, NOLIM, "caf\xc3\xa9", 4, true},
        {B("\xe6\x97\xa5\xe6\x9c\xac"), SAN_UTF8, NOLIM, "\xe6\x97\xa5\xe6\x9c\xac", 4, true},
        {B("e\xcc\x81"), SAN_UTF8, NOLIM, "e\xcc\x81", 1, true},
        {B("\xcd\xb8"), SAN_UTF8, NOLIM, "?", 1, true}, /* U+0378 unassigned: wcwidth -1 */
        /* width limits */
        {B("hello"), 0, 3, "hel", 3, false},
        {B("hello"), 0, 0, "", 0, false},
        {B("hello"), 0, 5, "hello", 5, false},
        {B("\x1b\x1b\x1b"), 0, 2, "??", 2, false},
        {B("\xff\xff\xff"), SAN_UTF8, 1, "?", 1, false},
        {B("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"), SAN_UTF8, 5, "\xe6\x97\xa5\xe6\x9c\xac", 4, true},
        {B("a\xe6\x97\xa5"), SAN_UTF8, 2, "a", 1, true},
        {B("a\xe6\x97\xa5"), SAN_UTF8, 3, "a\xe6\x97\xa5", 3, true},
        {B("\xe6\x97\xa5" "a"), 0, 1, "?", 1, false},
};

static void test_sanitize(void)
{
        for (size_t i = 0; i < N_ELEM(san_cases); i++) {
                const struct san_case *c = &san_cases[i];
                const char *name = nm("sanitize \"%s\" flags=%u max=%lld", show(c->s, c->n), c->flags,
                                      c->max == NOLIM ? -1LL : (long long)c->max);
                char saved[512];
                snprintf(saved, sizeof(saved), "%s", name);
                if (c->wide && !have_utf8_locale) {
                        printf("ok %d - %s # SKIP no C.UTF-8 locale\n", ++tap_n, saved);
                        continue;
                }
                char *in = exact(c->s, c->n);
                struct buf b = {0};
                buf_puts(&b, "<");
                size_t cells = sanitize_append(&b, in, c->n, c->flags, c->max);
                char want[128];
                snprintf(want, sizeof(want), "<%s", c->want);
                is_str(buf_str(&b), want, nm("%s: text", saved));
                is_int(cells, c->want_cells, nm("%s: cells", saved));
                if (c->max == NOLIM)
                        is_int(sanitize_width(in, c->n, c->flags), c->want_cells, nm("%s: sanitize_width", saved));
                buf_free(&b);
                free(in);
        }

        /* Whatever the bytes, the output holds no control byte, no byte
         * >= 0x80 without SAN_UTF8, and valid UTF-8 with it. */
        unsigned seed = 12345;
        int bad = 0;
        for (int round = 0; round < 2000; round++) {
                char in[64];
                size_t n = (size_t)(round % 64);
                for (size_t k = 0; k < n; k++) {
                        seed = seed * 1103515245u + 12345u;
                        in[k] = (char)(seed >> 16);
                }
                unsigned flags = round & 1 ? SAN_UTF8 : 0;
                struct buf b = {0};
                size_t cells = sanitize_append(&b, in, n, flags, NOLIM);
                const unsigned char *o = (const unsigned char *)buf_str(&b);
                for (size_t k = 0; k < b.len;) {
                        uint32_t cp;
                        size_t l = utf8_decode(o + k, b.len - k, &cp);
                        if (l == 0 || utf8_is_dangerous(cp) || (!flags && cp >= 0x80)) {
                                bad++;
                                break;
                        }
                        k += l;
                }
                if (cells != sanitize_width(in, n, flags))
                        bad++;
                buf_free(&b);
        }
        is_int(bad, 0, "sanitize: random bytes never leave a control, invalid UTF-8 or a stray high byte");
}

/* ---- json ----------------------------------------------------------- */

static void test_json_quote(void)
{
        static const struct {
                const char *s;
                size_t n;
                const char *want;
        } cases[] = {
                {B(""), "\"\""},
                {B("plain"), "\"plain\""},
                {B("a\"b"), "\"a\\\"b\""},
                {B("back\\slash"), "\"back\\\\slash\""},
                {B("\\\""), "\"\\\\\\\"\""},
                {B("/"), "\"/\""},
                {B("\n\t\r"), "\"\\n\\t\\r\""},
                {B("\x01\x08\x0c\x1b\x1f"), "\"\\u0001\\u0008\\u000c\\u001b\\u001f\""},
                {B("a\0b"), "\"a\\u0000b\""},
                {B("\x7f"), "\"\\u007f\""},
                {B("\xc2\x85\xc2\x9b"), "\"\\u0085\\u009b\""},
                {B("\xe2\x80\xae\xe2\x81\xa6\xd8\x9c"), "\"\\u202e\\u2066\\u061c\""},
                {B("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\""},
                {B("\xff"), "\"\\ufffd\""},
                {B("a\xc3"), "\"a\\ufffd\""},
                {B("\xc0\xaf"), "\"\\ufffd\\ufffd\""},
                {B("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\""},
                {B("\xf4\x90\x80\x80x"), "\"\\ufffd\\ufffd\\ufffd\\ufffdx\""},
                {B("\x80\"\xfe"), "\"\\ufffd\\\"\\ufffd\""},
        };
        for (size_t i = 0; i < N_ELEM(cases); i++) {
                char *in = exact(cases[i].s, cases[i].n);
                struct buf b = {0};
                json_quote(&b, in, cases[i].n);
                is_str(buf_str(&b), cases[i].want, nm("json_quote \"%s\"", show(cases[i].s, cases[i].n)));
                free(in);
                buf_free(&b);
        }
}

static void test_json_writer(void)
{
        struct buf b = {0};
        struct json j;
        json_init(&j, &b);
        json_begin_object(&j, NULL);
        json_u64(&j, "a", 1);
        json_string(&j, "b", "x");
        json_begin_array(&j, "c");
        json_u64(&j, NULL, 1);
        json_null(&j, NULL);
        json_bool(&j, NULL, true);
        json_bool(&j, NULL, false);
        json_string(&j, NULL, NULL);
        json_end(&j);
        json_begin_object(&j, "d");
        json_end(&j);
        json_begin_array(&j, "e");
        json_end(&j);
        json_begin_array(&j, "f");
        json_begin_object(&j, NULL);
        json_i64(&j, "k", -3);
        json_end(&j);
        json_begin_object(&j, NULL);
        json_end(&j);
        json_end(&j);
        json_string_n(&j, "g", "abcdef", 3);
        json_end(&j);
        is_str(buf_str(&b), "{\"a\":1,\"b\":\"x\",\"c\":[1,null,true,false,null],\"d\":{},\"e\":[],"
                            "\"f\":[{\"k\":-3},{}],\"g\":\"abc\"}",
               "json nesting, separators and every value kind");
        ok(!b.failed && j.depth == 0, "json balanced document: not failed, depth back to 0");
        buf_free(&b);

        json_init(&j, &b);
        json_begin_object(&j, NULL);
        json_u64(&j, "max", UINT64_MAX);
        json_u64(&j, "zero", 0);
        json_i64(&j, "min", INT64_MIN);
        json_i64(&j, "imax", INT64_MAX);
        json_end(&j);
        is_str(buf_str(&b),
               "{\"max\":18446744073709551615,\"zero\":0,\"min\":-9223372036854775808,\"imax\":9223372036854775807}",
               "json integer limits");
        buf_free(&b);

        static const struct {
                double v;
                int dec;
                const char *want;
        } dbl[] = {
                {NAN, 1, "null"},     {-NAN, 2, "null"},  {INFINITY, 1, "null"}, {-INFINITY, 1, "null"},
                {1.5, 2, "1.50"},     {2.0, 0, "2"},      {-0.25, 2, "-0.25"},   {0.125, 1, "0.1"},
                {1e15, 1, "1000000000000000.0"}, {99.999, 2, "100.00"},
        };
        for (size_t i = 0; i < N_ELEM(dbl); i++) {
                json_init(&j, &b);
                json_double(&j, NULL, dbl[i].v, dbl[i].dec);
                is_str(buf_str(&b), dbl[i].want, nm("json_double %g with %d decimals", dbl[i].v, dbl[i].dec));
                buf_free(&b);
        }

        /* Its own formatting must print exactly what printf does: a sweep
         * of values of every size and sign, ties, near-ties and -0. */
        unsigned long seed = 12345, mismatches = 0;
        double first_bad = 0;
        for (int i = 0; i < 200000; i++) {
                seed = seed * 6364136223846793005UL + 1442695040888963407UL;
                double mant = (double)(seed >> 11) / 9007199254740992.0; /* [0, 1) */
                int mag = (int)((seed >> 3) % 14) - 4;                     /* 1e-4 .. 1e9 */
                double v = mant * pow(10, mag) * ((seed & 1) ? -1 : 1);
                int dec = (int)((seed >> 7) % 4);
                if (i % 7 == 0) /* an exact tie at this many decimals */
                        v = (floor(v * pow(10, dec)) + 0.5) / pow(10, dec);
                if (i % 11 == 0)
                        v = -0.0001 * mant;
                char want[64];
                snprintf(want, sizeof(want), "%.*f", dec, v);
                json_init(&j, &b);
                json_double(&j, NULL, v, dec);
                if (strcmp(buf_str(&b), want) != 0 && mismatches++ == 0)
                        first_bad = v;
                buf_free(&b);
        }
        ok(mismatches == 0, nm("json_double prints what printf prints (%lu mismatches, first %.17g)", mismatches,
                               first_bad));

        json_init(&j, &b);
        json_begin_object(&j, NULL);
        json_string(&j, "k\"\n\xff", "v\x1b[1m");
        json_end(&j);
        is_str(buf_str(&b), "{\"k\\\"\\n\\ufffd\":\"v\\u001b[1m\"}", "json keys are escaped like values");
        buf_free(&b);

        /* Depth: JSON_MAX_DEPTH - 1 levels fit; one more marks the buffer failed. */
        json_init(&j, &b);
        for (int d = 0; d < JSON_MAX_DEPTH - 1; d++)
                json_begin_array(&j, NULL);
        for (int d = 0; d < JSON_MAX_DEPTH - 1; d++)
                json_end(&j);
        bool shape = b.len == 2 * (JSON_MAX_DEPTH - 1);
        for (int d = 0; shape && d < JSON_MAX_DEPTH - 1; d++)
                shape = b.data[d] == '[' && b.data[b.len - 1 - (size_t)d] == ']';
        ok(shape && !b.failed && j.depth == 0, "json nests JSON_MAX_DEPTH - 1 levels");
        buf_free(&b);

        json_init(&j, &b);
        for (int d = 0; d < JSON_MAX_DEPTH; d++)
                json_begin_object(&j, d ? "k" : NULL);
        ok(b.failed, "json nesting past JSON_MAX_DEPTH fails the buffer");
        ok(j.depth < JSON_MAX_DEPTH, "json depth stays inside its arrays");
        buf_free(&b);

        json_init(&j, &b);
        json_end(&j);
        ok(b.failed, "json_end with nothing open fails the buffer");
        buf_free(&b);
}

/* ---- num ------------------------------------------------------------ */

static void test_num(void)
{
        static const struct {
                const char *s;
                int want_r;
                uint64_t want;
        } u64[] = {
                {"0", 0, 0},
                {"7", 0, 7},
                {"007", 0, 7},
                {"4026531833", 0, 4026531833u},
                {"18446744073709551615", 0, UINT64_MAX},
                {"18446744073709551616", -ERANGE, 0},
                {"18446744073709551620", -ERANGE, 0},
                {"99999999999999999999", -ERANGE, 0},
                {"000000000000000000000000018446744073709551615", 0, UINT64_MAX},
                {"", -EINVAL, 0},
                {"-1", -EINVAL, 0},
                {"-0", -EINVAL, 0},
                {"+1", -EINVAL, 0},
                {" 5", -EINVAL, 0},
                {"5 ", -EINVAL, 0},
                {"5\n", -EINVAL, 0},
                {"\t5", -EINVAL, 0},
                {"5x", -EINVAL, 0},
                {"1e3", -EINVAL, 0},
                {"0x10", -EINVAL, 0},
                {"1.0", -EINVAL, 0},
                {"1,000", -EINVAL, 0},
                {"\xd9\xa3", -EINVAL, 0}, /* ARABIC-INDIC DIGIT THREE */
        };
        for (size_t i = 0; i < N_ELEM(u64); i++) {
                uint64_t v = 4242;
                int r = num_parse_u64(u64[i].s, &v);
                is_int(r, u64[i].want_r, nm("num_parse_u64 \"%s\" returns %d", show(u64[i].s, strlen(u64[i].s)),
                                            u64[i].want_r));
                if (u64[i].want_r == 0)
                        is_u64(v, u64[i].want, nm("num_parse_u64 \"%s\" value", u64[i].s));
                else
                        is_u64(v, 4242, nm("num_parse_u64 \"%s\" leaves the output alone",
                                           show(u64[i].s, strlen(u64[i].s))));
        }

        uint64_t v = 0;
        ok(num_parse_u64n("123abc", 3, &v) == 0 && v == 123, "num_parse_u64n reads only n bytes");
        v = 9;
        ok(num_parse_u64n("123", 0, &v) == -EINVAL && v == 9, "num_parse_u64n with n 0 is empty");
        ok(num_parse_u64n("12\0" "3", 4, &v) == -EINVAL, "num_parse_u64n refuses a NUL inside");
        char *e = exact("18446744073709551615", 20);
        ok(num_parse_u64n(e, 20, &v) == 0 && v == UINT64_MAX, "num_parse_u64n unterminated buffer");
        free(e);

        static const struct {
                const char *s;
                int ok;
                double want;
        } dec[] = {
                {"2", 1, 2},
                {"0", 1, 0},
                {"0.5", 1, 0.5},
                {".5", 1, 0.5},
                {".25", 1, 0.25},
                {"5.", 1, 5},
                {"1.5", 1, 1.5},
                {"0.1", 1, 0.1},
                {"3.14159", 1, 3.14159},
                {"00.010", 1, 0.01},
                {"270.42", 1, 270.42},
                {"0.0000000001", 1, 1e-10},
                {"18446744073709551615", 1, 18446744073709551615.0},
                {"", 0, 0},
                {".", 0, 0},
                {"-1", 0, 0},
                {"-0.5", 0, 0},
                {"+1", 0, 0},
                {" 1", 0, 0},
                {"1 ", 0, 0},
                {"1e3", 0, 0},
                {"1E3", 0, 0},
                {"1.5e1", 0, 0},
                {"1.2.3", 0, 0},
                {"1..2", 0, 0},
                {"..5", 0, 0},
                {"1,5", 0, 0},
                {"0x1p3", 0, 0},
                {"nan", 0, 0},
                {"inf", 0, 0},
                {"infinity", 0, 0},
                {"1.5x", 0, 0},
                {"18446744073709551616", 0, 0},
                {"99999999999999999999.5", 0, 0},
        };
        for (size_t i = 0; i < N_ELEM(dec); i++) {
                double d = -42;
                int r = num_parse_decimal(dec[i].s, &d);
                if (dec[i].ok) {
                        ok(r == 0 && fabs(d - dec[i].want) <= 1e-12 * (1 + dec[i].want),
                           nm("num_parse_decimal \"%s\" is %g", dec[i].s, dec[i].want));
                } else {
                        ok(r < 0 && d == -42, nm("num_parse_decimal rejects \"%s\"", dec[i].s));
                }
        }

        static const struct {
                const char *s;
                int want_r;
                double want;
        } sec[] = {
                {"1.5", 0, 1.5},
                {"0", 0, 0},
                {".1", 0, 0.1},
                {"3600", 0, 3600},
                {"31622400", 0, 31622400}, /* 366 days */
                {"31622400.5", -ERANGE, 0},
                {"31622401", -ERANGE, 0},
                {"1e3", -EINVAL, 0},
                {"", -EINVAL, 0},
                {"-1", -EINVAL, 0},
                {"1s", -EINVAL, 0},
                {"5.", 0, 5},
        };
        for (size_t i = 0; i < N_ELEM(sec); i++) {
                double d = -42;
                int r = num_parse_seconds(sec[i].s, &d);
                is_int(r, sec[i].want_r, nm("num_parse_seconds \"%s\" returns %d", sec[i].s, sec[i].want_r));
                if (sec[i].want_r == 0)
                        is_double(d, sec[i].want, 1e-9, nm("num_parse_seconds \"%s\" value", sec[i].s));
                else
                        ok(d == -42, nm("num_parse_seconds \"%s\" leaves the output alone", sec[i].s));
        }
}

/* ---- buf ------------------------------------------------------------ */

static void test_buf(void)
{
        struct buf b = {0};
        is_str(buf_str(&b), "", "buf: a zeroed buf reads as \"\"");
        is_int(b.len, 0, "buf: zeroed length");

        buf_puts(&b, "abc");
        buf_putc(&b, 'd');
        buf_put(&b, "efgh", 2);
        buf_repeat(&b, '-', 3);
        buf_put(&b, "", 0);
        is_str(buf_str(&b), "abcdef---", "buf: puts, putc, put, repeat append in order");
        is_int(b.len, 9, "buf: length counts bytes");
        ok(b.cap > b.len && b.data[b.len] == '\0', "buf: always NUL-terminated within capacity");

        /* growth across many reallocations */
        buf_reset(&b);
        ok(b.len == 0 && !b.failed && strcmp(buf_str(&b), "") == 0 && b.data != NULL,
           "buf_reset empties but keeps the storage");
        int bad = 0;
        for (int i = 0; i < 100000; i++) {
                buf_putc(&b, (char)('a' + i % 26));
                if (b.len != (size_t)i + 1 || b.data[b.len] != '\0')
                        bad++;
        }
        for (int i = 0; i < 100000; i++)
                if (b.data[i] != (char)('a' + i % 26))
                        bad++;
        ok(bad == 0 && !b.failed, "buf grows to 100000 bytes one byte at a time, contents intact");
        buf_repeat(&b, 'z', 300000);
        ok(b.len == 400000 && b.data[399999] == 'z' && b.data[400000] == '\0' && b.data[99999] == 'a' + 99999 % 26,
           "buf_repeat grows by more than the capacity at once");

        /* printf: below, at and above its 128-byte scratch */
        for (size_t n = 120; n <= 140; n++) {
                buf_reset(&b);
                buf_puts(&b, "x");
                buf_printf(&b, "%0*d|", (int)n - 1, 7);
                char want[160];
                memset(want, '0', sizeof(want));
                want[0] = 'x';
                want[n - 1] = '7';
                want[n] = '|';
                want[n + 1] = '\0';
                if (strcmp(buf_str(&b), want) != 0 || b.len != n + 1) {
                        printf("# printf of %zu bytes: got \"%s\"\n", n, buf_str(&b));
                        bad++;
                }
        }
        is_int(bad, 0, "buf_printf around its scratch size (120..140 bytes)");
        buf_reset(&b);
        char big[5001];
        memset(big, 'q', 5000);
        big[5000] = '\0';
        buf_puts(&b, "head:");
        buf_printf(&b, "%s/%d/%s", big, -12, "tail");
        ok(b.len == 5 + 5000 + 9 && strncmp(buf_str(&b), "head:qqq", 8) == 0 &&
                   strcmp(buf_str(&b) + 5005, "/-12/tail") == 0 && b.data[b.len] == '\0',
           "buf_printf of 5009 bytes appends whole");
        buf_free(&b);
        ok(b.data == NULL && b.len == 0 && b.cap == 0 && !b.failed, "buf_free zeroes the buf");
        buf_free(&b); /* twice is harmless */

        /* failed: set by an impossible size, then every append is a no-op
         * until buf_reset. */
        buf_puts(&b, "keep");
        buf_put(&b, "never read", (size_t)-1);
        ok(b.failed, "buf: an impossible append sets failed");
        ok(b.len == 4 && strcmp(buf_str(&b), "keep") == 0, "buf: the failed append wrote nothing");
        buf_repeat(&b, 'x', (size_t)-1 / 2);
        buf_puts(&b, "more");
        buf_putc(&b, '!');
        buf_repeat(&b, '-', 3);
        buf_printf(&b, "%d", 42);
        buf_printf(&b, "%0300d", 42);
        ok(b.failed && b.len == 4 && strcmp(buf_str(&b), "keep") == 0, "buf: appends after failure are no-ops");
        buf_reset(&b);
        ok(!b.failed && b.len == 0, "buf_reset clears failed");
        buf_puts(&b, "again");
        is_str(buf_str(&b), "again", "buf: usable after reset");
        buf_free(&b);

        buf_repeat(&b, 'r', (size_t)-1);
        ok(b.failed && b.len == 0, "buf_repeat of SIZE_MAX bytes fails cleanly");
        buf_free(&b);
}

/* ---- arena ---------------------------------------------------------- */

static void test_arena(void)
{
        struct arena a = {0};
        static const size_t sizes[] = {1, 7, 8, 9, 13, 16, 0, 3, 100, 64};
        unsigned char *ptrs[N_ELEM(sizes)];
        bool aligned = true;
        for (size_t i = 0; i < N_ELEM(sizes); i++) {
                ptrs[i] = arena_alloc(&a, sizes[i]);
                if (!ptrs[i] || (uintptr_t)ptrs[i] % 8 != 0)
                        aligned = false;
                else
                        memset(ptrs[i], (int)i + 1, sizes[i]);
        }
        ok(aligned, "arena_alloc returns 8-byte aligned memory");
        bool intact = aligned;
        for (size_t i = 0; intact && i < N_ELEM(sizes); i++)
                for (size_t k = 0; k < sizes[i]; k++)
                        if (ptrs[i][k] != i + 1)
                                intact = false;
        ok(intact, "arena allocations do not overlap");

        char *s = arena_strdup(&a, "comm name");
        is_str(s, "comm name", "arena_strdup copies");
        char *t = arena_strndup(&a, "abcdef", 3);
        is_str(t, "abc", "arena_strndup copies n bytes and terminates");
        char *u = arena_strndup(&a, "x\0y", 3);
        ok(u && memcmp(u, "x\0y", 4) == 0, "arena_strndup copies NULs inside");
        char *empty = arena_strdup(&a, "");
        is_str(empty, "", "arena_strdup of \"\"");

        /* Larger than a chunk, then many small ones across chunks. */
        unsigned char *huge = arena_alloc(&a, 300000);
        ok(huge != NULL && (uintptr_t)huge % 8 == 0, "arena allocates beyond its chunk size");
        if (huge)
                memset(huge, 0xee, 300000);
        char *strs[20000];
        int bad = 0;
        for (int i = 0; i < 20000; i++) {
                char tmp[32];
                int n = snprintf(tmp, sizeof(tmp), "string-%d", i);
                strs[i] = arena_strndup(&a, tmp, (size_t)n);
                if (!strs[i])
                        bad++;
        }
        for (int i = 0; i < 20000 && !bad; i++) {
                char tmp[32];
                snprintf(tmp, sizeof(tmp), "string-%d", i);
                if (strcmp(strs[i], tmp) != 0)
                        bad++;
        }
        for (size_t k = 0; huge && k < 300000; k++)
                if (huge[k] != 0xee)
                        bad++;
        ok(bad == 0 && strcmp(s, "comm name") == 0 && strcmp(t, "abc") == 0,
           "arena: 20000 strings over several chunks all intact, earlier ones too");

        /* Sizes whose rounding or header would overflow must fail. */
        errno = 0;
        void *p = arena_alloc(&a, (size_t)-1);
        ok(p == NULL && errno == ENOMEM, "arena_alloc(SIZE_MAX) fails with ENOMEM");
        errno = 0;
        p = arena_alloc(&a, (size_t)-1 - 8);
        ok(p == NULL && errno == ENOMEM, "arena_alloc(SIZE_MAX - 8) fails with ENOMEM");
        errno = 0;
        p = arena_strndup(&a, "abc", (size_t)-1);
        ok(p == NULL && errno == ENOMEM, "arena_strndup with n SIZE_MAX fails with ENOMEM");
        ok(arena_alloc(&a, 16) != NULL, "arena still usable after a refused size");

        arena_release(&a);
        ok(a.head == NULL, "arena_release empties the arena");
        arena_release(&a); /* twice is harmless */
        s = arena_strdup(&a, "reborn");
        is_str(s, "reborn", "arena reusable after release");
        arena_release(&a);
}

/* Interning: one copy per distinct string, through many growths, and
 * strings that differ only after a NUL-free prefix or in length. */
static void test_intern(void)
{
        struct arena a = {0};
        struct intern t = {0};
        const char *first[300];
        bool same = true, distinct = true;
        for (int i = 0; i < 300; i++) {
                char name[32];
                int n = snprintf(name, sizeof(name), "/nstop-test-%d", i);
                first[i] = intern_get(&t, &a, name, (size_t)n);
                if (!first[i] || strcmp(first[i], name) != 0)
                        same = false;
        }
        for (int i = 0; i < 300 && same; i++) {
                char name[32];
                int n = snprintf(name, sizeof(name), "/nstop-test-%d", i);
                same = intern_get(&t, &a, name, (size_t)n) == first[i];
                for (int j = 0; j < i && distinct; j += 37)
                        distinct = first[i] != first[j];
        }
        ok(same, "intern: an equal string gives the same pointer, after the table grew");
        ok(distinct && t.n == 300, "intern: distinct strings get distinct copies");
        const char *ab = intern_get(&t, &a, "abc", 2), *abc = intern_get(&t, &a, "abc", 3);
        ok(ab && abc && ab != abc && strcmp(ab, "ab") == 0, "intern: the length is part of the string");
        intern_free(&t);
        arena_release(&a);
}

int main(void)
{
        have_utf8_locale = setlocale(LC_CTYPE, "C.UTF-8") != NULL;
        if (!have_utf8_locale)
                printf("# no C.UTF-8 locale: wide-character cases skipped\n");
        test_utf8_decode();
        test_utf8_dangerous();
        test_sanitize();
        test_json_quote();
        test_json_writer();
        test_num();
        test_buf();
        test_arena();
        test_intern();
        return tap_done();
}
