#!/bin/sh
# console.sh — the console through d16: guest output on stdout (both doors), stdin as
# guest input (files and pipes, read as if all there from cycle 0, then closed), the LOG
# register on stderr, and .dasm images assembled in memory (errors as the assembler
# formats them, exit 2).
. "$(dirname "$0")/lib.sh"

cat >"$T/hello.dasm" <<'DASM'
; "Hello" through the I/O page's DATA register, ", world" + newline through HWI 3.
        SET I, first
put:    IFE [I], 0
            SET PC, second
        SET [0xff11], [I]
        ADD I, 1
        SET PC, put
second: SET I, rest
put2:   IFE [I], 0
            SET PC, done
        SET A, 0
        SET B, [I]
        HWI 3
        ADD I, 1
        SET PC, put2
done:   SET [0xff07], 0x1234     ; LOG
        SET [0xff02], 0
first:  DAT "Hello", 0
rest:   DAT ", world", 10, 0
DASM
run --headless "$T/hello.dasm"
expect_status "hello.dasm" 0
expect_eq "console output on stdout" "$(cat "$T/out")" "Hello, world"
expect_eq "LOG on stderr" "$(cat "$T/err")" "log: 0x1234"

cat >"$T/upper.dasm" <<'DASM'
; Echoes stdin in upper case until the console says input is closed, then halts.
loop:   SET A, [0xff10]          ; STATUS
        IFB A, 1                 ; a byte is ready
            SET PC, byte
        IFB A, 4                 ; input closed
            SET PC, done
        SET PC, loop
byte:   SET B, [0xff11]          ; DATA
        IFG B, 0x60
            IFL B, 0x7b
                SUB B, 0x20
        SET [0xff11], B
        SET PC, loop
done:   SET [0xff02], 0
DASM
printf 'hello\nworld' >"$T/in.txt"
run_in "$T/in.txt" --headless "$T/upper.dasm"
expect_status "echo from a file" 0
printf 'HELLO\nWORLD' >"$T/want.txt"
if cmp -s "$T/out" "$T/want.txt"; then pass "stdin file echoed"; else fail "echo: $(cat "$T/out")"; fi
printf 'piped input' | "$D16" --headless "$T/upper.dasm" >"$T/out" 2>"$T/err"
expect_eq "stdin pipe echoed" "$(cat "$T/out")" "PIPED INPUT"
run --headless "$T/upper.dasm"
expect_status "empty stdin" 0
expect_eq "empty stdin: nothing echoed" "$(wc -c <"$T/out" | tr -d ' ')" 0

cat >"$T/hwi_echo.dasm" <<'DASM'
; The same through HWI 3 only (A=3 STATUS → C, A=1 next byte → C), for profile dcpu16.
loop:   SET A, 3
        HWI 3
        IFB C, 1
            SET PC, byte
        IFB C, 4
            SET PC, done
        SET PC, loop
byte:   SET A, 1
        HWI 3
        SET B, C
        SET A, 0
        HWI 3
        SET PC, loop
done:   SET A, 0
        SET B, 9
        HWI 4
DASM
printf 'abc\n' >"$T/in.txt"
run_in "$T/in.txt" --headless --machine dcpu16 "$T/hwi_echo.dasm"
expect_status "HWI echo in dcpu16" 9
expect_eq "HWI echo" "$(cat "$T/out")" "abc"

# With --stdin-keys stdin belongs to the keyboard: the console sees no input and never
# closes, so the echo loop spins until the cycle limit.
run_in "$T/in.txt" --headless --stdin-keys --max-cycles 5000 "$T/upper.dasm"
expect_status "console without stdin (--stdin-keys)" 124
expect_eq "console without stdin: no output" "$(wc -c <"$T/out" | tr -d ' ')" 0

# An assembly error: the assembler's own message, exit 2, nothing run.
printf 'SET A, 1\nFOO B, 2\n' >"$T/bad.dasm"
run --headless "$T/bad.dasm"
expect_status "assembly error" 2
expect_grep "assembler's diagnostic" "$T/err" "bad.dasm:2:[0-9]*: error:"
expect_grep "one summary line" "$T/err" "^d16: $T/bad.dasm: not run: 1 assembly error$"
# A path ending in .asm is assembled in memory too (docs/machine.md §4).
printf 'SET [0xff11], 0x41\nSET [0xff02], 7\n' >"$T/prog.asm"
run --headless "$T/prog.asm"
expect_status ".asm assembled and run" 7
expect_eq ".asm output" "$(cat "$T/out")" "A"
run --headless "$T/missing.dasm"
expect_status "missing .dasm" 2
expect_grep "missing .dasm named" "$T/err" "missing.dasm"

# The built-in image (the monitor, tests/cli/monitor.sh): its banner, then, its input
# closed, a halt with status 0, in both profiles.
for machine in d16 dcpu16; do
    run --headless --machine "$machine"
    expect_status "built-in ROM ($machine)" 0
    expect_grep "built-in ROM banner ($machine)" "$T/out" "^d16 monitor"
done
# Without --headless and without a display, d16 says it runs headless.
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$D16" >"$T/out" 2>"$T/err" </dev/null
status=$?
expect_status "no --headless" 0
expect_grep "says it runs headless" "$T/err" "running headless"

finish
