#!/bin/sh
# tty.sh — d16 --tty in a real terminal: tmux runs it in a detached pane, send-keys types,
# capture-pane (-e: with colours) shows what a person would see. Checked: the monitor's
# banner and status line, typed text, the colours of `demo colors` at 24-bit, 256 and 8
# colours, ASCII mode, F8 pause (keys meanwhile go nowhere), halt, quitting with F10 and
# Ctrl-], a too-small terminal, SIGTERM and a crash signal, no ncursesw to load, and each
# time the terminal as it was before (stty settings, normal screen, cursor shown).
# Skipped (77) without tmux.
# Waits poll the pane with an overall bound; nothing depends on how fast d16 is.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
    echo "tmux not found: skipping the terminal tests" >&2
    exit 77
fi
# A sanitizer build: curses' one-time allocations are not the test's business.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

SOCK="$T/tmux.sock"
tm() { tmux -S "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT

# A terminal with 24-bit colour, compiled here: the stock terminfo has none for tmux.
mkdir -p "$T/terminfo"
cat >"$T/direct.ti" <<'TI'
d16-direct|tmux-256color with 24-bit colour,
	RGB, colors#0x1000000, pairs#0x10000,
	setaf=\E[38;2;%p1%{65536}%/%d;%p1%{256}%/%{255}%&%d;%p1%{255}%&%dm,
	setab=\E[48;2;%p1%{65536}%/%d;%p1%{256}%/%{255}%&%d;%p1%{255}%&%dm,
	use=tmux-256color,
TI
tic -x -o "$T/terminfo" "$T/direct.ti" 2>"$T/tic.err" || fail "tic: $(cat "$T/tic.err")"

# start NAME TERM ARGS...: d16 ARGS in an 80×24 pane of its own; after it ends the pane
# records its status ($T/NAME.status), the stty settings before and after, and says
# "after d16".
start() {
    _n=$1
    _term=$2
    shift 2
    {
        echo 'stty -g >"$1.before"'
        echo 'p=$1; shift'
        echo 'sh -c '\''echo $$ >"$0.pid"; exec "$@"'\'' "$p" "$@" 2>"$p.err"'
        echo 'echo $? >"$p.st"; stty -g >"$p.after"; mv "$p.st" "$p.status"'
        echo 'echo "after d16"; exec sleep 600'
    } >"$T/$_n.sh"
    tm new-session -d -s "$_n" -x 80 -y 24 \
        env -u DISPLAY -u WAYLAND_DISPLAY LANG=C.UTF-8 TERMINFO="$T/terminfo" TERM="$_term" \
        sh "$T/$_n.sh" "$T/$_n" "$D16" "$@"
}

pane() { tm capture-pane -p -t "$1"; }
pane_e() { tm capture-pane -p -e -t "$1"; }

# wait_for NAME PATTERN: until the pane shows a line matching PATTERN (30 s at most).
wait_for() {
    _i=0
    while [ $_i -lt 300 ]; do
        pane "$1" | grep -q -e "$2" && return 0
        sleep 0.1
        _i=$((_i + 1))
    done
    return 1
}

expect_screen() {
    if wait_for "$1" "$2"; then
        pass "$1: shows '$2'"
    else
        fail "$1: never showed '$2'; the pane: $(pane "$1")"
    fi
}

# ended NAME STATUS: d16 exited with STATUS and left the terminal as it found it.
ended() {
    _i=0
    while [ ! -f "$T/$1.status" ] && [ $_i -lt 300 ]; do
        sleep 0.1
        _i=$((_i + 1))
    done
    if [ ! -f "$T/$1.status" ]; then
        fail "$1: d16 did not end; the pane: $(pane "$1")"
        return
    fi
    expect_eq "$1: exit status" "$(cat "$T/$1.status")" "$2"
    expect_eq "$1: stty settings restored" "$(cat "$T/$1.after")" "$(cat "$T/$1.before")"
    expect_screen "$1" "after d16$"
    expect_eq "$1: normal screen, cursor shown" \
        "$(tm display -p -t "$1" '#{alternate_on} #{cursor_flag}')" "0 1"
    if pane "$1" | grep -q "F10 quit"; then
        fail "$1: the status line is still there: $(pane "$1")"
    fi
}

# ---- the monitor at 256 colours: banner, status line, typing, colours, pause, quit
start mon tmux-256color --tty
expect_screen mon "d16 monitor 1.0"
expect_screen mon "built-in ROM | 100 kHz  *F1 help  F8 pause  F10 quit$"
expect_screen mon "type help and press Return"
tm send-keys -t mon "echo hi there" Enter
expect_screen mon "^ *hi there *$"
tm send-keys -t mon "demo colors" Enter
expect_screen mon "f white"
pane_e mon >"$T/mon.colours"
# Light blue (palette 9, 0x55f) on the nearest xterm colour, the border dark blue.
expect_grep "mon: light blue at 256 colours" "$T/mon.colours" "48;5;63m 9 light blue"
expect_grep "mon: yellow at 256 colours" "$T/mon.colours" "48;5;227m e yellow"
expect_grep "mon: the border" "$T/mon.colours" "48;5;19m  "
tm send-keys -t mon F8
expect_screen mon "built-in ROM | paused  *F1 help"
tm send-keys -t mon "echo zz"
tm send-keys -t mon F8
expect_screen mon "built-in ROM | 100 kHz  *F1 help"
tm send-keys -t mon "echo resumed" Enter
expect_screen mon "^ *resumed *$"
if pane mon | grep -q zz; then
    fail "mon: keys typed while paused reached the guest"
else
    pass "mon: keys typed while paused go nowhere"
fi
tm send-keys -t mon F10
ended mon 0
expect_screen mon "^resumed$" # the console's output, on stdout once the picture has gone

# ---- 24-bit colour where terminfo says the terminal has it; the default front end
start direct d16-direct
expect_screen direct "built-in ROM | 100 kHz"
tm send-keys -t direct "demo colors" Enter
expect_screen direct "f white"
pane_e direct >"$T/direct.colours"
expect_grep "direct: light blue at 24 bits" "$T/direct.colours" "48;2;85;85;255m 9 light blue"
expect_grep "direct: brown at 24 bits" "$T/direct.colours" "48;2;170;85;0m 6 brown"
tm send-keys -t direct C-]
ended direct 0

# ---- 8 colours (TERM=tmux) and ASCII: the nearest standard colours, ASCII glyphs
start eight tmux --tty=ascii
expect_screen eight "built-in ROM | 100 kHz"
tm send-keys -t eight "demo font" Enter
expect_screen eight '%%%%+/\.-|+++++++++/.####\.:#####'
tm send-keys -t eight "demo colors" Enter
expect_screen eight "f white"
pane_e eight >"$T/eight.colours"
expect_grep "eight: dark cyan at 8 colours" "$T/eight.colours" "46m 3 dark cyan"
if grep -q "38;5\|48;5\|38;2\|48;2" "$T/eight.colours"; then
    fail "eight: colours beyond the 8 the terminal has"
else
    pass "eight: only the terminal's 8 colours"
fi
# The font's graphics as Unicode in a UTF-8 locale, elsewhere.
start glyphs tmux-256color --tty
expect_screen glyphs "type help"
tm send-keys -t glyphs "demo font" Enter
expect_screen glyphs "─│┌┐┘└├┬┤┴┼╱╲◣◤◥◢░▒▓▀▄▐▌█"

# ---- a too-small terminal says so, then the picture comes back
tm resize-window -t glyphs -x 30 -y 10
expect_screen glyphs "too small"
tm resize-window -t glyphs -x 80 -y 24
expect_screen glyphs "built-in ROM | 100 kHz"
tm send-keys -t glyphs "halt 3" Enter
expect_screen glyphs "halted, status 3"
tm send-keys -t glyphs F10
ended glyphs 3
tm send-keys -t eight F10
ended eight 0

# ---- a program that waits only for the keyboard keeps waiting for the terminal's keys
# (live input, docs/machine.md §6) and gets them: it halts with the first key typed
# (Ctrl-D: Control, then 'd' held, nothing typed; so the first typed key is '!').
cat >"$T/waitkey.dasm" <<'DASM'
        IAS on_key
        SET [0xff32], 1                 ; keyboard INTMSG
idle:   SET PC, idle
on_key: SET A, [0xff31]                 ; KEY
        IFE A, 0
            RFI 0
        SET [0xff07], A                 ; LOG: shown in the console area
        SET [0xff02], A                 ; halt with the key's code
DASM
start waitkey tmux-256color --tty "$T/waitkey.dasm"
expect_screen waitkey "waitkey.dasm | 100 kHz"
tm send-keys -t waitkey C-d "!"
expect_screen waitkey "waitkey.dasm | halted, status 33"
expect_screen waitkey "^log: 0x0021"
tm send-keys -t waitkey F10
ended waitkey 33
expect_grep "waitkey: the log on stderr at the end" "$T/waitkey.err" "^log: 0x0021$"

# ---- a fault: the status line says so; after the quit, the report and status 125
printf 'DAT 0\n' >"$T/fault.dasm" # special opcode 0: undefined
start fault tmux-256color --tty "$T/fault.dasm"
expect_screen fault "fault.dasm | fault: illegal instruction at PC 0x0000 *F5 reset  F10 quit$"
tm send-keys -t fault F10
ended fault 125
expect_grep "fault: the report on stderr" "$T/fault.err" "PC"

# ---- a terminal without colours: reverse video; one that cannot move its cursor: headless
start mono vt100 --tty
expect_screen mono "built-in ROM | 100 kHz"
tm send-keys -t mono "demo colors" Enter
expect_screen mono "f white"
pane_e mono >"$T/mono.colours"
if grep -q "\[3[0-8]m\|\[4[0-8]m\|;5;\|;2;" "$T/mono.colours"; then
    fail "mono: colours on a terminal without them: $(cat -v "$T/mono.colours" | head -c 300)"
else
    pass "mono: no colours"
fi
expect_grep "mono: light on dark in reverse video" "$T/mono.colours" "7m 7 light grey"
tm send-keys -t mono C-] # vt100 has no F10
ended mono 0
start dumb dumb --tty --max-cycles 100000
ended dumb 124
expect_grep "dumb: why" "$T/dumb.err" "^d16: --tty: TERM=dumb cannot move its cursor; running headless$"

# ---- signals: SIGINT ends with 130 as headless; SIGTERM and a crash signal restore the terminal, then take their course
start int tmux-256color --tty
expect_screen int "built-in ROM | 100 kHz"
kill -INT "$(cat "$T/int.pid")"
ended int 130
start term tmux-256color --tty
expect_screen term "built-in ROM | 100 kHz"
kill -TERM "$(cat "$T/term.pid")"
ended term 143
start crash tmux-256color --tty
expect_screen crash "built-in ROM | 100 kHz"
kill -SEGV "$(cat "$T/crash.pid")"
_i=0
while [ ! -f "$T/crash.status" ] && [ $_i -lt 300 ]; do sleep 0.1; _i=$((_i + 1)); done
status=$(cat "$T/crash.status" 2>/dev/null)
if [ -n "$status" ] && [ "$status" -ne 0 ]; then
    pass "crash: ended by the signal (status $status)"
    ended crash "$status"
else
    fail "crash: status '$status'"
fi

# ---- without a terminal --tty says why and runs headless; --headless stays as it was
echo "echo piped" | "$D16" --tty >"$T/out" 2>"$T/err"
status=$?
expect_status "--tty without a terminal" 0
expect_grep "--tty without a terminal: why" "$T/err" "^d16: --tty: stdin and stdout are not both terminals; running headless$"
expect_grep "--tty without a terminal: the console" "$T/out" "^piped$"

# ---- ncursesw is loaded on first use: where it cannot be (an empty libncursesw.so.6 first
# in the search), --tty refuses in one line, the default at a terminal runs headless
mkdir -p "$T/nolib"
: >"$T/nolib/libncursesw.so.6"
LD_LIBRARY_PATH="$T/nolib" "$D16" --tty </dev/null >"$T/out" 2>"$T/err"
status=$?
expect_status "--tty without ncursesw" 2
expect_lines "--tty without ncursesw: one line" "$T/err" 1
expect_grep "--tty without ncursesw: why" "$T/err" \
    "^d16: --tty: cannot load libncursesw.so.6: .*libncursesw.so.6: file too short$"
printf '#!/bin/sh\nLD_LIBRARY_PATH="%s" exec "%s" "$@"\n' "$T/nolib" "$D16" >"$T/d16-nolib"
chmod +x "$T/d16-nolib"
d16_built=$D16
D16="$T/d16-nolib"
start nolib tmux-256color --max-cycles 100000
D16=$d16_built
ended nolib 124
expect_lines "nolib: one line" "$T/nolib.err" 1
expect_grep "nolib: why" "$T/nolib.err" \
    "^d16: --tty: cannot load libncursesw.so.6: .*file too short; running headless$"

run --tty --headless
expect_status "--tty --headless" 2
expect_grep "--tty --headless: why" "$T/err" "^d16: --tty cannot go with --headless$"
run --tty=wide
expect_status "--tty=wide" 2
start headless tmux-256color --headless --max-cycles 200000
ended headless 124
if grep -q "F10 quit" "$T/headless.err" || pane headless | grep -q "F10 quit"; then
    fail "headless: drew the terminal front end"
else
    pass "headless: no terminal front end"
fi

finish
