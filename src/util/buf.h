/* buf.h: a growable byte buffer for building output.
 *
 * Output is built in a buf and written with one call, or, for a large
 * snapshot, in pieces of about 64 KiB (buf_set_sink), so that it never
 * needs a buffer its whole size. An allocation failure sets ->failed and
 * makes later appends no-ops; the caller checks it once at the end. */
#ifndef NSTOP_UTIL_BUF_H
#define NSTOP_UTIL_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
        char *data;
        size_t len, cap;
        bool failed;
        bool has_sink; /* buf_spill writes to sink (see buf_set_sink) */
        int sink;
        int sink_err;  /* the first write error, as -errno */
};

/* Output that need not be held whole: from now on, buf_spill() writes what
 * the buffer holds to fd once it holds more than 64 KiB, so that a large
 * snapshot costs a small buffer. Writers call buf_spill between records
 * (never where they may look back into the buffer); the caller writes
 * the rest with buf_spill_all(). A write error sets failed and sink_err. */
void buf_set_sink(struct buf *b, int fd);
void buf_spill(struct buf *b);
int buf_spill_all(struct buf *b);

void buf_put(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_repeat(struct buf *b, char c, size_t n);
/* Writing in place, for formatters that would otherwise append byte by
 * byte: buf_room() makes room for n more bytes (and the NUL) and returns
 * where they go, or NULL once the buffer has failed; the caller writes at
 * most n bytes there and then calls buf_advance() with the end of what it
 * wrote. Nothing else may touch the buffer in between. */
char *buf_room_slow(struct buf *b, size_t n);
static inline char *buf_room(struct buf *b, size_t n)
{
        /* The common case, inline: it is called per JSON value. */
        if (!b->failed && b->cap - b->len > n)
                return b->data + b->len;
        return buf_room_slow(b, n);
}
static inline void buf_advance(struct buf *b, char *end)
{
        b->len = (size_t)(end - b->data);
        b->data[b->len] = '\0';
}
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* NUL-terminated view of the contents ("" when empty). */
const char *buf_str(struct buf *b);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

#endif
