#!/bin/sh
# d16dis.sh — the disassembler program: its output assembles back to the same image
# (short and long literals, little-endian, arbitrary words, --start, --symbols), invalid
# words come out as DAT, and bad input is refused with exit 2.
. "$(dirname "$0")/asm_lib.sh"

# round_trip WHAT IMAGE [D16DIS ARGS...]: disassemble, reassemble, compare.
round_trip() {
    _what=$1 _img=$2
    shift 2
    run "$D16DIS" "$_img" "$@"
    expect_status "$_what: d16dis" 0
    cp "$T/out" "$T/rt.dasm"
    _le=
    for _a in "$@"; do [ "$_a" = --le ] && _le=--le; done
    run "$D16ASM" "$T/rt.dasm" -o "$T/rt.bin" $_le
    expect_status "$_what: reassembles" 0
    same_file "$_what: same image" "$_img" "$T/rt.bin"
}

sample "$T/s.dasm"
"$D16ASM" "$T/s.dasm" -o "$T/short.bin" --symbols "$T/short.sym" || exit 99
"$D16ASM" "$T/s.dasm" -o "$T/long.bin" --long-literals --symbols "$T/long.sym" || exit 99
"$D16ASM" "$T/s.dasm" -o "$T/le.bin" --le || exit 99

round_trip "short literals" "$T/short.bin"
expect_grep "one instruction per line with address and words" "$T/rt.dasm" \
    "^ *SET \[0x1000\], 0x0020 *; 0002: 7fc1 0020 1000\$"
round_trip "long literals" "$T/long.bin"
expect_grep "long literal that fits short is marked" "$T/rt.dasm" "JSR LONG 0x0018"
round_trip "little-endian" "$T/le.bin" --le
round_trip "--start" "$T/short.bin" --start 5
expect_grep "--start: words before it are DAT" "$T/rt.dasm" "DAT 0x7fc1 *; 0002: 7fc1\$"
round_trip "--symbols" "$T/long.bin" --symbols "$T/long.sym"
expect_grep "--symbols: labels" "$T/rt.dasm" "^:testsub\$"
expect_grep "--symbols: names in operands" "$T/rt.dasm" "JSR LONG testsub"

# Pseudo-random words (a fixed LCG), undefined opcodes included.
x=12345 n=0 line="DAT 0"
: >"$T/rand.dasm"
while [ $n -lt 600 ]; do
    x=$(( (x * 1103515245 + 12345) % 2147483648 ))
    line="$line, $(( (x >> 8) & 65535 ))"
    n=$((n + 1))
    if [ $((n % 16)) -eq 0 ]; then echo "$line" >>"$T/rand.dasm"; line="DAT 0"; fi
done
"$D16ASM" "$T/rand.dasm" -o "$T/rand.bin" || exit 99
round_trip "arbitrary words" "$T/rand.bin"
expect_grep "undefined opcodes as DAT" "$T/rt.dasm" "^ *DAT 0x0000 *; 0000: 0000\$"

printf '\001\002\003' >"$T/odd.bin"
run "$D16DIS" "$T/odd.bin"
expect_status "odd image" 2
expect_grep "odd image message" "$T/err" "odd number of bytes"
run "$D16DIS" "$T/missing.bin"
expect_status "missing image" 2
run "$D16DIS"
expect_status "no arguments" 2
run "$D16DIS" "$T/short.bin" --start zzz
expect_status "bad --start" 2

finish
