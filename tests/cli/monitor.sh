#!/bin/sh
# monitor.sh — the built-in monitor (roms/monitor.dasm): every command through the console
# and through the keyboard, line editing, scrolling, the cursor, the end of input, and
# golden transcripts (tests/cli/golden/monitor_*; only `make regen-golden` rewrites them).
. "$(dirname "$0")/lib.sh"
GOLDEN="$D16_SRCDIR/tests/cli/golden"
LIMIT="--max-cycles 50000000"   # a safety net: every run below ends long before

# console TEXT [ARGS...]: runs the monitor headless with TEXT (printf format) on stdin.
console() {
    # shellcheck disable=SC2059
    printf "$1" >"$T/in"
    shift
    # shellcheck disable=SC2086
    run_in "$T/in" --headless $LIMIT "$@"
}

# keyboard TEXT [ARGS...]: the same with TEXT typed on the keyboard (--stdin-keys); the
# console then never ends, so TEXT should end with a halt.
keyboard() {
    # shellcheck disable=SC2059
    printf "$1" >"$T/in"
    shift
    # shellcheck disable=SC2086
    run_in "$T/in" --headless $LIMIT --stdin-keys "$@"
}

# has WHAT LINE: stdout has exactly this line.
has() {
    if grep -qxF -e "$2" "$T/out"; then
        pass "$1"
    else
        fail "$1: no line '$2' in: $(head -c 600 "$T/out")"
    fi
}

# screen_row N: row N (0-11) of the --dump-screen output, the last 12 lines of stdout.
screen_row() {
    tail -n 12 "$T/out" | sed -n "$(($1 + 1))p"
}

# ---- the banner and help; the end of input halts with status 0
echo help | "$D16" --headless >"$T/out" 2>"$T/err"
status=$?
expect_status "echo help | d16 --headless" 0
has "banner" "d16 monitor 1.0 - DCPU-16 1.7"
has "the line echoed after the prompt" "> help"
for cmd in "help" "mem ADDR \[N\]" "poke ADDR W\.\.\." "go ADDR" "hw" "clock" "echo TEXT" \
    "cls" "demo \[NAME\]" "halt \[STATUS\]"; do
    expect_grep "help lists $cmd" "$T/out" "^$cmd  *[a-z]"
done
expect_eq "stdout ends with the last prompt" "$(tail -n 1 "$T/out")" "> "

console ""
expect_status "no input at all" 0
expect_lines "no input: the banner, the prompt" "$T/out" 4
console "echo no newline at the end"
expect_status "a last line without a newline" 0
has "a last line without a newline runs" "no newline at the end"

# The banner promises RAM from 0x1000 on: the ROM must end below it.
size=$(wc -c <"$D16_BUILDDIR/roms/monitor.bin" | tr -d ' ')
if [ "$size" -le $((0x1000 * 2)) ]; then
    pass "the ROM ($((size / 2)) words) ends below 0x1000"
else
    fail "the ROM has $((size / 2)) words: it reaches past 0x1000, where free RAM starts"
fi

# ---- mem, poke, go
words_hex=$(od -An -tx1 -N 8 -v "$D16_BUILDDIR/roms/monitor.bin" |
    awk '{ printf "%s%s %s%s %s%s %s%s", $1, $2, $3, $4, $5, $6, $7, $8 }')
first_two=$(echo "$words_hex" | cut -c1-9)
console "mem 0 4\n"
has "mem 0 4 shows the ROM's first words" "0000: $words_hex ...."
console "poke 2000 48 69 3 abcd\nmem 2000 4\nmem 2000 5\nmem 2002 1\n"
has "poke says what it wrote" "4 words at 2000"
has "mem after poke" "2000: 0048 0069 0003 abcd Hi.."
has "mem: a short last line keeps the text column" "2004: 0000                ."
has "mem: one word" "2002: 0003                ."
console "poke 2000 1\nmem 2000 1 x\n"
has "poke: one word" "1 word at 2000"
has "mem: extra words are refused" "error: unexpected: x"
console "mem ff00 2\n"
has "mem reads the I/O page (MAGIC, VERSION)" "ff00: d160 0100           .."
console "mem fffe 4\n"
has "mem wraps at the end of memory" "fffe: 0000 0000 $first_two ...."
console "poke 3000 7c01 1234 6381\ngo 3000\necho back\n"
has "go: a program that returns" "returned A=1234 B=0000 C=0000"
has "the monitor carries on after go" "back"
console "poke 3000 7fc1 5 ff02\ngo 3000\necho not reached\n"
expect_status "go: a program that halts with status 5" 5
expect_eq "nothing runs after the halt" "$(grep -c 'not reached' "$T/out")" 0

# ---- hw: HWN/HWQ in both profiles
for machine in d16 dcpu16; do
    console "hw\n" --machine $machine
    expect_status "hw ($machine)" 0
    has "hw ($machine): count" "5 devices"
    has "hw ($machine): display" "0: 7349f615 v1802 display"
    has "hw ($machine): keyboard" "1: 30cf7406 v0001 keyboard"
    has "hw ($machine): timer" "2: 12d0b402 v0001 timer"
    has "hw ($machine): console" "3: d1600002 v0001 console"
    has "hw ($machine): system controller" "4: d1600001 v0001 sys control"
done

# ---- echo, halt, cls, demo, clock
console "echo  two  spaces  \n"
has "echo keeps the text's own spaces" "two  spaces  "
for h in "halt 7:7" "halt:0" "halt 0x10:16" "halt 255:255"; do
    console "${h%%:*}\necho not reached\n"
    expect_status "${h%%:*}" "${h#*:}"
done
console "halt 256\nhalt -1\nhalt 1 2\n"
expect_status "bad statuses do not halt" 0
has "halt 256" "error: STATUS is 0 to 255"
has "halt -1" "error: not a number: -1"
has "halt 1 2" "error: unexpected: 2"
console "echo a\ncls\n" --dump-screen
expect_eq "cls: the prompt on the top row" "$(screen_row 0)" ">"
expect_eq "cls: the rest is blank" "$(tail -n 11 "$T/out" | tr -d '\n')" ""
console "demo\ndemo colors\ndemo font\ndemo bounce\ndemo nope\n"
has "demo lists the demos" "bounce  a ball; a key stops"
has "demo colors" " 7 light grey    f white"
has "demo font: the printable glyphs" "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_"
has "demo bounce stops at the next console byte" "0 bounces"
has "an unknown demo" "error: unknown demo 'nope'"
console "clock\necho after\n"
has "clock: a console byte waiting stops it at once" "0 ticks = 0.00 s"
has "clock leaves that byte to the next line" "after"

# ---- errors and line editing on the console
console "frob 1 2\nmem\nmem 12g4\nmem 10000\npoke 1000\npoke 1000 1 zz\nmem 1000 1\nhw x\n"
has "unknown command" "error: unknown command 'frob'"
has "a missing argument: the usage" "error: usage: mem ADDR [N]"
has "not hex" "error: not a hex number: 12g4"
has "too large" "error: not a hex number: 10000"
has "poke without words" "error: usage: poke ADDR W..."
has "poke with a bad word" "error: not a hex number: zz"
has "poke checks every word before writing" "1000: 0000                ."
has "hw takes no argument" "error: unexpected: x"
console "ECHO Upper\necho abX\bc\necho xy\177z\n"
has "command names ignore case" "Upper"
has "Backspace (0x08) on the console" "abc"
has "DEL (0x7f) on the console" "xz"
console "\b\b\becho ok\n"
has "Backspace on an empty line does nothing" "ok"
long=$(printf '%0100d' 0)
console "echo $long\necho fine\n"
has "a line over 93 characters is refused" "error: line too long (max 93)"
has "the next line works" "fine"
expect_eq "nothing of the long line ran" "$(grep -c "^0000" "$T/out")" 0

# Control held stops a long mem dump (here from the start: nothing is shown).
printf '0 down 0x91\n' >"$T/ctrl.keys"
console "mem 0 1000\n" --keys "$T/ctrl.keys"
expect_eq "Control stops mem" "$(grep -c '^0000:' "$T/out")" 0

# ---- the keyboard: the same commands, seen on the screen
keyboard "echo hi\nhw\nhalt 4\n" --dump-screen
expect_status "keyboard: halt 4" 4
has "keyboard lines reach the console too" "> echo hi"
has "keyboard: echo" "hi"
expect_eq "keyboard: hw on the screen" "$(screen_row 5)" "0: 7349f615 v1802 display"
expect_eq "keyboard: the halt line" "$(screen_row 10)" "> halt 4"
expect_eq "keyboard: the cursor row below it" "$(screen_row 11)" ""

# --type with --stdin-keys from /dev/null: no keys from stdin, and the console stays open.
# shellcheck disable=SC2086
run --headless $LIMIT --stdin-keys --type 'echo typed\nhalt 6\n' --dump-screen
expect_status "--type: halt 6" 6
expect_eq "--type: the command on the screen" "$(screen_row 3)" "> echo typed"
expect_eq "--type: its output" "$(screen_row 4)" "typed"

printf '0 type "echo abX\\bc\\n"\n' >"$T/bs.keys"
keyboard "" --keys "$T/bs.keys" --max-cycles 200000 --dump-screen
expect_status "keyboard Backspace: once no key can come, a classic end" 0
expect_eq "keyboard: Backspace on the screen" "$(screen_row 3)" "> echo abc"
expect_eq "keyboard: Backspace in the command" "$(screen_row 4)" "abc"

# Up brings back the last line run, which can then be edited.
printf '0 type "echo one\\n"\n20000 key 0x80\n22000 type "x\\n"\n40000 key 0x80\n42000 key 0x10\n44000 key 0x10\n46000 type "\\n"\n60000 type "halt\\n"\n' >"$T/up.keys"
keyboard "" --keys "$T/up.keys" --dump-screen
has "Up: the last line again, edited" "> echo onex"
has "Up: and edited again" "> echo on"
has "Up: the recalled lines ran" "onex"
has "Up: the recalled lines ran, 2" "on"

# A line longer than a row wraps; Backspace goes back across the row edge.
keyboard "echo 0123456789012345678901234567890123XY\b\bZ\nhalt\n" --dump-screen
expect_eq "keyboard: a wrapped line, row 1" "$(screen_row 3)" "> echo 0123456789012345678901234"
expect_eq "keyboard: a wrapped line, row 2" "$(screen_row 4)" "567890123Z"
has "keyboard: the whole line ran" "0123456789012345678901234567890123Z"

# Scrolling: after 20 echo lines the screen shows the last 11 lines and the cursor's row.
input=""
: >"$T/expect"
printf ' d16 monitor 1.0    DCPU-16 1.7\n5 devices, free RAM 1000-efff\ntype help and press Return\n' \
    >"$T/expect"
i=1
while [ $i -le 20 ]; do
    input="${input}echo line $i\n"
    printf '> echo line %d\nline %d\n' $i $i >>"$T/expect"
    i=$((i + 1))
done
printf '> halt\n' >>"$T/expect"
keyboard "${input}halt\n" --dump-screen
tail -n 12 "$T/out" >"$T/screen"
tail -n 11 "$T/expect" >"$T/expect12"
echo >>"$T/expect12"
expect_eq "scrolling: the screen shows the last lines" "$(cat "$T/screen")" "$(cat "$T/expect12")"

# clock through the keyboard: live ticks until a key, which is used up.
printf '0 type "clock\\n"\n250000 key 0x78\n260000 type "halt 9\\n"\n' >"$T/clock.keys"
keyboard "" --keys "$T/clock.keys" --dump-screen
expect_status "clock then halt 9" 9
ticks=$(sed -n 's/^\([0-9]*\) ticks = \([0-9]*\)\.\([0-9][0-9]\) s$/\1/p' "$T/out" | head -n 1)
if [ -n "$ticks" ] && [ "$ticks" -ge 120 ] && [ "$ticks" -le 150 ]; then
    pass "clock counted $ticks ticks in about 2.4 emulated seconds"
else
    fail "clock: '$ticks' ticks (expected 120-150): $(cat "$T/out")"
fi
expect_eq "clock: the key that stopped it is used up" "$(screen_row 6)" "> halt 9"
printf '0 type "clock\\n"\n' >"$T/clock.keys"
keyboard "" --keys "$T/clock.keys" --max-cycles 200000 --dump-screen
expect_grep "clock: the ticks live on the screen" "$T/out" "^[1-9][0-9]* ticks = [0-9]*\.[0-9][0-9] s *$"

# demo bounce: its own screen, then the monitor's again.
printf '0 type "demo bounce\\n"\n' >"$T/b.keys"
keyboard "" --keys "$T/b.keys" --max-cycles 300000 --dump-screen
expect_eq "bounce: its title bar" "$(screen_row 0 | cut -c1-24)" " bounce   a key stops it"
expect_grep "bounce: the ball" "$T/out" "^ *O$"
printf '0 type "demo bounce\\n"\n300000 key 0x20\n310000 type "halt\\n"\n' >"$T/b.keys"
keyboard "" --keys "$T/b.keys" --dump-screen
expect_status "bounce: a key stops it" 0
expect_grep "bounce: the count" "$T/out" "^[1-9][0-9]* bounces$"
expect_eq "bounce: the monitor's screen is back" "$(screen_row 0)" " d16 monitor 1.0    DCPU-16 1.7"

# ---- the blinking cursor: the cell after "> " is a full block with the blink bit. A key
# scripted past the end keeps the monitor waiting (a key can still come: docs/machine.md §6).
printf '1000000 key 0x20\n' >"$T/later.keys"
keyboard "" --keys "$T/later.keys" --max-cycles 100000 --dump-ram "$T/ram.bin"
expect_status "idle until --max-cycles" 124
cell=$(bytes_at "$T/ram.bin" $(((0xf000 + 3 * 32 + 2) * 2)) 2 | tr -d ' ')
expect_eq "cursor cell: yellow full block (0x1f), blink bit 7" "$cell" "e09f"

# Waiting is one self-jump (SUB PC, 1) with interrupts on, not a polling loop.
keyboard "" --keys "$T/later.keys" --max-cycles 100000 --trace "$T/trace.txt"
expect_eq "idle: the last 20 instructions are one self-jump" \
    "$(tail -n 20 "$T/trace.txt" | cut -c12-15,34-61 | sort -u | wc -l | tr -d ' ')" 1
expect_grep "idle: SUB PC, 1 with IA set" "$T/trace.txt" "SUB PC, 1 .* IA=[0-9a-f]*[1-9a-f][0-9a-f]*$"

# ---- golden transcripts
console "help\nmem 2000 6\npoke 2000 48 65 6c 6c 6f\nmem 2000 6\nhw\necho hello, world\nfrob\ndemo\ndemo colors\ndemo font\nclock\nhalt 3\n"
expect_status "console session" 3
expect_golden "console session" "$T/out" "$GOLDEN/monitor_console.txt"
keyboard "help\npoke 1000 1 2 3\nmem 1000 3\nhw\nhalt 0\n" --dump-screen
expect_golden "keyboard session screen" "$T/out" "$GOLDEN/monitor_keyboard.txt"
keyboard "demo colors\nhalt\n" --dump-screen=ansi
expect_golden "demo colors in colour" "$T/out" "$GOLDEN/monitor_colors.ansi"

finish
