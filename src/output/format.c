/* format.c: human-readable numbers; see format.h. */
#include "config.h"

#include "output/format.h"

#include <math.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/numfmt.h"

/* snprintf(out, FMT_MAX, "%.*f", decimals, v) followed by unit (none
 * when 0), without printf where numfmt_fixed can: a text snapshot
 * formats tens of thousands of these. */
static void fmt_fixed(char out[FMT_MAX], double v, int decimals, char unit)
{
        char *e = numfmt_fixed(out, v, decimals); /* at most 16 bytes */
        if (!e) {
                if (unit)
                        snprintf(out, FMT_MAX, "%.*f%c", decimals, v, unit);
                else
                        snprintf(out, FMT_MAX, "%.*f", decimals, v);
                return;
        }
        if (unit)
                *e++ = unit;
        *e = '\0';
}

/* One of the short literals "?", "-" and "max". */
static void fmt_text(char out[FMT_MAX], const char *text)
{
        strcpy(out, text);
}

static void fmt_scaled(char out[FMT_MAX], double v)
{
        static const char units[] = "KMGTPE";
        /* 1023.5 and up would print as "1024": move to the next unit, as
         * 1024 itself does. */
        if (v < 1023.5) {
                fmt_fixed(out, v, 0, 0);
                return;
        }
        int u = -1;
        while (v >= 1023.5 && u < 5) {
                v /= 1024;
                u++;
        }
        /* Keep three significant digits where they fit in 5 columns. */
        fmt_fixed(out, v, v < 9.95 ? 1 : 0, units[u]);
}

void fmt_bytes(char out[FMT_MAX], uint64_t v)
{
        if (v == U64_UNKNOWN)
                fmt_text(out, "?");
        else
                fmt_scaled(out, (double)v);
}

static bool cg_special(char out[FMT_MAX], uint64_t v)
{
        const char *t = v == U64_ABSENT ? "-" : v == U64_UNKNOWN ? "?" : v == U64_NO_LIMIT ? "max" : NULL;
        if (t)
                fmt_text(out, t);
        return t != NULL;
}

void fmt_cg_bytes(char out[FMT_MAX], uint64_t v)
{
        if (!cg_special(out, v))
                fmt_scaled(out, (double)v);
}

void fmt_cg_count(char out[FMT_MAX], uint64_t v)
{
        if (!cg_special(out, v))
                *numfmt_u64(out, v) = '\0';
}

void fmt_rate(char out[FMT_MAX], double v)
{
        if (!isfinite(v) || v < 0)
                fmt_text(out, "?");
        else
                fmt_scaled(out, v);
}

void fmt_percent(char out[FMT_MAX], double v)
{
        if (isnan(v))
                fmt_text(out, "?");
        else
                fmt_fixed(out, v, 1, 0);
}

/* Two digits of v (below 100), as "%02u". */
static char *two_digits(char *d, uint64_t v)
{
        d[0] = (char)('0' + v / 10);
        d[1] = (char)('0' + v % 10);
        return d + 2;
}

void fmt_cputime(char out[FMT_MAX], uint64_t ticks, long hz)
{
        if (ticks == U64_UNKNOWN || hz <= 0) {
                fmt_text(out, "?");
                return;
        }
        uint64_t hundredths = ticks * 100 / (uint64_t)hz; /* wraps only after 5e15 years at 100 Hz */
        uint64_t secs = hundredths / 100, hours = secs / 3600;
        /* "%u:%02u.%02u", "%uh%02u:%02u" and "%" PRIu64 "h" (a whole
         * column of these in a text snapshot: no printf). */
        char *d = out;
        if (hours == 0) {
                d = numfmt_u64(d, secs / 60);
                *d++ = ':';
                d = two_digits(d, secs % 60);
                *d++ = '.';
                d = two_digits(d, hundredths % 100);
        } else if (hours < 100) {
                d = numfmt_u64(d, hours);
                *d++ = 'h';
                d = two_digits(d, secs / 60 % 60);
                *d++ = ':';
                d = two_digits(d, secs % 60);
        } else {
                d = numfmt_u64(d, hours);
                *d++ = 'h';
        }
        *d = '\0';
}

void fmt_ns_marks(char out[NS_TYPE_COUNT + 1], const struct snapshot *s, const struct proc_rec *p)
{
        for (int t = 0; t < NS_TYPE_COUNT; t++) {
                if (!(s->ns_types_present & (1u << t)))
                        out[t] = ' ';
                else if (!p->ns_ino[t] || !s->self_ns[t])
                        out[t] = '?';
                else
                        out[t] = p->ns_ino[t] == s->self_ns[t] ? '.' : ns_types[t].letter;
        }
        out[NS_TYPE_COUNT] = '\0';
}

void fmt_uptime(char out[FMT_MAX], double seconds)
{
        /* NAN would make the cast below undefined. */
        if (!isfinite(seconds) || seconds < 0 || seconds >= 1e15) {
                fmt_text(out, "?");
                return;
        }
        unsigned long t = (unsigned long)seconds;
        unsigned long days = t / 86400, h = t / 3600 % 24, m = t / 60 % 60;
        if (days)
                snprintf(out, FMT_MAX, "%lu day%s, %02lu:%02lu", days, days == 1 ? "" : "s", h, m);
        else
                snprintf(out, FMT_MAX, "%02lu:%02lu:%02lu", h, m, t % 60);
}
