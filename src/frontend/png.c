/* png.c — RGBA to PNG with libpng; the only place that knows the PNG format. libpng is
 * loaded when the first PNG is written (dynlib.h), so runs without one never map it. */
#include "frontend/png.h"

#include <png.h>
#include <stdlib.h>

#include "frontend/dynlib.h"

/* X(return type, name, parameter list): every libpng function written PNGs call. */
#define PNG_FUNCTIONS(X)                                                                   \
    X(png_structp, png_create_write_struct,                                                \
      (png_const_charp user_png_ver, png_voidp error_ptr, png_error_ptr error_fn,          \
       png_error_ptr warn_fn))                                                             \
    X(png_infop, png_create_info_struct, (png_const_structrp png_ptr))                     \
    X(void, png_destroy_write_struct, (png_structpp png_ptr_ptr, png_infopp info_ptr_ptr)) \
    X(jmp_buf *, png_set_longjmp_fn,                                                       \
      (png_structrp png_ptr, png_longjmp_ptr longjmp_fn, size_t jmp_buf_size))             \
    X(void, png_init_io, (png_structrp png_ptr, png_FILE_p fp))                            \
    X(void, png_set_IHDR,                                                                  \
      (png_const_structrp png_ptr, png_inforp info_ptr, png_uint_32 width,                 \
       png_uint_32 height, int bit_depth, int color_type, int interlace_method,            \
       int compression_method, int filter_method))                                         \
    X(void, png_write_info, (png_structrp png_ptr, png_const_inforp info_ptr))             \
    X(void, png_write_row, (png_structrp png_ptr, png_const_bytep row))                    \
    X(void, png_write_end, (png_structrp png_ptr, png_inforp info_ptr))

DYNLIB_TABLE(png_lib_t, PNG_FUNCTIONS)
DYNLIB_SAME_TYPES(PNG_FUNCTIONS)
DYNLIB_LOADER(png_lib_load, png_lib_t, PNG_FUNCTIONS)

int frontend_png_write(FILE *f, const uint32_t *rgba, unsigned width, unsigned height)
{
    png_lib_t lib;
    char err[256];
    if (png_lib_load(&lib, FRONTEND_PNG_LIBRARY, err, sizeof err) != 0) {
        fprintf(stderr, "d16: %s\n", err);
        return -1;
    }
    png_structp png = lib.png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    if (!png)
        return -1;
    png_infop info = lib.png_create_info_struct(png);
    uint8_t *volatile row = malloc((size_t)width * 4);
    /* libpng reports errors by longjmp (png_jmpbuf spelled out, through the table);
     * volatile keeps row valid across it */
    if (!info || !row || setjmp(*lib.png_set_longjmp_fn(png, longjmp, sizeof(jmp_buf)))) {
        free(row);
        lib.png_destroy_write_struct(&png, info ? &info : NULL);
        return -1;
    }
    lib.png_init_io(png, f);
    lib.png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB_ALPHA,
                     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                     PNG_FILTER_TYPE_DEFAULT);
    lib.png_write_info(png, info);
    for (unsigned y = 0; y < height; y++) {
        for (unsigned x = 0; x < width; x++) {
            uint32_t p = rgba[(size_t)y * width + x];
            row[4 * x + 0] = (uint8_t)(p >> 24);
            row[4 * x + 1] = (uint8_t)(p >> 16);
            row[4 * x + 2] = (uint8_t)(p >> 8);
            row[4 * x + 3] = (uint8_t)p;
        }
        lib.png_write_row(png, row);
    }
    lib.png_write_end(png, NULL);
    lib.png_destroy_write_struct(&png, &info);
    free(row);
    return ferror(f) ? -1 : 0;
}
