/* termsig.c: signals while the interactive view owns the terminal; see
 * termsig.h.
 *
 * Handlers may only call async-signal-safe functions: write(),
 * tcsetattr(), sigaction(), raise() and _exit() are; curses (endwin) is
 * not, as it allocates and writes through its own buffers. So what the
 * terminal needs is worked out beforehand, while nothing can go wrong. */
#include "config.h"

#include "ui/termsig.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static const int quit_sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
static const int crash_sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGABRT};
#define NQUIT (sizeof(quit_sigs) / sizeof(quit_sigs[0]))
#define NCRASH (sizeof(crash_sigs) / sizeof(crash_sigs[0]))

/* The actions in place before ours, given back by termsig_release (and,
 * for a crash, run after the restore: a sanitizer's report, say). */
static struct sigaction old_quit[NQUIT], old_crash[NCRASH];

static volatile sig_atomic_t pending;
/* Written only while restore_len is 0, so a handler never reads a half
 * made sequence; termios saved before curses changed anything. */
static char restore[256];
static volatile sig_atomic_t restore_len, have_modes;
static struct termios shell_modes;

/* Async-signal-safe: the prepared bytes, then the modes of before. */
static void restore_tty(void)
{
        int n = restore_len;
        for (int off = 0; off < n;) {
                ssize_t w = write(STDOUT_FILENO, restore + off, (size_t)(n - off));
                if (w < 0 && errno == EINTR)
                        continue;
                if (w <= 0)
                        break; /* the terminal is gone (hangup): nothing to mend */
                off += (int)w;
        }
        /* TCSANOW: TCSADRAIN could wait forever on a stopped (^S) terminal. */
        if (have_modes)
                tcsetattr(STDOUT_FILENO, TCSANOW, &shell_modes);
}

static void on_quit(int sig)
{
        if (!pending) {
                pending = sig;
                return;
        }
        /* A second one while the loop has not answered the first: it is
         * stuck (a read of a hung file system, say), so leave from here. */
        restore_tty();
        _exit(128 + pending);
}

static const struct sigaction *old_crash_action(int sig)
{
        for (size_t i = 0; i < NCRASH; i++)
                if (crash_sigs[i] == sig)
                        return &old_crash[i];
        return NULL;
}

static void on_crash(int sig, siginfo_t *info, void *ctx)
{
        restore_tty();
        const struct sigaction *old = old_crash_action(sig);
        if (old && (old->sa_flags & SA_SIGINFO)) {
                sigaction(sig, old, NULL);
                old->sa_sigaction(sig, info, ctx);
        } else if (old && old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) {
                sigaction(sig, old, NULL);
                old->sa_handler(sig);
        } else {
                /* SA_RESETHAND has put the default action back, and the
                 * signal is blocked in here: it is delivered again on return
                 * and dumps core as it would have. (A real fault re-runs the
                 * faulting instruction: the same end.) */
                raise(sig);
        }
}

/* Installs sa for sig unless sig was ignored at start (nohup). */
static void take(int sig, const struct sigaction *sa, struct sigaction *ret_old)
{
        sigaction(sig, NULL, ret_old);
        if (ret_old->sa_handler != SIG_IGN)
                sigaction(sig, sa, NULL);
}

void termsig_install(void)
{
        pending = 0;
        restore_len = 0;
        have_modes = tcgetattr(STDOUT_FILENO, &shell_modes) == 0;
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        /* The quit signals block each other, so "pending" is set once. */
        sigemptyset(&sa.sa_mask);
        for (size_t i = 0; i < NQUIT; i++)
                sigaddset(&sa.sa_mask, quit_sigs[i]);
        /* No SA_RESTART: the signal cuts the wait for a key short, and the
         * loop sees the flag at once. */
        sa.sa_handler = on_quit;
        for (size_t i = 0; i < NQUIT; i++)
                take(quit_sigs[i], &sa, &old_quit[i]);
        sa.sa_sigaction = on_crash;
        sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
        for (size_t i = 0; i < NCRASH; i++)
                take(crash_sigs[i], &sa, &old_crash[i]);
}

/* Appends a terminfo string when the terminal has it (tigetstr gives NULL
 * when it is absent, -1 when the name is not a string capability). */
static void add(int *len, const char *s)
{
        if (!s || s == (const char *)-1)
                return;
        size_t n = strlen(s);
        if ((size_t)*len + n <= sizeof(restore)) {
                memcpy(restore + *len, s, n);
                *len += (int)n;
        }
}

void termsig_arm(void)
{
        int len = 0;
        restore_len = 0;
        add(&len, tigetstr("sgr0")); /* attributes off */
        add(&len, tigetstr("op"));   /* the terminal's own colours */
        /* Mouse reports off: curses turned them on with XM when the
         * terminal has it, else with xterm's 1000 mode when it has kmous. */
        const char *xm = tigetstr("XM");
        if (xm && xm != (const char *)-1)
                add(&len, tiparm(xm, 0));
        else if (tigetstr("kmous") && tigetstr("kmous") != (char *)-1)
                add(&len, "\033[?1000l");
        add(&len, tigetstr("rmkx"));  /* keypad keys back to the shell's codes */
        add(&len, tigetstr("cnorm")); /* cursor visible */
        add(&len, tigetstr("rmcup")); /* the normal screen, as before nstop */
        restore_len = len;
}

void termsig_release(void)
{
        restore_len = 0;
        for (size_t i = 0; i < NQUIT; i++)
                sigaction(quit_sigs[i], &old_quit[i], NULL);
        for (size_t i = 0; i < NCRASH; i++)
                sigaction(crash_sigs[i], &old_crash[i], NULL);
}

int termsig_pending(void)
{
        return pending;
}
