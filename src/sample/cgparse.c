/* cgparse.c: pure parsers of cgroupfs files; see cgparse.h for the contract.
 *
 * Functions that fill several outputs or an array run their walk twice:
 * once to check the whole buffer, once to write, so a malformed file
 * leaves every output untouched without a scratch copy. */
#include "config.h"

#include "sample/cgparse.h"

#include <errno.h>
#include <string.h>

#include "util/num.h"

/* ---- small tokenizers ---------------------------------------------- */

struct cur {
        const char *p, *end;
};

static bool is_blank(char c)
{
        return c == ' ' || c == '\t';
}

/* The next line (without its newline); false at the end of the buffer. */
static bool next_line(struct cur *c, struct cur *ret)
{
        if (c->p >= c->end)
                return false;
        const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
        ret->p = c->p;
        ret->end = nl ? nl : c->end;
        c->p = nl ? nl + 1 : c->end;
        return true;
}

/* The next run of non-blank bytes within a line; false when none is left. */
static bool next_tok(struct cur *c, const char **ret, size_t *ret_len)
{
        while (c->p < c->end && is_blank(*c->p))
                c->p++;
        const char *start = c->p;
        while (c->p < c->end && !is_blank(*c->p))
                c->p++;
        if (c->p == start)
                return false;
        *ret = start;
        *ret_len = (size_t)(c->p - start);
        return true;
}

static bool at_end(struct cur *c)
{
        const char *t;
        size_t n;
        return !next_tok(c, &t, &n);
}

static bool tok_is(const char *t, size_t n, const char *want)
{
        return strlen(want) == n && memcmp(t, want, n) == 0;
}

/* A decimal below CG_NO_LIMIT, so it never collides with the sentinels. */
static bool real_u64(const char *t, size_t n, uint64_t *ret)
{
        uint64_t v;
        if (num_parse_u64n(t, n, &v) < 0 || v >= CG_NO_LIMIT)
                return false;
        *ret = v;
        return true;
}

/* Single-value files end with one newline; the value is what precedes it. */
static size_t strip_newline(const char *buf, size_t len)
{
        return len > 0 && buf[len - 1] == '\n' ? len - 1 : len;
}

/* "MAJ:MIN" */
static bool parse_devno(const char *t, size_t n, uint32_t *ret_major, uint32_t *ret_minor)
{
        const char *colon = memchr(t, ':', n);
        if (!colon)
                return false;
        uint64_t ma, mi;
        size_t ma_len = (size_t)(colon - t);
        if (num_parse_u64n(t, ma_len, &ma) < 0 || ma > UINT32_MAX ||
            num_parse_u64n(colon + 1, n - ma_len - 1, &mi) < 0 || mi > UINT32_MAX)
                return false;
        *ret_major = (uint32_t)ma;
        *ret_minor = (uint32_t)mi;
        return true;
}

/* ---- single values ------------------------------------------------- */

int cg_parse_value(const char *buf, size_t len, uint64_t *ret)
{
        len = strip_newline(buf, len);
        uint64_t v;
        if (tok_is(buf, len, "max"))
                v = CG_NO_LIMIT;
        else if (!real_u64(buf, len, &v))
                return -EINVAL;
        *ret = v;
        return 0;
}

uint64_t cg_v1_limit(uint64_t v)
{
        return v >= CG_V1_UNLIMITED_MIN ? CG_NO_LIMIT : v;
}

int cg_parse_cpu_max(const char *buf, size_t len, uint64_t *ret_quota, uint64_t *ret_period)
{
        struct cur c = {buf, buf + strip_newline(buf, len)};
        const char *t;
        size_t n;
        uint64_t quota, period;
        /* A newline inside ends up in a token, which then fails to parse. */
        if (!next_tok(&c, &t, &n))
                return -EINVAL;
        if (tok_is(t, n, "max"))
                quota = CG_NO_LIMIT;
        else if (!real_u64(t, n, &quota))
                return -EINVAL;
        if (!next_tok(&c, &t, &n) || !real_u64(t, n, &period) || period == 0 || !at_end(&c))
                return -EINVAL;
        *ret_quota = quota;
        *ret_period = period;
        return 0;
}

int cg_parse_cfs_quota(const char *buf, size_t len, uint64_t *ret)
{
        len = strip_newline(buf, len);
        uint64_t v;
        if (tok_is(buf, len, "-1"))
                v = CG_NO_LIMIT;
        else if (!real_u64(buf, len, &v))
                return -EINVAL;
        *ret = v;
        return 0;
}

int cg_parse_freezer_state(const char *buf, size_t len, enum cg_freezer *ret)
{
        len = strip_newline(buf, len);
        enum cg_freezer s;
        if (tok_is(buf, len, "THAWED"))
                s = CG_THAWED;
        else if (tok_is(buf, len, "FREEZING"))
                s = CG_FREEZING;
        else if (tok_is(buf, len, "FROZEN"))
                s = CG_FROZEN;
        else
                return -EINVAL;
        *ret = s;
        return 0;
}

/* ---- flat-keyed files ---------------------------------------------- */

/* With out == NULL only checks; otherwise stores the first value of each
 * key into out (preset to UINT64_MAX by the caller). */
static int keyed_walk(const char *buf, size_t len, const char *const *keys, size_t nkeys,
                      uint64_t *out)
{
        struct cur c = {buf, buf + len}, line;
        while (next_line(&c, &line)) {
                const char *key, *t;
                size_t key_len, n;
                if (!next_tok(&line, &key, &key_len))
                        continue; /* blank line */
                size_t i;
                for (i = 0; i < nkeys; i++)
                        if (tok_is(key, key_len, keys[i]))
                                break;
                if (i == nkeys)
                        continue; /* a key nobody asked for: not even checked */
                uint64_t v;
                if (!next_tok(&line, &t, &n) || num_parse_u64n(t, n, &v) < 0 ||
                    v == UINT64_MAX || !at_end(&line))
                        return -EINVAL;
                if (out && out[i] == UINT64_MAX)
                        out[i] = v;
        }
        return 0;
}

int cg_parse_keyed(const char *buf, size_t len, const char *const *keys, size_t nkeys,
                   uint64_t *out)
{
        int r = keyed_walk(buf, len, keys, nkeys, NULL);
        if (r < 0)
                return r;
        for (size_t i = 0; i < nkeys; i++)
                out[i] = UINT64_MAX;
        return keyed_walk(buf, len, keys, nkeys, out);
}

/* ---- per-device byte counts (io.stat, blkio) ----------------------- */

struct io_acc {
        struct cg_io_dev *devs; /* NULL while checking */
        size_t max, n;
        uint64_t rbytes, wbytes;
};

static bool io_add(struct io_acc *a, uint32_t major, uint32_t minor, uint64_t r, uint64_t w)
{
        if (__builtin_add_overflow(a->rbytes, r, &a->rbytes) ||
            __builtin_add_overflow(a->wbytes, w, &a->wbytes))
                return false;
        if (!a->devs)
                return true;
        /* The per-device sums cannot overflow: the totals did not. */
        for (size_t i = a->n; i > 0; i--) {
                struct cg_io_dev *d = &a->devs[i - 1];
                if (d->major == major && d->minor == minor) {
                        d->rbytes += r;
                        d->wbytes += w;
                        return true;
                }
        }
        if (a->n < a->max)
                a->devs[a->n++] = (struct cg_io_dev){major, minor, r, w};
        return true;
}

static int io_stat_walk(const char *buf, size_t len, struct io_acc *a)
{
        struct cur c = {buf, buf + len}, line;
        while (next_line(&c, &line)) {
                const char *t;
                size_t n;
                uint32_t major, minor;
                if (!next_tok(&line, &t, &n))
                        continue;
                if (!parse_devno(t, n, &major, &minor))
                        return -EINVAL;
                bool have_r = false, have_w = false;
                uint64_t r = 0, w = 0;
                while (next_tok(&line, &t, &n)) {
                        const char *eq = memchr(t, '=', n);
                        if (!eq || eq == t || eq == t + n - 1)
                                return -EINVAL;
                        size_t klen = (size_t)(eq - t), vlen = n - klen - 1;
                        bool is_r = tok_is(t, klen, "rbytes"), is_w = tok_is(t, klen, "wbytes");
                        if (!is_r && !is_w)
                                continue;
                        bool *have = is_r ? &have_r : &have_w;
                        if (*have || num_parse_u64n(eq + 1, vlen, is_r ? &r : &w) < 0)
                                return -EINVAL;
                        *have = true;
                }
                if (!have_r || !have_w || !io_add(a, major, minor, r, w))
                        return -EINVAL;
        }
        return 0;
}

static int blkio_walk(const char *buf, size_t len, struct io_acc *a)
{
        struct cur c = {buf, buf + len}, line;
        while (next_line(&c, &line)) {
                const char *t, *op;
                size_t n, op_len;
                uint64_t v;
                uint32_t major, minor;
                if (!next_tok(&line, &t, &n))
                        continue;
                if (tok_is(t, n, "Total")) {
                        /* The grand total (Read + Write + Discard of every
                         * device): checked, not used. */
                        if (!next_tok(&line, &t, &n) || num_parse_u64n(t, n, &v) < 0 ||
                            !at_end(&line))
                                return -EINVAL;
                        continue;
                }
                if (!parse_devno(t, n, &major, &minor) || !next_tok(&line, &op, &op_len) ||
                    !next_tok(&line, &t, &n) || num_parse_u64n(t, n, &v) < 0 || !at_end(&line))
                        return -EINVAL;
                bool is_r = tok_is(op, op_len, "Read"), is_w = tok_is(op, op_len, "Write");
                if ((is_r || is_w) && !io_add(a, major, minor, is_r ? v : 0, is_w ? v : 0))
                        return -EINVAL;
        }
        return 0;
}

static int io_parse(int (*walk)(const char *, size_t, struct io_acc *), const char *buf,
                    size_t len, struct cg_io_dev *devs, size_t max, size_t *ret_n,
                    uint64_t *ret_rbytes, uint64_t *ret_wbytes)
{
        struct io_acc a = {.devs = NULL};
        int r = walk(buf, len, &a);
        if (r < 0)
                return r;
        a = (struct io_acc){.devs = devs, .max = devs ? max : 0};
        r = walk(buf, len, &a);
        if (r < 0)
                return r; /* cannot happen: the first walk passed */
        *ret_n = a.n;
        *ret_rbytes = a.rbytes;
        *ret_wbytes = a.wbytes;
        return 0;
}

int cg_parse_io_stat(const char *buf, size_t len, struct cg_io_dev *devs, size_t max,
                     size_t *ret_n, uint64_t *ret_rbytes, uint64_t *ret_wbytes)
{
        return io_parse(io_stat_walk, buf, len, devs, max, ret_n, ret_rbytes, ret_wbytes);
}

int cg_parse_blkio_bytes(const char *buf, size_t len, struct cg_io_dev *devs, size_t max,
                         size_t *ret_n, uint64_t *ret_rbytes, uint64_t *ret_wbytes)
{
        return io_parse(blkio_walk, buf, len, devs, max, ret_n, ret_rbytes, ret_wbytes);
}

/* ---- per-device limits (io.max, blkio.throttle.*) ------------------ */

/* A limit: "max" (when max_ok) or a decimal below CG_NO_LIMIT. */
static bool limit_value(const char *t, size_t n, bool max_ok, uint64_t *ret)
{
        if (max_ok && tok_is(t, n, "max")) {
                *ret = CG_NO_LIMIT;
                return true;
        }
        return real_u64(t, n, ret);
}

/* One io.max line after its device: the four keys into l->limit. */
static bool io_max_keys(struct cur *line, struct cg_io_limits *l)
{
        static const char *const names[CG_IO_KEYS] = {"rbps", "wbps", "riops", "wiops"};
        unsigned seen = 0;
        const char *t;
        size_t n;
        for (int k = 0; k < CG_IO_KEYS; k++)
                l->limit[k] = CG_NO_LIMIT;
        while (next_tok(line, &t, &n)) {
                const char *eq = memchr(t, '=', n);
                if (!eq || eq == t || eq == t + n - 1)
                        return false;
                size_t klen = (size_t)(eq - t), k;
                for (k = 0; k < CG_IO_KEYS; k++)
                        if (tok_is(t, klen, names[k]))
                                break;
                if (k == CG_IO_KEYS)
                        continue; /* a key of a later kernel: not ours */
                if (seen & 1u << k || !limit_value(eq + 1, n - klen - 1, true, &l->limit[k]))
                        return false;
                seen |= 1u << k;
        }
        return seen != 0;
}

/* One blkio.throttle line after its device: "VALUE", 0 meaning none. */
static bool throttle_value(struct cur *line, enum cg_io_key key, struct cg_io_limits *l)
{
        const char *t;
        size_t n;
        uint64_t v;
        if (!next_tok(line, &t, &n) || !limit_value(t, n, false, &v) || !at_end(line))
                return false;
        for (int k = 0; k < CG_IO_KEYS; k++)
                l->limit[k] = CG_NO_LIMIT;
        l->limit[key] = v == 0 ? CG_NO_LIMIT : v;
        return true;
}

/* key CG_IO_KEYS: io.max lines; else blkio.throttle lines of that key.
 * With devs NULL only checks. */
static int limits_walk(const char *buf, size_t len, int key, struct cg_io_limits *devs, size_t max,
                       size_t *ret_n)
{
        struct cur c = {buf, buf + len}, line;
        size_t listed = 0;
        while (next_line(&c, &line)) {
                const char *t;
                size_t n;
                struct cg_io_limits l;
                if (!next_tok(&line, &t, &n))
                        continue;
                if (!parse_devno(t, n, &l.major, &l.minor))
                        return -EINVAL;
                bool good = key == CG_IO_KEYS ? io_max_keys(&line, &l)
                                              : throttle_value(&line, (enum cg_io_key)key, &l);
                if (!good)
                        return -EINVAL;
                if (devs && listed < max)
                        devs[listed++] = l;
        }
        *ret_n = listed;
        return 0;
}

static int limits_parse(const char *buf, size_t len, int key, struct cg_io_limits *devs, size_t max,
                        size_t *ret_n)
{
        size_t n;
        int r = limits_walk(buf, len, key, NULL, 0, &n);
        if (r < 0)
                return r;
        return limits_walk(buf, len, key, devs, devs ? max : 0, ret_n);
}

int cg_parse_io_max(const char *buf, size_t len, struct cg_io_limits *devs, size_t max, size_t *ret_n)
{
        return limits_parse(buf, len, CG_IO_KEYS, devs, max, ret_n);
}

int cg_parse_blkio_throttle(const char *buf, size_t len, enum cg_io_key key, struct cg_io_limits *devs,
                            size_t max, size_t *ret_n)
{
        if ((unsigned)key >= CG_IO_KEYS)
                return -EINVAL;
        return limits_parse(buf, len, (int)key, devs, max, ret_n);
}

/* ---- pressure ------------------------------------------------------ */

static bool parse_avg(const char *t, size_t n, double *ret)
{
        char tmp[32];
        if (n >= sizeof(tmp) || memchr(t, '\0', n))
                return false;
        memcpy(tmp, t, n);
        tmp[n] = '\0';
        return num_parse_decimal(tmp, ret) == 0;
}

static int psi_line(struct cur *line, struct cg_psi_line *ret)
{
        static const char *const names[] = {"avg10", "avg60", "avg300", "total"};
        struct cg_psi_line l = {.present = true};
        double *avgs[] = {&l.avg10, &l.avg60, &l.avg300};
        unsigned seen = 0;
        const char *t;
        size_t n;
        while (next_tok(line, &t, &n)) {
                const char *eq = memchr(t, '=', n);
                if (!eq || eq == t)
                        return -EINVAL;
                size_t klen = (size_t)(eq - t), vlen = n - klen - 1;
                size_t i;
                for (i = 0; i < 4; i++)
                        if (tok_is(t, klen, names[i]))
                                break;
                if (i == 4)
                        continue; /* a field a later kernel may add */
                if (seen & 1u << i)
                        return -EINVAL;
                bool good = i < 3 ? parse_avg(eq + 1, vlen, avgs[i])
                                  : num_parse_u64n(eq + 1, vlen, &l.total_usec) == 0;
                if (!good)
                        return -EINVAL;
                seen |= 1u << i;
        }
        if (seen != 0xf)
                return -EINVAL;
        *ret = l;
        return 0;
}

int cg_parse_pressure(const char *buf, size_t len, struct cg_pressure *ret)
{
        struct cg_pressure p = {0};
        struct cur c = {buf, buf + len}, line;
        while (next_line(&c, &line)) {
                const char *t;
                size_t n;
                if (!next_tok(&line, &t, &n))
                        continue;
                struct cg_psi_line *l = tok_is(t, n, "some")   ? &p.some
                                        : tok_is(t, n, "full") ? &p.full
                                                               : NULL;
                if (!l)
                        continue; /* a line type a later kernel may add */
                if (l->present || psi_line(&line, l) < 0)
                        return -EINVAL;
        }
        if (!p.some.present)
                return -EINVAL;
        *ret = p;
        return 0;
}

/* ---- word lists ---------------------------------------------------- */

int cg_parse_words(const char *buf, size_t len,
                   void (*fn)(const char *w, size_t n, void *ctx), void *ctx)
{
        len = strip_newline(buf, len);
        for (size_t i = 0; i < len; i++) {
                unsigned char ch = (unsigned char)buf[i];
                if (ch < 0x20 || ch == 0x7f)
                        return -EINVAL;
        }
        size_t i = 0;
        while (i < len) {
                while (i < len && buf[i] == ' ')
                        i++;
                size_t start = i;
                while (i < len && buf[i] != ' ')
                        i++;
                if (i > start)
                        fn(buf + start, i - start, ctx);
        }
        return 0;
}

/* ---- hierarchy names ----------------------------------------------- */

/* Comma-separated items of [p, end); empty items are returned too (with
 * length 0), so "" is one empty item. */
struct items {
        const char *p, *end;
        bool done;
};

static bool next_item(struct items *it, const char **ret, size_t *ret_len)
{
        if (it->done)
                return false;
        const char *comma = it->p < it->end ? memchr(it->p, ',', (size_t)(it->end - it->p)) : NULL;
        *ret = it->p;
        if (comma) {
                *ret_len = (size_t)(comma - it->p);
                it->p = comma + 1;
        } else {
                *ret_len = (size_t)(it->end - it->p);
                it->done = true;
        }
        return true;
}

/* Controllers by their v1 ("legacy") names, as the kernel prints them in
 * mount options and in /proc/PID/cgroup. */
static const char *const v1_controllers[] = {
        "cpuset",   "cpu",        "cpuacct",  "blkio",   "memory", "devices", "freezer", "net_cls",
        "perf_event", "net_prio", "hugetlb", "pids", "rdma", "misc", "debug",
};

/* "name=X": the kernel allows X of [A-Za-z0-9._-], at most 64 bytes. */
static bool is_name_option(const char *t, size_t n)
{
        if (n <= 5 || memcmp(t, "name=", 5) != 0)
                return false;
        for (size_t i = 5; i < n; i++) {
                char ch = t[i];
                bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                          (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_';
                if (!ok)
                        return false;
        }
        return true;
}

static bool keep_option(const char *t, size_t n)
{
        for (size_t i = 0; i < sizeof(v1_controllers) / sizeof(v1_controllers[0]); i++)
                if (tok_is(t, n, v1_controllers[i]))
                        return true;
        return is_name_option(t, n);
}

int cg_v1_hierarchy_name(const char *super_opts, size_t len, char *out, size_t outsz)
{
        struct items it = {super_opts, super_opts + len, false};
        const char *t;
        size_t n, need = 0, kept = 0;
        while (next_item(&it, &t, &n))
                if (keep_option(t, n)) {
                        need += n + (kept > 0);
                        kept++;
                }
        if (kept == 0 || need >= outsz)
                return -EINVAL;
        char *w = out;
        it = (struct items){super_opts, super_opts + len, false};
        while (next_item(&it, &t, &n))
                if (keep_option(t, n)) {
                        if (w > out)
                                *w++ = ',';
                        memcpy(w, t, n);
                        w += n;
                }
        *w = '\0';
        return 0;
}

/* Is every non-empty item of a also an item of b? */
static bool items_within(const char *a, size_t alen, const char *b, size_t blen)
{
        struct items ia = {a, a + alen, false};
        const char *t;
        size_t n;
        while (next_item(&ia, &t, &n)) {
                if (n == 0)
                        continue;
                struct items ib = {b, b + blen, false};
                const char *u;
                size_t m;
                bool found = false;
                while (!found && next_item(&ib, &u, &m))
                        found = m == n && memcmp(t, u, n) == 0;
                if (!found)
                        return false;
        }
        return true;
}

bool cg_same_hierarchy(const char *a, size_t alen, const char *b, size_t blen)
{
        return items_within(a, alen, b, blen) && items_within(b, blen, a, alen);
}
