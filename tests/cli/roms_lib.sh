# roms_lib.sh — helpers for roms.sh and drivers.sh (sourced after lib.sh): the programs
# of roms/ as `make` assembled them into the build tree, and their golden files.

ROMS="$D16_BUILDDIR/roms"
GOLDEN="$D16_SRCDIR/tests/cli/golden/roms"

# rom NAME: the assembled image of roms/NAME.dasm (if make did not build it, the run that
# uses it fails with d16's "cannot open", exit 2).
rom() {
    echo "$ROMS/$1.bin"
}

# golden NAME.KIND: $T/out against golden/roms/NAME.KIND (rewritten under regen-golden).
golden() {
    if [ -n "${D16_REGEN_GOLDEN:-}" ]; then
        cp "$T/out" "$GOLDEN/$1" && echo "regenerated $GOLDEN/$1"
    elif cmp -s "$GOLDEN/$1" "$T/out"; then
        pass "$1 matches the golden file"
    else
        fail "$1 differs from $GOLDEN/$1 (- golden, + now): $(diff -u "$GOLDEN/$1" "$T/out")"
    fi
}

# row N: line N (1-based) of the screen dump that ends $T/out (its last 12 lines).
row() {
    tail -n 12 "$T/out" | sed -n "$1p"
}
