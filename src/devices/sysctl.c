/* sysctl.c — the system controller: identity, halt, cycle counter, log and break. */
#include "devices/sysctl.h"

#include <stdio.h>

#include "cpu/cpu.h"
#include "machine/snapbuf.h"

int sysctl_init(void *dev, const device_host_t *host, const device_options_t *opts)
{
    (void)opts;
    sysctl_dev_t *s = dev;
    *s = (sysctl_dev_t){.host = host};
    return 0;
}

static void sysctl_reset(void *dev)
{
    sysctl_dev_t *s = dev;
    s->cycles_hi = 0;
}

static void sysctl_halt(sysctl_dev_t *s, uint16_t status)
{
    if (s->host->halt)
        s->host->halt(s->host->ctx, status & 0xff);
}

static void sysctl_log(sysctl_dev_t *s, uint16_t word)
{
    char line[32];
    snprintf(line, sizeof line, "log: 0x%04x", word);
    if (s->host->log)
        s->host->log(s->host->ctx, line);
}

static void sysctl_break(sysctl_dev_t *s)
{
    if (s->host->request_break)
        s->host->request_break(s->host->ctx);
}

/* Clocks beyond 65535 kHz read 0xFFFF: saturating says "at least this fast", where the
 * low 16 bits would claim some slow clock. */
static uint16_t sysctl_clock_khz(const sysctl_dev_t *s)
{
    uint32_t khz = s->host->clock_hz / 1000;
    return khz > 0xffff ? 0xffff : (uint16_t)khz;
}

static uint16_t sysctl_peek(const void *dev, unsigned reg)
{
    const sysctl_dev_t *s = dev;
    switch (reg) {
    case SYSCTL_REG_MAGIC: return SYSCTL_MAGIC;
    case SYSCTL_REG_VERSION: return SYSCTL_VERSION;
    case SYSCTL_REG_CYCLES_LO: /* as a read now would see it, without latching CYCLES_HI */
        return s->host->bus && s->host->bus->clock ? (uint16_t)*s->host->bus->clock : 0;
    case SYSCTL_REG_CYCLES_HI: return s->cycles_hi;
    case SYSCTL_REG_CLOCK_KHZ: return sysctl_clock_khz(s);
    case SYSCTL_REG_MEMTOP: return (uint16_t)s->host->memtop;
    default: return 0;
    }
}

static uint16_t sysctl_read(void *dev, unsigned reg, uint64_t now)
{
    sysctl_dev_t *s = dev;
    if (reg == SYSCTL_REG_CYCLES_LO) {
        s->cycles_hi = (uint16_t)(now >> 16);
        return (uint16_t)now;
    }
    return sysctl_peek(dev, reg);
}

static void sysctl_write(void *dev, unsigned reg, uint16_t value, uint64_t now)
{
    sysctl_dev_t *s = dev;
    (void)now;
    switch (reg) {
    case SYSCTL_REG_HALT: sysctl_halt(s, value); break;
    case SYSCTL_REG_LOG: sysctl_log(s, value); break;
    case SYSCTL_REG_BREAK: sysctl_break(s); break;
    default: break;
    }
}

static unsigned sysctl_hwi(void *dev, uint16_t reg[8], uint64_t now)
{
    sysctl_dev_t *s = dev;
    switch (reg[REG_A]) {
    case 0: sysctl_halt(s, reg[REG_B]); break;
    case 1:
        reg[REG_B] = (uint16_t)now;
        reg[REG_C] = (uint16_t)(now >> 16);
        break;
    case 2: sysctl_log(s, reg[REG_B]); break;
    case 3: sysctl_break(s); break;
    default: break;
    }
    return 0;
}

/* ---- snapshots (docs/snapshot.md §4) */

static void sysctl_save(const void *dev, snap_writer_t *w)
{
    const sysctl_dev_t *s = dev;
    snap_put(w, 16, s->cycles_hi);
}

static void sysctl_load(void *dev, snap_reader_t *r)
{
    sysctl_dev_t *s = dev;
    s->cycles_hi = (uint16_t)snap_get(r, 16, "cycles_hi");
}

static const device_reg_t sysctl_regs[] = {
    {"MAGIC", DEVICE_R, "0xD160"},
    {"VERSION", DEVICE_R, "0x0100: this contract, v1.0"},
    {"HALT", DEVICE_W, "halt the machine; the low 8 bits are the exit status"},
    {"CYCLES_LO", DEVICE_R, "low word of the cycle counter; latches the high word"},
    {"CYCLES_HI", DEVICE_R, "the high word latched by the last CYCLES_LO read"},
    {"CLOCK_KHZ", DEVICE_R, "configured clock in kHz, saturating at 0xFFFF"},
    {"MEMTOP", DEVICE_R, "first word above RAM"},
    {"LOG", DEVICE_W, "the host prints the word to its debug log as log: 0xNNNN"},
    {"BREAK", DEVICE_W, "enter the debugger if one is attached, else ignored"},
};

static const char *const sysctl_hwi_names[] = {"HALT", "GET_CYCLES", "LOG", "BREAK"};

const device_class_t sysctl_class = {
    .name = "system controller",
    .title = "halt, cycle counter, clock, memory top, log and break",
    .symbol = "SYS",
    .id = 0xd1600001u,
    .version = 1,
    .manufacturer = DEVICE_MFR_D16,
    DEVICE_REGS(sysctl_regs),
    DEVICE_HWI(sysctl_hwi_names),
    .size = sizeof(sysctl_dev_t),
    .init = sysctl_init,
    .regs = {sysctl_read, sysctl_write, sysctl_peek},
    .hwi = sysctl_hwi,
    .reset = sysctl_reset,
    .snap_tag = "SYSC",
    .save = sysctl_save,
    .load = sysctl_load,
};
