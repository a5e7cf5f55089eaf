/* test_settings.c: the settings file (src/settings.c).
 *
 * Everything happens in a private mkdtemp directory, removed at the end:
 * round trips, defaults for a missing file, every kind of bad file (whole
 * file ignored, a one-line cause naming the line), path resolution from
 * XDG_CONFIG_HOME and HOME, and atomic saving. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "settings.h"
#include "tap.h"

static char tmpdir[] = "/tmp/nstop-test-settings.XXXXXX";

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
        (void)st;
        (void)flag;
        (void)ftw;
        return remove(p);
}

static void cleanup(void)
{
        nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A path inside the test directory; valid until the fourth call after. */
static const char *in_tmp(const char *name)
{
        static char buf[4][512];
        static int i;
        i = (i + 1) % 4;
        snprintf(buf[i], sizeof(buf[i]), "%s/%s", tmpdir, name);
        return buf[i];
}

static void write_bytes(const char *path, const char *data, size_t n)
{
        FILE *f = fopen(path, "w");
        if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
                printf("Bail out! cannot write %s\n", path);
                cleanup();
                exit(1);
        }
}

static void write_str(const char *path, const char *s)
{
        write_bytes(path, s, strlen(s));
}

/* The whole file in a static buffer ("" when unreadable). */
static const char *slurp(const char *path)
{
        static char buf[128 * 1024];
        FILE *f = fopen(path, "r");
        size_t n = 0;
        if (f) {
                n = fread(buf, 1, sizeof(buf) - 1, f);
                fclose(f);
        }
        buf[n] = '\0';
        return buf;
}

static bool is_defaults(const struct settings *s)
{
        struct settings d;
        settings_defaults(&d);
        return strcmp(s->proc_columns, d.proc_columns) == 0 && strcmp(s->color_scheme, d.color_scheme) == 0 &&
               strcmp(s->sort_column, d.sort_column) == 0 && s->sort_ascending == d.sort_ascending &&
               s->tree == d.tree && s->show_kthreads == d.show_kthreads && s->delay == d.delay;
}

/* Names in dir other than "." and "..", comma-joined. */
static const char *list_dir(const char *dir)
{
        static char out[1024];
        out[0] = '\0';
        DIR *d = opendir(dir);
        if (!d)
                return "(cannot open)";
        struct dirent *e;
        while ((e = readdir(d))) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                        continue;
                if (out[0])
                        strncat(out, ",", sizeof(out) - strlen(out) - 1);
                strncat(out, e->d_name, sizeof(out) - strlen(out) - 1);
        }
        closedir(d);
        return out;
}

static void test_defaults(void)
{
        struct settings s;
        memset(&s, 0x55, sizeof(s));
        settings_defaults(&s);
        is_str(s.proc_columns, "", "defaults: default columns");
        is_str(s.color_scheme, "default", "defaults: color scheme");
        is_str(s.sort_column, "", "defaults: default sort");
        ok(!s.sort_ascending && !s.tree && !s.show_kthreads, "defaults: descending, flat, kernel threads hidden");
        is_double(s.delay, 0, 0, "defaults: delay not set");

        memset(&s, 0x55, sizeof(s));
        char *cause = (char *)"untouched";
        int r = settings_load(in_tmp("no-such-file"), &s, &cause);
        is_int(r, 0, "missing file: not an error");
        ok(is_defaults(&s), "missing file: defaults");
        ok(cause == NULL, "missing file: no cause");
}

static void test_round_trip(void)
{
        char path[512];
        snprintf(path, sizeof(path), "%s", in_tmp("cfg/deeper/nstop/nstoprc"));
        struct settings s, back;
        settings_defaults(&s);
        strcpy(s.proc_columns, "pid,user,cpu,ns,command");
        strcpy(s.color_scheme, "blackonwhite");
        strcpy(s.sort_column, "rss");
        s.sort_ascending = true;
        s.tree = true;
        s.show_kthreads = true;
        s.delay = 2.25;
        char *cause = NULL;
        int r = settings_save(path, &s, &cause);
        is_int(r, 0, "save: creates the missing directories");
        if (cause)
                printf("# %s\n", cause);
        free(cause);

        struct stat st;
        ok(stat(in_tmp("cfg/deeper/nstop"), &st) == 0 && (st.st_mode & 0777) == 0700, "save: new directory is 0700");
        ok(stat(in_tmp("cfg"), &st) == 0 && (st.st_mode & 0777) == 0700, "save: new parent directory is 0700");
        is_str(list_dir(in_tmp("cfg/deeper/nstop")), "nstoprc", "save: no temporary file left");

        const char *text = slurp(path);
        ok(text[0] == '#' && strchr(text, '\n') && strncmp(strchr(text, '\n') + 1, "proc_columns=", 13) == 0,
           "save: a header comment line, then the keys");
        ok(strstr(text, "\ndelay=2.25\n") != NULL, "save: delay as a plain decimal");
        ok(strstr(text, "\ntree=yes\n") != NULL, "save: booleans as yes/no");

        memset(&back, 0x55, sizeof(back));
        r = settings_load(path, &back, &cause);
        is_int(r, 0, "round trip: loads");
        is_str(back.proc_columns, s.proc_columns, "round trip: proc_columns");
        is_str(back.color_scheme, "blackonwhite", "round trip: color_scheme");
        is_str(back.sort_column, "rss", "round trip: sort_column");
        ok(back.sort_ascending && back.tree && back.show_kthreads, "round trip: booleans");
        is_double(back.delay, 2.25, 1e-9, "round trip: delay");

        /* Save again over it with other values: replaced whole, mode kept. */
        chmod(path, 0644);
        settings_defaults(&s);
        strcpy(s.color_scheme, "mono");
        r = settings_save(path, &s, &cause);
        is_int(r, 0, "save over an existing file");
        ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644, "save: keeps the mode of the file it replaces");
        is_str(list_dir(in_tmp("cfg/deeper/nstop")), "nstoprc", "save again: still no temporary file");
        ok(strstr(slurp(path), "delay") == NULL, "save: an unset delay is not written");
        r = settings_load(path, &back, &cause);
        is_int(r, 0, "second round trip: loads");
        if (cause)
                printf("# %s\n", cause);
        free(cause);
        is_str(back.color_scheme, "mono", "second round trip: new scheme");
        ok(!back.tree && back.delay == 0 && back.proc_columns[0] == '\0', "second round trip: old values gone");

        /* Delays at the edges and with many decimals. */
        static const struct {
                double d;
                const char *text;
        } delays[] = {{0.01, "delay=0.01\n"}, {3600, "delay=3600\n"}, {0.5, "delay=0.5\n"}, {1.123456, "delay=1.123456\n"}};
        for (size_t i = 0; i < sizeof(delays) / sizeof(delays[0]); i++) {
                char name[80];
                settings_defaults(&s);
                s.delay = delays[i].d;
                r = settings_save(path, &s, &cause);
                snprintf(name, sizeof(name), "delay %g saves as %.*s", delays[i].d, (int)strlen(delays[i].text) - 1,
                         delays[i].text);
                ok(r == 0 && strstr(slurp(path), delays[i].text) != NULL, name);
                r = settings_load(path, &back, &cause);
                snprintf(name, sizeof(name), "delay %g loads back", delays[i].d);
                ok(r == 0 && back.delay > delays[i].d - 1e-9 && back.delay < delays[i].d + 1e-9, name);
        }
}

/* Files that load; the values they give. */
static void test_good_files(void)
{
        char path[512];
        snprintf(path, sizeof(path), "%s", in_tmp("good"));
        struct settings s;
        char *cause = NULL;

        static const char text[] = "# comment\n"
                                   "\n"
                                   "   # indented comment\n"
                                   "\tproc_columns = pid , user,command  \n"
                                   "color_scheme=mono\n"
                                   "sort_column =io_read\n"
                                   "sort_ascending= TRUE\n"
                                   "tree=1\n"
                                   "show_kthreads=No\n"
                                   "delay=.5"; /* no final newline */
        write_bytes(path, text, sizeof(text) - 1);
        int r = settings_load(path, &s, &cause);
        is_int(r, 0, "good file: loads");
        ok(cause == NULL, "good file: no cause");
        is_str(s.proc_columns, "pid,user,command", "good file: column list without blanks");
        is_str(s.color_scheme, "mono", "good file: scheme");
        is_str(s.sort_column, "io_read", "good file: sort column");
        ok(s.sort_ascending && s.tree && !s.show_kthreads, "good file: booleans in any case and as digits");
        is_double(s.delay, 0.5, 1e-9, "good file: delay .5");

        write_bytes(path, "", 0);
        r = settings_load(path, &s, &cause);
        ok(r == 0 && is_defaults(&s), "empty file: defaults");

        write_str(path, "proc_columns=\nsort_column=\ntree=false\nshow_kthreads=yes\n");
        r = settings_load(path, &s, &cause);
        ok(r == 0 && s.proc_columns[0] == '\0' && s.sort_column[0] == '\0' && s.show_kthreads,
           "empty proc_columns and sort_column mean the defaults");

        /* Exactly 64 KiB is still allowed. */
        static char big[SETTINGS_MAX_FILE + 2];
        memset(big, '#', sizeof(big));
        for (size_t i = 63; i < sizeof(big); i += 64)
                big[i] = '\n';
        memcpy(big, "tree=yes\n", 9);
        write_bytes(path, big, SETTINGS_MAX_FILE);
        r = settings_load(path, &s, &cause);
        ok(r == 0 && s.tree, "a file of exactly 64 KiB loads");

        /* Every known process column is accepted (all the names that
         * output/columns.h declares, as the TUI's setup writes them). */
        write_str(path, "proc_columns=pid,ppid,user,state,nice,threads,cpu,rss,vsize,io_read,io_write,ns,root,command\n");
        r = settings_load(path, &s, &cause);
        is_int(r, 0, "every process column name is known");
        if (cause)
                printf("# %s\n", cause);
        free(cause);
}

struct bad_case {
        const char *text;
        size_t len; /* 0: strlen(text) */
        unsigned line;
        const char *says;
};

static const struct bad_case bad_cases[] = {
        {"tree=yes\nthis is not a setting\n", 0, 2, "not key=value: 'this is not a setting'"},
        {"=yes\n", 0, 1, "not key=value"},
        {"colour=mono\n", 0, 1, "unknown key 'colour'"},
        {"color_scheme=purple\n", 0, 1, "unknown color scheme"},
        {"color_scheme=\n", 0, 1, "unknown color scheme"},
        {"tree=maybe\n", 0, 1, "not yes/no/true/false/1/0: 'maybe'"},
        {"show_kthreads=\n", 0, 1, "not yes/no"},
        {"delay=0\n", 0, 1, "delay out of range"},
        {"delay=0.009\n", 0, 1, "delay out of range"},
        {"delay=3600.5\n", 0, 1, "delay out of range"},
        {"delay=-1\n", 0, 1, "not a decimal number"},
        {"delay=1e3\n", 0, 1, "not a decimal number"},
        {"delay=1,5\n", 0, 1, "not a decimal number"},
        {"delay=\n", 0, 1, "not a decimal number"},
        {"proc_columns=pid,bogus,user\n", 0, 1, "unknown process column 'bogus'"},
        {"proc_columns=pid,,user\n", 0, 1, "empty column name"},
        {"proc_columns=pid,\n", 0, 1, "empty column name"},
        {"proc_columns=pid,user,pid\n", 0, 1, "listed twice: 'pid'"},
        {"proc_columns=PID\n", 0, 1, "unknown process column 'PID'"},
        {"sort_column=nope\n", 0, 1, "unknown sort column 'nope'"},
        {"tree=yes\n# again\ntree=no\n", 0, 3, "key given twice: 'tree'"},
        {"# fine\n\ntree=yes\033[31m\n", 0, 3, "control character U+001B"},
        {"tree=yes\r\n", 0, 1, "control character U+000D"},
        {"tree=y\0es\n", 10, 1, "control character U+0000"},
        {"# caf\xe9\n", 0, 1, "invalid UTF-8"},
        {"# \xc2\x9b is C1 CSI\n", 0, 1, "control character U+009B"},
        {"color_scheme=mono\ntree=yes\nsort_column=pid\ndelay=2\nshow_kthreads=perhaps\n", 0, 5, "not yes/no"},
        {"sort_column=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", 0, 1,
         "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'"},
};

static void check_bad(const char *path, const char *name, int want_r, unsigned line, const char *says)
{
        struct settings s;
        memset(&s, 0x55, sizeof(s));
        char *cause = NULL;
        char label[160];
        int r = settings_load(path, &s, &cause);
        snprintf(label, sizeof(label), "%s: returns %d", name, want_r);
        is_int(r, want_r, label);
        snprintf(label, sizeof(label), "%s: whole file ignored, defaults", name);
        ok(is_defaults(&s), label);
        char want[1024];
        if (line)
                snprintf(want, sizeof(want), "%s:%u: ", path, line);
        else
                snprintf(want, sizeof(want), "%s: ", path);
        snprintf(label, sizeof(label), "%s: cause names the file%s", name, line ? " and the line" : "");
        ok(cause && strncmp(cause, want, strlen(want)) == 0, label);
        snprintf(label, sizeof(label), "%s: cause says what is wrong", name);
        ok(cause && strstr(cause, says), label);
        snprintf(label, sizeof(label), "%s: cause is one line of printable text", name);
        bool clean = cause != NULL;
        for (const char *p = cause; p && *p; p++)
                if ((unsigned char)*p < 0x20 || *p == 0x7f)
                        clean = false;
        ok(clean, label);
        if (cause)
                printf("# %s\n", cause);
        free(cause);
}

static void test_bad_files(void)
{
        char path[512];
        snprintf(path, sizeof(path), "%s", in_tmp("bad"));
        for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
                const struct bad_case *c = &bad_cases[i];
                char name[64];
                write_bytes(path, c->text, c->len ? c->len : strlen(c->text));
                snprintf(name, sizeof(name), "bad file %zu", i + 1);
                check_bad(path, name, -EINVAL, c->line, c->says);
        }

        /* Too big: one byte over 64 KiB of comments. */
        static char big[SETTINGS_MAX_FILE + 1];
        memset(big, '#', sizeof(big));
        for (size_t i = 63; i < sizeof(big); i += 64)
                big[i] = '\n';
        write_bytes(path, big, sizeof(big));
        check_bad(path, "file over 64 KiB", -EINVAL, 0, "larger than 64 KiB");

        /* Not a regular file. */
        mkdir(in_tmp("dir-rc"), 0700);
        check_bad(in_tmp("dir-rc"), "a directory", -EINVAL, 0, "not a regular file");
        const char *fifo = in_tmp("fifo-rc");
        if (mkfifo(fifo, 0600) == 0)
                check_bad(fifo, "a FIFO (must not hang)", -EINVAL, 0, "not a regular file");

        /* Cannot be opened: a path through a regular file. */
        write_bytes(in_tmp("plain"), "x", 1);
        check_bad(in_tmp("plain/nstoprc"), "unopenable path", -ENOTDIR, 0, "cannot open");

        /* Control characters in the path itself stay out of the cause. */
        const char *evil_dir = in_tmp("evil\n\033[2Jdir");
        mkdir(evil_dir, 0700);
        char evil[600];
        snprintf(evil, sizeof(evil), "%s/nstoprc", evil_dir);
        write_bytes(evil, "bogus\n", 6);
        struct settings s;
        char *cause = NULL;
        int r = settings_load(evil, &s, &cause);
        ok(r == -EINVAL && cause && !strchr(cause, '\n') && !strchr(cause, '\033') && strstr(cause, "dir/nstoprc:1: "),
           "a path with control characters is made safe in the cause");
        free(cause);

        /* A cause pointer is optional. */
        write_bytes(path, "bogus\n", 6);
        r = settings_load(path, &s, NULL);
        ok(r == -EINVAL && is_defaults(&s), "bad file without a cause pointer");
}

static void test_path(void)
{
        char buf[256];
        setenv("HOME", "/home/someone", 1);

        setenv("XDG_CONFIG_HOME", "/xdg/conf", 1);
        int r = settings_path(buf, sizeof(buf));
        ok(r == 0, "path: XDG_CONFIG_HOME set");
        is_str(buf, "/xdg/conf/nstop/nstoprc", "path: under XDG_CONFIG_HOME");

        setenv("XDG_CONFIG_HOME", "", 1);
        r = settings_path(buf, sizeof(buf));
        ok(r == 0, "path: XDG_CONFIG_HOME empty");
        is_str(buf, "/home/someone/.config/nstop/nstoprc", "path: empty XDG_CONFIG_HOME means HOME/.config");

        setenv("XDG_CONFIG_HOME", "relative/conf", 1);
        r = settings_path(buf, sizeof(buf));
        ok(r == 0, "path: XDG_CONFIG_HOME relative");
        is_str(buf, "/home/someone/.config/nstop/nstoprc", "path: relative XDG_CONFIG_HOME is ignored");

        unsetenv("XDG_CONFIG_HOME");
        r = settings_path(buf, sizeof(buf));
        ok(r == 0, "path: XDG_CONFIG_HOME unset");
        is_str(buf, "/home/someone/.config/nstop/nstoprc", "path: unset XDG_CONFIG_HOME means HOME/.config");

        unsetenv("HOME");
        strcpy(buf, "unchanged");
        is_int(settings_path(buf, sizeof(buf)), -ENOENT, "path: neither variable gives -ENOENT");

        setenv("HOME", "", 1);
        is_int(settings_path(buf, sizeof(buf)), -ENOENT, "path: empty HOME gives -ENOENT");

        setenv("HOME", "home", 1);
        setenv("XDG_CONFIG_HOME", "conf", 1);
        is_int(settings_path(buf, sizeof(buf)), -ENOENT, "path: relative HOME and XDG_CONFIG_HOME give -ENOENT");

        setenv("XDG_CONFIG_HOME", "/xdg", 1);
        unsetenv("HOME");
        r = settings_path(buf, sizeof(buf));
        ok(r == 0 && strcmp(buf, "/xdg/nstop/nstoprc") == 0, "path: XDG_CONFIG_HOME alone is enough");

        char small[10];
        is_int(settings_path(small, sizeof(small)), -ENAMETOOLONG, "path: too small a buffer");
}

static void test_save_refusals(void)
{
        char path[512];
        snprintf(path, sizeof(path), "%s", in_tmp("refuse/nstoprc"));
        struct settings s;
        char *cause = NULL;

        static const struct {
                const char *field, *value;
                const char *says;
        } cases[] = {
                {"color_scheme", "purple", "unknown color scheme"},
                {"proc_columns", "pid,nope", "unknown process column 'nope'"},
                {"proc_columns", "pid\nsort_column=x", "control character"},
                {"sort_column", "bogus", "unknown sort column"},
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                char name[96];
                settings_defaults(&s);
                if (strcmp(cases[i].field, "color_scheme") == 0)
                        strcpy(s.color_scheme, cases[i].value);
                else if (strcmp(cases[i].field, "proc_columns") == 0)
                        strcpy(s.proc_columns, cases[i].value);
                else
                        strcpy(s.sort_column, cases[i].value);
                int r = settings_save(path, &s, &cause);
                snprintf(name, sizeof(name), "save refuses a bad %s", cases[i].field);
                is_int(r, -EINVAL, name);
                snprintf(name, sizeof(name), "save refusal %zu says why", i + 1);
                ok(cause && strstr(cause, "not saved") && strstr(cause, cases[i].says) && !strchr(cause, '\n'), name);
                if (cause)
                        printf("# %s\n", cause);
                free(cause);
                cause = NULL;
        }
        static const double bad_delays[] = {-1, 0.001, 3601};
        for (size_t i = 0; i < sizeof(bad_delays) / sizeof(bad_delays[0]); i++) {
                settings_defaults(&s);
                s.delay = bad_delays[i];
                int r = settings_save(path, &s, &cause);
                ok(r == -EINVAL && cause && strstr(cause, "delay"), "save refuses a delay out of range");
                free(cause);
                cause = NULL;
        }
        settings_defaults(&s);
        memset(s.sort_column, 'x', sizeof(s.sort_column)); /* not terminated */
        ok(settings_save(path, &s, &cause) == -EINVAL, "save refuses an unterminated string");
        free(cause);
        cause = NULL;
        ok(access(in_tmp("refuse"), F_OK) != 0, "a refused save creates nothing");

        /* A refused save leaves the old file as it was. */
        char keep[512];
        snprintf(keep, sizeof(keep), "%s", in_tmp("keep"));
        write_bytes(keep, "tree=yes\n", 9);
        settings_defaults(&s);
        strcpy(s.color_scheme, "purple");
        settings_save(keep, &s, &cause);
        free(cause);
        cause = NULL;
        is_str(slurp(keep), "tree=yes\n", "a refused save leaves the old file");

        /* Cannot create the directory. */
        write_bytes(in_tmp("afile"), "x", 1);
        settings_defaults(&s);
        int r = settings_save(in_tmp("afile/sub/nstoprc"), &s, &cause);
        ok(r == -ENOTDIR && cause && strstr(cause, "cannot create its directory"),
           "save under a regular file fails with a cause");
        free(cause);
}

static void test_symlink(void)
{
        char real[512], link[512];
        snprintf(real, sizeof(real), "%s", in_tmp("dotfiles/nstoprc"));
        snprintf(link, sizeof(link), "%s", in_tmp("linkdir/nstoprc"));
        mkdir(in_tmp("dotfiles"), 0700);
        mkdir(in_tmp("linkdir"), 0700);
        write_bytes(real, "tree=no\n", 8);
        ok(symlink(real, link) == 0, "symlink made");
        struct settings s;
        settings_defaults(&s);
        s.tree = true;
        char *cause = NULL;
        int r = settings_save(link, &s, &cause);
        is_int(r, 0, "save through a symlink");
        free(cause);
        struct stat st;
        ok(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "save keeps the symlink");
        ok(strstr(slurp(real), "\ntree=yes\n") != NULL, "save writes the symlink's target");
        is_str(list_dir(in_tmp("dotfiles")), "nstoprc", "no temporary file beside the target");
        is_str(list_dir(in_tmp("linkdir")), "nstoprc", "no temporary file beside the link");
}

int main(void)
{
        if (!mkdtemp(tmpdir)) {
                printf("Bail out! mkdtemp: %s\n", strerror(errno));
                return 1;
        }
        test_defaults();
        test_round_trip();
        test_good_files();
        test_bad_files();
        test_path();
        test_save_refusals();
        test_symlink();
        cleanup();
        ok(access(tmpdir, F_OK) != 0, "test directory removed");
        return tap_done();
}
