#!/bin/sh
# window.sh — the SDL window, driven under Xvfb with xdotool: keys typed into the window reach
# the guest as the same keys from a --keys script do (F12's screenshot has the pixels of the
# headless --screenshot), a halted machine keeps its window until it is closed, and F10 and
# SIGINT end with 0 or the guest's status. Without a display d16 runs headless and says so.
# Skipped (77) without xvfb-run, xauth and xdotool, or when d16 was built without the window.
. "$(dirname "$0")/lib.sh"

ROM="$D16_SRCDIR/tests/roms/typing.dasm"

# No display: one line on stderr, then the headless run.
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER \
    "$D16" --max-cycles 5000 "$ROM" >"$T/out" 2>"$T/err" </dev/null
status=$?
expect_status "no display: runs headless" 124
expect_lines "no display: one line on stderr" "$T/err" 1
expect_grep "no display: says so" "$T/err" "^d16: .*; running headless$"
skip_without_window "$T/err" xvfb-run xauth xdotool

# The reference: the same keys as a script, run headless to the same screen.
cat >"$T/keys.txt" <<'KEYS'
1000  type "Hello"
2000  key 0x11          # Return
3000  down 0x90         # Shift
3000  type 'W'
3000  up 0x90
4000  type "orld!"
5000  key 0x82          # Left, Left
5000  key 0x82
6000  key 0x10          # Backspace
7000  key 0x80          # Up
7000  type "ab"
8000  key 0x83          # Right
8000  key 0x81          # Down
8000  key 0x81
8000  type "x"
KEYS
# F12 saves at the window's scale: 3 by default on Xvfb's 1024x768 screen (the largest that
# fits in half of it), so the references are taken at --screenshot-scale 3.
run --headless --max-cycles 200000 --keys "$T/keys.txt" --screenshot "$T/reference.png" \
    --screenshot-scale 3 "$ROM"
expect_status "reference run" 124
run --headless --max-cycles 50000 --screenshot "$T/reset.png" --screenshot-scale 3 "$ROM"
expect_status "reference run without keys" 124

mkdir "$T/r"
R=$T/r
cat >"$R/halt.dasm" <<'DASM'
; Draws an 'H' and halts with status 3.
        SET [0xff40], 0x8000
        SET [0x8000], 0xf148
        SET [0xff02], 3
DASM

cat >"$R/console.dasm" <<'DASM'
; Halts with status 9 once the console says its input is closed.
wait:   IFB [0xff10], 4
          SET [0xff02], 9
        SET PC, wait
DASM
run --headless "$R/console.dasm"
expect_status "headless: /dev/null closes the console" 9

# Runs inside xvfb-run. Results go to files in $R: exit statuses, the title, whether a
# screenshot matched, and d16's output.
cat >"$T/drive.sh" <<'DRIVE'
D16=$1 R=$2 ROM=$3 REF=$4 REF_RESET=$5
. "$6"
cd "$R" || exit 1

# shoot_until REF RESULT: presses F12 until the guest has caught up with the keys and the
# screenshot has REF's pixels (at most 10 times); RESULT names the matching file.
shoot_until() {
    for try in 1 2 3 4 5 6 7 8 9 10; do
        sleep 1
        before=$(ls d16-*.png 2>/dev/null | wc -l)
        xdotool key F12
        _i=0
        while [ "$(ls d16-*.png 2>/dev/null | wc -l)" -eq "$before" ] && [ $_i -lt 50 ]; do
            sleep 0.1
            _i=$((_i + 1))
        done
        shot=$(ls -t d16-*.png 2>/dev/null | head -n 1)
        if [ -n "$shot" ] && same_pixels "$shot" "$1"; then
            echo "$shot (try $try)" >"$R/$2"
            return
        fi
    done
}

# 1. Type and compare; F5 (reset) brings back the untouched screen; F10 quits.
start typing typing "$ROM"
xdotool getwindowname "$wid" >"$R/title"
xdotool type --delay 20 'Hello'
xdotool key --delay 20 Return shift+w
xdotool type --delay 20 'orld!'
xdotool key --delay 20 Left Left BackSpace Up a b Right Down Down x
shoot_until "$REF" match
xdotool key F5
shoot_until "$REF_RESET" match_reset
xdotool key F10
finish typing

# 2. A halted machine keeps its window until SIGINT; the exit status is the guest's.
start halt halt "$R/halt.dasm"
wait_for_title "halt.dasm - halted, status 3 - d16" # at most 30 s: the machine is loaded
if alive; then echo yes >"$R/halt.alive"; fi
xdotool getwindowname "$wid" >"$R/halt.title"
kill -INT "$pid"
finish halt

# 3. stdin is /dev/null: the console never says "closed" in a window, so the machine still
# runs after a second; SIGINT then ends it with 0.
start sigint console "$R/console.dasm"
sleep 1
xdotool getwindowname "$wid" >"$R/sigint.title"
kill -INT "$pid"
finish sigint
DRIVE

timeout 240 xvfb-run -a -s "-screen 0 1024x768x24" \
    sh "$T/drive.sh" "$D16" "$R" "$ROM" "$T/reference.png" "$T/reset.png" \
    "$D16_SRCDIR/tests/cli/window_lib.sh" >"$T/xvfb.log" 2>&1

if [ -s "$R/match" ]; then
    pass "F12 screenshot $(cat "$R/match") has the headless screenshot's pixels"
else
    fail "no F12 screenshot matched the headless one (stderr: $(head -c 300 "$R/typing.err"))"
fi
if [ -s "$R/match_reset" ]; then
    pass "after F5 the screen is the untouched one ($(cat "$R/match_reset"))"
else
    fail "after F5 no screenshot matched the untouched screen"
fi
expect_eq "typing: exit status after F10" "$(cat "$R/typing.status" 2>/dev/null)" 0
expect_grep "F12 names its file" "$R/typing.err" \
    "^d16: screenshot saved to d16-[0-9]\{8\}-[0-9]\{6\}\(-[0-9]*\)\{0,1\}\.png$"
# The title shows the measured speed: a loaded machine may run below the 100 kHz asked.
expect_grep "title: image and speed" "$R/title" '^typing.dasm - [0-9]\{1,\} kHz - d16$'
expect_eq "halted: the window stays open" "$(cat "$R/halt.alive" 2>/dev/null)" yes
expect_eq "halted: title" "$(cat "$R/halt.title" 2>/dev/null)" "halt.dasm - halted, status 3 - d16"
expect_eq "halted: exit status is the guest's" "$(cat "$R/halt.status" 2>/dev/null)" 3
expect_grep "stdin /dev/null: the console stays open" "$R/sigint.title" \
    '^console.dasm - [0-9]\{1,\} kHz - d16$'
expect_eq "SIGINT while running: exit 0" "$(cat "$R/sigint.status" 2>/dev/null)" 0
if [ -s "$R/sigint.err" ]; then fail "SIGINT: stderr not empty: $(head -c 300 "$R/sigint.err")"; fi
if [ "$failures" -ne 0 ]; then
    echo "--- xvfb-run log" >&2
    cat "$T/xvfb.log" >&2
fi
finish
