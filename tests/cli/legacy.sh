#!/bin/sh
# legacy.sh — profile legacy (docs/machine.md §2.4): keys from --type, --keys
# and --stdin-keys land in the ring at 0x9000 (the n-th key at 0x9000 + n mod 16, dropped
# when that word is not 0), the screen is premapped at 0x8000 with the font read from RAM
# at 0x8180 and the border from 0x8280, the devices still answer to HWI, and a source is
# assembled with --dialect 1.1. Runs roms/legacy/*.dasm as make assembled them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/roms_lib.sh"

# ---------------------------------------------------------------- the ring at 0x9000
# A program that never reads the ring: 18 typed keys fill words 0..15; the 17th and 18th
# find 0x9000 and 0x9001 taken and are dropped. The keys also enter the keyboard buffer.
cat >"$T/spin.dasm" <<'SRC'
; spins for a while (keys arrive meanwhile), then reads the keyboard through HWI 1 and
; ends at a self-jump (classic end)
        SET I, 0
:spin   ADD I, 1
        IFN I, 0x4000
            SET PC, spin
        SET A, 1                ; HWI 1, A=1: C = the next key of the buffer
        HWI 1
        SET [0x1000], C
:halt   SET PC, halt
SRC
run --machine legacy --headless --type 'abcdefghijklmnopqr' --dump-ram "$T/ram" "$T/spin.dasm"
expect_status "ring: classic end" 0
expect_eq "ring: keys 0..15 in 0x9000..0x900F" "$(bytes_at "$T/ram" $((0x9000 * 2)) 32)" \
"00 61 00 62 00 63 00 64 00 65 00 66 00 67 00 68 00 69 00 6a 00 6b 00 6c 00 6d 00 6e 00 6f 00 70"
expect_eq "ring: nothing after 0x900F" "$(bytes_at "$T/ram" $((0x9010 * 2)) 2)" "00 00"
expect_eq "ring: the buffer too (HWI 1)" "$(bytes_at "$T/ram" $((0x1000 * 2)) 2)" "00 61"

printf '0 key 0x11\n10 type "x"\n' >"$T/ring.keys"
run --machine legacy --headless --keys "$T/ring.keys" --dump-ram "$T/ram" "$T/spin.dasm"
expect_eq "ring: --keys" "$(bytes_at "$T/ram" $((0x9000 * 2)) 4)" "00 11 00 78"
printf 'ok' >"$T/keys.in"
"$D16" --machine legacy --headless --stdin-keys --dump-ram "$T/ram" "$T/spin.dasm" \
    <"$T/keys.in" >"$T/out" 2>"$T/err"
expect_eq "ring: --stdin-keys" "$(bytes_at "$T/ram" $((0x9000 * 2)) 4)" "00 6f 00 6b"
run --machine dcpu16 --headless --type 'ab' --dump-ram "$T/ram" "$T/spin.dasm"
expect_eq "no ring in profile dcpu16" "$(bytes_at "$T/ram" $((0x9000 * 2)) 4)" "00 00 00 00"

# ---------------------------------------------------------------- the echo program
run --machine legacy --headless --type 'hi' --max-cycles 100000 --dump-screen "$(rom legacy/echo)"
expect_status "echo: runs until --max-cycles" 124
expect_eq "echo: title" "$(row 1)" " echo: keys through 0x9000"
expect_eq "echo: the keys typed" "$(row 2)" "hi"
printf '0 type "one\\ntwo"\n20000 key 0x10\n30000 type "o"\n' >"$T/echo.keys"
run --machine legacy --headless --keys "$T/echo.keys" --max-cycles 200000 --dump-screen \
    "$(rom legacy/echo)"
expect_eq "echo: Return" "$(row 2)" "one"
expect_eq "echo: Backspace" "$(row 3)" "two"
run --machine legacy --headless --type 'abcdefghijklmnopqrstuvwxyz0123456789' \
    --max-cycles 400000 --dump-screen "$(rom legacy/echo)"
expect_eq "echo: 36 keys, the ring read as they come" "$(row 2)$(row 3)" \
    "abcdefghijklmnopqrstuvwxyz0123456789"

# ---------------------------------------------------------------- the font program
run --machine legacy --headless --dump-screen --dump-ram "$T/ram" "$(rom legacy/font)"
expect_status "font: classic end" 0
expect_eq "font: text" "$(row 3)" "  custom glyphs from 0x8180:"
expect_eq "font: 'A' redrawn at 0x8202" "$(bytes_at "$T/ram" $((0x8202 * 2)) 4)" "ff 81 81 ff"
expect_eq "font: the default font elsewhere ('B' at 0x8204)" \
    "$(bytes_at "$T/ram" $((0x8204 * 2)) 4)" "7f 49 36 00"
expect_eq "font: the border word" "$(bytes_at "$T/ram" $((0x8280 * 2)) 2)" "00 04"

# ---------------------------------------------------------------- devices through HWI
cat >"$T/hwi.dasm" <<'SRC'
; HWN, the display's MEM_MAP_SCREEN, the clock's ticks, then halt through HWI 4
        HWN [0x1000]
        SET A, 1                ; HWQ 0: the LEM1802's id in B:A
        HWQ 0
        SET [0x1001], B
        SET A, 0                ; clock: 60 ticks per second
        SET B, 1
        HWI 2
        SET A, 0                ; MEM_MAP_SCREEN 0x4000: the mapping moves
        SET B, 0x4000
        HWI 0
        SET [0x4000], 0xf041    ; 'A' in the top left cell
        SET A, 0                ; halt with status 7 through the system controller
        SET B, 7
        HWI 4
SRC
run --machine legacy --headless --dump-screen --dump-ram "$T/ram" "$T/hwi.dasm"
expect_status "HWI: halt through the system controller" 7
expect_eq "HWI: HWN" "$(bytes_at "$T/ram" $((0x1000 * 2)) 2)" "00 05"
expect_eq "HWI: HWQ 0 is the LEM1802" "$(bytes_at "$T/ram" $((0x1001 * 2)) 2)" "73 49"
expect_eq "HWI: MEM_MAP_SCREEN moves the screen" "$(row 1)" "A"

# The floppy, as in dcpu16, only with --disk: HWN 6.
run --machine legacy --headless --disk "$T/l.img" --disk-new --dump-ram "$T/ram" "$T/hwi.dasm"
expect_eq "HWI: HWN with --disk" "$(bytes_at "$T/ram" $((0x1000 * 2)) 2)" "00 06"

# ---------------------------------------------------------------- the 1.1 dialect
printf 'SET O, 0\n:halt SET PC, halt\n' >"$T/o.dasm"
run --machine legacy --headless "$T/o.dasm"
expect_status "legacy: O assembles" 0
expect_eq "legacy: O without a warning (--dialect 1.1)" "$(grep -c warning "$T/err")" 0
run --machine dcpu16 --headless "$T/o.dasm"
expect_grep "dcpu16: O warned about" "$T/err" "warning: 'O' is the DCPU-16 1.1 name of EX"

finish
