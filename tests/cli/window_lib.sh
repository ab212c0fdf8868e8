# window_lib.sh — helpers for the window tests (tests/cli/window*.sh), sourced by their
# drive scripts inside xvfb-run. Each drive script sets D16 (the program) and R (a directory
# for results: exit statuses, titles, output) before sourcing this.
#
#   start NAME TITLE ARGS...   d16 ARGS in the background (stdin: $D16_STDIN or /dev/null),
#                              its window found by a word of its title (wid) and focused
#   finish NAME                waits for it (at most 30 s) and writes $R/NAME.status
#
# The waits are bounds against a hang, never timing checks.

pid=
wid=

# launch NAME ARGS...: starts d16 in the background; output in $R/NAME.out and .err.
launch() {
    _name=$1
    shift
    # A sanitizer build: SDL unloads the X libraries it opened, and their one-time
    # allocations then show as leaks in modules LeakSanitizer can neither name nor
    # suppress; leak checks stay with the headless tests, ASan's other checks stay on.
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
        "$D16" "$@" >"$R/$_name.out" 2>"$R/$_name.err" <"${D16_STDIN:-/dev/null}" &
    pid=$!
}

# find_window TITLE: wid is the window with a word of TITLE in its title (empty after at
# most six tries of 10 s), focused. A try can also end at once, empty: xdotool gives up
# with BadWindow when some window (another program's, or SDL's own) goes away while it
# walks the window tree; then it tries again.
find_window() {
    wid=
    _try=0
    while [ -z "$wid" ] && [ $_try -lt 6 ]; do
        wid=$(timeout 10 xdotool search --sync --onlyvisible --name "$1" | head -n 1)
        _try=$((_try + 1))
        [ -z "$wid" ] && sleep 0.2
    done
    [ -n "$wid" ] && timeout 10 xdotool windowfocus --sync "$wid"
}

start() {
    _start_name=$1
    _title=$2
    shift 2
    launch "$_start_name" "$@"
    find_window "$_title"
}

# finish NAME: waits for d16 to end (killing it after 30 s) and records its exit status.
finish() {
    rm -f "$R/.ended"
    (
        _i=0
        while [ ! -e "$R/.ended" ] && [ $_i -lt 150 ]; do
            sleep 0.2
            _i=$((_i + 1))
        done
        [ -e "$R/.ended" ] || kill -9 "$pid" 2>/dev/null
    ) &
    _watchdog=$!
    wait "$pid"
    echo $? >"$R/$1.status"
    : >"$R/.ended"
    wait "$_watchdog"
}

# alive: d16 still runs (ps shows no zombie: kill -0 would).
alive() {
    case $(ps -o stat= -p "$pid" 2>/dev/null) in
    "" | Z*) return 1 ;;
    esac
}

same_pixels() {
    if command -v compare >/dev/null 2>&1; then
        compare -metric AE "$1" "$2" null: 2>/dev/null
    else
        cmp -s "$1" "$2"
    fi
}

# wait_for FILE PATTERN: until FILE has a line matching PATTERN (at most 30 s); false if not.
wait_for() {
    _i=0
    while ! grep -q -e "$2" "$1" 2>/dev/null; do
        [ $_i -ge 300 ] && return 1
        sleep 0.1
        _i=$((_i + 1))
    done
}

# wait_for_title TEXT: until the window's title is TEXT (at most 30 s); false if not.
wait_for_title() {
    _i=0
    while [ "$(xdotool getwindowname "$wid" 2>/dev/null)" != "$1" ]; do
        [ $_i -ge 300 ] && return 1
        sleep 0.1
        _i=$((_i + 1))
    done
}
