/* sysctl.c — the system controller: identity, halt, cycle counter, log and break. */
#include "devices/sysctl.h"

#include <stdio.h>

#include "cpu/cpu.h"
#include "machine/snapbuf.h"

void sysctl_init(sysctl_dev_t *s, const device_host_t *host, uint16_t memtop)
{
    *s = (sysctl_dev_t){.host = host, .memtop = memtop};
}

static void sysctl_reset(void *dev)
{
    sysctl_dev_t *s = dev;
    s->cycles_hi = 0;
}

static void sysctl_halt(sysctl_dev_t *s, uint16_t status)
{
    if (s->halt)
        s->halt(s->ctx, status & 0xff);
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
    if (s->brk)
        s->brk(s->ctx);
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
    case SYSCTL_REG_CYCLES_HI: return s->cycles_hi;
    case SYSCTL_REG_CLOCK_KHZ: return sysctl_clock_khz(s);
    case SYSCTL_REG_MEMTOP: return s->memtop;
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

const device_class_t sysctl_class = {
    .name = "system controller",
    .id = 0xd1600001u,
    .version = 1,
    .manufacturer = DEVICE_MFR_D16,
    .slot = SYSCTL_SLOT,
    .regs = {sysctl_read, sysctl_write, sysctl_peek},
    .hwi = sysctl_hwi,
    .reset = sysctl_reset,
    .snap_tag = "SYSC",
    .save = sysctl_save,
    .load = sysctl_load,
};
