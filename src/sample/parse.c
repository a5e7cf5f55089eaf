/* parse.c: pure parsers of kernel text; see parse.h for the contract. */
#include "config.h"

#include "sample/parse.h"

#include <errno.h>
#include <string.h>

#include "model/nstype.h"
#include "util/num.h"

/* ---- small tokenizers ---------------------------------------------- */

/* A cursor over buf[0..len): tokens are separated by single spaces (stat)
 * or runs of blanks (other files), depending on the caller. */
struct cursor {
        const char *p, *end;
};

static bool is_blank(char c)
{
        return c == ' ' || c == '\t';
}

/* Next run of non-blank, non-newline bytes; leading blanks skipped. */
static bool next_token(struct cursor *c, const char **ret, size_t *ret_len)
{
        while (c->p < c->end && is_blank(*c->p))
                c->p++;
        const char *start = c->p;
        while (c->p < c->end && !is_blank(*c->p) && *c->p != '\n')
                c->p++;
        if (c->p == start)
                return false;
        *ret = start;
        *ret_len = (size_t)(c->p - start);
        return true;
}

static bool next_u64(struct cursor *c, uint64_t *ret)
{
        const char *t;
        size_t n;
        return next_token(c, &t, &n) && num_parse_u64n(t, n, ret) == 0;
}

static bool next_i64(struct cursor *c, int64_t *ret)
{
        const char *t;
        size_t n;
        if (!next_token(c, &t, &n))
                return false;
        bool neg = t[0] == '-';
        uint64_t v;
        if (num_parse_u64n(t + neg, n - neg, &v) < 0 || v > (uint64_t)INT64_MAX)
                return false;
        *ret = neg ? -(int64_t)v : (int64_t)v;
        return true;
}

static bool skip_tokens(struct cursor *c, int n)
{
        const char *t;
        size_t l;
        while (n-- > 0)
                if (!next_token(c, &t, &l))
                        return false;
        return true;
}

/* Calls fn for each "key: value" line; the key excludes the colon. */
typedef void (*kv_fn)(const char *key, size_t key_len, struct cursor *value, void *ctx);

static void for_each_kv_line(const char *buf, size_t len, kv_fn fn, void *ctx)
{
        const char *p = buf, *end = buf + len;
        while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                const char *line_end = nl ? nl : end;
                const char *colon = memchr(p, ':', (size_t)(line_end - p));
                if (colon) {
                        struct cursor v = {colon + 1, line_end};
                        fn(p, (size_t)(colon - p), &v, ctx);
                }
                p = nl ? nl + 1 : end;
        }
}

static bool key_is(const char *key, size_t len, const char *want)
{
        return strlen(want) == len && memcmp(key, want, len) == 0;
}

/* ---- /proc/PID/stat ------------------------------------------------ */

int parse_stat(const char *buf, size_t len, struct pstat *ret)
{
        /* "PID (COMM) S PPID ...": COMM may hold spaces and parentheses, so
         * it ends at the last ')' of the line. */
        const char *open = memchr(buf, '(', len);
        if (!open)
                return -EINVAL;
        const char *close = NULL;
        for (const char *q = buf + len; q > open; q--)
                if (q[-1] == ')') {
                        close = q - 1;
                        break;
                }
        if (!close)
                return -EINVAL;

        struct pstat s = {0};
        uint64_t v;
        const char *pid_end = open;
        while (pid_end > buf && pid_end[-1] == ' ')
                pid_end--;
        if (num_parse_u64n(buf, (size_t)(pid_end - buf), &v) < 0 || v > INT32_MAX)
                return -EINVAL;
        s.pid = (int32_t)v;
        size_t comm_len = (size_t)(close - open - 1);
        if (comm_len > PSTAT_COMM_MAX)
                comm_len = PSTAT_COMM_MAX;
        memcpy(s.comm, open + 1, comm_len);
        s.comm[comm_len] = '\0';
        s.comm_len = comm_len;

        struct cursor c = {close + 1, buf + len};
        const char *t;
        size_t n;
        /* The kernel prints one letter of task_state_array ("RSDTtXZPI").
         * Anything else (a NUL or an escape, from a --sysroot file) is not a
         * stat line, and the STATE column prints the byte as it is (found
         * by tests/fuzz/fuzz_stat). */
        if (!next_token(&c, &t, &n) || n != 1 || !((t[0] >= 'A' && t[0] <= 'Z') || (t[0] >= 'a' && t[0] <= 'z')))
                return -EINVAL;
        s.state = t[0];
        int64_t ppid, priority, nice, threads;
        uint64_t flags;
        if (!next_i64(&c, &ppid) || !skip_tokens(&c, 4) || !next_u64(&c, &flags) ||
            !skip_tokens(&c, 4) || !next_u64(&c, &s.utime) || !next_u64(&c, &s.stime) ||
            !skip_tokens(&c, 2) || !next_i64(&c, &priority) || !next_i64(&c, &nice) ||
            !next_i64(&c, &threads) || !skip_tokens(&c, 1) || !next_u64(&c, &s.start_ticks) ||
            !next_u64(&c, &s.vsize) || !next_u64(&c, &s.rss_pages))
                return -EINVAL;
        if (ppid < 0 || ppid > INT32_MAX || nice < -20 || nice > 19 || threads < 0 ||
            threads > INT32_MAX || priority < INT32_MIN || priority > INT32_MAX)
                return -EINVAL;
        /* Optional: rsslim, then the three exec marks. */
        if (skip_tokens(&c, 1))
                for (int i = 0; i < 3 && next_u64(&c, &s.exec_marks[i]); i++)
                        ;
        s.ppid = (int32_t)ppid;
        s.flags = (uint32_t)flags;
        s.priority = (int32_t)priority;
        s.nice = (int32_t)nice;
        s.threads = (int32_t)threads;
        *ret = s;
        return 0;
}

/* ---- /proc/PID/io -------------------------------------------------- */

struct io_ctx {
        struct pio io;
        unsigned seen;
};

static void io_line(const char *key, size_t key_len, struct cursor *value, void *ctx)
{
        static const char *const keys[] = {"rchar", "wchar", "syscr", "syscw",
                                           "read_bytes", "write_bytes", "cancelled_write_bytes"};
        struct io_ctx *x = ctx;
        uint64_t *slots[] = {&x->io.rchar, &x->io.wchar, &x->io.syscr, &x->io.syscw,
                             &x->io.read_bytes, &x->io.write_bytes, &x->io.cancelled_write_bytes};
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
                if (key_is(key, key_len, keys[i]) && next_u64(value, slots[i]))
                        x->seen |= 1u << i;
}

int parse_io(const char *buf, size_t len, struct pio *ret)
{
        struct io_ctx x = {0};
        for_each_kv_line(buf, len, io_line, &x);
        /* rchar, wchar, read_bytes, write_bytes are what nstop shows. */
        const unsigned needed = 1u << 0 | 1u << 1 | 1u << 4 | 1u << 5;
        if ((x.seen & needed) != needed)
                return -EINVAL;
        *ret = x.io;
        return 0;
}

/* ---- /proc/PID/schedstat ------------------------------------------- */

int parse_schedstat(const char *buf, size_t len, struct psched *ret)
{
        struct cursor c = {buf, buf + len};
        struct psched v;
        if (!next_u64(&c, &v.runtime_ns) || !next_u64(&c, &v.wait_ns) || !next_u64(&c, &v.timeslices))
                return -EINVAL;
        while (c.p < c.end && (is_blank(*c.p) || *c.p == '\n'))
                c.p++;
        if (c.p != c.end)
                return -EINVAL;
        *ret = v;
        return 0;
}

/* ---- /proc/PID/status ---------------------------------------------- */

struct status_ctx {
        struct pstatus st;
        bool uid, gid;
};

static void status_line(const char *key, size_t key_len, struct cursor *value, void *ctx)
{
        struct status_ctx *x = ctx;
        uint64_t r, e;
        bool is_uid = key_is(key, key_len, "Uid");
        if (!is_uid && !key_is(key, key_len, "Gid"))
                return;
        if (!next_u64(value, &r) || !next_u64(value, &e) || r > UINT32_MAX || e > UINT32_MAX)
                return;
        if (is_uid) {
                x->st.ruid = (uint32_t)r, x->st.euid = (uint32_t)e;
                x->uid = true;
        } else {
                x->st.rgid = (uint32_t)r, x->st.egid = (uint32_t)e;
                x->gid = true;
        }
}

int parse_status(const char *buf, size_t len, struct pstatus *ret)
{
        struct status_ctx x = {0};
        for_each_kv_line(buf, len, status_line, &x);
        if (!x.uid || !x.gid)
                return -EINVAL;
        *ret = x.st;
        return 0;
}

/* ---- /proc/PID/cgroup ---------------------------------------------- */

/* Does line[0..n) look like the start of an entry, "ID:CTRL:/..."? */
static bool cgroup_line_start(const char *line, size_t n, struct cgroup_line *ret)
{
        const char *c1 = memchr(line, ':', n);
        if (!c1)
                return false;
        const char *c2 = memchr(c1 + 1, ':', n - (size_t)(c1 + 1 - line));
        if (!c2 || c2 + 1 >= line + n || c2[1] != '/')
                return false;
        uint64_t id;
        if (num_parse_u64n(line, (size_t)(c1 - line), &id) < 0 || id > UINT32_MAX)
                return false;
        ret->hierarchy_id = (uint32_t)id;
        ret->controllers = c1 + 1;
        ret->controllers_len = (size_t)(c2 - c1 - 1);
        ret->path = c2 + 1;
        ret->path_len = n - (size_t)(c2 + 1 - line);
        return true;
}

int parse_cgroup(const char *buf, size_t len, struct cgroup_line *out, size_t max)
{
        size_t count = 0;
        const char *p = buf, *end = buf + len;
        /* The file ends with a newline; a trailing one is not part of a path. */
        if (len > 0 && buf[len - 1] == '\n')
                end--;
        while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                const char *line_end = nl ? nl : end;
                struct cgroup_line l;
                bool fresh = cgroup_line_start(p, (size_t)(line_end - p), &l);
                for (size_t i = 0; fresh && i < count; i++)
                        if (out[i].hierarchy_id == l.hierarchy_id)
                                fresh = false;
                if (fresh) {
                        if (count == max)
                                return -EINVAL;
                        out[count++] = l;
                } else if (count > 0) {
                        /* A newline inside the previous cgroup's name. */
                        out[count - 1].path_len = (size_t)(line_end - out[count - 1].path);
                } else {
                        return -EINVAL;
                }
                p = nl ? nl + 1 : end;
        }
        return (int)count;
}

/* ---- mountinfo ----------------------------------------------------- */

/* Decodes \ooo escapes (the kernel's mangle() of space, tab, newline and
 * backslash) in place. "\000" stays as it is: no path holds a NUL, and a
 * decoded one would cut the string short (found by tests/fuzz/fuzz_mountinfo). */
static void unescape_octal(char *s)
{
        char *w = s;
        for (char *r = s; *r; r++) {
                if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' && r[2] >= '0' && r[2] <= '7' &&
                    r[3] >= '0' && r[3] <= '7' && (r[1] != '0' || r[2] != '0' || r[3] != '0')) {
                        *w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
                        r += 3;
                } else {
                        *w++ = *r;
                }
        }
        *w = '\0';
}

/* Splits off the next space-separated field, NUL-terminating it. */
static char *split_field(char **p, char *end)
{
        while (*p < end && **p == ' ')
                (*p)++;
        if (*p >= end)
                return NULL;
        char *start = *p;
        while (*p < end && **p != ' ')
                (*p)++;
        if (*p < end)
                *(*p)++ = '\0';
        else
                **p = '\0';
        return start;
}

static bool field_u32(const char *s, uint32_t *ret)
{
        uint64_t v;
        if (!s || num_parse_u64(s, &v) < 0 || v > UINT32_MAX)
                return false;
        *ret = (uint32_t)v;
        return true;
}

int parse_mountinfo_line(char *line, size_t len, struct mountinfo_entry *ret)
{
        /* The caller's buffer has room for a NUL at line[len] (see parse.h).
         * Write it first: the last field ends there, and a line without
         * super options points them at it, so it must not be left to chance
         * (a trailing blank made split_field stop short of writing it). */
        line[len] = '\0';
        char *p = line, *end = line + len;
        struct mountinfo_entry e = {0};
        char *id = split_field(&p, end), *parent = split_field(&p, end);
        char *devno = split_field(&p, end);
        e.root = split_field(&p, end);
        e.mount_point = split_field(&p, end);
        e.options = split_field(&p, end);
        if (!field_u32(id, &e.mount_id) || !field_u32(parent, &e.parent_id) || !devno ||
            !e.root || !e.mount_point || !e.options)
                return -EINVAL;
        char *colon = strchr(devno, ':');
        if (!colon)
                return -EINVAL;
        *colon = '\0';
        if (!field_u32(devno, &e.major) || !field_u32(colon + 1, &e.minor))
                return -EINVAL;
        /* Zero or more optional fields, then a lone "-". */
        char *f;
        while ((f = split_field(&p, end)) && strcmp(f, "-") != 0)
                ;
        if (!f)
                return -EINVAL;
        e.fstype = split_field(&p, end);
        e.source = split_field(&p, end);
        e.super_options = split_field(&p, end);
        if (!e.fstype || !e.source)
                return -EINVAL;
        if (!e.super_options)
                e.super_options = end; /* an empty string: line[len] is NUL */
        unescape_octal(e.root);
        unescape_octal(e.mount_point);
        unescape_octal(e.source);
        *ret = e;
        return 0;
}

/* ---- nsfs link text ------------------------------------------------ */

int parse_ns_link(const char *buf, size_t len, int *ret_type, uint64_t *ret_ino)
{
        const char *colon = memchr(buf, ':', len);
        if (!colon || colon == buf)
                return -EINVAL;
        size_t rest = len - (size_t)(colon - buf);
        if (rest < 4 || colon[1] != '[' || buf[len - 1] != ']')
                return -EINVAL;
        uint64_t ino;
        if (num_parse_u64n(colon + 2, rest - 3, &ino) < 0 || ino == 0)
                return -EINVAL;
        *ret_type = ns_type_lookup(buf, (size_t)(colon - buf));
        *ret_ino = ino;
        return 0;
}

/* ---- /proc/stat ---------------------------------------------------- */

static bool parse_cpu_line(struct cursor *c, struct cpu_ticks *ret)
{
        struct cpu_ticks t = {0};
        /* Older kernels have fewer columns (steal since 2.6.11, guest since
         * 2.6.24, guest_nice since 2.6.33): missing ones are 0. At least
         * user, nice, system, idle are required. */
        int i;
        for (i = 0; i < TICK_COUNT; i++)
                if (!next_u64(c, &t.t[i]))
                        break;
        if (i < 4)
                return false;
        t.id = ret->id;
        *ret = t;
        return true;
}

int parse_proc_stat(const char *buf, size_t len, struct cpu_ticks *total, struct cpu_ticks *percpu,
                    size_t max, size_t *ret_ncpu, uint64_t *ret_btime)
{
        const char *p = buf, *end = buf + len;
        bool have_total = false, have_btime = false;
        size_t ncpu = 0;
        struct cpu_ticks tot = {.id = -1};
        uint64_t btime = 0;
        while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                const char *line_end = nl ? nl : end;
                struct cursor c = {p, line_end};
                const char *key;
                size_t key_len;
                if (next_token(&c, &key, &key_len)) {
                        uint64_t id;
                        if (key_is(key, key_len, "cpu")) {
                                if (!parse_cpu_line(&c, &tot))
                                        return -EINVAL;
                                have_total = true;
                        } else if (key_len > 3 && memcmp(key, "cpu", 3) == 0 &&
                                   num_parse_u64n(key + 3, key_len - 3, &id) == 0 && id < INT32_MAX) {
                                struct cpu_ticks t = {.id = (int32_t)id};
                                if (!parse_cpu_line(&c, &t))
                                        return -EINVAL;
                                if (ncpu < max)
                                        percpu[ncpu++] = t;
                        } else if (key_is(key, key_len, "btime")) {
                                if (!next_u64(&c, &btime))
                                        return -EINVAL;
                                have_btime = true;
                        }
                }
                p = nl ? nl + 1 : end;
        }
        if (!have_total || !have_btime)
                return -EINVAL;
        *total = tot;
        *ret_ncpu = ncpu;
        *ret_btime = btime;
        return 0;
}

/* ---- /proc/meminfo, loadavg, uptime -------------------------------- */

static void meminfo_line(const char *key, size_t key_len, struct cursor *value, void *ctx)
{
        struct meminfo *m = ctx;
        static const char *const keys[] = {"MemTotal", "MemFree", "MemAvailable", "Buffers",
                                           "Cached", "SReclaimable", "SwapTotal", "SwapFree"};
        uint64_t *slots[] = {&m->total, &m->free, &m->available, &m->buffers,
                             &m->cached, &m->sreclaimable, &m->swap_total, &m->swap_free};
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
                if (key_is(key, key_len, keys[i]))
                        next_u64(value, slots[i]);
}

int parse_meminfo(const char *buf, size_t len, struct meminfo *ret)
{
        struct meminfo m;
        memset(&m, 0xff, sizeof(m));
        for_each_kv_line(buf, len, meminfo_line, &m);
        if (m.total == UINT64_MAX || m.free == UINT64_MAX)
                return -EINVAL;
        *ret = m;
        return 0;
}

/* A non-negative decimal with an optional fraction, as the kernel prints
 * load averages and uptime. */
static bool next_decimal(struct cursor *c, double *ret)
{
        const char *t;
        size_t n;
        if (!next_token(c, &t, &n))
                return false;
        char tmp[32];
        if (n >= sizeof(tmp))
                return false;
        memcpy(tmp, t, n);
        tmp[n] = '\0';
        return num_parse_decimal(tmp, ret) == 0;
}

int parse_loadavg(const char *buf, size_t len, double ret_load[3])
{
        struct cursor c = {buf, buf + len};
        double l[3];
        for (int i = 0; i < 3; i++)
                if (!next_decimal(&c, &l[i]))
                        return -EINVAL;
        memcpy(ret_load, l, sizeof(l));
        return 0;
}

int parse_uptime(const char *buf, size_t len, double *ret_uptime)
{
        struct cursor c = {buf, buf + len};
        double up;
        if (!next_decimal(&c, &up))
                return -EINVAL;
        *ret_uptime = up;
        return 0;
}
