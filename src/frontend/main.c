/* main.c — d16: parse the command line, start a session, run it in a window, headless or
 * under the debugger, finish with the exit status of docs/machine.md §6. */
#include <stdio.h>

#include "frontend/debugger.h"
#include "frontend/headless.h"
#include "frontend/options.h"
#include "frontend/session.h"
#include "frontend/tty.h"
#ifdef HAVE_SDL
#include "frontend/window.h"
#endif

/* Runs the session in a window (under the debugger d, when not NULL) when this build has
 * one and a display is there; false (one line said why) when the caller should run
 * headless instead. */
static bool run_windowed(session_t *s, debugger_t *d)
{
#ifdef HAVE_SDL
    return window_run(s, d);
#else
    (void)s;
    (void)d;
    fputs("d16: no window in this build; running headless\n", stderr);
    return false;
#endif
}

int main(int argc, char **argv)
{
    d16_options_t opt;
    char err[512];
    switch (options_parse(&opt, argc, argv, err, sizeof err)) {
    case OPTIONS_HELP: options_print_help(stdout); return 0;
    case OPTIONS_VERSION: printf("d16 %s\n", PACKAGE_VERSION); return 0;
    case OPTIONS_ERROR: fprintf(stderr, "d16: %s\n", err); return SESSION_EXIT_USAGE;
    case OPTIONS_RUN: break;
    }
    if (opt.list_devices)
        return session_list_devices(&opt, stdout);
    /* ncursesw is loaded on first use: --tty without it is refused, not run headless. */
    if (opt.tty != TTY_OFF && !tty_loadable(err, sizeof err)) {
        fprintf(stderr, "d16: --tty: %s\n", err);
        return SESSION_EXIT_USAGE;
    }

    session_t s;
    int status = session_start(&s, &opt);
    if (status == 0 && s.debugger) {
        debugger_t *d = debugger_new(&s, stdout, err, sizeof err);
        if (d) {
            if (opt.headless || !run_windowed(&s, d))
                debugger_main(d);
            debugger_free(d);
            status = session_finish(&s);
        } else {
            fprintf(stderr, "d16: %s\n", err);
            status = SESSION_EXIT_USAGE;
        }
    } else if (status == 0) {
        if (tty_chosen(&opt)) {
            if (!tty_run(&s))
                frontend_run_headless(&s);
        } else if (opt.headless || !run_windowed(&s, NULL)) {
            frontend_run_headless(&s);
        }
        status = session_finish(&s);
    }
    session_free(&s);
    return status;
}
