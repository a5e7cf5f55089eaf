/* fuzz_stat.c: libFuzzer target for parse_stat (/proc/PID/stat). */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "sample/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct pstat s;
        memset(&s, 0xa5, sizeof(s));
        if (parse_stat((const char *)data, size, &s) == 0) {
                FUZZ_CHECK(s.comm_len <= PSTAT_COMM_MAX && s.comm[s.comm_len] == '\0');
                FUZZ_CHECK(s.pid >= 0 && s.ppid >= 0 && s.threads >= 0);
                FUZZ_CHECK(s.nice >= -20 && s.nice <= 19);
        }
        return 0;
}
