#!/bin/sh
# staleness.sh: no value nstop shows is older than 2 s, even for changes
# that leave no trace in /proc/PID/stat.
#
# - a process that calls unshare(2) itself (no exec): its new namespaces
#   show within 2 s;
# - an exec that keeps the process name (sh -> sh): the new command line
#   shows within 2 s;
# - a namespace that dies and is replaced by one with the same inode
#   number (the kernel reuses them at once) under another owner: the new
#   owner shows within 2 s.
# Each check looks only at snapshots taken 2 s or more after the change.
. "$SRCDIR/tests/lib.sh"
need_root "unshare and nsenter into new namespaces"
need_cmd jq unshare nsenter
. "$SRCDIR/tests/integration/live-lib.sh"

now() { date +%s.%N; }

# snapshots_after FILE T: the JSON lines of FILE taken at T + 2 s or later.
snapshots_after() {
        jq -c --argjson t "$2" 'select(.timestamp >= $t + 2)' "$1"
}

# ---- unshare(2) without exec, and exec with the same name ----------------
ul_out=$live_tmp/ul.out
"$HELPERS/unshare_later" >"$ul_out" &
ul=$!
cleanup_add "kill_pid $ul"
# The second sh stops itself rather than run sleep, so no grandchild
# outlives the kill of the PID we know. Its argv holds nstop-test-42,
# which the first command line spells only as an expression.
spawn sh -c 'sleep 1; exec sh -c "kill -STOP \$\$; :" nstop-test-$((6 * 7))'
execer=$bg_pid
wait_for "grep -q ready '$ul_out'" || diag "unshare_later did not start"
old_uts=$(ns_ino "$ul" uts)

run=$live_tmp/run.json
"$NSTOP" -b -J -n 8 -d 0.5 -p "$ul,$execer" >"$run" 2>"$run.err" &
nst=$!
cleanup_add "kill_pid $nst"
sleep 0.7
kill -USR1 "$ul"
wait_for "grep -q moved '$ul_out'"
ok $? "unshare_later moved to new uts and ipc namespaces"
t_moved=$(now)
wait_for "tr '\\0' ' ' </proc/$execer/cmdline | grep -q nstop-test-42"
ok $? "the sh process exec'd sh with a new command line"
t_exec=$(now)
new_uts=$(ns_ino "$ul" uts)
new_ipc=$(ns_ino "$ul" ipc)
wait "$nst"
ok $? "nstop -n 8 -d 0.5 exits 0"
[ "$old_uts" != "$new_uts" ]
ok $? "the helper's uts namespace really changed"

late=$(snapshots_after "$run" "$t_moved")
[ -n "$late" ]
ok $? "some snapshots were taken 2 s after the unshare"
bad=$(printf '%s\n' "$late" | jq -r --argjson p "$ul" --argjson u "$new_uts" --argjson i "$new_ipc" \
        '.processes[] | select(.pid == $p) | select(.ns.uts != $u or .ns.ipc != $i) | .timestamp')
[ -z "$bad" ] && [ -n "$(printf '%s\n' "$late" | jq --argjson p "$ul" '.processes[] | select(.pid == $p)')" ]
ok $? "unshare without exec shows the new namespaces within 2 s"
[ -z "$bad" ] || diag "stale at: $bad"

late=$(snapshots_after "$run" "$t_exec")
[ -n "$late" ]
ok $? "some snapshots were taken 2 s after the exec"
bad=$(printf '%s\n' "$late" | jq -r --argjson p "$execer" \
        '.processes[] | select(.pid == $p) | select(.cmdline | test("nstop-test-42") | not) | .cmdline')
[ -z "$bad" ]
ok $? "exec with the same name shows the new command line within 2 s"
[ -z "$bad" ] || diag "stale command line: $bad"

# ---- a namespace inode reused under another owner ------------------------
start_box owner --user --map-root-user || skip_all "cannot create a user namespace"
owner_pid=$box_pid
owner_userns=$(ns_ino "$owner_pid" user)
start_box first --uts
first_pid=$box_pid
first_uts=$(ns_ino "$first_pid" uts)

run=$live_tmp/reuse.json
"$NSTOP" -b -J -n 8 -d 0.5 --ns uts >"$run" 2>"$run.err" &
nst=$!
cleanup_add "kill_pid $nst"
sleep 1.2
kill_pid "$first_pid"
spawn nsenter --user="/proc/$owner_pid/ns/user" --preserve-credentials unshare --uts sleep 1000
second=$bg_pid
wait_for "[ \"\$(comm_of $second)\" = sleep ]"
t_second=$(now)
second_uts=$(ns_ino "$second" uts)
wait "$nst"
ok $? "nstop --ns uts -n 8 exits 0"
if [ "$second_uts" = "$first_uts" ]; then
        diag "the kernel reused uts inode $first_uts for the new namespace"
else
        diag "the kernel did not reuse the inode this time ($first_uts, then $second_uts)"
fi
late=$(snapshots_after "$run" "$t_second")
owners=$(printf '%s\n' "$late" | jq -r --argjson n "$second_uts" '.namespaces[] | select(.inode == $n) | .owner' | sort -u)
[ "$owners" = "$owner_userns" ]
ok $? "a new namespace shows its own owner within 2 s, even on a reused inode"
[ "$owners" = "$owner_userns" ] || diag "owner shown: $owners, want $owner_userns"

done_testing
