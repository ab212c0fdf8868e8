/* test_tty.c — the terminal front end's pure parts: which keys are d16's, what a terminal
 * key sends the keyboard, palette colours as 8/16/256/24-bit terminal colours, the font as
 * terminal characters, and the frame pacer the window shares. No terminal needed. */
#include <check.h>
#include <curses.h>

#include "check_main.h"
#include "fake_host.h"
#include "frontend/pacer.h"
#include "frontend/tty_colour.h"
#include "frontend/tty_glyph.h"
#include "frontend/tty_keys.h"

/* ---- keys */

static const struct {
    int ch;
    tty_command_t cmd;
} commands[] = {
    {KEY_F(1), TTY_CMD_HELP},  {KEY_F(5), TTY_CMD_RESET}, {KEY_F(8), TTY_CMD_PAUSE},
    {KEY_F(9), TTY_CMD_TURBO}, {KEY_F(10), TTY_CMD_QUIT}, {0x1d, TTY_CMD_QUIT},
    {KEY_F(7), TTY_CMD_NONE},  {'a', TTY_CMD_NONE},       {0x03, TTY_CMD_NONE},
};

START_TEST(test_command)
{
    ck_assert_int_eq(tty_keys_command(commands[_i].ch), commands[_i].cmd);
}
END_TEST

typedef struct kb_fixture {
    fake_host_t *h;
    keyboard_dev_t kb;
} kb_fixture_t;

static void kb_open(kb_fixture_t *f, bool kbd_modifiers)
{
    f->h = fake_host_new(100000);
    keyboard_init(&f->kb, &f->h->host,
                  &(device_options_t){.args = kbd_modifiers ? "modifiers" : ""});
    keyboard_class.regs.write(&f->kb, KEYBOARD_REG_INTMSG, 7, 0);
}

static void kb_close(kb_fixture_t *f)
{
    keyboard_free(&f->kb);
    fake_host_free(f->h);
}

static uint16_t next_key(kb_fixture_t *f)
{
    return keyboard_class.regs.read(&f->kb, KEYBOARD_REG_KEY, 0);
}

/* One key into a fresh keyboard: what entered the buffer (0-terminated), the interrupts. */
static const struct {
    int ch;
    bool kbd_modifiers;
    uint16_t typed[3];
    unsigned irqs;
} presses[] = {
    {'a', false, {'a'}, 3},                      /* down, type, up */
    {'~', false, {'~'}, 3},
    {'A', false, {'A'}, 6}, /* Shift down, typed (dropped), a down, A, a up, Shift up */
    {'A', true, {KEYBOARD_SHIFT, 'A'}, 6},
    {0x03, false, {0}, 5},                       /* Ctrl-C: Control down, typed, c down, c up, Control up */
    {0x03, true, {KEYBOARD_CONTROL}, 5},
    {'\r', false, {KEYBOARD_RETURN}, 3},
    {'\n', false, {KEYBOARD_RETURN}, 3},
    {KEY_ENTER, false, {KEYBOARD_RETURN}, 3},
    {0x7f, false, {KEYBOARD_BACKSPACE}, 3},
    {0x08, false, {KEYBOARD_BACKSPACE}, 3},
    {KEY_BACKSPACE, false, {KEYBOARD_BACKSPACE}, 3},
    {KEY_IC, false, {KEYBOARD_INSERT}, 3},
    {KEY_DC, false, {KEYBOARD_DELETE}, 3},
    {KEY_UP, false, {KEYBOARD_ARROW_UP}, 3},
    {KEY_DOWN, false, {KEYBOARD_ARROW_DOWN}, 3},
    {KEY_LEFT, false, {KEYBOARD_ARROW_LEFT}, 3},
    {KEY_RIGHT, false, {KEYBOARD_ARROW_RIGHT}, 3},
    {KEY_SLEFT, true, {KEYBOARD_SHIFT, KEYBOARD_ARROW_LEFT}, 6},
    {'\t', false, {0}, 0},                       /* no guest code */
    {0x1b, false, {0}, 0},
    {KEY_F(2), false, {0}, 0},
    {0xe9, false, {0}, 0},
};

START_TEST(test_press)
{
    kb_fixture_t f;
    kb_open(&f, presses[_i].kbd_modifiers);
    bool taken = tty_keys_press(&f.kb, presses[_i].ch, 0);
    ck_assert(taken == (presses[_i].irqs != 0));
    for (unsigned k = 0; presses[_i].typed[k]; k++)
        ck_assert_uint_eq(next_key(&f), presses[_i].typed[k]);
    ck_assert_uint_eq(next_key(&f), 0);
    ck_assert_uint_eq(f.h->irqs, presses[_i].irqs);
    ck_assert_uint_eq(keyboard_class.regs.read(&f.kb, KEYBOARD_REG_MODS, 0), 0); /* all up */
    kb_close(&f);
}
END_TEST

/* ---- colours */

START_TEST(test_palette_on_16_and_8)
{
    /* The LEM1802 palette is CGA's: each lands on its own standard colour. */
    static const int ansi[16] = {0, 4, 2, 6, 1, 5, 3, 7, 8, 12, 10, 14, 9, 13, 11, 15};
    for (unsigned i = 0; i < 16; i++) {
        uint16_t w = lem_default_palette[i];
        uint32_t rgba = (uint32_t)((w >> 8 & 15) * 0x11) << 24 |
                        (uint32_t)((w >> 4 & 15) * 0x11) << 16 | (uint32_t)((w & 15) * 0x11) << 8 |
                        0xff;
        ck_assert_int_eq(tty_colour_number(TTY_COLOUR_16, rgba), ansi[i]);
        if (i < 8)
            ck_assert_int_eq(tty_colour_number(TTY_COLOUR_8, rgba), ansi[i]);
        ck_assert_int_lt(tty_colour_number(TTY_COLOUR_8, rgba), 8);
    }
}
END_TEST

START_TEST(test_256_and_direct)
{
    ck_assert_int_eq(tty_colour_number(TTY_COLOUR_256, 0x000000ff), 16);
    ck_assert_int_eq(tty_colour_number(TTY_COLOUR_256, 0xffffffff), 231);
    ck_assert_int_eq(tty_colour_number(TTY_COLOUR_256, 0xaa0000ff), 124);  /* 175, 0, 0 */
    ck_assert_int_eq(tty_colour_number(TTY_COLOUR_256, 0x5555ffff), 63);   /* 95, 95, 255 */
    ck_assert_int_eq(tty_colour_number(TTY_COLOUR_256, 0x808080ff), 244);  /* grey 128 */
    ck_assert_int_eq(tty_colour_number(TTY_COLOUR_256, 0x555555ff), 240);  /* grey 88 */
    ck_assert_int_eq(tty_colour_number(TTY_COLOUR_DIRECT, 0x123456ff), 0x123456);
    ck_assert_int_eq(tty_colour_number(TTY_COLOUR_NONE, 0x123456ff), 0);
    ck_assert_uint_gt(tty_colour_lightness(0xffff55ff), tty_colour_lightness(0x0000aaff));
}
END_TEST

/* ---- glyphs */

START_TEST(test_builtin_glyphs)
{
    ck_assert_int_eq(tty_glyph_builtin('A', false), L'A');
    ck_assert_int_eq(tty_glyph_builtin('A', true), L'A');
    ck_assert_int_eq(tty_glyph_builtin(0x1f, false), L'\u2588'); /* full block */
    ck_assert_int_eq(tty_glyph_builtin(0x1f, true), L'#');
    ck_assert_int_eq(tty_glyph_builtin(0x07, false), L'\u2500'); /* horizontal line */
    ck_assert_int_eq(tty_glyph_builtin(0x07, true), L'-');
    ck_assert_int_eq(tty_glyph_builtin(0x1b, false), L'\u2580'); /* upper half */
    ck_assert_int_eq(tty_glyph_builtin(0x7f, false), L'\u00b0');
    ck_assert_int_eq(tty_glyph_builtin(0x7f, true), L'o');
    for (unsigned g = 0; g < TTY_GLYPHS; g++) {
        ck_assert_int_lt(tty_glyph_builtin(g, true), 0x7f); /* ASCII mode is ASCII */
        ck_assert_int_ge(tty_glyph_builtin(g, true), 0x20);
    }
}
END_TEST

START_TEST(test_font_ram_glyphs)
{
    tty_glyphs_t t;
    uint16_t font[LEM_FONT_WORDS];
    memcpy(font, lem_default_font, sizeof font);
    tty_glyphs_build(&t, font, false);
    for (unsigned g = 0; g < TTY_GLYPHS; g++)
        ck_assert_int_eq(t.ch[g], tty_glyph_builtin(g, false));
    /* Glyph 'x' drawn as an 'A'; glyph 'y' as an 'A' with a pixel more; glyph 1 as a block. */
    font[2 * 'x'] = lem_default_font[2 * 'A'];
    font[2 * 'x' + 1] = lem_default_font[2 * 'A' + 1];
    font[2 * 'y'] = lem_default_font[2 * 'A'] ^ 0x0080;
    font[2 * 'y' + 1] = lem_default_font[2 * 'A' + 1];
    font[2] = font[3] = 0xffff;
    tty_glyphs_build(&t, font, false);
    ck_assert_int_eq(t.ch['x'], L'A');
    ck_assert_int_eq(t.ch['y'], L'A');
    ck_assert_int_eq(t.ch[1], L'\u2588');
    ck_assert_int_eq(t.ch['A'], L'A');
}
END_TEST

/* ---- pacing */

START_TEST(test_pacer_runs_the_clock_exactly)
{
    pacer_t p;
    pacer_init(&p, 1000000); /* a counter in microseconds */
    pacer_restart(&p, 0, 0);
    uint64_t cycles = 0;
    for (int frame = 0; frame < 60; frame++) {
        uint64_t target = pacer_begin_frame(&p, 100003, false);
        ck_assert_uint_ge(target, cycles + 1666);
        cycles = target;
        pacer_end_frame(&p, cycles);
        pacer_next_frame(&p, (uint64_t)frame * 16000, cycles);
    }
    ck_assert_uint_eq(cycles, 100003); /* a second holds the whole clock: the remainder carried */
    ck_assert_uint_eq(p.deadline, 61u * 1000000 / 60);
}
END_TEST

START_TEST(test_pacer_behind_and_late)
{
    pacer_t p;
    pacer_init(&p, 1000);
    pacer_restart(&p, 5000, 700);
    ck_assert_uint_eq(p.deadline, 5016);
    ck_assert_int_eq(pacer_ms_left(&p, 5000), 16);
    ck_assert_int_eq(pacer_ms_left(&p, 5016), 0);
    ck_assert_uint_eq(pacer_begin_frame(&p, 6000, false), 800);
    pacer_end_frame(&p, 750); /* behind: the next frame starts where this one got to */
    ck_assert_uint_eq(pacer_begin_frame(&p, 6000, false), 850);
    ck_assert_uint_eq(pacer_begin_frame(&p, 6000, true), UINT64_MAX);
    pacer_next_frame(&p, 5020, 900); /* on time */
    ck_assert_uint_eq(p.frame, 2);
    pacer_next_frame(&p, 9000, 900); /* seconds late: start afresh, no catching up */
    ck_assert_uint_eq(p.frame, 1);
    ck_assert_uint_eq(p.start, 9000);
    ck_assert_uint_eq(p.target, 900);
}
END_TEST

START_TEST(test_pacer_speed)
{
    pacer_t p;
    char text[32];
    pacer_init(&p, 1000);
    pacer_restart(&p, 0, 0);
    ck_assert(pacer_shown_speed(&p, 100000, false) == 100000); /* nothing measured yet */
    pacer_measure(&p, 500, 40000);                            /* under a second: no */
    ck_assert(p.speed_hz == 0);
    pacer_measure(&p, 2000, 100000);
    ck_assert(p.speed_hz == 50000);
    ck_assert(pacer_shown_speed(&p, 100000, false) == 50000); /* the host fell behind */
    pacer_format_hz(text, sizeof text, 100000);
    ck_assert_str_eq(text, "100 kHz");
    pacer_format_hz(text, sizeof text, 4194304);
    ck_assert_str_eq(text, "4.19 MHz");
    pacer_format_hz(text, sizeof text, 60);
    ck_assert_str_eq(text, "60 Hz");
}
END_TEST

static Suite *tty_suite(void)
{
    Suite *s = suite_create("tty");
    TCase *tc = tcase_create("keys");
    tcase_add_loop_test(tc, test_command, 0, sizeof commands / sizeof commands[0]);
    tcase_add_loop_test(tc, test_press, 0, sizeof presses / sizeof presses[0]);
    suite_add_tcase(s, tc);
    tc = tcase_create("colours and glyphs");
    tcase_add_test(tc, test_palette_on_16_and_8);
    tcase_add_test(tc, test_256_and_direct);
    tcase_add_test(tc, test_builtin_glyphs);
    tcase_add_test(tc, test_font_ram_glyphs);
    suite_add_tcase(s, tc);
    tc = tcase_create("pacer");
    tcase_add_test(tc, test_pacer_runs_the_clock_exactly);
    tcase_add_test(tc, test_pacer_behind_and_late);
    tcase_add_test(tc, test_pacer_speed);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(tty_suite)
