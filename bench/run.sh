#!/bin/sh
# run.sh: nstop's side-by-side benchmark (issue 7). Builds a workload of N
# sleeping processes in K boxes (own pid/net/uts/ipc/mnt namespaces and
# cgroups) plus C empty cgroups (bench/workload.sh), and measures on that
# same workload, for each N: nstop in its TUI and in batch, htop, top -b
# and btop (if installed): CPU ms per refresh and peak RSS; one-shot
# namespace enumeration (nstop -b -J -n 1 against lsns -J); start-up time
# to the first complete frame; at the largest N, callgrind's instruction
# count of one nstop batch refresh; at the smallest N, what the C empty
# cgroups add; and, at each N, how fast nstop's TUI answers keys and
# that they read nothing (bench/keys.sh). Prints a markdown report and
# writes it to $BENCH_RESULTS/YYYY-MM-DD-HOSTNAME.md (default:
# bench/results/ next to this script), ending with the issue's targets
# as PASS/FAIL lines.
#
# Usage (as root): bench/run.sh [NAME=VALUE...]   (or the same in the env)
#   NSTOP          the nstop binary                      (./nstop)
#   BENCH_N        process counts, measured ascending    ("500 2000 5000 10000")
#   BENCH_BOXES    K, boxes; at most N/10 at each N      (200)
#   BENCH_EMPTY    C, empty cgroups                      (2000)
#   BENCH_REPS     repetitions of each measurement       (3)
#   BENCH_SECONDS  measured window per repetition, s     (8)
#   BENCH_DELAY    refresh delay of every tool, s        (1)
#   BENCH_RESULTS  directory for the report              (bench/results)
#   BENCH_KEY_PRESSES  presses of each interactive key   (10)
#   BENCH_ONLY     keys: the interactive keys only, a few minutes; the
#                  report goes to YYYY-MM-DD-HOSTNAME-keys.md  (everything)
#   BENCH_WORKLOAD 0: no workload, the host as it is, measured once (N
#                  shown as "host"); only with BENCH_ONLY=keys   (1)
# Interactive keys: see bench/keys.sh (a probe of its own, bench/keylat.c,
# compiled with $CC or cc, types keys on a pty and times nstop's answers;
# strace checks that they read nothing under /proc or /sys).
#
# How CPU per refresh is measured, and why so (the fair part):
#   CPU is utime+stime (fields 14 and 15) of the tool's process in
#   /proc/PID/stat (all its threads), over a window of about BENCH_SECONDS
#   after a warm-up of 2 refreshes. The divisor is the number of refreshes
#   the tool really did in that window, not BENCH_SECONDS/BENCH_DELAY:
#   htop and top wait the delay *after* a refresh (period = delay + their
#   own work), while nstop and btop keep a fixed rate, so dividing by
#   window/delay would flatter the slow peers (by 1.5x for a tool that
#   works 0.5 s per refresh). Refreshes are counted the same way for every
#   tool, TUI or batch, without touching its output (batch output goes to
#   /dev/null, where writing costs nothing): every 10 ms a poller samples
#   the tool's stat ticks and its on-CPU ns (/proc/PID/task/*/schedstat).
#   A refresh is a burst of CPU after >= 50 ms of quiet, of at least a
#   quarter of the largest burst (so nstop's 200 ms key-poll wake-ups and
#   htop's idle ticks are not refreshes; their CPU still counts). The
#   window runs from the end of the first refresh to the end of the last,
#   so it holds whole refreshes only, and their number is the window over
#   the tool's period, the median time between two refresh starts: robust
#   to two refreshes run into one burst on a busy machine. A tool that
#   never goes quiet is saturated (a refresh takes longer than the delay):
#   the divisor is then window/delay, which gives a lower bound, marked
#   ">=". The table shows each tool's measured period, so a wrong count
#   would show.
#   Batch alternatives rejected: counting nstop's JSON lines needs a pipe
#   instead of /dev/null (extra copying, and top's frames are not lines);
#   -n N minus a one-shot mixes start-up costs into the difference.
#   /proc/PID/stat counts in clock ticks (10 ms): over 8 refreshes that is
#   +-2.5 ms per refresh at worst, which matters only at the smallest N
#   (the raw data also has the schedstat sum, in ns, as a cross-check).
#
# Safety: everything is killed and removed on exit, ^C, TERM or HUP: the
# workload (workload_down), every tool process started here (by PID, after
# checking its start time), and the private tmux server (by its socket
# name). Nothing else is signalled.

# Re-run under bash (make runs this with $(SHELL)).
if [ -z "${BASH_VERSION-}" ]; then exec bash "$0" "$@"; fi
set -u
export LC_ALL=C # decimal points, sorting; the TUIs get C.UTF-8 below

die() {
        echo "bench: $*" >&2
        exit 1
}
note() { echo "bench: $*" >&2; }

for a in "$@"; do
        case $a in
        -h | --help)
                sed -n '2,/^$/s/^# \{0,1\}//p' "$0"
                exit 0
                ;;
        NSTOP=* | BENCH_*=*) export "${a?}" ;;
        *) die "unknown argument '$a' (try -h)" ;;
        esac
done

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
NSTOP=${NSTOP:-./nstop}
BENCH_N=${BENCH_N:-500 2000 5000 10000}
BENCH_BOXES=${BENCH_BOXES:-200}
BENCH_EMPTY=${BENCH_EMPTY:-2000}
BENCH_REPS=${BENCH_REPS:-3}
BENCH_SECONDS=${BENCH_SECONDS:-8}
BENCH_DELAY=${BENCH_DELAY:-1}
BENCH_RESULTS=${BENCH_RESULTS:-$BENCH_DIR/results}
BENCH_ONLY=${BENCH_ONLY-}
BENCH_WORKLOAD=${BENCH_WORKLOAD:-1}
case $BENCH_ONLY in '' | keys) ;; *) die "BENCH_ONLY must be empty or 'keys'" ;; esac
case $BENCH_WORKLOAD in 0 | 1) ;; *) die "BENCH_WORKLOAD must be 0 or 1" ;; esac
[ "$BENCH_WORKLOAD" = 1 ] || [ "$BENCH_ONLY" = keys ] || die "BENCH_WORKLOAD=0 needs BENCH_ONLY=keys"
[ "$BENCH_WORKLOAD" = 1 ] || BENCH_N=host

[ "$(id -u)" = 0 ] || die "needs root (namespaces, cgroups, other users' /proc files)"
case $NSTOP in /*) ;; *) NSTOP=$PWD/$NSTOP ;; esac
[ -x "$NSTOP" ] || die "no nstop binary at $NSTOP (set NSTOP=)"
for v in BENCH_BOXES BENCH_EMPTY BENCH_REPS BENCH_SECONDS; do
        case ${!v} in '' | *[!0-9]*) die "$v must be a whole number" ;; esac
done
{ [ "$BENCH_REPS" -ge 1 ] && [ "$BENCH_SECONDS" -ge 1 ]; } || die "BENCH_REPS and BENCH_SECONDS must be >= 1"
awk -v d="$BENCH_DELAY" 'BEGIN { exit !(d + 0 >= 0.1 && d + 0 <= 10) }' || die "BENCH_DELAY must be 0.1 to 10 seconds"
if [ "$BENCH_WORKLOAD" = 1 ]; then
        for n in $BENCH_N; do case $n in '' | *[!0-9]*) die "BENCH_N: '$n' is not a number" ;; esac; done
        BENCH_N=$(printf '%s\n' $BENCH_N | sort -n -u | tr '\n' ' ')
        set -- $BENCH_N
        [ $# -ge 1 ] || die "BENCH_N is empty"
        [ "$1" -ge 20 ] || die "BENCH_N: $1 is too small (>= 20)"
        NMIN=$1
        NMAX=${!#}
fi
command -v tmux >/dev/null || die "tmux is needed"
for c in nsenter unshare setsid; do command -v $c >/dev/null || die "$c is needed (util-linux)"; done
have() { command -v "$1" >/dev/null 2>&1; }
have htop || note "htop not installed: skipped (its targets too)"
have top || note "top not installed: skipped"
have lsns || note "lsns not installed: one-shot comparison skipped"
have btop || note "btop not installed: skipped"
have valgrind || note "valgrind not installed: no instruction count"

CLK_TCK=$(getconf CLK_TCK)
DELAY_MS=$(awk -v d="$BENCH_DELAY" 'BEGIN { printf "%d", d * 1000 + 0.5 }')
HTOP_TENTHS=$(awk -v d="$BENCH_DELAY" 'BEGIN { printf "%d", d * 10 + 0.5 }')
SOCK=nstop-bench-$$
T=
SLEEPFD=

# ---- cleanup ---------------------------------------------------------------

# OURS: "pid starttime" of every tool process started here; KEEP, the
# tmux server's placeholder, stays until cleanup.
OURS=()
KEEP=
starttime() { # field 22 of /proc/PID/stat (after the comm in parentheses)
        local s
        s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
        s=${s##*) }
        set -- $s
        echo "${20}"
}
own() { OURS+=("$1 $(starttime "$1")"); }
CLEANED=0
kill_ours() {
        local e p st
        for e in "${OURS[@]}"; do
                [ $CLEANED = 0 ] && [ "$e" = "$KEEP" ] && continue
                read -r p st <<<"$e"
                [ -n "$st" ] && [ "$(starttime "$p")" = "$st" ] && kill -KILL "$p" 2>/dev/null
        done
        OURS=()
        [ $CLEANED = 0 ] && [ -n "$KEEP" ] && OURS=("$KEEP")
}
cleanup() {
        [ $CLEANED = 1 ] && return
        CLEANED=1
        kill_ours
        tmux -L "$SOCK" kill-server 2>/dev/null
        rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
        [ "$(type -t keys_cleanup)" = function ] && keys_cleanup
        workload_down
        [ -n "$SLEEPFD" ] && exec {SLEEPFD}<&-
        [ -n "$T" ] && rm -rf "$T"
}
. "$BENCH_DIR/workload.sh"
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap 'cleanup; exit 129' HUP
T=$(mktemp -d /tmp/nstop-bench-run.XXXXXX) || die "mktemp failed"
DATA=$T/data.tsv       # N hostprocs tool rep cpu_ms refreshes wall_s rss_kb sat sched_ms other%
ONESHOT=$T/oneshot.tsv # N tool rep wall_ms cpu_ms
START=$T/startup.tsv   # N tool rep ms
: >"$DATA"
: >"$ONESHOT"
: >"$START"
mkfifo "$T/sleep" || die "mkfifo failed"
. "$BENCH_DIR/keys.sh"
keys_init
exec {SLEEPFD}<>"$T/sleep" # read -t on it: sleeps without a fork
nap() { read -r -t "$1" -u "$SLEEPFD" _; }
disown_all() { disown -a 2>/dev/null; } # no "Killed" notices from workload jobs

# ---- measuring -------------------------------------------------------------

# stat_ticks PID: utime+stime of the process (all its threads, fields 14
# and 15 of /proc/PID/stat) into TICKS; no fork, as it is polled.
stat_ticks() {
        local s
        read -r s <"/proc/$1/stat" 2>/dev/null || return 1
        s=${s##*) }
        set -- $s
        TICKS=$((${12} + ${13}))
}
# sched_ns PID: on-CPU ns of its live threads, into SCHED (no fork).
sched_ns() {
        local t s sum=0
        for t in /proc/"$1"/task/*/schedstat; do
                read -r s _ <"$t" 2>/dev/null && sum=$((sum + s))
        done
        SCHED=$sum
}
now_us() { echo "${EPOCHREALTIME/./}"; }
# host_busy: CPU ticks the whole host has spent busy (all CPUs), into BUSY.
host_busy() {
        local c u n s i w q sq st
        read -r c u n s i w q sq st _ </proc/stat
        BUSY=$((u + n + s + q + sq + st))
}
host_procs() { local n=0 d; for d in /proc/[0-9]*; do n=$((n + 1)); done; echo $n; }
rss_kb() { awk '$1 == "VmHWM:" { print $2 }' "/proc/$1/status" 2>/dev/null; }

# measure PID: one window on a running tool; sets M_CPU_MS M_REFR M_WALL
# M_SAT M_RSS M_SCHED_MS. Every 10 ms it samples the time, the stat ticks
# and the schedstat ns of PID. A burst starts with a 10 ms step of more
# than 0.3 ms of CPU and ends after 50 ms below that. Refresh bursts are
# those of at least a quarter of the largest. The window runs from the
# end of the first refresh burst to the end of the last, both in the same
# phase of the tool's cycle, so it holds whole refreshes only; their
# number is the window divided by the tool's period, the median time
# between the starts of two refresh bursts (robust to two refreshes that
# ran into one burst on a busy machine, or one cut in two). Fewer than 3
# refresh bursts: saturated; then the window is all the sampling and the
# divisor window/delay (at most that many refreshes fit: a lower bound).
ACTIVE_NS=300000
QUIET_US=50000
measure() {
        local pid=$1 t0 now d prev inb=0 bstart=0 bcpu=0 lastact=0 i=0 min_us tmo
        local -a PT=() PC=() PS=() BS=() BE=() BC=()
        min_us=$((BENCH_SECONDS * 1000000 + DELAY_MS * 2000))
        tmo=$((DELAY_MS * 2000 + 1000000))
        sched_ns "$pid"
        prev=$SCHED
        host_busy
        local busy0=$BUSY s0=$SCHED
        t0=${EPOCHREALTIME/./}
        while :; do
                nap 0.01
                stat_ticks "$pid" || return 1
                sched_ns "$pid"
                now=${EPOCHREALTIME/./}
                i=$((i + 1))
                PT[i]=$now PC[i]=$TICKS PS[i]=$SCHED
                d=$((SCHED - prev))
                prev=$SCHED
                if [ $d -gt $ACTIVE_NS ]; then
                        [ $inb = 0 ] && inb=1 bstart=$now bcpu=0
                        lastact=$now
                fi
                [ $inb = 1 ] && bcpu=$((bcpu + d))
                if [ $inb = 1 ] && [ $((now - lastact)) -ge $QUIET_US ]; then
                        inb=0
                        BS+=("$bstart") BE+=("$i") BC+=("$bcpu")
                fi
                [ $((now - t0)) -ge $min_us ] && [ $inb = 0 ] && break
                [ $((now - t0)) -ge $((min_us + tmo)) ] && break
        done
        host_busy
        # What else ran meanwhile (tmux, the poller, other users), in % of
        # one CPU: noise that the tool's own CPU time does not include.
        M_OTHER=$(awk -v b=$((BUSY - busy0)) -v hz="$CLK_TCK" -v s=$((SCHED - s0)) -v w=$((now - t0)) \
                'BEGIN { o = (b / hz - s / 1e9) / (w / 1e6) * 100; printf "%.0f", o < 0 ? 0 : o }')
        M_RSS=$(rss_kb "$pid")
        [ -n "${BENCH_DEBUG-}" ] && note "  bursts (ms): $(for b in "${BC[@]}"; do printf '%s ' $((b / 1000000)); done)"
        # The refresh bursts: start time and end sample of each.
        local max=0 b k=0 a z
        local -a RS=() RE=()
        for b in "${BC[@]}"; do [ "$b" -gt $max ] && max=$b; done
        for ((b = 0; b < ${#BC[@]}; b++)); do
                [ $((BC[b] * 4)) -ge $max ] && RS+=("${BS[b]}") RE+=("${BE[b]}") k=$((k + 1))
        done
        if [ $k -ge 3 ]; then
                a=${RE[0]} z=${RE[k - 1]}
                M_SAT=0
                M_REFR=$(for ((b = 1; b < k; b++)); do echo $((RS[b] - RS[b - 1])); done |
                        sort -n | awk -v w=$((PT[z] - PT[a])) -v d="$DELAY_MS" '{ v[++n] = $1 }
                        END { p = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
                              r = int(w / p + 0.5); if (r < 1) r = 1
                              # none refreshes faster than its delay
                              m = int(w / (d * 1000) + 1); if (r > m) r = m
                              print r }')
        else
                a=1 z=$i
                M_SAT=1
                M_REFR=$(awk -v w=$((PT[z] - PT[a])) -v d="$DELAY_MS" 'BEGIN { printf "%.2f", w / (d * 1000) }')
        fi
        M_WALL=$(awk -v w=$((PT[z] - PT[a])) 'BEGIN { printf "%.3f", w / 1e6 }')
        M_CPU_MS=$(awk -v t=$((PC[z] - PC[a])) -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", t * 1000 / hz }')
        M_SCHED_MS=$(awk -v t=$((PS[z] - PS[a])) 'BEGIN { printf "%.1f", t / 1e6 }')
        return 0
}

# ---- the tools -------------------------------------------------------------

HOMES=0
fresh_home() { # an empty HOME / XDG_CONFIG_HOME: default settings for all
        HOMES=$((HOMES + 1))
        FH=$T/home$HOMES
        mkdir -p "$FH"
}
q() { printf '%q' "$1"; }

ROW=$'[^\n]*\n *[0-9]+ ' # a header line, then a row starting with a pid
frame_ok() { # TOOL CAPTURE: does the screen show a complete first frame?
        local re
        case $1 in
        nstop-tui)
                re="PID +USER$ROW"
                [[ $2 == *"Tasks:"* && $2 =~ $re ]]
                ;;
        htop)
                re="PID +USER$ROW"
                [[ $2 =~ $re ]]
                ;;
        btop) [[ $2 == *"Pid:"*"Program:"* ]] ;;
        esac
}

# tui_start TOOL: launches TOOL in a detached 200x50 tmux pane; waits
# for its first complete frame (polling the pane every 10 ms); sets PID
# and STARTUP_MS.
tui_start() {
        local tool=$1 cmd t0 cap i=0
        fresh_home
        case $tool in
        nstop-tui) cmd="$(q "$NSTOP") -d $BENCH_DELAY" ;;
        htop) cmd="htop -d $HTOP_TENTHS" ;;
        btop)
                mkdir -p "$FH/btop"
                echo "update_ms = $DELAY_MS" >"$FH/btop/btop.conf"
                cmd=btop
                ;;
        esac
        t0=${EPOCHREALTIME/./}
        tmux -L "$SOCK" new-session -d -s "$tool" -x 200 -y 50 \
                "exec env HOME=$(q "$FH") XDG_CONFIG_HOME=$(q "$FH") LC_ALL=C.UTF-8 $cmd" ||
                die "tmux could not start $tool"
        PID=$(tmux -L "$SOCK" display-message -p -t "$tool" '#{pane_pid}') || die "$tool: no pane"
        own "$PID"
        while :; do
                cap=$(tmux -L "$SOCK" capture-pane -p -t "$tool" 2>/dev/null)
                frame_ok "$tool" "$cap" && break
                [ -d "/proc/$PID" ] || die "$tool exited at start-up; last screen:
$cap"
                i=$((i + 1))
                [ $i -gt 6000 ] && die "$tool showed no complete frame in 60 s; screen:
$cap"
                nap 0.01
        done
        STARTUP_MS=$(((${EPOCHREALTIME/./} - t0) / 1000))
}
tui_stop() { # TOOL PID
        tmux -L "$SOCK" kill-session -t "$1" 2>/dev/null
        local i=0
        while [ -d "/proc/$2" ] && [ $i -lt 200 ]; do nap 0.01; i=$((i + 1)); done
        kill_ours
}

# batch_start TOOL: sets PID. Output to /dev/null, errors to a file.
batch_start() {
        fresh_home
        case $1 in
        nstop-batch) env HOME="$FH" XDG_CONFIG_HOME="$FH" "$NSTOP" -b -J -d "$BENCH_DELAY" -n 1000000 >/dev/null 2>"$T/$1.err" & ;;
        top) env HOME="$FH" XDG_CONFIG_HOME="$FH" top -b -d "$BENCH_DELAY" >/dev/null 2>"$T/$1.err" & ;;
        esac
        PID=$!
        own "$PID"
}
batch_stop() {
        kill -TERM "$2" 2>/dev/null
        wait "$2" 2>/dev/null
        kill_ours
}

comm_of() { case $1 in nstop-*) echo nstop ;; *) echo "$1" ;; esac; }

# run_tool TOOL N REP [LABEL]: one repetition: start, warm up, measure,
# check it still runs, stop; appends a line to $DATA.
run_tool() {
        local tool=$1 n=$2 rep=$3 label=${4:-$1} kind comm hp
        case $tool in nstop-tui | htop | btop) kind='tui' ;; *) kind='batch' ;; esac
        if [ $kind = tui ]; then
                tui_start "$tool"
                [ "$tool" != btop ] && printf '%s\t%s\t%s\t%s\n' "$n" "$tool" "$rep" "$STARTUP_MS" >>"$START"
                nap "$(awk -v d="$BENCH_DELAY" 'BEGIN { print 2 * d }')" # warm-up: 2 refreshes
        else
                batch_start "$tool"
                # nstop's first output comes a delay after start: 3 delays
                # is 2 refreshes after it.
                nap "$(awk -v d="$BENCH_DELAY" 'BEGIN { print 3 * d }')"
        fi
        comm=$(comm_of "$tool")
        [ "$(cat "/proc/$PID/comm" 2>/dev/null)" = "$comm" ] ||
                die "$label (pid $PID) is not running after its warm-up at N=$n$(tool_last "$tool")"
        hp=$(host_procs)
        measure "$PID" || die "$label (pid $PID) exited during the measurement at N=$n$(tool_last "$tool")"
        [ "$(cat "/proc/$PID/comm" 2>/dev/null)" = "$comm" ] ||
                die "$label (pid $PID) was not running at the end of its window at N=$n$(tool_last "$tool")"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$hp" "$label" "$rep" "$M_CPU_MS" "$M_REFR" \
                "$M_WALL" "$M_RSS" "$M_SAT" "$M_SCHED_MS" "$M_OTHER" >>"$DATA"
        note "  $label rep $rep: $M_CPU_MS ms CPU / $M_REFR refreshes in $M_WALL s$([ "$M_SAT" = 1 ] && echo ' (saturated)'), peak RSS $M_RSS kB; others used $M_OTHER% of a CPU"
        if [ $kind = tui ]; then tui_stop "$tool" "$PID"; else batch_stop "$tool" "$PID"; fi
}
tool_last() { # what the tool left: its screen or its errors
        case $1 in
        nstop-tui | htop | btop) printf '; its screen:\n%s' "$(tmux -L "$SOCK" capture-pane -p -t "$1" 2>/dev/null)" ;;
        *) printf '; its stderr:\n%s' "$(tail -n 5 "$T/$1.err" 2>/dev/null)" ;;
        esac
}

TOOLS="nstop-tui nstop-batch"
have htop && TOOLS="$TOOLS htop"
have top && TOOLS="$TOOLS top"
have btop && TOOLS="$TOOLS btop"

# timed CMD...: "wall<TAB>user+sys CPU" of CMD, in ms.
timed() {
        local r
        r=$({ TIMEFORMAT='%3R %3U %3S'; time "$@" >/dev/null 2>&1; } 2>&1) || true
        awk -v r="$r" 'BEGIN { split(r, a, " "); printf "%d\t%d\n", a[1] * 1000 + 0.5, (a[2] + a[3]) * 1000 + 0.5 }'
}

# oneshot N REP: nstop -b -J -n 1 (its delay, 0.01 s, the smallest it
# takes, subtracted from its wall time) against lsns -J; and the batch
# start-up: time to the first byte of `nstop -b -J -n 1` (default delay).
DELAY_MIN=0.01
oneshot() {
        local n=$1 rep=$2 r t0 t1
        r=$(timed "$NSTOP" -b -J -n 1 -d $DELAY_MIN)
        printf '%s\tnstop\t%s\t%s\n' "$n" "$rep" "$(awk -v r="$r" -v d=$DELAY_MIN 'BEGIN { split(r, a, "\t"); printf "%d\t%d", a[1] - d * 1000, a[2] }')" >>"$ONESHOT"
        if have lsns; then
                r=$(timed lsns -J)
                printf '%s\tlsns\t%s\t%s\n' "$n" "$rep" "$r" >>"$ONESHOT"
        fi
        t0=${EPOCHREALTIME/./}
        "$NSTOP" -b -J -n 1 2>/dev/null | { head -c 1 >/dev/null && now_us >"$T/first"; cat >/dev/null; }
        t1=$(cat "$T/first" 2>/dev/null || echo "$t0")
        printf '%s\tnstop-batch\t%s\t%s\n' "$n" "$rep" $(((t1 - t0) / 1000)) >>"$START"
}

# callgrind_ir ITER: total instructions of nstop -b -J -n ITER -d 0.1.
callgrind_ir() {
        valgrind --tool=callgrind --callgrind-out-file="$T/cg.$1" "$NSTOP" -b -J -n "$1" -d 0.1 \
                >/dev/null 2>"$T/cg.$1.log" || return 1
        awk '$1 == "summary:" || $1 == "totals:" { print $2; exit }' "$T/cg.$1"
}
PERF_OK=0
if have perf && perf stat -e instructions true 2>&1 | grep -q '[0-9] *instructions'; then PERF_OK=1; fi
perf_ins() {
        perf stat -x, -e instructions "$NSTOP" -b -J -n "$1" -d 0.1 2>&1 >/dev/null | awk -F, '$3 ~ /instructions/ { print $1; exit }'
}

# ---- the run ---------------------------------------------------------------

boxes_for() { # K for N: BENCH_BOXES, at most N/10, at least 1
        local k=$BENCH_BOXES
        [ $k -gt $(($1 / 10)) ] && k=$(($1 / 10))
        [ $k -ge 1 ] || k=1
        echo $k
}
grow_to() { # N C: grow the workload and wait for it
        local n=$1 k i=0
        k=$(boxes_for "$n")
        workload_up "$n" "$k" "$2" || die "could not build the workload (N=$n K=$k C=$2)"
        disown_all
        while [ "$(wl_count)" -lt "$n" ]; do
                i=$((i + 1))
                [ $i -gt 1200 ] && die "workload stuck at $(wl_count) of $n processes after 2 minutes"
                nap 0.1
        done
        nap 1 # let the last forks settle
}

BASE_PROCS=$(host_procs)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
host_busy
b0=$BUSY
nap 2
host_busy
BUSY0=$(awk -v b=$((BUSY - b0)) -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", b / hz / 2 * 100 }')
[ "$BUSY0" -gt 20 ] && note "warning: the host is busy before the run ($BUSY0% of a CPU)"
# Someone else's workload (another run, a manual one) would be seen by
# every tool: say so in the report.
OTHER_CG=$(find /sys/fs/cgroup -maxdepth 6 -name 'nstop-bench-*' ! -name "nstop-bench-$WL_TAG-*" \
        -exec cat {}/cgroup.procs \; 2>/dev/null | sort -u | wc -l)
[ "$OTHER_CG" -gt 0 ] && note "warning: another nstop-bench workload runs ($OTHER_CG processes); every tool will see them too"
T_BEGIN=$(now_us)
tmux -L "$SOCK" -f /dev/null new-session -d -s keep -x 200 -y 50 "exec sleep 2147483647" ||
        die "tmux could not start its server"
own "$(tmux -L "$SOCK" display-message -p -t keep '#{pane_pid}')"
KEEP=${OURS[0]}

note "nstop: $NSTOP; N = $BENCH_N; K <= $BENCH_BOXES; C = $BENCH_EMPTY; $BENCH_REPS reps of $BENCH_SECONDS s at delay $BENCH_DELAY s"
note "tools: $TOOLS"

if [ "$BENCH_ONLY" = keys ]; then
        note "interactive keys only (BENCH_ONLY=keys)"
        if [ "$BENCH_WORKLOAD" = 0 ]; then
                keys_run host
        else
                for n in $BENCH_N; do
                        note "N=$n (K=$(boxes_for "$n"), C=$BENCH_EMPTY): growing the workload"
                        grow_to "$n" "$BENCH_EMPTY"
                        keys_run "$n"
                done
        fi
        CG1='' CG2='' PF1='' PF2=''
else
        # Empty cgroups, at the smallest N: nstop batch with none, then with C,
        # alternately in each repetition (so drift hits both alike).
        note "N=$NMIN, empty cgroups: 0 against $BENCH_EMPTY"
        grow_to "$NMIN" 0
        if [ "$BENCH_EMPTY" -gt 0 ]; then
                for rep in $(seq 1 "$BENCH_REPS"); do
                        wl_empty 0 || die "could not remove the empty cgroups"
                        run_tool nstop-batch "$NMIN" "$rep" "nstop-batch C=0"
                        wl_empty "$BENCH_EMPTY" || die "could not make $BENCH_EMPTY empty cgroups"
                        run_tool nstop-batch "$NMIN" "$rep" "nstop-batch C=$BENCH_EMPTY"
                done
        fi

        for n in $BENCH_N; do
                note "N=$n (K=$(boxes_for "$n"), C=$BENCH_EMPTY): growing the workload"
                grow_to "$n" "$BENCH_EMPTY"
                note "N=$n: $(wl_count) workload processes, $(host_procs) on the host"
                # Repetitions outside, tools inside: a burst of load from elsewhere
                # then spreads over all tools instead of one.
                for rep in $(seq 1 "$BENCH_REPS"); do
                        for tool in $TOOLS; do run_tool "$tool" "$n" "$rep"; done
                done
                note "N=$n: one-shot enumeration and batch start-up"
                for rep in $(seq 1 "$BENCH_REPS"); do oneshot "$n" "$rep"; done
                keys_run "$n"
        done

        CG1='' CG2='' PF1='' PF2=''
        if have valgrind; then
                note "N=$NMAX: callgrind of nstop -b -J -n 1 and -n 2 (slow)"
                { CG1=$(callgrind_ir 1) && CG2=$(callgrind_ir 2); } || note "callgrind failed: $(tail -n 3 "$T/cg.1.log" "$T/cg.2.log" 2>/dev/null)"
        fi
        if [ $PERF_OK = 1 ]; then
                PF1=$(perf_ins 1) && PF2=$(perf_ins 2)
        fi
fi
CG_PROCS=$(host_procs)
T_END=$(now_us)
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
note "done; removing the workload"
kill_ours
workload_down

# ---- the report ------------------------------------------------------------

# stats FILE N TOOL COLUMN [TOOLCOLUMN]: "median min max count" of COLUMN
# (1-based) over the lines of that N and tool (tool in column 3 unless
# TOOLCOLUMN says otherwise; "*" matches any N or tool).
stats() {
        awk -F'\t' -v n="$2" -v t="$3" -v c="$4" -v tc="${5:-3}" '(n == "*" || $1 == n) && (t == "*" || $tc == t) { v[++k] = $c }
                END { if (!k) exit
                      for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] + 0 < v[i] + 0) { x = v[i]; v[i] = v[j]; v[j] = x }
                      m = k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
                      print m, v[1], v[k], k }' "$1"
}
# per-refresh CPU of each rep into a derived file: N tool ms sat hostprocs period
awk -F'\t' -v OFS='\t' '{ print $1, $3, $5 / $6, $9, $2, $7 / $6, $8 }' "$DATA" >"$T/per.tsv"
med() { stats "$T/per.tsv" "$1" "$2" 3 2; }
# mmm FILE N TOOL COLUMN: "median (min-max)" of a column, formatted.
mmm() {
        local r
        r=$(stats "$1" "$2" "$3" "$4" 2)
        [ -n "$r" ] || { echo "-"; return; }
        set -- $r
        echo "$(fmt "$1") ($(fmt "$2")-$(fmt "$3"))"
}
fmt() { awk -v x="$1" 'BEGIN { if (x == "") print "-"; else if (x >= 100) printf "%.0f", x; else if (x >= 10) printf "%.1f", x; else printf "%.2f", x }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2fx", a / b }'; }
sat_of() { awk -F'\t' -v n="$1" -v t="$2" '$1 == n && $2 == t && $4 == 1 { s = 1 } END { print s ? ">=" : "" }' "$T/per.tsv"; }

HOST=$(hostname)
DAY=$(date +%F)
mkdir -p "$BENCH_RESULTS" || die "cannot write $BENCH_RESULTS"
OUT=$BENCH_RESULTS/$DAY-$HOST${BENCH_ONLY:+-$BENCH_ONLY}.md

cg_layout() {
        local v1 v2
        v1=$(awk '{ for (i = 7; $i != "-"; i++) ; if ($(i + 1) == "cgroup") n++ } END { print n + 0 }' /proc/self/mountinfo)
        v2=$(awk '{ for (i = 7; $i != "-"; i++) ; if ($(i + 1) == "cgroup2") n++ } END { print n + 0 }' /proc/self/mountinfo)
        if [ "$v1" -gt 0 ] && [ "$v2" -gt 0 ]; then echo "hybrid ($v1 v1 hierarchies + cgroup2)"
        elif [ "$v2" -gt 0 ]; then echo "v2 only"
        else echo "v1 only ($v1 hierarchies)"; fi
}
ver() { "$@" 2>&1 | head -n 1 | tr -s ' \t' ' '; }

report_host() {
        echo "- host: $BASE_PROCS tasks in /proc (processes and kernel threads) before the workload; load average $LOAD0 at the start, $LOAD1 at the end; run took $(((T_END - T_BEGIN) / 60000000)) min"
        [ "$OTHER_CG" -gt 0 ] && echo "- **warning**: another nstop-bench workload ran at the start ($OTHER_CG processes); the tools saw them too"
}
report() {
        local n tool m pk sat rss per tmed bmed hmed bt
        echo "# nstop benchmark, $DAY, $HOST"
        echo
        echo "## Machine"
        echo
        echo "- kernel $(uname -r), $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) CPUs, $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
        echo "- cgroups: $(cg_layout)"
        echo "- nstop: $(ver "$NSTOP" -V) ($NSTOP$(git -C "$BENCH_DIR/.." rev-parse --short HEAD 2>/dev/null | sed 's/^/, source tree at /')$(git -C "$BENCH_DIR/.." status --porcelain -- src ui 2>/dev/null | grep -q . && echo ' with local changes'))"
        echo "- peers: $(have htop && ver htop --version); $(have btop && ver btop --version); $(have top && ver top -V); $(have lsns && ver lsns --version); $(ver tmux -V); $(have valgrind && ver valgrind --version)"
        if [ "$BENCH_ONLY" = keys ]; then
                echo "- run: interactive keys only (BENCH_ONLY=keys); N = $BENCH_N$([ "$BENCH_WORKLOAD" = 0 ] && echo ' (no workload built: the host as it was)' || echo "; K = min($BENCH_BOXES, N/10) boxes; C = $BENCH_EMPTY empty cgroups"); frame = delay $BENCH_DELAY s"
                report_host
                echo "- other CPU use in 2 s before the run: $BUSY0% of one CPU$([ "$BUSY0" -gt 20 ] && echo ' (**busy**: latencies include waiting for a CPU; compare the CPU column)')"
                echo
                keys_report
                echo
                echo "## Targets (issue 7)"
                echo
                keys_targets
                echo
                keys_raw
                return
        fi
        echo "- run: N = $BENCH_N; K = min($BENCH_BOXES, N/10) boxes; C = $BENCH_EMPTY empty cgroups; $BENCH_REPS repetitions of $BENCH_SECONDS s windows; delay $BENCH_DELAY s for every tool; TUIs in a detached 200x50 tmux pane, default settings (fresh HOME)"
        report_host
        echo "- other CPU use (not the measured tool: tmux, this script's poller, anything else on the host), in % of one CPU: $BUSY0% in 2 s before the run; during the windows, median $(stats "$DATA" "*" "*" 11 | cut -d' ' -f1)%, max $(stats "$DATA" "*" "*" 11 | cut -d' ' -f3)% (per window in the raw data)"
        [ "$BUSY0" -gt 20 ] && echo "- **warning**: the host was busy before the run ($BUSY0% of a CPU): CPU per refresh varies with contention"
        echo
        echo "CPU = utime+stime from /proc/PID/stat over the window, divided by the refreshes the tool really did (counted from its CPU bursts; see bench/run.sh). \">=\": the tool never went idle (saturated), divided by window/delay: a lower bound. Period: measured time between refreshes (htop and top wait the delay after their work; nstop and btop keep a fixed rate)."
        for n in $BENCH_N; do
                echo
                hp=$(stats "$T/per.tsv" "$n" nstop-batch 5 2 | cut -d' ' -f1)
                echo "## N = $n ($(boxes_for "$n") boxes, $BENCH_EMPTY empty cgroups; ${hp:-?} processes on the host)"
                echo
                echo "| tool | CPU ms/refresh, median (min-max) | period s | peak RSS MiB | nstop TUI / tool | nstop batch / tool |"
                echo "|---|---|---|---|---|---|"
                tmed=$(med "$n" nstop-tui | cut -d' ' -f1)
                bmed=$(med "$n" nstop-batch | cut -d' ' -f1)
                : >"$T/warn"
                for tool in $TOOLS; do
                        m=$(med "$n" "$tool")
                        [ -n "$m" ] || continue
                        set -- $m
                        sat=$(sat_of "$n" "$tool")
                        per=$(stats "$T/per.tsv" "$n" "$tool" 6 2 | cut -d' ' -f1)
                        rss=$(stats "$T/per.tsv" "$n" "$tool" 7 2 | cut -d' ' -f3)
                        rss=$(awk -v r="$rss" 'BEGIN { printf "%.1f", r / 1024 }')
                        case $tool in
                        nstop-*) echo "| $tool | $sat$(fmt "$1") ($(fmt "$2")-$(fmt "$3")) | $(fmt "$per") | $rss | | |" ;;
                        *) echo "| $tool | $sat$(fmt "$1") ($(fmt "$2")-$(fmt "$3")) | $(fmt "$per") | $rss | $(ratio "$tmed" "$1") | $(ratio "$bmed" "$1") |" ;;
                        esac
                        # A refresh period longer than the delay plus the
                        # tool's own work means refreshes were missed.
                        awk -v p="$per" -v c="$1" -v d="$BENCH_DELAY" -v t="$tool" 'BEGIN { if (p > 1.3 * (d + c / 1000) + 0.1) printf "\nWarning: %s: period %.2f s is longer than delay + its work: its refresh count may be low.\n\n", t, p }' >>"$T/warn"
                done
                cat "$T/warn"
                echo
                echo "Other CPU use on the host during these windows (tmux, the poller, anything else), % of one CPU: median $(mmm "$DATA" "$n" "*" 11)."
                echo
                m=$(stats "$ONESHOT" "$n" nstop 4 2 | cut -d' ' -f1)
                bt=$(stats "$ONESHOT" "$n" lsns 4 2 | cut -d' ' -f1)
                echo "One-shot namespace enumeration, wall ms median (min-max): \`nstop -b -J -n 1 -d $DELAY_MIN\` minus its delay $(mmm "$ONESHOT" "$n" nstop 4), CPU $(mmm "$ONESHOT" "$n" nstop 5); \`lsns -J\` $(mmm "$ONESHOT" "$n" lsns 4), CPU $(mmm "$ONESHOT" "$n" lsns 5); nstop / lsns $(ratio "$m" "$bt")."
                echo
                echo "Start-up to the first complete frame, ms median (min-max): nstop TUI $(mmm "$START" "$n" nstop-tui 4); htop $(mmm "$START" "$n" htop 4); \`nstop -b -J -n 1\` to its first output byte (includes nstop's default delay) $(mmm "$START" "$n" nstop-batch 4)."
        done
        echo
        echo "## Scaling"
        echo
        for tool in $TOOLS; do
                awk -F'\t' -v t="$tool" -v ns="$BENCH_N" -v name="$tool" '
                        BEGIN { k = split(ns, N, " ") }
                        $2 == t { v[$1, ++c[$1]] = $3; x[$1, c[$1]] = $5 }
                        END {
                            for (i = 1; i <= k; i++) { n = N[i]; m = c[n]; if (!m) continue
                                # median of the reps, and mean host processes
                                for (a = 1; a <= m; a++) { s[a] = v[n, a]; hx += x[n, a] }
                                for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++) if (s[b] < s[a]) { z = s[a]; s[a] = s[b]; s[b] = z }
                                P++; X[P] = hx / m; Y[P] = m % 2 ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2; hx = 0 }
                            if (P < 2) { printf "- %s: one N only, no slope\n", name; exit }
                            for (i = 1; i <= P; i++) { sx += X[i]; sy += Y[i] }
                            mx = sx / P; my = sy / P
                            for (i = 1; i <= P; i++) { sxx += (X[i] - mx) ^ 2; sxy += (X[i] - mx) * (Y[i] - my); syy += (Y[i] - my) ^ 2 }
                            b = sxy / sxx; r2 = syy ? sxy * sxy / (sxx * syy) : 1
                            printf "- %s: %.2f us per process (least squares over %d N; intercept %.1f ms; R^2 %.3f)\n", name, b * 1000, P, my - b * mx, r2
                        }' "$T/per.tsv"
        done
        if [ "$BENCH_EMPTY" -gt 0 ]; then
                m=$(med "$NMIN" "nstop-batch C=0" | cut -d' ' -f1)
                bt=$(med "$NMIN" "nstop-batch C=$BENCH_EMPTY" | cut -d' ' -f1)
                awk -v a="$m" -v b="$bt" -v c="$BENCH_EMPTY" -v n="$NMIN" 'BEGIN {
                        printf "- empty cgroups (nstop batch at the smallest N = %d, with 0 and with %d, alternating): %.2f -> %.2f ms per refresh: %.2f us per empty cgroup, %.1f ms per 2000\n", n, c, a, b, (b - a) * 1000 / c, (b - a) * 2000 / c }'
        fi
        echo
        echo "## Instructions of one nstop batch refresh at N = $NMAX ($CG_PROCS processes on the host)"
        echo
        if [ -n "$CG1" ] && [ -n "$CG2" ]; then
                awk -v a="$CG1" -v b="$CG2" 'BEGIN { printf "callgrind total Ir: -n 2 %.0f, -n 1 %.0f: one refresh %.0f instructions (%.1f M). User space only: the kernel work behind each read of /proc and /sys is not counted.\n", b, a, b - a, (b - a) / 1e6 }'
        else
                echo "callgrind: not run (valgrind missing or failed)."
        fi
        if [ -n "$PF1" ] && [ -n "$PF2" ]; then
                echo
                awk -v a="$PF1" -v b="$PF2" 'BEGIN { printf "perf stat instructions (user and kernel): one refresh %.0f (%.1f M).\n", b - a, (b - a) / 1e6 }'
        else
                echo
                echo "perf stat: instruction counter not available here (\`perf stat -e instructions true\`)."
        fi
        echo
        keys_report
        echo
        echo "## Targets (issue 7)"
        echo
        targets
        echo
        keys_raw
        echo
        echo "<details><summary>Raw repetitions</summary>"
        echo
        echo "N, host processes, tool, rep, CPU ms (stat), refreshes, window s, peak RSS kB, saturated, CPU ms (schedstat), other CPU use %"
        echo
        echo '```'
        cat "$DATA"
        echo '```'
        echo
        echo "One-shot (N, tool, rep, wall ms, CPU ms) and start-up (N, tool, rep, ms):"
        echo
        echo '```'
        cat "$ONESHOT" "$START"
        echo '```'
        echo "</details>"
}

verdict() { # LABEL CONDITION(awk expr over a,b) A B
        awk -v a="$2" -v b="$3" -v l="$1" -v lim="$4" 'BEGIN {
                if (a == "" || b == "") { print "SKIP " l " (not measured)"; exit }
                r = b ? a / b : 0
                printf "%s %s: %.2fx (limit %sx)\n", (r <= lim ? "PASS" : "FAIL"), l, r, lim }'
}
targets() {
        local big=10000 mid=5000 t b h bt
        if [[ " $BENCH_N " != *" $big "* ]]; then
                echo "SKIP refresh and RSS targets (N = $big not in BENCH_N)"
        else
                t=$(med $big nstop-tui | cut -d' ' -f1)
                b=$(med $big nstop-batch | cut -d' ' -f1)
                h=$(med $big htop | cut -d' ' -f1)
                bt=$(med $big btop | cut -d' ' -f1)
                verdict "nstop TUI <= 0.25x htop at N=$big, CPU per refresh$( [ -n "$(sat_of $big nstop-tui)" ] && echo ' (nstop saturated: lower bound)')" "$t" "$h" 0.25
                verdict "nstop TUI <= 0.5x btop at N=$big, CPU per refresh" "$t" "$bt" 0.5
                verdict "nstop batch <= 0.25x htop at N=$big, CPU per refresh$( [ -n "$(sat_of $big nstop-batch)" ] && echo ' (nstop saturated: lower bound)')" "$b" "$h" 0.25
                verdict "nstop batch <= 0.5x btop at N=$big, CPU per refresh" "$b" "$bt" 0.5
                h=$(stats "$T/per.tsv" $big htop 7 2 | cut -d' ' -f3)
                verdict "nstop TUI peak RSS <= htop's at N=$big" "$(stats "$T/per.tsv" $big nstop-tui 7 2 | cut -d' ' -f3)" "$h" 1
                verdict "nstop batch peak RSS <= htop's at N=$big" "$(stats "$T/per.tsv" $big nstop-batch 7 2 | cut -d' ' -f3)" "$h" 1
        fi
        if [[ " $BENCH_N " != *" $mid "* ]]; then
                echo "SKIP one-shot target (N = $mid not in BENCH_N)"
        else
                verdict "one-shot nstop -b -J -n 1 (minus its delay) <= 0.1x lsns -J at N=$mid, wall" \
                        "$(stats "$ONESHOT" $mid nstop 4 2 | cut -d' ' -f1)" "$(stats "$ONESHOT" $mid lsns 4 2 | cut -d' ' -f1)" 0.1
        fi
        # Linear in processes: the slopes are reported above. Judged "at
        # most linear" (what matters is that it does not grow faster) when
        # the slope between the two largest N is at most 1.25x the
        # least-squares slope over all N: a cost growing faster than N
        # fails, a fixed cost plus a linear one passes.
        for t in nstop-tui nstop-batch; do
                awk -F'\t' -v t="$t" '$2 == t { s[$1] = s[$1] " " $3; x[$1] += $5; c[$1]++ }
                        END { for (n in c) { k = split(s[n], v, " "); for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] + 0 < v[i] + 0) { z = v[i]; v[i] = v[j]; v[j] = z }
                                  P++; X[P] = x[n] / c[n]; Y[P] = k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2 }
                              if (P < 3) { print "SKIP " t " linear in processes (fewer than 3 N)"; exit }
                              for (i = 1; i <= P; i++) for (j = i + 1; j <= P; j++) if (X[j] < X[i]) { z = X[i]; X[i] = X[j]; X[j] = z; z = Y[i]; Y[i] = Y[j]; Y[j] = z }
                              for (i = 1; i <= P; i++) { sx += X[i]; sy += Y[i] }; mx = sx / P; my = sy / P
                              for (i = 1; i <= P; i++) { sxx += (X[i] - mx) ^ 2; sxy += (X[i] - mx) * (Y[i] - my) }
                              b = sxy / sxx; last = (Y[P] - Y[P - 1]) / (X[P] - X[P - 1])
                              printf "%s %s at most linear in processes: slope %.2f us per process overall, %.2f between the two largest N (limit 1.25x)\n", (last <= 1.25 * b ? "PASS" : "FAIL"), t, b * 1000, last * 1000 }' "$T/per.tsv"
        done
        if [ "$BENCH_EMPTY" -gt 0 ]; then
                awk -v a="$(med "$NMIN" "nstop-batch C=0" | cut -d' ' -f1)" -v b="$(med "$NMIN" "nstop-batch C=$BENCH_EMPTY" | cut -d' ' -f1)" -v c="$BENCH_EMPTY" 'BEGIN {
                        if (a == "" || b == "") { print "SKIP 2000 idle cgroups (not measured)"; exit }
                        d = (b - a) * 2000 / c
                        printf "%s 2000 idle cgroups add <= 20 ms per refresh (nstop batch): %.1f ms%s\n", (d <= 20 ? "PASS" : "FAIL"), d, c == 2000 ? "" : sprintf(" (scaled from %d)", c) }'
        else
                echo "SKIP 2000 idle cgroups (BENCH_EMPTY=0)"
        fi
        keys_targets
}

report >"$T/report.md"
cp "$T/report.md" "$OUT" || die "cannot write $OUT"
cat "$T/report.md"
note "written to $OUT"
