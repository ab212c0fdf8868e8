/* console.c — serial text console: bytes out through a callback, bytes in from a source. */
#include "devices/console.h"

#include <stdlib.h>

#include "cpu/cpu.h"
#include "machine/snapbuf.h"

int console_init(void *dev, const device_host_t *host, const device_options_t *opts)
{
    (void)opts;
    console_dev_t *c = dev;
    *c = (console_dev_t){.host = host, .ahead = -1};
    return 0;
}

static void console_reset(void *dev)
{
    console_dev_t *c = dev;
    c->intmsg = 0; /* a byte already taken from the source stays: input is not rewound */
}

void console_free(void *dev)
{
    console_dev_t *c = dev;
    free(c->script);
    c->script = NULL;
    c->script_len = c->script_cap = c->taken = c->arrived = 0;
}

void console_use_schedule(console_dev_t *c, bool open)
{
    c->scheduled = true;
    c->open = open;
}

int console_schedule(console_dev_t *c, uint64_t cycle, uint16_t byte)
{
    if (byte > CONSOLE_END || (c->script_len && cycle < c->script[c->script_len - 1].cycle))
        return -1;
    if (c->script_len == c->script_cap) {
        size_t cap = c->script_cap ? c->script_cap * 2 : 64;
        console_event_t *grown = realloc(c->script, cap * sizeof *grown);
        if (!grown)
            return -1;
        c->script = grown;
        c->script_cap = cap;
    }
    c->script[c->script_len++] = (console_event_t){cycle, byte};
    if (!c->scheduled)
        console_use_schedule(c, true);
    if (c->host->reschedule)
        c->host->reschedule(c->host->ctx);
    return 0;
}

/* The next scheduled byte that has arrived, CONSOLE_SOURCE_NONE or CONSOLE_SOURCE_EOF. */
static int console_next_scheduled(console_dev_t *c)
{
    if (c->taken == c->arrived)
        return CONSOLE_SOURCE_NONE;
    uint16_t b = c->script[c->taken++].byte;
    return b == CONSOLE_END ? CONSOLE_SOURCE_EOF : b;
}

/* Takes the next byte from the source into the look-ahead slot; true when one waits. */
static bool console_fill(console_dev_t *c)
{
    if (c->ahead < 0 && !c->closed && c->scheduled) {
        int r = console_next_scheduled(c);
        if (r >= 0)
            c->ahead = r;
        else if (r == CONSOLE_SOURCE_EOF)
            c->closed = true;
    } else if (c->ahead < 0 && !c->closed && c->host->text_in) {
        int r = c->host->text_in(c->host->ctx);
        if (r >= 0)
            c->ahead = r & 0xff;
        else if (r == CONSOLE_SOURCE_EOF)
            c->closed = true;
    }
    return c->ahead >= 0;
}

static void console_raise(console_dev_t *c)
{
    if (c->intmsg && c->host->interrupt)
        c->host->interrupt(c->host->ctx, c->intmsg);
}

static uint16_t console_status(const console_dev_t *c)
{
    uint16_t s = CONSOLE_OUT_READY;
    if (c->ahead >= 0)
        s |= CONSOLE_IN_READY;
    else if (c->closed)
        s |= CONSOLE_IN_CLOSED;
    return s;
}

static uint16_t console_take(console_dev_t *c)
{
    if (!console_fill(c))
        return 0xffff;
    uint16_t byte = (uint16_t)c->ahead;
    c->ahead = -1;
    c->unannounced = false;
    if (console_fill(c))
        console_raise(c);
    return byte;
}

static void console_put(console_dev_t *c, uint16_t value)
{
    if (c->host->text_out)
        c->host->text_out(c->host->ctx, (uint8_t)value);
}

static void console_set_intmsg(console_dev_t *c, uint16_t msg)
{
    bool was_off = c->intmsg == 0;
    c->intmsg = msg;
    if (was_off && msg && console_fill(c)) {
        console_raise(c);
        c->unannounced = false;
    }
}

void console_poll(console_dev_t *c)
{
    if ((c->ahead < 0 && console_fill(c)) || c->unannounced)
        console_raise(c);
    c->unannounced = false;
}

static uint16_t console_peek(const void *dev, unsigned reg)
{
    const console_dev_t *c = dev;
    /* STATUS and DATA as a read would see them: the byte waiting on a file or pipe (one
     * that is there already: a peek never blocks) is
     * taken into the look-ahead, which the guest cannot tell from a byte taken by its own
     * read; poll still announces it (unannounced). The console is never const itself. */
    if ((reg == CONSOLE_REG_STATUS || reg == CONSOLE_REG_DATA) && c->ahead < 0 &&
        (!c->host->text_ready || c->host->text_ready(c->host->ctx))) {
        console_dev_t *mut = (console_dev_t *)dev;
        mut->unannounced = console_fill(mut);
    }
    switch (reg) {
    case CONSOLE_REG_STATUS: return console_status(c);
    case CONSOLE_REG_DATA: return c->ahead >= 0 ? (uint16_t)c->ahead : 0xffff;
    case CONSOLE_REG_INTMSG: return c->intmsg;
    default: return 0;
    }
}

static uint16_t console_read(void *dev, unsigned reg, uint64_t now)
{
    console_dev_t *c = dev;
    (void)now;
    switch (reg) {
    case CONSOLE_REG_STATUS:
        console_fill(c);
        return console_status(c);
    case CONSOLE_REG_DATA: return console_take(c);
    default: return console_peek(dev, reg);
    }
}

static void console_write(void *dev, unsigned reg, uint16_t value, uint64_t now)
{
    console_dev_t *c = dev;
    (void)now;
    if (reg == CONSOLE_REG_DATA)
        console_put(c, value);
    else if (reg == CONSOLE_REG_INTMSG)
        console_set_intmsg(c, value);
}

static unsigned console_hwi(void *dev, uint16_t reg[8], uint64_t now)
{
    console_dev_t *c = dev;
    (void)now;
    switch (reg[REG_A]) {
    case 0: console_put(c, reg[REG_B]); break;
    case 1: reg[REG_C] = console_take(c); break;
    case 2: console_set_intmsg(c, reg[REG_B]); break;
    case 3:
        console_fill(c);
        reg[REG_C] = console_status(c);
        break;
    default: break;
    }
    return 0;
}

/* Scheduled bytes arrive as events: the guest sees them as a poll would. */
static uint64_t console_next_event(const void *dev)
{
    const console_dev_t *c = dev;
    return c->arrived < c->script_len ? c->script[c->arrived].cycle : DEVICE_NEVER;
}

static void console_advance(void *dev, uint64_t now)
{
    console_dev_t *c = dev;
    while (c->arrived < c->script_len && c->script[c->arrived].cycle <= now)
        c->arrived++;
    console_poll(c);
}

/* ---- snapshots (docs/snapshot.md §4): the look-ahead byte and scheduled input to come */

static void console_save(const void *dev, snap_writer_t *w)
{
    const console_dev_t *c = dev;
    snap_put(w, 16, c->ahead < 0 ? 0xffff : (uint16_t)c->ahead);
    snap_put(w, 8, c->closed);
    snap_put(w, 16, c->intmsg);
    /* A console without input (--stdin-keys) is saved as scheduled input that never comes,
     * so a loaded one does not start reading the new run's stdin either. */
    snap_put(w, 8, c->scheduled || !c->host->text_in);
    snap_put(w, 8, c->scheduled ? c->open : c->host->text_in != NULL);
    snap_put(w, 32, c->arrived - c->taken);
    snap_put(w, 32, c->script_len - c->taken);
    for (size_t i = c->taken; i < c->script_len; i++) {
        snap_put(w, 64, c->script[i].cycle);
        snap_put(w, 16, c->script[i].byte);
    }
}

static void console_load(void *dev, snap_reader_t *r)
{
    console_dev_t *c = dev;
    uint16_t ahead = (uint16_t)snap_get(r, 16, "ahead");
    if (ahead > 0xff && ahead != 0xffff)
        snap_fail(r, "'ahead' is 0x%04x, neither a byte nor 0xffff", ahead);
    c->ahead = ahead == 0xffff ? -1 : ahead;
    c->closed = snap_get_bool(r, "closed");
    c->intmsg = (uint16_t)snap_get(r, 16, "intmsg");
    c->scheduled = snap_get_bool(r, "scheduled");
    c->open = snap_get_bool(r, "open");
    uint64_t arrived = snap_get(r, 32, "arrived");
    uint64_t n = snap_get(r, 32, "scheduled bytes");
    if (r->failed)
        return;
    if (n > (r->size - r->pos) / 10 || arrived > n) {
        snap_fail(r, "%llu scheduled bytes (%llu arrived) do not fit in the section",
                  (unsigned long long)n, (unsigned long long)arrived);
        return;
    }
    console_event_t *ev = n ? malloc(n * sizeof *ev) : NULL;
    if (n && !ev) {
        snap_fail(r, "out of memory for %llu scheduled bytes", (unsigned long long)n);
        return;
    }
    uint64_t last = 0;
    for (uint64_t i = 0; i < n && !r->failed; i++) {
        ev[i].cycle = snap_get(r, 64, "byte cycle");
        ev[i].byte = (uint16_t)snap_get_range(r, 16, 0, CONSOLE_END, "byte");
        if (!r->failed && ev[i].cycle < last)
            snap_fail(r, "scheduled byte %llu goes back in time", (unsigned long long)i);
        last = ev[i].cycle;
    }
    if (r->failed) {
        free(ev);
        return;
    }
    free(c->script);
    c->script = ev;
    c->script_len = c->script_cap = (size_t)n;
    c->taken = 0;
    c->arrived = (size_t)arrived;
}

/* The console can still interrupt while it has a message and a byte waits or may yet
 * arrive: input that has ended and been read to the end, or no input at all, cannot
 * (docs/machine.md §6). */
static bool console_may_interrupt(const void *dev)
{
    const console_dev_t *c = dev;
    bool source = c->scheduled ? c->open : c->host->text_in != NULL;
    bool input_to_come = c->ahead >= 0 || (source && !c->closed);
    return c->intmsg != 0 && input_to_come;
}

static const device_reg_t console_regs[] = {
    {"STATUS", DEVICE_R, "bit0 input byte ready, bit1 output ready (always), bit2 input closed"},
    {"DATA", DEVICE_RW, "R: next input byte or 0xFFFF when none; W: output the low 8 bits"},
    {"INTMSG", DEVICE_RW, "interrupt message when input becomes ready, 0 = none"},
};

static const char *const console_hwi_names[] = {"PUT", "GET", "SET_INTMSG", "GET_STATUS"};

const device_class_t console_class = {
    .name = "console",
    .title = "serial text console",
    .symbol = "CON",
    .id = 0xd1600002u,
    .version = 1,
    .manufacturer = DEVICE_MFR_D16,
    DEVICE_REGS(console_regs),
    DEVICE_HWI(console_hwi_names),
    .size = sizeof(console_dev_t),
    .init = console_init,
    .free = console_free,
    .regs = {console_read, console_write, console_peek},
    .hwi = console_hwi,
    .reset = console_reset,
    .next_event = console_next_event,
    .advance = console_advance,
    .may_interrupt = console_may_interrupt,
    .snap_tag = "CONS",
    .save = console_save,
    .load = console_load,
};
