/* osd.c — lays out and paints the on-screen display's notice (osd.h). */
#include "frontend/osd.h"

#include <string.h>

#include "devices/lem_font.h"

void osd_init(osd_t *o)
{
    memset(o, 0, sizeof *o);
}

/* Appends the next line of text (up to a '\n', or the last space that fits in OSD_COLS,
 * or OSD_COLS characters of a longer word); returns where the rest starts. */
static const char *take_line(char *line, const char *text)
{
    size_t len = strcspn(text, "\n");
    if (len > OSD_COLS) {
        len = OSD_COLS;
        for (size_t i = OSD_COLS; i > 0; i--)
            if (text[i] == ' ') {
                len = i;
                break;
            }
    }
    memcpy(line, text, len);
    line[len] = '\0';
    text += len;
    if (*text == '\n' || *text == ' ')
        text++;
    return text;
}

void osd_show(osd_t *o, const char *text, uint64_t now_ms, uint64_t hold_ms)
{
    o->count = 0;
    while (*text && o->count < OSD_MAX_LINES)
        text = take_line(o->lines[o->count++], text);
    o->shown_ms = now_ms;
    o->hold_ms = hold_ms;
}

unsigned osd_alpha(const osd_t *o, uint64_t now_ms)
{
    if (o->count == 0)
        return 0;
    uint64_t age = now_ms > o->shown_ms ? now_ms - o->shown_ms : 0;
    if (age <= o->hold_ms)
        return 255;
    age -= o->hold_ms;
    return age >= OSD_FADE_MS ? 0 : (unsigned)(255 * (OSD_FADE_MS - age) / OSD_FADE_MS);
}

static uint32_t faded(uint32_t rgba, unsigned alpha)
{
    return (rgba & 0xffffff00u) | ((rgba & 0xffu) * alpha / 255);
}

/* Glyph c's pixel (x, y) in the LEM font (docs/machine.md §3.6: column-wise, bit 0 on top). */
static bool glyph_pixel(unsigned char c, unsigned x, unsigned y)
{
    uint16_t word = lem_default_font[2 * (c & 0x7f) + x / 2];
    uint8_t column = x % 2 ? word & 0xff : word >> 8;
    return column >> y & 1;
}

static void paint_text(uint32_t *rgba, const char *line, unsigned top, uint32_t colour)
{
    for (unsigned col = 0; line[col]; col++) {
        unsigned char c = (unsigned char)line[col];
        if (c < 0x20 || c > 0x7e)
            c = '?';
        for (unsigned y = 0; y < OSD_GLYPH_H; y++)
            for (unsigned x = 0; x < OSD_GLYPH_W; x++)
                if (glyph_pixel(c, x, y))
                    rgba[(top + y) * DISPLAY_WIDTH + OSD_LEFT + col * OSD_GLYPH_W + x] = colour;
    }
}

bool osd_render(const osd_t *o, uint64_t now_ms, uint32_t *rgba)
{
    unsigned alpha = osd_alpha(o, now_ms);
    if (alpha == 0)
        return false;
    unsigned band = o->count * OSD_LINE_H - 1 + 2 * OSD_PAD;
    unsigned top = DISPLAY_HEIGHT - band;
    for (unsigned i = 0; i < DISPLAY_WIDTH * DISPLAY_HEIGHT; i++)
        rgba[i] = i < top * DISPLAY_WIDTH ? 0 : faded(OSD_BAND_RGBA, alpha);
    for (unsigned l = 0; l < o->count; l++)
        paint_text(rgba, o->lines[l], top + OSD_PAD + l * OSD_LINE_H, faded(OSD_TEXT_RGBA, alpha));
    return true;
}
