/* cause.c: building the one-line messages of actions; see cause.h. */
#include "config.h"

#include "action/cause.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/sanitize.h"

/* The line, made safe: control characters become '?', and it stays one line. */
static char *safe_line(const char *text)
{
        struct buf b = {0};
        sanitize_append(&b, text, strlen(text), SAN_UTF8, (size_t)-1);
        char *r = b.failed ? NULL : strdup(buf_str(&b));
        buf_free(&b);
        return r;
}

static void put(char **cause, const char *fmt, va_list ap, int err)
{
        if (!cause)
                return;
        char *text = NULL;
        if (vasprintf(&text, fmt, ap) < 0)
                text = NULL;
        if (text && err) {
                char *more = NULL;
                if (asprintf(&more, "%s: %s", text, strerror(err)) < 0)
                        more = NULL;
                free(text);
                text = more;
        }
        free(*cause);
        *cause = text ? safe_line(text) : NULL;
        free(text);
}

int cause_set(char **cause, int err, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        put(cause, fmt, ap, 0);
        va_end(ap);
        return -err;
}

int cause_errno(char **cause, int err, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        put(cause, fmt, ap, err);
        va_end(ap);
        return -err;
}

void cause_prefix(char **cause, const char *fmt, ...)
{
        if (!cause)
                return;
        char *prefix = NULL;
        va_list ap;
        va_start(ap, fmt);
        if (vasprintf(&prefix, fmt, ap) < 0)
                prefix = NULL;
        va_end(ap);
        if (!prefix)
                return;
        char *joined = NULL;
        if ((*cause ? asprintf(&joined, "%s: %s", prefix, *cause) : asprintf(&joined, "%s", prefix)) < 0)
                joined = NULL;
        free(prefix);
        if (joined) {
                free(*cause);
                *cause = safe_line(joined);
                free(joined);
        }
}

void cause_append(char **cause, const char *fmt, ...)
{
        if (!cause)
                return;
        char *text = NULL;
        va_list ap;
        va_start(ap, fmt);
        if (vasprintf(&text, fmt, ap) < 0)
                text = NULL;
        va_end(ap);
        if (!text)
                return;
        char *joined = NULL;
        if ((*cause ? asprintf(&joined, "%s; %s", *cause, text) : asprintf(&joined, "%s", text)) < 0)
                joined = NULL;
        free(text);
        if (joined) {
                free(*cause);
                *cause = safe_line(joined);
                free(joined);
        }
}
