#!/bin/sh
# configure.sh: a missing library stops ./configure with the name of the
# Debian package that provides it.
#
# pkg-config is pointed at a directory that holds only what the case
# allows, so the real libraries stay installed. The configure script runs
# from a copy, because an in-tree build forbids a second configure of the
# same source tree.
. "$SRCDIR/tests/lib.sh"
need_cmd pkg-config

tmp=$(mktemp -d)
cleanup_add "rm -rf '$tmp'"

make_tree() { # a minimal copy of the source tree configure needs
        mkdir -p "$tmp/$1/src" "$tmp/$1/build-aux"
        cp "$SRCDIR/configure" "$SRCDIR/Makefile.in" "$SRCDIR/config.h.in" "$tmp/$1/"
        cp "$SRCDIR"/build-aux/* "$tmp/$1/build-aux/" 2>/dev/null
        : >"$tmp/$1/src/main.c"
}

run_configure() { # run_configure NAME PCDIR: output in $tmp/NAME.out
        (cd "$tmp/$1" && PKG_CONFIG_LIBDIR="$2" PKG_CONFIG_PATH= ./configure -q) \
                >"$tmp/$1.out" 2>&1
}

mkdir -p "$tmp/pc-none" "$tmp/pc-curses"
ncpc=$(pkg-config --variable=pcfiledir ncursesw)/ncursesw.pc
cp "$ncpc" "$tmp/pc-curses/"

make_tree none
run_configure none "$tmp/pc-none"
ok $(( $? == 0 )) "configure fails without ncursesw"
check "the message names libncurses-dev" grep -q 'install the Debian package libncurses-dev' "$tmp/none.out"

make_tree noproc
run_configure noproc "$tmp/pc-curses"
ok $(( $? == 0 )) "configure fails without libproc2"
check "the message names libproc2-dev" grep -q 'install the Debian package libproc2-dev' "$tmp/noproc.out"
check "ncursesw was found in that case" sh -c "! grep -q libncurses-dev '$tmp/noproc.out'"
[ "$tap_failed" -eq 0 ] || sed 's/^/# /' "$tmp"/*.out

done_testing
