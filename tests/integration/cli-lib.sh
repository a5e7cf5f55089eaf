# cli-lib.sh: helpers for the command-line tests (sourced after tests/lib.sh).
# POSIX sh; needs od, awk and jq.

# A private scratch directory, removed at exit.
tmp=$(mktemp -d) || exit 1
chmod 755 "$tmp"
cleanup_add "rm -rf '$tmp'"

# absent PATTERN FILE: FILE has no match for PATTERN (bytes, C locale).
absent() { ! LC_ALL=C grep -q -e "$1" "$2"; }

# json_lines FILE: every line of FILE is one valid JSON object (and there
# is at least one).
json_lines() {
        [ -s "$1" ] || return 1
        while IFS= read -r _line; do
                printf '%s\n' "$_line" | jq -e 'type == "object"' >/dev/null 2>&1 || return 1
        done <"$1"
}

# terminal_safe FILE c|utf8: FILE holds nothing a terminal would act on:
# no control byte but newline, no DEL; in c mode no C1 byte (0x80-0x9f);
# in utf8 mode valid UTF-8 with no C1 code point and no bidi control
# (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069). Prints the first
# offender on stdout.
terminal_safe() {
        od -An -v -tu1 "$1" | awk -v mode="$2" '
        { for (i = 1; i <= NF; i++) b[n++] = $i + 0 }
        function bad(what, at) { printf "%s at byte %d\n", what, at; fail = 1; exit 1 }
        END {
                if (fail) exit 1
                for (i = 0; i < n; i++) {
                        c = b[i]
                        if (c < 32 && c != 10) bad("control byte " c, i)
                        if (c == 127) bad("DEL", i)
                        if (c < 128) continue
                        if (mode == "c") {
                                if (c < 160) bad("C1 byte " c, i)
                                continue
                        }
                        if (c >= 194 && c <= 223) { len = 2; cp = c - 192 }
                        else if (c >= 224 && c <= 239) { len = 3; cp = c - 224 }
                        else if (c >= 240 && c <= 244) { len = 4; cp = c - 240 }
                        else bad("invalid UTF-8 lead byte " c, i)
                        for (k = 1; k < len; k++) {
                                d = b[i + k]
                                if (i + k >= n || d < 128 || d > 191) bad("truncated UTF-8", i)
                                cp = cp * 64 + d - 128
                        }
                        if ((len == 3 && cp < 2048) || (len == 4 && cp < 65536) || cp > 1114111 || (cp >= 55296 && cp <= 57343))
                                bad("overlong or invalid UTF-8", i)
                        if (cp >= 128 && cp <= 159) bad("C1 code point " cp, i)
                        if (cp == 1564 || cp == 8206 || cp == 8207 || (cp >= 8234 && cp <= 8238) || (cp >= 8294 && cp <= 8297))
                                bad("bidi control " cp, i)
                        i += len - 1
                }
        }'
}

# proc_ns_ino PID TYPE: the inode of /proc/PID/ns/TYPE, or nothing.
proc_ns_ino() { stat -L -c %i "/proc/$1/ns/$2" 2>/dev/null; }

# ns_types: the namespace types this kernel shows (nstop reports the same).
ns_types() {
        for _f in /proc/self/ns/*; do
                case ${_f##*/} in *_for_children) ;; *) echo "${_f##*/}" ;; esac
        done
}

# jqt [JQ-OPTION...] FILTER FILE: FILTER (jq -e) is true for FILE; prints nothing.
jqt() { jq -e "$@" >/dev/null 2>&1; }
