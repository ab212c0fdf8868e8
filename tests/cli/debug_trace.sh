#!/bin/sh
# debug_trace.sh — the trace with labels (golden tests/cli/golden/trace_symbols.txt,
# changed only by `make regen-golden`), --trace-from and --trace-last.
. "$(dirname "$0")/lib.sh"
DBG="$D16_SRCDIR/tests/cli/debug"

# A source's labels come along: operands that are a label's address are written as the
# label, and each line ends with where PC is (`; loop+3`).
run --trace "$T/trace_symbols.txt" "$DBG/tour.dasm"
expect_status "trace with symbols" 3
compare_golden trace_symbols
expect_grep "operand label" "$T/trace_symbols.txt" "SET \[counter\], A .*; loop+1$"
# Without the labels (the same program as a raw image) the lines are the plain format, and
# equal to the labelled ones once the labels are taken out of both.
"$D16_BUILDDIR/d16asm" "$DBG/tour.dasm" -o "$T/tour.bin" --symbols "$T/tour.sym" || fail "d16asm"
run --trace "$T/plain.txt" "$T/tour.bin"
expect_status "trace without symbols" 3
if grep -q ";" "$T/plain.txt"; then fail "a raw image's trace has labels"; else pass "raw image: no labels"; fi
cols=$(awk '{ print index($0, " A=") }' "$T/plain.txt" | sort -u | wc -l | tr -d ' ')
expect_eq "raw image trace: registers in one column" "$cols" 1
run --trace "$T/sym.txt" --symbols "$T/tour.sym" "$T/tour.bin"
if cmp -s "$T/sym.txt" "$T/trace_symbols.txt"; then
    pass "--symbols gives the trace the source's labels"
else
    fail "--symbols trace differs from the source's"
fi

# The whole trace of the loop, for comparisons below.
run --trace "$T/full.txt" "$DBG/tour.dasm"
total=$(wc -l <"$T/full.txt" | tr -d ' ')

# --trace-from LABEL: from the first time PC is there; the lines are the full trace's tail.
run --trace "$T/from.txt" --trace-from bump "$DBG/tour.dasm"
expect_status "--trace-from" 3
first=$(grep -n "^ *[0-9]* 000a " "$T/full.txt" | head -1 | cut -d: -f1)
tail -n "+$first" "$T/full.txt" >"$T/want.txt"
if cmp -s "$T/from.txt" "$T/want.txt"; then pass "--trace-from bump starts at bump's first run"; else fail "--trace-from bump"; fi
run --trace "$T/from2.txt" --trace-from 0x000a "$DBG/tour.dasm"
if cmp -s "$T/from2.txt" "$T/want.txt"; then pass "--trace-from 0x000a is the same"; else fail "--trace-from 0x000a"; fi
run --trace "$T/never.txt" --trace-from 0x4000 "$DBG/tour.dasm"
expect_lines "--trace-from an address never reached" "$T/never.txt" 0

# --trace-last N: the last N lines of the full trace, in the file at exit.
run --trace "$T/last.txt" --trace-last 5 "$DBG/tour.dasm"
expect_status "--trace-last" 3
tail -n 5 "$T/full.txt" >"$T/want.txt"
if cmp -s "$T/last.txt" "$T/want.txt"; then pass "--trace-last 5 is the tail"; else fail "--trace-last 5"; fi
run --trace "$T/lastbig.txt" --trace-last 100000 "$DBG/tour.dasm"
expect_lines "--trace-last more than ran" "$T/lastbig.txt" "$total"
# With --trace-from: the last N of those from the start address on.
run --trace "$T/fromlast.txt" --trace-from bump --trace-last 2 "$DBG/tour.dasm"
tail -n 2 "$T/full.txt" >"$T/want.txt"
if cmp -s "$T/fromlast.txt" "$T/want.txt"; then pass "--trace-from with --trace-last"; else fail "--trace-from with --trace-last"; fi
# Without --trace: on stderr at exit, after the fault report on a fault.
run --trace-last 3 "$DBG/fault.dasm"
expect_status "--trace-last on a fault" 125
expect_grep "ring header on stderr" "$T/err" "^d16: the last 3 trace lines (oldest first):$"
expect_grep "ring ends with the faulting instruction" "$T/err" "^ *6 0005  0018 .*; broken+1$"
report=$(grep -n "machine fault" "$T/err" | cut -d: -f1)
ring=$(grep -n "the last 3 trace lines" "$T/err" | cut -d: -f1)
[ "$report" -lt "$ring" ] && pass "ring after the fault report" || fail "ring before the fault report"

# --trace-last written after SIGINT-free --max-cycles too, and bad values refused.
run --trace "$T/max.txt" --trace-last 2 --max-cycles 20 "$DBG/loop.dasm"
expect_status "--trace-last with --max-cycles" 124
expect_lines "--trace-last with --max-cycles" "$T/max.txt" 2
run --trace-last 0 "$DBG/tour.dasm"
expect_status "--trace-last 0" 2
run --trace-last 1000001 "$DBG/tour.dasm"
expect_status "--trace-last too big" 2
run --trace-from bump "$DBG/tour.dasm"
expect_status "--trace-from without a trace" 2
expect_grep "--trace-from without a trace: message" "$T/err" \
    "^d16: --trace-from needs --trace FILE or --trace-last N$"
run --trace "$T/x.txt" --trace-from nowhere "$DBG/tour.dasm"
expect_status "--trace-from unknown label" 2
expect_grep "--trace-from unknown label: message" "$T/err" \
    "^d16: --trace-from: 'nowhere' is not a number, register or label$"

finish
