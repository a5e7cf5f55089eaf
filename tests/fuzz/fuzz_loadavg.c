/* fuzz_loadavg.c: libFuzzer target for parse_loadavg and parse_uptime,
 * the two parsers of single-line decimal files. */
#include "config.h"

#include <math.h>

#include "fuzz.h"
#include "sample/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        double l[3], up;
        if (parse_loadavg((const char *)data, size, l) == 0)
                for (int i = 0; i < 3; i++)
                        FUZZ_CHECK(isfinite(l[i]) && l[i] >= 0);
        if (parse_uptime((const char *)data, size, &up) == 0)
                FUZZ_CHECK(isfinite(up) && up >= 0);
        return 0;
}
