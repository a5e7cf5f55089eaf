#!/bin/sh
# lsns.sh: nstop's namespace list agrees with lsns(8) on the live system.
#
# While boxes of our own exist (new mnt/uts/ipc/net/pid namespaces, a user
# namespace, a zombie, and a bind-mounted net namespace when ip(8) is
# there), every namespace lsns lists must appear in nstop with the same
# type and number of processes, and every namespace nstop lists beyond
# lsns must be one that lsns cannot see: no process, held by a bind mount.
#
# Other processes on the machine come and go between the two programs, so
# each attempt runs lsns before and after nstop: an entry whose count
# changed between the two lsns runs is in flux and is not held against
# nstop, everything else must agree exactly. An attempt is short (about
# 0.2 s); up to 15 of them, as a loop forking children elsewhere on the
# machine (churn.sh, run in parallel by make -j) can spoil several in a
# row. A real disagreement (one namespace always counted differently)
# fails them all.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/live-lib.sh"
need_root "reads every process's namespaces"
need_cmd lsns jq unshare ps

start_box full --net --uts --ipc --mount --pid --fork --mount-proc || exit 1
full=$box_pid
full_inner=$box_inner
start_box user --user --map-root-user || exit 1
user=$box_pid
# A zombie: its parent execs a sleep that never reaps it. The kernel still
# shows its pid and user links (not the others), and lsns counts it there.
spawn sh -c 'sleep 0 & exec sleep 1000'
zparent=$bg_pid
wait_for '_z=$(child_of $zparent) && [ -n "$_z" ] && [ "$(awk "{print \$3}" /proc/$_z/stat 2>/dev/null)" = Z ]' ||
        diag "no zombie made"
zombie=$(child_of "$zparent")
netns=
if command -v ip >/dev/null 2>&1 && ip netns add "nstop-test-$$" 2>/dev/null; then
        netns=nstop-test-$$
        cleanup_add "ip netns delete $netns"
fi

# The comparison (jq): $n nstop's snapshot, $a and $b lsns before and after.
# Prints one line per disagreement; nothing means agreement.
cmp_prog='
def lmap: map({key: "\(.type):\(.ns)", value: .nprocs}) | from_entries;
($n[0].namespaces | map({key: "\(.type):\(.inode)", value: .}) | from_entries) as $N
| ($a[0].namespaces | lmap) as $A
| ($b[0].namespaces | lmap) as $B
| ( ($A | to_entries[]
     | select($B[.key] == .value)
     | select($N[.key] == null or $N[.key].nprocs != .value)
     | "lsns lists \(.key) with nprocs \(.value); nstop: \($N[.key].nprocs // "missing")"),
    ($A | to_entries[]
     | select($B[.key] != null and $B[.key] != .value and $N[.key] == null)
     | "lsns lists \(.key) in both runs; nstop misses it"),
    ($N | to_entries[]
     | select($A[.key] == null and $B[.key] == null)
     | select(.value.nprocs != 0 or (.value.bind_mounts | length) == 0)
     | "nstop lists \(.key) (nprocs \(.value.nprocs), bind mounts \(.value.bind_mounts)) that lsns does not") )
'
# How many entries were held against nstop (stable in both lsns runs).
stable_prog='
def lmap: map({key: "\(.type):\(.ns)", value: .nprocs}) | from_entries;
($a[0].namespaces | lmap) as $A | ($b[0].namespaces | lmap) as $B
| [$A | to_entries[] | select($B[.key] == .value)] | length
'

agreed=1
attempt=0
while [ $attempt -lt 15 ]; do
        attempt=$((attempt + 1))
        lsns -J -o NS,TYPE,NPROCS >"$live_tmp/a.json" || break
        snap "$live_tmp/n.json" -d 0.05 || break
        lsns -J -o NS,TYPE,NPROCS >"$live_tmp/b.json" || break
        jq -r -n --slurpfile n "$live_tmp/n.json" --slurpfile a "$live_tmp/a.json" \
                --slurpfile b "$live_tmp/b.json" "$cmp_prog" >"$live_tmp/diff" || break
        stable=$(jq -r -n --slurpfile a "$live_tmp/a.json" --slurpfile b "$live_tmp/b.json" "$stable_prog")
        if [ ! -s "$live_tmp/diff" ]; then
                agreed=0
                break
        fi
        diag "attempt $attempt: $(wc -l <"$live_tmp/diff") differences"
        head -n 10 "$live_tmp/diff" | sed 's/^/#   /'
done
ok $agreed "nstop and lsns agree on every stable namespace (attempt $attempt, $stable entries compared)"

n=$live_tmp/n.json
# Our own namespaces are stable, so the comparison above must have covered
# them; check that they are really there, with the counts we know.
for t in mnt uts ipc net pid; do
        ino=$(ns_ino "$full_inner" $t)
        want=2
        [ $t = pid ] && want=1 # unshare itself stays in the old pid namespace
        got=$(jqf "$n" ".namespaces[] | select(.type == \"$t\" and .inode == $ino) | .nprocs")
        check "box $t namespace listed with $want processes (got '${got}')" [ "$got" = "$want" ]
        lsns_n=$(jqf "$live_tmp/b.json" ".namespaces[] | select(.type == \"$t\" and .ns == $ino) | .nprocs")
        check "lsns agrees on the box $t namespace" [ "$lsns_n" = "$got" ]
done
ino=$(ns_ino "$user" user)
got=$(jqf "$n" ".namespaces[] | select(.type == \"user\" and .inode == $ino) | .nprocs")
check "user box namespace listed with 1 process (got '${got}')" [ "$got" = 1 ]

if [ -n "$netns" ]; then
        ino=$(stat -L -c %i "/run/netns/$netns")
        got=$(jqf "$n" ".namespaces[] | select(.type == \"net\" and .inode == $ino) | \"\(.nprocs) \(.bind_mounts | index(\"/run/netns/$netns\") != null)\"")
        check "bind-mounted net namespace explained: nprocs 0 and its mount (got '${got}')" [ "$got" = "0 true" ]
        # lsns 2.38 does not list it; later versions may (with nprocs 0,
        # which the comparison above then holds nstop to).
        got=$(jqf "$live_tmp/b.json" ".namespaces[] | select(.type == \"net\" and .ns == $ino) | .nprocs")
        diag "lsns lists the bind-mounted net namespace: ${got:-no}"
else
        diag "ip netns unavailable: bind-mount case not exercised here (see netns.sh)"
fi

# The zombie is a member of exactly our pid and user namespaces.
got=$(jqf "$n" "[.namespaces[] | select(.pids | index($zombie)) | .type] | sort | join(\",\")")
check "zombie $zombie is counted in the pid and user namespaces only (got '$got')" [ "$got" = pid,user ]

# Every type lsns knows of appears in nstop too.
types_l=$(jqf "$live_tmp/b.json" '[.namespaces[].type] | unique | join(",")')
types_n=$(jqf "$n" '[.namespaces[].type] | unique | join(",")')
check "same namespace types ($types_l vs $types_n)" [ "$types_l" = "$types_n" ]
done_testing
