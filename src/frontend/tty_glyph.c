/* tty_glyph.c — LEM1802 glyphs as terminal characters. */
#include "frontend/tty_glyph.h"

/* The built-in font's graphics, 0x00–0x1f then 0x7f: what each looks most like in Unicode,
 * and in ASCII. 0x00–0x03 are irregular patterns. */
static const wchar_t graphics_unicode[33] = {
    L'\u2592', L'\u2592', L'\u2592', L'\u2592', /* patterns */
    L'\u00b1', L'\u00f7', L'\u00b7', L'\u2500', /* ± ÷ · ─ */
    L'\u2502', L'\u250c', L'\u2510', L'\u2518', /* │ ┌ ┐ ┘ */
    L'\u2514', L'\u251c', L'\u252c', L'\u2524', /* └ ├ ┬ ┤ */
    L'\u2534', L'\u253c', L'\u2571', L'\u2572', /* ┴ ┼ ╱ ╲ */
    L'\u25e3', L'\u25e4', L'\u25e5', L'\u25e2', /* ◣ ◤ ◥ ◢ */
    L'\u2591', L'\u2592', L'\u2593', L'\u2580', /* ░ ▒ ▓ ▀ */
    L'\u2584', L'\u2590', L'\u258c', L'\u2588', /* ▄ ▐ ▌ █ */
    L'\u00b0',                                  /* ° */
};
static const char graphics_ascii[33] = "%%%%+/.-|+++++++++/\\####.:######o";

wchar_t tty_glyph_builtin(unsigned g, bool ascii)
{
    g &= TTY_GLYPHS - 1;
    if (g >= 0x20 && g <= 0x7e)
        return (wchar_t)g;
    unsigned i = g == 0x7f ? 32 : g;
    return ascii ? (wchar_t)(unsigned char)graphics_ascii[i] : graphics_unicode[i];
}

static uint32_t glyph_bits(const uint16_t *font, unsigned g)
{
    return (uint32_t)font[2 * g] << 16 | font[2 * g + 1];
}

static unsigned count_bits(uint32_t x)
{
    unsigned n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

/* The built-in glyph that looks most like bits: the same one when it is there. */
static unsigned nearest_builtin(uint32_t bits, unsigned prefer)
{
    if (glyph_bits(lem_default_font, prefer) == bits)
        return prefer;
    unsigned best = prefer, best_diff = 33;
    for (unsigned g = 0; g < TTY_GLYPHS; g++) {
        unsigned diff = count_bits(glyph_bits(lem_default_font, g) ^ bits);
        if (diff < best_diff) {
            best = g;
            best_diff = diff;
        }
    }
    return best;
}

void tty_glyphs_build(tty_glyphs_t *t, const uint16_t font[LEM_FONT_WORDS], bool ascii)
{
    for (unsigned g = 0; g < TTY_GLYPHS; g++)
        t->ch[g] = tty_glyph_builtin(nearest_builtin(glyph_bits(font, g), g), ascii);
}
