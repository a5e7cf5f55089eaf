/* fuzz_meminfo.c: fuzz target for parse_meminfo (/proc/meminfo).
 * Contract: success only with MemTotal and MemFree; on failure *ret is
 * untouched. */
#include "config.h"

#include "fuzz.h"
#include "sample/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct meminfo m, before;
        memset(&m, 0x5a, sizeof(m));
        memcpy(&before, &m, sizeof(before));
        int r = parse_meminfo((const char *)data, size, &m);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        if (r < 0)
                FUZZ_CHECK(memcmp(&m, &before, sizeof(m)) == 0);
        else
                FUZZ_CHECK(m.total != UINT64_MAX && m.free != UINT64_MAX);
        return 0;
}
