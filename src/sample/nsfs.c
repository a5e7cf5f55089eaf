/* nsfs.c: bind-mounted namespaces and nsfs ioctls; see nsfs.h. */
#include "config.h"

#include "sample/nsfs.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sample/parse.h"

/* What was learnt about one namespace; never changes during its life. */
struct ns_links {
        enum ns_type type;
        uint64_t ino;
        uint8_t owner_state, parent_state;
        uint64_t owner_ino, parent_ino;
        uint32_t owner_uid;
        double learned_at; /* snapshot time of the ioctls */
};

struct nsfs {
        int proc_fd;
        bool live;
        struct ns_mount_ref *mounts;
        char **paths;
        size_t nmounts, mounts_cap;
        struct ns_links *links; /* sorted by (type, ino), like snapshot.ns */
        size_t nlinks;
};

int nsfs_new(int proc_fd, bool live, struct nsfs **ret)
{
        struct nsfs *n = calloc(1, sizeof(*n));
        if (!n)
                return -ENOMEM;
        n->proc_fd = proc_fd;
        n->live = live;
        *ret = n;
        return 0;
}

static void mounts_clear(struct nsfs *n)
{
        for (size_t i = 0; i < n->nmounts; i++)
                free(n->paths[i]);
        n->nmounts = 0;
}

struct nsfs *nsfs_free(struct nsfs *n)
{
        if (!n)
                return NULL;
        mounts_clear(n);
        free(n->mounts);
        free(n->paths);
        free(n->links);
        free(n);
        return NULL;
}

static int mounts_add(struct nsfs *n, enum ns_type type, uint64_t ino, const char *path)
{
        if (n->nmounts == n->mounts_cap) {
                size_t cap = n->mounts_cap ? n->mounts_cap * 2 : 16;
                struct ns_mount_ref *m = realloc(n->mounts, cap * sizeof(*m));
                if (!m)
                        return -ENOMEM;
                n->mounts = m;
                char **p = realloc(n->paths, cap * sizeof(*p));
                if (!p)
                        return -ENOMEM;
                n->paths = p;
                n->mounts_cap = cap;
        }
        char *copy = strdup(path);
        if (!copy)
                return -ENOMEM;
        n->paths[n->nmounts] = copy;
        n->mounts[n->nmounts++] = (struct ns_mount_ref){type, ino, copy};
        return 0;
}

int nsfs_set_mounts(struct nsfs *n, const struct mountinfo_entry *e, size_t count)
{
        mounts_clear(n);
        for (size_t i = 0; i < count; i++) {
                int type;
                uint64_t ino;
                /* An nsfs mount's root field is the namespace link text. */
                if (strcmp(e[i].fstype, "nsfs") != 0 || parse_ns_link(e[i].root, strlen(e[i].root), &type, &ino) < 0 ||
                    type < 0)
                        continue;
                int r = mounts_add(n, (enum ns_type)type, ino, e[i].mount_point);
                if (r < 0)
                        return r;
        }
        return 0;
}

void nsfs_mounts(const struct nsfs *n, const struct ns_mount_ref **ret, size_t *ret_count)
{
        *ret = n->mounts;
        *ret_count = n->nmounts;
}

/* ---- owner and parent ---------------------------------------------- */

/* An fd on the namespace, through one of its members or a bind mount,
 * checked to be the right one (the member may have moved since). */
static int ns_open(struct nsfs *n, const struct snapshot *s, const struct ns_rec *ns)
{
        for (uint32_t m = 0; m < ns->member_count && m < 4; m++) {
                const struct proc_rec *p = &s->procs[s->members[ns->member_first + m]];
                char path[64];
                snprintf(path, sizeof(path), "%d/ns/%s", p->pid, ns_types[ns->type].name);
                int fd = openat(n->proc_fd, path, O_RDONLY | O_CLOEXEC);
                struct stat st;
                if (fd >= 0 && fstat(fd, &st) == 0 && st.st_ino == ns->ino)
                        return fd;
                if (fd >= 0)
                        close(fd);
        }
        for (uint32_t m = 0; m < ns->mount_count; m++) {
                /* O_NONBLOCK: the path may have been replaced by a FIFO. */
                int fd = open(s->mounts[ns->mount_first + m], O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
                struct stat st;
                if (fd >= 0 && fstat(fd, &st) == 0 && st.st_ino == ns->ino)
                        return fd;
                if (fd >= 0)
                        close(fd);
        }
        return -1;
}

/* Asks an nsfs ioctl that returns a namespace fd; sets the inode. EPERM
 * means the answer lies outside nstop's user namespace (or there is none,
 * as for the initial namespaces): LINK_NONE. */
static uint8_t ns_ask(int fd, unsigned long request, uint64_t *ret_ino)
{
        int other = ioctl(fd, request);
        if (other < 0)
                return errno == EPERM ? LINK_NONE : LINK_UNKNOWN;
        struct stat st;
        uint8_t state = LINK_UNKNOWN;
        if (fstat(other, &st) == 0) {
                *ret_ino = st.st_ino;
                state = LINK_KNOWN;
        }
        close(other);
        return state;
}

static void ns_learn(struct nsfs *n, const struct snapshot *s, const struct ns_rec *ns, struct ns_links *l)
{
        *l = (struct ns_links){.type = ns->type, .ino = ns->ino, .owner_uid = U32_UNKNOWN, .learned_at = s->time};
        if (!n->live)
                return;
        int fd = ns_open(n, s, ns);
        if (fd < 0)
                return;
        l->owner_state = ns_ask(fd, NS_GET_USERNS, &l->owner_ino);
        if (ns->type == NS_PID || ns->type == NS_USER)
                l->parent_state = ns_ask(fd, NS_GET_PARENT, &l->parent_ino);
        else
                l->parent_state = LINK_NONE;
        uid_t uid;
        if (ns->type == NS_USER && ioctl(fd, NS_GET_OWNER_UID, &uid) == 0)
                l->owner_uid = uid;
        close(fd);
}

static int links_cmp(const struct ns_links *l, const struct ns_rec *ns)
{
        if (l->type != ns->type)
                return l->type < ns->type ? -1 : 1;
        return (l->ino > ns->ino) - (l->ino < ns->ino);
}

/* Whether a member held ns since the last refresh (proc_rec.ns_held):
 * then it is the namespace that was there, not a new one that took over
 * a freed inode number. */
static bool held_by_a_member(const struct snapshot *s, const struct ns_rec *ns)
{
        for (uint32_t m = 0; m < ns->member_count; m++)
                if (s->procs[s->members[ns->member_first + m]].ns_held)
                        return true;
        return false;
}

void nsfs_resolve(struct nsfs *n, struct snapshot *s, double max_age)
{
        /* Both lists are sorted by (type, inode): merge, keep what is still
         * alive, learn what is new. The kernel reuses a freed namespace's
         * inode number at once, so a remembered answer may belong to a
         * namespace that died and was replaced between two refreshes: ask
         * again when it is older than max_age, unless a member held the
         * namespace since the last refresh. A namespace that could not
         * be opened keeps its old answer, or is asked again next time. */
        struct ns_links *next = malloc((s->nns + 1) * sizeof(*next));
        if (!next)
                return;
        size_t j = 0, k = 0;
        for (uint32_t i = 0; i < s->nns; i++) {
                struct ns_rec *ns = &s->ns[i];
                while (j < n->nlinks && links_cmp(&n->links[j], ns) < 0)
                        j++;
                bool known = j < n->nlinks && links_cmp(&n->links[j], ns) == 0;
                struct ns_links l;
                if (known && (s->time - n->links[j].learned_at < max_age || held_by_a_member(s, ns)))
                        l = n->links[j];
                else
                        ns_learn(n, s, ns, &l);
                if (known && l.owner_state == LINK_UNKNOWN)
                        l = n->links[j];
                ns->owner_state = l.owner_state;
                ns->owner_ino = l.owner_ino;
                ns->parent_state = l.parent_state;
                ns->parent_ino = l.parent_ino;
                ns->owner_uid = l.owner_uid;
                if (l.owner_state != LINK_UNKNOWN)
                        next[k++] = l;
        }
        free(n->links);
        n->links = next;
        n->nlinks = k;
}
