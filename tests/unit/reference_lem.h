/* reference_lem.h — the LEM1802's default font and palette exactly as reference §3.6–3.7
 * prints them, typed in independently of src/devices/lem_font.c, so the tests that use them
 * (MEM_DUMP_FONT/PALETTE words, screenshot pixels) catch a wrong word in the core. */
#ifndef D16_TESTS_REFERENCE_LEM_H
#define D16_TESTS_REFERENCE_LEM_H

#include <stdint.h>

/* Reference §3.7, compact form, as printed there: 16 lines of 16 words. */
static const char *const reference_font[] = {
    "b79e 388e 722c 75f4 19bb 7f8f 85f9 b158 242e 2400 082a 0800 0008 0000 0808 0808",
    "00ff 0000 00f8 0808 08f8 0000 080f 0000 000f 0808 00ff 0808 08f8 0808 08ff 0000",
    "080f 0808 08ff 0808 6633 99cc 9933 66cc fef8 e080 7f1f 0701 0107 1f7f 80e0 f8fe",
    "5500 aa00 55aa 55aa ffaa ff55 0f0f 0f0f f0f0 f0f0 0000 ffff ffff 0000 ffff ffff",
    "0000 0000 005f 0000 0300 0300 3e14 3e00 266b 3200 611c 4300 3629 7650 0002 0100",
    "1c22 4100 4122 1c00 1408 1400 081c 0800 4020 0000 0808 0800 0040 0000 601c 0300",
    "3e49 3e00 427f 4000 6259 4600 2249 3600 0f08 7f00 2745 3900 3e49 3200 6119 0700",
    "3649 3600 2649 3e00 0024 0000 4024 0000 0814 2200 1414 1400 2214 0800 0259 0600",
    "3e59 5e00 7e09 7e00 7f49 3600 3e41 2200 7f41 3e00 7f49 4100 7f09 0100 3e41 7a00",
    "7f08 7f00 417f 4100 2040 3f00 7f08 7700 7f40 4000 7f06 7f00 7f01 7e00 3e41 3e00",
    "7f09 0600 3e61 7e00 7f09 7600 2649 3200 017f 0100 3f40 7f00 1f60 1f00 7f30 7f00",
    "7708 7700 0778 0700 7149 4700 007f 4100 031c 6000 417f 0000 0201 0200 8080 8000",
    "0001 0200 2454 7800 7f44 3800 3844 2800 3844 7f00 3854 5800 087e 0900 4854 3c00",
    "7f04 7800 047d 0000 2040 3d00 7f10 6c00 017f 0000 7c18 7c00 7c04 7800 3844 3800",
    "7c14 0800 0814 7c00 7c04 0800 4854 2400 043e 4400 3c40 7c00 1c60 1c00 7c30 7c00",
    "6c10 6c00 4c50 3c00 6454 4c00 0836 4100 0077 0000 4136 0800 0201 0201 0205 0200",
};

/* Reference §3.6: the default palette words and their RGB888 values. */
static const uint16_t reference_palette[16] = {
    0x0000, 0x000a, 0x00a0, 0x00aa, 0x0a00, 0x0a0a, 0x0a50, 0x0aaa,
    0x0555, 0x055f, 0x05f5, 0x05ff, 0x0f55, 0x0f5f, 0x0ff5, 0x0fff,
};
static const uint32_t reference_rgb[16] = {
    0x000000, 0x0000aa, 0x00aa00, 0x00aaaa, 0xaa0000, 0xaa00aa, 0xaa5500, 0xaaaaaa,
    0x555555, 0x5555ff, 0x55ff55, 0x55ffff, 0xff5555, 0xff55ff, 0xffff55, 0xffffff,
};

#endif
