/* fresh.c: newly seen namespaces and cgroups; see fresh.h. */
#include "config.h"

#include "ui/fresh.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model/cgtree.h"

struct fresh_item {
        bool is_ns;
        int type;       /* namespaces */
        uint64_t ino;   /* both: a cgroup re-made under the same path is new again */
        char *hier;     /* cgroups: hierarchy name and path */
        char *path;
        double since;
};

static void item_free(struct fresh_item *it)
{
        free(it->hier);
        free(it->path);
}

static bool cgroup_in(const struct snapshot *s, const char *hier, const char *path, uint64_t ino)
{
        uint32_t h = cg_find_hier(s, hier);
        uint32_t i = h == IDX_NONE ? IDX_NONE : cg_find(s, h, path);
        return i != IDX_NONE && s->cgroups[i].ino == ino;
}

static bool still_fresh(const struct fresh_item *it, const struct snapshot *cur, double keep_seconds)
{
        if (cur->time - it->since >= keep_seconds)
                return false;
        return it->is_ns ? snapshot_find_ns(cur, (enum ns_type)it->type, it->ino) != NULL
                         : cgroup_in(cur, it->hier, it->path, it->ino);
}

int fresh_update(struct fresh_set *f, const struct snapshot *prev, const struct snapshot *cur, double keep_seconds)
{
        size_t added = 0;
        if (prev) {
                for (uint32_t i = 0; i < cur->nns; i++)
                        added += !snapshot_find_ns(prev, cur->ns[i].type, cur->ns[i].ino);
                for (uint32_t i = 0; i < cur->ncgroups; i++) {
                        const struct cgroup_rec *c = &cur->cgroups[i];
                        added += !cgroup_in(prev, cur->cg_hiers[c->hier].name, c->path, c->ino);
                }
        }
        struct fresh_item *v = malloc((f->n + added + 1) * sizeof(*v));
        if (!v)
                return -ENOMEM;
        size_t n = 0;
        for (size_t i = 0; i < f->n; i++) {
                if (still_fresh(&f->v[i], cur, keep_seconds))
                        v[n++] = f->v[i];
                else
                        item_free(&f->v[i]);
        }
        for (uint32_t i = 0; prev && i < cur->nns; i++)
                if (!snapshot_find_ns(prev, cur->ns[i].type, cur->ns[i].ino))
                        v[n++] = (struct fresh_item){.is_ns = true, .type = (int)cur->ns[i].type, .ino = cur->ns[i].ino,
                                                     .since = cur->time};
        for (uint32_t i = 0; prev && i < cur->ncgroups; i++) {
                const struct cgroup_rec *c = &cur->cgroups[i];
                const char *hier = cur->cg_hiers[c->hier].name;
                if (cgroup_in(prev, hier, c->path, c->ino))
                        continue;
                struct fresh_item it = {.ino = c->ino, .hier = strdup(hier), .path = strdup(c->path), .since = cur->time};
                if (!it.hier || !it.path) {
                        item_free(&it); /* this one is not highlighted; no harm */
                        continue;
                }
                v[n++] = it;
        }
        free(f->v);
        f->v = v;
        f->n = n;
        return 0;
}

bool fresh_has_ns(const struct fresh_set *f, const struct ns_rec *n)
{
        for (size_t i = 0; i < f->n; i++)
                if (f->v[i].is_ns && f->v[i].type == (int)n->type && f->v[i].ino == n->ino)
                        return true;
        return false;
}

bool fresh_has_cgroup(const struct fresh_set *f, const struct snapshot *s, const struct cgroup_rec *c)
{
        const char *hier = s->cg_hiers[c->hier].name;
        for (size_t i = 0; i < f->n; i++)
                if (!f->v[i].is_ns && f->v[i].ino == c->ino && !strcmp(f->v[i].hier, hier) &&
                    !strcmp(f->v[i].path, c->path))
                        return true;
        return false;
}

void fresh_free(struct fresh_set *f)
{
        for (size_t i = 0; i < f->n; i++)
                item_free(&f->v[i]);
        free(f->v);
        f->v = NULL;
        f->n = 0;
}
