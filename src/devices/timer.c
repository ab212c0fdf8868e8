/* timer.c — the Generic Clock: ticks at exact rational cycle positions, no accumulation. */
#include "devices/timer.h"

#include "cpu/cpu.h"
#include "machine/snapbuf.h"
#include "devices/cadence.h"

int timer_init(void *dev, const device_host_t *host, const device_options_t *opts)
{
    (void)opts;
    timer_dev_t *t = dev;
    *t = (timer_dev_t){.host = host, .base_hz = TIMER_DEFAULT_HZ};
    return 0;
}

static void timer_reset(void *dev)
{
    timer_dev_t *t = dev;
    timer_init(t, t->host, NULL);
}

/* Cycles per BASE_HZ ticks: one tick lasts period/BASE_HZ cycles. 0 when stopped.
 * clock < 2^32 and rate < 2^16, so the period stays below 2^48. */
static uint64_t timer_period(const timer_dev_t *t)
{
    return (uint64_t)t->host->clock_hz * t->rate;
}

/* Ticks of the current phase at or before cycle now. */
static uint64_t timer_phase_ticks(const timer_dev_t *t, uint64_t now)
{
    if (now < t->phase_start)
        return 0;
    return cadence_count(now - t->phase_start, timer_period(t), t->base_hz);
}

uint64_t timer_tick_cycle(const timer_dev_t *t, uint64_t k)
{
    return cadence_at(t->phase_start, k, timer_period(t), t->base_hz);
}

uint16_t timer_ticks(const timer_dev_t *t, uint64_t now)
{
    return (uint16_t)(t->ticks_before + timer_phase_ticks(t, now));
}

/* Starts a new phase at now with TICKS = ticks; ticks up to now raise no interrupt. */
static void timer_restart(timer_dev_t *t, uint64_t now, uint16_t ticks)
{
    t->ticks_before = ticks;
    t->phase_start = now;
    t->delivered = 0;
    if (t->host->reschedule)
        t->host->reschedule(t->host->ctx);
}

static void timer_set_rate(timer_dev_t *t, uint16_t rate, uint64_t now)
{
    t->rate = rate;
    timer_restart(t, now, 0);
}

static void timer_set_base(timer_dev_t *t, uint16_t hz, uint64_t now)
{
    if (hz < 1 || hz > TIMER_MAX_BASE_HZ)
        return;
    uint16_t ticks = timer_ticks(t, now);
    t->base_hz = hz;
    timer_restart(t, now, ticks);
}

static void timer_set_intmsg(timer_dev_t *t, uint16_t msg, uint64_t now)
{
    t->intmsg = msg;
    t->delivered = timer_phase_ticks(t, now); /* a tick at now was already due */
    if (t->host->reschedule)
        t->host->reschedule(t->host->ctx);
}

static uint16_t timer_peek(const void *dev, unsigned reg)
{
    const timer_dev_t *t = dev;
    switch (reg) {
    case TIMER_REG_RATE: return t->rate;
    case TIMER_REG_TICKS: /* as a read now would see it (a peek has no instruction cycle) */
        return t->host->bus && t->host->bus->clock ? timer_ticks(t, *t->host->bus->clock) : 0;
    case TIMER_REG_INTMSG: return t->intmsg;
    case TIMER_REG_BASE_HZ: return t->base_hz;
    default: return 0;
    }
}

static uint16_t timer_read(void *dev, unsigned reg, uint64_t now)
{
    const timer_dev_t *t = dev;
    if (reg == TIMER_REG_TICKS)
        return timer_ticks(t, now);
    return timer_peek(dev, reg);
}

static void timer_write(void *dev, unsigned reg, uint16_t value, uint64_t now)
{
    timer_dev_t *t = dev;
    switch (reg) {
    case TIMER_REG_RATE: timer_set_rate(t, value, now); break;
    case TIMER_REG_INTMSG: timer_set_intmsg(t, value, now); break;
    case TIMER_REG_BASE_HZ: timer_set_base(t, value, now); break;
    default: break;
    }
}

static unsigned timer_hwi(void *dev, uint16_t reg[8], uint64_t now)
{
    timer_dev_t *t = dev;
    switch (reg[REG_A]) {
    case 0: timer_set_rate(t, reg[REG_B], now); break;
    case 1: reg[REG_C] = timer_ticks(t, now); break;
    case 2: timer_set_intmsg(t, reg[REG_B], now); break;
    case 3: timer_set_base(t, reg[REG_B], now); break;
    default: break;
    }
    return 0;
}

/* Only interrupts need a tick at its cycle; TICKS alone is computed when read. */
static uint64_t timer_next_event(const void *dev)
{
    const timer_dev_t *t = dev;
    if (!t->intmsg)
        return DEVICE_NEVER;
    return timer_tick_cycle(t, t->delivered + 1);
}

static void timer_advance(void *dev, uint64_t now)
{
    timer_dev_t *t = dev;
    while (t->intmsg && timer_tick_cycle(t, t->delivered + 1) <= now) {
        t->delivered++;
        if (t->host->interrupt)
            t->host->interrupt(t->host->ctx, t->intmsg);
    }
}

/* A stopped timer never ticks, whatever its INTMSG (docs/machine.md §6). */
static bool timer_may_interrupt(const void *dev)
{
    const timer_dev_t *t = dev;
    return t->intmsg != 0 && t->rate != 0;
}

/* ---- snapshots (docs/snapshot.md §4) */

static void timer_save(const void *dev, snap_writer_t *w)
{
    const timer_dev_t *t = dev;
    snap_put(w, 16, t->rate);
    snap_put(w, 16, t->intmsg);
    snap_put(w, 16, t->base_hz);
    snap_put(w, 16, t->ticks_before);
    snap_put(w, 64, t->phase_start);
    snap_put(w, 64, t->delivered);
}

static void timer_load(void *dev, snap_reader_t *r)
{
    timer_dev_t *t = dev;
    t->rate = (uint16_t)snap_get(r, 16, "rate");
    t->intmsg = (uint16_t)snap_get(r, 16, "intmsg");
    t->base_hz = (uint16_t)snap_get_range(r, 16, 1, TIMER_MAX_BASE_HZ, "base_hz");
    t->ticks_before = (uint16_t)snap_get(r, 16, "ticks_before");
    t->phase_start = snap_get(r, 64, "phase_start");
    t->delivered = snap_get(r, 64, "delivered");
}

static const device_reg_t timer_regs[] = {
    {"RATE", DEVICE_RW, "divisor: ticks BASE_HZ/RATE times a second, 0 = stopped; restarts TICKS"},
    {"TICKS", DEVICE_R, "ticks since RATE was written, 16-bit wrapping"},
    {"INTMSG", DEVICE_RW, "interrupt message per tick, 0 = none"},
    {"BASE_HZ", DEVICE_RW, "ticks per second at RATE 1: 60 at reset, 1..10000"},
};

static const char *const timer_hwi_names[] = {"SET_RATE", "GET_TICKS", "SET_INTMSG",
                                              "SET_BASE_HZ"};

const device_class_t timer_class = {
    .name = "timer",
    .title = "Generic Clock-compatible timer",
    .symbol = "TMR",
    .id = 0x12d0b402u,
    .version = 1,
    .manufacturer = DEVICE_MFR_NYA,
    DEVICE_REGS(timer_regs),
    DEVICE_HWI(timer_hwi_names),
    .size = sizeof(timer_dev_t),
    .init = timer_init,
    .regs = {timer_read, timer_write, timer_peek},
    .hwi = timer_hwi,
    .reset = timer_reset,
    .next_event = timer_next_event,
    .advance = timer_advance,
    .may_interrupt = timer_may_interrupt,
    .snap_tag = "TIMR",
    .save = timer_save,
    .load = timer_load,
};
