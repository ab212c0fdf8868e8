/* test_screenshot.c — `d16 --headless --screenshot` checked pixel by pixel.
 *
 * Runs the real d16 on display programs from tests/roms (with --screenshot and --dump-ram),
 * decodes the PNG with libpng and compares every pixel with a picture drawn here, apart
 * from the core's renderer: from the video RAM and display registers in the RAM dump (the
 * I/O page comes out through peek), the font and palette as printed in reference §3.6–3.7,
 * the cell format of §3.4 and the recipe of §3.8. The glyph 'F' is also checked against
 * a drawing of it made by hand. Needs D16_BUILDDIR and D16_SRCDIR (Automake sets them). */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <png.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "reference_lem.h"

extern char **environ;

#define SHOT_SCREEN_W 128
#define SHOT_SCREEN_H 96
#define RAM_WORDS     0x10000

/* The default font's 'F' (words 0x7f09 0x0100) drawn by hand from the column rules of
 * reference §3.5: column 0 = 0x7f (rows 0-6), column 1 = 0x09 (rows 0 and 3), column 2 =
 * 0x01 (row 0). Top row first. (The spec's own example F, 0xff09 0x0900, is another glyph.) */
static const char *const default_letter_f[8] = {
    "###.", "#...", "#...", "##..", "#...", "#...", "#...", "....",
};

/* The display registers (docs/machine.md §3.5), words in the I/O page. */
enum { REG_SCREEN = 0xff40, REG_FONT, REG_PALETTE, REG_BORDER, REG_FRAME };

typedef struct shot {
    char dir[64];
    bool legacy;
    png_uint_32 width, height;
    uint32_t *rgba;  /* decoded PNG, 0xRRGGBBAA */
    uint16_t *ram;   /* the 64 Ki words of --dump-ram */
    uint16_t font[256];
} shot_t;

/* One program to photograph; fill says what it must show. */
typedef struct shot_case {
    const char *rom;          /* in tests/roms, or in roms/ when it starts with "roms/" */
    const char *extra_flag;   /* or NULL */
    bool all_colours_and_font; /* the picture holds all 16 colours and glyphs 0x20..0x7e */
    bool legacy;               /* --machine=legacy: no I/O page; screen 0x8000, font RAM
                                * 0x8180 and border word 0x8280 (docs/machine.md) */
} shot_case_t;

static const shot_case_t shot_cases[] = {
    {"screen_colors.dasm", NULL, true, false},
    {"shot_mapped.dasm", NULL, false, false},
    {"shot_mapped.dasm", "--clock=1000000", false, false},
    {"shot_mapped.dasm", "--type=x", false, false}, /* halts in frame 0: blinking cells lit */
    {"roms/legacy/font.dasm", "--machine=legacy", false, true},
};

/* Where the display's registers are for a case: the I/O page, or what profile legacy
 * fixes (the screen at 0x8000, the font at 0x8180, the border in word 0x8280). */
static uint16_t display_reg(const shot_t *s, unsigned reg);

static void parse_reference_font(uint16_t words[256])
{
    unsigned n = 0;
    for (unsigned line = 0; line < 16; line++) {
        const char *p = reference_font[line];
        char *end;
        for (unsigned i = 0; i < 16; i++, p = end)
            words[n++] = (uint16_t)strtoul(p, &end, 16);
    }
    ck_assert_uint_eq(n, 256);
}

static const char *env_dir(const char *name)
{
    const char *v = getenv(name);
    ck_assert_msg(v && *v, "%s is not set (run through make check)", name);
    return v;
}

/* Runs d16 with argv, stdout and stderr to files in dir; returns its exit status. */
static int run_d16(shot_t *s, char *const argv[])
{
    char out[128], err[128];
    snprintf(out, sizeof out, "%s/out", s->dir);
    snprintf(err, sizeof err, "%s/err", s->dir);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    ck_assert_msg(rc == 0, "cannot start %s: %s", argv[0], strerror(rc));
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFEXITED(status), "d16 did not exit normally");
    return WEXITSTATUS(status);
}

static void load_png(shot_t *s, const char *path)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    ck_assert_msg(png_image_begin_read_from_file(&img, path), "%s: %s", path, img.message);
    img.format = PNG_FORMAT_RGBA;
    s->width = img.width;
    s->height = img.height;
    uint8_t *bytes = malloc(PNG_IMAGE_SIZE(img));
    ck_assert_ptr_nonnull(bytes);
    ck_assert_msg(png_image_finish_read(&img, NULL, bytes, 0, NULL), "%s: %s", path,
                  img.message);
    s->rgba = malloc(sizeof *s->rgba * s->width * s->height);
    ck_assert_ptr_nonnull(s->rgba);
    for (size_t i = 0; i < (size_t)s->width * s->height; i++)
        s->rgba[i] = (uint32_t)bytes[4 * i] << 24 | (uint32_t)bytes[4 * i + 1] << 16 |
                     (uint32_t)bytes[4 * i + 2] << 8 | bytes[4 * i + 3];
    free(bytes);
}

static void load_ram(shot_t *s, const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
    uint8_t *bytes = malloc(2 * RAM_WORDS);
    ck_assert_ptr_nonnull(bytes);
    ck_assert_uint_eq(fread(bytes, 1, 2 * RAM_WORDS, f), 2 * RAM_WORDS);
    fclose(f);
    s->ram = malloc(sizeof *s->ram * RAM_WORDS);
    ck_assert_ptr_nonnull(s->ram);
    for (unsigned w = 0; w < RAM_WORDS; w++) /* big-endian words */
        s->ram[w] = (uint16_t)(bytes[2 * w] << 8 | bytes[2 * w + 1]);
    free(bytes);
}

static void take_shot(shot_t *s, const shot_case_t *c)
{
    const char *build = env_dir("D16_BUILDDIR"), *src = env_dir("D16_SRCDIR");
    const char *tmp = getenv("TMPDIR");
    snprintf(s->dir, sizeof s->dir, "%s/d16-shot.XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(s->dir));
    char d16[4096], rom[4096], png[128], ram[128];
    snprintf(d16, sizeof d16, "%s/d16", build);
    if (strncmp(c->rom, "roms/", 5) == 0)
        snprintf(rom, sizeof rom, "%s/%s", src, c->rom);
    else
        snprintf(rom, sizeof rom, "%s/tests/roms/%s", src, c->rom);
    s->legacy = c->legacy;
    snprintf(png, sizeof png, "%s/shot.png", s->dir);
    snprintf(ram, sizeof ram, "%s/ram.bin", s->dir);
    char *argv[] = {d16, "--headless", "--max-cycles", "10000000", "--screenshot", png,
                    "--dump-ram", ram, c->extra_flag ? (char *)c->extra_flag : rom,
                    c->extra_flag ? rom : NULL, NULL};
    ck_assert_msg(run_d16(s, argv) == 0, "d16 %s did not halt with status 0", c->rom);
    load_png(s, png);
    load_ram(s, ram);
    parse_reference_font(s->font);
}

static void drop_shot(shot_t *s)
{
    char path[128];
    const char *files[] = {"shot.png", "ram.bin", "out", "err"};
    for (unsigned i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", s->dir, files[i]);
        remove(path);
    }
    rmdir(s->dir);
    free(s->rgba);
    free(s->ram);
}

/* ---- the picture the reference formats imply */

static uint16_t shot_ram(const shot_t *s, unsigned base, unsigned offset)
{
    return s->ram[(base + offset) & 0xffff]; /* mapped memory wraps past 0xFFFF */
}

static uint16_t display_reg(const shot_t *s, unsigned reg)
{
    if (!s->legacy)
        return s->ram[reg];
    switch (reg) {
    case REG_SCREEN: return 0x8000;
    case REG_FONT: return 0x8180;
    case REG_BORDER: return s->ram[0x8280];
    default: return 0; /* built-in palette; FRAME does not matter without blinking */
    }
}

static uint32_t expected_colour(const shot_t *s, unsigned index)
{
    uint16_t map = display_reg(s, REG_PALETTE);
    if (map == 0)
        return reference_rgb[index] << 8 | 0xff;
    uint16_t w = shot_ram(s, map, index); /* 0000rrrrggggbbbb, nibble × 0x11 */
    return (uint32_t)((w >> 8 & 0xf) * 0x11) << 24 | (uint32_t)((w >> 4 & 0xf) * 0x11) << 16 |
           (uint32_t)((w & 0xf) * 0x11) << 8 | 0xff;
}

static bool glyph_pixel(const shot_t *s, unsigned glyph, unsigned x, unsigned y)
{
    uint16_t map = display_reg(s, REG_FONT);
    uint16_t w0 = map ? shot_ram(s, map, 2 * glyph) : s->font[2 * glyph];
    uint16_t w1 = map ? shot_ram(s, map, 2 * glyph + 1) : s->font[2 * glyph + 1];
    uint32_t v = (uint32_t)w0 << 16 | w1;
    return (v >> ((3 - x) * 8 + y)) & 1;
}

/* Blinking cells show their glyph in frames 0–29 of every 60 (docs/machine.md §3.5). */
static bool blink_on(const shot_t *s)
{
    return display_reg(s, REG_FRAME) / 30 % 2 == 0;
}

static uint32_t expected_pixel(const shot_t *s, unsigned px, unsigned py, unsigned border)
{
    uint16_t screen = display_reg(s, REG_SCREEN);
    if (px < border || py < border || px >= border + SHOT_SCREEN_W ||
        py >= border + SHOT_SCREEN_H || screen == 0)
        return expected_colour(s, display_reg(s, REG_BORDER) & 0xf);
    unsigned x = px - border, y = py - border;
    uint16_t cell = shot_ram(s, screen, y / 8 * 32 + x / 4);
    unsigned fg = cell >> 12, bg = cell >> 8 & 0xf, glyph = cell & 0x7f;
    bool shown = !(cell & 0x80) || blink_on(s);
    return expected_colour(s, shown && glyph_pixel(s, glyph, x % 4, y % 8) ? fg : bg);
}

/* ---- checks */

START_TEST(every_pixel_is_what_the_formats_imply)
{
    shot_t s = {0};
    take_shot(&s, &shot_cases[_i]);
    ck_assert_uint_eq(s.width - SHOT_SCREEN_W, s.height - SHOT_SCREEN_H);
    ck_assert_uint_gt(s.width, SHOT_SCREEN_W);
    unsigned border = (s.width - SHOT_SCREEN_W) / 2;
    ck_assert_uint_eq(border * 2, s.width - SHOT_SCREEN_W);
    unsigned wrong = 0;
    for (unsigned y = 0; y < s.height; y++)
        for (unsigned x = 0; x < s.width; x++) {
            uint32_t want = expected_pixel(&s, x, y, border), got = s.rgba[y * s.width + x];
            if (got != want && wrong++ < 5)
                fprintf(stderr, "%s: pixel (%u, %u) is %08x, want %08x\n",
                        shot_cases[_i].rom, x, y, got, want);
        }
    ck_assert_msg(wrong == 0, "%s: %u pixels differ", shot_cases[_i].rom, wrong);
    drop_shot(&s);
}
END_TEST

static bool picture_has(const shot_t *s, uint32_t rgba)
{
    for (size_t i = 0; i < (size_t)s->width * s->height; i++)
        if (s->rgba[i] == rgba)
            return true;
    return false;
}

/* The program shows what it claims: every palette colour and every printable glyph in a
 * visible cell, and the glyph 'F' looks as drawn by hand. */
START_TEST(colours_and_font_are_all_on_screen)
{
    shot_t s = {0};
    take_shot(&s, &shot_cases[0]);
    ck_assert(shot_cases[0].all_colours_and_font);
    ck_assert_uint_eq(s.ram[REG_PALETTE], 0);
    ck_assert_uint_eq(s.ram[REG_FONT], 0);
    for (unsigned i = 0; i < 16; i++)
        ck_assert_msg(picture_has(&s, reference_rgb[i] << 8 | 0xff), "colour %u missing", i);
    unsigned border = (s.width - SHOT_SCREEN_W) / 2, f_seen = 0;
    bool glyph_seen[128] = {false};
    for (unsigned i = 0; i < 32 * 12; i++) {
        uint16_t cell = shot_ram(&s, s.ram[REG_SCREEN], i);
        unsigned fg = cell >> 12, bg = cell >> 8 & 0xf;
        if (fg == bg || (cell & 0x80))
            continue;
        glyph_seen[cell & 0x7f] = true;
        if ((cell & 0x7f) != 'F')
            continue;
        const uint32_t *origin = s.rgba + (border + i / 32 * 8) * s.width + border + i % 32 * 4;
        for (unsigned y = 0; y < 8; y++)
            for (unsigned x = 0; x < 4; x++) {
                uint32_t want = reference_rgb[default_letter_f[y][x] == '#' ? fg : bg] << 8 | 0xff;
                ck_assert_msg(origin[y * s.width + x] == want, "'F' in cell %u, pixel (%u, %u)",
                              i, x, y);
            }
        f_seen++;
    }
    for (unsigned g = 0x20; g <= 0x7e; g++)
        ck_assert_msg(glyph_seen[g], "glyph 0x%02x is not on screen", g);
    ck_assert_uint_gt(f_seen, 0);
    drop_shot(&s);
}
END_TEST

/* --screenshot-scale 3: every display pixel becomes a 3 × 3 block of the same colour. */
START_TEST(scaled_shot_is_whole_blocks)
{
    shot_t plain = {0}, big = {0};
    const shot_case_t scaled = {.rom = "screen_colors.dasm", .extra_flag = "--screenshot-scale=3"};
    take_shot(&plain, &shot_cases[0]);
    take_shot(&big, &scaled);
    ck_assert_uint_eq(big.width, 3 * plain.width);
    ck_assert_uint_eq(big.height, 3 * plain.height);
    for (unsigned y = 0; y < big.height; y++)
        for (unsigned x = 0; x < big.width; x++)
            ck_assert_msg(big.rgba[y * big.width + x] == plain.rgba[y / 3 * plain.width + x / 3],
                          "pixel (%u, %u)", x, y);
    drop_shot(&plain);
    drop_shot(&big);
}
END_TEST

/* Profile legacy: the picture is drawn with the glyphs in RAM at 0x8180, not the built-in
 * font (the program redrew 'A' and glyphs 1..5), and the border is word 0x8280's colour. */
START_TEST(legacy_font_and_border_come_from_ram)
{
    const shot_case_t *c = &shot_cases[sizeof shot_cases / sizeof shot_cases[0] - 1];
    ck_assert(c->legacy);
    shot_t s = {0};
    take_shot(&s, c);
    ck_assert_uint_eq(s.ram[0x8280], 4);
    ck_assert_uint_eq(s.rgba[0], reference_rgb[4] << 8 | 0xff); /* top-left border pixel */
    ck_assert_uint_ne(s.ram[0x8180 + 2 * 'A'], s.font[2 * 'A']);
    /* The cell at row 8, column 4 holds 'A' in light red on black: its pixels follow the
     * RAM glyph (a frame: every pixel of columns 0 and 3 lit), not the built-in 'A'. */
    ck_assert_uint_eq(shot_ram(&s, 0x8000, 8 * 32 + 4), 0xc041);
    unsigned border = (s.width - SHOT_SCREEN_W) / 2;
    const uint32_t *cell = s.rgba + (border + 8 * 8) * s.width + border + 4 * 4;
    uint32_t ink = reference_rgb[12] << 8 | 0xff;
    for (unsigned y = 0; y < 8; y++) {
        ck_assert_uint_eq(cell[y * s.width + 0], ink);
        ck_assert_uint_eq(cell[y * s.width + 3], ink);
    }
    drop_shot(&s);
}
END_TEST

static Suite *screenshot_suite(void)
{
    Suite *s = suite_create("screenshot");
    TCase *tc = tcase_create("screenshot");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, every_pixel_is_what_the_formats_imply, 0,
                        (int)(sizeof shot_cases / sizeof shot_cases[0]));
    tcase_add_test(tc, colours_and_font_are_all_on_screen);
    tcase_add_test(tc, scaled_shot_is_whole_blocks);
    tcase_add_test(tc, legacy_font_and_border_come_from_ram);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(screenshot_suite)
