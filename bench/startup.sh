#!/bin/sh
# startup.sh — make bench: d16's start-up time and peak memory.
#
#   sh bench/startup.sh D16 TINY_IMAGE BIG_IMAGE...
#
# Start-up: the best of 3 rounds of 100 runs of `d16 --headless TINY_IMAGE` (an image that
# halts at once), in milliseconds per run, process creation included. Peak RSS: the maximum
# resident set size /usr/bin/time -v reports for TINY_IMAGE and each BIG_IMAGE (those run
# for at most 10^8 cycles; ending at the cycle limit is expected).
set -eu
d16=$1
tiny=$2
shift 2

now_ns() { date +%s%N; }

best=
for round in 1 2 3; do
    start=$(now_ns)
    i=0
    while [ $i -lt 100 ]; do
        "$d16" --headless "$tiny" || { echo "startup: $d16 --headless $tiny failed" >&2; exit 1; }
        i=$((i + 1))
    done
    ns=$(( $(now_ns) - start ))
    if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then best=$ns; fi
done
awk -v ns="$best" 'BEGIN { printf "start-up   %.2f ms per run of d16 --headless (best of 3 x 100 runs)\n", ns / 100 / 1e6 }'

if [ ! -x /usr/bin/time ]; then
    echo "peak RSS   not measured: /usr/bin/time is missing (apt-get install time)"
    exit 0
fi
report=$(mktemp)
trap 'rm -f "$report"' EXIT
for image in "$tiny" "$@"; do
    /usr/bin/time -v -o "$report" "$d16" --headless --max-cycles 100000000 "$image" \
        >/dev/null 2>&1 || true
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$report")
    printf 'peak RSS   %s kB  d16 --headless %s\n' "$kb" "$image"
done
