/* display.h — LEM1802-compatible display (docs/machine.md §3.5); HWI number and slot:
 * src/machine/board.def.
 *   0 SCREEN         R/W: video RAM word address, 0 = off          (HWI A=0 MEM_MAP_SCREEN)
 *   1 FONT           R/W: font RAM address, 0 = built-in font      (HWI A=1 MEM_MAP_FONT)
 *   2 PALETTE        R/W: palette RAM address, 0 = built-in        (HWI A=2 MEM_MAP_PALETTE)
 *   3 BORDER         R/W: border palette index, low 4 bits         (HWI A=3 SET_BORDER_COLOR)
 *   4 FRAME          R: frames since reset, 60 per emulated second, 16-bit wrapping
 *   5 VBLANK_INTMSG  R/W: non-zero → an interrupt with this message at every frame
 * HWI A=4 MEM_DUMP_FONT copies the built-in font to B.. (+256 cycles), A=5
 * MEM_DUMP_PALETTE the built-in palette (+16 cycles); the copies go through the bus like
 * CPU writes. Every mapped address wraps past 0xFFFF.
 *
 *   display_dev_t d;
 *   display_init(&d, &host, &(device_options_t){.args = "premap"});  video RAM at 0x8000 from reset
 *   display_render(&d, now, pixels);            DISPLAY_WIDTH × DISPLAY_HEIGHT pixels
 *   display_text(&d, rows);                     the --dump-screen text
 *   if (display_changed(&d, now)) redraw...     cheap "did the picture change" test
 *
 * Frame k falls at cycle ceil(k × clock / 60); FRAME is computed from the cycle counter,
 * and the display asks for an event per frame only while VBLANK_INTMSG is set. A blinking
 * cell shows its glyph during frames 0–29 of every 60, its background during 30–59.
 * The picture is 128×96 inside a DISPLAY_BORDER_PX-pixel border; pixels are 0xRRGGBBAA
 * (SDL_PIXELFORMAT_RGBA8888), colour nibbles scaled by 0x11. With the screen off the
 * whole picture is the border colour. Memory is read through bus peek, never with side
 * effects. */
#ifndef D16_DISPLAY_H
#define D16_DISPLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/device.h"
#include "devices/lem_font.h"

#define DISPLAY_COLS         32
#define DISPLAY_ROWS         12
#define DISPLAY_CELLS        (DISPLAY_COLS * DISPLAY_ROWS)
#define DISPLAY_CELL_W       4
#define DISPLAY_CELL_H       8
#define DISPLAY_BORDER_PX    8
#define DISPLAY_SCREEN_W     (DISPLAY_COLS * DISPLAY_CELL_W) /* 128 */
#define DISPLAY_SCREEN_H     (DISPLAY_ROWS * DISPLAY_CELL_H) /* 96 */
#define DISPLAY_WIDTH        (DISPLAY_SCREEN_W + 2 * DISPLAY_BORDER_PX)
#define DISPLAY_HEIGHT       (DISPLAY_SCREEN_H + 2 * DISPLAY_BORDER_PX)
#define DISPLAY_FPS          60
#define DISPLAY_BLINK_FRAMES 30 /* frames on, then as many off */
#define DISPLAY_PREMAP_ADDR  0x8000
#define DISPLAY_DUMP_FONT_CYCLES    LEM_FONT_WORDS
#define DISPLAY_DUMP_PALETTE_CYCLES LEM_PALETTE_WORDS

enum display_reg {
    DISPLAY_REG_SCREEN, DISPLAY_REG_FONT, DISPLAY_REG_PALETTE, DISPLAY_REG_BORDER,
    DISPLAY_REG_FRAME, DISPLAY_REG_VBLANK_INTMSG,
};

/* One cell word, taken apart (docs/machine.md §3.5). */
typedef struct display_cell {
    uint8_t glyph; /* 0..127 */
    uint8_t fg, bg; /* palette indices */
    bool blink;
} display_cell_t;

/* What the picture was made of when display_changed last looked. */
typedef struct display_snapshot {
    bool valid;
    bool blink_on;
    uint16_t reg[4]; /* SCREEN, FONT, PALETTE, BORDER */
    uint16_t video[DISPLAY_CELLS];
    uint16_t font[LEM_FONT_WORDS];
    uint16_t palette[LEM_PALETTE_WORDS];
} display_snapshot_t;

/* Where the display stands at reset (board row options, docs/machine.md §2.4). */
typedef struct display_setup {
    bool premap;        /* "premap": SCREEN = 0x8000 */
    bool font_ram;      /* "font=ADDR": FONT = ADDR, the default font written there */
    uint16_t font_addr;
    bool border_ram;    /* "border=ADDR": the border colour is RAM word ADDR (low 4 bits) */
    uint16_t border_addr;
} display_setup_t;

typedef struct display_dev {
    const device_host_t *host;
    display_setup_t setup;
    bool border_in_ram; /* the border is setup.border_addr's word until BORDER is written */
    uint16_t screen, font, palette, border, vblank_msg;
    uint64_t delivered; /* frames already interrupted for (VBLANK_INTMSG set) */
    display_snapshot_t seen;
} display_dev_t;

extern const device_class_t display_class;

/* Options: "premap" = --premap-screen; "font=ADDR" and "border=ADDR" as in
 * display_setup_t (profile legacy). */
int display_init(void *dev, const device_host_t *host, const device_options_t *opts);

/* Frames since reset at cycle now (FRAME is its low 16 bits). */
uint64_t display_frames(const display_dev_t *d, uint64_t now);

/* Cycle at which frame k (k >= 1) ends. */
uint64_t display_frame_cycle(const display_dev_t *d, uint64_t k);

/* True while blinking cells show their glyph. */
bool display_blink_on(const display_dev_t *d, uint64_t now);

static inline bool display_is_on(const display_dev_t *d)
{
    return d->screen != 0;
}

/* Cell (col, row) of video RAM; meaningful while the display is on. */
display_cell_t display_cell(const display_dev_t *d, unsigned col, unsigned row);

/* The border's palette index: BORDER, or the RAM word of a "border=ADDR" setup. */
uint16_t display_border(const display_dev_t *d);

/* Palette entry index (low 4 bits) as 0xRRGGBBAA, from palette RAM or the built-in one. */
uint32_t display_color(const display_dev_t *d, unsigned index);

/* Fills rgba[DISPLAY_WIDTH * DISPLAY_HEIGHT], row by row, with the picture at cycle now. */
void display_render(const display_dev_t *d, uint64_t now, uint32_t *rgba);

/* The 12 rows of 32 characters: low 7 bits of each cell, 0x20–0x7e as is, anything else a
 * space, trailing spaces removed. All rows empty when the display is off. */
void display_text(const display_dev_t *d, char rows[DISPLAY_ROWS][DISPLAY_COLS + 1]);

/* True when the picture at now may differ from the one at the previous call (always true
 * the first time); remembers what it saw. */
bool display_changed(display_dev_t *d, uint64_t now);

#endif
