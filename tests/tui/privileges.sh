#!/bin/sh
# privileges.sh: issue 8, privileges, in a real terminal (tmux).
# - As nobody: the tabs line marks the partial view and the message line
#   says once what could not be read and why; killing root's process and
#   limiting root's cgroup are refused with one line naming the target and
#   the reason, and nothing changes; nobody's own process can be reniced.
# - Commands typed in the dialogs' command fields run as the typed words
#   (argv), never through a shell: `r`, `e` and `n` with ; $( ) ` * > in
#   them.
# - Saving the settings (F2, Enter) as root with HOME and XDG_CONFIG_HOME
#   in temporary directories writes nothing there (nor anywhere: it says
#   why); with the variables agreeing it writes the real user's home from
#   the password database, which the test mounts over from a temporary
#   directory in a private mount namespace, and the next start reads it.
# Every process acted on is the test's; the cgroup is nstop-test-*.
. "$SRCDIR/tests/lib.sh"
need_root "drops privileges with setpriv, makes a cgroup, mounts in a private mount namespace"
need_cmd tmux pgrep setpriv unshare
. "$SRCDIR/tests/tui/tui-lib.sh"

CG=/sys/fs/cgroup
T1=nstop-test-$$-priv

# ---- as nobody: a partial view, clean refusals ----------------------------
spawn sleep 4001
rootpid=$bg_pid
spawn setpriv --reuid=65534 --regid=65534 --clear-groups sleep 4002
ownpid=$bg_pid
wait_for "[ \"\$(stat -c %u /proc/$ownpid)\" = 65534 ] && grep -qx sleep /proc/$ownpid/comm"
mem=
if [ -d "$CG/memory" ] && mkdir "$CG/memory/$T1"; then
        # Cleanups run last-added first: the sleep must be gone before
        # the cgroup can be removed.
        cleanup_add "kill_pid $rootpid; rmdir_cg '$CG/memory/$T1'"
        echo "$rootpid" >"$CG/memory/$T1/cgroup.procs"
        mem=$(cat "$CG/memory/$T1/memory.limit_in_bytes")
fi

chmod 755 "$tmp" "$xdg" "$xdg/nstop" && chmod 644 "$xdg/nstop/nstoprc"
run_as="setpriv --reuid=65534 --regid=65534 --clear-groups"
start HOME=/tmp
shows "sleep 4001"
screen | grep -q "^ Processes .*partial view (not root): ? = unreadable"
tok $? "as nobody, the tabs line marks the partial view"
screen | grep -q "could not read namespaces of [0-9]* process.*Permission denied"
tok $? "and the message line says what could not be read and why"
screen | grep -q "shown as '?'"
tok $? "and how it is shown"

must goto_pid "$rootpid" "sleep 4001"
T send-keys -t main F9
must shows "Send a signal to pid $rootpid (sleep)"
T send-keys -t main Enter
shows "kill SIGTERM to pid $rootpid: Operation not permitted"
tok $? "as nobody, killing root's process is refused, naming the pid and the reason"
screen | grep -q "only root may signal it"
tok $? "and saying who may"
kill -0 "$rootpid" && [ "$(awk '{ print $3 }' "/proc/$rootpid/stat")" != Z ]
tok $? "and root's process lives on"

must goto_pid "$ownpid" "sleep 4002"
T send-keys -t main F8
wait_for "[ \"\$(nice_of $ownpid)\" = 1 ]"
tok $? "as nobody, renicing its own process works (nice 0 -> 1)"

if [ -n "$mem" ]; then
        goto_cg memory "$T1"
        T send-keys -t main l
        must shows "Limits of /$T1 (memory)"
        field "memory max"
        T send-keys -t main C-u 64M Enter
        wait_for "screen | grep -q 'memory.limit_in_bytes.*Permission denied'"
        tok $? "as nobody, limiting root's cgroup is refused, naming the file and the reason"
        screen | grep -qF "$T1"
        tok $? "and the cgroup"
        [ "$(cat "$CG/memory/$T1/memory.limit_in_bytes")" = "$mem" ]
        tok $? "and the limit is unchanged"
        T send-keys -t main Escape
else
        diag "no v1 memory hierarchy: the limit refusal is not checked"
fi
T send-keys -t main q
shows "EXIT=0"
tok $? "nstop as nobody quits normally"
run_as=
chmod 700 "$tmp"

# ---- typed commands run as argv, never through a shell --------------------
spawn unshare --uts sleep 4003
target=$bg_pid
wait_for "grep -qx sleep /proc/$target/comm"
out=$tmp/argv
mkdir "$out"
start
shows "sleep 4003"
must goto_pid "$target" "sleep 4003"
T send-keys -t main r
must shows "Run a command inside pid $target (sleep)"
# Literal words: a shell would run id, expand $HOME and *, and redirect.
T send-keys -t main -l "/bin/echo a;b \$(id) \`id\` \$HOME * >$out/r"
T send-keys -t main Enter
shows "(exit status 0"
# The output line, at the panel's left border (the title also holds the command).
want="a;b \$(id) \`id\` \$HOME * >$out/r"
screen | grep -qF -e "│$want" -e "|$want"
tok $? "r: the command's words reach it as typed (no expansion, no redirection)"
[ -z "$(ls -A "$out")" ]
tok $? "r: no shell ran: nothing was redirected"
T send-keys -t main Escape

must goto_pid "$target" "sleep 4003"
T send-keys -t main e
must shows "Enter pid $target (sleep)"
T send-keys -t main C-u
# Every word names a file in $out: touch runs in nstop's directory (the
# build directory, which must stay clean).
T send-keys -t main -l "/bin/touch $out/e1;touch $out/e2|x $out/\$(id)"
T send-keys -t main Enter
shows "back from pid $target's namespaces: the command exited with status 0"
tok $? "e: the command ran and nstop came back"
[ -e "$out/e1;touch" ] && [ -e "$out/e2|x" ] && [ -e "$out/\$(id)" ]
tok $? "e: touch got the typed words as its arguments ('e1;touch', 'e2|x', '\$(id)')"
[ ! -e "$out/e1" ] && [ ! -e "$out/e2" ]
tok $? "e: no shell split them at ; or |"
T send-keys -t main q
shows "EXIT=0"

# n: a process in new namespaces (foreground), with such a command.
start
shows "Tasks:"
T send-keys -t main n
must shows "New namespaces (as unshare)"
T send-keys -t main C-u
T send-keys -t main -l "/bin/touch $out/n1;touch $out/n2>x $out/\$(id)"
T send-keys -t main Enter
shows "back from new namespaces: the command exited with status 0"
tok $? "n: the command ran and nstop came back"
[ -e "$out/n1;touch" ] && [ -e "$out/n2>x" ]
tok $? "n: touch got the typed words as its arguments ('n1;touch', 'n2>x')"
[ ! -e "$out/n1" ] && [ ! -e "$out/n2" ] && [ ! -e "$out/x" ]
tok $? "n: no shell split or redirected them"
T send-keys -t main q
shows "EXIT=0"

# ---- settings: saved only in the real user's home --------------------------
pwhome=$(getent passwd "$(id -u)" | cut -d: -f6)
# The settings file as it is before (root's real one is only looked at).
state() { if [ -e "$1" ]; then cksum <"$1"; else echo none; fi; }
real_before=$(state "$pwhome/.config/nstop/nstoprc")
xdg_before=$(state "$xdg/nstop/nstoprc")
mkdir "$tmp/home"
start HOME="$tmp/home"
shows "Tasks:"
T send-keys -t main F2
must shows "Processes view columns"
T send-keys -t main Down Down Space Enter
shows "settings not saved: they are read from $xdg/nstop/nstoprc (XDG_CONFIG_HOME)"
tok $? "as root with XDG_CONFIG_HOME elsewhere, F2 Enter does not save, and says why"
screen | grep -qF "$pwhome/.config/nstop/nstoprc"
tok $? "naming the only file a save writes"
[ "$(state "$xdg/nstop/nstoprc")" = "$xdg_before" ] && [ "$(find "$xdg" -type f | wc -l)" = 1 ]
tok $? "nothing was written under XDG_CONFIG_HOME"
[ -z "$(ls -A "$tmp/home")" ]
tok $? "nothing was written under HOME"
[ "$(state "$pwhome/.config/nstop/nstoprc")" = "$real_before" ]
tok $? "nor in the real home"
T send-keys -t main q
shows "EXIT=0"

start HOME="$tmp/home" XDG_CONFIG_HOME=
shows "Tasks:"
T send-keys -t main F2
must shows "Processes view columns"
T send-keys -t main Down Down Space Enter
shows "settings not saved: they are read from $tmp/home/.config/nstop/nstoprc (HOME)"
tok $? "with HOME elsewhere (no XDG_CONFIG_HOME), the same refusal names HOME"
[ -z "$(ls -A "$tmp/home")" ] && [ "$(state "$pwhome/.config/nstop/nstoprc")" = "$real_before" ]
tok $? "and nothing was written"
T send-keys -t main q
shows "EXIT=0"

# With the variables agreeing, the save goes to the passwd home: here a
# temporary directory bind-mounted over it in a private mount namespace.
cat >"$tmp/inhome" <<'EOF'
#!/bin/sh
# inhome DIR HOME CMD...: CMD where DIR is mounted over HOME, in a private mount namespace.
exec unshare --mount --propagation private sh -c 'mount --bind "$1" "$2" && shift 2 && exec "$@"' sh "$@"
EOF
chmod 755 "$tmp/inhome"
# Seeded to sort by pid, as tui-lib.sh does, so the test's processes are on the first page.
mkdir -p "$tmp/pwhome/.config/nstop"
printf 'sort_column=pid\n' >"$tmp/pwhome/.config/nstop/nstoprc"
if [ -d "$pwhome" ] && "$tmp/inhome" "$tmp/pwhome" "$pwhome" true; then
        run_as="$tmp/inhome $tmp/pwhome $pwhome"
        start HOME="$pwhome" XDG_CONFIG_HOME=
        shows "sleep 4003"
        screen | grep -q " USER "
        tok $? "in the mounted-over home, the USER column is shown (defaults)"
        T send-keys -t main F2
        must shows "Processes view columns"
        T send-keys -t main Down Down Space Enter
        shows "settings saved to $pwhome/.config/nstop/nstoprc"
        tok $? "with HOME the passwd home and no XDG_CONFIG_HOME, F2 Enter saves there"
        grep -q '^proc_columns=' "$tmp/pwhome/.config/nstop/nstoprc" &&
                ! grep -q 'proc_columns=.*user' "$tmp/pwhome/.config/nstop/nstoprc"
        tok $? "the file (in the mounted directory) lists the columns without user"
        [ "$(state "$pwhome/.config/nstop/nstoprc")" = "$real_before" ]
        tok $? "and the real home is untouched"
        T send-keys -t main q
        shows "EXIT=0"
        start HOME="$pwhome" XDG_CONFIG_HOME=
        shows "sleep 4003"
        ! screen | grep -q " USER "
        tok $? "after a restart the saved settings are read: no USER column"
        screen | grep -q " CGROUP "
        tok $? "and the CGROUP column is there"
        T send-keys -t main q
        shows "EXIT=0"
        run_as=
else
        diag "cannot mount over $pwhome in a private mount namespace: saving there is not checked"
fi

done_testing
