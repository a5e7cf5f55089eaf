#!/bin/sh
# chroot.sh: a process in a chroot shows chrooted true and its root
# directory; our own shell shows chrooted false and "/".
#
# The root is a scratch directory holding a static busybox only, so no
# library or loader is needed inside it.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/live-lib.sh"
need_root "chroot(2)"
need_cmd chroot jq

[ -x /bin/busybox ] || skip_all "needs a static /bin/busybox (busybox-static)"
root=$(mktemp -d "${TMPDIR:-/tmp}/nstop-test-chroot.XXXXXX") || exit 1
cleanup_add "rm -rf '$root'"
root=$(cd "$root" && pwd -P) # the path the kernel will report
mkdir "$root/bin" && cp /bin/busybox "$root/bin/busybox" || exit 1
chroot "$root" /bin/busybox true 2>/dev/null || skip_all "/bin/busybox does not run alone in a chroot (not static?)"

spawn chroot "$root" /bin/busybox sleep 1000
jailed=$bg_pid
wait_for '[ "$(readlink /proc/$jailed/root)" = "$root" ] && [ "$(comm_of $jailed)" != chroot ]' ||
        diag "the chrooted sleep did not start"

n=$live_tmp/n.json
snap "$n" -d 0.1 -p "$jailed,$$"
ok $? "nstop -b -J exits 0"
got=$(jqf "$n" ".processes[] | select(.pid == $jailed) | \"\(.chrooted) \(.root)\"")
check "the chrooted process: chrooted true, root $root (got '$got')" [ "$got" = "true $root" ]
got=$(jqf "$n" ".processes[] | select(.pid == $$) | \"\(.chrooted) \(.root)\"")
check "our shell: chrooted false, root / (got '$got')" [ "$got" = "false /" ]

# The text view marks the same difference in its ROOT column ("-" when
# the root is nstop's own), found by its header, not by position.
"$NSTOP" -b -d 0.1 -p "$jailed,$$" >"$live_tmp/text" 2>/dev/null
ok $? "nstop -b -p PID exits 0"
# root_col PID: that process's ROOT field in the text view.
root_col() {
        awk -v pid="$1" '
                $1 == "PID" && !col { for (i = 1; i <= NF; i++) if ($i == "ROOT") col = i; next }
                col && $1 == pid { print $col; exit }' "$live_tmp/text"
}
got=$(root_col "$jailed")
check "text ROOT of the chrooted process names its root (got '$got')" [ "${got:--}" != - ]
got=$(root_col $$)
check "text ROOT of our shell is '-' (got '$got')" [ "$got" = - ]
done_testing
