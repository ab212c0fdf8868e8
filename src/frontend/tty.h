/* tty.h — the terminal front end (docs/cli.md "The terminal"): the display drawn live with
 * curses in the terminal d16 runs in, its keys to the guest's keyboard, paced at the clock
 * like the window. `d16 --tty`, and the default with no display when stdin and stdout are
 * terminals.
 *
 *   if (opts.tty != TTY_OFF && !tty_loadable(err, sizeof err))
 *       ...                                --tty and no ncursesw: one line, exit 2
 *   if (tty_chosen(&opts)) {
 *       if (!tty_run(&s))                  one line said why ("d16: --tty: ...; running headless")
 *           frontend_run_headless(&s);
 *   }
 */
#ifndef D16_TTY_H
#define D16_TTY_H

#include <stdbool.h>
#include <stddef.h>

#include "frontend/options.h"
#include "frontend/session.h"

/* --tty, or no --headless, no debugger, no keys from stdin, no display to open a window
 * on (DISPLAY and WAYLAND_DISPLAY unset, or a build without the window) and stdin and
 * stdout both terminals. */
bool tty_chosen(const d16_options_t *o);

/* Whether ncursesw, loaded when the terminal front end first starts (tty_curses.h), can be
 * loaded: false with "cannot load libncursesw.so.6: ..." in err. */
bool tty_loadable(char *err, size_t err_size);

/* Runs the session until the user quits (F10, Ctrl-]) or a signal ends the run.
 * The terminal is left as it was found, also after SIGTERM, SIGHUP (which end the run as
 * SIGINT does) or a crash signal (which then takes its course). False, after one line on
 * stderr, when the terminal cannot be used or ncursesw cannot be loaded. */
bool tty_run(session_t *s);

#endif
