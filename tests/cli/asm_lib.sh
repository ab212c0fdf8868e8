# asm_lib.sh — helpers for the d16asm/d16dis command-line tests (sourced by
# tests/cli/d16asm.sh and d16dis.sh), on top of lib.sh's. Binaries come from D16_BUILDDIR
# (default: the current directory, the build directory under `make check`).

. "$(dirname "$0")/lib.sh"   # fail, pass, finish, expect_*, $T
D16ASM="$D16_BUILDDIR/d16asm"
D16DIS="$D16_BUILDDIR/d16dis"

for _p in "$D16ASM" "$D16DIS"; do
    if [ ! -x "$_p" ]; then
        echo "no $_p (set D16_BUILDDIR)" >&2
        exit 99
    fi
done

# run PROGRAM ARGS...: lib.sh's run for any program; $status, $T/out and $T/err.
run() {
    "$@" >"$T/out" 2>"$T/err" </dev/null
    status=$?
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
