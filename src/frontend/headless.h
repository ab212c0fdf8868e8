/* headless.h — runs a session without a window: as fast as the host allows, in slices
 * between which stdin is polled and stdout flushed, until the machine stops or SIGINT.
 * When stdin is a terminal and the guest waits on a self-jump, it runs at its clock
 * instead, sleeping until input comes (no host CPU spent on waiting). With --realtime
 * (or --speed normal) the whole run is paced at the clock, so timer programs keep real time.
 *
 *   if (session_start(&s, &opts) == 0) { frontend_run_headless(&s); status = session_finish(&s); }
 */
#ifndef D16_HEADLESS_H
#define D16_HEADLESS_H

#include "frontend/session.h"

/* Emulated cycles per slice: small enough that terminal input and SIGINT are noticed
 * promptly, large enough that the slice overhead does not show. */
#define HEADLESS_SLICE_CYCLES 100000u

/* A waiting guest at a terminal runs this many milliseconds of its clock per slice. */
#define HEADLESS_IDLE_MS 10

/* --realtime: further behind the clock than this, pacing starts afresh. */
#define HEADLESS_LATE_MS 250

void frontend_run_headless(session_t *s);

#endif
