# tui-lib.sh: driving nstop in a private tmux server, for tests/tui/*.sh.
# Source it after tests/lib.sh. Each start gets its own tmux server (a
# restart on one socket races with the old server's shutdown); all of
# them and the scratch directory $tmp go at exit.
starts=0
sock=nstop-test-$$-$starts
tmp=$(mktemp -d)
cleanup_add "rm -rf '$tmp'"
cleanup_add 'n=0; while [ $n -le $starts ]; do tmux -L nstop-test-$$-$n kill-server; n=$((n + 1)); done; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)"/nstop-test-$$-*'
# Any nstop of ours still alive once its tmux server is gone (one that a
# sanitizer's crash path left spinning, say) is killed by PID: ours are
# the test's binary with this test's private XDG_CONFIG_HOME.
kill_our_nstops() {
        for _d in /proc/[0-9]*; do
                [ "$(readlink "$_d/exe" 2>/dev/null)" = "$(readlink -f "$NSTOP")" ] || continue
                tr '\0' '\n' <"$_d/environ" 2>/dev/null | grep -qx "XDG_CONFIG_HOME=$xdg" && kill -KILL "${_d#/proc/}"
        done
        return 0
}
cleanup_add kill_our_nstops
T() { tmux -u -L "$sock" "$@"; }
screen() { T capture-pane -p -t main; }
# shows TEXT: wait (10 s at most) until the screen holds TEXT (fixed string).
shows() { _want=$1; wait_for 'screen | grep -qF -- "$_want"'; }
# fg_at TEXT: the foreground colour code in force where TEXT starts on
# the screen (capture-pane -e only writes attributes where they change).
fg_at() {
        T capture-pane -p -e -t main | awk -v want="$1" '
        function scan(s) {
                while (match(s, /\033\[[0-9;]*m/)) {
                        n = split(substr(s, RSTART + 2, RLENGTH - 3), codes, ";")
                        for (i = 1; i <= n; i++)
                                if (codes[i] == "0" || codes[i] == "" || (codes[i] >= 30 && codes[i] <= 39))
                                        fg = codes[i] == "" ? "0" : codes[i]
                        s = substr(s, RSTART + RLENGTH)
                }
        }
        { p = index($0, want)
          if (p) { scan(substr($0, 1, p - 1)); print fg; exit }
          scan($0) }'
}
# The selected row is drawn on a (light) cyan background, or in reverse
# without colours. Only the background is looked for: capture-pane -e
# writes an attribute only where it changes, so a selected row right below
# the header inherits its black foreground without saying so.
SELECTED_RE="$(printf '\033')\\[\\(46\\|7\\|48;5;117\\)m"
# selected TEXT: is the row holding TEXT the selected one?
selected() { T capture-pane -p -e -t main | grep -F "$1" | grep -q "$SELECTED_RE"; }

# Settings live in a private config directory; newest processes first
# (pid, descending), so the test's own are on the first page however
# busy the host.
xdg=$tmp/config
mkdir -p "$xdg/nstop"
sorted_by_pid() { printf 'sort_column=pid\n' >"$xdg/nstop/nstoprc"; }
sorted_by_pid
delay=0.5
args=
run_as=
# Tall enough that the test's processes stay on the first page while a
# busy machine starts newer ones.
ROWS=60
start() { # start [ENV=...]: nstop in a fresh 120xROWS window; the shell stays for checks
        T kill-server 2>/dev/null
        starts=$((starts + 1))
        sock=nstop-test-$$-$starts
        T -f /dev/null new-session -d -s main -x 120 -y $ROWS "env XDG_CONFIG_HOME='$xdg' LC_ALL=C.UTF-8 $* $run_as '$NSTOP' -d $delay $args; echo EXIT=\$?; stty -a; exec sleep 1000"
}
# nstop_pid: the pid of the nstop running in the window.
nstop_pid() {
        _pane=$(T display -p -t main '#{pane_pid}')
        wait_for "pgrep -P $_pane -x nstop >/dev/null" && pgrep -P "$_pane" -x nstop
}
# tok STATUS NAME: ok, and the screen as TAP comments when it failed.
tok() {
        ok "$1" "$2"
        [ "$1" -eq 0 ] || screen | sed 's/^/#   /'
}
# type_keys TEXT: TEXT typed one key at a time, so that no process's
# command line (tmux's own) holds it whole for a search to find.
type_keys() {
        _rest=$1
        while [ -n "$_rest" ]; do
                _c=${_rest%"${_rest#?}"}
                _rest=${_rest#?}
                [ "$_c" = " " ] && _c=Space
                T send-keys -t main "$_c"
        done
}
# selected_pid: the first column of the selected row of the table (the
# tabs and the function-key bar share its colours).
selected_pid() {
        T capture-pane -p -e -t main | awk '/ PID/ { on = 1; next } on' | grep "$SELECTED_RE" |
                sed 's/\x1b\[[0-9;]*m//g' | awk 'NR == 1 { print $1 }'
}
# goto_pid PID TEXT: search for TEXT until the row of PID is the selected
# one (a short-lived command holding TEXT may match first: n goes on).
goto_pid() {
        T send-keys -t main /
        type_keys "$2"
        T send-keys -t main Enter
        _n=0
        while [ $_n -lt 50 ]; do
                [ "$(selected_pid)" = "$1" ] && return 0
                _n=$((_n + 1))
                sleep 0.2
                [ $((_n % 5)) -eq 0 ] && T send-keys -t main n
        done
        return 1
}

# Helpers of the action tests (actions.sh, privileges.sh).
nice_of() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $17 }'; }

# must CMD...: a check that the next key acts on what this test made. When
# it fails, the dialog is cancelled and the test stops: a key must never
# land on a row that is not ours.
must() {
        "$@" && return 0
        T send-keys -t main Escape
        screen | sed 's/^/#   /'
        echo "Bail out! not acting: '$*' did not hold"
        exit 1
}

# goto_cg HIER NAME: the Cgroups view on that hierarchy, the row NAME selected.
goto_cg() {
        T send-keys -t main Tab Tab
        shows "hierarchy: "
        _n=0
        while ! screen | grep -qF "hierarchy: $1 (" && [ $_n -lt 30 ]; do
                T send-keys -t main c
                sleep 0.1
                _n=$((_n + 1))
        done
        T send-keys -t main / "$2" Enter
        must wait_for "selected '$2'"
}

# field LABEL: Tab until the form's focus is on that field (its help
# line "LABEL: what it accepts" shows at the bottom).
field() {
        _n=0
        while ! screen | grep -qF "│$1: " && ! screen | grep -qF "|$1: " && [ $_n -lt 12 ]; do
                T send-keys -t main Tab
                sleep 0.1
                _n=$((_n + 1))
        done
}
