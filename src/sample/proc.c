/* proc.c: the /proc walk with its identity cache; see proc.h. */
#include "config.h"

#include "sample/proc.h"

#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sample/parse.h"
#include "sample/readfile.h"
#include "util/err.h"
#include "util/num.h"

/* Command lines longer than this are cut (the kernel allows megabytes). */
enum { CMDLINE_LIMIT = 32 * 1024, CGROUP_LIMIT = 64 * 1024, CGROUP_LINES_MAX = 64 };

/* What the scanner remembers about one process between refreshes. */
struct pentry {
        int32_t pid;
        bool moved; /* carried over to the new cache: do not free */
        uint64_t start_ticks;
        char comm[PSTAT_COMM_MAX + 1];
        uint64_t exec_marks[3]; /* from stat: change on exec */
        char *cmdline; /* NULL unknown */
        int cmdline_err;
        uint32_t dir_uid; /* owner of /proc/PID: changes when the euid does */
        uint32_t uid;     /* U32_UNKNOWN */
        int status_err;
        const char *user; /* owned by struct users */
        double slow_read_at; /* when ns, root and cgroup were read; -inf never */
        bool slow_read_zombie; /* the process was a zombie at that read */
        uint64_t ns_ino[NS_TYPE_COUNT];
        int ns_err;
        char *root;
        int8_t chrooted;
        int root_err;
        char *cgroup_raw;
        struct cgroup_line cg[CGROUP_LINES_MAX];
        int ncg; /* < 0: unknown (-errno) */
};

struct pcache {
        struct pentry *v;
        size_t n, cap;
};

struct proc_scanner {
        struct proc_scanner_config cfg;
        DIR *dir;
        struct pcache cache, next;
        size_t cursor;
        struct stat self_root;
        char self_root_link[4096];
};

static void pentry_release(struct pentry *e)
{
        free(e->cmdline);
        free(e->root);
        free(e->cgroup_raw);
}

static void pcache_clear(struct pcache *c)
{
        for (size_t i = 0; i < c->n; i++)
                if (!c->v[i].moved)
                        pentry_release(&c->v[i]);
        c->n = 0;
}

int proc_scanner_new(const struct proc_scanner_config *cfg, struct proc_scanner **ret)
{
        struct proc_scanner *sc = calloc(1, sizeof(*sc));
        if (!sc)
                return -ENOMEM;
        sc->cfg = *cfg;
        int dfd = dup(cfg->proc_fd);
        if (dfd < 0 || !(sc->dir = fdopendir(dfd))) {
                int r = -errno;
                if (dfd >= 0)
                        close(dfd);
                free(sc);
                return r;
        }
        if (fstatat(cfg->proc_fd, "self/root", &sc->self_root, 0) < 0)
                memset(&sc->self_root, 0, sizeof(sc->self_root));
        if (readlink_small_at(cfg->proc_fd, "self/root", sc->self_root_link, sizeof(sc->self_root_link)) < 0)
                strcpy(sc->self_root_link, "/");
        *ret = sc;
        return 0;
}

struct proc_scanner *proc_scanner_free(struct proc_scanner *sc)
{
        if (!sc)
                return NULL;
        pcache_clear(&sc->cache);
        pcache_clear(&sc->next);
        free(sc->cache.v);
        free(sc->next.v);
        closedir(sc->dir);
        free(sc);
        return NULL;
}

/* The cached entry for pid, found by walking the old cache in step with
 * readdir (which lists /proc in ascending pid order), with a binary search
 * as the fallback for any out-of-order entry. */
static struct pentry *pcache_find(struct proc_scanner *sc, int32_t pid)
{
        struct pcache *c = &sc->cache;
        while (sc->cursor < c->n && c->v[sc->cursor].pid < pid)
                sc->cursor++;
        size_t at = sc->cursor;
        if (at >= c->n || c->v[at].pid != pid) {
                size_t lo = 0, hi = c->n;
                while (lo < hi) {
                        size_t mid = lo + (hi - lo) / 2;
                        if (c->v[mid].pid < pid)
                                lo = mid + 1;
                        else
                                hi = mid;
                }
                at = lo;
        }
        if (at < c->n && c->v[at].pid == pid && !c->v[at].moved)
                return &c->v[at];
        return NULL;
}

static struct pentry *pcache_append(struct pcache *c)
{
        if (c->n == c->cap) {
                size_t cap = c->cap ? c->cap * 2 : 256;
                struct pentry *v = realloc(c->v, cap * sizeof(*v));
                if (!v)
                        return NULL;
                c->v = v;
                c->cap = cap;
        }
        return &c->v[c->n++];
}

/* ---- reading one process ------------------------------------------- */

static void read_cmdline(struct pentry *e, int dfd)
{
        free(e->cmdline);
        e->cmdline = NULL;
        char *buf;
        ssize_t n = read_all_at(dfd, "cmdline", CMDLINE_LIMIT, &buf);
        if (n < 0) {
                e->cmdline_err = (int)n;
                return;
        }
        /* Arguments are NUL-separated; show them space-separated. */
        while (n > 0 && buf[n - 1] == '\0')
                n--;
        for (ssize_t i = 0; i < n; i++)
                if (buf[i] == '\0')
                        buf[i] = ' ';
        buf[n] = '\0';
        e->cmdline = buf;
        e->cmdline_err = 0;
}

static void read_status(struct proc_scanner *sc, struct pentry *e, int dfd)
{
        char buf[4096];
        ssize_t n = read_small_at(dfd, "status", buf, sizeof(buf));
        struct pstatus st;
        if (n < 0) {
                e->status_err = (int)n;
        } else if (parse_status(buf, (size_t)n, &st) < 0) {
                e->status_err = -EINVAL;
        } else {
                e->uid = st.euid;
                e->user = users_name(sc->cfg.users, st.euid);
                e->status_err = 0;
                return;
        }
        e->uid = U32_UNKNOWN;
        e->user = NULL;
}

/* Reads the namespace links, each on its own: a link that cannot be read
 * is unknown (0) without hiding the others. Returns -ESRCH when the
 * process turned out to be gone, else 0 (the first error in e->ns_err).
 *
 * Why per link: a zombie has dropped its nsproxy (exit_task_namespaces),
 * so its mnt, uts, ipc, net, cgroup and time links give ENOENT, but it
 * still holds a pid in its pid namespace and credentials in its user
 * namespace, and the kernel still shows those two links. lsns counts the
 * zombie there, and so must we. */
static int read_ns(struct proc_scanner *sc, struct pentry *e, int dfd, char state)
{
        bool zombie = state == 'Z' || state == 'X';
        memset(e->ns_ino, 0, sizeof(e->ns_ino));
        e->ns_err = 0;
        for (int t = 0; t < NS_TYPE_COUNT; t++) {
                if (!(sc->cfg.ns_types_present & (1u << t)))
                        continue;
                char path[16], link[64];
                snprintf(path, sizeof(path), "ns/%s", ns_types[t].name);
                ssize_t n = readlink_small_at(dfd, path, link, sizeof(link));
                int type;
                uint64_t ino;
                if (n >= 0) {
                        if (parse_ns_link(link, (size_t)n, &type, &ino) == 0 && type == t)
                                e->ns_ino[t] = ino;
                        else if (!e->ns_err)
                                e->ns_err = -EINVAL;
                        continue;
                }
                if (!err_is_gone((int)n)) {
                        if (!e->ns_err)
                                e->ns_err = (int)n;
                        continue;
                }
                /* A live task always has its links: ENOENT means it exited
                 * under us. A zombie has dropped some of them: unknown. */
                if (!zombie)
                        return -ESRCH;
        }
        return 0;
}

static void read_root(struct proc_scanner *sc, struct pentry *e, int dfd)
{
        char link[4096];
        free(e->root);
        e->root = NULL;
        e->chrooted = -1;
        ssize_t n = readlink_small_at(dfd, "root", link, sizeof(link));
        if (n < 0) {
                e->root_err = err_is_gone((int)n) ? 0 : (int)n;
                return;
        }
        e->root_err = 0;
        e->root = strdup(link);
        if (sc->cfg.fixture) {
                e->chrooted = strcmp(link, sc->self_root_link) != 0;
                return;
        }
        /* Compare the directories themselves: a path can name different
         * directories in different mount namespaces. */
        struct stat st;
        if (fstatat(dfd, "root", &st, 0) == 0)
                e->chrooted = st.st_dev != sc->self_root.st_dev || st.st_ino != sc->self_root.st_ino;
}

static void read_cgroup(struct pentry *e, int dfd)
{
        free(e->cgroup_raw);
        e->cgroup_raw = NULL;
        char *buf;
        ssize_t n = read_all_at(dfd, "cgroup", CGROUP_LIMIT, &buf);
        if (n < 0) {
                e->ncg = (int)n;
                return;
        }
        int r = parse_cgroup(buf, (size_t)n, e->cg, CGROUP_LINES_MAX);
        if (r < 0) {
                free(buf);
                e->ncg = r;
                return;
        }
        e->cgroup_raw = buf;
        e->ncg = r;
}

/* ---- copying into the snapshot ------------------------------------- */

struct scan_out {
        struct proc_rec *procs;
        size_t n, cap;
        struct cgroup_ref *refs;
        size_t nrefs, refs_cap;
};

static struct proc_rec *out_append(struct scan_out *o)
{
        if (o->n == o->cap) {
                size_t cap = o->cap ? o->cap * 2 : 256;
                struct proc_rec *v = realloc(o->procs, cap * sizeof(*v));
                if (!v)
                        return NULL;
                o->procs = v;
                o->cap = cap;
        }
        return &o->procs[o->n++];
}

static int copy_cgroups(struct scan_out *o, struct snapshot *s, const struct pentry *e, struct proc_rec *p)
{
        p->cgroup_first = (uint32_t)o->nrefs;
        p->cgroup_count = 0;
        p->cgroups_known = e->ncg >= 0;
        for (int i = 0; i < e->ncg; i++) {
                if (o->nrefs == o->refs_cap) {
                        size_t cap = o->refs_cap ? o->refs_cap * 2 : 1024;
                        struct cgroup_ref *v = realloc(o->refs, cap * sizeof(*v));
                        if (!v)
                                return -ENOMEM;
                        o->refs = v;
                        o->refs_cap = cap;
                }
                const struct cgroup_line *l = &e->cg[i];
                /* v2 has an empty controller list; /proc/PID/cgroup readers
                 * (and systemd) call that hierarchy "unified". */
                const char *h = l->controllers_len ? arena_strndup(&s->arena, l->controllers, l->controllers_len)
                                                   : "unified";
                const char *path = arena_strndup(&s->arena, l->path, l->path_len);
                if (!h || !path)
                        return -ENOMEM;
                o->refs[o->nrefs++] = (struct cgroup_ref){h, path};
                p->cgroup_count++;
        }
        return 0;
}

/* Records what could not be read of this process, in the snapshot's
 * summary and as a bit per problem_kind for the process itself. */
static uint8_t note_problems(struct snapshot *s, const struct pentry *e, int io_err)
{
        const struct {
                enum problem_kind kind;
                int err;
        } errs[] = {
                {PROBLEM_NS, e->ns_err},
                {PROBLEM_IO, io_err},
                {PROBLEM_ROOT, e->root_err},
                {PROBLEM_CMDLINE, e->cmdline_err},
                {PROBLEM_STATUS, e->status_err},
                {PROBLEM_CGROUP, e->ncg < 0 ? e->ncg : 0},
        };
        uint8_t mask = 0;
        for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
                /* A process that left is not a problem, just gone. */
                if (!errs[i].err || err_is_gone(errs[i].err))
                        continue;
                snapshot_note_problem(s, errs[i].kind, e->pid, errs[i].err);
                mask |= (uint8_t)(1u << errs[i].kind);
        }
        return mask;
}

static int fill_rec(struct scan_out *o, struct snapshot *s, struct proc_scanner *sc, const struct pentry *e,
                    const struct pstat *st, const struct pio *io, int io_err)
{
        struct proc_rec *p = out_append(o);
        if (!p)
                return -ENOMEM;
        memset(p, 0, sizeof(*p));
        p->pid = st->pid;
        p->ppid = st->ppid;
        p->start_ticks = st->start_ticks;
        p->state = st->state;
        p->kernel_thread = (st->flags & PSTAT_PF_KTHREAD) != 0;
        p->nice = st->nice;
        p->priority = st->priority;
        p->threads = st->threads;
        p->uid = e->uid;
        p->comm = arena_strndup(&s->arena, st->comm, st->comm_len);
        p->cmdline = e->cmdline ? arena_strdup(&s->arena, e->cmdline) : NULL;
        p->user = e->user ? arena_strdup(&s->arena, e->user) : NULL;
        p->root = e->root ? arena_strdup(&s->arena, e->root) : NULL;
        if (!p->comm || (e->cmdline && !p->cmdline) || (e->user && !p->user) || (e->root && !p->root))
                return -ENOMEM;
        p->chrooted = e->chrooted;
        p->cpu_ticks = st->utime + st->stime;
        p->rss_bytes = st->rss_pages * (uint64_t)sc->cfg.page_size;
        p->vsize_bytes = st->vsize;
        if (io_err) {
                p->io_read_bytes = p->io_write_bytes = p->io_rchar = p->io_wchar = U64_UNKNOWN;
        } else {
                p->io_read_bytes = io->read_bytes;
                p->io_write_bytes = io->write_bytes;
                p->io_rchar = io->rchar;
                p->io_wchar = io->wchar;
        }
        memcpy(p->ns_ino, e->ns_ino, sizeof(p->ns_ino));
        for (int t = 0; t < NS_TYPE_COUNT; t++)
                p->ns_index[t] = IDX_NONE;
        p->cpu_percent = p->io_read_rate = p->io_write_rate = NAN;
        p->io_rchar_rate = p->io_wchar_rate = NAN;
        return copy_cgroups(o, s, e, p);
}

/* Reads one process. Returns 0 when it was added, 1 when it was skipped
 * (gone, or not a process directory), -ENOMEM on allocation failure. */
static int scan_one(struct proc_scanner *sc, struct snapshot *s, struct scan_out *o, const char *name,
                    int32_t pid)
{
        int dfd = openat(sc->cfg.proc_fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0)
                return 1;
        int ret = 1;
        char buf[1024];
        struct pstat st;
        struct stat dst;
        ssize_t n = read_small_at(dfd, "stat", buf, sizeof(buf));
        if (n < 0 || parse_stat(buf, (size_t)n, &st) < 0 || st.pid != pid || fstat(dfd, &dst) < 0)
                goto out;

        struct pentry *old = pcache_find(sc, pid);
        struct pentry *e = pcache_append(&sc->next);
        if (!e) {
                ret = -ENOMEM;
                goto out;
        }
        if (old && old->start_ticks == st.start_ticks) {
                *e = *old;
                old->moved = true;
        } else {
                /* New process, or a reused pid: nothing carries over. */
                memset(e, 0, sizeof(*e));
                e->pid = pid;
                e->start_ticks = st.start_ticks;
                e->slow_read_at = -INFINITY;
                e->uid = U32_UNKNOWN;
                e->dir_uid = U32_UNKNOWN;
                e->ncg = -ENODATA;
                e->chrooted = -1;
        }
        /* argv is fixed for the life of a program image: read it again only
         * after an exec, seen as a new name or new code/stack addresses. */
        if ((!e->cmdline && !e->cmdline_err) || strcmp(e->comm, st.comm) != 0 ||
            memcmp(e->exec_marks, st.exec_marks, sizeof(e->exec_marks)) != 0)
                read_cmdline(e, dfd);
        memcpy(e->comm, st.comm, st.comm_len + 1);
        memcpy(e->exec_marks, st.exec_marks, sizeof(e->exec_marks));
        if (dst.st_uid != e->dir_uid) {
                read_status(sc, e, dfd);
                e->dir_uid = dst.st_uid;
        }
        /* A process that died since the last read has dropped most of
         * its links (see read_ns): read again rather than show stale ones. */
        bool zombie = st.state == 'Z' || st.state == 'X';
        if (s->time - e->slow_read_at >= sc->cfg.ns_max_age || zombie != e->slow_read_zombie) {
                if (read_ns(sc, e, dfd, st.state) < 0) {
                        sc->next.n--;
                        pentry_release(e);
                        goto out;
                }
                read_root(sc, e, dfd);
                read_cgroup(e, dfd);
                e->slow_read_at = s->time;
                e->slow_read_zombie = zombie;
        }
        struct pio io;
        int io_err = 0;
        n = read_small_at(dfd, "io", buf, sizeof(buf));
        if (n < 0)
                io_err = (int)n;
        else if (parse_io(buf, (size_t)n, &io) < 0)
                io_err = -EINVAL;
        uint8_t problems = note_problems(s, e, io_err);
        ret = fill_rec(o, s, sc, e, &st, &io, io_err);
        if (ret == 0)
                o->procs[o->n - 1].problems = problems;
out:
        close(dfd);
        return ret;
}

static int proc_rec_cmp(const void *a, const void *b)
{
        const struct proc_rec *x = a, *y = b;
        return (x->pid > y->pid) - (x->pid < y->pid);
}

void proc_scanner_expire(struct proc_scanner *sc)
{
        for (size_t i = 0; i < sc->cache.n; i++)
                sc->cache.v[i].slow_read_at = -INFINITY;
}

int proc_scan(struct proc_scanner *sc, struct snapshot *s)
{
        struct scan_out o = {0};
        int r = 0;
        sc->cursor = 0;
        pcache_clear(&sc->next);
        rewinddir(sc->dir);
        for (;;) {
                /* readdir reports errors only through errno, which the
                 * reads in scan_one overwrite: clear it before each call. */
                errno = 0;
                struct dirent *de = readdir(sc->dir);
                if (!de) {
                        r = errno ? -errno : 0;
                        break;
                }
                uint64_t pid;
                if (de->d_name[0] < '1' || de->d_name[0] > '9' || num_parse_u64(de->d_name, &pid) < 0 ||
                    pid > INT32_MAX)
                        continue;
                r = scan_one(sc, s, &o, de->d_name, (int32_t)pid);
                if (r < 0)
                        break;
        }
        if (r < 0) {
                free(o.procs);
                free(o.refs);
                return r;
        }
        /* Swap caches: what was not carried over belonged to dead processes. */
        pcache_clear(&sc->cache);
        struct pcache tmp = sc->cache;
        sc->cache = sc->next;
        sc->next = tmp;
        /* readdir lists /proc by ascending pid; keep that promise even if a
         * future kernel does not (cgroup ranges are per record, so sorting
         * the records keeps them valid). */
        for (size_t i = 1; i < o.n; i++)
                if (o.procs[i - 1].pid > o.procs[i].pid) {
                        qsort(o.procs, o.n, sizeof(*o.procs), proc_rec_cmp);
                        break;
                }
        s->procs = o.procs;
        s->nprocs = (uint32_t)o.n;
        s->cgroup_refs = o.refs;
        s->ncgroup_refs = (uint32_t)o.nrefs;
        return 0;
}
