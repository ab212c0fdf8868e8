/* disasm.h — turn DCPU-16 instruction words back into assembler text.
 *
 *   uint16_t w[3] = {mem[pc], mem[pc + 1], mem[pc + 2]};
 *   char text[64];
 *   unsigned len = disasm_format(w, text, sizeof text);   // len = words used, 1..3
 *
 * The text is in d16asm's dialect (docs/assembler.md) and assembles back to exactly the
 * same words: a next-word literal whose value would fit the short form is written
 * `LONG 0x0005` so the assembler keeps it long, and a literal destination is written
 * `LONG n` (the explicit form the assembler accepts as a destination). Words that are not
 * an instruction — undefined opcodes, or a short literal as IAG/HWN's destination — come
 * out as `DAT 0xNNNN` and count 1 word. Registers and mnemonics are upper case; next
 * words are 0xNNNN, short literals and PICK offsets decimal. */
#ifndef D16_DISASM_H
#define D16_DISASM_H

#include <stddef.h>
#include <stdint.h>

/* Longest text disasm_format produces, terminator included. */
#define DISASM_TEXT_MAX 48

/* Formats the instruction starting at words[0] into buf (always terminated when
 * size > 0, truncated if small); returns its length in words (1..3). */
unsigned disasm_format(const uint16_t words[3], char *buf, size_t size);

/* Optional symbol lookup for disasm_format_sym: returns a name for value (and its offset
 * in *offset, 0 for an exact hit) or NULL when none fits. */
typedef const char *(*disasm_symbol_fn)(void *ctx, uint16_t value, uint16_t *offset);

/* Like disasm_format, but next-word values, and short literals that are the target of JSR
 * or SET PC, that name a symbol are printed as `name` or `name+N`. The result still
 * assembles to the same words when the symbols are defined. */
unsigned disasm_format_sym(const uint16_t words[3], char *buf, size_t size,
                           disasm_symbol_fn lookup, void *ctx);

#endif
