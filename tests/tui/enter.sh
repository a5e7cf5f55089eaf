#!/bin/sh
# enter.sh: `e` in a real terminal: a command inside a box's namespaces
# (its own net, uts, ipc, pid and mount namespaces, made here), checked
# from inside; a target that exits while the dialog is open.
. "$SRCDIR/tests/lib.sh"
need_root "makes namespaces to enter"
need_cmd tmux unshare pgrep
. "$SRCDIR/tests/tui/tui-lib.sh"

# The box: unshare forks, its child (pid 1 inside) names the host and sleeps.
spawn unshare --fork --pid --mount-proc --net --uts --ipc sh -c 'hostname nstop-test-box; exec sleep 3101'
holder=$bg_pid
wait_for "box=\$(pgrep -P $holder) && [ \"\$(cat /proc/\$box/comm 2>/dev/null)\" = sleep ]"
box=$(pgrep -P "$holder")
cleanup_add "kill_pid $box"
spawn sleep 3102
gone=$bg_pid

# What the command inside writes: its namespaces and the hostname.
cat >"$tmp/probe.sh" <<EOF
for t in mnt uts ipc net pid; do printf '%s ' \$(readlink /proc/self/ns/\$t); done >'$tmp/inside'
echo >>'$tmp/inside'
hostname >>'$tmp/inside'
EOF
want=
for t in mnt uts ipc net pid; do want="$want$(readlink /proc/$box/ns/$t) "; done

start
shows "sleep 3101"
must_goto() { goto_pid "$1" "$2" || { echo "Bail out! could not select pid $1"; exit 1; }; }
must_goto "$box" "sleep 3101"
T send-keys -t main e
shows "Enter pid $box (sleep)"
tok $? "e opens the enter dialog for the selected process"
screen | grep -qF "[x] net" && screen | grep -qF "[x] uts" && screen | grep -qF "[x] pid"
tok $? "the namespaces that differ from nstop's are checked"
# The command field has the focus: clear it and type ours.
T send-keys -t main C-u
T send-keys -t main -l "/bin/sh $tmp/probe.sh"
T send-keys -t main Enter
shows "back from pid $box's namespaces: the command exited with status 0"
tok $? "Enter runs the command on the terminal; nstop comes back with its status"
[ "$(head -1 "$tmp/inside")" = "$want" ]
tok $? "inside, every namespace is the box's (mnt uts ipc net pid)"
[ "$(sed -n 2p "$tmp/inside")" = nstop-test-box ]
tok $? "and the hostname is the box's"
shows "sleep 3101"
tok $? "the table is drawn again"

# On a namespace row, e enters through the namespace's first process.
net=$(stat -L -c %i /proc/$box/ns/net)
first=$(for p in $(pgrep -x unshare; pgrep -x sleep); do [ "$(stat -L -c %i /proc/$p/ns/net 2>/dev/null)" = "$net" ] && echo "$p"; done | sort -n | head -1)
T send-keys -t main Tab
shows "NPROCS"
T send-keys -t main / "$net" Enter
wait_for "selected '$net'"
T send-keys -t main e
shows "Enter pid $first ("
tok $? "e on a namespace row enters through its first process (pid $first)"
T send-keys -t main Escape
T send-keys -t main BTab
shows "PID"

# r: one command inside, its output in a panel.
must_goto "$box" "sleep 3101"
T send-keys -t main r
shows "Run a command inside pid $box (sleep)"
tok $? "r opens the dialog to run one command inside"
T send-keys -t main -l "hostname"
T send-keys -t main Enter
shows "pid $box: hostname (exit status 0"
tok $? "the command's status is in the panel's title"
screen | grep -qF "nstop-test-box"
tok $? "and its output, the box's hostname, in the panel"
T send-keys -t main Escape
wait_for "! screen | grep -qF 'pid $box: hostname'"
tok $? "Esc closes the panel"
# A command that does not end is stopped from the panel.
T send-keys -t main r
shows "Run a command inside pid $box (sleep)"
T send-keys -t main -l "sleep 3999"
T send-keys -t main Enter
shows "pid $box: sleep 3999 (running; Esc stops it)"
tok $? "a command that runs on shows as running"
in_box() { for p in $(pgrep -x sleep); do [ "$(readlink /proc/$p/ns/pid)" = "$(readlink /proc/$box/ns/pid)" ] && tr '\0' ' ' </proc/$p/cmdline; done; }
wait_for "in_box | grep -q 'sleep 3999'"
tok $? "(it runs in the box's pid namespace)"
T send-keys -t main Escape
shows "pid $box: sleep 3999 (killed by signal 15"
tok $? "Esc stops it: SIGTERM, said in the title"
! in_box | grep -q "sleep 3999"
tok $? "and nothing of it is left in the box"
T send-keys -t main Escape

# A target that exits while its dialog is open: refused, nothing started.
rm -f "$tmp/inside"
must_goto "$gone" "sleep 3102"
T send-keys -t main e
shows "Enter pid $gone (sleep)"
kill_pid "$gone"
T send-keys -t main C-u
T send-keys -t main -l "/bin/sh $tmp/probe.sh"
T send-keys -t main Enter
shows "pid $gone has exited"
tok $? "a target that exited is reported"
[ ! -e "$tmp/inside" ]
tok $? "and nothing ran"
T send-keys -t main q
shows "EXIT=0"
tok $? "nstop quits normally afterwards"
screen | grep -q " icanon" && screen | grep -q " echo "
tok $? "and the terminal is in its normal mode"

done_testing
