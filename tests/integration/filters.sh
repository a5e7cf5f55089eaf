#!/bin/sh
# filters.sh: -p, -u and --ns select what is shown; -n/-d control how many
# snapshots and how far apart; even the first snapshot has real rates.
. "$SRCDIR/tests/lib.sh"
need_root "starts processes as nobody and in a new network namespace"
need_cmd jq setpriv unshare nsenter stat
. "$SRCDIR/tests/integration/cli-lib.sh"

# text_pids FILE: the PID column of the process table of every snapshot.
text_pids() {
        awk '$1 == "PID" && $2 == "PPID" { on = 1; next } on && NF == 0 { on = 0 } on { print $1 }' "$1"
}
# text_ns FILE: "TYPE INODE" of each row of the namespace table.
text_ns() {
        awk '$1 == "TYPE" && $2 == "NS" { on = 1; next } on && NF == 0 { on = 0 } on { print $1, $2 }' "$1"
}
sorted() { printf '%s\n' "$@" | sort -n | tr '\n' ' '; }

spawn sleep 1000
p1=$bg_pid
spawn sleep 1000
p2=$bg_pid

# --- -p -------------------------------------------------------------
"$NSTOP" -b -J -d 0.1 -p "$p1,$p2" >"$tmp/j" 2>/dev/null
ok $? "-p two pids, JSON: exit 0"
check "-p two pids, JSON: exactly those processes" \
        jqt "[.processes[].pid] | sort == ([$p1, $p2] | sort)" "$tmp/j"
check "-p two pids, JSON: the namespaces shown hold them" \
        jqt "(.namespaces | length) as \$n | [.namespaces[] | select((.pids | index($p1)) and (.pids | index($p2)))] | length == \$n and \$n > 0" "$tmp/j"
"$NSTOP" -b -d 0.1 -p "$p1" -p "$p2" >"$tmp/t" 2>/dev/null
ok $? "-p repeated, text: exit 0"
check "-p repeated, text: exactly those processes" \
        test "$(sorted $(text_pids "$tmp/t"))" = "$(sorted "$p1" "$p2")"
"$NSTOP" -b -J -d 0.1 -p "$p1,2147483647" >"$tmp/j" 2>/dev/null
ok $? "-p with a pid that does not exist: exit 0"
check "-p with a pid that does not exist: only the live one" jqt "[.processes[].pid] == [$p1]" "$tmp/j"

# --- -u -------------------------------------------------------------
spawn setpriv --reuid=65534 --regid=65534 --clear-groups sleep 1000
pn=$bg_pid
wait_for "[ \"\$(stat -c %u /proc/$pn)\" = 65534 ] && grep -q sleep /proc/$pn/comm"
for u in nobody 65534; do
        "$NSTOP" -b -J -d 0.1 -u "$u" >"$tmp/j" 2>/dev/null
        ok $? "-u $u: exit 0"
        check "-u $u: every process has uid 65534" jqt '[.processes[].uid] | length > 0 and all(. == 65534)' "$tmp/j"
        check "-u $u: our nobody process is there" jqt "[.processes[].pid] | index($pn) != null" "$tmp/j"
done
"$NSTOP" -b -d 0.1 -u nobody >"$tmp/t" 2>/dev/null
check "-u nobody, text: only nobody's rows" \
        test "$(awk '$1 == "PID" { on = 1; next } on && NF == 0 { on = 0 } on { print $3 }' "$tmp/t" | sort -u)" = nobody

# --- --ns -----------------------------------------------------------
"$NSTOP" -b -J -d 0.1 --ns net >"$tmp/j" 2>/dev/null
ok $? "--ns net: exit 0"
check "--ns net: only net namespaces, at least one" \
        jqt '[.namespaces[].type] | length > 0 and all(. == "net")' "$tmp/j"
check "--ns net: our process's net namespace is listed" \
        jqt "[.namespaces[].inode] | index($(proc_ns_ino "$p1" net)) != null" "$tmp/j"
"$NSTOP" -b -d 0.1 --ns net >"$tmp/t" 2>/dev/null
check "--ns net, text: only net rows in the namespace table" \
        test "$(text_ns "$tmp/t" | cut -d' ' -f1 | sort -u)" = net

# A private network namespace with two processes of ours in it.
spawn unshare --net sleep 1000
b1=$bg_pid
wait_for "[ \"\$(proc_ns_ino $b1 net)\" != \"\$(proc_ns_ino $$ net)\" ] && grep -q sleep /proc/$b1/comm"
box=$(proc_ns_ino "$b1" net)
spawn nsenter --net="/proc/$b1/ns/net" sleep 1000
b2=$bg_pid
wait_for "[ \"\$(proc_ns_ino $b2 net)\" = $box ] && grep -q sleep /proc/$b2/comm"
check "our box has its own net namespace" test "$box" != "$(proc_ns_ino $$ net)"
"$NSTOP" -b -J -d 0.1 --ns "net:$box" >"$tmp/j" 2>/dev/null
ok $? "--ns net:INODE: exit 0"
check "--ns net:INODE: that namespace alone" \
        jqt "[.namespaces[] | [.type, .inode]] == [[\"net\", $box]]" "$tmp/j"
check "--ns net:INODE: exactly its processes" \
        jqt "[.processes[].pid] | sort == ([$b1, $b2] | sort)" "$tmp/j"
check "--ns net:INODE: the namespace's members are those two" \
        jqt ".namespaces[0] | (.pids | sort) == ([$b1, $b2] | sort) and .nprocs == 2" "$tmp/j"
"$NSTOP" -b -d 0.1 --ns "net:$box" >"$tmp/t" 2>/dev/null
check "--ns net:INODE, text: exactly its processes" \
        test "$(sorted $(text_pids "$tmp/t"))" = "$(sorted "$b1" "$b2")"
check "--ns net:INODE, text: one namespace row" test "$(text_ns "$tmp/t")" = "net $box"
"$NSTOP" -b -J -d 0.1 --ns "net:$box" -p "$b1" >"$tmp/j" 2>/dev/null
check "--ns net:INODE -p PID: the filters combine" jqt "[.processes[].pid] == [$b1]" "$tmp/j"
"$NSTOP" -b -J -d 0.1 --ns "uts:$box" >"$tmp/j" 2>/dev/null
check "--ns with the inode under another type: nothing" \
        jqt '(.processes | length) == 0 and (.namespaces | length) == 0' "$tmp/j"

# --- -n and -d ------------------------------------------------------
"$NSTOP" -b -J -n 3 -d 0.2 -p "$p1" >"$tmp/j" 2>/dev/null
ok $? "-n 3 -d 0.2 -J: exit 0"
check "-n 3 -d 0.2 -J: three lines" test "$(wc -l <"$tmp/j")" -eq 3
check "-n 3 -d 0.2 -J: each line is valid JSON" json_lines "$tmp/j"
check "-n 3 -d 0.2 -J: each interval is about 0.2 s" \
        jqt -s '[.[].interval] | length == 3 and all(. >= 0.15 and . <= 0.5)' "$tmp/j"
check "-n 3 -d 0.2 -J: timestamps increase" \
        jqt -s '[.[].timestamp] | . == sort and (unique | length) == 3' "$tmp/j"
"$NSTOP" -b -n 2 -d 0.2 -p "$p1" >"$tmp/t" 2>/dev/null
ok $? "-n 2, text: exit 0"
check "-n 2, text: two summaries" test "$(grep -c '^Tasks:' "$tmp/t")" -eq 2
check "-n 2, text: two headers" test "$(grep -c '^nstop ' "$tmp/t")" -eq 2
check "-n 2, text: our process in each" test "$(text_pids "$tmp/t" | grep -c "^$p1\$")" -eq 2

# --- the first snapshot's rates are real ----------------------------
spawn sh -c 'while :; do :; done'
burn=$bg_pid
# Without rates in the first snapshot the value would be null or 0. A
# saturated machine (make -j check beside other work) may leave the loop
# a small share of a CPU, so only a clearly non-zero rate is asked for
# (rates.sh checks the value against the kernel's own accounting).
busy_first() {
        "$NSTOP" -b -J -n 1 -d 0.5 -p "$burn" >"$tmp/j" 2>/dev/null &&
                jqt "[.processes[] | select(.pid == $burn) | .cpu_percent] | length == 1 and .[0] > 5" "$tmp/j"
}
busy_first || busy_first || busy_first
ok $? "a busy loop shows a real CPU rate (over 5%) in the first snapshot"
jq -c '.processes[] | {pid, cpu_percent}' "$tmp/j" | sed 's/^/# /'
check "the first snapshot's system CPU is real too" jqt '.system.cpu_percent > 0' "$tmp/j"
kill_pid "$burn"

done_testing
