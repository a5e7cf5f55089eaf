#!/bin/sh
# output.sh: the batch output a user or a script reads. JSON carries every
# documented key with the right types, and its counts agree with /proc and
# with itself; text has its summary lines; a reader that stops early
# (| head) ends nstop quietly.
. "$SRCDIR/tests/lib.sh"
need_cmd jq stat
. "$SRCDIR/tests/integration/cli-lib.sh"

spawn sleep 1000
me=$bg_pid
wait_for "grep -q sleep /proc/$me/comm"

"$NSTOP" -b -J -d 0.2 >"$tmp/j" 2>"$tmp/err"
ok $? "JSON: exit 0"
check "JSON: one valid object" json_lines "$tmp/j"
check "JSON: one line" test "$(wc -l <"$tmp/j")" -eq 1

# has_keys WHAT FILTER KEY...: the object FILTER picks has every KEY.
has_keys() {
        _what=$1 _f=$2
        shift 2
        for _k in "$@"; do
                check "$_what has key $_k" jqt "$_f | has(\"$_k\")" "$tmp/j"
        done
}

# --- top level ------------------------------------------------------
has_keys "top level" . version timestamp interval system processes namespaces cgroups
check "version is the one -V prints" \
        test "nstop $(jq -r .version "$tmp/j")" = "$("$NSTOP" -V)"
check "timestamp is now (within a minute)" \
        jqt ".timestamp | . > $(date +%s) - 60 and . < $(date +%s) + 60" "$tmp/j"
check "interval is about the delay" jqt '.interval >= 0.15 and .interval <= 0.6' "$tmp/j"
check "processes and namespaces are non-empty arrays" \
        jqt '(.processes | type == "array" and length > 0) and (.namespaces | type == "array" and length > 0)' "$tmp/j"
check "cgroups is a non-empty array" jqt '(.cgroups | type) == "array" and (.cgroups | length) > 0' "$tmp/j"
check "every cgroup has the issue's keys" jqt '[.cgroups[] | has("hierarchy", "version", "controllers", "path",
        "mount", "nprocs", "pids", "cpu_percent", "memory_bytes", "memory_limit_bytes", "io_read_bytes_per_sec",
        "io_write_bytes_per_sec", "pids_current", "pids_limit", "frozen", "pressure", "name")] | all' "$tmp/j"
check "every cgroup's nprocs is the length of its pids" jqt '[.cgroups[] | .nprocs == (.pids | length)] | all' "$tmp/j"
check "every process is in the cgroup its own map names" jqt '
        (.cgroups | map({key: "\(.hierarchy):\(.path)", value: .pids}) | from_entries) as $cg
        | [.processes[] | .pid as $p | (.cgroups // {}) | to_entries[]
           | ($cg["\(.key):\(.value)"] // []) | index($p) != null] | all' "$tmp/j"

# --- processes ------------------------------------------------------
P=".processes[] | select(.pid == $me)"
has_keys "process" "$P" pid ppid comm cmdline user uid state threads cpu_percent \
        rss_bytes vsize_bytes io_read_bytes_per_sec io_write_bytes_per_sec ns cgroups \
        root kernel_thread
check "every process has every key" \
        jqt '[.processes[] | has("pid", "ppid", "comm", "cmdline", "user", "uid", "state",
                "threads", "cpu_percent", "rss_bytes", "vsize_bytes", "io_read_bytes_per_sec",
                "io_write_bytes_per_sec", "ns", "cgroups", "root", "kernel_thread")] | all' "$tmp/j"
check "our process: pid, ppid, comm, cmdline, user" \
        jqt "$P | .ppid == $$ and .comm == \"sleep\" and .cmdline == \"sleep 1000\" and .user == \"$(id -un)\" and .uid == $(id -u)" "$tmp/j"
check "our process: state, threads, sizes" \
        jqt "$P | (.state | test(\"^[RSD]\$\")) and .threads == 1 and .rss_bytes > 0 and .vsize_bytes >= .rss_bytes" "$tmp/j"
check "our process: rates are numbers" \
        jqt "$P | [.cpu_percent, .io_read_bytes_per_sec, .io_write_bytes_per_sec] | all(type == \"number\")" "$tmp/j"
check "our process: root is / and it is not a kernel thread" \
        jqt "$P | .root == \"/\" and .kernel_thread == false" "$tmp/j"

# ns: one key per type in /proc/self/ns (not *_for_children), our inodes.
types_json=$(ns_types | jq -R . | jq -s -c 'sort')
check "our process: ns has exactly the kernel's types $types_json" \
        jqt "$P | .ns | keys == $types_json" "$tmp/j"
for t in $(ns_types); do
        check "our process: ns.$t is /proc/$me/ns/$t" jqt "$P | .ns.$t == $(proc_ns_ino "$me" "$t")" "$tmp/j"
done
check "every process has the same ns keys" \
        jqt "[.processes[].ns | keys == $types_json] | all" "$tmp/j"

# cgroups: hierarchy -> path, as /proc/PID/cgroup says; "0::" is "unified".
want=$(jq -R -s -c '
        split("\n") | map(select(length > 0) | split(":")
                | {key: (if .[1] == "" then "unified" else .[1] end), value: (.[2:] | join(":"))})
        | from_entries' "/proc/$me/cgroup")
check "our process: cgroups is /proc/$me/cgroup ($want)" jqt "$P | .cgroups == $want" "$tmp/j"
if grep -q '^0::' "/proc/$me/cgroup"; then
        check "our process: the 0:: line is named unified" jqt "$P | .cgroups | has(\"unified\")" "$tmp/j"
fi

# kernel threads: kthreadd (pid 2) and its children, and nothing else.
check "kthreadd is a kernel thread" jqt '.processes[] | select(.pid == 2) | .kernel_thread' "$tmp/j"
check "pid 2's children are kernel threads" \
        jqt '[.processes[] | select(.ppid == 2) | .kernel_thread] | length > 0 and all' "$tmp/j"
check "no other process is a kernel thread" \
        jqt '[.processes[] | select(.ppid != 2 and .pid != 2) | .kernel_thread] | any | not' "$tmp/j"

# --- namespaces -----------------------------------------------------
N=".namespaces[] | select(.type == \"net\" and .inode == $(proc_ns_ino "$me" net))"
has_keys "namespace" "$N" type inode nprocs pids owner parent bind_mounts cpu_percent \
        rss_bytes io_read_bytes_per_sec io_write_bytes_per_sec
check "every namespace has every key" \
        jqt '[.namespaces[] | has("type", "inode", "nprocs", "pids", "owner", "parent",
                "bind_mounts", "cpu_percent", "rss_bytes", "io_read_bytes_per_sec",
                "io_write_bytes_per_sec")] | all' "$tmp/j"
check "every namespace: nprocs is the length of pids" \
        jqt '[.namespaces[] | .nprocs == (.pids | length)] | all' "$tmp/j"
check "every namespace: bind_mounts is an array" jqt '[.namespaces[].bind_mounts | type == "array"] | all' "$tmp/j"
check "our net namespace lists our process" jqt "$N | .pids | index($me) != null" "$tmp/j"
check "every member of a namespace has that inode in its ns" \
        jqt '(.processes | map({key: (.pid | tostring), value: .ns}) | from_entries) as $ns
             | [.namespaces[] as $n | $n.pids[] | $ns[tostring][$n.type] == $n.inode] | all' "$tmp/j"
check "our net namespace is owned by a listed user namespace" \
        jqt "($N | .owner) as \$o | [.namespaces[] | select(.type == \"user\") | .inode] | index(\$o) != null" "$tmp/j"

# --- system ---------------------------------------------------------
has_keys "system" .system cpu_percent cpu cpus memory swap load uptime_seconds nprocs namespaces ncpus
ncpu=$(grep -c '^cpu[0-9]' /proc/stat)
check "system: one cpus entry per CPU ($ncpu)" jqt ".system.ncpus == $ncpu and (.system.cpus | length) == $ncpu" "$tmp/j"
check "system: per-CPU and total have the same fields" \
        jqt '(.system.cpu | keys) as $k | [.system.cpus[] | del(.id) | keys == $k] | all and ($k | index("percent") != null)' "$tmp/j"
check "system: CPU percentages are within 0..100" \
        jqt '[.system.cpu_percent, .system.cpu.percent, .system.cpus[].percent] | all(. >= 0 and . <= 100)' "$tmp/j"
check "system: user+system+idle+... add up to about 100" \
        jqt '.system.cpu | (.user + .nice + .system + .idle + .iowait + .irq + .softirq + .steal) | . > 98 and . < 102' "$tmp/j"
memtotal=$(awk '$1 == "MemTotal:" { printf "%.0f\n", $2 * 1024 }' /proc/meminfo)
swaptotal=$(awk '$1 == "SwapTotal:" { printf "%.0f\n", $2 * 1024 }' /proc/meminfo)
check "system: memory.total_bytes is MemTotal" jqt ".system.memory.total_bytes == $memtotal" "$tmp/j"
check "system: memory used <= total" jqt '.system.memory | .used_bytes <= .total_bytes and .free_bytes <= .total_bytes' "$tmp/j"
check "system: swap.total_bytes is SwapTotal" jqt ".system.swap.total_bytes == $swaptotal" "$tmp/j"
check "system: load is three numbers" jqt '.system.load | length == 3 and all(type == "number" and . >= 0)' "$tmp/j"
up=$(cut -d' ' -f1 /proc/uptime)
check "system: uptime is /proc/uptime ($up)" jqt ".system.uptime_seconds | . > $up - 30 and . < $up + 30" "$tmp/j"
check "system: nprocs is the number of processes" jqt '.system.nprocs == (.processes | length)' "$tmp/j"
check "system: namespaces per type match the namespaces array" \
        jqt '.system.namespaces == (.namespaces | group_by(.type) | map({key: .[0].type, value: length}) | from_entries)' "$tmp/j"

# --- text -----------------------------------------------------------
"$NSTOP" -b -d 0.2 >"$tmp/t" 2>/dev/null
ok $? "text: exit 0"
check "text: header line with the version" grep -q "^nstop $(jq -r .version "$tmp/j") " "$tmp/t"
check "text: Tasks line" grep -q '^Tasks: [0-9]* total' "$tmp/t"
check "text: CPU line" grep -q '^%Cpu(s): .* us, .* sy, .* id' "$tmp/t"
check "text: memory line" grep -q '^MiB Mem *: .* total' "$tmp/t"
check "text: swap line" grep -q '^MiB Swap *: .* total' "$tmp/t"
check "text: Namespaces line" grep -q '^Namespaces: ' "$tmp/t"
tasks=$(sed -n 's/^Tasks: \([0-9]*\) total.*/\1/p' "$tmp/t")
rows=$(awk '$1 == "PID" && $2 == "PPID" { on = 1; next } on && NF == 0 { on = 0 } on { n++ } END { print n + 0 }' "$tmp/t")
check "text: Tasks total ($tasks) is the number of process rows ($rows)" test "$tasks" = "$rows"
nsline=$(sed -n 's/^Namespaces: //p' "$tmp/t" | tr ' ' '\n' | paste -d' ' - - | sort | tr '\n' ' ')
nsrows=$(awk '$1 == "TYPE" && $2 == "NS" { on = 1; next } on && NF == 0 { on = 0 } on { print $1 }' "$tmp/t" |
        sort | uniq -c | awk '{ print $2, $1 }' | sort | tr '\n' ' ')
check "text: the Namespaces line counts the namespace rows ($nsline)" test "$nsline" = "$nsrows"

# --- a reader that stops early --------------------------------------
# quiet_stderr FILE: nothing on stderr but the usual unreadable-values note.
quiet_stderr() { ! grep -v '^nstop: could not read ' "$1" | grep -q .; }
{
        "$NSTOP" -b -J -n 2 -d 0.1 2>"$tmp/err"
        echo $? >"$tmp/st"
} | head -c 100 >"$tmp/out"
check "-J | head -c 100: head got 100 bytes" test "$(wc -c <"$tmp/out")" -eq 100
check "-J | head -c 100: nstop exits 0" test "$(cat "$tmp/st")" = 0
check "-J | head -c 100: no error output" quiet_stderr "$tmp/err"
{
        "$NSTOP" -b -n 2 -d 0.1 2>"$tmp/err"
        echo $? >"$tmp/st"
} | head -1 >"$tmp/out"
check "-b | head -1: the header line" grep -q '^nstop ' "$tmp/out"
check "-b | head -1: nstop exits 0" test "$(cat "$tmp/st")" = 0
check "-b | head -1: no error output" quiet_stderr "$tmp/err"
sed 's/^/# stderr: /' "$tmp/err"

done_testing
