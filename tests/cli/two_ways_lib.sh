# two_ways_lib.sh — a switch that must change nothing but speed (sourced after lib.sh by
# idle_skip.sh and jit.sh): a ROM runs with and without the switch, and both runs must agree
# on the exit status, stdout, stderr, the --dump-state JSON (registers, cycles) and the
# --dump-ram image.

# rom_header ROM NAME: the values of the ROM's "; d16-NAME: ..." lines (run-rom's headers)
rom_header() {
    sed -n "s/^;[[:space:]]*d16-$2:[[:space:]]*//p" "$1" | sed "s|@DIR@|$(dirname "$1")|g"
}

# two_ways WHAT SWITCH ROM MAX_CYCLES STDIN FLAGS...: runs ROM headless for at most
# MAX_CYCLES, without SWITCH and with it; compares. WHAT names the switch in messages.
two_ways() {
    _what=$1 _switch=$2 _rom=$3 _max=$4 _in=$5
    shift 5
    for _mode in on off; do
        _extra=
        [ "$_mode" = off ] && _extra=$_switch
        # shellcheck disable=SC2086
        "$D16" --headless --max-cycles "$_max" $_extra --dump-state "$T/state.$_mode" \
            --dump-ram "$T/ram.$_mode" "$@" "$_rom" <"$_in" >"$T/out.$_mode" 2>"$T/err.$_mode"
        echo $? >"$T/status.$_mode"
    done
    _name=${_rom#"$D16_SRCDIR"/}
    for _part in status out err state ram; do
        if ! cmp -s "$T/$_part.on" "$T/$_part.off"; then
            fail "$_name: $_part differs with and without $_what"
            return
        fi
    done
    pass "$_name: same $(sed 's/.*"cycles": \([0-9]*\).*"halt_reason": "\([a-z-]*\)".*/\1 cycles, \2/' \
        "$T/state.on") either way"
}
