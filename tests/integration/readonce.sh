#!/bin/sh
# readonce.sh: what a process cannot change is read once per process
# lifetime; the cheap changing values every refresh; namespace links,
# root and cgroup once per second (the staleness bound).
#
# nstop runs under strace -y, which names the directory each openat and
# readlinkat is relative to, so the reads of one process (a sleep this
# test starts) can be counted: 6 samples (a baseline and -n 5) over
# about 1.5 s.
. "$SRCDIR/tests/lib.sh"
need_cmd strace

tmp=$(mktemp -d)
cleanup_add "rm -rf '$tmp'"
spawn sleep 1000
pid=$bg_pid
wait_for "[ \"\$(cat /proc/$pid/comm 2>/dev/null)\" = sleep ]"

# LeakSanitizer cannot run under ptrace: in a sanitizer build, turn it off.
ASAN_OPTIONS=detect_leaks=0 strace -qq -y -e trace=openat,readlinkat -o "$tmp/trace" "$NSTOP" -b -J -n 5 -d 0.3 -p "$pid" >"$tmp/out" 2>/dev/null
ok $? "nstop -n 5 runs under strace"

# reads NAME: how many times nstop read /proc/PID/NAME, relative to its
# directory fd (shown by strace -y as <PATH/PID>).
reads() {
        grep -F "</proc/$pid>, \"$1\"" "$tmp/trace" | wc -l
}
is() { # is NAME GOT WANT
        [ "$2" -eq "$3" ]
        ok $? "$1 (read $2 times, want $3)"
}
within() { # within NAME GOT MIN MAX
        [ "$2" -ge "$3" ] && [ "$2" -le "$4" ]
        ok $? "$1 (read $2 times, want $3..$4)"
}

is "stat is read every refresh" "$(reads stat)" 6
is "io is read every refresh" "$(reads io)" 6
is "cmdline is read once per process lifetime" "$(reads cmdline)" 1
is "status (the user) is read once while the uid stays" "$(reads status)" 1
within "ns links are re-read about once a second" "$(reads ns/net)" 2 4
within "root is re-read about once a second" "$(reads root)" 2 4
within "cgroup is re-read about once a second" "$(reads cgroup)" 2 4
[ "$(jq -r '.processes[0].pid' "$tmp/out" | tail -1)" = "$pid" ]
ok $? "the process was sampled and shown"

done_testing
