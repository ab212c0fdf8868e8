/* display.c — the LEM1802: registers, frame timing, font/palette dumps and the renderer. */
#include "devices/display.h"

#include <string.h>

#include "cpu/cpu.h"
#include "machine/snapbuf.h"
#include "devices/cadence.h"

static void display_dump(display_dev_t *d, uint16_t to, const uint16_t *words, unsigned n);

/* The reset state; a "font=ADDR" setup also fills that RAM with the default font, as the
 * 1.1-era machine did (docs/machine.md §2.4). */
static void display_power_on(display_dev_t *d, const device_host_t *host, display_setup_t setup)
{
    *d = (display_dev_t){.host = host, .setup = setup, .border_in_ram = setup.border_ram};
    d->screen = setup.premap ? DISPLAY_PREMAP_ADDR : 0;
    if (setup.font_ram) {
        d->font = setup.font_addr;
        display_dump(d, setup.font_addr, lem_default_font, LEM_FONT_WORDS);
    }
}

/* "key=ADDR": false (logged) when the value is not a word address. */
static bool display_address_arg(const device_host_t *host, const char *args, const char *key,
                                bool *set, uint16_t *addr)
{
    uint32_t v = 0;
    int found = device_arg_uint(args, key, 0xffff, &v);
    if (found < 0) {
        if (host->log)
            host->log(host->ctx, key[0] == 'f' ? "display: font=ADDR needs a word address"
                                               : "display: border=ADDR needs a word address");
        return false;
    }
    *set = found > 0;
    *addr = (uint16_t)v;
    return true;
}

int display_init(void *dev, const device_host_t *host, const device_options_t *opts)
{
    display_setup_t setup = {0};
    const char *args = opts ? opts->args : NULL;
    setup.premap = device_arg_flag(args, "premap");
    if (!display_address_arg(host, args, "font", &setup.font_ram, &setup.font_addr) ||
        !display_address_arg(host, args, "border", &setup.border_ram, &setup.border_addr))
        return -1;
    display_power_on(dev, host, setup);
    return 0;
}

static void display_reset(void *dev)
{
    display_dev_t *d = dev;
    display_power_on(d, d->host, d->setup);
}

/* ---- time */

uint64_t display_frames(const display_dev_t *d, uint64_t now)
{
    return cadence_count(now, d->host->clock_hz, DISPLAY_FPS);
}

uint64_t display_frame_cycle(const display_dev_t *d, uint64_t k)
{
    return cadence_at(0, k, d->host->clock_hz, DISPLAY_FPS);
}

bool display_blink_on(const display_dev_t *d, uint64_t now)
{
    return display_frames(d, now) / DISPLAY_BLINK_FRAMES % 2 == 0;
}

/* ---- memory the display reads: peeks, every address wrapping at 0xFFFF */

static uint16_t display_peek_ram(const display_dev_t *d, uint16_t base, unsigned offset)
{
    return bus_peek_word(d->host->bus, (uint16_t)(base + offset));
}

static uint16_t display_font_word(const display_dev_t *d, unsigned i)
{
    return d->font ? display_peek_ram(d, d->font, i) : lem_default_font[i];
}

static uint16_t display_palette_word(const display_dev_t *d, unsigned i)
{
    return d->palette ? display_peek_ram(d, d->palette, i) : lem_default_palette[i];
}

uint16_t display_border(const display_dev_t *d)
{
    return d->border_in_ram ? display_peek_ram(d, d->setup.border_addr, 0) & 0xf : d->border;
}

uint32_t display_color(const display_dev_t *d, unsigned index)
{
    uint16_t w = display_palette_word(d, index & 0xf);
    uint32_t r = (w >> 8 & 0xf) * 0x11u, g = (w >> 4 & 0xf) * 0x11u, b = (w & 0xf) * 0x11u;
    return r << 24 | g << 16 | b << 8 | 0xffu;
}

display_cell_t display_cell(const display_dev_t *d, unsigned col, unsigned row)
{
    uint16_t w = display_peek_ram(d, d->screen, row * DISPLAY_COLS + col);
    return (display_cell_t){
        .glyph = w & 0x7f,
        .blink = (w >> 7) & 1,
        .bg = (w >> 8) & 0xf,
        .fg = (w >> 12) & 0xf,
    };
}

/* ---- registers and HWI */

static void display_set_vblank(display_dev_t *d, uint16_t msg, uint64_t now)
{
    d->vblank_msg = msg;
    d->delivered = display_frames(d, now); /* a frame ending at now was already due */
    if (d->host->reschedule)
        d->host->reschedule(d->host->ctx);
}

/* Copies built-in words to guest memory through the bus, as CPU writes would. */
static void display_dump(display_dev_t *d, uint16_t to, const uint16_t *words, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        bus_write_word(d->host->bus, (uint16_t)(to + i), words[i]);
}

static uint16_t display_peek(const void *dev, unsigned reg)
{
    const display_dev_t *d = dev;
    switch (reg) {
    case DISPLAY_REG_SCREEN: return d->screen;
    case DISPLAY_REG_FONT: return d->font;
    case DISPLAY_REG_PALETTE: return d->palette;
    case DISPLAY_REG_BORDER: return display_border(d);
    case DISPLAY_REG_FRAME: /* a peek has no instruction cycle: use the counter now */
        return d->host->bus->clock ? (uint16_t)display_frames(d, *d->host->bus->clock) : 0;
    case DISPLAY_REG_VBLANK_INTMSG: return d->vblank_msg;
    default: return 0;
    }
}

static uint16_t display_read(void *dev, unsigned reg, uint64_t now)
{
    const display_dev_t *d = dev;
    if (reg == DISPLAY_REG_FRAME)
        return (uint16_t)display_frames(d, now);
    return display_peek(dev, reg);
}

static void display_write(void *dev, unsigned reg, uint16_t value, uint64_t now)
{
    display_dev_t *d = dev;
    switch (reg) {
    case DISPLAY_REG_SCREEN: d->screen = value; break;
    case DISPLAY_REG_FONT: d->font = value; break;
    case DISPLAY_REG_PALETTE: d->palette = value; break;
    case DISPLAY_REG_BORDER: /* from now on the register, not the RAM word, as a remap */
        d->border = value & 0xf;
        d->border_in_ram = false;
        break;
    case DISPLAY_REG_VBLANK_INTMSG: display_set_vblank(d, value, now); break;
    default: break; /* FRAME is read-only */
    }
}

static unsigned display_hwi(void *dev, uint16_t reg[8], uint64_t now)
{
    display_dev_t *d = dev;
    uint16_t b = reg[REG_B];
    switch (reg[REG_A]) {
    case 0: display_write(d, DISPLAY_REG_SCREEN, b, now); return 0;
    case 1: display_write(d, DISPLAY_REG_FONT, b, now); return 0;
    case 2: display_write(d, DISPLAY_REG_PALETTE, b, now); return 0;
    case 3: display_write(d, DISPLAY_REG_BORDER, b, now); return 0;
    case 4:
        display_dump(d, b, lem_default_font, LEM_FONT_WORDS);
        return DISPLAY_DUMP_FONT_CYCLES;
    case 5:
        display_dump(d, b, lem_default_palette, LEM_PALETTE_WORDS);
        return DISPLAY_DUMP_PALETTE_CYCLES;
    default: return 0;
    }
}

static uint64_t display_next_event(const void *dev)
{
    const display_dev_t *d = dev;
    return d->vblank_msg ? display_frame_cycle(d, d->delivered + 1) : DEVICE_NEVER;
}

static void display_advance(void *dev, uint64_t now)
{
    display_dev_t *d = dev;
    while (d->vblank_msg && display_frame_cycle(d, d->delivered + 1) <= now) {
        d->delivered++;
        if (d->host->interrupt)
            d->host->interrupt(d->host->ctx, d->vblank_msg);
    }
}

/* Frames never stop: a message set always brings the next one (docs/machine.md §6). */
static bool display_may_interrupt(const void *dev)
{
    const display_dev_t *d = dev;
    return d->vblank_msg != 0;
}

/* ---- snapshots (docs/snapshot.md §4) */

static void display_save(const void *dev, snap_writer_t *w)
{
    const display_dev_t *d = dev;
    snap_put(w, 8, d->border_in_ram);
    snap_put(w, 16, d->screen);
    snap_put(w, 16, d->font);
    snap_put(w, 16, d->palette);
    snap_put(w, 16, d->border);
    snap_put(w, 16, d->vblank_msg);
    snap_put(w, 64, d->delivered);
}

static void display_load(void *dev, snap_reader_t *r)
{
    display_dev_t *d = dev;
    d->border_in_ram = snap_get_bool(r, "border_in_ram");
    d->screen = (uint16_t)snap_get(r, 16, "screen");
    d->font = (uint16_t)snap_get(r, 16, "font");
    d->palette = (uint16_t)snap_get(r, 16, "palette");
    d->border = (uint16_t)snap_get_range(r, 16, 0, 15, "border");
    d->vblank_msg = (uint16_t)snap_get(r, 16, "vblank_msg");
    d->delivered = snap_get(r, 64, "delivered");
    d->seen.valid = false; /* the picture is new: the window draws it again */
}

static const device_reg_t display_regs[] = {
    {"SCREEN", DEVICE_RW, "video RAM word address, 0 = display off"},
    {"FONT", DEVICE_RW, "font RAM address, 0 = built-in font"},
    {"PALETTE", DEVICE_RW, "palette RAM address, 0 = built-in palette"},
    {"BORDER", DEVICE_RW, "border palette index, low 4 bits"},
    {"FRAME", DEVICE_R, "frames since reset, 60 per emulated second, wrapping"},
    {"VBLANK_INTMSG", DEVICE_RW, "interrupt message at every frame, 0 = none"},
};

static const char *const display_hwi_names[] = {
    "MEM_MAP_SCREEN", "MEM_MAP_FONT", "MEM_MAP_PALETTE", "SET_BORDER_COLOR",
    "MEM_DUMP_FONT", "MEM_DUMP_PALETTE",
};

const device_class_t display_class = {
    .name = "display",
    .title = "LEM1802-compatible display",
    .symbol = "LEM",
    .id = 0x7349f615u,
    .version = 0x1802,
    .manufacturer = DEVICE_MFR_NYA,
    DEVICE_REGS(display_regs),
    DEVICE_HWI(display_hwi_names),
    .size = sizeof(display_dev_t),
    .init = display_init,
    .regs = {display_read, display_write, display_peek},
    .hwi = display_hwi,
    .reset = display_reset,
    .next_event = display_next_event,
    .advance = display_advance,
    .may_interrupt = display_may_interrupt,
    .snap_tag = "DISP",
    .save = display_save,
    .load = display_load,
};

/* ---- pictures */

static void display_fill(uint32_t *rgba, uint32_t color)
{
    for (unsigned i = 0; i < DISPLAY_WIDTH * DISPLAY_HEIGHT; i++)
        rgba[i] = color;
}

/* The 32 pixels of a glyph, column bytes high-to-low across both words, bit 0 on top. */
static uint32_t display_glyph_bits(const display_dev_t *d, unsigned glyph)
{
    return (uint32_t)display_font_word(d, 2 * glyph) << 16 | display_font_word(d, 2 * glyph + 1);
}

static void display_draw_cell(const display_dev_t *d, unsigned col, unsigned row,
                              bool blink_on, const uint32_t color[16], uint32_t *rgba)
{
    display_cell_t c = display_cell(d, col, row);
    uint32_t bits = c.blink && !blink_on ? 0 : display_glyph_bits(d, c.glyph);
    uint32_t *origin = rgba + (DISPLAY_BORDER_PX + row * DISPLAY_CELL_H) * DISPLAY_WIDTH +
                       DISPLAY_BORDER_PX + col * DISPLAY_CELL_W;
    for (unsigned y = 0; y < DISPLAY_CELL_H; y++)
        for (unsigned x = 0; x < DISPLAY_CELL_W; x++) {
            bool lit = (bits >> ((3 - x) * 8 + y)) & 1;
            origin[y * DISPLAY_WIDTH + x] = color[lit ? c.fg : c.bg];
        }
}

void display_render(const display_dev_t *d, uint64_t now, uint32_t *rgba)
{
    uint32_t color[16];
    for (unsigned i = 0; i < 16; i++)
        color[i] = display_color(d, i);
    display_fill(rgba, color[display_border(d)]);
    if (!display_is_on(d))
        return;
    bool blink_on = display_blink_on(d, now);
    for (unsigned row = 0; row < DISPLAY_ROWS; row++)
        for (unsigned col = 0; col < DISPLAY_COLS; col++)
            display_draw_cell(d, col, row, blink_on, color, rgba);
}

void display_text(const display_dev_t *d, char rows[DISPLAY_ROWS][DISPLAY_COLS + 1])
{
    for (unsigned row = 0; row < DISPLAY_ROWS; row++) {
        char *line = rows[row];
        unsigned len = 0;
        for (unsigned col = 0; display_is_on(d) && col < DISPLAY_COLS; col++) {
            uint8_t ch = display_cell(d, col, row).glyph;
            line[col] = ch >= 0x20 && ch <= 0x7e ? (char)ch : ' ';
            if (line[col] != ' ')
                len = col + 1;
        }
        line[len] = '\0';
    }
}

/* ---- change detection */

static void display_take_snapshot(const display_dev_t *d, uint64_t now, display_snapshot_t *s)
{
    memset(s, 0, sizeof *s);
    s->valid = true;
    s->blink_on = display_blink_on(d, now);
    s->reg[0] = d->screen;
    s->reg[1] = d->font;
    s->reg[2] = d->palette;
    s->reg[3] = display_border(d);
    for (unsigned i = 0; d->screen && i < DISPLAY_CELLS; i++)
        s->video[i] = display_peek_ram(d, d->screen, i);
    for (unsigned i = 0; d->font && i < LEM_FONT_WORDS; i++)
        s->font[i] = display_peek_ram(d, d->font, i);
    for (unsigned i = 0; d->palette && i < LEM_PALETTE_WORDS; i++)
        s->palette[i] = display_peek_ram(d, d->palette, i);
}

bool display_changed(display_dev_t *d, uint64_t now)
{
    display_snapshot_t s;
    display_take_snapshot(d, now, &s);
    bool changed = memcmp(&s, &d->seen, sizeof s) != 0;
    memcpy(&d->seen, &s, sizeof s); /* bytewise, so padding compares equal next time */
    return changed;
}
