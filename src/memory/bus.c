/* bus.c — page table and device routing for the 128 KiB bus. */
#include "memory/bus.h"

#include <string.h>

void bus_init(bus_t *bus, const uint64_t *clock)
{
    memset(bus, 0, sizeof *bus);
    bus->clock = clock;
    for (unsigned i = 0; i < BUS_PAGES; i++)
        bus->page[i] = bus->ram + i * BUS_PAGE_BYTES;
}

void bus_clear_ram(bus_t *bus)
{
    memset(bus->ram, 0, sizeof bus->ram);
}

int bus_map(bus_t *bus, uint32_t base, uint32_t size, const bus_handlers_t *ops, void *ctx)
{
    if (size == 0 || (base | size) & 1 || base >= BUS_BYTES || size > BUS_BYTES - base)
        return -1;
    if (bus->regions == BUS_MAX_REGIONS)
        return -1;
    for (unsigned i = 0; i < bus->regions; i++) {
        const bus_region_t *r = &bus->region[i];
        if (base < r->base + r->size && r->base < base + size)
            return -1;
    }
    bus->region[bus->regions++] = (bus_region_t){base, size, ops, ctx};
    for (uint32_t p = base >> BUS_PAGE_SHIFT; p <= (base + size - 1) >> BUS_PAGE_SHIFT; p++)
        bus->page[p] = NULL;
    return 0;
}

static const bus_region_t *find_region(const bus_t *bus, uint32_t addr)
{
    for (unsigned i = 0; i < bus->regions; i++) {
        const bus_region_t *r = &bus->region[i];
        if (addr - r->base < r->size)
            return r;
    }
    return NULL;
}

static void note_unmapped(bus_t *bus, uint32_t addr)
{
    if (bus->strict && !bus->fault) {
        bus->fault = true;
        bus->fault_addr = addr;
    }
}

static uint64_t bus_now(const bus_t *bus)
{
    return bus->clock ? *bus->clock : 0;
}

/* Device-page word access; addr is even and inside a device page. */
static uint16_t io_read(bus_t *bus, uint32_t addr)
{
    const bus_region_t *r = find_region(bus, addr);
    if (!r) {
        note_unmapped(bus, addr);
        return 0;
    }
    return r->ops->read ? r->ops->read(r->ctx, (addr - r->base) >> 1, bus_now(bus)) : 0;
}

static void io_write(bus_t *bus, uint32_t addr, uint16_t value)
{
    const bus_region_t *r = find_region(bus, addr);
    if (!r)
        note_unmapped(bus, addr);
    else if (r->ops->write)
        r->ops->write(r->ctx, (addr - r->base) >> 1, value, bus_now(bus));
    if (bus->on_io_write)
        bus->on_io_write(bus->on_io_write_ctx, addr);
}

static uint16_t io_peek(const bus_t *bus, uint32_t addr)
{
    const bus_region_t *r = find_region(bus, addr);
    return r && r->ops->peek ? r->ops->peek(r->ctx, (addr - r->base) >> 1) : 0;
}

static void ram_written(bus_t *bus, uint32_t addr)
{
    if (bus->on_ram_write)
        bus->on_ram_write(bus->on_ram_write_ctx, addr);
}

uint8_t bus_read8(bus_t *bus, uint32_t addr)
{
    addr &= BUS_ADDR_MASK;
    const uint8_t *p = bus->page[addr >> BUS_PAGE_SHIFT];
    if (p)
        return p[addr & (BUS_PAGE_BYTES - 1)];
    return (uint8_t)(io_read(bus, addr & ~1u) >> (addr & 1) * 8);
}

void bus_write8(bus_t *bus, uint32_t addr, uint8_t value)
{
    addr &= BUS_ADDR_MASK;
    uint8_t *p = bus->page[addr >> BUS_PAGE_SHIFT];
    if (p) {
        p[addr & (BUS_PAGE_BYTES - 1)] = value;
        ram_written(bus, addr);
        return;
    }
    uint32_t even = addr & ~1u;
    uint16_t old = io_peek(bus, even);
    uint16_t word = addr & 1 ? (uint16_t)((old & 0x00ff) | value << 8)
                             : (uint16_t)((old & 0xff00) | value);
    io_write(bus, even, word);
}

uint16_t bus_read16(bus_t *bus, uint32_t addr)
{
    addr &= BUS_ADDR_MASK;
    if (addr & 1)
        return (uint16_t)(bus_read8(bus, addr) | bus_read8(bus, addr + 1) << 8);
    const uint8_t *p = bus->page[addr >> BUS_PAGE_SHIFT];
    if (p) {
        uint32_t off = addr & (BUS_PAGE_BYTES - 1);
        return (uint16_t)(p[off] | p[off + 1] << 8);
    }
    return io_read(bus, addr);
}

void bus_write16(bus_t *bus, uint32_t addr, uint16_t value)
{
    addr &= BUS_ADDR_MASK;
    if (addr & 1) {
        bus_write8(bus, addr, (uint8_t)value);
        bus_write8(bus, addr + 1, (uint8_t)(value >> 8));
        return;
    }
    uint8_t *p = bus->page[addr >> BUS_PAGE_SHIFT];
    if (p) {
        uint32_t off = addr & (BUS_PAGE_BYTES - 1);
        p[off] = (uint8_t)value;
        p[off + 1] = (uint8_t)(value >> 8);
        ram_written(bus, addr);
        return;
    }
    io_write(bus, addr, value);
}

uint8_t bus_peek8(const bus_t *bus, uint32_t addr)
{
    addr &= BUS_ADDR_MASK;
    const uint8_t *p = bus->page[addr >> BUS_PAGE_SHIFT];
    if (p)
        return p[addr & (BUS_PAGE_BYTES - 1)];
    return (uint8_t)(io_peek(bus, addr & ~1u) >> (addr & 1) * 8);
}

uint16_t bus_peek16(const bus_t *bus, uint32_t addr)
{
    return (uint16_t)(bus_peek8(bus, addr) | bus_peek8(bus, addr + 1) << 8);
}
