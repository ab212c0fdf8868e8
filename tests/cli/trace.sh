#!/bin/sh
# trace.sh — the --trace format against golden files (tests/cli/golden/trace_*.txt), plus
# its fixed columns. Golden files change only through `make regen-golden`, which runs this
# script with D16_REGEN_GOLDEN=1.
. "$(dirname "$0")/lib.sh"

# Reference §10.2 in profile dcpu16: 50 instructions executed (a failed IF's skipped
# instruction is not listed), then the first SET PC, crash, traced before the classic end.
words "$T/sample.bin" 7c01 0030 7fc1 0020 1000 7803 1000 c413 df81 acc1 7c01 2000 22c1 \
    2000 88c3 84d3 b781 9461 d420 df81 946f 6381 df81
run --headless --machine dcpu16 --trace "$T/trace_sample.txt" "$T/sample.bin"
expect_status "sample" 0
expect_lines "sample trace" "$T/trace_sample.txt" 51
compare_golden trace_sample

# Interrupts in profile d16: IAS 4 / INT 5 / SET B, A / SUB PC, 1 / handler: RFI 0.
# The handler's first line (cycle 5: IAS 1 + INT 4, entry free) shows PC = IA, A = 5,
# and PC and A pushed.
words "$T/int.bin" 9540 9900 0021 8b83 8560
run --headless --trace "$T/trace_interrupt.txt" --dump-state "$T/s.json" "$T/int.bin"
expect_status "interrupt" 0
expect_grep "interrupt entry traced" "$T/trace_interrupt.txt" \
    "^ *5 0004  8560  *RFI 0  *A=0005 .* SP=fefe EX=0000 IA=0004$"
compare_golden trace_interrupt

# Fixed columns: every line is as long as the first, the register block starts at the
# same column, and the cycle column is right-aligned in 10 characters.
for f in "$T/trace_sample.txt" "$T/trace_interrupt.txt"; do
    widths=$(awk '{ print length($0) }' "$f" | sort -u | wc -l | tr -d ' ')
    expect_eq "$(basename "$f"): one line length" "$widths" 1
    cols=$(awk '{ print index($0, " A=") }' "$f" | sort -u | wc -l | tr -d ' ')
    expect_eq "$(basename "$f"): registers in one column" "$cols" 1
done
expect_eq "cycle column" "$(head -1 "$T/trace_sample.txt" | cut -c1-16)" "         0 0000 "

# The trace stops where the run stops: with --max-cycles 12 the last line is cycle 11.
run --headless --machine dcpu16 --max-cycles 12 --trace "$T/t.txt" "$T/sample.bin"
expect_status "trace with --max-cycles" 124
expect_lines "trace with --max-cycles" "$T/t.txt" 5

finish
