#!/bin/sh
# fuzz-snapshot.sh — builds tests/fuzz/fuzz_snapshot.c under libFuzzer and runs it (make
# fuzz-snapshot, part of make fuzz). Run from the build directory:
#   sh fuzz-snapshot.sh SRCDIR CLANG SECONDS LIBRARY-SOURCES...
# The machine and the devices are compiled with coverage, ASan and UBSan; the rest of the
# library (the CPU, whose fast path takes clang many minutes to instrument for coverage)
# with the sanitizers only; the assembler is left out. Seeds: real snapshots from ./d16.
set -e
srcdir=$1 clang=$2 seconds=$3
shift 3
rm -rf fuzz-snapshot.objs
mkdir -p fuzz-snapshot.objs fuzz-snapshot.corpus
covered=
for f in "$@"; do
    case $f in
    *.c) ;;
    *) continue ;;
    esac
    case $f in
    src/machine/* | src/devices/*) covered="$covered $srcdir/$f" ;;
    src/asm/*) ;; # the assembler: not what a snapshot reaches
    *) "$clang" -g -O0 -fsanitize=address,undefined -I"$srcdir/src" -I. -c "$srcdir/$f" \
        -o "fuzz-snapshot.objs/$(echo "$f" | tr / _).o" ;;
    esac
done
# shellcheck disable=SC2086
"$clang" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$srcdir/src" -I. -o fuzz_snapshot "$srcdir/tests/fuzz/fuzz_snapshot.c" $covered \
    fuzz-snapshot.objs/*.o
./d16 --headless "$srcdir/tests/roms/timer.dasm" --max-cycles 30000 \
    --save-state fuzz-snapshot.corpus/timer </dev/null >/dev/null 2>&1 || true
./d16 --headless --keys "$srcdir/tests/roms/keyboard.keys" "$srcdir/tests/roms/keyboard.dasm" \
    --max-cycles 3000 --save-state fuzz-snapshot.corpus/keyboard </dev/null >/dev/null 2>&1 || true
./fuzz_snapshot -max_total_time="$seconds" -max_len=200000 -timeout=10 fuzz-snapshot.corpus
