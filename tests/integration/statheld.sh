#!/bin/sh
# statheld.sh: a process that did not run keeps its last stat between
# refreshes (src/sample/proc.h), yet what others change about it shows in
# the first snapshot taken after the change:
# - its nice value, set by renice from outside;
# - its parent, when the parent exits and it is given a new one.
# Without the checks both would show the old value until the 5 s backstop.
. "$SRCDIR/tests/lib.sh"
need_cmd jq renice
. "$SRCDIR/tests/integration/live-lib.sh"

now() { date +%s.%N; }

# after FILE T JQ-EXPR: the values of JQ-EXPR in the snapshots of FILE
# taken after T (one line each).
after() {
        jq -r --argjson t "$2" "select(.timestamp > \$t) | $3" "$1"
}

# watch PID FILE: nstop in the background, 16 snapshots 0.5 s apart.
watch() {
        "$NSTOP" -b -J -n 16 -d 0.5 -p "$1" >"$2" 2>"$2.err" &
        watch_pid=$!
        cleanup_add "kill_pid $watch_pid"
        wait_for "[ \$(wc -l <'$2') -ge 3 ]" || diag "nstop did not print 3 snapshots"
}

# ---- renice from outside --------------------------------------------------
spawn sleep 1000
idle=$bg_pid
wait_for "[ \"\$(cat /proc/$idle/comm 2>/dev/null)\" = sleep ]"
watch "$idle" "$live_tmp/nice.json"
[ "$(jq -r ".processes[] | select(.pid == $idle) | .nice" "$live_tmp/nice.json" | sort -u)" = 0 ]
ok $? "the sleep shows nice 0 before"
renice -n 7 -p "$idle" >/dev/null
t=$(now)
wait "$watch_pid"
got=$(after "$live_tmp/nice.json" "$t" ".processes[] | select(.pid == $idle) | .nice" | sort -u | paste -sd,)
[ "$got" = 7 ]
ok $? "every snapshot after renice shows nice 7 (got $got)"

# ---- a new parent ---------------------------------------------------------
# sh starts a sleep, writes its pid, and exits when told to: the sleep is
# given a new parent without running.
mkfifo "$live_tmp/go"
sh -c 'sleep 1000 & echo $! >"$1"; read x <"$2"' sh "$live_tmp/child" "$live_tmp/go" &
parent=$!
cleanup_add "kill_pid $parent"
wait_for "[ -s '$live_tmp/child' ]" || diag "the child did not start"
child=$(cat "$live_tmp/child")
cleanup_add "kill -KILL $child 2>/dev/null"
wait_for "[ \"\$(cat /proc/$child/comm 2>/dev/null)\" = sleep ]"
watch "$child" "$live_tmp/ppid.json"
[ "$(jq -r ".processes[] | select(.pid == $child) | .ppid" "$live_tmp/ppid.json" | sort -u)" = "$parent" ]
ok $? "the child shows its parent $parent before"
echo go >"$live_tmp/go"
wait "$parent"
t=$(now)
wait "$watch_pid"
got=$(after "$live_tmp/ppid.json" "$t" ".processes[] | select(.pid == $child) | .ppid" | sort -u | paste -sd,)
[ -n "$got" ] && [ "$got" != "$parent" ] && ! echo ",$got," | grep -q ",$parent,"
ok $? "every snapshot after the parent left shows another parent (got $got, old $parent)"

done_testing
