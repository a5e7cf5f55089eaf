/* fuzz_text.c: libFuzzer target for the writers of untrusted text:
 * sanitize_append (terminal) and json_quote (JSON). Whatever the bytes,
 * the terminal form holds no control and no invalid UTF-8, and the JSON
 * form is one valid string literal. */
#include "config.h"

#include "fuzz.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/sanitize.h"
#include "util/utf8.h"

static void check_terminal_safe(const struct buf *b, unsigned flags)
{
        const unsigned char *p = (const unsigned char *)b->data;
        for (size_t k = 0; k < b->len;) {
                uint32_t cp;
                size_t l = utf8_decode(p + k, b->len - k, &cp);
                FUZZ_CHECK(l > 0 && !utf8_is_dangerous(cp));
                FUZZ_CHECK((flags & SAN_UTF8) || cp < 0x80);
                k += l;
        }
}

static void check_json_string(const struct buf *b)
{
        const unsigned char *p = (const unsigned char *)b->data;
        FUZZ_CHECK(b->len >= 2 && p[0] == '"' && p[b->len - 1] == '"');
        for (size_t k = 1; k < b->len - 1;) {
                uint32_t cp;
                size_t l = utf8_decode(p + k, b->len - 1 - k, &cp);
                FUZZ_CHECK(l > 0 && cp >= 0x20 && cp != '"');
                if (cp == '\\') {
                        FUZZ_CHECK(k + 1 < b->len - 1);
                        k += p[k + 1] == 'u' ? 6 : 2;
                        FUZZ_CHECK(k <= b->len - 1);
                        continue;
                }
                k += l;
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        for (unsigned flags = 0; flags <= SAN_UTF8; flags += SAN_UTF8) {
                struct buf b = {0};
                size_t cells = sanitize_append(&b, (const char *)data, size, flags, (size_t)-1);
                FUZZ_CHECK(!b.failed && cells == sanitize_width((const char *)data, size, flags));
                check_terminal_safe(&b, flags);
                buf_reset(&b);
                size_t max = size % 17;
                FUZZ_CHECK(sanitize_append(&b, (const char *)data, size, flags, max) <= max);
                check_terminal_safe(&b, flags);
                buf_free(&b);
        }
        struct buf j = {0};
        json_quote(&j, (const char *)data, size);
        FUZZ_CHECK(!j.failed);
        check_json_string(&j);
        buf_free(&j);
        return 0;
}
