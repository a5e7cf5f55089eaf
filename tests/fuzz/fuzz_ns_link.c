/* fuzz_ns_link.c: fuzz target for parse_ns_link, the text of an nsfs
 * link ("net:[4026531840]").
 * Contract: on success the text is "TYPE:[INODE]" with INODE a nonzero
 * number; the type is the index of TYPE in ns_types, or -1 when TYPE is
 * none of them; on failure the outputs are untouched. */
#include "config.h"

#include "fuzz.h"
#include "model/nstype.h"
#include "sample/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *buf = (const char *)data;
        int type = -2;
        uint64_t ino = 0;
        int r = parse_ns_link(buf, size, &type, &ino);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        if (r < 0) {
                FUZZ_CHECK(type == -2 && ino == 0);
                return 0;
        }
        FUZZ_CHECK(type >= -1 && type < NS_TYPE_COUNT);
        FUZZ_CHECK(ino != 0);
        /* The text after the type is exactly ":[INO]" for some INO. */
        const char *colon = memchr(buf, ':', size);
        FUZZ_CHECK(colon && colon > buf);
        size_t tlen = (size_t)(colon - buf);
        uint64_t v;
        FUZZ_CHECK(size - tlen >= 4 && colon[1] == '[' && buf[size - 1] == ']');
        FUZZ_CHECK(fuzz_u64(colon + 2, size - tlen - 3, &v) && v == ino);
        if (type >= 0)
                FUZZ_CHECK(fuzz_tok_is(buf, tlen, ns_types[type].name));
        else
                for (int i = 0; i < NS_TYPE_COUNT; i++)
                        FUZZ_CHECK(!fuzz_tok_is(buf, tlen, ns_types[i].name));
        return 0;
}
