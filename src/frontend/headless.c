/* headless.c — the run loop without a window. */
#include "frontend/headless.h"

void frontend_run_headless(session_t *s)
{
    while (session_running(s)) {
        machine_run(s->m, HEADLESS_SLICE_CYCLES);
        session_between_slices(s);
    }
}
