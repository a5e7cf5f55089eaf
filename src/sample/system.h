/* system.h: system-wide figures: CPU ticks, memory, load, uptime.
 *
 * Live runs read them through libproc2, which parses these files well;
 * fixture trees (--sysroot) are read with nstop's own parsers, since
 * libproc2 only reads the live /proc. */
#ifndef NSTOP_SAMPLE_SYSTEM_H
#define NSTOP_SAMPLE_SYSTEM_H

#include "model/snapshot.h"

struct sys_reader;

/* proc_fd: used for fixtures only (not owned); live: use libproc2. */
int sys_reader_new(int proc_fd, int live, struct sys_reader **ret);
struct sys_reader *sys_reader_free(struct sys_reader *r);
/* Fills s->sys (allocating its CPU arrays). 0 or -errno. */
int sys_read(struct sys_reader *r, struct snapshot *s);

#endif
