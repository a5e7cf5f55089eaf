/* fuzz.h: shared bits of the libFuzzer targets in tests/fuzz/.
 *
 * Each fuzz_*.c feeds arbitrary bytes to one parser of sample/parse.h (or to
 * the text writers of util/) and aborts when a result breaks the parser's
 * contract; AddressSanitizer catches reads outside the input. Built only
 * with clang (make fuzz-parse), never by make check. */
#ifndef NSTOP_TESTS_FUZZ_H
#define NSTOP_TESTS_FUZZ_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond)                                                                             \
        do {                                                                                         \
                if (!(cond)) {                                                                       \
                        fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, __LINE__, #cond);   \
                        abort();                                                                     \
                }                                                                                    \
        } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
