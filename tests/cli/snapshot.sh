#!/bin/sh
# snapshot.sh — save states (docs/snapshot.md): for every ROM of tests/roms and roms/, running
# N cycles, saving, loading and running on to cycle E gives exactly what running to E does
# (--dump-state, --dump-ram, --dump-screen, console output, exit status), at several N. The
# loaded run gets no flags but --load-state: the snapshot carries the profile, the clock,
# the flags that shape the machine and the scripted input still to come. Console input is
# given as --keys `console` lines, which a snapshot carries too (stdin is not part of one).
. "$(dirname "$0")/lib.sh"

CAP=2000000 # cycles for ROMs that never end (the games and demos of roms/)

header() { # header ROM NAME: the values of "; d16-NAME: ..." lines, @DIR@ replaced
    sed -n "s/^;[[:space:]]*d16-$2:[[:space:]]*//p" "$1" | sed "s|@DIR@|$(dirname "$1")|g"
}

# console_keys FILE: the bytes of FILE as --keys console lines at cycle 0, then its end.
console_keys() {
    od -An -v -tx1 "$1" | tr -s ' ' '\n' | sed -n 's/^\(..\)$/0 console 0x\1/p'
    echo "0 console end"
}

# direct NAME E: runs the ROM straight to cycle E.
direct() {
    # shellcheck disable=SC2086
    "$D16" --headless $flags "$rom" --max-cycles "$2" --dump-state "$T/$1.json" \
        --dump-ram "$T/$1.ram" --dump-screen >"$T/$1.out" 2>/dev/null <"$stdin"
    echo $? >"$T/$1.status"
}

# split NAME N E: runs to N saving the state, then from the state to E (with the same
# --disk flags: the disk is the run's, the snapshot holds what --disk-snapshot kept).
split() {
    # shellcheck disable=SC2086
    "$D16" --headless $flags "$rom" --max-cycles "$2" --save-state "$T/$1.state" \
        >"$T/$1.first" 2>"$T/$1.err" <"$stdin"
    # shellcheck disable=SC2086
    "$D16" --headless $disk_flags --load-state "$T/$1.state" --max-cycles "$3" --dump-state "$T/$1.json" \
        --dump-ram "$T/$1.ram" --dump-screen >"$T/$1.out" 2>>"$T/$1.err" </dev/null
    echo $? >"$T/$1.status"
    cat "$T/$1.first" "$T/$1.out" >"$T/$1.all"
}

same() { # same WHAT A B: the split run B ended exactly as the direct run A
    if cmp -s "$T/$2.json" "$T/$3.json" && cmp -s "$T/$2.ram" "$T/$3.ram" &&
        cmp -s "$T/$2.out" "$T/$3.all" && cmp -s "$T/$2.status" "$T/$3.status"; then
        pass "$1"
    else
        fail "$1: $(cat "$T/$3.json" "$T/$3.err") differs from $(cat "$T/$2.json")"
    fi
}

for rom in "$D16_SRCDIR"/tests/roms/*.dasm "$D16_SRCDIR"/roms/*.dasm; do
    name=$(basename "$rom")
    flags=$(header "$rom" flags | tr '\n' ' ')
    disk_flags=$(echo "$flags" | tr ' ' '\n' | sed -n '/^--disk/{p;/^--disk$/{n;p}}' | tr '\n' ' ')
    stdin=$(header "$rom" stdin | head -n 1)
    [ -n "$stdin" ] || stdin=/dev/null
    # The console's input becomes --keys lines (with --stdin-keys stdin is the keyboard's).
    case "$flags" in *--stdin-keys*) ;; *)
        if [ "$stdin" != /dev/null ]; then
            console_keys "$stdin" >"$T/keys"
            keys=$(echo "$flags" | sed -n 's/.*--keys \([^ ]*\).*/\1/p')
            [ -n "$keys" ] && cat "$keys" >>"$T/keys"
            flags="$(echo "$flags" | sed 's/--keys [^ ]*//') --keys $T/keys"
            stdin=/dev/null
        fi ;;
    esac
    direct end "$CAP"
    end=$(json "$T/end.json" cycles)
    for n in 1 $((end / 3)) $((end * 2 / 3)); do
        [ "$n" -ge 1 ] || n=1
        mid=$((n + (end - n) / 2 + 1))
        direct mid "$mid"
        split split "$n" "$mid"
        same "$name: save at $n, load, run to $mid" mid split
        split split "$n" "$CAP"
        same "$name: save at $n, load, run to the end ($end)" end split
    done
done

disk_flags=

# --save-state-at saves on the way and the run goes on: the state equals a run to N.
rom="$D16_SRCDIR/tests/roms/timer.dasm"
"$D16" --headless "$rom" --save-state-at 30000 --save-state "$T/at.state" --max-cycles 40000 \
    >/dev/null 2>"$T/err" </dev/null
expect_eq "--save-state-at: the run goes on to --max-cycles" "$?" 124
expect_grep "--save-state-at says so" "$T/err" "state at cycle 30000 saved to"
"$D16" --headless "$rom" --max-cycles 30000 --save-state "$T/n.state" >/dev/null 2>&1 </dev/null
run --headless --load-state "$T/at.state" --max-cycles 90000 --dump-state "$T/a.json" --dump-ram "$T/a.ram"
run --headless --load-state "$T/n.state" --max-cycles 90000 --dump-state "$T/b.json" --dump-ram "$T/b.ram"
if cmp -s "$T/a.json" "$T/b.json" && cmp -s "$T/a.ram" "$T/b.ram"; then
    pass "--save-state-at 30000 is the state of --max-cycles 30000"
else
    fail "--save-state-at 30000 differs: $(cat "$T/a.json") vs $(cat "$T/b.json")"
fi

# --max-cycles counts on from the saved cycle: the loaded run stops at once below it.
run --headless --load-state "$T/n.state" --max-cycles 100 --dump-state "$T/c.json"
expect_status "--max-cycles below the saved cycle" 124
[ "$(json "$T/c.json" cycles)" -ge 30000 ] && pass "no cycle ran: $(json "$T/c.json" cycles)" || fail "cycles went back: $(cat "$T/c.json")"

# Bad snapshots: exit 2 and one line naming the file and its own reason; nothing runs.
"$D16" --headless "$rom" --max-cycles 5000 --save-state "$T/good.state" >/dev/null 2>&1 </dev/null
size=$(wc -c <"$T/good.state" | tr -d ' ')
bad() { # bad WHAT FILE PATTERN [FLAGS...]: loading FILE fails with one line matching PATTERN
    _what=$1 _file=$2 _pattern=$3
    shift 3
    run --headless "$@" --load-state "$_file" --dump-state "$T/none.json"
    expect_status "$_what" 2
    expect_lines "$_what: one line" "$T/err" 1
    expect_grep "$_what: names the file and the reason" "$T/err" "^d16: $_file: $_pattern"
    [ -e "$T/none.json" ] && fail "$_what: a dump was written" && rm -f "$T/none.json"
}
head -c $((size - 7)) "$T/good.state" >"$T/short.state"
bad "truncated" "$T/short.state" "truncated: the header promises [0-9]* bytes of state, the file has"
head -c 20 "$T/good.state" >"$T/tiny.state"
bad "truncated header" "$T/tiny.state" "truncated: 20 bytes, shorter than the 32-byte header"
cp "$T/good.state" "$T/flip.state"
printf 'X' | dd of="$T/flip.state" bs=1 seek=60000 conv=notrunc 2>/dev/null
bad "corrupt" "$T/flip.state" "corrupt: the checksum does not match"
cp "$T/good.state" "$T/v2.state"
printf '\002' | dd of="$T/v2.state" bs=1 seek=9 conv=notrunc 2>/dev/null
bad "wrong version" "$T/v2.state" "snapshot format version 2, but this d16 reads only version 1"
bad "wrong profile" "$T/good.state" "wrong profile: the snapshot is of a d16 machine, this one is dcpu16" \
    --machine dcpu16
bad "wrong clock" "$T/good.state" "wrong profile: the snapshot's clock is 100000 Hz, this machine's 200000 Hz" \
    --clock 200000
bad "not a snapshot" "$rom" "not a d16 snapshot"
bad "missing" "$T/nothing.state" "cannot read: No such file or directory"
run --headless --load-state "$T/good.state" "$rom"
expect_status "--load-state with an image" 2
expect_grep "... says they exclude each other" "$T/err" "--load-state replaces IMAGE"

# The disk: a snapshot names it, and refuses another one or none.
rom="$D16_SRCDIR/tests/roms/floppy.dasm"
"$D16" --headless --disk "$T/a.img" --disk-new --disk-snapshot "$rom" --max-cycles 40000 \
    --save-state "$T/disk.state" >/dev/null 2>&1 </dev/null
bad "another disk" "$T/disk.state" "wrong machine: the saved machine's disk is $T/a.img, this one's $T/b.img" \
    --disk "$T/b.img" --disk-new --disk-snapshot
bad "no disk" "$T/disk.state" "wrong profile: the snapshot's machine has the devices DISP KEYB TIMR CONS SYSC M35F, this one DISP KEYB TIMR CONS SYSC"
[ -e "$T/a.img" ] || [ -e "$T/b.img" ] && fail "--disk-snapshot created a file"

# Writes are atomic: an unwritable place leaves nothing behind, and exit 2.
run --headless "$rom" --max-cycles 10 --save-state "$T/no/such/dir.state"
expect_status "--save-state into a missing directory" 2
expect_grep "... names the file" "$T/err" "^d16: $T/no/such/dir.state: cannot write"
ls "$T"/*.tmp* >/dev/null 2>&1 && fail "a temporary file was left behind"

# The debugger: back N is exactly where N fewer instructions would have stopped (with a
# timer interrupting on the way), save and load go through files.
rom="$D16_SRCDIR/tests/roms/timer.dasm"
printf 'step 5000\ncontinue\n' >"$T/c1"
printf 'step 3000\nstep 2000\nback 1234\nregs\nstack 4\ncycles\n' >"$T/back.cmds"
printf 'step 3766\nregs\nstack 4\ncycles\n' >"$T/fwd.cmds"
run --headless --debug --batch "$T/back.cmds" "$rom"
sed -n '/^(d16) regs/,$p' "$T/out" | grep -v '^(d16)' >"$T/back.txt"
expect_grep "back says where it went" "$T/out" "^stopped: back 1234 instructions, at cycle"
run --headless --debug --batch "$T/fwd.cmds" "$rom"
sed -n '/^(d16) regs/,$p' "$T/out" | grep -v '^(d16)' >"$T/fwd.txt"
if cmp -s "$T/back.txt" "$T/fwd.txt" && [ -s "$T/fwd.txt" ]; then
    pass "back 1234 from 5000 instructions is the machine after 3766"
else
    fail "back differs: $(cat "$T/back.txt") vs $(cat "$T/fwd.txt")"
fi
printf 'back\n' >"$T/b0.cmds"
run --headless --debug --batch "$T/b0.cmds" "$rom"
expect_grep "back before any instruction" "$T/out" "b0.cmds:1: error: back: only 0 instructions have run"
printf 'step 4000\nsave %s\nstep 100\nload %s\ncycles\nload %s\n' "$T/dbg.state" \
    "$T/dbg.state" "$T/short.state" >"$T/sl.cmds"
run --headless --debug --batch "$T/sl.cmds" "$rom"
expect_grep "save names the file" "$T/out" "^state at cycle [0-9]* saved to $T/dbg.state$"
expect_grep "load stops there" "$T/out" "^stopped: state loaded from $T/dbg.state"
expect_grep "... at the instruction saved" "$T/out" "^cycle [0-9]*, 4000 instructions"
expect_grep "a bad file: one line, the machine stays" "$T/err" "^d16: $T/short.state: truncated"

finish
