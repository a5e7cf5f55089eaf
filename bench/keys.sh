# keys.sh: the interactive-keys part of nstop's benchmark (issue 7: "keys
# (scrolling, sorting, switching views) answer within one frame, without a
# rescan, at N = 10000"). Sourced by bench/run.sh (bash), which provides
# T, NSTOP, BENCH_DIR, BENCH_DELAY, CLK_TCK, die, note, own, fresh_home
# and host_procs; it calls:
#   keys_init            compiles the probe (bench/keylat.c); KEYS_OK=0 if
#                        it cannot (no C compiler, no tput)
#   keys_run N           one session at workload size N (all keys)
#   keys_report          the report's section (markdown)
#   keys_targets         the PASS/FAIL lines
#   keys_raw             the raw presses (a <details> block)
#   keys_cleanup         from run.sh's cleanup: a tracer left behind
#
# How (and why so):
#   nstop runs with -d 3600 on a 200x50 pseudo-terminal of the probe's own
#   (bench/keylat.c: a key's write and every byte of the answer timed
#   where they happen; tmux's send-keys would add a client start-up per
#   key, and a pane can only be polled). With an hour between snapshots no
#   refresh can fall into the session, so whatever nstop writes after a
#   key is the key's answer, and whatever it reads, the key's doing. The
#   probe waits for the first frame and 4 s more (the first frame's "new"
#   highlights end), then types each key BENCH_KEY_PRESSES times, one at a
#   time: the answer's latency is from the key's write to the last byte of
#   the frame nstop writes back (the frame ends after 30 ms without a
#   byte), its CPU the nstop's on-CPU time (schedstat) over that span,
#   and its wait the time nstop was runnable but had no CPU (on a busy
#   host most of an outlier; the probe itself runs SCHED_FIFO, so that its
#   own waits do not add to the latency: answer = CPU + wait, but for the
#   pty's delivery of the bytes, done by a kernel worker that may wait for
#   a CPU as well). A
#   key that changes nothing on the screen would not be seen answering:
#   every key here changes the screen each time (PgDn/PgUp pairs,
#   toggles, each typed character changes the prompt); a press that does
#   not (nothing within 10 s) is reported and not timed, and bytes that
#   come later with no key pending (a late answer?) fail the target.
#   Every key rebuilds the rows, sorting them, so what a key costs
#   depends on the sort in force: a second session starts sorted by
#   CGROUP (nstoprc sort_column=cgroup; the probe checks the header's sort
#   mark), a text column, and times Down and I there.
#   "Without a rescan": the same session once more under strace -f -yy
#   (file and descriptor syscalls, paths shown for every fd, so a pread on
#   a kept /proc fd or an openat relative to a /proc dir fd is seen as
#   well as an open by path), attached after the first frame and detached
#   before q: every traced syscall naming /proc or /sys is a read the key
#   made; there must be none.
#   One frame is the refresh delay (BENCH_DELAY): a key must not take
#   longer to show than a new snapshot does. 100 ms is reported beside
#   it, the latency where a key starts to feel slow.

KEYS_OK=0
KEYS=$T/keys.tsv      # N hostprocs key first_us last_us cpu_ns bytes wait_ns
KEYS_SUM=$T/keysum.tsv # N hostprocs startup_ms stray ticks presses proc_sys_hits syscalls key_reads term_writes (stray: both timed sessions; the rest: the main one)
: >"$KEYS"
: >"$KEYS_SUM"
BENCH_KEY_PRESSES=${BENCH_KEY_PRESSES:-10}
case $BENCH_KEY_PRESSES in '' | *[!0-9]*) die "BENCH_KEY_PRESSES must be a whole number" ;; esac
[ "$BENCH_KEY_PRESSES" -ge 1 ] || die "BENCH_KEY_PRESSES must be >= 1"
KEYS_TERM=xterm-256color
KEYS_STRACE=$T/keys.strace.pid

keys_init() {
        local cc=${CC:-cc}
        if ! command -v "$cc" >/dev/null 2>&1; then
                note "no C compiler ($cc): interactive keys not measured"
                return 0
        fi
        if ! command -v tput >/dev/null 2>&1; then
                note "no tput: interactive keys not measured"
                return 0
        fi
        tput -T "$KEYS_TERM" kcud1 >/dev/null 2>&1 || KEYS_TERM=xterm
        if ! "$cc" -std=gnu11 -O2 -o "$T/keylat" "$BENCH_DIR/keylat.c" 2>"$T/keylat.err"; then
                note "could not compile bench/keylat.c: interactive keys not measured: $(head -n 3 "$T/keylat.err")"
                return 0
        fi
        command -v strace >/dev/null 2>&1 || note "no strace: the no-rescan check is skipped"
        KEYS_OK=1
}

# What each key is, for the report (in the order typed).
KEYS_ORDER="down pgdn pgup end home sort-next sort-invert tree search-char search-next filter-char tab-ns tab-cg tab-procs ns-down ns-tree ns-expand ns-fold ns-type cg-down cg-fold cg-expand cg-hier cgsort-down cgsort-invert"
keys_what() {
        case $1 in
        down) echo "Down: scroll a line (processes)" ;;
        pgdn) echo "PgDn: scroll a page (processes)" ;;
        pgup) echo "PgUp: scroll a page back (processes)" ;;
        end) echo "End: to the last row (processes)" ;;
        home) echo "Home: to the first row (processes)" ;;
        sort-next) echo "\`>\`: sort by the next column" ;;
        sort-invert) echo "I: invert the sort" ;;
        tree) echo "t: process tree / flat, by turns" ;;
        search-char) echo "\`/\` then a character: incremental search, no match (all rows)" ;;
        search-next) echo "n: next match of a search" ;;
        filter-char) echo "\`\\\` then a character or Backspace: filter, rows rebuilt" ;;
        tab-ns) echo "Tab: processes to namespaces view" ;;
        tab-cg) echo "Tab: namespaces to cgroups view" ;;
        tab-procs) echo "Tab: cgroups to processes view" ;;
        ns-down) echo "Down (namespaces)" ;;
        ns-tree) echo "t: namespace tree / flat, by turns" ;;
        ns-expand) echo "Enter: a namespace's processes shown" ;;
        ns-fold) echo "Left: and hidden" ;;
        ns-type) echo "y: next namespace type" ;;
        cg-down) echo "Down (cgroups)" ;;
        cg-fold) echo "Left: the root cgroup's subtree folded" ;;
        cg-expand) echo "Enter: and unfolded" ;;
        cg-hier) echo "c: next cgroup hierarchy" ;;
        cgsort-down) echo "Down, processes sorted by CGROUP (a text column)" ;;
        cgsort-invert) echo "I: invert the sort by CGROUP" ;;
        *) echo "$1" ;;
        esac
}

# keys_steps MODE: the session's keys, "LABEL HEX" a line ("-": not
# timed). MODE main: everything, from the default settings; cgsort: the
# processes sorted by their cgroup (set in nstoprc), a text column, which
# every key re-sorts: scrolling and inverting.
keys_steps() {
        local k=$BENCH_KEY_PRESSES i s
        cap() { tput -T "$KEYS_TERM" "$1" | od -An -tx1 | tr -d ' \n'; }
        hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }
        local down npage ppage khome kend left
        down=$(cap kcud1) npage=$(cap knp) ppage=$(cap kpp)
        khome=$(cap khome) kend=$(cap kend) left=$(cap kcub1)
        rep() { for ((i = 0; i < k; i++)); do printf '%s\n' "$@"; done; }
        if [ "$1" = cgsort ]; then
                rep "cgsort-down $down"
                rep "cgsort-invert 49"
                return
        fi
        rep "down $down"
        rep "pgdn $npage" "pgup $ppage"
        rep "end $kend" "home $khome"
        rep "sort-next 3e"
        rep "sort-invert 49"
        rep "tree 74"
        [ $((k % 2)) = 1 ] && echo "- 74" # back to flat
        # A search that matches nothing after its first characters: each
        # character then looks at every row. Enter keeps it, Esc clears it.
        echo "- 2f"
        s=zxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzxzx
        for ((i = 0; i < k && i < ${#s}; i++)); do echo "search-char $(hex "${s:i:1}")"; done
        echo "- 0d"
        echo "- 1b"
        # n after a search for what every workload process runs.
        echo "- 2f"
        for s in s l e e p; do echo "- $(hex $s)"; done
        echo "- 0d"
        rep "search-next 6e"
        echo "- 1b"
        # The filter: "sleep" typed and rubbed out again, by turns, keeps
        # every workload process shown (a blank would change nothing on the
        # screen); Esc clears it.
        echo "- 5c"
        for ((i = 0; i < k; i++)); do
                if [ $((i % 10)) -lt 5 ]; then
                        s="sleep"
                        echo "filter-char $(hex "${s:i%10:1}")"
                else
                        echo "filter-char 7f"
                fi
        done
        echo "- 1b"
        echo "- $khome"
        rep "tab-ns 09" "tab-cg 09" "tab-procs 09"
        echo "- 09"
        rep "ns-down $down"
        echo "- $khome"
        rep "ns-tree 74"
        [ $((k % 2)) = 1 ] && echo "- 74"
        rep "ns-expand 0d" "ns-fold $left"
        rep "ns-type 79"
        echo "- 09"
        rep "cg-down $down"
        echo "- $khome"
        rep "cg-fold $left" "cg-expand 0d"
        rep "cg-hier 63"
}

# keys_session OUT MODE [HOOK]: one run of the probe with MODE's steps;
# its output in OUT. Runs in the background so that run.sh's traps act at
# once.
keys_session() {
        local out=$1 mode=$2 hook=${3-} pid check=
        fresh_home
        keys_steps "$mode" >"$T/keys.steps.$mode"
        if [ "$mode" = cgsort ]; then
                mkdir -p "$FH/nstop"
                echo "sort_column=cgroup" >"$FH/nstop/nstoprc"
                check=CGROUP$'\xe2\x96' # then the sort mark, up or down
        fi
        env HOME="$FH" XDG_CONFIG_HOME="$FH" TERM="$KEYS_TERM" LC_ALL=C.UTF-8 \
                "$T/keylat" -x 200 -y 50 -g 30 -t 10000 -w 'Tasks:' ${check:+-c "$check"} -s 4000 ${hook:+-k "$hook"} -- \
                "$NSTOP" -d 3600 <"$T/keys.steps.$mode" >"$out" 2>"$out.err" &
        pid=$!
        own "$pid"
        wait "$pid" || die "the key probe failed: $(cat "$out.err")"
        grep -q '^status ' "$out" || die "the key probe ended early: $(cat "$out.err")"
}

# The strace hook (run by the probe as sh -c HOOK sh start|stop).
# shellcheck disable=SC2016
KEYS_HOOK='case $1 in
start)
        strace -f -qq -yy -e trace=%file,%desc,%network -o "'"$T"'/keys.trace" -p "$KEYLAT_PID" 2>"'"$T"'/keys.strace.err" &
        echo $! >"'"$KEYS_STRACE"'"
        i=0
        until grep -q "^TracerPid:[[:space:]]*$!\$" /proc/$KEYLAT_PID/status; do
                i=$((i + 1)); [ $i -gt 1000 ] && exit 1; sleep 0.01
        done ;;
stop)
        p=$(cat "'"$KEYS_STRACE"'")
        kill -TERM "$p"
        i=0
        while [ -d /proc/$p ] && [ $i -lt 500 ]; do i=$((i + 1)); sleep 0.01; done ;;
esac'

keys_cleanup() {
        local p
        [ -f "$KEYS_STRACE" ] || return 0
        read -r p <"$KEYS_STRACE" 2>/dev/null
        [ -n "$p" ] && [ "$(cat "/proc/$p/comm" 2>/dev/null)" = strace ] && kill -KILL "$p" 2>/dev/null
        rm -f "$KEYS_STRACE"
}

# keys_run N: the timed session, then the traced one; appends to KEYS and
# KEYS_SUM.
keys_run() {
        local n=$1 hp out=$T/keys.out hits=- calls=- kr=- tw=- presses sorted
        [ "$KEYS_OK" = 1 ] || return 0
        hp=$(host_procs)
        note "N=$n: interactive keys ($BENCH_KEY_PRESSES presses each, $hp processes on the host)"
        keys_session "$out" main
        awk -v n="$n" -v hp="$hp" -v OFS='\t' '$1 == "press" { print n, hp, $2, $3, $4, $5, $6, $7 }' "$out" >>"$KEYS"
        presses=$(grep -c . "$T/keys.steps.main")
        keys_session "$out.cgsort" cgsort
        sorted=$(awk '$1 == "check" { print $2 }' "$out.cgsort")
        if [ "$sorted" = 1 ]; then
                awk -v n="$n" -v hp="$hp" -v OFS='\t' '$1 == "press" { print n, hp, $2, $3, $4, $5, $6, $7 }' "$out.cgsort" >>"$KEYS"
        else
                note "  sort_column=cgroup in nstoprc did not sort by CGROUP: those keys not reported"
        fi
        if command -v strace >/dev/null 2>&1; then
                rm -f "$T/keys.trace"
                keys_session "$out.traced" main "$KEYS_HOOK"
                rm -f "$KEYS_STRACE"
                [ -s "$T/keys.trace" ] || die "strace wrote nothing: $(cat "$T/keys.strace.err")"
                # A path under /proc or /sys, as an argument ("...") or as
                # what a descriptor is (<...>).
                hits=$(grep -cE '[<"]/(proc|sys)([/>"]|$)' "$T/keys.trace")
                calls=$(grep -cv -e '^[0-9]* *+++' -e '^[0-9]* *---' "$T/keys.trace")
                kr=$(grep -cE '^([0-9]+ +)?read\(0<' "$T/keys.trace")
                tw=$(grep -cE '^([0-9]+ +)?write\(1<' "$T/keys.trace")
                grep -E '[<"]/(proc|sys)([/>"]|$)' "$T/keys.trace" | head -n 5 | cut -c1-200 >"$T/keys.hits.$n"
        fi
        # Stray bytes of the two timed sessions; the rest of the main one.
        awk -v n="$n" -v hp="$hp" -v p="$presses" -v h="$hits" -v c="$calls" -v kr="$kr" -v tw="$tw" -v OFS='\t' '
                FNR == NR && $1 == "startup_ms" { s = $2 } $1 == "stray" { y += $2 } FNR == NR && $1 == "ticks" { t = $2 }
                END { print n, hp, s, y, t, p, h, c, kr, tw }' "$out" "$out.cgsort" >>"$KEYS_SUM"
        note "  $(awk -F'\t' -v n="$n" '$1 == n && $5 >= 0 { v[$3] = v[$3] " " $5 / 1000 } END { for (k in v) { m = split(v[k], a, " "); x = 0; for (i = 1; i <= m; i++) if (a[i] > x) x = a[i]; printf "%s max %.1f ms; ", k, x } }' "$KEYS")"
        [ "$hits" != - ] && note "  strace: $hits syscalls on /proc or /sys among $calls ($kr key reads, $tw terminal writes)"
        return 0
}

# keys_stats N KEY COLUMN: "median min max count" over the answered presses
# (KEYS columns: 4 first_us, 5 last_us, 6 cpu_ns, 7 bytes).
keys_stats() {
        awk -F'\t' -v n="$1" -v k="$2" -v c="$3" '$1 == n && $3 == k && $5 >= 0 { v[++m] = $c }
                END { if (!m) exit
                      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] + 0 < v[i] + 0) { x = v[i]; v[i] = v[j]; v[j] = x }
                      print (m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2), v[1], v[m], m }' "$KEYS"
}
# keys_slowest N [KEY]: "key answer_us cpu_ns wait_ns" of the slowest
# answered press (of KEY, or of any key).
keys_slowest() {
        awk -F'\t' -v n="$1" -v k="${2-}" '$1 == n && (k == "" || $3 == k) && $5 >= 0 && $5 >= x { x = $5; l = $3 " " $5 " " $6 " " $8 }
                END { if (l != "") print l }' "$KEYS"
}
keys_unanswered() { awk -F'\t' -v n="$1" -v k="$2" '$1 == n && $3 == k && $5 < 0 { m++ } END { print m + 0 }' "$KEYS"; }
keys_frame_ms() { awk -v d="$BENCH_DELAY" 'BEGIN { printf "%d", d * 1000 + 0.5 }'; }

keys_report() {
        local n hp key lat cpu fb none frame slow
        frame=$(keys_frame_ms)
        echo "## Interactive keys"
        echo
        if [ "$KEYS_OK" != 1 ] || [ ! -s "$KEYS_SUM" ]; then
                echo "Not measured (no C compiler or tput; see the run's messages)."
                return
        fi
        echo "nstop's TUI on a 200x50 pseudo-terminal with \`-d 3600\` (no refresh during the session), default settings; each key typed $BENCH_KEY_PRESSES times, one at a time (bench/keys.sh, bench/keylat.c). Answer: from the key's write to the last byte of the frame nstop writes back; first byte in brackets. CPU: nstop's on-CPU time (schedstat) for the key; for the slowest press, also the time nstop was runnable but waiting for a CPU (schedstat's run-queue time): on a busy host that, not nstop's work, makes most of an outlier (the rest of an answer is the pty's delivery, by a kernel worker that may wait as well). One frame = the refresh delay, $frame ms; 100 ms = where a key starts to feel slow. The last rows come from a second session that starts sorted by CGROUP (nstoprc \`sort_column=cgroup\`): every key re-sorts the rows, so a key costs what the sort in force costs."
        while IFS=$'\t' read -r n hp su stray ticks presses hits calls kr tw; do
                echo
                echo "### N = $n ($hp processes on the host)"
                echo
                echo "| key | presses | answer ms, median (max) [first byte] | CPU ms per key, median (max) | slowest press: CPU + waiting for a CPU, ms | < 100 ms | < 1 frame ($frame ms) |"
                echo "|---|---|---|---|---|---|---|"
                for key in $KEYS_ORDER; do
                        lat=$(keys_stats "$n" "$key" 5)
                        none=$(keys_unanswered "$n" "$key")
                        [ -n "$lat" ] || { [ "$none" -gt 0 ] && echo "| $(keys_what "$key") | $none, none changed the screen | - | - | - | - | - |"; continue; }
                        set -- $lat
                        cpu=$(keys_stats "$n" "$key" 6)
                        fb=$(keys_stats "$n" "$key" 4 | cut -d' ' -f1)
                        slow=$(keys_slowest "$n" "$key")
                        awk -v what="$(keys_what "$key")" -v m="$1" -v x="$3" -v c="$4" -v none="$none" -v fb="$fb" -v slow="$slow" \
                                -v cm="$(echo "$cpu" | cut -d' ' -f1)" -v cx="$(echo "$cpu" | cut -d' ' -f3)" -v f="$frame" 'BEGIN {
                                split(slow, s, " ")
                                printf "| %s | %d%s | %.1f (%.1f) [%.1f] | %.1f (%.1f) | %.1f + %.1f | %s | %s |\n", what, c, none ? sprintf(" (+%d that changed nothing)", none) : "",
                                        m / 1000, x / 1000, fb / 1000, cm / 1e6, cx / 1e6, s[3] / 1e6, s[4] / 1e6, x < 100000 ? "yes" : "**no**", x < f * 1000 ? "yes" : "**no**" }'
                done
                echo
                awk -v t="$ticks" -v p="$presses" -v hz="$CLK_TCK" -v s="$su" -v y="$stray" 'BEGIN {
                        printf "Cross-check from /proc/PID/stat: %.1f ms of nstop CPU per key over the %d keys typed (timed or not; clock ticks, includes its 200 ms idle wake-ups). Start-up to the first frame %d ms. Bytes written with no key pending: %d%s.\n",
                                t * 1000 / hz / p, p, s, y, y ? " (something else redrew the screen: latencies may be off)" : "" }'
                echo
                if [ "$hits" = - ]; then
                        echo "No rescan: not checked (no strace)."
                else
                        echo "No rescan: under \`strace -f -yy\` (file, descriptor and socket syscalls) over the same $presses keys, $hits syscalls named a path under /proc or /sys, of $calls traced ($kr reads of keys from the terminal, $tw writes of frames to it)."
                        if [ -s "$T/keys.hits.$n" ]; then
                                echo
                                echo "The first of them:"
                                echo
                                echo '```'
                                cat "$T/keys.hits.$n"
                                echo '```'
                        fi
                fi
        done <"$KEYS_SUM"
}

# keys_targets: at the largest N measured with >= 10000 processes on the
# host: every key's slowest answer within one frame, and within 100 ms;
# no /proc or /sys access.
keys_targets() {
        local n hp line frame worst stray presses hits calls
        frame=$(keys_frame_ms)
        if [ "$KEYS_OK" != 1 ] || [ ! -s "$KEYS_SUM" ]; then
                echo "SKIP interactive keys (not measured)"
                return
        fi
        line=$(awk -F'\t' '$2 >= 10000 { l = $0 } END { print l }' "$KEYS_SUM")
        if [ -z "$line" ]; then
                echo "SKIP interactive keys at N=10000 (no session with 10000 processes on the host; largest: $(tail -n 1 "$KEYS_SUM" | cut -f2))"
                return
        fi
        IFS=$'\t' read -r n hp _ stray _ presses hits calls _ _ <<<"$line"
        # The slowest press: "key answer_us cpu_ns wait_ns"
        worst=$(keys_slowest "$n")
        [ -n "$worst" ] || worst="- 0 0 0"
        set -- $worst
        # A press that changed nothing on the screen is not timed (and
        # said); but bytes that came with no key pending may be an answer
        # later than the 10 s the probe waits: then it fails.
        awk -v w="$(keys_what "$1")" -v x="$2" -v c="$3" -v q="$4" -v u="$(awk -F'\t' -v n="$n" '$1 == n && $5 < 0 { m++ } END { print m + 0 }' "$KEYS")" \
                -v y="$stray" -v f="$frame" -v n="$n" -v hp="$hp" 'BEGIN {
                note = sprintf(" (%s; its CPU %.1f ms, waiting for a CPU %.1f ms)", w, c / 1e6, q / 1e6)
                note = note (u ? sprintf("; %d presses changed nothing on the screen, not timed", u) : "") (y ? sprintf("; %d bytes came with no key pending (a late answer?)", y) : "")
                printf "%s interactive keys answer within one frame (%d ms) at N=%s (%d processes): slowest %.1f ms%s\n", (x < f * 1000 && !y ? "PASS" : "FAIL"), f, n, hp, x / 1000, note
                printf "%s interactive keys answer within 100 ms at N=%s (beyond the issue: where a key starts to feel slow): slowest %.1f ms%s\n", (x < 100000 && !y ? "PASS" : "FAIL"), n, x / 1000, note }'
        if [ "$hits" = - ]; then
                echo "SKIP interactive keys without a rescan (no strace)"
        else
                echo "$([ "$hits" = 0 ] && echo PASS || echo FAIL) interactive keys without a rescan at N=$n: $hits syscalls on /proc or /sys during $presses keys (strace, $calls syscalls traced)"
        fi
}

keys_raw() {
        [ -s "$KEYS" ] || return 0
        echo "<details><summary>Raw key presses</summary>"
        echo
        echo "N, host processes, key, first byte us, answer us, CPU ns, bytes, waiting for a CPU ns (answer -1: none within 10 s); then per session: N, host processes, start-up ms, stray bytes, CPU ticks, keys typed, /proc or /sys syscalls, syscalls traced, key reads, terminal writes"
        echo
        echo '```'
        cat "$KEYS" "$KEYS_SUM"
        echo '```'
        echo "</details>"
}
