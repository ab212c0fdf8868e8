/* fake_regs.h — a memory-mapped test device: 16 plain registers that count reads and
 * writes and remember the cycle (now) of the last access, for tests of the bus and of the
 * CPU reaching devices through it.
 *
 *   fake_dev_t dev = {0};
 *   bus_map(&bus, 0x1fe20, 32, &fake_ops, &dev);   then check dev.reads, dev.last_now, ... */
#ifndef D16_TESTS_FAKE_REGS_H
#define D16_TESTS_FAKE_REGS_H

#include <stdint.h>

#include "memory/bus.h"

typedef struct fake_dev {
    uint16_t reg[16];
    unsigned reads, writes;
    uint64_t last_now;
} fake_dev_t;

static uint16_t fake_read(void *ctx, unsigned reg, uint64_t now)
{
    fake_dev_t *d = ctx;
    d->reads++;
    d->last_now = now;
    return d->reg[reg];
}

static void fake_write(void *ctx, unsigned reg, uint16_t value, uint64_t now)
{
    fake_dev_t *d = ctx;
    d->writes++;
    d->last_now = now;
    d->reg[reg] = value;
}

static uint16_t fake_peek(const void *ctx, unsigned reg)
{
    const fake_dev_t *d = ctx;
    return d->reg[reg];
}

static const bus_handlers_t fake_ops = {fake_read, fake_write, fake_peek};

#endif
