/* fuzz_stat.c: fuzz target for parse_stat (/proc/PID/stat).
 * Contract: on success the numbers are in range, the state is a letter
 * (it is printed as it is), and comm is the text between the first '('
 * and the last ')' (cut to PSTAT_COMM_MAX bytes), NUL-terminated; on
 * failure *ret is untouched. */
#include "config.h"

#include "fuzz.h"
#include "sample/parse.h"

static void check_comm(const struct pstat *s, const char *buf, size_t size)
{
        const char *open = memchr(buf, '(', size);
        FUZZ_CHECK(open != NULL);
        size_t after = size - (size_t)(open + 1 - buf);
        FUZZ_CHECK(s->comm_len <= PSTAT_COMM_MAX && s->comm_len <= after);
        FUZZ_CHECK(memcmp(s->comm, open + 1, s->comm_len) == 0 && s->comm[s->comm_len] == '\0');
        if (s->comm_len < PSTAT_COMM_MAX)
                FUZZ_CHECK(open[1 + s->comm_len] == ')');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *buf = (const char *)data;
        struct pstat s, before;
        memset(&s, 0xa5, sizeof(s));
        memcpy(&before, &s, sizeof(before));
        int r = parse_stat(buf, size, &s);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        if (r < 0) {
                FUZZ_CHECK(memcmp(&s, &before, sizeof(s)) == 0);
                return 0;
        }
        check_comm(&s, buf, size);
        FUZZ_CHECK(s.pid >= 0 && s.ppid >= 0 && s.threads >= 0);
        FUZZ_CHECK(s.nice >= -20 && s.nice <= 19);
        FUZZ_CHECK((s.state >= 'A' && s.state <= 'Z') || (s.state >= 'a' && s.state <= 'z'));
        return 0;
}
