/* main.c: options -> batch output or the interactive view (ui/).
 *
 * Batch mode takes a first sample, waits the delay, and prints each
 * snapshot with real rates. Every snapshot is built whole in memory and
 * written with one write, so a reader never sees half of one. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <malloc.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model/delta.h"
#include "model/nstype.h"
#include "model/view.h"
#include "options.h"
#include "output/jsonout.h"
#include "output/problems.h"
#include "output/text.h"
#include "privs.h"
#include "sample/sampler.h"
#include "ui/tui.h"
#include "util/buf.h"
#include "util/fdio.h"
#include "util/sanitize.h"

#define EXIT_BAD_ARGUMENT 2

/* Namespace links, roots and cgroups are re-read at least this often, so
 * no shown value is older than 2 s (README, design notes: staleness). */
#define NS_MAX_AGE 1.0

/* Fds left for everything else (the terminal, cgroup walks, actions). */
#define FD_RESERVE 1024

/* How many files the sampler may keep open: raising the soft
 * limit to the hard one is what it is for (no privilege needed), and
 * reading a kept file saves the open and close, about half of the cost. */
static size_t kept_fd_budget(void)
{
        struct rlimit rl;
        if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
                return 0;
        if (rl.rlim_cur < rl.rlim_max) {
                struct rlimit raised = {rl.rlim_max, rl.rlim_max};
                if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
                        rl = raised;
        }
        if (rl.rlim_cur == RLIM_INFINITY)
                return 1u << 20;
        return rl.rlim_cur > 2 * FD_RESERVE ? (size_t)(rl.rlim_cur - FD_RESERVE) : 0;
}

static unsigned sanitize_flags;

/* Prints "nstop: MSG" on stderr with MSG made terminal-safe: causes can
 * quote arguments and paths that hold anything. */
static void say(const char *msg)
{
        struct buf b = {0};
        buf_puts(&b, "nstop: ");
        sanitize_append(&b, msg, strlen(msg), sanitize_flags, (size_t)-1);
        buf_putc(&b, '\n');
        if (!b.failed)
                fputs(buf_str(&b), stderr);
        buf_free(&b);
}

/* Sleeps until deadline (CLOCK_MONOTONIC), so the interval between
 * samples does not drift by the time spent printing. */
static void sleep_until(const struct timespec *deadline)
{
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, deadline, NULL) == EINTR)
                ;
}

static void advance(struct timespec *t, double seconds)
{
        double whole = floor(seconds);
        t->tv_sec += (time_t)whole;
        t->tv_nsec += (long)((seconds - whole) * 1e9);
        if (t->tv_nsec >= 1000000000L) {
                t->tv_sec++;
                t->tv_nsec -= 1000000000L;
        }
}

static void filter_from_options(struct filter *f, const struct options *o, const struct cg_target *cgs, size_t ncgs)
{
        filter_init(f);
        f->pids = o->pids;
        f->npids = o->npids;
        f->by_uid = o->by_uid;
        f->uid = o->uid;
        f->ns_type = o->ns_type;
        f->ns_ino = o->ns_ino;
        f->cgs = cgs;
        f->ncgs = ncgs;
}

/* Says once what could not be read of the processes the user asked for. */
static void warn_problems(const struct snapshot *s, const struct view *v)
{
        struct buf b = {0};
        if (problems_describe(&b, s, v) && !b.failed)
                say(buf_str(&b));
        buf_free(&b);
}

/* The first snapshot also warns about what could not be read. */
static int print_snapshot(const struct options *o, const struct cg_target *cgs, size_t ncgs, const struct snapshot *s,
                          bool first)
{
        struct filter f;
        struct view v;
        filter_from_options(&f, o, cgs, ncgs);
        if (view_build(s, &f, &v) < 0)
                return -ENOMEM;
        struct buf out = {0};
        buf_set_sink(&out, STDOUT_FILENO);
        if (o->json) {
                json_write_snapshot(&out, s, &v, PACKAGE_VERSION);
        } else {
                /* Frames are separated by a blank line, as top -b does. */
                if (!first)
                        buf_putc(&out, '\n');
                view_sort_procs(s, &v, SORT_CPU);
                struct text_options to = {.sanitize_flags = sanitize_flags, .version = PACKAGE_VERSION};
                text_write(&out, s, &v, &to);
        }
        int r = buf_spill_all(&out);
        buf_free(&out);
        if (r == 0 && first)
                warn_problems(s, &v);
        view_release(&v);
        return r;
}

static int take(struct sampler *sm, struct snapshot **ret)
{
        char *cause = NULL;
        int r = sampler_take(sm, ret, &cause);
        if (r < 0) {
                say(cause ? cause : strerror(-r));
                free(cause);
        }
        return r;
}

static int run_batch(const struct options *o, struct sampler *sm, const struct cg_target *cgs, size_t ncgs)
{
        struct snapshot *prev = NULL, *cur = NULL;
        struct timespec next;
        int status = EXIT_SUCCESS;
        clock_gettime(CLOCK_MONOTONIC, &next);
        if (take(sm, &prev) < 0)
                return EXIT_FAILURE;
        for (uint64_t i = 0; i < o->count; i++) {
                advance(&next, o->delay);
                sleep_until(&next);
                if (take(sm, &cur) < 0) {
                        status = EXIT_FAILURE;
                        break;
                }
                delta_apply(prev, cur);
                int r = print_snapshot(o, cgs, ncgs, cur, i == 0);
                if (r < 0) {
                        /* A closed pipe (nstop -b | head) is not worth a message. */
                        if (r != -EPIPE) {
                                say(strerror(-r));
                                status = EXIT_FAILURE;
                        }
                        break;
                }
                snapshot_free(prev);
                prev = cur;
                cur = NULL;
        }
        snapshot_free(prev);
        snapshot_free(cur);
        return status;
}

static int run_tui(const struct options *o, struct sampler *sm, const struct cg_target *cgs, size_t ncgs)
{
        struct filter f;
        filter_from_options(&f, o, cgs, ncgs);
        char *cause = NULL;
        /* Actions change the live system: never from a --sysroot view. */
        int r = tui_run(sm, &f, o->delay, o->sysroot == NULL, &cause);
        if (r < 0) {
                say(cause ? cause : strerror(-r));
                free(cause);
                return EXIT_FAILURE;
        }
        return r; /* 0, or 128 + the signal that ended it */
}

/* nstop is never meant to be setuid or setgid (privs.h): said in one line,
 * and the process ends before it reads its environment or anything else.
 * _exit: no atexit handler runs for a set-id run that did nothing (a
 * sanitizer's leak check would fail there: a set-id process cannot be
 * ptraced, even by itself). */
static void refuse_privileges(void)
{
        struct privs p;
        char why[200];
        privs_get(&p);
        if (privs_refusal(&p, why, sizeof(why)) == 0)
                return;
        fprintf(stderr, "nstop: refusing to run setuid/setgid: %s; run it as root instead (sudo nstop)\n", why);
        _exit(EXIT_BAD_ARGUMENT);
}

static void usage_error(const char *cause)
{
        say(cause ? cause : "out of memory");
        fputs("Try 'nstop --help' for more information.\n", stderr);
}

int main(int argc, char **argv)
{
        refuse_privileges();
        /* A reader that goes away (nstop -b | head) must end the run
         * quietly with status 0: see the -EPIPE case in run_batch, which
         * the default SIGPIPE would never let us reach. */
        signal(SIGPIPE, SIG_IGN);
        /* Each refresh allocates and frees a few arrays of a megabyte or
         * more. glibc raises its mmap threshold after such a free and then
         * serves the next ones from the heap, where freed memory stays
         * resident: a fixed threshold gives them back to the kernel. */
        mallopt(M_MMAP_THRESHOLD, 128 * 1024);
        setlocale(LC_CTYPE, "");
        if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
                sanitize_flags = SAN_UTF8;

        struct options o;
        char *cause = NULL;
        if (options_parse(argc, argv, &o, &cause) < 0) {
                usage_error(cause);
                free(cause);
                return EXIT_BAD_ARGUMENT;
        }
        if (o.action == ACTION_HELP) {
                fputs(options_usage, stdout);
                return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
        }
        if (o.action == ACTION_VERSION) {
                puts(PACKAGE_NAME " " PACKAGE_VERSION);
                return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
        }
        struct sampler_config cfg = {
                .sysroot = o.sysroot, .ns_max_age = NS_MAX_AGE, .max_kept_fds = kept_fd_budget()};
        struct sampler *sm = NULL;
        if (sampler_new(&cfg, &sm, &cause) < 0) {
                say(cause ? cause : "cannot start sampling");
                free(cause);
                options_release(&o);
                return EXIT_FAILURE;
        }
        /* Only the sampler knows which types this kernel has (time came in
         * 5.6): asking for another is a bad argument, not an empty list. */
        if (o.ns_type >= 0 && !(sampler_ns_types(sm) & (1u << o.ns_type))) {
                char msg[160];
                snprintf(msg, sizeof(msg), "unsupported namespace type '--ns %s': this kernel has no %s namespaces",
                         ns_types[o.ns_type].name, ns_types[o.ns_type].name);
                usage_error(msg);
                sampler_free(sm);
                options_release(&o);
                return EXIT_BAD_ARGUMENT;
        }
        struct cg_target *cgs = NULL;
        size_t ncgs = 0;
        if (o.cgroup && sampler_resolve_cgroup(sm, o.cgroup, &cgs, &ncgs, &cause) < 0) {
                usage_error(cause);
                free(cause);
                sampler_free(sm);
                options_release(&o);
                return EXIT_BAD_ARGUMENT;
        }
        int status;
        if (o.batch) {
                status = run_batch(&o, sm, cgs, ncgs);
        } else if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
                usage_error("the interactive view needs a terminal; use -b for batch output");
                status = EXIT_BAD_ARGUMENT;
        } else {
                status = run_tui(&o, sm, cgs, ncgs);
        }
        cg_targets_free(cgs, ncgs);
        sampler_free(sm);
        options_release(&o);
        return status;
}
