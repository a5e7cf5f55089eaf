/* json.h: a small streaming JSON writer over a buf.
 *
 * Strings are always valid JSON whatever bytes they hold: control
 * characters and bidi marks are escaped, invalid UTF-8 bytes become
 * U+FFFD. Doubles that are NaN (our "unknown") are written as null. */
#ifndef NSTOP_UTIL_JSON_H
#define NSTOP_UTIL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

enum { JSON_MAX_DEPTH = 32 };

struct json {
        struct buf *out;
        int depth;
        bool first[JSON_MAX_DEPTH];
        char closer[JSON_MAX_DEPTH];
};

void json_init(struct json *j, struct buf *out);
/* key is NULL inside arrays and at top level. */
void json_begin_object(struct json *j, const char *key);
void json_begin_array(struct json *j, const char *key);
void json_end(struct json *j);
void json_null(struct json *j, const char *key);
void json_bool(struct json *j, const char *key, bool v);
void json_u64(struct json *j, const char *key, uint64_t v);
void json_i64(struct json *j, const char *key, int64_t v);
/* Fixed number of decimals; NaN or infinity -> null. */
void json_double(struct json *j, const char *key, double v, int decimals);
/* NULL -> null. */
void json_string(struct json *j, const char *key, const char *s);
void json_string_n(struct json *j, const char *key, const char *s, size_t n);

/* A value given as ready JSON text (n bytes), such as an object another
 * writer made: written as it is, after the separator and key. */
void json_raw(struct json *j, const char *key, const char *text, size_t n);

/* Appends s as a quoted JSON string (exposed for tests). */
void json_quote(struct buf *b, const char *s, size_t n);

#endif
