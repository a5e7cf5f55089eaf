/* fuzz_proc_stat.c: fuzz target for parse_proc_stat (/proc/stat).
 * Contract: at most max CPUs listed, each with its own id, the total with
 * id -1; success needs the "cpu" line and btime; on failure nothing is
 * written. */
#include "config.h"

#include "fuzz.h"
#include "sample/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct cpu_ticks total, cpus[4];
        memset(&total, 0x5a, sizeof(total));
        size_t ncpu = 99;
        uint64_t btime = 42;
        int r = parse_proc_stat((const char *)data, size, &total, cpus, 4, &ncpu, &btime);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        if (r < 0) {
                FUZZ_CHECK(ncpu == 99 && btime == 42 && total.id == (int32_t)0x5a5a5a5a);
                return 0;
        }
        FUZZ_CHECK(ncpu <= 4);
        FUZZ_CHECK(total.id == -1);
        for (size_t i = 0; i < ncpu; i++)
                FUZZ_CHECK(cpus[i].id >= 0);
        FUZZ_CHECK(memmem(data, size, "btime", 5) != NULL && memmem(data, size, "cpu", 3) != NULL);
        return 0;
}
