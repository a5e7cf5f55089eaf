#!/bin/sh
# cgkept.sh: a cgroup whose counters are read every refresh (processes in
# it, its directory watched) keeps its counter files open and reads them
# again with one pread each (src/sample/cgwalk.h), yet its values move.
#
# The test makes nstop-test-$$-kept in the v1 memory and pids hierarchies
# and in the unified one, puts a sleep of its own there, and runs nstop
# under strace -y (which names the file of each fd and the directory each
# openat is relative to): 7 samples (a baseline and -n 6). Once the first
# snapshot is out, it adds two more sleeps to the pids cgroup and writes
# 8 MiB of page cache from a shell in the memory and unified cgroups.
# Then:
# - the counter files (pids.current, memory.usage_in_bytes, memory.failcnt,
#   unified cpu.stat and cpu.pressure) were opened at most twice (the first
#   read, when nstop does not yet know the cgroup has processes, and the
#   one that keeps them), not once per sample, but read every sample;
# - the memory cgroup's directory was not opened in every sample (on an
#   idle host 4 times of 7: the first read, the keep, the full read after
#   the move event, one 10 s re-read);
# - pids_current went from 1 to 3, memory_bytes grew by the 8 MiB, the
#   unified cpu_usage_usec grew (the writer's CPU time).
. "$SRCDIR/tests/lib.sh"
need_root "makes cgroups and moves its own processes into them"
need_cmd strace jq
. "$SRCDIR/tests/integration/live-lib.sh"

R=/sys/fs/cgroup
for h in memory pids unified; do
        [ -f "$R/$h/cgroup.procs" ] || skip_all "no $h hierarchy at $R/$h (a hybrid cgroup layout is needed)"
done
T=nstop-test-$$-kept
for h in memory pids unified; do
        cleanup_add "rmdir_cg '$R/$h/$T'"
        mkdir "$R/$h/$T" || skip_all "cannot make $R/$h/$T"
done

# into_cg PID HIERARCHY...: moves one of our processes into the test's
# cgroups (and registers its move back to the roots, run before the
# rmdirs).
into_cg() {
        _p=$1
        shift
        for _h in "$@"; do
                cleanup_add "echo $_p > '$R/$_h/cgroup.procs'"
                echo "$_p" >"$R/$_h/$T/cgroup.procs"
        done
}
spawn sleep 1000
first=$bg_pid
into_cg "$first" memory pids unified

# strace's seccomp filter stops nstop only at the traced calls (faster).
fast=
strace -f --seccomp-bpf -e trace=openat -o /dev/null true 2>/dev/null && fast="-f --seccomp-bpf"
out=$live_tmp/out
# LeakSanitizer cannot run under ptrace: in a sanitizer build, turn it off.
# shellcheck disable=SC2086
ASAN_OPTIONS=detect_leaks=0 strace $fast -qq -y -e trace=openat,pread64 -o "$live_tmp/trace" \
        "$NSTOP" -b -J -n 6 -d 0.3 -p "$first" >"$out" 2>"$live_tmp/err" &
nst=$!
cleanup_add "kill_pid $nst"
# The first snapshot (slow under strace on a host with many processes).
i=0
while [ ! -s "$out" ] && kill -0 "$nst" 2>/dev/null && [ $i -lt 1200 ]; do
        sleep 0.1
        i=$((i + 1))
done

spawn sleep 1000
into_cg "$bg_pid" pids
spawn sleep 1000
into_cg "$bg_pid" pids
sh -c "echo \$\$ >'$R/memory/$T/cgroup.procs' && echo \$\$ >'$R/unified/$T/cgroup.procs' &&
        exec head -c 8388608 /dev/zero >'$live_tmp/fill'"
wait "$nst"
ok $? "nstop -b -J -n 6 runs under strace"
check "it printed 6 snapshots" [ "$(wc -l <"$out")" -eq 6 ]

# val LINE HIERARCHY KEY: KEY of our cgroup in snapshot LINE (1 or $).
val() {
        sed -n "$1p" "$out" | jq -r --arg h "$2" --arg p "/$T" \
                ".cgroups[] | select(.hierarchy == \$h and .path == \$p) | .$3"
}
in_range() { awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v != "" && v != "null" && v + 0 >= lo && v + 0 <= hi) }'; }

a=$(val 1 pids pids_current) b=$(val '$' pids pids_current)
[ "$a" = 1 ] && [ "$b" = 3 ]
ok $? "pids $T: pids_current went from 1 to 3 (got $a, then $b)"
a=$(val 1 memory memory_bytes) b=$(val '$' memory memory_bytes)
check "memory $T: memory_bytes grew by the 8 MiB written (got $a, then $b)" \
        in_range "$b" "$(awk -v a="$a" 'BEGIN { printf "%.0f", a + 7 * 1048576 }')" 1e15
a=$(val 1 unified cpu_usage_usec) b=$(val '$' unified cpu_usage_usec)
check "unified $T: cpu_usage_usec grew (got $a, then $b)" in_range "$b" "$(awk -v a="$a" 'BEGIN { print a + 1 }')" 1e15

# opens H FILE: the opens of $R/H/$T/FILE by name; reads: its preads.
opens() { grep -F "<$R/$1/$T>, \"$2\"" "$live_tmp/trace" | wc -l; }
reads() { grep -F "pread64(" "$live_tmp/trace" | grep -Fc "<$R/$1/$T/$2>"; }
for hf in pids:pids.current memory:memory.usage_in_bytes memory:memory.failcnt unified:cpu.stat \
        unified:cpu.pressure; do
        h=${hf%%:*} f=${hf#*:}
        # PSI can be left out of the kernel, or off.
        [ -r "$R/$h/$T/$f" ] && cat "$R/$h/$T/$f" >/dev/null 2>&1 || continue
        o=$(opens "$h" "$f") r=$(reads "$h" "$f")
        [ "$o" -ge 1 ] && [ "$o" -le 2 ] && [ "$r" -ge 7 ]
        ok $? "$h $f: opened at most twice in 7 samples (got $o), read in each (got $r preads)"
done
o=$(grep -F "<$R/memory>, \"$T\"" "$live_tmp/trace" | grep -c O_DIRECTORY)
[ "$o" -ge 1 ] && [ "$o" -lt 7 ]
ok $? "memory $T: its directory not opened in every one of the 7 samples (got $o)"
grep -v "could not read" "$live_tmp/err" | grep . && diag "stderr: $(cat "$live_tmp/err")"

done_testing
