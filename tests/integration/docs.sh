#!/bin/sh
# docs.sh: every option nstop --help lists is documented in the man page
# and the README, and the man page is well-formed.
. "$SRCDIR/tests/lib.sh"

opts=$("$NSTOP" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
[ -n "$opts" ]
ok $? "nstop --help lists long options"
for o in $opts; do
        # The man page escapes '-' as '\-'.
        man_form=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
        check "man page documents $o" grep -q -- "$man_form" "$SRCDIR/doc/nstop.1"
        check "README documents $o" grep -q -- "$o" "$SRCDIR/README.md"
done
if command -v groff >/dev/null 2>&1; then
        out=$(groff -man -ww -z "$SRCDIR/doc/nstop.1" 2>&1)
        check "groff reports no warnings in nstop.1" test -z "$out"
        [ -z "$out" ] || diag "$out"
fi
done_testing
