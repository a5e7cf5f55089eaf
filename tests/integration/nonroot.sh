#!/bin/sh
# nonroot.sh: nstop run by an unprivileged user (nobody), from a directory
# that user cannot read. /proc denies it other users' ns links and io
# counters: those values are unknown (null in JSON, '?' in text), never 0;
# its own processes are fully known; one warning line says why.
. "$SRCDIR/tests/lib.sh"
need_root "drops privileges to nobody with setpriv"
need_cmd setpriv jq stat
. "$SRCDIR/tests/integration/cli-lib.sh"

asnobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }

# The build tree may sit under a directory nobody cannot enter (/root):
# run a copy from a directory nobody can search but not read.
mkdir "$tmp/bin" "$tmp/cwd"
cp "$NSTOP" "$tmp/bin/nstop"
chmod 711 "$tmp/bin"
chmod 755 "$tmp/bin/nstop"
chmod 700 "$tmp/cwd"
nstop="$tmp/bin/nstop"
asnobody "$nstop" -V >/dev/null 2>&1 || skip_all "nobody cannot run a copy of nstop here"

# A process of root and one of nobody, both ours.
spawn sleep 1000
rootpid=$bg_pid
spawn setpriv --reuid=65534 --regid=65534 --clear-groups sleep 1000
nobodypid=$bg_pid
wait_for "[ \"\$(stat -c %u /proc/$nobodypid 2>/dev/null)\" = 65534 ] && grep -q sleep /proc/$nobodypid/comm"
check "our nobody process runs as uid 65534" test "$(stat -c %u /proc/$nobodypid)" = 65534

cd "$tmp/cwd" || exit 1
asnobody "$nstop" -b -J -d 0.2 >"$tmp/json" 2>"$tmp/err"
ok $? "JSON as nobody: exit status 0"
cd / || exit 1
check "JSON as nobody: one valid JSON object" json_lines "$tmp/json"
ok $(($(wc -l <"$tmp/err") != 1)) "JSON as nobody: exactly one line on stderr"
check "JSON as nobody: the line starts with 'nstop:'" grep -q '^nstop: ' "$tmp/err"
check "JSON as nobody: the line says Permission denied" grep -q 'Permission denied' "$tmp/err"
sed 's/^/# stderr: /' "$tmp/err"

proc() { jq -c ".processes[] | select(.pid == $1)" "$tmp/json"; }
proc "$rootpid" >"$tmp/root.json"
proc "$nobodypid" >"$tmp/nobody.json"
check "root's process is listed" test -s "$tmp/root.json"
check "nobody's process is listed" test -s "$tmp/nobody.json"

# Root's process: /proc/PID/io and /proc/PID/ns/* are denied to nobody.
for key in io_read_bytes_per_sec io_write_bytes_per_sec; do
        check "root's process: $key is null" jqt ".$key == null" "$tmp/root.json"
done
for t in $(ns_types); do
        check "root's process: ns.$t is null" jqt ".ns.$t == null" "$tmp/root.json"
done
check "root's process: ns object has every type" \
        jqt "(.ns | keys | length) == $(ns_types | wc -l)" "$tmp/root.json"
check "root's process: still has its known values (uid 0, rss)" \
        jqt '.uid == 0 and .user == "root" and .rss_bytes > 0 and .comm == "sleep"' "$tmp/root.json"

# No process anywhere has a 0 standing in for an unknown value.
check "no process has an ns inode of 0" \
        jqt '[.processes[].ns[] | select(. == 0)] | length == 0' "$tmp/json"
check "some root processes are unknown, not 0" \
        jqt '[.processes[] | select(.uid == 0 and .io_read_bytes_per_sec == null)] | length > 0' "$tmp/json"

# Nobody's own process is fully known, and right.
for key in io_read_bytes_per_sec io_write_bytes_per_sec; do
        check "nobody's process: $key is a number" jqt ".$key | type == \"number\"" "$tmp/nobody.json"
done
for t in $(ns_types); do
        want=$(proc_ns_ino "$nobodypid" "$t")
        check "nobody's process: ns.$t is its inode ($want)" jqt ".ns.$t == $want" "$tmp/nobody.json"
done
check "nobody's process: user nobody, uid 65534" \
        jqt '.uid == 65534 and .user == "nobody"' "$tmp/nobody.json"

# Text mode: '?' where JSON says null.
cd "$tmp/cwd" || exit 1
asnobody "$nstop" -b -d 0.2 -p "$rootpid,$nobodypid" >"$tmp/text" 2>"$tmp/err"
ok $? "text as nobody: exit status 0"
cd / || exit 1
ok $(($(wc -l <"$tmp/err") != 1)) "text as nobody: exactly one line on stderr"
check "text as nobody: it says Permission denied" grep -q '^nstop: .*Permission denied' "$tmp/err"

# column ROW-PID NAME: the field under header NAME in the process row of PID.
column() {
        awk -v pid="$1" -v name="$2" '
        $1 == "PID" && !col { for (i = 1; i <= NF; i++) if ($i == name) col = i; next }
        col && $1 == pid { print $col; exit }' "$tmp/text"
}
for c in READ/s WRITE/s; do
        check "text: root's process shows ? under $c" test "$(column "$rootpid" "$c")" = "?"
        v=$(column "$nobodypid" "$c")
        case $v in
        [0-9]*) ok 0 "text: nobody's process shows a number under $c" ;;
        *) ok 1 "text: nobody's process shows a number under $c (got '$v')" ;;
        esac
done
case $(column "$rootpid" NS) in
\?*) ok 0 "text: root's process shows ? under NS" ;;
*) ok 1 "text: root's process shows ? under NS (got '$(column "$rootpid" NS)')" ;;
esac
case $(column "$nobodypid" NS) in
*\?*) ok 1 "text: nobody's process has no ? under NS" ;;
?*) ok 0 "text: nobody's process has no ? under NS" ;;
*) ok 1 "text: nobody's process has an NS column" ;;
esac

done_testing
