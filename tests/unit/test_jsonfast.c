/* test_jsonfast.c: the fast output paths of issue 7 give exactly what the
 * plain ways give.
 *
 * - numfmt (util/numfmt.c): integers and "%.*f" as printf writes them;
 * - the JSON writer's quoting (8 bytes at a time, keys copied as they are
 *   checked) against a byte-at-a-time reference written here, on hostile
 *   strings and random bytes at every length and alignment;
 * - sanitize_append's run of printable ASCII against a character-at-a-
 *   time reference, at every width limit;
 * - output/format.c's number cells against the snprintf formats they
 *   replace;
 * - the model: delta's walk that matches cgroups across snapshots, and
 *   nsgroup's memo of the last namespace per type;
 * - the JSON snapshot's shared "cgroups" objects (jsonout.c).
 *
 * Strings are passed in heap buffers of exactly their length, so a read
 * past the end shows under --enable-sanitizers. No timing here: the
 * speed is measured by bench/ and callgrind, not by tests. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "bytes.h"
#include "model/delta.h"
#include "model/nsgroup.h"
#include "model/snapshot.h"
#include "model/view.h"
#include "output/format.h"
#include "output/jsonout.h"
#include "tap.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/numfmt.h"
#include "util/sanitize.h"
#include "util/utf8.h"

static bool have_utf8_locale;

/* A small linear congruential generator: the same values on every run. */
static uint64_t rng_state = 88172645463325252ULL;

static uint64_t rng(void)
{
        rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return rng_state >> 11 ^ rng_state << 21;
}

/* ---- numfmt: integers ------------------------------------------------ */

static bool u64_same(uint64_t v)
{
        char want[32], got[32];
        snprintf(want, sizeof(want), "%" PRIu64, v);
        *numfmt_u64(got, v) = '\0';
        return strcmp(got, want) == 0;
}

static bool i64_same(int64_t v)
{
        char want[32], got[32];
        snprintf(want, sizeof(want), "%" PRId64, v);
        *numfmt_i64(got, v) = '\0';
        return strcmp(got, want) == 0;
}

static void test_integers(void)
{
        unsigned long bad = 0;
        /* Every digit count boundary: 10^k - 1, 10^k, 10^k + 1, and the
         * bit length boundaries 2^k - 1, 2^k. */
        uint64_t p = 1;
        for (int k = 0; k < 20; k++, p *= 10)
                bad += !u64_same(p - 1) + !u64_same(p) + !u64_same(p + 1);
        for (int k = 0; k < 64; k++)
                bad += !u64_same((1ULL << k) - 1) + !u64_same(1ULL << k);
        bad += !u64_same(UINT64_MAX) + !u64_same(UINT64_MAX - 1);
        is_int(bad, 0, "numfmt_u64: every digit count and bit length boundary as printf");

        bad = 0;
        for (int i = 0; i < 200000; i++) {
                uint64_t v = rng() >> (rng() % 64); /* all magnitudes */
                bad += !u64_same(v) + !i64_same((int64_t)v) + !i64_same(-(int64_t)(v >> 1));
        }
        is_int(bad, 0, "numfmt_u64/i64: 200,000 random values of every size and sign as printf");

        bad = !i64_same(INT64_MIN) + !i64_same(INT64_MAX) + !i64_same(0) + !i64_same(-1) + !i64_same(-10);
        is_int(bad, 0, "numfmt_i64: INT64_MIN, INT64_MAX, 0, -1, -10 as printf");
}

/* ---- numfmt: fixed decimals ------------------------------------------ */

/* 1 when numfmt_fixed wrote what printf writes, 0 when it gave the value
 * up (NULL: the caller then uses printf), -1 when it wrote something else. */
static int fixed_check(double v, int dec)
{
        char want[512], got[64];
        snprintf(want, sizeof(want), "%.*f", dec, v);
        char *e = numfmt_fixed(got, v, dec);
        if (!e)
                return 0;
        *e = '\0';
        return strcmp(got, want) == 0 ? 1 : -1;
}

static void test_fixed(void)
{
        /* What a snapshot holds: start times in epoch seconds (2 decimals),
         * percentages (1), byte rates (0), PSI averages (2). */
        static const struct {
                double v;
                int dec;
        } typical[] = {
                {1795963923.7, 2}, {1795963923.0, 2}, {1732870000.01, 2}, {0.0, 1},   {12.5, 1},
                {99.94, 1},        {399.96, 1},       {1048576.0, 0},     {0.06, 2},  {4095.9, 0},
        };
        int fast = 0, bad = 0;
        for (size_t i = 0; i < N_ELEM(typical); i++) {
                int r = fixed_check(typical[i].v, typical[i].dec);
                fast += r == 1;
                bad += r < 0;
        }
        is_int(bad, 0, "numfmt_fixed: typical snapshot values as printf");
        is_int(fast, (long long)N_ELEM(typical), "numfmt_fixed: typical snapshot values need no printf");

        /* Sweeps: every magnitude up to past the 2^38 bound, every count of
         * decimals, exact ties and near-ties, negatives and -0. */
        unsigned long wrong = 0, taken = 0, total = 0;
        double first_wrong = 0;
        for (int i = 0; i < 300000; i++) {
                int dec = (int)(rng() % 7);
                double mant = (double)(rng() >> 11) / 9007199254740992.0;
                int mag = (int)(rng() % 18) - 6; /* 1e-6 .. 1e11 */
                double v = mant * pow(10, mag) * ((rng() & 1) ? -1 : 1);
                switch (i % 5) {
                case 1: /* an exact tie at this many decimals */
                        v = (floor(v * pow(10, dec)) + 0.5) / pow(10, dec);
                        break;
                case 2: /* next to one */
                        v = nextafter((floor(v * pow(10, dec)) + 0.5) / pow(10, dec), (rng() & 1) ? INFINITY : -INFINITY);
                        break;
                case 3: /* around the bound, 2^38 scaled */
                        v = 274877906944.0 / pow(10, dec) * (0.999 + 0.002 * mant);
                        break;
                case 4: /* start-time-like */
                        v = 1.6e9 + mant * 4e8;
                        break;
                }
                int r = fixed_check(v, dec);
                total++;
                taken += r == 1;
                if (r < 0 && wrong++ == 0)
                        first_wrong = v;
        }
        ok(wrong == 0, nm("numfmt_fixed: 300,000 values as printf or given up (%lu wrong, first %.17g)", wrong,
                          first_wrong));
        /* Ties, near-ties and values past the bound are given up: a
         * quarter or so of these; a fast path that never runs fails here. */
        ok(taken > total / 5, nm("numfmt_fixed: many of them without printf (%lu of %lu)", taken, total));

        int neg0 = fixed_check(-0.0, 1) + fixed_check(-0.01, 1) + fixed_check(-1e-9, 0);
        is_int(neg0, 0, "numfmt_fixed: -0.0 and what rounds to it are left to printf (\"-0.0\")");
        is_int(fixed_check(NAN, 1) + fixed_check(INFINITY, 1) + fixed_check(1.5, 7) + fixed_check(1.5, -1), 0,
               "numfmt_fixed: NaN, infinity and decimals outside 0-6 are left to printf");
}

/* ---- JSON quoting ---------------------------------------------------- */

/* The reference: the JSON writer's quoting one character at a time, as it
 * was before the fast paths. */
static void ref_quote(struct buf *b, const char *s, size_t n)
{
        static const char hex[] = "0123456789abcdef";
        const unsigned char *p = (const unsigned char *)s;
        buf_putc(b, '"');
        while (n > 0) {
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
                        buf_puts(b, esc);
                } else {
                        buf_put(b, p, len);
                }
                p += len;
                n -= len;
        }
        buf_putc(b, '"');
}

/* Pieces that hostile names are made of: each escape kind, invalid and
 * truncated UTF-8, bidi marks, wide characters, and plain runs. */
static const struct {
        const char *s;
        size_t n;
} pieces[] = {
#define P(x) {x, sizeof(x) - 1}
        P("a"),        P("plain/path"), P("\""),         P("\\"),         P("\n"),         P("\t"),
        P("\r"),       P("\x1b[31m"),   P("\x01"),       P("\x1f"),       P("\x7f"),       P("\x80"),
        P("\xff"),     P("\xc3"),       P("\xc3\xa9"),   P("\xe2\x80\xae"), P("\xe2\x81\xa6"), P("\xc2\x85"),
        P("\xf0\x9f\x98\x80"), P("\xe4\xb8\xad"), P("\xed\xa0\x80"), P("\xc0\xaf"), P("~"), P(" "),
        P("0123456789abcdef"), {"\0", 1},
#undef P
};

/* A random hostile string of about len bytes into out (capacity cap). */
static size_t hostile(char *out, size_t cap, size_t len)
{
        size_t n = 0;
        while (n < len) {
                size_t k = rng() % N_ELEM(pieces);
                size_t m = pieces[k].n;
                if (n + m > cap)
                        break;
                memcpy(out + n, pieces[k].s, m);
                n += m;
        }
        return n;
}

static bool quote_same(const char *s, size_t n)
{
        char *in = exact(s, n);
        struct buf got = {0}, want = {0};
        json_quote(&got, in, n);
        ref_quote(&want, in, n);
        bool same = !got.failed && got.len == want.len && memcmp(got.data, want.data, got.len) == 0;
        buf_free(&got);
        buf_free(&want);
        free(in);
        return same;
}

static void test_quote(void)
{
        char s[128];
        unsigned long bad = 0;
        /* Plain runs of every length with one bad byte at every position:
         * the 8-byte blocks and the overlapping tail see it everywhere. */
        static const char bad_bytes[] = {'"', '\\', '\n', 0x1f, 0x7f, (char)0x80, (char)0xc3, (char)0xff, 0};
        for (size_t n = 0; n <= 40; n++) {
                memset(s, 'x', n);
                bad += !quote_same(s, n);
                for (size_t at = 0; at < n; at++)
                        for (size_t k = 0; k < sizeof(bad_bytes); k++) {
                                memset(s, 'x', n);
                                s[at] = bad_bytes[k];
                                bad += !quote_same(s, n);
                        }
        }
        is_int(bad, 0, "json_quote: a bad byte at every position of plain runs of 0-40 bytes, as one at a time");

        bad = 0;
        for (int i = 0; i < 20000; i++) {
                size_t n = hostile(s, sizeof(s), rng() % 100);
                bad += !quote_same(s, n);
        }
        is_int(bad, 0, "json_quote: 20,000 hostile strings (escapes, bad UTF-8, bidi, NUL) as one at a time");

        bad = 0;
        for (int i = 0; i < 20000; i++) {
                size_t n = rng() % 64;
                for (size_t k = 0; k < n; k++)
                        s[k] = (char)(rng() >> 7);
                bad += !quote_same(s, n);
        }
        is_int(bad, 0, "json_quote: 20,000 strings of random bytes as one at a time");
}

/* A key written by the writer must be json_quote's output, whatever it
 * holds and however long it is (keys take their own fast path). */
static bool key_same(const char *key)
{
        struct buf got = {0}, want = {0};
        struct json j;
        json_init(&j, &got);
        json_begin_object(&j, NULL);
        json_u64(&j, "first", 1);
        json_string(&j, key, "v");
        json_end(&j);
        buf_puts(&want, "{\"first\":1,");
        ref_quote(&want, key, strlen(key));
        buf_puts(&want, ":\"v\"}");
        bool same = !got.failed && strcmp(buf_str(&got), buf_str(&want)) == 0;
        if (!same)
                printf("#   key: got %s, want %s\n", buf_str(&got), buf_str(&want));
        buf_free(&got);
        buf_free(&want);
        return same;
}

static void test_keys(void)
{
        char k[300];
        unsigned long bad = 0;
        for (size_t n = 0; n < 200; n++) {
                memset(k, 'k', n);
                k[n] = '\0';
                bad += !key_same(k);
                if (n > 0) {
                        k[n - 1] = '"';
                        bad += !key_same(k);
                        k[n / 2] = '\n';
                        bad += !key_same(k);
                }
        }
        is_int(bad, 0, "json keys of 0-199 bytes, plain or with escapes at the end and middle, as json_quote");

        bad = 0;
        for (int i = 0; i < 5000; i++) {
                size_t n = hostile(k, sizeof(k) - 1, rng() % 90);
                k[n] = '\0';
                bad += !key_same(k); /* stops at an embedded NUL, as a C string does */
        }
        is_int(bad, 0, "json keys: 5,000 hostile keys as json_quote");
}

static void test_raw(void)
{
        struct buf b = {0};
        struct json j;
        json_init(&j, &b);
        json_begin_array(&j, NULL);
        json_raw(&j, NULL, "{\"a\":1}", 7);
        json_begin_object(&j, NULL);
        json_raw(&j, "k", "[]", 2);
        json_raw(&j, "l", "null", 4);
        json_end(&j);
        json_end(&j);
        is_str(buf_str(&b), "[{\"a\":1},{\"k\":[],\"l\":null}]", "json_raw: text as it is, after separator and key");
        buf_free(&b);
}

/* ---- sanitize --------------------------------------------------------- */

/* The reference: sanitize_append one character at a time, as it was. */
static size_t ref_sanitize(struct buf *b, const char *s, size_t n, unsigned flags, size_t max_cells)
{
        const unsigned char *p = (const unsigned char *)s;
        size_t used = 0;
        while (n > 0) {
                uint32_t cp;
                size_t len = utf8_decode(p, n, &cp);
                int cells = 1, keep = 0;
                if (len == 0 || utf8_is_dangerous(cp) || (cp >= 0x80 && !(flags & SAN_UTF8))) {
                        len = len ? len : 1;
                } else {
                        int w = cp < 0x80 ? 1 : wcwidth((wchar_t)cp);
                        if (w >= 0)
                                keep = 1, cells = w;
                }
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

static void test_sanitize(void)
{
        /* A combining acute accent (zero columns) after the cut: one at a
         * time, it still fits; it must here too. */
        static const char *const fixed[] = {
                "abcdef\xcc\x81", "ab\xcc\x81" "cd", "\xe4\xb8\xad\xe6\x96\x87" "ab", "a\x1b[1mb", "",
                "plain text only", "\xff\xfe", "tab\there",
        };
        char s[128];
        unsigned long bad = 0;
        for (int round = 0; round < 2000; round++) {
                size_t n;
                if (round < (int)N_ELEM(fixed)) {
                        n = strlen(fixed[round]);
                        memcpy(s, fixed[round], n);
                } else {
                        n = hostile(s, sizeof(s), rng() % 60);
                }
                char *in = exact(s, n);
                for (unsigned flags = 0; flags <= SAN_UTF8; flags += SAN_UTF8) {
                        if ((flags & SAN_UTF8) && !have_utf8_locale)
                                continue;
                        for (size_t max = 0; max <= n + 2; max++) {
                                struct buf got = {0}, want = {0};
                                size_t gw = sanitize_append(&got, in, n, flags, max);
                                size_t ww = ref_sanitize(&want, in, n, flags, max);
                                bad += gw != ww || strcmp(buf_str(&got), buf_str(&want)) != 0;
                                buf_free(&got);
                                buf_free(&want);
                        }
                        struct buf got = {0}, want = {0};
                        bad += sanitize_append(&got, in, n, flags, (size_t)-1) !=
                               ref_sanitize(&want, in, n, flags, (size_t)-1);
                        bad += strcmp(buf_str(&got), buf_str(&want)) != 0;
                        buf_free(&got);
                        buf_free(&want);
                }
                free(in);
        }
        is_int(bad, 0, "sanitize_append: hostile strings at every width limit, as one character at a time");
}

/* ---- output/format.c ------------------------------------------------- */

/* The formats these functions used: printf's. */
static void ref_scaled(char out[FMT_MAX], double v)
{
        static const char units[] = "KMGTPE";
        if (v < 1023.5) {
                snprintf(out, FMT_MAX, "%.0f", v);
                return;
        }
        int u = -1;
        while (v >= 1023.5 && u < 5) {
                v /= 1024;
                u++;
        }
        if (v < 9.95)
                snprintf(out, FMT_MAX, "%.1f%c", v, units[u]);
        else
                snprintf(out, FMT_MAX, "%.0f%c", v, units[u]);
}

static void ref_cputime(char out[FMT_MAX], uint64_t ticks, long hz)
{
        if (ticks == U64_UNKNOWN || hz <= 0) {
                snprintf(out, FMT_MAX, "?");
                return;
        }
        uint64_t hundredths = ticks * 100 / (uint64_t)hz;
        uint64_t secs = hundredths / 100, hours = secs / 3600;
        if (hours == 0)
                snprintf(out, FMT_MAX, "%u:%02u.%02u", (unsigned)(secs / 60), (unsigned)(secs % 60),
                         (unsigned)(hundredths % 100));
        else if (hours < 100)
                snprintf(out, FMT_MAX, "%uh%02u:%02u", (unsigned)hours, (unsigned)(secs / 60 % 60),
                         (unsigned)(secs % 60));
        else
                snprintf(out, FMT_MAX, "%" PRIu64 "h", hours);
}

static void test_format(void)
{
        unsigned long bad = 0;
        char got[FMT_MAX], want[FMT_MAX];
        for (int i = 0; i < 100000; i++) {
                uint64_t v = rng() >> (rng() % 64);
                if (v >= U64_ABSENT) /* the special values are tested below */
                        v -= 3;
                if (i % 3 == 0) /* next to a unit or rounding step */
                        v = (uint64_t)((1023.5 + (double)(rng() % 64) / 32 - 1) * (double)(1ULL << (10 * (rng() % 5))));
                fmt_bytes(got, v);
                ref_scaled(want, (double)v);
                bad += strcmp(got, want) != 0;
                fmt_cg_bytes(got, v);
                bad += v < U64_ABSENT && strcmp(got, want) != 0;
                fmt_cg_count(got, v);
                snprintf(want, FMT_MAX, "%" PRIu64, v);
                bad += v < U64_ABSENT && strcmp(got, want) != 0;

                double r = (double)(rng() >> 11) / 9007199254740992.0 * pow(10, (double)(rng() % 12));
                fmt_rate(got, r);
                ref_scaled(want, r);
                bad += strcmp(got, want) != 0;
                double pct = (double)(rng() % 1000000) / 997.0;
                if (i % 4 == 0) /* on a tie */
                        pct = (double)(rng() % 10000) / 10 + 0.05;
                fmt_percent(got, pct);
                snprintf(want, FMT_MAX, "%.1f", pct);
                bad += strcmp(got, want) != 0;

                uint64_t ticks = rng() >> (rng() % 64);
                long hz = i % 2 ? 100 : 250;
                if (ticks > UINT64_MAX / 100)
                        ticks /= 1000; /* ticks * 100 must not wrap */
                fmt_cputime(got, ticks, hz);
                ref_cputime(want, ticks, hz);
                bad += strcmp(got, want) != 0;
        }
        is_int(bad, 0, "format: bytes, rates, percent, counts and CPU time of 100,000 values as printf");

        fmt_bytes(got, U64_UNKNOWN);
        is_str(got, "?", "format: unknown bytes are ?");
        fmt_rate(got, NAN);
        is_str(got, "?", "format: unknown rate is ?");
        fmt_cg_count(got, U64_NO_LIMIT);
        is_str(got, "max", "format: no limit is max");
        fmt_cputime(got, 100 * 3600 * 100, 100);
        is_str(got, "100h", "format: 100 hours of CPU");
        fmt_cputime(got, 6123, 100);
        is_str(got, "1:01.23", "format: a minute of CPU");
}

/* ---- model: delta's cgroup matching ----------------------------------- */

struct cg_spec {
        uint32_t hier;
        const char *path;
        uint64_t ino, usage;
};

/* A snapshot with the hierarchies names[] and the cgroups spec[] (in
 * hierarchy, then tree order), every counter known. */
static struct snapshot *cg_snap(double time, const char *const *names, uint32_t nh, const struct cg_spec *spec,
                                uint32_t n)
{
        struct snapshot *s = snapshot_new();
        if (!s)
                exit(99);
        s->time = time;
        s->sys.hz = 100;
        s->cg_hiers = calloc(nh, sizeof(*s->cg_hiers));
        s->cgroups = calloc(n + 1, sizeof(*s->cgroups));
        if (!s->cg_hiers || !s->cgroups)
                exit(99);
        for (uint32_t h = 0; h < nh; h++) {
                s->cg_hiers[h].name = arena_strdup(&s->arena, names[h]);
                s->cg_hiers[h].version = 1;
        }
        s->ncg_hiers = nh;
        for (uint32_t i = 0; i < n; i++) {
                struct cgroup_rec *c = &s->cgroups[i];
                c->hier = spec[i].hier;
                c->path = arena_strdup(&s->arena, spec[i].path);
                c->ino = spec[i].ino;
                c->parent = IDX_NONE;
                c->cpu_usage_usec = spec[i].usage;
                c->io_rbytes = c->io_wbytes = 0;
                c->nr_periods = c->nr_throttled = U64_ABSENT;
        }
        s->ncgroups = n;
        return s;
}

static void test_delta_walk(void)
{
        /* prev: cpu and memory; cur adds pids, lists memory first, and
         * its cgroups come, go and are made again. */
        static const char *const prev_h[] = {"cpu", "memory"};
        static const struct cg_spec prev_c[] = {
                {0, "/", 1, 1000000},       {0, "/a", 2, 1000000},   {0, "/a/x", 3, 1000000},
                {0, "/b", 4, 1000000},      {0, "/b-c", 5, 1000000}, {0, "/gone", 6, 1000000},
                {1, "/", 11, 1000000},      {1, "/a", 12, 1000000},  {1, "/z", 13, 1000000},
        };
        static const char *const cur_h[] = {"memory", "cpu", "pids"};
        static const struct cg_spec cur_c[] = {
                {0, "/", 11, 2000000},     {0, "/a", 12, 3000000},   {0, "/m", 14, 2000000},
                {0, "/z", 99, 2000000}, /* made again: a new inode */
                {1, "/", 1, 2000000},      {1, "/a", 2, 2000000},    {1, "/a/new", 7, 2000000},
                {1, "/a/x", 3, 5000000},   {1, "/b", 4, 2000000},    {1, "/b-c", 5, 4000000},
                {2, "/", 21, 2000000},
        };
        /* What a search per cgroup finds: NaN for no match, else
         * (usage - prev usage) / 1 s / 1e4. */
        static const double want[] = {100, 200, NAN, NAN, 100, 100, NAN, 400, 100, 300, NAN};
        struct snapshot *prev = cg_snap(10, prev_h, 2, prev_c, N_ELEM(prev_c));
        struct snapshot *cur = cg_snap(11, cur_h, 3, cur_c, N_ELEM(cur_c));
        delta_apply(prev, cur);
        unsigned bad = 0;
        for (size_t i = 0; i < N_ELEM(want); i++) {
                double got = cur->cgroups[i].cpu_percent;
                bool same = isnan(want[i]) ? isnan(got) : fabs(got - want[i]) < 1e-9;
                if (!same)
                        printf("#   cgroup %zu (%s): got %g, want %g\n", i, cur->cgroups[i].path, got, want[i]);
                bad += !same;
        }
        is_int(bad, 0, "delta: cgroups matched across snapshots whose hierarchies differ in order and content");

        /* An empty prev, and a prev with no cgroups at all. */
        struct snapshot *none = cg_snap(10, prev_h, 2, prev_c, 0);
        delta_apply(none, cur);
        bad = 0;
        for (uint32_t i = 0; i < cur->ncgroups; i++)
                bad += !isnan(cur->cgroups[i].cpu_percent);
        is_int(bad, 0, "delta: no cgroup in prev, no rates");
        snapshot_free(none);
        snapshot_free(prev);
        snapshot_free(cur);
}

/* ---- model: nsgroup's memo ------------------------------------------- */

static void test_nsgroup_memo(void)
{
        /* Neighbours that share, alternate and return to namespaces. */
        static const uint64_t net[] = {100, 100, 200, 100, 200, 200, 300, 100, 0, 100};
        static const uint64_t uts[] = {7, 7, 7, 8, 8, 7, 7, 7, 7, 0};
        uint32_t n = N_ELEM(net);
        struct snapshot *s = snapshot_new();
        s->procs = calloc(n, sizeof(*s->procs));
        if (!s->procs)
                exit(99);
        for (uint32_t i = 0; i < n; i++) {
                s->procs[i].pid = (int32_t)(10 + i);
                s->procs[i].ns_ino[NS_NET] = net[i];
                s->procs[i].ns_ino[NS_UTS] = uts[i];
        }
        s->nprocs = n;
        is_int(ns_group_build(s, NULL, 0), 0, "nsgroup memo: builds");
        unsigned bad = 0;
        for (uint32_t i = 0; i < n; i++) {
                const struct proc_rec *p = &s->procs[i];
                for (int t = 0; t < NS_TYPE_COUNT; t++) {
                        uint32_t k = p->ns_index[t];
                        if (!p->ns_ino[t]) {
                                bad += k != IDX_NONE;
                                continue;
                        }
                        bad += k >= s->nns || s->ns[k].ino != p->ns_ino[t] || s->ns[k].type != (enum ns_type)t;
                }
        }
        is_int(bad, 0, "nsgroup memo: every process points at its own namespaces");
        /* net 100: pids 10 11 13 17 19; uts 7: all but 13 14 19. */
        const struct ns_rec *n100 = snapshot_find_ns(s, NS_NET, 100), *u7 = snapshot_find_ns(s, NS_UTS, 7);
        ok(n100 && n100->member_count == 5 && u7 && u7->member_count == 7,
           "nsgroup memo: member counts of shared namespaces");
        bool order = n100 && n100->member_count == 5;
        static const int32_t want100[] = {10, 11, 13, 17, 19};
        for (uint32_t m = 0; order && m < 5; m++)
                order = s->procs[s->members[n100->member_first + m]].pid == want100[m];
        ok(order, "nsgroup memo: members of net 100 in pid order");
        is_int(s->nns, 5, "nsgroup memo: 3 net + 2 uts namespaces");
        snapshot_free(s);
}

/* ---- jsonout: shared "cgroups" objects -------------------------------- */

/* The text of the "cgroups" value of the k-th process in json. */
static const char *nth_cgroups(const char *json, int k)
{
        static char out[256];
        const char *p = strstr(json, "\"processes\":[");
        for (int i = 0; p && i <= k; i++)
                p = strstr(p + 1, "\"cgroups\":");
        if (!p)
                return "(none)";
        p += strlen("\"cgroups\":");
        size_t n = strcspn(p, "}");
        if (strncmp(p, "null", 4) == 0)
                n = 4;
        else
                n++;
        snprintf(out, sizeof(out), "%.*s", (int)n, p);
        return out;
}

static void test_cgroups_memo(void)
{
        struct snapshot *s = snapshot_new();
        s->sys.hz = 100;
        s->sys.boot_time = 1700000000;
        s->interval = NAN;
        s->procs = calloc(6, sizeof(*s->procs));
        s->cgroup_refs = calloc(4, sizeof(*s->cgroup_refs));
        if (!s->procs || !s->cgroup_refs)
                exit(99);
        /* refs 0-1: one range; 2: another; 3: a range cut short. */
        s->cgroup_refs[0] = (struct cgroup_ref){"cpu", "/box"};
        s->cgroup_refs[1] = (struct cgroup_ref){"memory", "/box\n\"x\""};
        s->cgroup_refs[2] = (struct cgroup_ref){"cpu", "/"};
        s->cgroup_refs[3] = (struct cgroup_ref){"pids", "/p"};
        s->ncgroup_refs = 4;
        static const struct {
                bool known;
                uint32_t first, count;
        } procs[] = {{true, 0, 2}, {true, 2, 1}, {true, 0, 2}, {false, 0, 0}, {true, 0, 1}, {true, 4, 0}};
        for (uint32_t i = 0; i < N_ELEM(procs); i++) {
                struct proc_rec *p = &s->procs[i];
                p->pid = (int32_t)(i + 1);
                p->uid = U32_UNKNOWN;
                p->chrooted = -1;
                p->rss_bytes = p->vsize_bytes = U64_UNKNOWN;
                p->cpu_percent = NAN;
                p->cgroups_known = procs[i].known;
                p->cgroup_first = procs[i].first;
                p->cgroup_count = procs[i].count;
        }
        s->nprocs = N_ELEM(procs);
        struct filter f;
        struct view v;
        filter_init(&f);
        if (view_build(s, &f, &v) < 0)
                exit(99);
        struct buf b = {0};
        json_write_snapshot(&b, s, &v, "test");
        static const char *const want[] = {
                "{\"cpu\":\"/box\",\"memory\":\"/box\\n\\\"x\\\"\"}", "{\"cpu\":\"/\"}",
                "{\"cpu\":\"/box\",\"memory\":\"/box\\n\\\"x\\\"\"}", "null", "{\"cpu\":\"/box\"}", "{}",
        };
        ok(!b.failed, "json cgroups memo: written");
        for (int k = 0; k < (int)N_ELEM(want); k++)
                is_str(nth_cgroups(buf_str(&b), k), want[k], nm("json cgroups memo: process %d", k + 1));
        buf_free(&b);
        view_release(&v);
        snapshot_free(s);
}

int main(void)
{
        have_utf8_locale = setlocale(LC_CTYPE, "C.UTF-8") != NULL;
        test_integers();
        test_fixed();
        test_quote();
        test_keys();
        test_raw();
        test_sanitize();
        test_format();
        test_delta_walk();
        test_nsgroup_memo();
        test_cgroups_memo();
        return tap_done();
}
