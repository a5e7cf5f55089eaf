#!/bin/sh
# signals.sh: the terminal that nstop leaves behind (issue 8).
#
# - SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGSEGV, each sent by PID to an
#   nstop running in a tmux pane: the exit status is 128 + the signal (a
#   death by SIGSEGV for that one), and the pane is back to normal: cursor
#   shown, normal screen, mouse and keypad modes off, icanon, echo and
#   icrnl on (stty), a command typed at the shell runs, with no colour.
# - A resize storm (50 sizes in about a second, tiny ones among them), on
#   the table and on the help panel: nstop lives through it, then draws
#   for the last size and quits with q, status 0.
# - A 10x3 terminal: a short notice that fits, q quits, status 0.
#
# A private tmux server (nstop-test-term-$$) holds sessions named
# nstop-test-term-*, killed one by one (never the whole server). Each
# pane runs a script that runs nstop, writes its status and goes on as an
# interactive shell, so the pane outlives nstop and can be questioned.
# Every wait polls.
. "$SRCDIR/tests/lib.sh"
need_cmd tmux stty

tmp=$(mktemp -d)
sock=nstop-test-term-$$
cleanup_add "rm -rf '$tmp'"
cleanup_add "rm -f '${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock'"
T() { tmux -u -L "$sock" -f /dev/null "$@"; }
screen() { T capture-pane -p -t "$1"; }
# flags NAME: cursor shown, alternate screen, mouse reports, keypad modes.
flags() { T display -p -t "$1" '#{cursor_flag} #{alternate_on} #{mouse_any_flag} #{keypad_flag} #{keypad_cursor_flag}'; }

# A session that lasts the whole test keeps the server up: one that
# exits when its last session goes races with the next new-session.
T new-session -d -s nstop-test-term-keep "exec sleep 600" || { echo "Bail out! tmux cannot start a server"; exit 1; }
cleanup_add "T kill-session -t nstop-test-term-keep"

mkdir "$tmp/config"
cat >"$tmp/run.sh" <<EOF
# run.sh NAME: nstop (its pid in NAME.pid), its status in NAME.status,
# then a shell on the terminal nstop left.
cd '$tmp' || exit 1
ulimit -c 0
sh -c 'echo \$\$ >"\$1.pid.new" && mv "\$1.pid.new" "\$1.pid" &&
        exec env XDG_CONFIG_HOME="\$2" LC_ALL=C.UTF-8 "\$3" -d 0.5' sh "\$1" '$tmp/config' '$NSTOP'
echo \$? >"\$1.status"
PS1='$ ' exec sh
EOF

# nstop_gone NAME: kills the session's nstop if it still runs; by its
# PID, and only while that PID is still our binary.
nstop_gone() {
        _p=$(cat "$tmp/$1.pid" 2>/dev/null) || return 0
        [ "$(readlink "/proc/$_p/exe" 2>/dev/null)" = "$(readlink -f "$NSTOP")" ] && kill -KILL "$_p"
        return 0
}

# start NAME WIDTH HEIGHT: nstop in a new session of that size; waits
# until it has taken the terminal ($pid is its PID).
start() {
        T new-session -d -s "$1" -x "$2" -y "$3" -c "$tmp" "sh '$tmp/run.sh' '$1'"
        cleanup_add "nstop_gone '$1'"
        cleanup_add "T kill-session -t '$1'"
        wait_for "[ -s '$tmp/$1.pid' ]" || return 1
        pid=$(cat "$tmp/$1.pid")
        wait_for "[ \"\$(T display -p -t '$1' '#{alternate_on}')\" = 1 ]"
}

# status NAME: nstop's exit status, once it has ended (10 s at most).
status() {
        wait_for "[ -s '$tmp/$1.status' ]" && cat "$tmp/$1.status"
}

# fits NAME WIDTH HEIGHT: the screen is that size and no line is wider.
fits() {
        _w=$(screen "$1" | LC_ALL=C.UTF-8 wc -L)
        _h=$(screen "$1" | wc -l)
        [ "$_w" -le "$2" ] && [ "$_h" -eq "$3" ]
}

# tok STATUS NAME: ok, with the screen as TAP comments on failure.
tok() {
        ok "$1" "$2"
        [ "$1" -eq 0 ] || { screen "$s" | sed 's/^/#   /'; diag "flags: $(flags "$s")"; }
}

# ---- signals ----------------------------------------------------------------
# signal_case LABEL WANT SIGNAL...: nstop in a new session gets the
# signals (one after the other, by PID); its status must be one of WANT
# ("130|143"), and the pane must be back to normal.
signal_case() {
        _label=$1 _want=$2
        shift 2
        s=nstop-test-term-$_label
        start "$s" 100 30
        wait_for "screen '$s' | grep -q F10Quit"
        tok $? "$_label: nstop draws its screen"
        # What curses turned on, which must all be off again afterwards.
        [ "$(flags "$s")" = "0 1 1 1 1" ]
        tok $? "$_label: before, cursor hidden, alternate screen, mouse and keypad modes on"
        for _sig in "$@"; do kill -"$_sig" "$pid"; done
        _st=$(status "$s")
        # An AddressSanitizer build: its handler, there before nstop's, runs
        # after the restore, prints its report and exits with 1.
        [ "$_st" = 1 ] && screen "$s" | grep -q 'ERROR: AddressSanitizer: SEGV' && _st=asan1
        eval "case \"\$_st\" in $_want) true ;; *) false ;; esac"
        tok $? "$_label: exit status $_want (got ${_st:-none})"
        wait_for "[ \"\$(flags '$s')\" = '1 0 0 0 0' ]"
        tok $? "$_label: cursor shown, normal screen, mouse and keypad modes off"
        # The shell reads what is typed: Enter must end a line (icrnl,
        # icanon), and what is typed must show (echo).
        T send-keys -t "$s" "stty -a >$_label.stty; printf 'ok%sk\\n' o" Enter
        wait_for "screen '$s' | grep -qx okok"
        tok $? "$_label: a command typed at the shell runs"
        _modes=$(tr ' ;' '\n\n' 2>/dev/null <"$tmp/$_label.stty" | grep -xE -- '-?(icanon|echo|icrnl)' | sort | tr '\n' ' ')
        [ "$_modes" = "echo icanon icrnl " ]
        tok $? "$_label: stty shows icanon, echo and icrnl on (${_modes:-nothing})"
        screen "$s" | grep -qF "$_label.stty; printf"
        tok $? "$_label: the command typed is echoed"
        T capture-pane -p -e -t "$s" | grep okok | grep -q "$(printf '\033')"
        tok $(($? == 0)) "$_label: the shell's output is in the default colours"
        T kill-session -t "$s"
}
signal_case SIGINT 130 INT
signal_case SIGTERM 143 TERM
signal_case SIGHUP 129 HUP
signal_case SIGQUIT 131 QUIT
# No way to crash nstop on purpose: a SIGSEGV sent runs the same handler.
signal_case SIGSEGV "139|asan1" SEGV
# Two quit signals before the loop can answer the first (nstop stopped
# meanwhile, as a loop stuck in a read would be): the second one's
# handler restores the terminal itself and exits with the first's status.
signal_case twice "130|143" STOP INT TERM CONT

# ---- resize storm -----------------------------------------------------------
# storm N W H: N resizes in about a second through sizes from 10x3 to
# 199x59 (the too-small limits among them), ending at WxH.
storm() {
        _i=0
        while [ $_i -lt "$1" ]; do
                T resize-window -t "$s" -x $((10 + _i * 37 % 190)) -y $((3 + _i * 13 % 57))
                sleep 0.01
                _i=$((_i + 1))
        done
        T resize-window -t "$s" -x "$2" -y "$3"
}
s=nstop-test-term-storm
start "$s" 120 40
wait_for "screen '$s' | grep -q F10Quit"
t0=$(date +%s.%N)
storm 49 90 25
diag "50 resizes in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }') s"
# The last frame is for 90x25: the function keys on its last line (not
# where an older height would put them), the table's header drawn.
wait_for "screen '$s' | tail -n 1 | grep -q '^F1Help.*F10Quit' && screen '$s' | grep -q ' PID '"
tok $? "after 50 resizes the table is drawn for the last size, keys on the last line"
fits "$s" 90 25
tok $? "the screen is 90x25 and no line is wider"
kill -0 "$pid" 2>/dev/null && [ ! -e "$tmp/$s.status" ]
tok $? "nstop lives through the storm"
# Again with the help panel open over the table.
T send-keys -t "$s" F1
wait_for "screen '$s' | grep -qF 'nstop keys'"
storm 49 80 24
wait_for "screen '$s' | grep -qF 'nstop keys' && screen '$s' | tail -n 1 | grep -q '^F1Help.*F10Quit'"
tok $? "a storm with the help open: the panel and the keys are drawn for 80x24"
fits "$s" 80 24
tok $? "the screen is 80x24 and no line is wider"
T send-keys -t "$s" Escape
wait_for "! screen '$s' | grep -qF 'nstop keys'"
T send-keys -t "$s" q
[ "$(status "$s")" = 0 ]
tok $? "q after the storms: exit status 0"
wait_for "[ \"\$(flags '$s')\" = '1 0 0 0 0' ]"
tok $? "and the terminal is back to normal"
T kill-session -t "$s"

# ---- a 10x3 terminal --------------------------------------------------------
s=nstop-test-term-tiny
start "$s" 10 3
# Exactly the short notice, whole, and nothing else.
want=$(printf 'Too small:\nneed 40x10\n(q quits)')
wait_for "[ \"\$(screen '$s')\" = \"\$want\" ]"
tok $? "10x3: the screen says it is too small, in words that fit"
kill -0 "$pid" 2>/dev/null && [ ! -e "$tmp/$s.status" ]
tok $? "10x3: nstop keeps running"
T send-keys -t "$s" F1 Tab j
T send-keys -t "$s" q
[ "$(status "$s")" = 0 ]
tok $? "10x3: q quits with status 0"
wait_for "[ \"\$(flags '$s')\" = '1 0 0 0 0' ]"
tok $? "10x3: the terminal is back to normal"
T kill-session -t "$s"

done_testing
