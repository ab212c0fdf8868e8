/* lem_font.h — the LEM1802's built-in font and palette (docs/machine.md §3.5), the data the
 * display shows when FONT or PALETTE is 0 and copies out with MEM_DUMP_FONT/PALETTE.
 *
 * Font: 128 glyphs of 4×8 pixels, two words each. Glyph n is words 2n and 2n+1; the four
 * columns are the high and low bytes of word 2n, then of word 2n+1; bit 0 of a column is
 * the top row. Palette: 16 words 0000rrrrggggbbbb. */
#ifndef D16_LEM_FONT_H
#define D16_LEM_FONT_H

#include <stdint.h>

#define LEM_FONT_WORDS    256
#define LEM_PALETTE_WORDS 16

extern const uint16_t lem_default_font[LEM_FONT_WORDS];
extern const uint16_t lem_default_palette[LEM_PALETTE_WORDS];

#endif
