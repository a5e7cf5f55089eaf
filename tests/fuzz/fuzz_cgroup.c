/* fuzz_cgroup.c: fuzz target for parse_cgroup (/proc/PID/cgroup).
 * Contract: the count (at most max) or -EINVAL; each entry's controllers
 * and path lie inside the buffer, each path starts with '/', hierarchy ids
 * are distinct, and the entries come in buffer order, each beginning a
 * line "ID:CONTROLLERS:/". A path that runs over a newline (a cgroup name
 * holding one) ends before the next entry or the final newline. */
#include "config.h"

#include "fuzz.h"
#include "sample/parse.h"

enum { MAX = 8 };

static void check_entry(const struct cgroup_line *l, const char *buf, size_t size)
{
        FUZZ_CHECK(l->controllers > buf && l->controllers + l->controllers_len <= buf + size);
        FUZZ_CHECK(l->path > l->controllers && l->path_len > 0 && l->path + l->path_len <= buf + size);
        FUZZ_CHECK(l->path[0] == '/' && l->path[-1] == ':' && l->controllers[-1] == ':');
        FUZZ_CHECK(l->controllers + l->controllers_len + 1 == l->path);
        /* The entry starts a line: "ID:" right before the controllers. */
        const char *line = l->controllers - 1;
        while (line > buf && line[-1] != '\n')
                line--;
        uint64_t v;
        FUZZ_CHECK(fuzz_u64(line, (size_t)(l->controllers - 1 - line), &v) && v == l->hierarchy_id);
        /* A path ends at the end of the buffer, before its final newline,
         * or before a newline. */
        const char *end = l->path + l->path_len;
        FUZZ_CHECK(end == buf + size || *end == '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *buf = (const char *)data;
        struct cgroup_line out[MAX];
        int n = parse_cgroup(buf, size, out, MAX);
        FUZZ_CHECK(n == -EINVAL || (n >= 0 && n <= MAX));
        for (int i = 0; i < n; i++) {
                check_entry(&out[i], buf, size);
                for (int k = 0; k < i; k++) {
                        FUZZ_CHECK(out[k].hierarchy_id != out[i].hierarchy_id);
                        FUZZ_CHECK(out[k].path + out[k].path_len < out[i].controllers);
                }
        }
        FUZZ_CHECK(n != 0 || size == 0 || (size == 1 && buf[0] == '\n'));
        return 0;
}
