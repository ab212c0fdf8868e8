/* symbols.h — a program's labels for d16's debugger, trace and fault reports: names from a
 * `d16asm --symbols` file (`NAME ADDR` per line) or straight from the assembler.
 *
 *   symbols_t syms;
 *   symbols_init(&syms);
 *   if (symbols_parse(&syms, "prog.sym", text, len, err, sizeof err) != 0) ...  "prog.sym:3: ..."
 *   symbols_add(&syms, "loop", 0x0004);     then symbols_sort(&syms) before any lookup
 *   symbols_find(&syms, "loop", &addr);      by name
 *   symbols_format(&syms, 0x0007, buf, n);   "loop+3": the nearest label at or below
 *   symbols_free(&syms);
 *
 * Lookups by address see the table sorted by value (then name), so the first name of an
 * address is the alphabetically first. */
#ifndef D16_SYMBOLS_H
#define D16_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SYMBOLS_NAME_MAX 255 /* longest name a symbols file may hold */
/* How far past a label an address is still named after it: farther than this it is more
 * likely data, the stack or the I/O page than the label's code. */
#define SYMBOLS_NEAR 0x400

typedef struct symbol {
    char *name;
    uint16_t value;
} symbol_t;

typedef struct symbols {
    symbol_t *sym; /* sorted by value, then name, after symbols_sort */
    size_t count, cap;
    bool sorted;
} symbols_t;

void symbols_init(symbols_t *t);
void symbols_free(symbols_t *t);

/* Adds a copy of name; returns 0, or -1 when out of memory. Leaves the table unsorted. */
int symbols_add(symbols_t *t, const char *name, uint16_t value);

/* Sorts the table for the lookups below. */
void symbols_sort(symbols_t *t);

/* Reads `NAME ADDR` lines (ADDR decimal or 0x hex, 0..0xFFFF); blank lines and lines that
 * start with `#` or `;` are skipped. Returns 0 (table sorted), or -1 with "file:line:
 * problem" in err. */
int symbols_parse(symbols_t *t, const char *file, const char *text, size_t len, char *err,
                  size_t err_size);

/* The value of name (case-sensitive); false when there is none. */
bool symbols_find(const symbols_t *t, const char *name, uint16_t *value);

/* The name exactly at value, or NULL. */
const char *symbols_exact(const symbols_t *t, uint16_t value);

/* The nearest name at or below value and value's distance from it, or NULL. */
const char *symbols_nearest(const symbols_t *t, uint16_t value, uint16_t *offset);

/* "name" or "name+N" (N decimal) for addr into buf, from the nearest label at or below it
 * and less than SYMBOLS_NEAR words away; returns the length, 0 (buf "") when there is none. */
size_t symbols_format(const symbols_t *t, uint16_t addr, char *buf, size_t size);

/* A disasm_symbol_fn (asm/disasm.h) for ctx = a symbols_t: exact names only, so constants
 * that happen to lie past a label stay numbers. */
const char *symbols_disasm_lookup(void *ctx, uint16_t value, uint16_t *offset);

#endif
