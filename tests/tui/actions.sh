#!/bin/sh
# actions.sh: the actions of the interactive view, driven by keys in a
# real terminal (tmux), checked in the kernel's own files afterwards:
# freeze and thaw (v1 freezer, v2 cgroup.freeze), limits (v1 memory, cpu,
# pids), moves, new and removed cgroups, signals, nice values, and the
# refusals. Every cgroup here is ours (nstop-test-*), and so is every
# process acted on.
. "$SRCDIR/tests/lib.sh"
need_root "makes cgroups and acts on them"
need_cmd tmux pgrep setpriv
. "$SRCDIR/tests/tui/tui-lib.sh"

CG=/sys/fs/cgroup
T1=nstop-test-$$
# The cpu controller's directory: cpu, or cpu,cpuacct where co-mounted.
CPU=cpu
[ -f "$CG/$CPU/cpu.cfs_quota_us" ] || CPU=cpu,cpuacct
for h in freezer memory $CPU pids unified; do
        [ -d "$CG/$h" ] || skip_all "needs the $h hierarchy at $CG/$h (a hybrid host)"
done

# mkcg HIER PATH: a cgroup of ours, removed at exit (after its processes).
mkcg() { mkdir "$CG/$1/$2" && cleanup_add "rmdir_cg '$CG/$1/$2'"; }
# inside HIER PATH CMD...: a process of ours started in that cgroup.
inside() {
        _dir=$CG/$1/$2
        shift 2
        spawn sh -c "echo \$\$ > '$_dir/cgroup.procs' && exec $*"
        wait_for "grep -qx $bg_pid '$_dir/cgroup.procs'"
        thaw_at_exit "$_dir"
}
# thaw_at_exit DIR: a frozen process cannot die, so before the kills
# (registered earlier, run later) the cgroup is thawed.
thaw_at_exit() { cleanup_add "echo THAWED > '$1/freezer.state'; echo 0 > '$1/cgroup.freeze'"; }
in_cg() { grep -qx "$1" "$CG/$2/cgroup.procs"; } # in_cg PID HIER/PATH

# ---- freeze and thaw -------------------------------------------------------
mkcg freezer "$T1"
mkcg unified "$T1-v2"
inside freezer "$T1" sleep 2001
frozen1=$bg_pid
inside unified "$T1-v2" sleep 2002

start
shows "Tasks:"
goto_cg freezer "$T1"
T send-keys -t main f
wait_for "grep -qx FROZEN '$CG/freezer/$T1/freezer.state'"
tok $? "f on a v1 cgroup row: freezer.state is FROZEN"
shows "froze /$T1 (freezer)"
tok $? "the message line says so"
T send-keys -t main f
wait_for "grep -qx THAWED '$CG/freezer/$T1/freezer.state'"
tok $? "f again thaws it: THAWED"
T send-keys -t main q

start
shows "Tasks:"
goto_cg unified "$T1-v2"
T send-keys -t main f
wait_for "grep -qx 'frozen 1' '$CG/unified/$T1-v2/cgroup.events'"
tok $? "f on a v2 cgroup row: cgroup.events says frozen 1"
T send-keys -t main f
wait_for "grep -qx 'frozen 0' '$CG/unified/$T1-v2/cgroup.events'"
tok $? "f again: frozen 0"
T send-keys -t main q

# On a process row: a confirmation that counts the processes, in the
# freezer hierarchy.
start
shows "sleep 2001"
must goto_pid "$frozen1" "sleep 2001"
T send-keys -t main f
shows "1 process will stop"
tok $? "f on a process row asks first, saying how many processes stop"
T send-keys -t main Escape
shows "cancelled"
grep -qx THAWED "$CG/freezer/$T1/freezer.state"
tok $? "Esc cancels: nothing frozen"
T send-keys -t main f
shows "1 process will stop"
must shows "Freeze /$T1 (freezer)?"
T send-keys -t main y
wait_for "grep -qx FROZEN '$CG/freezer/$T1/freezer.state'"
tok $? "y freezes the process's freezer cgroup"
T send-keys -t main f
shows "will run again"
must shows "Thaw /$T1 (freezer)?"
T send-keys -t main Enter
wait_for "grep -qx THAWED '$CG/freezer/$T1/freezer.state'"
tok $? "f and Enter thaw it"
T send-keys -t main q

# The rail: never freeze the cgroup that holds nstop itself.
mkcg freezer "$T1-self"
start
shows "Tasks:"
pid=$(nstop_pid)
echo "$pid" >"$CG/freezer/$T1-self/cgroup.procs"
cleanup_add "echo $pid > '$CG/freezer/cgroup.procs'"
thaw_at_exit "$CG/freezer/$T1-self"
goto_cg freezer "$T1-self"
T send-keys -t main f
shows "refusing to freeze /$T1-self"
tok $? "freezing nstop's own cgroup is refused, with the reason"
grep -qx THAWED "$CG/freezer/$T1-self/freezer.state"
tok $? "and nothing is frozen"
T send-keys -t main q
shows "EXIT=0"

# ---- limits (v1) -------------------------------------------------------------
mkcg memory "$T1"
mkcg $CPU "$T1"
mkcg pids "$T1"
inside memory "$T1" sleep 2003
echo "$bg_pid" >"$CG/$CPU/$T1/cgroup.procs"
echo "$bg_pid" >"$CG/pids/$T1/cgroup.procs"
lim_pid=$bg_pid
mem_before=$(cat "$CG/memory/$T1/memory.limit_in_bytes")

start
shows "Tasks:"
goto_cg memory "$T1"
T send-keys -t main l
shows "Limits of /$T1 (memory)"
tok $? "l on a cgroup row opens the limits form"
field "memory max"
for bad in abc -1 99999999T; do
        T send-keys -t main C-u "$bad" Enter
        shows "memory max: '$bad'"
        tok $? "memory max '$bad' is refused, naming the field and the value"
        [ "$(cat "$CG/memory/$T1/memory.limit_in_bytes")" = "$mem_before" ]
        tok $? "and nothing is written"
done
T send-keys -t main C-u 64M
field "cpu max"
T send-keys -t main C-u 0.5
field "pids max"
T send-keys -t main C-u 20 Enter
shows "limits of /$T1 (memory) set"
tok $? "Enter applies the form"
[ "$(cat "$CG/memory/$T1/memory.limit_in_bytes")" = 67108864 ]
tok $? "memory.limit_in_bytes is 64M"
[ "$(cat "$CG/$CPU/$T1/cpu.cfs_quota_us")" = 50000 ] && [ "$(cat "$CG/$CPU/$T1/cpu.cfs_period_us")" = 100000 ]
tok $? "cpu.cfs_quota_us is half of cpu.cfs_period_us"
[ "$(cat "$CG/pids/$T1/pids.max")" = 20 ]
tok $? "pids.max is 20"
# Below what the process uses: a warning first, then the kernel's refusal
# (v1 cannot reclaim a sleeping process's memory without swap: EBUSY).
T send-keys -t main l
shows "Limits of /$T1 (memory)"
field "memory max"
T send-keys -t main C-u 4K Enter
shows "is below what it uses now"
tok $? "a memory limit below current use asks first"
T send-keys -t main n
shows "Limits of /$T1 (memory)"
tok $? "n goes back to the form"
T send-keys -t main Enter
must shows "The new memory limit of /$T1 (memory) is below what it uses now"
T send-keys -t main y
shows "Device or resource busy"
tok $? "yes writes it; the kernel's refusal is shown as it gave it"
[ "$(cat "$CG/memory/$T1/memory.limit_in_bytes")" = 67108864 ]
tok $? "and the old limit stays"
T send-keys -t main q

# v2 here has no controllers: the form says why there is nothing to set.
start
shows "Tasks:"
goto_cg unified "$T1-v2"
T send-keys -t main l
shows "no limits can be set on /$T1-v2"
tok $? "l on a v2 cgroup without controllers says why nothing can be set"
T send-keys -t main q

# A process row: a new child nstop-PID below its cgroup, then the form.
# In a cgroup of ours in every hierarchy with limits, so that nstop-PID
# is made below ours.
lim_hiers=
for h in memory $CPU pids blkio; do [ -d "$CG/$h" ] && lim_hiers="$lim_hiers $h"; done
for h in $lim_hiers; do mkcg "$h" "$T1-lim"; done
inside memory "$T1-lim" sleep 2004
kid=$bg_pid
for h in $lim_hiers; do
        echo "$kid" >"$CG/$h/$T1-lim/cgroup.procs"
        cleanup_add "rmdir_cg '$CG/$h/$T1-lim/nstop-$kid'"
done
cleanup_add "kill_pid $kid"
start
shows "sleep 2004"
must goto_pid "$kid" "sleep 2004"
T send-keys -t main l
shows "nstop-$kid below its cgroup"
tok $? "l on a process row offers a cgroup of its own"
must shows "Limit pid $kid (sleep) on its own?"
T send-keys -t main y
shows "Limits of /$T1-lim/nstop-$kid"
tok $? "yes makes nstop-PID, moves the process there and opens its form"
in_cg "$kid" "memory/$T1-lim/nstop-$kid" && in_cg "$kid" "pids/$T1-lim/nstop-$kid"
tok $? "the process is in nstop-$kid in the memory and pids hierarchies"
field "memory max"
T send-keys -t main C-u 32M Enter
wait_for "[ \"\$(cat '$CG/memory/$T1-lim/nstop-$kid/memory.limit_in_bytes')\" = 33554432 ]"
tok $? "and its limit is set there"
T send-keys -t main q
# Nothing was made outside our cgroups.
found=
for h in $lim_hiers; do [ -d "$CG/$h/nstop-$kid" ] && found="$found $h"; done
[ -z "$found" ]
tok $? "nstop-$kid was made only below the process's own cgroups (not at the top of:$found)"

# ---- move, make, remove ---------------------------------------------------------
mkcg memory "$T1-dest"
mkcg pids "$T1-dest"
spawn sleep 2005
mover=$bg_pid
start
shows "sleep 2005"
must goto_pid "$mover" "sleep 2005"
T send-keys -t main m
shows "Move to cgroup"
tok $? "m opens the cgroup picker"
# Each hierarchy, then all at once: Tab until "all hierarchies".
n=0
while ! screen | grep -qF "hierarchy: all hierarchies" && [ $n -lt 30 ]; do T send-keys -t main Tab; sleep 0.1; n=$((n + 1)); done
T send-keys -t main "$T1-dest"
must shows "pid $mover (sleep) to:"
T send-keys -t main Enter
shows "moved pid $mover (sleep) to /$T1-dest"
tok $? "typing finds the cgroup, Enter moves the process"
in_cg "$mover" "memory/$T1-dest" && in_cg "$mover" "pids/$T1-dest"
tok $? "into that path in every hierarchy that has it (memory and pids)"
echo "$mover" >"$CG/memory/cgroup.procs"
echo "$mover" >"$CG/pids/cgroup.procs"

goto_cg pids "$T1-dest"
T send-keys -t main a
shows "New cgroup in /$T1-dest (pids)"
tok $? "a asks for the name of a new child cgroup"
T send-keys -t main "bad/name" Enter
shows "cannot hold '/'"
tok $? "a name with / is refused"
cleanup_add "rmdir_cg '$CG/pids/$T1-dest/$T1-kid'"
T send-keys -t main C-u "$T1-kid" Enter
wait_for "[ -d '$CG/pids/$T1-dest/$T1-kid' ]"
tok $? "Enter makes it"
T send-keys -t main / "$T1-kid" Enter
wait_for "selected '$T1-kid'"
T send-keys -t main X
must shows "Remove the cgroup /$T1-dest/$T1-kid (pids)?"
T send-keys -t main y
wait_for "[ ! -d '$CG/pids/$T1-dest/$T1-kid' ]"
tok $? "X and yes remove an empty cgroup"
T send-keys -t main / "$T1-lim" Enter
must wait_for "selected '$T1-lim'"
T send-keys -t main X
must shows "Remove the cgroup /$T1-lim (pids)?"
T send-keys -t main y
shows "still holds processes or child cgroups"
tok $? "a busy cgroup (a process in its child) is not removed, and the message says why"
[ -d "$CG/pids/$T1-lim" ]
tok $? "it is still there"
T send-keys -t main q

# ---- signals and nice -----------------------------------------------------------
spawn sleep 2006
victim=$bg_pid
spawn sleep 2007
niced=$bg_pid
spawn sleep 2008
gone=$bg_pid
mkcg unified "$T1-kill"
inside unified "$T1-kill" sleep 2009
k1=$bg_pid
inside unified "$T1-kill" sleep 2010
k2=$bg_pid

start
shows "sleep 2006"
must goto_pid "$victim" "sleep 2006"
T send-keys -t main k
must shows "Send a signal to pid $victim (sleep)"
tok 0 "k opens the signal menu for the selected process"
T capture-pane -p -e -t main | grep "SIGTERM" | grep -q "$SELECTED_RE"
tok $? "with SIGTERM chosen"
T send-keys -t main Enter
wait_for "! kill -0 $victim 2>/dev/null || [ \"\$(awk '{ print \$3 }' /proc/$victim/stat 2>/dev/null)\" = Z ]"
tok $? "Enter sends it: the process ends"
shows "sent SIGTERM to pid $victim"

must goto_pid "$gone" "sleep 2008"
T send-keys -t main F9
must shows "Send a signal to pid $gone (sleep)"
kill_pid "$gone"
T send-keys -t main Enter
shows "pid $gone has exited"
tok $? "a process that exits while its dialog is open is reported, not hit"

must goto_pid "$niced" "sleep 2007"
T send-keys -t main F8
wait_for "[ \"\$(nice_of $niced)\" = 1 ]"
tok $? "F8 raises the nice value by one"
shows "nice 0 -> 1"
must [ "$(selected_pid)" = "$niced" ]
T send-keys -t main ']'
wait_for "[ \"\$(nice_of $niced)\" = 0 ]"
tok $? "] lowers it again"

goto_cg unified "$T1-kill"
T send-keys -t main k 9
wait_for "T capture-pane -p -e -t main | grep SIGKILL | grep -q \"\$SELECTED_RE\""
T send-keys -t main Enter
must shows "Send SIGKILL to every process in /$T1-kill (unified)"
tok 0 "k on a cgroup row: the signal, then a confirmation naming the cgroup"
T send-keys -t main y
wait_for "[ ! -s '$CG/unified/$T1-kill/cgroup.procs' ]"
tok $? "yes kills every process in it"
T send-keys -t main q

# ---- more rails ------------------------------------------------------------------------
# A child cgroup frozen through its parent: thawing the child cannot help.
mkcg freezer "$T1-par"
mkcg freezer "$T1-par/$T1-kid"
thaw_at_exit "$CG/freezer/$T1-par"
echo FROZEN >"$CG/freezer/$T1-par/freezer.state"
start
shows "Tasks:"
goto_cg freezer "$T1-kid"
T send-keys -t main f
shows "is frozen by its parent /$T1-par: thaw that one"
tok $? "f on a cgroup frozen by its parent says which one holds it"
echo THAWED >"$CG/freezer/$T1-par/freezer.state"
# No signal but SIGCONT for nstop itself (or its shell, terminal, session).
T send-keys -t main BTab BTab
pid=$(nstop_pid)
must goto_pid "$pid" "nstop -d"
T send-keys -t main k
must shows "Send a signal to pid $pid (nstop)"
T send-keys -t main Enter
shows "refusing to send SIGTERM to pid $pid (nstop)"
tok $? "SIGTERM to nstop's own process is refused, with the reason"
kill -0 "$pid"
tok $? "and nstop runs on"
T send-keys -t main q

# A view of a --sysroot tree is not this system: no action from it.
args="--sysroot /"
start
args=
shows "Tasks:"
T send-keys -t main f
shows "actions are off: this view is of a --sysroot tree"
tok $? "with --sysroot, action keys say they are off"
T send-keys -t main q

# ---- as another user: clean refusals ------------------------------------------------
chmod 755 "$tmp" "$xdg" "$xdg/nstop" && chmod 644 "$xdg/nstop/nstoprc"
run_as="setpriv --reuid=65534 --regid=65534 --clear-groups"
start HOME=/tmp
shows "sleep 2007"
must goto_pid "$niced" "sleep 2007"
T send-keys -t main F8
# The start-up notice says "Permission denied" too: match the renice line.
wait_for "screen | grep -q 'renice pid $niced to .*\\(Operation not permitted\\|Permission denied\\)'"
tok $? "as nobody, renicing root's process fails with the reason"
goto_cg freezer "$T1"
T send-keys -t main f
shows "freezer.state"
screen | grep -q "Permission denied"
tok $? "as nobody, freezing fails with the file and the reason"
grep -qx THAWED "$CG/freezer/$T1/freezer.state"
tok $? "and nothing is frozen"
T send-keys -t main q
shows "EXIT=0"
tok $? "nstop quits normally after the refusals"
run_as=

done_testing
