#!/bin/sh
# record.sh — --record FILE (docs/cli.md "Recording and replay"): a run's input events as a
# --keys file that `d16 --keys FILE` replays to the identical end: console bytes from a pipe,
# scripted keys, a run from a saved state, and a window session typed under Xvfb with
# xdotool (skipped, 77, without xvfb-run, xauth and xdotool or without the window).
. "$(dirname "$0")/lib.sh"

ROMS="$D16_SRCDIR/tests/roms"

# same WHAT A B: runs A and B ended identically (--dump-state, --dump-ram, stdout, status).
same() {
    if cmp -s "$T/$2.json" "$T/$3.json" && cmp -s "$T/$2.ram" "$T/$3.ram" &&
        cmp -s "$T/$2.out" "$T/$3.out" && [ "$(cat "$T/$2.status")" = "$(cat "$T/$3.status")" ]; then
        pass "$1"
    else
        fail "$1: $(cat "$T/$3.json") vs $(cat "$T/$2.json"); stderr: $(head -c 300 "$T/$3.err")"
    fi
}

# go NAME STDIN ARGS...: a headless run to $T/NAME.{json,ram,out,err,status}.
go() {
    _n=$1 _in=$2
    shift 2
    "$D16" --headless --dump-state "$T/$_n.json" --dump-ram "$T/$_n.ram" "$@" \
        >"$T/$_n.out" 2>"$T/$_n.err" <"$_in"
    echo $? >"$T/$_n.status"
}

# 1. The console fed by a pipe: the bytes are in the recording, the replay reads no stdin.
go con_rec "$ROMS/console.in" --record "$T/con.keys" "$ROMS/console.dasm"
expect_eq "console ROM passes while recording" "$(cat "$T/con_rec.status")" 0
expect_grep "the recording has console lines" "$T/con.keys" "^0 console 'h'$"
expect_grep "... and the end of the input" "$T/con.keys" "^0 console end$"
go con_play /dev/null --keys "$T/con.keys" "$ROMS/console.dasm"
same "console bytes replay" con_rec con_play
ls "$T"/con.keys.tmp* >/dev/null 2>&1 && fail "a temporary file was left beside the recording"

# 2. Scripted keys (--keys, --type) are recorded too: the replay needs no other input flag.
go kb_rec /dev/null --keys "$ROMS/keyboard.keys" --record "$T/kb.keys" "$ROMS/keyboard.dasm"
expect_eq "keyboard ROM passes while recording" "$(cat "$T/kb_rec.status")" 0
go kb_play /dev/null --keys "$T/kb.keys" "$ROMS/keyboard.dasm"
same "scripted keys replay" kb_rec kb_play
go type_rec /dev/null --type 'hi\n' --record "$T/type.keys" "$ROMS/keyboard_type.dasm"
go type_play /dev/null --keys "$T/type.keys" "$ROMS/keyboard_type.dasm"
same "--type replays" type_rec type_play

# 3. From a saved state: the recording's cycles count on from the saved one.
"$D16" --headless --max-cycles 3000 --keys "$ROMS/keyboard.keys" --save-state "$T/kb.state" \
    "$ROMS/keyboard.dasm" >/dev/null 2>&1 </dev/null
go ld_rec /dev/null --load-state "$T/kb.state" --type 'xyz' --record "$T/ld.keys"
go ld_play /dev/null --load-state "$T/kb.state" --keys "$T/ld.keys"
same "a run from a saved state replays" ld_rec ld_play
expect_grep "its events start at the saved cycle" "$T/ld.keys" "^300[0-9] type 'x'$"

# 4. The console extension of --keys, parsed: bytes, strings with \n, end; and its errors.
printf '0 console "a\\n"\n10 console 0x62\n20 console end\n' >"$T/ext.keys"
go ext /dev/null --keys "$T/ext.keys" "$ROMS/console.dasm"
[ "$(cat "$T/ext.status")" != 2 ] && ! grep -q "^d16:" "$T/ext.err" &&
    pass "console lines parse" || fail "console lines: $(cat "$T/ext.err")"
# A program waiting for keys ends (classic end) only once no live key can come: the
# recording says when, so the replay ends at the same cycle.
printf '        IAS key\n        SET [0xff32], 1\nwait:   SET PC, wait\nkey:    SET B, [0xff31]\n        RFI 0\n' >"$T/wait.dasm"
printf '0 live on\n5000 type "k"\n9000 live off\n' >"$T/live.keys"
go live /dev/null --keys "$T/live.keys" --max-cycles 100000 "$T/wait.dasm"
expect_json "live off: the waiting program ends there" "$T/live.json" halt_reason classic-end
[ "$(json "$T/live.json" cycles)" -ge 9000 ] && [ "$(json "$T/live.json" cycles)" -lt 9010 ] &&
    pass "... at cycle $(json "$T/live.json" cycles)" || fail "ended at $(cat "$T/live.json")"
printf '0 live on\n5000 type "k"\n' >"$T/live.keys"
go live /dev/null --keys "$T/live.keys" --max-cycles 100000 "$T/wait.dasm"
expect_json "live on: it waits on" "$T/live.json" halt_reason max-cycles
printf '0 console\n' >"$T/bad.keys"
run --headless --keys "$T/bad.keys" "$ROMS/console.dasm"
expect_status "a console line without ARG" 2
expect_grep "...names the file and line" "$T/err" "bad.keys:1: missing key"

# 5. A window session typed with xdotool, replayed headless to the same machine.
for tool in xvfb-run xauth xdotool; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "skip: $tool is not installed"
        finish
    fi
done
env -u DISPLAY -u WAYLAND_DISPLAY "$D16" --max-cycles 10 "$ROMS/typing.dasm" >/dev/null \
    2>"$T/err" </dev/null
if grep -q "no window in this build" "$T/err"; then
    echo "skip: d16 was built without the window"
    finish
fi
mkdir "$T/r"
cat >"$T/drive.sh" <<'DRIVE'
D16=$1 R=$2 ROM=$3
. "$4"
cd "$R" || exit 1
start typing typing --record "$R/win.keys" --dump-state "$R/win.json" --dump-ram "$R/win.ram" "$ROM"
xdotool type --delay 30 'Hello'
xdotool key --delay 30 Return shift+w
xdotool type --delay 30 'orld!'
xdotool key --delay 30 Left BackSpace Up a
sleep 1
xdotool key F10
finish typing

# Save states and rewind in the window: F2 saves slot 0, F4 loads it, F3 steps back,
# Shift+F2 picks slot 1.
start slots typing "$ROM"
sleep 1
xdotool key F2
wait_for "$R/slots.err" "state saved to slot 0"
xdotool type --delay 30 'abc'
xdotool key F4
wait_for "$R/slots.err" "slot 0 loaded"
sleep 2.5
xdotool key F3
wait_for "$R/slots.err" "rewound to"
xdotool key shift+F2
wait_for "$R/slots.err" "slot 1"
xdotool key F10
finish slots
DRIVE
timeout 120 xvfb-run -a -s "-screen 0 1024x768x24" \
    sh "$T/drive.sh" "$D16" "$T/r" "$ROMS/typing.dasm" "$D16_SRCDIR/tests/cli/window_lib.sh" \
    >"$T/xvfb.log" 2>&1
expect_eq "window: F10 ends with 0" "$(cat "$T/r/typing.status" 2>/dev/null)" 0
expect_grep "window: the typed keys are recorded" "$T/r/win.keys" "type 'H'$"
expect_grep "window: so is that live keys could come" "$T/r/win.keys" "^[0-9]* live on$"
cycles=$(json "$T/r/win.json" cycles)
run --headless --keys "$T/r/win.keys" --max-cycles "$cycles" --dump-state "$T/play.json" \
    --dump-ram "$T/play.ram" "$ROMS/typing.dasm"
strip() { sed 's/, "halt_reason".*//' "$1"; }
expect_eq "window session replays headless: --dump-state" "$(strip "$T/play.json")" \
    "$(strip "$T/r/win.json")"
if cmp -s "$T/play.ram" "$T/r/win.ram"; then
    pass "window session replays headless: --dump-ram"
else
    fail "window session replay: --dump-ram differs"
fi
expect_grep "window F2: the state is saved to slot 0" "$T/r/slots.err" \
    "^d16: state saved to slot 0 (typing.dasm.slot0.d16state)$"
expect_grep "window F4: slot 0 is loaded" "$T/r/slots.err" "^d16: slot 0 loaded (cycle [0-9]*)$"
expect_grep "window F3: rewinds" "$T/r/slots.err" "^d16: rewound to [0-9.]* s$"
expect_grep "window Shift+F2: the next slot" "$T/r/slots.err" "^d16: slot 1$"
expect_eq "window: F10 after time travel ends with 0" "$(cat "$T/r/slots.status" 2>/dev/null)" 0
run --headless --load-state "$T/r/typing.dasm.slot0.d16state" --max-cycles 5000000 \
    --dump-state "$T/slot.json"
expect_status "the slot file loads headless" 124
[ "$failures" -ne 0 ] && cat "$T/xvfb.log" "$T/r/typing.err" "$T/r/slots.err" >&2
finish
