/* termsig.h: signals while the interactive view owns the terminal.
 *
 * Whatever ends nstop, the terminal must come back as it was: cursor
 * visible, normal screen, no colour left on, echo and line editing on.
 *
 * - SIGINT, SIGTERM, SIGHUP and SIGQUIT only set a flag; the loop sees it
 *   (termsig_pending), leaves through the same endwin() as q and exits
 *   with 128 + the signal. A second one while the first is still pending
 *   (the loop is stuck) restores the terminal from the handler and exits
 *   at once with the same status.
 * - SIGSEGV, SIGBUS, SIGFPE and SIGABRT cannot go back to the loop: the
 *   handler writes restore bytes prepared at start-up and the saved
 *   terminal modes (both async-signal-safe), then dies of the signal
 *   with its default action, so the status and the core stay right.
 * A signal ignored when nstop started (nohup) stays ignored. */
#ifndef NSTOP_UI_TERMSIG_H
#define NSTOP_UI_TERMSIG_H

/* Before initscr(): saves the terminal's modes and installs the handlers. */
void termsig_install(void);
/* After curses has set the terminal up: prepares the restore bytes from
 * terminfo (the crash handler writes nothing before this). */
void termsig_arm(void);
/* After endwin(): nothing left to restore; the old handlers come back. */
void termsig_release(void);
/* The quit signal received since termsig_install, or 0. */
int termsig_pending(void);

#endif
