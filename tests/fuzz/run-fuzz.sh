#!/bin/sh
# run-fuzz.sh — make fuzz-libfuzzer: builds every target named on the command line
# (tests/fuzz/fuzz_NAME.c) with clang -fsanitize=fuzzer,address,undefined over a clang build
# of libd16 and libd16front, then runs each for D16_FUZZ_SECONDS (default 60) from its
# seed corpus, and prints one line per target: executions, coverage, crash or not.
#
# Needs clang (Debian: apt-get install clang); installs nothing itself. Environment (set
# by the Makefile): D16_SRCDIR, D16_BUILDDIR, D16_FUZZ_LIB_SOURCES (the libraries' .c files,
# relative), D16_FUZZ_EXTRA_CFLAGS (with the Makefile's AM_CPPFLAGS, relative to the build
# directory, where this runs), D16_FUZZ_LIBS. Optional: D16_FUZZ_SECONDS,
# D16_FUZZ_TARGETS (names to run, default all), CLANG (default clang), D16_FUZZ_JOBS.
#
# Work files go to $D16_BUILDDIR/fuzz/: obj/ (clang objects), NAME (the fuzzer), corpus/NAME
# (the growing corpus; the tree's seeds stay untouched), crashes/ (found inputs). A crash
# found here becomes a regression input: fix it, then copy the file into
# tests/fuzz/regress/NAME/, where make check runs it for ever after.
set -u
CLANG=${CLANG:-clang}
seconds=${D16_FUZZ_SECONDS:-60}
src=${D16_SRCDIR:?} build=${D16_BUILDDIR:?}
out=$build/fuzz

if ! command -v "$CLANG" >/dev/null 2>&1; then
    echo "make fuzz: needs clang with libFuzzer (Debian: apt-get install clang); not found" >&2
    exit 1
fi

flags="-g -O1 -std=c11 -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined -include $build/config.h -I$src/src -I$build/src
    -I$src/tests/fuzz ${D16_FUZZ_EXTRA_CFLAGS:-}"
mkdir -p "$out/obj" "$out/crashes"

# compile SOURCE OBJECT [EXTRA FLAGS]: only when the object is older than its source or a
# header changed since (headers are few and shared: any newer header rebuilds).
newest_header=$(find "$src/src" "$src/tests/fuzz" -name '*.h' -newer "$out/obj/.stamp" 2>/dev/null | head -1)
compile() {
    if [ ! -f "$2" ] || [ "$1" -nt "$2" ] || [ -n "$newest_header" ]; then
        # shellcheck disable=SC2086
        "$CLANG" $flags $3 -c "$1" -o "$2" || exit 1
    fi
}

objs=
for rel in ${D16_FUZZ_LIB_SOURCES:?}; do
    file=$src/$rel
    [ -f "$file" ] || file=$build/$rel
    obj=$out/obj/$(echo "$rel" | tr / _ | sed 's/\.c$/.o/')
    # cpu_fast.c at -O0: clang-14 at -O1 with the sanitizers takes over 11 minutes on it.
    case $rel in */cpu_fast.c) extra=-O0 ;; *) extra= ;; esac
    compile "$file" "$obj" "$extra"
    objs="$objs $obj"
done
compile "$src/tests/fuzz/fuzz_util.c" "$out/obj/fuzz_util.o" ""
touch "$out/obj/.stamp"

summary=
failed=0
for target in "$@"; do
    name=$(basename "$target" .c | sed 's/^fuzz_//')
    case " ${D16_FUZZ_TARGETS:-$name} " in *" $name "*) ;; *) continue ;; esac
    compile "$src/$target" "$out/obj/fuzz_$name.o" "-DD16_LIBFUZZER"
    # shellcheck disable=SC2086
    "$CLANG" -fsanitize=fuzzer,address,undefined "$out/obj/fuzz_$name.o" "$out/obj/fuzz_util.o" \
        $objs ${D16_FUZZ_LIBS:-} -o "$out/$name" || exit 1
    mkdir -p "$out/corpus/$name"
    seeds=$src/tests/fuzz/corpus/$name
    [ -d "$seeds" ] || seeds=
    echo "fuzz: $name for $seconds s"
    "$out/$name" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=1024 -close_fd_mask=3 \
        -print_final_stats=1 -artifact_prefix="$out/crashes/$name-" \
        "$out/corpus/$name" $seeds >"$out/$name.log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$out/$name.log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$out/$name.log" | tail -1 | cut -d' ' -f2)
    units=$(ls "$out/corpus/$name" | wc -l | tr -d ' ')
    if [ $rc -eq 0 ]; then
        verdict="no crash"
    else
        verdict="CRASH (exit $rc): see $out/$name.log and $out/crashes/"
        failed=1
    fi
    line="$name: ${seconds} s, ${execs:-?} executions, cov ${cov:-?}, ft ${ft:-?}, corpus $units, $verdict"
    echo "fuzz: $line"
    summary="$summary$line
"
done
printf '\nfuzz summary:\n%s' "$summary"
exit $failed
