/* enter.c: `e`, a shell (or any command) inside a process's namespaces,
 * as nsenter(1) gives one, and `r`, one command run there whose output
 * shows in a panel without leaving the view. The dialog chooses the namespace types (those
 * that differ from nstop's are checked), the target's root and working
 * directory, the user and the command; src/action/enter.c does the work.
 * While the command runs the terminal is the command's: curses is
 * suspended and nstop waits, deaf to Ctrl-C, which is the command's. */
#include "config.h"

#include "ui/enter.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "action/enter.h"
#include "model/nstype.h"
#include "ui/dialogs.h"
#include "ui/panel.h"
#include "ui/screen.h"
#include "ui/tui_state.h"

/* The dialog's lines after the namespace types. */
enum { ITEM_ROOT = NS_TYPE_COUNT, ITEM_USER, ITEM_COMMAND, ITEM_COUNT };

/* Output kept from a command run with `r`. */
#define RUN_MAX_BYTES (256 * 1024)
/* How long a stopped command gets between SIGTERM and SIGKILL. */
#define RUN_GRACE_MS 500

void tui_enter_start(struct tui *t, bool run)
{
        const struct ui_row *r = tui_selected(t);
        const struct proc_rec *p = NULL;
        if (r && r->kind == ROW_PROC)
                p = &t->cur->procs[r->idx];
        else if (r && r->kind == ROW_NS && t->cur->ns[r->idx].member_count) /* through its first process */
                p = &t->cur->procs[t->cur->members[t->cur->ns[r->idx].member_first]];
        if (!p) {
                tui_message(t, "select a process, or a namespace with processes, to enter");
                return;
        }
        struct dialog *d = &t->dlg;
        struct enter_target et = {0};
        char *cause = NULL;
        if (enter_probe(p->pid, p->start_ticks, &et, &cause) < 0) {
                tui_message(t, "%s", cause ? cause : "cannot enter it");
                free(cause);
                return;
        }
        if (act_one_proc(t, p) < 0) {
                enter_target_clear(&et);
                return;
        }
        d->ns_mask = et.differ_mask & et.known_mask;
        d->take_root = (d->ns_mask & NS_BIT(NS_MNT)) != 0;
        d->as_user = false;
        d->target_uid = et.uid;
        snprintf(d->command, sizeof(d->command), "%s", run ? "" : et.shell ? et.shell : "/bin/sh");
        d->run = run;
        enter_target_clear(&et);
        dlg_open_kind(t, DLG_ENTER);
        d->choice = ITEM_COMMAND;
}

static void enter_text(const struct tui *t, struct buf *out)
{
        const struct dialog *d = &t->dlg;
        buf_puts(out, "Namespaces to enter (checked: those that differ from nstop's):");
        for (int k = 0; k < NS_TYPE_COUNT; k++)
                buf_printf(out, "\n  [%c] %-7s %s", d->ns_mask & NS_BIT(k) ? 'x' : ' ', ns_types[k].name,
                           ns_types[k].isolates);
        buf_printf(out, "\n  [%c] its root and working directory (as nsenter -r -w)", d->take_root ? 'x' : ' ');
        buf_printf(out, "\n  [%c] as its user (uid %u); else as root", d->as_user ? 'x' : ' ', d->target_uid);
        buf_printf(out, "\n  command: %s%s", d->command, d->choice == ITEM_COMMAND ? "_" : "");
        buf_puts(out, "\n\nSpace toggles   Up, Down, Tab: move   Enter: start   Esc: cancel");
}

int tui_split_words(char *line, char **words, int max)
{
        int n = 0;
        for (char *w = strtok(line, " \t"); w && n < max - 1; w = strtok(NULL, " \t"))
                words[n++] = w;
        words[n] = NULL;
        return n;
}

/* `r`: starts the command with its output into a pipe, for the panel. */
static void run_in_panel(struct tui *t)
{
        struct dialog *d = &t->dlg;
        char line[sizeof(d->command)], *words[64];
        snprintf(line, sizeof(line), "%s", d->command);
        if (!tui_split_words(line, words, 64)) {
                tui_message(t, "type the command to run inside (ip addr, hostname, mount, ps...)");
                return;
        }
        struct enter_opts o = {.pid = d->procs[0].pid, .start_ticks = d->procs[0].start, .ns_mask = d->ns_mask,
                               .take_root = d->take_root, .take_cwd = d->take_root, .as_target_user = d->as_user};
        char *cause = NULL;
        struct enter_run *r = NULL;
        int e = enter_run(&o, words, RUN_MAX_BYTES, &r, &cause);
        if (e < 0) {
                tui_message(t, "%s", cause ? cause : strerror(-e));
                free(cause);
                return;
        }
        t->run = r;
        snprintf(t->run_title, sizeof(t->run_title), "pid %d: %s", o.pid, d->command);
        t->panel_first = 0;
        tui_dialog_close(t);
        t->mode = MODE_RUN;
}

bool tui_run_poll(struct tui *t)
{
        if (!t->run || t->run_done)
                return false;
        char *cause = NULL;
        int r = enter_run_step(t->run, 0, &cause);
        if (r <= 0) {
                t->run_done = true;
                if (r < 0)
                        tui_message(t, "%s", cause ? cause : strerror(-r));
        }
        free(cause);
        return true;
}

static void run_close(struct tui *t)
{
        t->run = enter_run_free(t->run);
        t->run_done = false;
        t->mode = MODE_TABLE;
}

void tui_run_key(struct tui *t, int ch)
{
        if (ch == KEY_DOWN)
                t->panel_first++;
        else if (ch == KEY_UP && t->panel_first > 0)
                t->panel_first--;
        else if (ch == KEY_NPAGE)
                t->panel_first += panel_rows();
        else if (ch == KEY_PPAGE)
                t->panel_first = t->panel_first > panel_rows() ? t->panel_first - panel_rows() : 0;
        else if (ch != 27 && ch != 'q' && ch != 3)
                return;
        else if (!t->run_done) {
                /* Esc, q or Ctrl-C on a running command stops it; the panel stays. */
                char *cause = NULL;
                if (enter_run_stop(t->run, RUN_GRACE_MS, &cause) < 0)
                        tui_message(t, "%s", cause ? cause : "could not stop it");
                free(cause);
                t->run_done = true;
        } else {
                run_close(t);
        }
}

void tui_run_draw(struct tui *t)
{
        size_t len = 0;
        const char *out = enter_run_output(t->run, &len);
        struct buf text = {0}, wrapped = {0};
        for (size_t i = 0; i < len; i++) /* a NUL would end the text early */
                buf_putc(&text, out[i] ? out[i] : '?');
        int status = 0;
        char title[400];
        if (!t->run_done)
                snprintf(title, sizeof(title), "%s (running; Esc stops it)", t->run_title);
        else if (enter_run_status(t->run, &status) && WIFEXITED(status))
                snprintf(title, sizeof(title), "%s (exit status %d%s; Esc closes)", t->run_title, WEXITSTATUS(status),
                         enter_run_cut(t->run) ? ", output cut" : "");
        else
                snprintf(title, sizeof(title), "%s (killed by signal %d; Esc closes)", t->run_title,
                         WIFSIGNALED(status) ? WTERMSIG(status) : 0);
        if (!len)
                buf_puts(&text, t->run_done ? "(no output)" : "");
        /* The output is the command's: panel_wrap and panel_draw make it safe. */
        panel_wrap(buf_str(&text), &wrapped, screen_sanitize_flags());
        int lines = panel_lines(buf_str(&wrapped));
        if (t->panel_first > lines - 1)
                t->panel_first = lines > 0 ? lines - 1 : 0;
        panel_draw(title, buf_str(&wrapped), t->panel_first, -1, t->opts.utf8);
        buf_free(&text);
        buf_free(&wrapped);
}

/* Starts the command on the terminal and waits for it. */
struct enter_spawn_ctx {
        struct enter_opts o;
};

static int spawn_entered(void *ctx, pid_t *ret_pid, char **cause)
{
        return enter_spawn(&((struct enter_spawn_ctx *)ctx)->o, ret_pid, cause);
}

static void run_on_terminal(struct tui *t)
{
        struct dialog *d = &t->dlg;
        char *words[64];
        char line[sizeof(d->command)];
        snprintf(line, sizeof(line), "%s", d->command);
        int n = tui_split_words(line, words, 64);
        struct enter_spawn_ctx c = {.o = {
                                            .pid = d->procs[0].pid,
                                            .start_ticks = d->procs[0].start,
                                            .ns_mask = d->ns_mask,
                                            .take_root = d->take_root,
                                            .take_cwd = d->take_root,
                                            .as_target_user = d->as_user,
                                            .argv = n ? words : NULL,
                                    }};
        char banner[160], back[80];
        snprintf(banner, sizeof(banner), "nstop: in the namespaces of pid %d (%s); leave the shell to come back",
                 c.o.pid, d->procs[0].comm);
        snprintf(back, sizeof(back), "back from pid %d's namespaces", c.o.pid);
        tui_hand_terminal(t, banner, back, spawn_entered, &c);
}

/* As enter.h says; it also closes the dialog that started the command,
 * once the command is over (the spawn context may point into it). */
void tui_hand_terminal(struct tui *t, const char *banner, const char *back,
                       int (*spawn)(void *ctx, pid_t *ret_pid, char **cause), void *ctx)
{
        /* Ctrl-C and Ctrl-\ are the command's now, not nstop's. */
        struct sigaction ign = {.sa_handler = SIG_IGN}, old_int, old_quit;
        sigaction(SIGINT, &ign, &old_int);
        sigaction(SIGQUIT, &ign, &old_quit);
        def_prog_mode();
        endwin();
        printf("%s\n", banner);
        fflush(stdout);
        pid_t child = -1;
        char *cause = NULL;
        int r = spawn(ctx, &child, &cause), status = 0;
        while (r == 0 && waitpid(child, &status, 0) < 0 && errno == EINTR)
                ;
        /* An interactive shell takes the terminal for its own process group
         * and, in a new pid namespace, cannot see nstop's to hand it back:
         * take it back (SIGTTOU ignored, as a background group would get it). */
        struct sigaction old_ttou;
        sigaction(SIGTTOU, &ign, &old_ttou);
        if (isatty(STDIN_FILENO))
                tcsetpgrp(STDIN_FILENO, getpgrp());
        sigaction(SIGTTOU, &old_ttou, NULL);
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGQUIT, &old_quit, NULL);
        if (r < 0)
                tui_message(t, "%s", cause ? cause : strerror(-r));
        else if (WIFEXITED(status))
                tui_message(t, "%s: the command exited with status %d", back, WEXITSTATUS(status));
        else
                tui_message(t, "%s: the command was killed by signal %d", back, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
        free(cause);
        /* The screen comes back drawn anew, without the dialog that started
         * the command and with this message: a bare refresh would repaint
         * the screen of before (dialog and old message) until the refresh
         * that follows has taken its sample. */
        tui_dialog_close(t);
        reset_prog_mode();
        clearok(curscr, TRUE);
        tui_draw(t);
        t->refresh_now = true;
}

void tui_enter_key(struct tui *t, int ch)
{
        struct dialog *d = &t->dlg;
        if (ch == 27) {
                tui_message(t, "cancelled");
                tui_dialog_close(t);
        } else if ((ch == '\n' || ch == '\r' || ch == KEY_ENTER) && d->run) {
                run_in_panel(t);
        } else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
                run_on_terminal(t); /* which closes the dialog */
        } else if (ch == KEY_UP || ch == KEY_BTAB) {
                d->choice = (d->choice + ITEM_COUNT - 1) % ITEM_COUNT;
        } else if (ch == KEY_DOWN || ch == '\t') {
                d->choice = (d->choice + 1) % ITEM_COUNT;
        } else if (d->choice == ITEM_COMMAND) {
                dlg_edit_text(t, d->command, sizeof(d->command), ch);
        } else if (ch == ' ') {
                if (d->choice < NS_TYPE_COUNT)
                        d->ns_mask ^= NS_BIT(d->choice);
                else if (d->choice == ITEM_ROOT)
                        d->take_root = !d->take_root;
                else
                        d->as_user = !d->as_user;
        }
}

void tui_enter_draw(struct tui *t)
{
        struct dialog *d = &t->dlg;
        struct buf text = {0};
        char title[160];
        snprintf(title, sizeof(title), "%s pid %d (%s)", d->run ? "Run a command inside" : "Enter",
                 d->procs[0].pid, d->procs[0].comm);
        enter_text(t, &text);
        panel_draw(title, buf_str(&text), 0, 1 + d->choice, t->opts.utf8);
        buf_free(&text);
}
