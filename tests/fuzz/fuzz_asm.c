/* fuzz_asm.c — the assembler on any source, with .include and .incbin served from memory:
 * "inc.dasm" (macros and constants), "self.dasm" (the input itself: nesting runs into the
 * depth limit) and "data.bin" (the input as binary). What must hold: a failure has a
 * diagnostic, success has none; every diagnostic formats; the listing and the symbols file
 * can be written, and d16 reads that symbols file back (docs/cli.md). */
#include "fuzz.h"

#include <string.h>

#include "asm/asm.h"
#include "frontend/symbols.h"

typedef struct served {
    const uint8_t *data;
    size_t size;
    unsigned errors;
} served_t;

static const char inc_text[] =
    ".equ INC_VALUE, 0x1234\n"
    ".macro twice x\nDAT x, x\n.endm\n"
    ":inc_label SET PC, inc_label\n";

static int memory_read(void *ctx, const char *path, char **data, size_t *size)
{
    const served_t *s = ctx;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const uint8_t *bytes;
    size_t n;
    if (strcmp(base, "inc.dasm") == 0) {
        bytes = (const uint8_t *)inc_text;
        n = sizeof inc_text - 1;
    } else if (strcmp(base, "self.dasm") == 0 || strcmp(base, "data.bin") == 0) {
        bytes = s->data;
        n = s->size;
    } else {
        return 2; /* ENOENT */
    }
    *data = malloc(n + 1);
    if (!*data)
        return 12; /* ENOMEM */
    memcpy(*data, bytes, n);
    *size = n;
    return 0;
}

static void count_diag(void *ctx, const asm_diag_t *d)
{
    served_t *s = ctx;
    char text[4096];
    int n = asm_diag_format(d, text, sizeof text);
    FUZZ_CHECK(n >= 0);
    FUZZ_CHECK(strlen(text) < sizeof text);
    if (d->severity == ASM_ERROR)
        s->errors++;
}

D16_FUZZ_TARGET(asm)
{
    served_t served = {data, size, 0};
    const char *dirs[] = {"inc"};
    asm_define_t defines[] = {{"FUZZ", 1}};
    asm_options_t opts = {
        .diag = count_diag, .diag_ctx = &served, .read_file = memory_read, .read_ctx = &served,
        .include_dirs = dirs, .include_count = 1, .defines = defines, .define_count = 1,
        .long_literals = size > 0 && data[0] & 1, .max_errors = 50,
    };
    asm_output_t out;
    int rc = asm_assemble_string("fuzz.dasm", (const char *)data, size, &opts, &out);
    FUZZ_CHECK(rc == 0 ? served.errors == 0 : served.errors > 0);
    FUZZ_CHECK(out.count <= 0x10000);
    if (rc == 0) {
        char *listing = asm_listing_text(&out);
        char *syms = asm_symbols_text(&out);
        FUZZ_CHECK(listing && syms);
        symbols_t t;
        symbols_init(&t);
        char err[512];
        int parsed = symbols_parse(&t, "fuzz.sym", syms, strlen(syms), err, sizeof err);
        if (parsed != 0)
            fprintf(stderr, "d16 refuses d16asm's symbols: %s\n", err);
        FUZZ_CHECK(parsed == 0);
        symbols_free(&t);
        free(listing);
        free(syms);
    }
    asm_output_free(&out);
    return 0;
}
