#!/bin/sh
# quietrun.sh: a process whose cgroup's CPU usage did not move since the
# last refresh did not run, so nstop does not read its schedstat
# (src/sample/cgquiet.h); once it runs, the usage moves and what it
# changed shows as before.
#
# unshare_later waits for SIGUSR1 in a cgroup nstop-test-$$-run of its
# own, in the hierarchy that counts CPU time (v1 cpuacct, else cgroup2).
# nstop samples it 13 times 0.5 s apart under strace: its schedstat must
# be read in fewer samples than that (a quiet cgroup is told from the
# third sample after it was first seen), and after the signal (it
# unshares uts itself, without exec) the new uts must show within 2 s.
. "$SRCDIR/tests/lib.sh"
need_root "makes a cgroup and moves a process of its own into it"
need_cmd strace jq
. "$SRCDIR/tests/integration/live-lib.sh"
[ -r /proc/self/schedstat ] && [ "$(cut -d" " -f3 /proc/self/schedstat)" != 0 ] ||
        skip_all "this kernel has no /proc/PID/schedstat (CONFIG_SCHED_INFO)"

# The hierarchy nstop asks (src/sample/cgroupfs.h): v1's cpuacct mounted
# at its top, else cgroup2. mountinfo: optional fields end at "-".
hier() {
        awk -v want="$1" '{ for (i = 7; i <= NF && $i != "-"; i++); fs = $(i + 1); opts = $(i + 3)
                if ($4 != "/") next
                if (want == "v1" && fs == "cgroup" && opts ~ /(^|,)cpuacct(,|$)/ ||
                    want == "v2" && fs == "cgroup2") { print $5; exit } }' /proc/self/mountinfo
}
M=$(hier v1)
[ -n "$M" ] || M=$(hier v2)
[ -n "$M" ] || skip_all "no cpuacct or cgroup2 hierarchy mounted at its top"
T=$M/nstop-test-$$-run
cleanup_add "rmdir_cg '$T'"
mkdir "$T" || skip_all "cannot make $T"

out=$live_tmp/ul.out
"$HELPERS/unshare_later" >"$out" &
ul=$!
cleanup_add "kill_pid $ul"
wait_for "grep -q ready '$out'" || diag "unshare_later did not start"
echo "$ul" >"$T/cgroup.procs"
ok $? "unshare_later moved into $T"
old_uts=$(ns_ino "$ul" uts)

run=$live_tmp/run.json
ASAN_OPTIONS=detect_leaks=0 strace -qq -y -e trace=pread64 -o "$live_tmp/trace" \
        "$NSTOP" -b -J -n 12 -d 0.5 -p "$ul" >"$run" 2>"$run.err" &
nst=$!
cleanup_add "kill_pid $nst"
# Signal it after 7 snapshots: by then its cgroup has been quiet a while.
wait_for "[ \"\$(wc -l <'$run')\" -ge 7 ]"
kill -USR1 "$ul"
wait_for "grep -q moved '$out'"
ok $? "unshare_later unshared its uts namespace"
t_moved=$(date +%s.%N)
new_uts=$(ns_ino "$ul" uts)
wait "$nst"
ok $? "nstop -n 12 runs under strace"
[ "$old_uts" != "$new_uts" ]
ok $? "the helper's uts namespace really changed"

reads=$(grep -F "</proc/$ul/schedstat>" "$live_tmp/trace" | grep -vc ", 0) = 0$")
[ "$reads" -ge 1 ] && [ "$reads" -le 9 ]
ok $? "its schedstat is read in fewer of the 13 samples than all (got $reads, want 1..9)"

late=$(jq -c --argjson t "$t_moved" 'select(.timestamp >= $t + 2)' "$run")
[ -n "$late" ]
ok $? "some snapshots were taken 2 s after the unshare"
bad=$(printf '%s\n' "$late" | jq -r --argjson p "$ul" --argjson u "$new_uts" \
        '.processes[] | select(.pid == $p) | select(.ns.uts != $u) | .timestamp')
[ -z "$bad" ] && [ -n "$(printf '%s\n' "$late" | jq --argjson p "$ul" '.processes[] | select(.pid == $p)')" ]
ok $? "the process's run shows: its new uts namespace within 2 s"
[ -z "$bad" ] || diag "stale at: $bad"

done_testing
