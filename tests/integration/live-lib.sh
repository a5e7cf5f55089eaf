# live-lib.sh: helpers shared by the live integration tests (sourced after
# tests/lib.sh; POSIX sh). Everything here acts only on processes the test
# started, found by PID.

# A private scratch directory, removed on exit.
live_tmp=$(mktemp -d "${TMPDIR:-/tmp}/nstop-test-live.XXXXXX") || exit 1
cleanup_add "rm -rf '$live_tmp'"

# snap FILE [NSTOP-ARGS...]: one JSON snapshot into FILE (stderr beside it
# in FILE.err); the exit status is nstop's.
snap() {
        _f=$1
        shift
        "$NSTOP" -b -J "$@" >"$_f" 2>"$_f.err"
}

# jqf FILE EXPR [JQ-ARGS...]: jq -r on one file, errors shown as diagnostics.
jqf() {
        _f=$1
        _e=$2
        shift 2
        jq -r "$@" "$_e" "$_f"
}

# ns_ino PID TYPE: the inode of /proc/PID/ns/TYPE (empty when unreadable).
ns_ino() { stat -L -c %i "/proc/$1/ns/$2" 2>/dev/null; }

# The namespace types this kernel has (those nstop reports).
live_ns_types() {
        for _t in mnt uts ipc net pid user cgroup time; do
                [ -e "/proc/self/ns/$_t" ] && printf '%s\n' "$_t"
        done
        return 0
}

# child_of PID: the first child of PID (empty if none yet).
child_of() {
        ps -o pid= --ppid "$1" 2>/dev/null | awk 'NR == 1 { print $1 }'
}

# comm_of PID: its command name (empty when gone).
comm_of() { cat "/proc/$1/comm" 2>/dev/null; }

# start_box NAME UNSHARE-ARGS... [-- COMMAND...]: starts `unshare ARGS...
# COMMAND` (default `sleep 1000`) in the background and waits until
# COMMAND runs. With --fork, box_pid is unshare and box_inner the forked
# COMMAND; without, both are COMMAND. The kill of each is registered for
# cleanup (the inner one by its PID too, as a process that is init of a
# new pid namespace outlives its parent). stdout is the caller's.
start_box() {
        _name=$1
        shift
        _fork=0
        _args=
        while [ $# -gt 0 ] && [ "$1" != -- ]; do
                [ "$1" = --fork ] && _fork=1
                _args="$_args $1"
                shift
        done
        [ $# -gt 0 ] && shift
        [ $# -gt 0 ] || set -- sleep 1000
        # shellcheck disable=SC2086 # the unshare options are single words
        if [ $_fork -eq 1 ]; then
                spawn unshare --kill-child $_args "$@"
        else
                spawn unshare $_args "$@"
        fi
        box_pid=$bg_pid
        # unshare has done its work once COMMAND is executing.
        if [ $_fork -eq 1 ]; then
                _ready='_c=$(child_of $box_pid) && [ -n "$_c" ] && [ -n "$(comm_of $_c)" ] && [ "$(comm_of $_c)" != unshare ]'
        else
                _ready='[ -n "$(comm_of $box_pid)" ] && [ "$(comm_of $box_pid)" != unshare ]'
        fi
        if ! wait_for "$_ready"; then
                diag "box $_name did not start"
                return 1
        fi
        if [ $_fork -eq 1 ]; then
                box_inner=$(child_of "$box_pid")
                cleanup_add "kill -KILL $box_inner"
        else
                box_inner=$box_pid
        fi
        return 0
}
