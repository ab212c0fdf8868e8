#!/bin/sh
# debugger.sh — the debugger (--debug, --batch, --break, --symbols): every command in batch
# transcripts compared with golden files (tests/cli/golden/debug_*.txt, changed only by
# `make regen-golden`), what stops a run, bad input, and proof that looking never changes
# the machine.
. "$(dirname "$0")/lib.sh"
DBG="$D16_SRCDIR/tests/cli/debug"

# transcript NAME STATUS ARGS...: runs d16 from the source directory (so file names in
# messages do not depend on the build), keeps stdout as NAME.txt and checks the status.
transcript() {
    _name=$1 _want=$2
    shift 2
    (cd "$D16_SRCDIR" && "$D16" "$@" >"$T/$_name.txt" 2>"$T/err" </dev/null)
    status=$?
    expect_status "$_name" "$_want"
    compare_golden "$_name"
}

# Every command, on a subroutine loop: help, regs, dis, mem, break (twice: a duplicate is
# refused), dis marks, continue, next over JSR, step N, stack, watch, delete, trace on/off,
# set (registers and memory), cycles, hw, the argument errors, and running on after the
# halt (refused). quit after the halt keeps the guest's status.
transcript debug_tour 3 --debug --batch tests/cli/debug/tour.cmds tests/cli/debug/tour.dasm
expect_grep "tour: next steps over the JSR" "$T/debug_tour.txt" \
    "^(d16) next$" # (the line after it is checked by the golden file)
for cmd in step next continue break delete watch regs mem dis set stack hw trace cycles help quit; do
    if grep -q "^(d16) \($cmd\|$(printf %.1s "$cmd")\)\( .*\)\{0,1\}$" "$T/debug_tour.txt"; then
        pass "tour uses $cmd"
    else
        fail "tour never uses $cmd"
    fi
done
expect_grep "tour: errors name the batch line" "$T/debug_tour.txt" \
    "^tests/cli/debug/tour.cmds:[0-9]*: error: unknown command 'frobnicate' (try help)$"

# The other stops: BREAK (register and HWI A=3), a breakpoint on an interrupt handler
# (before the interrupt is taken), a device's DMA writing a watched word, I/O writes.
transcript debug_events 0 --debug --batch tests/cli/debug/events.cmds tests/cli/debug/events.dasm
expect_grep "events: DMA write seen" "$T/debug_events.txt" \
    "^stopped: watchpoint 2: 0x0015 (font+1) written by the instruction at 0x0008: 0000 -> 388e$"

# A fault stops in the debugger with labels; quit then gives the fault's status and the
# report on stderr names the label too.
transcript debug_fault 125 --debug --batch tests/cli/debug/fault.cmds tests/cli/debug/fault.dasm
expect_grep "fault report speaks labels" "$T/err" \
    "^d16: machine fault: illegal instruction at PC 0x0005 (broken+1), cycle 6$"
expect_grep "fault report lines speak labels" "$T/err" "^=> 0x0005  0018 .*; broken+1$"

# --break LABEL without --debug: runs to the label first; quit while running is 130.
transcript debug_breaks 3 --break bump --batch tests/cli/debug/breaks.cmds tests/cli/debug/tour.dasm
printf 'continue\ndelete 1\ncontinue\n' >"$T/both.cmds"
run --debug --break bump --batch "$T/both.cmds" "$DBG/tour.dasm"
expect_status "--debug and --break" 3
expect_grep "--debug --break stops first at the start" "$T/out" "^stopped: before the first instruction$"
expect_grep "then at the breakpoint" "$T/out" "^stopped: breakpoint 1 at 0x000a (bump)$"

# quit while the machine runs: 130 and a "quit at" line, dumps written.
printf 'step 2\nquit\n' >"$T/quit.cmds"
run --debug --batch "$T/quit.cmds" --dump-state "$T/q.json" "$DBG/tour.dasm"
expect_status "quit while running" 130
expect_grep "quit names where" "$T/err" "^d16: quit at PC 0x000a, cycle 4$"
expect_json "quit: state dumped" "$T/q.json" halt_reason running
# The end of the commands is a quit too.
: >"$T/empty.cmds"
run --debug --batch "$T/empty.cmds" "$DBG/tour.dasm"
expect_status "no commands" 130

# --max-cycles stops in the debugger.
printf 'continue\ncycles\n' >"$T/max.cmds"
run --debug --batch "$T/max.cmds" --max-cycles 10 "$DBG/loop.dasm"
expect_status "max-cycles under the debugger" 124
expect_grep "max-cycles stop" "$T/out" "^stopped: --max-cycles reached at cycle 11$"
expect_grep "max-cycles cycles" "$T/out" "^cycle 11, 7 instructions, 0.000110 s at 100000 Hz$"

# Profile dcpu16: devices only through HWI, the stack grows down from 0x10000.
printf 'hw\nstep 2\nstack\nquit\n' >"$T/dcpu.cmds"
run --machine dcpu16 --debug --batch "$T/dcpu.cmds" "$DBG/tour.dasm"
expect_status "dcpu16 under the debugger" 130
expect_grep "dcpu16: devices HWI only" "$T/out" "^4 system controller: .*, HWI only$"
expect_grep "dcpu16: the stack at 0xffff" "$T/out" "^  \[SP+0\] 0xffff  0002  ; loop+1$"

# Commands from a pipe on stdin (no --batch): echoed like a batch; the console gets none.
printf 'regs\nquit\n' | "$D16" --debug "$DBG/tour.dasm" >"$T/out" 2>"$T/err"
status=$?
expect_status "commands on stdin" 130
expect_grep "stdin commands echoed" "$T/out" "^(d16) regs$"
printf 'bogus\nquit\n' | "$D16" --debug "$DBG/tour.dasm" >"$T/out" 2>"$T/err"
expect_grep "stdin errors name stdin" "$T/out" "^stdin:1: error: unknown command 'bogus' (try help)$"

# --symbols with a raw image: the same labels as the source gives.
"$D16_BUILDDIR/d16asm" "$DBG/tour.dasm" -o "$T/tour.bin" --symbols "$T/tour.sym" || fail "d16asm"
printf 'dis 0 16\nbreak bump\nc\nstack\nquit\n' >"$T/dis.cmds"
run --debug --batch "$T/dis.cmds" "$DBG/tour.dasm"
mv "$T/out" "$T/from_source.txt"
run --debug --batch "$T/dis.cmds" --symbols "$T/tour.sym" "$T/tour.bin"
if cmp -s "$T/out" "$T/from_source.txt"; then
    pass "--symbols gives the source's labels"
else
    fail "--symbols: the transcript differs from the source's:"
    diff "$T/from_source.txt" "$T/out" | head -10 >&2
fi
expect_grep "stack word named" "$T/out" "^  \[SP+0\] 0xfeff  0002  ; loop+1$"

# Ctrl-C while running drops into the debugger (SIGINT is sent until it has stopped: the
# batch then quits). Not a timing test: it waits for the stop, however long it takes.
"$D16" --debug --batch "$DBG/interrupt.cmds" "$DBG/loop.dasm" >"$T/int.txt" 2>"$T/err" </dev/null &
pid=$!
tries=0
while kill -0 "$pid" 2>/dev/null && [ $tries -lt 600 ]; do
    grep -q "^(d16) continue" "$T/int.txt" 2>/dev/null && kill -INT "$pid" 2>/dev/null
    sleep 0.1
    tries=$((tries + 1))
done
wait "$pid"
status=$?
expect_status "Ctrl-C then quit" 130
expect_grep "Ctrl-C stops in the debugger" "$T/int.txt" "^stopped: interrupted (Ctrl-C)$"
expect_grep "the debugger went on after Ctrl-C" "$T/int.txt" "^(d16) dis PC 1$"

# Bad input: one line, exit 2, nothing runs.
run --debug --batch "$T/nonexistent.cmds" "$DBG/tour.dasm"
expect_status "missing batch file" 2
expect_grep "missing batch file named" "$T/err" "^d16: $T/nonexistent.cmds: cannot open: "
mkdir "$T/dir.cmds"
run --debug --batch "$T/dir.cmds" "$DBG/tour.dasm"
expect_status "a directory as batch file" 2
expect_grep "directory batch file named" "$T/err" "^d16: $T/dir.cmds: cannot read: Is a directory$"
expect_eq "directory batch file: nothing runs" "$(wc -c <"$T/out")" 0
run --break nowhere "$DBG/tour.dasm"
expect_status "--break unknown label" 2
expect_grep "--break message" "$T/err" "^d16: --break: 'nowhere' is not a number, register or label$"
printf 'loop 0x0001\nbroken\n' >"$T/bad.sym"
run --symbols "$T/bad.sym" "$DBG/tour.dasm"
expect_status "bad symbols file" 2
expect_grep "symbols file line named" "$T/err" "^d16: $T/bad.sym:2: 'broken' has no address (NAME ADDR)$"
run --symbols "$T/none.sym" "$DBG/tour.dasm"
expect_status "missing symbols file" 2
run --batch "$T/empty.cmds" "$DBG/tour.dasm"
expect_status "--batch without --debug" 2
expect_grep "--batch without --debug message" "$T/err" "^d16: --batch needs --debug (or --break)$"
run --debug --keys - "$DBG/tour.dasm"
expect_status "--debug with --keys - and no --batch" 2
expect_grep "--keys - message" "$T/err" \
    "^d16: the debugger reads its commands from stdin here: give them with --batch FILE$"
run --break 0x10000 "$DBG/tour.dasm"
expect_status "--break out of range" 2

# Looking never changes the machine: at the guest's BREAK, with two keys in the keyboard
# buffer and console input waiting, the debugger reads every word and device register; the
# run ends exactly as one that only continued, and as one without the debugger.
printf 'xy' >"$T/in"
run_in "$T/in" --debug --batch "$DBG/peek.cmds" --type ab --dump-state "$T/look.json" \
    --dump-ram "$T/look.ram" "$DBG/peek.dasm"
expect_status "peek: looking" 0
mv "$T/out" "$T/look.txt"
expect_grep "peek: the key buffer seen" "$T/look.txt" "^0xff30  0001 0061 0000 0000 0000 0000 "
expect_grep "peek: console input seen" "$T/look.txt" "^0xff10  0003 0078 0000 "
expect_grep "peek: the guest still read everything" "$T/look.txt" "^0x001a  0061 0062 0078 0079 "
run_in "$T/in" --debug --batch "$DBG/continue.cmds" --type ab --dump-state "$T/plain.json" \
    --dump-ram "$T/plain.ram" "$DBG/peek.dasm"
expect_status "peek: only continuing" 0
run_in "$T/in" --type ab --dump-state "$T/nodebug.json" --dump-ram "$T/nodebug.ram" "$DBG/peek.dasm"
expect_status "peek: no debugger" 0
for other in plain nodebug; do
    if cmp -s "$T/look.json" "$T/$other.json" && cmp -s "$T/look.ram" "$T/$other.ram"; then
        pass "peek: state and RAM as in the $other run"
    else
        fail "peek: looking changed the machine (state or RAM differ from the $other run)"
    fi
done

finish
