/* cgwatch.h: which cgroup directories changed since the last look.
 *
 * One inotify instance with a watch per cgroup directory. The kernel
 * reports, for a watched directory, a write to any of its files (moving a
 * process in writes cgroup.procs, tasks or cgroup.threads; setting a limit
 * writes its file), the files it rewrites itself (cgroup.events when the
 * cgroup becomes empty, populated or frozen, memory.events on OOM), and
 * a subdirectory made or removed. What it does not report is counters
 * that grow (cpu.stat, memory.current, io.stat): those are read anyway.
 * Events are only read when asked, so nstop never wakes for them. */
#ifndef NSTOP_SAMPLE_CGWATCH_H
#define NSTOP_SAMPLE_CGWATCH_H

#include <stdint.h>

enum cgw_event {
        CGW_MEMBERS,  /* a process or thread was written into this cgroup */
        CGW_FILES,    /* another of its files changed, came or went */
        CGW_CHILDREN, /* a child cgroup was made or removed */
        CGW_GONE,     /* the directory is gone: the watch was removed */
        CGW_OVERFLOW, /* events were lost (wd -1): assume everything changed */
        CGW_NONE,     /* nothing nstop cares about */
};

/* What an inotify event (mask, name of the file in the directory, "" for
 * the directory itself) means; pure, for tests. */
enum cgw_event cgw_classify(uint32_t mask, const char *name);

struct cgwatch;

/* 0, or -errno when inotify cannot be used (then nothing is watched). */
int cgwatch_new(struct cgwatch **ret);
struct cgwatch *cgwatch_free(struct cgwatch *w);

/* Watches the cgroup directory at path: the watch id, or -errno (ENOSPC
 * when the user's watches are used up). */
int cgwatch_add(struct cgwatch *w, const char *path);
void cgwatch_remove(struct cgwatch *w, int wd);

/* Reads every event pending, without waiting, and calls fn for each that
 * matters, with the name of the file or child directory ("" for none).
 * 0 or -errno. */
int cgwatch_drain(struct cgwatch *w, void (*fn)(void *ctx, int wd, enum cgw_event ev, const char *name), void *ctx);

#endif
