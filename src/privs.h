/* privs.h: the privileges nstop runs with, and the one run it refuses.
 *
 * nstop is run by root (the whole view, every action) or by any user (a
 * partial view; actions only on what that user may change). It must never
 * be installed setuid or setgid, nor run with file capabilities: it runs
 * commands typed in its dialogs, enters namespaces, follows environment
 * variables (PATH, SHELL, TERM, the locale) and reads a settings file,
 * none of which is meant to cross from one user to another. The kernel
 * says so through AT_SECURE (set for setuid, setgid, file capabilities
 * and security-module transitions); real and effective ids that differ
 * say it too. main() asks before doing anything else and exits. */
#ifndef NSTOP_PRIVS_H
#define NSTOP_PRIVS_H

#include <stddef.h>
#include <sys/types.h>

/* What the decision needs, as the process was started. */
struct privs {
        uid_t ruid, euid;
        gid_t rgid, egid;
        unsigned long at_secure; /* getauxval(AT_SECURE): nonzero = secure-execution mode */
};

/* Fills *ret from getresuid/getresgid and the auxiliary vector. */
void privs_get(struct privs *ret);

/* 0 for an ordinary run. Otherwise -EPERM and the reason, one line
 * without "nstop: " or a newline, in buf (cut to size): "real uid 65534,
 * effective uid 0", "real gid 65534, effective gid 0" or "the kernel runs
 * it in secure-execution mode (AT_SECURE: file capabilities or a security
 * module transition)". Pure: unit-tested with made-up values. */
int privs_refusal(const struct privs *p, char *buf, size_t size);

#endif
