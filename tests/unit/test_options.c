/* test_options.c: unit tests of options_parse() on argv arrays.
 *
 * Every valid form sets the right field; every bad argument returns
 * -EINVAL with a one-line cause that quotes the argument, frees what it
 * allocated, and leaves the parser reusable (options_parse resets getopt
 * itself, so these calls follow each other in one process). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/nstype.h"
#include "options.h"
#include "tap.h"

/* argv of string literals: options_parse only reorders nothing ("+"
 * mode) and never writes into the strings. */
#define ARGV(...) ((char *[]){"nstop", __VA_ARGS__, NULL})

static int argc_of(char **argv)
{
        int n = 0;
        while (argv[n])
                n++;
        return n;
}

/* Parses argv, which must be valid; returns whether it was. */
static bool parse_ok(char **argv, struct options *o, const char *name)
{
        char *cause = NULL;
        int r = options_parse(argc_of(argv), argv, o, &cause);
        char label[200];
        snprintf(label, sizeof(label), "%s: accepted", name);
        if (!tap_ok(r == 0 && cause == NULL, label))
                printf("#   r=%d cause=%s\n", r, cause ? cause : "(null)");
        free(cause);
        return r == 0;
}

/* Shows a cause as one TAP comment line, even if it is not one line. */
static void diag_cause(const char *cause)
{
        fputs("#   cause: ", stdout);
        for (const char *c = cause ? cause : "(null)"; *c; c++)
                if (*c == '\n')
                        fputs("\\n", stdout);
                else
                        putchar(*c);
        putchar('\n');
}

/* Parses argv, which must be rejected with a cause containing needle. */
static void parse_bad(char **argv, const char *needle, const char *name)
{
        struct options o;
        char *cause = NULL;
        char label[200];
        int r = options_parse(argc_of(argv), argv, &o, &cause);
        snprintf(label, sizeof(label), "%s: -EINVAL", name);
        is_int(r, -EINVAL, label);
        snprintf(label, sizeof(label), "%s: one-line cause naming %s", name, needle);
        tap_ok(cause && !strchr(cause, '\n') && strstr(cause, needle), label);
        diag_cause(cause);
        snprintf(label, sizeof(label), "%s: nothing left allocated", name);
        ok(o.pids == NULL && o.npids == 0, label);
        free(cause);
}

static void test_defaults(void)
{
        struct options o;
        char *argv[] = {"nstop", NULL};
        if (!parse_ok(argv, &o, "no arguments"))
                return;
        ok(o.action == ACTION_RUN && !o.batch && !o.json, "defaults: run interactively");
        is_u64(o.count, 1, "defaults: one snapshot");
        is_double(o.delay, 1.5, 1e-12, "defaults: 1.5 s delay");
        ok(o.pids == NULL && o.npids == 0 && !o.by_uid, "defaults: no process filter");
        ok(o.ns_type == -1 && o.ns_ino == 0, "defaults: no namespace filter");
        ok(o.sysroot == NULL, "defaults: live system");
        options_release(&o);
}

static void test_valid(void)
{
        struct options o;
        if (parse_ok(ARGV("-b"), &o, "-b"))
                ok(o.batch && !o.json && o.action == ACTION_RUN, "-b: batch text");
        options_release(&o);
        if (parse_ok(ARGV("-J"), &o, "-J"))
                ok(o.json && o.batch, "-J: json implies batch");
        options_release(&o);
        if (parse_ok(ARGV("-n", "3"), &o, "-n 3"))
                is_u64(o.count, 3, "-n 3: count");
        options_release(&o);
        if (parse_ok(ARGV("-n3"), &o, "-n3"))
                is_u64(o.count, 3, "-n3: attached value");
        options_release(&o);
        if (parse_ok(ARGV("-d", "0.5"), &o, "-d 0.5"))
                is_double(o.delay, 0.5, 1e-12, "-d 0.5: decimals");
        options_release(&o);
        if (parse_ok(ARGV("-d", "2"), &o, "-d 2"))
                is_double(o.delay, 2.0, 1e-12, "-d 2: whole seconds");
        options_release(&o);
        if (parse_ok(ARGV("-d", "0.01"), &o, "-d 0.01"))
                is_double(o.delay, 0.01, 1e-12, "-d 0.01: the smallest delay");
        if (parse_ok(ARGV("-d", ".25"), &o, "-d .25"))
                is_double(o.delay, 0.25, 1e-12, "-d .25: no leading digit");
        options_release(&o);
        if (parse_ok(ARGV("-p", "1,2"), &o, "-p 1,2"))
                ok(o.npids == 2 && o.pids[0] == 1 && o.pids[1] == 2, "-p 1,2: two pids");
        options_release(&o);
        ok(o.pids == NULL && o.npids == 0, "options_release: clears the pid list");
        if (parse_ok(ARGV("-p", "7", "-p", "8,9"), &o, "-p 7 -p 8,9"))
                ok(o.npids == 3 && o.pids[0] == 7 && o.pids[1] == 8 && o.pids[2] == 9, "-p repeated: pids add up");
        options_release(&o);
        if (parse_ok(ARGV("-p", "2147483647"), &o, "-p INT32_MAX"))
                ok(o.npids == 1 && o.pids[0] == 2147483647, "-p INT32_MAX: the largest pid");
        options_release(&o);
        if (parse_ok(ARGV("-u", "root"), &o, "-u root"))
                ok(o.by_uid && o.uid == 0, "-u root: uid 0");
        options_release(&o);
        if (parse_ok(ARGV("-u", "0"), &o, "-u 0"))
                ok(o.by_uid && o.uid == 0, "-u 0: numeric uid");
        options_release(&o);
        if (parse_ok(ARGV("-u", "4242"), &o, "-u 4242"))
                ok(o.by_uid && o.uid == 4242, "-u 4242: a uid without a passwd entry");
        options_release(&o);
        if (parse_ok(ARGV("--ns", "net"), &o, "--ns net"))
                ok(o.ns_type == NS_NET && o.ns_ino == 0, "--ns net: any net namespace");
        options_release(&o);
        if (parse_ok(ARGV("--ns", "pid:4026531836"), &o, "--ns pid:INODE"))
                ok(o.ns_type == NS_PID && o.ns_ino == 4026531836ull, "--ns pid:4026531836: one namespace");
        options_release(&o);
        if (parse_ok(ARGV("--ns=time"), &o, "--ns=time"))
                ok(o.ns_type == NS_TIME, "--ns=time: attached value");
        options_release(&o);
        if (parse_ok(ARGV("--ns", "net", "--ns", "user"), &o, "--ns twice"))
                ok(o.ns_type == NS_USER && o.ns_ino == 0, "--ns twice: the last one wins");
        options_release(&o);
        if (parse_ok(ARGV("--ns", "net:5", "--ns", "mnt"), &o, "--ns net:5 --ns mnt"))
                ok(o.ns_type == NS_MNT && o.ns_ino == 0, "--ns TYPE after TYPE:INODE: inode forgotten");
        options_release(&o);
        if (parse_ok(ARGV("--sysroot", "/some/dir"), &o, "--sysroot"))
                is_str(o.sysroot, "/some/dir", "--sysroot: kept");
        options_release(&o);

        if (parse_ok(ARGV("--batch", "--json", "--iterations", "4", "--delay", "0.75", "--pid", "5,6", "--user", "root"),
                     &o, "long forms")) {
                ok(o.batch && o.json, "long forms: --batch --json");
                is_u64(o.count, 4, "long forms: --iterations");
                is_double(o.delay, 0.75, 1e-12, "long forms: --delay");
                ok(o.npids == 2 && o.pids[0] == 5 && o.pids[1] == 6, "long forms: --pid");
                ok(o.by_uid && o.uid == 0, "long forms: --user");
        }
        options_release(&o);
        if (parse_ok(ARGV("--iterations=2", "--delay=3", "--pid=4"), &o, "long forms with ="))
                ok(o.count == 2 && o.delay == 3.0 && o.npids == 1 && o.pids[0] == 4, "long forms with =: values");
        options_release(&o);
        if (parse_ok(ARGV("--it", "2", "--del", "3"), &o, "long prefixes"))
                ok(o.count == 2 && o.delay == 3.0, "long prefixes: unambiguous abbreviations");
        options_release(&o);
        if (parse_ok(ARGV("-bJn", "2"), &o, "grouped -bJn 2"))
                ok(o.batch && o.json && o.count == 2, "grouped short options");
        options_release(&o);

        if (parse_ok(ARGV("-h"), &o, "-h"))
                ok(o.action == ACTION_HELP, "-h: help");
        options_release(&o);
        if (parse_ok(ARGV("--help"), &o, "--help"))
                ok(o.action == ACTION_HELP, "--help: help");
        options_release(&o);
        if (parse_ok(ARGV("-V"), &o, "-V"))
                ok(o.action == ACTION_VERSION, "-V: version");
        options_release(&o);
        if (parse_ok(ARGV("--version"), &o, "--version"))
                ok(o.action == ACTION_VERSION, "--version: version");
        options_release(&o);
        if (parse_ok(ARGV("-h", "-u", "nosuchuser-xyz"), &o, "-h with an unknown user"))
                ok(o.action == ACTION_HELP, "-h: the user is not looked up for help");
        options_release(&o);
}

static void test_errors(void)
{
        parse_bad(ARGV("-d", "abc"), "'-d abc'", "-d abc");
        parse_bad(ARGV("-d", "0"), "'-d 0'", "-d 0");
        parse_bad(ARGV("-d", "0.0"), "'-d 0.0'", "-d 0.0");
        parse_bad(ARGV("-d", "-1"), "'-d -1'", "-d -1");
        parse_bad(ARGV("-d", ""), "'-d '", "-d ''");
        parse_bad(ARGV("-d", "1e3"), "'-d 1e3'", "-d 1e3");
        parse_bad(ARGV("-d", " 2"), "'-d  2'", "-d ' 2'");
        parse_bad(ARGV("-d", "99999999"), "'-d 99999999'", "-d beyond a year");
        parse_bad(ARGV("-d", "0.001"), "from 0.01 to a year", "-d below 10 ms, and the message gives the range");
        parse_bad(ARGV("--delay=x"), "'-d x'", "--delay=x");
        parse_bad(ARGV("-n", "-1"), "'-n -1'", "-n -1");
        parse_bad(ARGV("-n", "0"), "'-n 0'", "-n 0");
        parse_bad(ARGV("-n", "x"), "'-n x'", "-n x");
        parse_bad(ARGV("-n", "2.5"), "'-n 2.5'", "-n 2.5");
        parse_bad(ARGV("-n", "99999999999999999999999"), "99999999999999999999999", "-n overflow");
        parse_bad(ARGV("-p", "x"), "'-p x'", "-p x");
        parse_bad(ARGV("-p", "1,,2"), "'-p 1,,2'", "-p 1,,2");
        parse_bad(ARGV("-p", "1,"), "'-p 1,'", "-p 1,");
        parse_bad(ARGV("-p", ",1"), "'-p ,1'", "-p ,1");
        parse_bad(ARGV("-p", "0"), "'-p 0'", "-p 0");
        parse_bad(ARGV("-p", "-5"), "'-p -5'", "-p -5");
        parse_bad(ARGV("-p", "2147483648"), "'-p 2147483648'", "-p beyond INT32_MAX");
        parse_bad(ARGV("-p", "1", "-p", "x"), "'-p x'", "-p 1 -p x (frees the first list)");
        parse_bad(ARGV("--ns", "foo"), "'--ns foo'", "--ns foo");
        parse_bad(ARGV("--ns", ""), "'--ns '", "--ns ''");
        parse_bad(ARGV("--ns", "net:abc"), "'--ns net:abc'", "--ns net:abc");
        parse_bad(ARGV("--ns", "net:"), "'--ns net:'", "--ns net:");
        parse_bad(ARGV("--ns", "net:0"), "'--ns net:0'", "--ns net:0");
        parse_bad(ARGV("--ns", "NET"), "'--ns NET'", "--ns NET");
        parse_bad(ARGV("-u", "nosuchuser-xyz"), "nosuchuser-xyz", "-u nosuchuser-xyz");
        parse_bad(ARGV("-u", ""), "'-u '", "-u ''");
        parse_bad(ARGV("-x"), "'-x'", "unknown short option");
        parse_bad(ARGV("-bx"), "'-x'", "unknown option inside a group");
        parse_bad(ARGV("-b", "-xb"), "'-x'", "unknown option first in a later group");
        parse_bad(ARGV("--bogus"), "'--bogus'", "unknown long option");
        parse_bad(ARGV("--bogus=1"), "unrecognized option '--bogus", "unknown long option with a value");
        parse_bad(ARGV("--batch=1"), "'--batch' does not take a value", "long option given a value it does not take");
        parse_bad(ARGV("-d"), "'-d' needs a value", "missing value of -d");
        parse_bad(ARGV("-b", "-n"), "'-n' needs a value", "missing value of -n");
        parse_bad(ARGV("-bp"), "'-p' needs a value", "missing value of -p in a group");
        parse_bad(ARGV("-u"), "'-u' needs a value", "missing value of -u");
        parse_bad(ARGV("--delay"), "'--delay' needs a value", "missing value of --delay");
        parse_bad(ARGV("--ns"), "'--ns' needs a value", "missing value of --ns");
        parse_bad(ARGV("--sysroot"), "'--sysroot' needs a value", "missing value of --sysroot");
        parse_bad(ARGV("foo"), "'foo'", "stray argument");
        parse_bad(ARGV("-b", "foo", "-J"), "'foo'", "stray argument before an option");
        parse_bad(ARGV("-b", "--", "-n", "2"), "'-n'", "an option after -- is a stray argument");
        parse_bad(ARGV("-p", "1\n2"), "'-p 1?2'", "newline in the argument");
        parse_bad(ARGV("--ns", "\033[31mnet"), "'--ns ?[31mnet'", "escape in the argument");
}

/* options_parse resets getopt itself: parse after parse, including after
 * an error left getopt inside a group. */
static void test_repeat(void)
{
        struct options o;
        parse_bad(ARGV("-xb"), "'-x'", "repeat: error in the middle of a group");
        if (parse_ok(ARGV("-n", "7"), &o, "repeat: next parse"))
                is_u64(o.count, 7, "repeat: starts from the first argument");
        options_release(&o);
        if (parse_ok(ARGV("-p", "3"), &o, "repeat: another"))
                ok(o.npids == 1 && o.pids[0] == 3 && o.count == 1 && !o.batch, "repeat: defaults restored");
        options_release(&o);
        for (int i = 0; i < 3; i++) {
                if (parse_ok(ARGV("-bn", "2"), &o, "repeat: same argv again"))
                        ok(o.batch && o.count == 2, "repeat: same result");
                options_release(&o);
        }
}

/* -u with --sysroot reads DIR/etc/passwd, in either order. */
static void test_sysroot_user(void)
{
        char dir[] = "/tmp/nstop-test-options.XXXXXX";
        if (!mkdtemp(dir)) {
                ok(false, "sysroot: mkdtemp");
                return;
        }
        char etc[sizeof(dir) + 8], passwd[sizeof(dir) + 16];
        snprintf(etc, sizeof(etc), "%s/etc", dir);
        snprintf(passwd, sizeof(passwd), "%s/etc/passwd", dir);
        FILE *f = NULL;
        if (mkdir(etc, 0755) == 0)
                f = fopen(passwd, "w");
        if (f) {
                fputs("alice:x:1234:1234:Alice:/home/alice:/bin/sh\nbob:x:55:55::/:/bin/false\n", f);
                fclose(f);
        }
        ok(f != NULL, "sysroot: fixture passwd written");

        struct options o;
        if (parse_ok(ARGV("--sysroot", dir, "-u", "alice"), &o, "--sysroot DIR -u alice"))
                ok(o.by_uid && o.uid == 1234, "--sysroot DIR -u alice: uid from DIR/etc/passwd");
        options_release(&o);
        if (parse_ok(ARGV("-u", "bob", "--sysroot", dir), &o, "-u bob --sysroot DIR"))
                ok(o.by_uid && o.uid == 55, "-u before --sysroot: still read from DIR");
        options_release(&o);
        parse_bad(ARGV("--sysroot", dir, "-u", "root"), "'-u root'", "--sysroot: a user of the host only");
        parse_bad(ARGV("--sysroot", "/nonexistent-nstop-dir", "-u", "alice"), "'-u alice'",
                  "--sysroot without etc/passwd");

        unlink(passwd);
        rmdir(etc);
        rmdir(dir);
}

int main(void)
{
        test_defaults();
        test_valid();
        test_errors();
        test_repeat();
        test_sysroot_user();
        return tap_done();
}
