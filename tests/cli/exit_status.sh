#!/bin/sh
# exit_status.sh — every exit status of docs/machine.md §6 from hand-encoded images: a halt
# through HWI and through the I/O page (both profiles), the classic end, --max-cycles,
# faults (illegal instruction with its report, strict mode) and --illegal=nop.
. "$(dirname "$0")/lib.sh"

# SET A, 0 / SET B, 7 / HWI 4 (the system controller): halt with status 7.
words "$T/hwi.bin" 8401 a021 9640
for machine in d16 dcpu16; do
    run --headless --machine "$machine" --dump-state "$T/s.json" "$T/hwi.bin"
    expect_status "halt 7 through HWI ($machine)" 7
    expect_json "halt through HWI ($machine)" "$T/s.json" halt_reason halt
    expect_json "halt through HWI ($machine)" "$T/s.json" exit_status 7
    # SET A,0 (1) + SET B,7 (1) + HWI (4): the halting instruction completes.
    expect_json "halt through HWI ($machine)" "$T/s.json" cycles 6
done

# SET [0xff02], 42: the HALT register of the I/O page.
words "$T/io.bin" 7fc1 002a ff02
run --headless "$T/io.bin"
expect_status "halt 42 through the I/O page" 42
# The status is the low 8 bits: SET [0xff02], 0x1234 → 0x34.
words "$T/io2.bin" 7fc1 1234 ff02
run --headless "$T/io2.bin"
expect_status "halt status is the low 8 bits" 52
# In profile dcpu16 0xff02 is RAM: the write halts nothing and lands in memory; the
# SUB PC, 1 after it ends the run.
words "$T/io_end.bin" 7fc1 002a ff02 8b83
run --headless --machine dcpu16 --dump-ram "$T/r.bin" "$T/io_end.bin"
expect_status "no I/O page in dcpu16" 0
expect_eq "dcpu16: [0xff02] is RAM" "$(bytes_at "$T/r.bin" $((0xff02 * 2)) 2)" "00 2a"

# SUB PC, 1: the classic end, its 2 cycles counted.
words "$T/end.bin" 8b83
run --headless --dump-state "$T/s.json" "$T/end.bin"
expect_status "classic end" 0
expect_json "classic end" "$T/s.json" halt_reason classic-end
expect_json "classic end" "$T/s.json" cycles 2
expect_json "classic end" "$T/s.json" pc 0

# ADD A, 1 / SET PC, 0 never ends; --max-cycles stops at the first boundary >= N.
# Boundaries fall at 3k and 3k+2, so 1000 → 1001.
words "$T/loop.bin" 8802 8781
run --headless --max-cycles 1000 --dump-state "$T/s.json" "$T/loop.bin"
expect_status "--max-cycles 1000" 124
expect_json "--max-cycles 1000" "$T/s.json" cycles 1001
expect_json "--max-cycles 1000" "$T/s.json" halt_reason max-cycles
expect_json "--max-cycles 1000" "$T/s.json" a 334
run --headless --max-cycles 0x3e9 --dump-state "$T/s.json" "$T/loop.bin"
expect_json "--max-cycles in hex" "$T/s.json" cycles 1001

# SET A, 1 / (undefined basic opcode 0x18): illegal instruction at PC 1.
words "$T/ill.bin" 8801 0018 8b83
run --headless --dump-state "$T/s.json" "$T/ill.bin"
expect_status "illegal instruction" 125
expect_grep "fault report names the fault and PC" "$T/err" "illegal instruction at PC 0x0001"
expect_grep "fault report lists the last instruction" "$T/err" "0x0000  8801 *SET A, 1"
expect_grep "fault report marks the faulting word" "$T/err" "=> 0x0001  0018 *DAT 0x0018"
expect_json "illegal instruction" "$T/s.json" halt_reason illegal-instruction
expect_json "illegal changes nothing" "$T/s.json" pc 1
expect_json "illegal charges no cycles" "$T/s.json" cycles 1
expect_json "illegal instruction" "$T/s.json" a 1

# A longer history: 20 x ADD A, 1 then an illegal word; the report shows the last 16.
ill20=""
i=0
while [ $i -lt 20 ]; do ill20="$ill20 8802"; i=$((i + 1)); done
# shellcheck disable=SC2086
words "$T/ill20.bin" $ill20 0018
run --headless "$T/ill20.bin"
expect_status "illegal after 20 instructions" 125
expect_grep "report: 16 instructions" "$T/err" "last 16 instructions"
n=$(grep -c "ADD A, 1" "$T/err")
expect_eq "report lists 16 of the 20 ADDs" "$n" 16
expect_grep "report: oldest listed is PC 4" "$T/err" "0x0004  8802"
if grep -q "0x0003  8802" "$T/err"; then fail "report lists more than 16"; fi

run --headless --illegal=nop --dump-state "$T/s.json" "$T/ill.bin"
expect_status "--illegal=nop" 0
# SET (1) + the no-op (1) + SUB PC, 1 (2)
expect_json "--illegal=nop" "$T/s.json" cycles 4
expect_json "--illegal=nop" "$T/s.json" halt_reason classic-end
run --headless --illegal nop "$T/ill.bin"
expect_status "--illegal nop (separate value)" 0
run --headless --illegal=fault "$T/ill.bin"
expect_status "--illegal=fault" 125

# IAQ 1 / loop: INT 0 / SET PC, 1 — messages pile up in the queue; the 257th pending one
# sets the machine on fire after its INT completed: 2 + 257 x 4 + 256 x 1 cycles.
words "$T/fire.bin" 8980 8500 8b81
run --headless --dump-state "$T/s.json" "$T/fire.bin"
expect_status "interrupt queue on fire" 125
expect_grep "on fire: report" "$T/err" "on fire.* at PC 0x0001"
expect_json "on fire" "$T/s.json" halt_reason on-fire
expect_json "on fire" "$T/s.json" cycles 1286

# --help and --version: stdout, exit 0.
run --help
expect_status "--help" 0
expect_grep "--help: usage" "$T/out" "^Usage: d16 \[OPTIONS\] \[IMAGE\]"
expect_grep "--help: lists --dump-state" "$T/out" "--dump-state FILE"
expect_grep "--help: --batch works with --break too" "$T/out" "--batch FILE .*--debug or --break"
run --version
expect_status "--version" 0
expect_grep "--version" "$T/out" "^d16 [0-9][0-9.]*$"

# SET A, [0xff60] reads an unmapped I/O word: 0 normally, a fault with --strict.
words "$T/strict.bin" 7801 ff60 8b83
run --headless "$T/strict.bin"
expect_status "unmapped I/O read without --strict" 0
run --headless --strict --dump-state "$T/s.json" "$T/strict.bin"
expect_status "unmapped I/O read with --strict" 125
expect_grep "strict fault report" "$T/err" "strict.*PC 0x0000 (word 0xff60)"
expect_json "--strict" "$T/s.json" halt_reason strict-violation

finish
