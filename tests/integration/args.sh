#!/bin/sh
# args.sh: the command line as a user meets it. Every bad argument exits 2
# with exactly two lines on stderr (the cause naming the argument, then the
# --help hint) and nothing on stdout; --help and --version print on stdout;
# a cause never carries terminal control bytes; a sysroot that cannot be
# opened is one line and exit 1.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/cli-lib.sh"

hint="Try 'nstop --help' for more information."
esc=$(printf '\033')

# bad_arg NAME TEXT ARG...: nstop ARG... must fail as a bad argument whose
# cause names TEXT.
bad_arg() {
        _label=$1 _text=$2
        shift 2
        "$NSTOP" "$@" >"$tmp/out" 2>"$tmp/err"
        _st=$?
        ok $((_st != 2)) "$_label: exit status 2 (got $_st)"
        check "$_label: nothing on stdout" test ! -s "$tmp/out"
        ok $(($(wc -l <"$tmp/err") != 2)) "$_label: exactly two lines on stderr"
        _first=$(sed -n 1p "$tmp/err")
        _second=$(sed -n 2p "$tmp/err")
        case $_first in
        "nstop: "*) ok 0 "$_label: cause starts with 'nstop: '" ;;
        *) ok 1 "$_label: cause starts with 'nstop: '" ;;
        esac
        case $_first in
        *"$_text"*) ok 0 "$_label: cause names '$_text'" ;;
        *) ok 1 "$_label: cause names '$_text'"; diag "stderr: $_first" ;;
        esac
        ok $(test "$_second" = "$hint"; echo $?) "$_label: second line is the --help hint"
}

bad_arg "-d abc" "abc" -b -d abc
bad_arg "-d 0" "-d 0" -b -d 0
bad_arg "-d -1" "-d -1" -b -d -1
bad_arg "-n -1" "-n -1" -b -n -1
bad_arg "-n 0" "-n 0" -b -n 0
bad_arg "-n 1.5" "-n 1.5" -b -n 1.5
bad_arg "-p x" "-p x" -b -p x
bad_arg "-p 1,,2" "1,,2" -b -p 1,,2
bad_arg "-p 1," "1," -b -p 1,
bad_arg "-p 0" "-p 0" -b -p 0
bad_arg "-u unknown" "nosuchuser-xyz" -b -u nosuchuser-xyz
bad_arg "--ns foo" "foo" -b --ns foo
bad_arg "--ns net:abc" "net:abc" -b --ns net:abc
bad_arg "--ns net:" "net:" -b --ns net:
bad_arg "--bogus" "--bogus" -b --bogus
bad_arg "-x" "-x" -b -x
bad_arg "unknown letter inside a group" "-x" -xb
# says LABEL TEXT: the last cause also says TEXT (what is wrong).
says() { check "$1: cause says '$2'" grep -q -e "$2" "$tmp/err"; }
bad_arg "-d without a value" "-d" -b -d
says "-d without a value" "needs a value"
bad_arg "--delay without a value" "--delay" -b --delay
says "--delay without a value" "needs a value"
bad_arg "--ns without a value" "--ns" -b --ns
says "--ns without a value" "needs a value"
bad_arg "--sysroot without a value" "--sysroot" -b --sysroot
says "--sysroot without a value" "needs a value"
bad_arg "--help=3" "--help" --help=3
says "--help=3" "not take a value"
bad_arg "-u without a value" "-u" -b -u
says "-u without a value" "needs a value"
bad_arg "stray argument" "stray" -b stray

# A cause quotes the argument; the argument's control bytes must not reach
# the terminal (here: an SGR sequence that would turn the terminal red).
"$NSTOP" -b -d "$(printf 'a\033[31mb')" >"$tmp/out" 2>"$tmp/err"
ok $(($? != 2)) "control characters in -d: exit status 2"
check "control characters in -d: no ESC byte on stderr" absent "$esc" "$tmp/err"
check "control characters in -d: the visible part of the argument is named" \
        grep -q '31mb' "$tmp/err"
"$NSTOP" -b -p "$(printf '1\n2\033[2J')" >"$tmp/out" 2>"$tmp/err"
ok $(($(wc -l <"$tmp/err") != 2)) "newline in -p: still exactly two lines on stderr"
check "newline in -p: no ESC byte on stderr" absent "$esc" "$tmp/err"

# --help: on stdout, exit 0, every option listed.
"$NSTOP" --help >"$tmp/out" 2>"$tmp/err"
ok $? "--help exits 0"
check "--help writes nothing on stderr" test ! -s "$tmp/err"
check "--help starts with Usage:" grep -q '^Usage: nstop' "$tmp/out"
for opt in -b --batch -J --json -n --iterations -d --delay -p --pid -u --user \
        --ns --sysroot -h --help -V --version; do
        check "--help mentions $opt" grep -q -e "$opt[ ,]" "$tmp/out"
done
"$NSTOP" -h >"$tmp/out2" 2>/dev/null
ok $? "-h exits 0"
check "-h prints the same text as --help" cmp -s "$tmp/out" "$tmp/out2"

# --version and -V: "nstop <version>" alone.
for v in -V --version; do
        out=$("$NSTOP" $v 2>"$tmp/err")
        ok $? "$v exits 0"
        check "$v writes nothing on stderr" test ! -s "$tmp/err"
        case $out in
        "nstop "[0-9]*.[0-9]*) ok 0 "$v prints 'nstop <version>'" ;;
        *) ok 1 "$v prints 'nstop <version>'"; diag "got: $out" ;;
        esac
        ok $(($(printf '%s\n' "$out" | wc -l) != 1)) "$v prints one line"
done

# --sysroot that does not exist: a runtime failure, exit 1, one line that
# names the path and the system's reason, nothing on stdout. With and
# without -b (without it, the notice about the interactive view must not
# come before the failure).
for b in -b ""; do
        "$NSTOP" $b --sysroot /nonexistent >"$tmp/out" 2>"$tmp/err"
        st=$?
        ok $((st != 1)) "--sysroot /nonexistent ${b:-(no -b)}: exit status 1 (got $st)"
        check "--sysroot /nonexistent ${b:-(no -b)}: nothing on stdout" test ! -s "$tmp/out"
        ok $(($(wc -l <"$tmp/err") != 1)) "--sysroot /nonexistent ${b:-(no -b)}: one line on stderr"
        check "--sysroot /nonexistent ${b:-(no -b)}: names the path" grep -q '^nstop: .*/nonexistent' "$tmp/err"
        check "--sysroot /nonexistent ${b:-(no -b)}: gives the reason" grep -q 'No such file or directory' "$tmp/err"
done

done_testing
