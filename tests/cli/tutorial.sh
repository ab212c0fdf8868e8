#!/bin/sh
# tutorial.sh — follows docs/tutorial.md word for word: writes every ```dasm block (and the
# key script) to the file its first line names, runs every ```sh block in order in one
# shell (HOME is a scratch directory, `build` the build tree), and compares what each
# block prints with the plain ``` block right after it, when there is one. Skipped: the
# ./quickstart line (the build is already there) and d16 runs without --headless (they
# open a window).
. "$(dirname "$0")/lib.sh"

DOC="$D16_SRCDIR/docs/tutorial.md"
mkdir -p "$T/home" "$T/src" "$T/blocks" || exit 99
ln -s "$D16_BUILDDIR" "$T/src/build" || exit 99

# Split the document into numbered blocks: N.lang holds the fence's language, N.txt the text.
awk -v dir="$T/blocks" '
    /^```/ && !inside { inside = 1; n++; lang = substr($0, 4); print lang > (dir "/" n ".lang");
                        close(dir "/" n ".lang"); printf "" > (dir "/" n ".txt"); next }
    /^```$/ && inside { inside = 0; close(dir "/" n ".txt"); next }
    inside            { print > (dir "/" n ".txt") }
    END               { print n > (dir "/count") }
' "$DOC"
count=$(cat "$T/blocks/count")

# One script for all the shell blocks, so that `export` and `cd` carry on as in a terminal.
script="$T/script.sh"
: >"$script"
i=1
while [ "$i" -le "$count" ]; do
    lang=$(cat "$T/blocks/$i.lang")
    text="$T/blocks/$i.txt"
    first=$(head -n 1 "$text")
    case "$lang:$first" in
    dasm:*)
        name=$(echo "$first" | sed -n 's/^; \([A-Za-z0-9_]*\.dasm\) .*/\1/p')
        [ -n "$name" ] || fail "block $i: a dasm block whose first line names no file: $first"
        printf 'cat >%s <<'"'"'D16_EOF'"'"'\n' "$name" >>"$script"
        cat "$text" >>"$script"
        printf 'D16_EOF\n' >>"$script"
        ;;
    :"# "*.keys*)
        name=$(echo "$first" | sed -n 's/^# \([A-Za-z0-9_]*\.keys\) .*/\1/p')
        printf 'cat >%s <<'"'"'D16_EOF'"'"'\n' "$name" >>"$script"
        cat "$text" >>"$script"
        printf 'D16_EOF\n' >>"$script"
        ;;
    sh:*)
        printf '{\n' >>"$script"
        while IFS= read -r line; do
            case "$line" in
            ./quickstart*) echo ": skipped: $line" ;;
            d16\ *--headless*) echo "$line </dev/null" ;;
            d16\ *) echo ": skipped, it opens a window: $line" ;;
            *) echo "$line" ;;
            esac
        done <"$text" >>"$script"
        printf '} >%s/%s.out 2>&1 </dev/null\n' "$T/blocks" "$i" >>"$script"
        ;;
    esac
    i=$((i + 1))
done

(cd "$T/src" && HOME="$T/home" PATH="/usr/bin:/bin" sh "$script") >"$T/script.log" 2>&1
status=$?
expect_status "the tutorial's commands" 0

checked=0
i=1
while [ "$i" -lt "$count" ]; do
    next=$((i + 1))
    if [ "$(cat "$T/blocks/$i.lang")" = sh ] && [ -f "$T/blocks/$i.out" ] &&
        [ -z "$(cat "$T/blocks/$next.lang")" ] &&
        ! head -n 1 "$T/blocks/$next.txt" | grep -q '^# '; then
        if cmp -s "$T/blocks/$i.out" "$T/blocks/$next.txt"; then
            pass "block $i prints what the tutorial shows"
        else
            fail "block $i prints (- tutorial, + now): $(diff -u "$T/blocks/$next.txt" "$T/blocks/$i.out")"
        fi
        checked=$((checked + 1))
    fi
    i=$next
done
if [ "$checked" -ge 3 ]; then pass "$checked outputs compared"; else fail "only $checked outputs compared"; fi

# block_with TEXT: the number of the first block containing the line TEXT.
block_with() {
    grep -lxF -e "$1" "$T"/blocks/*.txt | sed 's|.*/||; s|\.txt$||' | sort -n | head -n 1
}
typed=$(block_with "d16 --headless --type 'Ada\n' --dump-screen name.bin")
keyed=$(block_with "d16 --headless --keys name.keys --dump-screen name.bin")
if [ -n "$typed" ] && [ -n "$keyed" ] && cmp -s "$T/blocks/$typed.out" "$T/blocks/$keyed.out"; then
    pass "the key script prints the same screen as --type"
else
    fail "the key script's screen (block $keyed) differs from --type's (block $typed)"
fi
# §3 says the greeting shows the name in yellow: the cells of "Ada" have yellow's
# foreground (palette 14, 255;255;85) in --dump-screen=ansi (repeated colours folded first,
# so the check holds however often the dump repeats a colour).
esc=$(printf '\033')
(cd "$T/home/d16-tutorial" && "$D16" --headless --type 'Ada\n' --dump-screen=ansi name.bin) |
    sed -n 7p | sed "s/$esc\[48;2;[0-9;]*m//g" |
    sed -E ":a; s/($esc\[38;2;[0-9;]+m)([^$esc]*)\1/\1\2/; ta" >"$T/greeting"
if grep -qF "${esc}[38;2;255;255;85mAda${esc}" "$T/greeting"; then
    pass "the greeting shows the name in yellow"
else
    fail "the name in the greeting is not yellow: $(cat -v "$T/greeting")"
fi
# The error shown for SET PC, dome.
shown=$(grep -l "^hello.dasm:4:21: error" "$T"/blocks/*.txt | head -n 1)
sed 's/SET PC, done/SET PC, dome/' "$T/home/d16-tutorial/hello.dasm" >"$T/home/d16-tutorial/bad.dasm"
(cd "$T/home/d16-tutorial" && "$D16_BUILDDIR/d16asm" bad.dasm -o bad.bin) >"$T/out" 2>"$T/err"
status=$?
expect_status "the mistake" 1
sed 's/^bad\.dasm/hello.dasm/' "$T/err" >"$T/err.shown"
if [ -n "$shown" ] && cmp -s "$shown" "$T/err.shown"; then
    pass "the error message is the one shown"
else
    fail "the error message differs: $(cat "$T/err.shown")"
fi
for f in hello.bin name.bin; do
    if [ -f "$T/home/d16-tutorial/$f" ]; then pass "$f assembled"; else fail "no $f"; fi
done
finish
