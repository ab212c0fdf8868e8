#!/bin/sh
# manpages.sh — the manual pages man/d16.1, man/d16asm.1, man/d16dis.1 against each
# program's --help: every option --help lists has an entry in the page, and every option
# entry of the page (the line after .TP) is one --help lists. With man(1) at hand each page
# also renders without a warning. A new option goes in --help and in its page.
. "$(dirname "$0")/lib.sh"

# help_options PROGRAM: the options its --help names, one a line.
help_options() {
    "$D16_BUILDDIR/$1" --help | grep -o -e '--[a-z][a-z0-9-]*' -e '^ *-[A-Za-z]\>' |
        sed 's/^ *//' | sort -u
}

# page_entries PAGE: the option each .TP entry of PAGE starts with, one a line.
page_entries() {
    sed 's/\\-/-/g; s/\\f[BIR]//g' "$1" | awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' |
        sed 's/^\.B  *//' | grep -o -e '^--[a-z][a-z0-9-]*' -e '^-[A-Za-z]\>' | sort -u
}

for prog in d16 d16asm d16dis; do
    page="$D16_SRCDIR/man/$prog.1"
    help_options "$prog" >"$T/$prog.help"
    page_entries "$page" >"$T/$prog.page"
    [ -s "$T/$prog.help" ] || fail "$prog --help names no option"
    missing=$(comm -23 "$T/$prog.help" "$T/$prog.page" | tr '\n' ' ')
    extra=$(comm -13 "$T/$prog.help" "$T/$prog.page" | tr '\n' ' ')
    expect_eq "$prog.1 has an entry for each option of $prog --help" "$missing" ""
    expect_eq "$prog.1 has no entry for an option $prog --help does not list" "$extra" ""
    if command -v man >/dev/null 2>&1; then
        LC_ALL=C MANWIDTH=80 man --warnings -l "$page" >"$T/$prog.txt" 2>"$T/$prog.warn"
        expect_eq "$prog.1 renders without warnings" "$(cat "$T/$prog.warn")" ""
        expect_grep "$prog.1 renders its NAME" "$T/$prog.txt" "^ *$prog - "
    fi
done
finish
