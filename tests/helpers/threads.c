/* threads.c: test helper, an idle process with two threads.
 *
 * Usage: threads
 * Starts a second thread, prints "ready", and then both threads sleep
 * until it is killed. The leader's schedstat does not count the other
 * thread's runs, so nstop must read such a process's stat every refresh. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *idle(void *arg)
{
        (void)arg;
        for (;;)
                pause();
        return NULL;
}

int main(void)
{
        pthread_t t;
        if (pthread_create(&t, NULL, idle, NULL) != 0)
                return 1;
        puts("ready");
        fflush(stdout);
        for (;;)
                pause();
        return 0;
}
