/* screen.c — text, ANSI and PNG views of the display for headless runs. */
#include "frontend/screen.h"

#include <stdlib.h>

#include "frontend/png.h"

void screen_dump_text(FILE *out, const display_dev_t *d)
{
    char rows[DISPLAY_ROWS][DISPLAY_COLS + 1];
    display_text(d, rows);
    for (unsigned r = 0; r < DISPLAY_ROWS; r++)
        fprintf(out, "%s\n", rows[r]);
}

static char cell_char(uint8_t glyph)
{
    return glyph >= 0x20 && glyph <= 0x7e ? (char)glyph : ' ';
}

void screen_dump_ansi(FILE *out, const display_dev_t *d, uint64_t now)
{
    if (!display_is_on(d)) {
        for (unsigned r = 0; r < DISPLAY_ROWS; r++)
            fputc('\n', out);
        return;
    }
    bool blink_on = display_blink_on(d, now);
    for (unsigned r = 0; r < DISPLAY_ROWS; r++) {
        for (unsigned c = 0; c < DISPLAY_COLS; c++) {
            display_cell_t cell = display_cell(d, c, r);
            uint32_t fg = display_color(d, cell.fg), bg = display_color(d, cell.bg);
            char ch = cell.blink && !blink_on ? ' ' : cell_char(cell.glyph);
            fprintf(out, "\033[38;2;%u;%u;%um\033[48;2;%u;%u;%um%c", fg >> 24, fg >> 16 & 0xff,
                    fg >> 8 & 0xff, bg >> 24, bg >> 16 & 0xff, bg >> 8 & 0xff, ch);
        }
        fputs("\033[0m\n", out);
    }
}

int screen_write_png(FILE *f, const display_dev_t *d, uint64_t now)
{
    uint32_t *px = malloc(sizeof *px * DISPLAY_WIDTH * DISPLAY_HEIGHT);
    if (!px)
        return -1;
    display_render(d, now, px);
    int rc = frontend_png_write(f, px, DISPLAY_WIDTH, DISPLAY_HEIGHT);
    free(px);
    return rc;
}
