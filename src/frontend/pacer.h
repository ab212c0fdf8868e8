/* pacer.h — the clock of a live front end (the window, the terminal): the machine runs in
 * frames of 1/60 s, clock/60 cycles each with the remainder carried so a second runs
 * exactly clock cycles, and the front end sleeps until each frame's deadline. Time is the
 * caller's counter (SDL's performance counter, CLOCK_MONOTONIC in ns) at freq ticks a second.
 *
 *   pacer_t p;
 *   pacer_init(&p, freq);
 *   pacer_restart(&p, now(), m->cpu.cycles);        at the start, after a pause or a reset
 *   for each frame:
 *       uint64_t target = pacer_begin_frame(&p, clock_hz, fast);
 *       ...run until target, or until now() >= p.deadline...
 *       pacer_end_frame(&p, m->cpu.cycles);           behind: the next frame starts here
 *       ...draw, wait for events until p.deadline (pacer_ms_left)...
 *       pacer_next_frame(&p, now(), m->cpu.cycles);
 *       pacer_measure(&p, now(), m->cpu.cycles);      the effective speed, once a second
 */
#ifndef D16_PACER_H
#define D16_PACER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Further behind than this (a slow host, a suspended process), pacing starts afresh
 * instead of running frames back to back to catch up. */
#define PACER_LATE_FRAMES 5
#define PACER_METER_SECONDS 1

typedef struct pacer {
    uint64_t freq;                   /* counter ticks per second */
    uint64_t start, frame, deadline; /* frame k ends at start + k × freq / 60 */
    uint64_t target;                 /* cycle the current frame runs to */
    uint32_t carry;                  /* clock % 60 parts not yet run, in 1/60 cycles */
    uint64_t meter_time, meter_cycles;
    double speed_hz; /* effective speed, measured about once a second; 0 before */
} pacer_t;

void pacer_init(pacer_t *p, uint64_t freq);

/* Frame 1 starts now at cycle `cycles`; the carried remainder stays (pacer_init clears it). */
void pacer_restart(pacer_t *p, uint64_t now, uint64_t cycles);

/* The cycle the frame runs to: clock/60 more, or UINT64_MAX when fast (as many as fit
 * before the deadline). */
uint64_t pacer_begin_frame(pacer_t *p, uint32_t clock_hz, bool fast);

/* The frame ran to `cycles`; short of its target (behind, or fast) the next starts there. */
void pacer_end_frame(pacer_t *p, uint64_t cycles);

/* The next frame's deadline; late by more than PACER_LATE_FRAMES, a restart. */
void pacer_next_frame(pacer_t *p, uint64_t now, uint64_t cycles);

/* Milliseconds until the deadline, rounded up; 0 when it has passed. */
int pacer_ms_left(const pacer_t *p, uint64_t now);

/* Updates speed_hz when a meter period has passed. */
void pacer_measure(pacer_t *p, uint64_t now, uint64_t cycles);

/* The speed to show: paced, the clock is exact unless the host falls behind. */
double pacer_shown_speed(const pacer_t *p, uint32_t clock_hz, bool fast);

/* "100 kHz", "4.19 MHz": three significant digits. */
void pacer_format_hz(char *out, size_t size, double hz);

#endif
