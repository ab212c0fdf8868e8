/* fuzz.h — the one shape of every fuzz target (tests/fuzz/README.md).
 *
 *   #include "fuzz.h"
 *   D16_FUZZ_TARGET(symbols)          the name: tests/fuzz/fuzz_symbols.c, corpus/symbols/
 *   {
 *       ...use data[0..size)...      FUZZ_CHECK(cond) for what must always hold
 *       return 0;
 *   }
 *
 * `make fuzz` compiles a target with clang -fsanitize=fuzzer (D16_LIBFUZZER defined): it is
 * then LLVMFuzzerTestOneInput. `make check` compiles every target into one program,
 * tests/fuzz/fuzz_regress, with the normal compiler: each target registers itself by name
 * and fuzz_regress runs it over its seed corpus and its regression inputs. */
#ifndef D16_FUZZ_H
#define D16_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

/* fuzz_regress's table (regress_main.c). */
void fuzz_register(const char *name, fuzz_fn fn);

#ifdef D16_LIBFUZZER
#define D16_FUZZ_TARGET(name) \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#else
#define D16_FUZZ_TARGET(name) \
    static int fuzz_##name(const uint8_t *data, size_t size); \
    __attribute__((constructor)) static void fuzz_register_##name(void) \
    { \
        fuzz_register(#name, fuzz_##name); \
    } \
    static int fuzz_##name(const uint8_t *data, size_t size)
#endif

/* A broken invariant: say which and abort, so both libFuzzer and fuzz_regress see a crash. */
#define FUZZ_CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            abort(); \
        } \
    } while (0)

/* A NUL-terminated copy of the input (free it). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    FUZZ_CHECK(text != NULL);
    for (size_t i = 0; i < size; i++)
        text[i] = (char)data[i];
    text[size] = '\0';
    return text;
}

/* Writes data to a fresh file named ...SUFFIX under $TMPDIR (or /tmp); path gets its name
 * (remove it after). For code that only reads files, as d16 itself does. */
int fuzz_temp_file(const char *suffix, const uint8_t *data, size_t size, char *path,
                   size_t path_size);

#endif
