#!/bin/sh
# d16asm.sh — the assembler program: outputs (image, --le, --long-literals, listing,
# symbols, default name), -I and -D, error format (file:line:col, source, caret), every
# error reported, warnings that do not fail, and exit statuses 0 / 1 / 2.
. "$(dirname "$0")/asm_lib.sh"

sample "$T/s.dasm"
run "$D16ASM" "$T/s.dasm"
expect_status "sample" 0
expect_eq "default image name and §10.2 words" "$(hexdump "$T/s.bin")" \
"7c 01 00 30 7f c1 00 20 10 00 78 03 10 00 c4 13 df 81 ac c1 7c 01 20 00 22 c1 20 00 88 c3 84 d3 b7 81 94 61 d4 20 df 81 94 6f 63 81 df 81"

run "$D16ASM" "$T/s.dasm" -o "$T/le.bin" --le
expect_status "--le" 0
expect_eq "--le bytes" "$(hexdump "$T/le.bin" | cut -c1-17)" "01 7c 30 00 c1 7f"

run "$D16ASM" "$T/s.dasm" -o "$T/long.bin" --long-literals --listing "$T/s.lst" \
    --symbols "$T/s.sym"
expect_status "--long-literals" 0
expect_eq "28 words" "$(wc -c <"$T/long.bin" | tr -d ' ')" 56
expect_eq "symbols file" "$(cat "$T/s.sym")" "loop 0x000d
testsub 0x0018
crash 0x001a"
expect_grep "listing: address, words, source" "$T/s.lst" "^0014  7c20 0018 .*JSR testsub"

mkdir -p "$T/inc"
printf '.equ FROM_INC, 0x1234\n' >"$T/inc/defs.inc"
printf '.include "defs.inc"\n.ifdef FAST\nDAT FROM_INC, LEVEL\n.endif\n' >"$T/i.dasm"
run "$D16ASM" "$T/i.dasm" -o "$T/i.bin" -I "$T/inc" -DFAST -D LEVEL=0x22
expect_status "-I and -D" 0
expect_eq "-I and -D words" "$(hexdump "$T/i.bin")" "12 34 00 22"

printf 'SET A, 1\nSET POP, A\nFOO\n    SET PC, nowhere\n' >"$T/bad.dasm"
run "$D16ASM" "$T/bad.dasm" -o "$T/bad.bin"
expect_status "errors" 1
expect_grep "error line" "$T/err" "^$T/bad.dasm:2:5: error: POP cannot be a destination"
expect_grep "source line" "$T/err" "^SET POP, A\$"
expect_grep "caret" "$T/err" "^    ^\$"
expect_grep "second error" "$T/err" "^$T/bad.dasm:3:1: error: unknown instruction 'FOO'"
expect_grep "third error" "$T/err" "^$T/bad.dasm:4:13: error: undefined symbol 'nowhere'"
expect_eq "no image on error" "$(test -e "$T/bad.bin" && echo yes || echo no)" no

printf 'DAT 0x12345\n' >"$T/warn.dasm"
run "$D16ASM" "$T/warn.dasm" -o "$T/warn.bin"
expect_status "a warning does not fail" 0
expect_grep "warning format" "$T/err" "^$T/warn.dasm:1:5: warning: value"

run "$D16ASM" "$T/missing.dasm"
expect_status "missing source" 1
expect_grep "missing source message names the file" "$T/err" \
    "^$T/missing.dasm: error: cannot open: No such file"
mkdir "$T/dir.dasm"
run "$D16ASM" "$T/dir.dasm"
expect_status "a directory as source" 1
expect_grep "directory message names it" "$T/err" "^$T/dir.dasm: error: cannot open: "
expect_eq "one line for a missing source" "$(wc -l <"$T/err")" 1

run "$D16ASM"
expect_status "no arguments" 2
run "$D16ASM" "$T/s.dasm" --frobnicate
expect_status "unknown option" 2
run "$D16ASM" "$T/s.dasm" -D "=1"
expect_status "bad -D" 2
for n in x 0 -1 12x 100001 ""; do
    run "$D16ASM" "$T/s.dasm" --max-errors "$n"
    expect_status "--max-errors '$n'" 2
    expect_grep "--max-errors '$n' message" "$T/err" "^d16asm: bad --max-errors"
done
run "$D16ASM" "$T/s.dasm" --max-errors
expect_status "--max-errors without a value" 2
run "$D16ASM" "$T/s.dasm" -o "$T/no/such/dir/x.bin"
expect_status "unwritable output" 2
run "$D16ASM" --help
expect_status "--help" 0
expect_grep "--help text" "$T/out" "usage: d16asm"
expect_grep "--help lists --help" "$T/out" "^  --help "
expect_grep "--help lists --version" "$T/out" "^  --version "

# Community dialects (docs/assembler.md "Dialects"): accepted with a warning, refused by
# --strict; --dialect 1.1 takes O silently; --ignore-case folds names.
printf 'SET 0x1000, A\nSET A 0\nSET O, 1\nDAT 1 2\n' >"$T/dia.dasm"
run "$D16ASM" "$T/dia.dasm" -o "$T/dia.bin"
expect_status "dialect forms assemble" 0
expect_eq "dialect words" "$(hexdump "$T/dia.bin")" "03 e1 10 00 84 01 8b a1 00 01 00 02"
expect_grep "literal b warning" "$T/err" "^$T/dia.dasm:1:5: warning: write to a literal is discarded"
expect_grep "white space warning" "$T/err" "^$T/dia.dasm:2:7: warning: operands separated by white space"
expect_grep "O warning" "$T/err" "^$T/dia.dasm:3:5: warning: 'O' is the DCPU-16 1.1 name of EX"
expect_grep "missing comma warning" "$T/err" "^$T/dia.dasm:4:7: warning: missing ','"
run "$D16ASM" "$T/dia.dasm" -o "$T/dia-strict.bin" --strict
expect_status "--strict refuses them" 1
expect_eq "--strict: four errors" "$(grep -c ': error: .*\[--strict\]$' "$T/err")" 4
expect_eq "--strict: no image" "$(test -e "$T/dia-strict.bin" && echo yes || echo no)" no

printf 'SET O, 1\nSET A, O\n' >"$T/o.dasm"
run "$D16ASM" "$T/o.dasm" -o "$T/o.bin" --dialect 1.1 --strict
expect_status "--dialect 1.1 takes O" 0
expect_eq "--dialect 1.1: O is EX" "$(hexdump "$T/o.bin")" "8b a1 74 01"
expect_eq "--dialect 1.1: no warning" "$(wc -c <"$T/err" | tr -d ' ')" 0
run "$D16ASM" "$T/o.dasm" -o "$T/o.bin" --dialect 1.0
expect_status "bad --dialect" 2
expect_grep "bad --dialect message" "$T/err" "^d16asm: bad --dialect '1.0'"

printf 'Start: SET PC, START\n' >"$T/case.dasm"
run "$D16ASM" "$T/case.dasm" -o "$T/case.bin"
expect_status "names are case-sensitive by default" 1
run "$D16ASM" "$T/case.dasm" -o "$T/case.bin" --ignore-case
expect_status "--ignore-case" 0
expect_eq "--ignore-case words" "$(hexdump "$T/case.bin")" "87 81"

printf '.echo "size ", 2*3\nDAT 0\n' >"$T/echo.dasm"
run "$D16ASM" "$T/echo.dasm" -o "$T/echo.bin" --strict
expect_status ".echo is no warning" 0
expect_grep ".echo note" "$T/err" "^$T/echo.dasm:1:1: note: size 6"


# d16.inc is built in: a source anywhere includes it, assembled by d16asm or run by d16
# (docs/assembler.md, .include); a d16.inc beside the source still wins.
mkdir -p "$T/anywhere"
printf '.include "d16.inc"\nSET [SYS_HALT], 7\n' >"$T/anywhere/halt7.dasm"
(cd "$T/anywhere" && D16_INCLUDE_PATH= "$D16ASM" halt7.dasm -o halt7.bin) 2>"$T/err"
expect_eq "built-in d16.inc: d16asm" "$?" 0
run env D16_INCLUDE_PATH= "$D16" --headless "$T/anywhere/halt7.dasm"
expect_status "built-in d16.inc: d16 runs the source" 7
printf '.equ SYS_HALT, 0x1234\n' >"$T/anywhere/d16.inc"
run "$D16ASM" "$T/anywhere/halt7.dasm" -o "$T/anywhere/local.bin"
expect_eq "a d16.inc beside the source wins" "$(hexdump "$T/anywhere/local.bin")" "a3 c1 12 34"

finish
