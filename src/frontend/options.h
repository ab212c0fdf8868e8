/* options.h — the command line of d16 (docs/machine.md §4–§5, docs/cli.md).
 *
 *   d16_options_t o;
 *   char err[256];
 *   switch (options_parse(&o, argc, argv, err, sizeof err)) {
 *   case OPTIONS_RUN:   ...run o.image (NULL = the built-in ROM)...
 *   case OPTIONS_HELP:  options_print_help(stdout); exit 0
 *   case OPTIONS_VERSION: ...
 *   case OPTIONS_ERROR: fprintf(stderr, "d16: %s\n", err); exit 2
 *   }
 *
 * Parsing never prints and never exits, so the window front end and tests can share it.
 * Numbers are decimal or 0x (or 0X) hex. Long options take their value as `--opt VALUE` or
 * `--opt=VALUE`; options that take an optional value (`--dump-screen[=ansi]`) only the
 * second way. */
#ifndef D16_OPTIONS_H
#define D16_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "frontend/disk.h"
#include "machine/machine.h"

typedef enum options_result {
    OPTIONS_RUN = 0,
    OPTIONS_HELP,
    OPTIONS_VERSION,
    OPTIONS_ERROR,
} options_result_t;

#define OPTIONS_MAX_BREAKS    16
#define OPTIONS_MAX_TRACE_LAST 1000000u
#define OPTIONS_MAX_SCALE      32 /* --scale */
#define OPTIONS_MAX_DEVICES    8  /* --device */

typedef enum dump_screen_mode {
    DUMP_SCREEN_NONE = 0,
    DUMP_SCREEN_TEXT, /* --dump-screen */
    DUMP_SCREEN_ANSI, /* --dump-screen=ansi */
} dump_screen_mode_t;

typedef enum tty_mode {
    TTY_OFF = 0,
    TTY_ON,    /* --tty: the terminal front end */
    TTY_ASCII, /* --tty=ascii: the same, with ASCII characters only */
} tty_mode_t;

typedef struct d16_options {
    const char *image; /* NULL: boot the built-in ROM */
    bool headless;
    bool little_endian;
    uint16_t load_addr;

    machine_opts_t machine; /* profile, clock, max_cycles, illegal_nop, strict, ... */

    const char *dump_state; /* file names, NULL = not wanted */
    const char *dump_ram;
    const char *trace;
    const char *screenshot;
    dump_screen_mode_t dump_screen;

    const char *keys_file; /* scripted keyboard input */
    const char *type_text;
    bool stdin_keys;

    /* The debugger (docs/cli.md "Debugger"). Addresses stay text until the symbols are
     * loaded: they may name labels. */
    bool debug;                              /* --debug: stop before the first instruction */
    const char *batch;                       /* --batch FILE: monitor commands from FILE */
    const char *breaks[OPTIONS_MAX_BREAKS];  /* --break ADDR|LABEL, in order */
    unsigned break_count;
    const char *symbols_file;                /* --symbols FILE */
    const char *trace_from;                  /* --trace-from ADDR|LABEL */
    uint32_t trace_last;                     /* --trace-last N, 0 = off */
    uint64_t trace_max;                      /* --trace-max SIZE in bytes, 0 = no limit */

    unsigned scale;  /* window: --scale N, 0 = the largest that fits half the screen, >= 3 */
    bool fullscreen; /* window: --fullscreen */
    bool speed_max;  /* window: --speed max, unthrottled */
    bool realtime;   /* --realtime or --speed normal: headless runs paced at the clock too */
    unsigned screenshot_scale; /* --screenshot-scale N, 0 = 1 */
    tty_mode_t tty;  /* --tty[=ascii] */

    /* Time travel (docs/snapshot.md, docs/cli.md "Save states"). */
    const char *save_state;  /* --save-state FILE: written at exit */
    const char *load_state;  /* --load-state FILE: instead of an image */
    uint64_t save_state_at;  /* --save-state-at CYCLE (with --save-state), 0 = off */
    bool save_state_at_set;
    const char *record;      /* --record FILE: every input event as a --keys file */
    unsigned rewind_mb;      /* --rewind-mb N: the window's rewind ring, 0 = default */
    bool profile_given, clock_given; /* --machine / --clock appeared */
    disk_opts_t disk; /* --disk FILE (path NULL = no drive) and its --disk-* flags */
    const char *devices[OPTIONS_MAX_DEVICES]; /* --device PATH.so[,ARGS], in order */
    unsigned device_count;
    bool list_devices; /* --list-devices: print the machine's devices, run nothing */
} d16_options_t;

#define OPTIONS_DEFAULT_REWIND_MB 64
#define OPTIONS_MAX_REWIND_MB     4096

/* Fills o from argv (argv[0] is skipped). On OPTIONS_ERROR, err holds one line without
 * the program name or a newline. */
options_result_t options_parse(d16_options_t *o, int argc, char **argv, char *err,
                               size_t err_size);

/* Parses a whole decimal or 0x-hex number no larger than max; false when it is not one. */
bool options_parse_number(const char *text, uint64_t max, uint64_t *value);

void options_print_help(FILE *out);

#endif
