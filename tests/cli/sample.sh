#!/bin/sh
# sample.sh — the "Try some basic stuff" program of reference §10.2 as its 23 hand-encoded
# words, in profile dcpu16: with --max-cycles 91 it stops at crash (PC 0x0016) with the
# registers of reference §10.4; without a limit it ends there as a classic end at cycle 92.
. "$(dirname "$0")/lib.sh"

SAMPLE="7c01 0030 7fc1 0020 1000 7803 1000 c413
        df81 acc1 7c01 2000 22c1 2000 88c3 84d3
        b781 9461 d420 df81 946f 6381 df81"
# shellcheck disable=SC2086
words "$T/sample.bin" $SAMPLE

check_crash_registers() {
    what=$1
    for kv in pc=22 a=8192 b=0 c=0 x=64 y=0 z=0 i=0 j=0 sp=0 ex=0 ia=0; do
        expect_json "$what" "$T/s.json" "${kv%%=*}" "${kv#*=}"
    done
}

run --headless --machine dcpu16 --max-cycles 91 --dump-state "$T/s.json" \
    --dump-ram "$T/r.bin" "$T/sample.bin"
expect_status "max-cycles 91" 124
check_crash_registers "max-cycles 91"
expect_json "max-cycles 91" "$T/s.json" cycles 91
expect_json "max-cycles 91" "$T/s.json" halt_reason max-cycles
expect_json "max-cycles 91" "$T/s.json" exit_status 124
# [0x1000] = 0x0020; [0x2000..0x200a] = 0 (the loop copied zeros); the program at 0.
expect_eq "RAM [0x1000]" "$(bytes_at "$T/r.bin" $((0x1000 * 2)) 2)" "00 20"
expect_eq "RAM [0x2000..0x200a]" "$(bytes_at "$T/r.bin" $((0x2000 * 2)) 22 | tr -d ' 0')" ""
expect_eq "RAM [0x0000] is the program" "$(bytes_at "$T/r.bin" 0 4)" "7c 01 00 30"

run --headless --machine dcpu16 --dump-state "$T/s.json" "$T/sample.bin"
expect_status "no limit" 0
check_crash_registers "no limit"
expect_json "no limit" "$T/s.json" cycles 92
expect_json "no limit" "$T/s.json" halt_reason classic-end
expect_json "no limit" "$T/s.json" exit_status 0

# The same words little-endian with --le, and loaded at 0 by default.
od -An -tx1 -v "$T/sample.bin" | tr -s ' \n' '\n\n' | sed '/^$/d' >"$T/bytes"
le=""
while read -r hi && read -r lo; do le="$le $lo$hi"; done <"$T/bytes"
# shellcheck disable=SC2086
words "$T/sample.le" $le
run --headless --machine dcpu16 --le --dump-state "$T/s.json" "$T/sample.le"
expect_status "--le" 0
expect_json "--le" "$T/s.json" cycles 92
expect_json "--le" "$T/s.json" x 64

finish
