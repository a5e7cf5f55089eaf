#!/bin/sh
# tui.sh: the interactive view in a real terminal (a private tmux server
# of a fixed size), driven with send-keys and read with capture-pane.
# Every wait polls the screen for the content it expects.
. "$SRCDIR/tests/lib.sh"
need_root "creates a network namespace and a cgroup for the views to show"
need_cmd tmux unshare strace pgrep setpriv busybox chroot perl

. "$SRCDIR/tests/tui/tui-lib.sh"
cg=/sys/fs/cgroup/unified/nstop-test-$$

# Our own processes for the views to find: one with a marked command
# line in a new network namespace, and one in a cgroup of ours.
spawn unshare --net sleep 1001
box=$bg_pid
wait_for "[ \"\$(cat /proc/$box/comm 2>/dev/null)\" = sleep ]"
box_net=$(stat -L -c %i /proc/$box/ns/net)
mkdir "$cg" && cleanup_add "rmdir_cg '$cg'"
spawn sh -c "echo \$\$ > '$cg/cgroup.procs' && exec sleep 1002"
member=$bg_pid
wait_for "grep -qx $member '$cg/cgroup.procs'"

# A process whose command line holds an escape sequence (red text).
spawn bash -c 'exec -a "$(printf "\033[31mnstop-test-esc")" sleep 1003'
esc_pid=$bg_pid
# And one with a CJK name, to search for.
spawn bash -c 'exec -a "nstop-test-日本語" sleep 1005'
wait_for "tr '\\0' ' ' </proc/$bg_pid/cmdline | grep -q nstop-test-esc"

# A family for the tree lines: sh with two children, the newer of which
# (first when newest come first) has a child of its own.
spawn sh -c 'sleep 1009 & (sleep 1008; :) & wait'
family=$bg_pid
wait_for "[ \"\$(pgrep -P $family | wc -l)\" -eq 2 ] && pgrep -P \"\$(pgrep -P $family -x sh)\" >/dev/null"
for kid in $(pgrep -P $family) $(pgrep -P "$(pgrep -P $family -x sh)"); do cleanup_add "kill_pid $kid"; done

# A process in a cgroup with a CJK name, for column alignment.
mkdir "$cg-日本語" && cleanup_add "rmdir_cg '$cg-日本語'"
spawn sh -c "echo \$\$ > '$cg-日本語/cgroup.procs' && exec sleep 1013"
wait_for "grep -qx $bg_pid '$cg-日本語/cgroup.procs'"

# A chrooted process, and one of another user.
mkdir -p "$tmp/jail/bin" && cp "$(command -v busybox)" "$tmp/jail/bin/"
spawn chroot "$tmp/jail" /bin/busybox sleep 1011
jailed=$bg_pid
spawn setpriv --reuid=65534 --regid=65534 --clear-groups sleep 1012
wait_for "[ \"\$(cat /proc/$bg_pid/comm 2>/dev/null)\" = sleep ] && [ \"\$(readlink /proc/$jailed/root)\" = '$tmp/jail' ]"

start
shows "Tasks:"
ok $? "the header shows the tasks meter"
ncpu=$(grep -c '^cpu[0-9]' /proc/stat)
if [ "$ncpu" -le 32 ]; then
        bars=$(screen | grep -oE '(^| )[0-9]+ +\[[^]]*%\]' | wc -l)
        [ "$bars" -eq "$ncpu" ]
        ok $? "one CPU meter per CPU ($bars of $ncpu)"
fi
screen | grep -q '^Mem\[' && screen | grep -q '^Swp\[' && screen | grep -q 'Load average: ' && screen | grep -q 'Uptime: '
ok $? "memory, swap, load and uptime meters"
if [ "$(stat -f -c %T /sys/fs/cgroup)" = cgroup2fs ]; then mode=v2
elif [ "$(stat -f -c %T /sys/fs/cgroup/unified 2>/dev/null)" = cgroup2fs ]; then mode=hybrid
else mode=v1; fi
screen | grep -qE "Cgroups: $mode +Namespaces: mnt [0-9]+ uts [0-9]+ ipc [0-9]+ net [0-9]+"
ok $? "the isolation line gives the cgroup mode ($mode) and namespaces per type"
shows " Processes "
ok $? "the view tabs are drawn"
shows "sleep 1001"
ok $? "the processes view lists our process"
screen | grep -F "sleep 1001" | grep -q "...n...."
ok $? "its NS column marks the network namespace (n)"

shows "nstop-test-esc"
ok $? "a process with an escape sequence in its name is listed"
screen | grep -qF "?[31mnstop-test-esc"
ok $? "its ESC is drawn as ?"
T capture-pane -p -e -t main | grep -F "nstop-test-esc" | grep -q "$(printf '\033')\[31m"
ok $(( $? == 0 )) "and no red reached the terminal"

T send-keys -t main Tab
shows "$box_net"
ok $? "Tab: the namespaces view lists our network namespace"
screen | grep -E "^net +$box_net +1 +$box " >/dev/null
ok $? "with 1 process, ours"

# Expand our namespace to its process; explain it.
T send-keys -t main / "$box_net" Enter Enter
wait_for "screen | grep -qF '$box sleep 1001'"
ok $? "Enter expands a namespace to its processes"
T send-keys -t main Left
wait_for "! screen | grep -qF '$box sleep 1001'"
ok $? "Left collapses it"
T send-keys -t main i
shows "Explain"
ok $? "i opens the explain panel"
screen | grep -q "CLONE_NEWNET"
ok $? "it names the CLONE_NEWNET flag"
T send-keys -t main Escape

# On 80 columns the least useful columns make room for the description.
wait_for "! screen | grep -qF 'Explain'"
screen | grep -q " OWNER "
ok $? "at 120 columns the namespaces view shows OWNER"
T resize-window -t main -x 80 -y $ROWS
wait_for "screen | grep -qE '^TYPE .* COMMAND'"
ok $? "at 80 columns the description column is still on screen"
! screen | grep -q " OWNER "
ok $? "because OWNER and PARENT give way"
T resize-window -t main -x 120 -y $ROWS
wait_for "screen | grep -q ' OWNER '"

# y shows one namespace type; t puts user and pid namespaces under their parents.
T send-keys -t main y
shows "type: mnt"
ok $? "y: the namespaces view shows one type"
! screen | grep -qE "^net +[0-9]"
ok $? "and no other type"
for k in 1 2 3 4 5 6 7 8; do screen | grep -qF "type: all" && break; T send-keys -t main y; sleep 0.1; done
shows "type: all"
ok $? "y cycles back to all types"
T send-keys -t main t
shows "parent tree"
ok $? "t in the namespaces view turns on the parent tree"
T send-keys -t main t

T send-keys -t main Tab
shows "hierarchy: unified"
ok $? "Tab: the cgroups view shows the v2 hierarchy"
shows "nstop-test-$$"
ok $? "and our cgroup"
screen | grep -E "^ +1 .* nstop-test-$$" >/dev/null
ok $? "with 1 process in it"
T send-keys -t main / "nstop-test-$$" Enter Enter
wait_for "screen | grep -E '$member sleep 1002' >/dev/null"
ok $? "Enter shows the processes of a cgroup"
T send-keys -t main Left
wait_for "! screen | grep -E '$member sleep 1002' >/dev/null"
ok $? "Left hides them again"
T send-keys -t main Enter Down Left
wait_for "! screen | grep -E '$member sleep 1002' >/dev/null"
ok $? "Left on a process row hides the processes of its cgroup"
T send-keys -t main Enter
T send-keys -t main i
shows "controllers"
ok $? "i explains the cgroup"
T send-keys -t main Escape
T send-keys -t main c
shows "hierarchy: blkio"
ok $? "c: the next hierarchy"

T send-keys -t main BTab BTab
shows "sleep 1001"
ok $? "Shift-Tab twice: back to processes"

T send-keys -t main F9
shows "Send a signal to pid"
ok $? "F9 opens the signal menu (tests/tui/actions.sh uses it)"
T send-keys -t main Escape
shows "cancelled"

# Sorting: by PID ascending puts a low pid first.
T send-keys -t main F6
shows "Sort by"
ok $? "F6 opens the sort menu"
T send-keys -t main Home Enter
shows "sorted by PID"
ok $? "choosing PID sorts by it"
screen | grep -qE "PID(v|\^|△|▽)"
ok $? "the PID header carries the sort mark"
T send-keys -t main I
first=$(screen | awk '/ PID/ { getline; print $1; exit }')
[ "$first" -le 2 ] 2>/dev/null
ok $? "I inverts: ascending PID starts at a low pid (got $first)"
T send-keys -t main P
shows "sorted by CPU%"
ok $? "P sorts by CPU%"
T send-keys -t main F6 End Up Up Up Enter
shows "sorted by WRITE/s"
screen | grep -qE "WRITE/(v|\^|△|▽) "
ok $? "a sorted header that fills its column keeps its mark"
T send-keys -t main M
shows "sorted by RSS"
screen | grep -qE " RSS(v|\^|△|▽) "
ok $? "the mark of a right-aligned header stays in its column"
T send-keys -t main T
shows "sorted by TIME+"
screen | grep -qE "TIME\+(v|\^|△|▽) "
ok $? "T sorts by CPU time (TIME+)"
T send-keys -t main '>'
shows "sorted by READ/s"
ok $? "> sorts by the next column"
T send-keys -t main '<' '<'
shows "sorted by RSS"
ok $? "< sorts by the previous column"

# Search moves the selection to a match.
T send-keys -t main / s l e e p Space 1 0 0 1 Enter
# selected_sleep: which of our "sleep 100N" rows is selected, if any.
selected_sleep() { T capture-pane -p -e -t main | grep "$SELECTED_RE" | grep -o 'sleep 100[0-9]' | head -1; }
wait_for "selected 'sleep 1001'"
ok $? "search selects the row with the match"
# n and N: the next and the previous match.
T send-keys -t main / s l e e p Space 1 0 0 Enter
wait_for "[ -n \"\$(selected_sleep)\" ]"
first=$(selected_sleep)
T send-keys -t main n
wait_for "[ -n \"\$(selected_sleep)\" ] && [ \"\$(selected_sleep)\" != '$first' ]"
ok $? "n selects the next match (from '$first' to '$(selected_sleep)')"
T send-keys -t main N
wait_for "[ \"\$(selected_sleep)\" = '$first' ]"
ok $? "N goes back to the previous one"

# Search takes any character, not only ASCII.
T send-keys -t main /
T send-keys -t main -l "test-日本語" # (the CJK cgroup is nstop-test-PID-日本語)
T send-keys -t main Enter
wait_for "selected 'nstop-test-日本語'"
ok $? "a search for CJK text selects the matching row"

# Filter keeps only matching rows; Esc clears it.
T send-keys -t main '\' s l e e p Space 1 0 0 2 Enter
shows "filter: sleep 1002"
ok $? "the filter is shown on the tab line"
wait_for "! screen | grep -qF 'sleep 1001'"
ok $? "rows that do not match are hidden"
screen | grep -qF "sleep 1002"
ok $? "the matching row stays"
T send-keys -t main F4 Escape
wait_for "screen | grep -qF 'sleep 1001'"
ok $? "Esc in the filter prompt clears it"

# K shows the kernel threads, hidden by default.
T send-keys -t main '\' k t h r e a d d Enter
shows "filter: kthreadd"
! screen | grep -qF "[kthreadd]"
ok $? "kernel threads are hidden by default"
T send-keys -t main K
shows "[kthreadd]"
ok $? "K shows them"
T send-keys -t main K
wait_for "! screen | grep -qF '[kthreadd]'"
ok $? "K again hides them"
T send-keys -t main F4 Escape

# Tree view of our family (filtered, so that all of it is on screen),
# newest first.
T send-keys -t main F6 Home Enter End
T send-keys -t main '\' s l e e p Space 1 0 0 Enter
shows "filter: sleep 100"
wait_for "screen | grep -qF 'sleep 1002' && screen | grep -qF 'sleep 1001'"
tok $? "from the last row, a filter that leaves a few rows shows them all"
T send-keys -t main t
shows "tree view"
ok $? "t switches the processes view to a tree"
wait_for "screen | grep -qE '(└─ |├─ )sleep 1009'"
ok $? "children are drawn with tree lines"
wait_for "screen | grep -qE '│ +└─ sleep 1008'"
tok $? "the line of a parent's earlier child goes on past its grandchildren"
T send-keys -t main t F4 Escape
wait_for "screen | grep -qF 'sleep 1001' && ! screen | grep -qF 'filter: '"

# Help lists the keys.
T send-keys -t main F1
shows "nstop keys"
ok $? "F1 opens the help"
screen | grep -q "F6 *sort by a column"
ok $? "the help lists the sort key"
T send-keys -t main Escape
wait_for "! screen | grep -qF 'nstop keys'"
ok $? "Esc closes the help"

T resize-window -t main -x 30 -y 8
shows "Terminal too small"
ok $? "resized to 30x8: the screen says it is too small"
T send-keys -t main F1
# Resized back only once nstop has read the key (nothing waits in the
# pane's terminal: FIONREAD), so it met the key on the small screen.
pending() {
        perl -e 'open(my $f, "<", $ARGV[0]) or exit 2; my $n = pack("i", 0);
                 ioctl($f, 0x541B, $n) or exit 2; print unpack("i", $n)' "$(T display -p -t main '#{pane_tty}')"
}
wait_for '[ "$(pending)" = 0 ]'
T resize-window -t main -x 120 -y $ROWS
shows "sleep 1001"
ok $? "resized back: the table returns"
! screen | grep -qF "nstop keys"
ok $? "keys pressed on the too-small screen did nothing"
T resize-window -t main -x 250 -y 70
wait_for "screen | awk 'END { exit !(NR >= 70) }' && screen | grep -q 'F10Quit'"
ok $? "resized to 250x70: the screen reflows to the new size"
T resize-window -t main -x 120 -y $ROWS

T send-keys -t main q
shows "EXIT=0"
ok $? "q quits with status 0"
screen | grep -q " icanon" && screen | grep -q " echo "
ok $? "the terminal is back in canonical mode with echo"

start
shows "sleep 1001"
pane=$(T display -p -t main '#{pane_pid}')
wait_for "pid=\$(pgrep -P $pane -x nstop) && [ -n \"\$pid\" ]"
pid=$(pgrep -P "$pane" -x nstop)
[ -n "$pid" ] && kill -TERM "$pid"
shows "EXIT=143"
ok $? "SIGTERM ends nstop with status 128+15"
[ "$tap_failed" -eq 0 ] || { diag "nstop pid '$pid' in pane $pane:"; screen | tail -5 | sed 's/^/# /'; }
screen | grep -q " icanon" && screen | grep -q " echo "
ok $? "and restores the terminal"

# The other ways to end: SIGINT and SIGHUP as asked, and a crash.
for sig in INT:130 HUP:129 SEGV:139; do
        start
        shows "sleep 1001"
        pane=$(T display -p -t main '#{pane_pid}')
        wait_for "pgrep -P $pane -x nstop >/dev/null"
        kill -"${sig%:*}" "$(pgrep -P "$pane" -x nstop)"
        if [ "${sig%:*}" = SEGV ]; then
                # In an AddressSanitizer build its handler, there before
                # nstop's, runs after the restore, reports and exits with 1.
                wait_for "screen | grep -qx 'EXIT=139' || { screen | grep -qx 'EXIT=1' &&
                        T capture-pane -p -t main -S -500 | grep -q 'ERROR: AddressSanitizer: SEGV'; }"
        else
                shows "EXIT=${sig#*:}"
        fi
        ok $? "SIG${sig%:*} ends nstop with status ${sig#*:} (1 with ASan's report)"
        screen | grep -q " icanon" && screen | grep -q " echo "
        ok $? "and the terminal is restored"
done

# Keys redraw from the snapshot in hand: no /proc or cgroupfs reads
# between refreshes (here one minute apart), seen by strace.
delay=60
start
delay=0.5
shows "sleep 1001"
pane=$(T display -p -t main '#{pane_pid}')
wait_for "pgrep -P $pane -x nstop >/dev/null"
pid=$(pgrep -P "$pane" -x nstop)
# -yy names the file behind each fd, so a read through a kept /proc or
# cgroupfs file, or an open relative to a /proc directory, shows too.
strace -qq -yy -o "$tmp/keys.trace" -e trace=open,openat,read,pread64,readlinkat,getdents64,write -p "$pid" &
tracer=$!
cleanup_add "kill_pid $tracer"
wait_for "grep -q \"^TracerPid:[[:space:]]*$tracer\$\" /proc/$pid/status"
T send-keys -t main Down Down t t Tab Enter Left Tab Enter i Escape BTab BTab P M / s l e e p Enter F1
shows "nstop keys"
T send-keys -t main Escape
wait_for "! screen | grep -qF 'nstop keys'"
kill -TERM "$tracer"
wait "$tracer"
grep -q '^write(' "$tmp/keys.trace"
ok $? "strace saw the keys redraw the screen"
! grep -E '[<"]/(proc|sys)([/>"]|$)' "$tmp/keys.trace" >/dev/null
ok $? "and nothing read /proc or /sys for them"

# Ctrl-L clears and redraws the whole screen (paused: nothing else draws).
T send-keys -t main z
shows "[paused]"
T pipe-pane -t main -o "cat >>'$tmp/redraw'"
T send-keys -t main C-l
wait_for "grep -q \"\$(printf '\033')\[H\$(printf '\033')\[J\" '$tmp/redraw' 2>/dev/null"
ok $? "Ctrl-L clears the screen and draws it again"
T pipe-pane -t main
T send-keys -t main q

# Space tags a row; U clears the tags.
start
shows "sleep 1001"
T send-keys -t main / s l e e p Space 1 0 0 1 Enter
wait_for "selected 'sleep 1001'"
T send-keys -t main Space
shows "1 tagged"
ok $? "Space tags the selected row"
wait_for "[ \"\$(fg_at 'sleep 1001')\" = 33 ]"
ok $? "the tagged row is drawn in the tag colour"
T send-keys -t main U
shows "tags cleared"
ok $? "U clears the tags"
# A tagged process that exits loses its tag.
T send-keys -t main / n s t o p - t e s t - e s c Enter Space
shows "1 tagged"
kill_pid "$esc_pid"
wait_for "! screen | grep -qF 'nstop-test-esc'"
T send-keys -t main / s l e e p Space 1 0 0 1 Enter Space
shows "1 tagged"
ok $? "the tag of a process that exited is dropped"
T send-keys -t main U
# The explain panel wraps long lines instead of cutting them.
T send-keys -t main / s l e e p Space 1 0 0 1 Enter i
shows "Explain"
wait_for "screen | grep -qF 'pivot_root'"
ok $? "explain wraps its long lines (the chroot note ends visible)"
T send-keys -t main Escape
T send-keys -t main F
shows "keeps its place"
ok $? "F switches the selection to keep its place"
T send-keys -t main q

# Mouse: xterm reports (ESC [ M button x y, each + 32) typed into the pane.
click() { # click X Y (0-based)
        T send-keys -t main -l "$(printf '\033[M%b%b%b' ' ' "\\$(printf %o $(($1 + 33)))" "\\$(printf %o $(($2 + 33)))")"
        T send-keys -t main -l "$(printf '\033[M%b%b%b' '#' "\\$(printf %o $(($1 + 33)))" "\\$(printf %o $(($2 + 33)))")"
}
row_of() { screen | grep -n -F -- "$1" | head -1 | cut -d: -f1; } # 1-based screen line
# Only our two processes are shown (-p): a mouse report that a busy
# machine splits would reach nstop as keys ('[' renices the selection),
# and those must never touch a process that is not ours.
args="-p $box,$member,$family,$(pgrep -P $family | paste -sd, -),$(pgrep -P "$(pgrep -P $family -x sh)")"
start
args=
shows "sleep 1001"
tabs=$(row_of " Processes ")
click 15 $((tabs - 1))
shows "NPROCS"
ok $? "a click on the Namespaces tab switches to it"
click 2 $((tabs - 1))
shows "sleep 1001"
# Paused (z), so no refresh moves the rows between finding and clicking
# (the test's own short-lived commands come and go at the top).
T send-keys -t main z
shows "[paused]"
# The last of our six rows (pids may wrap, so not by name): its pid.
line=$(screen | awk '/ PID/ { on = 1; next } on && $1 ~ /^[0-9]+$/ { n = NR } END { print n }')
want=$(screen | sed -n "${line}p" | awk '{ print $1 }')
click 10 $((line - 1))
wait_for "[ \"\$(selected_pid)\" = '$want' ]"
tok $? "a click on a row selects it"
# The wheel (button 4, reported as 64 + 32) moves the selection 3 rows up.
T send-keys -t main -l "$(printf '\033[M`%b%b' "\\$(printf %o 43)" "\\$(printf %o $((line - 1 + 33)))")"
wait_for "T capture-pane -p -e -t main | sed -n '$((line - 3))p' | grep -q \"\$SELECTED_RE\""
tok $? "the wheel scrolls the selection"
T send-keys -t main z
header=$(row_of " USER ")
click 2 $((header - 1))
shows "sorted by PID"
ok $? "a click on a column header sorts by it"
click 2 $((header - 1)) # again: back to newest first
click 1 $((ROWS - 1))
shows "nstop keys"
ok $? "a click on F1 in the function bar opens the help"
T send-keys -t main Escape
wait_for "! screen | grep -qF 'nstop keys'"
T send-keys -t main q

# A process started while nstop runs is highlighted for a refresh.
start
shows "sleep 1001"
# (Found by pid: the first refresh may see it before its exec.)
# Timed from its start, as the highlight is: a busy machine may show the
# row late, but not drop the colour before about 3 s. Only our sleeps are
# shown (a filter), so no newer process pushes the row off the page, and
# the selection is on one of them: a new top row must not be the
# selected one (drawn in the selection's colours).
T send-keys -t main '\' s l e e p Space 1 0 0 Enter
shows "filter: sleep 100"
goto_pid "$box" "sleep 1001" || { echo "Bail out! could not select sleep 1001"; exit 1; }
t0=$(date +%s%N)
spawn sleep 1004
wait_for "[ \"\$(fg_at ' $bg_pid root ')\" = 32 ]"
ok $? "a new process is drawn in the highlight colour"
wait_for "[ \"\$(fg_at ' $bg_pid root ')\" != 32 ] && screen | grep -qF ' $bg_pid root '"
held=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$held" -ge 2500 ]
ok $? "for a few seconds after it started, not just one 0.5 s refresh (${held} ms)"
# When it exits, its row stays one more refresh in the "gone" colour.
gone=$bg_pid
kill_pid "$gone"
wait_for "[ \"\$(fg_at ' $gone root ')\" = 31 ]"
ok $? "a process that exited is drawn in red before it goes"
wait_for "! screen | grep -qF ' $gone root '"
ok $? "and then it is gone"
T send-keys -t main q

# New namespaces and cgroups are highlighted for a few seconds too.
start
shows "sleep 1001"
T send-keys -t main Tab
shows "NPROCS"
spawn unshare --uts sleep 1014
wait_for "[ \"\$(cat /proc/$bg_pid/comm 2>/dev/null)\" = sleep ]"
new_uts=$(stat -L -c %i /proc/$bg_pid/ns/uts)
wait_for "[ \"\$(fg_at ' $new_uts ')\" = 32 ]"
ok $? "a new namespace is drawn in the highlight colour"
t0=$(date +%s%N)
wait_for "[ \"\$(fg_at ' $new_uts ')\" != 32 ]"
held=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$held" -ge 1500 ]
ok $? "for a few seconds (${held} ms)"
T send-keys -t main Tab
shows "nstop-test-$$"
mkdir "$cg-new" && cleanup_add "rmdir_cg '$cg-new'"
wait_for "[ \"\$(fg_at 'nstop-test-$$-new')\" = 32 ]"
ok $? "a new cgroup is drawn in the highlight colour"
t0=$(date +%s%N)
wait_for "[ \"\$(fg_at 'nstop-test-$$-new')\" != 32 ]"
held=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$held" -ge 1500 ]
ok $? "for a few seconds (${held} ms)"
rmdir "$cg-new"
wait_for "[ \"\$(fg_at 'nstop-test-$$-new')\" = 31 ]"
ok $? "a removed cgroup is drawn in red before it goes"
T send-keys -t main q

# Setup as root with XDG_CONFIG_HOME elsewhere: Enter does not save there
# (nstop writes only the real user's home; tests/tui/privileges.sh saves
# there, in a mounted-over home, and restarts).
start
shows "sleep 1001"
screen | grep -q " USER "
ok $? "the USER column is shown by default"
T send-keys -t main F2
shows "Processes view columns"
ok $? "F2 opens the setup"
T send-keys -t main Down Down Space Enter
shows "settings not saved: they are read from $xdg/nstop/nstoprc (XDG_CONFIG_HOME)"
ok $? "Enter does not save where XDG_CONFIG_HOME points, and says why"
[ "$(cat "$xdg/nstop/nstoprc")" = "sort_column=pid" ]
ok $? "the file there is unchanged"
T send-keys -t main q

# A bad settings file is reported and ignored, never fatal.
printf 'proc_columns=pid,bogus\n' >"$xdg/nstop/nstoprc"
start
shows "F10Quit"
ok $? "nstop starts with a bad settings file"
screen | grep -q "nstoprc:1: .*bogus.*(ignored)"
ok $? "the message line names the file, the line and the bad value"
screen | grep -q " USER "
ok $? "the defaults are used instead"
T send-keys -t main q
sorted_by_pid

# Colours: a 256-colour theme where the terminal has them, 8 otherwise.
start TERM=screen-256color
shows "sleep 1001"
T capture-pane -p -e -t main | grep -a " USER " | grep -q "48;5;114m"
ok $? "a 256-colour terminal gets the 256-colour theme"
T send-keys -t main q
start TERM=screen
shows "sleep 1001"
T capture-pane -p -e -t main | grep -a " USER " | grep -q "42m"
ok $? "an 8-colour terminal gets the 8-colour fallback"
T send-keys -t main q

printf 'sort_column=pid\ncolor_scheme=blackonwhite\n' >"$xdg/nstop/nstoprc"
start TERM=screen
shows "sleep 1001"
T capture-pane -p -e -t main | grep -q "47m"
ok $? "the blackonwhite scheme draws black on white"
T send-keys -t main q
sorted_by_pid

start NO_COLOR=1 LC_ALL=C
shows "sleep 1001"
ok $? "NO_COLOR in the C locale still draws the table"
! T capture-pane -p -e -t main | grep -a " USER " | grep -q "4[0-7]m\|48;5"
ok $? "NO_COLOR: no colour, reverse video instead"
T send-keys -t main t
shows "tree view"
screen | grep -qE '[|`]- '
ok $? "the C locale draws the tree in ASCII"
T send-keys -t main q

# The batch filters apply to the interactive view too.
for f in "-p $member:sleep 1002:sleep 1001" "--ns net:$box_net:sleep 1001:sleep 1002" \
         "--cgroup $cg:sleep 1002:sleep 1001" "-u nobody:sleep 1012:sleep 1001"; do
        args=${f%%:*} rest=${f#*:}
        case $args in --ns*) args="$args:${rest%%:*}" rest=${rest#*:} ;; esac
        want=${rest%%:*} unwanted=${rest#*:}
        start
        shows "$want"
        ok $? "nstop $args shows $want"
        ! screen | grep -qF "$unwanted"
        ok $? "nstop $args hides $unwanted"
        T send-keys -t main q
done
args=

# Double-width text fills the CGROUP column (20 cells) by display width:
# cut at a whole character, padded with spaces, the next column in place.
prefix="/nstop-test-$$-" n=${#prefix} expect=$prefix
for c in 日 本 語; do [ $((n + 2)) -le 20 ] || break; expect=$expect$c n=$((n + 2)); done
while [ "$n" -le 20 ]; do expect="$expect " n=$((n + 1)); done
start
shows "sleep 1013"
screen | grep -qF "${expect}sleep 1013"
ok $? "a CJK cgroup name keeps the COMMAND column aligned ('$expect')"
T send-keys -t main q

# A chrooted process says so in the processes view.
start
T resize-window -t main -x 200 -y $ROWS
shows "[chroot $tmp/jail] /bin/busybox sleep 1011"
ok $? "a chrooted process is marked with its root"
T send-keys -t main q

"$NSTOP" -d 0.5 </dev/null >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -eq 2 ] && grep -q "needs a terminal; use -b" "$tmp/err"
ok $? "without a terminal: exit 2 and a hint to use -b (got $st)"

done_testing
