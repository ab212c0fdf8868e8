/* console.c — serial text console: bytes out through a callback, bytes in from a source. */
#include "devices/console.h"

#include "cpu/cpu.h"

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

/* Takes the next byte from the source into the look-ahead slot; true when one waits. */
static bool console_fill(console_dev_t *c)
{
    if (c->ahead < 0 && !c->closed && c->host->text_in) {
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

/* The console can still interrupt while it has a message and a byte waits or may yet
 * arrive: input that has ended and been read to the end, or no input at all, cannot
 * (docs/machine.md §6). */
static bool console_may_interrupt(const void *dev)
{
    const console_dev_t *c = dev;
    bool input_to_come = c->ahead >= 0 || (c->host->text_in && !c->closed);
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
    .regs = {console_read, console_write, console_peek},
    .hwi = console_hwi,
    .reset = console_reset,
    .may_interrupt = console_may_interrupt,
};
