#!/bin/sh
# churnload.sh: issue 8's churn test. For 60 s nstop refreshes every 0.1 s,
# in batch (-b -J -n 600) and in its TUI (a private tmux) at the same time,
# while tests/helpers/churn forks ~300 short-lived processes a second,
# makes and removes cgroups (nstop-test-$$-churn-*) under the v1 cpuacct,
# cgroup2 and v1 pids mounts, unshares UTS/IPC/net namespaces, moves its
# own processes between its cgroups, and reuses pids on purpose (clone3
# set_tid: a process that slept in a cgroup of its own is moved out,
# killed, reaped, and a new one made at its pid; nothing system-wide is
# changed). Checks:
# - both exit 0 (the TUI on q), every batch line is one JSON object;
# - no error output: batch stderr and the TUI's message line hold at most
#   the partial-view notice, naming no pid but 1 (unreadable here);
# - the rate rule of src/model/delta.c in every pair of snapshots: a
#   process with the same (pid, start time) in the previous snapshot has
#   cpu_percent = 100 * ticks moved / clock_ticks / interval (null when its
#   ticks went back); one seen for the first time (new pid, or a pid
#   whose start time changed: a reuse) is measured over its own age when
#   it was born within the interval (its own ticks, capped at 100% per
#   thread) and null when older; start times near the previous snapshot
#   may go either way;
# - no reused pid is shown as its old process once that one was reaped
#   (the helper logs each reuse and when the old one was gone);
# - memory: VmRSS of both nstops at the end within +10% of at 10 s.
# Needs root (cgroups, namespaces, clone3 set_tid); about 70 s.
. "$SRCDIR/tests/lib.sh"
need_root "makes cgroups and namespaces, reads every process"
need_cmd jq tmux
# An AddressSanitizer build keeps freed memory in a quarantine (256 MB by
# default) before it reuses any, so there RSS grows with churn by design;
# without the quarantine, what grows is what nstop holds.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0
export ASAN_OPTIONS

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nstop-test-churn.XXXXXX") || exit 1
cleanup_add "rm -rf '$tmp'"
prefix=nstop-test-$$-churn

# Where to make cgroups: the v1 cpuacct mount first (nstop's quiet
# cgroups are told by its usage; else cgroup2's), cgroup2, v1 pids.
parents=$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpuacct(,|$)/ { print $2; exit }' /proc/self/mounts)
parents="$parents $(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)"
parents="$parents $(awk '$3 == "cgroup" && $4 ~ /(^|,)pids(,|$)/ { print $2; exit }' /proc/self/mounts)"
# shellcheck disable=SC2086 # mount points of cgroup trees: single words
set -- $parents
[ $# -gt 0 ] || skip_all "no cgroup hierarchy mounted"
first=$1

# Runs last (cleanups run in reverse): whatever the helper left behind.
remove_cgroups() {
        for _p in $parents; do
                for _d in "$_p/$prefix"-*; do
                        [ -d "$_d" ] && rmdir_cg "$_d"
                done
        done
        return 0
}
cleanup_add remove_cgroups

# ---- start: the load, then the two nstops ----------------------------------
spawn "$HELPERS/churn" 62 "$prefix" "$tmp/reuse.log" "$@" >"$tmp/churn.out" 2>"$tmp/churn.err"
churn=$bg_pid
wait_for '[ -d "$first/$prefix-a" ] || ! kill -0 $churn 2>/dev/null' || :
check "the load generator started (cgroups under $parents)" kill -0 "$churn"

sock=nstop-test-$$-churn
T() { tmux -u -L "$sock" "$@"; }
cleanup_add "tmux -L '$sock' kill-server; rm -f '${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock'"
mkdir -p "$tmp/config"
T -f /dev/null new-session -d -s main -x 150 -y 45 \
        "env XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$NSTOP' -d 0.1 2>'$tmp/tui.err'; echo \$? >'$tmp/tui.rc'; exec sleep 1000"
"$NSTOP" -b -J -d 0.1 -n 600 >"$tmp/batch.json" 2>"$tmp/batch.err" &
batch=$!
cleanup_add "kill_pid $batch"
started=$(date +%s)
pane=$(T display -p -t main '#{pane_pid}')
tui=
wait_for 'tui=$(cat /proc/$pane/task/$pane/children 2>/dev/null | tr -d " ") && [ -n "$tui" ]'
[ -n "$tui" ] && cleanup_add "kill_pid $tui"
check "the TUI runs (pid ${tui:-none})" [ -n "$tui" ]

rss() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status" 2>/dev/null; }
screen() { T capture-pane -p -t main; }
# The message line: the two lines above the function-key bar (a long
# message takes two).
message() { screen | tail -n 3 | head -n 2; }

# names_others TEXT: a partial-view notice in TEXT names a pid other than 1
# (a process that left mid-scan is no problem to report).
names_others() {
        _pids=$(printf '%s\n' "$1" | grep -o '(pids\{0,1\} [0-9, ]*' | tr -c '0-9\n' ' ' | tr ' ' '\n' | grep -v '^$' | grep -vx 1)
        [ -n "$_pids" ]
}
# bad_message TEXT: error text on the message line, or such a notice.
bad_message() {
        printf '%s\n' "$1" | grep -Eiq 'error|cannot|failed|out of memory|nstop:' || names_others "$1"
}

sleep 10
rss10_batch=$(rss "$batch")
rss10_tui=$(rss "$tui")
nprocs() { ls /proc | grep -c '^[0-9]'; }
diag "after 10 s: VmRSS batch ${rss10_batch:-?} kB, TUI ${rss10_tui:-?} kB; $(nprocs) processes"

# Watch the message line through the run, every 2 s.
msg_bad=
while [ $(($(date +%s) - started)) -lt 56 ]; do
        m=$(message)
        if bad_message "$m"; then
                msg_bad=$m
        fi
        sleep 2
done
rss_end_batch=$(rss "$batch")
rss_end_tui=$(rss "$tui")
diag "after $(($(date +%s) - started)) s: VmRSS batch ${rss_end_batch:-?} kB, TUI ${rss_end_tui:-?} kB; $(nprocs) processes"
shot1=$(screen)
sleep 1
shot2=$(screen)
check "the TUI still refreshes at the end of the churn" [ "$shot1" != "$shot2" ]
check "no error on the TUI's message line during the churn" [ -z "$msg_bad" ]
[ -z "$msg_bad" ] || printf '%s\n' "$msg_bad" | sed 's/^/#   screen: /'

# At most +10% (shrinking is no leak); the memory of a process is read
# in kB, so 10% is never below a page or two.
grew() { [ -z "$1" ] || [ -z "$2" ] || [ $(($2 * 10)) -gt $(($1 * 11)) ]; }
check "batch memory stable (VmRSS $rss10_batch kB at 10 s, $rss_end_batch kB at the end)" eval '! grew "$rss10_batch" "$rss_end_batch"'
check "TUI memory stable (VmRSS $rss10_tui kB at 10 s, $rss_end_tui kB at the end)" eval '! grew "$rss10_tui" "$rss_end_tui"'
all_set() { for _v in "$@"; do [ -n "$_v" ] || return 1; done; }
check "all four RSS figures were read" all_set "$rss10_batch" "$rss_end_batch" "$rss10_tui" "$rss_end_tui"

# ---- the end: batch exits by itself (a minute at most late), q ends the TUI
i=0
while kill -0 "$batch" 2>/dev/null && [ $i -lt 600 ]; do
        i=$((i + 1))
        sleep 0.1
done
kill -0 "$batch" 2>/dev/null && kill -KILL "$batch"
wait "$batch"
ok $? "batch nstop -b -J -d 0.1 -n 600 exits 0 after the churn"
T send-keys -t main q
wait_for '[ -s "$tmp/tui.rc" ]'
check "the TUI answers q and exits 0 (got '$(cat "$tmp/tui.rc" 2>/dev/null)')" [ "$(cat "$tmp/tui.rc" 2>/dev/null)" = 0 ]
check "the TUI wrote nothing on stderr" [ ! -s "$tmp/tui.err" ]
[ -s "$tmp/tui.err" ] && sed 's/^/#   tui stderr: /' "$tmp/tui.err"

# Batch stderr: only the partial-view notice, naming no pid but 1.
others=$(grep -v '^nstop: could not read ' "$tmp/batch.err")
check "batch stderr has no error line" [ -z "$others" ]
check "batch stderr names no churned process" eval '! names_others "$(grep "^nstop: could not read " "$tmp/batch.err")"'
[ -s "$tmp/batch.err" ] && head -n 5 "$tmp/batch.err" | sed 's/^/#   batch stderr: /'

wait "$churn"
ok $? "the load generator ran to its end"
sed 's/^/# churn: /' "$tmp/churn.out"
val() { awk -v k="$1" '$1 == k { print $2 }' "$tmp/churn.out"; }
secs=$(val seconds)
secs=${secs%.*}
forks=$(val forks)
check "hundreds of processes a second ($forks forks in ${secs:-?} s)" [ "${forks:-0}" -ge $((${secs:-60} * 200)) ]
check "cgroups made and removed ($(val cgroups_made) made, $(val cgroups_removed) removed)" \
        eval '[ "$(val cgroups_made)" -gt 100 ] && [ "$(val cgroups_made)" = "$(val cgroups_removed)" ]'
check "namespaces unshared ($(val ns_children) children) and processes moved ($(val moves))" \
        eval '[ "$(val ns_children)" -gt 100 ] && [ "$(val moves)" -gt 100 ]'
left=$(for p in $parents; do ls -d "$p/$prefix"-* 2>/dev/null; done)
check "the helper removed its cgroups" [ -z "$left" ]

# ---- the snapshots ----------------------------------------------------------
lines=$(wc -l <"$tmp/batch.json")
good=$(jq -R 'fromjson? | select(type == "object") | 1' "$tmp/batch.json" | wc -l)
check "600 snapshots, each one JSON object ($lines lines, $good objects)" eval '[ "$lines" -eq 600 ] && [ "$good" -eq 600 ]'

# Each snapshot reduced to what the rules need: uptime (the clock of start
# times, read right after the snapshot's own), interval, clock ticks, and
# per process [pid, start in ticks since boot, cpu_ticks, cpu_percent,
# threads, comm].
jq -c '.system as $s | {up: $s.uptime_seconds, iv: .interval, hz: $s.clock_ticks,
        p: [.processes[] | [.pid, ((.start_time - $s.boot_time) * $s.clock_ticks | round), .cpu_ticks,
                            .cpu_percent, .threads, .comm]]}' "$tmp/batch.json" >"$tmp/reduced" 2>"$tmp/jq.err"
ok $? "jq reduces every snapshot"

# One line per violation of delta.c's rule, and a line "R" per reuse seen.
# A process's age from the uptime is off by up to 1/100 s one way (the
# uptime is cut to 1/100 s) and by the time between the snapshot's clock
# and the uptime's read the other: $lo_m, $hi_m. One born after the
# snapshot's clock (while its processes were listed) has no rate yet.
rule_prog='
def own($q; $age; $hz): ([100 * $q[2] / $hz / ([$age, 1 / $hz] | max), 100 * $q[4]] | min);
def inrange($v; $lo; $hi): $v != null and $v >= $lo - 0.06 and $v <= $hi + 0.06;
0.05 as $lo_m | 0.015 as $hi_m
| . as $s
| [range(1; length) as $k | $s[$k - 1] as $a | $s[$k] as $b
   | ($a.p | map({key: (.[0] | tostring), value: .}) | from_entries) as $prev
   | $b.p[] | . as $q | $prev[$q[0] | tostring] as $o
   | if $o != null and $o[1] == $q[1] then
        (if $q[2] >= $o[2] then 100 * ($q[2] - $o[2]) / $b.hz / $b.iv else null end) as $want
        | if ($want == null and $q[3] == null) or ($want != null and $q[3] != null
               and (($q[3] - $want) | fabs) <= 0.06 + $want * 0.01) then empty
          else "snapshot \($k): pid \($q[0]) (\($q[5])), seen before: cpu_percent \($q[3]), its ticks give \($want)" end
     else
        ($b.up - $q[1] / $b.hz) as $age
        | own($q; $age + $hi_m; $b.hz) as $lo | own($q; $age - $lo_m; $b.hz) as $hi
        | (if $o != null then "reuse " else "" end) as $r
        | (if $o != null then "R" else empty end),
          if $age - $lo_m > 0 and $age + $hi_m <= $b.iv then
             (if inrange($q[3]; $lo; $hi) then empty
              else "snapshot \($k): \($r)pid \($q[0]) (\($q[5])) born \($age)s ago in a \($b.iv)s interval: cpu_percent \($q[3]), its own ticks (\($q[2])) give \($lo)..\($hi)" end)
          elif $age - $lo_m > $b.iv + 1 / $b.hz then
             (if $q[3] == null then empty
              else "snapshot \($k): \($r)pid \($q[0]) (\($q[5])) first seen \($age)s after its start, interval \($b.iv)s: cpu_percent \($q[3]), not null" end)
          elif $q[3] == null or inrange($q[3]; $lo; $hi) then empty
          else "snapshot \($k): \($r)pid \($q[0]) (\($q[5])) \($age)s old: cpu_percent \($q[3]), neither null nor \($lo)..\($hi)" end
     end]
| .[]
'
jq -r -s "$rule_prog" "$tmp/reduced" >"$tmp/rule.out" 2>>"$tmp/jq.err"
ok $? "jq checks the rate rule"
grep -vx R "$tmp/rule.out" >"$tmp/rule.bad"
check "delta.c's rule holds in every pair of snapshots ($(wc -l <"$tmp/rule.bad") violations)" [ ! -s "$tmp/rule.bad" ]
head -n 10 "$tmp/rule.bad" | sed 's/^/#   /'
[ -s "$tmp/jq.err" ] && head -n 5 "$tmp/jq.err" | sed 's/^/#   jq: /'
diag "pid reuses seen in the data (same pid, new start time, consecutive snapshots): $(grep -cx R "$tmp/rule.out")"

# The helper's reuses: none of its old processes shown after it was
# reaped. A snapshot's uptime is read before its processes are listed,
# so one with uptime > DEATH listed them after the old one was gone.
reuse_prog='
($log | split("\n") | map(select(startswith("reuse ")) | split(" ")
  | {pid: (.[1] | tonumber), old: (.[2] | tonumber), new: (.[3] | tonumber), death: (.[4] | tonumber), how: .[5]})) as $r
| . as $s
| ($r[] | . as $e
   | ($s | to_entries[] | .key as $k | .value | select(.up > $e.death + 0.0005) | .p[]
      | select(.[0] == $e.pid and .[1] == $e.old)
      | "snapshot \($k): pid \($e.pid) shown as its old process (\(.[5]), start \(.[1])) after that one was reaped (\($e.how))")),
  "made \($r | length) moved \($r | map(select(.how == "moved")) | length)",
  "seen \([$r[] | . as $e | select(any($s[]; any(.p[]; .[0] == $e.pid and .[1] == $e.old)) and any($s[]; any(.p[]; .[0] == $e.pid and .[1] == $e.new)))] | length)"
'
jq -r -s --rawfile log "$tmp/reuse.log" "$reuse_prog" "$tmp/reduced" >"$tmp/reuse.out" 2>>"$tmp/jq.err"
ok $? "jq checks the helper's pid reuses"
grep '^snapshot ' "$tmp/reuse.out" >"$tmp/reuse.bad"
check "no reused pid shown as its old process ($(wc -l <"$tmp/reuse.bad") snapshots)" [ ! -s "$tmp/reuse.bad" ]
head -n 10 "$tmp/reuse.bad" | sed 's/^/#   /'
made=$(sed -n 's/^made \([0-9]*\).*/\1/p' "$tmp/reuse.out")
seen=$(sed -n 's/^seen //p' "$tmp/reuse.out")
diag "helper: $(sed -n 's/^made //p' "$tmp/reuse.out") pid reuses (clone3 set_tid); both processes seen by nstop: ${seen:-0}"
if [ "$(val reuse_errno)" = 0 ]; then
        check "the helper reused pids and nstop saw both sides ($made made, $seen seen)" [ "${seen:-0}" -gt 0 ]
else
        ok 0 "the helper reused pids # SKIP clone3 set_tid refused (errno $(val reuse_errno))"
fi
done_testing
