/* fuzz_settings.c: fuzz target for the settings file, nstoprc
 * (settings_load, and settings_save of what it loaded).
 * Contract (settings.h): all or nothing: on failure the settings are the
 * defaults and the cause is one printable line; on success there is no
 * cause and every field holds a value the file format allows; a loaded
 * file saves and loads back to the same settings, and saving those again
 * writes the same text.
 * The input goes through a real file (settings_load reads a path), in a
 * directory made once per process on tmpfs when there is one. */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <unistd.h>

#include "fuzz.h"
#include "output/columns.h"
#include "settings.h"

static char dir[64], in_path[96], out_path[96];

static void cleanup(void)
{
        char tmp[128];
        unlink(in_path);
        unlink(out_path);
        snprintf(tmp, sizeof(tmp), "%s/nstop", dir);
        rmdir(tmp);
        rmdir(dir);
}

static int setup(void)
{
        if (dir[0])
                return 0;
        snprintf(dir, sizeof(dir), "%s/nstop-fuzz-XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
        if (!mkdtemp(dir)) {
                dir[0] = '\0';
                return -1;
        }
        snprintf(in_path, sizeof(in_path), "%s/in", dir);
        snprintf(out_path, sizeof(out_path), "%s/nstop/nstoprc", dir);
        atexit(cleanup);
        return 0;
}

static int write_file(const char *path, const uint8_t *data, size_t size)
{
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0)
                return -1;
        ssize_t n = write(fd, data, size);
        close(fd);
        return n == (ssize_t)size ? 0 : -1;
}

static char *read_text(const char *path)
{
        char *text = calloc(1, SETTINGS_MAX_FILE + 1);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (text && fd >= 0 && read(fd, text, SETTINGS_MAX_FILE) < 0)
                text[0] = '\0';
        if (fd >= 0)
                close(fd);
        return text;
}

static bool column_known(const char *name, size_t len)
{
        for (size_t i = 0; i < proc_column_count; i++)
                if (fuzz_tok_is(name, len, proc_columns[i].name))
                        return true;
        return false;
}

static void check_valid(const struct settings *s)
{
        FUZZ_CHECK(memchr(s->proc_columns, '\0', sizeof(s->proc_columns)));
        for (const char *p = s->proc_columns; *p;) {
                size_t n = strcspn(p, ",");
                FUZZ_CHECK(column_known(p, n));
                p += n + (p[n] == ',');
                FUZZ_CHECK(p[-1] != ',' || *p);
        }
        FUZZ_CHECK(!strcmp(s->color_scheme, "default") || !strcmp(s->color_scheme, "mono") ||
                   !strcmp(s->color_scheme, "blackonwhite"));
        FUZZ_CHECK(memchr(s->sort_column, '\0', sizeof(s->sort_column)));
        FUZZ_CHECK(!s->sort_column[0] || column_known(s->sort_column, strlen(s->sort_column)));
        FUZZ_CHECK(s->delay == 0 || (isfinite(s->delay) && s->delay >= SETTINGS_DELAY_MIN - 1e-6 &&
                                     s->delay <= SETTINGS_DELAY_MAX + 1e-6));
}

static bool same(const struct settings *a, const struct settings *b)
{
        return !strcmp(a->proc_columns, b->proc_columns) && !strcmp(a->color_scheme, b->color_scheme) &&
               !strcmp(a->sort_column, b->sort_column) && a->sort_ascending == b->sort_ascending &&
               a->tree == b->tree && a->show_kthreads == b->show_kthreads && fabs(a->delay - b->delay) < 1e-6;
}

/* Saves s, loads it back, saves again: same settings, same text. */
static void check_round_trip(const struct settings *s)
{
        struct settings back, again;
        char *cause = NULL;
        FUZZ_CHECK(settings_save(out_path, s, &cause) == 0 && cause == NULL);
        FUZZ_CHECK(settings_load(out_path, &back, &cause) == 0 && cause == NULL);
        FUZZ_CHECK(same(s, &back));
        char *first = read_text(out_path);
        FUZZ_CHECK(settings_save(out_path, &back, NULL) == 0 && settings_load(out_path, &again, NULL) == 0);
        char *second = read_text(out_path);
        FUZZ_CHECK(first && second && !strcmp(first, second) && same(&back, &again));
        free(first);
        free(second);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        if (setup() < 0 || write_file(in_path, data, size) < 0)
                return 0;
        struct settings s, defaults;
        char *cause = (char *)"untouched";
        settings_defaults(&defaults);
        memset(&s, 0x5a, sizeof(s));
        int r = settings_load(in_path, &s, &cause);
        FUZZ_CHECK(r <= 0);
        if (r < 0) {
                FUZZ_CHECK(same(&s, &defaults));
                /* NULL only if even the message could not be allocated. */
                FUZZ_CHECK(cause != NULL && fuzz_safe_line(cause, 512));
                free(cause);
                return 0;
        }
        FUZZ_CHECK(cause == NULL);
        check_valid(&s);
        check_round_trip(&s);
        return 0;
}
