/* num.h: strict number parsing for command-line values and kernel text.
 *
 * Unlike strtoul, these reject signs, blanks, empty strings, trailing
 * garbage and overflow, so "-1", " 5" and "5x" are errors, not 5. */
#ifndef NSTOP_UTIL_NUM_H
#define NSTOP_UTIL_NUM_H

#include <stddef.h>
#include <stdint.h>

/* Decimal digits only, all of s[0..n). 0 or -EINVAL / -ERANGE. */
int num_parse_u64n(const char *s, size_t n, uint64_t *ret);
int num_parse_u64(const char *s, uint64_t *ret);
/* A non-negative decimal such as "2", "0.5", ".25"; no exponent, no sign. */
int num_parse_decimal(const char *s, double *ret);
/* A decimal number of seconds, at most a year. */
int num_parse_seconds(const char *s, double *ret);

#endif
