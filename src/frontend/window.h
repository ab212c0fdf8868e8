/* window.h — the SDL2 front end: runs a session in a window that shows the display and
 * feeds the keyboard, paced at the emulated clock (docs/cli.md, "The window").
 *
 *   if (session_start(&s, &opts) == 0) {
 *       if (opts.headless || !window_run(&s, NULL))   false: no display; one line said so
 *           frontend_run_headless(&s);
 *       status = session_finish(&s);
 *   }
 *
 * With a debugger (debugger.h) the window runs the machine under it: where it stops, the
 * window shows the screen and the terminal's prompt has the run until a command resumes it;
 * F7 stops it too. Without a window the caller runs debugger_main(d) instead.
 *
 * Only window*.c include SDL; a build without SDL leaves them out. */
#ifndef D16_WINDOW_H
#define D16_WINDOW_H

#include <stdbool.h>

#include "frontend/debugger.h"
#include "frontend/session.h"

/* Runs s until the window is closed (close button, F10, SIGINT); a halted or ended machine
 * keeps its last screen until then, and s->closed is set. With d (NULL: none), SIGINT and
 * the end of the run stop in the debugger instead, and its quit ends the run too (s->closed
 * stays false then). Returns false, after printing one line to stderr and without running
 * anything, when no window can be opened. */
bool window_run(session_t *s, debugger_t *d);

#endif
