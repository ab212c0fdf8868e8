#!/bin/sh
# data_safety.sh — nothing the user gave is ever damaged (docs/cli.md "Output files"):
# an output that is an input, another output or a source name is refused; outputs appear
# only when complete (temporary + rename), also after SIGTERM, SIGHUP, a broken pipe or a
# usage error found late; write errors on stdout and in the trace are reported; --trace-max;
# FIFOs never block; batch files and symbols files with odd bytes; tool consistency.
. "$(dirname "$0")/lib.sh"
D16ASM="$D16_BUILDDIR/d16asm"
D16DIS="$D16_BUILDDIR/d16dis"

# runp PROGRAM ARGS...: run for d16asm and d16dis.
runp() {
    "$@" >"$T/out" 2>"$T/err" </dev/null
    status=$?
}

# keep WHAT FILE CONTENT: FILE still holds CONTENT.
keep() {
    expect_eq "$1: $(basename "$2") untouched" "$(cat "$2" 2>/dev/null)" "$3"
}

# no_temporaries WHAT: no .NAME.XXXXXX file was left in $T.
no_temporaries() {
    expect_eq "$1: no temporary left" "$(find "$T" -name '.*.??????' | wc -l | tr -d ' ')" 0
}

# wait_for FILE TEXT: waits (at most 30 s) until FILE contains TEXT.
wait_for() {
    _n=0
    while ! grep -q "$2" "$1" 2>/dev/null && [ $_n -lt 300 ]; do
        sleep 0.1
        _n=$((_n + 1))
    done
}

printf 'SET A, 1\nSET [0xff02], 7\n' >"$T/prog.dasm"
"$D16ASM" "$T/prog.dasm" -o "$T/prog.bin" || fail "assemble prog"
cp "$T/prog.dasm" "$T/prog.orig"

# ---- 1. an output value forgotten: the next word is the image, or a source
run --headless --trace "$T/prog.dasm"
expect_status "--trace prog.dasm" 2
expect_lines "--trace prog.dasm: one line" "$T/err" 1
expect_grep "--trace prog.dasm: says why" "$T/err" "^d16: --trace $T/prog.dasm: .*source"
keep "--trace prog.dasm" "$T/prog.dasm" "$(cat "$T/prog.orig")"

for flag in --dump-state --screenshot --dump-ram --trace --save-state --record; do
    cp "$T/prog.bin" "$T/img.bin"
    run --headless $flag "$T/img.bin" "$T/img.bin"
    expect_status "$flag IMAGE IMAGE" 2
    expect_grep "$flag IMAGE IMAGE: names the input" "$T/err" "^d16: $flag $T/img.bin: .*IMAGE"
    expect_eq "$flag IMAGE IMAGE: image untouched" "$(cmp "$T/img.bin" "$T/prog.bin" && echo same)" same
done
# The same file under another name (a hard link) is still the image.
ln "$T/img.bin" "$T/link.bin"
run --headless --dump-ram "$T/link.bin" "$T/img.bin"
expect_status "an output hard-linked to the image" 2
printf 'NAME 0x10\n' >"$T/s.sym"
printf '0 type a\n' >"$T/k.keys"
printf 'quit\n' >"$T/b.cmds"
run --headless --symbols "$T/s.sym" --dump-state "$T/s.sym" "$T/prog.bin"
expect_status "output = --symbols" 2
keep "output = --symbols" "$T/s.sym" "NAME 0x10"
run --headless --keys "$T/k.keys" --trace "$T/k.keys" "$T/prog.bin"
expect_status "output = --keys" 2
run --headless --debug --batch "$T/b.cmds" --dump-state "$T/b.cmds" "$T/prog.bin"
expect_status "output = --batch" 2
keep "output = --batch" "$T/b.cmds" "quit"
zeros "$T/d.disk" 737280
cp "$T/d.disk" "$T/d.orig"
run --headless --disk "$T/d.disk" --dump-ram "$T/d.disk" "$T/prog.bin"
expect_status "output = --disk" 2
expect_eq "output = --disk: the disk untouched" "$(cmp "$T/d.disk" "$T/d.orig" && echo same)" same
"$D16" --headless --max-cycles 10 --save-state "$T/st.d16state" "$T/prog.bin" >/dev/null 2>&1
cp "$T/st.d16state" "$T/st.orig"
run --headless --load-state "$T/st.d16state" --dump-ram "$T/st.d16state"
expect_status "output = --load-state" 2
expect_eq "output = --load-state: the state untouched" \
    "$(cmp "$T/st.d16state" "$T/st.orig" && echo same)" same
run --headless --dump-state "$T/o.json" --trace "$T/o.json" "$T/prog.bin"
expect_status "two outputs, one file" 2
expect_grep "two outputs: says so" "$T/err" "the same file as --trace"
(cd "$T" && "$D16" --headless --dump-state o2.json --trace ./o2.json prog.bin >out 2>err)
status=$?
expect_status "two outputs, one new file named two ways" 2
# No image given: an existing image named as an output is the image the user forgot.
cp "$T/prog.bin" "$T/img.bin"
for flag in --dump-state --screenshot --dump-ram; do
    run --headless $flag "$T/img.bin"
    expect_status "$flag prog.bin without an image" 2
    expect_eq "$flag prog.bin: image untouched" "$(cmp "$T/img.bin" "$T/prog.bin" && echo same)" same
done
# d16asm: the default image name of a source called x.bin is the source itself.
cp "$T/prog.dasm" "$T/x.bin"
runp "$D16ASM" "$T/x.bin"
expect_status "d16asm x.bin" 2
keep "d16asm x.bin" "$T/x.bin" "$(cat "$T/prog.orig")"
runp "$D16ASM" "$T/prog.dasm" -o "$T/prog.dasm"
expect_status "d16asm -o SOURCE" 2
keep "d16asm -o SOURCE" "$T/prog.dasm" "$(cat "$T/prog.orig")"
runp "$D16ASM" "$T/prog.dasm" -o "$T/p.bin" --listing "$T/p.bin"
expect_status "d16asm image = listing" 2
runp "$D16ASM" "$T/prog.dasm" --symbols "$T/other.asm"
expect_status "d16asm --symbols over a source name" 2
no_temporaries "refusals"

# ---- 2. outputs appear complete or not at all
printf '{"old": 1}\n' >"$T/state.json"
run --headless --break nosuchlabel --dump-state "$T/state.json" "$T/prog.bin"
expect_status "a bad --break label" 2
keep "a bad --break label" "$T/state.json" '{"old": 1}'
no_temporaries "a bad --break label"

# A guest that says "ready" and then runs for ever (not a classic end).
printf 'SET I, 0\n:l IFE [msg+I], 0\n SET PC, spin\n SET [0xff11], [msg+I]\n ADD I, 1\n SET PC, l\n:spin ADD A, 1\n SET PC, spin\n:msg DAT "ready", 10, 0\n' \
    >"$T/spin.dasm"
for sig in TERM HUP; do
    printf 'old\n' >"$T/state.json"
    printf 'old\n' >"$T/trace.txt"
    rm -f "$T/out"
    "$D16" --headless --dump-state "$T/state.json" --trace-last 5 --trace "$T/trace.txt" \
        "$T/spin.dasm" >"$T/out" 2>"$T/err" </dev/null &
    pid=$!
    wait_for "$T/out" ready
    kill -$sig $pid
    wait $pid
    status=$?
    case $sig in TERM) want=143 ;; HUP) want=129 ;; esac
    expect_status "SIG$sig" $want
    expect_json "SIG$sig: the state is written" "$T/state.json" halt_reason running
    expect_lines "SIG$sig: the trace's last lines are written" "$T/trace.txt" 5
    expect_grep "SIG$sig: one line says so" "$T/err" "^d16: .*SIG$sig"
    no_temporaries "SIG$sig"
done

# Under the debugger, SIGTERM ends the run too (SIGINT would stop in the debugger).
printf 'continue\n' >"$T/c.cmds"
printf 'old\n' >"$T/state.json"
rm -f "$T/out"
"$D16" --headless --debug --batch "$T/c.cmds" --dump-state "$T/state.json" "$T/spin.dasm" \
    >"$T/out" 2>"$T/err" </dev/null &
pid=$!
wait_for "$T/out" ready
kill -TERM $pid
wait $pid
status=$?
expect_status "SIGTERM under the debugger" 143
expect_json "SIGTERM under the debugger: the state is written" "$T/state.json" halt_reason running

# A reader that goes away: the console's write fails; the run stops with a message.
printf 'old\n' >"$T/state.json"
printf ':l SET [0xff11], 0x41\nSET PC, l\n' >"$T/flood.dasm"
("$D16" --headless --max-cycles 100000000 --dump-state "$T/state.json" "$T/flood.dasm" \
    2>"$T/err" </dev/null; echo $? >"$T/rc") | head -c 10 >/dev/null
expect_eq "broken pipe: exit 2" "$(cat "$T/rc")" 2
expect_grep "broken pipe: one line" "$T/err" "^d16: stdout: cannot write: Broken pipe"
expect_json "broken pipe: the state is written" "$T/state.json" halt_reason running

# ---- 3. write errors on stdout are reported
if [ -w /dev/full ]; then
    run_full() { "$@" >/dev/full 2>"$T/err" </dev/null; status=$?; }
    words "$T/big.bin" $(i=0; while [ $i -lt 2000 ]; do printf '7c01 '; i=$((i + 1)); done)
    run_full "$D16DIS" "$T/big.bin"
    expect_status "d16dis > /dev/full" 2
    expect_grep "d16dis > /dev/full: says so" "$T/err" "^d16dis: stdout: cannot write: No space"
    printf 'SET [0xff11], 0x41\nSET [0xff02], 0\n' >"$T/hi.dasm"
    run_full "$D16" --headless "$T/hi.dasm"
    expect_status "console > /dev/full" 2
    expect_grep "console > /dev/full: says so" "$T/err" "^d16: stdout: cannot write: No space"
    run_full "$D16" --headless --dump-screen "$T/prog.bin"
    expect_status "--dump-screen > /dev/full" 2
    expect_grep "--dump-screen > /dev/full: says so" "$T/err" "^d16: stdout: cannot write: No space"

    # ---- 4. the trace stops at its first failed write
    run --headless --max-cycles 5000000 --trace /dev/full --dump-state "$T/t.json" "$T/spin.dasm"
    expect_status "--trace /dev/full" 2
    expect_grep "--trace /dev/full: says so" "$T/err" "^d16: /dev/full: cannot write: No space"
    cycles=$(json "$T/t.json" cycles)
    [ "${cycles:-5000000}" -lt 1000000 ] && pass "--trace /dev/full stops early ($cycles)" ||
        fail "--trace /dev/full ran to cycle $cycles"
fi
run --headless --max-cycles 100000 --trace "$T/cap.txt" --trace-max 1000 "$T/spin.dasm"
expect_status "--trace-max: the run goes on" 124
size=$(wc -c <"$T/cap.txt" | tr -d ' ')
[ "$size" -le 1000 ] && [ "$size" -gt 800 ] && pass "--trace-max 1000: $size bytes" ||
    fail "--trace-max 1000: $size bytes"
expect_grep "--trace-max: says so" "$T/err" "^d16: $T/cap.txt: --trace-max reached"
run --headless --trace "$T/cap.txt" --trace-max 1x "$T/prog.bin"
expect_status "--trace-max 1x" 2
run --headless --trace "$T/cap.txt" --trace-max 2K "$T/prog.bin"
expect_status "--trace-max 2K" 7

# ---- 9. FIFOs never block; batch files with NUL bytes; raw bytes from symbols files
if mkfifo "$T/fifo" 2>/dev/null; then
    for args in "--headless $T/fifo" "--headless --keys $T/fifo $T/prog.bin" \
        "--headless --symbols $T/fifo $T/prog.bin" "--headless --dump-state $T/fifo $T/prog.bin" \
        "--headless --debug --batch $T/fifo $T/prog.bin"; do
        timeout 20 "$D16" $args >"$T/out" 2>"$T/err" </dev/null
        status=$?
        [ $status -ne 124 ] && pass "a FIFO without a writer does not block: $args" ||
            fail "a FIFO without a writer blocks: $args"
    done
    timeout 20 "$D16" --headless "$T/fifo" >"$T/out" 2>"$T/err" </dev/null
    status=$?
    expect_status "an image FIFO without a writer is empty" 2
    timeout 20 "$D16" --headless --dump-state "$T/fifo" "$T/prog.bin" >"$T/out" 2>"$T/err" </dev/null
    status=$?
    expect_status "an output FIFO without a reader" 2
    expect_grep "an output FIFO without a reader: says so" "$T/err" "^d16: $T/fifo: cannot write"
    cp "$T/prog.dasm" "$T/fifo.dasm" && rm "$T/fifo.dasm" && mkfifo "$T/fifo.dasm"
    timeout 20 "$D16" --headless "$T/fifo.dasm" >"$T/out" 2>"$T/err" </dev/null
    status=$?
    expect_status "a source FIFO without a writer" 2
    timeout 20 "$D16ASM" "$T/fifo.dasm" -o "$T/f.bin" >"$T/out" 2>"$T/err" </dev/null
    status=$?
    [ $status -ne 124 ] && pass "d16asm: a FIFO source does not block" || fail "d16asm: a FIFO source blocks"
fi
timeout 20 "$D16" --headless --debug --batch /dev/zero "$T/prog.bin" >"$T/out" 2>"$T/err" </dev/null
status=$?
expect_status "--batch /dev/zero" 2
expect_grep "--batch /dev/zero: says why" "$T/err" "^d16: /dev/zero:1: a NUL byte"
{
    printf 'step\n'
    i=0
    while [ $i -lt 1100 ]; do printf 'x'; i=$((i + 1)); done
    printf '\000regs\n'
} >"$T/nul.cmds"
run --headless --debug --batch "$T/nul.cmds" "$T/prog.bin"
expect_status "a NUL in a long batch line" 2
expect_grep "a NUL in a long batch line: names the line" "$T/err" "^d16: $T/nul.cmds:2: a NUL byte"
if grep -q '^A=' "$T/out"; then fail "the text after a NUL ran as a command"; else pass "nothing after the NUL ran"; fi
printf 'ok 0x10\nbad\033[2J 0x20\n' >"$T/esc.sym"
run --headless --symbols "$T/esc.sym" "$T/prog.bin"
expect_status "an escape in a symbols file" 2
if grep -q "$(printf '\033')" "$T/err"; then fail "the escape reached the terminal"; else pass "no raw escape on stderr"; fi
printf 'ok 0x10\nfine 0x1\033\n' >"$T/esc2.sym"
run --headless --symbols "$T/esc2.sym" "$T/prog.bin"
if grep -q "$(printf '\033')" "$T/err"; then fail "the escape in an address reached the terminal"; else pass "no raw escape from an address"; fi

# ---- 10. tool consistency
long=$(i=0; while [ $i -lt 300 ]; do printf 'a'; i=$((i + 1)); done)
printf ':%s SET PC, %s\n' "$long" "$long" >"$T/long.dasm"
runp "$D16ASM" "$T/long.dasm" -o "$T/long.bin" --symbols "$T/long.sym"
expect_status "a 300-character label" 1
expect_grep "a 300-character label: says the limit" "$T/err" "longer than 255 characters"
runp "$D16ASM" "$T/prog.dasm" -o="$T/eq.bin"
expect_status "d16asm -o=FILE" 0
expect_eq "-o=FILE writes FILE" "$(test -f "$T/eq.bin" && echo yes)" yes
expect_eq "-o=FILE makes no '=FILE'" "$(ls "$T" | grep -c '^=')" 0
"$D16" --help >"$T/out"
expect_grep "--help documents 0X" "$T/out" "0x or 0X hex"
run --headless --load 0X10 "$T/prog.bin"
expect_status "--load 0X10" 7

finish
