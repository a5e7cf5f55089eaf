/* keylat.c: the benchmark's key-latency probe (bench/keys.sh compiles and
 * runs it; not part of nstop). It runs a TUI on a pseudo-terminal of a
 * fixed size, waits for its first complete frame, then types keys one at
 * a time and measures how long the TUI takes to answer each: the time
 * from writing the key's bytes to the pty to the last byte of the frame
 * the TUI writes back (the answer ends when no byte has come for GAP ms),
 * and the TUI's on-CPU time for it (the first field of each thread's
 * /proc/PID/task/TID/schedstat, summed, before and after).
 *
 * Why a pty of its own rather than tmux: `tmux send-keys` starts a client
 * (a fork and a socket round trip, milliseconds on a busy machine) and a
 * pane can only be polled; here the key's write and every byte of the
 * answer are timed where they happen, to the microsecond.
 *
 * Usage: keylat [-x COLS] [-y ROWS] [-g GAP_MS] [-t TIMEOUT_MS] [-w TEXT]
 *               [-c TEXT] [-s SETTLE_MS] [-k HOOK] -- COMMAND [ARG...]
 *   -w TEXT   the first frame is complete once TEXT has been written and
 *             then nothing for 300 ms
 *   -c TEXT   then say whether TEXT was written too ("check 1" or 0)
 *   -s MS     then wait this long at least, in quiet, before the first
 *             key (lets time-based highlights of the first frame expire)
 *   -k HOOK   then run `sh -c HOOK sh start` with KEYLAT_PID set to the
 *             TUI's pid, and type nothing before it exits (to attach
 *             strace); after the last key, `sh -c HOOK sh stop` (to
 *             detach it before q, whose exit would be traced too)
 * The keys come on standard input, one a line: "LABEL HEX", the key's
 * bytes in hex; a LABEL of "-" types the key without recording it (to get
 * somewhere: open a prompt, clear a search; its answer is waited for 2 s
 * at most, as it may have nothing to redraw). After the last it types q
 * and waits 5 s for the TUI to end (then SIGKILL, to its pid only).
 * Output, one a line: "pid PID", "startup_ms MS", "check 0|1" (with -c),
 * for each recorded key "press LABEL FIRST_US LAST_US CPU_NS BYTES WAIT_NS"
 * (FIRST, LAST: -1 when nothing came within TIMEOUT; WAIT: time the TUI
 * was runnable but not running, schedstat's second field), "stray BYTES"
 * (bytes that came while no key was pending: a refresh or anything else
 * unasked), "ticks T" (utime+stime of the TUI over all the keys, clock
 * ticks), "status S".
 * The TUI gets PR_SET_PDEATHSIG: it dies with this probe. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static int master = -1;
static pid_t child = -1;
static long stray;
static char tail_text[4096]; /* the last bytes written, for error messages */
static size_t tail_len;
/* A text looked for in the output, and whether it has come. */
struct watch {
        const char *text;
        int seen;
};
static struct watch want = {"", 0};  /* -w: the first frame has come */
static struct watch check = {"", 0}; /* -c: reported after the first frame */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        fprintf(stderr, "keylat: ");
        vfprintf(stderr, fmt, ap);
        fprintf(stderr, "\n");
        va_end(ap);
        if (tail_len)
                fprintf(stderr, "keylat: the last bytes it wrote: %.*s\n", (int)tail_len, tail_text);
        if (child > 0)
                kill(child, SIGKILL);
        exit(1);
}

static int64_t now_us(void)
{
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* On-CPU ns of all the TUI's threads (schedstat's first field), and in
 * *wait the ns they spent runnable but waiting for a CPU (the second):
 * on a busy machine, what a key's latency has beyond its own work. */
static int64_t cpu_ns(int64_t *wait)
{
        char path[64], buf[128];
        int64_t sum = 0;
        *wait = 0;
        snprintf(path, sizeof(path), "/proc/%d/task", (int)child);
        DIR *d = opendir(path);
        if (!d)
                return -1;
        struct dirent *e;
        while ((e = readdir(d))) {
                if (e->d_name[0] < '0' || e->d_name[0] > '9')
                        continue;
                snprintf(path, sizeof(path), "/proc/%d/task/%.16s/schedstat", (int)child, e->d_name);
                int fd = open(path, O_RDONLY | O_CLOEXEC);
                if (fd < 0)
                        continue;
                ssize_t n = read(fd, buf, sizeof(buf) - 1);
                close(fd);
                if (n > 0) {
                        buf[n] = '\0';
                        char *end;
                        sum += strtoll(buf, &end, 10);
                        *wait += strtoll(end, NULL, 10);
                }
        }
        closedir(d);
        return sum;
}

/* utime+stime of the TUI (fields 14 and 15 of /proc/PID/stat). */
static long stat_ticks(void)
{
        char path[64], buf[1024];
        snprintf(path, sizeof(path), "/proc/%d/stat", (int)child);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return -1;
        ssize_t n = read(fd, buf, sizeof(buf) - 1);
        close(fd);
        if (n <= 0)
                return -1;
        buf[n] = '\0';
        char *p = strrchr(buf, ')');
        if (!p)
                return -1;
        /* After ") " come field 3 (the state), 4, ...: 14 and 15 are
         * the 12th and 13th words. */
        long sum = 0;
        int f = 3;
        for (char *save, *w = strtok_r(p + 1, " ", &save); w; w = strtok_r(NULL, " ", &save), f++)
                if (f == 14 || f == 15)
                        sum += strtol(w, NULL, 10);
        return f > 15 ? sum : -1;
}

/* Has w's text come, in this chunk or across its start (the tail kept
 * so far ends where the chunk begins)? Checked on every chunk: a first
 * frame is larger than the tail kept. */
static void look(struct watch *w, const char *b, size_t n)
{
        size_t k = strlen(w->text);
        if (w->seen || !k)
                return;
        if (memmem(b, n, w->text, k)) {
                w->seen = 1;
                return;
        }
        char edge[512];
        if (k > sizeof(edge) / 2)
                return;
        size_t a = tail_len < k - 1 ? tail_len : k - 1, c = n < k - 1 ? n : k - 1;
        memcpy(edge, tail_text + tail_len - a, a);
        memcpy(edge + a, b, c);
        w->seen = memmem(edge, a + c, w->text, k) != NULL;
}

static void remember(const char *b, size_t n)
{
        look(&want, b, n);
        look(&check, b, n);
        if (n >= sizeof(tail_text)) {
                b += n - sizeof(tail_text);
                n = sizeof(tail_text);
        }
        if (tail_len + n > sizeof(tail_text)) {
                size_t drop = tail_len + n - sizeof(tail_text);
                memmove(tail_text, tail_text + drop, tail_len - drop);
                tail_len -= drop;
        }
        memcpy(tail_text + tail_len, b, n);
        tail_len += n;
}

/* Waits up to ms for output and reads all there is; returns the bytes
 * read (0: none within ms); *at: when the last read returned. Dies when
 * the TUI has gone (EOF or EIO on the master). */
static long drain(int ms, int64_t *at)
{
        struct pollfd p = {.fd = master, .events = POLLIN};
        int r = poll(&p, 1, ms);
        if (r < 0 && errno != EINTR)
                die("poll: %s", strerror(errno));
        if (r <= 0)
                return 0;
        long total = 0;
        char buf[65536];
        for (;;) {
                ssize_t n = read(master, buf, sizeof(buf));
                if (n > 0) {
                        *at = now_us();
                        total += n;
                        remember(buf, (size_t)n);
                        continue;
                }
                if (n < 0 && errno == EAGAIN)
                        break;
                if (n < 0 && errno == EINTR)
                        continue;
                if (total)
                        break;
                die("%s", "the TUI has ended");
        }
        return total;
}

/* Reads until ms pass with no output; returns the bytes read. */
static long quiet(int ms)
{
        int64_t at;
        long total = 0, n;
        while ((n = drain(ms, &at)) > 0)
                total += n;
        return total;
}

static void start(char **argv, int cols, int rows)
{
        master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0)
                die("no pseudo-terminal: %s", strerror(errno));
        const char *name = ptsname(master);
        if (!name)
                die("ptsname: %s", strerror(errno));
        struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
        pid_t parent = getpid();
        child = fork();
        if (child < 0)
                die("fork: %s", strerror(errno));
        if (child == 0) {
                prctl(PR_SET_PDEATHSIG, SIGKILL);
                if (getppid() != parent)
                        _exit(127);
                setsid();
                int s = open(name, O_RDWR);
                if (s < 0)
                        _exit(127);
                ioctl(s, TIOCSCTTY, 0);
                ioctl(s, TIOCSWINSZ, &ws);
                dup2(s, 0);
                dup2(s, 1);
                dup2(s, 2);
                if (s > 2)
                        close(s);
                execvp(argv[0], argv);
                _exit(127);
        }
        int fl = fcntl(master, F_GETFL);
        fcntl(master, F_SETFL, fl | O_NONBLOCK);
}

/* Waits for -w's TEXT in the output (up to 120 s), then for 300 ms of
 * quiet. */
static void first_frame(void)
{
        int64_t t0 = now_us(), at;
        while (!want.seen && want.text[0]) {
                if (now_us() - t0 > 120000000)
                        die("no '%s' on the screen in 120 s", want.text);
                drain(100, &at);
        }
        quiet(300);
}

static void run_hook(const char *hook, const char *arg)
{
        char pid[32];
        snprintf(pid, sizeof(pid), "%d", (int)child);
        setenv("KEYLAT_PID", pid, 1);
        pid_t h = fork();
        if (h < 0)
                die("fork: %s", strerror(errno));
        if (h == 0) {
                execl("/bin/sh", "sh", "-c", hook, "sh", arg, (char *)NULL);
                _exit(127);
        }
        int st;
        while (waitpid(h, &st, WNOHANG) == 0)
                stray += quiet(10);
        if (!WIFEXITED(st) || WEXITSTATUS(st))
                die("the hook failed at %s", arg);
}

static int hexval(int c)
{
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* One key: write its bytes, time the answer. */
static void press(const char *label, const unsigned char *key, size_t n, int gap_ms, int timeout_ms)
{
        /* Whatever came since the last answer was not asked for. */
        stray += quiet(0);
        int64_t w0, w1, c0 = cpu_ns(&w0);
        int64_t t0 = now_us();
        if (write(master, key, n) != (ssize_t)n)
                die("write to the pty: %s", strerror(errno));
        int64_t first = -1, last = -1, at = 0;
        long bytes = 0;
        /* The first byte: up to the timeout; then until gap_ms of quiet. */
        long got = drain(strcmp(label, "-") ? timeout_ms : 2000, &at);
        if (got > 0) {
                first = at - t0; /* when the first read returned */
                bytes += got;
                last = at - t0;
                while ((got = drain(gap_ms, &at)) > 0) {
                        bytes += got;
                        last = at - t0;
                }
        }
        int64_t c1 = cpu_ns(&w1);
        if (strcmp(label, "-"))
                printf("press %s %lld %lld %lld %ld %lld\n", label, (long long)first, (long long)last,
                       (long long)(c1 - c0), bytes, (long long)(w1 - w0));
}

int main(int argc, char **argv)
{
        int cols = 200, rows = 50, gap = 30, timeout = 5000, settle = 0, o;
        const char *hook = NULL;
        while ((o = getopt(argc, argv, "+x:y:g:t:w:c:s:k:")) != -1) {
                switch (o) {
                case 'x': cols = atoi(optarg); break;
                case 'y': rows = atoi(optarg); break;
                case 'g': gap = atoi(optarg); break;
                case 't': timeout = atoi(optarg); break;
                case 'w': want.text = optarg; break;
                case 'c': check.text = optarg; break;
                case 's': settle = atoi(optarg); break;
                case 'k': hook = optarg; break;
                default: return 2;
                }
        }
        if (optind >= argc || cols < 1 || rows < 1 || gap < 1 || timeout < 1)
                die("%s", "usage: keylat [-x COLS] [-y ROWS] [-g GAP_MS] [-t TIMEOUT_MS] [-w TEXT] [-c TEXT] [-s SETTLE_MS] [-k HOOK] -- COMMAND [ARG...]");
        signal(SIGPIPE, SIG_IGN);
        setvbuf(stdout, NULL, _IOLBF, 0);
        /* On a busy host the probe's own wait for a CPU would be counted
         * as the TUI's latency: it runs SCHED_FIFO (it only ever sleeps in
         * poll, so it takes little), and its children, the TUI first, get
         * the normal policy back (SCHED_RESET_ON_FORK). Without the right
         * to, it runs as it is. */
        struct sched_param sp = {.sched_priority = 1};
        if (sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &sp) < 0)
                fprintf(stderr, "keylat: not real-time (%s): latencies include its own waits on a busy host\n",
                        strerror(errno));
        int64_t t0 = now_us();
        start(argv + optind, cols, rows);
        printf("pid %d\n", (int)child);
        first_frame();
        printf("startup_ms %lld\n", (long long)((now_us() - t0) / 1000 - 300));
        if (check.text[0])
                printf("check %d\n", check.seen);
        int64_t s0 = now_us();
        while (now_us() - s0 < (int64_t)settle * 1000)
                stray += quiet(50);
        stray = 0;
        if (hook)
                run_hook(hook, "start");
        long tk0 = stat_ticks();
        char line[512];
        while (fgets(line, sizeof(line), stdin)) {
                char label[128], hex[256];
                if (sscanf(line, "%127s %255s", label, hex) != 2)
                        continue;
                unsigned char key[128];
                size_t n = 0;
                for (size_t i = 0; hex[i] && hex[i + 1] && n < sizeof(key); i += 2) {
                        int a = hexval(hex[i]), b = hexval(hex[i + 1]);
                        if (a < 0 || b < 0)
                                die("bad hex '%s'", hex);
                        key[n++] = (unsigned char)(a * 16 + b);
                }
                if (n)
                        press(label, key, n, gap, timeout);
        }
        long tk1 = stat_ticks();
        if (hook)
                run_hook(hook, "stop");
        printf("stray %ld\n", stray + quiet(0));
        printf("ticks %ld\n", tk0 >= 0 && tk1 >= 0 ? tk1 - tk0 : -1);
        if (write(master, "q", 1) != 1)
                die("write to the pty: %s", strerror(errno));
        int st = 0;
        int64_t q0 = now_us();
        while (waitpid(child, &st, WNOHANG) == 0) {
                if (now_us() - q0 > 5000000) {
                        kill(child, SIGKILL);
                        waitpid(child, &st, 0);
                        break;
                }
                struct pollfd p = {.fd = master, .events = POLLIN};
                if (poll(&p, 1, 20) > 0 && read(master, line, sizeof(line)) < 0 && errno != EAGAIN)
                        usleep(20000); /* EIO once the TUI has closed its side */
        }
        printf("status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
        return 0;
}
