/* png.c — RGBA to PNG with libpng; the only place that knows the PNG format. */
#include "frontend/png.h"

#include <png.h>
#include <stdlib.h>

/* libpng reports errors by longjmp; volatile keeps row valid across it. */
int frontend_png_write(FILE *f, const uint32_t *rgba, unsigned width, unsigned height)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    if (!png)
        return -1;
    png_infop info = png_create_info_struct(png);
    uint8_t *volatile row = malloc((size_t)width * 4);
    if (!info || !row || setjmp(png_jmpbuf(png))) {
        free(row);
        png_destroy_write_struct(&png, info ? &info : NULL);
        return -1;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (unsigned y = 0; y < height; y++) {
        for (unsigned x = 0; x < width; x++) {
            uint32_t p = rgba[(size_t)y * width + x];
            row[4 * x + 0] = (uint8_t)(p >> 24);
            row[4 * x + 1] = (uint8_t)(p >> 16);
            row[4 * x + 2] = (uint8_t)(p >> 8);
            row[4 * x + 3] = (uint8_t)p;
        }
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    return ferror(f) ? -1 : 0;
}
