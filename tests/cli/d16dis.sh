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
expect_grep "odd image message" "$T/err" "^d16dis: $T/odd.bin: odd size"

# Bad input: one line naming the file and the problem, exit 2, nothing on stdout.
: >"$T/empty.bin"
mkdir "$T/dir.bin"
head -c 131074 /dev/zero >"$T/huge.bin"
printf 'loop 0x0010\nnot a symbols line\n' >"$T/bad.sym"
bad_input() {
    _what=$1 _pattern=$2
    shift 2
    run "$D16DIS" "$@"
    expect_status "$_what" 2
    expect_grep "$_what: message" "$T/err" "$_pattern"
    expect_eq "$_what: one line" "$(wc -l <"$T/err")" 1
    expect_eq "$_what: no output" "$(wc -c <"$T/out")" 0
}
bad_input "missing image" "^d16dis: $T/missing.bin: cannot open: " "$T/missing.bin"
bad_input "empty image" "^d16dis: $T/empty.bin: empty image" "$T/empty.bin"
bad_input "directory as image" "^d16dis: $T/dir.bin: cannot read: " "$T/dir.bin"
bad_input "image past 65536 words" "^d16dis: $T/huge.bin: too large" "$T/huge.bin"
bad_input "missing symbols" "^d16dis: $T/nosuch.sym: cannot open" \
    "$T/short.bin" --symbols "$T/nosuch.sym"
bad_input "bad symbols line" "^d16dis: $T/bad.sym:2: " "$T/short.bin" --symbols "$T/bad.sym"
bad_input "--start without a value" "^d16dis: --start needs a value" "$T/short.bin" --start
bad_input "--symbols without a value" "^d16dis: --symbols needs a value" \
    "$T/short.bin" --symbols
bad_input "--start with a sign" "^d16dis: --start: '+5' is not a number" "$T/short.bin" --start +5
bad_input "--start past 0xffff" "^d16dis: --start: '0x10000' is not a number" \
    "$T/short.bin" --start 0x10000
run "$D16DIS" "$T/short.bin" --start 010
expect_status "--start 010" 0
expect_grep "--start 010 is decimal, as every d16 number" "$T/out" "DAT 0x[0-9a-f]* *; 0009: "
head -c 131072 /dev/zero >"$T/full.bin"
run "$D16DIS" "$T/full.bin"
expect_status "an image of exactly 65536 words" 0
run "$D16DIS"
expect_status "no arguments" 2
run "$D16DIS" "$T/short.bin" --start zzz
expect_status "bad --start" 2

# --help explains what d16dis does and every option.
run "$D16DIS" --help
expect_status "--help" 0
expect_grep "--help: what it does" "$T/out" "assembles back"
for opt in "--le" "--start ADDR" "--symbols FILE" "--help" "--version"; do
    expect_grep "--help explains $opt" "$T/out" "^  $opt  *[a-z]"
done

finish
