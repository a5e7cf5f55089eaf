/* cgroupfs.c: hierarchies, tree walk and membership; see cgroupfs.h. */
#include "config.h"

#include "sample/cgroupfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/cgtree.h"
#include "sample/cgparse.h"
#include "sample/cgwalk.h"
#include "sample/cgwatch.h"
#include "util/buf.h"

struct hier_info {
        char *name;
        int version;
        char *controllers; /* v1: from the mount; v2: filled per scan */
        char *mount, *mount_root;
        struct cgcache cache; /* its last walk */
        uint32_t top;         /* its first record in the last snapshot */
};

struct cgroupfs {
        char *sysroot; /* "" for the live system */
        struct hier_info *h;
        size_t nh;
        struct cgwatch *watch; /* NULL: no inotify (or fixtures) */
        struct fd_budget *fds; /* for the kept counter files; NULL: keep none */
        bool fresh_watches;    /* the last walk watched a hierarchy for the first time */
        struct pid_list moved; /* processes in cgroups the last walk found new */
};

int cgroupfs_new(const char *sysroot, struct cgroupfs **ret)
{
        struct cgroupfs *c = calloc(1, sizeof(*c));
        if (!c || !(c->sysroot = strdup(sysroot ? sysroot : ""))) {
                free(c);
                return -ENOMEM;
        }
        /* Fixture trees change between snapshots without events, and a
         * system without inotify is read in full each time. */
        if (!sysroot && cgwatch_new(&c->watch) < 0)
                c->watch = NULL;
        *ret = c;
        return 0;
}

void cgroupfs_keep_fds(struct cgroupfs *c, struct fd_budget *b)
{
        /* Fixture trees are rewritten between snapshots: read by name. */
        if (!c->sysroot[0])
                c->fds = b;
}

static void hier_free(struct cgroupfs *c, struct hier_info *h)
{
        free(h->name);
        free(h->controllers);
        free(h->mount);
        free(h->mount_root);
        cgcache_clear(&h->cache, c->watch, c->fds);
}

static void hiers_clear(struct cgroupfs *c)
{
        for (size_t i = 0; i < c->nh; i++)
                hier_free(c, &c->h[i]);
        free(c->h);
        c->h = NULL;
        c->nh = 0;
}

struct cgroupfs *cgroupfs_free(struct cgroupfs *c)
{
        if (!c)
                return NULL;
        hiers_clear(c);
        cgwatch_free(c->watch);
        pid_list_free(&c->moved);
        free(c->sysroot);
        free(c);
        return NULL;
}

/* ---- discovery --------------------------------------------------------- */

static int hier_cmp(const void *a, const void *b)
{
        const struct hier_info *x = a, *y = b;
        if (x->version != y->version)
                return y->version - x->version; /* v2 first */
        return strcmp(x->name, y->name);
}

static struct hier_info *hier_by_name(struct cgroupfs *c, const char *name)
{
        for (size_t i = 0; i < c->nh; i++)
                if (strcmp(c->h[i].name, name) == 0 || cg_same_hierarchy(c->h[i].name, strlen(c->h[i].name), name,
                                                                          strlen(name)))
                        return &c->h[i];
        return NULL;
}

/* A v1 hierarchy's controllers: its name without the "name=X" item, which
 * names the hierarchy and is no controller ("name=systemd" has none). */
static char *v1_controller_list(const char *name)
{
        char *out = malloc(strlen(name) + 1);
        if (!out)
                return NULL;
        size_t len = 0;
        for (const char *p = name; *p;) {
                size_t n = strcspn(p, ",");
                if (strncmp(p, "name=", 5) != 0) {
                        if (len)
                                out[len++] = ',';
                        memcpy(out + len, p, n);
                        len += n;
                }
                p += n + (p[n] == ',');
        }
        out[len] = '\0';
        return out;
}

static int hier_add(struct cgroupfs *c, const char *name, int version, const struct mountinfo_entry *e)
{
        struct hier_info *old = hier_by_name(c, name);
        /* The same hierarchy mounted twice: keep the mount of its root. */
        if (old && (strcmp(old->mount_root, "/") == 0 || strcmp(e->root, "/") != 0))
                return 0;
        if (!old) {
                struct hier_info *v = realloc(c->h, (c->nh + 1) * sizeof(*v));
                if (!v)
                        return -ENOMEM;
                c->h = v;
                old = &c->h[c->nh++];
                memset(old, 0, sizeof(*old));
        } else {
                free(old->name);
                free(old->controllers);
                free(old->mount);
                free(old->mount_root);
        }
        old->version = version;
        old->name = strdup(name);
        old->controllers = version == 1 ? v1_controller_list(name) : strdup("");
        old->mount = strdup(e->mount_point);
        old->mount_root = strdup(e->root);
        if (!old->name || !old->controllers || !old->mount || !old->mount_root)
                return -ENOMEM;
        return 0;
}

static bool same_hier(const struct hier_info *a, const struct hier_info *b)
{
        return a->version == b->version && strcmp(a->name, b->name) == 0 && strcmp(a->mount, b->mount) == 0 &&
               strcmp(a->mount_root, b->mount_root) == 0;
}

/* Gives each new hierarchy the last walk of the same one in the old list
 * (none when adopt is false), and frees the old list. Why: the mount
 * table changes whenever anything is mounted (a container started, a
 * network namespace bound), and a hierarchy still mounted where it was is
 * the same tree: dropping its cache would list every directory and watch
 * it again. */
static void adopt_caches(struct cgroupfs *c, struct hier_info *old, size_t nold, bool adopt)
{
        for (size_t i = 0; i < nold; i++) {
                for (size_t j = 0; adopt && j < c->nh && old[i].cache.v; j++) {
                        if (!c->h[j].cache.v && same_hier(&c->h[j], &old[i])) {
                                c->h[j].cache = old[i].cache;
                                old[i].cache = (struct cgcache){0};
                        }
                }
                hier_free(c, &old[i]);
        }
        free(old);
}

int cgroupfs_set_mounts(struct cgroupfs *c, const struct mountinfo_entry *e, size_t count)
{
        struct hier_info *old = c->h;
        size_t nold = c->nh;
        c->h = NULL;
        c->nh = 0;
        int r = 0;
        for (size_t i = 0; i < count && r == 0; i++) {
                char name[256];
                if (strcmp(e[i].fstype, "cgroup2") == 0)
                        r = hier_add(c, "unified", 2, &e[i]);
                else if (strcmp(e[i].fstype, "cgroup") == 0 &&
                         cg_v1_hierarchy_name(e[i].super_options, strlen(e[i].super_options), name, sizeof(name)) == 0)
                        r = hier_add(c, name, 1, &e[i]);
        }
        if (r == 0 && c->nh)
                qsort(c->h, c->nh, sizeof(*c->h), hier_cmp);
        /* Failed half-way (a name may be missing): no cache is kept. */
        adopt_caches(c, old, nold, r == 0);
        return r;
}

/* ---- the walk -------------------------------------------------------------- */

static int copy_hiers(struct cgroupfs *c, struct snapshot *s)
{
        s->cg_hiers = calloc(c->nh + 1, sizeof(*s->cg_hiers));
        if (!s->cg_hiers)
                return -ENOMEM;
        for (size_t i = 0; i < c->nh; i++) {
                struct cg_hier *h = &s->cg_hiers[i];
                h->name = arena_strdup(&s->arena, c->h[i].name);
                h->version = (uint8_t)c->h[i].version;
                h->controllers = arena_strdup(&s->arena, c->h[i].controllers);
                h->mount = arena_strdup(&s->arena, c->h[i].mount);
                h->mount_root = arena_strdup(&s->arena, c->h[i].mount_root);
                if (!h->name || !h->controllers || !h->mount || !h->mount_root)
                        return -ENOMEM;
        }
        s->ncg_hiers = (uint32_t)c->nh;
        return 0;
}

static int walk_hier(struct cgroupfs *c, struct cgwalk *w, struct snapshot *s, uint32_t hier)
{
        struct hier_info *hi = &c->h[hier];
        char dir[4096];
        snprintf(dir, sizeof(dir), "%s%s", c->sysroot, hi->mount);
        w->mount_dir = dir;
        hi->top = s->ncgroups;
        int r = cgwalk_hier(w, &hi->cache, s, hier, hi->mount_root);
        /* v2: the hierarchy's controllers are those of its top cgroup. */
        if (r == 0 && hi->version == 2 && s->ncgroups > hi->top)
                s->cg_hiers[hier].controllers = s->cgroups[hi->top].controllers;
        return r;
}

/* ---- membership -------------------------------------------------------------- */

static uint32_t ref_hier(const struct snapshot *s, const char *name)
{
        uint32_t h = cg_find_hier(s, name);
        if (h != IDX_NONE)
                return h;
        /* Co-mounted controllers may be listed in another order. */
        for (h = 0; h < s->ncg_hiers; h++)
                if (cg_same_hierarchy(s->cg_hiers[h].name, strlen(s->cg_hiers[h].name), name, strlen(name)))
                        return h;
        return IDX_NONE;
}

/* The cgroup a ref names. Refs of one snapshot are interned (equal
 * strings are one pointer), so each distinct (hierarchy, path) is looked
 * up once and remembered by its pointers. */
struct ref_memo {
        const char *h, *path;
        uint32_t cg;
};

struct memo {
        struct ref_memo *v;
        size_t cap, n; /* cap a power of two; at most half full */
};

static size_t memo_slot(const struct memo *m, const char *h, const char *path)
{
        size_t j = (((uintptr_t)path >> 3) ^ ((uintptr_t)h >> 3) * 31) & (m->cap - 1);
        while (m->v[j].path && (m->v[j].path != path || m->v[j].h != h))
                j = (j + 1) & (m->cap - 1);
        return j;
}

static int memo_grow(struct memo *m)
{
        struct memo g = {.cap = m->cap ? m->cap * 2 : 256};
        if (!(g.v = calloc(g.cap, sizeof(*g.v))))
                return -ENOMEM;
        for (size_t i = 0; i < m->cap; i++)
                if (m->v[i].path)
                        g.v[memo_slot(&g, m->v[i].h, m->v[i].path)] = m->v[i];
        g.n = m->n;
        free(m->v);
        *m = g;
        return 0;
}

static int ref_cgroup(struct memo *m, const struct snapshot *s, const struct cgroup_ref *r, uint32_t *ret)
{
        if (2 * (m->n + 1) > m->cap && memo_grow(m) < 0)
                return -ENOMEM;
        size_t j = memo_slot(m, r->hierarchy, r->path);
        if (!m->v[j].path) {
                uint32_t h = ref_hier(s, r->hierarchy);
                m->v[j] = (struct ref_memo){r->hierarchy, r->path, h == IDX_NONE ? IDX_NONE : cg_find(s, h, r->path)};
                m->n++;
        }
        *ret = m->v[j].cg;
        return 0;
}

/* The cgroup of each of the processes' refs, in process order (IDX_NONE:
 * none in this snapshot), in *ret; each cgroup's member count in
 * c->member_count. 0 or -ENOMEM. */
static int ref_cgroups(struct snapshot *s, uint32_t **ret)
{
        /* Refs are shared between processes: count each process's first. */
        size_t n = 0;
        for (uint32_t i = 0; i < s->nprocs; i++)
                n += s->procs[i].cgroup_count;
        uint32_t *cg = malloc((n + 1) * sizeof(*cg));
        struct memo memo = {0};
        if (!cg)
                return -ENOMEM;
        size_t k = 0;
        for (uint32_t i = 0; i < s->nprocs; i++) {
                const struct proc_rec *p = &s->procs[i];
                for (uint32_t j = 0; j < p->cgroup_count; j++, k++) {
                        if (ref_cgroup(&memo, s, &s->cgroup_refs[p->cgroup_first + j], &cg[k]) < 0) {
                                free(memo.v);
                                free(cg);
                                return -ENOMEM;
                        }
                        if (cg[k] != IDX_NONE)
                                s->cgroups[cg[k]].member_count++;
                }
        }
        free(memo.v);
        *ret = cg;
        return 0;
}

/* s->cg_members: each cgroup's processes, cgroups in their order, the
 * processes of one in ascending index. A counting sort: the counts give
 * each cgroup its slice, then the processes, taken in index order, are
 * put in their cgroups' slices (no sort of the ~(processes x
 * hierarchies) pairs). */
static int memberships(struct snapshot *s)
{
        uint32_t *cg;
        int r = ref_cgroups(s, &cg);
        if (r < 0)
                return r;
        uint32_t n = 0;
        for (uint32_t i = 0; i < s->ncgroups; i++) {
                struct cgroup_rec *c = &s->cgroups[i];
                if (c->member_count)
                        c->member_first = n;
                n += c->member_count;
        }
        s->cg_members = malloc(((size_t)n + 1) * sizeof(*s->cg_members));
        uint32_t *next = malloc(((size_t)s->ncgroups + 1) * sizeof(*next));
        if (!s->cg_members || !next) {
                free(next);
                free(cg);
                return -ENOMEM;
        }
        for (uint32_t i = 0; i < s->ncgroups; i++)
                next[i] = s->cgroups[i].member_first;
        size_t k = 0;
        for (uint32_t i = 0; i < s->nprocs; i++)
                for (uint32_t j = 0; j < s->procs[i].cgroup_count; j++, k++)
                        if (cg[k] != IDX_NONE)
                                s->cg_members[next[cg[k]]++] = i;
        s->ncg_members = n;
        free(next);
        free(cg);
        return 0;
}

/* Records, in each hierarchy's cache, which cgroups have processes. */
static void note_members(struct cgroupfs *c, const struct snapshot *s)
{
        /* A process whose cgroups could not be read (not one that just
         * left) may be in any of them. */
        bool unknown = false;
        for (uint32_t i = 0; i < s->nprocs && !unknown; i++)
                unknown = !s->procs[i].cgroups_known && (s->procs[i].problems & (1u << PROBLEM_CGROUP));
        for (size_t h = 0; h < c->nh; h++)
                cgcache_note_members(&c->h[h].cache, s, c->h[h].top, unknown);
}

bool cgroupfs_usage_hier(const struct cgroupfs *c, char *dir, size_t cap, int *version)
{
        if (*c->sysroot)
                return false;
        const struct hier_info *v2 = NULL;
        for (size_t i = 0; i < c->nh; i++) {
                const struct hier_info *h = &c->h[i];
                if (strcmp(h->mount_root, "/") != 0)
                        continue;
                if (h->version == 1 && cg_list_has(h->controllers, "cpuacct")) {
                        *version = 1;
                        return snprintf(dir, cap, "%s", h->mount) < (int)cap;
                }
                if (h->version == 2 && !v2)
                        v2 = h;
        }
        if (!v2)
                return false;
        *version = 2;
        return snprintf(dir, cap, "%s", v2->mount) < (int)cap;
}

int cgroupfs_scan(struct cgroupfs *c, struct snapshot *s)
{
        int r = copy_hiers(c, s);
        if (r < 0)
                return r;
        struct cgwalk w = {.watch = c->watch, .fds = c->fds, .now = s->time, .moved = c->moved};
        for (uint32_t h = 0; h < s->ncg_hiers && r == 0; h++)
                r = walk_hier(c, &w, s, h);
        c->fresh_watches = w.fresh_watches;
        c->moved = w.moved;
        if (s->ncgroups && s->ncgroups < w.cg_cap) {
                struct cgroup_rec *fit = realloc(s->cgroups, s->ncgroups * sizeof(*fit));
                if (fit)
                        s->cgroups = fit;
        }
        if (r == 0 && (r = memberships(s)) == 0)
                note_members(c, s);
        return r;
}

bool cgroupfs_watched(const struct cgroupfs *c)
{
        return c->watch != NULL;
}

struct drain_ctx {
        struct cgroupfs *c;
        struct pid_list *moved;
        bool all;
};

/* Adds the processes now in node i's directory, or in its child name
 * (NULL: the node itself), to the ones to read again. */
static void add_members(struct drain_ctx *x, size_t h, size_t i, const char *name)
{
        const struct hier_info *hi = &x->c->h[h];
        char rel[4096], dir[4096];
        if (!cgcache_rel_path(&hi->cache, i, rel, sizeof(rel))) {
                x->all = true;
                return;
        }
        int len = snprintf(dir, sizeof(dir), "%s%s/%s%s%s", x->c->sysroot, hi->mount, rel, name ? "/" : "",
                           name ? name : "");
        if (len < 0 || (size_t)len >= sizeof(dir)) {
                x->all = true;
                return;
        }
        /* A cgroup removed since is no matter; out of memory, read all. */
        if (cg_read_procs(AT_FDCWD, dir, x->moved) == -ENOMEM)
                x->all = true;
}

static void on_event(void *ctx, int wd, enum cgw_event ev, const char *name)
{
        struct drain_ctx *x = ctx;
        struct cgroupfs *c = x->c;
        if (ev == CGW_OVERFLOW) {
                for (size_t h = 0; h < c->nh; h++)
                        cgcache_expire(&c->h[h].cache);
                x->all = true;
                return;
        }
        for (size_t h = 0; h < c->nh; h++) {
                size_t i = cgcache_find(&c->h[h].cache, wd);
                if (i == (size_t)-1)
                        continue;
                /* A process written into this cgroup, or a child made
                 * (one may have been moved into it before the walk
                 * watches it): the processes there now are read again. */
                if (ev == CGW_MEMBERS)
                        add_members(x, h, i, NULL);
                else if (ev == CGW_CHILDREN && *name)
                        add_members(x, h, i, name);
                cgcache_event(&c->h[h].cache, i, ev);
                return;
        }
}

int cgroupfs_drain(struct cgroupfs *c, struct pid_list *moved, bool *ret_all)
{
        struct drain_ctx x = {.c = c, .moved = moved, .all = c->fresh_watches};
        c->fresh_watches = false;
        for (size_t i = 0; i < c->moved.n && !x.all; i++)
                if (pid_list_add(moved, c->moved.v[i]) < 0)
                        x.all = true;
        c->moved.n = 0;
        int r = c->watch ? cgwatch_drain(c->watch, on_event, &x) : 0;
        if (r < 0) {
                /* Cannot tell what changed: take it all as changed. */
                for (size_t h = 0; h < c->nh; h++)
                        cgcache_expire(&c->h[h].cache);
                x.all = true;
        }
        *ret_all = x.all;
        return 0;
}

void cgroupfs_expire(struct cgroupfs *c)
{
        for (size_t h = 0; h < c->nh; h++)
                cgcache_expire(&c->h[h].cache);
}

/* ---- --cgroup -------------------------------------------------------------- */

static int target_add(struct cg_target **v, size_t *n, const char *hier, const char *path)
{
        struct cg_target *nv = realloc(*v, (*n + 1) * sizeof(*nv));
        if (!nv)
                return -ENOMEM;
        *v = nv;
        nv[*n].hier = strdup(hier);
        nv[*n].path = strdup(path);
        if (!nv[*n].hier || !nv[*n].path) {
                free(nv[*n].hier);
                free(nv[*n].path);
                return -ENOMEM;
        }
        (*n)++;
        return 0;
}

static bool is_dir(const struct cgroupfs *c, const char *path, int *ret_err)
{
        char full[4096];
        struct stat st;
        snprintf(full, sizeof(full), "%s%s", c->sysroot, path);
        if (stat(full, &st) < 0) {
                *ret_err = errno;
                return false;
        }
        *ret_err = S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
        return *ret_err == 0;
}

/* "ARG ... (mounted: unified at /sys/fs/cgroup/unified, ...)" */
static int resolve_fail(const struct cgroupfs *c, const char *arg, const char *why, char **cause)
{
        struct buf b = {0};
        buf_printf(&b, "cgroup '%s' not found: %s; mounted hierarchies: ", arg, why);
        for (size_t i = 0; i < c->nh; i++)
                buf_printf(&b, "%s%s at %s", i ? ", " : "", c->h[i].name, c->h[i].mount);
        if (!c->nh)
                buf_puts(&b, "none");
        *cause = b.failed ? NULL : strdup(buf_str(&b));
        buf_free(&b);
        return -ENOENT;
}

/* ARG without trailing slashes ("/" stays). */
static char *trimmed(const char *arg)
{
        char *t = strdup(arg);
        if (t)
                for (size_t n = strlen(t); n > 1 && t[n - 1] == '/'; n--)
                        t[n - 1] = '\0';
        return t;
}

/* The hierarchy mounted at the longest prefix of arg, or NULL. */
static const struct hier_info *mounted_at(const struct cgroupfs *c, const char *arg)
{
        const struct hier_info *best = NULL;
        for (size_t i = 0; i < c->nh; i++)
                if (cg_path_under(arg, c->h[i].mount) && (!best || strlen(c->h[i].mount) > strlen(best->mount)))
                        best = &c->h[i];
        return best;
}

static int resolve_absolute(const struct cgroupfs *c, const struct hier_info *h, const char *arg,
                            struct cg_target **v, size_t *n, char **cause)
{
        int err;
        if (!is_dir(c, arg, &err))
                return resolve_fail(c, arg, strerror(err), cause);
        const char *rest = arg + strlen(h->mount);
        char path[4096];
        if (strcmp(h->mount_root, "/") == 0)
                snprintf(path, sizeof(path), "%s", *rest ? rest : "/");
        else
                snprintf(path, sizeof(path), "%s%s", h->mount_root, rest);
        return target_add(v, n, h->name, path);
}

static int resolve_relative(const struct cgroupfs *c, const char *arg, struct cg_target **v, size_t *n)
{
        for (size_t i = 0; i < c->nh; i++) {
                const struct hier_info *h = &c->h[i];
                if (!cg_path_under(arg, h->mount_root))
                        continue;
                char dir[4096];
                const char *rest = strcmp(h->mount_root, "/") == 0 ? arg : arg + strlen(h->mount_root);
                snprintf(dir, sizeof(dir), "%s%s", h->mount, strcmp(rest, "/") == 0 ? "" : rest);
                int err;
                if (is_dir(c, dir, &err)) {
                        int r = target_add(v, n, h->name, arg);
                        if (r < 0)
                                return r;
                }
        }
        return 0;
}

int cgroupfs_resolve(const struct cgroupfs *c, const char *arg, struct cg_target **ret, size_t *ret_count,
                     char **cause)
{
        *cause = NULL;
        if (arg[0] != '/')
                return resolve_fail(c, arg, "expected an absolute path", cause);
        char *t = trimmed(arg);
        if (!t)
                return -ENOMEM;
        struct cg_target *v = NULL;
        size_t n = 0;
        const struct hier_info *h = mounted_at(c, t);
        int r = h ? resolve_absolute(c, h, t, &v, &n, cause) : resolve_relative(c, t, &v, &n);
        if (r == 0 && n == 0)
                r = resolve_fail(c, arg, "not a cgroup of any mounted hierarchy", cause);
        free(t);
        if (r < 0) {
                cg_targets_free(v, n);
                return r;
        }
        *ret = v;
        *ret_count = n;
        return 0;
}
