/* cgquiet.c: cgroups whose CPU usage did not move; see cgquiet.h. */
#include "config.h"

#include "sample/cgquiet.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sample/readfile.h"
#include "util/hash.h"
#include "util/num.h"

/* One cgroup asked about. */
struct qent {
        uint64_t hash;
        int fd;               /* its usage file, kept; -1 none */
        uint64_t last, prev;  /* the usage at the last two reads */
        bool last_ok;         /* last could be read */
        bool last_before;     /* ... and was read before a scan */
        bool prev_ok;         /* prev could be read, before a scan */
        bool asked;           /* since the last refresh */
        size_t len;
        char path[];          /* as /proc/PID/cgroup names it */
};

struct cgquiet {
        int dirfd;
        int version;
        struct fd_budget *fds;
        struct qent **slots; /* open addressing, NULL empty */
        size_t cap, n;       /* cap a power of two, n <= cap / 2 */
};

int cgquiet_new(const char *dir, int version, struct fd_budget *fds, struct cgquiet **ret)
{
        struct cgquiet *q = calloc(1, sizeof(*q));
        if (!q)
                return -ENOMEM;
        q->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (q->dirfd < 0) {
                int r = -errno;
                free(q);
                return r;
        }
        q->version = version;
        q->fds = fds;
        *ret = q;
        return 0;
}

static void ent_free(struct cgquiet *q, struct qent *e)
{
        if (e->fd >= 0) {
                close(e->fd);
                fd_budget_give(q->fds);
        }
        free(e);
}

struct cgquiet *cgquiet_free(struct cgquiet *q)
{
        if (!q)
                return NULL;
        for (size_t i = 0; i < q->cap; i++)
                if (q->slots[i])
                        ent_free(q, q->slots[i]);
        free(q->slots);
        close(q->dirfd);
        free(q);
        return NULL;
}

static const char *usage_file(const struct cgquiet *q)
{
        return q->version == 1 ? "cpuacct.usage" : "cpu.stat";
}

static bool parse_usage(const struct cgquiet *q, const char *buf, size_t n, uint64_t *ret)
{
        if (q->version == 1) {
                while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
                        n--;
                return num_parse_u64n(buf, n, ret) == 0;
        }
        static const char key[] = "usage_usec ";
        if (n < sizeof(key) - 1 || memcmp(buf, key, sizeof(key) - 1) != 0)
                return false;
        const char *v = buf + sizeof(key) - 1, *end = memchr(v, '\n', n - (sizeof(key) - 1));
        return num_parse_u64n(v, end ? (size_t)(end - v) : n - (size_t)(v - buf), ret) == 0;
}

/* The usage file's path relative to the mount directory; false when the
 * cgroup path leaves it or is too long. */
static bool rel_path(const struct cgquiet *q, const struct qent *e, char *out, size_t cap)
{
        const char *p = e->path + 1; /* after the leading '/' */
        for (const char *c = p; *c;) {
                const char *slash = strchr(c, '/');
                size_t clen = slash ? (size_t)(slash - c) : strlen(c);
                if (clen == 2 && c[0] == '.' && c[1] == '.')
                        return false;
                c += clen + (slash ? 1 : 0);
        }
        int w = snprintf(out, cap, "%s%s%s", p, *p ? "/" : "", usage_file(q));
        return w > 0 && (size_t)w < cap;
}

/* Reads e's usage into e->last (last_ok says whether it could). */
static void ent_read(struct cgquiet *q, struct qent *e)
{
        char buf[256];
        ssize_t n = -1;
        if (e->fd >= 0) {
                n = read_fd_once(e->fd, buf, sizeof(buf));
                if (n < 0) { /* the cgroup went (or was made again): by name */
                        close(e->fd);
                        e->fd = -1;
                        fd_budget_give(q->fds);
                }
        }
        if (e->fd < 0) {
                char path[4096];
                n = -1;
                if (rel_path(q, e, path, sizeof(path))) {
                        int fd = openat(q->dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
                        if (fd >= 0) {
                                n = read_fd_once(fd, buf, sizeof(buf));
                                if (n >= 0 && fd_budget_take(q->fds))
                                        e->fd = fd;
                                else
                                        close(fd);
                        }
                }
        }
        e->last_ok = n >= 0 && parse_usage(q, buf, (size_t)n, &e->last);
}

static size_t slot_of(const struct cgquiet *q, uint64_t hash, const char *path, size_t len)
{
        size_t i = (size_t)hash & (q->cap - 1);
        while (q->slots[i] &&
               !(q->slots[i]->hash == hash && q->slots[i]->len == len && memcmp(q->slots[i]->path, path, len) == 0))
                i = (i + 1) & (q->cap - 1);
        return i;
}

/* Puts the entries v[0..n) into a table of cap slots. */
static int rebuild(struct cgquiet *q, struct qent **v, size_t n, size_t cap)
{
        struct qent **slots = calloc(cap, sizeof(*slots));
        if (!slots)
                return -ENOMEM;
        free(q->slots);
        q->slots = slots;
        q->cap = cap;
        q->n = n;
        for (size_t k = 0; k < n; k++)
                q->slots[slot_of(q, v[k]->hash, v[k]->path, v[k]->len)] = v[k];
        return 0;
}

/* The entries, taken out of the table (which then holds none). */
static struct qent **take_all(struct cgquiet *q)
{
        struct qent **v = malloc((q->n + 1) * sizeof(*v));
        if (!v)
                return NULL;
        size_t k = 0;
        for (size_t i = 0; i < q->cap; i++)
                if (q->slots[i])
                        v[k++] = q->slots[i];
        return v;
}

void cgquiet_refresh(struct cgquiet *q)
{
        if (!q->n)
                return;
        struct qent **v = take_all(q);
        if (!v)
                return; /* kept as they are: none is quiet without a new read */
        size_t kept = 0, was = q->n;
        for (size_t k = 0; k < was; k++) {
                struct qent *e = v[k];
                if (!e->asked) {
                        ent_free(q, e);
                        continue;
                }
                e->prev = e->last;
                e->prev_ok = e->last_ok && e->last_before;
                ent_read(q, e);
                e->last_before = true;
                e->asked = false;
                v[kept++] = e;
        }
        size_t cap = 64;
        while (cap < 2 * kept)
                cap *= 2;
        if (rebuild(q, v, kept, cap) < 0) {
                /* No table: forget them all rather than keep stale ones. */
                for (size_t k = 0; k < kept; k++)
                        ent_free(q, v[k]);
                memset(q->slots, 0, q->cap * sizeof(*q->slots));
                q->n = 0;
        }
        free(v);
}

/* The line of lines[0..n) in this hierarchy, or NULL. */
static const struct cgroup_line *pick_line(const struct cgquiet *q, const struct cgroup_line *lines, int n)
{
        for (int i = 0; i < n; i++) {
                const struct cgroup_line *l = &lines[i];
                if (q->version == 2) {
                        if (l->hierarchy_id == 0 && l->controllers_len == 0)
                                return l;
                        continue;
                }
                /* v1: the hierarchy whose controllers include cpuacct. */
                for (size_t c = 0; c < l->controllers_len;) {
                        const char *tok = l->controllers + c;
                        const char *comma = memchr(tok, ',', l->controllers_len - c);
                        size_t tlen = comma ? (size_t)(comma - tok) : l->controllers_len - c;
                        if (tlen == 7 && memcmp(tok, "cpuacct", 7) == 0)
                                return l;
                        c += tlen + 1;
                }
        }
        return NULL;
}

bool cgquiet_lines(struct cgquiet *q, const struct cgroup_line *lines, int n)
{
        const struct cgroup_line *l = pick_line(q, lines, n);
        if (!l || l->path_len == 0 || l->path[0] != '/')
                return false;
        uint64_t hash = hash_bytes(l->path, l->path_len);
        if (q->cap) {
                struct qent *e = q->slots[slot_of(q, hash, l->path, l->path_len)];
                if (e) {
                        e->asked = true;
                        return e->last_ok && e->prev_ok && e->last == e->prev;
                }
        }
        if (2 * (q->n + 1) > q->cap) {
                struct qent **v = take_all(q);
                if (!v || rebuild(q, v, q->n, q->cap ? 2 * q->cap : 64) < 0) {
                        free(v);
                        return false;
                }
                free(v);
        }
        struct qent *e = calloc(1, sizeof(*e) + l->path_len + 1);
        if (!e)
                return false;
        e->hash = hash;
        e->fd = -1;
        e->len = l->path_len;
        memcpy(e->path, l->path, l->path_len);
        e->asked = true;
        ent_read(q, e); /* mid-scan: a baseline only (last_before false) */
        q->slots[slot_of(q, hash, e->path, e->len)] = e;
        q->n++;
        return false;
}
