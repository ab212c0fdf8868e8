#!/bin/sh
# dumps.sh — --dump-state and --dump-ram: the JSON object's contents, the 128 KiB RAM image
# (big-endian words, the I/O page through peek in profile d16), and both files written in
# every end state, SIGINT included.
. "$(dirname "$0")/lib.sh"

# SUB PC, 1: the whole JSON object, key by key and as a line.
words "$T/end.bin" 8b83
run --headless --dump-state "$T/s.json" --dump-ram "$T/r.bin" "$T/end.bin"
expect_status "classic end" 0
expect_eq "the JSON object" "$(cat "$T/s.json")" \
    '{"pc": 0, "sp": 65280, "ex": 0, "ia": 0, "a": 0, "b": 0, "c": 0, "x": 0, "y": 0, "z": 0, "i": 0, "j": 0, "cycles": 2, "halt_reason": "classic-end", "exit_status": 0}'
expect_eq "RAM dump is 128 KiB" "$(wc -c <"$T/r.bin" | tr -d ' ')" 131072
expect_eq "RAM dump is big-endian" "$(bytes_at "$T/r.bin" 0 4)" "8b 83 00 00"

# Registers set to known values, then a halt with status 3 through the I/O page:
# SET A,1 SET B,2 SET C,3 SET X,4 SET Y,5 SET Z,6 SET I,7 SET J,8 SET EX,9 IAS 10
# SET PUSH, 0xbeef / SET [0xff02], 3
words "$T/regs.bin" 8801 8c21 9041 9461 9881 9ca1 a0c1 a4e1 aba1 ad40 \
    7f01 beef 93c1 ff02
run --headless --dump-state "$T/s.json" --dump-ram "$T/r.bin" "$T/regs.bin"
expect_status "registers then halt 3" 3
for kv in a=1 b=2 c=3 x=4 y=5 z=6 i=7 j=8 ex=9 ia=10 sp=65279 pc=14 \
    halt_reason=halt exit_status=3; do
    expect_json "registers" "$T/s.json" "${kv%%=*}" "${kv#*=}"
done
expect_eq "the pushed word at 0xfeff" "$(bytes_at "$T/r.bin" $((0xfeff * 2)) 2)" "be ef"

# The I/O page in profile d16, read with peek: system controller MAGIC, VERSION,
# CLOCK_KHZ (from --clock) and MEMTOP; console STATUS as a read would see it (output ready,
# input closed: stdin is /dev/null); timer BASE_HZ;
# an unmapped slot reads 0. In profile dcpu16 the same words are plain RAM: zeros.
run --headless --clock 50000 --dump-ram "$T/r.bin" "$T/end.bin"
expect_eq "I/O page: MAGIC VERSION" "$(bytes_at "$T/r.bin" $((0xff00 * 2)) 4)" "d1 60 01 00"
expect_eq "I/O page: CLOCK_KHZ MEMTOP" "$(bytes_at "$T/r.bin" $((0xff05 * 2)) 4)" "00 32 ff 00"
expect_eq "I/O page: console STATUS" "$(bytes_at "$T/r.bin" $((0xff10 * 2)) 2)" "00 06"
expect_eq "I/O page: timer BASE_HZ" "$(bytes_at "$T/r.bin" $((0xff23 * 2)) 2)" "00 3c"
expect_eq "I/O page: unmapped slot" "$(bytes_at "$T/r.bin" $((0xff60 * 2)) 4)" "00 00 00 00"
run --headless --machine dcpu16 --dump-ram "$T/r.bin" "$T/end.bin"
expect_eq "dcpu16: no I/O page" "$(bytes_at "$T/r.bin" $((0xff00 * 2)) 4)" "00 00 00 00"

# Both files in every end state: max-cycles, fault.
words "$T/loop.bin" 8802 8781
words "$T/ill.bin" 0018
for case in "124 loop.bin max-cycles --max-cycles 10" "125 ill.bin illegal-instruction"; do
    set -- $case
    rm -f "$T/s.json" "$T/r.bin"
    want=$1 image=$2 reason=$3
    shift 3
    run --headless "$@" --dump-state "$T/s.json" --dump-ram "$T/r.bin" "$T/$image"
    expect_status "$reason" "$want"
    expect_json "$reason: state written" "$T/s.json" halt_reason "$reason"
    expect_eq "$reason: RAM written" "$(wc -c <"$T/r.bin" | tr -d ' ')" 131072
done

# SIGINT: SET [0xff11], 'R' (console DATA) tells the test it runs, then it loops for
# ever. After SIGINT d16 ends with 130 and still writes both dumps.
words "$T/forever.bin" 7fc1 0052 ff11 8802 9381
rm -f "$T/s.json" "$T/r.bin"
"$D16" --headless --dump-state "$T/s.json" --dump-ram "$T/r.bin" "$T/forever.bin" \
    >"$T/out" 2>"$T/err" </dev/null &
pid=$!
tries=0
while [ ! -s "$T/out" ] && [ $tries -lt 200 ]; do
    sleep 0.05 2>/dev/null || sleep 1
    tries=$((tries + 1))
done
kill -INT $pid
wait $pid
status=$?
expect_status "SIGINT" 130
expect_eq "SIGINT: console output" "$(cat "$T/out")" R
expect_grep "SIGINT: says so" "$T/err" "interrupted at PC 0x000[34]"
expect_json "SIGINT: state written" "$T/s.json" halt_reason running
expect_eq "SIGINT: RAM written" "$(wc -c <"$T/r.bin" | tr -d ' ')" 131072

finish
