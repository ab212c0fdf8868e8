/* fake_host.h — a device_host_t and bus for device unit tests.
 *
 *   fake_host_t *h = fake_host_new(100000);     clock in Hz; h->bus is all RAM
 *   timer_init(&t, &h->host);
 *   fake_host_run(h, &timer_class, &t, until);  plays the device's events up to cycle until
 *   h->irqs, h->irq_msg[], h->irq_at[]          what it raised and when
 *   fake_host_free(h);
 *
 * It drives a device the way the machine does: ask next_event, set the clock there, call
 * advance, repeat. Interrupts beyond FAKE_HOST_IRQ_LOG are counted but not logged. */
#ifndef D16_FAKE_HOST_H
#define D16_FAKE_HOST_H

#include <check.h>
#include <stdlib.h>

#include "cpu/cpu.h"
#include "devices/device.h"
#include "memory/bus.h"

#define FAKE_HOST_IRQ_LOG 512

typedef struct fake_host {
    device_host_t host;
    bus_t bus;
    uint64_t clock;
    uint64_t irqs; /* interrupts raised */
    uint16_t irq_msg[FAKE_HOST_IRQ_LOG];
    uint64_t irq_at[FAKE_HOST_IRQ_LOG];
    uint16_t last_msg;
    uint64_t last_at;
    unsigned reschedules;
} fake_host_t;

static inline void fake_host_interrupt(void *ctx, uint16_t msg)
{
    fake_host_t *h = ctx;
    if (h->irqs < FAKE_HOST_IRQ_LOG) {
        h->irq_msg[h->irqs] = msg;
        h->irq_at[h->irqs] = h->clock;
    }
    h->irqs++;
    h->last_msg = msg;
    h->last_at = h->clock;
}

static inline void fake_host_reschedule(void *ctx)
{
    fake_host_t *h = ctx;
    h->reschedules++;
}

static inline fake_host_t *fake_host_new(uint32_t clock_hz)
{
    fake_host_t *h = calloc(1, sizeof *h);
    ck_assert_ptr_nonnull(h);
    bus_init(&h->bus, &h->clock);
    h->host = (device_host_t){
        .ctx = h,
        .bus = &h->bus,
        .clock_hz = clock_hz,
        .interrupt = fake_host_interrupt,
        .reschedule = fake_host_reschedule,
    };
    return h;
}

static inline void fake_host_free(fake_host_t *h)
{
    free(h);
}

/* Plays every event due up to and including cycle until; leaves the clock at until. */
static inline void fake_host_run(fake_host_t *h, const device_class_t *cls, void *dev,
                                 uint64_t until)
{
    uint64_t t;
    bool backwards = false; /* checked once at the end: an assertion per event is slow */
    while ((t = cls->next_event(dev)) <= until) {
        backwards |= t < h->clock;
        h->clock = t;
        cls->advance(dev, t);
    }
    ck_assert_msg(!backwards, "an event went back in time");
    h->clock = until;
}

/* HWI with A and B set; returns the extra cycles; *c receives C. */
static inline unsigned fake_host_hwi(const device_class_t *cls, void *dev, uint16_t a,
                                     uint16_t b, uint16_t *c, uint64_t now)
{
    uint16_t reg[8] = {[REG_A] = a, [REG_B] = b, [REG_C] = 0xdead};
    unsigned extra = cls->hwi(dev, reg, now);
    if (c)
        *c = reg[REG_C];
    return extra;
}

#endif
