#!/bin/sh
# create.sh: `n` in a real terminal: a command in new namespaces in the
# foreground (checked from inside), a background holder that the views
# show and k ends, a new root directory, and the fields' errors.
. "$SRCDIR/tests/lib.sh"
need_root "makes namespaces"
need_cmd tmux busybox pgrep
. "$SRCDIR/tests/tui/tui-lib.sh"

# The dialog's lines, as in ui/create.c: types 0-7, then these.
HOSTNAME=8 ROOT=11 CGROUP=12 COMMAND=13 BACKGROUND=14
# to ITEM: move the focus (it starts on the command) with Up or Down.
at=$COMMAND
to() {
        while [ "$at" -gt "$1" ]; do T send-keys -t main Up; at=$((at - 1)); done
        while [ "$at" -lt "$1" ]; do T send-keys -t main Down; at=$((at + 1)); done
}
open_dialog() { # Esc first: after a search, n is the next match
        T send-keys -t main Escape
        T send-keys -t main n
        shows "New namespaces (as unshare)"
        at=$COMMAND
}
# started_pid: the pid the message line names after a background start.
started_pid() { screen | sed -n 's/.*started pid \([0-9]*\) in new namespaces.*/\1/p' | head -1; }

cat >"$tmp/probe.sh" <<EOF
for t in mnt uts ipc net pid; do printf '%s ' \$(readlink /proc/self/ns/\$t); done >'$tmp/inside'
echo >>'$tmp/inside'
hostname >>'$tmp/inside'
echo \$\$ >>'$tmp/inside'
EOF
host=
for t in mnt uts ipc net pid; do host="$host$(readlink /proc/self/ns/$t) "; done

start
shows "Tasks:"
open_dialog
tok $? "n opens the dialog for new namespaces"
screen | grep -qF "[x] net" && screen | grep -qF "[x] pid" && screen | grep -qF "[ ] user"
tok $? "mnt, uts, ipc, net and pid are checked; user, cgroup and time are not"
to $HOSTNAME
T send-keys -t main -l "nstop-test-new"
to $COMMAND
T send-keys -t main C-u
T send-keys -t main -l "/bin/sh $tmp/probe.sh"
T send-keys -t main Enter
shows "back from new namespaces: the command exited with status 0"
tok $? "Enter runs the command on the terminal and comes back with its status"
inside=$(head -1 "$tmp/inside")
differ=yes
for k in 1 2 3 4 5; do
        [ "$(echo "$inside" | cut -d' ' -f$k)" != "$(echo "$host" | cut -d' ' -f$k)" ] || differ=no
done
[ -n "$inside" ] && [ "$differ" = yes ]
tok $? "inside, every checked namespace is a new one ($inside)"
[ "$(sed -n 2p "$tmp/inside")" = nstop-test-new ] && [ "$(hostname)" != nstop-test-new ]
tok $? "the new uts namespace has the hostname, the host keeps its own"
[ "$(sed -n 3p "$tmp/inside")" = 1 ]
tok $? "the command is pid 1 of the new pid namespace"

# An interactive shell takes the terminal for its own process group; from
# a new pid namespace it cannot give it back: nstop takes it back itself.
# The shell's status is its own business (dash, failing to hand the
# terminal back, says "Cannot set tty process group" and exits with 2).
# The message line says "cancelled" first: the message looked for then
# comes from this command, not from the one before.
open_dialog
T send-keys -t main Escape
shows "cancelled"
open_dialog
T send-keys -t main C-u
T send-keys -t main -l "/bin/sh -i"
T send-keys -t main Enter
shows "in new namespaces; leave the shell to come back"
# Typed once the shell shows its prompt, so that the shell reads it.
wait_for "screen | grep -qE '^[#$] ?$'"
T send-keys -t main -l "exit"
T send-keys -t main Enter
shows "back from new namespaces: the command exited with status"
tok $? "after an interactive shell in a new pid namespace, nstop comes back"
diag "$(screen | grep -o 'back from new namespaces:.*')"
# Here nstop's process group is orphaned (the pane's shell has no job
# control): without the terminal the kernel would not stop it but fail its
# reads, so it would draw its screen and never read a key. Its group must
# be the terminal's foreground one again, and a key must reach it.
# From /proc/PID/stat, after the name: the state, the process group and
# the terminal's foreground group (fields 3, 5 and 8).
pid=$(nstop_pid)
stat=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null)
state=$(echo "$stat" | cut -d' ' -f1)
pgrp=$(echo "$stat" | cut -d' ' -f3)
tpgid=$(echo "$stat" | cut -d' ' -f6)
[ -n "$pgrp" ] && [ "$state" != T ] && [ "$pgrp" = "$tpgid" ] && ! screen | grep -q "Stopped"
tok $? "and was never stopped: it has the terminal's foreground (group $pgrp, terminal's $tpgid)"
T send-keys -t main n
shows "New namespaces (as unshare)"
tok $? "and it reads keys again"
T send-keys -t main Escape
shows "cancelled"

# In the background with no command: a holder keeps the namespaces.
open_dialog
T send-keys -t main C-u
to $BACKGROUND
T send-keys -t main Space Enter
shows "in the background (k ends it)"
holder=$(started_pid)
[ -n "$holder" ] && cleanup_add "kill_pid $holder"
[ -n "$holder" ] && [ "$(readlink /proc/$holder/ns/net)" != "$(readlink /proc/self/ns/net)" ]
tok $? "a background holder runs in a new net namespace (pid $holder)"
shows "[made by nstop]"
tok $? "the processes view marks it as made by nstop"
net=$(stat -L -c %i /proc/$holder/ns/net)
T send-keys -t main Tab
shows "$net"
tok $? "its net namespace is in the Namespaces view"
T send-keys -t main BTab
goto_pid "$holder" "made by nstop" || { echo "Bail out! could not select pid $holder"; exit 1; }
T send-keys -t main k
shows "Send a signal to pid $holder"
T send-keys -t main Enter
wait_for "[ ! -e /proc/$holder ]"
tok $? "k and SIGTERM end it, and nstop reaps it"

# The cgroup to start in, picked from the tree (Space on the empty field).
start_cg=/sys/fs/cgroup/unified/nstop-test-$$-start
mkdir "$start_cg" && cleanup_add "rmdir_cg '$start_cg'"
open_dialog
to $CGROUP
T send-keys -t main Space
shows "Start in cgroup"
tok $? "Space on the empty cgroup field opens the cgroup picker"
n=0
while ! screen | grep -qF "hierarchy: unified" && [ $n -lt 30 ]; do T send-keys -t main Tab; sleep 0.1; n=$((n + 1)); done
shows "  /nstop-test-$$-start" # once a refresh has seen the new cgroup
T send-keys -t main -l "nstop-test-$$-start"
shows "find: nstop-test-$$-start_"
T send-keys -t main Enter
shows "cgroup to start in (Space: pick): $start_cg"
tok $? "Enter puts the chosen cgroup's directory into the form"
to $COMMAND
T send-keys -t main C-u
to $BACKGROUND
T send-keys -t main Space Enter
shows "in the background (k ends it"
picked=$(started_pid)
[ -n "$picked" ] && cleanup_add "kill_pid $picked"
[ -n "$picked" ] && grep -qx "$picked" "$start_cg/cgroup.procs"
tok $? "the new process starts in that cgroup"
[ -n "$picked" ] && kill "$picked"
wait_for "[ ! -s '$start_cg/cgroup.procs' ]"

# A new root directory: a static busybox the test puts there.
mkdir -p "$tmp/root/bin" "$tmp/root/proc"
# What runs in that root goes at exit, by PID, even when a failed check
# left its pid unknown (the root shows as deleted once $tmp has gone).
kill_jailed() {
        for _d in /proc/[0-9]*; do
                case $(readlink "$_d/root" 2>/dev/null) in
                "$tmp/root" | "$tmp/root (deleted)") kill -KILL "${_d#/proc/}" ;;
                esac
        done
        return 0
}
cleanup_add kill_jailed
cp "$(command -v busybox)" "$tmp/root/bin/"
open_dialog
to $ROOT
T send-keys -t main -l "/nonexistent-nstop-root"
T send-keys -t main Enter
shows "root directory: "
tok $? "a missing root directory is refused, naming the field"
T send-keys -t main C-u
T send-keys -t main -l "$tmp/root"
to $COMMAND
T send-keys -t main C-u
T send-keys -t main -l "/bin/nothere"
T send-keys -t main Enter
shows "command: "
tok $? "a command the root lacks is refused, naming the field"
T send-keys -t main C-u
T send-keys -t main -l "/bin/busybox sleep 3201"
to $HOSTNAME
T send-keys -t main -l "bad_host!"
T send-keys -t main Enter
shows "hostname: "
tok $? "an invalid hostname is refused, naming the field"
T send-keys -t main C-u
to $BACKGROUND
T send-keys -t main Space Enter
shows "in the background (k ends it)"
jailed=$(started_pid)
[ -n "$jailed" ] && cleanup_add "kill_pid $jailed"
[ -n "$jailed" ] && [ "$(readlink /proc/$jailed/root)" = "$tmp/root" ]
tok $? "with a new root, the process's root is that directory"
kill "$jailed"
wait_for "[ ! -e /proc/$jailed ]"
T send-keys -t main q
shows "EXIT=0"
tok $? "nstop quits normally"

done_testing
