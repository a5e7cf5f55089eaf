#!/bin/sh
# readonce.sh: a refresh reads as little as it can (src/sample/proc.h):
# - the leader's schedstat every refresh, through a file opened once and
#   kept (pread from the start);
# - stat when the process ran since it was read (by name: a busy burn
#   every refresh), else at a 5 s backstop (an idle sleep: at first
#   sight, then by the backstop); a multi-threaded process's
#   every refresh (its other threads run unseen), through a kept file;
# - cmdline and status (the user) once per process lifetime here;
# - what only the process itself can change (io, namespace links, root)
#   again only when its schedstat says it ran: never for an idle sleep,
#   every refresh (io) or about once a second (links, root) for a busy one;
# - cgroup lines at first sight and once more when nstop starts watching
#   the cgroup directories (a move before the watch would go unseen), then
#   only after a move;
# - a namespace's owner (an nsfs ioctl) once while a member holds it
#   without running: the inode number cannot have been reused.
#
# nstop runs under strace -y, which names the file of each fd and the
# directory each openat and readlinkat is relative to, so the reads of
# one process (a sleep, a burn and an idle two-thread process this test
# starts) can be counted: 6 samples (a baseline and -n 5) over about 1.5 s.
. "$SRCDIR/tests/lib.sh"
need_cmd strace
[ -r /proc/self/schedstat ] && [ "$(cut -d" " -f3 /proc/self/schedstat)" != 0 ] ||
        skip_all "this kernel has no /proc/PID/schedstat (CONFIG_SCHED_INFO)"

tmp=$(mktemp -d)
cleanup_add "rm -rf '$tmp'"
spawn sleep 1000
idle=$bg_pid
spawn "$HELPERS/burn"
busy=$bg_pid
spawn "$HELPERS/threads"
multi=$bg_pid
wait_for "[ \"\$(cat /proc/$idle/comm 2>/dev/null)\" = sleep ]"
wait_for "[ \"\$(cat /proc/$busy/comm 2>/dev/null)\" = burn ]"
wait_for "grep -q '^Threads:[[:space:]]*2' /proc/$multi/status 2>/dev/null"

# LeakSanitizer cannot run under ptrace: in a sanitizer build, turn it off.
# Two runs: tracing every pread slows the scan down, and the re-reads by
# age need refreshes about 0.3 s apart.
ASAN_OPTIONS=detect_leaks=0 strace -qq -y -e trace=openat,readlinkat,ioctl -o "$tmp/trace" \
        "$NSTOP" -b -J -n 5 -d 0.3 -p "$idle,$busy,$multi" >"$tmp/out" 2>/dev/null
ok $? "nstop -n 5 runs under strace"
ASAN_OPTIONS=detect_leaks=0 strace -qq -y -e trace=openat,pread64 -o "$tmp/preads" \
        "$NSTOP" -b -J -n 5 -d 0.3 -p "$idle,$busy,$multi" >"$tmp/out2" 2>/dev/null
ok $? "and again, its reads traced"

# opens PID NAME: how many times nstop opened or read the link
# /proc/PID/NAME by name, in the process's directory or as PID/NAME in
# /proc (strace -y shows the directory fd as <.../PID> or </proc>).
opens() {
        grep -F -e "</proc/$1>, \"$2\"" -e "</proc>, \"$1/$2\"" "$tmp/trace" | wc -l
}
# reads PID NAME: how many reads (pread) of /proc/PID/NAME, by any fd, in
# the second run; popens: how many opens there.
reads() {
        grep -F "pread64(" "$tmp/preads" | grep -F "</proc/$1/$2>" | grep -v ", 0) = 0$" | wc -l
}
popens() {
        grep -F -e "</proc/$1>, \"$2\"" -e "</proc>, \"$1/$2\"" "$tmp/preads" | wc -l
}
is() { # is NAME GOT WANT
        [ "$2" -eq "$3" ]
        ok $? "$1 (got $2, want $3)"
}
within() { # within NAME GOT MIN MAX
        [ "$2" -ge "$3" ] && [ "$2" -le "$4" ]
        ok $? "$1 (got $2, want $3..$4)"
}

# The stat backstop: at most one read per 5 s phase boundary crossed in
# the second run (from its baseline sample, a delay before the first shown).
backstops=$(jq -r '.timestamp' "$tmp/out2" | awk 'NR == 1 { first = $1 } { last = $1 }
        END { printf "%d", (last - first + 0.3) / 5 + 1 }')
within "the idle sleep: stat is read at first sight, then by the backstop" \
        "$(popens $idle stat)" 1 $((1 + backstops))
is "the busy burn: stat is read every refresh" "$(popens $busy stat)" 6
is "the two-thread process: stat is read every refresh" "$(reads $multi stat)" 6
is "the two-thread process: through a file opened once" "$(popens $multi stat)" 1
for p in $idle $busy $multi; do
        is "pid $p: schedstat is read every refresh" "$(reads $p schedstat)" 6
        is "pid $p: through a file opened once" "$(popens $p schedstat)" 1
        is "pid $p: cmdline is read once per process lifetime" "$(opens $p cmdline)" 1
        is "pid $p: status (the user) is read once while the uid stays" "$(opens $p status)" 1
        # More when other work moves processes or makes cgroups meanwhile.
        within "pid $p: cgroup is read at first sight and once the cgroups are watched" "$(opens $p cgroup)" 1 5
done
is "the idle sleep: io is read once" "$(opens $idle io)" 1
is "the idle sleep: ns links are read once" "$(opens $idle ns/net)" 1
is "the idle sleep: root is read once" "$(opens $idle root)" 1
# Asked again by age (1 s) unless a member held it: 2 over 1.5 s without
# the hold; none when nstop may not open the namespace (not root).
uts=$(readlink "/proc/$idle/ns/uts")
within "the idle sleep's uts namespace: its owner is asked at most once" \
        "$(grep -cF "<$uts>, NS_GET_USERNS" "$tmp/trace")" 0 1
is "the busy burn: io is read every refresh" "$(opens $busy io)" 6
# Re-reads by age: one at first sight, then one each time a snapshot comes
# 1 s or more after the last read, which a loaded machine (a slower scan
# under strace) makes more often; the baseline sample is not printed,
# hence the slack of one.
aged=$(jq -r '.timestamp' "$tmp/out" |
        awk 'NR == 1 { last = $1; n = 1; next } $1 - last >= 1 { n++; last = $1 } END { print n + 0 }')
within "the busy burn: ns links are re-read about once a second" "$(opens $busy ns/net)" "$aged" $((aged + 1))
within "the busy burn: root is re-read about once a second" "$(opens $busy root)" "$aged" $((aged + 1))
[ "$aged" -lt 5 ] || diag "the machine is loaded: snapshots came 1 s or more apart"
[ "$(jq -r '[.processes[].pid] | sort | join(",")' "$tmp/out" | sort -u)" = \
        "$(printf '%s\n' "$idle" "$busy" "$multi" | sort -n | paste -sd,)" ]
ok $? "all three processes were sampled and shown in every snapshot"

done_testing
