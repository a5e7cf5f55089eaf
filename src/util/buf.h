/* buf.h: a growable byte buffer for building output.
 *
 * Output is built whole in a buf and written with one call, so a snapshot
 * is never printed half-formed. An allocation failure sets ->failed and
 * makes later appends no-ops; the caller checks it once at the end. */
#ifndef NSTOP_UTIL_BUF_H
#define NSTOP_UTIL_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
        char *data;
        size_t len, cap;
        bool failed;
};

void buf_put(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_repeat(struct buf *b, char c, size_t n);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* NUL-terminated view of the contents ("" when empty). */
const char *buf_str(struct buf *b);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

#endif
