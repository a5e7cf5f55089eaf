/* fuzz_status.c: libFuzzer target for parse_status (/proc/PID/status). */
#include "config.h"

#include "fuzz.h"
#include "sample/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct pstatus st;
        int r = parse_status((const char *)data, size, &st);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        return 0;
}
