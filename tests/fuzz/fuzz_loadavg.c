/* fuzz_loadavg.c: fuzz target for parse_loadavg and parse_uptime, the two
 * parsers of single-line decimal files (/proc/loadavg, /proc/uptime).
 * Contract: results are finite and not negative; on failure the outputs
 * are untouched. */
#include "config.h"

#include <math.h>

#include "fuzz.h"
#include "sample/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        double l[3] = {-1, -1, -1}, up = -1;
        int r = parse_loadavg((const char *)data, size, l);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        for (int i = 0; i < 3; i++)
                FUZZ_CHECK(r < 0 ? l[i] == -1 : isfinite(l[i]) && l[i] >= 0);
        r = parse_uptime((const char *)data, size, &up);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        FUZZ_CHECK(r < 0 ? up == -1 : isfinite(up) && up >= 0);
        return 0;
}
