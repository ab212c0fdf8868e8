/* window.h — the SDL2 front end: runs a session in a window that shows the display and
 * feeds the keyboard, paced at the emulated clock (docs/cli.md, "The window").
 *
 *   if (session_start(&s, &opts) == 0) {
 *       if (opts.headless || !window_run(&s))      false: no display; one line said so
 *           frontend_run_headless(&s);
 *       status = session_finish(&s);
 *   }
 *
 * Only window*.c include SDL; a build without SDL leaves them out. */
#ifndef D16_WINDOW_H
#define D16_WINDOW_H

#include <stdbool.h>

#include "frontend/session.h"

/* Runs s until the window is closed (close button, F10, SIGINT); a halted or ended machine
 * keeps its last screen until then, and s->closed is set. Returns false, after printing
 * one line to stderr and without running anything, when no window can be opened. */
bool window_run(session_t *s);

#endif
