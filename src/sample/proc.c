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

#include "sample/cgtext.h"
#include "sample/parse.h"
#include "sample/readfile.h"
#include "util/err.h"
#include "util/hash.h"
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

/* What the scanner remembers about one process between refreshes. */
struct pentry {
        int32_t pid;
        bool moved; /* carried over to the new cache: do not free */
        uint64_t start_ticks;
        uint64_t comm_hash; /* of the name, to tell an exec: the name itself is the snapshot's */
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

struct pcache {
        struct pentry *v;
        size_t n, cap;
};

struct proc_scanner {
        struct proc_scanner_config cfg;
        size_t kept; /* fds kept open by entries */
        struct cgtext_set *cgtexts;
        uint64_t scans;
        bool cgroups_watched; /* see proc_scanner_watch_cgroups */
        bool sched_works; /* /proc/PID/schedstat counts (not "0 0 0") */
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
                sc->kept--;
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

static void pcache_clear(struct proc_scanner *sc, struct pcache *c)
{
        for (size_t i = 0; i < c->n; i++)
                if (!c->v[i].moved)
                        pentry_release(sc, &c->v[i]);
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

/* Capacity for want entries. The cache is kept twice (the last scan's
 * and the one being built), so it grows by steps of an eighth rather
 * than doubling: memory is most of what nstop holds per process. */
static int pcache_reserve(struct pcache *c, size_t want)
{
        if (want <= c->cap)
                return 0;
        struct pentry *v = realloc(c->v, want * sizeof(*v));
        if (!v)
                return -ENOMEM;
        c->v = v;
        c->cap = want;
        return 0;
}

static struct pentry *pcache_append(struct pcache *c)
{
        if (c->n == c->cap && pcache_reserve(c, c->cap + c->cap / 8 + 256) < 0)
                return NULL;
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

static void read_cgroup(struct proc_scanner *sc, struct pentry *e, int dfd)
{
        char small[4096], *buf = small;
        ssize_t n = read_small_at(dfd, "cgroup", small, sizeof(small));
        /* Longer than a page: a deep tree with long names. */
        if (n == (ssize_t)sizeof(small) - 1)
                n = read_all_at(dfd, "cgroup", CGROUP_LIMIT, &buf);
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

/* Opens name in the process's directory to keep it, within the fd budget;
 * -1 when over budget or when it cannot be opened. */
static int keep_open(struct one *o, const char *name)
{
        if (o->sc->kept >= o->sc->cfg.max_kept_fds || one_dir(o) < 0)
                return -1;
        int fd = openat(o->dfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (fd >= 0)
                o->sc->kept++;
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
        if (one_dir(o) < 0)
                return -ESRCH;
        return read_small_at(o->dfd, name, buf, cap);
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
        e->slow_read_at = e->cg_read_at = -INFINITY;
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

/* Cgroup lines change when anyone writes the process into a cgroup, so
 * whether it ran tells nothing. With the cgroup directories watched, the
 * lines are read again when an event says a process was moved
 * (proc_scanner_expire_cgroups), and otherwise at CG_LINES_BACKSTOP, for
 * moves nstop cannot see (into a cgroup outside its mounts), each process
 * at a time of its own; without watches, by age alone. */
#define CG_LINES_BACKSTOP 30.0

static void read_cgroups_due(struct one *o, struct pentry *e, double now)
{
        double age = now - e->cg_read_at;
        if (o->sc->cgroups_watched) {
                double phase = (double)(e->pid % 1000) / 1000.0 * CG_LINES_BACKSTOP;
                if (e->cg_read_at != -INFINITY && age < CG_LINES_BACKSTOP &&
                    floor((now + phase) / CG_LINES_BACKSTOP) == floor((e->cg_read_at + phase) / CG_LINES_BACKSTOP))
                        return;
        } else if (age < o->sc->cfg.ns_max_age) {
                return;
        }
        if (one_dir(o) < 0)
                return;
        read_cgroup(o->sc, e, o->dfd);
        e->cg_read_at = now;
}

/* Reads one process. Returns 0 when it was added, 1 when it was skipped
 * (gone, or not a process directory), -ENOMEM on allocation failure. */
static int scan_one(struct proc_scanner *sc, struct snapshot *s, struct scan_out *o, const char *name,
                    int32_t pid)
{
        struct one one = {.sc = sc, .name = name, .dfd = -1};
        int ret = 1;
        struct pstat st;
        struct pentry *old = pcache_find(sc, pid);
        int stat_fd = -1; /* opened for a new entry, owned by it once made */
        if (!read_stat_kept(sc, old, pid, &st)) {
                char buf[1024];
                ssize_t n = read_kept(&one, &stat_fd, "stat", buf, sizeof(buf));
                if (n < 0 || parse_stat(buf, (size_t)n, &st) < 0 || st.pid != pid)
                        goto out;
        }
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
                pentry_init(e, pid, st.start_ticks);
        }
        if (stat_fd >= 0) {
                close_kept(sc, &e->stat_fd);
                e->stat_fd = stat_fd;
                stat_fd = -1;
        }
        read_sched(&one, e);
        /* argv is fixed for the life of a program image: read it again only
         * after an exec, seen as a new name or new code/stack addresses. */
        uint64_t comm_hash = hash_bytes(st.comm, st.comm_len);
        if ((!e->cmdline && !e->cmdline_err) || e->comm_hash != comm_hash ||
            memcmp(e->exec_marks, st.exec_marks, sizeof(e->exec_marks)) != 0) {
                if (one_dir(&one) >= 0)
                        read_cmdline(e, one.dfd);
        }
        e->comm_hash = comm_hash;
        memcpy(e->exec_marks, st.exec_marks, sizeof(e->exec_marks));
        read_fast(&one, e, &st);
        if (read_slow(&one, e, &st, s->time) < 0) {
                sc->next.n--;
                pentry_release(sc, e);
                goto out;
        }
        read_cgroups_due(&one, e, s->time);
        uint8_t problems = note_problems(s, e, e->io_err);
        ret = fill_rec(o, s, sc, e, &st, &e->io, e->io_err);
        if (ret == 0)
                o->procs[o->n - 1].problems = problems;
out:
        close_kept(sc, &stat_fd);
        if (one.dfd >= 0)
                close(one.dfd);
        return ret;
}

static int proc_rec_cmp(const void *a, const void *b)
{
        const struct proc_rec *x = a, *y = b;
        return (x->pid > y->pid) - (x->pid < y->pid);
}

void proc_scanner_watch_cgroups(struct proc_scanner *sc, bool watched)
{
        sc->cgroups_watched = watched;
}

void proc_scanner_expire_cgroups(struct proc_scanner *sc)
{
        for (size_t i = 0; i < sc->cache.n; i++)
                sc->cache.v[i].cg_read_at = -INFINITY;
}

void proc_scanner_expire_cgroups_of(struct proc_scanner *sc, const int32_t *pids, size_t n)
{
        struct pcache *c = &sc->cache; /* ascending pid */
        for (size_t k = 0; k < n; k++) {
                size_t lo = 0, hi = c->n;
                while (lo < hi) {
                        size_t mid = lo + (hi - lo) / 2;
                        if (c->v[mid].pid < pids[k])
                                lo = mid + 1;
                        else
                                hi = mid;
                }
                if (lo < c->n && c->v[lo].pid == pids[k])
                        c->v[lo].cg_read_at = -INFINITY;
        }
}

void proc_scanner_expire(struct proc_scanner *sc)
{
        for (size_t i = 0; i < sc->cache.n; i++)
                sc->cache.v[i].slow_read_at = sc->cache.v[i].cg_read_at = -INFINITY;
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
                r = scan_one(sc, s, &o, de->d_name, (int32_t)pid);
                if (r < 0)
                        break;
        }
        intern_free(&o.names);
        if (r < 0) {
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
        return 0;
}
