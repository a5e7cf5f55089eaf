#!/bin/sh
# netns.sh: a network namespace held only by a bind mount (ip netns add)
# is listed, with no process and its mount point, and disappears from the
# list once deleted.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/live-lib.sh"
need_root "ip netns add"
need_cmd ip jq stat

name=nstop-test-$$
path=/run/netns/$name
ip netns add "$name" || skip_all "ip netns add fails here"
cleanup_add "ip netns delete $name"
ino=$(stat -L -c %i "$path")
check "the namespace's mount is an nsfs file" [ "$(stat -f -c %T "$path")" = nsfs ]

n=$live_tmp/n.json
snap "$n" -d 0.1
ok $? "nstop -b -J exits 0"
sel=".namespaces[] | select(.type == \"net\" and .inode == $ino)"
got=$(jqf "$n" "[$sel] | length")
check "the bind-mounted net namespace is listed once (got $got)" [ "$got" = 1 ]
got=$(jqf "$n" "$sel | .nprocs")
check "it has nprocs 0 (got '$got')" [ "$got" = 0 ]
got=$(jqf "$n" "$sel | .pids | length")
check "it has no pids (got '$got')" [ "$got" = 0 ]
got=$(jqf "$n" "$sel | .bind_mounts | index(\"$path\") != null")
check "its bind_mounts hold $path (got $(jqf "$n" "$sel | .bind_mounts | tostring"))" [ "$got" = true ]
got=$(jqf "$n" "$sel | .owner")
check "it is owned by our user namespace (got '$got')" [ "$got" = "$(ns_ino self user)" ]
got=$(jqf "$n" '[.processes[] | select(.ns.net == '"$ino"')] | length')
check "no process is in it (got $got)" [ "$got" = 0 ]

# A process that joins it makes nprocs 1; the mount stays listed.
spawn ip netns exec "$name" sleep 1000
joined=$bg_pid
if wait_for '[ "$(ns_ino $joined net)" = "$ino" ] && [ "$(comm_of $joined)" = sleep ]'; then
        snap "$n" -d 0.1
        got=$(jqf "$n" "$sel | \"\(.nprocs) \(.pids) \(.bind_mounts | index(\"$path\") != null)\"")
        check "with a process in it: nprocs 1, its pid, the mount (got '$got')" [ "$got" = "1 [$joined] true" ]
else
        ok 1 "ip netns exec did not start"
fi
kill_pid "$joined"

ip netns delete "$name"
snap "$n" -d 0.1
got=$(jqf "$n" "[$sel] | length")
check "after ip netns delete it is gone (got $got)" [ "$got" = 0 ]
got=$(jqf "$n" "[.namespaces[].bind_mounts[] | select(. == \"$path\")] | length")
check "and no namespace lists $path (got $got)" [ "$got" = 0 ]
done_testing
