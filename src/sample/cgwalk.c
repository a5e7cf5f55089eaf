/* cgwalk.c: one hierarchy's walk with its cache; see cgwalk.h. */
#include "config.h"

#include "sample/cgwalk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/cgtree.h"
#include "sample/cgfiles.h"
#include "sample/cgparse.h"
#include "sample/readfile.h"
#include "util/buf.h"
#include "util/num.h"

/* Deeper trees are not walked: no real host nests cgroups this far, and
 * the walk must end even on a hostile tree. */
#define WALK_DEPTH_MAX 64

#define NONE ((size_t)-1)

/* What the last walk saw of one cgroup directory. The nodes of a
 * hierarchy are in pre-order: node i's subtree is [i, end). */
struct cgnode {
        char *name;  /* of its directory; "" for the top */
        uint64_t ino;
        size_t end;
        size_t parent;     /* NONE for the top */
        int wd;            /* its watch, -1 none */
        bool files_stale;  /* an event said its files changed */
        bool fileset_stale; /* ... not by a move: files may have come or gone */
        bool kids_stale;   /* an event said a child came or went */
        bool populated;    /* processes in its subtree at the last walk */
        bool clean;        /* its last read had no problem */
        bool carried;      /* taken over by the walk being built */
        double read_at;    /* when its files were read */
        double full_at;    /* ... all of them, settings too */
        struct cgroup_rec rec; /* its strings and io rows are owned here */
        struct cg_io_dev_rec *io;
        struct cg_kept kept; /* its counter files, open while read every refresh */
};

struct cgwd {
        int wd;
        uint32_t node;
};

struct walk_state {
        struct cgwalk *w;
        struct snapshot *s;
        uint32_t hier;
        int version;
        const char *controllers; /* v1: the hierarchy's */
        struct cgnode *old;
        size_t nold;
        struct cgnode *v; /* the new walk */
        size_t n, cap;
        int rootfd;
        struct buf path; /* the cgroup path, as in /proc/PID/cgroup */
        struct buf rel;  /* the same, relative to the mount directory */
        int err;
};

static void node_free(struct cgnode *d, struct fd_budget *b)
{
        cg_kept_close(&d->kept, b);
        free(d->name);
        free((char *)d->rec.controllers);
        free((char *)d->rec.cpuset_cpus);
        free((char *)d->rec.cpuset_mems);
        free(d->io);
}

/* ---- the records ----------------------------------------------------- */

static struct cgroup_rec *rec_append(struct walk_state *st)
{
        struct snapshot *s = st->s;
        uint32_t *capp = &st->w->cg_cap;
        if (s->ncgroups == *capp) {
                uint32_t cap = *capp ? *capp * 2 : 64;
                struct cgroup_rec *v = realloc(s->cgroups, cap * sizeof(*v));
                if (!v)
                        return NULL;
                s->cgroups = v;
                *capp = cap;
        }
        return &s->cgroups[s->ncgroups++];
}

static void words_to_list(const char *wd, size_t n, void *ctx)
{
        struct buf *b = ctx;
        if (b->len)
                buf_putc(b, ',');
        buf_put(b, wd, n);
}

/* v2: the controllers enabled for this cgroup, comma-separated. */
static const char *v2_controllers(struct snapshot *s, int dirfd)
{
        char text[1024];
        ssize_t n = read_small_at(dirfd, "cgroup.controllers", text, sizeof(text));
        if (n < 0)
                return "";
        struct buf b = {0};
        if (cg_parse_words(text, (size_t)n, words_to_list, &b) < 0 || b.failed) {
                buf_free(&b);
                return "";
        }
        const char *list = arena_strdup(&s->arena, buf_str(&b));
        buf_free(&b);
        return list ? list : "";
}

static char *dup_or_null(const char *t, bool *failed)
{
        if (!t)
                return NULL;
        char *d = strdup(t);
        if (!d)
                *failed = true;
        return d;
}

static const char *arena_or_null(struct snapshot *s, const char *t, bool *failed)
{
        if (!t)
                return NULL;
        const char *d = arena_strdup(&s->arena, t);
        if (!d)
                *failed = true;
        return d;
}

/* Keeps the values just read in the node, owning their strings. */
static int node_keep_values(struct cgnode *d, const struct snapshot *s, const struct cgroup_rec *c)
{
        free((char *)d->rec.controllers);
        free((char *)d->rec.cpuset_cpus);
        free((char *)d->rec.cpuset_mems);
        free(d->io);
        d->rec = *c;
        d->io = NULL;
        bool failed = false;
        d->rec.controllers = dup_or_null(c->controllers, &failed);
        d->rec.cpuset_cpus = dup_or_null(c->cpuset_cpus, &failed);
        d->rec.cpuset_mems = dup_or_null(c->cpuset_mems, &failed);
        if (c->io_dev_count) {
                d->io = malloc(c->io_dev_count * sizeof(*d->io));
                if (d->io)
                        memcpy(d->io, &s->cg_io_devs[c->io_dev_first], c->io_dev_count * sizeof(*d->io));
                else
                        failed = true;
        }
        if (failed) {
                d->rec.io_dev_count = 0;
                return -ENOMEM;
        }
        return 0;
}

/* Puts a node's kept values into the snapshot's record c. */
static int node_give_values(const struct cgnode *d, struct snapshot *s, struct cgroup_rec *c, uint32_t *io_cap)
{
        bool failed = false;
        *c = d->rec; /* kept as read: before names, members and rates */
        c->controllers = arena_or_null(s, d->rec.controllers, &failed);
        c->cpuset_cpus = arena_or_null(s, d->rec.cpuset_cpus, &failed);
        c->cpuset_mems = arena_or_null(s, d->rec.cpuset_mems, &failed);
        c->io_dev_first = s->ncg_io_devs;
        if (d->rec.io_dev_count) {
                uint32_t need = s->ncg_io_devs + d->rec.io_dev_count;
                if (need > *io_cap) {
                        uint32_t cap = *io_cap ? *io_cap : 64;
                        while (cap < need)
                                cap *= 2;
                        struct cg_io_dev_rec *v = realloc(s->cg_io_devs, cap * sizeof(*v));
                        if (!v)
                                return -ENOMEM;
                        s->cg_io_devs = v;
                        *io_cap = cap;
                }
                memcpy(&s->cg_io_devs[s->ncg_io_devs], d->io, d->rec.io_dev_count * sizeof(*d->io));
                s->ncg_io_devs = need;
        }
        return failed ? -ENOMEM : 0;
}

/* ---- the walk -------------------------------------------------------- */

/* The directory of the node being visited, opened on first need. */
static int open_rel(struct walk_state *st, int *dfd)
{
        if (*dfd == -1) {
                const char *rel = st->rel.len ? buf_str(&st->rel) : ".";
                *dfd = openat(st->rootfd, rel, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (*dfd < 0)
                        *dfd = -2;
        }
        return *dfd;
}

static struct cgnode *node_append(struct walk_state *st)
{
        if (st->n == st->cap) {
                /* The last walk's size first (see cgwalk_hier), then by eighths. */
                size_t cap = st->cap ? st->cap + st->cap / 8 + 64 : st->nold + st->nold / 16 + 64;
                struct cgnode *v = realloc(st->v, cap * sizeof(*v));
                if (!v)
                        return NULL;
                st->v = v;
                st->cap = cap;
        }
        return &st->v[st->n++];
}

struct child {
        char *name;
        uint64_t ino;
};

static int child_cmp(const void *a, const void *b)
{
        return cg_path_cmp(((const struct child *)a)->name, ((const struct child *)b)->name);
}

static void children_free(struct child *v, size_t n)
{
        for (size_t i = 0; i < n; i++)
                free(v[i].name);
        free(v);
}

/* The subdirectories of dirfd, sorted by name, with the inode numbers
 * readdir gives (on cgroupfs, those of the directories). */
static int list_children(int dirfd, struct child **ret, size_t *ret_n)
{
        int fd = dup(dirfd);
        DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
        if (!d) {
                if (fd >= 0)
                        close(fd);
                *ret = NULL;
                *ret_n = 0;
                return 0;
        }
        size_t n = 0, cap = 0;
        struct child *v = NULL;
        struct dirent *de;
        int r = 0;
        while ((de = readdir(d))) {
                if (de->d_name[0] == '.' && (!de->d_name[1] || (de->d_name[1] == '.' && !de->d_name[2])))
                        continue;
                struct stat sb;
                uint64_t ino = de->d_ino;
                /* d_type saves a stat per file; cgroupfs always sets it. */
                if (de->d_type == DT_UNKNOWN) {
                        if (fstatat(dirfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(sb.st_mode))
                                continue;
                        ino = sb.st_ino;
                } else if (de->d_type != DT_DIR) {
                        continue;
                }
                if (n == cap) {
                        size_t ncap = cap ? cap * 2 : 8;
                        struct child *nv = realloc(v, ncap * sizeof(*v));
                        if (!nv) {
                                r = -ENOMEM;
                                break;
                        }
                        v = nv;
                        cap = ncap;
                }
                if (!(v[n].name = strdup(de->d_name))) {
                        r = -ENOMEM;
                        break;
                }
                v[n++].ino = ino;
        }
        closedir(d);
        if (r < 0) {
                children_free(v, n);
                return r;
        }
        if (n)
                qsort(v, n, sizeof(*v), child_cmp);
        *ret = v;
        *ret_n = n;
        return 0;
}

/* The old node named name among old node p's children, or NONE. */
static size_t old_child(const struct walk_state *st, size_t p, const char *name)
{
        if (p == NONE)
                return NONE;
        /* A node already taken over gave its name away, and matches no
         * other directory. */
        for (size_t j = p + 1; j < st->old[p].end; j = st->old[j].end)
                if (!st->old[j].carried && strcmp(st->old[j].name, name) == 0)
                        return j;
        return NONE;
}

static bool can_trust(const struct walk_state *st, size_t old)
{
        return st->w->watch && old != NONE && st->old[old].wd >= 0;
}

static void visit(struct walk_state *st, size_t old, const char *name, uint64_t ino, uint32_t parent,
                  size_t pnode, uint32_t depth);

static void visit_children(struct walk_state *st, size_t old, int *dfd, uint32_t rec, size_t self, uint32_t depth)
{
        size_t pbase = st->path.len, rbase = st->rel.len;
        bool top = pbase == 1 && st->path.data[0] == '/';
        if (can_trust(st, old) && !st->old[old].kids_stale) {
                for (size_t j = old + 1; j < st->old[old].end && !st->err; j = st->old[j].end) {
                        buf_printf(&st->path, "%s%s", top ? "" : "/", st->old[j].name);
                        buf_printf(&st->rel, "%s%s", rbase ? "/" : "", st->old[j].name);
                        visit(st, j, st->old[j].name, st->old[j].ino, rec, self, depth + 1);
                        st->path.len = pbase;
                        st->rel.len = rbase;
                }
                return;
        }
        struct child *kids = NULL;
        size_t nkids = 0;
        if (open_rel(st, dfd) < 0)
                return;
        int r = list_children(*dfd, &kids, &nkids);
        if (r < 0) {
                st->err = r;
                return;
        }
        for (size_t i = 0; i < nkids && !st->err; i++) {
                size_t j = old_child(st, old, kids[i].name);
                /* Same name, other directory: removed and made again. */
                if (j != NONE && st->old[j].ino != kids[i].ino)
                        j = NONE;
                buf_printf(&st->path, "%s%s", top ? "" : "/", kids[i].name);
                buf_printf(&st->rel, "%s%s", rbase ? "/" : "", kids[i].name);
                visit(st, j, kids[i].name, kids[i].ino, rec, self, depth + 1);
                st->path.len = pbase;
                st->rel.len = rbase;
        }
        children_free(kids, nkids);
}

/* What the last walk read of a cgroup still tells, when its directory is
 * watched and no event came: its settings (limits, weights: they change
 * only when written) until CG_QUIET_MAX_AGE, and all of it while no
 * process is in its subtree. */
enum reuse { REUSE_NOTHING, REUSE_SETTINGS, REUSE_ALL };

static enum reuse what_holds(const struct walk_state *st, size_t old)
{
        if (!can_trust(st, old))
                return REUSE_NOTHING;
        const struct cgnode *d = &st->old[old];
        if (d->files_stale || !d->clean || st->w->now - d->full_at >= CG_QUIET_MAX_AGE)
                return REUSE_NOTHING;
        return d->populated || st->w->now - d->read_at >= CG_QUIET_MAX_AGE ? REUSE_SETTINGS : REUSE_ALL;
}

/* Whether node d keeps its counter files open: where they are read
 * every refresh (a watched directory with processes in its subtree), in a
 * live tree (a budget). Elsewhere they are read by name, as rarely as
 * CG_QUIET_MAX_AGE, and an fd would be held for nothing. */
static bool keeps_files(const struct walk_state *st, size_t old, const struct cgnode *d)
{
        return st->w->fds && can_trust(st, old) && d->populated;
}

/* Whether node d's kept set may lack files that exist now, or hold some
 * that are gone: after an event on its files other than a move (writing
 * cgroup.pressure shows or hides the PSI files; a v2 controller enabled
 * or disabled adds or removes files, though the kernel tells only the
 * parent), or when a full read finds other v2 controllers than those the
 * set was made for (d->rec's: the set was made with the values read
 * then). */
static bool kept_set_stale(const struct cgnode *d, const struct cgroup_rec *c, bool counters_only)
{
        if (!d->kept.open || counters_only)
                return false;
        const char *was = d->rec.controllers ? d->rec.controllers : "";
        return d->fileset_stale || strcmp(was, c->controllers ? c->controllers : "") != 0;
}

/* Reads node d's files into c: the counters only, or all of them. *dfd
 * is the directory (-1 not yet opened: only when counters_only and d's
 * files are kept). false: the cgroup is gone. */
static bool read_values(struct walk_state *st, struct cgroup_rec *c, int *dfd, struct cgnode *d, bool counters_only,
                        bool keep)
{
        struct snapshot *s = st->s;
        const struct cg_hier *h = &s->cg_hiers[st->hier];
        if (!counters_only)
                c->controllers = st->version == 2 ? v2_controllers(s, *dfd) : st->controllers;
        if (kept_set_stale(d, c, counters_only))
                cg_kept_close(&d->kept, st->w->fds);
        int r;
        if (keep && !d->kept.open && *dfd >= 0 &&
            (r = cg_keep_files(*dfd, st->version, c->controllers, st->w->fds, &d->kept)) == -ENOMEM) {
                st->err = r;
                return true;
        }
        /* Where the files are, for the warning line. */
        char where[4096];
        snprintf(where, sizeof(where), "%s%s%s", h->mount, st->rel.len ? "/" : "", buf_str(&st->rel));
        uint32_t problems = s->cg_problem.count;
        r = cg_read_files(*dfd, st->version, c->controllers, s, c, where, &st->w->io_cap, counters_only, &d->kept);
        if (r == -ESTALE) {
                /* A kept file failed: the directory tells whether the
                 * cgroup is gone; if not, its files are read by name and
                 * a new set is made next time. */
                cg_kept_close(&d->kept, st->w->fds);
                if (open_rel(st, dfd) < 0)
                        return false;
                r = cg_read_files(*dfd, st->version, c->controllers, s, c, where, &st->w->io_cap, counters_only,
                                  NULL);
        }
        if (r < 0) {
                st->err = r;
                return true;
        }
        d->clean = s->cg_problem.count == problems;
        d->files_stale = d->fileset_stale = false;
        if ((r = node_keep_values(d, s, c)) < 0)
                st->err = r;
        return true;
}

/* A new cgroup's first re-read comes at a time of its own, so that many
 * made at once are not all read again in the same refresh. */
static double first_read_at(double now, uint64_t ino)
{
        return now - (double)(ino % 997) / 997.0 * CG_QUIET_MAX_AGE;
}

/* Forgets the cgroup being visited, removed since it was listed: its
 * record, the IO rows given to or read for it (the last in the array) and
 * its node. */
static void drop_node(struct walk_state *st, struct cgnode *d, uint32_t rec)
{
        struct snapshot *s = st->s;
        if (s->cgroups[rec].io_dev_count)
                s->ncg_io_devs = s->cgroups[rec].io_dev_first;
        s->ncgroups--;
        if (d->wd >= 0 && st->w->watch)
                cgwatch_remove(st->w->watch, d->wd);
        node_free(d, st->w->fds);
        st->n--;
}

/* A new node for a directory the last walk did not see, watched. */
static int node_new(struct walk_state *st, struct cgnode *d, const char *name, uint64_t ino, int *dfd)
{
        memset(d, 0, sizeof(*d));
        d->wd = -1;
        d->ino = ino;
        if (!(d->name = strdup(name)))
                return -ENOMEM;
        if (!st->w->watch)
                return 0;
        char full[4096];
        snprintf(full, sizeof(full), "%s%s%s", st->w->mount_dir, st->rel.len ? "/" : "", buf_str(&st->rel));
        d->wd = cgwatch_add(st->w->watch, full);
        if (d->wd < 0)
                d->wd = -1;
        else if (!st->nold)
                st->w->fresh_watches = true;
        /* A process moved in before the watch was set raised no event: it
         * is re-read next time. */
        else if (open_rel(st, dfd) >= 0 && cg_read_procs(*dfd, ".", &st->w->moved) == -ENOMEM)
                return -ENOMEM;
        return 0;
}

static void visit(struct walk_state *st, size_t old, const char *name, uint64_t ino, uint32_t parent,
                  size_t pnode, uint32_t depth)
{
        struct snapshot *s = st->s;
        struct cgroup_rec *c = rec_append(st);
        struct cgnode *d = node_append(st);
        const char *path = c ? arena_strdup(&s->arena, buf_str(&st->path)) : NULL;
        if (!c || !d || !path || st->path.failed || st->rel.failed) {
                if (d)
                        st->n--;
                st->err = -ENOMEM;
                return;
        }
        size_t self = st->n - 1;
        uint32_t rec = s->ncgroups - 1;
        int dfd = -1;
        if (old != NONE) {
                /* Taken over whole, its strings, rows and files with it. */
                struct cgnode *o = &st->old[old];
                *d = *o;
                o->carried = true;
                o->name = NULL;
                memset(&o->rec, 0, sizeof(o->rec));
                o->io = NULL;
                memset(&o->kept, 0, sizeof(o->kept));
        } else {
                int r = node_new(st, d, name, ino, &dfd);
                if (r < 0) {
                        st->err = r;
                        if (!d->name)
                                return;
                }
        }
        d->parent = pnode;
        enum reuse reuse = what_holds(st, old);
        if (reuse != REUSE_NOTHING) {
                int r = node_give_values(d, s, c, &st->w->io_cap);
                if (r < 0)
                        st->err = r;
        } else {
                cg_rec_init(c);
        }
        bool keep = keeps_files(st, old, d);
        if (!keep)
                cg_kept_close(&d->kept, st->w->fds);
        if (reuse != REUSE_ALL && !st->err) {
                /* Counters read through kept files need no directory. */
                bool need_dir = reuse == REUSE_NOTHING || !d->kept.open;
                if ((need_dir && open_rel(st, &dfd) < 0) ||
                    !read_values(st, c, &dfd, d, reuse == REUSE_SETTINGS, keep)) {
                        if (dfd >= 0)
                                close(dfd);
                        drop_node(st, d, rec);
                        return;
                }
                d->read_at = old == NONE ? first_read_at(st->w->now, ino) : st->w->now;
                if (reuse == REUSE_NOTHING)
                        d->full_at = d->read_at;
        }
        /* The record's place and identity are this walk's. */
        c = &s->cgroups[rec];
        c->hier = st->hier;
        c->path = path;
        c->ino = ino;
        c->parent = parent;
        c->depth = depth;
        c->member_first = c->member_count = 0;
        d = &st->v[self];
        d->kids_stale = false;
        if (!st->err && depth < WALK_DEPTH_MAX)
                visit_children(st, old, &dfd, rec, self, depth);
        st->v[self].end = st->n;
        if (dfd >= 0)
                close(dfd);
}

int cgwalk_hier(struct cgwalk *w, struct cgcache *cache, struct snapshot *s, uint32_t hier, const char *root)
{
        const struct cg_hier *h = &s->cg_hiers[hier];
        struct walk_state st = {
                .w = w,
                .s = s,
                .hier = hier,
                .version = h->version,
                .controllers = h->controllers,
                .old = cache->v,
                .nold = cache->n,
        };
        st.rootfd = open(w->mount_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        struct stat sb;
        if (st.rootfd < 0 || fstat(st.rootfd, &sb) < 0) {
                /* Unmounted since the mount table was read. */
                if (st.rootfd >= 0)
                        close(st.rootfd);
                return 0;
        }
        buf_puts(&st.path, root);
        size_t top_old = st.nold && st.old[0].ino == sb.st_ino ? 0 : NONE;
        visit(&st, top_old, "", sb.st_ino, IDX_NONE, NONE, 0);
        close(st.rootfd);
        buf_free(&st.path);
        buf_free(&st.rel);
        /* What the new walk did not take over is gone (or past the depth). */
        for (size_t i = 0; i < st.nold; i++) {
                if (!st.old[i].carried && st.old[i].wd >= 0 && w->watch)
                        cgwatch_remove(w->watch, st.old[i].wd);
                node_free(&st.old[i], w->fds);
        }
        free(st.old);
        cache->v = st.v;
        cache->n = st.n;
        if (st.err) {
                cgcache_clear(cache, w->watch, w->fds);
                return st.err;
        }
        return 0;
}

/* ---- events and membership --------------------------------------------- */

void pid_list_free(struct pid_list *l)
{
        free(l->v);
        memset(l, 0, sizeof(*l));
}

int pid_list_add(struct pid_list *l, int32_t pid)
{
        if (l->n == l->cap) {
                size_t cap = l->cap ? l->cap * 2 : 64;
                int32_t *v = realloc(l->v, cap * sizeof(*v));
                if (!v)
                        return -ENOMEM;
                l->v = v;
                l->cap = cap;
        }
        l->v[l->n++] = pid;
        return 0;
}

int cg_read_procs(int dirfd, const char *dir, struct pid_list *out)
{
        char path[4096], *buf;
        snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
        ssize_t n = read_all_at(dirfd, path, 1 << 24, &buf);
        if (n < 0)
                return (int)n;
        int r = 0;
        for (char *p = buf, *end = buf + n; p < end && r == 0;) {
                char *nl = memchr(p, '\n', (size_t)(end - p));
                size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
                uint64_t pid;
                if (len && num_parse_u64n(p, len, &pid) == 0 && pid <= INT32_MAX)
                        r = pid_list_add(out, (int32_t)pid);
                p += len + 1;
        }
        free(buf);
        return r;
}

bool cgcache_rel_path(const struct cgcache *c, size_t i, char *out, size_t cap)
{
        /* Names from the node up to the top, written from the end. */
        size_t at = cap;
        if (cap == 0)
                return false;
        out[--at] = '\0';
        for (size_t j = i; j != NONE && c->v[j].parent != NONE; j = c->v[j].parent) {
                size_t len = strlen(c->v[j].name);
                if (len + 1 > at)
                        return false;
                at -= len;
                memcpy(out + at, c->v[j].name, len);
                out[--at] = '/';
        }
        if (at == cap - 1) {
                if (cap < 2)
                        return false;
                out[0] = '.', out[1] = '\0';
                return true;
        }
        memmove(out, out + at + 1, cap - at - 1); /* drop the leading '/' */
        return true;
}

void cgcache_note_members(struct cgcache *c, const struct snapshot *s, uint32_t top, bool unknown)
{
        /* In pre-order a node's subtree follows it: sum from the end. */
        for (size_t i = c->n; i-- > 0;) {
                struct cgnode *d = &c->v[i];
                bool p = unknown || s->cgroups[top + i].member_count > 0;
                for (size_t j = i + 1; !p && j < d->end; j = c->v[j].end)
                        p = c->v[j].populated;
                d->populated = p;
        }
}

void cgcache_event(struct cgcache *c, size_t i, enum cgw_event ev)
{
        if (i >= c->n)
                return;
        struct cgnode *d = &c->v[i];
        if (ev == CGW_CHILDREN)
                d->kids_stale = true;
        else if (ev == CGW_GONE)
                d->wd = -1;
        else {
                d->files_stale = true;
                /* Moving a process in adds or removes no file. */
                d->fileset_stale |= ev != CGW_MEMBERS;
        }
}

void cgcache_expire(struct cgcache *c)
{
        for (size_t i = 0; i < c->n; i++)
                c->v[i].files_stale = c->v[i].fileset_stale = c->v[i].kids_stale = true;
}

size_t cgcache_find(const struct cgcache *c, int wd)
{
        for (size_t i = 0; i < c->n; i++)
                if (c->v[i].wd == wd)
                        return i;
        return NONE;
}

void cgcache_clear(struct cgcache *c, struct cgwatch *w, struct fd_budget *b)
{
        for (size_t i = 0; i < c->n; i++) {
                if (c->v[i].wd >= 0 && w)
                        cgwatch_remove(w, c->v[i].wd);
                node_free(&c->v[i], b);
        }
        free(c->v);
        c->v = NULL;
        c->n = 0;
}
