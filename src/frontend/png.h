/* png.h — writes an RGBA picture as a PNG file through libpng (--screenshot, the window's F12).
 *
 *   uint32_t px[DISPLAY_WIDTH * DISPLAY_HEIGHT];
 *   display_render(&d, now, px);
 *   if (frontend_png_write(f, px, DISPLAY_WIDTH, DISPLAY_HEIGHT) != 0) ...   f opened "wb"
 *
 * Pixels are 0xRRGGBBAA words (the display renderer's format), row by row. libpng is
 * loaded (dlopen) at the first call: a run that writes no PNG never maps it. */
#ifndef D16_FRONTEND_PNG_H
#define D16_FRONTEND_PNG_H

#include <stdint.h>
#include <stdio.h>

/* libpng 1.6's SONAME. */
#define FRONTEND_PNG_LIBRARY "libpng16.so.16"

/* Returns 0, or -1 when libpng or the file failed (the file is then incomplete; a library
 * that cannot be loaded is named on stderr). */
int frontend_png_write(FILE *f, const uint32_t *rgba, unsigned width, unsigned height);

#endif
