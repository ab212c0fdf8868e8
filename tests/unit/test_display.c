/* test_display.c — the LEM1802: both doors, FRAME and vblank timing, blink, MEM_DUMP_*
 * against the reference words, DMA through the bus, wrapping maps, rendering and text. */
#include "devices/display.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "fake_host.h"
#include "machine/board.h"
#include "reference_lem.h"

static void parse_reference_font(uint16_t words[LEM_FONT_WORDS])
{
    unsigned n = 0;
    for (unsigned line = 0; line < 16; line++) {
        const char *p = reference_font[line];
        char *end;
        for (unsigned i = 0; i < 16; i++, p = end)
            words[n++] = (uint16_t)strtoul(p, &end, 16);
    }
    ck_assert_uint_eq(n, LEM_FONT_WORDS);
}

typedef struct lem_fixture {
    fake_host_t *h;
    display_dev_t d;
    uint32_t px[DISPLAY_WIDTH * DISPLAY_HEIGHT];
} lem_fixture_t;

static lem_fixture_t *lem_open(uint32_t clock, bool premap)
{
    lem_fixture_t *f = calloc(1, sizeof *f);
    ck_assert_ptr_nonnull(f);
    f->h = fake_host_new(clock);
    display_init(&f->d, &f->h->host, &(device_options_t){.args = premap ? "premap" : ""});
    return f;
}

static void lem_close(lem_fixture_t *f)
{
    fake_host_free(f->h);
    free(f);
}

static void poke(lem_fixture_t *f, uint16_t word, uint16_t value)
{
    bus_write_word(&f->h->bus, word, value);
}

static uint16_t peek(lem_fixture_t *f, uint16_t word)
{
    return bus_peek_word(&f->h->bus, word);
}

static uint32_t pixel(const lem_fixture_t *f, unsigned x, unsigned y)
{
    return f->px[y * DISPLAY_WIDTH + x];
}

static uint32_t rgba(uint32_t rgb)
{
    return rgb << 8 | 0xff;
}

static unsigned hwi(lem_fixture_t *f, uint16_t a, uint16_t b, uint64_t now)
{
    return fake_host_hwi(&display_class, &f->d, a, b, NULL, now);
}

START_TEST(identity_and_slot)
{
    ck_assert_uint_eq(display_class.id, 0x7349f615u);
    ck_assert_uint_eq(display_class.version, 0x1802);
    ck_assert_uint_eq(display_class.manufacturer, 0x1c6c8b36u);
    ck_assert_uint_eq(board_find(MACHINE_PROFILE_D16, &display_class, NULL)->slot, 0xff40);
}
END_TEST

/* Loop index: register 0..3 (SCREEN, FONT, PALETTE, BORDER = HWI A 0..3) × direction. */
START_TEST(both_doors_share_state)
{
    unsigned reg = _i / 2;
    bool hwi_writes = _i % 2;
    lem_fixture_t *f = lem_open(100000, false);
    uint16_t value = reg == DISPLAY_REG_BORDER ? 0xb : 0x8123;
    if (hwi_writes)
        ck_assert_uint_eq(hwi(f, (uint16_t)reg, value, 0), 0);
    else
        display_class.regs.write(&f->d, reg, value, 0);
    ck_assert_uint_eq(display_class.regs.read(&f->d, reg, 0), value);
    ck_assert_uint_eq(display_class.regs.peek(&f->d, reg), value);
    lem_close(f);
}
END_TEST

/* Loop index: door. */
START_TEST(border_keeps_low_4_bits)
{
    lem_fixture_t *f = lem_open(100000, false);
    if (_i)
        hwi(f, 3, 0x1234, 0);
    else
        display_class.regs.write(&f->d, DISPLAY_REG_BORDER, 0x1234, 0);
    ck_assert_uint_eq(display_class.regs.read(&f->d, DISPLAY_REG_BORDER, 0), 4);
    lem_close(f);
}
END_TEST

static const uint32_t frame_clocks[] = {100000, 1000003, 32768, 4000000000u};

/* Frame k falls at ceil(k × clock / 60): FRAME is k - 1 one cycle before, k on it. */
START_TEST(frame_counts_at_exact_cycles)
{
    uint64_t clock = frame_clocks[_i];
    lem_fixture_t *f = lem_open((uint32_t)clock, false);
    uint64_t bad = 0;
    for (uint64_t k = 1; k <= 36000 * 60 && !bad; k += k < 6000 ? 1 : 997) {
        uint64_t at = (k * clock + 59) / 60;
        if (display_frame_cycle(&f->d, k) != at ||
            display_class.regs.read(&f->d, DISPLAY_REG_FRAME, at - 1) != (uint16_t)(k - 1) ||
            display_class.regs.read(&f->d, DISPLAY_REG_FRAME, at) != (uint16_t)k)
            bad = k;
    }
    ck_assert_uint_eq(bad, 0);
    display_class.regs.write(&f->d, DISPLAY_REG_FRAME, 77, clock); /* read-only */
    ck_assert_uint_eq(display_class.regs.read(&f->d, DISPLAY_REG_FRAME, clock), 60);
    ck_assert_uint_eq(display_class.regs.read(&f->d, DISPLAY_REG_FRAME, 36000 * clock),
                      (uint16_t)(36000 * 60)); /* 10 hours: wrapped, and exact */
    lem_close(f);
}
END_TEST

START_TEST(vblank_interrupts_once_per_frame)
{
    lem_fixture_t *f = lem_open(100000, false);
    ck_assert_uint_eq(display_class.next_event(&f->d), DEVICE_NEVER);
    ck_assert(!display_class.may_interrupt(&f->d));
    f->h->clock = 1667; /* frame 1 ends exactly here: it is already past */
    display_class.regs.write(&f->d, DISPLAY_REG_VBLANK_INTMSG, 0x5151, 1667);
    ck_assert(display_class.may_interrupt(&f->d));
    ck_assert_uint_gt(f->h->reschedules, 0);
    ck_assert_uint_eq(display_class.next_event(&f->d), 3334);
    fake_host_run(f->h, &display_class, &f->d, 100000);
    ck_assert_uint_eq(f->h->irqs, 59);
    ck_assert_uint_eq(f->h->irq_at[0], 3334);
    ck_assert_uint_eq(f->h->irq_at[58], 100000);
    ck_assert_uint_eq(f->h->irq_msg[58], 0x5151);
    display_class.regs.write(&f->d, DISPLAY_REG_VBLANK_INTMSG, 0, 100000);
    ck_assert_uint_eq(display_class.next_event(&f->d), DEVICE_NEVER);
    fake_host_run(f->h, &display_class, &f->d, 200000);
    ck_assert_uint_eq(f->h->irqs, 59);
    lem_close(f);
}
END_TEST

typedef struct blink_case {
    uint64_t frame;
    bool on;
} blink_case_t;

static const blink_case_t blink_cases[] = {
    {0, true}, {29, true}, {30, false}, {59, false}, {60, true}, {89, true}, {90, false},
};

/* A blinking cell shows its glyph for 30 frames, then its background for 30. */
START_TEST(blink_is_30_frames_on_30_off)
{
    const blink_case_t *bc = &blink_cases[_i];
    lem_fixture_t *f = lem_open(100000, true);
    uint64_t now = bc->frame ? display_frame_cycle(&f->d, bc->frame) : 0;
    ck_assert_uint_eq(display_frames(&f->d, now), bc->frame);
    ck_assert(display_blink_on(&f->d, now) == bc->on);
    poke(f, 0x8000, 0xf0a0 | 'H'); /* blink bit set, white on black */
    display_render(&f->d, now, f->px);
    unsigned lit = 0;
    for (unsigned y = 0; y < DISPLAY_CELL_H; y++)
        for (unsigned x = 0; x < DISPLAY_CELL_W; x++)
            lit += pixel(f, DISPLAY_BORDER_PX + x, DISPLAY_BORDER_PX + y) == rgba(0xffffff);
    ck_assert_uint_eq(lit > 0, bc->on);
    lem_close(f);
}
END_TEST

START_TEST(font_dump_matches_the_reference)
{
    uint16_t expect[LEM_FONT_WORDS];
    parse_reference_font(expect);
    lem_fixture_t *f = lem_open(100000, false);
    poke(f, 0x10ff, 0xaaaa);
    poke(f, 0x1200, 0xbbbb);
    ck_assert_uint_eq(hwi(f, 4, 0x1100, 0), 256);
    for (unsigned i = 0; i < LEM_FONT_WORDS; i++)
        ck_assert_msg(peek(f, (uint16_t)(0x1100 + i)) == expect[i], "font word %u", i);
    ck_assert_uint_eq(peek(f, 0x10ff), 0xaaaa); /* exactly 256 words */
    ck_assert_uint_eq(peek(f, 0x1200), 0xbbbb);
    lem_close(f);
}
END_TEST

START_TEST(palette_dump_matches_the_reference)
{
    lem_fixture_t *f = lem_open(100000, false);
    poke(f, 0x2010, 0xcccc);
    ck_assert_uint_eq(hwi(f, 5, 0x2000, 0), 16);
    for (unsigned i = 0; i < 16; i++) {
        ck_assert_uint_eq(peek(f, (uint16_t)(0x2000 + i)), reference_palette[i]);
        ck_assert_uint_eq(display_color(&f->d, i), rgba(reference_rgb[i]));
    }
    ck_assert_uint_eq(peek(f, 0x2010), 0xcccc);
    lem_close(f);
}
END_TEST

/* Loop index: 0 = font (256 words), 1 = palette (16 words), both dumped across 0xFFFF. */
START_TEST(dumps_wrap_past_ffff)
{
    uint16_t expect[LEM_FONT_WORDS];
    parse_reference_font(expect);
    const uint16_t *words = _i ? reference_palette : expect;
    unsigned n = _i ? 16 : 256;
    lem_fixture_t *f = lem_open(100000, false);
    poke(f, 0xfff7, 0x1111);
    hwi(f, _i ? 5 : 4, 0xfff8, 0);
    for (unsigned i = 0; i < n; i++)
        ck_assert_uint_eq(peek(f, (uint16_t)(0xfff8 + i)), words[i]);
    ck_assert_uint_eq(peek(f, 0xfff7), 0x1111);
    lem_close(f);
}
END_TEST

typedef struct sink_dev {
    uint16_t reg[16];
    unsigned writes;
} sink_dev_t;

static void sink_write(void *ctx, unsigned reg, uint16_t value, uint64_t now)
{
    sink_dev_t *s = ctx;
    (void)now;
    s->reg[reg] = value;
    s->writes++;
}

static uint16_t sink_read(void *ctx, unsigned reg, uint64_t now)
{
    (void)now;
    return ((sink_dev_t *)ctx)->reg[reg];
}

static uint16_t sink_peek(const void *ctx, unsigned reg)
{
    return ((const sink_dev_t *)ctx)->reg[reg];
}

static const bus_handlers_t sink_ops = {sink_read, sink_write, sink_peek};

/* A dump onto device registers reaches the device, as CPU writes would. */
START_TEST(dumps_go_through_the_bus)
{
    lem_fixture_t *f = lem_open(100000, false);
    sink_dev_t sink = {0};
    ck_assert_int_eq(bus_map(&f->h->bus, 0x3000 << 1, 32, &sink_ops, &sink), 0);
    hwi(f, 5, 0x3000, 0);
    ck_assert_uint_eq(sink.writes, 16);
    ck_assert_uint_eq(sink.reg[15], 0x0fff);
    ck_assert_uint_eq(sink.reg[6], 0x0a50);
    lem_close(f);
}
END_TEST

/* Reference §3.5's example: "F" = 0xff09 0x0900. */
static const char *const glyph_f[8] = {
    "###.", "#...", "#...", "###.", "#...", "#...", "#...", "#...",
};

START_TEST(render_draws_a_cell_from_mapped_font)
{
    lem_fixture_t *f = lem_open(100000, false);
    display_class.regs.write(&f->d, DISPLAY_REG_SCREEN, 0x8000, 0);
    display_class.regs.write(&f->d, DISPLAY_REG_FONT, 0x9000, 0);
    display_class.regs.write(&f->d, DISPLAY_REG_BORDER, 2, 0);
    poke(f, 0x9002, 0xff09); /* glyph 1 */
    poke(f, 0x9003, 0x0900);
    poke(f, 0x8000 + 32 + 2, 0xe101); /* row 1, col 2: yellow on dark blue, glyph 1 */
    display_render(&f->d, 0, f->px);
    unsigned x0 = DISPLAY_BORDER_PX + 2 * 4, y0 = DISPLAY_BORDER_PX + 8;
    for (unsigned y = 0; y < 8; y++)
        for (unsigned x = 0; x < 4; x++) {
            uint32_t want = glyph_f[y][x] == '#' ? rgba(0xffff55) : rgba(0x0000aa);
            ck_assert_msg(pixel(f, x0 + x, y0 + y) == want, "pixel %u,%u", x, y);
        }
    ck_assert_uint_eq(pixel(f, 0, 0), rgba(0x00aa00)); /* border */
    ck_assert_uint_eq(pixel(f, DISPLAY_WIDTH - 1, DISPLAY_HEIGHT - 1), rgba(0x00aa00));
    ck_assert_uint_eq(pixel(f, DISPLAY_BORDER_PX, DISPLAY_BORDER_PX), rgba(0x000000));
    lem_close(f);
}
END_TEST

/* 'A' in the built-in font is 0x7e09 0x7e00: column 0 lit on rows 1..6. */
START_TEST(render_uses_builtin_font_and_mapped_palette)
{
    lem_fixture_t *f = lem_open(100000, true);
    poke(f, 0x8000, 0x3400 | 'A');
    display_render(&f->d, 0, f->px);
    unsigned x0 = DISPLAY_BORDER_PX, y0 = DISPLAY_BORDER_PX;
    static const bool col0[8] = {0, 1, 1, 1, 1, 1, 1, 0};
    for (unsigned y = 0; y < 8; y++)
        ck_assert_uint_eq(pixel(f, x0, y0 + y), col0[y] ? rgba(0x00aaaa) : rgba(0xaa0000));
    ck_assert_uint_eq(pixel(f, x0 + 3, y0 + 3), rgba(0xaa0000)); /* column 3 is empty */
    for (unsigned i = 0; i < 16; i++)
        poke(f, 0x7000 + i, (uint16_t)(0x0100 * i + i)); /* red and blue = index */
    display_class.regs.write(&f->d, DISPLAY_REG_PALETTE, 0x7000, 0);
    display_render(&f->d, 0, f->px);
    ck_assert_uint_eq(pixel(f, x0, y0 + 1), rgba(0x330033));
    ck_assert_uint_eq(pixel(f, x0, y0), rgba(0x440044));
    lem_close(f);
}
END_TEST

START_TEST(screen_off_shows_only_the_border_colour)
{
    lem_fixture_t *f = lem_open(100000, false);
    poke(f, 0x0000, 0xf000 | 'X');
    hwi(f, 3, 4, 0);
    display_render(&f->d, 0, f->px);
    for (unsigned i = 0; i < DISPLAY_WIDTH * DISPLAY_HEIGHT; i++)
        if (f->px[i] != rgba(0xaa0000))
            ck_abort_msg("pixel %u is not the border colour", i);
    char rows[DISPLAY_ROWS][DISPLAY_COLS + 1];
    memset(rows, 'x', sizeof rows);
    display_text(&f->d, rows);
    for (unsigned r = 0; r < DISPLAY_ROWS; r++)
        ck_assert_str_eq(rows[r], "");
    lem_close(f);
}
END_TEST

/* Loop index: 0 = video RAM, 1 = font RAM, 2 = palette RAM mapped so they run past 0xFFFF. */
START_TEST(mapped_memory_wraps_past_ffff)
{
    lem_fixture_t *f = lem_open(100000, false);
    char rows[DISPLAY_ROWS][DISPLAY_COLS + 1];
    switch (_i) {
    case 0:
        hwi(f, 0, 0xff00, 0);
        poke(f, 0x0000, 'Z'); /* cell 256 = row 8, column 0 */
        display_text(&f->d, rows);
        ck_assert_str_eq(rows[8], "Z");
        break;
    case 1:
        hwi(f, 0, 0x8000, 0);
        hwi(f, 1, 0xffff, 0); /* glyph 0 = words 0xFFFF and 0x0000 */
        poke(f, 0xffff, 0x0001); /* column 1, top row */
        poke(f, 0x0000, 0x0000);
        poke(f, 0x8000, 0xf000);
        display_render(&f->d, 0, f->px);
        ck_assert_uint_eq(pixel(f, DISPLAY_BORDER_PX + 1, DISPLAY_BORDER_PX), rgba(0xffffff));
        ck_assert_uint_eq(pixel(f, DISPLAY_BORDER_PX, DISPLAY_BORDER_PX), 0x000000ff);
        break;
    default:
        hwi(f, 2, 0xfff8, 0);
        poke(f, 0x0007, 0x0123); /* palette entry 15 */
        ck_assert_uint_eq(display_color(&f->d, 15), rgba(0x112233));
        break;
    }
    lem_close(f);
}
END_TEST

START_TEST(text_takes_low_7_bits_and_trims)
{
    lem_fixture_t *f = lem_open(100000, true);
    const char *hello = "Hi there";
    for (unsigned i = 0; hello[i]; i++)
        poke(f, (uint16_t)(0x8000 + i), (uint16_t)(0xf080 | hello[i])); /* blink bit ignored */
    poke(f, 0x8000 + 32 + 0, 0x7f);          /* not printable: a space */
    poke(f, 0x8000 + 32 + 1, 0x05);
    poke(f, 0x8000 + 32 + 2, 0x2000 | '~');
    poke(f, 0x8000 + 32 + 3, 0x2000 | ' ');  /* trailing spaces go */
    poke(f, 0x8000 + 11 * 32 + 31, 'z');     /* the last cell */
    char rows[DISPLAY_ROWS][DISPLAY_COLS + 1];
    display_text(&f->d, rows);
    ck_assert_str_eq(rows[0], "Hi there");
    ck_assert_str_eq(rows[1], "  ~");
    ck_assert_str_eq(rows[2], "");
    ck_assert_uint_eq(strlen(rows[11]), 32);
    ck_assert_int_eq(rows[11][31], 'z');
    display_cell_t c = display_cell(&f->d, 0, 0);
    ck_assert_uint_eq(c.glyph, 'H');
    ck_assert_uint_eq(c.fg, 15);
    ck_assert_uint_eq(c.bg, 0);
    ck_assert(c.blink);
    lem_close(f);
}
END_TEST

START_TEST(changed_notices_ram_registers_and_blink)
{
    lem_fixture_t *f = lem_open(100000, true);
    ck_assert(display_changed(&f->d, 0));
    ck_assert(!display_changed(&f->d, 0));
    poke(f, 0x8000 + 383, 0x1234);
    ck_assert(display_changed(&f->d, 10));
    ck_assert(!display_changed(&f->d, 20));
    display_class.regs.write(&f->d, DISPLAY_REG_BORDER, 3, 20);
    ck_assert(display_changed(&f->d, 20));
    ck_assert(!display_changed(&f->d, 20));
    ck_assert(display_changed(&f->d, display_frame_cycle(&f->d, 30))); /* blink phase */
    display_class.regs.write(&f->d, DISPLAY_REG_FONT, 0x4000, 0);
    ck_assert(display_changed(&f->d, display_frame_cycle(&f->d, 30)));
    poke(f, 0x40ff, 1);
    ck_assert(display_changed(&f->d, display_frame_cycle(&f->d, 30)));
    poke(f, 0x4100, 1); /* outside every map */
    ck_assert(!display_changed(&f->d, display_frame_cycle(&f->d, 30)));
    lem_close(f);
}
END_TEST

/* Loop index: premap off / on, checked after init and after reset. */
START_TEST(premap_maps_video_ram_at_8000)
{
    lem_fixture_t *f = lem_open(100000, _i);
    uint16_t want = _i ? 0x8000 : 0;
    ck_assert_uint_eq(display_class.regs.peek(&f->d, DISPLAY_REG_SCREEN), want);
    hwi(f, 0, 0x1234, 0);
    hwi(f, 3, 5, 0);
    display_class.regs.write(&f->d, DISPLAY_REG_VBLANK_INTMSG, 3, 0);
    display_class.reset(&f->d);
    ck_assert_uint_eq(display_class.regs.peek(&f->d, DISPLAY_REG_SCREEN), want);
    ck_assert_uint_eq(display_class.regs.peek(&f->d, DISPLAY_REG_BORDER), 0);
    ck_assert_uint_eq(display_class.regs.peek(&f->d, DISPLAY_REG_VBLANK_INTMSG), 0);
    ck_assert_uint_eq(hwi(f, 6, 0x1000, 0), 0); /* unknown HWI: nothing, no cost */
    ck_assert_uint_eq(peek(f, 0x1000), 0);
    lem_close(f);
}
END_TEST

/* "font=0x8180,border=0x8280" (profile legacy): FONT points at 0x8180, which holds the
 * default font after init and after every reset; the border is word 0x8280's low 4 bits
 * until BORDER is written (SET_BORDER_COLOR), as a remap; reset returns to the RAM word. */
START_TEST(font_and_border_from_ram)
{
    lem_fixture_t *f = calloc(1, sizeof *f);
    ck_assert_ptr_nonnull(f);
    f->h = fake_host_new(100000);
    ck_assert_int_eq(display_init(&f->d, &f->h->host,
                                  &(device_options_t){.args = "premap,font=0x8180,border=0x8280"}), 0);
    ck_assert_uint_eq(display_class.regs.peek(&f->d, DISPLAY_REG_FONT), 0x8180);
    for (unsigned i = 0; i < LEM_FONT_WORDS; i++)
        ck_assert_uint_eq(peek(f, (uint16_t)(0x8180 + i)), lem_default_font[i]);
    poke(f, 0x8280, 0xfff3);
    ck_assert_uint_eq(display_border(&f->d), 3);
    ck_assert_uint_eq(display_class.regs.peek(&f->d, DISPLAY_REG_BORDER), 3);
    display_render(&f->d, 0, f->px);
    ck_assert_uint_eq(pixel(f, 0, 0), display_color(&f->d, 3));
    poke(f, 0x8180 + 2 * 'A', 0xffff); /* glyph words are read from RAM */
    poke(f, 0x8180 + 2 * 'A' + 1, 0xffff);
    poke(f, 0x8000, 0xf041);
    display_render(&f->d, 0, f->px);
    ck_assert_uint_eq(pixel(f, DISPLAY_BORDER_PX, DISPLAY_BORDER_PX), display_color(&f->d, 15));
    hwi(f, 3, 5, 0); /* SET_BORDER_COLOR: the register from now on */
    poke(f, 0x8280, 7);
    ck_assert_uint_eq(display_border(&f->d), 5);
    poke(f, 0x8180, 0x1234);
    display_class.reset(&f->d);
    ck_assert_uint_eq(display_border(&f->d), 7);
    ck_assert_uint_eq(peek(f, 0x8180), lem_default_font[0]);
    ck_assert_uint_eq(display_class.regs.peek(&f->d, DISPLAY_REG_SCREEN), 0x8000);
    ck_assert_int_eq(display_init(&f->d, &f->h->host, &(device_options_t){.args = "font=0x10000"}), -1);
    lem_close(f);
}
END_TEST

static Suite *display_suite(void)
{
    Suite *s = suite_create("display");
    TCase *tc = tcase_create("display");
    tcase_add_test(tc, identity_and_slot);
    tcase_add_test(tc, font_and_border_from_ram);
    tcase_add_loop_test(tc, both_doors_share_state, 0, 8);
    tcase_add_loop_test(tc, border_keeps_low_4_bits, 0, 2);
    tcase_add_loop_test(tc, frame_counts_at_exact_cycles, 0,
                        sizeof frame_clocks / sizeof frame_clocks[0]);
    tcase_add_test(tc, vblank_interrupts_once_per_frame);
    tcase_add_loop_test(tc, blink_is_30_frames_on_30_off, 0,
                        sizeof blink_cases / sizeof blink_cases[0]);
    tcase_add_test(tc, font_dump_matches_the_reference);
    tcase_add_test(tc, palette_dump_matches_the_reference);
    tcase_add_loop_test(tc, dumps_wrap_past_ffff, 0, 2);
    tcase_add_test(tc, dumps_go_through_the_bus);
    tcase_add_test(tc, render_draws_a_cell_from_mapped_font);
    tcase_add_test(tc, render_uses_builtin_font_and_mapped_palette);
    tcase_add_test(tc, screen_off_shows_only_the_border_colour);
    tcase_add_loop_test(tc, mapped_memory_wraps_past_ffff, 0, 3);
    tcase_add_test(tc, text_takes_low_7_bits_and_trims);
    tcase_add_test(tc, changed_notices_ram_registers_and_blink);
    tcase_add_loop_test(tc, premap_maps_video_ram_at_8000, 0, 2);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(display_suite)
