#!/bin/sh
# valgrind.sh: a batch run of 20 snapshots frees all it allocated
# (issue 8): valgrind --leak-check=full finds no block definitely,
# indirectly or possibly lost, and no invalid read or write. What the C
# library's own dlopen (user names through NSS) keeps until exit is
# "still reachable" and not counted.
#
# ASan and valgrind cannot run the same binary: in a sanitizer build (as
# make distcheck builds it) this test skips, and quickstart.sh test runs
# it again on the plain build, so CI always runs it.
. "$SRCDIR/tests/lib.sh"
need_cmd valgrind
if ldd "$NSTOP" 2>/dev/null | grep -q libasan; then
        skip_all "an ASan build: quickstart.sh test runs this on the plain build"
fi

tmp=$(mktemp -d)
cleanup_add "rm -rf '$tmp'"
# 20 snapshots, with -J (every writer) and with text output and a
# namespace and a cgroup filter (the other writer, the filters).
valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
        --log-file="$tmp/json.vg" "$NSTOP" -b -J -n 20 -d 0.05 >"$tmp/json" 2>"$tmp/json.err"
st=$?
[ "$st" -eq 0 ]
ok $? "nstop -b -J -n 20 under valgrind: no leak, no memory error (exit $st)"
[ "$st" -eq 0 ] || sed -n '1,40p' "$tmp/json.vg" | while IFS= read -r l; do diag "$l"; done
[ "$(wc -l <"$tmp/json")" -eq 20 ]
ok $? "and it printed 20 snapshots"
valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
        --log-file="$tmp/text.vg" "$NSTOP" -b -n 20 -d 0.05 --ns uts --cgroup / >"$tmp/text" 2>"$tmp/text.err"
st=$?
[ "$st" -eq 0 ]
ok $? "nstop -b -n 20 --ns uts --cgroup / under valgrind: no leak, no memory error (exit $st)"
[ "$st" -eq 0 ] || sed -n '1,40p' "$tmp/text.vg" | while IFS= read -r l; do diag "$l"; done
done_testing
