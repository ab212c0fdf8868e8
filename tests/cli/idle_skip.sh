#!/bin/sh
# idle_skip.sh — the idle skip changes nothing but speed (docs/machine.md, "Interrupts: Waiting"):
# every ROM of tests/roms and roms/ (the demos and drivers, with a few typed keys so their
# interrupt handlers run) runs twice, with the skip and with --no-idle-skip, and both runs
# must agree on the exit status, stdout, stderr, the --dump-state JSON (registers, cycles)
# and the --dump-ram image. Plus: wait_timer.dasm's ten emulated minutes of waiting end in
# a halt with status 0 both ways.
. "$(dirname "$0")/lib.sh"

# header ROM NAME: the values of the ROM's "; d16-NAME: ..." lines (run-rom's headers)
header() {
    sed -n "s/^;[[:space:]]*d16-$2:[[:space:]]*//p" "$1" | sed "s|@DIR@|$(dirname "$1")|g"
}

# both ROM MAX_CYCLES STDIN FLAGS...: runs ROM with the skip and without; compares.
both() {
    _rom=$1 _max=$2 _in=$3
    shift 3
    for _mode in on off; do
        _extra=
        [ "$_mode" = off ] && _extra=--no-idle-skip
        # shellcheck disable=SC2086
        "$D16" --headless --max-cycles "$_max" $_extra --dump-state "$T/state.$_mode" \
            --dump-ram "$T/ram.$_mode" "$@" "$_rom" <"$_in" >"$T/out.$_mode" 2>"$T/err.$_mode"
        echo $? >"$T/status.$_mode"
    done
    _name=${_rom#"$D16_SRCDIR"/}
    for _what in status out err state ram; do
        if ! cmp -s "$T/$_what.on" "$T/$_what.off"; then
            fail "$_name: $_what differs with and without the idle skip"
            return
        fi
    done
    pass "$_name: same $(sed 's/.*"cycles": \([0-9]*\).*"halt_reason": "\([a-z-]*\)".*/\1 cycles, \2/' \
        "$T/state.on") either way"
}

for rom in "$D16_SRCDIR"/tests/roms/*.dasm; do
    in=$(header "$rom" stdin | head -n 1)
    # shellcheck disable=SC2046
    both "$rom" 200000000 "${in:-/dev/null}" $(header "$rom" flags)
done
for rom in "$D16_SRCDIR"/roms/*.dasm "$D16_SRCDIR"/roms/drivers/*.dasm; do
    both "$rom" 3000000 /dev/null --type 'ab c\n'
done

run --headless --dump-state "$T/state" "$D16_SRCDIR/tests/roms/wait_timer.dasm"
expect_status "wait_timer: ten minutes" 0
finish
