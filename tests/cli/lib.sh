# lib.sh — helpers for the d16 command-line tests (sourced by tests/cli/*.sh).
#
# Automake's harness sets D16_BUILDDIR and D16_SRCDIR (AM_TESTS_ENVIRONMENT), so the tests
# run in VPATH builds; by hand: D16_BUILDDIR=/path/to/build sh tests/cli/exit_status.sh
# Each test script calls `finish` at the end: exit 0 when every check passed, else 1.

D16_BUILDDIR=${D16_BUILDDIR:-$PWD}
D16_SRCDIR=${D16_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
D16="$D16_BUILDDIR/d16"
GOLDEN="$D16_SRCDIR/tests/cli/golden"
failures=0

if [ ! -x "$D16" ]; then
    echo "no d16 at $D16 (set D16_BUILDDIR)" >&2
    exit 99
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/d16-cli.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

pass() {
    echo "ok: $*"
}

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures check(s) failed" >&2
        exit 1
    fi
    exit 0
}

# words FILE HEX...: writes 16-bit words, big-endian (one printf per word: octal escapes
# are the portable way to write bytes).
words() {
    _f=$1
    shift
    : >"$_f"
    for _w in "$@"; do
        _v=$((0x$_w))
        # shellcheck disable=SC2059
        printf "$(printf '\\%03o\\%03o' $((_v >> 8)) $((_v & 255)))" >>"$_f"
    done
}

# zeros FILE N: a file of N zero bytes.
zeros() {
    if [ "$2" -eq 0 ]; then
        : >"$1"
    else
        dd if=/dev/zero of="$1" bs="$2" count=1 2>/dev/null
    fi
}

# run ARGS...: runs d16 with stdin from /dev/null unless redirected; sets $status and
# leaves stdout in $T/out, stderr in $T/err.
# skip_without_window ERR TOOL...: the window tests' precondition. Skips the test (77) when
# ERR (d16's stderr from a run without a display) says this build has no window, or when a
# TOOL is not installed.
skip_without_window() {
    if grep -q "no window in this build" "$1"; then
        echo "skip: d16 was built without the window"
        exit 77
    fi
    shift
    for _tool in "$@"; do
        if ! command -v "$_tool" >/dev/null 2>&1; then
            echo "skip: $_tool is not installed"
            exit 77
        fi
    done
}

run() {
    "$D16" "$@" >"$T/out" 2>"$T/err" </dev/null
    status=$?
}

# run_in INPUT ARGS...: like run, with stdin from the file INPUT.
run_in() {
    _in=$1
    shift
    "$D16" "$@" >"$T/out" 2>"$T/err" <"$_in"
    status=$?
}

# expect_status WHAT N: checks the last run's exit status.
expect_status() {
    if [ "$status" -eq "$2" ]; then
        pass "$1: exit $2"
    else
        fail "$1: exit $status, expected $2 (stderr: $(head -c 300 "$T/err"))"
    fi
}

# json FILE KEY: a value from a --dump-state file (strings without their quotes).
json() {
    sed -n "s/.*\"$2\": \"\{0,1\}\([^,\"}]*\)\"\{0,1\}[,}].*/\1/p" "$1"
}

# expect_json WHAT FILE KEY VALUE
expect_json() {
    _got=$(json "$2" "$3")
    if [ "$_got" = "$4" ]; then
        pass "$1: $3 = $4"
    else
        fail "$1: $3 = '$_got', expected '$4'"
    fi
}

# bytes_at FILE OFFSET N: N bytes at OFFSET as lower-case hex pairs, space separated.
bytes_at() {
    od -An -tx1 -j "$2" -N "$3" "$1" | tr -s ' \n' '  ' | sed 's/^ //; s/ $//'
}

# expect_eq WHAT GOT EXPECTED
expect_eq() {
    if [ "$2" = "$3" ]; then
        pass "$1"
    else
        fail "$1: got '$2', expected '$3'"
    fi
}

# expect_grep WHAT FILE PATTERN: FILE has a line matching the basic regular expression.
expect_grep() {
    if grep -q -e "$3" "$2"; then
        pass "$1"
    else
        fail "$1: no line matching '$3' in: $(head -c 400 "$2")"
    fi
}

# expect_lines WHAT FILE N: FILE has exactly N lines.
expect_lines() {
    _n=$(wc -l <"$2" | tr -d ' ')
    expect_eq "$1 ($_n lines)" "$_n" "$3"
}

# expect_golden WHAT GOT GOLDEN: the file GOT is the same as the golden file GOLDEN; with
# D16_REGEN_GOLDEN set (make regen-golden), GOT becomes the new golden file instead.
expect_golden() {
    if [ -n "$D16_REGEN_GOLDEN" ]; then
        cp "$2" "$3" && echo "regenerated $3"
    elif cmp -s "$2" "$3"; then
        pass "$1 matches $(basename "$3")"
    else
        fail "$1 differs from $3 (- golden, + now):"
        diff -u "$3" "$2" | head -30 >&2
    fi
}

# compare_golden NAME: $T/NAME.txt against $GOLDEN/NAME.txt, as expect_golden.
compare_golden() {
    expect_golden "$1" "$T/$1.txt" "$GOLDEN/$1.txt"
}
