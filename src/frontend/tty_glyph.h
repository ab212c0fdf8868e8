/* tty_glyph.h — how a LEM1802 glyph looks in one terminal cell (docs/cli.md "The
 * terminal"): the built-in font's 0x20–0x7e as their ASCII characters, its graphics
 * (0x00–0x1f, 0x7f) as Unicode line, block and shade characters, or ASCII stand-ins in
 * ASCII mode. A glyph that a program drew itself (font RAM) shows as the built-in glyph
 * with the same pixels, else the one it differs least from.
 *
 *   tty_glyphs_t g;
 *   tty_glyphs_build(&g, font_words, ascii);    the 256 words of the font the display shows
 *   wchar_t ch = g.ch[cell.glyph];
 */
#ifndef D16_TTY_GLYPH_H
#define D16_TTY_GLYPH_H

#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

#include "devices/lem_font.h"

#define TTY_GLYPHS 128

typedef struct tty_glyphs {
    wchar_t ch[TTY_GLYPHS];
} tty_glyphs_t;

/* The character the built-in glyph g (0..127) shows as. */
wchar_t tty_glyph_builtin(unsigned g, bool ascii);

void tty_glyphs_build(tty_glyphs_t *t, const uint16_t font[LEM_FONT_WORDS], bool ascii);

#endif
