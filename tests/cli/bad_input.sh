#!/bin/sh
# bad_input.sh — everything d16 refuses before running: bad image files (missing, empty,
# odd, oversized in both profiles, unreadable) and bad command lines. Each is exit 2 with
# one line on stderr that names the file or the option and the problem, and no output;
# sources and the files of --keys, --symbols and --screenshot too.
. "$(dirname "$0")/lib.sh"

# expect_refusal WHAT PATTERN: exit 2, exactly one stderr line matching PATTERN, no stdout.
expect_refusal() {
    expect_status "$1" 2
    expect_lines "$1: one line on stderr" "$T/err" 1
    expect_grep "$1: message" "$T/err" "$2"
    expect_eq "$1: nothing on stdout" "$(wc -c <"$T/out" | tr -d ' ')" 0
}

run --headless "$T/missing.bin"
expect_refusal "missing file" "^d16: $T/missing.bin: cannot open: No such file"

zeros "$T/empty.bin" 0
run --headless "$T/empty.bin"
expect_refusal "empty file" "^d16: $T/empty.bin: empty"

zeros "$T/odd.bin" 7
run --headless "$T/odd.bin"
expect_refusal "odd size" "^d16: $T/odd.bin: odd size: 7 bytes"

run --headless "$T"
expect_refusal "a directory" "^d16: $T: cannot read"

# Assembly text given as an image (a name d16 does not take for a source) is refused with
# how to run it, instead of running the text's bytes as code; .s and .dasm16 are sources.
printf '; hello\n        SET [0xff02], 7\n' >"$T/prog.txt"
run --headless "$T/prog.txt"
expect_refusal "a text file as an image" \
    "^d16: $T/prog.txt: looks like assembly source, not an image: name it .dasm, or assemble it with d16asm"
for ext in s dasm16; do
    cp "$T/prog.txt" "$T/prog.$ext"
    run --headless "$T/prog.$ext"
    expect_status "a .$ext file is assembled" 7
done

# A source is refused the same way before the assembler sees it.
run --headless "$T/missing.dasm"
expect_refusal "missing source" "^d16: $T/missing.dasm: cannot open: No such file"
mkdir "$T/dir.dasm"
run --headless "$T/dir.dasm"
expect_refusal "a directory named like a source" "^d16: $T/dir.dasm: cannot read: Is a directory"
: >"$T/empty.dasm"
run --headless "$T/empty.dasm"
expect_status "an empty source" 2
expect_grep "an empty source: the image is empty" "$T/err" "^d16: $T/empty.dasm: empty image"

# Files given with options: a directory is refused, naming it.
words "$T/ok.bin" 8b83
mkdir "$T/dir.keys" "$T/dir.sym"
run --headless --keys "$T/dir.keys" "$T/ok.bin"
expect_refusal "a directory as --keys file" "^d16: $T/dir.keys: cannot read: Is a directory"
run --headless --symbols "$T/dir.sym" "$T/ok.bin"
expect_refusal "a directory as --symbols file" "^d16: $T/dir.sym: cannot read: Is a directory"
# An endless file (a device) is refused once it passes the limit, not read for ever.
run --headless --keys /dev/zero "$T/ok.bin"
expect_refusal "/dev/zero as --keys file" "^d16: /dev/zero: cannot read: File too large"
run --headless --symbols /dev/zero "$T/ok.bin"
expect_refusal "/dev/zero as --symbols file" "^d16: /dev/zero: cannot read: File too large"
run --headless --screenshot "$T/dir.keys" "$T/ok.bin"
expect_refusal "a directory as --screenshot file" "^d16: $T/dir.keys: cannot write: Is a directory"

# d16: RAM ends at MEMTOP 0xFF00, so 0xFF00 words fit and one more does not. (A zero word
# is an illegal instruction: status 125 shows the image loaded and ran.)
zeros "$T/fits.bin" $((0xff00 * 2))
run --headless "$T/fits.bin"
expect_status "0xFF00 words fit in d16" 125
zeros "$T/big.bin" $((0xff01 * 2))
run --headless "$T/big.bin"
expect_refusal "oversized for d16" "^d16: $T/big.bin: too large.*0xff00"
# dcpu16: 64 Ki words fit, 64 Ki + 1 do not.
zeros "$T/full.bin" $((0x10000 * 2))
run --headless --machine dcpu16 "$T/full.bin"
expect_status "0x10000 words fit in dcpu16" 125
zeros "$T/big16.bin" $((0x10001 * 2))
run --headless --machine dcpu16 "$T/big16.bin"
expect_refusal "oversized for dcpu16" "^d16: $T/big16.bin: too large.*0x10000"
# --load moves the limit: 0x100 words at 0xFE00 fit, at 0xFE01 they do not.
zeros "$T/page.bin" $((0x100 * 2))
run --headless --load 0xfe00 "$T/page.bin"
expect_status "--load 0xfe00 with 0x100 words" 125
expect_grep "--load 0xfe00: PC starts there" "$T/err" "PC 0xfe00"
run --headless --load 0xfe01 "$T/page.bin"
expect_refusal "--load 0xfe01 with 0x100 words" \
    "^d16: $T/page.bin: too large: 256 words, but only 255 fit from 0xfe01 up to MEMTOP 0xff00$"
# Far past any limit (the file is not read to its end).
zeros "$T/huge.bin" 1048576
run --headless "$T/huge.bin"
expect_refusal "a 1 MiB file" "^d16: $T/huge.bin: too large"

run --headless --bogus "$T/ok.bin"
expect_refusal "unknown long option" "^d16: unknown option '--bogus'"
run --headless -x "$T/ok.bin"
expect_refusal "unknown short option" "^d16: unknown option '-x'"
run --headless --headless=yes "$T/ok.bin"
expect_refusal "value for a flag without one" "^d16: --headless takes no value"
run --headless "$T/ok.bin" "$T/ok.bin"
expect_refusal "two images" "^d16: more than one image"
run --headless --max-cycles
expect_refusal "missing value" "^d16: --max-cycles needs a value"

for bad in abc 0 -1 12x 0x "" " 5" 0x0x5 99999999999999999999999; do
    run --headless --max-cycles "$bad" "$T/ok.bin"
    expect_refusal "--max-cycles '$bad'" "^d16: --max-cycles: '$bad' is not a number"
done
for bad in 0 4294967296 1e6 100kHz; do
    run --headless --clock "$bad" "$T/ok.bin"
    expect_refusal "--clock '$bad'" "^d16: --clock: '$bad' is not a number"
done
for bad in 0x10000 65536 -1 0x1g; do
    run --headless --load "$bad" "$T/ok.bin"
    expect_refusal "--load '$bad'" "^d16: --load: '$bad' is not a number"
done
run --headless --machine z80 "$T/ok.bin"
expect_refusal "--machine z80" "^d16: --machine: 'z80' is not a machine"
run --headless --illegal=maybe "$T/ok.bin"
expect_refusal "--illegal=maybe" "^d16: --illegal: 'maybe' is not a choice"
run --headless --dump-screen=html "$T/ok.bin"
expect_refusal "--dump-screen=html" "^d16: --dump-screen: 'html'"
run --headless --dump-state "$T/no/such/dir/s.json" "$T/ok.bin"
expect_refusal "unwritable --dump-state" "^d16: $T/no/such/dir/s.json: cannot write"

# Good numbers in both notations are accepted.
run --headless --clock 0x186A0 --load 0 --max-cycles 10 "$T/ok.bin"
expect_status "hex --clock and decimal --load" 0

finish
