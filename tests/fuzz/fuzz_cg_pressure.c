/* fuzz_cg_pressure.c: fuzz target for cg_parse_pressure, the PSI files
 * (cpu.pressure, memory.pressure, io.pressure, the files of /proc/pressure).
 * Contract (cgparse.h): success needs a "some" line; a present line had
 * all of avg10, avg60, avg300 and total, so its averages are finite and
 * not negative; an absent "full" line leaves its fields zero; a line type
 * given twice is malformed; on failure *ret is untouched. */
#include "config.h"

#include <math.h>

#include "fuzz.h"
#include "sample/cgparse.h"

/* How many lines start with the word w. */
static unsigned lines_of(const char *buf, size_t size, const char *w)
{
        struct fuzz_cur c = {buf, buf + size}, line;
        unsigned n = 0;
        const char *t;
        size_t tl;
        while (fuzz_line(&c, &line))
                n += fuzz_tok(&line, &t, &tl) && fuzz_tok_is(t, tl, w);
        return n;
}

static void check_line(const struct cg_psi_line *l)
{
        if (!l->present) {
                FUZZ_CHECK(l->avg10 == 0 && l->avg60 == 0 && l->avg300 == 0 && l->total_usec == 0);
                return;
        }
        FUZZ_CHECK(isfinite(l->avg10) && l->avg10 >= 0);
        FUZZ_CHECK(isfinite(l->avg60) && l->avg60 >= 0);
        FUZZ_CHECK(isfinite(l->avg300) && l->avg300 >= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *buf = (const char *)data;
        struct cg_pressure p, before;
        memset(&p, 0x5a, sizeof(p));
        memcpy(&before, &p, sizeof(p));
        int r = cg_parse_pressure(buf, size, &p);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        unsigned some = lines_of(buf, size, "some"), full = lines_of(buf, size, "full");
        if (r < 0) {
                FUZZ_CHECK(memcmp(&p, &before, sizeof(p)) == 0);
                return 0;
        }
        FUZZ_CHECK(p.some.present && some == 1);
        FUZZ_CHECK(p.full.present == (full == 1) && full <= 1);
        check_line(&p.some);
        check_line(&p.full);
        return 0;
}
