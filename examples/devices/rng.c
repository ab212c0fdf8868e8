/* rng.c — an example d16 device plugin: a seedable random-number generator (docs/plugins.md).
 *
 *   cc -shared -fPIC $(pkg-config --cflags d16) rng.c -o rng.so
 *   d16 --device ./rng.so,seed=42 rng.dasm
 *
 * Registers (words from its slot, 0xFF60 when it is the first plugin):
 *   0 RANDOM  R: the next random word (drawing it advances the generator)
 *   1 SEED    R/W: the generator's state; writing it starts a new sequence (0 counts as 1)
 *   2 COUNT   R: words drawn since reset or the last SEED write
 *   3 INTMSG  R/W: non-zero → one interrupt with this message every RATE cycles
 *   4 RATE    R/W: cycles between those interrupts (0 = none)
 * HWI: A=0 C = next random word; A=1 SEED = B; A=2 C = COUNT; A=3 INTMSG = B; A=4 RATE = B.
 * ARGS: seed=N (decimal or 0x hex, the SEED at reset; default 0xACE1).
 *
 * The sequence is a 16-bit xorshift (7, 9, 8): period 65535, never 0. Everything is a
 * function of the seed and of emulated cycles, so runs are reproducible. */
#include <d16/device.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RNG_DEFAULT_SEED 0xace1u

enum { REG_RANDOM, REG_SEED, REG_COUNT, REG_INTMSG, REG_RATE };

struct rng {
    const d16_host_t *host;
    uint16_t reset_seed;
    uint16_t state, count, intmsg, rate;
    uint64_t next_tick; /* cycle of the next interrupt, D16_NEVER when none */
};

static uint16_t step(uint16_t x)
{
    x ^= (uint16_t)(x << 7);
    x ^= (uint16_t)(x >> 9);
    x ^= (uint16_t)(x << 8);
    return x;
}

static void set_seed(struct rng *r, uint16_t seed)
{
    r->state = seed ? seed : 1;
    r->count = 0;
}

static uint16_t draw(struct rng *r)
{
    r->state = step(r->state);
    r->count++;
    return r->state;
}

static void set_timer(struct rng *r, uint16_t intmsg, uint16_t rate, uint64_t now)
{
    r->intmsg = intmsg;
    r->rate = rate;
    r->next_tick = intmsg && rate ? now + rate : D16_NEVER;
    r->host->reschedule(r->host->ctx);
}

/* "seed=N" anywhere in args; -1 when it is there but not a 16-bit number. */
static int parse_seed(const char *args, uint16_t *seed)
{
    const char *p = strstr(args, "seed=");
    if (!p)
        return 0;
    char *end;
    unsigned long v = strtoul(p + 5, &end, p[5] == '0' && (p[6] == 'x' || p[6] == 'X') ? 16 : 10);
    if (end == p + 5 || (*end && *end != ',') || v > 0xffff)
        return -1;
    *seed = (uint16_t)v;
    return 0;
}

static int rng_init(void *dev, const d16_host_t *host, const char *args)
{
    struct rng *r = dev;
    r->host = host;
    r->reset_seed = RNG_DEFAULT_SEED;
    if (parse_seed(args, &r->reset_seed)) {
        char line[160];
        snprintf(line, sizeof line, "bad seed in '%s' (seed=N, 0..65535)", args);
        host->log(host->ctx, line);
        return -1;
    }
    set_seed(r, r->reset_seed);
    r->next_tick = D16_NEVER;
    return 0;
}

static void rng_reset(void *dev)
{
    struct rng *r = dev;
    set_seed(r, r->reset_seed);
    r->intmsg = r->rate = 0;
    r->next_tick = D16_NEVER;
}

static uint16_t rng_peek(const void *dev, unsigned reg)
{
    const struct rng *r = dev;
    switch (reg) {
    case REG_RANDOM: return step(r->state); /* what a read would give, without taking it */
    case REG_SEED: return r->state;
    case REG_COUNT: return r->count;
    case REG_INTMSG: return r->intmsg;
    case REG_RATE: return r->rate;
    default: return 0;
    }
}

static uint16_t rng_read(void *dev, unsigned reg, uint64_t now)
{
    (void)now;
    return reg == REG_RANDOM ? draw(dev) : rng_peek(dev, reg);
}

static void rng_write(void *dev, unsigned reg, uint16_t value, uint64_t now)
{
    struct rng *r = dev;
    switch (reg) {
    case REG_SEED: set_seed(r, value); break;
    case REG_INTMSG: set_timer(r, value, r->rate, now); break;
    case REG_RATE: set_timer(r, r->intmsg, value, now); break;
    default: break;
    }
}

static unsigned rng_hwi(void *dev, uint16_t reg[8], uint64_t now)
{
    struct rng *r = dev;
    enum { A, B, C };
    switch (reg[A]) {
    case 0: reg[C] = draw(r); break;
    case 1: set_seed(r, reg[B]); break;
    case 2: reg[C] = r->count; break;
    case 3: set_timer(r, reg[B], r->rate, now); break;
    case 4: set_timer(r, r->intmsg, reg[B], now); break;
    default: break;
    }
    return 0;
}

static uint64_t rng_next_event(const void *dev)
{
    return ((const struct rng *)dev)->next_tick;
}

static void rng_advance(void *dev, uint64_t now)
{
    struct rng *r = dev;
    while (r->next_tick <= now) {
        r->host->interrupt(r->host->ctx, r->intmsg);
        r->next_tick += r->rate;
    }
}

static int rng_may_interrupt(const void *dev)
{
    return ((const struct rng *)dev)->next_tick != D16_NEVER;
}

static const d16_reg_t rng_regs[] = {
    {"RANDOM", D16_R, "the next random word (drawing it advances the generator)"},
    {"SEED", D16_RW, "the generator's state; writing it starts a new sequence"},
    {"COUNT", D16_R, "words drawn since reset or the last SEED write"},
    {"INTMSG", D16_RW, "interrupt message every RATE cycles, 0 = none"},
    {"RATE", D16_RW, "cycles between those interrupts, 0 = none"},
};

static const char *const rng_hwi_names[] = {"NEXT", "SET_SEED", "GET_COUNT", "SET_INTMSG",
                                            "SET_RATE"};

static const d16_device_class_t rng_class = {
    .api_version = D16_DEVICE_API_VERSION,
    .name = "rng",
    .title = "seedable random-number generator (example plugin)",
    .symbol = "RNG",
    .id = 0x52a90001u,
    .version = 1,
    .manufacturer = 0x45584d50u, /* "EXMP" */
    .reg = rng_regs,
    .reg_count = sizeof rng_regs / sizeof rng_regs[0],
    .hwi_name = rng_hwi_names,
    .hwi_count = sizeof rng_hwi_names / sizeof rng_hwi_names[0],
    .size = sizeof(struct rng),
    .init = rng_init,
    .read = rng_read,
    .write = rng_write,
    .peek = rng_peek,
    .hwi = rng_hwi,
    .reset = rng_reset,
    .next_event = rng_next_event,
    .advance = rng_advance,
    .may_interrupt = rng_may_interrupt,
};

D16_DEVICE_EXPORT const d16_device_class_t *d16_device_plugin(void)
{
    return &rng_class;
}
