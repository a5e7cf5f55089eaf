/* test_privs.c: the privilege rules (issue 8).
 *
 * privs_refusal with made-up ids: which runs are refused and the reason;
 * privs_get on this ordinary run. The settings file's write path: always
 * the real user's home from the password database, whatever HOME and
 * XDG_CONFIG_HOME say, and a save refused (with a cause naming both files)
 * when those variables make the read path another directory. Nothing is
 * written: only paths are computed (a symlink in a mkdtemp directory). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "privs.h"
#include "settings.h"
#include "tap.h"

static void test_refusal(void)
{
        char why[200];
        struct privs plain = {.ruid = 1000, .euid = 1000, .rgid = 1000, .egid = 1000};
        is_int(privs_refusal(&plain, why, sizeof(why)), 0, "an ordinary user's run is accepted");
        struct privs root = {0};
        is_int(privs_refusal(&root, why, sizeof(why)), 0, "root's run is accepted");

        struct privs suid = {.ruid = 65534, .euid = 0, .rgid = 65534, .egid = 65534};
        is_int(privs_refusal(&suid, why, sizeof(why)), -EPERM, "setuid root is refused");
        is_str(why, "real uid 65534, effective uid 0", "and the reason names both uids");

        struct privs suid_user = {.ruid = 0, .euid = 1000};
        is_int(privs_refusal(&suid_user, why, sizeof(why)), -EPERM, "setuid to another user, run by root, is refused");

        struct privs sgid = {.ruid = 1000, .euid = 1000, .rgid = 1000, .egid = 0};
        is_int(privs_refusal(&sgid, why, sizeof(why)), -EPERM, "setgid is refused");
        is_str(why, "real gid 1000, effective gid 0", "and the reason names both gids");

        struct privs caps = {.ruid = 1000, .euid = 1000, .rgid = 1000, .egid = 1000, .at_secure = 1};
        is_int(privs_refusal(&caps, why, sizeof(why)), -EPERM, "AT_SECURE alone (file capabilities) is refused");
        ok(strstr(why, "AT_SECURE") != NULL, "and the reason says AT_SECURE");

        char tiny[8];
        is_int(privs_refusal(&suid, tiny, sizeof(tiny)), -EPERM, "a short buffer still refuses");
        is_int((int)strlen(tiny), 7, "and the reason is cut, terminated");

        struct privs me;
        privs_get(&me);
        ok(me.ruid == getuid() && me.euid == geteuid() && me.rgid == getgid() && me.egid == getegid(),
           "privs_get reads this process's ids");
        is_int(privs_refusal(&me, why, sizeof(why)), 0, "this test's own run is accepted");
}

static char want_home[PATH_MAX + 32], pw_dir[PATH_MAX];

static void set(const char *name, const char *value)
{
        if (value)
                setenv(name, value, 1);
        else
                unsetenv(name);
}

/* settings_save_path under HOME=home, XDG_CONFIG_HOME=xdg (NULL: unset):
 * returns its status; the path in buf, the cause in *cause. */
static int save_path(const char *home, const char *xdg, char *buf, size_t size, char **cause)
{
        set("HOME", home);
        set("XDG_CONFIG_HOME", xdg);
        buf[0] = '\0';
        return settings_save_path(buf, size, cause);
}

static void accepted(const char *home, const char *xdg, const char *name)
{
        char buf[PATH_MAX], *cause = NULL, label[200];
        int r = save_path(home, xdg, buf, sizeof(buf), &cause);
        snprintf(label, sizeof(label), "save allowed: %s", name);
        is_int(r, 0, label);
        snprintf(label, sizeof(label), "save goes to the passwd home: %s", name);
        is_str(buf, want_home, label);
        ok(cause == NULL, "and no cause");
        free(cause);
}

static void refused(const char *home, const char *xdg, const char *var, const char *name)
{
        char buf[PATH_MAX], *cause = NULL, label[200];
        int r = save_path(home, xdg, buf, sizeof(buf), &cause);
        snprintf(label, sizeof(label), "save refused: %s", name);
        is_int(r, -EPERM, label);
        is_str(buf, "", "no path is given");
        ok(cause && strstr(cause, want_home), "the cause names the only file a save writes");
        ok(cause && strstr(cause, var), "the cause names the variable");
        if (cause)
                printf("# %s\n", cause);
        free(cause);
}

static void test_save_path(void)
{
        struct passwd *pw = getpwuid(getuid());
        if (!pw || pw->pw_dir[0] != '/') {
                printf("# skip: uid %u has no home in the password database\n", (unsigned)getuid());
                return;
        }
        snprintf(pw_dir, sizeof(pw_dir), "%s", pw->pw_dir);
        snprintf(want_home, sizeof(want_home), "%s/.config/nstop/nstoprc", pw_dir);

        char buf[PATH_MAX];
        set("HOME", "/tmp/nstop-test-elsewhere");
        set("XDG_CONFIG_HOME", "/tmp/nstop-test-xdg");
        is_int(settings_home_path(buf, sizeof(buf)), 0, "home path: found");
        is_str(buf, want_home, "home path: from the password database, not HOME or XDG_CONFIG_HOME");
        is_int(settings_read_path(buf, sizeof(buf)), 0, "read path: found");
        is_str(buf, "/tmp/nstop-test-xdg/nstop/nstoprc", "read path: XDG_CONFIG_HOME is still read");

        set("HOME", NULL);
        set("XDG_CONFIG_HOME", NULL);
        is_int(settings_read_path(buf, sizeof(buf)), 0, "read path with no variables: found");
        is_str(buf, want_home, "read path with no variables: the passwd home");
        is_int(settings_home_path(buf, 5), -ENAMETOOLONG, "home path: too small a buffer");

        char cfg[PATH_MAX + 16], slashed[PATH_MAX + 16];
        snprintf(cfg, sizeof(cfg), "%s/.config", pw_dir);
        snprintf(slashed, sizeof(slashed), "%s//.config//", pw_dir);
        accepted(NULL, NULL, "no HOME, no XDG_CONFIG_HOME");
        accepted(pw_dir, NULL, "HOME is the passwd home");
        accepted(pw_dir, "", "HOME is the passwd home, XDG_CONFIG_HOME empty");
        accepted(pw_dir, "relative/conf", "HOME is the passwd home, XDG_CONFIG_HOME relative (ignored)");
        accepted("/tmp/nstop-test-elsewhere", cfg, "XDG_CONFIG_HOME is the passwd home's .config");
        accepted(NULL, slashed, "XDG_CONFIG_HOME is the same with extra slashes");

        refused("/tmp/nstop-test-elsewhere", NULL, "HOME", "HOME elsewhere");
        refused(pw_dir, "/tmp/nstop-test-xdg", "XDG_CONFIG_HOME", "XDG_CONFIG_HOME elsewhere");
        refused("/tmp/nstop-test-elsewhere", "/tmp/nstop-test-xdg", "XDG_CONFIG_HOME", "both elsewhere");

        /* A variable holding an escape sequence: the cause is safe to draw. */
        char *cause = NULL;
        int r = save_path(NULL, "/tmp/nstop-test-\033[2J", buf, sizeof(buf), &cause);
        is_int(r, -EPERM, "save refused: XDG_CONFIG_HOME with an escape sequence");
        ok(cause && !strchr(cause, '\033'), "the cause holds no raw escape");
        free(cause);

        /* The same directory through a symlink (only when it exists: the
         * test creates nothing in the real home). */
        struct stat st;
        char tmpl[] = "/tmp/nstop-test-privs.XXXXXX";
        if (stat(cfg, &st) != 0 || !S_ISDIR(st.st_mode) || !mkdtemp(tmpl)) {
                printf("# skip: %s is not a directory; no symlink check\n", cfg);
                return;
        }
        char link[PATH_MAX];
        snprintf(link, sizeof(link), "%s/home", tmpl);
        if (symlink(pw_dir, link) == 0) {
                accepted(link, NULL, "HOME is a symlink to the passwd home");
                unlink(link);
        }
        rmdir(tmpl);
}

int main(void)
{
        test_refusal();
        test_save_path();
        return tap_done();
}
