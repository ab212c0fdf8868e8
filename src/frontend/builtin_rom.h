/* builtin_rom.h — the image d16 boots without IMAGE: the monitor, roms/monitor.dasm,
 * assembled by d16asm at build time and turned into this array by src/tools/bin2c
 * (big-endian words). */
#ifndef D16_BUILTIN_ROM_H
#define D16_BUILTIN_ROM_H

#include <stddef.h>

extern const unsigned char d16_builtin_rom[];
extern const size_t d16_builtin_rom_size;

#endif
