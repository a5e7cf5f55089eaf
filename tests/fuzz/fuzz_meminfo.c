/* fuzz_meminfo.c: libFuzzer target for parse_meminfo (/proc/meminfo). */
#include "config.h"

#include "fuzz.h"
#include "sample/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct meminfo m;
        if (parse_meminfo((const char *)data, size, &m) == 0)
                FUZZ_CHECK(m.total != UINT64_MAX && m.free != UINT64_MAX);
        return 0;
}
