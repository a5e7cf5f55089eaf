# tests/lib.sh: shared helpers for the shell tests (sourced, POSIX sh + bash).
#
# Every test prints TAP. Tests act only on processes they started (killed
# by PID) and on cgroups named nstop-test-*; `cleanup_add` registers a
# command that the EXIT trap runs even when the test fails.
#
# Environment (set by make check): NSTOP (the binary), HELPERS (the helper
# programs' directory), SRCDIR (the source tree).

set -u
: "${NSTOP:=./nstop}"
: "${HELPERS:=tests/helpers}"
: "${SRCDIR:=.}"

tap_n=0
tap_failed=0
_cleanups=""

ok() { # ok CONDITION-STATUS NAME: status 0 passes
        tap_n=$((tap_n + 1))
        if [ "$1" -eq 0 ]; then
                echo "ok $tap_n - $2"
        else
                echo "not ok $tap_n - $2"
                tap_failed=$((tap_failed + 1))
        fi
}

check() { # check NAME COMMAND...: passes when COMMAND succeeds
        _name=$1
        shift
        if "$@"; then ok 0 "$_name"; else ok 1 "$_name"; fi
}

diag() { echo "# $*"; }

skip_all() { # the whole file cannot run here: TAP skip with the reason
        echo "1..0 # SKIP $*"
        exit 0
}

need_root() {
        [ "$(id -u)" -eq 0 ] || skip_all "needs root ($*); run make check as root"
}

need_cmd() {
        for _c in "$@"; do
                command -v "$_c" >/dev/null 2>&1 || skip_all "needs the command $_c"
        done
}

cleanup_add() { _cleanups="$*
$_cleanups"; }

_run_cleanups() {
        _st=$?
        printf '%s\n' "$_cleanups" | while IFS= read -r _cmd; do
                [ -n "$_cmd" ] && eval "$_cmd" >/dev/null 2>&1
        done
        exit $_st
}
trap _run_cleanups EXIT
trap 'exit 130' INT TERM

kill_pid() { # kill_pid PID...: by PID only, never by name; waits for it
        for _p in "$@"; do
                kill -KILL "$_p" 2>/dev/null
                wait "$_p" 2>/dev/null
        done
        return 0
}

# rmdir_cg DIR: removes a cgroup of ours; retries for a few seconds, as
# the kernel may still hold a just-killed process's cgroup (EBUSY).
rmdir_cg() {
        _i=0
        while [ -d "$1" ] && ! rmdir "$1" 2>/dev/null && [ $_i -lt 50 ]; do
                _i=$((_i + 1))
                sleep 0.1
        done
        [ ! -d "$1" ]
}

# Starts a command in the background and registers its kill; the PID is
# left in $bg_pid.
spawn() {
        "$@" &
        bg_pid=$!
        cleanup_add "kill_pid $bg_pid"
}

# Waits (up to 10 s) until a shell condition holds, polling every 0.1 s.
wait_for() {
        _i=0
        while ! eval "$1"; do
                _i=$((_i + 1))
                [ $_i -ge 100 ] && return 1
                sleep 0.1
        done
        return 0
}

done_testing() {
        echo "1..$tap_n"
        [ "$tap_failed" -eq 0 ]
}
