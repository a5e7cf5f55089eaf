/* fuzz_ns_link.c: libFuzzer target for parse_ns_link ("net:[4026531840]"). */
#include "config.h"

#include "fuzz.h"
#include "model/nstype.h"
#include "sample/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        int type = -2;
        uint64_t ino = 0;
        if (parse_ns_link((const char *)data, size, &type, &ino) == 0) {
                FUZZ_CHECK(type >= -1 && type < NS_TYPE_COUNT);
                FUZZ_CHECK(ino != 0);
                FUZZ_CHECK(size >= 5 && data[size - 1] == ']');
        }
        return 0;
}
