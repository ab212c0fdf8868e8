/* cadence.h — events at exact rational cycle positions, shared by the timer and display.
 *
 * Event k (k = 1, 2, ...) after a start cycle s falls at s + ceil(k × period / per): per
 * events every period cycles, spread as evenly as whole cycles allow. Positions are
 * computed from k, never accumulated, so nothing drifts. period < 2^48 and per < 2^14
 * keep every intermediate product below 2^62. */
#ifndef D16_CADENCE_H
#define D16_CADENCE_H

#include <stdint.h>

/* How many events fall within elapsed cycles of the start (the largest k with
 * ceil(k × period / per) <= elapsed). 0 when period is 0 (stopped). */
static inline uint64_t cadence_count(uint64_t elapsed, uint64_t period, uint64_t per)
{
    if (period == 0)
        return 0;
    return elapsed / period * per + elapsed % period * per / period;
}

/* Cycle of event k (k >= 1) after start; UINT64_MAX when stopped or beyond any run. */
static inline uint64_t cadence_at(uint64_t start, uint64_t k, uint64_t period, uint64_t per)
{
    if (period == 0 || per == 0)
        return UINT64_MAX;
    uint64_t whole = k / per, part = k % per;
    if (whole >= (UINT64_MAX - start) / period)
        return UINT64_MAX;
    return start + whole * period + (part * period + per - 1) / per;
}

#endif
