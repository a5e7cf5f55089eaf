/* writer.c: test helper that appends to a file at a steady rate.
 *
 * Usage: writer FILE BYTES_PER_SEC
 * Appends new data to FILE in 16 KiB chunks, paced by clock_nanosleep on
 * an absolute CLOCK_MONOTONIC schedule so the average rate does not drift.
 * Prints "ready" after the first chunk, and runs until it is killed.
 *
 * Why the data is always new: the kernel counts write_bytes in
 * /proc/PID/io when a page cache page first becomes dirty, so rewriting a
 * page that is still dirty would not be counted again. Appending makes
 * every chunk dirty fresh pages. FILE must be on a disk-backed filesystem:
 * tmpfs pages are never written back, and tmpfs writes are not counted in
 * write_bytes at all (wchar, counted by every write(), is). To bound the
 * disk space used, the file is truncated to 0 every 64 MiB; the truncated
 * pages are dropped, so the next writes dirty fresh pages again. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { CHUNK = 16 * 1024 };
#define WRAP_BYTES (64L * 1024 * 1024)

static int write_all(int fd, const char *p, size_t n)
{
        while (n) {
                ssize_t w = write(fd, p, n);
                if (w < 0 && errno == EINTR)
                        continue;
                if (w < 0)
                        return -1;
                p += w;
                n -= (size_t)w;
        }
        return 0;
}

static void advance(struct timespec *t, long ns)
{
        t->tv_nsec += ns;
        while (t->tv_nsec >= 1000000000L) {
                t->tv_sec++;
                t->tv_nsec -= 1000000000L;
        }
}

int main(int argc, char **argv)
{
        char *end;
        long rate = argc == 3 ? strtol(argv[2], &end, 10) : 0;
        if (argc != 3 || *end || rate < 1024 || rate > 1024L * 1024 * 1024) {
                fputs("usage: writer FILE BYTES_PER_SEC (1024..1 GiB)\n", stderr);
                return 2;
        }
        int fd = open(argv[1], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (fd < 0) {
                perror("writer: open");
                return 1;
        }
        static char chunk[CHUNK];
        memset(chunk, 'w', sizeof(chunk));
        /* The pause between chunks that gives the requested rate. */
        long step_ns = (long)((double)CHUNK * 1e9 / (double)rate);
        struct timespec next;
        clock_gettime(CLOCK_MONOTONIC, &next);
        long written = 0;
        for (int first = 1;; first = 0) {
                if (write_all(fd, chunk, sizeof(chunk)) < 0) {
                        perror("writer: write");
                        return 1;
                }
                written += CHUNK;
                if (written >= WRAP_BYTES) {
                        if (ftruncate(fd, 0) < 0) {
                                perror("writer: ftruncate");
                                return 1;
                        }
                        written = 0;
                }
                if (first) {
                        puts("ready");
                        fflush(stdout);
                }
                advance(&next, step_ns);
                while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
                        ;
        }
        return 0;
}
