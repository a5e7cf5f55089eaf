/* fuzz_schedstat.c: fuzz target for parse_schedstat (/proc/PID/schedstat).
 * Contract: success only for exactly three numbers (blanks and newlines
 * around them), and the kernel's own form of those numbers parses back to
 * the same three; on failure *ret is untouched. */
#include "config.h"

#include <inttypes.h>

#include "fuzz.h"
#include "sample/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *buf = (const char *)data;
        struct psched s, before;
        memset(&s, 0x5a, sizeof(s));
        memcpy(&before, &s, sizeof(before));
        int r = parse_schedstat(buf, size, &s);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        if (r < 0) {
                FUZZ_CHECK(memcmp(&s, &before, sizeof(s)) == 0);
                return 0;
        }
        /* Three tokens of digits, nothing else but blanks and newlines. */
        struct fuzz_cur c = {buf, buf + size};
        const char *t;
        size_t n, tokens = 0;
        for (;;) {
                while (c.p < c.end && (*c.p == '\n' || *c.p == ' ' || *c.p == '\t'))
                        c.p++;
                if (!fuzz_tok(&c, &t, &n))
                        break;
                uint64_t v;
                FUZZ_CHECK(fuzz_u64(t, n, &v));
                tokens++;
        }
        FUZZ_CHECK(tokens == 3 && c.p == c.end);
        char text[80];
        int len = snprintf(text, sizeof(text), "%" PRIu64 " %" PRIu64 " %" PRIu64 "\n", s.runtime_ns, s.wait_ns,
                           s.timeslices);
        struct psched back;
        FUZZ_CHECK(len > 0 && parse_schedstat(text, (size_t)len, &back) == 0);
        FUZZ_CHECK(memcmp(&back, &s, sizeof(s)) == 0);
        return 0;
}
