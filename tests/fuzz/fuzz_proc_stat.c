/* fuzz_proc_stat.c: libFuzzer target for parse_proc_stat (/proc/stat). */
#include "config.h"

#include "fuzz.h"
#include "sample/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct cpu_ticks total, cpus[4];
        size_t ncpu = 99;
        uint64_t btime;
        if (parse_proc_stat((const char *)data, size, &total, cpus, 4, &ncpu, &btime) == 0) {
                FUZZ_CHECK(ncpu <= 4);
                FUZZ_CHECK(total.id == -1);
                for (size_t i = 0; i < ncpu; i++)
                        FUZZ_CHECK(cpus[i].id >= 0);
        }
        return 0;
}
