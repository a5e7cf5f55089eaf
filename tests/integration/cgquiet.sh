#!/bin/sh
# cgquiet.sh: when nothing changes in a cgroup tree, a refresh after the
# first lists none of its directories and watches none again
# (src/sample/cgwalk.h): a directory is listed only after inotify said a
# child came or went; the re-read of an empty cgroup every
# CG_QUIET_MAX_AGE (10 s) reads its files, not its children. Nor does a
# change of the mount table that leaves the cgroup mounts as they were
# (anything mounted anywhere: a container, a network namespace bound).
#
# The test makes an empty tree nstop-test-$$-quiet (a cgroup and 20
# children) in the unified hierarchy and runs nstop for 12 samples 1 s
# apart (past the 10 s re-read of each empty cgroup) under strace, in a
# mount namespace of its own where it mounts a tmpfs after the third
# snapshot. It counts the inotify_add_watch and getdents64 calls on the
# tree's directories after the first sample: there must be none.
. "$SRCDIR/tests/lib.sh"
need_root "makes cgroups and a mount namespace"
need_cmd strace unshare
. "$SRCDIR/tests/integration/live-lib.sh"

U=/sys/fs/cgroup/unified
[ -f "$U/cgroup.procs" ] || U=/sys/fs/cgroup
[ -f "$U/cgroup.procs" ] && awk -v m="$U" '$5 == m && / - cgroup2 / { f = 1 } END { exit !f }' /proc/self/mountinfo ||
        skip_all "no cgroup2 mount at /sys/fs/cgroup/unified or /sys/fs/cgroup"
T=nstop-test-$$-quiet
cleanup_add "rmdir_cg '$U/$T'"
mkdir "$U/$T" || skip_all "cannot make $U/$T"
i=1
while [ $i -le 20 ]; do
        cleanup_add "rmdir_cg '$U/$T/c$i'"
        mkdir "$U/$T/c$i"
        i=$((i + 1))
done

fast=
strace -f --seccomp-bpf -e trace=openat -o /dev/null true 2>/dev/null && fast="-f --seccomp-bpf"
mkdir "$live_tmp/mnt"
# The clock_nanosleep between samples marks where each refresh ends. The
# mount namespace (and the tmpfs in it) goes when its last process ends.
# shellcheck disable=SC2016
ASAN_OPTIONS=detect_leaks=0 unshare -m --propagation private sh -c '
        strace $1 -qq -y -e trace=inotify_add_watch,getdents64,clock_nanosleep -o "$2/trace" \
                "$3" -b -J -n 11 -d 1 -p $$ >"$2/out" 2>"$2/err" &
        n=$!
        i=0
        while [ "$(wc -l <"$2/out")" -lt 3 ] && [ $i -lt 200 ]; do
                sleep 0.1
                i=$((i + 1))
        done
        mount -t tmpfs nstop-test-quiet "$2/mnt" || echo "mount failed" >"$2/nomount"
        wait $n' sh "$fast" "$live_tmp" "$NSTOP" &
runner=$!
cleanup_add "kill_pid $runner"
wait "$runner"
ok $? "nstop -b -J -n 11 -d 1 runs under strace in a mount namespace of its own"
check "it printed 11 snapshots" [ "$(wc -l <"$live_tmp/out")" -eq 11 ]
check "a tmpfs was mounted there after the third" [ ! -e "$live_tmp/nomount" ]

# The tree's calls after the first sample (its end: the first sleep).
later=$live_tmp/later
awk '/clock_nanosleep/ { seen = 1 } seen' "$live_tmp/trace" | grep -F "$U/$T" >"$later"
first=$(awk '/clock_nanosleep/ { exit } 1' "$live_tmp/trace" | grep -F "$U/$T" | grep -c inotify_add_watch)
check "the first sample watched the tree's 21 directories (got $first)" [ "$first" -eq 21 ]
n=$(grep -c inotify_add_watch "$later")
check "the 11 later samples watched none of them again (got $n)" [ "$n" -eq 0 ]
n=$(grep -c getdents64 "$later")
check "and listed none of them (got $n)" [ "$n" -eq 0 ]
[ -s "$later" ] && diag "later calls: $(head -5 "$later")"

done_testing
