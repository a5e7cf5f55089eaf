#!/bin/sh
# docs.sh: every option nstop --help lists is documented in the man page
# and the README, the man page is well-formed, and the classroom tour
# (doc/tour.md) covers every namespace type and the action keys, and
# SECURITY.md is there and says what nstop really does.
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
# The classroom tour covers every namespace type (a section each) and
# the keys that enter, run, make namespaces, freeze, limit and move.
tour="$SRCDIR/doc/tour.md"
check "doc/tour.md exists" test -f "$tour"
for t in mnt uts ipc net pid user cgroup time; do
        check "the tour has a part on the $t namespace" grep -qF -- "**$t**" "$tour"
done
for key in e r n f l m; do
        check "the tour uses the key $key" grep -qF -- "\`$key\`" "$tour"
done
# SECURITY.md (issue 8): there, linked from the README, and covering the
# refusals nstop makes (tests/integration/privileges.sh tests them).
sec="$SRCDIR/SECURITY.md"
check "SECURITY.md exists" test -f "$sec"
check "the README links to SECURITY.md" grep -qF "(SECURITY.md)" "$SRCDIR/README.md"
for topic in "setuid" "nstoprc" "pidfd" "sanitised" "Reporting a problem"; do
        check "SECURITY.md covers $topic" grep -qF -- "$topic" "$sec"
done
if command -v groff >/dev/null 2>&1; then
        out=$(groff -man -ww -z "$SRCDIR/doc/nstop.1" 2>&1)
        check "groff reports no warnings in nstop.1" test -z "$out"
        [ -z "$out" ] || diag "$out"
fi
done_testing
