#!/bin/sh
# idle_skip.sh — the idle skip changes nothing but speed (docs/machine.md, "Interrupts: Waiting"):
# every ROM of tests/roms and roms/ (the demos and drivers, with a few typed keys so their
# interrupt handlers run) runs twice, with the skip and with --no-idle-skip, and both runs
# must agree on the exit status, stdout, stderr, the --dump-state JSON (registers, cycles)
# and the --dump-ram image. Plus: wait_timer.dasm's ten emulated minutes of waiting end in
# a halt with status 0 both ways.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/two_ways_lib.sh"

for rom in "$D16_SRCDIR"/tests/roms/*.dasm; do
    in=$(rom_header "$rom" stdin | head -n 1)
    # shellcheck disable=SC2046
    two_ways "the idle skip" --no-idle-skip "$rom" 200000000 "${in:-/dev/null}" \
        $(rom_header "$rom" flags)
done
for rom in "$D16_SRCDIR"/roms/*.dasm "$D16_SRCDIR"/roms/drivers/*.dasm; do
    two_ways "the idle skip" --no-idle-skip "$rom" 3000000 /dev/null --type 'ab c\n'
done

run --headless --dump-state "$T/state" "$D16_SRCDIR/tests/roms/wait_timer.dasm"
expect_status "wait_timer: ten minutes" 0
finish
