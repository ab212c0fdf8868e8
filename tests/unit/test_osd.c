/* test_osd.c — the on-screen display's notice: wrapping to OSD_COLS at spaces, the band at
 * the picture's foot, glyphs in the LEM font typed in independently (reference_lem.h),
 * full strength while held, then fading to nothing. */
#include "frontend/osd.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "reference_lem.h"

static uint32_t px[DISPLAY_WIDTH * DISPLAY_HEIGHT];
static uint16_t font[256];

static void parse_reference_font(void)
{
    unsigned n = 0;
    for (unsigned line = 0; line < 16; line++) {
        const char *p = reference_font[line];
        char *end;
        for (unsigned i = 0; i < 16; i++, p = end)
            font[n++] = (uint16_t)strtoul(p, &end, 16);
    }
}

START_TEST(test_wraps_at_spaces_and_newlines)
{
    osd_t o;
    osd_init(&o);
    osd_show(&o, "Machine fault at PC 0x0012:\nillegal instruction and a long tail of words", 0,
             OSD_HOLD_MS);
    ck_assert_uint_eq(o.count, 3);
    ck_assert_str_eq(o.lines[0], "Machine fault at PC 0x0012:");
    ck_assert_str_eq(o.lines[1], "illegal instruction and a long");
    ck_assert_str_eq(o.lines[2], "tail of words");
    for (unsigned i = 0; i < o.count; i++)
        ck_assert_uint_le(strlen(o.lines[i]), OSD_COLS);
}
END_TEST

START_TEST(test_word_longer_than_a_line_is_cut)
{
    osd_t o;
    osd_init(&o);
    char word[2 * OSD_COLS + 1];
    memset(word, 'x', sizeof word - 1);
    word[sizeof word - 1] = '\0';
    osd_show(&o, word, 0, OSD_HOLD_MS);
    ck_assert_uint_eq(o.count, 2);
    ck_assert_uint_eq(strlen(o.lines[0]), OSD_COLS);
}
END_TEST

START_TEST(test_holds_then_fades)
{
    osd_t o;
    osd_init(&o);
    ck_assert_uint_eq(osd_alpha(&o, 0), 0);
    ck_assert(!osd_render(&o, 0, px));
    osd_show(&o, "Paused", 1000, 3000);
    ck_assert_uint_eq(osd_alpha(&o, 1000), 255);
    ck_assert_uint_eq(osd_alpha(&o, 4000), 255);
    unsigned mid = osd_alpha(&o, 4000 + OSD_FADE_MS / 2);
    ck_assert_uint_gt(mid, 100);
    ck_assert_uint_lt(mid, 155);
    ck_assert_uint_eq(osd_alpha(&o, 4000 + OSD_FADE_MS), 0);
    ck_assert(!osd_render(&o, 4000 + OSD_FADE_MS, px));
    ck_assert(osd_render(&o, 4000 + OSD_FADE_MS / 2, px));
    ck_assert_uint_eq(px[(DISPLAY_HEIGHT - 1) * DISPLAY_WIDTH] & 0xff, OSD_BAND_RGBA * mid / 255 & 0xff);
}
END_TEST

/* Every printable character in one notice: each pixel of the band is text (white) exactly
 * where the reference font has a bit, band elsewhere; above the band, transparent. */
START_TEST(test_glyphs_are_the_lem_font)
{
    char text[0x5f + 1];
    for (unsigned c = 0x20; c < 0x7f; c++)
        text[c - 0x20] = (char)(c == ' ' ? '~' : c); /* no spaces: no wrapping */
    text[0x5f] = '\0';
    osd_t o;
    osd_init(&o);
    osd_show(&o, text, 0, OSD_HOLD_MS);
    ck_assert(osd_render(&o, 10, px));
    parse_reference_font();
    unsigned band = o.count * OSD_LINE_H - 1 + 2 * OSD_PAD;
    unsigned top = DISPLAY_HEIGHT - band;
    for (unsigned y = 0; y < DISPLAY_HEIGHT; y++)
        for (unsigned x = 0; x < DISPLAY_WIDTH; x++) {
            uint32_t want = y < top ? 0 : OSD_BAND_RGBA;
            unsigned ly = y - top - OSD_PAD, line = ly / OSD_LINE_H, gy = ly % OSD_LINE_H;
            unsigned col = (x - OSD_LEFT) / 4, gx = (x - OSD_LEFT) % 4;
            if (y >= top + OSD_PAD && line < o.count && gy < 8 && x >= OSD_LEFT &&
                col < strlen(o.lines[line])) {
                unsigned char c = (unsigned char)o.lines[line][col];
                uint16_t word = font[2 * c + gx / 2];
                unsigned bits = gx % 2 ? word & 0xff : word >> 8;
                if (bits >> gy & 1)
                    want = OSD_TEXT_RGBA;
            }
            ck_assert_msg(px[y * DISPLAY_WIDTH + x] == want, "pixel (%u, %u): %08x, want %08x",
                          x, y, px[y * DISPLAY_WIDTH + x], want);
        }
}
END_TEST

static Suite *osd_suite(void)
{
    Suite *s = suite_create("osd");
    TCase *tc = tcase_create("osd");
    tcase_add_test(tc, test_wraps_at_spaces_and_newlines);
    tcase_add_test(tc, test_word_longer_than_a_line_is_cut);
    tcase_add_test(tc, test_holds_then_fades);
    tcase_add_test(tc, test_glyphs_are_the_lem_font);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(osd_suite)
