/* fuzz_io.c: fuzz target for parse_io (/proc/PID/io).
 * Contract: success only when rchar, wchar, read_bytes and write_bytes
 * each have a line "KEY: NUMBER"; each value returned is the number of
 * such a line; on failure *ret is untouched. */
#include "config.h"

#include "fuzz.h"
#include "sample/parse.h"

/* Is there a line "KEY:" whose first token is the number v? */
static int has_line(const char *buf, size_t size, const char *key, uint64_t v)
{
        struct fuzz_cur c = {buf, buf + size}, line;
        size_t klen = strlen(key);
        while (fuzz_line(&c, &line)) {
                const char *t;
                size_t n;
                uint64_t x;
                if ((size_t)(line.end - line.p) <= klen || memcmp(line.p, key, klen) != 0 || line.p[klen] != ':')
                        continue;
                line.p += klen + 1;
                if (fuzz_tok(&line, &t, &n) && fuzz_u64(t, n, &x) && x == v)
                        return 1;
        }
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *buf = (const char *)data;
        struct pio io, before;
        memset(&io, 0x5a, sizeof(io));
        memcpy(&before, &io, sizeof(before));
        int r = parse_io(buf, size, &io);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        if (r < 0) {
                FUZZ_CHECK(memcmp(&io, &before, sizeof(io)) == 0);
                return 0;
        }
        FUZZ_CHECK(has_line(buf, size, "rchar", io.rchar));
        FUZZ_CHECK(has_line(buf, size, "wchar", io.wchar));
        FUZZ_CHECK(has_line(buf, size, "read_bytes", io.read_bytes));
        FUZZ_CHECK(has_line(buf, size, "write_bytes", io.write_bytes));
        return 0;
}
