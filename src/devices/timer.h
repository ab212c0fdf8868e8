/* timer.h — Generic Clock-compatible timer with a selectable base rate (docs/machine.md
 * §3.3); HWI number and slot: src/machine/board.def.
 *   0 RATE     R/W: divisor; ticks BASE_HZ/RATE times an emulated second, 0 = stopped.
 *              Writing it restarts TICKS at 0 and the phase at that cycle   (HWI A=0, B)
 *   1 TICKS    R: ticks since RATE was written, 16-bit wrapping             (HWI A=1 → C)
 *   2 INTMSG   R/W: non-zero → one interrupt with this message per tick     (HWI A=2, B)
 *   3 BASE_HZ  R/W: 60 at reset; 1..10000 accepted, other values ignored    (HWI A=3, B)
 *
 *   timer_dev_t t;
 *   timer_init(&t, &host, NULL);    host gives clock_hz, interrupt and reschedule; no options
 *   machine: timer_class (registers, hwi, next_event/advance) on &t
 *
 * Tick k after a phase start at cycle c falls at c + ceil(k × clock × RATE / BASE_HZ),
 * computed from k each time with exact integer arithmetic, so there is no drift however
 * long the run. Writing BASE_HZ keeps TICKS and starts a new phase there. TICKS is derived
 * from the cycle counter when read; the timer asks for events only while INTMSG is set. */
#ifndef D16_TIMER_H
#define D16_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/device.h"

#define TIMER_DEFAULT_HZ  60
#define TIMER_MAX_BASE_HZ 10000

enum timer_reg { TIMER_REG_RATE, TIMER_REG_TICKS, TIMER_REG_INTMSG, TIMER_REG_BASE_HZ };

typedef struct timer_dev { /* not timer_t: POSIX owns that name */
    const device_host_t *host;
    uint16_t rate, intmsg, base_hz;
    uint16_t ticks_before; /* TICKS when the current phase began */
    uint64_t phase_start;  /* cycle at which the current phase began */
    uint64_t delivered;    /* ticks of this phase already interrupted for (INTMSG set) */
} timer_dev_t;

extern const device_class_t timer_class;

int timer_init(void *dev, const device_host_t *host, const device_options_t *opts);

/* TICKS as the guest sees it at cycle now. */
uint16_t timer_ticks(const timer_dev_t *t, uint64_t now);

/* Cycle of tick k (k >= 1) of the current phase; DEVICE_NEVER when stopped. */
uint64_t timer_tick_cycle(const timer_dev_t *t, uint64_t k);

#endif
