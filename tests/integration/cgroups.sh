#!/bin/sh
# cgroups.sh: nstop's cgroup view on the real hybrid hierarchy.
#
# The test makes its own nstop-test-$$-* cgroups in the v1 hierarchies cpu,
# cpuacct, memory, pids, freezer and blkio and in the v2 one (unified),
# starts its own helper processes in them and checks what nstop -b -J says:
# - membership: each cgroup lists exactly our processes (nprocs, pids);
#   every process's `cgroups` map equals /proc/PID/cgroup (hierarchy names
#   as the kernel spells them, "unified" for v2); a nested cgroup names its
#   parent; an empty cgroup is listed with nprocs 0;
# - CPU: a burn shows 80..120 % in cpuacct (v1) and in unified (v2
#   cpu.stat, no cpu controller needed); a burn under cfs quota 0.5 CPU
#   shows cpu_quota_usec 50000, ~50 % in cpuacct and throttling in cpu;
# - memory: hold 100 MiB under a 512 MiB limit: memory_bytes >= 100 MiB,
#   memory_limit_bytes 536870912; no limit is null; the unified cgroup
#   (no memory controller) has memory_bytes null: absent, not 0;
# - pids: pids_current equals pids.current, pids_limit pids.max (null for
#   "max");
# - frozen: v1 freezer.state FROZEN/THAWED and v2 cgroup.freeze;
# - --cgroup with an absolute cgroupfs path and a hierarchy-relative path,
#   in JSON and text (the child indented by two more columns), and bad
#   paths (exit 2, one line naming the path and the mounted hierarchies,
#   then the Try line).
#
# Safety: the cleanup is registered before anything is made; it thaws our
# cgroups, kills our processes by PID, then removes our cgroups deepest
# first, even when the test fails. It touches nothing else. The processes
# move themselves into their cgroups (their own PID into cgroup.procs)
# before they exec the helper, so what they charge is counted there from
# their start: v1 memory does not move charges made before a move.
#
# The CPU ranges are tried up to 3 times, as other work may share the 2
# cores; the test also measures the cgroups' usage itself from cgroupfs
# over the same time, and when even that says the burn never had a CPU to
# itself, the range check is reported as skipped (TAP SKIP), not passed.
. "$SRCDIR/tests/lib.sh"
need_root "creates cgroups and moves its processes into them"
need_cmd jq awk find

CG=/sys/fs/cgroup
T=nstop-test-$$
MiB=1048576

# Every hierarchy used must be mounted at $CG/NAME and named NAME in
# /proc/self/cgroup (unified: the "0::" line).
for h in cpu cpuacct memory pids freezer blkio unified; do
        awk -v m="$CG/$h" '$5 == m { f = 1 } END { exit !f }' /proc/self/mountinfo ||
                skip_all "needs the cgroup hierarchy $h mounted at $CG/$h (a hybrid layout)"
        if [ $h = unified ]; then
                grep -q '^0::' /proc/self/cgroup || skip_all "no cgroup2 line in /proc/self/cgroup"
        else
                grep -q "^[0-9]*:$h:" /proc/self/cgroup || skip_all "no v1 hierarchy named $h in /proc/self/cgroup"
        fi
done
for f in $CG/cpu/cpu.cfs_quota_us $CG/unified/cpu.stat $CG/unified/cgroup.subtree_control; do
        [ -f "$f" ] || skip_all "needs $f"
done

# ---- cleanup, registered first ---------------------------------------
created= # our cgroup directories, newest (deepest) first
our_pids=
tmp=

cg_cleanup() {
        for _d in $created; do
                [ -f "$_d/freezer.state" ] && echo THAWED >"$_d/freezer.state"
                [ -f "$_d/cgroup.freeze" ] && echo 0 >"$_d/cgroup.freeze"
        done
        for _p in $our_pids; do
                kill -KILL "$_p" 2>/dev/null
        done
        for _p in $our_pids; do
                wait "$_p" 2>/dev/null
        done
        # A cgroup stays busy until its last task has exited: retry a little.
        for _d in $created; do
                _i=0
                while [ -d "$_d" ] && ! rmdir "$_d" 2>/dev/null && [ $_i -lt 50 ]; do
                        sleep 0.1
                        _i=$((_i + 1))
                done
        done
        [ -n "$tmp" ] && rm -rf "$tmp"
        return 0
}
cleanup_add cg_cleanup

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nstop-test-cg.XXXXXX") || exit 1

# bail WHY: a setup step failed; report it and stop (the trap cleans up).
bail() {
        ok 1 "setup: $*"
        done_testing
        exit 1
}

# mk DIR [FILE VALUE]...: makes our cgroup DIR, then writes each VALUE to
# DIR/FILE.
mk() {
        _dir=$1
        shift
        mkdir "$_dir" || bail "mkdir $_dir"
        created="$_dir $created"
        while [ $# -ge 2 ]; do
                echo "$2" >"$_dir/$1" || bail "write $2 to $_dir/$1"
                shift 2
        done
}

# start_in NAME "DIR..." CMD...: runs CMD in the background after it has
# written its own PID into each DIR/cgroup.procs; waits for its "ready".
# Its PID is left in $bg_pid; its output is in $tmp/NAME.out.
start_in() {
        _out=$tmp/$1.out
        _dirs=$2
        shift 2
        sh -c 'for d in $0; do echo $$ >"$d/cgroup.procs" || exit 1; done; exec "$@"' "$_dirs" "$@" >"$_out" 2>&1 &
        bg_pid=$!
        our_pids="$our_pids $bg_pid"
        wait_for "grep -q ready '$_out'" || bail "$* did not start in $_dirs: $(cat "$_out")"
}

# ---- our cgroups and processes ---------------------------------------
mk $CG/cpuacct/$T-a
mk $CG/unified/$T-a
mk $CG/pids/$T-a pids.max 50
mk $CG/blkio/$T-a
mk $CG/cpu/$T-quota cpu.cfs_period_us 100000 cpu.cfs_quota_us 50000
mk $CG/cpuacct/$T-quota
mk $CG/memory/$T-mem memory.limit_in_bytes $((512 * MiB))
mk $CG/memory/$T-mem/child
mk $CG/memory/$T-empty
mk $CG/pids/$T-nomax
mk $CG/freezer/$T-frz
mk $CG/unified/$T-frz

start_in burn "$CG/cpuacct/$T-a $CG/unified/$T-a $CG/pids/$T-a $CG/blkio/$T-a" "$HELPERS/burn"
burn=$bg_pid
start_in burnq "$CG/cpu/$T-quota $CG/cpuacct/$T-quota" "$HELPERS/burn"
burnq=$bg_pid
start_in hold "$CG/memory/$T-mem $CG/pids/$T-a" "$HELPERS/hold" 100
hold=$bg_pid
start_in holdc "$CG/memory/$T-mem/child $CG/pids/$T-nomax" "$HELPERS/hold" 1
holdc=$bg_pid
start_in holdf "$CG/freezer/$T-frz" "$HELPERS/hold" 1
holdf=$bg_pid
start_in holdu "$CG/unified/$T-frz" "$HELPERS/hold" 1
holdu=$bg_pid
diag "burn $burn, burnq $burnq, hold $hold, holdc $holdc, holdf $holdf, holdu $holdu"

# ---- helpers -----------------------------------------------------------
# snap FILE NSTOP-ARGS...: one JSON snapshot of the whole system.
snap() {
        _f=$1
        shift
        "$NSTOP" -b -J "$@" >"$_f" 2>"$_f.err"
}

# cgq FILE HIERARCHY PATH EXPR: EXPR on that cgroup's entry (jq -r).
cgq() { jq -r --arg h "$2" --arg p "$3" ".cgroups[] | select(.hierarchy == \$h and .path == \$p) | $4" "$1"; }

# in_range VALUE LOW HIGH: LOW <= VALUE <= HIGH (decimals allowed).
in_range() { awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v != "" && v != "null" && v + 0 >= lo && v + 0 <= hi) }'; }

sorted() { printf '%s\n' "$@" | sort -n | awk 'NF' | paste -sd ' ' -; }
now() { date +%s.%N; }
# Usage in microseconds, from the files nstop reads.
usage_v1() { awk '{ printf "%.0f", $1 / 1000 }' "$CG/cpuacct/$1/cpuacct.usage"; }
usage_v2() { awk '$1 == "usage_usec" { print $2 }' "$CG/unified/$1/cpu.stat"; }
pct() { awk -v a="$1" -v b="$2" -v t0="$3" -v t1="$4" 'BEGIN { printf "%.1f", (b - a) / 1e6 / (t1 - t0) * 100 }'; }

# ---- the main snapshot (rates over 2 s) ---------------------------------
m=$tmp/main.json
for try in 1 2 3; do
        t0=$(now)
        a0=$(usage_v1 $T-a) u0=$(usage_v2 $T-a) q0=$(usage_v1 $T-quota)
        snap "$m" -d 2
        st=$?
        a1=$(usage_v1 $T-a) u1=$(usage_v2 $T-a) q1=$(usage_v1 $T-quota)
        t1=$(now)
        own_a=$(pct "$a0" "$a1" "$t0" "$t1")
        own_u=$(pct "$u0" "$u1" "$t0" "$t1")
        own_q=$(pct "$q0" "$q1" "$t0" "$t1")
        cpu_a=$(cgq "$m" cpuacct /$T-a .cpu_percent)
        cpu_u=$(cgq "$m" unified /$T-a .cpu_percent)
        cpu_q=$(cgq "$m" cpuacct /$T-quota .cpu_percent)
        in_range "$cpu_a" 80 120 && in_range "$cpu_u" 80 120 && in_range "$cpu_q" 35 65 && break
        diag "try $try: nstop shows $cpu_a/$cpu_u/$cpu_q % (cpuacct, unified, quota); cgroupfs says $own_a/$own_u/$own_q %"
done
ok "$st" "nstop -b -J -d 2 exits 0"

# ---- membership -----------------------------------------------------------
# members HIERARCHY PATH PID...: that cgroup is listed once, with exactly
# those processes.
members() {
        _h=$1 _p=$2
        shift 2
        _want=$(sorted "$@")
        _n=$(jq --arg h "$_h" --arg p "$_p" '[.cgroups[] | select(.hierarchy == $h and .path == $p)] | length' "$m")
        _got=$(cgq "$m" "$_h" "$_p" '.pids | sort | map(tostring) | join(" ")')
        _np=$(cgq "$m" "$_h" "$_p" .nprocs)
        [ "$_n" = 1 ] && [ "$_got" = "$_want" ] && [ "$_np" = $# ]
        ok $? "$_h $_p is listed once (got $_n) with pids [$_want] (got [$_got], nprocs $_np)"
}
members cpuacct /$T-a $burn
members unified /$T-a $burn
members pids /$T-a $burn $hold
members blkio /$T-a $burn
members cpu /$T-quota $burnq
members cpuacct /$T-quota $burnq
members memory /$T-mem $hold
members memory /$T-mem/child $holdc
members memory /$T-empty
members pids /$T-nomax $holdc
members freezer /$T-frz $holdf
members unified /$T-frz $holdu
got=$(cgq "$m" memory /$T-empty .nprocs)
check "the empty cgroup memory /$T-empty has nprocs 0 (got $got)" [ "$got" = 0 ]
got=$(cgq "$m" memory /$T-mem/child .parent)
check "memory /$T-mem/child has parent /$T-mem (got $got)" [ "$got" = "/$T-mem" ]
got=$(cgq "$m" memory /$T-mem .parent)
check "memory /$T-mem has parent / (got $got)" [ "$got" = / ]
got=$(cgq "$m" unified /$T-a '"\(.version) \(.mount)"')
check "unified /$T-a is version 2 at $CG/unified (got $got)" [ "$got" = "2 $CG/unified" ]
got=$(cgq "$m" memory /$T-mem '"\(.version) \(.mount) \(.controllers | join(","))"')
check "memory /$T-mem is version 1 at $CG/memory, controllers memory (got $got)" \
        [ "$got" = "1 $CG/memory memory" ]

# Each process's cgroups map is /proc/PID/cgroup, hierarchy for hierarchy.
for p in $burn $burnq $hold $holdc $holdf $holdu; do
        want=$(jq -R -s -S -c 'split("\n") | map(select(length > 0) | capture("^[0-9]+:(?<h>[^:]*):(?<p>.*)$")
                | {key: (if .h == "" then "unified" else .h end), value: .p}) | from_entries' "/proc/$p/cgroup")
        got=$(jq -S -c ".processes[] | select(.pid == $p) | .cgroups" "$m")
        [ -n "$got" ] && [ "$got" = "$want" ]
        ok $? "pid $p: cgroups map equals /proc/$p/cgroup"
        [ "$got" = "$want" ] || diag "nstop $got, /proc $want"
done
got=$(jq -r ".processes[] | select(.pid == $holdc) | .cgroups.memory" "$m")
check "holdc's cgroups map names memory /$T-mem/child (got $got)" [ "$got" = "/$T-mem/child" ]

# ---- CPU -------------------------------------------------------------------
# cpu_check WHAT NSTOP OWN LOW HIGH: NSTOP in LOW..HIGH, skipped when even
# cgroupfs says the burn did not get that much (a saturated machine).
cpu_check() {
        if in_range "$2" "$4" "$5" || in_range "$3" "$4" 1000; then
                check "$1 shows $4..$5 % CPU (got $2, cgroupfs $3)" in_range "$2" "$4" "$5"
        else
                ok 0 "$1 shows $4..$5 % CPU # SKIP the machine is saturated: cgroupfs says $3 %"
        fi
}
# agrees WHAT NSTOP OWN: within 10 points of what cgroupfs says over the
# same time (which holds however busy the machine is).
agrees() {
        check "$1 agrees with cgroupfs within 10 points (nstop $2, cgroupfs $3)" \
                in_range "$2" "$(awk -v v="$3" 'BEGIN { print v - 10 }')" "$(awk -v v="$3" 'BEGIN { print v + 10 }')"
}
agrees "cpuacct /$T-a cpu_percent" "$cpu_a" "$own_a"
agrees "unified /$T-a cpu_percent" "$cpu_u" "$own_u"
agrees "cpuacct /$T-quota cpu_percent" "$cpu_q" "$own_q"
cpu_check "cpuacct /$T-a (one burn, cpuacct.usage)" "$cpu_a" "$own_a" 80 120
cpu_check "unified /$T-a (one burn, cpu.stat usage_usec)" "$cpu_u" "$own_u" 80 120
cpu_check "cpuacct /$T-quota (burn under quota 0.5)" "$cpu_q" "$own_q" 35 65
check "and under 65 % whatever the load (got $cpu_q)" in_range "$cpu_q" 0 65
got=$(cgq "$m" cpu /$T-quota '"\(.cpu_quota_usec) \(.cpu_period_usec)"')
check "cpu /$T-quota: cpu_quota_usec 50000, cpu_period_usec 100000 (got $got)" [ "$got" = "50000 100000" ]
got=$(cgq "$m" cpu /$T-quota .throttling.nr_throttled)
check "cpu /$T-quota: throttling.nr_throttled > 0 (got $got)" in_range "$got" 1 1e15
got=$(cgq "$m" cpu /$T-quota .throttling.nr_periods)
check "cpu /$T-quota: throttling.nr_periods >= nr_throttled (got $got)" \
        in_range "$got" "$(cgq "$m" cpu /$T-quota .throttling.nr_throttled)" 1e15
got=$(cgq "$m" unified /$T-a .cpu_usage_usec)
check "unified /$T-a: cpu_usage_usec is a count (got $got)" in_range "$got" 1 1e15

# ---- memory ------------------------------------------------------------------
got=$(cgq "$m" memory /$T-mem .memory_bytes)
check "memory /$T-mem holding 100 MiB: memory_bytes >= 100 MiB (got $got)" in_range "$got" $((100 * MiB)) $((512 * MiB))
got=$(cgq "$m" memory /$T-mem .memory_limit_bytes)
check "memory /$T-mem: memory_limit_bytes 536870912 (got $got)" [ "$got" = 536870912 ]
got=$(cgq "$m" memory /$T-empty .memory_limit_bytes)
check "memory /$T-empty without a limit: memory_limit_bytes null (got $got)" [ "$got" = null ]
got=$(cgq "$m" unified /$T-a .memory_bytes)
check "unified /$T-a (no memory controller): memory_bytes null, not 0 (got $got)" [ "$got" = null ]
got=$(cgq "$m" unified /$T-a .memory_limit_bytes)
check "unified /$T-a: memory_limit_bytes null (got $got)" [ "$got" = null ]

# ---- pids --------------------------------------------------------------------
for c in $T-a $T-nomax; do
        file=$(cat "$CG/pids/$c/pids.current")
        got=$(cgq "$m" pids "/$c" .pids_current)
        check "pids /$c: pids_current is pids.current (got $got, file $file)" [ "$got" = "$file" ]
done
got=$(cgq "$m" pids /$T-a .pids_current)
check "pids /$T-a holds our 2 single-threaded processes (got $got)" [ "$got" = 2 ]
got=$(cgq "$m" pids /$T-a .pids_limit)
[ "$got" = 50 ] && [ "$(cat $CG/pids/$T-a/pids.max)" = 50 ]
ok $? "pids /$T-a: pids_limit 50, as pids.max (got $got)"
got=$(cgq "$m" pids /$T-nomax .pids_limit)
check "pids /$T-nomax (pids.max \"max\"): pids_limit null (got $got)" [ "$got" = null ]

# ---- frozen --------------------------------------------------------------------
got=$(cgq "$m" freezer /$T-frz '"\(.frozen) \(.freezer_state)"')
check "freezer /$T-frz before freezing: frozen false, THAWED (got $got)" [ "$got" = "false THAWED" ]
got=$(cgq "$m" unified /$T-frz .frozen)
check "unified /$T-frz before freezing: frozen false (got $got)" [ "$got" = false ]

f=$tmp/frozen.json
echo FROZEN >$CG/freezer/$T-frz/freezer.state
echo 1 >$CG/unified/$T-frz/cgroup.freeze
wait_for "grep -qx FROZEN $CG/freezer/$T-frz/freezer.state" || diag "the v1 freezer did not reach FROZEN"
wait_for "grep -qx 'frozen 1' $CG/unified/$T-frz/cgroup.events" || diag "cgroup.events did not say frozen 1"
snap "$f" -d 0.2
ok $? "nstop exits 0 with frozen cgroups"
got=$(cgq "$f" freezer /$T-frz '"\(.frozen) \(.freezer_state)"')
check "freezer /$T-frz after freezer.state=FROZEN: frozen true, FROZEN (got $got)" [ "$got" = "true FROZEN" ]
got=$(cgq "$f" unified /$T-frz .frozen)
check "unified /$T-frz after cgroup.freeze=1: frozen true (got $got)" [ "$got" = true ]

echo THAWED >$CG/freezer/$T-frz/freezer.state
echo 0 >$CG/unified/$T-frz/cgroup.freeze
wait_for "grep -qx THAWED $CG/freezer/$T-frz/freezer.state" || diag "the v1 freezer did not thaw"
wait_for "grep -qx 'frozen 0' $CG/unified/$T-frz/cgroup.events" || diag "cgroup.events did not say frozen 0"
snap "$f" -d 0.2
got=$(cgq "$f" freezer /$T-frz '"\(.frozen) \(.freezer_state)"')
check "freezer /$T-frz after THAWED: frozen false, THAWED (got $got)" [ "$got" = "false THAWED" ]
got=$(cgq "$f" unified /$T-frz .frozen)
check "unified /$T-frz after cgroup.freeze=0: frozen false (got $got)" [ "$got" = false ]

# ---- --cgroup ------------------------------------------------------------------
cgs() { jq -r '[.cgroups[] | "\(.hierarchy) \(.path)"] | sort | join(",")' "$1"; }
procs() { jq -r '[.processes[].pid] | sort | map(tostring) | join(" ")' "$1"; }

g=$tmp/sub.json
snap "$g" -d 0.2 --cgroup $CG/memory/$T-mem
ok $? "--cgroup $CG/memory/$T-mem exits 0"
got=$(cgs "$g")
check "it lists only memory /$T-mem and its child (got $got)" [ "$got" = "memory /$T-mem,memory /$T-mem/child" ]
got=$(procs "$g")
want=$(sorted $hold $holdc)
check "and only the processes inside: $want (got $got)" [ "$got" = "$want" ]

snap "$g" -d 0.2 --cgroup $CG/memory/$T-mem/
got=$(cgs "$g")
check "a trailing slash is the same cgroup (got $got)" [ "$got" = "memory /$T-mem,memory /$T-mem/child" ]

# cpu is a prefix of cpuacct as a string, not as a path.
for h in cpu cpuacct; do
        snap "$g" -d 0.2 --cgroup $CG/$h/$T-quota
        got="$(cgs "$g") / $(procs "$g")"
        check "--cgroup $CG/$h/$T-quota: only that cgroup, with burnq (got $got)" \
                [ "$got" = "$h /$T-quota / $burnq" ]
done

snap "$g" -d 0.2 --cgroup /$T-a
ok $? "--cgroup /$T-a (relative to the hierarchy roots) exits 0"
got=$(cgs "$g")
want="blkio /$T-a,cpuacct /$T-a,pids /$T-a,unified /$T-a"
check "it lists /$T-a in each hierarchy where we made it (got $got)" [ "$got" = "$want" ]
got=$(procs "$g")
want=$(sorted $burn $hold)
check "and only the processes inside one of them: $want (got $got)" [ "$got" = "$want" ]

snap "$g" -d 0.2 --cgroup /$T-mem/child
got=$(cgs "$g")
check "--cgroup /$T-mem/child: only that cgroup (got $got)" [ "$got" = "memory /$T-mem/child" ]
got=$(procs "$g")
check "and only holdc (got $got)" [ "$got" = "$holdc" ]

# Text: the subtree, the child two columns further in than its parent.
x=$tmp/sub.txt
"$NSTOP" -b -d 0.2 --cgroup $CG/memory/$T-mem >"$x" 2>"$x.err"
ok $? "-b --cgroup $CG/memory/$T-mem exits 0"
check "the text names the memory hierarchy" grep -q "^Cgroup hierarchy memory (v1) at $CG/memory" "$x"
pcol=$(awk -v s="/$T-mem" 'length($0) > length(s) && substr($0, length($0) - length(s) + 1) == s { print length($0) - length(s) + 1; exit }' "$x")
ccol=$(awk '/ child$/ { print length($0) - 4; exit }' "$x")
check "the cgroup /$T-mem is shown (column ${pcol:-none})" [ -n "$pcol" ]
[ -n "$pcol" ] && [ -n "$ccol" ] && [ "$ccol" -eq $((${pcol:-0} + 2)) ]
ok $? "its child is indented two more (columns ${pcol:-none} and ${ccol:-none})"
check "no other cgroup is shown" [ "$(grep -c -e "/$T-mem\$" -e ' child$' "$x")" = 2 ]
! grep -q "^ *$burn " "$x"
ok $? "burn (outside the subtree) is not shown"

# Bad paths: exit 2, one line naming the path and the mounted hierarchies,
# then the Try line; nothing on stdout.
for bad in $CG/memory/nstop-test-nonexistent /nonexistent-xyz relative; do
        e=$tmp/bad.err
        "$NSTOP" -b -J --cgroup "$bad" >"$tmp/bad.out" 2>"$e"
        st=$?
        check "--cgroup $bad: exit 2 (got $st)" [ $st -eq 2 ]
        [ "$(wc -l <"$e")" -eq 2 ] && [ ! -s "$tmp/bad.out" ]
        ok $? "--cgroup $bad: two lines on stderr, nothing on stdout"
        l1=$(sed -n 1p "$e")
        case $l1 in
        "nstop: "*"'$bad'"*"memory at $CG/memory"*) r=0 ;;
        *) r=1 ;;
        esac
        ok $r "--cgroup $bad: the line names it and the mounted hierarchies"
        [ $r -eq 0 ] || diag "got: $l1"
        check "--cgroup $bad: then the Try line" \
                [ "$(sed -n 2p "$e")" = "Try 'nstop --help' for more information." ]
done

# ---- cleanup leaves nothing behind ---------------------------------------------
cg_cleanup
left=$(find $CG -maxdepth 3 -name "$T-*" 2>/dev/null)
check "cleanup removed every cgroup we made (left: ${left:-none})" [ -z "$left" ]
done_testing
