#!/bin/sh
# classic_end.sh — the classic end of docs/machine.md §6 device by device: a self-jump ends
# the run (status 0) only while nothing can ever interrupt it — IA = 0, or an empty queue and
# no device that can still raise an interrupt; otherwise the program keeps spinning until
# the interrupt comes (its handler halts with a status) or --max-cycles.
. "$(dirname "$0")/lib.sh"

# ends NAME SOURCE REASON STATUS [D16 FLAGS...]: SOURCE (printf escapes) ends with REASON
# ("classic-end", "halt", "max-cycles") and exit STATUS. Handlers halt with 5 or 6.
ends() {
    _name=$1 _src=$2 _reason=$3 _status=$4
    shift 4
    # shellcheck disable=SC2059
    printf "$_src" >"$T/p.dasm"
    rm -f "$T/s.json"
    run --headless --max-cycles 300000 --dump-state "$T/s.json" "$@" "$T/p.dasm"
    expect_status "$_name" "$_status"
    expect_json "$_name" "$T/s.json" halt_reason "$_reason"
}

ends "IA = 0 with a running timer that has a message" \
    'IAS 0\nSET [0xff20], 1\nSET [0xff22], 7\nSUB PC, 1\n' classic-end 0
ends "timer message and IA set: the tick comes" \
    'IAS h\nSET [0xff20], 1\nSET [0xff22], 7\nSUB PC, 1\nh: SET [0xff02], 5\n' halt 5
# A stopped timer can never tick, whatever its message.
ends "timer message but the timer stopped" \
    'IAS h\nSET [0xff20], 0\nSET [0xff22], 7\nSUB PC, 1\nh: SET [0xff02], 5\n' classic-end 0
ends "timer message, stopped through HWI" \
    'IAS h\nSET A, 0\nSET B, 0\nHWI 2\nSET A, 2\nSET B, 7\nHWI 2\nSUB PC, 1\nh: SET [0xff02], 5\n' \
    classic-end 0
ends "timer stopped and its message cleared" \
    'IAS h\nSET [0xff20], 0\nSET [0xff22], 7\nSET [0xff22], 0\nSUB PC, 1\nh: SET [0xff02], 5\n' \
    classic-end 0
ends "vblank message: the frame comes" \
    'IAS h\nSET [0xff45], 7\nSUB PC, 1\nh: SET [0xff02], 6\n' halt 6
# Headless with no script and no --stdin-keys, no key can come.
ends "keyboard message, no input to come" \
    'IAS h\nSET [0xff32], 7\nSUB PC, 1\nh: SET [0xff02], 6\n' classic-end 0
ends "keyboard message set through HWI, no input to come" \
    'IAS h\nSET A, 3\nSET B, 7\nHWI 1\nSUB PC, 1\nh: SET [0xff02], 6\n' classic-end 0
printf '5000 key 0x41\n' >"$T/k.txt"
ends "keyboard message and a scripted key: its interrupt comes" \
    'IAS h\nSET [0xff32], 7\nSUB PC, 1\nh: SET [0xff02], 6\n' halt 6 --keys "$T/k.txt"
ends "keyboard message through HWI and a scripted key" \
    'IAS h\nSET A, 3\nSET B, 7\nHWI 1\nSUB PC, 1\nh: SET [0xff02], 6\n' halt 6 --keys "$T/k.txt"
ends "scripted key pending, no keyboard message: it cannot interrupt" \
    'IAS h\nSUB PC, 1\nh: SET [0xff02], 6\n' classic-end 0 --keys "$T/k.txt"
expect_json "ends at once" "$T/s.json" cycles 3
ends "console message with input ended (/dev/null)" \
    'IAS h\nSET [0xff12], 7\nSUB PC, 1\nh: SET [0xff02], 6\n' classic-end 0
ends "console message through HWI with input ended (/dev/null)" \
    'IAS h\nSET A, 2\nSET B, 7\nHWI 3\nSUB PC, 1\nh: SET [0xff02], 6\n' classic-end 0
ends "console input ended and its message cleared" \
    'IAS h\nSET [0xff12], 7\nSET [0xff12], 0\nSUB PC, 1\nh: SET [0xff02], 6\n' classic-end 0
printf 'x' >"$T/in.txt"
printf 'IAS h\nSET [0xff12], 7\nSUB PC, 1\nh: SET [0xff02], 6\n' >"$T/p.dasm"
run_in "$T/in.txt" --headless --max-cycles 300000 "$T/p.dasm"
expect_status "console message with a byte waiting: its interrupt comes" 6
printf 'IAS h\nSET X, [0xff11]\nSET [0xff12], 7\nSUB PC, 1\nh: SET [0xff02], 6\n' >"$T/p.dasm"
run_in "$T/in.txt" --headless --max-cycles 300000 "$T/p.dasm"
expect_status "console message after the last byte was read" 0
ends "a message held in the queue (IAQ 1)" \
    'IAS h\nIAQ 1\nINT 5\nSUB PC, 1\nh: SET [0xff02], 6\n' max-cycles 124
ends "SET PC, here with IA set and no device message" \
    'IAS h\nSET PC, here\nhere: SET PC, here\nh: SET [0xff02], 6\n' classic-end 0
ends "a self-jump that changes EX first runs once more" \
    'SET EX, 5\nSUB PC, 1\n' classic-end 0
expect_json "the second SUB PC, 1 ends it" "$T/s.json" cycles 5

finish
