/* fuzz_mountinfo.c: fuzz target for parse_mountinfo_line. The parser
 * works in place and may store a NUL at line[len], so it gets a copy with
 * one spare byte.
 * Contract (parse.h): on success every string is NUL-terminated inside
 * the line (or is the empty string at line[len]); the fields split at
 * spaces hold none (options, fstype, super options), the decoded ones
 * (root, mount point, source) may; fstype, source, root, mount point and
 * options are not empty (unless a NUL byte in the line cuts them); they
 * come in line order; a lone "-" came before fstype; on failure *ret is
 * untouched. */
#include "config.h"

#include "fuzz.h"
#include "sample/parse.h"

static void check_str(const char *s, const char *buf, size_t size, bool may_be_empty, bool may_have_space)
{
        FUZZ_CHECK(s >= buf && s <= buf + size);
        const char *nul = memchr(s, '\0', (size_t)(buf + size - s) + 1);
        FUZZ_CHECK(nul != NULL);
        FUZZ_CHECK(may_be_empty || nul > s);
        FUZZ_CHECK(may_have_space || !memchr(s, ' ', (size_t)(nul - s)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *line = malloc(size + 1);
        if (!line)
                return 0;
        memcpy(line, data, size);
        line[size] = 'X';
        struct mountinfo_entry e, before;
        memset(&e, 0x5a, sizeof(e));
        memcpy(&before, &e, sizeof(e));
        int r = parse_mountinfo_line(line, size, &e);
        FUZZ_CHECK(r == 0 || r == -EINVAL);
        if (r < 0) {
                FUZZ_CHECK(memcmp(&e, &before, sizeof(e)) == 0);
        } else {
                /* A NUL byte in the input ends a field early: C strings. */
                bool cut = memchr(data, '\0', size) != NULL;
                check_str(e.root, line, size, cut, true);
                check_str(e.mount_point, line, size, cut, true);
                check_str(e.options, line, size, cut, false);
                check_str(e.fstype, line, size, cut, false);
                check_str(e.source, line, size, cut, true);
                check_str(e.super_options, line, size, true, false);
                /* In line order, and " - " before fstype in the input. */
                FUZZ_CHECK(e.root < e.mount_point && e.mount_point < e.options && e.options < e.fstype &&
                           e.fstype < e.source && e.source < e.super_options);
                const char *in = (const char *)data, *q = in + (e.fstype - line);
                while (q > in && q[-1] == ' ')
                        q--;
                FUZZ_CHECK(cut || (q - in >= 2 && q[-1] == '-' && q[-2] == ' '));
        }
        free(line);
        return 0;
}
