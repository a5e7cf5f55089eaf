#!/bin/sh
# workload.sh: builds and removes the benchmark's workload, on the real
# kernel: N sleeping processes spread over K boxes, each box with its own
# pid, net, uts, ipc and mnt namespaces and its own cgroup in every
# hierarchy (but v1 cpuset), plus C empty cgroups in one hierarchy.
# Everything it makes is named nstop-bench-TAG-* (TAG: WL_TAG, by default
# the sourcing shell's pid, so that two workloads never share a cgroup)
# and sits under this shell's own cgroup in each hierarchy, so that
# nothing else is touched.
#
# Sourced by bench/run.sh, which calls:
#   workload_up N K C   grow (or build) the workload to N processes in K
#                       boxes (about N/K in each) and C empty cgroups;
#                       only grows the processes (boxes already made keep
#                       theirs and get more), sets the empty cgroups to C
#   wl_empty C          set the empty cgroups to exactly C (adds or removes)
#   wl_count            processes of the workload alive now
#   workload_down       kill every process it started (through its boxes'
#                       pid namespaces and its cgroups) and remove its
#                       cgroups; safe to call twice
# Root is needed (namespaces, cgroups).

WL_TAG=${WL_TAG:-$$}
WL_DIR=${WL_DIR:-$(mktemp -d /tmp/nstop-bench-wl.XXXXXX)}
: >"$WL_DIR/cgroups" # every box cgroup made, one a line
: >"$WL_DIR/pids"    # every box's unshare
wl_boxes=0
wl_nempty=0

# wl_hierarchies: "mountpoint own-path" for every cgroup hierarchy mounted
# here (v1 and v2), using this shell's own cgroup in it as the parent.
# The v2 one, if any, comes first. Cached: the mounts do not change.
wl_hierarchies() {
        if [ ! -f "$WL_DIR/hier" ]; then
                # mountinfo: optional fields (shared:N ...) sit before "-";
                # the file system type and the super options follow it.
                awk '{ for (i = 7; i <= NF && $i != "-"; i++) ; t = $(i + 1)
                       if (t == "cgroup2") print 0, $5, $(i + 3)
                       else if (t == "cgroup") print 1, $5, $(i + 3) }' /proc/self/mountinfo |
                        sort -s -k1,1n | while read -r _ mnt opts; do
                        case $opts in *cpuset*) continue ;; esac # needs cpus/mems set first
                        key=
                        for o in $(echo "$opts" | tr , ' '); do
                                case $o in rw | ro | nsdelegate | memory_recursiveprot | memory_localevents | clone_children | noprefix | xattr | release_agent=* | favordynmods | cpuset_v2_mode) ;; *) key="$key${key:+,}$o" ;; esac
                        done
                        own=$(awk -F: -v k="$key" '($2 == k) || (k == "" && $1 == "0") { print $3 }' /proc/self/cgroup)
                        [ -n "$own" ] || own=/
                        [ -d "$mnt$own" ] && echo "$mnt ${own%/}"
                done >"$WL_DIR/hier"
        fi
        cat "$WL_DIR/hier"
}

# wl_parent: the one parent directory for the empty cgroups and for
# counting: our cgroup in the v2 hierarchy if mounted, else in the first.
wl_parent() {
        wl_hierarchies | head -n 1 | { read -r mnt own && echo "$mnt$own"; }
}

# wl_mkcg NAME: makes NAME under our cgroup in every hierarchy; prints
# the directories made. A name that exists already is not ours: skipped.
wl_mkcg() {
        wl_hierarchies | while read -r mnt own; do
                d="$mnt$own/$1"
                mkdir "$d" 2>/dev/null && echo "$d" >>"$WL_DIR/cgroups" && echo "$d"
        done
}

# wl_box I M: box I with M sleeping processes. The box's shell joins the
# box's cgroups, records its pid (it becomes unshare) and becomes pid 1 of
# new namespaces that start M sleeps. Killing unshare kills the box: its
# child, the namespace's init, has PDEATHSIG (--kill-child), and the
# kernel kills a pid namespace with its init.
wl_box() {
        dirs=$(wl_mkcg "nstop-bench-$WL_TAG-box$1")
        echo "$dirs" >"$WL_DIR/box$1.dirs"
        echo "$2" >"$WL_DIR/box$1.size"
        # shellcheck disable=SC2016
        setsid sh -c 'for d in '"$(echo $dirs)"'; do echo $$ >"$d/cgroup.procs" 2>/dev/null; done
                echo $$ >"'"$WL_DIR/box$1.pid"'"
                exec unshare --pid --net --uts --ipc --mount --fork --kill-child \
                        sh -c "hostname nstop-bench-box'"$1"'; i=0; while [ \$i -lt '"$(($2 - 2))"' ]; do sleep 1000000 & i=\$((i+1)); done; exec sleep 1000000"' \
                </dev/null >/dev/null 2>&1 &
        echo $! >>"$WL_DIR/pids"
}

# wl_init I: the pid (seen from here) of box I's init, once it exists.
wl_init() {
        j=0
        while [ $j -lt 100 ]; do
                # children has no final newline: read fails but sets init.
                init=
                if read -r up <"$WL_DIR/box$1.pid" 2>/dev/null &&
                        { read -r init _ <"/proc/$up/task/$up/children"; } 2>/dev/null
                        [ -n "$init" ]; then
                        echo "$init"
                        return 0
                fi
                j=$((j + 1))
                sleep 0.05
        done
        return 1
}

# wl_grow I M: M more sleeping processes in box I: a shell joins the box's
# cgroups, then enters its namespaces (nsenter forks, so the sleeps are
# inside its pid namespace and die with it).
wl_grow() {
        init=$(wl_init "$1") || return 1
        dirs=$(cat "$WL_DIR/box$1.dirs")
        # shellcheck disable=SC2016
        setsid sh -c 'for d in '"$(echo $dirs)"'; do echo $$ >"$d/cgroup.procs" 2>/dev/null; done
                exec nsenter -t '"$init"' -p -m -n -u -i \
                        sh -c "i=0; while [ \$i -lt '"$2"' ]; do sleep 1000000 & i=\$((i+1)); done"' \
                </dev/null >/dev/null 2>&1 &
        echo $(($(cat "$WL_DIR/box$1.size") + $2)) >"$WL_DIR/box$1.size"
}

# wl_count: processes of the workload alive now, counted in the box
# cgroups of the first hierarchy (v1 may list a pid twice).
wl_count() {
        p=$(wl_parent)
        cat "$p"/nstop-bench-"$WL_TAG"-box*/cgroup.procs 2>/dev/null | sort -u | wc -l
}

# wl_empty C: exactly C empty cgroups nstop-bench-TAG-emptyI, all in one
# hierarchy (wl_parent), so C counts directories.
wl_empty() {
        p=$(wl_parent)
        echo "$p" >"$WL_DIR/emptyparent"
        r=0
        if [ "$wl_nempty" -lt "$1" ]; then
                # Counted as made even if mkdir fails half-way, so that
                # workload_down removes what was made.
                from=$((wl_nempty + 1)) wl_nempty=$1
                (cd "$p" && seq "$from" "$1" | sed "s/^/nstop-bench-$WL_TAG-empty/" | xargs mkdir --) || r=1
        elif [ "$wl_nempty" -gt "$1" ]; then
                (cd "$p" && seq "$(($1 + 1))" "$wl_nempty" | sed "s/^/nstop-bench-$WL_TAG-empty/" | xargs rmdir --) || r=1
                wl_nempty=$1
        fi
        return $r
}

workload_up() {
        n=$1 k=$2 c=$3
        # N processes in K boxes: each box holds ceil(N/K) (its unshare and
        # init are part of the count). New boxes start with that many;
        # boxes made for a smaller N get the difference.
        per=$(((n + k - 1) / k))
        [ "$per" -ge 2 ] || per=2
        b=1
        while [ "$b" -le "$wl_boxes" ]; do
                have=$(cat "$WL_DIR/box$b.size")
                [ "$have" -lt "$per" ] && { wl_grow "$b" $((per - have)) || return 1; }
                b=$((b + 1))
        done
        while [ "$wl_boxes" -lt "$k" ]; do
                wl_boxes=$((wl_boxes + 1))
                wl_box "$wl_boxes" "$per"
        done
        wl_empty "$c"
}

workload_down() {
        [ -d "$WL_DIR" ] || return 0
        # Killing each box's unshare ends its pid namespace's init, and the
        # kernel then kills everything in that namespace.
        while read -r p; do kill -KILL "$p" 2>/dev/null; done <"$WL_DIR/pids"
        # Anything left in our cgroups: v2's cgroup.kill kills by cgroup;
        # without v2, the pids listed in our own box cgroups.
        while read -r d; do
                if [ -f "$d/cgroup.kill" ]; then
                        echo 1 >"$d/cgroup.kill" 2>/dev/null
                else
                        while read -r p; do kill -KILL "$p" 2>/dev/null; done <"$d/cgroup.procs"
                fi
        done <"$WL_DIR/cgroups"
        sort -r "$WL_DIR/cgroups" | while read -r d; do
                i=0
                while [ -d "$d" ] && ! rmdir "$d" 2>/dev/null && [ $i -lt 50 ]; do
                        i=$((i + 1))
                        sleep 0.1
                done
        done
        if [ "$wl_nempty" -gt 0 ] && [ -f "$WL_DIR/emptyparent" ]; then
                (cd "$(cat "$WL_DIR/emptyparent")" && seq 1 "$wl_nempty" | sed "s/^/nstop-bench-$WL_TAG-empty/" | xargs rmdir -- 2>/dev/null)
                wl_nempty=0
        fi
        rm -rf "$WL_DIR"
}
