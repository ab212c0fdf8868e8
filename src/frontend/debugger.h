/* debugger.h — d16's debugger: breakpoints, watchpoints, stepping and the views of
 * dbgview.h, driven by command lines (dbgcmd.h) from the terminal or a --batch file.
 * It works on a started session and the core's step/peek API only.
 *
 *   debugger_t *d = debugger_new(&s, stdout, err, sizeof err);   NULL: err says why
 *   debugger_main(d);                 headless: prompt, run, prompt... until quit or EOF
 *   debugger_free(d);                 then session_finish(&s) as usual
 *
 * A window loop (window.c) drives it by hand, so the window stays live while the machine
 * runs:
 *
 *   while (...) {
 *       if (debugger_stopped(d) && debugger_prompt(d) == DEBUGGER_QUIT)
 *           break;                       reads commands until one resumes the machine
 *       debugger_run(d, cycles_per_frame);   runs under watch; true when it stopped
 *       ...present the frame, session_between_slices(&s)...
 *       ...a break key: debugger_interrupt(d, "F7 in the window")...
 *   }
 *
 * The machine runs one step at a time under the debugger (machine_step), so breakpoints
 * are exact. It stops at a breakpoint (before the instruction runs; for a pending
 * interrupt, before it is taken when the breakpoint is on the handler's entry), after a
 * write to a watched word (RAM or I/O, by the CPU or a device's DMA), when the guest
 * writes BREAK (HWI A=3), on Ctrl-C, when a step or next is done, and when the machine
 * ends (halt, classic end, --max-cycles, fault): then only looking and quit remain. */
#ifndef D16_DEBUGGER_H
#define D16_DEBUGGER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "frontend/session.h"

#define DEBUGGER_MAX_POINTS 64 /* breakpoints and watchpoints together */

typedef struct debugger debugger_t;

typedef enum debugger_action {
    DEBUGGER_RESUME, /* step, next or continue: call debugger_run */
    DEBUGGER_QUIT,   /* quit, or the commands ran out */
} debugger_action_t;

/* Attaches to a started session: --break addresses, command input (--batch FILE or
 * stdin) and the write hooks for watchpoints. With --debug it starts stopped. */
debugger_t *debugger_new(session_t *s, FILE *out, char *err, size_t err_size);
void debugger_free(debugger_t *d);

/* True while the debugger waits for commands. */
bool debugger_stopped(const debugger_t *d);

/* Reads and runs commands until one resumes the machine or quits. */
debugger_action_t debugger_prompt(debugger_t *d);

/* Runs up to budget cycles; true when something stopped it (debugger_stopped). */
bool debugger_run(debugger_t *d, uint64_t budget);

/* Stops the machine between two steps, as Ctrl-C does: "stopped: interrupted (why)" (the
 * window's break key). Nothing when it is already stopped. */
void debugger_interrupt(debugger_t *d, const char *why);

/* The headless loop: prompt while stopped, run in slices, between slices
 * session_between_slices. Returns when quit or the commands end. */
void debugger_main(debugger_t *d);

#endif
