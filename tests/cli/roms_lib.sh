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
    expect_golden "$1" "$T/out" "$GOLDEN/$1"
}

# row N: line N (1-based) of the screen dump that ends $T/out (its last 12 lines).
row() {
    tail -n 12 "$T/out" | sed -n "$1p"
}
