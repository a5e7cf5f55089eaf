/* options.c: command-line parsing and validation (see options.h). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/nstype.h"
#include "options.h"
#include "sample/users.h"
#include "util/num.h"

/* -n has no real upper bound; this one only keeps the count sane. */
#define MAX_COUNT 1000000000ULL
#define MIN_DELAY 0.01

const char options_usage[] =
        "Usage: nstop [options]\n"
        "Show processes grouped by namespace, with live CPU, memory and IO.\n"
        "\n"
        "Output:\n"
        "  -b, --batch             print text snapshots instead of the interactive view\n"
        "  -J, --json              print JSON snapshots, one object per line (implies -b)\n"
        "  -n, --iterations N      print N snapshots, then exit (default 1)\n"
        "  -d, --delay SECONDS     time between snapshots (default 1.5; decimals allowed)\n"
        "\n"
        "Filters:\n"
        "  -p, --pid PID[,PID...]  show only these processes (may be repeated)\n"
        "  -u, --user USER         show only processes of this user (name or uid)\n"
        "      --ns TYPE[:INODE]   show only namespaces of TYPE (mnt, uts, ipc, net,\n"
        "                          pid, user, cgroup, time), or the one with INODE,\n"
        "                          and the processes in them\n"
        "      --cgroup PATH       show only this cgroup subtree and the processes in it:\n"
        "                          /sys/fs/cgroup/... or a path such as /system.slice\n"
        "\n"
        "Other:\n"
        "      --sysroot DIR       read DIR/proc, DIR/etc/passwd and the cgroup mounts\n"
        "                          under DIR instead of the live system (for tests)\n"
        "  -h, --help              show this help and exit\n"
        "  -V, --version           show the version and exit\n"
        "\n"
        "Exit status: 0 on success, 1 when /proc cannot be read, 2 for a bad argument.\n"
        "See nstop(1) for the columns and the JSON keys.\n";

enum { OPT_NS = 256, OPT_SYSROOT, OPT_CGROUP };

static const struct option long_options[] = {
        {"batch", no_argument, NULL, 'b'},
        {"json", no_argument, NULL, 'J'},
        {"iterations", required_argument, NULL, 'n'},
        {"delay", required_argument, NULL, 'd'},
        {"pid", required_argument, NULL, 'p'},
        {"user", required_argument, NULL, 'u'},
        {"ns", required_argument, NULL, OPT_NS},
        {"sysroot", required_argument, NULL, OPT_SYSROOT},
        {"cgroup", required_argument, NULL, OPT_CGROUP},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
};

static int fail(char **cause, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(char **cause, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        if (vasprintf(cause, fmt, ap) < 0)
                *cause = NULL;
        va_end(ap);
        /* The cause quotes the argument, which may hold anything (even a
         * newline): keep it one line. */
        for (char *c = *cause; c && *c; c++)
                if ((unsigned char)*c < 0x20 || *c == 0x7f)
                        *c = '?';
        return -EINVAL;
}

static int parse_count(const char *arg, struct options *o, char **cause)
{
        uint64_t n;
        if (num_parse_u64(arg, &n) < 0 || n == 0 || n > MAX_COUNT)
                return fail(cause, "invalid snapshot count '-n %s': expected a whole number from 1", arg);
        o->count = n;
        return 0;
}

static int parse_delay(const char *arg, struct options *o, char **cause)
{
        double d;
        /* Below 10 ms a refresh would cost more than the interval it measures. */
        if (num_parse_seconds(arg, &d) < 0 || d < MIN_DELAY)
                return fail(cause, "invalid delay '-d %s': expected seconds from 0.01 to a year, such as 2 or 0.5", arg);
        o->delay = d;
        return 0;
}

static int add_pid(struct options *o, int32_t pid)
{
        int32_t *v = realloc(o->pids, (o->npids + 1) * sizeof(*v));
        if (!v)
                return -ENOMEM;
        v[o->npids++] = pid;
        o->pids = v;
        return 0;
}

static int parse_pids(const char *arg, struct options *o, char **cause)
{
        const char *p = arg;
        for (;;) {
                size_t len = strcspn(p, ",");
                uint64_t pid;
                if (num_parse_u64n(p, len, &pid) < 0 || pid == 0 || pid > INT32_MAX)
                        return fail(cause, "invalid process ID list '-p %s': expected PID[,PID...] with PIDs from 1",
                                    arg);
                if (add_pid(o, (int32_t)pid) < 0)
                        return -ENOMEM;
                if (!p[len])
                        return 0;
                p += len + 1;
        }
}

static int parse_user(const char *arg, struct options *o, char **cause)
{
        char *passwd = NULL;
        if (o->sysroot && asprintf(&passwd, "%s/etc/passwd", o->sysroot) < 0)
                return -ENOMEM;
        int r = users_lookup(passwd, arg, &o->uid);
        free(passwd);
        if (r == -ENOENT)
                return fail(cause, "unknown user '-u %s': no such user name or uid", arg);
        if (r < 0)
                return fail(cause, "cannot look up user '-u %s': %s", arg, strerror(-r));
        o->by_uid = true;
        return 0;
}

static int parse_ns(const char *arg, struct options *o, char **cause)
{
        size_t len = strcspn(arg, ":");
        int type = ns_type_lookup(arg, len);
        if (type < 0)
                return fail(cause,
                            "unknown namespace type '--ns %s': expected mnt, uts, ipc, net, pid, user, cgroup or time",
                            arg);
        o->ns_type = type;
        o->ns_ino = 0;
        if (!arg[len])
                return 0;
        uint64_t ino;
        if (num_parse_u64(arg + len + 1, &ino) < 0 || ino == 0)
                return fail(cause, "invalid namespace inode '--ns %s': expected TYPE:INODE with a decimal inode", arg);
        o->ns_ino = ino;
        return 0;
}

static void defaults(struct options *o)
{
        memset(o, 0, sizeof(*o));
        o->action = ACTION_RUN;
        o->count = 1;
        o->delay = 1.5;
        o->ns_type = -1;
}

/* Which option a getopt error is about, for the message. getopt_long runs
 * with a leading ':' in its option string, so it returns ':' for a missing
 * value and '?' for anything else. optopt is the short option (or a long
 * option's val), 0 for an unknown long option. optind has moved past a
 * long option, but not past a short one inside a group like -xb, so the
 * element is argv[optind - 1] only when optind moved from BEFORE, and a
 * short option is named by its letter. */
static int bad_option(int c, int before, int argc, char **argv, char **cause)
{
        const char *arg = optind > before && optind - 1 < argc ? argv[optind - 1] : "";
        bool is_long = strncmp(arg, "--", 2) == 0;
        int len = is_long ? (int)strcspn(arg, "=") : 0;
        if (c == ':' && is_long)
                return fail(cause, "option '%.*s' needs a value", len, arg);
        if (c == ':' && optopt > 0 && optopt < 256)
                return fail(cause, "option '-%c' needs a value", optopt);
        if (is_long && optopt != 0)
                return fail(cause, "option '%.*s' does not take a value", len, arg);
        if (is_long || optopt <= 0 || optopt >= 256)
                return fail(cause, "unrecognized option '%s'", arg);
        return fail(cause, "unrecognized option '-%c'", optopt);
}

int options_parse(int argc, char **argv, struct options *o, char **cause)
{
        defaults(o);
        *cause = NULL;
        /* -u is resolved after --sysroot is known, wherever it appears. */
        const char *user = NULL;
        int c, r = 0;
        optind = 0; /* full reset, so the parser can run more than once */
        opterr = 0;
        for (;;) {
                int before = optind ? optind : 1;
                if (r < 0 || (c = getopt_long(argc, argv, "+:bJn:d:p:u:hV", long_options, NULL)) == -1)
                        break;
                switch (c) {
                case 'b': o->batch = true; break;
                case 'J': o->json = o->batch = true; break;
                case 'n': r = parse_count(optarg, o, cause); break;
                case 'd': r = parse_delay(optarg, o, cause); break;
                case 'p': r = parse_pids(optarg, o, cause); break;
                case 'u': user = optarg; break;
                case OPT_NS: r = parse_ns(optarg, o, cause); break;
                case OPT_SYSROOT: o->sysroot = optarg; break;
                case OPT_CGROUP: o->cgroup = optarg; break;
                case 'h': o->action = ACTION_HELP; break;
                case 'V': o->action = ACTION_VERSION; break;
                default: r = bad_option(c, before, argc, argv, cause); break;
                }
        }
        if (r == 0 && optind < argc)
                r = fail(cause, "unexpected argument '%s'", argv[optind]);
        if (r == 0 && user && o->action == ACTION_RUN)
                r = parse_user(user, o, cause);
        if (r < 0)
                options_release(o);
        return r;
}

void options_release(struct options *o)
{
        free(o->pids);
        o->pids = NULL;
        o->npids = 0;
}
