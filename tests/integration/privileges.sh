#!/bin/sh
# privileges.sh: issue 8, privileges, from the command line.
# - nstop refuses to run setuid or setgid: a copy made setuid root and run
#   by nobody, made setgid root, and made setuid nobody and run by root:
#   one line on stderr, nothing on stdout, exit status 2, and (strace -u,
#   which honours the set-id bits) nothing of /proc, cgroupfs or any file
#   for writing opened on the way. The same copy without the bit runs.
# - No environment variable makes a batch run write a file: with HOME,
#   XDG_CONFIG_HOME and TMPDIR pointing at an empty directory, it stays
#   empty, and strace sees nothing opened for writing, made or renamed.
# (The partial view of nobody in batch mode is nonroot.sh's; the TUI side
# is tests/tui/privileges.sh.)
. "$SRCDIR/tests/lib.sh"
need_root "makes setuid copies of nstop and drops privileges with setpriv"
need_cmd setpriv

asnobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }

# A directory for set-id copies: on the build's file system (not /tmp,
# which may be mounted nosuid) when nobody can reach it, else in TMPDIR.
# A copy of id(1) made setuid root tells whether the bit takes effect.
try_dir() {
        _d=$(mktemp -d "$1/nstop-test-suid.XXXXXX" 2>/dev/null) || return 1
        cleanup_add "rm -rf '$_d'"
        chmod 711 "$_d"
        cp "$(command -v id)" "$_d/id" && chmod 4755 "$_d/id" || return 1
        case $(asnobody "$_d/id" 2>/dev/null) in
        *euid=0*) dir=$_d ;;
        *) return 1 ;;
        esac
}
dir=
try_dir "$BUILDDIR" || try_dir "${TMPDIR:-/tmp}" ||
        skip_all "the setuid bit takes no effect here for nobody (nosuid mounts, or no directory nobody can reach)"
diag "set-id copies in $dir"
cp "$NSTOP" "$dir/nstop"
chmod 755 "$dir/nstop"
nstop=$dir/nstop

out=$dir/out
err=$dir/err
# refused NAME WANT COMMAND...: exit status 2, stdout empty, one stderr
# line that starts with the refusal and holds WANT.
refused() {
        _rn=$1 _want=$2
        shift 2
        "$@" >"$out" 2>"$err"
        _st=$?
        ok $((_st != 2)) "$_rn: exit status 2 (got $_st)"
        check "$_rn: nothing on stdout" test ! -s "$out"
        ok $(($(wc -l <"$err") != 1)) "$_rn: one line on stderr"
        check "$_rn: it says nstop refuses to run setuid/setgid" \
                grep -q '^nstop: refusing to run setuid/setgid: ' "$err"
        check "$_rn: it gives the reason ($_want)" grep -qF -- "$_want" "$err"
        sed 's/^/# stderr: /' "$err"
}

# The copy as it is, without a set-id bit: it runs for nobody.
asnobody "$nstop" -V >"$out" 2>"$err"
ok $? "a plain copy runs as nobody (nstop -V)"
check "and prints its version" grep -q '^nstop ' "$out"

# Setuid root, run by nobody.
chown 0:0 "$nstop"
chmod 4755 "$nstop"
refused "setuid root run by nobody" "real uid 65534, effective uid 0" asnobody "$nstop" -b -n 1 -d 0.1
refused "setuid root, --help" "effective uid 0" asnobody "$nstop" --help
refused "setuid root, -V" "effective uid 0" asnobody "$nstop" -V

# Before touching anything: strace -u runs it as nobody with its set-id
# bits honoured; once the libraries are loaded nothing else is opened
# (an ASan runtime reads /proc/self, which is let through).
if command -v strace >/dev/null 2>&1; then
        strace -f -u nobody -e trace=openat,open,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat \
                -o "$dir/trace" "$nstop" -b -n 1 -d 0.1 >"$out" 2>"$err"
        st=$?
        ok $((st != 2)) "under strace -u nobody: still refused, status 2 (got $st)"
        check "under strace -u nobody: it says so" grep -q '^nstop: refusing to run setuid/setgid' "$err"
        grep -E '"/proc/[0-9]|"/proc/stat|"/proc/loadavg|"/sys/fs/cgroup|O_WRONLY|O_RDWR|O_CREAT|mkdir|rename|unlink' \
                "$dir/trace" >"$dir/touched"
        check "nothing of /proc, cgroupfs or any file for writing was opened before the refusal" \
                test ! -s "$dir/touched"
        sed 's/^/# touched: /' "$dir/touched"
else
        diag "no strace: what is opened before the refusal is not checked"
fi

# Setgid root (the group bit alone).
chmod 2755 "$nstop"
refused "setgid root run by nobody" "real gid 65534, effective gid 0" asnobody "$nstop" -b -n 1 -d 0.1

# Setuid to nobody, run by root: a set-id run whichever way it goes.
chown 65534 "$nstop"
chmod 4755 "$nstop"
refused "setuid nobody run by root" "real uid 0, effective uid 65534" "$nstop" -b -n 1 -d 0.1

# The same copy, bits cleared, runs again for root.
chown 0:0 "$nstop"
chmod 755 "$nstop"
"$nstop" -b -n 1 -d 0.1 >"$out" 2>"$err"
ok $? "the copy without set-id bits runs for root"
check "and prints a snapshot" grep -q '^ *PID ' "$out"

# ---- batch runs write no file, whatever the environment says ----------
env_dir=$dir/env
mkdir "$env_dir"
HOME=$env_dir XDG_CONFIG_HOME=$env_dir TMPDIR=$env_dir "$NSTOP" -b -n 2 -d 0.1 >"$out" 2>"$err"
ok $? "batch with HOME, XDG_CONFIG_HOME and TMPDIR in a temporary directory: status 0"
check "that directory is still empty" test -z "$(ls -A "$env_dir")"
HOME=$env_dir XDG_CONFIG_HOME=$env_dir TMPDIR=$env_dir "$NSTOP" -b -J -n 1 -d 0.1 >"$out" 2>"$err"
ok $? "the same in JSON: status 0"
check "and the directory is still empty" test -z "$(ls -A "$env_dir")"
if command -v strace >/dev/null 2>&1; then
        HOME=$env_dir XDG_CONFIG_HOME=$env_dir TMPDIR=$env_dir strace -f -o "$dir/trace" \
                -e trace=openat,open,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,symlink,symlinkat,link,linkat,truncate \
                "$NSTOP" -b -n 1 -d 0.1 >"$out" 2>"$err"
        grep -E 'O_WRONLY|O_RDWR|O_CREAT|^[0-9]+ +(creat|mkdir|rename|unlink|symlink|link|truncate)' "$dir/trace" |
                grep -v ' = -1 ' >"$dir/touched"
        check "strace: a batch run opens nothing for writing and makes, renames or removes no file" \
                test ! -s "$dir/touched"
        sed 's/^/# written: /' "$dir/touched"
fi

done_testing
