/* tty_colour.c — nearest terminal colours. */
#include "frontend/tty_colour.h"

/* The 16 standard colours as VGA shows them, in ANSI order. */
static const uint8_t standard16[16][3] = {
    {0, 0, 0},     {170, 0, 0},    {0, 170, 0},    {170, 85, 0},
    {0, 0, 170},   {170, 0, 170},  {0, 170, 170},  {170, 170, 170},
    {85, 85, 85},  {255, 85, 85},  {85, 255, 85},  {255, 255, 85},
    {85, 85, 255}, {255, 85, 255}, {85, 255, 255}, {255, 255, 255},
};

/* The levels of xterm's 6×6×6 colour cube (colours 16–231). */
static const uint8_t cube_level[6] = {0, 95, 135, 175, 215, 255};

static unsigned distance(const uint8_t a[3], const uint8_t b[3])
{
    unsigned d = 0;
    for (int i = 0; i < 3; i++) {
        int x = a[i] - b[i];
        d += (unsigned)(x * x);
    }
    return d;
}

static int nearest_standard(const uint8_t rgb[3], int count)
{
    int best = 0;
    for (int i = 1; i < count; i++)
        if (distance(rgb, standard16[i]) < distance(rgb, standard16[best]))
            best = i;
    return best;
}

static unsigned nearest_level(uint8_t v)
{
    unsigned best = 0;
    for (unsigned i = 1; i < 6; i++)
        if ((v > cube_level[i] ? v - cube_level[i] : cube_level[i] - v) <
            (v > cube_level[best] ? v - cube_level[best] : cube_level[best] - v))
            best = i;
    return best;
}

/* xterm 256: the nearest cube colour or grey (232–255 are 8, 18, ..., 238). */
static int nearest_256(const uint8_t rgb[3])
{
    unsigned l[3];
    uint8_t cube[3];
    for (int i = 0; i < 3; i++) {
        l[i] = nearest_level(rgb[i]);
        cube[i] = cube_level[l[i]];
    }
    int grey_step = ((rgb[0] + rgb[1] + rgb[2]) / 3 - 8 + 5) / 10;
    if (grey_step < 0)
        grey_step = 0;
    if (grey_step > 23)
        grey_step = 23;
    uint8_t g = (uint8_t)(8 + 10 * grey_step);
    const uint8_t grey[3] = {g, g, g};
    if (distance(rgb, grey) < distance(rgb, cube))
        return 232 + grey_step;
    return (int)(16 + 36 * l[0] + 6 * l[1] + l[2]);
}

int tty_colour_number(tty_colour_depth_t depth, uint32_t rgba)
{
    const uint8_t rgb[3] = {(uint8_t)(rgba >> 24), (uint8_t)(rgba >> 16), (uint8_t)(rgba >> 8)};
    switch (depth) {
    case TTY_COLOUR_DIRECT: return (int)(rgba >> 8);
    case TTY_COLOUR_256: return nearest_256(rgb);
    case TTY_COLOUR_16: return nearest_standard(rgb, 16);
    case TTY_COLOUR_8: return nearest_standard(rgb, 8);
    case TTY_COLOUR_NONE: break;
    }
    return 0;
}

int tty_colour_count(tty_colour_depth_t depth)
{
    switch (depth) {
    case TTY_COLOUR_DIRECT: return 1 << 24;
    case TTY_COLOUR_256: return 256;
    case TTY_COLOUR_16: return 16;
    case TTY_COLOUR_8: return 8;
    case TTY_COLOUR_NONE: break;
    }
    return 1;
}

unsigned tty_colour_lightness(uint32_t rgba)
{
    return (299u * (rgba >> 24) + 587u * (rgba >> 16 & 0xff) + 114u * (rgba >> 8 & 0xff)) / 1000;
}
