/* png_text.c — reads the text a person would read in a picture of the d16 window: prints
 * every line of bright glyphs in the LEM font found in PNG (the window's on-screen display,
 * white on its dark band). The picture is DISPLAY_WIDTH × DISPLAY_HEIGHT display pixels
 * at a whole scale (the window at --scale N, as `import -window` captures it).
 *
 *   png_text shot.png        prints lines such as "Paused - F8 resumes"
 *
 * Used by tests/cli/window_osd.sh; exits 2 when the file is not such a picture. */
#include <png.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/display.h"
#include "devices/lem_font.h"

static bool lit[DISPLAY_HEIGHT][DISPLAY_WIDTH];

/* Reads the PNG and marks the display pixels that are bright (text, not the dark band). */
static int read_picture(const char *path)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path)) {
        fprintf(stderr, "png_text: %s: %s\n", path, img.message);
        return -1;
    }
    img.format = PNG_FORMAT_RGB;
    unsigned scale = img.width / DISPLAY_WIDTH;
    if (scale == 0 || img.width != scale * DISPLAY_WIDTH || img.height != scale * DISPLAY_HEIGHT) {
        fprintf(stderr, "png_text: %s: %ux%u is not %ux%u at a whole scale\n", path, img.width,
                img.height, DISPLAY_WIDTH, DISPLAY_HEIGHT);
        png_image_free(&img);
        return -1;
    }
    unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
    if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
        fprintf(stderr, "png_text: %s: cannot decode\n", path);
        free(px);
        return -1;
    }
    for (unsigned y = 0; y < DISPLAY_HEIGHT; y++)
        for (unsigned x = 0; x < DISPLAY_WIDTH; x++) {
            const unsigned char *p = px + 3 * ((size_t)(y * scale + scale / 2) * img.width +
                                              x * scale + scale / 2);
            lit[y][x] = p[0] > 160 && p[1] > 160 && p[2] > 160;
        }
    free(px);
    return 0;
}

static bool glyph_pixel(unsigned c, unsigned x, unsigned y)
{
    uint16_t word = lem_default_font[2 * c + x / 2];
    uint8_t column = x % 2 ? word & 0xff : word >> 8;
    return column >> y & 1;
}

/* The printable character whose glyph is exactly the cell at (x0, y0), or 0. */
static char read_cell(unsigned x0, unsigned y0)
{
    for (unsigned c = 0x20; c < 0x7f; c++) {
        bool same = true;
        for (unsigned y = 0; same && y < 8; y++)
            for (unsigned x = 0; same && x < 4; x++)
                same = glyph_pixel(c, x, y) == lit[y0 + y][x0 + x];
        if (same)
            return (char)c;
    }
    return 0;
}

/* Prints the row of cells at (x0, y0) when every cell is a glyph and it says something. */
static void read_line(unsigned x0, unsigned y0)
{
    char line[DISPLAY_WIDTH / 4 + 1];
    unsigned n = 0, letters = 0;
    for (unsigned x = x0; x + 4 <= DISPLAY_WIDTH; x += 4) {
        char c = read_cell(x, y0);
        if (!c)
            return;
        letters += c != ' ';
        line[n++] = c;
    }
    while (n > 0 && line[n - 1] == ' ')
        n--;
    line[n] = '\0';
    if (letters >= 2)
        puts(line + strspn(line, " "));
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: png_text PICTURE.png\n", stderr);
        return 2;
    }
    if (read_picture(argv[1]) != 0)
        return 2;
    for (unsigned y = 0; y + 8 <= DISPLAY_HEIGHT; y++)
        for (unsigned x0 = 0; x0 < 4; x0++)
            read_line(x0, y);
    return 0;
}
