#!/bin/sh
# window_osd.sh — the window says what happened in the picture itself: F1's key list, pause,
# a halt (with "F5 restarts") and a machine fault (with its PC) each show their message in
# the window, read back from a capture of the window (ImageMagick's import) by
# tests/tools/png_text. A fault is reported on stderr when it happens, once per fault
# (F5 after it, and it happens again: two reports). F5 on a source that no longer assembles
# keeps the previous program running and says so. The guest's own screenshot (F12) never
# shows the notice. Skipped (77) without xvfb-run, xauth, xdotool or import, or without the
# window.
. "$(dirname "$0")/lib.sh"

PNG_TEXT=${PNG_TEXT:-$D16_BUILDDIR/tests/tools/png_text}
env -u DISPLAY -u WAYLAND_DISPLAY "$D16" --max-cycles 10 "$D16_SRCDIR/tests/roms/typing.dasm" \
    >/dev/null 2>"$T/err" </dev/null
skip_without_window "$T/err" xvfb-run xauth xdotool import

mkdir "$T/r"
R=$T/r
cat >"$R/halt.dasm" <<'DASM'
; Draws an 'H' and halts with status 3.
        SET [0xff40], 0x8000
        SET [0x8000], 0xf148
        SET [0xff02], 3
DASM
cat >"$R/fault.dasm" <<'DASM'
; Draws an 'F', then runs an undefined opcode (0x0018) at PC 0x0006.
        SET [0xff40], 0x8000
        SET [0x8000], 0xf146
        DAT 0x0018
DASM
cat >"$R/wait.dasm" <<'DASM'
; Draws a 'W' and counts for ever (not a self-jump: that would end the program).
        SET [0xff40], 0x8000
        SET [0x8000], 0xf157
loop:   ADD A, 1
        SET PC, loop
DASM
cp "$R/wait.dasm" "$R/reload.dasm"
run --headless --screenshot "$T/halt_ref.png" --screenshot-scale 3 "$R/halt.dasm"
expect_status "reference: halt.dasm headless" 3

# Runs inside xvfb-run: captures go to $R/NAME.png, statuses and output to $R/NAME.*.
cat >"$T/drive.sh" <<'DRIVE'
D16=$1 R=$2
. "$3"
cd "$R" || exit 1
export D16_OSD_SECONDS=600 # the notices stay while a loaded machine gets round to the capture

# capture NAME TEXT: captures the window until png_text reads TEXT in it (at most 20 tries),
# leaving the last capture in $R/NAME.png and its text in $R/NAME.txt.
capture() {
    for _try in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        import -window "$wid" "$R/$1.png" 2>/dev/null
        "$PNG_TEXT" "$R/$1.png" >"$R/$1.txt" 2>&1
        grep -qF -e "$2" "$R/$1.txt" && return
        sleep 0.5
    done
}

# 1. A halt says so, with what to do next; F1 then lists the keys; F12's picture is the
# guest's alone.
start halt halt --scale 3 "$R/halt.dasm"
capture halt "Halted with status 3"
xdotool key F1
capture f1 "F8  pause / resume"
before=$(ls d16-*.png 2>/dev/null | wc -l)
xdotool key F12
wait_for "$R/halt.err" "screenshot saved"
capture saved "Screenshot saved:"
xdotool key F10
finish halt

# 2. Pause, with how to resume.
start pause wait --scale 3 "$R/wait.dasm"
xdotool key F8
capture pause "Paused - F8 resumes"
xdotool key F10
finish pause

# 3. A fault, with its PC, reported on stderr at once; F5 runs it again: a second report.
start fault fault --scale 3 "$R/fault.dasm"
capture fault "Machine fault at PC 0x0006:"
wait_for "$R/fault.err" "illegal instruction" && cp "$R/fault.err" "$R/fault.err.before_close"
xdotool key F5
_i=0
while [ "$(grep -c "illegal instruction" "$R/fault.err")" -lt 2 ] && [ $_i -lt 100 ]; do
    sleep 0.2
    _i=$((_i + 1))
done
cp "$R/fault.err" "$R/fault.err.after_f5"
xdotool key F10
finish fault

# 4. F5 after the source broke: the previous program goes on, the picture says why.
start reload reload --scale 3 "$R/reload.dasm"
echo "        SET Q, 1" >>"$R/reload.dasm"
xdotool key F5
capture reload "did not load"
xdotool getwindowname "$wid" >"$R/reload.title"
xdotool key F10
finish reload
DRIVE

PNG_TEXT=$PNG_TEXT timeout 300 xvfb-run -a -s "-screen 0 1024x768x24" \
    sh "$T/drive.sh" "$D16" "$R" "$D16_SRCDIR/tests/cli/window_lib.sh" >"$T/xvfb.log" 2>&1

# expect_text NAME TEXT: the capture NAME shows TEXT.
expect_text() {
    if grep -qxF -e "$2" "$R/$1.txt" 2>/dev/null; then
        pass "$1: the window says '$2'"
    else
        fail "$1: the window does not say '$2'; it says: $(cat "$R/$1.txt" 2>/dev/null)"
    fi
}
expect_text halt "Halted with status 3"
expect_text halt "F5 restarts, F10 quits"
expect_eq "halt: exit status" "$(cat "$R/halt.status" 2>/dev/null)" 3
expect_text f1 "F1  this help"
expect_text f1 "F8  pause / resume"
expect_text f1 "F12 screenshot"
expect_text saved "Screenshot saved:"
shot=$(ls "$R"/d16-*.png 2>/dev/null | head -n 1)
if [ -n "$shot" ] && compare -metric AE "$shot" "$T/halt_ref.png" null: 2>/dev/null; then
    pass "F12 during a notice: the guest's pixels only, at the window's scale"
else
    fail "F12 during a notice differs from the headless screenshot ($shot)"
fi
expect_text pause "Paused - F8 resumes"
expect_text fault "Machine fault at PC 0x0006:"
expect_text fault "illegal instruction"
expect_grep "fault: reported on stderr while the window is open" "$R/fault.err.before_close" \
    "illegal instruction"
expect_eq "fault, F5, fault: two reports" \
    "$(grep -c "illegal instruction" "$R/fault.err.after_f5" 2>/dev/null)" 2
expect_eq "fault: no third report at the end" "$(grep -c "illegal instruction" "$R/fault.err")" 2
expect_eq "fault: exit status" "$(cat "$R/fault.status" 2>/dev/null)" 125
expect_text reload "F5: reload.dasm did not load"
expect_eq "reload: the previous program still runs" "$(cat "$R/reload.title" 2>/dev/null)" \
    "reload.dasm - 100 kHz - d16"
expect_eq "reload: F10 ends the running program with 0" "$(cat "$R/reload.status" 2>/dev/null)" 0
expect_grep "reload: the assembler's error on stderr" "$R/reload.err" "reload.dasm:6:"
if [ "$failures" -ne 0 ]; then
    echo "--- xvfb-run log" >&2
    cat "$T/xvfb.log" >&2
fi
finish
