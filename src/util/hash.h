/* hash.h: FNV-1a over bytes, for the hash tables of interned strings. */
#ifndef NSTOP_UTIL_HASH_H
#define NSTOP_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t hash_bytes(const char *s, size_t n)
{
        uint64_t h = 1469598103934665603ULL;
        for (size_t i = 0; i < n; i++) {
                h ^= (unsigned char)s[i];
                h *= 1099511628211ULL;
        }
        return h;
}

#endif
