/* buf.c: growable byte buffer; see buf.h. */
#include "config.h"

#include "util/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fdio.h"

static bool buf_reserve(struct buf *b, size_t extra)
{
        if (b->failed)
                return false;
        if (b->cap - b->len > extra)
                return true;
        size_t cap = b->cap ? b->cap : 256;
        while (cap - b->len <= extra) {
                if (cap > ((size_t)-1) / 2) {
                        b->failed = true;
                        return false;
                }
                cap *= 2;
        }
        char *d = realloc(b->data, cap);
        if (!d) {
                b->failed = true;
                return false;
        }
        b->data = d;
        b->cap = cap;
        return true;
}

void buf_set_sink(struct buf *b, int fd)
{
        b->has_sink = true;
        b->sink = fd;
}

int buf_spill_all(struct buf *b)
{
        if (b->failed)
                return b->sink_err ? b->sink_err : -ENOMEM;
        if (!b->has_sink || b->len == 0)
                return 0;
        int r = write_all(b->sink, b->data, b->len);
        if (r < 0) {
                b->failed = true;
                b->sink_err = r;
                return r;
        }
        b->len = 0;
        b->data[0] = '\0';
        return 0;
}

void buf_spill(struct buf *b)
{
        if (b->has_sink && b->len > 64 * 1024)
                buf_spill_all(b);
}

char *buf_room_slow(struct buf *b, size_t n)
{
        return buf_reserve(b, n) ? b->data + b->len : NULL;
}

void buf_put(struct buf *b, const void *p, size_t n)
{
        if (!buf_reserve(b, n))
                return;
        memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
        buf_put(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
        if (!b->failed && b->cap - b->len > 1) {
                b->data[b->len++] = c;
                b->data[b->len] = '\0';
                return;
        }
        buf_put(b, &c, 1);
}

void buf_repeat(struct buf *b, char c, size_t n)
{
        if (!buf_reserve(b, n))
                return;
        memset(b->data + b->len, c, n);
        b->len += n;
        b->data[b->len] = '\0';
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        char small[128];
        int n = vsnprintf(small, sizeof(small), fmt, ap);
        va_end(ap);
        if (n < 0) {
                b->failed = true;
                return;
        }
        if ((size_t)n < sizeof(small)) {
                buf_put(b, small, (size_t)n);
                return;
        }
        if (!buf_reserve(b, (size_t)n))
                return;
        va_start(ap, fmt);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
        b->len += (size_t)n;
}

const char *buf_str(struct buf *b)
{
        return b->data ? b->data : "";
}

void buf_reset(struct buf *b)
{
        b->len = 0;
        b->failed = false;
        if (b->data)
                b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
        free(b->data);
        *b = (struct buf){0};
}
