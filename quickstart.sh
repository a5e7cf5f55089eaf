#!/bin/sh
# quickstart.sh: install what is missing, build, then run nstop or its tests.
#
#   ./quickstart.sh run [nstop options]   build and start nstop
#   ./quickstart.sh test                  build and run the whole test suite
#
# Meant for a fresh Debian 12 machine, run as root (or with sudo available
# for apt-get). Safe to run again: it installs only missing packages and
# rebuilds only what changed. `test` ends with the line
# "N passed, N failed, N skipped" (what .ci/run reports).
set -eu
cd "$(dirname "$0")"

BUILD_PKGS="build-essential autoconf automake pkg-config libncurses-dev libproc2-dev"
TEST_PKGS="jq tmux iproute2 busybox-static util-linux procps strace groff-base valgrind clang"

as_root() {
        if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
        missing=""
        for p in "$@"; do
                dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
                        missing="$missing $p"
        done
        [ -z "$missing" ] && return 0
        echo "quickstart: installing$missing"
        as_root apt-get update -q
        # shellcheck disable=SC2086 # one word per package
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
}

build() {
        [ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi
        [ -f Makefile ] && [ Makefile -nt configure ] || ./configure -q "$@"
        make -j"$(nproc)"
}

# Turns the automake test summaries of the logs into the one line CI
# reads; $1: failures to add (a step that failed without a summary).
summary() {
        extra=$1
        shift
        count() { # the first summary line of each log, summed
                for log in "$@"; do sed -n "s/^# $key: *//p" "$log" 2>/dev/null | head -1; done |
                        awk '{ s += $1 } END { print s + 0 }'
        }
        key=PASS; pass=$(count "$@"); key=FAIL; fail=$(count "$@"); key=ERROR; err=$(count "$@")
        key=XPASS; xpass=$(count "$@"); key=SKIP; skip=$(count "$@")
        echo "$pass passed, $((fail + err + xpass + extra)) failed, $skip skipped"
}

case "${1:-}" in
run)
        shift
        install_missing $BUILD_PKGS
        build
        exec ./nstop "$@"
        ;;
test)
        install_missing $BUILD_PKGS $TEST_PKGS
        rm -f distcheck.log plain.log fuzz.log fuzz.sum
        if ! build --enable-werror; then
                echo "quickstart: the build failed"
                echo "0 passed, 1 failed, 0 skipped"
                exit 1
        fi
        # The whole suite runs in make distcheck: from the release tarball,
        # out of tree, with ASan+UBSan and warnings as errors, so a missing
        # file, a memory error or a new warning fails it too. Serially: the
        # rate tests measure CPU and IO and must not compete.
        # set -e would end the group at a failure before the status is kept.
        { st=0
          make distcheck DISTCHECK_CONFIGURE_FLAGS="--enable-sanitizers --enable-werror" || st=$?
          echo "$st" >distcheck.status; } 2>&1 | tee distcheck.log
        status=$(cat distcheck.status)
        rm -f distcheck.status
        if [ "$status" -ne 0 ]; then
                # Show what failed, for whoever reads the CI log.
                cat nstop-*/_build/sub/test-suite.log 2>/dev/null || true
        fi
        extra=0
        [ "$status" -ne 0 ] && ! grep -q '^# PASS:' distcheck.log && extra=1
        # valgrind cannot run the sanitizer build: its leak check (skipped
        # in distcheck) runs on the plain build made above.
        { pst=0
          make check TESTS=tests/integration/valgrind.sh || pst=$?
          echo "$pst" >plain.status; } >plain.log 2>&1
        pst=$(cat plain.status)
        rm -f plain.status
        if [ "$pst" -ne 0 ]; then
                cat plain.log tests/integration/valgrind.log 2>/dev/null || true
                grep -q '^# PASS:' plain.log || extra=$((extra + 1))
                [ "$status" -ne 0 ] || status=$pst
        fi
        # Every libFuzzer target of tests/fuzz (clang) for a short while: a
        # crash or a broken parser contract fails the run. One "test" each.
        fst=0
        make fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-10}" >fuzz.log 2>&1 || fst=$?
        fok=$(grep -c ': ok, ' fuzz.log || true)
        fbad=$(grep -c ': FAILED' fuzz.log || true)
        [ "$fst" -ne 0 ] && [ "$fbad" -eq 0 ] && fbad=1
        printf '# PASS: %s\n# FAIL: %s\n' "$fok" "$fbad" >fuzz.sum
        if [ "$fst" -ne 0 ]; then
                tail -n 60 fuzz.log
                [ "$status" -ne 0 ] || status=$fst
        fi
        summary "$extra" distcheck.log plain.log fuzz.sum
        exit "$status"
        ;;
*)
        echo "usage: $0 run [nstop options] | test" >&2
        exit 2
        ;;
esac
