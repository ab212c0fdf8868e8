#!/bin/sh
# install.sh — d16 installs like a package: `make install DESTDIR=...` puts the programs,
# a manual page for each (man -l shows it), the manuals and LICENSE, the example sources
# with d16.inc (each assembles where it is installed, to the installed image, byte for
# byte), the built images (the installed d16 runs one), a desktop entry and its icon; and
# `make uninstall` takes every file away again.
. "$(dirname "$0")/lib.sh"

MAKE=${MAKE:-make}
if ! command -v "$MAKE" >/dev/null 2>&1; then
    echo "skip: no $MAKE"
    exit 77
fi
D=$T/dest
env -u MAKEFLAGS -u MFLAGS "$MAKE" -s -C "$D16_BUILDDIR" install DESTDIR="$D" \
    >"$T/install.log" 2>&1
status=$?
expect_status "make install DESTDIR=..." 0
bin=$(dirname "$(find "$D" -path '*/bin/d16' -type f | head -n 1)")
share=$(dirname "$bin")/share
[ -d "$share" ] || fail "nothing installed under $D (log: $(head -c 300 "$T/install.log"))"

for prog in d16 d16asm d16dis; do
    run_installed() { "$bin/$prog" --version >"$T/out" 2>&1; }
    if run_installed && grep -q "^$prog " "$T/out"; then
        pass "$prog installed and runs"
    else
        fail "$prog: not installed or does not run: $(cat "$T/out")"
    fi
    page="$share/man/man1/$prog.1"
    if [ -f "$page" ]; then pass "man page $prog.1 installed"; else fail "no $page"; fi
    if command -v man >/dev/null 2>&1 && [ -f "$page" ]; then
        LC_ALL=C MANWIDTH=80 man -l "$page" >"$T/man.txt" 2>"$T/man.err"
        expect_grep "man -l $prog.1 shows the page" "$T/man.txt" "^ *$prog - "
    fi
done

for doc in README.md LICENSE cli.md machine.md assembler.md monitor.md tutorial.md; do
    if [ -f "$share/doc/d16/$doc" ]; then pass "doc $doc installed"; else fail "no doc $doc"; fi
done
expect_grep "LICENSE is MIT" "$share/doc/d16/LICENSE" "^Copyright (c) 2026 the d16 authors$"

roms=$share/d16/roms
for src in "$roms"/*.dasm "$roms"/drivers/*.dasm; do
    name=${src#"$roms"/}
    out=$T/asm/${name%.dasm}.bin
    mkdir -p "$(dirname "$out")"
    if (cd "$T" && "$bin/d16asm" "$src" -o "$out") >"$T/asm.err" 2>&1 &&
        cmp -s "$out" "${src%.dasm}.bin"; then
        pass "installed $name assembles there to the installed image"
    else
        fail "installed $name: $(head -c 300 "$T/asm.err")"
    fi
done
for src in "$D16_SRCDIR"/roms/*.dasm; do
    if [ -f "$roms/${src##*/}" ]; then pass "${src##*/} installed"; else fail "${src##*/} not installed"; fi
done
if [ -f "$roms/d16.inc" ]; then pass "d16.inc installed"; else fail "no d16.inc"; fi
"$bin/d16" --headless "$roms/hello.bin" >"$T/out" 2>"$T/err" </dev/null
status=$?
expect_status "the installed d16 runs the installed hello.bin" 0

desktop=$share/applications/d16.desktop
expect_grep "desktop entry runs d16" "$desktop" "^Exec=d16"
expect_grep "desktop entry names its icon" "$desktop" "^Icon=d16$"
if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$desktop" >"$T/err" 2>&1
    status=$?
    expect_status "desktop-file-validate" 0
    expect_eq "desktop-file-validate: no error or warning" \
        "$(grep -e 'error:' -e 'warning:' "$T/err")" ""
fi
for icon in scalable/apps/d16.svg 64x64/apps/d16.png; do
    if [ -s "$share/icons/hicolor/$icon" ]; then pass "icon $icon"; else fail "no icon $icon"; fi
done

env -u MAKEFLAGS -u MFLAGS "$MAKE" -s -C "$D16_BUILDDIR" uninstall DESTDIR="$D" \
    >"$T/uninstall.log" 2>&1
status=$?
expect_status "make uninstall" 0
expect_eq "make uninstall leaves no file" "$(find "$D" -type f | head -n 3)" ""
finish
