/* fuzz_limits.c: fuzz target for limit_plan_make (action/limitsplan.c),
 * which checks what was typed into the limits form and turns it into the
 * file writes (parsing each field with units.h).
 * Input: byte 0 picks the host (v1 or v2, swap accounted or not, what the
 * snapshot says of the memory limits); the rest, split at newlines, is
 * the form: LIM_COUNT old texts then LIM_COUNT new ones (with fewer lines,
 * old is NULL and the lines are the new texts), each cut to what a form
 * field holds.
 * Contract (limits.h): 0 with a plan, or -EINVAL / -ENOENT / -EOPNOTSUPP
 * with a one-line cause and *ret untouched; every write goes to a file in
 * its field's directory, belongs to a field whose text changed, and its
 * value is exactly kernel syntax: digits, "max", "-1", "MAJ:MIN", "key="
 * and list punctuation, never a control character, so what a user typed
 * cannot add a line to a cgroup file. The device and cpuset checks look in
 * a small sysroot made once per process (8:0 a disk, 8:1 a partition,
 * CPUs 0-3, node 0). */
#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "action/limits.h"
#include "action/units.h"
#include "fuzz.h"

/* The form's fields hold 159 bytes (ui/actions.h); the cause echoes a
 * field's text, so with longer fields any bound on it would be arbitrary. */
#define FIELD_MAX 159
#define CAUSE_MAX 1024

static char root[64];

static const char *const made[] = {"sys/dev/block/8:1/partition", "sys/devices/system/cpu/possible",
                                   "sys/devices/system/node/possible"};
static const char *const dirs[] = {"sys/dev/block/8:1", "sys/dev/block/8:0", "sys/dev/block",
                                   "sys/dev", "sys/devices/system/cpu", "sys/devices/system/node",
                                   "sys/devices/system", "sys/devices", "sys"};

static void cleanup(void)
{
        char p[160];
        for (size_t i = 0; i < sizeof(made) / sizeof(made[0]); i++) {
                snprintf(p, sizeof(p), "%s/%s", root, made[i]);
                unlink(p);
        }
        for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
                snprintf(p, sizeof(p), "%s/%s", root, dirs[i]);
                rmdir(p);
        }
        rmdir(root);
}

static int put(const char *rel, const char *text)
{
        char p[160];
        snprintf(p, sizeof(p), "%s/%s", root, rel);
        int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0)
                return -1;
        ssize_t n = write(fd, text, strlen(text));
        close(fd);
        return n == (ssize_t)strlen(text) ? 0 : -1;
}

static int setup(void)
{
        if (root[0])
                return 0;
        snprintf(root, sizeof(root), "%s/nstop-fuzz-XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
        if (!mkdtemp(root)) {
                root[0] = '\0';
                return -1;
        }
        atexit(cleanup);
        char p[160];
        for (size_t i = sizeof(dirs) / sizeof(dirs[0]); i > 0; i--) {
                snprintf(p, sizeof(p), "%s/%s", root, dirs[i - 1]);
                if (mkdir(p, 0700) < 0)
                        return -1;
        }
        return put(made[0], "") < 0 || put(made[1], "0-3\n") < 0 || put(made[2], "0\n") < 0 ? -1 : 0;
}

/* The host byte 0 describes. Directories are "/cg/FIELD" so a write can
 * be traced back to its field. */
static void make_target(uint8_t b, struct limit_target *t, char dir[LIM_COUNT][32])
{
        static const uint64_t mem[] = {U64_UNKNOWN, U64_NO_LIMIT, 1ULL << 30, 2ULL << 30};
        memset(t, 0, sizeof(*t));
        bool v1 = b & 1, no_swap = b & 2;
        t->version = v1 ? 1 : 2;
        t->path = (char *)"/fuzz";
        for (int f = 0; f < LIM_COUNT; f++) {
                snprintf(dir[f], 32, "/cg/%d", f);
                bool here = !(v1 && f == LIM_MEMORY_HIGH) && !(no_swap && f == LIM_SWAP_MAX);
                t->dir[f] = here ? dir[f] : NULL;
                t->why_not[f] = here ? NULL : (char *)"not here";
                t->file_version[f] = here ? (v1 ? 1 : 2) : 0;
                t->holder[f] = here ? 0 : IDX_NONE;
        }
        if (v1 && t->dir[LIM_SWAP_MAX])
                t->dir[LIM_SWAP_MAX] = dir[LIM_MEMORY_MAX]; /* v1 memsw lives with memory */
        t->mem_max = mem[b >> 2 & 3];
        t->memsw_max = mem[b >> 4 & 3];
        t->mem_usage = b & 0x40 ? 512ULL << 20 : U64_UNKNOWN;
        t->cpu_period_usec = UNITS_CPU_PERIOD_DEFAULT;
}

/* The trimmed texts differ (NULL is ""). */
static bool changed(const char *a, const char *b)
{
        a = a ? a : "";
        b = b ? b : "";
        a += strspn(a, " \t");
        b += strspn(b, " \t");
        size_t n = strlen(a), m = strlen(b);
        while (n && (a[n - 1] == ' ' || a[n - 1] == '\t'))
                n--;
        while (m && (b[m - 1] == ' ' || b[m - 1] == '\t'))
                m--;
        return n != m || memcmp(a, b, n) != 0;
}

static void check_plan(const struct limit_target *t, const struct limit_plan *p, const char *const *old,
                       const char *const *now)
{
        for (size_t i = 0; i < p->n; i++) {
                const struct limit_write *w = &p->w[i];
                FUZZ_CHECK((int)w->field >= 0 && w->field < LIM_COUNT && t->dir[w->field]);
                FUZZ_CHECK(changed(old ? old[w->field] : NULL, now[w->field]));
                size_t dl = strlen(t->dir[w->field]);
                FUZZ_CHECK(!strncmp(w->file, t->dir[w->field], dl) && w->file[dl] == '/');
                FUZZ_CHECK(!strchr(w->file + dl + 1, '/'));
                FUZZ_CHECK(w->value[0] != '\0' &&
                           fuzz_only(w->value, strlen(w->value), "0123456789abcdefghijklmnopqrstuvwxyz:=, -"));
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        if (size == 0 || setup() < 0)
                return 0;
        char *text = malloc(size);
        if (!text)
                return 0;
        memcpy(text, data + 1, size - 1);
        text[size - 1] = '\0';
        const char *lines[2 * LIM_COUNT] = {NULL};
        size_t n = 0;
        for (char *p = text; n < 2 * LIM_COUNT;) {
                lines[n++] = p;
                char *nl = strchr(p, '\n');
                if (nl)
                        *nl = '\0';
                if (strlen(p) > FIELD_MAX)
                        p[FIELD_MAX] = '\0';
                if (!nl)
                        break;
                p = nl + 1;
        }
        const char *const *old = n > LIM_COUNT ? lines : NULL;
        const char *const *now = n > LIM_COUNT ? lines + LIM_COUNT : lines;
        struct limit_target t;
        char dir[LIM_COUNT][32];
        make_target(data[0], &t, dir);
        struct limit_plan plan;
        memset(&plan, 0x5a, sizeof(plan));
        char *cause = NULL;
        int r = limit_plan_make(&t, old, now, root, &plan, &cause);
        if (r < 0) {
                FUZZ_CHECK(r == -EINVAL || r == -ENOENT || r == -EOPNOTSUPP || r == -ENOMEM);
                FUZZ_CHECK(cause && fuzz_safe_line(cause, CAUSE_MAX));
                FUZZ_CHECK(plan.n == 0x5a5a5a5a5a5a5a5aULL);
        } else {
                FUZZ_CHECK(r == 0);
                check_plan(&t, &plan, old, now);
                limit_plan_free(&plan);
        }
        free(cause);
        free(text);
        return 0;
}
