#!/bin/sh
# plugin.sh — device plugins (docs/plugins.md): the example device is built out of tree
# against the *installed* public header found through pkg-config (make install into a
# DESTDIR), loaded with --device and driven headless by its driver ROM; --list-devices and
# the debugger show it; a bad path, a file that is no plugin, a plugin built for another
# API version and bad plugin options each give one line and exit 2.
. "$(dirname "$0")/lib.sh"

CC=${CC:-cc}
EX="$D16_SRCDIR/examples/devices"

# ---- install into a DESTDIR, build the example from the installed header
inst="$T/inst"
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$D16_BUILDDIR" install \
    DESTDIR="$inst" >"$T/install.log" 2>&1; then
    fail "make install DESTDIR: $(tail -n 3 "$T/install.log")"
    finish
fi
pc=$(find "$inst" -name d16.pc | head -n 1)
[ -n "$pc" ] || fail "make install put no d16.pc"
hdr=$(find "$inst" -path '*/include/d16/device.h' | head -n 1)
[ -n "$hdr" ] || fail "make install put no include/d16/device.h"
cflags=$(PKG_CONFIG_PATH=$(dirname "$pc") PKG_CONFIG_SYSROOT_DIR="$inst" pkg-config --cflags d16 |
    sed 's/ *$//')
expect_eq "pkg-config --cflags d16 names the installed include dir" "$cflags" \
    "-I$(dirname "$(dirname "$hdr")")"
# shellcheck disable=SC2086
if ! $CC -std=c11 -Wall -Wextra -Werror -shared -fPIC $cflags "$EX/rng.c" -o "$T/rng.so" \
    2>"$T/cc.err"; then
    fail "the example does not build against the installed header: $(head -n 3 "$T/cc.err")"
    finish
fi
pass "the example builds with pkg-config --cflags d16"

# ---- loaded with --device, driven headless
run --headless --device "$T/rng.so,seed=42" "$EX/dice.dasm"
expect_status "dice with the rng" 0
expect_eq "ten rolls, the same for the same seed" "$(cat "$T/out")" "5 3 2 6 6 1 3 5 6 1"
run --headless --device "$T/rng.so,seed=7" "$EX/dice.dasm"
first=$(cat "$T/out")
run --headless --device "$T/rng.so,seed=7" "$EX/dice.dasm"
expect_eq "another seed, reproducible" "$(cat "$T/out")" "$first"
run --headless "$EX/dice.dasm"
expect_status "dice without the rng: its own status 3" 3
run --list-devices --machine dcpu16 --device "$T/rng.so"
expect_grep "--list-devices on dcpu16: HWI only, no slot" "$T/out" "^5 *- *0x52a90001 .*rng: "

# The slot is 0xFF60 and the next HWI number: the I/O page reads the same generator.
printf 'SET [0xff61], 42\nSET A, [0xff60]\nSET B, [0xff62]\nSET [0xff02], 0\n' >"$T/io.dasm"
run --headless --device "$T/rng.so" --dump-state "$T/s.json" "$T/io.dasm"
expect_json "RANDOM after SEED 42 through the I/O page" "$T/s.json" a 13600
expect_json "COUNT" "$T/s.json" b 1

run --list-devices --device "$T/rng.so" --device "$T/rng.so"
expect_status "--list-devices" 0
expect_grep "--list-devices: the plugin at HWI 5, slot 0xff60" "$T/out" \
    "^5 *0xff60 *0x52a90001 *0x0001 *0x45584d50 *rng: "
expect_grep "--list-devices: a second one at HWI 6, slot 0xff70" "$T/out" "^6 *0xff70 .*rng: "
expect_grep "--list-devices: the board's devices first" "$T/out" "^0 *0xff40 .*display: "

printf 'hw\nquit\n' >"$T/cmds"
run --headless --debug --batch "$T/cmds" --device "$T/rng.so,seed=42" "$EX/dice.dasm"
expect_grep "the debugger's hw view names the plugin's registers" "$T/out" \
    "^5 rng: id 0x52a90001.*registers at 0xff60$"
expect_grep "the debugger's hw view: its registers by name" "$T/out" \
    "RANDOM=[0-9a-f]* SEED=002a COUNT=0000 INTMSG=0000 RATE=0000"

# ---- refusals: one line naming the file and the reason, exit 2
refused() { # refused WHAT PATTERN D16-ARGS...
    _what=$1 _pattern=$2
    shift 2
    run --headless "$@" "$EX/dice.dasm"
    expect_status "$_what" 2
    expect_eq "$_what: one line" "$(wc -l <"$T/err" | tr -d ' ')" 1
    expect_grep "$_what: the reason" "$T/err" "$_pattern"
}
refused "a bad path" "^d16: $T/none.so: cannot load the device plugin: .*No such file" \
    --device "$T/none.so"
printf 'int not_a_plugin(void) { return 1; }\n' >"$T/other.c"
$CC -shared -fPIC "$T/other.c" -o "$T/other.so"
refused "a .so that is no plugin" "^d16: $T/other.so: not a d16 device plugin (it exports no d16_device_plugin)$" \
    --device "$T/other.so"
printf 'not an ELF file\n' >"$T/text.so"
refused "a text file" "^d16: $T/text.so: cannot load the device plugin: " --device "$T/text.so"
sed 's/\.api_version = D16_DEVICE_API_VERSION,/.api_version = 99,/' "$EX/rng.c" >"$T/v99.c"
# shellcheck disable=SC2086
$CC -shared -fPIC $cflags "$T/v99.c" -o "$T/v99.so"
refused "a plugin for another API version" \
    "^d16: $T/v99.so: built for device API version 99, this d16 has version 1$" \
    --device "$T/v99.so"
refused "bad plugin options" "^d16: device rng: bad seed in 'seed=x' (seed=N, 0..65535)$" \
    --device "$T/rng.so,seed=x"

finish
