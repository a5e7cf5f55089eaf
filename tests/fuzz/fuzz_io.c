/* fuzz_io.c: libFuzzer target for parse_io (/proc/PID/io). */
#include "config.h"

#include "fuzz.h"
#include "sample/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct pio io;
        int r = parse_io((const char *)data, size, &io);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        return 0;
}
