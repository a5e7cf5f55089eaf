/* test_parse.c: table-driven tests of the kernel-text parsers (sample/parse.h).
 *
 * Inputs are the text this kernel prints (copied from /proc on a 6.x host)
 * plus hostile variants. Every parser gets its input in a heap buffer of
 * exactly the stated length, without a terminating NUL, so a read past the
 * end shows up under --enable-sanitizers (or valgrind). Every failure case
 * also checks that the output parameters were left untouched. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/nstype.h"
#include "sample/parse.h"
#include "bytes.h"
#include "tap.h"


/* printf into a static buffer, for test names. */
/* ---- parse_stat ----------------------------------------------------- */

/* The rest of a user task's stat line after "rss", as 6.x prints it. */
#define STAT_TAIL                                                                                   \
        " 18446744073709551615 94047782596608 94047782616489 140725324206672 0 0 0 0 0 0 0 0 0 17 0 " \
        "0 0 0 0 0 94047782632496 94047782634112 94048552677376 140725324208779 140725324208799 "      \
        "140725324208799 140725324210155 0\n"
#define KTHREAD_TAIL                                                                                \
        " 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"

#define NUL_LINE "93 (a\0b) S 1 93 93 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3\n"

struct stat_case {
        const char *name;
        const char *text;
        size_t len; /* 0: strlen(text) */
        int32_t pid, ppid;
        const char *comm;
        size_t comm_len;
        char state;
        uint32_t flags;
        uint64_t utime, stime;
        int32_t priority, nice, threads;
        uint64_t start, vsize, rss;
};

static const struct stat_case stat_ok[] = {
        {"cat, as the kernel prints it",
         "14237 (cat) R 14234 14234 7491 0 -1 4194304 101 0 0 0 0 0 0 0 20 0 1 0 27040 3133440 380" STAT_TAIL,
         0, 14237, 14234, "cat", 3, 'R', 4194304, 0, 0, 20, 0, 1, 27040, 3133440, 380},
        {"kthreadd",
         "2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 14 0 0" KTHREAD_TAIL, 0, 2, 0,
         "kthreadd", 8, 'S', 2129984, 0, 0, 20, 0, 1, 14, 0, 0},
        {"kworker with a workqueue suffix longer than 15 bytes",
         "12 (kworker/u8:0-ext4-rsv-conversion) I 2 0 0 0 -1 69238880 0 0 0 0 0 6 0 0 20 0 1 0 14 0 0" KTHREAD_TAIL,
         0, 12, 2, "kworker/u8:0-ext4-rsv-conversion", 32, 'I', 69238880, 0, 6, 20, 0, 1, 14, 0, 0},
        {"kworker at nice -20, priority 0",
         "10 (kworker/0:0H-kblockd) I 2 0 0 0 -1 69238880 0 0 0 0 0 0 0 0 0 -20 1 0 14 0 0" KTHREAD_TAIL, 0,
         10, 2, "kworker/0:0H-kblockd", 20, 'I', 69238880, 0, 0, 0, -20, 1, 14, 0, 0},
        {"comm with a space and a colon",
         "4242 (tmux: server) S 1 4242 4242 0 -1 4194560 1000 0 3 0 12 34 0 0 20 0 1 0 5000 10000000 500" STAT_TAIL,
         0, 4242, 1, "tmux: server", 12, 'S', 4194560, 12, 34, 20, 0, 1, 5000, 10000000, 500},
        {"comm holding \") S 1 2\" (a fake field list)",
         "77 (a) S 1 2) R 5 77 77 0 -1 4194304 0 0 0 0 1 2 0 0 20 0 3 0 900 4096 7" STAT_TAIL, 0, 77, 5,
         "a) S 1 2", 8, 'R', 4194304, 1, 2, 20, 0, 3, 900, 4096, 7},
        {"comm ending in ')'",
         "78 (foo)) S 1 78 78 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3" STAT_TAIL, 0, 78, 1, "foo)", 4,
         'S', 4194304, 0, 0, 20, 0, 1, 1, 2, 3},
        {"comm of parentheses only",
         "79 (()(()) S 1 79 79 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3" STAT_TAIL, 0, 79, 1, "()(()", 5, 'S',
         0, 0, 0, 20, 0, 1, 1, 2, 3},
        {"empty comm", "80 () S 1 80 80 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3" STAT_TAIL, 0, 80, 1, "", 0, 'S',
         0, 0, 0, 20, 0, 1, 1, 2, 3},
        {"15-byte comm (TASK_COMM_LEN 16 with its NUL)",
         "81 (123456789012345) S 1 81 81 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3" STAT_TAIL, 0, 81, 1,
         "123456789012345", 15, 'S', 0, 0, 0, 20, 0, 1, 1, 2, 3},
        {"16-byte comm",
         "82 (1234567890123456) S 1 82 82 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3" STAT_TAIL, 0, 82, 1,
         "1234567890123456", 16, 'S', 0, 0, 0, 20, 0, 1, 1, 2, 3},
        {"64-byte comm kept whole",
         "83 (0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 "
         "20 0 1 0 1 2 3" STAT_TAIL,
         0, 83, 1, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 64, 'S', 0, 0, 0, 20, 0,
         1, 1, 2, 3},
        {"70-byte comm truncated to 64",
         "84 (0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefXXXXXX) S 1 0 0 0 -1 0 0 0 0 0 0 "
         "0 0 0 20 0 1 0 1 2 3" STAT_TAIL,
         0, 84, 1, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 64, 'S', 0, 0, 0, 20, 0,
         1, 1, 2, 3},
        {"comm with a newline (stat does not escape it)",
         "85 (a\nb) S 1 85 85 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3" STAT_TAIL, 0, 85, 1, "a\nb", 3, 'S', 0, 0,
         0, 20, 0, 1, 1, 2, 3},
        {"comm with an escape sequence and a tab",
         "86 (\x1b[2J\tx) S 1 86 86 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3" STAT_TAIL, 0, 86, 1, "\x1b[2J\tx", 6,
         'S', 0, 0, 0, 20, 0, 1, 1, 2, 3},
        {"real-time task: priority -100, nice 0, many threads",
         "90 (rt) S 1 90 90 0 -1 4194368 0 0 0 0 5 6 0 0 -100 0 250 0 7 8 9" STAT_TAIL, 0, 90, 1, "rt", 2, 'S',
         4194368, 5, 6, -100, 0, 250, 7, 8, 9},
        {"nice 19, priority 39, zombie",
         "91 (bg) Z 1 91 91 0 -1 4227084 0 0 0 0 0 0 0 0 39 19 1 0 7 0 0" STAT_TAIL, 0, 91, 1, "bg", 2, 'Z',
         4227084, 0, 0, 39, 19, 1, 7, 0, 0},
        {"counters at their maximum",
         "2147483647 (big) R 2147483647 0 0 0 -1 4294967295 0 0 0 0 18446744073709551615 18446744073709551615 "
         "0 0 20 0 2147483647 0 18446744073709551615 18446744073709551615 18446744073709551615" STAT_TAIL,
         0, INT32_MAX, INT32_MAX, "big", 3, 'R', UINT32_MAX, UINT64_MAX, UINT64_MAX, 20, 0, INT32_MAX,
         UINT64_MAX, UINT64_MAX, UINT64_MAX},
        {"no trailing newline, nothing after rss",
         "92 (short) S 1 92 92 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3", 0, 92, 1, "short", 5, 'S', 0, 0, 0, 20,
         0, 1, 1, 2, 3},
        {"NUL byte inside comm counts by length", NUL_LINE, sizeof(NUL_LINE) - 1, 93, 1, "a\0b", 3, 'S', 0, 0, 0, 20, 0,
         1, 1, 2, 3},
        {"pgrp, session, tty and tpgid of -1 are skipped, not parsed",
         "94 (x) S 1 -1 -1 -1 -1 0 0 0 0 0 0 0 -5 -5 20 0 1 0 1 2 3\n", 0, 94, 1, "x", 1, 'S', 0, 0, 0, 20, 0,
         1, 1, 2, 3},
};

static void test_stat_ok(void)
{
        for (size_t i = 0; i < N_ELEM(stat_ok); i++) {
                const struct stat_case *c = &stat_ok[i];
                size_t len = c->len ? c->len : strlen(c->text);
                char *buf = exact(c->text, len);
                struct pstat s;
                memset(&s, POISON, sizeof(s));
                int r = parse_stat(buf, len, &s);
                is_int(r, 0, nm("stat %s: accepted", c->name));
                if (r == 0) {
                        is_int(s.pid, c->pid, nm("stat %s: pid", c->name));
                        is_int(s.comm_len, c->comm_len, nm("stat %s: comm_len", c->name));
                        ok(memcmp(s.comm, c->comm, c->comm_len) == 0 && s.comm[c->comm_len] == '\0' &&
                                   (c->comm_len != strlen(c->comm) || strcmp(s.comm, c->comm) == 0),
                           nm("stat %s: comm", c->name));
                        is_int(s.state, c->state, nm("stat %s: state", c->name));
                        is_int(s.ppid, c->ppid, nm("stat %s: ppid", c->name));
                        is_u64(s.flags, c->flags, nm("stat %s: flags", c->name));
                        is_u64(s.utime, c->utime, nm("stat %s: utime", c->name));
                        is_u64(s.stime, c->stime, nm("stat %s: stime", c->name));
                        is_int(s.priority, c->priority, nm("stat %s: priority", c->name));
                        is_int(s.nice, c->nice, nm("stat %s: nice", c->name));
                        is_int(s.threads, c->threads, nm("stat %s: threads", c->name));
                        is_u64(s.start_ticks, c->start, nm("stat %s: start_ticks", c->name));
                        is_u64(s.vsize, c->vsize, nm("stat %s: vsize", c->name));
                        is_u64(s.rss_pages, c->rss, nm("stat %s: rss_pages", c->name));
                }
                free(buf);
        }
}

/* startcode, endcode and startstack (fields 26-28) tell an exec that kept
 * the process name; a line that ends before them, or a kernel that hides
 * them (another user's process: zeros), gives zeros. */
static void test_stat_exec_marks(void)
{
        const char *line = "26390 (cat) R 26385 26385 1203 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 258276 3133440 380 "
                           "18446744073709551615 94743576322048 94743576341929 140721406705104 0 0 0 0 0 0 0 0 0 17 1 "
                           "0 0 0 0 0\n";
        struct pstat s;
        char *b = exact(line, strlen(line));
        ok(parse_stat(b, strlen(line), &s) == 0, "stat exec marks: a full line parses");
        ok(s.exec_marks[0] == 94743576322048ull && s.exec_marks[1] == 94743576341929ull &&
                   s.exec_marks[2] == 140721406705104ull,
           "stat exec marks: startcode, endcode, startstack");
        free(b);
        const char *cut = "26390 (cat) R 26385 26385 1203 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 258276 3133440 380";
        b = exact(cut, strlen(cut));
        ok(parse_stat(b, strlen(cut), &s) == 0 && s.exec_marks[0] == 0 && s.exec_marks[1] == 0 &&
                   s.exec_marks[2] == 0,
           "stat exec marks: zeros when the line ends after rss");
        free(b);
}

static void test_stat_kthread_flag(void)
{
        static const struct {
                const char *text;
                bool kthread;
        } cases[] = {
                {"2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 14 0 0" KTHREAD_TAIL, true},
                {"13 (kworker/R-mm_percpu_wq) I 2 0 0 0 -1 69238880 0 0 0 0 0 0 0 0 0 -20 1 0 14 0 0" KTHREAD_TAIL,
                 true},
                {"14237 (cat) R 14234 14234 7491 0 -1 4194304 101 0 0 0 0 0 0 0 20 0 1 0 27040 3133440 380" STAT_TAIL,
                 false},
                /* A user task that names itself like a kernel thread. */
                {"500 ([kworker/0:1]) S 1 500 500 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 14 100 1" STAT_TAIL, false},
        };
        for (size_t i = 0; i < N_ELEM(cases); i++) {
                struct pstat s;
                char *buf = exact(cases[i].text, strlen(cases[i].text));
                int r = parse_stat(buf, strlen(cases[i].text), &s);
                ok(r == 0 && ((s.flags & PSTAT_PF_KTHREAD) != 0) == cases[i].kthread,
                   nm("stat kthread flag %s for case %zu", cases[i].kthread ? "set" : "clear", i));
                free(buf);
        }
}

static void stat_reject(const char *name, const char *text, size_t len)
{
        char *buf = exact(text, len);
        struct pstat s;
        memset(&s, POISON, sizeof(s));
        int r = parse_stat(buf, len, &s);
        is_int(r, -EINVAL, nm("stat rejects %s", name));
        ok(all_poison(&s, sizeof(s)), nm("stat %s: output untouched", name));
        free(buf);
}

static void test_stat_reject(void)
{
        static const struct {
                const char *name, *text;
        } cases[] = {
                {"empty text", ""},
                {"a bare pid", "123"},
                {"no ')'", "123 (cat R 1 2 3"},
                {"no '('", "123 cat) R 1 2 3"},
                {"')' before '('", "123 )cat( R 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22"},
                {"no pid", "(cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3"},
                {"pid not a number", "x1 (cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3"},
                {"negative pid", "-5 (cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3"},
                {"pid beyond INT32_MAX", "2147483648 (cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3"},
                {"pid overflowing u64", "99999999999999999999 (c) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3"},
                {"only pid and comm", "1 (cat)"},
                {"only up to the state", "1 (cat) R\n"},
                {"two-letter state", "1 (cat) RS 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3"},
                {"ppid not a number", "1 (cat) R x 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3"},
                {"negative ppid", "1 (cat) R -1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3"},
                {"flags negative", "1 (cat) R 1 1 1 0 -1 -4 0 0 0 0 0 0 0 0 20 0 1 0 1 2 3"},
                {"utime with trailing garbage", "1 (cat) R 1 1 1 0 -1 0 0 0 0 0 5x 0 0 0 20 0 1 0 1 2 3"},
                {"stime overflowing u64", "1 (cat) R 1 1 1 0 -1 0 0 0 0 0 0 18446744073709551616 0 0 20 0 1 0 1 2 3"},
                {"nice 20", "1 (cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 20 1 0 1 2 3"},
                {"nice -21", "1 (cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 -21 1 0 1 2 3"},
                {"negative thread count", "1 (cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 -1 0 1 2 3"},
                {"thread count beyond INT32_MAX", "1 (cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 2147483648 0 1 2 3"},
                {"priority beyond INT32_MAX", "1 (cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 2147483648 0 1 0 1 2 3"},
                {"a lone '-' as nice", "1 (cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 - 1 0 1 2 3"},
                {"start time negative", "1 (cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 -1 2 3"},
                {"missing rss", "1 (cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 2"},
                {"fields split over lines", "1 (cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20\n0 1 0 1 2 3"},
                {"binary garbage", "\x01\xff(\xfe)\x80 \x00\x01"},
                {"the io file instead", "rchar: 6976\nwchar: 0\nsyscr: 10\n"},
        };
        for (size_t i = 0; i < N_ELEM(cases); i++)
                stat_reject(cases[i].name, cases[i].text, strlen(cases[i].text));

        /* Every prefix of a real line that stops before rss begins. */
        static const char line[] =
                "14237 (cat) R 14234 14234 7491 0 -1 4194304 101 0 0 0 0 0 0 0 20 0 1 0 27040 3133440 380" STAT_TAIL;
        size_t rss_at = (size_t)(strstr(line, " 380 ") + 1 - line);
        int bad = 0;
        for (size_t n = 0; n < rss_at; n++) {
                char *buf = exact(line, n);
                struct pstat s;
                if (parse_stat(buf, n, &s) != -EINVAL) {
                        printf("# prefix of %zu bytes accepted\n", n);
                        bad++;
                }
                free(buf);
        }
        is_int(bad, 0, "stat rejects every truncation before rss");
        /* ...and with the first digit of rss, it parses. */
        char *buf = exact(line, rss_at + 1);
        struct pstat s;
        ok(parse_stat(buf, rss_at + 1, &s) == 0 && s.rss_pages == 3, "stat accepts a line cut after rss begins");
        free(buf);
}

/* ---- parse_io ------------------------------------------------------- */

static const char IO_REAL[] = "rchar: 6976\nwchar: 0\nsyscr: 10\nsyscw: 0\nread_bytes: 0\nwrite_bytes: 0\n"
                              "cancelled_write_bytes: 0\n";

static void test_io(void)
{
        static const struct {
                const char *name, *text;
                struct pio want;
        } good[] = {
                {"as the kernel prints it", IO_REAL, {6976, 0, 10, 0, 0, 0, 0}},
                {"every field distinct",
                 "rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 5\nwrite_bytes: 6\ncancelled_write_bytes: 7\n",
                 {1, 2, 3, 4, 5, 6, 7}},
                {"maximum values",
                 "rchar: 18446744073709551615\nwchar: 18446744073709551615\nsyscr: 0\nsyscw: 0\n"
                 "read_bytes: 18446744073709551615\nwrite_bytes: 18446744073709551615\n"
                 "cancelled_write_bytes: 18446744073709551615",
                 {UINT64_MAX, UINT64_MAX, 0, 0, UINT64_MAX, UINT64_MAX, UINT64_MAX}},
                {"another order, no trailing newline",
                 "write_bytes: 6\nread_bytes: 5\nwchar: 2\nrchar: 1", {1, 2, 0, 0, 5, 6, 0}},
                {"unknown lines ignored",
                 "future_field: 99\nrchar: 1\nwchar: 2\nread_bytes: 5\nwrite_bytes: 6\nno colon here\n\n",
                 {1, 2, 0, 0, 5, 6, 0}},
        };
        for (size_t i = 0; i < N_ELEM(good); i++) {
                size_t len = strlen(good[i].text);
                char *buf = exact(good[i].text, len);
                struct pio io;
                memset(&io, POISON, sizeof(io));
                int r = parse_io(buf, len, &io);
                is_int(r, 0, nm("io %s: accepted", good[i].name));
                ok(r == 0 && memcmp(&io, &good[i].want, sizeof(io)) == 0, nm("io %s: values", good[i].name));
                free(buf);
        }

        static const struct {
                const char *name, *text;
        } bad[] = {
                {"empty", ""},
                {"missing read_bytes", "rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nwrite_bytes: 6\n"},
                {"missing rchar", "wchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 5\nwrite_bytes: 6\n"},
                {"non-numeric value", "rchar: abc\nwchar: 2\nread_bytes: 5\nwrite_bytes: 6\n"},
                {"negative value", "rchar: -1\nwchar: 2\nread_bytes: 5\nwrite_bytes: 6\n"},
                {"overflowing value", "rchar: 18446744073709551616\nwchar: 2\nread_bytes: 5\nwrite_bytes: 6\n"},
                {"empty value", "rchar:\nwchar: 2\nread_bytes: 5\nwrite_bytes: 6\n"},
                {"value with garbage", "rchar: 12kB\nwchar: 2\nread_bytes: 5\nwrite_bytes: 6\n"},
                {"keys without colons", "rchar 1\nwchar 2\nread_bytes 5\nwrite_bytes 6\n"},
                {"keys in another case", "RCHAR: 1\nwchar: 2\nread_bytes: 5\nwrite_bytes: 6\n"},
                {"key with a prefix", "xrchar: 1\nwchar: 2\nread_bytes: 5\nwrite_bytes: 6\n"},
                {"garbage bytes", "\xff\xfe:\x01\n::::\n"},
        };
        for (size_t i = 0; i < N_ELEM(bad); i++) {
                size_t len = strlen(bad[i].text);
                char *buf = exact(bad[i].text, len);
                struct pio io;
                memset(&io, POISON, sizeof(io));
                is_int(parse_io(buf, len, &io), -EINVAL, nm("io rejects %s", bad[i].name));
                ok(all_poison(&io, sizeof(io)), nm("io %s: output untouched", bad[i].name));
                free(buf);
        }
}

/* ---- parse_status --------------------------------------------------- */

/* ---- parse_schedstat ------------------------------------------------ */

static void test_schedstat(void)
{
        struct psched v;
        const char real[] = "87795 2130024 2\n";
        ok(parse_schedstat(real, sizeof(real) - 1, &v) == 0 && v.runtime_ns == 87795 && v.wait_ns == 2130024 &&
                   v.timeslices == 2,
           "schedstat: the three numbers as the kernel prints them");
        const char big[] = "18446744073709551615 0 18446744073709551615";
        ok(parse_schedstat(big, sizeof(big) - 1, &v) == 0 && v.runtime_ns == UINT64_MAX && v.timeslices == UINT64_MAX,
           "schedstat: maximum values, no newline");
        static const char *const bad[] = {"", "1 2", "1 2 x", "-1 2 3", "1 2 3 4", "1 2 18446744073709551616",
                                          "1\n2 3", "1 2 3\nx"};
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                struct psched keep = {7, 7, 7};
                v = keep;
                int r = parse_schedstat(bad[i], strlen(bad[i]), &v);
                ok(r == -EINVAL && memcmp(&v, &keep, sizeof(v)) == 0, nm("schedstat: '%s' is refused, untouched", bad[i]));
        }
}

static void test_status(void)
{
        static const char real[] =
                "Name:\tcat\nUmask:\t0022\nState:\tR (running)\nTgid:\t14237\nNgid:\t0\nPid:\t14237\n"
                "PPid:\t14234\nTracerPid:\t0\nUid:\t1000\t1001\t1002\t1003\nGid:\t100\t101\t102\t103\n"
                "FDSize:\t64\nGroups:\t100 27 \nNStgid:\t14237\nNSpid:\t14237\nNSpgid:\t14234\n"
                "NSsid:\t7491\nKthread:\t0\nVmPeak:\t    3060 kB\nCapEff:\t000001ffffffffff\n"
                "Cpus_allowed_list:\t0-1\nvoluntary_ctxt_switches:\t0\n";
        static const struct {
                const char *name, *text;
                struct pstatus want;
        } good[] = {
                {"a full status file", real, {1000, 1001, 100, 101}},
                {"root", "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n", {0, 0, 0, 0}},
                {"Gid before Uid, no newline at end", "Gid:\t7\t8\t7\t7\nUid:\t5\t6\t5\t5", {5, 6, 7, 8}},
                {"the overflow ids and (uid_t)-1",
                 "Uid:\t65534\t4294967295\t0\t0\nGid:\t4294967295\t65534\t0\t0\n", {65534, UINT32_MAX, UINT32_MAX, 65534}},
                {"a Name that mimics a Uid line (status escapes newlines)",
                 "Name:\tUid:\t1\t1\\nGid:\t1\t1\nUid:\t2\t3\t2\t2\nGid:\t4\t5\t4\t4\n", {2, 3, 4, 5}},
                {"spaces instead of tabs", "Uid: 10 11 10 10\nGid: 20 21 20 20\n", {10, 11, 20, 21}},
        };
        for (size_t i = 0; i < N_ELEM(good); i++) {
                size_t len = strlen(good[i].text);
                char *buf = exact(good[i].text, len);
                struct pstatus st;
                memset(&st, POISON, sizeof(st));
                int r = parse_status(buf, len, &st);
                is_int(r, 0, nm("status %s: accepted", good[i].name));
                ok(r == 0 && st.ruid == good[i].want.ruid && st.euid == good[i].want.euid &&
                           st.rgid == good[i].want.rgid && st.egid == good[i].want.egid,
                   nm("status %s: ids", good[i].name));
                if (r == 0 && (st.ruid != good[i].want.ruid || st.euid != good[i].want.euid ||
                               st.rgid != good[i].want.rgid || st.egid != good[i].want.egid))
                        printf("#   got %u %u %u %u\n", st.ruid, st.euid, st.rgid, st.egid);
                free(buf);
        }

        static const struct {
                const char *name, *text;
        } bad[] = {
                {"empty", ""},
                {"no Gid", "Name:\tcat\nUid:\t0\t0\t0\t0\n"},
                {"no Uid", "Gid:\t0\t0\t0\t0\n"},
                {"Uid with one value", "Uid:\t5\nGid:\t0\t0\t0\t0\n"},
                {"Uid beyond 32 bits", "Uid:\t4294967296\t0\t0\t0\nGid:\t0\t0\t0\t0\n"},
                {"negative Gid", "Uid:\t0\t0\t0\t0\nGid:\t-1\t0\t0\t0\n"},
                {"Uid value not a number", "Uid:\tzero\t0\t0\t0\nGid:\t0\t0\t0\t0\n"},
                {"lower-case keys", "uid:\t0\t0\t0\t0\ngid:\t0\t0\t0\t0\n"},
                {"keys with a prefix", "RUid:\t0\t0\t0\t0\nEGid:\t0\t0\t0\t0\n"},
                {"values on the next line", "Uid:\n0\t0\t0\t0\nGid:\n0\t0\t0\t0\n"},
        };
        for (size_t i = 0; i < N_ELEM(bad); i++) {
                size_t len = strlen(bad[i].text);
                char *buf = exact(bad[i].text, len);
                struct pstatus st;
                memset(&st, POISON, sizeof(st));
                is_int(parse_status(buf, len, &st), -EINVAL, nm("status rejects %s", bad[i].name));
                ok(all_poison(&st, sizeof(st)), nm("status %s: output untouched", bad[i].name));
                free(buf);
        }
}

/* ---- parse_cgroup --------------------------------------------------- */

struct cg_want {
        uint32_t id;
        const char *ctrl, *path;
};

static void check_cgroup(const char *name, const char *text, size_t max, int want_n, const struct cg_want *want)
{
        size_t len = strlen(text);
        char *buf = exact(text, len);
        struct cgroup_line out[16];
        memset(out, POISON, sizeof(out));
        int n = parse_cgroup(buf, len, out, max);
        is_int(n, want_n, nm("cgroup %s: count", name));
        bool same = n == want_n;
        for (int i = 0; same && i < n; i++) {
                const struct cgroup_line *l = &out[i];
                bool inside = l->controllers >= buf && l->controllers + l->controllers_len <= buf + len &&
                              l->path >= buf && l->path + l->path_len <= buf + len;
                if (!inside || l->hierarchy_id != want[i].id || l->controllers_len != strlen(want[i].ctrl) ||
                    memcmp(l->controllers, want[i].ctrl, l->controllers_len) != 0 ||
                    l->path_len != strlen(want[i].path) || memcmp(l->path, want[i].path, l->path_len) != 0) {
                        printf("#   entry %d: got %u \"%.*s\" \"%.*s\"%s, want %u \"%s\" \"%s\"\n", i,
                               l->hierarchy_id, inside ? (int)l->controllers_len : 0,
                               inside ? l->controllers : "", inside ? (int)l->path_len : 0,
                               inside ? l->path : "", inside ? "" : " (outside buf)", want[i].id, want[i].ctrl,
                               want[i].path);
                        same = false;
                }
        }
        /* On failure out[] may hold partial entries (see parse.h). */
        if (want_n >= 0)
                ok(same, nm("cgroup %s: entries", name));
        free(buf);
}

static void test_cgroup(void)
{
        /* This host: hybrid, every v1 controller on its own hierarchy. */
        static const struct cg_want hybrid[] = {
                {9, "name=systemd", "/"},
                {8, "pids", "/"},
                {7, "blkio", "/"},
                {6, "freezer", "/"},
                {5, "devices", "/"},
                {4, "memory", "/process_api/711197fede32c1d79aa59de67a2ab370"},
                {3, "cpuset", "/"},
                {2, "cpuacct", "/"},
                {1, "cpu", "/"},
                {0, "", "/"},
        };
        check_cgroup("hybrid host file",
                     "9:name=systemd:/\n8:pids:/\n7:blkio:/\n6:freezer:/\n5:devices:/\n"
                     "4:memory:/process_api/711197fede32c1d79aa59de67a2ab370\n3:cpuset:/\n2:cpuacct:/\n1:cpu:/\n"
                     "0::/\n",
                     16, 10, hybrid);

        /* A systemd hybrid host with co-mounted controllers. */
        static const struct cg_want systemd_hybrid[] = {
                {12, "cpu,cpuacct", "/user.slice"},
                {11, "net_cls,net_prio", "/"},
                {4, "memory", "/user.slice/user-1000.slice/session-2.scope"},
                {1, "name=systemd", "/user.slice/user-1000.slice/session-2.scope"},
                {0, "", "/user.slice/user-1000.slice/session-2.scope"},
        };
        check_cgroup("systemd hybrid file",
                     "12:cpu,cpuacct:/user.slice\n11:net_cls,net_prio:/\n"
                     "4:memory:/user.slice/user-1000.slice/session-2.scope\n"
                     "1:name=systemd:/user.slice/user-1000.slice/session-2.scope\n"
                     "0::/user.slice/user-1000.slice/session-2.scope\n",
                     16, 5, systemd_hybrid);

        static const struct cg_want v1_cpu[] = {{4, "cpu,cpuacct", "/user.slice"}};
        check_cgroup("v1 co-mounted controllers", "4:cpu,cpuacct:/user.slice\n", 16, 1, v1_cpu);
        static const struct cg_want v1_named[] = {{1, "name=systemd", "/init.scope"}};
        check_cgroup("v1 named hierarchy", "1:name=systemd:/init.scope\n", 16, 1, v1_named);
        static const struct cg_want v2[] = {{0, "", "/system.slice/x.service"}};
        check_cgroup("pure v2", "0::/system.slice/x.service\n", 16, 1, v2);
        check_cgroup("pure v2 without trailing newline", "0::/system.slice/x.service", 16, 1, v2);
        static const struct cg_want v2_root[] = {{0, "", "/"}};
        check_cgroup("v2 root", "0::/\n", 16, 1, v2_root);

        static const struct cg_want colons[] = {{0, "", "/a:b/c::d:"}};
        check_cgroup("path holding ':'", "0::/a:b/c::d:\n", 16, 1, colons);
        static const struct cg_want colons_v1[] = {{3, "memory", "/x:1:/y"}};
        check_cgroup("v1 path holding \":1:/\"", "3:memory:/x:1:/y\n", 16, 1, colons_v1);

        /* A cgroup named "weird\nname": the kernel prints the newline raw. */
        static const struct cg_want nl[] = {{0, "", "/weird\nname"}};
        check_cgroup("newline in a v2 name", "0::/weird\nname\n", 16, 1, nl);
        static const struct cg_want nl_mid[] = {{4, "memory", "/a\nb\n\nc"}, {0, "", "/d"}};
        check_cgroup("newlines and an empty line in a v1 name", "4:memory:/a\nb\n\nc\n0::/d\n", 16, 2, nl_mid);
        /* A name that forges a whole entry: "x\n0::/evil". ID 0 is already
         * taken, so the line continues the path. */
        static const struct cg_want forged[] = {{0, "", "/x\n0::/evil"}};
        check_cgroup("forged entry with a duplicate ID", "0::/x\n0::/evil\n", 16, 1, forged);
        static const struct cg_want forged_v1[] = {{4, "memory", "/a\n4:memory:/b"}, {0, "", "/c"}};
        check_cgroup("forged v1 entry with a duplicate ID", "4:memory:/a\n4:memory:/b\n0::/c\n", 16, 2, forged_v1);
        /* A forged line with a fresh ID is indistinguishable from an entry:
         * the documented rule makes it one. */
        static const struct cg_want fresh[] = {{0, "", "/x"}, {7, "evil", "/y"}};
        check_cgroup("forged line with a fresh ID starts an entry", "0::/x\n7:evil:/y\n", 16, 2, fresh);
        /* Lines without the ID:CTRL:/ shape continue the path. */
        static const struct cg_want shapes[] = {{0, "", "/p\n5:cpu:rel\nx:cpu:/q\n:cpu:/r\n5:cpu"}};
        check_cgroup("shapeless lines continue the path", "0::/p\n5:cpu:rel\nx:cpu:/q\n:cpu:/r\n5:cpu\n\n", 16, 1,
                     shapes);

        check_cgroup("empty file", "", 16, 0, NULL);
        check_cgroup("just a newline", "\n", 16, 0, NULL);
        check_cgroup("more entries than max", "2:cpu:/\n1:memory:/\n0::/\n", 2, -EINVAL, NULL);
        check_cgroup("max of zero", "0::/\n", 0, -EINVAL, NULL);
        static const struct cg_want exact_max[] = {{1, "memory", "/"}, {0, "", "/"}};
        check_cgroup("exactly max entries", "1:memory:/\n0::/\n", 2, 2, exact_max);
        check_cgroup("first line not an entry", "hello\n0::/\n", 16, -EINVAL, NULL);
        check_cgroup("first line starts with a newline", "\n0::/\n", 16, -EINVAL, NULL);
        check_cgroup("relative path", "0::system.slice\n", 16, -EINVAL, NULL);
        check_cgroup("non-numeric ID", "x::/\n", 16, -EINVAL, NULL);
        check_cgroup("negative ID", "-1::/\n", 16, -EINVAL, NULL);
        check_cgroup("ID beyond 32 bits", "4294967296::/\n", 16, -EINVAL, NULL);
        check_cgroup("one colon only", "0:/\n", 16, -EINVAL, NULL);
        check_cgroup("nothing after the second colon", "0::", 16, -EINVAL, NULL);
        check_cgroup("binary garbage", "\xff\x01:\x80:", 16, -EINVAL, NULL);
}

/* ---- parse_mountinfo_line ------------------------------------------- */

struct mi_want {
        uint32_t id, parent, major, minor;
        const char *root, *mp, *opts, *fstype, *source, *super;
};

/* Parses text in a buffer of exactly len + 1 bytes whose last byte is NOT
 * a NUL: the parser may write there (its contract) but not read it first. */
static int mi_parse(const char *text, struct mountinfo_entry *e, char **ret_buf)
{
        size_t len = strlen(text);
        char *buf = malloc(len + 1);
        if (!buf)
                exit(99);
        memcpy(buf, text, len);
        buf[len] = 'X';
        *ret_buf = buf;
        return parse_mountinfo_line(buf, len, e);
}

static void check_mi(const char *name, const char *text, const struct mi_want *w)
{
        struct mountinfo_entry e;
        char *buf;
        memset(&e, POISON, sizeof(e));
        int r = mi_parse(text, &e, &buf);
        is_int(r, 0, nm("mountinfo %s: accepted", name));
        if (r == 0) {
                ok(e.mount_id == w->id && e.parent_id == w->parent, nm("mountinfo %s: ids", name));
                ok(e.major == w->major && e.minor == w->minor, nm("mountinfo %s: major:minor", name));
                is_str(e.root, w->root, nm("mountinfo %s: root", name));
                is_str(e.mount_point, w->mp, nm("mountinfo %s: mount point", name));
                is_str(e.options, w->opts, nm("mountinfo %s: options", name));
                is_str(e.fstype, w->fstype, nm("mountinfo %s: fstype", name));
                is_str(e.source, w->source, nm("mountinfo %s: source", name));
                is_str(e.super_options, w->super, nm("mountinfo %s: super options", name));
        }
        free(buf);
}

static void test_mountinfo(void)
{
        check_mi("proc", "22 27 0:21 / /proc rw,relatime - proc proc rw",
                 &(struct mi_want){22, 27, 0, 21, "/", "/proc", "rw,relatime", "proc", "proc", "rw"});
        check_mi("root ext4", "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard,resv_strict,resuid=65534",
                 &(struct mi_want){27, 1, 254, 0, "/", "/", "rw,relatime", "ext4", "/dev/vda",
                                   "rw,discard,resv_strict,resuid=65534"});
        check_mi("cgroup v1 named", "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd",
                 &(struct mi_want){40, 31, 0, 37, "/", "/sys/fs/cgroup/systemd", "rw,relatime", "cgroup", "cgroup",
                                   "rw,name=systemd"});
        check_mi("one optional field (ip netns's /run/netns)",
                 "63 43 254:0 /run/netns /run/netns rw,relatime shared:1 - ext4 /dev/vda rw,discard",
                 &(struct mi_want){63, 43, 254, 0, "/run/netns", "/run/netns", "rw,relatime", "ext4", "/dev/vda",
                                   "rw,discard"});
        check_mi("nsfs mount as ip netns add makes it",
                 "64 63 0:4 net:[4026532178] /run/netns/nstop-test-parse rw shared:2 - nsfs nsfs rw",
                 &(struct mi_want){64, 63, 0, 4, "net:[4026532178]", "/run/netns/nstop-test-parse", "rw", "nsfs",
                                   "nsfs", "rw"});
        check_mi("every kind of optional field",
                 "70 27 0:50 /sub /mnt/x ro,nosuid shared:5 master:1 propagate_from:2 unbindable - tmpfs none "
                 "ro,size=4k",
                 &(struct mi_want){70, 27, 0, 50, "/sub", "/mnt/x", "ro,nosuid", "tmpfs", "none", "ro,size=4k"});
        check_mi("escaped space, tab, backslash (as this kernel prints them)",
                 "65 43 0:39 / /tmp/nstop-test-parse/a\\040b\\011c\\134d rw,relatime - tmpfs my\\040src rw",
                 &(struct mi_want){65, 43, 0, 39, "/", "/tmp/nstop-test-parse/a b\tc\\d", "rw,relatime", "tmpfs",
                                   "my src", "rw"});
        check_mi("escaped newline and '#' in root and mount point",
                 "66 43 0:40 /x\\012y /m\\012n\\043 rw - tmpfs s rw",
                 &(struct mi_want){66, 43, 0, 40, "/x\ny", "/m\nn#", "rw", "tmpfs", "s", "rw"});
        check_mi("escaped \" - \" inside the mount point is not the separator",
                 "67 43 0:41 / /a\\040-\\040b rw - tmpfs t rw",
                 &(struct mi_want){67, 43, 0, 41, "/", "/a - b", "rw", "tmpfs", "t", "rw"});
        check_mi("a mount point of \"-\"", "68 43 0:42 / - rw - tmpfs t rw",
                 &(struct mi_want){68, 43, 0, 42, "/", "-", "rw", "tmpfs", "t", "rw"});
        check_mi("backslashes that are not octal escapes stay",
                 "69 43 0:43 / /p\\9\\400\\12\\ rw - tmpfs s\\0 rw",
                 &(struct mi_want){69, 43, 0, 43, "/", "/p\\9\\400\\12\\", "rw", "tmpfs", "s\\0", "rw"});
        check_mi("no super options", "71 43 0:44 / /y rw - tmpfs src",
                 &(struct mi_want){71, 43, 0, 44, "/", "/y", "rw", "tmpfs", "src", ""});
        check_mi("no super options, trailing space", "72 43 0:45 / /z rw - tmpfs src ",
                 &(struct mi_want){72, 43, 0, 45, "/", "/z", "rw", "tmpfs", "src", ""});
        check_mi("large ids and device numbers", "4294967295 4294967294 4095:1048575 / /big rw - ext4 /dev/x rw",
                 &(struct mi_want){UINT32_MAX, 4294967294u, 4095, 1048575, "/", "/big", "rw", "ext4", "/dev/x",
                                   "rw"});

        /* The nsfs root is what parse_ns_link reads back. */
        struct mountinfo_entry e;
        char *buf;
        int type = -2;
        uint64_t ino = 0;
        ok(mi_parse("64 63 0:4 net:[4026532178] /run/netns/x rw shared:2 - nsfs nsfs rw", &e, &buf) == 0 &&
                   parse_ns_link(e.root, strlen(e.root), &type, &ino) == 0 && type == NS_NET &&
                   ino == 4026532178u,
           "mountinfo nsfs root feeds parse_ns_link");
        free(buf);

        static const struct {
                const char *name, *text;
        } bad[] = {
                {"empty line", ""},
                {"blanks only", "   "},
                {"a word", "abc"},
                {"five fields", "22 27 0:21 / /proc"},
                {"no separator", "22 27 0:21 / /proc rw,relatime shared:1 proc proc rw"},
                {"separator glued to a field", "22 27 0:21 / /proc rw,relatime -proc proc rw"},
                {"separator and nothing after", "22 27 0:21 / /proc rw -"},
                {"separator and fstype only", "22 27 0:21 / /proc rw - proc"},
                {"mount id not a number", "a 27 0:21 / /proc rw - proc proc rw"},
                {"negative mount id", "-1 27 0:21 / /proc rw - proc proc rw"},
                {"mount id beyond 32 bits", "4294967296 27 0:21 / /proc rw - proc proc rw"},
                {"parent id not a number", "22 x 0:21 / /proc rw - proc proc rw"},
                {"device without a colon", "22 27 0-21 / /proc rw - proc proc rw"},
                {"device without a minor", "22 27 0: / /proc rw - proc proc rw"},
                {"device without a major", "22 27 :21 / /proc rw - proc proc rw"},
                {"device with letters", "22 27 a:b / /proc rw - proc proc rw"},
                {"device with two colons", "22 27 0:2:1 / /proc rw - proc proc rw"},
                {"fields separated by tabs", "22\t27\t0:21\t/\t/proc\trw\t-\tproc\tproc\trw"},
        };
        for (size_t i = 0; i < N_ELEM(bad); i++) {
                memset(&e, POISON, sizeof(e));
                is_int(mi_parse(bad[i].text, &e, &buf), -EINVAL, nm("mountinfo rejects %s", bad[i].name));
                ok(all_poison(&e, sizeof(e)), nm("mountinfo %s: output untouched", bad[i].name));
                free(buf);
        }
}

/* ---- parse_ns_link -------------------------------------------------- */

static void test_ns_link(void)
{
        char text[64];
        for (int t = 0; t < NS_TYPE_COUNT; t++) {
                int n = snprintf(text, sizeof(text), "%s:[%u]", ns_types[t].name, 4026531832u + (unsigned)t);
                char *buf = exact(text, (size_t)n);
                int type = -2;
                uint64_t ino = 0;
                int r = parse_ns_link(buf, (size_t)n, &type, &ino);
                ok(r == 0 && type == t && ino == 4026531832u + (unsigned)t, nm("ns link %s", text));
                free(buf);
        }

        static const struct {
                const char *text;
                int type;
                uint64_t ino;
        } good[] = {
                {"net:[4026531833]", NS_NET, 4026531833u},
                {"mnt:[1]", NS_MNT, 1},
                {"user:[18446744073709551615]", NS_USER, UINT64_MAX},
                {"futurens:[4026532999]", -1, 4026532999u},
                {"Net:[5]", -1, 5},
                {"pid_for_children:[5]", -1, 5}, /* a link name, not a type */
        };
        for (size_t i = 0; i < N_ELEM(good); i++) {
                size_t len = strlen(good[i].text);
                char *buf = exact(good[i].text, len);
                int type = -2;
                uint64_t ino = 0;
                int r = parse_ns_link(buf, len, &type, &ino);
                ok(r == 0 && type == good[i].type && ino == good[i].ino, nm("ns link %s", good[i].text));
                if (r != 0 || type != good[i].type || ino != good[i].ino)
                        printf("#   got r=%d type=%d ino=%" PRIu64 "\n", r, type, ino);
                free(buf);
        }

        static const char *const bad[] = {
                "",        "net",        "net:",       "net:[",     "net:[]",  "net:[0]",   ":[5]",
                "net:[12a]", "net:(5)",  "net:[5",     "net[5]",    "net:5]",  "net:[-5]",  "net:[ 5]",
                "net:[5 ]", "net:[+5]", "net:[18446744073709551616]", "net:[5]x", "net:[5]\n", "net:[[5]]",
                "net:[5][6]", "net::[5]", "]",         ":",         "[5]",     "socket:[4026532010]x",
        };
        for (size_t i = 0; i < N_ELEM(bad); i++) {
                size_t len = strlen(bad[i]);
                char *buf = exact(bad[i], len);
                int type = 1234;
                uint64_t ino = 5678;
                is_int(parse_ns_link(buf, len, &type, &ino), -EINVAL, nm("ns link rejects \"%s\"", bad[i]));
                ok(type == 1234 && ino == 5678, nm("ns link \"%s\": outputs untouched", bad[i]));
                free(buf);
        }
        /* Length, not NUL, ends the text. */
        int type = -2;
        uint64_t ino = 0;
        ok(parse_ns_link("net:[42]trailing", 8, &type, &ino) == 0 && type == NS_NET && ino == 42,
           "ns link stops at len");
}

/* ---- parse_proc_stat ------------------------------------------------ */

static const char PROC_STAT_REAL[] =
        "cpu  3313 0 2352 47965 207 0 54 1 0 0\n"
        "cpu0 1329 0 1001 24572 15 0 18 0 0 0\n"
        "cpu1 1983 0 1351 23392 191 0 35 0 0 0\n"
        "intr 171265 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 11 0 0 0 0 53 21 0 17 1 29076\n"
        "ctxt 372915\n"
        "btime 1795935244\n"
        "processes 14267\n"
        "procs_running 3\n"
        "procs_blocked 0\n"
        "softirq 94781 0 10235 3 1042 29076 0 2 25557 0 28866\n";

static bool ticks_are(const struct cpu_ticks *t, int32_t id, const uint64_t want[TICK_COUNT])
{
        if (t->id != id)
                return false;
        for (int i = 0; i < TICK_COUNT; i++)
                if (t->t[i] != want[i])
                        return false;
        return true;
}

static int proc_stat(const char *text, struct cpu_ticks *total, struct cpu_ticks *percpu, size_t max,
                     size_t *ncpu, uint64_t *btime)
{
        size_t len = strlen(text);
        char *buf = exact(text, len);
        int r = parse_proc_stat(buf, len, total, percpu, max, ncpu, btime);
        free(buf);
        return r;
}

static void test_proc_stat(void)
{
        struct cpu_ticks total, cpus[4];
        size_t ncpu;
        uint64_t btime;

        int r = proc_stat(PROC_STAT_REAL, &total, cpus, 4, &ncpu, &btime);
        is_int(r, 0, "proc stat real file: accepted");
        ok(r == 0 && ticks_are(&total, -1, (uint64_t[]){3313, 0, 2352, 47965, 207, 0, 54, 1, 0, 0}),
           "proc stat real file: total");
        is_int(r == 0 ? ncpu : 99, 2, "proc stat real file: two CPUs");
        ok(r == 0 && ticks_are(&cpus[0], 0, (uint64_t[]){1329, 0, 1001, 24572, 15, 0, 18, 0, 0, 0}) &&
                   ticks_are(&cpus[1], 1, (uint64_t[]){1983, 0, 1351, 23392, 191, 0, 35, 0, 0, 0}),
           "proc stat real file: per-cpu");
        is_u64(r == 0 ? btime : 0, 1795935244u, "proc stat real file: btime");

        r = proc_stat("cpu  100 2 30 400 5 6 7 8 9 10\ncpu0 100 2 30 400 5 6 7 8 9 10\nbtime 5\n", &total, cpus, 4,
                      &ncpu, &btime);
        ok(r == 0 && ticks_are(&total, -1, (uint64_t[]){100, 2, 30, 400, 5, 6, 7, 8, 9, 10}) &&
                   total.t[TICK_GUEST] == 9 && total.t[TICK_GUEST_NICE] == 10 && ncpu == 1,
           "proc stat guest and guest_nice columns");

        r = proc_stat("cpu 1 2 3 4\ncpu0 1 2 3 4 5\nbtime 6\n", &total, cpus, 4, &ncpu, &btime);
        ok(r == 0 && ticks_are(&total, -1, (uint64_t[]){1, 2, 3, 4, 0, 0, 0, 0, 0, 0}) &&
                   ticks_are(&cpus[0], 0, (uint64_t[]){1, 2, 3, 4, 5, 0, 0, 0, 0, 0}),
           "proc stat old kernel: missing columns are 0");

        r = proc_stat("cpu 1 2 3 4 5 6 7 8 9 10 11 12\nbtime 6\n", &total, cpus, 4, &ncpu, &btime);
        ok(r == 0 && ticks_are(&total, -1, (uint64_t[]){1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) && ncpu == 0,
           "proc stat future columns ignored, zero per-cpu lines");

        r = proc_stat("cpu 1 2 3 4\ncpu0 1 1 1 1\ncpu3 3 3 3 3\ncpu17 7 7 7 7\nbtime 6\n", &total, cpus, 4, &ncpu,
                      &btime);
        ok(r == 0 && ncpu == 3 && cpus[0].id == 0 && cpus[1].id == 3 && cpus[2].id == 17 && cpus[2].t[0] == 7,
           "proc stat sparse CPU ids (offline CPUs) keep their numbers");

        r = proc_stat(PROC_STAT_REAL, &total, cpus, 1, &ncpu, &btime);
        ok(r == 0 && ncpu == 1 && cpus[0].id == 0, "proc stat keeps at most max per-cpu entries");
        r = proc_stat(PROC_STAT_REAL, &total, NULL, 0, &ncpu, &btime);
        ok(r == 0 && ncpu == 0, "proc stat max 0 with no per-cpu array");

        r = proc_stat("btime 9\ncpu1 5 5 5 5\ncpu  1 2 3 4", &total, cpus, 4, &ncpu, &btime);
        ok(r == 0 && btime == 9 && ncpu == 1 && cpus[0].id == 1 && total.t[TICK_IDLE] == 4,
           "proc stat any line order, no trailing newline");

        r = proc_stat("cpufreq 1 2 3\ncpu 1 2 3 4\ncpux 1\ncpu-1 1 2 3 4\ncpu0x 1 2 3 4\nbtime 6\n", &total, cpus, 4,
                      &ncpu, &btime);
        ok(r == 0 && ncpu == 0, "proc stat ignores lines that only start with cpu");

        r = proc_stat("cpu 18446744073709551615 0 0 18446744073709551615\nbtime 18446744073709551615\n", &total,
                      cpus, 4, &ncpu, &btime);
        ok(r == 0 && total.t[TICK_USER] == UINT64_MAX && total.t[TICK_IDLE] == UINT64_MAX && btime == UINT64_MAX,
           "proc stat maximum counters");

        static const struct {
                const char *name, *text;
        } bad[] = {
                {"empty", ""},
                {"no cpu line", "cpu0 1 2 3 4\nbtime 5\n"},
                {"no btime", "cpu 1 2 3 4\ncpu0 1 2 3 4\n"},
                {"total with three columns", "cpu 1 2 3\nbtime 5\n"},
                {"per-cpu with three columns", "cpu 1 2 3 4\ncpu0 1 2 3\nbtime 5\n"},
                {"per-cpu garbage column", "cpu 1 2 3 4\ncpu0 1 2 x 4\nbtime 5\n"},
                {"negative counter", "cpu 1 -2 3 4\nbtime 5\n"},
                {"overflowing counter", "cpu 18446744073709551616 2 3 4\nbtime 5\n"},
                {"btime garbage", "cpu 1 2 3 4\nbtime soon\n"},
                {"btime empty", "cpu 1 2 3 4\nbtime\n"},
                {"columns split over lines", "cpu 1 2\n3 4\nbtime 5\n"},
                {"meminfo instead", "MemTotal:       24683656 kB\nMemFree:        24254824 kB\n"},
        };
        for (size_t i = 0; i < N_ELEM(bad); i++) {
                struct cpu_ticks t2, c2[2];
                size_t n2 = 77;
                uint64_t b2 = 88;
                memset(&t2, POISON, sizeof(t2));
                memset(c2, POISON, sizeof(c2));
                is_int(proc_stat(bad[i].text, &t2, c2, 2, &n2, &b2), -EINVAL, nm("proc stat rejects %s", bad[i].name));
                ok(all_poison(&t2, sizeof(t2)) && n2 == 77 && b2 == 88,
                   nm("proc stat %s: outputs untouched", bad[i].name));
        }
}

/* ---- meminfo, loadavg, uptime --------------------------------------- */

static void test_meminfo(void)
{
        static const char real[] = "MemTotal:       24683656 kB\n"
                                   "MemFree:        24254824 kB\n"
                                   "MemAvailable:   24363968 kB\n"
                                   "Buffers:            6204 kB\n"
                                   "Cached:           293408 kB\n"
                                   "SwapCached:            0 kB\n"
                                   "Active:           186484 kB\n"
                                   "Inactive:         126836 kB\n"
                                   "Active(anon):      13844 kB\n"
                                   "SwapTotal:        524284 kB\n"
                                   "SwapFree:         524000 kB\n"
                                   "Shmem:              9644 kB\n"
                                   "KReclaimable:      24584 kB\n"
                                   "Slab:              54244 kB\n"
                                   "SReclaimable:      24584 kB\n"
                                   "SUnreclaim:        29660 kB\n"
                                   "HugePages_Total:       0\n"
                                   "Hugepagesize:       2048 kB\n"
                                   "DirectMap1G:    25165824 kB\n";
        size_t len = strlen(real);
        char *buf = exact(real, len);
        struct meminfo m;
        int r = parse_meminfo(buf, len, &m);
        free(buf);
        is_int(r, 0, "meminfo real file: accepted");
        ok(r == 0 && m.total == 24683656 && m.free == 24254824 && m.available == 24363968 && m.buffers == 6204 &&
                   m.cached == 293408 && m.sreclaimable == 24584 && m.swap_total == 524284 && m.swap_free == 524000,
           "meminfo real file: values in kB");

        static const char old[] = "MemTotal: 1000 kB\nMemFree: 200 kB\nCached: 5 kB";
        buf = exact(old, strlen(old));
        r = parse_meminfo(buf, strlen(old), &m);
        free(buf);
        ok(r == 0 && m.total == 1000 && m.free == 200 && m.cached == 5 && m.available == UINT64_MAX &&
                   m.buffers == UINT64_MAX && m.sreclaimable == UINT64_MAX && m.swap_total == UINT64_MAX &&
                   m.swap_free == UINT64_MAX,
           "meminfo absent lines are UINT64_MAX (pre-3.14 kernel without MemAvailable)");

        static const char junk_avail[] = "MemTotal: 1000 kB\nMemFree: 200 kB\nMemAvailable: lots\n";
        buf = exact(junk_avail, strlen(junk_avail));
        r = parse_meminfo(buf, strlen(junk_avail), &m);
        free(buf);
        ok(r == 0 && m.available == UINT64_MAX, "meminfo unparsable optional value counts as absent");

        static const struct {
                const char *name, *text;
        } bad[] = {
                {"empty", ""},
                {"no MemTotal", "MemFree: 200 kB\nMemAvailable: 300 kB\n"},
                {"no MemFree", "MemTotal: 1000 kB\n"},
                {"MemTotal garbage", "MemTotal: many kB\nMemFree: 200 kB\n"},
                {"MemTotal negative", "MemTotal: -1 kB\nMemFree: 200 kB\n"},
                {"MemTotal overflowing", "MemTotal: 18446744073709551616 kB\nMemFree: 200 kB\n"},
                {"key without colon", "MemTotal 1000 kB\nMemFree 200 kB\n"},
                {"value on the next line", "MemTotal:\n1000 kB\nMemFree: 200 kB\n"},
        };
        for (size_t i = 0; i < N_ELEM(bad); i++) {
                size_t n = strlen(bad[i].text);
                buf = exact(bad[i].text, n);
                struct meminfo m2;
                memset(&m2, POISON, sizeof(m2));
                is_int(parse_meminfo(buf, n, &m2), -EINVAL, nm("meminfo rejects %s", bad[i].name));
                ok(all_poison(&m2, sizeof(m2)), nm("meminfo %s: output untouched", bad[i].name));
                free(buf);
        }
}

static void test_loadavg_uptime(void)
{
        static const struct {
                const char *text;
                double l[3];
        } good[] = {
                {"0.29 0.18 0.07 4/100 14273\n", {0.29, 0.18, 0.07}},
                {"0.00 0.00 0.00 1/1 1\n", {0, 0, 0}},
                {"123.45 67.89 1024.00 17/1234 99999", {123.45, 67.89, 1024.0}},
                {"1 2 3", {1, 2, 3}},
        };
        for (size_t i = 0; i < N_ELEM(good); i++) {
                size_t n = strlen(good[i].text);
                char *buf = exact(good[i].text, n);
                double l[3] = {-1, -1, -1};
                int r = parse_loadavg(buf, n, l);
                ok(r == 0 && l[0] > good[i].l[0] - 1e-9 && l[0] < good[i].l[0] + 1e-9 &&
                           l[1] > good[i].l[1] - 1e-9 && l[1] < good[i].l[1] + 1e-9 &&
                           l[2] > good[i].l[2] - 1e-9 && l[2] < good[i].l[2] + 1e-9,
                   nm("loadavg \"%.*s\"", (int)strcspn(good[i].text, "\n"), good[i].text));
                free(buf);
        }
        static const char *const bad_load[] = {
                "", "\n", "0.29 0.18", "0.29 0.18\n0.07", "-0.29 0.18 0.07", "0.29 x 0.07", "1e3 1 1",
                "0,29 0,18 0,07", "nan 0 0", "0.29 0.18 0.07.1",
                "0.000000000000000000000000000000001 0 0", /* token longer than the parser's scratch */
        };
        for (size_t i = 0; i < N_ELEM(bad_load); i++) {
                size_t n = strlen(bad_load[i]);
                char *buf = exact(bad_load[i], n);
                double l[3] = {-7, -7, -7};
                is_int(parse_loadavg(buf, n, l), -EINVAL, nm("loadavg rejects \"%s\"", bad_load[i]));
                ok(l[0] == -7 && l[1] == -7 && l[2] == -7, nm("loadavg \"%s\": output untouched", bad_load[i]));
                free(buf);
        }

        static const struct {
                const char *text;
                double up;
        } up_good[] = {
                {"270.42 479.65\n", 270.42},
                {"0.00 0.00\n", 0},
                {"8640000.99 17000000.10", 8640000.99},
                {"12345", 12345},
        };
        for (size_t i = 0; i < N_ELEM(up_good); i++) {
                size_t n = strlen(up_good[i].text);
                char *buf = exact(up_good[i].text, n);
                double up = -1;
                int r = parse_uptime(buf, n, &up);
                ok(r == 0 && up > up_good[i].up - 1e-6 && up < up_good[i].up + 1e-6,
                   nm("uptime \"%.*s\"", (int)strcspn(up_good[i].text, "\n"), up_good[i].text));
                free(buf);
        }
        static const char *const up_bad[] = {"", "\n", " \n", "-1.0 2.0", "abc 1", "1e5 1", "1..2 3", "."};
        for (size_t i = 0; i < N_ELEM(up_bad); i++) {
                size_t n = strlen(up_bad[i]);
                char *buf = exact(up_bad[i], n);
                double up = -7;
                is_int(parse_uptime(buf, n, &up), -EINVAL, nm("uptime rejects \"%s\"", up_bad[i]));
                ok(up == -7, nm("uptime \"%s\": output untouched", up_bad[i]));
                free(buf);
        }
}

int main(void)
{
        test_stat_ok();
        test_stat_kthread_flag();
        test_stat_exec_marks();
        test_stat_reject();
        test_io();
        test_schedstat();
        test_status();
        test_cgroup();
        test_mountinfo();
        test_ns_link();
        test_proc_stat();
        test_meminfo();
        test_loadavg_uptime();
        return tap_done();
}
