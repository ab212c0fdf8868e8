#!/bin/sh
# drivers.sh — roms/drivers/: each device's driver written twice, through the I/O page
# (NAME_io) and through HWI (NAME_hwi). The two must do the same thing, and the HWI ones
# also run on --machine dcpu16. The display's picture is a golden file (make regen-golden).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/roms_lib.sh"

both() { # both NAME WHAT EXPECTED-STATUS RUN-ARGS...: runs NAME_io and NAME_hwi alike
    _name=$1 _what=$2 _want=$3
    shift 3
    for _door in io hwi; do
        run_in "$T/in" --headless "$@" "$(rom "drivers/${_name}_$_door")"
        expect_status "$_name ($_door): $_what" "$_want"
        cp "$T/out" "$T/${_name}_$_door.out"
        cp "$T/err" "$T/${_name}_$_door.err"
    done
    expect_eq "$_name: the same output through both doors" \
        "$(cat "$T/${_name}_io.out")" "$(cat "$T/${_name}_hwi.out")"
}

printf 'hello\nWorld 42\n' >"$T/in"
both console "capitals" 0
expect_eq "console: capitals" "$(cat "$T/console_io.out")" "HELLO
WORLD 42"
run_in "$T/in" --headless --machine dcpu16 "$(rom drivers/console_hwi)"
expect_eq "console_hwi on dcpu16" "$(cat "$T/out")" "HELLO
WORLD 42"
: >"$T/in"
both console "empty input: nothing can interrupt, the run ends" 0
expect_eq "console: no input, no output" "$(cat "$T/console_io.out")" ""

both timer "five ticks" 0 --dump-state "$T/timer.json"
expect_eq "timer: ticks" "$(tr '\n' ' ' <"$T/timer_io.out")" "tick 1 tick 2 tick 3 tick 4 tick 5 TICKS 5 "
cycles=$(json "$T/timer.json" cycles)
if [ "$cycles" -ge 50000 ] && [ "$cycles" -lt 51000 ]; then
    pass "timer: five ticks at 10 Hz take 0.5 emulated seconds ($cycles cycles at 100 kHz)"
else
    fail "timer: halted at cycle $cycles, not just after 50000"
fi
both timer "five ticks at 1 MHz" 0 --clock 1000000 --dump-state "$T/timer.json"
cycles=$(json "$T/timer.json" cycles)
if [ "$cycles" -ge 500000 ] && [ "$cycles" -lt 501000 ]; then
    pass "timer: 0.5 emulated seconds at 1 MHz ($cycles cycles)"
else
    fail "timer at 1 MHz: halted at cycle $cycles, not just after 500000"
fi

cat >"$T/drv.keys" <<'KEYS'
1000 type "hi"
3000 key 0x80
3100 key 0x83
3500 down 0x90          # Shift: held, nothing typed
3600 key 0x10
3700 up 0x90
5000 key 0x11
6000 type "ok."
7000 type "not read"
KEYS
both keyboard "keys until '.'" 0 --keys "$T/drv.keys"
expect_eq "keyboard: the keys by name" "$(cat "$T/keyboard_io.out")" "hi<up><right><backspace><return>
ok"
run --headless --machine dcpu16 --keys "$T/drv.keys" "$(rom drivers/keyboard_hwi)"
expect_eq "keyboard_hwi on dcpu16" "$(cat "$T/out")" "$(cat "$T/keyboard_io.out")"
both keyboard "keys typed before it listened are kept" 0 --type 'hi\n.'
expect_eq "keyboard: early keys" "$(cat "$T/keyboard_io.out")" "hi<return>"

both sysctl "halt with status 42" 42
expect_eq "sysctl_io: the log" "$(cat "$T/sysctl_io.err")" "log: 0x0100
log: 0x0064
log: 0xff00
log: 0x138e
log: 0x0000"
expect_eq "sysctl_hwi: the log" "$(cat "$T/sysctl_hwi.err")" "log: 0x0001
log: 0x1392
log: 0x0000"
run --headless --machine dcpu16 "$(rom drivers/sysctl_hwi)"
expect_status "sysctl_hwi on dcpu16" 42

both display "the picture" 0 --dump-screen
cp "$T/display_io.out" "$T/out"
golden display.txt
both display "the picture in colour" 0 --dump-screen=ansi
cp "$T/display_io.out" "$T/out"
golden display.ansi
run --headless --machine dcpu16 --dump-screen=ansi "$(rom drivers/display_hwi)"
expect_eq "display_hwi on dcpu16" "$(cat "$T/out")" "$(cat "$T/display_io.out")"

finish
