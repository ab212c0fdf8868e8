#!/bin/sh
# roms.sh — the demo programs of roms/ (hello, type, life, clock, snake), as `make`
# assembled them into the build tree: each runs headless with scripted keys, and its
# console output, screen (--dump-screen) and exit status are checked, against
# golden/roms/NAME.* where the whole picture matters. The golden files change only through
# `make regen-golden` (D16_REGEN_GOLDEN=1; look at the new files before committing them).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/roms_lib.sh"

# ---------------------------------------------------------------- hello
run --headless --dump-screen "$(rom hello)"
expect_status "hello" 0
expect_eq "hello: console" "$(head -n 1 "$T/out")" "Hello, world!"
expect_eq "hello: screen" "$(row 4)" "         Hello, world!"
golden hello.txt

# ---------------------------------------------------------------- type
# Two arrows change the ink (Up twice), Backspace erases, Return starts a line; the
# interrupt-driven program waits for keys, and once the last scripted one was handled none
# can come any more: a classic end (0, docs/machine.md §6).
cat >"$T/type.keys" <<'KEYS'
0      type "Hello, world!\n"
40000  key  0x80            # Up: the next ink colour
42000  type "Colours "
60000  key  0x80
62000  type "and more"
80000  key  0x10            # Backspace
82000  key  0x10
84000  type "ORE\n\nbye\n"
KEYS
run --headless --keys "$T/type.keys" --max-cycles 200000 --dump-screen "$(rom type)"
expect_status "type" 0
expect_eq "type: console echo" "$(head -n 2 "$T/out" | tr '\b' '<')" "Hello, world!
Colours and more< << <ORE"
expect_eq "type: title bar" "$(row 1)" " type        up/down: ink"
expect_eq "type: second line" "$(row 3)" "Colours and moORE"
golden type.txt
run --headless --keys "$T/type.keys" --max-cycles 200000 --dump-screen=ansi "$(rom type)"
golden type.ansi

# 13 lines on 11 text rows: the first two scroll away; a long line wraps.
run --headless --type 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\nl12\nl13 is longer than thirty-two cells' \
    --max-cycles 400000 --dump-screen "$(rom type)"
expect_eq "type: scrolled" "$(row 2)" "l4"
expect_eq "type: wrapped" "$(row 11)$(row 12)" "l13 is longer than thirty-two cells"

# ---------------------------------------------------------------- life
# Paused (space), cleared (c): a glider (g) moves one cell down and right in 4 generations
# (n n n n); a blinker (b) turns upright after one and back after two. q prints the count.
life_screen() { # life_screen KEYS: the board after typing KEYS then q
    run --headless --type "$1q" --max-cycles 2000000 --dump-screen "$(rom life)"
    expect_status "life '$1'" 0
    tail -n 12 "$T/out" >"$T/board"
}
life_screen ' cg'
expect_eq "life: the glider" "$(head -n 4 "$T/board")" "
  #
   #
 ###"
sed 's/^./ &/' "$T/board" | sed '$d' | sed '1i\
' >"$T/moved"
life_screen ' cgnnnn'
expect_eq "life: the glider after 4 generations, moved by one row and column" \
    "$(cat "$T/board")" "$(cat "$T/moved")"
expect_grep "life: 4 generations counted" "$T/out" "^generations: 4$"
life_screen ' cb'
cp "$T/board" "$T/blinker0"
expect_eq "life: the blinker" "$(sed -n 6p "$T/board")" "              ###"
life_screen ' cbn'
expect_eq "life: the blinker after 1" "$(sed -n 5,7p "$T/board")" "               #
               #
               #"
life_screen ' cbnn'
expect_eq "life: the blinker after 2" "$(cat "$T/board")" "$(cat "$T/blinker0")"

# The soup after 1 s, a reseed (r) that draws another soup, 5 generations a second (10 more
# in 2 s more), and a pause (space) that stops the count whenever q comes afterwards.
generations() { sed -n 's/^generations: //p' "$T/out"; }
printf "100000 key 'q'\n" >"$T/q.keys"
run --headless --keys "$T/q.keys" --dump-screen "$(rom life)"
expect_status "life: soup" 0
golden life.txt
gens=$(generations)
printf "300000 key 'q'\n" >"$T/q3.keys"
run --headless --keys "$T/q3.keys" "$(rom life)"
expect_eq "life: 10 generations in 2 s" "$(generations)" "$((gens + 10))"
printf "100000 key ' '\n900000 key 'q'\n" >"$T/p.keys"
run --headless --keys "$T/p.keys" "$(rom life)"
expect_eq "life: no generation while paused" "$(generations)" "$gens"
printf "10 key 'r'\n100000 key 'q'\n" >"$T/r.keys"
run --headless --keys "$T/r.keys" --dump-screen "$(rom life)"
expect_status "life: reseeded" 0
if cmp -s "$T/out" "$GOLDEN/life.txt"; then fail "life: r drew the same soup"; else pass "life: r draws a new soup"; fi
golden life_reseed.txt

# ---------------------------------------------------------------- clock
# 65 emulated seconds at 100 kHz and at 1 MHz: the same time and TICKS, large digits
# included (the --dump-screen=ansi rows above the clock-rate line are the same).
printf "6512345 key 'q'\n" >"$T/q100k.keys"
run --headless --keys "$T/q100k.keys" --dump-screen "$(rom clock)"
expect_status "clock at 100 kHz" 0
expect_eq "clock at 100 kHz: elapsed" "$(head -n 1 "$T/out")" "elapsed 0:01:05.0"
expect_eq "clock at 100 kHz: ticks" "$(row 8)" "    ticks    650"
expect_eq "clock at 100 kHz: rate" "$(row 9)" "    clock    100 kHz"
golden clock.txt
run --headless --keys "$T/q100k.keys" --dump-screen=ansi "$(rom clock)"
golden clock.ansi
head -n 9 "$T/out" >"$T/clock100k.ansi"
printf "65012345 key 'q'\n" >"$T/q1m.keys"
run --headless --clock 1000000 --keys "$T/q1m.keys" --dump-screen "$(rom clock)"
expect_status "clock at 1 MHz" 0
expect_eq "clock at 1 MHz: elapsed" "$(head -n 1 "$T/out")" "elapsed 0:01:05.0"
expect_eq "clock at 1 MHz: ticks" "$(row 8)" "    ticks    650"
expect_eq "clock at 1 MHz: rate" "$(row 9)" "    clock   1000 kHz"
run --headless --clock 1000000 --keys "$T/q1m.keys" --dump-screen=ansi "$(rom clock)"
expect_eq "clock: the same large digits at both rates" "$(head -n 9 "$T/out")" "$(cat "$T/clock100k.ansi")"
# Before the first second: 0:00:00 and the colons lit (first half of the second).
run --headless --max-cycles 10000 --dump-screen=ansi "$(rom clock)"
expect_status "clock stopped by --max-cycles" 124
golden clock_start.ansi
# Paused from 2 s to 7 s of 12: 7 s counted. Reset (r) at 3 s, quit at 5 s: 2 s.
printf "200000 key ' '\n700000 key ' '\n1210000 key 'q'\n" >"$T/pause.keys"
run --headless --keys "$T/pause.keys" "$(rom clock)"
expect_eq "clock: pause" "$(cat "$T/out")" "elapsed 0:00:07.0"
printf "300000 key 'r'\n500345 key 'q'\n" >"$T/reset.keys"
run --headless --keys "$T/reset.keys" "$(rom clock)"
expect_eq "clock: reset" "$(cat "$T/out")" "elapsed 0:00:02.0"

# ---------------------------------------------------------------- snake
# A scripted game: Right starts it; Up, Left and Down steer to the two apples the fixed
# seed places (the score goes 0, 1, 2); the snake then runs into the bottom edge: game
# over. Return starts a new game, q quits. One turn is taken per move, at the move after
# the key, and the moves come from the timer, so the key cycles decide the path.
cat >"$T/snake.keys" <<'KEYS'
50000   key 0x83        # Right: go (the snake's head is at column 7, row 6)
327000  key 0x80        # Up at column 25, under the first apple
370000  key 0x82        # Left, once it is eaten
505000  key 0x81        # Down at column 15, above the second apple
700000  key 0x11        # after the crash: Return, a new game
750000  key 'q'
KEYS
snake_at() { # snake_at CYCLES: the game as it stands at CYCLES
    run --headless --keys "$T/snake.keys" --max-cycles "$1" --dump-screen "$(rom snake)"
    expect_status "snake at cycle $1" 124
}
snake_at 40000
expect_eq "snake: ready" "$(row 1)" " SNAKE     score    0  best    0"
expect_eq "snake: the snake" "$(row 7)" "    ###@"
expect_eq "snake: the help" "$(row 10)" "       arrows: go  q: quit"
printf "20000 key 0x82\n" >"$T/left.keys"
run --headless --keys "$T/left.keys" --max-cycles 100000 --dump-screen "$(rom snake)"
expect_eq "snake: Left would reverse it: still waiting" "$(row 7)$(row 10)" \
    "    ###@       arrows: go  q: quit"
snake_at 60000
expect_eq "snake: the first apple, once started" "$(row 4)" "                         *"
snake_at 400000
expect_eq "snake: score 1 after the first apple" "$(row 1)" " SNAKE     score    1  best    0"
expect_eq "snake: the head turned left" "$(row 4)" "                       @##"
golden snake_1.txt
snake_at 600000
expect_eq "snake: score 2 after the second apple" "$(row 1)" " SNAKE     score    2  best    0"
expect_eq "snake: head going down" "$(row 11)" "               @"
snake_at 690000
expect_eq "snake: crashed" "$(head -n 1 "$T/out")" "game over, score 2"
expect_eq "snake: game over" "$(row 6)" "           GAME OVER"
expect_eq "snake: best score" "$(row 1)" " SNAKE     score    2  best    2"
golden snake_over.txt
run --headless --keys "$T/snake.keys" --max-cycles 690000 --dump-screen=ansi "$(rom snake)"
golden snake_over.ansi
run --headless --keys "$T/snake.keys" --dump-screen "$(rom snake)"
expect_status "snake: q" 0
expect_eq "snake: console" "$(head -n 2 "$T/out")" "game over, score 2
best score 2"
expect_eq "snake: a new game" "$(row 1)$(row 7)" " SNAKE     score    0  best    2    ###@"

finish
