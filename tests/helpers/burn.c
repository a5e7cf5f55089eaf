/* burn.c: test helper that keeps one CPU busy until it is killed.
 *
 * Usage: burn
 * Prints "ready" once running, then spins in user space forever. The
 * integration tests check that nstop shows it near 100% of one CPU. */
#include <stdio.h>

int main(void)
{
        volatile unsigned long n = 0;
        puts("ready");
        fflush(stdout);
        for (;;)
                n++;
        return 0;
}
