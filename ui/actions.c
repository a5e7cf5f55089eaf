/* actions.c: the action keys: targets, confirmations and reports; see
 * actions.h. The dialogs' own keys and drawing are in dialogs.c. */
#include "config.h"

#include "ui/actions.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "action/cgmove.h"
#include "action/freeze.h"
#include "action/ident.h"
#include "action/safety.h"
#include "action/signal.h"
#include "model/cgtree.h"
#include "output/format.h"
#include "ui/dialogs.h"
#include "ui/enter.h"
#include "ui/tui_state.h"

/* How long a freeze or thaw may take before nstop stops waiting. */
#define FREEZE_TIMEOUT 3.0

/* The message line: the cause when r < 0 (freed here), else ok. */
void act_report(struct tui *t, int r, char *cause, const char *ok)
{
        if (r < 0)
                tui_message(t, "%s", cause ? cause : strerror(-r));
        else
                tui_message(t, "%s", ok);
        free(cause);
        t->refresh_now = true;
}

const char *act_sig_name(int sig)
{
        for (size_t i = 0; i < signal_count; i++)
                if (signal_table[i].sig == sig)
                        return signal_table[i].name;
        return "a signal";
}

/* ---- targets ------------------------------------------------------------- */

static void proc_target(const struct proc_rec *p, struct act_proc *out)
{
        out->pid = p->pid;
        out->start = p->start_ticks;
        out->nice = p->nice;
        snprintf(out->comm, sizeof(out->comm), "%s", p->comm ? p->comm : "?");
        /* A name is the process's to choose: a newline in it would add
         * lines to a dialog and shift what is drawn from what is chosen. */
        for (char *c = out->comm; *c; c++)
                if ((unsigned char)*c < 0x20 || *c == 0x7f)
                        *c = '?';
}

/* Just process p, into t->dlg.procs. 0 or -ENOMEM (said on the message line). */
int act_one_proc(struct tui *t, const struct proc_rec *p)
{
        struct dialog *d = &t->dlg;
        free(d->procs);
        d->nprocs = 0;
        d->procs = calloc(1, sizeof(*d->procs));
        if (!d->procs) {
                tui_message(t, "out of memory");
                return -ENOMEM;
        }
        proc_target(p, &d->procs[0]);
        d->nprocs = 1;
        return 0;
}

/* The tagged processes that still exist, or else the selected one, into
 * t->dlg.procs. The count; 0 with a message when there is none. */
static size_t pick_procs(struct tui *t)
{
        struct dialog *d = &t->dlg;
        free(d->procs);
        d->procs = calloc(t->tags.n + 1, sizeof(*d->procs));
        d->nprocs = 0;
        if (!d->procs) {
                tui_message(t, "out of memory");
                return 0;
        }
        for (size_t i = 0; i < t->tags.n; i++) {
                const struct ui_key *k = &t->tags.v[i];
                const struct proc_rec *p = k->kind == ROW_PROC ? snapshot_find_proc(t->cur, k->pid) : NULL;
                if (p && p->start_ticks == k->start)
                        proc_target(p, &d->procs[d->nprocs++]);
        }
        const struct ui_row *r = tui_selected(t);
        if (!d->nprocs && r && r->kind == ROW_PROC)
                proc_target(&t->cur->procs[r->idx], &d->procs[d->nprocs++]);
        if (!d->nprocs)
                tui_message(t, "select a process first (or tag some with Space)");
        return d->nprocs;
}

static const struct proc_rec *selected_proc(struct tui *t)
{
        const struct ui_row *r = tui_selected(t);
        return r && r->kind == ROW_PROC ? &t->cur->procs[r->idx] : NULL;
}

static uint32_t selected_cgroup(struct tui *t)
{
        const struct ui_row *r = tui_selected(t);
        return r && r->kind == ROW_CGROUP ? r->idx : IDX_NONE;
}

/* Fills the dialog's cgroup from snapshot cgroup cg. */
int act_cg_target(struct tui *t, uint32_t cg)
{
        const struct cgroup_rec *c = &t->cur->cgroups[cg];
        struct act_cg *a = &t->dlg.cg;
        free(a->dir);
        memset(a, 0, sizeof(*a));
        snprintf(a->hier, sizeof(a->hier), "%s", t->cur->cg_hiers[c->hier].name);
        snprintf(a->path, sizeof(a->path), "%s", c->path);
        a->ino = c->ino;
        a->version = t->cur->cg_hiers[c->hier].version;
        a->dir = cg_dir(t->cur, c, NULL);
        if (!a->dir) {
                tui_message(t, "cgroup %s: no directory for it: %s", c->path, strerror(errno));
                return -errno;
        }
        return 0;
}

/* The cgroup of the dialog in the current snapshot, or IDX_NONE. */
uint32_t act_cg_find(const struct tui *t)
{
        const struct act_cg *a = &t->dlg.cg;
        uint32_t h = cg_find_hier(t->cur, a->hier);
        uint32_t c = h == IDX_NONE ? IDX_NONE : cg_find(t->cur, h, a->path);
        return c != IDX_NONE && t->cur->cgroups[c].ino == a->ino ? c : IDX_NONE;
}

/* Is the dialog's cgroup still the one it was opened on? A cgroup removed
 * and made again under the same path is another one: nothing is done to
 * it. False with a message. */
bool act_cg_still(struct tui *t)
{
        struct stat st;
        if (stat(t->dlg.cg.dir, &st) < 0) {
                tui_message(t, "cgroup %s: %s", act_cg_name(t), strerror(errno));
                return false;
        }
        if ((uint64_t)st.st_ino != t->dlg.cg.ino) {
                tui_message(t, "cgroup %s was removed and made again since it was chosen; nothing done",
                            act_cg_name(t));
                return false;
        }
        return true;
}

/* "/x (memory)" for messages. */
const char *act_cg_name(const struct tui *t)
{
        static char name[600];
        snprintf(name, sizeof(name), "%s (%s)", t->dlg.cg.path, t->dlg.cg.hier);
        return name;
}

/* ---- freeze ----------------------------------------------------------------- */

static bool is_frozen(const struct cgroup_rec *c)
{
        if (c->freezer_state)
                return strcmp(c->freezer_state, "THAWED") != 0;
        return c->frozen == 1;
}

/* The cgroup to freeze for a cgroup row: itself on v2 or in the freezer
 * hierarchy, else the same path in the freezer hierarchy. */
static uint32_t freezer_cg_of_cgroup(const struct snapshot *s, uint32_t cg)
{
        const struct cgroup_rec *c = &s->cgroups[cg];
        const struct cg_hier *h = &s->cg_hiers[c->hier];
        if (h->version == 2 || cg_list_has(h->controllers, "freezer"))
                return cg;
        uint32_t fh = cg_hier_with(s, "freezer");
        uint32_t f = fh == IDX_NONE ? IDX_NONE : cg_find(s, fh, c->path);
        if (f != IDX_NONE)
                return f;
        /* No such cgroup in the v1 freezer: v2's cgroup.freeze at the same path. */
        for (uint32_t v = 0; v < s->ncg_hiers; v++)
                if (s->cg_hiers[v].version == 2 && (f = cg_find(s, v, c->path)) != IDX_NONE)
                        return f;
        return IDX_NONE;
}

/* The nearest frozen ancestor of cg, or IDX_NONE: thawing a cgroup does
 * not thaw what its parent's freeze holds. */
static uint32_t frozen_ancestor(const struct snapshot *s, uint32_t cg)
{
        for (uint32_t a = s->cgroups[cg].parent; a != IDX_NONE; a = s->cgroups[a].parent)
                if (is_frozen(&s->cgroups[a]))
                        return a;
        return IDX_NONE;
}

void act_do_freeze(struct tui *t)
{
        struct dialog *d = &t->dlg;
        if (!act_cg_still(t))
                return;
        /* Asked again now: a confirmation may have been open a while. */
        int32_t hit = d->freeze ? safety_hits_live(d->cg.hier, d->cg.path) : 0;
        if (hit) {
                tui_message(t, "refusing to freeze %s: it now holds pid %d, nstop itself or its shell, terminal or "
                            "session, and the screen would hang", act_cg_name(t), hit);
                return;
        }
        tui_message(t, "%s %s...", d->freeze ? "freezing" : "thawing", act_cg_name(t));
        tui_draw(t); /* the wait below is bounded, but say what it is */
        char *cause = NULL;
        int r = cg_freeze(d->cg.dir, d->cg.version, d->freeze, FREEZE_TIMEOUT, &cause);
        char ok[700];
        snprintf(ok, sizeof(ok), "%s %s", d->freeze ? "froze" : "thawed", act_cg_name(t));
        act_report(t, r, cause, ok);
}

static void start_freeze(struct tui *t)
{
        const struct proc_rec *p = selected_proc(t);
        uint32_t cg = selected_cgroup(t);
        if (p) {
                uint32_t fh = cg_hier_with(t->cur, "freezer");
                cg = fh == IDX_NONE ? IDX_NONE : cg_of_proc(t->cur, p, fh);
        } else if (cg != IDX_NONE) {
                cg = freezer_cg_of_cgroup(t->cur, cg);
        } else {
                tui_message(t, "select a cgroup or a process to freeze");
                return;
        }
        if (cg == IDX_NONE) {
                tui_message(t, "nothing to freeze it with: no freezer hierarchy, and no v2 cgroup at that path");
                return;
        }
        if (act_cg_target(t, cg) < 0)
                return;
        struct dialog *d = &t->dlg;
        d->freeze = !is_frozen(&t->cur->cgroups[cg]);
        uint32_t holder = d->freeze ? IDX_NONE : frozen_ancestor(t->cur, cg);
        if (holder != IDX_NONE) {
                tui_message(t, "%s is frozen by its parent %s: thaw that one", act_cg_name(t), t->cur->cgroups[holder].path);
                return;
        }
        int32_t hit = !d->freeze ? 0 : safety_freeze_hits(t->cur, cg);
        if (d->freeze && !hit)
                hit = safety_hits_live(d->cg.hier, d->cg.path);
        if (hit) {
                const struct proc_rec *h = snapshot_find_proc(t->cur, hit);
                tui_message(t, "refusing to freeze %s: it holds pid %d (%s), nstop itself or its shell, terminal or "
                            "session, and the screen would hang", act_cg_name(t), hit, h && h->comm ? h->comm : "?");
                return;
        }
        const char *why = safety_confirm_reason(t->cur, cg);
        if (!p && !why) {
                act_do_freeze(t);
                return;
        }
        buf_reset(&d->text);
        buf_printf(&d->text, "%s %s?", d->freeze ? "Freeze" : "Thaw", act_cg_name(t));
        if (why)
                buf_printf(&d->text, "\nIt is %s.", why);
        uint32_t n = safety_subtree_procs(t->cur, cg);
        if (d->freeze)
                buf_printf(&d->text, "\n%u process%s will stop until it is thawed (f again).", n, n == 1 ? "" : "es");
        else
                buf_printf(&d->text, "\n%u process%s will run again.", n, n == 1 ? "" : "es");
        dlg_confirm(t, STEP_FREEZE);
}

/* ---- limits ---------------------------------------------------------------- */

/* The hierarchies a process row's "limit" makes nstop-PID in: the v2 one
 * when it has limit controllers, else each v1 one that has one. */
static size_t limit_hiers(const struct snapshot *s, uint32_t *out, size_t max)
{
        static const char *const ctrls[] = {"memory", "cpu", "pids", "io", "blkio"};
        size_t n = 0;
        for (uint32_t h = 0; h < s->ncg_hiers && n < max; h++) {
                bool any = false;
                for (size_t k = 0; k < sizeof(ctrls) / sizeof(ctrls[0]); k++)
                        any = any || cg_list_has(s->cg_hiers[h].controllers, ctrls[k]);
                if (any)
                        out[n++] = h;
        }
        return n;
}

void act_child_for_limits(struct tui *t)
{
        struct dialog *d = &t->dlg;
        const struct act_proc *ap = &d->procs[0];
        const struct proc_rec *p = snapshot_find_proc(t->cur, ap->pid);
        if (!p || p->start_ticks != ap->start) {
                tui_message(t, "pid %d (%s) has exited", ap->pid, ap->comm);
                return;
        }
        char name[32];
        snprintf(name, sizeof(name), "nstop-%d", ap->pid);
        uint32_t hs[16];
        size_t nh = limit_hiers(t->cur, hs, 16);
        struct buf done = {0}, failed = {0};
        for (size_t i = 0; i < nh; i++) {
                const char *hname = t->cur->cg_hiers[hs[i]].name;
                uint32_t cg = cg_of_proc(t->cur, p, hs[i]);
                char *dir = cg == IDX_NONE ? NULL : cg_dir(t->cur, &t->cur->cgroups[cg], NULL);
                char *cause = NULL, child[4400];
                int r = dir ? 0 : -ENOENT;
                if (dir) {
                        snprintf(child, sizeof(child), "%s/%s", dir, name);
                        /* Checked first, so that a process gone meanwhile leaves no cgroup behind. */
                        r = ident_check(ap->pid, ap->start, &cause);
                        bool made = false;
                        if (r == 0) {
                                r = cg_make(dir, name, &cause);
                                made = r == 0;
                                if (r == -EEXIST)
                                        r = 0, free(cause), cause = NULL;
                        }
                        if (r == 0)
                                r = cg_move_proc(child, ap->pid, ap->start, &cause);
                        if (r < 0 && made)
                                rmdir(child); /* not half done: the new cgroup goes with the failed move */
                }
                if (r < 0) {
                        buf_printf(&failed, "%s%s: %s", failed.len ? "; " : "", hname, cause ? cause : strerror(-r));
                } else {
                        buf_printf(&done, "%s%s", done.len ? ", " : "", hname);
                }
                free(cause);
                free(dir);
        }
        if (!done.len)
                tui_message(t, "could not move pid %d into a new cgroup: %s", ap->pid, failed.len ? buf_str(&failed) : "no hierarchy has limit controllers");
        else if (failed.len)
                tui_message(t, "moved pid %d into %s in %s; not in %s", ap->pid, name, buf_str(&done), buf_str(&failed));
        else
                tui_message(t, "moved pid %d into %s in %s", ap->pid, name, buf_str(&done));
        bool moved = done.len > 0;
        buf_free(&done);
        buf_free(&failed);
        char *cause = NULL;
        if (!moved || tui_refresh(t, &cause) < 0) {
                free(cause);
                return;
        }
        /* Its new cgroups, one per hierarchy, whatever their paths. */
        const struct proc_rec *now = snapshot_find_proc(t->cur, ap->pid);
        if (now && now->start_ticks == ap->start)
                dlg_open_form_proc(t, now);
}

static void start_limits(struct tui *t)
{
        const struct proc_rec *p = selected_proc(t);
        uint32_t cg = selected_cgroup(t);
        if (cg != IDX_NONE) {
                dlg_open_form(t, cg, false);
                return;
        }
        if (!p) {
                tui_message(t, "select a cgroup (Cgroups view) or a process to limit");
                return;
        }
        if (act_one_proc(t, p) < 0)
                return;
        struct dialog *d = &t->dlg;
        buf_reset(&d->text);
        buf_printf(&d->text, "Limit pid %d (%s) on its own?\nIt will be moved into a new cgroup nstop-%d below its "
                   "cgroup, in each hierarchy with memory, cpu, pids or io, and the limits set there.",
                   p->pid, d->procs[0].comm, p->pid);
        dlg_confirm(t, STEP_CHILD_FOR_LIMITS);
}

/* ---- signals and nice ---------------------------------------------------- */

/* The outcome of one action applied to several processes: how many
 * succeeded, and the last refusal (its cause kept for the message line). */
struct many {
        size_t ok;
        char *last;
        int last_r;
};

static void many_add(struct many *m, int r, char *cause)
{
        if (r < 0) {
                free(m->last);
                m->last = cause;
                m->last_r = r;
        } else {
                m->ok++;
                free(cause);
        }
}

/* msg says what was done; with several processes a refusal follows it,
 * with one the refusal replaces it. */
static void many_report(struct tui *t, struct many *m, size_t n, const char *msg)
{
        if (m->last && n > 1) {
                tui_message(t, "%s; %s", msg, m->last);
                free(m->last);
                t->refresh_now = true;
        } else {
                act_report(t, m->last_r, m->last, msg);
        }
        m->last = NULL;
}

static void start_signal(struct tui *t)
{
        struct dialog *d = &t->dlg;
        uint32_t cg = selected_cgroup(t);
        d->nprocs = 0;
        if (cg != IDX_NONE) {
                if (act_cg_target(t, cg) < 0)
                        return;
        } else if (!pick_procs(t)) {
                return;
        }
        dlg_open_signals(t);
}

void act_signal_chosen(struct tui *t)
{
        struct dialog *d = &t->dlg;
        if (!d->nprocs) {
                uint32_t cg = act_cg_find(t);
                if (cg == IDX_NONE) {
                        tui_message(t, "cgroup %s has gone", act_cg_name(t));
                        return;
                }
                if (d->sig != SIGCONT && (safety_freeze_hits(t->cur, cg) || safety_hits_live(d->cg.hier, d->cg.path))) {
                        tui_message(t, "refusing to signal every process in %s: nstop, its shell or its terminal "
                                    "is there", act_cg_name(t));
                        return;
                }
                const char *why = safety_confirm_reason(t->cur, cg);
                uint32_t n = t->cur->cgroups[cg].member_count;
                buf_reset(&d->text);
                buf_printf(&d->text, "Send %s to every process in %s (%u now)?", act_sig_name(d->sig), act_cg_name(t), n);
                if (d->sig == SIGKILL && d->cg.version == 2)
                        buf_puts(&d->text, "\nThrough cgroup.kill where the kernel has it: its child cgroups too.");
                if (why)
                        buf_printf(&d->text, "\nIt is %s.", why);
                dlg_confirm(t, STEP_SIGNAL_CGROUP);
                return;
        }
        if (d->sig != SIGCONT && d->sig != SIGWINCH) {
                int32_t keep[64];
                size_t nkeep = safety_protected_live(keep, 64);
                for (size_t i = 0; i < d->nprocs; i++)
                        for (size_t k = 0; k < nkeep; k++)
                                if (d->procs[i].pid == keep[k]) {
                                        tui_message(t, "refusing to send %s to pid %d (%s): it is nstop itself or its "
                                                    "shell, terminal or session", act_sig_name(d->sig), keep[k],
                                                    d->procs[i].comm);
                                        return;
                                }
        }
        struct many m = {0};
        for (size_t i = 0; i < d->nprocs; i++) {
                char *cause = NULL;
                int r = signal_proc(d->procs[i].pid, d->procs[i].start, d->sig, &cause);
                many_add(&m, r, cause); /* after the call: argument order is unspecified */
        }
        char msg[200];
        if (d->nprocs == 1)
                snprintf(msg, sizeof(msg), "sent %s to pid %d (%s)", act_sig_name(d->sig), d->procs[0].pid,
                         d->procs[0].comm);
        else
                snprintf(msg, sizeof(msg), "sent %s to %zu of %zu processes", act_sig_name(d->sig), m.ok, d->nprocs);
        many_report(t, &m, d->nprocs, msg);
}

void act_signal_cgroup(struct tui *t)
{
        struct dialog *d = &t->dlg;
        if (!act_cg_still(t))
                return;
        if (d->sig != SIGCONT && safety_hits_live(d->cg.hier, d->cg.path)) {
                tui_message(t, "refusing to signal every process in %s: nstop, its shell or its terminal is there now",
                            act_cg_name(t));
                return;
        }
        char *cause = NULL;
        int count = 0;
        int r = signal_cgroup(d->cg.dir, d->cg.version, d->sig, &count, &cause);
        char ok[700];
        if (count < 0)
                snprintf(ok, sizeof(ok), "killed every process in %s (cgroup.kill)", act_cg_name(t));
        else
                snprintf(ok, sizeof(ok), "sent %s to %d process%s in %s", act_sig_name(d->sig), count,
                         count == 1 ? "" : "es", act_cg_name(t));
        act_report(t, r, cause, ok);
}

static void renice(struct tui *t, int step)
{
        if (!pick_procs(t))
                return;
        struct dialog *d = &t->dlg;
        struct many m = {0};
        int to = 0;
        for (size_t i = 0; i < d->nprocs; i++) {
                to = d->procs[i].nice + step;
                to = to < -20 ? -20 : to > 19 ? 19 : to;
                char *cause = NULL;
                int r = renice_proc(d->procs[i].pid, d->procs[i].start, to, &cause);
                many_add(&m, r, cause);
        }
        char msg[200];
        if (d->nprocs == 1)
                snprintf(msg, sizeof(msg), "pid %d (%s): nice %d -> %d", d->procs[0].pid, d->procs[0].comm,
                         d->procs[0].nice, to);
        else
                snprintf(msg, sizeof(msg), "reniced %zu of %zu processes by %+d", m.ok, d->nprocs, step);
        many_report(t, &m, d->nprocs, msg);
}

/* ---- move, make, remove ---------------------------------------------------- */

static void start_move(struct tui *t)
{
        const struct proc_rec *p = selected_proc(t);
        if (!p) {
                tui_message(t, "select a process to move");
                return;
        }
        if (act_one_proc(t, p) < 0)
                return;
        dlg_open_picker(t, t->opts.cg_hier < t->cur->ncg_hiers ? t->opts.cg_hier : t->cur->ncg_hiers);
}

static void start_make(struct tui *t)
{
        uint32_t cg = selected_cgroup(t);
        if (cg == IDX_NONE) {
                tui_message(t, "select a cgroup (Cgroups view) to make a child in");
                return;
        }
        if (act_cg_target(t, cg) == 0)
                dlg_open_name(t);
}

void act_make(struct tui *t)
{
        if (!act_cg_still(t))
                return;
        char *cause = NULL;
        int r = cg_make(t->dlg.cg.dir, t->dlg.name, &cause);
        char ok[900];
        snprintf(ok, sizeof(ok), "made cgroup %s%s%s (%s)", t->dlg.cg.path, strcmp(t->dlg.cg.path, "/") ? "/" : "",
                 t->dlg.name, t->dlg.cg.hier);
        act_report(t, r, cause, ok);
}

static void start_remove(struct tui *t)
{
        uint32_t cg = selected_cgroup(t);
        if (cg == IDX_NONE) {
                tui_message(t, "select a cgroup (Cgroups view) to remove");
                return;
        }
        if (t->cur->cgroups[cg].parent == IDX_NONE) {
                tui_message(t, "the top cgroup of a hierarchy cannot be removed");
                return;
        }
        if (act_cg_target(t, cg) < 0)
                return;
        struct dialog *d = &t->dlg;
        buf_reset(&d->text);
        buf_printf(&d->text, "Remove the cgroup %s?\nOnly an empty one can go: no processes, no child cgroups.",
                   act_cg_name(t));
        dlg_confirm(t, STEP_REMOVE);
}

void act_remove(struct tui *t)
{
        if (!act_cg_still(t))
                return;
        char *cause = NULL;
        int r = cg_remove(t->dlg.cg.dir, &cause);
        char ok[700];
        snprintf(ok, sizeof(ok), "removed cgroup %s", act_cg_name(t));
        act_report(t, r, cause, ok);
}

/* ---- keys ------------------------------------------------------------------ */

bool tui_action_key(struct tui *t, int ch)
{
        static const int keys[] = {'f', 'l', 'm', 'k', ']', '[', 'a', 'X', 'e', KEY_F(7), KEY_F(8), KEY_F(9), 'r'};
        if (!t->live) {
                for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
                        if (ch == keys[i]) {
                                tui_message(t, "actions are off: this view is of a --sysroot tree, not of this system");
                                return true;
                        }
                return false;
        }
        switch (ch) {
        case 'f': start_freeze(t); return true;
        case 'l': start_limits(t); return true;
        case 'm': start_move(t); return true;
        case 'k': case KEY_F(9): start_signal(t); return true;
        case ']': case KEY_F(7): renice(t, -1); return true;
        case '[': case KEY_F(8): renice(t, 1); return true;
        case 'a': start_make(t); return true;
        case 'X': start_remove(t); return true;
        case 'e': tui_enter_start(t, false); return true;
        case 'r': tui_enter_start(t, true); return true;
        default: return false;
        }
}
