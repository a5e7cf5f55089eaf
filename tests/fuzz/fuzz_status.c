/* fuzz_status.c: fuzz target for parse_status (/proc/PID/status).
 * Contract: success only when a "Uid:" and a "Gid:" line each start with
 * two numbers; on success the real and effective ids are the first two
 * numbers of such a line; on failure *ret is untouched. */
#include "config.h"

#include "fuzz.h"
#include "sample/parse.h"

/* Is there a line "KEY:" whose first two tokens are the numbers a and b? */
static int has_ids(const char *buf, size_t size, const char *key, uint32_t a, uint32_t b)
{
        struct fuzz_cur c = {buf, buf + size}, line;
        size_t klen = strlen(key);
        while (fuzz_line(&c, &line)) {
                const char *t;
                size_t n;
                uint64_t x, y;
                if ((size_t)(line.end - line.p) <= klen || memcmp(line.p, key, klen) != 0 || line.p[klen] != ':')
                        continue;
                line.p += klen + 1;
                if (fuzz_tok(&line, &t, &n) && fuzz_u64(t, n, &x) && fuzz_tok(&line, &t, &n) && fuzz_u64(t, n, &y) &&
                    x == a && y == b)
                        return 1;
        }
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *buf = (const char *)data;
        struct pstatus st, before;
        memset(&st, 0x5a, sizeof(st));
        memcpy(&before, &st, sizeof(before));
        int r = parse_status(buf, size, &st);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        if (r < 0) {
                FUZZ_CHECK(memcmp(&st, &before, sizeof(st)) == 0);
                return 0;
        }
        FUZZ_CHECK(has_ids(buf, size, "Uid", st.ruid, st.euid));
        FUZZ_CHECK(has_ids(buf, size, "Gid", st.rgid, st.egid));
        return 0;
}
