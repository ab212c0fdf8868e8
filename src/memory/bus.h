/* bus.h — the byte-addressable 128 KiB bus (docs/machine.md §2).
 *
 * Byte addresses 0x00000..0x1ffff; CPU word W lives at bytes 2W (low) and 2W+1 (high).
 * Every address wraps modulo 128 KiB, so no access can leave the bus.
 *
 *   bus_init(&bus, &clock);                  all RAM, clock = the cycle counter devices see
 *   bus_map(&bus, 0x1fe20, 32, &ops, dev);   route a byte range to a device (no overlaps)
 *   bus_read_word(&bus, 0x1234);             what the CPU uses: word address, fast on RAM
 *   bus_peek16(&bus, addr);                  side-effect-free, for debugger, trace and dumps
 *
 * RAM pages are a direct pointer (the fast path); a mapped page routes every access to the
 * device whose range holds the address, and accesses in it that hit no device read 0 and
 * ignore writes (in strict mode they also set bus->fault). Devices see 16-bit registers:
 * an 8-bit read reads the whole register and returns one byte (side effects included); an
 * 8-bit write peeks the register, replaces one byte and writes the word back. */
#ifndef D16_BUS_H
#define D16_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BUS_BYTES       0x20000u
#define BUS_ADDR_MASK   (BUS_BYTES - 1)
#define BUS_PAGE_SHIFT  9 /* 512-byte pages: 256 words, the size of the I/O page */
#define BUS_PAGE_BYTES  (1u << BUS_PAGE_SHIFT)
#define BUS_PAGES       (BUS_BYTES >> BUS_PAGE_SHIFT)
#define BUS_MAX_REGIONS 16

/* Register handlers of a memory-mapped device; reg counts words from the range's base.
 * now is the cycle at which the accessing instruction began. */
typedef struct bus_handlers {
    uint16_t (*read)(void *ctx, unsigned reg, uint64_t now);
    void (*write)(void *ctx, unsigned reg, uint16_t value, uint64_t now);
    uint16_t (*peek)(const void *ctx, unsigned reg);
} bus_handlers_t;

typedef struct bus_region {
    uint32_t base, size; /* bytes; both even */
    const bus_handlers_t *ops;
    void *ctx;
} bus_region_t;

typedef struct bus {
    uint8_t *page[BUS_PAGES]; /* RAM page pointer, or NULL when the page routes to devices */
    bus_region_t region[BUS_MAX_REGIONS];
    unsigned regions;
    const uint64_t *clock; /* the machine's cycle counter, passed to handlers as now */
    bool strict;           /* unmapped accesses in a device page are faults */
    bool fault;            /* set by a strict-mode violation; cleared by the owner */
    uint32_t fault_addr;
    /* Called after any write that reaches RAM (CPU or DMA) with its byte address; NULL = none.
     * The CPU's decoded-instruction cache installs it (cpu_init) to stay exact under
     * self-modifying code; another user puts its own in front and passes every call on. */
    void (*on_ram_write)(void *ctx, uint32_t addr);
    void *on_ram_write_ctx;
    /* Called after any write to a device page (CPU or DMA, mapped or not) with its byte
     * address; NULL = none. Lets the debugger's watchpoints see I/O writes. */
    void (*on_io_write)(void *ctx, uint32_t addr);
    void *on_io_write_ctx;
    uint8_t ram[BUS_BYTES];
} bus_t;

void bus_init(bus_t *bus, const uint64_t *clock);
void bus_clear_ram(bus_t *bus);

/* Routes [base, base+size) to a device. Makes the pages it touches device pages.
 * Returns 0, or -1 when the range is odd, empty, past the bus or overlaps another. */
int bus_map(bus_t *bus, uint32_t base, uint32_t size, const bus_handlers_t *ops, void *ctx);

uint8_t  bus_read8(bus_t *bus, uint32_t addr);
uint16_t bus_read16(bus_t *bus, uint32_t addr);
void     bus_write8(bus_t *bus, uint32_t addr, uint8_t value);
void     bus_write16(bus_t *bus, uint32_t addr, uint16_t value);
uint8_t  bus_peek8(const bus_t *bus, uint32_t addr);
uint16_t bus_peek16(const bus_t *bus, uint32_t addr);

/* Word-addressed access as the CPU and device DMA see memory. */
static inline uint16_t bus_read_word(bus_t *bus, uint16_t word)
{
    uint32_t addr = (uint32_t)word << 1;
    const uint8_t *p = bus->page[addr >> BUS_PAGE_SHIFT];
    if (p) {
        addr &= BUS_PAGE_BYTES - 1;
        return (uint16_t)(p[addr] | p[addr + 1] << 8);
    }
    return bus_read16(bus, addr);
}

static inline void bus_write_word(bus_t *bus, uint16_t word, uint16_t value)
{
    bus_write16(bus, (uint32_t)word << 1, value);
}

static inline uint16_t bus_peek_word(const bus_t *bus, uint16_t word)
{
    return bus_peek16(bus, (uint32_t)word << 1);
}

/* True when word address word is in a device page (not plain RAM). */
static inline bool bus_word_is_io(const bus_t *bus, uint16_t word)
{
    return bus->page[((uint32_t)word << 1) >> BUS_PAGE_SHIFT] == NULL;
}

#endif
