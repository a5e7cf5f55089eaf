/* format.c: human-readable numbers; see format.h. */
#include "config.h"

#include "output/format.h"

#include <math.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

static void fmt_scaled(char out[FMT_MAX], double v)
{
        static const char units[] = "KMGTPE";
        /* 1023.5 and up would print as "1024": move to the next unit, as
         * 1024 itself does. */
        if (v < 1023.5) {
                snprintf(out, FMT_MAX, "%.0f", v);
                return;
        }
        int u = -1;
        while (v >= 1023.5 && u < 5) {
                v /= 1024;
                u++;
        }
        /* Keep three significant digits where they fit in 5 columns. */
        if (v < 9.95)
                snprintf(out, FMT_MAX, "%.1f%c", v, units[u]);
        else
                snprintf(out, FMT_MAX, "%.0f%c", v, units[u]);
}

void fmt_bytes(char out[FMT_MAX], uint64_t v)
{
        if (v == U64_UNKNOWN)
                snprintf(out, FMT_MAX, "?");
        else
                fmt_scaled(out, (double)v);
}

static bool cg_special(char out[FMT_MAX], uint64_t v)
{
        const char *t = v == U64_ABSENT ? "-" : v == U64_UNKNOWN ? "?" : v == U64_NO_LIMIT ? "max" : NULL;
        if (t)
                snprintf(out, FMT_MAX, "%s", t);
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
                snprintf(out, FMT_MAX, "%" PRIu64, v);
}

void fmt_rate(char out[FMT_MAX], double v)
{
        if (!isfinite(v) || v < 0)
                snprintf(out, FMT_MAX, "?");
        else
                fmt_scaled(out, v);
}

void fmt_percent(char out[FMT_MAX], double v)
{
        if (isnan(v))
                snprintf(out, FMT_MAX, "?");
        else
                snprintf(out, FMT_MAX, "%.1f", v);
}

void fmt_cputime(char out[FMT_MAX], uint64_t ticks, long hz)
{
        if (ticks == U64_UNKNOWN || hz <= 0) {
                snprintf(out, FMT_MAX, "?");
                return;
        }
        uint64_t hundredths = ticks * 100 / (uint64_t)hz; /* wraps only after 5e15 years at 100 Hz */
        uint64_t secs = hundredths / 100, hours = secs / 3600;
        if (hours == 0)
                snprintf(out, FMT_MAX, "%u:%02u.%02u", (unsigned)(secs / 60), (unsigned)(secs % 60),
                         (unsigned)(hundredths % 100));
        else if (hours < 100)
                snprintf(out, FMT_MAX, "%uh%02u:%02u", (unsigned)hours, (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
        else
                snprintf(out, FMT_MAX, "%" PRIu64 "h", hours);
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
                snprintf(out, FMT_MAX, "?");
                return;
        }
        unsigned long t = (unsigned long)seconds;
        unsigned long days = t / 86400, h = t / 3600 % 24, m = t / 60 % 60;
        if (days)
                snprintf(out, FMT_MAX, "%lu day%s, %02lu:%02lu", days, days == 1 ? "" : "s", h, m);
        else
                snprintf(out, FMT_MAX, "%02lu:%02lu:%02lu", h, m, t % 60);
}
