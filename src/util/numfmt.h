/* numfmt.h: numbers as text without printf, for output that writes
 * millions of them (a JSON or text snapshot of 10,000 processes): the
 * same bytes as printf's, at a fraction of its cost.
 *
 * Each writes at d, adds no NUL, and returns the end of what it wrote. */
#ifndef NSTOP_UTIL_NUMFMT_H
#define NSTOP_UTIL_NUMFMT_H

#include <stdint.h>

/* "%" PRIu64: room for 20 bytes. */
char *numfmt_u64(char *d, uint64_t v);
/* "%" PRId64: room for 20 bytes. */
char *numfmt_i64(char *d, int64_t v);

/* "%.*f" with decimals 0 to 6: room for 16 bytes. Exact only when v
 * scaled to its decimals is moderate (below 2^38) and not within 1e-4 of
 * a rounding tie; otherwise it writes nothing and returns NULL, and the
 * caller uses printf. */
char *numfmt_fixed(char *d, double v, int decimals);

#endif
