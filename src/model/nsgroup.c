/* nsgroup.c: group processes by namespace; see nsgroup.h. */
#include "config.h"

#include "model/nsgroup.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Open-addressing map (type, inode) -> provisional namespace index. */
struct ns_map {
        uint32_t *slots; /* provisional index + 1; 0 = empty */
        size_t mask;
        struct ns_rec *recs;
        size_t n, cap;
};

static uint64_t ns_hash(enum ns_type type, uint64_t ino)
{
        uint64_t h = ino * 0x9e3779b97f4a7c15ull ^ (uint64_t)type * 0xc2b2ae3d27d4eb4full;
        return h ^ (h >> 29);
}

static int ns_map_grow(struct ns_map *m)
{
        size_t size = m->slots ? (m->mask + 1) * 2 : 64;
        uint32_t *slots = calloc(size, sizeof(*slots));
        if (!slots)
                return -ENOMEM;
        for (size_t i = 0; i < m->n; i++) {
                size_t h = ns_hash(m->recs[i].type, m->recs[i].ino) & (size - 1);
                while (slots[h])
                        h = (h + 1) & (size - 1);
                slots[h] = (uint32_t)i + 1;
        }
        free(m->slots);
        m->slots = slots;
        m->mask = size - 1;
        return 0;
}

/* Index of the namespace, added if new; -ENOMEM on failure. */
static int64_t ns_map_get(struct ns_map *m, enum ns_type type, uint64_t ino)
{
        if (!m->slots || (m->n + 1) * 2 > m->mask + 1)
                if (ns_map_grow(m) < 0)
                        return -ENOMEM;
        size_t h = ns_hash(type, ino) & m->mask;
        for (; m->slots[h]; h = (h + 1) & m->mask) {
                struct ns_rec *r = &m->recs[m->slots[h] - 1];
                if (r->type == type && r->ino == ino)
                        return m->slots[h] - 1;
        }
        if (m->n == m->cap) {
                size_t cap = m->cap ? m->cap * 2 : 64;
                struct ns_rec *v = realloc(m->recs, cap * sizeof(*v));
                if (!v)
                        return -ENOMEM;
                m->recs = v;
                m->cap = cap;
        }
        struct ns_rec *r = &m->recs[m->n];
        memset(r, 0, sizeof(*r));
        r->type = type;
        r->ino = ino;
        r->owner_state = r->parent_state = LINK_UNKNOWN;
        r->owner_uid = U32_UNKNOWN;
        r->cpu_percent = r->io_read_rate = r->io_write_rate = NAN;
        r->rss_bytes = U64_UNKNOWN;
        m->slots[h] = (uint32_t)m->n + 1;
        return (int64_t)m->n++;
}

static int ns_order_cmp(const void *a, const void *b, void *base)
{
        const struct ns_rec *recs = base;
        const struct ns_rec *x = &recs[*(const uint32_t *)a], *y = &recs[*(const uint32_t *)b];
        if (x->type != y->type)
                return x->type < y->type ? -1 : 1;
        return (x->ino > y->ino) - (x->ino < y->ino);
}

/* Counts per provisional index: members in member_count, mounts in
 * mount_count. Processes' ns_index hold provisional indexes. */
static int ns_collect(struct ns_map *m, struct snapshot *s, const struct ns_mount_ref *mounts, size_t nmounts)
{
        /* Neighbours in pid order mostly share their namespaces (the
         * host's processes, those of one container): the last namespace
         * seen of each type spares most lookups. */
        uint64_t last_ino[NS_TYPE_COUNT] = {0};
        int64_t last_idx[NS_TYPE_COUNT] = {0};
        for (uint32_t i = 0; i < s->nprocs; i++) {
                struct proc_rec *p = &s->procs[i];
                for (int t = 0; t < NS_TYPE_COUNT; t++) {
                        p->ns_index[t] = IDX_NONE;
                        if (!p->ns_ino[t])
                                continue;
                        int64_t idx = p->ns_ino[t] == last_ino[t] ? last_idx[t]
                                                                   : ns_map_get(m, (enum ns_type)t, p->ns_ino[t]);
                        if (idx < 0)
                                return (int)idx;
                        last_ino[t] = p->ns_ino[t];
                        last_idx[t] = idx;
                        p->ns_index[t] = (uint32_t)idx;
                        m->recs[idx].member_count++;
                }
        }
        for (size_t i = 0; i < nmounts; i++) {
                int64_t idx = ns_map_get(m, mounts[i].type, mounts[i].ino);
                if (idx < 0)
                        return (int)idx;
                m->recs[idx].mount_count++;
        }
        return 0;
}

int ns_group_build(struct snapshot *s, const struct ns_mount_ref *mounts, size_t nmounts)
{
        struct ns_map m = {0};
        uint32_t *order = NULL, *rank = NULL;
        int r = ns_collect(&m, s, mounts, nmounts);
        if (r < 0)
                goto out;
        r = -ENOMEM;
        order = malloc((m.n + 1) * sizeof(*order));
        rank = malloc((m.n + 1) * sizeof(*rank));
        struct ns_rec *recs = malloc((m.n + 1) * sizeof(*recs));
        uint32_t total_members = 0;
        for (size_t i = 0; i < m.n; i++)
                total_members += m.recs[i].member_count;
        uint32_t *members = malloc((total_members + 1) * sizeof(*members));
        const char **paths = malloc((nmounts + 1) * sizeof(*paths));
        if (!order || !rank || !recs || !members || !paths) {
                free(recs);
                free(members);
                free(paths);
                goto out;
        }
        /* Final order: by type, then inode. */
        for (size_t i = 0; i < m.n; i++)
                order[i] = (uint32_t)i;
        qsort_r(order, m.n, sizeof(*order), ns_order_cmp, m.recs);
        uint32_t next_member = 0, next_mount = 0;
        for (size_t k = 0; k < m.n; k++) {
                rank[order[k]] = (uint32_t)k;
                recs[k] = m.recs[order[k]];
                recs[k].member_first = next_member;
                recs[k].mount_first = next_mount;
                next_member += recs[k].member_count;
                next_mount += recs[k].mount_count;
                recs[k].member_count = recs[k].mount_count = 0;
        }
        /* Processes are in pid order, so each member list is too. */
        for (uint32_t i = 0; i < s->nprocs; i++) {
                struct proc_rec *p = &s->procs[i];
                for (int t = 0; t < NS_TYPE_COUNT; t++) {
                        if (p->ns_index[t] == IDX_NONE)
                                continue;
                        struct ns_rec *n = &recs[rank[p->ns_index[t]]];
                        p->ns_index[t] = rank[p->ns_index[t]];
                        members[n->member_first + n->member_count++] = i;
                }
        }
        for (size_t i = 0; i < nmounts; i++) {
                /* Already in the map, but the lookup may still try to grow
                 * it, and that can fail. */
                int64_t idx = ns_map_get(&m, mounts[i].type, mounts[i].ino);
                const char *path = idx < 0 ? NULL : arena_strdup(&s->arena, mounts[i].path);
                struct ns_rec *n = idx < 0 ? NULL : &recs[rank[idx]];
                if (!path || !n) {
                        free(recs);
                        free(members);
                        free(paths);
                        goto out;
                }
                paths[n->mount_first + n->mount_count++] = path;
        }
        s->ns = recs;
        s->nns = (uint32_t)m.n;
        s->members = members;
        s->nmembers = total_members;
        s->mounts = paths;
        s->nmounts = (uint32_t)nmounts;
        r = 0;
out:
        free(order);
        free(rank);
        free(m.slots);
        free(m.recs);
        return r;
}
