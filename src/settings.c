/* settings.c: the nstoprc file; see settings.h. */
#include "config.h"

#include "settings.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output/columns.h"
#include "util/buf.h"
#include "util/fdio.h"
#include "util/err.h"
#include "util/num.h"
#include "util/sanitize.h"
#include "util/utf8.h"

/* Echoed values are cut to this many columns so a cause stays one line. */
#define CAUSE_VALUE_CELLS 40
/* Longest value accepted before it is looked at; every valid value is
 * shorter (proc_columns has the most, with blanks after its commas). */
#define VALUE_MAX 1024

enum key {
        K_PROC_COLUMNS,
        K_COLOR_SCHEME,
        K_SORT_COLUMN,
        K_SORT_ASCENDING,
        K_TREE,
        K_SHOW_KTHREADS,
        K_DELAY,
        K_COUNT,
};

/* In the order a saved file lists them. */
static const char *const key_names[K_COUNT] = {
        [K_PROC_COLUMNS] = "proc_columns",
        [K_COLOR_SCHEME] = "color_scheme",
        [K_SORT_COLUMN] = "sort_column",
        [K_SORT_ASCENDING] = "sort_ascending",
        [K_TREE] = "tree",
        [K_SHOW_KTHREADS] = "show_kthreads",
        [K_DELAY] = "delay",
};

static const char *const color_schemes[] = {"default", "mono", "blackonwhite"};

void settings_defaults(struct settings *s)
{
        memset(s, 0, sizeof(*s));
        strcpy(s->color_scheme, "default");
}

/* ---- causes ---------------------------------------------------------- */

/* "PATH[:LINE]: WHAT[ 'VALUE']", with the path and value made safe. */
static void set_cause(char **cause, const char *path, unsigned line, const char *what, const char *val, size_t vlen)
{
        if (!cause)
                return;
        struct buf b = {0};
        sanitize_append(&b, path, strlen(path), SAN_UTF8, (size_t)-1);
        if (line)
                buf_printf(&b, ":%u", line);
        buf_puts(&b, ": ");
        buf_puts(&b, what);
        if (val) {
                buf_puts(&b, " '");
                size_t used = sanitize_append(&b, val, vlen, SAN_UTF8, CAUSE_VALUE_CELLS);
                if (used < sanitize_width(val, vlen, SAN_UTF8))
                        buf_puts(&b, "...");
                buf_putc(&b, '\'');
        }
        *cause = b.failed ? NULL : strdup(buf_str(&b));
        buf_free(&b);
}

static void set_cause_errno(char **cause, const char *path, const char *doing, int r)
{
        char what[256];
        snprintf(what, sizeof(what), "%s: %s", doing, strerror(-r));
        set_cause(cause, path, 0, what, NULL, 0);
}

/* ---- values ---------------------------------------------------------- */

static bool is_blank(char c)
{
        return c == ' ' || c == '\t';
}

static void trim(const char **p, const char **e)
{
        while (*p < *e && is_blank(**p))
                (*p)++;
        while (*e > *p && is_blank((*e)[-1]))
                (*e)--;
}

static bool proc_column_known(const char *name, size_t len)
{
        for (size_t i = 0; i < proc_column_count; i++)
                if (strlen(proc_columns[i].name) == len && memcmp(proc_columns[i].name, name, len) == 0)
                        return true;
        return false;
}

/* Is name[0..len) one of the comma-separated names in list? */
static bool list_has(const char *list, const char *name, size_t len)
{
        for (const char *p = list; *p;) {
                const char *comma = strchr(p, ',');
                size_t n = comma ? (size_t)(comma - p) : strlen(p);
                if (n == len && memcmp(p, name, len) == 0)
                        return true;
                if (!comma)
                        break;
                p = comma + 1;
        }
        return false;
}

/* What is wrong with a value, and which part of it to quote. */
struct bad {
        const char *what;
        const char *val;
        size_t len;
};

static int bad_value(struct bad *bad, const char *what, const char *val, size_t len)
{
        bad->what = what;
        bad->val = val;
        bad->len = len;
        return -EINVAL;
}

/* Stores the list without blanks: "pid, user" becomes "pid,user". */
static int parse_columns(const char *v, struct settings *s, struct bad *bad)
{
        char out[sizeof(s->proc_columns)] = "";
        size_t len = 0;
        if (*v == '\0')
                goto done;
        for (const char *p = v;;) {
                const char *comma = strchr(p, ',');
                const char *e = comma ? comma : p + strlen(p);
                const char *item = p;
                trim(&item, &e);
                size_t n = (size_t)(e - item);
                if (n == 0)
                        return bad_value(bad, "empty column name in", v, strlen(v));
                if (!proc_column_known(item, n))
                        return bad_value(bad, "unknown process column", item, n);
                if (list_has(out, item, n))
                        return bad_value(bad, "process column listed twice:", item, n);
                if (len + (len > 0) + n >= sizeof(out))
                        return bad_value(bad, "too many process columns in", v, strlen(v));
                if (len > 0)
                        out[len++] = ',';
                memcpy(out + len, item, n);
                len += n;
                out[len] = '\0';
                if (!comma)
                        break;
                p = comma + 1;
        }
done:
        memcpy(s->proc_columns, out, len + 1);
        return 0;
}

static int parse_bool(const char *v, bool *ret, struct bad *bad)
{
        static const char *const yes[] = {"yes", "true", "1"};
        static const char *const no[] = {"no", "false", "0"};
        for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
                if (strcasecmp(v, yes[i]) == 0) {
                        *ret = true;
                        return 0;
                }
                if (strcasecmp(v, no[i]) == 0) {
                        *ret = false;
                        return 0;
                }
        }
        return bad_value(bad, "not yes/no/true/false/1/0:", v, strlen(v));
}

static int parse_delay(const char *v, double *ret, struct bad *bad)
{
        double d;
        if (num_parse_decimal(v, &d) < 0)
                return bad_value(bad, "delay is not a decimal number of seconds:", v, strlen(v));
        /* Decimal fractions are inexact in binary: "0.01" may come out a
         * hair below 0.01, which is still the minimum. */
        if (d < SETTINGS_DELAY_MIN - 1e-9 || d > SETTINGS_DELAY_MAX + 1e-9)
                return bad_value(bad, "delay out of range 0.01..3600:", v, strlen(v));
        *ret = d;
        return 0;
}

/* Parses one value (NUL-terminated, blanks trimmed) into s. */
static int parse_value(enum key k, const char *v, struct settings *s, struct bad *bad)
{
        switch (k) {
        case K_PROC_COLUMNS:
                return parse_columns(v, s, bad);
        case K_COLOR_SCHEME:
                for (size_t i = 0; i < ARRAY_SIZE(color_schemes); i++) {
                        if (strcmp(v, color_schemes[i]) == 0) {
                                strcpy(s->color_scheme, v);
                                return 0;
                        }
                }
                return bad_value(bad, "unknown color scheme (default, mono, blackonwhite):", v, strlen(v));
        case K_SORT_COLUMN:
                if (*v && !proc_column_known(v, strlen(v)))
                        return bad_value(bad, "unknown sort column", v, strlen(v));
                strcpy(s->sort_column, v); /* known names are short */
                return 0;
        case K_SORT_ASCENDING:
                return parse_bool(v, &s->sort_ascending, bad);
        case K_TREE:
                return parse_bool(v, &s->tree, bad);
        case K_SHOW_KTHREADS:
                return parse_bool(v, &s->show_kthreads, bad);
        case K_DELAY:
                return parse_delay(v, &s->delay, bad);
        case K_COUNT:
                break;
        }
        return bad_value(bad, "unknown key", NULL, 0);
}

/* ---- the file -------------------------------------------------------- */

/* Finds the first byte of s[0..n) that has no place in a text file: a
 * control character other than tab, or invalid UTF-8. Returns its offset
 * or n, and says what it is in what[]. */
static size_t find_bad_char(const char *s, size_t n, char *what, size_t what_size)
{
        const unsigned char *p = (const unsigned char *)s;
        for (size_t i = 0; i < n;) {
                uint32_t cp;
                size_t len = utf8_decode(p + i, n - i, &cp);
                if (len == 0) {
                        snprintf(what, what_size, "invalid UTF-8 (byte 0x%02x)", p[i]);
                        return i;
                }
                if (cp != '\t' && utf8_is_dangerous(cp)) {
                        snprintf(what, what_size, "control character U+%04X", (unsigned)cp);
                        return i;
                }
                i += len;
        }
        return n;
}

static int lookup_key(const char *k, size_t n, enum key *ret)
{
        for (int i = 0; i < K_COUNT; i++) {
                if (strlen(key_names[i]) == n && memcmp(key_names[i], k, n) == 0) {
                        *ret = (enum key)i;
                        return 0;
                }
        }
        return -ENOENT;
}

/* One line [p, e) of the file, line number line. */
static int parse_line(const char *path, unsigned line, const char *p, const char *e, bool seen[K_COUNT],
                      struct settings *s, char **cause)
{
        char what[64];
        if (find_bad_char(p, (size_t)(e - p), what, sizeof(what)) < (size_t)(e - p)) {
                set_cause(cause, path, line, what, NULL, 0);
                return -EINVAL;
        }
        trim(&p, &e);
        if (p == e || *p == '#')
                return 0;
        const char *eq = memchr(p, '=', (size_t)(e - p));
        const char *k = p, *ke = eq ? eq : e;
        trim(&k, &ke);
        if (!eq || k == ke) {
                set_cause(cause, path, line, "not key=value:", p, (size_t)(e - p));
                return -EINVAL;
        }
        enum key key;
        if (lookup_key(k, (size_t)(ke - k), &key) < 0) {
                set_cause(cause, path, line, "unknown key", k, (size_t)(ke - k));
                return -EINVAL;
        }
        if (seen[key]) {
                set_cause(cause, path, line, "key given twice:", k, (size_t)(ke - k));
                return -EINVAL;
        }
        seen[key] = true;
        const char *v = eq + 1, *ve = e;
        trim(&v, &ve);
        char value[VALUE_MAX];
        if ((size_t)(ve - v) >= sizeof(value)) {
                set_cause(cause, path, line, "value too long for", k, (size_t)(ke - k));
                return -EINVAL;
        }
        memcpy(value, v, (size_t)(ve - v));
        value[ve - v] = '\0';
        struct bad bad;
        if (parse_value(key, value, s, &bad) < 0) {
                set_cause(cause, path, line, bad.what, bad.val, bad.len);
                return -EINVAL;
        }
        return 0;
}

static int parse_text(const char *path, const char *text, size_t len, struct settings *s, char **cause)
{
        bool seen[K_COUNT] = {false};
        unsigned line = 0;
        for (const char *p = text, *end = text + len; p < end;) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                const char *e = nl ? nl : end;
                int r = parse_line(path, ++line, p, e, seen, s, cause);
                if (r < 0)
                        return r;
                p = nl ? nl + 1 : end;
        }
        return 0;
}

/* Reads the whole regular file behind fd, at most SETTINGS_MAX_FILE bytes. */
static int read_settings_fd(int fd, const char *path, char **ret_text, size_t *ret_len, char **cause)
{
        struct stat st;
        if (fstat(fd, &st) < 0) {
                int r = -errno;
                set_cause_errno(cause, path, "cannot read", r);
                return r;
        }
        if (!S_ISREG(st.st_mode)) {
                set_cause(cause, path, 0, "not a regular file", NULL, 0);
                return -EINVAL;
        }
        char *text = malloc(SETTINGS_MAX_FILE + 1);
        if (!text) {
                set_cause_errno(cause, path, "cannot read", -ENOMEM);
                return -ENOMEM;
        }
        size_t len = 0;
        /* Read one byte more than allowed to notice a file that is too big
         * (or grew since fstat). */
        while (len < SETTINGS_MAX_FILE + 1) {
                ssize_t n = read(fd, text + len, SETTINGS_MAX_FILE + 1 - len);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0) {
                        int r = -errno;
                        free(text);
                        set_cause_errno(cause, path, "cannot read", r);
                        return r;
                }
                if (n == 0)
                        break;
                len += (size_t)n;
        }
        if (len > SETTINGS_MAX_FILE) {
                free(text);
                set_cause(cause, path, 0, "larger than 64 KiB, not a settings file", NULL, 0);
                return -EINVAL;
        }
        *ret_text = text;
        *ret_len = len;
        return 0;
}

int settings_load(const char *path, struct settings *s, char **cause)
{
        settings_defaults(s);
        if (cause)
                *cause = NULL;
        /* O_NONBLOCK: a FIFO planted at the path must not hang the TUI; it
         * is refused below as not a regular file. */
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        if (fd < 0) {
                if (errno == ENOENT)
                        return 0;
                int r = -errno;
                set_cause_errno(cause, path, "cannot open", r);
                return r;
        }
        char *text = NULL;
        size_t len = 0;
        int r = read_settings_fd(fd, path, &text, &len, cause);
        close(fd);
        if (r < 0)
                return r;
        struct settings tmp;
        settings_defaults(&tmp);
        r = parse_text(path, text, len, &tmp, cause);
        free(text);
        if (r < 0)
                return r;
        *s = tmp;
        return 0;
}

/* ---- the path -------------------------------------------------------- */

/* The directory that holds nstop/ as the environment names it:
 * $XDG_CONFIG_HOME, or $HOME/.config; each only when absolute. */
static int env_config_dir(char *buf, size_t size)
{
        const char *xdg = getenv("XDG_CONFIG_HOME");
        const char *home = getenv("HOME");
        int n;
        if (xdg && xdg[0] == '/')
                n = snprintf(buf, size, "%s", xdg);
        else if (home && home[0] == '/')
                n = snprintf(buf, size, "%s/.config", home);
        else
                return -ENOENT;
        if (n < 0 || (size_t)n >= size)
                return -ENAMETOOLONG;
        return 0;
}

/* The same directory from the password database: PW_DIR/.config of the
 * real uid. getpwuid_r, as the caller may hold a getpwuid result. */
static int passwd_config_dir(char *buf, size_t size)
{
        struct passwd pw, *res = NULL;
        char tmp[4096];
        int e = getpwuid_r(getuid(), &pw, tmp, sizeof(tmp), &res);
        if (e != 0)
                return -e;
        if (!res || !pw.pw_dir || pw.pw_dir[0] != '/')
                return -ENOENT;
        int n = snprintf(buf, size, "%s/.config", pw.pw_dir);
        if (n < 0 || (size_t)n >= size)
                return -ENAMETOOLONG;
        return 0;
}

static int file_in(const char *dir, char *buf, size_t size)
{
        int n = snprintf(buf, size, "%s/nstop/nstoprc", dir);
        if (n < 0 || (size_t)n >= size)
                return -ENAMETOOLONG;
        return 0;
}

int settings_path(char *buf, size_t size)
{
        char dir[PATH_MAX];
        int r = env_config_dir(dir, sizeof(dir));
        return r < 0 ? r : file_in(dir, buf, size);
}

int settings_home_path(char *buf, size_t size)
{
        char dir[PATH_MAX];
        int r = passwd_config_dir(dir, sizeof(dir));
        return r < 0 ? r : file_in(dir, buf, size);
}

int settings_read_path(char *buf, size_t size)
{
        int r = settings_path(buf, size);
        return r == -ENOENT ? settings_home_path(buf, size) : r;
}

/* a with runs of '/' made one and trailing ones dropped, into out. */
static void squeeze_slashes(const char *a, char *out, size_t size)
{
        size_t n = 0;
        for (; *a && n + 1 < size; a++)
                if (*a != '/' || n == 0 || out[n - 1] != '/')
                        out[n++] = *a;
        while (n > 1 && out[n - 1] == '/')
                n--;
        out[n] = '\0';
}

/* Do the two directories name the same place? The same text (give or
 * take slashes), or, when both exist, the same inode (a symlinked home). */
static bool same_dir(const char *a, const char *b)
{
        char na[PATH_MAX], nb[PATH_MAX];
        squeeze_slashes(a, na, sizeof(na));
        squeeze_slashes(b, nb, sizeof(nb));
        if (!strcmp(na, nb))
                return true;
        struct stat sa, sb;
        return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* *cause = the text of b, made safe to draw (paths from the environment). */
static void set_cause_text(char **cause, const struct buf *b)
{
        if (!cause || b->failed)
                return;
        struct buf safe = {0};
        sanitize_append(&safe, b->data, b->len, SAN_UTF8, (size_t)-1);
        *cause = safe.failed ? NULL : strdup(buf_str(&safe));
        buf_free(&safe);
}

int settings_save_path(char *buf, size_t size, char **cause)
{
        if (cause)
                *cause = NULL;
        char home_dir[PATH_MAX], env_dir[PATH_MAX], path[PATH_MAX];
        int r = passwd_config_dir(home_dir, sizeof(home_dir));
        if (r < 0) {
                struct buf b = {0};
                buf_printf(&b, "settings not saved: uid %lu has no home directory in the password database",
                           (unsigned long)getuid());
                set_cause_text(cause, &b);
                buf_free(&b);
                return r;
        }
        r = file_in(home_dir, path, sizeof(path));
        if (r < 0) {
                set_cause_errno(cause, home_dir, "not saved", r);
                return r;
        }
        /* Saving where the settings are not read from would be lost; saving
         * where they are read from, when the environment chose it, would
         * let a variable pick the file root writes. Neither: say so. */
        if (env_config_dir(env_dir, sizeof(env_dir)) == 0 && !same_dir(env_dir, home_dir)) {
                char env_path[PATH_MAX];
                if (file_in(env_dir, env_path, sizeof(env_path)) < 0)
                        snprintf(env_path, sizeof(env_path), "%s", env_dir);
                const char *xdg = getenv("XDG_CONFIG_HOME");
                struct buf b = {0};
                buf_puts(&b, "settings not saved: they are read from ");
                buf_puts(&b, env_path);
                buf_printf(&b, " (%s) but saved only in the real user's home, ",
                           xdg && xdg[0] == '/' ? "XDG_CONFIG_HOME" : "HOME");
                buf_puts(&b, path);
                buf_puts(&b, "; unset the variable or edit the file");
                set_cause_text(cause, &b);
                buf_free(&b);
                return -EPERM;
        }
        if (strlen(path) >= size) {
                set_cause_errno(cause, path, "not saved", -ENAMETOOLONG);
                return -ENAMETOOLONG;
        }
        strcpy(buf, path);
        return 0;
}

/* ---- saving ---------------------------------------------------------- */

/* Seconds with up to six decimals and no exponent, independent of the
 * locale (the TUI sets LC_ALL, and a decimal comma would not load back). */
static void format_delay(double d, char *out, size_t size)
{
        uint64_t us = (uint64_t)llround(d * 1e6);
        int n = snprintf(out, size, "%" PRIu64 ".%06" PRIu64, us / 1000000, us % 1000000);
        while (n > 0 && out[n - 1] == '0')
                out[--n] = '\0';
        if (n > 0 && out[n - 1] == '.')
                out[--n] = '\0';
}

/* The text of a field of s as it would be written; NULL for an unset
 * delay. A string not terminated inside its array gets "" and *ret_ok false. */
static const char *field_text(const struct settings *s, enum key k, char *tmp, size_t size, bool *ret_ok)
{
        *ret_ok = true;
#define FIELD(f) (strnlen(f, sizeof(f)) < sizeof(f) ? (f) : (*ret_ok = false, ""))
        switch (k) {
        case K_PROC_COLUMNS:
                return FIELD(s->proc_columns);
        case K_COLOR_SCHEME:
                return FIELD(s->color_scheme);
        case K_SORT_COLUMN:
                return FIELD(s->sort_column);
        case K_SORT_ASCENDING:
                return s->sort_ascending ? "yes" : "no";
        case K_TREE:
                return s->tree ? "yes" : "no";
        case K_SHOW_KTHREADS:
                return s->show_kthreads ? "yes" : "no";
        case K_DELAY:
                if (s->delay == 0)
                        return NULL;
                if (!(s->delay >= SETTINGS_DELAY_MIN - 1e-9 && s->delay <= SETTINGS_DELAY_MAX + 1e-9)) {
                        *ret_ok = false;
                        return "";
                }
                format_delay(s->delay, tmp, size);
                return tmp;
        case K_COUNT:
                break;
        }
#undef FIELD
        return NULL;
}

/* Checks every field of s the way settings_load would and builds the file
 * text from the normalised values. */
static int settings_render(const char *path, const struct settings *s, struct buf *out, char **cause)
{
        struct settings norm;
        settings_defaults(&norm);
        buf_puts(out, "# nstop settings (see nstop(1)): one key=value per line; '#' starts a comment.\n");
        for (int i = 0; i < K_COUNT; i++) {
                char tmp[64], what[96];
                bool ok;
                const char *v = field_text(s, (enum key)i, tmp, sizeof(tmp), &ok);
                if (!ok) {
                        snprintf(what, sizeof(what), "not saved: invalid %s", key_names[i]);
                        set_cause(cause, path, 0, what, NULL, 0);
                        return -EINVAL;
                }
                if (!v)
                        continue;
                char bad_char[64];
                struct bad bad;
                if (find_bad_char(v, strlen(v), bad_char, sizeof(bad_char)) < strlen(v)) {
                        snprintf(what, sizeof(what), "not saved: %s in %s", bad_char, key_names[i]);
                        set_cause(cause, path, 0, what, NULL, 0);
                        return -EINVAL;
                }
                char value[VALUE_MAX];
                const char *p = v, *e = v + strlen(v);
                trim(&p, &e);
                snprintf(value, sizeof(value), "%.*s", (int)(e - p), p);
                if (parse_value((enum key)i, value, &norm, &bad) < 0) {
                        snprintf(what, sizeof(what), "not saved: %s", bad.what);
                        set_cause(cause, path, 0, what, bad.val, bad.len);
                        return -EINVAL;
                }
        }
        for (int i = 0; i < K_COUNT; i++) {
                char tmp[64];
                bool ok;
                const char *v = field_text(&norm, (enum key)i, tmp, sizeof(tmp), &ok);
                if (v)
                        buf_printf(out, "%s=%s\n", key_names[i], v);
        }
        if (out->failed) {
                set_cause_errno(cause, path, "not saved", -ENOMEM);
                return -ENOMEM;
        }
        return 0;
}

/* mkdir -p with mode 0700 for every directory it creates. */
static int make_dirs(char *dir)
{
        struct stat st;
        if (stat(dir, &st) == 0)
                return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
        for (char *p = dir + 1; *p; p++) {
                if (*p != '/')
                        continue;
                *p = '\0';
                int r = mkdir(dir, 0700) < 0 && errno != EEXIST ? -errno : 0;
                *p = '/';
                if (r < 0)
                        return r;
        }
        if (mkdir(dir, 0700) < 0 && errno != EEXIST)
                return -errno;
        return 0;
}

/* Writes text to a new temporary file next to target and renames it over
 * target. dir is target's directory. */
static int replace_file(const char *target, const char *dir, const struct buf *text, char **cause, const char *path)
{
        const char *base = strrchr(target, '/');
        base = base ? base + 1 : target;
        char tmpl[PATH_MAX];
        if ((size_t)snprintf(tmpl, sizeof(tmpl), "%s/.%s.XXXXXX", dir, base) >= sizeof(tmpl)) {
                set_cause_errno(cause, path, "cannot save", -ENAMETOOLONG);
                return -ENAMETOOLONG;
        }
        int fd = mkostemp(tmpl, O_CLOEXEC);
        if (fd < 0) {
                int r = -errno;
                set_cause_errno(cause, path, "cannot create a temporary file", r);
                return r;
        }
        /* Keep the mode of a file being replaced; a new one stays 0600. */
        struct stat st;
        if (stat(target, &st) == 0 && S_ISREG(st.st_mode))
                (void)fchmod(fd, st.st_mode & 07777);
        int r = write_all(fd, text->data, text->len);
        if (r == 0 && fsync(fd) < 0)
                r = -errno;
        if (close(fd) < 0 && r == 0)
                r = -errno;
        if (r == 0 && rename(tmpl, target) < 0)
                r = -errno;
        if (r < 0) {
                unlink(tmpl);
                set_cause_errno(cause, path, "cannot save", r);
                return r;
        }
        /* Make the rename itself durable; the new file is in place either
         * way, so a failure here is not worth reporting. */
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
                (void)fsync(dfd);
                close(dfd);
        }
        return 0;
}

int settings_save(const char *path, const struct settings *s, char **cause)
{
        if (cause)
                *cause = NULL;
        struct buf text = {0};
        int r = settings_render(path, s, &text, cause);
        if (r < 0) {
                buf_free(&text);
                return r;
        }
        /* A settings file kept elsewhere (dotfiles) and linked here: write
         * the file the link points to rather than replacing the link. */
        char *target = NULL;
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
                target = realpath(path, NULL);
        if (!target)
                target = strdup(path);
        char *dir = target ? strdup(target) : NULL;
        if (!dir) {
                r = -ENOMEM;
                set_cause_errno(cause, path, "cannot save", r);
                goto out;
        }
        char *slash = strrchr(dir, '/');
        if (!slash)
                strcpy(dir, ".");
        else if (slash == dir)
                dir[1] = '\0';
        else
                *slash = '\0';
        r = make_dirs(dir);
        if (r < 0) {
                set_cause_errno(cause, path, "cannot create its directory", r);
                goto out;
        }
        r = replace_file(target, dir, &text, cause, path);
out:
        free(dir);
        free(target);
        buf_free(&text);
        return r;
}
