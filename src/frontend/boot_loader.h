/* boot_loader.h — the loader `d16disk mkboot` puts in sector 0: roms/boot/loader.dasm,
 * assembled by d16asm at build time and turned into this array by src/tools/bin2c
 * (big-endian words). */
#ifndef D16_BOOT_LOADER_H
#define D16_BOOT_LOADER_H

#include <stddef.h>

extern const unsigned char d16_boot_loader[];
extern const size_t d16_boot_loader_size;

#endif
