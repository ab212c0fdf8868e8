/* screen.h — the display seen from a headless run: --dump-screen text, its ANSI-coloured
 * form, and --screenshot (docs/machine.md §5, docs/cli.md).
 *
 *   screen_dump_text(stdout, &m->display);
 *   screen_dump_ansi(stdout, &m->display, m->cpu.cycles);
 *   screen_write_png(f, &m->display, m->cpu.cycles);      f opened "wb" */
#ifndef D16_SCREEN_H
#define D16_SCREEN_H

#include <stdint.h>
#include <stdio.h>

#include "devices/display.h"

/* 12 lines: the low 7 bits of each cell, 0x20–0x7e as is, else a space, trailing spaces
 * removed; 12 empty lines when the display is off. */
void screen_dump_text(FILE *out, const display_dev_t *d);

/* The same 12 rows, all 32 cells, each in its foreground and background colour (24-bit
 * ANSI escapes; blinking cells as they look at cycle now), colours reset at each line end. */
void screen_dump_ansi(FILE *out, const display_dev_t *d, uint64_t now);

/* The rendered picture with its border as a PNG; 0 or -1. */
int screen_write_png(FILE *f, const display_dev_t *d, uint64_t now);

/* The same, each display pixel a scale × scale block (--screenshot-scale, F12 at the
 * window's scale). */
int screen_write_png_scaled(FILE *f, const display_dev_t *d, uint64_t now, unsigned scale);

#endif
