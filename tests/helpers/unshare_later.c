/* unshare_later.c: test helper that changes namespaces without exec.
 *
 * Usage: unshare_later
 * Prints "ready", waits for SIGUSR1, then calls unshare(CLONE_NEWUTS |
 * CLONE_NEWIPC) itself (no exec, so nothing but the ns links tells the
 * change), prints "moved" and sleeps until killed. The staleness test
 * checks that nstop shows the new namespaces within 2 s. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
        sigset_t set;
        int sig;
        sigemptyset(&set);
        sigaddset(&set, SIGUSR1);
        sigprocmask(SIG_BLOCK, &set, NULL);
        puts("ready");
        fflush(stdout);
        if (sigwait(&set, &sig) != 0)
                return 1;
        if (unshare(CLONE_NEWUTS | CLONE_NEWIPC) != 0) {
                perror("unshare");
                return 1;
        }
        puts("moved");
        fflush(stdout);
        for (;;)
                pause();
}
