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
        /* A colour is written where it changes: each row starts afresh after its reset. */
        bool first = true;
        uint32_t fg_now = 0, bg_now = 0;
        for (unsigned c = 0; c < DISPLAY_COLS; c++) {
            display_cell_t cell = display_cell(d, c, r);
            uint32_t fg = display_color(d, cell.fg), bg = display_color(d, cell.bg);
            char ch = cell.blink && !blink_on ? ' ' : cell_char(cell.glyph);
            if (first || fg != fg_now)
                fprintf(out, "\033[38;2;%u;%u;%um", fg >> 24, fg >> 16 & 0xff, fg >> 8 & 0xff);
            if (first || bg != bg_now)
                fprintf(out, "\033[48;2;%u;%u;%um", bg >> 24, bg >> 16 & 0xff, bg >> 8 & 0xff);
            fputc(ch, out);
            first = false;
            fg_now = fg;
            bg_now = bg;
        }
        fputs("\033[0m\n", out);
    }
}

int screen_write_png(FILE *f, const display_dev_t *d, uint64_t now)
{
    return screen_write_png_scaled(f, d, now, 1);
}

int screen_write_png_scaled(FILE *f, const display_dev_t *d, uint64_t now, unsigned scale)
{
    if (scale < 1)
        scale = 1;
    size_t w = (size_t)DISPLAY_WIDTH * scale, h = (size_t)DISPLAY_HEIGHT * scale;
    uint32_t *px = malloc(sizeof *px * DISPLAY_WIDTH * DISPLAY_HEIGHT);
    uint32_t *big = scale > 1 ? malloc(sizeof *big * w * h) : px;
    int rc = -1;
    if (px && big) {
        display_render(d, now, px);
        for (size_t y = 0; scale > 1 && y < h; y++)
            for (size_t x = 0; x < w; x++)
                big[y * w + x] = px[y / scale * DISPLAY_WIDTH + x / scale];
        rc = frontend_png_write(f, big, (unsigned)w, (unsigned)h);
    }
    if (big != px)
        free(big);
    free(px);
    return rc;
}
