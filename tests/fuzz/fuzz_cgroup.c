/* fuzz_cgroup.c: libFuzzer target for parse_cgroup (/proc/PID/cgroup). */
#include "config.h"

#include "fuzz.h"
#include "sample/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *buf = (const char *)data;
        struct cgroup_line out[8];
        int n = parse_cgroup(buf, size, out, 8);
        FUZZ_CHECK(n == -EINVAL || (n >= 0 && n <= 8));
        for (int i = 0; i < n; i++) {
                const struct cgroup_line *l = &out[i];
                FUZZ_CHECK(l->controllers >= buf && l->controllers + l->controllers_len <= buf + size);
                FUZZ_CHECK(l->path >= buf && l->path_len > 0 && l->path + l->path_len <= buf + size);
                FUZZ_CHECK(l->path[0] == '/');
                for (int k = 0; k < i; k++)
                        FUZZ_CHECK(out[k].hierarchy_id != l->hierarchy_id);
        }
        return 0;
}
