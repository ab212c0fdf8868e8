# asm_lib.sh — helpers for the d16asm/d16dis command-line tests (sourced by
# tests/cli/d16asm.sh and d16dis.sh). Binaries come from D16_BUILDDIR (default: the
# current directory, which is the build directory under `make check`, VPATH included).

D16_BUILDDIR=${D16_BUILDDIR:-$PWD}
D16ASM="$D16_BUILDDIR/d16asm"
D16DIS="$D16_BUILDDIR/d16dis"
failures=0

for _p in "$D16ASM" "$D16DIS"; do
    if [ ! -x "$_p" ]; then
        echo "no $_p (set D16_BUILDDIR)" >&2
        exit 99
    fi
done

T=$(mktemp -d "${TMPDIR:-/tmp}/d16asm-cli.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures check(s) failed" >&2
        exit 1
    fi
    exit 0
}

# run PROGRAM ARGS...: sets $status, stdout in $T/out, stderr in $T/err.
run() {
    "$@" >"$T/out" 2>"$T/err" </dev/null
    status=$?
}

expect_status() {
    if [ "$status" -eq "$2" ]; then
        pass "$1: exit $2"
    else
        fail "$1: exit $status, expected $2 (stderr: $(head -c 300 "$T/err"))"
    fi
}

expect_eq() {
    if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: got '$2', expected '$3'"; fi
}

# expect_grep WHAT FILE PATTERN (basic regular expression)
expect_grep() {
    if grep -q -e "$3" "$2"; then
        pass "$1"
    else
        fail "$1: no line matching '$3' in: $(head -c 400 "$2")"
    fi
}

# hexdump FILE: the bytes as one line of lower-case hex pairs.
hexdump() {
    od -An -tx1 -v "$1" | tr -s ' \n' '  ' | sed 's/^ //; s/ $//'
}

# same_file WHAT A B
same_file() {
    if cmp -s "$2" "$3"; then pass "$1"; else fail "$1: $2 and $3 differ"; fi
}

# The sample program of reference §10.
sample() {
    cat >"$1" <<'SRC'
; Try some basic stuff
        SET A, 0x30
        SET [0x1000], 0x20
        SUB A, [0x1000]
        IFN A, 0x10
           SET PC, crash
; Do a loopy thing
        SET I, 10
        SET A, 0x2000
:loop   SET [0x2000+I], [A]
        SUB I, 1
        IFN I, 0
           SET PC, loop
; Call a subroutine
        SET X, 0x4
        JSR testsub
        SET PC, crash
:testsub SHL X, 4
        SET PC, POP
; Hang forever. X should now be 0x40 if everything went right.
:crash  SET PC, crash
SRC
}
