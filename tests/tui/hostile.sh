#!/bin/sh
# hostile.sh (tui): everything hostile at once, on the live kernel.
#
# Our own processes carry, in comm and argv, erase-screen and cursor
# sequences, OSC title and OSC 52 clipboard sets, newlines, tabs, CR, DEL,
# C1, invalid UTF-8, U+202E and U+2066 (bidi), zero-width and combining
# characters, wide CJK and emoji; one has 128 KiB of arguments (nstop keeps
# the first 32 KiB). Our cgroups nstop-test-$$-* in a v1 hierarchy (pids)
# and in the v2 one (unified) hold spaces, CR, tabs, escapes, bidi marks,
# zero-width, wide characters and invalid UTF-8 in their names (a newline
# the kernel refuses), one of our processes in each; a 1000-deep chain
# nstop-test-$$-deep/d/d/... exists in both, one process in its deepest
# cgroup of unified (nstop's walk lists the top 64 levels). HOSTILE_NS
# (default 10000) UTS namespaces, held by bind mounts (some on hostile file
# names), live in a private mount namespace in which nstop runs: a bind
# mount costs ~70 us where a namespace per process would cost a fork and
# a process each, and the mounts vanish with that namespace, whatever
# happens to the test.
#
# Checked: batch JSON (jq parses every line; names round-trip), text
# output (terminal_safe: no C0 but newline, no DEL, no C1, valid UTF-8,
# no bidi control; COMMAND under its header) in C and C.UTF-8, and the
# TUI in a fixed 120x40 tmux pane in the processes, cgroups and
# namespaces views: no ESC reached the screen (the title and the clipboard
# are unchanged, the function-key bar is still at the bottom), 40 lines
# none wider than 120 columns, rows that run to the edge exactly 120, and
# the cells after a hostile one start where their header does; deep
# cgroups still show their names.
#
# Safety: processes are killed by PID, cgroups removed deepest first in
# the EXIT trap; the namespaces' mounts die with their mount namespace.
. "$SRCDIR/tests/lib.sh"
need_root "creates cgroups and mount namespaces"
need_cmd jq tmux unshare od awk wc
. "$SRCDIR/tests/integration/cli-lib.sh"
. "$SRCDIR/tests/tui/tui-lib.sh"

: "${HOSTILE_NS:=10000}"
H=$HELPERS/hostile
CG=/sys/fs/cgroup
T=nstop-test-$$
for h in pids unified; do
        [ -f "$CG/$h/cgroup.procs" ] || skip_all "needs the cgroup hierarchy $h at $CG/$h"
done
DEPTH=1000
for f in $CG/unified/cgroup.max.depth; do
        [ "$(cat "$f")" = max ] || skip_all "$f limits the depth of cgroups below $DEPTH"
done

deep=
i=0
while [ $i -lt $DEPTH ]; do deep=$deep/d; i=$((i + 1)); done

# ---- cleanup, registered before anything is made --------------------
# Our processes are killed first (cleanups run newest first, and spawn
# adds the kills later), then our cgroups go, the deep chain deepest first.
cg_cleanup() {
        for h in pids unified; do
                d=$CG/$h/$T-deep$deep
                while [ "$d" != "$CG/$h/$T-deep" ]; do rmdir_cg "$d"; d=${d%/d}; done
                rmdir_cg "$d"
                for c in "$CG/$h/$T"-*; do [ -d "$c" ] && rmdir_cg "$c"; done
        done
}
cleanup_add cg_cleanup

# ---- hostile text ------------------------------------------------------
esc=$(printf '\033')
s_clear=$(printf '\033[2J\033[H')
s_title=$(printf '\033]0;PWNED-TITLE\007')
s_clip=$(printf '\033]52;c;UFdORUQ=\007')
s_ctl=$(printf 'a\nb\tc\rd\177e\302\233f')
s_bad=$(printf 'x\377\376y\300\200z')
s_rtl=$(printf 'r\342\200\256lt\342\201\246i')
s_zw=$(printf 'z\342\200\213w\314\201j\357\273\277')
s_wide=$(printf '\346\274\242\345\255\227\360\237\230\200\357\274\241')

# Each process: a comm (15 bytes at most are kept), a marker that starts
# its command line (so its COMMAND cell can be found and located), more
# hostile arguments.
n=0
pids=
for s in "$s_clear" "$s_title" "$s_clip" "$s_ctl" "$s_bad" "$s_rtl" "$s_zw" "$s_wide"; do
        n=$((n + 1))
        spawn "$H" exec "$s" "HX$n$s" "$s_wide" "$s_rtl" "$s_title" >"$tmp/ready$n"
        eval "pid$n=$bg_pid"
        pids=$pids${pids:+,}$bg_pid
done
# 128 KiB of arguments: four of 32 KiB, each the hostile pattern again and
# again (one argument may not exceed 128 KiB with its NUL).
chunk=$(printf '\033[2J\346\274\242\342\200\256\t\n\377%s' "$s_zw")
big=$chunk
while [ ${#big} -lt 32768 ]; do big=$big$big; done
big=$(printf '%s' "$big" | head -c 32768)
n=$((n + 1))
spawn "$H" exec "$s_clip" "HX$n" "$big" "$big" "$big" "$big" >"$tmp/ready$n"
pidbig=$bg_pid
eval "pid$n=$pidbig"
pids=$pids,$pidbig
nproc=$n
i=1
while [ $i -le $nproc ]; do
        wait_for "grep -q ready '$tmp/ready$i'" || break
        i=$((i + 1))
done
ok $((i <= nproc)) "our $nproc hostile processes are up"
check "the kernel holds the hostile comm" grep -qF "$(printf '\033]0;PWNED-T')" "/proc/$pid2/comm"
check "the kernel holds 128 KiB of arguments" test "$(wc -c <"/proc/$pidbig/cmdline")" -ge 131072

# ---- hostile cgroups -------------------------------------------------
# Why no newline: the kernel refuses one in a cgroup name (EINVAL), as
# /proc/PID/cgroup could not be parsed; CR and tab are allowed.
cgnames() {
        printf '%s\n' "sp ace" "cr$(printf '\r')x" "tab$(printf '\t')x" "$s_clear" "$s_title" "$s_rtl" "$s_zw" "$s_wide" \
                "$(printf 'x\377y')"
}
ncg=9
n=0
cgok=0
for h in pids unified; do
        n=0
        # The names hold no newline, so read -r takes them whole.
        cgnames >"$tmp/cgnames"
        while IFS= read -r s; do
                n=$((n + 1))
                mkdir "$CG/$h/$T-$n$s" && cgok=$((cgok + 1))
                eval "p=\$pid$n"
                (printf '%s\n' "$p" >"$CG/$h/$T-$n$s/cgroup.procs") && cgok=$((cgok + 1))
        done <"$tmp/cgnames"
done
ok $((cgok != 4 * ncg)) "$((2 * ncg)) hostile-named cgroups made in pids and unified, one of our processes in each"
nlname=$(printf "new\nline")
check "the kernel refuses a newline in a cgroup name" \
        sh -c "! mkdir \"\$0\" 2>/dev/null" "$CG/unified/$T-$nlname"
check "a process sits in a cgroup whose name holds ESC" \
        grep -qF "$T-4$s_clear" "/proc/$pid4/cgroup"
for h in pids unified; do
        mkdir -p "$CG/$h/$T-deep$deep" 2>/dev/null
        ok $? "a $DEPTH-deep chain of cgroups below $T-deep in $h"
done
printf '%s\n' "$pidbig" >"$CG/unified/$T-deep$deep/cgroup.procs"
ok $? "a process in the deepest cgroup of unified"

# ---- batch JSON ------------------------------------------------------
# jq_is LABEL FILTER WANT: FILTER (jq -j on $tmp/j) gives the bytes WANT.
jq_is() {
        jq -j "$2" "$tmp/j" >"$tmp/got" 2>/dev/null
        printf '%s' "$3" >"$tmp/want"
        check "$1" cmp -s "$tmp/want" "$tmp/got"
}
"$NSTOP" -b -J -n 2 -d 0.1 -p "$pids" >"$tmp/j2" 2>"$tmp/e"
ok $? "JSON of our processes: exits 0"
check "JSON of our processes: jq parses every line" json_lines "$tmp/j2"
check "JSON of our processes: no raw control byte, valid UTF-8" terminal_safe "$tmp/j2" utf8
check "JSON of our processes: nothing on stderr" test ! -s "$tmp/e"
tail -n 1 "$tmp/j2" >"$tmp/j"
check "JSON lists all $nproc processes" jqt "[.processes[].pid] | length == $nproc" "$tmp/j"
# The kernel keeps 15 bytes of a comm; invalid UTF-8 (process 5) becomes
# U+FFFD, every valid character comes back as it was.
n=0
for s in "$s_clear" "$s_title" "$s_clip" "$s_ctl" "$s_bad" "$s_rtl" "$s_zw" "$s_wide"; do
        n=$((n + 1))
        [ $n -eq 5 ] && continue
        eval "p=\$pid$n"
        jq_is "JSON: comm $n round-trips" ".processes[] | select(.pid == $p) | .comm" \
                "$(printf '%s' "$s" | head -c 15)"
        jq_is "JSON: cmdline $n round-trips" ".processes[] | select(.pid == $p) | .cmdline" \
                "HX$n$s $s_wide $s_rtl $s_title"
done
# Why not 128 KiB: nstop keeps the first 32 KiB of a command line
# (CMDLINE_LIMIT, src/sample/proc.c); the rest must not hurt.
check "JSON: 128 KiB of arguments give a long command line, cut cleanly" \
        jqt ".processes[] | select(.pid == $pidbig) | .cmdline | startswith(\"HX9 \") and length > 8192" "$tmp/j"
check "JSON: invalid UTF-8 in a comm becomes U+FFFD" \
        jqt ".processes[] | select(.pid == $pid5) | .comm == \"x\\ufffd\\ufffdy\\ufffd\\ufffdz\"" "$tmp/j"

"$NSTOP" -b -J -d 0.1 >"$tmp/j" 2>"$tmp/e"
ok $? "JSON of everything: exits 0"
check "JSON of everything: jq parses every line" json_lines "$tmp/j"
check "JSON of everything: no raw control byte, valid UTF-8" terminal_safe "$tmp/j" utf8
n=0
while IFS= read -r s; do
        n=$((n + 1))
        [ $n -eq 9 ] && continue
        for h in pids unified; do
                check "JSON: cgroup $n in $h listed by its exact name" \
                        jqt --arg p "/$T-$n$s" --arg h $h 'any(.cgroups[]; .path == $p and .hierarchy == $h)' "$tmp/j"
        done
done <"$tmp/cgnames"
check "JSON: the invalid UTF-8 cgroup name comes with U+FFFD" \
        jqt --arg p "/$T-9x$(printf '\357\277\275')y" 'any(.cgroups[]; .path == $p)' "$tmp/j"
# Why not all 1000 levels: the cgroup walk stops at a fixed depth (64,
# src/sample/cgwalk.c), so that a hostile tree cannot make it endless.
for h in pids unified; do
        check "JSON: the deep chain in $h is listed at least 64 levels down" \
                jqt --arg p "/$T-deep" --arg h $h \
                '[.cgroups[] | select(.hierarchy == $h and (.path | startswith($p)))] | length >= 64' "$tmp/j"
done
check "JSON: the process in the deepest cgroup has its whole path" \
        jqt --arg p "/$T-deep$deep" ".processes[] | select(.pid == $pidbig) | .cgroups.unified == \$p" "$tmp/j"
check "JSON: a process in a cgroup named with a CR and ESC says so" \
        jqt --arg p "/$T-2cr$(printf '\r')x" ".processes[] | select(.pid == $pid2) | .cgroups | to_entries | any(.value == \$p)" "$tmp/j"

# Many namespaces, held by bind mounts on hostile names, in a private
# mount namespace: nswrap COMMAND... runs COMMAND there.
mkdir "$tmp/ns"
cat >"$tmp/nswrap" <<'WRAP'
#!/bin/sh
# nswrap HELPER COUNT DIR COMMAND...: COMMAND in a private mount namespace
# holding COUNT UTS namespaces bound on DIR/*, the first on hostile names.
h=$1 c=$2 d=$3
shift 3
exec unshare -m --propagation private "$h" ns "$c" "$d" \
        "$(printf 'sp ace')" "$(printf 'new\nline')" "$(printf 'esc\033[2J\033]0;PWNED-TITLE\007')" \
        "$(printf 'rtl\342\200\256x')" "$(printf '\346\274\242\345\255\227\360\237\230\200')" \
        "$(printf 'bad\377x')" -- "$@"
WRAP
chmod +x "$tmp/nswrap"
nswrap() { "$tmp/nswrap" "$H" "$HOSTILE_NS" "$tmp/ns" "$@"; }
nswrap "$NSTOP" -b -J -d 0.1 --ns uts >"$tmp/j" 2>"$tmp/e"
ok $? "JSON with $HOSTILE_NS bind-mounted namespaces: exits 0"
check "JSON of namespaces: jq parses every line" json_lines "$tmp/j"
check "JSON of namespaces: no raw control byte, valid UTF-8" terminal_safe "$tmp/j" utf8
check "JSON: all $HOSTILE_NS bind-mounted UTS namespaces are listed" \
        jqt "[.namespaces[] | select(.type == \"uts\" and (.bind_mounts | length) > 0)] | length == $HOSTILE_NS" "$tmp/j"
for s in "sp ace" "$(printf 'new\nline')" "$(printf 'esc\033[2J\033]0;PWNED-TITLE\007')" \
        "$(printf 'rtl\342\200\256x')" "$(printf '\346\274\242\345\255\227\360\237\230\200')"; do
        check "JSON: a bind mount's hostile path comes back exactly" \
                jqt --arg p "$tmp/ns/$s" 'any(.namespaces[]; any(.bind_mounts[]; . == $p))' "$tmp/j"
done

# ---- batch text ------------------------------------------------------
# col_of FILE LINE-PATTERN TEXT: the display column (0-based, C.UTF-8)
# where TEXT starts on the first line of FILE that matches LINE-PATTERN.
col_of() {
        _l=$(grep -m 1 -e "$2" "$1") || return 1
        case $_l in *"$3"*) ;; *) return 1 ;; esac
        printf '%s' "${_l%%"$3"*}" | LC_ALL=C.UTF-8 wc -L
}
for loc in C C.UTF-8; do
        mode=c
        [ "$loc" = C ] || mode=utf8
        LC_ALL=$loc "$NSTOP" -b -d 0.1 -p "$pids" >"$tmp/t" 2>"$tmp/e"
        ok $? "text, $loc, our processes: exits 0"
        bad=$(terminal_safe "$tmp/t" "$mode")
        ok $? "text, $loc, our processes: terminal-safe${bad:+ ($bad)}"
        check "text, $loc, our processes: nothing on stderr" test ! -s "$tmp/e"
        want=$(col_of "$tmp/t" "PID.*COMMAND" COMMAND)
        n=1
        while [ $n -le $nproc ]; do
                eval "p=\$pid$n"
                got=$(col_of "$tmp/t" "^ *$p " "HX$n")
                ok $(( ${got:-0} != ${want:-1} )) "text, $loc: process $n's COMMAND starts under its header (col ${got:-none}, want ${want:-none})"
                n=$((n + 1))
        done
        LC_ALL=$loc "$NSTOP" -b -d 0.1 >"$tmp/t" 2>"$tmp/e"
        ok $? "text, $loc, everything: exits 0"
        bad=$(terminal_safe "$tmp/t" "$mode")
        ok $? "text, $loc, everything: terminal-safe${bad:+ ($bad)}"
        check "text, $loc: deep cgroups are indented 16 levels at most, then named with their depth" \
                grep -qE ' {32}\[64\] d$' "$tmp/t"
        LC_ALL=$loc nswrap "$NSTOP" -b -d 0.1 --ns uts >"$tmp/t" 2>"$tmp/e"
        ok $? "text, $loc, $HOSTILE_NS namespaces: exits 0"
        bad=$(terminal_safe "$tmp/t" "$mode")
        ok $? "text, $loc, $HOSTILE_NS namespaces: terminal-safe${bad:+ ($bad)}"
        check "text, $loc: one row per UTS namespace" test "$(grep -c '^uts ' "$tmp/t")" -gt "$HOSTILE_NS"
done

# ---- TUI ---------------------------------------------------------------
# A fixed W x ROWS pane; set-clipboard on, so that an OSC 52 that got
# through would leave a paste buffer behind.
W=120
ROWS=40
printf 'set -g set-clipboard on\n' >"$tmp/tmux.conf"
hstart() { # hstart [WRAPPER...]: nstop $args in a fresh pane, under WRAPPER
        T kill-server 2>/dev/null
        starts=$((starts + 1))
        sock=nstop-test-$$-$starts
        T -f "$tmp/tmux.conf" new-session -d -s main -x $W -y $ROWS \
                "env XDG_CONFIG_HOME='$xdg' LC_ALL=C.UTF-8 $* '$NSTOP' -d $delay $args; echo EXIT=\$?; exec sleep 1000"
}
# pane_ok LABEL: what a hostile escape would leave behind is not there:
# no ESC in the pane text, the title and the clipboard untouched, the
# bottom bar in place, ROWS lines none wider than W. The screen is kept in
# $tmp/pane for the column checks. (capture-pane -N keeps trailing spaces
# that were written; cells curses never wrote are not given back.)
pane_ok() {
        T capture-pane -p -N -t main >"$tmp/pane"
        check "$1: no ESC reached the screen" absent "$esc" "$tmp/pane"
        T display -p -t main '#{pane_title}' >"$tmp/title"
        check "$1: the pane title is not the one a process asked for" absent PWNED "$tmp/title"
        check "$1: no clipboard set (OSC 52)" test -z "$(T list-buffers)"
        check "$1: the function-key bar is on the last line" sh -c "tail -n 1 '$tmp/pane' | grep -q '^F1Help'"
        check "$1: $ROWS lines" test "$(wc -l <"$tmp/pane")" -eq $ROWS
        _wide=$(while IFS= read -r _l; do printf '%s' "$_l" | LC_ALL=C.UTF-8 wc -L; done <"$tmp/pane" | sort -n | tail -n 1)
        ok $((_wide != W)) "$1: the widest line is $W columns (got $_wide)"
}
# line_w PATTERN: the display width of the first line of the pane matching PATTERN.
line_w() { grep -m 1 -e "$1" "$tmp/pane" | tr -d '\n' | LC_ALL=C.UTF-8 wc -L; }
# aligned LABEL ROW-PATTERN TEXT HEADER-PATTERN HEADER [SHIFT]: on the pane, TEXT on
# the row starts SHIFT (default 0) columns right of HEADER on the header line.
aligned() {
        _got=$(col_of "$tmp/pane" "$2" "$3")
        _want=$(col_of "$tmp/pane" "$4" "$5")
        _want=$((${_want:-1000} + ${6:-0}))
        ok $((${_got:-2000} != _want)) "$1 (column ${_got:-none}, want $_want)"
}

# Processes view: each row's CGROUP and COMMAND cells under their headers,
# each row a full line (its command runs past the right edge).
args="-p $pids"
hstart
shows "HX9"
ok $? "TUI: our processes are listed"
wait_for "[ \$(screen | grep -c '^ *[0-9]* root .*HX') -eq $nproc ]"
pane_ok "TUI processes view"
n=1
while [ $n -le $nproc ]; do
        eval "p=\$pid$n"
        aligned "TUI: process $n's CGROUP cell starts under CGROUP" "^ *$p " "/$T-" " PID.*COMMAND" CGROUP
        aligned "TUI: process $n's COMMAND cell starts under COMMAND" "^ *$p " "HX$n" " PID.*COMMAND" COMMAND
        ok $(($(line_w "^ *$p ") != W)) "TUI: process $n's row is $W columns wide"
        n=$((n + 1))
done

# Cgroups view of our processes: the names one level in, all at one column.
T send-keys -t main Tab Tab
shows "hierarchy: unified"
ok $? "TUI: Tab Tab shows the cgroups view"
wait_for "screen | grep -q '$T-8'"
pane_ok "TUI cgroups view"
n=1
while [ $n -le 8 ]; do
        aligned "TUI: cgroup $n's name is indented one level under CGROUP" "^ *1 .* $T-$n" "$T-$n" "^NPROCS.*CGROUP" CGROUP 2
        n=$((n + 1))
done
T send-keys -t main c
shows "hierarchy: blkio"
# c goes through the hierarchies in the order of the mount table.
i=0
while ! screen | grep -q "hierarchy: pids" && [ $i -lt 12 ]; do T send-keys -t main c; sleep 0.2; i=$((i + 1)); done
shows "$T-9"
ok $? "TUI: c reaches the pids hierarchy and our cgroups in it"
pane_ok "TUI cgroups view, pids"
aligned "TUI: the invalid UTF-8 cgroup name is indented one level under CGROUP" "^ *1 .* $T-9" "$T-9" "^NPROCS.*CGROUP" CGROUP 2

# Namespaces view: $HOSTILE_NS bind-mounted UTS namespaces; the hostile
# mount paths are drawn in COMMAND like any other.
args=
hstart "'$tmp/nswrap' '$H' $HOSTILE_NS '$tmp/ns'"
shows "F1Help"
T send-keys -t main Tab
shows "[bind $tmp/ns/"
ok $? "TUI: the namespaces view lists bind-mounted namespaces"
T send-keys -t main / s p Space a c e Enter
shows "ns/sp ace]"
ok $? "TUI: search finds the namespace bound on a name with a space"
pane_ok "TUI namespaces view"
# Each row is searched for first, so that it is on the screen whatever
# order the namespaces' inode numbers put them in.
for s in "sp ace:sp ace]" "new:new?line]" "esc:esc?.2J" "rtl:rtl?x]" "bad:bad?x]" "$(printf '\346\274\242'):$(printf '\346\274\242')"; do
        T send-keys -t main /
        T send-keys -t main -l "ns/${s%%:*}"
        T send-keys -t main Enter
        wait_for "screen | grep -q -e '^uts .*ns/${s#*:}'"
        T capture-pane -p -N -t main >"$tmp/pane"
        aligned "TUI: the bind mount on '${s#*:}' starts under COMMAND" "^uts .*ns/${s#*:}" "[bind" "^TYPE.*COMMAND" COMMAND
done

# Cgroups view of the deep chain: deep rows still name themselves.
args="--cgroup $CG/unified/$T-deep"
hstart
shows "F1Help"
T send-keys -t main Tab Tab
shows "hierarchy: unified"
T send-keys -t main End
shows "] d"
ok $? "TUI: the bottom of the deep chain is drawn"
pane_ok "TUI cgroups view, deep chain"
check "TUI: a row 64 levels down shows its depth and name" grep -qE ' {32}\[64\] d( |$)' "$tmp/pane"
check "TUI: the row above it is one level up" grep -qE ' {32}\[63\] d( |$)' "$tmp/pane"

done_testing
