/* create.c: `n`, a process in new namespaces, as unshare(1) starts one:
 * the dialog chooses the types (mnt, uts, ipc, net and pid checked), a
 * hostname, a root mapping for a new user namespace, a fresh /proc, a new
 * root directory (as unshare -R, or chroot), a cgroup to start in, the
 * command, and foreground (it takes the terminal, as `e` does) or
 * background (a detached process keeps the namespaces alive; it is marked
 * in the views as made by nstop, and nstop reaps it). src/action/create.c
 * does the work and checks every field first. */
#include "config.h"

#include "ui/create.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "action/create.h"
#include "model/nstype.h"
#include "ui/dialogs.h"
#include "ui/enter.h"
#include "ui/panel.h"
#include "ui/tui_state.h"

/* The dialog's lines after the namespace types. */
enum {
        ITEM_HOSTNAME = NS_TYPE_COUNT,
        ITEM_MAP_ROOT,
        ITEM_PROC,
        ITEM_ROOT,
        ITEM_CGROUP,
        ITEM_COMMAND,
        ITEM_BACKGROUND,
        ITEM_COUNT
};

void tui_create_start(struct tui *t)
{
        struct dialog *d = &t->dlg;
        d->ns_mask = CREATE_DEFAULT_MASK;
        d->hostname[0] = d->root_dir[0] = d->cgroup_dir[0] = '\0';
        d->map_root = d->background = false;
        d->mount_proc = true;
        snprintf(d->command, sizeof(d->command), "%s", create_default_shell(NULL));
        /* From the Cgroups view, the selected cgroup is where it starts. */
        const struct ui_row *r = tui_selected(t);
        if (r && r->kind == ROW_CGROUP && act_cg_target(t, r->idx) == 0 && d->cg.dir &&
            t->cur->cgroups[r->idx].parent != IDX_NONE)
                snprintf(d->cgroup_dir, sizeof(d->cgroup_dir), "%s", d->cg.dir);
        dlg_open_kind(t, DLG_CREATE);
        d->choice = ITEM_COMMAND;
}

static char *text_of(struct dialog *d, int item, size_t *cap)
{
        switch (item) {
        case ITEM_HOSTNAME: *cap = sizeof(d->hostname); return d->hostname;
        case ITEM_ROOT: *cap = sizeof(d->root_dir); return d->root_dir;
        case ITEM_CGROUP: *cap = sizeof(d->cgroup_dir); return d->cgroup_dir;
        case ITEM_COMMAND: *cap = sizeof(d->command); return d->command;
        default: return NULL;
        }
}

static void create_text(const struct tui *t, struct buf *out)
{
        const struct dialog *d = &t->dlg;
        buf_puts(out, "New namespaces (unchecked types are shared with nstop):");
        for (int k = 0; k < NS_TYPE_COUNT; k++)
                buf_printf(out, "\n  [%c] %-7s %s", d->ns_mask & NS_BIT(k) ? 'x' : ' ', ns_types[k].name,
                           ns_types[k].isolates);
        const char *cur = d->choice >= ITEM_HOSTNAME && d->choice != ITEM_MAP_ROOT && d->choice != ITEM_PROC &&
                                          d->choice != ITEM_BACKGROUND
                                  ? "_"
                                  : "";
        buf_printf(out, "\n  hostname (uts): %s%s", d->hostname, d->choice == ITEM_HOSTNAME ? cur : "");
        buf_printf(out, "\n  [%c] map my user to root (user)", d->map_root ? 'x' : ' ');
        buf_printf(out, "\n  [%c] mount a fresh /proc (pid and mnt)", d->mount_proc ? 'x' : ' ');
        buf_printf(out, "\n  new root directory (chroot; empty: keep): %s%s", d->root_dir,
                   d->choice == ITEM_ROOT ? cur : "");
        buf_printf(out, "\n  cgroup to start in (Space: pick): %s%s", d->cgroup_dir,
                   d->choice == ITEM_CGROUP ? cur : "");
        buf_printf(out, "\n  command: %s%s", d->command, d->choice == ITEM_COMMAND ? cur : "");
        buf_printf(out, "\n  [%c] in the background (detached; keeps the namespaces alive)", d->background ? 'x' : ' ');
        buf_puts(out, "\n\nSpace toggles   Up, Down, Tab: move   Enter: start   Esc: cancel");
}

/* Where create_check's blame puts the focus. */
static int item_of(enum create_field f)
{
        switch (f) {
        case CREATE_FIELD_HOSTNAME: return ITEM_HOSTNAME;
        case CREATE_FIELD_MAP_ROOT: return ITEM_MAP_ROOT;
        case CREATE_FIELD_MOUNT_PROC: return ITEM_PROC;
        case CREATE_FIELD_ROOT: return ITEM_ROOT;
        case CREATE_FIELD_CGROUP: return ITEM_CGROUP;
        case CREATE_FIELD_COMMAND: return ITEM_COMMAND;
        default: return 0;
        }
}

static void remember(struct tui *t, pid_t pid)
{
        if (t->ncreated < sizeof(t->created) / sizeof(t->created[0]))
                t->created[t->ncreated++] = (int32_t)pid;
}

static int spawn_created(void *ctx, pid_t *ret_pid, char **cause)
{
        return create_spawn(ctx, ret_pid, cause);
}

static void start(struct tui *t)
{
        struct dialog *d = &t->dlg;
        char line[sizeof(d->command)], *words[64];
        snprintf(line, sizeof(line), "%s", d->command);
        int n = tui_split_words(line, words, 64);
        struct create_opts o = {.ns_mask = d->ns_mask, .hostname = d->hostname, .map_root = d->map_root,
                                .mount_proc = d->mount_proc, .root_dir = d->root_dir, .cgroup_dir = d->cgroup_dir,
                                .argv = n ? words : NULL, .background = d->background};
        enum create_field field = CREATE_FIELD_NONE;
        char *cause = NULL;
        if (create_check(&o, &field, &cause) < 0) {
                /* The dialog stays, on the field at fault. */
                tui_message(t, "%s: %s", create_field_name(field), cause ? cause : "not accepted");
                free(cause);
                d->choice = item_of(field);
                return;
        }
        if (!d->background) {
                /* It closes the dialog once the command is over: o points into it. */
                tui_hand_terminal(t, "nstop: in new namespaces; leave the shell to come back",
                                  "back from new namespaces", spawn_created, &o);
                return;
        }
        pid_t pid = -1;
        int r = create_spawn(&o, &pid, &cause);
        if (r < 0) {
                tui_message(t, "%s", cause ? cause : strerror(-r));
        } else {
                remember(t, pid);
                tui_message(t, "started pid %d in new namespaces, in the background (k ends it%s)", (int)pid,
                            o.argv && (o.ns_mask & NS_BIT(NS_PID)) ? "; as pid 1 of its pid namespace it ignores "
                                                                    "SIGTERM unless it handles it: send SIGKILL"
                                                                  : "");
        }
        free(cause);
        tui_dialog_close(t);
        t->refresh_now = true;
}

void tui_create_key(struct tui *t, int ch)
{
        struct dialog *d = &t->dlg;
        size_t cap = 0;
        char *text = text_of(d, d->choice, &cap);
        if (ch == 27) {
                tui_message(t, "cancelled");
                tui_dialog_close(t);
        } else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
                start(t);
        } else if (ch == KEY_UP || ch == KEY_BTAB) {
                d->choice = (d->choice + ITEM_COUNT - 1) % ITEM_COUNT;
        } else if (ch == KEY_DOWN || ch == '\t') {
                d->choice = (d->choice + 1) % ITEM_COUNT;
        } else if (d->choice == ITEM_CGROUP && ch == ' ' && !d->cgroup_dir[0]) {
                dlg_open_cgroup_picker(t, ITEM_CGROUP); /* Space on the empty field: pick from the tree */
        } else if (text) {
                dlg_edit_text(t, text, cap, ch);
        } else if (ch == ' ') {
                if (d->choice < NS_TYPE_COUNT)
                        d->ns_mask ^= NS_BIT(d->choice);
                else if (d->choice == ITEM_MAP_ROOT)
                        d->map_root = !d->map_root;
                else if (d->choice == ITEM_PROC)
                        d->mount_proc = !d->mount_proc;
                else if (d->choice == ITEM_BACKGROUND)
                        d->background = !d->background;
        }
}

void tui_create_draw(struct tui *t)
{
        struct buf text = {0};
        create_text(t, &text);
        panel_draw("New namespaces (as unshare)", buf_str(&text), 0, 1 + t->dlg.choice, t->opts.utf8);
        buf_free(&text);
}

void tui_create_reap(struct tui *t)
{
        for (size_t i = 0; i < t->ncreated;) {
                int status;
                pid_t r = waitpid(t->created[i], &status, WNOHANG);
                if (r == t->created[i] || (r < 0 && errno == ECHILD))
                        t->created[i] = t->created[--t->ncreated];
                else
                        i++;
        }
}
