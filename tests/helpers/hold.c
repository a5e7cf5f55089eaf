/* hold.c: test helper that keeps N MiB of memory resident until killed.
 *
 * Usage: hold MIB
 * Allocates MIB mebibytes, writes to every page so that each one is
 * backed by real memory (counted in RSS), prints "ready" on stdout, then
 * sleeps until it is killed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
        char *end;
        unsigned long mib = argc == 2 ? strtoul(argv[1], &end, 10) : 0;
        if (argc != 2 || *end || mib == 0 || mib > 64 * 1024) {
                fputs("usage: hold MIB (1..65536)\n", stderr);
                return 2;
        }
        size_t len = (size_t)mib << 20;
        /* mmap, not malloc: the pages are anonymous and private, so every
         * touched page is counted in RSS and nothing is shared. */
        unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
                perror("hold: mmap");
                return 1;
        }
        long page = sysconf(_SC_PAGESIZE);
        /* A non-zero byte per page: zero-filled pages could be merged
         * (KSM) or left as the shared zero page by a read. */
        for (size_t off = 0; off < len; off += (size_t)page)
                p[off] = (unsigned char)(off / (size_t)page | 1);
        puts("ready");
        fflush(stdout);
        for (;;)
                pause();
        return 0;
}
