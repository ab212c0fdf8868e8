/* tty_colour.h — palette colours as terminal colours (docs/cli.md "The terminal"): the
 * colour itself where the terminal takes 24-bit colour, else the nearest of the xterm 256
 * (the 6×6×6 cube and the grey ramp), of the 16 or of the 8 standard colours, whose
 * reference values are the classic VGA ones (so the LEM1802's built-in palette, which is
 * CGA's, lands on them exactly).
 *
 *   int n = tty_colour_number(TTY_COLOUR_256, display_color(d, 9));   colour 63
 */
#ifndef D16_TTY_COLOUR_H
#define D16_TTY_COLOUR_H

#include <stdint.h>

typedef enum tty_colour_depth {
    TTY_COLOUR_NONE = 0, /* no colour: characters and reverse video */
    TTY_COLOUR_8,
    TTY_COLOUR_16,
    TTY_COLOUR_256,
    TTY_COLOUR_DIRECT, /* 24-bit: the number is 0xRRGGBB */
} tty_colour_depth_t;

/* The terminal's number for rgba (0xRRGGBBAA, the display's format); 0 without colour. */
int tty_colour_number(tty_colour_depth_t depth, uint32_t rgba);

/* Colours a depth has (1 without colour). */
int tty_colour_count(tty_colour_depth_t depth);

/* Perceived lightness 0..255 of rgba, for picking reverse video without colour. */
unsigned tty_colour_lightness(uint32_t rgba);

#endif
