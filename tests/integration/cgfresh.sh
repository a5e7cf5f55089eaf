#!/bin/sh
# cgfresh.sh: what others change in a cgroup tree shows within 2 s in a
# running nstop, although nstop reads a process's cgroup lines, an empty
# cgroup's files and a directory's children again only when the kernel
# says something changed there (inotify; see src/sample/cgwalk.h):
# - a process that another moves into a cgroup made after nstop started;
# - a limit that another sets on an empty cgroup (nothing else would make
#   nstop read it again for 10 s);
# - a cgroup made, and one removed, under a cgroup nstop watches;
# - a limit set on the cgroup that now holds the process (its counters are
#   read every refresh, its limits only after an event);
# - block IO written from a blkio cgroup (a counter: no event);
# - the process moved back to the root.
# Each check looks only at snapshots taken 2 s or more after the change
# (and before the next one). The test works in the v1 pids hierarchy,
# in nstop-test-$$ cgroups of its own, and moves only its own sleep.
. "$SRCDIR/tests/lib.sh"
need_root "makes cgroups and moves its own process between them"
need_cmd jq
. "$SRCDIR/tests/integration/live-lib.sh"

CG=/sys/fs/cgroup/pids
[ -f "$CG/cgroup.procs" ] || skip_all "no v1 pids hierarchy at $CG"
T=nstop-test-$$
now() { date +%s.%N; }
# window FILE FROM TO: the JSON lines of FILE taken in [FROM + 2 s, TO).
window() {
        jq -c --argjson a "$2" --argjson b "$3" 'select(.timestamp >= $a + 2 and .timestamp < $b)' "$1"
}

cleanup_add "rmdir_cg '$CG/$T'"
cleanup_add "rmdir_cg '$CG/$T/gone'"
cleanup_add "rmdir_cg '$CG/$T/quiet'"
cleanup_add "rmdir_cg '$CG/$T/made'"
cleanup_add "rmdir_cg '$CG/$T/dest'"
mkdir "$CG/$T" "$CG/$T/quiet" "$CG/$T/gone"
BLK=/sys/fs/cgroup/blkio
[ -f "$BLK/cgroup.procs" ] || skip_all "no v1 blkio hierarchy at $BLK"
cleanup_add "rmdir_cg '$BLK/$T'"
mkdir "$BLK/$T"
spawn sleep 1000
pid=$bg_pid
# Back to the root before the cgroups go (the cleanups run in reverse).
cleanup_add "echo $pid > '$CG/cgroup.procs'"

run=$live_tmp/fresh.json
"$NSTOP" -b -J -n 1000 -d 0.5 >"$run" 2>"$run.err" &
nst=$!
cleanup_add "kill_pid $nst"
sleep 1.5

mkdir "$CG/$T/dest"
echo "$pid" >"$CG/$T/dest/cgroup.procs"
t_move=$(now)
sleep 3.6
echo 7 >"$CG/$T/quiet/pids.max"
echo 9 >"$CG/$T/dest/pids.max"
# 16 MiB written past the page cache, from the blkio cgroup: counted there
# at once.
sh -c "echo \$\$ >'$BLK/$T/cgroup.procs' && exec dd if=/dev/zero of='$live_tmp/io' bs=1M count=16 oflag=direct" 2>/dev/null
io_want=$(awk '$2 == "Write" { w += $3 } END { print w + 0 }' "$BLK/$T/blkio.throttle.io_service_bytes")
rm -f "$live_tmp/io"
t_limit=$(now)
sleep 3.6
mkdir "$CG/$T/made"
rmdir "$CG/$T/gone"
t_tree=$(now)
sleep 3.6
echo "$pid" >"$CG/cgroup.procs"
t_back=$(now)
sleep 3.8
kill -0 "$nst"
ok $? "nstop -b -J -d 0.5 ran all along"
kill_pid "$nst"
grep -v "could not read" "$run.err" | grep . && diag "stderr: $(cat "$run.err")"

# in_cg LINES PATH: every snapshot lists our pid in pids:PATH, and the
# process's own pids line names PATH.
in_cg() {
        [ -n "$1" ] && printf '%s\n' "$1" | jq -e --argjson p "$pid" --arg c "$2" \
                '([.cgroups[] | select(.hierarchy == "pids" and .path == $c) | .pids | index($p)] | .[0] != null)
                 and ([.processes[] | select(.pid == $p) | .cgroups.pids] == [$c])' >/dev/null &&
                ! printf '%s\n' "$1" | jq -e --argjson p "$pid" --arg c "$2" \
                        '([.cgroups[] | select(.hierarchy == "pids" and .path == $c) | .pids | index($p)] | .[0] == null)
                         or ([.processes[] | select(.pid == $p) | .cgroups.pids] != [$c])' >/dev/null
}

late=$(window "$run" "$t_move" "$t_limit")
in_cg "$late" "/$T/dest"
ok $? "a process moved by another into a new cgroup shows there within 2 s"

late=$(window "$run" "$t_limit" "$t_tree")
[ -n "$late" ] && ! printf '%s\n' "$late" | jq -e --arg c "/$T/quiet" \
        '[.cgroups[] | select(.hierarchy == "pids" and .path == $c) | .pids_limit] != [7]' >/dev/null
ok $? "a limit set by another on an empty cgroup shows within 2 s"
[ -n "$late" ] && ! printf '%s\n' "$late" | jq -e --arg c "/$T/dest" \
        '[.cgroups[] | select(.hierarchy == "pids" and .path == $c) | .pids_limit] != [9]' >/dev/null
ok $? "and one set on the cgroup that holds a process"
[ "$io_want" -ge 16777216 ] && [ -n "$late" ] && ! printf '%s\n' "$late" | jq -e --arg c "/$T" --argjson w "$io_want" \
        '[.cgroups[] | select(.hierarchy == "blkio" and .path == $c) | [.io_devices[].write_bytes] | add] != [$w]' >/dev/null
ok $? "block IO written from a cgroup shows in its counters within 2 s ($io_want bytes)"

late=$(window "$run" "$t_tree" "$t_back")
[ -n "$late" ] && ! printf '%s\n' "$late" | jq -e --arg m "/$T/made" --arg g "/$T/gone" \
        '([.cgroups[] | select(.hierarchy == "pids" and .path == $m)] | length) != 1
         or ([.cgroups[] | select(.hierarchy == "pids" and .path == $g)] | length) != 0' >/dev/null
ok $? "a cgroup made by another shows, and one removed is gone, within 2 s" ||
        diag "seen: $(printf '%s\n' "$late" | jq -c --arg t "/$T" '[.timestamp, [.cgroups[] | select(.hierarchy == "pids" and (.path | startswith($t))) | .path]]')"

late=$(window "$run" "$t_back" 9999999999)
in_cg "$late" "/"
ok $? "the process moved back to the root shows there within 2 s"

done_testing
