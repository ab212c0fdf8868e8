#!/bin/sh
# contract_corners.sh — corners of docs/machine.md: --strict faults on the unused words
# inside a device's slot (CPU and DMA); the side-effect-free peek shows the registers as a
# read would see them (TICKS, CYCLES_LO, the console's waiting byte); an instruction that
# both BREAKs and HALTs ends the run in the debugger at once.
. "$(dirname "$0")/lib.sh"

# word_at FILE WORD: the big-endian word at word address WORD of a --dump-ram file.
word_at() {
    echo $((0x$(bytes_at "$1" $(($2 * 2)) 2 | tr -d ' ')))
}

# ---- 5. --strict inside a slot: the words after a device's registers
for addr in ff09 ff0f ff13 ff1f ff24 ff2f ff36 ff3f ff46 ff4f; do
    printf 'SET [0x%s], 1\nSET [0xff02], 3\n' $addr >"$T/w.dasm"
    run --headless --strict "$T/w.dasm"
    expect_status "--strict: a write to 0x$addr" 125
    expect_grep "--strict: a write to 0x$addr: the report" "$T/err" "strict"
    printf 'SET A, [0x%s]\nSET [0xff02], 3\n' $addr >"$T/r.dasm"
    run --headless --strict "$T/r.dasm"
    expect_status "--strict: a read of 0x$addr" 125
    run --headless "$T/w.dasm"
    expect_status "without --strict: a write to 0x$addr is ignored" 3
done
# The last register of each device is used: no fault.
for addr in ff08 ff12 ff23 ff35 ff45; do
    printf 'SET A, [0x%s]\nSET [0xff02], 3\n' $addr >"$T/r.dasm"
    run --headless --strict "$T/r.dasm"
    expect_status "--strict: a read of the register at 0x$addr" 3
done
# DMA: the display's palette dump (16 words) over the console's unused words.
printf 'SET A, 5\nSET B, 0xff13\nHWI 0\nSET [0xff02], 3\n' >"$T/dma.dasm"
run --headless --strict "$T/dma.dasm"
expect_status "--strict: DMA into 0xff13" 125
run --headless "$T/dma.dasm"
expect_status "without --strict: DMA into 0xff13" 3

# ---- 6. the peek shows what a read would see
# The timer runs; the guest reads TICKS into 0x100 and halts at once.
printf 'SET [0xff20], 1\n:l ADD I, 1\nIFN I, 4000\nSET PC, l\nSET [0x100], [0xff21]\nSET [0xff02], 0\n' \
    >"$T/ticks.dasm"
run --headless --dump-ram "$T/ram" --dump-state "$T/st.json" "$T/ticks.dasm"
expect_status "TICKS program" 0
read_ticks=$(word_at "$T/ram" 256)
[ "$read_ticks" -gt 0 ] && pass "the guest read TICKS = $read_ticks" || fail "the guest read TICKS = 0"
expect_eq "--dump-ram: TICKS as a read sees it" "$(word_at "$T/ram" $((0xff21)))" "$read_ticks"
cycles=$(json "$T/st.json" cycles)
expect_eq "--dump-ram: CYCLES_LO as a read sees it" "$(word_at "$T/ram" $((0xff03)))" $((cycles & 0xffff))
# The debugger's mem shows the same.
printf 'mem 0xff21 1\nmem 0xff03 1\n' >"$T/peek.cmds"
printf 'SET [0xff20], 1\n:l ADD I, 1\nIFN I, 4000\nSET PC, l\n:stop SET PC, stop\n' >"$T/t2.dasm"
run --headless --break stop --batch "$T/peek.cmds" "$T/t2.dasm"
if grep -q '^0xff21  [0-9a-f]\{4\}' "$T/out" && ! grep -q '^0xff21  0000' "$T/out"; then
    pass "debugger mem: TICKS is not 0"
else
    fail "debugger mem: TICKS is 0 ($(grep -i ff21 "$T/out"))"
fi
if grep -q '^0xff03  [0-9a-f]\{4\}' "$T/out" && ! grep -q '^0xff03  0000' "$T/out"; then
    pass "debugger mem: CYCLES_LO is not 0"
else
    fail "debugger mem: CYCLES_LO is 0 ($(grep -i ff03 "$T/out"))"
fi
# The console: a byte waits on a file; the guest never reads it.
printf 'xyz' >"$T/in.txt"
printf 'SET [0xff02], 0\n' >"$T/h.dasm"
run_in "$T/in.txt" --headless --dump-ram "$T/ram" "$T/h.dasm"
expect_eq "--dump-ram: console STATUS says a byte waits" $(($(word_at "$T/ram" $((0xff10))) & 1)) 1
expect_eq "--dump-ram: console DATA is that byte" "$(word_at "$T/ram" $((0xff11)))" $((0x78))
# Looking takes nothing away: the guest still reads every byte, in order.
printf 'mem 0xff10 2\ncontinue\n' >"$T/con.cmds"
printf ':l SET A, [0xff11]\nIFE A, 0xffff\nSET [0xff02], 0\nSET [0xff11], A\nSET PC, l\n' >"$T/echo.dasm"
run_in "$T/in.txt" --headless --debug --batch "$T/con.cmds" "$T/echo.dasm"
expect_status "echo after a peek" 0
expect_grep "the guest echoed every byte after the peek" "$T/out" "xyz"

# ---- 7. BREAK and HALT in one instruction: the font dump over the system controller
printf 'SET A, 4\nSET B, 0xff00\nHWI 0\nSET PC, 0\n' >"$T/fd.dasm"
printf 'continue\n' >"$T/fd.cmds"
run --headless --debug --batch "$T/fd.cmds" "$T/fd.dasm"
expect_grep "BREAK and HALT: the halt is what the debugger says" "$T/out" "stopped: the guest halted"
if grep -q "BREAK by the guest" "$T/out"; then fail "BREAK and HALT: reported as a BREAK"; else pass "BREAK and HALT: no BREAK stop"; fi

finish
