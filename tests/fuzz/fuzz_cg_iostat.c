/* fuzz_cg_iostat.c: fuzz target for the per-device byte counts: v2
 * io.stat (cg_parse_io_stat) and v1 blkio.throttle.io_service_bytes
 * (cg_parse_blkio_bytes), on the same bytes.
 * Contract (cgparse.h): devices listed once each, in order of first
 * appearance, up to max; the totals count every device, listed or not, so
 * they do not depend on max (nor on devs being NULL), and equal the sum
 * of the listed devices when all fit; a shorter list is a prefix of a
 * longer one; on failure nothing is written. */
#include "config.h"

#include "fuzz.h"
#include "sample/cgparse.h"

typedef int (*io_parser)(const char *, size_t, struct cg_io_dev *, size_t, size_t *, uint64_t *, uint64_t *);

enum { SMALL = 2, BIG = 16 };

struct result {
        int r;
        size_t n;
        uint64_t rb, wb;
        struct cg_io_dev devs[BIG + 1]; /* one more than asked for: must stay untouched */
};

static void run(io_parser parse, const char *buf, size_t size, size_t max, bool with_devs, struct result *res)
{
        memset(res, 0x5a, sizeof(*res));
        res->r = parse(buf, size, with_devs ? res->devs : NULL, max, &res->n, &res->rb, &res->wb);
        FUZZ_CHECK(res->r == 0 || res->r == -EINVAL);
        struct cg_io_dev spare;
        memset(&spare, 0x5a, sizeof(spare));
        FUZZ_CHECK(memcmp(&res->devs[max], &spare, sizeof(spare)) == 0);
        if (res->r < 0) {
                FUZZ_CHECK(res->n == 0x5a5a5a5a5a5a5a5aULL && res->rb == res->n && res->wb == res->n);
                return;
        }
        FUZZ_CHECK(res->n <= (with_devs ? max : 0));
        uint64_t sr = 0, sw = 0;
        for (size_t i = 0; i < res->n; i++) {
                const struct cg_io_dev *d = &res->devs[i];
                for (size_t k = 0; k < i; k++)
                        FUZZ_CHECK(res->devs[k].major != d->major || res->devs[k].minor != d->minor);
                FUZZ_CHECK(d->rbytes <= res->rb && d->wbytes <= res->wb);
                FUZZ_CHECK(!__builtin_add_overflow(sr, d->rbytes, &sr) && !__builtin_add_overflow(sw, d->wbytes, &sw));
        }
        FUZZ_CHECK(sr <= res->rb && sw <= res->wb);
}

static void check(io_parser parse, const char *buf, size_t size)
{
        struct result *big = malloc(sizeof(*big)), *small = malloc(sizeof(*small)), *none = malloc(sizeof(*none));
        if (!big || !small || !none)
                goto out;
        run(parse, buf, size, BIG, true, big);
        run(parse, buf, size, SMALL, true, small);
        run(parse, buf, size, 0, false, none);
        FUZZ_CHECK(big->r == small->r && big->r == none->r);
        if (big->r < 0)
                goto out;
        FUZZ_CHECK(small->rb == big->rb && small->wb == big->wb && none->rb == big->rb && none->wb == big->wb);
        FUZZ_CHECK(none->n == 0 && small->n == (big->n < SMALL ? big->n : SMALL));
        /* The first devices: the same, but a device listed in the short
         * list has the same sums (merging does not depend on max). */
        FUZZ_CHECK(memcmp(small->devs, big->devs, small->n * sizeof(big->devs[0])) == 0);
        if (big->n < BIG) {
                uint64_t sr = 0, sw = 0;
                for (size_t i = 0; i < big->n; i++) {
                        sr += big->devs[i].rbytes;
                        sw += big->devs[i].wbytes;
                }
                FUZZ_CHECK(sr == big->rb && sw == big->wb);
        }
out:
        free(big);
        free(small);
        free(none);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        check(cg_parse_io_stat, (const char *)data, size);
        check(cg_parse_blkio_bytes, (const char *)data, size);
        return 0;
}
