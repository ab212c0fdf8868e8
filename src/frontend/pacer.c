/* pacer.c — frame pacing and the speed meter shared by the live front ends. */
#include "frontend/pacer.h"

#include <stdio.h>

#include "devices/display.h"

void pacer_init(pacer_t *p, uint64_t freq)
{
    *p = (pacer_t){.freq = freq};
}

static uint64_t frame_deadline(const pacer_t *p, uint64_t frame)
{
    return p->start + frame * p->freq / DISPLAY_FPS;
}

void pacer_restart(pacer_t *p, uint64_t now, uint64_t cycles)
{
    p->start = now;
    p->frame = 1;
    p->deadline = frame_deadline(p, p->frame);
    p->target = cycles;
    p->meter_time = now;
    p->meter_cycles = cycles;
}

uint64_t pacer_begin_frame(pacer_t *p, uint32_t clock_hz, bool fast)
{
    if (fast) {
        p->target = UINT64_MAX;
    } else {
        p->carry += clock_hz % DISPLAY_FPS;
        p->target += clock_hz / DISPLAY_FPS + p->carry / DISPLAY_FPS;
        p->carry %= DISPLAY_FPS;
    }
    return p->target;
}

void pacer_end_frame(pacer_t *p, uint64_t cycles)
{
    if (cycles < p->target)
        p->target = cycles;
}

void pacer_next_frame(pacer_t *p, uint64_t now, uint64_t cycles)
{
    p->deadline = frame_deadline(p, ++p->frame);
    if (now > frame_deadline(p, p->frame + PACER_LATE_FRAMES))
        pacer_restart(p, now, cycles);
}

int pacer_ms_left(const pacer_t *p, uint64_t now)
{
    if (now >= p->deadline)
        return 0;
    return (int)(((p->deadline - now) * 1000 + p->freq - 1) / p->freq);
}

void pacer_measure(pacer_t *p, uint64_t now, uint64_t cycles)
{
    if (now - p->meter_time < PACER_METER_SECONDS * p->freq)
        return;
    double seconds = (double)(now - p->meter_time) / (double)p->freq;
    p->speed_hz = (double)(cycles - p->meter_cycles) / seconds;
    p->meter_time = now;
    p->meter_cycles = cycles;
}

double pacer_shown_speed(const pacer_t *p, uint32_t clock_hz, bool fast)
{
    double speed = p->speed_hz;
    if (!fast && (speed == 0 || speed > 0.97 * clock_hz))
        speed = clock_hz;
    return speed;
}

void pacer_format_hz(char *out, size_t size, double hz)
{
    static const char *const unit[] = {"Hz", "kHz", "MHz", "GHz"};
    unsigned u = 0;
    while (u < 3 && hz >= 999.5) {
        hz /= 1000;
        u++;
    }
    snprintf(out, size, "%.3g %s", hz, unit[u]);
}
