/* fuzz_mountinfo.c: libFuzzer target for parse_mountinfo_line. The parser
 * works in place and may store a NUL at line[len], so it gets a copy with
 * one spare byte. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "sample/parse.h"

static void check_str(const char *s, const char *buf, size_t size)
{
        FUZZ_CHECK(s >= buf && s <= buf + size);
        FUZZ_CHECK(memchr(s, '\0', (size_t)(buf + size - s) + 1) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *line = malloc(size + 1);
        if (!line)
                return 0;
        memcpy(line, data, size);
        line[size] = 'X';
        struct mountinfo_entry e;
        if (parse_mountinfo_line(line, size, &e) == 0) {
                check_str(e.root, line, size);
                check_str(e.mount_point, line, size);
                check_str(e.options, line, size);
                check_str(e.fstype, line, size);
                check_str(e.source, line, size);
                check_str(e.super_options, line, size);
        }
        free(line);
        return 0;
}
