/* proc.c: the /proc walk with its identity cache; see proc.h. */
#include "config.h"

#include "sample/proc.h"

#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sample/cgtext.h"
#include "sample/parse.h"
#include "sample/readfile.h"
#include "util/err.h"
#include "util/intern.h"
#include "util/num.h"

/* Command lines longer than this are cut (the kernel allows megabytes). */
enum { CMDLINE_LIMIT = 32 * 1024, CGROUP_LIMIT = 64 * 1024 };

/* Where the leader's schedstat stood at a read: both numbers, as a short
 * run may not have reached the runtime yet (it is brought up to date when
 * the task leaves the CPU or at a tick) but has counted its timeslice. */
struct runmark {
        uint64_t ns, slices;
};

/* Stat of a process that did not run is read again at least this often,
 * each process at a time of its own (see due_by_backstop). */
#define STAT_BACKSTOP 5.0

/* What the scanner remembers about one process between refreshes. */
struct pentry {
        int32_t pid;
        bool moved; /* in both caches during a scan: see pcache_clear */
        bool stat_reused; /* this scan took st from the last one */
        uint64_t dir_ino; /* d_ino of /proc/PID in the last scan's listing: see stat_holds */
        uint64_t start_ticks;
        struct pstat st;          /* its stat at stat_read_at */
        double stat_read_at;      /* -inf: read it at the next scan */
        struct runmark ran_at_stat; /* the leader's schedstat then */
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
        double cg_read_at; /* when the cgroup lines were read; -inf never */
        struct cgtext *cgt; /* its cgroup lines, shared; NULL unknown */
        int ncg; /* their count, or -errno when unknown */
        /* Kept open between refreshes (-1 none): see proc.h. */
        int stat_fd, sched_fd;
        bool sched_known;       /* sched holds the last schedstat read */
        struct psched sched;    /* the leader's, at this refresh */
        struct runmark ran_at_slow; /* the leader's when ns and root were read */
        struct runmark ran_at_io;   /* ... when io was read */
        struct pio io;
        int io_err;
        bool io_read;
};

/* Entries one allocation each, so that a refresh moves pointers: the
 * cache being built and the last one share the entries of processes
 * that stayed, and only the pointer arrays exist twice. */
struct pcache {
        struct pentry **v;
        size_t n, cap;
};

struct proc_scanner {
        struct proc_scanner_config cfg;
        struct cgtext_set *cgtexts;
        uint64_t scans;
        bool cgroups_watched; /* see proc_scanner_watch_cgroups */
        bool sched_works; /* /proc/PID/schedstat counts (not "0 0 0") */
        struct cgquiet *quiet; /* NULL: read every schedstat */
        DIR *dir;
        struct pcache cache, next;
        size_t cursor;
        struct stat self_root;
        char self_root_link[4096];
};

static void close_kept(struct proc_scanner *sc, int *fd)
{
        if (*fd >= 0) {
                close(*fd);
                *fd = -1;
                fd_budget_give(sc->cfg.fds);
        }
}

static void pentry_release(struct proc_scanner *sc, struct pentry *e)
{
        free(e->cmdline);
        free(e->root);
        cgtext_put(sc->cgtexts, e->cgt);
        close_kept(sc, &e->stat_fd);
        close_kept(sc, &e->sched_fd);
}

/* Empties c. An entry marked moved is also in the other cache, which
 * keeps it (unmarked); the others are freed. */
static void pcache_clear(struct proc_scanner *sc, struct pcache *c)
{
        for (size_t i = 0; i < c->n; i++) {
                struct pentry *e = c->v[i];
                if (e->moved) {
                        e->moved = false;
                } else {
                        pentry_release(sc, e);
                        free(e);
                }
        }
        c->n = 0;
}

int proc_scanner_new(const struct proc_scanner_config *cfg, struct proc_scanner **ret)
{
        struct proc_scanner *sc = calloc(1, sizeof(*sc));
        if (!sc)
                return -ENOMEM;
        sc->cfg = *cfg;
        if (cgtext_set_new(&sc->cgtexts) < 0) {
                free(sc);
                return -ENOMEM;
        }
        int dfd = dup(cfg->proc_fd);
        if (dfd < 0 || !(sc->dir = fdopendir(dfd))) {
                int r = -errno;
                if (dfd >= 0)
                        close(dfd);
                cgtext_set_free(sc->cgtexts);
                free(sc);
                return r;
        }
        if (fstatat(cfg->proc_fd, "self/root", &sc->self_root, 0) < 0)
                memset(&sc->self_root, 0, sizeof(sc->self_root));
        if (readlink_small_at(cfg->proc_fd, "self/root", sc->self_root_link, sizeof(sc->self_root_link)) < 0)
                strcpy(sc->self_root_link, "/");
        /* Without CONFIG_SCHED_INFO the file is absent, and with it off
         * the kernel prints "0 0 0": then every process counts as having
         * run, and everything is read as often as before. */
        char buf[128];
        struct psched self;
        sc->sched_works = !cfg->fixture && read_small_at(cfg->proc_fd, "self/schedstat", buf, sizeof(buf)) >= 0 &&
                          parse_schedstat(buf, strlen(buf), &self) == 0 &&
                          (self.runtime_ns > 0 || self.timeslices > 0);
        *ret = sc;
        return 0;
}

struct proc_scanner *proc_scanner_free(struct proc_scanner *sc)
{
        if (!sc)
                return NULL;
        pcache_clear(sc, &sc->cache);
        pcache_clear(sc, &sc->next);
        free(sc->cache.v);
        free(sc->next.v);
        closedir(sc->dir);
        cgtext_set_free(sc->cgtexts);
        free(sc);
        return NULL;
}

/* The cached entry for pid, found by walking the old cache in step with
 * readdir (which lists /proc in ascending pid order), with a binary search
 * as the fallback for any out-of-order entry. */
/* The entry of c (ascending pid) for pid, or NULL: a binary search. */
static struct pentry *pcache_lookup(const struct pcache *c, int32_t pid)
{
        size_t lo = 0, hi = c->n;
        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (c->v[mid]->pid < pid)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo < c->n && c->v[lo]->pid == pid ? c->v[lo] : NULL;
}

static struct pentry *pcache_find(struct proc_scanner *sc, int32_t pid)
{
        struct pcache *c = &sc->cache;
        while (sc->cursor < c->n && c->v[sc->cursor]->pid < pid)
                sc->cursor++;
        struct pentry *e = sc->cursor < c->n && c->v[sc->cursor]->pid == pid ? c->v[sc->cursor]
                                                                             : pcache_lookup(c, pid);
        return e && !e->moved ? e : NULL;
}

/* Capacity for want entries, grown by steps of an eighth rather than
 * doubling: memory is most of what nstop holds per process. */
static int pcache_reserve(struct pcache *c, size_t want)
{
        if (want <= c->cap)
                return 0;
        struct pentry **v = realloc(c->v, want * sizeof(*v));
        if (!v)
                return -ENOMEM;
        c->v = v;
        c->cap = want;
        return 0;
}

/* Appends e (old, moved over, or new); -ENOMEM. */
static int pcache_append(struct pcache *c, struct pentry *e)
{
        if (c->n == c->cap && pcache_reserve(c, c->cap + c->cap / 8 + 256) < 0)
                return -ENOMEM;
        c->v[c->n++] = e;
        return 0;
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

/* Reads the cgroup file at path, relative to the fd at. */
static void read_cgroup(struct proc_scanner *sc, struct pentry *e, int at, const char *path)
{
        char small[4096], *buf = small;
        ssize_t n = read_small_at(at, path, small, sizeof(small));
        /* Longer than a page: a deep tree with long names. */
        if (n == (ssize_t)sizeof(small) - 1)
                n = read_all_at(at, path, CGROUP_LIMIT, &buf);
        int err = 0;
        struct cgtext *t = n < 0 ? NULL : cgtext_get(sc->cgtexts, buf, (size_t)n, &err);
        if (buf != small)
                free(buf);
        cgtext_put(sc->cgtexts, e->cgt);
        e->cgt = t;
        e->ncg = t ? t->nlines : n < 0 ? (int)n : err;
}

/* ---- copying into the snapshot ------------------------------------- */

struct scan_out {
        struct proc_rec *procs;
        size_t n, cap;
        struct cgroup_ref *refs;
        size_t nrefs, refs_cap;
        struct intern names; /* hierarchy names and paths, once each */
        uint64_t scan;       /* this scan's number (struct cgtext.scan) */
};

static struct proc_rec *out_append(struct scan_out *o)
{
        if (o->n == o->cap) {
                size_t cap = o->cap ? o->cap + o->cap / 8 + 256 : 256;
                struct proc_rec *v = realloc(o->procs, cap * sizeof(*v));
                if (!v)
                        return NULL;
                o->procs = v;
                o->cap = cap;
        }
        return &o->procs[o->n++];
}

/* Processes with the same cgroup text share one range of refs. */
static int copy_cgroups(struct scan_out *o, struct snapshot *s, const struct pentry *e, struct proc_rec *p)
{
        struct cgtext *t = e->cgt;
        p->cgroups_known = t != NULL;
        p->cgroup_first = (uint32_t)o->nrefs;
        p->cgroup_count = 0;
        if (!t)
                return 0;
        if (t->scan == o->scan) {
                p->cgroup_first = t->ref_first;
                p->cgroup_count = (uint32_t)t->nlines;
                return 0;
        }
        for (int i = 0; i < t->nlines; i++) {
                if (o->nrefs == o->refs_cap) {
                        size_t cap = o->refs_cap ? o->refs_cap * 2 : 1024;
                        struct cgroup_ref *v = realloc(o->refs, cap * sizeof(*v));
                        if (!v)
                                return -ENOMEM;
                        o->refs = v;
                        o->refs_cap = cap;
                }
                const struct cgroup_line *l = &t->lines[i];
                /* v2 has an empty controller list; /proc/PID/cgroup readers
                 * (and systemd) call that hierarchy "unified". */
                const char *h = l->controllers_len ? intern_get(&o->names, &s->arena, l->controllers, l->controllers_len)
                                                   : "unified";
                const char *path = intern_get(&o->names, &s->arena, l->path, l->path_len);
                if (!h || !path)
                        return -ENOMEM;
                o->refs[o->nrefs++] = (struct cgroup_ref){h, path};
                p->cgroup_count++;
        }
        t->scan = o->scan;
        t->ref_first = p->cgroup_first;
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

/* What a record takes from stat, but its identity (pid, start time). */
static void rec_set_stat(struct proc_rec *p, const struct pstat *st, long page_size)
{
        p->ppid = st->ppid;
        p->state = st->state;
        p->kernel_thread = (st->flags & PSTAT_PF_KTHREAD) != 0;
        p->nice = st->nice;
        p->priority = st->priority;
        p->threads = st->threads;
        p->cpu_ticks = st->utime + st->stime;
        p->rss_bytes = st->rss_pages * (uint64_t)page_size;
        p->vsize_bytes = st->vsize;
}

static int fill_rec(struct scan_out *o, struct snapshot *s, struct proc_scanner *sc, const struct pentry *e,
                    const struct pstat *st, const struct pio *io, int io_err)
{
        struct proc_rec *p = out_append(o);
        if (!p)
                return -ENOMEM;
        memset(p, 0, sizeof(*p));
        p->pid = st->pid;
        p->start_ticks = st->start_ticks;
        rec_set_stat(p, st, sc->cfg.page_size);
        p->uid = e->uid;
        p->comm = arena_strndup(&s->arena, st->comm, st->comm_len);
        p->cmdline = e->cmdline ? arena_strdup(&s->arena, e->cmdline) : NULL;
        p->user = e->user ? arena_strdup(&s->arena, e->user) : NULL;
        p->root = e->root ? arena_strdup(&s->arena, e->root) : NULL;
        if (!p->comm || (e->cmdline && !p->cmdline) || (e->user && !p->user) || (e->root && !p->root))
                return -ENOMEM;
        p->chrooted = e->chrooted;
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

/* ---- one process in one refresh ------------------------------------ */

/* The process being read: its /proc directory is opened only when a read
 * needs it, which for a process that did not run is never. */
struct one {
        struct proc_scanner *sc;
        const char *name;
        int dfd; /* -1 not opened yet; -2 could not be opened */
};

static int one_dir(struct one *o)
{
        if (o->dfd == -1) {
                o->dfd = openat(o->sc->cfg.proc_fd, o->name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                if (o->dfd < 0)
                        o->dfd = -2;
        }
        return o->dfd;
}

/* Where name in the process's directory is for a single read: through the
 * directory when it is open already, else as "PID/name" in /proc, which
 * saves opening and closing the directory. Returns the fd that *rel is
 * relative to, -1 when the directory could not be opened. */
static int one_at(struct one *o, const char *name, char path[static 64], const char **rel)
{
        if (o->dfd == -2)
                return -1;
        *rel = name;
        if (o->dfd >= 0)
                return o->dfd;
        snprintf(path, 64, "%s/%s", o->name, name);
        *rel = path;
        return o->sc->cfg.proc_fd;
}

/* Opens name in the process's directory to keep it, within the fd budget;
 * -1 when over budget or when it cannot be opened. */
static int keep_open(struct one *o, const char *name)
{
        if (one_dir(o) < 0 || !fd_budget_take(o->sc->cfg.fds))
                return -1;
        int fd = openat(o->dfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
                fd_budget_give(o->sc->cfg.fds);
        return fd;
}

/* Reads a per-process file through its kept fd (opening and keeping it
 * when the budget allows), else by name. */
static ssize_t read_kept(struct one *o, int *fd, const char *name, char *buf, size_t cap)
{
        if (*fd < 0)
                *fd = keep_open(o, name);
        if (*fd >= 0)
                return read_fd_once(*fd, buf, cap);
        char path[64];
        const char *rel;
        int at = one_at(o, name, path, &rel);
        return at < 0 ? -ESRCH : read_small_at(at, rel, buf, cap);
}

/* The stat line through the entry's kept fd. A kept file of a process
 * that ended reads ESRCH even after its pid was reused: it belongs to the
 * old process, so a stale fd can never show another process's values. */
static bool read_stat_kept(struct proc_scanner *sc, struct pentry *old, int32_t pid, struct pstat *st)
{
        if (!old || old->stat_fd < 0)
                return false;
        char buf[1024];
        ssize_t n = read_fd_once(old->stat_fd, buf, sizeof(buf));
        if (n >= 0 && parse_stat(buf, (size_t)n, st) == 0 && st->pid == pid && st->start_ticks == old->start_ticks)
                return true;
        close_kept(sc, &old->stat_fd);
        close_kept(sc, &old->sched_fd);
        return false;
}

static void pentry_init(struct pentry *e, int32_t pid, uint64_t start_ticks)
{
        memset(e, 0, sizeof(*e));
        e->pid = pid;
        e->start_ticks = start_ticks;
        e->slow_read_at = e->cg_read_at = e->stat_read_at = -INFINITY;
        e->uid = U32_UNKNOWN;
        e->dir_uid = U32_UNKNOWN;
        e->ncg = -ENODATA;
        e->chrooted = -1;
        e->stat_fd = e->sched_fd = -1;
}

/* The leader's schedstat now; false when unknown (then it may have run). */
static bool read_sched(struct one *o, struct pentry *e)
{
        char buf[128];
        e->sched_known = o->sc->sched_works &&
                         read_kept(o, &e->sched_fd, "schedstat", buf, sizeof(buf)) >= 0 &&
                         parse_schedstat(buf, strlen(buf), &e->sched) == 0;
        return e->sched_known;
}

/* Whether the leader ran since its runtime was `mark`. Why it is enough:
 * namespaces (setns, unshare), the root directory, exec and the euid
 * change only by a call of the task itself, and /proc/PID shows the
 * leader's. A task that was put on a CPU at all has a larger runtime. */
static bool ran_since(const struct pentry *e, struct runmark mark)
{
        return !e->sched_known || e->sched.runtime_ns != mark.ns || e->sched.timeslices != mark.slices;
}

/* Unknown now: a mark no later reading can equal. */
static struct runmark run_mark(const struct pentry *e)
{
        if (!e->sched_known)
                return (struct runmark){UINT64_MAX, UINT64_MAX};
        return (struct runmark){e->sched.runtime_ns, e->sched.timeslices};
}

static void read_io(struct one *o, struct pentry *e)
{
        char buf[1024];
        ssize_t n = one_dir(o) < 0 ? -ESRCH : read_small_at(o->dfd, "io", buf, sizeof(buf));
        if (n < 0)
                e->io_err = (int)n;
        else
                e->io_err = parse_io(buf, (size_t)n, &e->io) < 0 ? -EINVAL : 0;
        e->io_read = true;
}

/* What changes only when the process runs: the IO counters (summed over
 * all threads, hence read every time for a multi-threaded process) and
 * the euid, seen as a new owner of /proc/PID. */
static void read_fast(struct one *o, struct pentry *e, const struct pstat *st)
{
        if (e->io_read && st->threads <= 1 && !ran_since(e, e->ran_at_io))
                return;
        read_io(o, e);
        struct stat dst;
        if (one_dir(o) >= 0 && fstat(o->dfd, &dst) == 0 && dst.st_uid != e->dir_uid) {
                read_status(o->sc, e, o->dfd);
                e->dir_uid = dst.st_uid;
        }
        e->ran_at_io = run_mark(e);
}

/* Namespaces and root: re-read when older than ns_max_age, and only if
 * the process could have changed them since (the root is shared by all
 * threads, so any thread may have moved it). Returns -ESRCH when the
 * process turned out to be gone. */
static int read_slow(struct one *o, struct pentry *e, const struct pstat *st, double now)
{
        struct proc_scanner *sc = o->sc;
        bool zombie = st->state == 'Z' || st->state == 'X';
        bool never = e->slow_read_at == -INFINITY;
        /* A process that died since the last read has dropped most of
         * its links (see read_ns): read again rather than show stale ones. */
        if (!never && zombie == e->slow_read_zombie &&
            (now - e->slow_read_at < sc->cfg.ns_max_age || (st->threads <= 1 && !ran_since(e, e->ran_at_slow))))
                return 0;
        if (one_dir(o) < 0 || read_ns(sc, e, o->dfd, st->state) < 0)
                return -ESRCH;
        read_root(sc, e, o->dfd);
        e->slow_read_at = now;
        e->slow_read_zombie = zombie;
        e->ran_at_slow = run_mark(e);
        return 0;
}

/* Whether a value read at `last` is due again at `now`, being read at
 * least every `period` seconds: each pid at a phase of its own, so that
 * processes read together (all of them at start) are not all read again
 * in the same refresh. */
static bool due_by_backstop(int32_t pid, double last, double now, double period)
{
        if (last == -INFINITY || now - last >= period)
                return true;
        double phase = (double)(pid % 1000) / 1000.0 * period;
        return floor((now + phase) / period) != floor((last + phase) / period);
}

/* Cgroup lines change when anyone writes the process into a cgroup, so
 * whether it ran tells nothing. With the cgroup directories watched, the
 * lines are read again when an event says a process was moved
 * (proc_scanner_expire_cgroups), and otherwise at CG_LINES_BACKSTOP, for
 * moves nstop cannot see (into a cgroup outside its mounts); without
 * watches, by age alone. */
#define CG_LINES_BACKSTOP 30.0

static void read_cgroups_due(struct one *o, struct pentry *e, double now)
{
        if (o->sc->cgroups_watched ? !due_by_backstop(e->pid, e->cg_read_at, now, CG_LINES_BACKSTOP)
                                   : now - e->cg_read_at < o->sc->cfg.ns_max_age)
                return;
        char path[64];
        const char *rel;
        int at = one_at(o, "cgroup", path, &rel);
        if (at < 0)
                return;
        read_cgroup(o->sc, e, at, rel);
        e->cg_read_at = now;
}

/* Reads stat: through the kept fd, else by name in the process's
 * directory, leaving the file open in *opened (-1 none) for keep_stat_fd.
 * False when the process is gone or its pid is another's. */
static bool read_stat(struct one *o, struct pentry *old, int32_t pid, struct pstat *st, int *opened)
{
        *opened = -1;
        if (read_stat_kept(o->sc, old, pid, st))
                return true;
        char path[64];
        const char *rel;
        int at = one_at(o, "stat", path, &rel);
        if (at < 0 || (*opened = openat(at, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
                return false;
        char buf[1024];
        ssize_t n = read_fd_once(*opened, buf, sizeof(buf));
        return n >= 0 && parse_stat(buf, (size_t)n, st) == 0 && st->pid == pid;
}

/* Reads old's schedstat through its kept fd. False when it cannot: the
 * process ended (its kept files are closed; the pid may be another's). */
static bool read_sched_kept(struct proc_scanner *sc, struct pentry *old)
{
        char buf[128];
        ssize_t n = read_fd_once(old->sched_fd, buf, sizeof(buf));
        old->sched_known = n >= 0 && parse_schedstat(buf, (size_t)n, &old->sched) == 0;
        if (!old->sched_known) {
                close_kept(sc, &old->stat_fd);
                close_kept(sc, &old->sched_fd);
        }
        return old->sched_known;
}

/* Whether old's cgroup says it did not run since the last scan: then its
 * last schedstat still holds. Not after an event said it may have been
 * moved (its cgroup lines are due again). Asked once per cgroup text. */
static bool quiet_since_last(struct proc_scanner *sc, struct pentry *old)
{
        if (!sc->quiet || !old->sched_known || !old->cgt || old->cg_read_at == -INFINITY)
                return false;
        struct cgtext *t = old->cgt;
        if (t->quiet_scan != sc->scans) {
                t->quiet_scan = sc->scans;
                t->quiet = cgquiet_lines(sc->quiet, t->lines, t->nlines);
        }
        return t->quiet;
}

/* Whether the stat old holds from an earlier scan holds now, reading old's
 * schedstat on the way (*sched_read says whether it did). Only the process
 * itself changes most of stat, and only while it runs; a multi-threaded
 * one's other threads run unseen. Of what others change, the nice value
 * is asked for (a cheap call); the rest (pages reclaimed from a sleeping
 * process, a real-time priority, a new parent when the old one leaves:
 * see reread_orphans) waits for the backstop. */
static bool stat_holds(struct proc_scanner *sc, struct pentry *old, uint64_t dir_ino, double now, bool *sched_read)
{
        *sched_read = false;
        if (!old || old->sched_fd < 0)
                return false;
        bool could = old->st.threads <= 1 && !due_by_backstop(old->pid, old->stat_read_at, now, STAT_BACKSTOP);
        bool nice_same = false;
        if (could) {
                /* Asked before the read of the kept file: when that read
                 * succeeds, the process was alive after this call, so the
                 * pid was still its own (so it was when its cgroup was
                 * quiet: a process that ends runs). */
                errno = 0;
                int nice = getpriority(PRIO_PROCESS, (id_t)old->pid);
                nice_same = errno == 0 && nice == old->st.nice;
        }
        /* A quiet cgroup vouches for old only while /proc/PID is the same
         * directory. Why: a process that another task moved out of its
         * quiet cgroup, that then ended (running in its new cgroup) and
         * whose pid was reused before this scan (clone3 set_tid, or a
         * wrapped pid space) left the old cgroup quiet, and the new
         * process was shown with the old one's stat, identity and CPU
         * delta (tests/integration/churnload.sh). The move event does not
         * help: by the drain the mover is gone from its new cgroup.
         * procfs drops a pid's dentries when its task is reaped
         * (proc_flush_pid), so a new process at that pid is listed with a
         * new inode number; a dentry evicted and made again also changes
         * it, which only costs the kept read below. */
        bool vouched = old->dir_ino == dir_ino && quiet_since_last(sc, old);
        if (!(*sched_read = vouched || read_sched_kept(sc, old)))
                return false;
        return could && nice_same && !ran_since(old, old->ran_at_stat);
}

/* A multi-threaded process's stat is read every refresh, so its file is
 * kept open (everyone's is, without schedstat); a single-threaded one's
 * only after a run, so its fd goes back to the budget. opened: the file
 * read_stat opened this time, kept or closed here. */
static void keep_stat_fd(struct proc_scanner *sc, struct pentry *e, int opened)
{
        bool want = !sc->sched_works || e->st.threads > 1;
        if (want && e->stat_fd < 0 && opened >= 0 && fd_budget_take(sc->cfg.fds)) {
                e->stat_fd = opened;
                return;
        }
        if (opened >= 0)
                close(opened);
        if (!want)
                close_kept(sc, &e->stat_fd);
}

/* A new stat st for e (its last one still in e->st): argv is fixed for the
 * life of a program image, so it is read again only after an exec, seen
 * as a new name or new code and stack addresses. */
static void take_stat(struct one *o, struct pentry *e, const struct pstat *st, bool sched_first, double now)
{
        bool exec = e->stat_read_at == -INFINITY || e->st.comm_len != st->comm_len ||
                    memcmp(e->st.comm, st->comm, st->comm_len) != 0 ||
                    memcmp(e->st.exec_marks, st->exec_marks, sizeof(st->exec_marks)) != 0;
        if (((!e->cmdline && !e->cmdline_err) || exec) && one_dir(o) >= 0)
                read_cmdline(e, o->dfd);
        e->st = *st;
        e->stat_read_at = now;
        /* Read after stat (a reused pid), schedstat may count a run stat
         * missed: then the next scan reads stat again (schedstat first). */
        e->ran_at_stat = sched_first ? run_mark(e) : (struct runmark){UINT64_MAX, UINT64_MAX};
}

/* Reads one process. Returns 0 when it was added, 1 when it was skipped
 * (gone, or not a process directory), -ENOMEM on allocation failure. */
static int scan_one(struct proc_scanner *sc, struct snapshot *s, struct scan_out *o, const char *name,
                    int32_t pid, uint64_t dir_ino)
{
        struct one one = {.sc = sc, .name = name, .dfd = -1};
        int ret = 1;
        struct pstat st;
        struct pentry *old = pcache_find(sc, pid);
        struct pentry *fresh = NULL; /* for a pid not seen before */
        bool sched_read = false, holds = false;
        int opened = -1; /* stat, opened this time */
        if (old) {
                holds = stat_holds(sc, old, dir_ino, s->time, &sched_read);
        } else {
                /* Its schedstat before its stat, so that the mark taken
                 * with stat is good (see take_stat) and the next scan
                 * need not read stat again. */
                if (!(fresh = malloc(sizeof(*fresh))))
                        return -ENOMEM;
                pentry_init(fresh, pid, 0);
                read_sched(&one, fresh);
                sched_read = true;
        }
        if (holds)
                st = old->st;
        else if (!read_stat(&one, old, pid, &st, &opened))
                goto out;
        struct pentry *e;
        if (old && old->start_ticks == st.start_ticks) {
                e = old;
        } else if (fresh) {
                e = fresh;
                fresh = NULL;
                e->start_ticks = st.start_ticks;
        } else {
                /* New process, or a reused pid: nothing carries over. */
                if (!(e = malloc(sizeof(*e)))) {
                        ret = -ENOMEM;
                        goto out;
                }
                pentry_init(e, pid, st.start_ticks);
                sched_read = false;
        }
        if (pcache_append(&sc->next, e) < 0) {
                if (e != old) {
                        pentry_release(sc, e);
                        free(e);
                }
                ret = -ENOMEM;
                goto out;
        }
        e->moved = e == old;
        e->dir_ino = dir_ino;
        if (!sched_read)
                read_sched(&one, e);
        e->stat_reused = holds;
        if (!holds)
                take_stat(&one, e, &st, sched_read, s->time);
        keep_stat_fd(sc, e, opened);
        opened = -1;
        read_fast(&one, e, &st);
        /* Asked before read_slow moves the mark: see proc_rec.ns_held. */
        bool ns_held = e->slow_read_at != -INFINITY && e->slow_read_at < s->time && e->sched_known &&
                       !ran_since(e, e->ran_at_slow);
        if (read_slow(&one, e, &st, s->time) < 0) {
                sc->next.n--;
                if (e->moved) /* the last cache frees it */
                        e->moved = false;
                else {
                        pentry_release(sc, e);
                        free(e);
                }
                goto out;
        }
        read_cgroups_due(&one, e, s->time);
        uint8_t problems = note_problems(s, e, e->io_err);
        ret = fill_rec(o, s, sc, e, &st, &e->io, e->io_err);
        if (ret == 0) {
                o->procs[o->n - 1].problems = problems;
                o->procs[o->n - 1].ns_held = ns_held;
        }
out:
        if (fresh) {
                pentry_release(sc, fresh);
                free(fresh);
        }
        if (opened >= 0)
                close(opened);
        if (one.dfd >= 0)
                close(one.dfd);
        return ret;
}

/* A process whose parent left was given a new one (init or a subreaper)
 * without running: a stat taken over from the last scan still names the
 * old parent. Reads it again when that parent is not among the records
 * (s->procs, sorted; sc->cache is this scan's). */
static void reread_orphans(struct proc_scanner *sc, struct snapshot *s)
{
        for (uint32_t i = 0; i < s->nprocs; i++) {
                struct proc_rec *p = &s->procs[i];
                if (p->ppid <= 0 || snapshot_find_proc(s, p->ppid))
                        continue;
                struct pentry *e = pcache_lookup(&sc->cache, p->pid);
                if (!e || !e->stat_reused)
                        continue;
                char path[32], buf[1024];
                struct pstat st;
                snprintf(path, sizeof(path), "%d/stat", (int)e->pid);
                ssize_t n = read_small_at(sc->cfg.proc_fd, path, buf, sizeof(buf));
                if (n < 0 || parse_stat(buf, (size_t)n, &st) < 0 || st.pid != e->pid ||
                    st.start_ticks != e->start_ticks)
                        continue; /* gone since: the next scan drops it */
                e->st = st;
                e->stat_read_at = s->time;
                e->ran_at_stat = (struct runmark){UINT64_MAX, UINT64_MAX};
                e->stat_reused = false;
                rec_set_stat(p, &st, sc->cfg.page_size);
        }
}

static int proc_rec_cmp(const void *a, const void *b)
{
        const struct proc_rec *x = a, *y = b;
        return (x->pid > y->pid) - (x->pid < y->pid);
}

void proc_scanner_use_quiet(struct proc_scanner *sc, struct cgquiet *q)
{
        sc->quiet = q;
}

void proc_scanner_watch_cgroups(struct proc_scanner *sc, bool watched)
{
        sc->cgroups_watched = watched;
}

void proc_scanner_expire_cgroups(struct proc_scanner *sc)
{
        for (size_t i = 0; i < sc->cache.n; i++)
                sc->cache.v[i]->cg_read_at = -INFINITY;
}

void proc_scanner_expire_cgroups_of(struct proc_scanner *sc, const int32_t *pids, size_t n)
{
        for (size_t k = 0; k < n; k++) {
                struct pentry *e = pcache_lookup(&sc->cache, pids[k]);
                if (e)
                        e->cg_read_at = -INFINITY;
        }
}

void proc_scanner_expire(struct proc_scanner *sc)
{
        for (size_t i = 0; i < sc->cache.n; i++) {
                struct pentry *e = sc->cache.v[i];
                e->slow_read_at = e->cg_read_at = e->stat_read_at = -INFINITY;
        }
}

int proc_scan(struct proc_scanner *sc, struct snapshot *s)
{
        struct scan_out o = {.scan = ++sc->scans};
        int r = 0;
        sc->cursor = 0;
        pcache_clear(sc, &sc->next);
        if (pcache_reserve(&sc->next, sc->cache.n + sc->cache.n / 16 + 64) < 0)
                return -ENOMEM;
        /* Records for about as many processes as last time: growing the
         * array by doubling would hold up to twice that at the peak. */
        o.cap = sc->cache.n + sc->cache.n / 16 + 64;
        if (!(o.procs = malloc(o.cap * sizeof(*o.procs))))
                return -ENOMEM;
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
                r = scan_one(sc, s, &o, de->d_name, (int32_t)pid, (uint64_t)de->d_ino);
                if (r < 0)
                        break;
        }
        intern_free(&o.names);
        if (r < 0) {
                /* The last cache stays: the entries moved over go back. */
                pcache_clear(sc, &sc->next);
                free(o.procs);
                free(o.refs);
                return r;
        }
        /* Swap caches: what was not carried over belonged to dead processes. */
        pcache_clear(sc, &sc->cache);
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
        /* The snapshot lives a refresh or two: no growth slack kept. */
        if (o.n && o.n < o.cap) {
                struct proc_rec *fit = realloc(o.procs, o.n * sizeof(*fit));
                if (fit)
                        o.procs = fit;
        }
        s->procs = o.procs;
        s->nprocs = (uint32_t)o.n;
        s->cgroup_refs = o.refs;
        s->ncgroup_refs = (uint32_t)o.nrefs;
        reread_orphans(sc, s);
        return 0;
}
