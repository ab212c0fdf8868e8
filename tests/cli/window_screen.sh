#!/bin/sh
# window_screen.sh — the window and the screen it is on, under a bare Xvfb (no window
# manager): a --scale too large for the screen is clamped to the usable area with a warning;
# F11 without a window manager that does full screen covers the screen with a borderless
# window (instead of cropping the picture inside the old window) and says so, and F11 again
# gives the window back. Skipped (77) without xvfb-run, xauth or xdotool, or the window.
. "$(dirname "$0")/lib.sh"

env -u DISPLAY -u WAYLAND_DISPLAY "$D16" --max-cycles 10 "$D16_SRCDIR/tests/roms/typing.dasm" \
    >/dev/null 2>"$T/err" </dev/null
skip_without_window "$T/err" xvfb-run xauth xdotool

mkdir "$T/r"
R=$T/r
cat >"$R/halt.dasm" <<'DASM'
        SET [0xff40], 0x8000
        SET [0x8000], 0xf148
        SET [0xff02], 3
DASM

cat >"$T/drive.sh" <<'DRIVE'
D16=$1 R=$2
. "$3"
cd "$R" || exit 1
# geometry NAME: the window's size as WIDTHxHEIGHT and position X,Y into $R/NAME.
geometry() {
    xdotool getwindowgeometry "$wid" |
        sed -n 's/.*Position: \([0-9]*,[0-9]*\).*/\1/p; s/.*Geometry: //p' | tr '\n' ' ' >"$R/$1"
}
# until_geometry NAME VALUE: waits (at most 10 s) for the geometry to become VALUE.
until_geometry() {
    _i=0
    while geometry "$1" && [ "$(cat "$R/$1")" != "$2" ] && [ $_i -lt 50 ]; do
        sleep 0.2
        _i=$((_i + 1))
    done
}

start big halt --scale 32 "$R/halt.dasm"
geometry big
xdotool key F10
finish big

start fs halt --scale 2 "$R/halt.dasm"
geometry fs.before
xdotool key F11
until_geometry fs.full "0,0 1024x768 "
xdotool key F11
until_geometry fs.back "$(cat "$R/fs.before")"
xdotool key F10
finish fs
DRIVE

timeout 120 xvfb-run -a -s "-screen 0 1024x768x24" \
    sh "$T/drive.sh" "$D16" "$R" "$D16_SRCDIR/tests/cli/window_lib.sh" >"$T/xvfb.log" 2>&1

size=$(awk '{print $2}' "$R/big" 2>/dev/null)
w=${size%x*} h=${size#*x}
if [ -n "$size" ] && [ "$w" -le 1024 ] && [ "$h" -le 768 ]; then
    pass "--scale 32 on a 1024x768 screen: the window is $size"
else
    fail "--scale 32 on a 1024x768 screen: the window is '$size'"
fi
expect_grep "--scale 32: a warning says what scale is used" "$R/big.err" \
    "^d16: --scale 32 does not fit the screen's usable area (1024x768): using --scale 6$"
expect_eq "--scale 32: exit status" "$(cat "$R/big.status")" 3
expect_eq "F11 without a window manager: the window covers the screen" \
    "$(cat "$R/fs.full" 2>/dev/null)" "0,0 1024x768 "
expect_grep "F11 without a window manager: says so" "$R/fs.err" \
    "^d16: full screen: no window manager to ask; a borderless window covers the screen instead$"
expect_eq "F11 again: the window as it was" "$(cat "$R/fs.back" 2>/dev/null)" \
    "$(cat "$R/fs.before" 2>/dev/null)"
if [ "$failures" -ne 0 ]; then
    echo "--- xvfb-run log" >&2
    cat "$T/xvfb.log" >&2
fi
finish
