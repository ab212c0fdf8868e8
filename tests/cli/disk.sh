#!/bin/sh
# disk.sh — the floppy from the command line (docs/cli.md "Disks", "d16disk"): every --disk
# option and every refusal, the writer lock, booting from a d16disk mkboot disk (and a disk
# that is not bootable), data surviving a restart, the monitor's boot and disk commands,
# the floppy drivers, and d16disk's commands and bad input.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/roms_lib.sh"

D16DISK="$D16_BUILDDIR/d16disk"
chmod 755 "$T" # a check that runs as another user reads and writes here

# One line of stderr naming the file (and nothing else).
expect_one_line() { # WHAT FILE-NAMED PATTERN
    _lines=$(wc -l <"$T/err")
    if [ "$_lines" -eq 1 ] && grep -q -e "$2" "$T/err" && grep -q -e "$3" "$T/err"; then
        pass "$1: one line naming $2"
    else
        fail "$1: stderr was: $(head -c 300 "$T/err")"
    fi
}

# The guest programs: state halts with STATE (9 without a drive); write puts word 0xA1B2
# and then 0x1234s into sector 3 and halts with 0, or 10 + ERROR when refused; rw writes
# and reads back (halts 0 when the words came back, 1 if not); read halts 0 when sector 3
# starts with 0xA1B2, 1 when it is blank.
cat >"$T/state.dasm" <<'EOF'
        HWN A
        IFN A, 6
          SET [0xff02], 9
        SET [0xff02], [0xff50]
EOF
cat >"$T/write.dasm" <<'EOF'
        SET I, 0
fill:   SET [I + 0x1000], 0x1234
        ADD I, 1
        IFN I, 512
          SET PC, fill
        SET [0x1000], 0xa1b2
        SET [0xff53], 3
        SET [0xff54], 0x1000
        SET [0xff55], 3
        IFE [0xff55], 0
          SET PC, refused
wait:   IFE [0xff50], 3
          SET PC, wait
        SET [0xff02], [0xff51]
refused:
        SET A, [0xff51]
        ADD A, 10
        SET [0xff02], A
EOF
cat >"$T/read.dasm" <<'EOF'
        SET [0xff53], 3
        SET [0xff54], 0x2000
        SET [0xff55], 2
wait:   IFE [0xff50], 3
          SET PC, wait
        IFE [0x2000], 0xa1b2
          SET [0xff02], 0
        IFE [0x2000], 0
          SET [0xff02], 1
        SET [0xff02], 2
EOF
cat "$T/write.dasm" | sed 's/SET \[0xff02\], \[0xff51\]/SET PC, back/' >"$T/rw.dasm"
cat >>"$T/rw.dasm" <<'EOF'
back:   SET [0xff54], 0x2000
        SET [0xff55], 2
wait2:  IFE [0xff50], 3
          SET PC, wait2
        IFN [0x2000], 0xa1b2
          SET [0xff02], 1
        IFN [0x21ff], 0x1234
          SET [0xff02], 1
        SET [0xff02], 0
EOF

# ---- no drive without --disk; a missing file; --disk-new
run --headless "$T/state.dasm"
expect_status "no --disk: HWN is 5" 9
run --headless --disk "$T/new.img" "$T/state.dasm"
expect_status "--disk of a missing file" 2
expect_one_line "--disk of a missing file" "$T/new.img" "no such file (--disk-new creates a blank disk)"
[ ! -e "$T/new.img" ] && pass "a missing file is not created without --disk-new" ||
    fail "a missing file was created without --disk-new"
run --headless --disk "$T/new.img" --disk-new "$T/write.dasm"
expect_status "--disk-new: a blank disk, written" 0
expect_eq "--disk-new: 1,474,560 bytes" "$(wc -c <"$T/new.img" | tr -d ' ')" 1474560
expect_eq "sector 3 at byte 3072, big-endian" "$(bytes_at "$T/new.img" 3072 4)" "a1 b2 12 34"
run --headless --disk "$T/new.img" "$T/read.dasm"
expect_status "the write is there in the next run" 0
run --headless --disk "$T/new.img" "$T/state.dasm"
expect_status "--disk: STATE 1 (ready), HWN 6" 1

# ---- --disk-le
run --headless --disk "$T/le.img" --disk-new --disk-le "$T/write.dasm"
expect_status "--disk-le: written" 0
expect_eq "--disk-le: little-endian words" "$(bytes_at "$T/le.img" 3072 4)" "b2 a1 34 12"
run --headless --disk "$T/le.img" --disk-le "$T/read.dasm"
expect_status "--disk-le: read back" 0
run --headless --disk "$T/le.img" "$T/read.dasm"
expect_status "the same file read big-endian is another word" 2

# ---- --disk-ro and --disk-snapshot leave the file alone
cp "$T/new.img" "$T/before.img"
run --headless --disk "$T/new.img" --disk-ro "$T/state.dasm"
expect_status "--disk-ro: STATE 2" 2
run --headless --disk "$T/new.img" --disk-ro "$T/write.dasm"
expect_status "--disk-ro: a write is refused with ERROR 3 (protected)" 13
run --headless --disk "$T/new.img" --disk-ro "$T/read.dasm"
expect_status "--disk-ro: reads work" 0
zeros "$T/zero.bin" 1024
words "$T/other.bin" 5555
run --headless --disk "$T/new.img" --disk-snapshot "$T/rw.dasm"
expect_status "--disk-snapshot: the guest reads back its write" 0
cmp -s "$T/new.img" "$T/before.img" && pass "--disk-ro and --disk-snapshot left the file as it was" ||
    fail "the file changed under --disk-ro or --disk-snapshot"
run --headless --disk "$T/none.img" --disk-new --disk-snapshot "$T/rw.dasm"
expect_status "--disk-snapshot --disk-new: a blank disk in memory" 0
[ ! -e "$T/none.img" ] && pass "--disk-snapshot --disk-new creates no file" ||
    fail "--disk-snapshot --disk-new created the file"

# ---- short files read as zeros and grow; bad files
words "$T/short.img" 0001
run --headless --disk "$T/short.img" "$T/read.dasm"
expect_status "a short file reads as zeros past its end" 1
run --headless --disk "$T/short.img" "$T/write.dasm"
expect_status "a short file takes a write" 0
expect_eq "and grows to the end of the sector" "$(wc -c <"$T/short.img" | tr -d ' ')" 4096
run --headless --disk "$T" "$T/state.dasm"
expect_status "--disk DIRECTORY" 2
expect_one_line "--disk DIRECTORY" "$T" "is a directory"
zeros "$T/long.img" 1474561
run --headless --disk "$T/long.img" "$T/state.dasm"
expect_status "--disk of a file longer than a disk" 2
expect_one_line "--disk too long" "$T/long.img" "too long: 1474561 bytes"
run --headless --disk /dev/null "$T/state.dasm"
expect_status "--disk /dev/null" 2
if mkfifo "$T/fifo" 2>/dev/null; then
    run --headless --disk "$T/fifo" --disk-ro "$T/state.dasm"
    expect_status "--disk FIFO --disk-ro: refused at once, not waiting for a writer" 2
    expect_one_line "--disk FIFO" "$T/fifo" "not a regular file"
fi
for flag in --disk-ro --disk-snapshot --disk-le --disk-new; do
    run --headless "$flag" "$T/state.dasm"
    expect_status "$flag without --disk" 2
    expect_grep "$flag without --disk: says why" "$T/err" "need --disk FILE"
done
run --headless --disk "" "$T/state.dasm"
expect_status "--disk with an empty name" 2

# ---- permissions (as an unprivileged user when run as root)
as_user() {
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    elif command -v setpriv >/dev/null 2>&1; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
    else
        return 77
    fi
}
cp "$T/new.img" "$T/locked.img"
chmod 000 "$T/locked.img"
as_user "$D16" --headless --disk "$T/locked.img" "$T/state.dasm" >"$T/out" 2>"$T/err" </dev/null
status=$?
if [ "$status" -eq 77 ]; then
    echo "skip: no setpriv to drop root for the permission checks"
else
    expect_status "an unreadable disk" 2
    expect_one_line "an unreadable disk" "$T/locked.img" "Permission denied"
    chmod 444 "$T/locked.img"
    as_user "$D16" --headless --disk "$T/locked.img" "$T/state.dasm" >"$T/out" 2>"$T/err" </dev/null
    status=$?
    expect_status "an unwritable disk is attached write-protected (STATE 2)" 2
    expect_one_line "an unwritable disk: a warning" "$T/locked.img" "warning: .*attached write-protected"
fi

# ---- two writers: the second is refused; --disk-ro and --disk-snapshot may look
cat >"$T/hold.dasm" <<'EOF'
        SET [0xff11], 'r'
        SET [0xff11], 10
loop:   ADD A, 1
        SET PC, loop
EOF
cp "$T/new.img" "$T/shared.img"
"$D16" --headless --disk "$T/shared.img" "$T/hold.dasm" >"$T/hold.out" 2>&1 </dev/null &
holder=$!
tries=0
while ! grep -q r "$T/hold.out" 2>/dev/null && [ $tries -lt 200 ]; do
    sleep 0.05
    tries=$((tries + 1))
done
grep -q r "$T/hold.out" && pass "the first d16 has the disk" || fail "the first d16 did not start"
run --headless --disk "$T/shared.img" "$T/state.dasm"
expect_status "a second writer is refused" 2
expect_one_line "a second writer" "$T/shared.img" "in use: another process is writing this disk"
run --headless --disk "$T/shared.img" --disk-ro "$T/read.dasm"
expect_status "--disk-ro attaches a disk another d16 writes" 0
run --headless --disk "$T/shared.img" --disk-snapshot "$T/rw.dasm"
expect_status "--disk-snapshot attaches it as a private copy" 0
"$D16DISK" put "$T/shared.img" "$T/other.bin" --sector 9 >"$T/out" 2>"$T/err"
status=$?
expect_status "d16disk put leaves a disk a d16 writes alone" 1
expect_grep "d16disk put: says so" "$T/err" "in use"
kill "$holder"
wait "$holder" 2>/dev/null
run --headless --disk "$T/shared.img" "$T/state.dasm"
expect_status "once the first has gone, the disk is free" 1

# ---- booting: d16asm, d16disk mkboot, d16 --disk
cat >"$T/hi.dasm" <<'EOF'
        IFN SP, 0xff00          ; started as d16 starts an image: SP 0xFF00, registers 0
          SET [0xff02], 3
        IFN A, 0
          SET [0xff02], 4
        SET I, msg
loop:   IFE [I], 0
          SET PC, done
        SET [0xff11], [I]
        ADD I, 1
        SET PC, loop
done:   SET [0xff02], 7
msg:    DAT "booted from disk", 10, 0
EOF
"$D16_BUILDDIR/d16asm" "$T/hi.dasm" -o "$T/hi.bin" || fail "d16asm hi.dasm"
"$D16DISK" mkboot "$T/hi.bin" "$T/os.img" >"$T/out" 2>"$T/err"
status=$?
expect_status "d16disk mkboot" 0
expect_grep "mkboot: says what it wrote" "$T/out" "bootable, 34 words in sectors 1-1"
run --headless --disk "$T/os.img"
expect_status "d16 --disk os.img runs the program from the disk" 7
expect_eq "and its output" "$(cat "$T/out")" "booted from disk"
# On dcpu16 there is no I/O page: the program's "halt" is a RAM write, its 7 is found there.
run --headless --disk "$T/os.img" --disk-ro --machine dcpu16 --max-cycles 200000 --dump-ram "$T/ram.bin"
expect_eq "booted on dcpu16 as well (the loader finds the drive by HWQ)" \
    "$(bytes_at "$T/ram.bin" $((0xff02 * 2)) 2)" "00 07"
printf 'boot\n' >"$T/in"
run_in "$T/in" --headless --disk "$T/new.img"
expect_status "a disk that is not bootable leaves the monitor running" 0
expect_grep "with a one-line message" "$T/out" "disk not bootable (word 511 of sector 0 is not 55aa)"
expect_grep "the boot command says it again" "$T/out" "error: disk not bootable"
run --headless --disk "$T/os.img" "$T/state.dasm"
expect_status "an IMAGE wins over a bootable disk" 1

# A program that writes a sector and reads it back after a restart, booted from the disk.
"$D16DISK" mkboot "$(rom diskcount)" "$T/count.img" >/dev/null 2>&1
for n in 1 2 3; do
    run --headless --disk "$T/count.img"
    expect_eq "diskcount booted, run $n" "$(cat "$T/out")" "run $n of this disk"
done
run --headless --disk "$T/count.img" --disk-snapshot
expect_eq "diskcount with --disk-snapshot" "$(cat "$T/out")" "run 4 of this disk"
run --headless --disk "$T/count.img"
expect_eq "the snapshot's run was not kept" "$(cat "$T/out")" "run 4 of this disk"

# ---- the monitor's disk and boot commands
printf 'disk\npoke 3000 beef\ndisk write 5 3000\npoke 3000 0\ndisk read 5 3000\nmem 3000 1\ndisk read 5a0 3000\ndisk\ndisk spin 1 2\ndisk read 5\n' >"$T/in"
run_in "$T/in" --headless --disk "$T/new.img"
expect_grep "monitor: disk shows the drive" "$T/out" "^drive: ready, last error: none"
expect_grep "monitor: disk write" "$T/out" "^done: sector 0005"
expect_grep "monitor: disk read brings it back" "$T/out" "^3000: beef"
expect_grep "monitor: a bad sector" "$T/out" "^error: bad sector"
expect_grep "monitor: not read or write" "$T/out" "^error: not read or write: 'spin'"
expect_grep "monitor: usage" "$T/out" "^error: usage: disk \[OP N A\]"
printf 'disk\nboot\n' >"$T/in"
run_in "$T/in" --headless
expect_grep "monitor without a drive: disk" "$T/out" "^error: no disk drive (d16 --disk FILE)"
expect_grep "monitor without a drive: boot" "$T/out" "^error: no disk drive"

# ---- the floppy drivers, both doors
for door in io hwi; do
    run --headless --disk "$T/drv.img" --disk-new "$(rom drivers/floppy_$door)"
    expect_status "floppy_$door" 0
    expect_grep "floppy_$door: the line comes back" "$T/out" "^read back: the floppy keeps this line$"
    expect_grep "floppy_$door: the write crossed 5 tracks" "$T/out" "^done in 28[0-9][0-9] cycles$"
done
run --headless --machine dcpu16 --disk "$T/drv.img" "$(rom drivers/floppy_hwi)"
expect_grep "floppy_hwi on dcpu16" "$T/out" "^read back: the floppy keeps this line$"

# ---- d16disk
"$D16DISK" new "$T/d.img" >"$T/out" 2>"$T/err"
status=$?
expect_status "d16disk new" 0
expect_eq "d16disk new: a full blank disk" "$(wc -c <"$T/d.img" | tr -d ' ')" 1474560
"$D16DISK" new "$T/d.img" >"$T/out" 2>"$T/err"
status=$?
expect_status "d16disk new on an existing file" 2
expect_one_line "d16disk new: not overwritten" "$T/d.img" "exists; not overwritten"
words "$T/three.bin" 0001 0002 0003
"$D16DISK" put "$T/d.img" "$T/three.bin" --sector 1439 >"$T/out" 2>"$T/err"
status=$?
expect_status "d16disk put" 0
expect_eq "put: the words at sector 1439" "$(bytes_at "$T/d.img" 1473536 8)" "00 01 00 02 00 03 00 00"
"$D16DISK" get "$T/d.img" --sector 1439 -o "$T/got.bin" >"$T/out" 2>"$T/err"
status=$?
expect_status "d16disk get -o" 0
expect_eq "get: one sector, 1024 bytes" "$(wc -c <"$T/got.bin" | tr -d ' ')" 1024
expect_eq "get: its words" "$(bytes_at "$T/got.bin" 0 6)" "00 01 00 02 00 03"
expect_eq "get --count 2 to stdout" "$("$D16DISK" get "$T/d.img" --sector 1437 --count 2 | wc -c | tr -d ' ')" 2048
expect_eq "get --le" "$("$D16DISK" get "$T/d.img" --sector 1439 --le | od -An -tx1 -N 2 | tr -d ' ')" "0100"
"$D16DISK" info "$T/d.img" >"$T/out" 2>"$T/err"
expect_grep "info: size" "$T/out" "1474560 bytes (a full disk)"
expect_grep "info: sectors in use" "$T/out" "sectors in use: 1 of 1440 (the last is 1439)"
expect_grep "info: not bootable" "$T/out" "bootable: no"
"$D16DISK" info "$T/os.img" >"$T/out" 2>"$T/err"
expect_grep "info: a mkboot disk" "$T/out" "bootable: yes, d16disk mkboot loader, a program of 34 words"
zeros "$T/big.bin" 122882 # 0xF001 words
"$D16DISK" mkboot "$T/big.bin" "$T/big.img" >"$T/out" 2>"$T/err"
status=$?
expect_status "mkboot of a program over 0xF000 words" 2
expect_one_line "mkboot: too large" "$T/big.bin" "too large: more than 61440 words fit"
zeros "$T/max.bin" 122880
"$D16DISK" mkboot "$T/max.bin" "$T/max.img" >"$T/out" 2>"$T/err"
status=$?
expect_status "mkboot of exactly 0xF000 words" 0
expect_grep "mkboot: 120 sectors" "$T/out" "sectors 1-120"
bad() { # WHAT EXIT ARGS...: d16disk with ARGS exits EXIT with one line on stderr
    _what=$1 _want=$2
    shift 2
    "$D16DISK" "$@" >"$T/out" 2>"$T/err"
    status=$?
    expect_status "d16disk $_what" "$_want"
    [ "$(wc -l <"$T/err")" -ge 1 ] && pass "d16disk $_what: says why" || fail "d16disk $_what: silent"
}
bad "with no command" 2
bad "unknown command" 2 frobnicate "$T/d.img"
bad "put without --sector" 2 put "$T/d.img" "$T/three.bin"
bad "put of an odd-sized image" 2 put "$T/d.img" "$T/short.img.odd" --sector 0
printf 'x' >"$T/odd.bin"
bad "put of an odd image" 2 put "$T/d.img" "$T/odd.bin" --sector 0
bad "put past the last sector" 2 put "$T/d.img" "$T/zero.bin" --sector 1440
zeros "$T/two.bin" 2048
bad "put that does not fit" 2 put "$T/d.img" "$T/two.bin" --sector 1439
bad "get past the end" 2 get "$T/d.img" --sector 1439 --count 2
bad "get of a missing disk" 2 get "$T/nothing.img" --sector 0
bad "info of a directory" 2 info "$T"
bad "info of a disk too long" 2 info "$T/long.img"
bad "--count 0" 2 get "$T/d.img" --sector 0 --count 0
bad "--sector x" 2 get "$T/d.img" --sector x
bad "an unknown option" 2 info "$T/d.img" --fast
: >"$T/empty.bin"
bad "mkboot of an empty program" 2 mkboot "$T/empty.bin" "$T/e.img"
[ ! -e "$T/e.img" ] && pass "a refused mkboot creates no disk" || fail "a refused mkboot created a disk"

finish
