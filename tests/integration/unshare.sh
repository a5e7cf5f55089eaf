#!/bin/sh
# unshare.sh: processes in new namespaces, as nstop reports them.
#
# Boxes: (1) new mnt, uts, ipc, net and pid namespaces (unshare --fork, so
# unshare itself joins all but the pid one and its child all of them);
# (2) a new user namespace as root of it, owning a new net and uts
# namespace; (3) new cgroup and time namespaces when the kernel allows.
# For every process of every box, nstop's ns inodes equal what stat(1)
# says of /proc/PID/ns/TYPE; every new namespace is listed with as many
# processes as we put there, owned by the right user namespace, with the
# initial namespace as parent for pid and user namespaces; the user
# namespace's creator uid is ours; and --ns net:INODE selects exactly the
# box's processes. Inodes are compared with each other, never with
# constants.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/live-lib.sh"
need_root "creates namespaces"
need_cmd jq unshare ps stat

init_user=$(ns_ino self user)
init_pid=$(ns_ino self pid)
types=$(live_ns_types)

start_box full --net --uts --ipc --mount --pid --fork --mount-proc || exit 1
full=$box_pid
full_inner=$box_inner
start_box user --user --map-root-user --net --uts || exit 1
user=$box_pid
extra=
extra_inner=
extra_flags=
for f in --cgroup --time; do
        unshare $f true 2>/dev/null && extra_flags="$extra_flags $f"
done
if [ -n "$extra_flags" ]; then
        # shellcheck disable=SC2086 # the flags are words on purpose
        start_box extra $extra_flags --fork || exit 1
        extra=$box_pid
        extra_inner=$box_inner
else
        diag "this kernel refuses new cgroup and time namespaces: box 3 skipped"
fi

n=$live_tmp/n.json
snap "$n" -d 0.2
ok $? "nstop -b -J exits 0"

# proc_ns PID TYPE: the inode nstop reports for that process.
proc_ns() { jqf "$n" ".processes[] | select(.pid == $1) | .ns.$2"; }
# ns_field TYPE INODE FIELD: a field of that namespace record.
ns_field() { jqf "$n" ".namespaces[] | select(.type == \"$1\" and .inode == $2) | .$3"; }

# Every process of every box: its links as stat(1) sees them.
for p in $full $full_inner $user $extra $extra_inner; do
        bad=
        for t in $types; do
                want=$(ns_ino "$p" "$t")
                got=$(proc_ns "$p" "$t")
                [ -n "$want" ] && [ "$got" = "$want" ] || bad="$bad $t($got vs $want)"
        done
        check "pid $p ($(comm_of "$p")): every ns inode equals stat -L /proc/$p/ns/TYPE${bad:+ -- differs:$bad}" [ -z "$bad" ]
done

# expect_ns TYPE PID NPROCS OWNER [PARENT]: the namespace PID is in has
# NPROCS members, OWNER as its owning user ns and (pid and user types)
# PARENT as its parent.
expect_ns() {
        ino=$(ns_ino "$2" "$1")
        got=$(ns_field "$1" "$ino" nprocs)
        check "$1 namespace of pid $2 has $3 processes (got '$got')" [ "$got" = "$3" ]
        got=$(ns_field "$1" "$ino" owner)
        check "$1 namespace of pid $2 is owned by user ns $4 (got '$got')" [ "$got" = "$4" ]
        if [ $# -ge 5 ]; then
                got=$(ns_field "$1" "$ino" parent)
                check "$1 namespace of pid $2 has parent $5 (got '$got')" [ "$got" = "$5" ]
        fi
}

# Box 1: unshare and its child share all but the pid namespace.
for t in mnt uts ipc net; do
        expect_ns $t "$full_inner" 2 "$init_user"
done
expect_ns pid "$full_inner" 1 "$init_user" "$init_pid"
check "box 1's pid namespace is new" [ "$(ns_ino "$full_inner" pid)" != "$init_pid" ]
ino=$(ns_ino "$full_inner" pid)
got=$(ns_field pid "$ino" pids)
check "box 1's pid namespace lists exactly its sleep (got $(echo $got))" \
        [ "$(echo $got)" = "[ $full_inner ]" ]

# --ns net:INODE: exactly the box's two processes, and only that namespace.
ino=$(ns_ino "$full_inner" net)
snap "$live_tmp/f.json" -d 0.1 --ns "net:$ino"
ok $? "nstop --ns net:INODE exits 0"
got=$(jqf "$live_tmp/f.json" '[.processes[].pid] | sort | map(tostring) | join(" ")')
want=$(printf '%s\n' "$full" "$full_inner" | sort -n | tr '\n' ' ' | sed 's/ $//')
check "--ns net:INODE shows exactly the box's processes ($want; got '$got')" [ "$got" = "$want" ]
got=$(jqf "$live_tmp/f.json" '[.namespaces[] | "\(.type):\(.inode)"] | join(" ")')
check "--ns net:INODE shows only that namespace (got '$got')" [ "$got" = "net:$ino" ]

# Box 2: a user namespace whose creator is root, owning its net and uts.
box_user=$(ns_ino "$user" user)
check "box 2's user namespace is new" [ "$box_user" != "$init_user" ]
expect_ns user "$user" 1 "$init_user" "$init_user"
got=$(ns_field user "$box_user" owner_uid)
check "box 2's user namespace has owner_uid $(id -u) (got '$got')" [ "$got" = "$(id -u)" ]
got=$(ns_field user "$init_user" owner_uid)
check "the initial user namespace has owner_uid 0 (got '$got')" [ "$got" = 0 ]
got=$(ns_field user "$init_user" parent)
check "the initial user namespace has no parent (got '$got')" [ "$got" = null ]
got=$(ns_field pid "$init_pid" parent)
check "the initial pid namespace has no parent (got '$got')" [ "$got" = null ]
expect_ns net "$user" 1 "$box_user"
expect_ns uts "$user" 1 "$box_user"

# Box 3: cgroup (unshare and child) and time (the child only) namespaces.
if [ -n "$extra" ]; then
        case $extra_flags in *--cgroup*) expect_ns cgroup "$extra_inner" 2 "$init_user" ;; esac
        case $extra_flags in *--time*) expect_ns time "$extra_inner" 1 "$init_user" ;; esac
fi
done_testing
