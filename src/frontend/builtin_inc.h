/* builtin_inc.h — the register names of this build's devices (roms/d16.inc, generated from
 * the device classes at build time) built into d16 and d16asm, so that `.include "d16.inc"`
 * works from any directory, installed or not (docs/assembler.md, .include).
 *
 *   const char *dirs[] = {..., BUILTIN_INC_DIR};     the last place .include looks
 *   opts.read_file = builtin_inc_read;               real files first, then the built-in one
 */
#ifndef D16_BUILTIN_INC_H
#define D16_BUILTIN_INC_H

#include <stddef.h>

/* A pseudo directory: "<built-in>/d16.inc" is served from memory. */
#define BUILTIN_INC_DIR "<built-in>"

/* An asm_read_fn: the file system, except BUILTIN_INC_DIR "/d16.inc". */
int builtin_inc_read(void *ctx, const char *path, char **data, size_t *size);

#endif
