/* settings.h: the TUI's persistent settings and their file, nstoprc.
 *
 * The file is readable text, one key=value per line; blank lines and lines
 * whose first non-blank character is '#' are ignored; blanks (space, tab)
 * around keys and values are ignored. Keys:
 *
 *   proc_columns   comma-separated process column names (proc_columns[] in
 *                  output/columns.h), each at most once; empty = default
 *   color_scheme   default | mono | blackonwhite
 *   sort_column    a process column name; empty = cpu
 *   sort_ascending, tree, show_kthreads
 *                  yes | no | true | false | 1 | 0 (any case)
 *   delay          refresh delay in decimal seconds, 0.01 .. 3600
 *
 * A key may appear once. The file is all or nothing: any problem (a line
 * that is not key=value, an unknown or repeated key, a bad value, control
 * characters or invalid UTF-8, a file over 64 KiB, a file that cannot be
 * read) makes settings_load ignore the whole file and leave the defaults,
 * and say why in a one-line cause. Nothing here is ever fatal, prints or
 * exits: the TUI shows the cause on its message line.
 *
 * Causes are malloc'd, one line, with untrusted parts (the path, echoed
 * values) made safe to draw; the caller frees them. On failure *cause may
 * be NULL if even that allocation failed; on success it is set to NULL.
 * A NULL cause pointer means the caller does not want one. */
#ifndef NSTOP_SETTINGS_H
#define NSTOP_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

/* Largest settings file read; anything bigger is not ours. */
#define SETTINGS_MAX_FILE (64 * 1024)
#define SETTINGS_DELAY_MIN 0.01
#define SETTINGS_DELAY_MAX 3600.0

struct settings {
        char proc_columns[256]; /* comma-separated column names of the processes view, "" = default */
        char color_scheme[32];  /* "default", "mono", "blackonwhite" */
        char sort_column[32];   /* processes view sort key, column name; "" = cpu */
        bool sort_ascending;
        bool tree;              /* processes view as a tree */
        bool show_kthreads;
        double delay;           /* seconds, 0 = not set */
};

/* Columns and sort as built in, scheme "default", flat, descending,
 * kernel threads hidden, delay not set. */
void settings_defaults(struct settings *s);

/* The file: $XDG_CONFIG_HOME/nstop/nstoprc, or $HOME/.config/nstop/nstoprc
 * when XDG_CONFIG_HOME is unset, empty or not absolute (the XDG base
 * directory spec says relative values are invalid). HOME must likewise be
 * absolute. Writes the path into buf; 0, -ENOENT when neither variable
 * gives one, -ENAMETOOLONG when it does not fit in size. */
int settings_path(char *buf, size_t size);

/* The file of the real user (getuid()) in the password database:
 * PW_DIR/.config/nstop/nstoprc, never from the environment. 0, -ENOENT
 * when the uid has no entry or its home is not absolute, -errno from
 * getpwuid_r, -ENAMETOOLONG. */
int settings_home_path(char *buf, size_t size);

/* The file the TUI reads: settings_path, or settings_home_path when the
 * environment names none (-ENOENT). */
int settings_read_path(char *buf, size_t size);

/* The only file a save may write: settings_home_path. No environment
 * variable changes it, so that one left set (sudo -E, a hostile parent)
 * cannot point root at another file; and since a save that would not be
 * read back is no save, it is refused (-EPERM, with a cause naming both
 * files and the variable) when XDG_CONFIG_HOME or HOME make
 * settings_path another directory (compared as text, give or take
 * slashes, or as inodes when both exist). -ENOENT when the user has no
 * home in the password database. 0 or -errno with *cause. */
int settings_save_path(char *buf, size_t size, char **cause);

/* Loads path into *s, starting from defaults. A missing file is not an
 * error (0, defaults). On any problem *s stays defaults and it returns
 * -EINVAL (bad content, too big, not a regular file) or -errno (cannot
 * open or read), with *cause like "PATH:3: unknown key 'colour'". */
int settings_load(const char *path, struct settings *s, char **cause);

/* Writes s to path atomically: a temporary file in the same directory,
 * fsync, rename over path (through a symlink at path, to its target),
 * fsync of the directory. Missing directories are created with mode 0700.
 * Refuses (-EINVAL) settings that settings_load would reject, so a saved
 * file always loads back. 0 or -errno with *cause; on failure no
 * temporary file is left and any old file is untouched. */
int settings_save(const char *path, const struct settings *s, char **cause);

#endif
