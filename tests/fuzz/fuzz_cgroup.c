/* fuzz_cgroup.c: libFuzzer target for parse_cgroup (/proc/PID/cgroup) and
 * for the cgroupfs IO limit parsers (cg_parse_io_max, cg_parse_blkio_throttle)
 * on the same bytes. */
#include "config.h"

#include "fuzz.h"
#include "sample/parse.h"
#include "sample/cgparse.h"

/* The fuzz-parse build links sample/parse.c but not sample/cgparse.c:
 * compile it in here (drop this if FUZZ_PARSE_SRC gains it). */
#include "sample/cgparse.c"

static void fuzz_proc_cgroup(const char *buf, size_t size)
{
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
}

/* Limits are CG_NO_LIMIT or below it; a v1 file fills only its key and
 * never yields 0. On failure nothing is written. */
static void fuzz_io_limits(const char *buf, size_t size)
{
        struct cg_io_limits devs[4];
        size_t n = 99;
        memset(devs, 0xa5, sizeof(devs));
        int r = cg_parse_io_max(buf, size, devs, 4, &n);
        FUZZ_CHECK(r == 0 || (r == -EINVAL && n == 99));
        for (size_t i = 0; r == 0 && i < n; i++)
                for (int k = 0; k < CG_IO_KEYS; k++)
                        FUZZ_CHECK(devs[i].limit[k] <= CG_NO_LIMIT);
        FUZZ_CHECK(r < 0 || n <= 4);

        enum cg_io_key key = (enum cg_io_key)(size % CG_IO_KEYS);
        n = 99;
        r = cg_parse_blkio_throttle(buf, size, key, devs, 4, &n);
        FUZZ_CHECK(r == 0 || (r == -EINVAL && n == 99));
        for (size_t i = 0; r == 0 && i < n; i++)
                for (int k = 0; k < CG_IO_KEYS; k++)
                        FUZZ_CHECK(k == (int)key ? devs[i].limit[k] != 0 && devs[i].limit[k] <= CG_NO_LIMIT
                                                 : devs[i].limit[k] == CG_NO_LIMIT);
        FUZZ_CHECK(r < 0 || n <= 4);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *buf = (const char *)data;
        fuzz_proc_cgroup(buf, size);
        fuzz_io_limits(buf, size);
        return 0;
}
