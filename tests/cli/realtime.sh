#!/bin/sh
# realtime.sh — headless runs are unpaced unless asked: --realtime (or --speed normal) runs
# at the emulated clock, so 50,000 cycles at 100 kHz take at least half a second of wall
# time (only a lower bound is checked: a loaded host can only make it slower). The result
# is the same paced or not: emulated time is cycles.
. "$(dirname "$0")/lib.sh"

cat >"$T/count.dasm" <<'DASM'
loop:   ADD A, 1
        SET PC, loop
DASM

now_ms() { echo $(($(date +%s%N) / 1000000)); }

for flag in --realtime "--speed normal" "--speed=normal"; do
    t0=$(now_ms)
    # shellcheck disable=SC2086
    run --headless $flag --max-cycles 50000 --dump-state "$T/paced.json" "$T/count.dasm"
    t1=$(now_ms)
    expect_status "$flag: stops at the cycle limit" 124
    if [ $((t1 - t0)) -ge 450 ]; then
        pass "$flag: 50000 cycles at 100 kHz took $((t1 - t0)) ms (at least 450)"
    else
        fail "$flag: 50000 cycles at 100 kHz took only $((t1 - t0)) ms: not paced"
    fi
done
t0=$(now_ms)
run --headless --realtime --clock 1000000 --max-cycles 300000 "$T/count.dasm"
t1=$(now_ms)
expect_status "--realtime --clock 1 MHz" 124
if [ $((t1 - t0)) -ge 270 ]; then
    pass "--clock 1000000: 300000 cycles took $((t1 - t0)) ms (at least 270)"
else
    fail "--clock 1000000: 300000 cycles took only $((t1 - t0)) ms: not paced at the clock"
fi

run --headless --max-cycles 50000 --dump-state "$T/fast.json" "$T/count.dasm"
expect_status "unpaced: the same end" 124
if cmp -s "$T/fast.json" "$T/paced.json"; then
    pass "paced and unpaced runs end in the same state"
else
    fail "paced and unpaced runs differ: $(diff "$T/fast.json" "$T/paced.json" | head -5)"
fi

run --headless --realtime=1 "$T/count.dasm"
expect_status "--realtime takes no value" 2
finish
