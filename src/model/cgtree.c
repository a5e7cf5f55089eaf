/* cgtree.c: cgroup path order and lookup; see cgtree.h. */
#include "config.h"

#include "model/cgtree.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/cgname.h"

int cg_path_cmp(const char *a, const char *b)
{
        for (;; a++, b++) {
                unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
                if (x != y) {
                        /* '/' ends a component: it sorts right after the
                         * end of the string, before any other byte. */
                        int kx = x == '/' ? 1 : x ? x + 1 : 0;
                        int ky = y == '/' ? 1 : y ? y + 1 : 0;
                        return kx - ky;
                }
                if (!x)
                        return 0;
        }
}

bool cg_path_under(const char *path, const char *root)
{
        size_t n = strlen(root);
        if (n == 1 && root[0] == '/')
                return path[0] == '/';
        return strncmp(path, root, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

uint32_t cg_find_hier(const struct snapshot *s, const char *name)
{
        for (uint32_t h = 0; h < s->ncg_hiers; h++)
                if (strcmp(s->cg_hiers[h].name, name) == 0)
                        return h;
        return IDX_NONE;
}

uint32_t cg_find(const struct snapshot *s, uint32_t h, const char *path)
{
        /* Hierarchies are contiguous and each is in cg_path_cmp order. */
        uint32_t lo = 0, hi = s->ncgroups;
        while (lo < hi) {
                uint32_t mid = lo + (hi - lo) / 2;
                const struct cgroup_rec *c = &s->cgroups[mid];
                int d = c->hier != h ? (c->hier < h ? -1 : 1) : cg_path_cmp(c->path, path);
                if (d < 0)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        if (lo < s->ncgroups && s->cgroups[lo].hier == h && strcmp(s->cgroups[lo].path, path) == 0)
                return lo;
        return IDX_NONE;
}

/* The one namespace of type t that every known member of the subtree
 * [first, end) is in, or 0 when they differ or none is known. */
static uint64_t shared_ns(const struct snapshot *s, uint32_t first, uint32_t end, enum ns_type t)
{
        uint64_t ino = 0;
        for (uint32_t k = first; k < end; k++) {
                const struct cgroup_rec *c = &s->cgroups[k];
                for (uint32_t m = 0; m < c->member_count; m++) {
                        uint64_t i = s->procs[s->cg_members[c->member_first + m]].ns_ino[t];
                        if (!i)
                                continue;
                        if (ino && i != ino)
                                return 0;
                        ino = i;
                }
        }
        return ino;
}

void cg_annotate(struct snapshot *s)
{
        for (uint32_t i = 0; i < s->ncgroups; i++) {
                struct cgroup_rec *c = &s->cgroups[i];
                struct cg_name n;
                if (cg_name_of(c->path, &n) == CG_KIND_NONE)
                        continue;
                c->name = arena_strdup(&s->arena, n.text);
                c->container = n.container;
                if (!c->container)
                        continue;
                /* Its subtree follows it in pre-order, deeper than it. */
                uint32_t end = i + 1;
                while (end < s->ncgroups && s->cgroups[end].hier == c->hier && s->cgroups[end].depth > c->depth)
                        end++;
                c->net_ns = shared_ns(s, i, end, NS_NET);
                c->uts_ns = shared_ns(s, i, end, NS_UTS);
        }
}

char *cg_dir(const struct snapshot *s, const struct cgroup_rec *c, const char *sysroot)
{
        const struct cg_hier *h = &s->cg_hiers[c->hier];
        if (!cg_path_under(c->path, h->mount_root)) {
                errno = EXDEV;
                return NULL;
        }
        /* The path below the mount's root: "/a/b" under root "/a" is "/b". */
        const char *rel = strcmp(h->mount_root, "/") == 0 ? c->path : c->path + strlen(h->mount_root);
        if (strcmp(rel, "/") == 0)
                rel = "";
        char *dir = NULL;
        if (asprintf(&dir, "%s%s%s", sysroot ? sysroot : "", h->mount, rel) < 0) {
                errno = ENOMEM;
                return NULL;
        }
        return dir;
}

uint32_t cg_of_proc(const struct snapshot *s, const struct proc_rec *p, uint32_t h)
{
        for (uint32_t k = 0; k < p->cgroup_count; k++) {
                const struct cgroup_ref *r = &s->cgroup_refs[p->cgroup_first + k];
                if (strcmp(r->hierarchy, s->cg_hiers[h].name) == 0)
                        return cg_find(s, h, r->path);
        }
        return IDX_NONE;
}

bool cg_list_has(const char *list, const char *word)
{
        size_t n = strlen(word);
        for (const char *p = list ? list : ""; *p;) {
                size_t len = strcspn(p, ", ");
                if (len == n && strncmp(p, word, n) == 0)
                        return true;
                p += len;
                p += strspn(p, ", ");
        }
        return false;
}

uint32_t cg_hier_with(const struct snapshot *s, const char *controller)
{
        uint32_t v2 = IDX_NONE;
        for (uint32_t h = 0; h < s->ncg_hiers; h++) {
                const struct cg_hier *hi = &s->cg_hiers[h];
                if (hi->version == 2)
                        v2 = h;
                else if (cg_list_has(hi->controllers, controller))
                        return h;
        }
        if (v2 == IDX_NONE)
                return IDX_NONE;
        /* cgroup.freeze is in every non-root v2 cgroup since Linux 5.2. */
        if (strcmp(controller, "freezer") == 0 || cg_list_has(s->cg_hiers[v2].controllers, controller))
                return v2;
        return IDX_NONE;
}
