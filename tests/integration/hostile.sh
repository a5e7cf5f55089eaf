#!/bin/sh
# hostile.sh: process names and arguments are untrusted bytes. Our own
# processes carry quotes, backslashes, an SGR escape, tabs, newlines, DEL,
# C1 controls, U+202E (right-to-left override) and invalid UTF-8 in their
# comm and argv. JSON must stay valid and round-trip every valid byte
# exactly (invalid UTF-8 becomes U+FFFD); text must hold nothing a
# terminal acts on, in the C locale and in a UTF-8 one.
. "$SRCDIR/tests/lib.sh"
need_cmd jq od awk
. "$SRCDIR/tests/integration/cli-lib.sh"

fffd=$(printf '\357\277\275')
esc=$(printf '\033')

# Each name is kept twice: as the bytes we set (raw) and as nstop's JSON
# must give them back (dec: invalid UTF-8 replaced by U+FFFD). A comm is at
# most 15 bytes (TASK_COMM_LEN). No value ends in a newline ($(...) would
# drop it).
comm_a_raw=$(printf 'a"b\\\033[31m\t\377')
comm_a_dec=$(printf 'a"b\\\033[31m\t%s' "$fffd")
comm_b_raw=$(printf '\342\200\256ev\302\233\177il')
comm_b_dec=$comm_b_raw
arg1_raw=$(printf 'x\342\200\256y\n\177\233z')
arg1_dec=$(printf 'x\342\200\256y\n\177%sz' "$fffd")
arg2_raw=$(printf "'single' \"double\" back\\\\slash\\\\")
arg2_dec=$arg2_raw
arg3_raw=$(printf '\r\033]0;title\007\033[2J end')
arg3_dec=$arg3_raw
script='printf %s "$0" >/proc/self/comm; sleep 1000; :'

# start_named NAME ARG...: a shell that renames itself (comm can only be
# written by the task itself) and then waits. The trailing ':' keeps the
# shell alive as the parent of sleep, so it keeps its name and argv.
start_named() {
        spawn sh -c "$script" "$@"
        wait_for "first_child $bg_pid >/dev/null"
        cleanup_add "kill_pid $(first_child $bg_pid)"
}

# first_child PID: the first child of PID (fails when it has none).
first_child() {
        # The file is "PID PID ... " with no newline, which read(1) rejects.
        _c=$(cat "/proc/$1/task/$1/children" 2>/dev/null) || return 1
        _c=${_c%% *}
        [ -n "$_c" ] && echo "$_c"
}

start_named "$comm_a_raw" "$arg1_raw" "$arg2_raw" "$arg3_raw"
pid_a=$bg_pid
start_named "$comm_b_raw" "$arg2_raw" "$arg1_raw"
pid_b=$bg_pid

# A zombie has no cmdline, so text output falls back to its comm: a
# child renames itself and exits under a parent (sleep) that never reaps.
spawn sh -c '(printf %s "$0" >/proc/self/comm) & exec sleep 1000' "$comm_a_raw"
zparent=$bg_pid
wait_for "pid_z=\$(first_child $zparent) && grep -q '^State:.*Z' /proc/\$pid_z/status"
check "the zombie exists" grep -q '^State:.*Z' "/proc/$pid_z/status"

# Sanity: the kernel holds the bytes we set.
printf '%s\n' "$comm_a_raw" >"$tmp/want"
cat "/proc/$pid_a/comm" >"$tmp/got" # cmp trusts st_size, which is 0 in /proc
check "kernel: comm of A is the raw bytes" cmp -s "$tmp/want" "$tmp/got"
printf '%s\n' "$comm_b_raw" >"$tmp/want"
cat "/proc/$pid_b/comm" >"$tmp/got" # cmp trusts st_size, which is 0 in /proc
check "kernel: comm of B is the raw bytes" cmp -s "$tmp/want" "$tmp/got"
printf '%s\n' "$comm_a_raw" >"$tmp/want"
cat "/proc/$pid_z/comm" >"$tmp/got" # cmp trusts st_size, which is 0 in /proc
check "kernel: comm of the zombie is the raw bytes" cmp -s "$tmp/want" "$tmp/got"

# proc.c joins argv with single spaces (each NUL becomes a space) and drops
# the trailing NUL: check that rule on the raw bytes first.
printf 'sh -c %s %s %s %s %s' "$script" "$comm_a_raw" "$arg1_raw" "$arg2_raw" "$arg3_raw" >"$tmp/want"
tr '\000' ' ' <"/proc/$pid_a/cmdline" | sed '$ s/ $//' >"$tmp/got"
check "kernel: cmdline of A with NULs as spaces is the raw argv" cmp -s "$tmp/want" "$tmp/got"

# --- JSON -----------------------------------------------------------
# json_case LABEL PID COMM_DEC CMDLINE_DEC
json_case() {
        "$NSTOP" -b -J -d 0.1 -p "$2" >"$tmp/j" 2>/dev/null
        ok $? "$1: JSON run exits 0"
        check "$1: JSON is one valid object" json_lines "$tmp/j"
        check "$1: JSON output is valid UTF-8 with no raw control bytes" terminal_safe "$tmp/j" utf8
        check "$1: JSON holds no raw ESC" absent "$esc" "$tmp/j"
        check "$1: JSON lists exactly that process" jqt "[.processes[].pid] == [$2]" "$tmp/j"
        jq -j '.processes[0].comm' "$tmp/j" >"$tmp/got"
        printf '%s' "$3" >"$tmp/want"
        check "$1: comm round-trips (invalid UTF-8 as U+FFFD)" cmp -s "$tmp/want" "$tmp/got"
        jq -j '.processes[0].cmdline' "$tmp/j" >"$tmp/got"
        printf '%s' "$4" >"$tmp/want"
        check "$1: cmdline round-trips (invalid UTF-8 as U+FFFD)" cmp -s "$tmp/want" "$tmp/got"
}
json_case "A" "$pid_a" "$comm_a_dec" \
        "$(printf 'sh -c %s %s %s %s %s' "$script" "$comm_a_dec" "$arg1_dec" "$arg2_dec" "$arg3_dec")"
json_case "B" "$pid_b" "$comm_b_dec" \
        "$(printf 'sh -c %s %s %s %s' "$script" "$comm_b_dec" "$arg2_dec" "$arg1_dec")"
json_case "zombie" "$pid_z" "$comm_a_dec" ""
check "U+FFFD stands in for the invalid byte in A's comm" \
        jqt ".processes[0].comm | endswith(\"\\ufffd\")" "$tmp/j"

# --- text -----------------------------------------------------------
for loc in C C.UTF-8; do
        mode=c
        [ "$loc" = C ] || mode=utf8
        for who in "A:$pid_a" "B:$pid_b" "zombie:$pid_z" "all three:$pid_a,$pid_b,$pid_z" "everything:"; do
                label="text, LC_ALL=$loc, ${who%%:*}"
                pids=${who#*:}
                if [ -n "$pids" ]; then
                        LC_ALL=$loc "$NSTOP" -b -d 0.1 -p "$pids" >"$tmp/t" 2>"$tmp/e"
                else
                        LC_ALL=$loc "$NSTOP" -b -d 0.1 >"$tmp/t" 2>"$tmp/e"
                fi
                ok $? "$label: exits 0"
                bad=$(terminal_safe "$tmp/t" "$mode")
                ok $? "$label: stdout is terminal-safe${bad:+ ($bad)}"
                bad=$(terminal_safe "$tmp/e" "$mode")
                ok $? "$label: stderr is terminal-safe${bad:+ ($bad)}"
        done
        # The harmless parts of the names are still shown.
        LC_ALL=$loc "$NSTOP" -b -d 0.1 -p "$pid_a,$pid_b,$pid_z" >"$tmp/t" 2>/dev/null
        check "text, LC_ALL=$loc: A's arguments are shown" grep -q "back.slash" "$tmp/t"
        check "text, LC_ALL=$loc: A's SGR text is shown defused" grep -q 'a"b\\.\[31m' "$tmp/t"
        check "text, LC_ALL=$loc: the zombie's comm is shown" grep -q "^ *$pid_z .*a\"b" "$tmp/t"
        check "text, LC_ALL=$loc: one row per process" \
                test "$(grep -c -E "^ *($pid_a|$pid_b|$pid_z) " "$tmp/t")" -eq 3
done

done_testing
