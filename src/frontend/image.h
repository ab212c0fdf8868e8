/* image.h — puts the program into the machine: a raw image file, a .dasm/.asm source
 * assembled in memory, or the built-in ROM (docs/machine.md §4).
 *
 *   char err[512];
 *   if (image_load(m, "prog.bin", false, 0, err, sizeof err) != 0)
 *       fprintf(stderr, "d16: %s\n", err);       "prog.bin: odd size: 7 bytes ..."
 *
 * Assembler diagnostics are printed to stderr as the assembler formats them (err then
 * only says how many errors there were). A source's labels can come along as symbols. */
#ifndef D16_IMAGE_H
#define D16_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontend/symbols.h"
#include "machine/machine.h"

/* Loads path at load_addr (PC = load_addr); returns 0 or -1 with a one-line message that
 * starts with the file name. A source's labels are added to syms (sorted) unless it is
 * NULL. */
int image_load(machine_t *m, const char *path, bool little_endian, uint16_t load_addr,
               symbols_t *syms, char *err, size_t err_size);

/* Loads the built-in ROM at 0. */
int image_load_builtin(machine_t *m, char *err, size_t err_size);

/* True for names ending in .dasm, .asm, .dasm16 or .s. A raw image that is lines of printable
 * text is refused as "looks like assembly source". */
bool image_is_source(const char *path);

#endif
