#!/bin/sh
# test_limits.sh: cgroup limits planned and written on fixture hosts.
#
# Builds writable copies of the v2, v1 and hybrid fixture sysroots
# (fixture.sh) and runs the C test tests/unit/test_limits on them, which
# prints the TAP: the files and strings planned for each field, the
# writes read back from the copies, and the refusals. The copies are
# removed at exit, even when the test fails.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fixtures/fixture.sh"

tmp=$(mktemp -d)
cleanup_add "rm -rf '$tmp'"
for name in v2 v1 hybrid; do
        fixture_build "$SRCDIR/tests/fixtures/$name" "$tmp/$name" || skip_all "cannot build the $name fixture in $tmp"
done
"$BUILDDIR/tests/unit/test_limits" "$tmp/v2" "$tmp/v1" "$tmp/hybrid"
