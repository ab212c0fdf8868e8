#!/bin/sh
# classic_end.sh — the classic end of machine.md §6 device by device: a self-jump ends the
# run (status 0) only while nothing can ever interrupt it; otherwise the program keeps
# spinning until the interrupt comes (its handler halts with a status) or --max-cycles.
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
# machine.md §6 asks that no device has a message set: a stopped timer's message counts.
ends "timer message but the timer stopped" \
    'IAS h\nSET [0xff20], 0\nSET [0xff22], 7\nSUB PC, 1\nh: SET [0xff02], 5\n' max-cycles 124
ends "timer stopped and its message cleared" \
    'IAS h\nSET [0xff20], 0\nSET [0xff22], 7\nSET [0xff22], 0\nSUB PC, 1\nh: SET [0xff02], 5\n' \
    classic-end 0
ends "vblank message: the frame comes" \
    'IAS h\nSET [0xff45], 7\nSUB PC, 1\nh: SET [0xff02], 6\n' halt 6
ends "keyboard message: a key may still come" \
    'IAS h\nSET [0xff32], 7\nSUB PC, 1\nh: SET [0xff02], 6\n' max-cycles 124
printf '5000 key 0x41\n' >"$T/k.txt"
ends "keyboard message and a scripted key: its interrupt comes" \
    'IAS h\nSET [0xff32], 7\nSUB PC, 1\nh: SET [0xff02], 6\n' halt 6 --keys "$T/k.txt"
ends "scripted key pending, no keyboard message: ends once it is played" \
    'IAS h\nSUB PC, 1\nh: SET [0xff02], 6\n' classic-end 0 --keys "$T/k.txt"
expect_json "ends once the script is played" "$T/s.json" cycles 5003
ends "console message with input ended (/dev/null)" \
    'IAS h\nSET [0xff12], 7\nSUB PC, 1\nh: SET [0xff02], 6\n' max-cycles 124
ends "console input ended and its message cleared" \
    'IAS h\nSET [0xff12], 7\nSET [0xff12], 0\nSUB PC, 1\nh: SET [0xff02], 6\n' classic-end 0
ends "a message held in the queue (IAQ 1)" \
    'IAS h\nIAQ 1\nINT 5\nSUB PC, 1\nh: SET [0xff02], 6\n' max-cycles 124
ends "SET PC, here with IA set and no device message" \
    'IAS h\nSET PC, here\nhere: SET PC, here\nh: SET [0xff02], 6\n' classic-end 0
ends "a self-jump that changes EX first runs once more" \
    'SET EX, 5\nSUB PC, 1\n' classic-end 0
expect_json "the second SUB PC, 1 ends it" "$T/s.json" cycles 5

finish
