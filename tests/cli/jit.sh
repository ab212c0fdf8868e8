#!/bin/sh
# jit.sh — the translator of hot blocks changes nothing but speed (issue 19; `--no-jit`
# keeps the interpreter): every ROM of tests/roms and roms/ (the demos and drivers, with a
# few typed keys so their interrupt handlers run) and every benchmark image of bench/ (hot
# loops: what gets translated) runs twice, as it is and with --no-jit, for a bounded number
# of cycles, and both runs must agree on the exit status, stdout, stderr, the --dump-state
# JSON (registers, cycles) and the --dump-ram image. Where no translator is built both
# runs take the interpreter and agree trivially.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/two_ways_lib.sh"

for rom in "$D16_SRCDIR"/tests/roms/*.dasm; do
    in=$(rom_header "$rom" stdin | head -n 1)
    # shellcheck disable=SC2046
    two_ways "the translator" --no-jit "$rom" 200000000 "${in:-/dev/null}" \
        $(rom_header "$rom" flags)
done
for rom in "$D16_SRCDIR"/roms/*.dasm "$D16_SRCDIR"/roms/drivers/*.dasm; do
    two_ways "the translator" --no-jit "$rom" 20000000 /dev/null --type 'ab c\n'
done
for rom in "$D16_SRCDIR"/bench/*.dasm; do
    two_ways "the translator" --no-jit "$rom" 20000000 /dev/null
done
finish
