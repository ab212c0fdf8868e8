/* session.h — one run of d16 from the command line, shared by every front end: builds the
 * machine from the options, loads the image, connects stdin/stdout, scripted keys and the
 * trace, and at the end writes the dumps and the fault report.
 *
 *   session_t s;
 *   int status = session_start(&s, &opts);        2 (message printed) when nothing can run
 *   if (status == 0) {
 *       while (session_running(&s)) {               the headless loop; a window does the same
 *           machine_run(s.m, slice);                 with its own pacing and input
 *           session_between_slices(&s);
 *       }
 *       status = session_finish(&s);                docs/machine.md §6, or 128 + a signal
 *   }
 *   session_free(&s);
 */
#ifndef D16_SESSION_H
#define D16_SESSION_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "frontend/disk.h"
#include "frontend/options.h"
#include "frontend/record.h"
#include "frontend/plugins.h"
#include "frontend/outfile.h"
#include "frontend/stdio_console.h"
#include "frontend/symbols.h"
#include "frontend/tracelog.h"
#include "machine/machine.h"
#include "machine/snapshot.h"

#define SESSION_EXIT_USAGE       2
#define SESSION_EXIT_INTERRUPTED 130 /* 128 + SIGINT, as shells report it */
/* SIGTERM and SIGHUP end a run like SIGINT, with 128 + the signal's number (143, 129). */

typedef struct session {
    d16_options_t opt;
    machine_t *m;
    stdio_input_t input; /* stdin: the console's source, or keys with --stdin-keys */
    bool live_stdin_keys; /* --stdin-keys from a terminal: typed as it arrives */
    /* Temporaries beside the files the user named, renamed over them at the end
     * (docs/cli.md "Output files"): a failed or killed run leaves the old files. */
    outfile_t trace_out, state_out, ram_out, png_out;
    FILE *trace;         /* trace_out.file, or NULL */
    const volatile sig_atomic_t *stop; /* the signal that ends the run: SIGINT, SIGTERM,
                                          SIGHUP; 0 while none came */
    bool failed;         /* a write failed while running (said on stderr): status 2 */
    symbols_t syms;      /* --symbols, or the labels of a source IMAGE */
    tracelog_t tracelog; /* --trace, --trace-from, --trace-last, the debugger's trace on */
    bool debugger;       /* --debug or --break: a debugger is attached */
    bool break_requested; /* the guest wrote BREAK (HWI A=3); the debugger clears it */
    bool quit;           /* the debugger's quit ended the run */
    bool console_mid_line; /* the guest's last byte on stdout was not a newline */
    bool closed;         /* the window was closed: a running machine ends with 0, not 130 */
    bool fault_reported; /* the window reported the fault when it happened */
    /* A front end that owns the terminal (--tty) takes the console's output and the log
     * lines here instead of stdout and stderr; NULL: stdout and stderr. */
    void (*console_hook)(void *ctx, uint8_t byte);
    void (*log_hook)(void *ctx, const char *line);
    void *hook_ctx;
    record_t record;     /* --record */
    bool record_console_live; /* --record: stdin's console bytes are scheduled as they come */
    bool save_at_pending;     /* --save-state-at not reached yet */
    snapshot_host_t snap_host; /* the disk's part of a snapshot (session_disk.c) */
    disk_t disk;         /* --disk: the image in the drive (disk.fd < 0 and no memory: none) */
    plugins_t plugins;   /* --device: loaded before the machine, freed after it */
} session_t;

/* --list-devices: the machine's devices in HWI order with their slots and identities.
 * Returns 0, or SESSION_EXIT_USAGE after one line on stderr (a plugin that cannot load). */
int session_list_devices(const d16_options_t *opt, FILE *out);

/* Returns 0 when the machine is ready to run, else SESSION_EXIT_USAGE after printing one
 * line (or the assembler's diagnostics) to stderr. */
int session_start(session_t *s, const d16_options_t *opt);

/* The cycles a run slice may take: budget, cut so that it ends at --save-state-at. */
uint64_t session_budget(const session_t *s, uint64_t budget);

/* Saves / loads the whole machine (debugger, window keys); 0, or -1 after printing one
 * line to stderr. A load keeps the session's scripted input: the snapshot carries its own. */
int session_save_state(session_t *s, const char *path);
int session_load_state(session_t *s, const char *path);

/* The snapshot HOST section of the disk attachment (session_disk.c). */
void session_disk_snapshot_host(session_t *s);

/* True while the machine runs, no signal came and no output failed. */
bool session_running(const session_t *s);

/* True after SIGTERM or SIGHUP: the run ends, the debugger too (SIGINT only stops it). */
static inline bool session_terminating(const session_t *s)
{
    return *s->stop && *s->stop != SIGINT;
}

/* Host input and output between run slices: console poll, live keys, flushing stdout. */
void session_between_slices(session_t *s);

/* True when the debugger is attached (--debug, --break). */
static inline bool session_has_debugger(const d16_options_t *opt)
{
    return opt->debug || opt->break_count > 0;
}

/* Installs or removes the machine's trace hook after the tracelog changed. */
void session_update_trace(session_t *s);

/* Forgets a SIGINT (the debugger took it as "stop here"). */
void session_clear_interrupt(session_t *s);

/* The window's F5: power-on state and the image loaded again (a source assembled again).
 * Returns 0, or SESSION_EXIT_USAGE after printing why the image could not be loaded. */
int session_reset(session_t *s);

/* Fault report, --dump-* files and the exit status. */
int session_finish(session_t *s);

void session_free(session_t *s);

#endif
