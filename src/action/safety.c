/* safety.c: who must not be frozen, and what needs a yes; see safety.h. */
#include "config.h"

#include "action/safety.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "model/cgtree.h"
#include "sample/parse.h"
#include "sample/readfile.h"

/* Enough for any real chain (init, sshd, sshd, shell, tmux, shell, nstop). */
#define CHAIN_MAX 64

size_t safety_protected(const struct snapshot *s, int32_t *out, size_t max)
{
        size_t n = 0;
        int32_t pid = s->self_pid;
        while (pid > 1 && n < max && n < CHAIN_MAX) {
                out[n++] = pid;
                const struct proc_rec *p = snapshot_find_proc(s, pid);
                if (!p || p->ppid == pid)
                        break;
                pid = p->ppid;
        }
        return n;
}

/* The index after cg's subtree: its descendants follow it in pre-order. */
static uint32_t subtree_end(const struct snapshot *s, uint32_t cg)
{
        uint32_t e = cg + 1;
        while (e < s->ncgroups && s->cgroups[e].hier == s->cgroups[cg].hier && s->cgroups[e].depth > s->cgroups[cg].depth)
                e++;
        return e;
}

int32_t safety_freeze_hits(const struct snapshot *s, uint32_t cg)
{
        int32_t keep[CHAIN_MAX];
        size_t nkeep = safety_protected(s, keep, CHAIN_MAX);
        for (uint32_t c = cg, end = subtree_end(s, cg); c < end; c++) {
                const struct cgroup_rec *r = &s->cgroups[c];
                for (uint32_t m = 0; m < r->member_count; m++) {
                        int32_t pid = s->procs[s->cg_members[r->member_first + m]].pid;
                        for (size_t k = 0; k < nkeep; k++)
                                if (keep[k] == pid)
                                        return pid;
                }
        }
        return 0;
}

const char *safety_confirm_reason(const struct snapshot *s, uint32_t cg)
{
        const struct cgroup_rec *c = &s->cgroups[cg];
        if (c->parent == IDX_NONE)
                return "the top cgroup of the hierarchy";
        const struct proc_rec *init = snapshot_find_proc(s, 1);
        if (init && cg_of_proc(s, init, c->hier) == cg)
                return "the cgroup of PID 1";
        return NULL;
}

uint32_t safety_subtree_procs(const struct snapshot *s, uint32_t cg)
{
        uint32_t n = 0;
        for (uint32_t c = cg, end = subtree_end(s, cg); c < end; c++)
                n += s->cgroups[c].member_count;
        return n;
}

/* Is pid, by its /proc/PID/cgroup now, at or below path in hierarchy hier? */
static bool proc_under(int32_t pid, const char *hier, const char *path)
{
        char name[48], buf[8192];
        snprintf(name, sizeof(name), "/proc/%d/cgroup", (int)pid);
        ssize_t n = read_small_at(AT_FDCWD, name, buf, sizeof(buf));
        struct cgroup_line lines[32];
        int count = n < 0 ? -1 : parse_cgroup(buf, (size_t)n, lines, 32);
        bool v2 = strcmp(hier, "unified") == 0;
        for (int i = 0; i < count; i++) {
                const struct cgroup_line *l = &lines[i];
                bool same = v2 ? l->hierarchy_id == 0 && l->controllers_len == 0
                               : l->controllers_len == strlen(hier) && !memcmp(l->controllers, hier, l->controllers_len);
                if (!same)
                        continue;
                char at[4096];
                snprintf(at, sizeof(at), "%.*s", (int)l->path_len, l->path);
                return cg_path_under(at, path);
        }
        return false;
}

static int32_t parent_of(int32_t pid)
{
        char name[48], buf[2048];
        snprintf(name, sizeof(name), "/proc/%d/stat", (int)pid);
        ssize_t n = read_small_at(AT_FDCWD, name, buf, sizeof(buf));
        struct pstat st;
        if (n < 0 || parse_stat(buf, (size_t)n, &st) < 0)
                return 0;
        return st.ppid;
}

size_t safety_protected_live(int32_t *out, size_t max)
{
        size_t n = 0;
        for (int32_t pid = (int32_t)getpid(); pid > 1 && n < max && n < CHAIN_MAX; pid = parent_of(pid))
                out[n++] = pid;
        return n;
}

int32_t safety_hits_live(const char *hier, const char *path)
{
        int32_t keep[CHAIN_MAX];
        size_t n = safety_protected_live(keep, CHAIN_MAX);
        for (size_t k = 0; k < n; k++)
                if (proc_under(keep[k], hier, path))
                        return keep[k];
        return 0;
}
