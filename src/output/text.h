/* text.h: the `nstop -b` text snapshot, like `top -b`.
 *
 * A summary (time, uptime, load, tasks, CPU, memory, namespaces per type),
 * the process table sorted by CPU, then the namespace table. Every string
 * is sanitised: no control character reaches the terminal. */
#ifndef NSTOP_OUTPUT_TEXT_H
#define NSTOP_OUTPUT_TEXT_H

#include "model/snapshot.h"
#include "model/view.h"
#include "util/buf.h"

struct text_options {
        unsigned sanitize_flags; /* SAN_UTF8 when the locale is UTF-8 */
        const char *version;
};

void text_write(struct buf *out, const struct snapshot *s, const struct view *v, const struct text_options *o);

#endif
