#!/bin/sh
# keys_screen.sh — scripted keyboard input (--keys, --type, --stdin-keys) and the headless
# views of the display (--dump-screen, --dump-screen=ansi, --screenshot, --premap-screen).
. "$(dirname "$0")/lib.sh"

cat >"$T/keys.dasm" <<'DASM'
; Copies keys from the keyboard buffer to the console until Return, then halts.
loop:   SET A, [0xff30]          ; keyboard STATUS
        IFC A, 1
            SET PC, loop
        SET B, [0xff31]          ; KEY
        IFE B, 0x11              ; Return
            SET PC, done
        SET [0xff11], B
        SET PC, loop
done:   SET [0xff02], 0
DASM

run --headless --max-cycles 100000 --type 'hi there\n' "$T/keys.dasm"
expect_status "--type" 0
expect_eq "--type text arrives" "$(cat "$T/out")" "hi there"

cat >"$T/keys.txt" <<'KEYS'
# cycle action key
100   type "ab"      # two codes at once
0x1388 key 'c'
6000  down 0x90      # Shift held: no code in the buffer without --kbd-modifiers
6100  up 0x90
7000  type '#'
8000  key 17         # Return
KEYS
run --headless --max-cycles 100000 --keys "$T/keys.txt" --dump-state "$T/s.json" "$T/keys.dasm"
expect_status "--keys" 0
expect_eq "--keys text arrives" "$(cat "$T/out")" "abc#"
cycles=$(json "$T/s.json" cycles)
if [ "$cycles" -ge 8000 ]; then pass "the last key came at cycle 8000"; else fail "ended at $cycles"; fi

printf 'from stdin\n' | "$D16" --headless --max-cycles 200000 --stdin-keys "$T/keys.dasm" \
    >"$T/out" 2>"$T/err"
status=$?
expect_status "--stdin-keys" 0
expect_eq "--stdin-keys text arrives" "$(cat "$T/out")" "from stdin"

# --keys and --type together: merged in time order (--type starts at cycle 0).
printf '1000 type "X"\n9000 key 0x11\n' >"$T/k2.txt"
run --headless --max-cycles 100000 --keys "$T/k2.txt" --type 'ab' "$T/keys.dasm"
expect_eq "--keys merged with --type" "$(cat "$T/out")" "aXb"

# Bad key files: FILE:LINE: problem, exit 2.
bad_keys() {
    printf '%s\n' "$2" >"$T/bad.txt"
    run --headless --keys "$T/bad.txt" "$T/keys.dasm"
    expect_status "bad keys: $1" 2
    expect_lines "bad keys: $1: one line" "$T/err" 1
    expect_grep "bad keys: $1: message" "$T/err" "^d16: $T/bad.txt:$3: $4"
}
bad_keys "unknown action" "# ok
10 press 'a'" 2 "'press' is not an action"
bad_keys "back in time" "100 key 'a'
50 key 'b'" 2 "cycle 50 goes back in time"
bad_keys "bad cycle" "soon key 'a'" 1 "'soon' is not a cycle"
bad_keys "string with key" "10 key \"ab\"" 1 "a \"string\" only goes with type"
bad_keys "code too big" "10 key 300" 1 "'300' is not a key code"
bad_keys "missing key" "10 down" 1 "missing key"
bad_keys "two characters" "10 key 'ab'" 1 "a character in single quotes is one character"
bad_keys "unterminated string" "10 type \"ab" 1 "unterminated string"
bad_keys "trailing text" "10 key 'a' 'b'" 1 "unexpected text"
run --headless --keys "$T/no-such-keys.txt" "$T/keys.dasm"
expect_status "missing keys file" 2
expect_grep "missing keys file named" "$T/err" "no-such-keys.txt: cannot open"
run --headless --type "$(printf 'tab\there')" "$T/keys.dasm"
expect_status "--type with a tab" 2
expect_grep "--type with a tab: message" "$T/err" "byte 0x09 has no key"

cat >"$T/screen.dasm" <<'DASM'
; Maps video RAM at 0x8000 and writes "HI" (white on blue) at the top left and "!" at
; the start of row 11, then halts.
        SET [0xff40], 0x8000     ; SCREEN
        SET [0x8000], 0xf148     ; 'H'
        SET [0x8001], 0xf149     ; 'I'
        SET [0x8160], 0xf121     ; '!' at row 11
        SET [0xff02], 0
DASM
run --headless --dump-screen "$T/screen.dasm"
expect_status "--dump-screen" 0
expect_lines "--dump-screen: 12 rows" "$T/out" 12
expect_eq "--dump-screen: row 0" "$(sed -n 1p "$T/out")" "HI"
expect_eq "--dump-screen: row 1 empty" "$(sed -n 2p "$T/out")" ""
expect_eq "--dump-screen: row 11" "$(sed -n 12p "$T/out")" "!"

# Display off: 12 empty lines.
words "$T/end.bin" 8b83
run --headless --dump-screen "$T/end.bin"
expect_lines "display off: 12 rows" "$T/out" 12
expect_eq "display off: all empty" "$(tr -d '\n' <"$T/out")" ""

# --premap-screen: video RAM at 0x8000 from reset, no SCREEN write needed.
words "$T/premap.bin" 7fc1 f041 8000 8b83
run --headless --premap-screen --dump-screen "$T/premap.bin"
expect_eq "--premap-screen" "$(sed -n 1p "$T/out")" "A"
run --headless --dump-screen "$T/premap.bin"
expect_eq "without --premap-screen" "$(sed -n 1p "$T/out")" ""

run --headless --dump-screen=ansi "$T/screen.dasm"
expect_lines "--dump-screen=ansi: 12 rows" "$T/out" 12
esc=$(printf '\033')
expect_grep "--dump-screen=ansi: colours" "$T/out" "${esc}\[38;2;[0-9]*;[0-9]*;[0-9]*m${esc}\[48;2;[0-9]*;[0-9]*;[0-9]*mH"
# Compact: a colour is written only where it changes, so a row of blank cells in one colour
# has one foreground and one background escape, and no row repeats an escape it just wrote.
expect_eq "--dump-screen=ansi: an empty row is one colour pair, 32 cells and a reset" \
    "$(sed -n 2p "$T/out" | cat -v)" "^[[38;2;0;0;0m^[[48;2;0;0;0m                                ^[[0m"
sed "s/${esc}\[48;2;[0-9;]*m//g" "$T/out" >"$T/fg_only"
if grep -q "\(${esc}\[38;2;[0-9;]*m\)[^${esc}]*\1" "$T/fg_only"; then
    fail "--dump-screen=ansi: a row repeats a foreground it already set: $(grep -m1 "\(${esc}\[38;2;[0-9;]*m\)[^${esc}]*\1" "$T/fg_only" | cat -v)"
else
    pass "--dump-screen=ansi: no row repeats the foreground it already set"
fi

run --headless --screenshot "$T/shot.png" "$T/screen.dasm"
expect_status "--screenshot" 0
expect_eq "PNG signature" "$(bytes_at "$T/shot.png" 0 8)" "89 50 4e 47 0d 0a 1a 0a"
# IHDR: 144 x 112 (128 x 96 plus an 8-pixel border), 8-bit RGBA.
expect_eq "PNG size and depth" "$(bytes_at "$T/shot.png" 16 10)" "00 00 00 90 00 00 00 70 08 06"

finish
