/* fuzz_cg_iomax.c: fuzz target for the per-device IO limits: v2 io.max
 * (cg_parse_io_max) and the four v1 blkio.throttle.*_device files
 * (cg_parse_blkio_throttle), on the same bytes.
 * Contract (cgparse.h): one entry per non-blank line, in order, up to
 * max (so a shorter list is a prefix of a longer one); limits are
 * CG_NO_LIMIT or below it; a v1 file fills only its own key, never with 0
 * (0 there means no throttle); on failure nothing is written. */
#include "config.h"

#include "fuzz.h"
#include "sample/cgparse.h"

enum { SMALL = 2, BIG = 16, IO_MAX = CG_IO_KEYS };

/* Lines holding something other than blanks. */
static size_t lines_used(const char *buf, size_t size)
{
        struct fuzz_cur c = {buf, buf + size}, line;
        size_t n = 0;
        const char *t;
        size_t tl;
        while (fuzz_line(&c, &line))
                n += fuzz_tok(&line, &t, &tl);
        return n;
}

/* key IO_MAX: io.max; else the v1 file of that key. */
static int parse(int key, const char *buf, size_t size, struct cg_io_limits *devs, size_t max, size_t *ret_n)
{
        if (key == IO_MAX)
                return cg_parse_io_max(buf, size, devs, max, ret_n);
        return cg_parse_blkio_throttle(buf, size, (enum cg_io_key)key, devs, max, ret_n);
}

static void check(int key, const char *buf, size_t size, struct cg_io_limits *big, struct cg_io_limits *small)
{
        size_t nb = 99, ns = 99;
        memset(big, 0x5a, (BIG + 1) * sizeof(*big));
        memset(small, 0x5a, (BIG + 1) * sizeof(*small));
        int r = parse(key, buf, size, big, BIG, &nb);
        int r2 = parse(key, buf, size, small, SMALL, &ns);
        FUZZ_CHECK((r == 0 || r == -EINVAL) && r2 == r);
        struct cg_io_limits spare;
        memset(&spare, 0x5a, sizeof(spare));
        FUZZ_CHECK(memcmp(&big[BIG], &spare, sizeof(spare)) == 0 && memcmp(&small[SMALL], &spare, sizeof(spare)) == 0);
        if (r < 0) {
                FUZZ_CHECK(nb == 99 && ns == 99 && memcmp(&big[0], &spare, sizeof(spare)) == 0);
                return;
        }
        size_t lines = lines_used(buf, size);
        FUZZ_CHECK(nb == (lines < BIG ? lines : BIG) && ns == (lines < SMALL ? lines : SMALL));
        FUZZ_CHECK(memcmp(small, big, ns * sizeof(*big)) == 0);
        for (size_t i = 0; i < nb; i++)
                for (int k = 0; k < CG_IO_KEYS; k++) {
                        uint64_t v = big[i].limit[k];
                        if (key == IO_MAX)
                                FUZZ_CHECK(v <= CG_NO_LIMIT);
                        else
                                FUZZ_CHECK(k == key ? v != 0 && v <= CG_NO_LIMIT : v == CG_NO_LIMIT);
                }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct cg_io_limits *big = malloc((BIG + 1) * sizeof(*big)), *small = malloc((BIG + 1) * sizeof(*small));
        if (big && small)
                for (int key = 0; key <= IO_MAX; key++)
                        check(key, (const char *)data, size, big, small);
        free(big);
        free(small);
        size_t n = 7;
        FUZZ_CHECK(cg_parse_blkio_throttle((const char *)data, size, CG_IO_KEYS, NULL, 0, &n) == -EINVAL && n == 7);
        return 0;
}
