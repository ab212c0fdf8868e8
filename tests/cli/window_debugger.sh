#!/bin/sh
# window_debugger.sh — the debugger driving the window, under Xvfb with xdotool, its commands
# written to a FIFO on stdin: a breakpoint session gives the same transcript as headless
# and the window, there while stopped, shows the screen of the stop; the guest's BREAK and
# its halt stop in the window too (quit then gives the guest's status); F7 in the window
# and SIGINT drop into the debugger; F10 ends a running machine with 0, quit with 130.
# Skipped (77) without xvfb-run, xauth and xdotool, or when d16 was built without the window.
. "$(dirname "$0")/lib.sh"

DBG="$D16_SRCDIR/tests/cli/debug"
ROM="$DBG/screen.dasm"

# No display: the debugger runs headless and says so once.
printf 'quit\n' | env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER \
    "$D16" --debug "$ROM" >"$T/out" 2>"$T/err"
status=$?
expect_status "no display: the debugger runs headless" 130
expect_grep "no display: says so" "$T/err" "; running headless$"
skip_without_window "$T/err" xvfb-run xauth xdotool import

# The references, headless: the same commands on a pipe, and the screens of the two stops.
printf 'break drawn\ncontinue\nregs\ncontinue\nquit\n' >"$T/a.cmds"
run_in "$T/a.cmds" --headless --debug "$ROM"
expect_status "headless reference" 130
mv "$T/out" "$T/a.want"
printf 'continue\ncontinue\nquit\n' >"$T/b.cmds"
run_in "$T/b.cmds" --headless --debug "$ROM"
expect_status "headless reference, to the halt" 5
mv "$T/out" "$T/b.want"
printf 'break drawn\ncontinue\nquit\n' >"$T/drawn.cmds"
run --headless --debug --batch "$T/drawn.cmds" --screenshot "$T/drawn.png" "$ROM"
printf 'continue\nquit\n' >"$T/break.cmds"
run --headless --debug --batch "$T/break.cmds" --screenshot "$T/break.png" "$ROM"

mkdir "$T/r"
R=$T/r

# Runs inside xvfb-run; results go to files in $R.
cat >"$T/drive.sh" <<'DRIVE'
D16=$1 R=$2 DBG=$3 REFS=$4
. "$5"
cd "$R" || exit 1

# session NAME ARGS...: d16 --debug ARGS with its stdin a FIFO on fd 3 (opened read-write,
# so neither side waits for the other), and its window found.
session() {
    _session=$1
    shift
    rm -f "$R/$_session.in"
    mkfifo "$R/$_session.in"
    exec 3<>"$R/$_session.in"
    D16_STDIN=$R/$_session.in launch "$_session" --debug --scale 1 "$@"
    find_window "$(basename "$1")"
}

# say COMMAND...: one command a line to the debugger.
say() {
    for _cmd in "$@"; do
        printf '%s\n' "$_cmd" >&3
    done
}

# capture_until REF RESULT: the window's pixels until they are REF's (the picture comes
# right after the stop's message; at most 30 tries, a loaded machine draws late); RESULT then says so.
capture_until() {
    for _try in $(seq 30); do
        import -window "$wid" "$R/capture.png" 2>/dev/null
        if same_pixels "$R/capture.png" "$1"; then
            echo "try $_try" >"$R/$2"
            return
        fi
        sleep 0.3
    done
}

title() {
    xdotool getwindowname "$wid" >"$R/$1"
}

# a. A breakpoint session: stopped at the start, at the breakpoint, at the guest's BREAK.
session a "$DBG/screen.dasm"
title a.title_start
say "break drawn" continue
wait_for "$R/a.out" "^stopped: breakpoint" && capture_until "$REFS/drawn.png" a.drawn
title a.title_break
alive && echo yes >"$R/a.alive"
say regs continue
wait_for "$R/a.out" "^stopped: BREAK" && capture_until "$REFS/break.png" a.break
say quit
exec 3>&-
finish a

# b. The guest's BREAK, then its halt: the title says so, quit gives its status.
session b "$DBG/screen.dasm"
say continue
wait_for "$R/b.out" "^stopped: BREAK" && capture_until "$REFS/break.png" b.break
say continue
wait_for_title "screen.dasm - halted, status 5 - d16" && echo yes >"$R/b.halted"
say quit
exec 3>&-
finish b

# c. F7 in the window stops a running machine; F10 then ends it with 0.
session c "$DBG/loop.dasm"
say continue
wait_for_title "loop.dasm - 100 kHz - d16" && xdotool key F7
wait_for "$R/c.out" "^stopped: interrupted (F7 in the window)$" && title c.title_f7
say continue
wait_for_title "loop.dasm - 100 kHz - d16" && xdotool key F10
exec 3>&-
finish c

# d. SIGINT stops a running machine in the debugger; quit then is 130.
session d "$DBG/loop.dasm"
say continue
wait_for_title "loop.dasm - 100 kHz - d16" && kill -INT "$pid"
wait_for "$R/d.out" "^stopped: interrupted (Ctrl-C)$"
say quit
exec 3>&-
finish d
DRIVE

timeout 300 xvfb-run -a -s "-screen 0 1024x768x24" \
    sh "$T/drive.sh" "$D16" "$R" "$DBG" "$T" "$D16_SRCDIR/tests/cli/window_lib.sh" \
    >"$T/xvfb.log" 2>&1

# a: the transcript is the headless one; the window was there while stopped and showed the
# screen of each stop.
if cmp -s "$R/a.out" "$T/a.want"; then
    pass "breakpoint session: the transcript is the headless one"
else
    fail "breakpoint session: the transcript differs from the headless one:"
    diff "$T/a.want" "$R/a.out" | head -20 >&2
fi
expect_grep "breakpoint session: stopped at the label" "$R/a.out" \
    "^stopped: breakpoint 1 at 0x0006 (drawn)$"
expect_eq "breakpoint session: title at the start" "$(cat "$R/a.title_start" 2>/dev/null)" \
    "screen.dasm - in the debugger - d16"
expect_eq "breakpoint session: title at the breakpoint" "$(cat "$R/a.title_break" 2>/dev/null)" \
    "screen.dasm - in the debugger - d16"
expect_eq "breakpoint session: d16 waits at the prompt" "$(cat "$R/a.alive" 2>/dev/null)" yes
if [ -s "$R/a.drawn" ]; then
    pass "the window shows the screen at the breakpoint ($(cat "$R/a.drawn"))"
else
    fail "the window never showed the headless screen at the breakpoint"
fi
if [ -s "$R/a.break" ]; then
    pass "the window shows the screen at the guest's BREAK ($(cat "$R/a.break"))"
else
    fail "the window never showed the headless screen at the guest's BREAK"
fi
expect_eq "quit while running: 130" "$(cat "$R/a.status" 2>/dev/null)" 130
expect_grep "quit while running: says where" "$R/a.err" "^d16: quit at PC 0x000b, cycle "

# b: BREAK and the halt.
if cmp -s "$R/b.out" "$T/b.want"; then
    pass "BREAK session: the transcript is the headless one"
else
    fail "BREAK session: the transcript differs from the headless one:"
    diff "$T/b.want" "$R/b.out" | head -20 >&2
fi
if [ -s "$R/b.break" ]; then
    pass "BREAK session: the window shows the screen at the BREAK"
else
    fail "BREAK session: the window never showed the screen at the BREAK"
fi
expect_eq "halted under the debugger: title" "$(cat "$R/b.halted" 2>/dev/null)" yes
expect_eq "quit after the halt: the guest's status" "$(cat "$R/b.status" 2>/dev/null)" 5

# c: F7 and F10.
expect_grep "F7 stops in the debugger" "$R/c.out" "^stopped: interrupted (F7 in the window)$"
expect_eq "F7: title" "$(cat "$R/c.title_f7" 2>/dev/null)" "loop.dasm - in the debugger - d16"
expect_eq "F10 while running: 0" "$(cat "$R/c.status" 2>/dev/null)" 0
if [ -s "$R/c.err" ]; then fail "F10: stderr not empty: $(head -c 300 "$R/c.err")"; fi

# d: SIGINT.
expect_grep "SIGINT stops in the debugger" "$R/d.out" "^stopped: interrupted (Ctrl-C)$"
expect_eq "SIGINT, then quit: 130" "$(cat "$R/d.status" 2>/dev/null)" 130

if [ "$failures" -ne 0 ]; then
    echo "--- xvfb-run log" >&2
    cat "$T/xvfb.log" >&2
fi
finish
