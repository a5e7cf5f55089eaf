#!/bin/sh
# rates.sh: CPU, memory and IO figures of processes we control.
#
# - burn (one CPU spinning), run as the only process of new net and uts
#   namespaces: nstop -d 2 shows it at 90..110 % of a CPU, and the net
#   namespace's aggregate at >= 90 %.
# - hold 200 MiB (every page touched): rss_bytes >= 200 MiB.
# - writer at 4 MiB/s: io_write_bytes_per_sec and io_wchar_per_sec within
#   20 % of that.
#
# Where writer writes: $BUILDDIR (ours, writable even under distcheck) when
# it is on a disk-backed filesystem, else /var/tmp (disk-backed by FHS
# convention), else the IO check is skipped. Not /tmp as such: /tmp is a
# tmpfs on many systems, and the kernel does not count tmpfs writes in
# /proc/PID/io write_bytes (there is no writeback to a device), so the
# figure would be 0 whatever nstop does. No fdatasync is needed: the kernel
# counts write_bytes when a page cache page first becomes dirty, which an
# appending writer causes for every chunk.
#
# The CPU figures are also measured by the test itself from /proc/PID/stat
# over the same time, and must agree with nstop's within 10 points. The
# 90..110 range is tried up to 3 times, as the machine may be busy with
# other work (2 cores); when even /proc says burn never had a CPU to
# itself, that range check is reported as skipped (TAP SKIP), not passed.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/live-lib.sh"
need_root "new namespaces for the burn box"
need_cmd jq unshare stat awk

MiB=1048576
rate=$((4 * MiB))

# A directory for writer on a disk-backed filesystem, or empty.
disk_dir() {
        for d in "${BUILDDIR:-}" /var/tmp; do
                [ -n "$d" ] && [ -d "$d" ] && [ -w "$d" ] || continue
                case $(stat -f -c %T "$d") in
                tmpfs | ramfs) continue ;;
                esac
                printf '%s\n' "$d"
                return 0
        done
        return 0
}

start_box burn --net --uts -- "$HELPERS/burn" >/dev/null || exit 1
burn=$box_pid
burn_net=$(ns_ino "$burn" net)
spawn "$HELPERS/hold" 200 >"$live_tmp/hold.out"
hold=$bg_pid
wdir=$(disk_dir)
writer=
if [ -n "$wdir" ]; then
        wtmp=$(mktemp -d "$wdir/nstop-test-writer.XXXXXX") || exit 1
        cleanup_add "rm -rf '$wtmp'"
        spawn "$HELPERS/writer" "$wtmp/data" $rate >"$live_tmp/writer.out"
        writer=$bg_pid
        diag "writer writes in $wtmp ($(stat -f -c %T "$wtmp"))"
fi
wait_for "grep -q ready '$live_tmp/hold.out'" || diag "hold did not get ready"
[ -z "$writer" ] || wait_for "grep -q ready '$live_tmp/writer.out'" || diag "writer did not get ready"

# in_range VALUE LOW HIGH: LOW <= VALUE <= HIGH (decimals allowed).
in_range() { awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v != "" && v != "null" && v + 0 >= lo && v + 0 <= hi) }'; }

# cpu_ticks PID: utime + stime from /proc/PID/stat (fields after the
# parenthesised comm, which may hold spaces).
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
now() { date +%s.%N; }
hz=$(getconf CLK_TCK)

n=$live_tmp/n.json
pids=$burn,$hold
[ -z "$writer" ] || pids=$pids,$writer
# Each try also measures burn's share itself, from /proc, over the time
# nstop ran: nstop must agree with that in any case, and must show 90..110
# whenever burn really had a CPU to itself (a machine saturated by other
# work can deny it that; then the range check is skipped, not failed).
for try in 1 2 3; do
        t0=$(now)
        c0=$(cpu_ticks "$burn")
        snap "$n" -d 2 -p "$pids"
        st=$?
        c1=$(cpu_ticks "$burn")
        t1=$(now)
        own=$(awk -v a="$c0" -v b="$c1" -v t0="$t0" -v t1="$t1" -v hz="$hz" 'BEGIN { printf "%.1f", (b - a) / hz / (t1 - t0) * 100 }')
        cpu=$(jqf "$n" ".processes[] | select(.pid == $burn) | .cpu_percent")
        in_range "$cpu" 90 110 && break
        diag "try $try: nstop shows burn at ${cpu}% of a CPU, /proc says ${own}%; system $(jqf "$n" '.system.cpu_percent')% busy"
done
ok $st "nstop -b -J -d 2 exits 0"
lo=$(awk -v v="$own" 'BEGIN { print v - 10 }')
hi=$(awk -v v="$own" 'BEGIN { print v + 10 }')
check "burn's cpu_percent agrees with /proc within 10 points (nstop $cpu, /proc $own)" in_range "$cpu" "$lo" "$hi"
if in_range "$cpu" 90 110 || in_range "$own" 90 1000; then
        check "burn uses 90..110 % of a CPU (got $cpu)" in_range "$cpu" 90 110
else
        ok 0 "burn uses 90..110 % of a CPU # SKIP the machine is saturated: burn only got ${own}% by /proc"
fi
got=$(jqf "$n" '.interval')
check "the interval is about 2 s (got $got)" in_range "$got" 1.9 2.5
# With -p, the namespaces shown are those of the processes shown.
agg=$(jqf "$n" ".namespaces[] | select(.type == \"net\" and .inode == $burn_net) | .cpu_percent")
check "the burn box's net namespace sums burn's CPU (got $agg, burn $cpu)" [ "$agg" = "$cpu" ]
if in_range "$cpu" 90 110 || in_range "$own" 90 1000; then
        check "the burn box's net namespace sums >= 90 % CPU (got $agg)" in_range "$agg" 90 1000
else
        ok 0 "the burn box's net namespace sums >= 90 % CPU # SKIP the machine is saturated"
fi
members=$(jqf "$n" ".namespaces[] | select(.type == \"net\" and .inode == $burn_net) | .pids | tostring")
check "that namespace's only member is burn (got $members)" [ "$members" = "[$burn]" ]

rss=$(jqf "$n" ".processes[] | select(.pid == $hold) | .rss_bytes")
check "hold 200 shows rss_bytes >= 200 MiB (got $rss)" in_range "$rss" $((200 * MiB)) $((1024 * MiB))
vsz=$(jqf "$n" ".processes[] | select(.pid == $hold) | .vsize_bytes")
check "and vsize_bytes >= rss_bytes (got $vsz)" in_range "$vsz" "$rss" 1e15

if [ -n "$writer" ]; then
        lo=$((rate * 8 / 10))
        hi=$((rate * 12 / 10))
        wb=$(jqf "$n" ".processes[] | select(.pid == $writer) | .io_write_bytes_per_sec")
        check "writer at $rate B/s shows io_write_bytes_per_sec within 20 % (got $wb)" in_range "$wb" $lo $hi
        wc=$(jqf "$n" ".processes[] | select(.pid == $writer) | .io_wchar_per_sec")
        check "and io_wchar_per_sec within 20 % (got $wc)" in_range "$wc" $lo $hi
        rd=$(jqf "$n" ".processes[] | select(.pid == $writer) | .io_read_bytes_per_sec")
        check "and io_read_bytes_per_sec 0 (got $rd)" [ "$rd" = 0 ]
else
        diag "no disk-backed directory for writer (BUILDDIR, /var/tmp): IO rates not checked"
fi
# An idle process: hold sleeps.
got=$(jqf "$n" ".processes[] | select(.pid == $hold) | .cpu_percent")
check "hold, asleep, uses < 5 % CPU (got $got)" in_range "$got" 0 5
done_testing
