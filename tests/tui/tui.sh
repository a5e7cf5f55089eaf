#!/bin/sh
# tui.sh: the interactive view in a real terminal (a private tmux server
# of a fixed size), driven with send-keys and read with capture-pane.
# Every wait polls the screen for the content it expects.
. "$SRCDIR/tests/lib.sh"
need_root "creates a network namespace and a cgroup for the views to show"
need_cmd tmux unshare

sock=nstop-test-$$
tmp=$(mktemp -d)
cleanup_add "rm -rf '$tmp'"
cleanup_add "tmux -L $sock kill-server"
T() { tmux -L "$sock" "$@"; }
screen() { T capture-pane -p -t main; }
# shows TEXT: wait (10 s at most) until the screen holds TEXT (fixed string).
shows() { wait_for "screen | grep -qF -- '$1'"; }
cg=/sys/fs/cgroup/unified/nstop-test-$$

# Our own processes for the views to find: one with a marked command
# line in a new network namespace, and one in a cgroup of ours.
spawn unshare --net sleep 1001
box=$bg_pid
wait_for "[ \"\$(cat /proc/$box/comm 2>/dev/null)\" = sleep ]"
box_net=$(stat -L -c %i /proc/$box/ns/net)
mkdir "$cg" && cleanup_add "rmdir '$cg'"
spawn sh -c "echo \$\$ > '$cg/cgroup.procs' && exec sleep 1002"
member=$bg_pid
wait_for "grep -qx $member '$cg/cgroup.procs'"

# A process whose command line holds an escape sequence (red text).
spawn bash -c 'exec -a "$(printf "\033[31mnstop-test-esc")" sleep 1003'
wait_for "tr '\\0' ' ' </proc/$bg_pid/cmdline | grep -q nstop-test-esc"

start() { # start [ENV=...]: nstop in a fresh 120x35 window; the shell stays for checks
        T kill-server 2>/dev/null
        T -f /dev/null new-session -d -s main -x 120 -y 35 "env $* '$NSTOP' -d 0.5; echo EXIT=\$?; stty -a; sleep 1000"
}

start
shows "Tasks:"
ok $? "the header shows the tasks meter"
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

T send-keys -t main Tab
shows "hierarchy: unified"
ok $? "Tab: the cgroups view shows the v2 hierarchy"
shows "nstop-test-$$"
ok $? "and our cgroup"
screen | grep -E "^ +1 .* nstop-test-$$" >/dev/null
ok $? "with 1 process in it"
T send-keys -t main c
shows "hierarchy: blkio"
ok $? "c: the next hierarchy"

T send-keys -t main BTab BTab
shows "sleep 1001"
ok $? "Shift-Tab twice: back to processes"

T send-keys -t main F3
shows "not in this version yet"
ok $? "a function key not built yet says so on the message line"

T resize-window -t main -x 30 -y 8
shows "Terminal too small"
ok $? "resized to 30x8: the screen says it is too small"
T resize-window -t main -x 120 -y 35
shows "sleep 1001"
ok $? "resized back: the table returns"

T send-keys -t main q
shows "EXIT=0"
ok $? "q quits with status 0"
screen | grep -q " icanon" && screen | grep -q " echo "
ok $? "the terminal is back in canonical mode with echo"

start
shows "sleep 1001"
pid=$(pgrep -P "$(T display -p -t main '#{pane_pid}')" -x nstop)
[ -n "$pid" ] && kill -TERM "$pid"
shows "EXIT=0"
ok $? "SIGTERM ends nstop cleanly"
screen | grep -q " icanon" && screen | grep -q " echo "
ok $? "and restores the terminal"

start NO_COLOR=1 LC_ALL=C
shows "sleep 1001"
ok $? "NO_COLOR in the C locale still draws the table"
T send-keys -t main q

"$NSTOP" -d 0.5 </dev/null >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -eq 2 ] && grep -q "needs a terminal; use -b" "$tmp/err"
ok $? "without a terminal: exit 2 and a hint to use -b (got $st)"

done_testing
