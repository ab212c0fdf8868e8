#!/bin/sh
# screens.sh — golden screen dumps: runs every tests/roms/screen_*.dasm headless and compares
# its --dump-screen output with golden/NAME.txt and its --dump-screen=ansi output with
# golden/NAME.ansi. The golden files change only through `make regen-golden`, which runs
# this script with D16_REGEN_GOLDEN=1 (look at the new files before committing them).
# Automake's harness sets D16_BUILDDIR and D16_SRCDIR; by hand:
#   D16_BUILDDIR=/path/to/build sh tests/roms/screens.sh

D16_BUILDDIR=${D16_BUILDDIR:-$PWD}
D16_SRCDIR=${D16_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
D16="$D16_BUILDDIR/d16"
ROMS="$D16_SRCDIR/tests/roms"
GOLDEN="$ROMS/golden"
if [ ! -x "$D16" ]; then
    echo "no d16 at $D16 (set D16_BUILDDIR)" >&2
    exit 99
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/d16-screens.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
failures=0

# check NAME KIND FLAG: run the ROM with FLAG, compare stdout with golden/NAME.KIND.
check() {
    "$D16" --headless --max-cycles 10000000 "$3" "$ROMS/$1.dasm" >"$T/$1.$2" 2>"$T/err"
    status=$?
    if [ $status -ne 0 ]; then
        echo "FAIL: $1 ($3): d16 exited with $status"
        cat "$T/err"
        failures=$((failures + 1))
        return
    fi
    if [ -n "$D16_REGEN_GOLDEN" ]; then
        cp "$T/$1.$2" "$GOLDEN/$1.$2" && echo "regenerated $GOLDEN/$1.$2"
    elif cmp -s "$GOLDEN/$1.$2" "$T/$1.$2"; then
        echo "ok: $1 ($3)"
    else
        echo "FAIL: $1 ($3) differs from $GOLDEN/$1.$2 (- golden, + now):"
        diff -u "$GOLDEN/$1.$2" "$T/$1.$2"
        failures=$((failures + 1))
    fi
}

found=0
for rom in "$ROMS"/screen_*.dasm; do
    [ -f "$rom" ] || continue
    found=1
    name=$(basename "$rom" .dasm)
    check "$name" txt --dump-screen
    check "$name" ansi --dump-screen=ansi
done
if [ $found -eq 0 ]; then
    echo "FAIL: no screen_*.dasm in $ROMS"
    exit 1
fi
if [ $failures -ne 0 ]; then
    echo "$failures golden screen check(s) failed"
    exit 1
fi
exit 0
