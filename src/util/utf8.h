/* utf8.h: strict UTF-8 decoding for text that processes control.
 *
 * Names, command lines and cgroup paths are arbitrary bytes; these helpers
 * let output code tell valid characters from bytes that must be replaced. */
#ifndef NSTOP_UTIL_UTF8_H
#define NSTOP_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one character at s (n > 0 bytes available). Returns its length
 * (1-4) and sets *ret_cp, or 0 when the bytes are not valid UTF-8
 * (truncated, overlong, surrogate, beyond U+10FFFF). */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *ret_cp);

/* Code points that must never reach a terminal raw: C0/C1 controls, DEL,
 * and the bidirectional formatting marks that can reorder a line. */
bool utf8_is_dangerous(uint32_t cp);

#endif
