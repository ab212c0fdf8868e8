/* asm.h — the d16 assembler: DCPU-16 v1.7 source text to a flat image (docs/assembler.md).
 *
 *   static void show(void *ctx, const asm_diag_t *d) {
 *       char text[1024];
 *       asm_diag_format(d, text, sizeof text);     // "f.dasm:3:9: error: ...\n<line>\n   ^\n"
 *       fputs(text, stderr);
 *   }
 *   asm_options_t opts = {.diag = show};           // zeroed options give the defaults
 *   asm_output_t out;
 *   int rc = asm_assemble_file("prog.dasm", &opts, &out);  // or asm_assemble_string()
 *   if (rc == 0) { load out.words[0 .. out.count) at address 0 }
 *   asm_output_free(&out);                         // always, whatever rc was
 *
 * d16 runs a .dasm this way: assemble, copy out.words into RAM, free. Errors and warnings
 * go only through opts.diag (the library never prints); rc != 0 means at least one error
 * and out.words must not be run. Listing and symbols-file text come from
 * asm_listing_text()/asm_symbols_text() as malloc'd strings the caller writes out. */
#ifndef D16_ASM_H
#define D16_ASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ASM_NOTE is what .echo says: neither a warning nor an error, never counted. */
typedef enum asm_severity { ASM_WARNING, ASM_ERROR, ASM_NOTE } asm_severity_t;

typedef struct asm_diag {
    asm_severity_t severity;
    const char *file;    /* as named in the source or on the command line */
    unsigned line, col;  /* 1-based; 0 when the message concerns no line */
    const char *message;
    const char *source;  /* the source line (after macro substitution), or NULL */
} asm_diag_t;

/* The longest label (with its scope, "main.loop"): what a symbols file may hold
 * (docs/cli.md), so d16 and d16dis read every file d16asm --symbols writes. */
#define ASM_LABEL_MAX 255

typedef void (*asm_diag_fn)(void *ctx, const asm_diag_t *d);

/* Reads a whole file into a malloc'd buffer; returns 0 or an errno value. The default
 * (NULL) reads the real file system; tests install one that serves files from memory. */
typedef int (*asm_read_fn)(void *ctx, const char *path, char **data, size_t *size);

/* The default reader: the file system (a FIFO never blocks, a huge file is EFBIG). */
int asm_read_file(void *ctx, const char *path, char **data, size_t *size);

typedef struct asm_define {
    const char *name;
    long value;
} asm_define_t;

/* The source dialect (docs/assembler.md "Dialects"): 1.7 is the default; 1.1 takes `O`
 * as the name of EX silently (1.1 programs, `d16 --machine legacy`). */
typedef enum asm_dialect { ASM_DIALECT_1_7, ASM_DIALECT_1_1 } asm_dialect_t;

typedef struct asm_options {
    asm_diag_fn diag;             /* NULL: diagnostics are only counted */
    void *diag_ctx;
    asm_read_fn read_file;        /* NULL: the file system */
    void *read_ctx;
    const char *const *include_dirs; /* -I DIR, searched after the including file's dir */
    size_t include_count;
    const asm_define_t *defines;  /* -D NAME=VALUE, visible to .ifdef and expressions */
    size_t define_count;
    bool long_literals;           /* label-valued literals always take a next word */
    bool incbin_le;               /* .incbin files are little-endian (default big) */
    unsigned max_errors;          /* stop after this many errors; 0 = 20 */
    bool strict;                  /* every warning is an error (--strict) */
    bool ignore_case;             /* label and constant names ignore case (--ignore-case) */
    asm_dialect_t dialect;        /* ASM_DIALECT_1_1: O is EX without a warning */
} asm_options_t;

typedef struct asm_symbol {
    char *name;
    uint16_t value;
    bool is_label;   /* an address (label) rather than a .equ/.define constant */
} asm_symbol_t;

typedef struct asm_list_line {
    uint16_t addr;
    uint32_t first, count;  /* words out.words[first .. first+count) */
    char *where;            /* "file:line" */
    char *source;
} asm_list_line_t;

typedef struct asm_output {
    uint16_t *words;        /* the image from address 0 */
    size_t count;
    asm_symbol_t *symbols;  /* sorted by name */
    size_t symbol_count;
    asm_list_line_t *listing;
    size_t listing_count;
    unsigned errors, warnings;
} asm_output_t;

/* Both return 0 on success, 1 when any error was reported. out is always initialised
 * and must be released with asm_output_free. name labels diagnostics and is the base
 * for relative .include/.incbin paths of the string version. */
int asm_assemble_file(const char *path, const asm_options_t *opts, asm_output_t *out);
int asm_assemble_string(const char *name, const char *text, size_t length,
                        const asm_options_t *opts, asm_output_t *out);
void asm_output_free(asm_output_t *out);

/* "file:line:col: error: message\n" + source line + caret line; returns the length it
 * needed (like snprintf). */
int asm_diag_format(const asm_diag_t *d, char *buf, size_t size);

/* malloc'd text (NULL when out of memory): the listing (address, words, source per line)
 * and the symbols file, one "NAME 0xNNNN" per label, sorted by address. */
char *asm_listing_text(const asm_output_t *out);
char *asm_symbols_text(const asm_output_t *out);

#endif
