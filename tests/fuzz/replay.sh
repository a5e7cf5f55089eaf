#!/bin/sh
# replay.sh: every fuzz target (tests/fuzz/fuzz_NAME.c), built without
# libFuzzer as tests/fuzz/replay_NAME, replays its seeds (real kernel files
# and the fixtures) and its regression inputs (tests/fuzz/regress/NAME/,
# inputs that once broke a parser). A target checks its parser's contract
# and aborts when it is broken, so a regression fails here in every build,
# with or without clang; under --enable-sanitizers, ASan and UBSan watch too.
. "$SRCDIR/tests/lib.sh"

fuzz=$SRCDIR/tests/fuzz
names=
for src in "$fuzz"/fuzz_*.c; do
        name=${src##*/fuzz_}
        names="$names ${name%.c}"
done
[ -n "$names" ] || skip_all "no fuzz targets in $fuzz"

out=$(mktemp -d) || exit 1
cleanup_add "rm -rf '$out'"

for name in $names; do
        bin=$BUILDDIR/tests/fuzz/replay_$name
        if [ ! -x "$bin" ]; then
                ok 1 "$name: replay_$name is built (register fuzz_$name.c in tests/unit/parse.mk)"
                continue
        fi
        seeds=$(ls "$fuzz/seeds/$name" 2>/dev/null | wc -l)
        ok "$([ "$seeds" -gt 0 ]; echo $?)" "$name: has seeds ($seeds)"
        regress=$(ls "$fuzz/regress/$name" 2>/dev/null | wc -l)
        if "$bin" "$fuzz/seeds/$name" "$fuzz/regress/$name" >"$out/$name.out" 2>"$out/$name.err"; then
                status=0
        else
                status=1
                grep -E 'contract broken|ERROR|runtime error' "$out/$name.err" | head -n 5 |
                        while IFS= read -r l; do diag "$l"; done
                diag "last input: $(grep '^replay: ' "$out/$name.err" | tail -n 1)"
        fi
        want=$((seeds + regress))
        ok "$([ $status -eq 0 ] && grep -qx "replayed $want inputs" "$out/$name.out"; echo $?)" \
                "$name: $seeds seeds and $regress regression inputs keep the contract"
done

# A target may have no regression inputs yet: a missing directory is skipped.
"$BUILDDIR/tests/fuzz/replay_stat" "$out/none" >"$out/none.out" 2>&1
status=$?
ok "$([ $status -eq 0 ] && grep -qx 'replayed 0 inputs' "$out/none.out"; echo $?)" "a missing corpus replays nothing"

done_testing
