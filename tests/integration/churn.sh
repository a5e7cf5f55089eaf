#!/bin/sh
# churn.sh: snapshots stay whole and consistent while processes come and go.
#
# A loop of ours keeps forking short-lived children (some exit at once,
# some live 10 ms, all become zombies until reaped). Meanwhile
# `nstop -b -J -n 15 -d 0.05` must exit 0 and print 15 lines, each valid
# JSON; every process object has every key; no pid appears twice in a
# snapshot; every namespace's pids are processes of that snapshot, as
# many as its nprocs; and the warning names no process but those that are
# unreadable for good (a process that left mid-scan is not a problem).
# Three rounds.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/live-lib.sh"
need_root "reads every process"
need_cmd jq

spawn sh -c 'while :; do /bin/true & /bin/true & sleep 0.01 & /bin/true; wait; done'
loop=$bg_pid

proc_keys='["chrooted","cgroups","cmdline","comm","cpu_percent","cpu_ticks","io_rchar_per_sec",
"io_read_bytes_per_sec","io_wchar_per_sec","io_write_bytes_per_sec","kernel_thread","nice","ns",
"pid","ppid","priority","root","rss_bytes","start_time","state","threads","uid","user","vsize_bytes"]'
ns_keys='["bind_mounts","cpu_percent","inode","io_read_bytes_per_sec","io_write_bytes_per_sec",
"nprocs","owner","owner_uid","parent","pids","rss_bytes","type"]'
types=$(live_ns_types | jq -R . | jq -s -c 'sort')

# One line per problem in a snapshot; nothing when it is consistent.
check_prog='
(.processes | map(.pid)) as $pids
| ($pids | map(tostring) | map({key: ., value: true}) | from_entries) as $have
| ( ($pids | group_by(.) | map(select(length > 1) | "pid \(.[0]) appears \(length) times") | .[]),
    (.processes[] | . as $p | ($pk - (keys)) | select(length > 0) | "process \($p.pid) lacks \(.)"),
    (.processes[] | select((.ns | keys) != $types) | "process \(.pid) has ns keys \(.ns | keys)"),
    (.namespaces[] | . as $n | ($nk - (keys)) | select(length > 0) | "namespace \($n.type):\($n.inode) lacks \(.)"),
    (.namespaces[] | select(.nprocs != (.pids | length)) | "namespace \(.type):\(.inode) nprocs \(.nprocs) but \(.pids | length) pids"),
    (.namespaces[] | . as $n | .pids[] | select($have[tostring] | not) | "namespace \($n.type):\($n.inode) lists absent pid \(.)") )
'

out=$live_tmp/out
for round in 1 2 3; do
        "$NSTOP" -b -J -n 15 -d 0.05 >"$out" 2>"$out.err"
        ok $? "round $round: nstop -b -J -n 15 -d 0.05 exits 0 during churn"
        lines=$(wc -l <"$out")
        check "round $round: 15 lines (got $lines)" [ "$lines" -eq 15 ]
        good=$(jq -R 'fromjson? | select(type == "object") | 1' "$out" | wc -l)
        bad=$((lines - good))
        check "round $round: every line is one valid JSON object ($bad bad)" [ $bad -eq 0 ]
        jq -r --argjson pk "$proc_keys" --argjson nk "$ns_keys" --argjson types "$types" "$check_prog" \
                "$out" >"$out.problems" 2>&1
        ok $? "round $round: jq reads every snapshot"
        check "round $round: whole, consistent snapshots ($(wc -l <"$out.problems") problems)" [ ! -s "$out.problems" ]
        head -n 10 "$out.problems" | sed 's/^/#   /'
        # Warnings may name pid 1 (unreadable here), never a passer-by.
        others=$(grep -o '(pids\{0,1\} [0-9, ]*' "$out.err" | tr -c '0-9\n' ' ' | tr ' ' '\n' | grep -v '^$' | grep -vx 1)
        check "round $round: the warning names no short-lived process (got '$(echo $others)')" [ -z "$others" ]
        [ -z "$others" ] || sed 's/^/#   stderr: /' "$out.err"
        seen=$(jq -r --argjson loop "$loop" '.processes[] | select(.ppid == $loop) | .pid' "$out" | sort -u | wc -l)
        diag "round $round: $seen distinct children of the churn loop seen"
done
# The churn was real: the loop was busy making children.
check "the churn loop is still running" kill -0 "$loop"
done_testing
