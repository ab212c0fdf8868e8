#!/bin/sh
# hostinsn.sh — make bench: host instructions per guest instruction, counted by callgrind
# (exact and repeatable, unlike times on a shared machine).
#
#   sh bench/hostinsn.sh BENCH CYCLES IMAGE...
#
# Each IMAGE runs for CYCLES emulated cycles (or to its halt) under callgrind; the host
# instructions of the whole process (start-up included, a fraction of a percent) are
# divided by the guest instructions bench/bench reports.
set -eu
bench=$1
cycles=$2
shift 2
if ! command -v valgrind >/dev/null 2>&1; then
    echo "host/guest not measured: valgrind is missing (apt-get install valgrind)"
    exit 0
fi
out=$(mktemp)
trap 'rm -f "$out" "$out.cg"' EXIT
for image in "$@"; do
    valgrind --tool=callgrind --callgrind-out-file="$out.cg" "$bench" -c "$cycles" "$image" \
        >"$out" 2>/dev/null
    guest=$(awk 'NR == 2 { print $2 }' "$out")
    host=$(sed -n 's/^summary: *//p' "$out.cg")
    awk -v g="$guest" -v h="$host" -v i="$image" 'BEGIN {
        printf "host/guest %6.2f host instructions per guest instruction  %s (%d guest, %d host)\n",
               h / g, i, g, h }'
done
