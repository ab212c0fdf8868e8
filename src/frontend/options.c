/* options.c — parses d16's command line into d16_options_t; one table lists every flag. */
#include "frontend/options.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum opt_id {
    OPT_HELP, OPT_VERSION, OPT_HEADLESS, OPT_MACHINE, OPT_CLOCK, OPT_MAX_CYCLES, OPT_ILLEGAL,
    OPT_STRICT, OPT_PREMAP, OPT_KBD_MODS, OPT_LE, OPT_LOAD, OPT_DUMP_STATE, OPT_DUMP_RAM,
    OPT_TRACE, OPT_DUMP_SCREEN, OPT_SCREENSHOT, OPT_KEYS, OPT_TYPE, OPT_STDIN_KEYS,
    OPT_DEBUG, OPT_BATCH, OPT_BREAK, OPT_SYMBOLS, OPT_TRACE_FROM, OPT_TRACE_LAST,
    OPT_SCALE, OPT_FULLSCREEN, OPT_SPEED,
    OPT_REALTIME, OPT_SCREENSHOT_SCALE,
    OPT_TTY,
    OPT_SAVE_STATE, OPT_LOAD_STATE, OPT_SAVE_STATE_AT, OPT_RECORD, OPT_REWIND_MB,
    OPT_DISK, OPT_DISK_RO, OPT_DISK_SNAPSHOT, OPT_DISK_LE, OPT_DISK_NEW,
    OPT_DEVICE, OPT_LIST_DEVICES,
    OPT_TRACE_MAX,
    OPT_NO_IDLE_SKIP,
    OPT_NO_JIT,
};

enum opt_arg { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL };

typedef struct opt_spec {
    const char *name; /* without the leading "--" */
    enum opt_arg arg;
    enum opt_id id;
} opt_spec_t;

static const opt_spec_t opt_table[] = {
    {"help", ARG_NONE, OPT_HELP},
    {"version", ARG_NONE, OPT_VERSION},
    {"headless", ARG_NONE, OPT_HEADLESS},
    {"machine", ARG_REQUIRED, OPT_MACHINE},
    {"clock", ARG_REQUIRED, OPT_CLOCK},
    {"max-cycles", ARG_REQUIRED, OPT_MAX_CYCLES},
    {"illegal", ARG_REQUIRED, OPT_ILLEGAL},
    {"strict", ARG_NONE, OPT_STRICT},
    {"premap-screen", ARG_NONE, OPT_PREMAP},
    {"kbd-modifiers", ARG_NONE, OPT_KBD_MODS},
    {"le", ARG_NONE, OPT_LE},
    {"load", ARG_REQUIRED, OPT_LOAD},
    {"dump-state", ARG_REQUIRED, OPT_DUMP_STATE},
    {"dump-ram", ARG_REQUIRED, OPT_DUMP_RAM},
    {"trace", ARG_REQUIRED, OPT_TRACE},
    {"dump-screen", ARG_OPTIONAL, OPT_DUMP_SCREEN},
    {"screenshot", ARG_REQUIRED, OPT_SCREENSHOT},
    {"keys", ARG_REQUIRED, OPT_KEYS},
    {"type", ARG_REQUIRED, OPT_TYPE},
    {"stdin-keys", ARG_NONE, OPT_STDIN_KEYS},
    {"debug", ARG_NONE, OPT_DEBUG},
    {"batch", ARG_REQUIRED, OPT_BATCH},
    {"break", ARG_REQUIRED, OPT_BREAK},
    {"symbols", ARG_REQUIRED, OPT_SYMBOLS},
    {"trace-from", ARG_REQUIRED, OPT_TRACE_FROM},
    {"trace-last", ARG_REQUIRED, OPT_TRACE_LAST},
    {"scale", ARG_REQUIRED, OPT_SCALE},
    {"fullscreen", ARG_NONE, OPT_FULLSCREEN},
    {"speed", ARG_REQUIRED, OPT_SPEED},
    {"realtime", ARG_NONE, OPT_REALTIME},
    {"screenshot-scale", ARG_REQUIRED, OPT_SCREENSHOT_SCALE},
    {"tty", ARG_OPTIONAL, OPT_TTY},
    {"save-state", ARG_REQUIRED, OPT_SAVE_STATE},
    {"load-state", ARG_REQUIRED, OPT_LOAD_STATE},
    {"save-state-at", ARG_REQUIRED, OPT_SAVE_STATE_AT},
    {"record", ARG_REQUIRED, OPT_RECORD},
    {"rewind-mb", ARG_REQUIRED, OPT_REWIND_MB},
    {"disk", ARG_REQUIRED, OPT_DISK},
    {"disk-ro", ARG_NONE, OPT_DISK_RO},
    {"disk-snapshot", ARG_NONE, OPT_DISK_SNAPSHOT},
    {"disk-le", ARG_NONE, OPT_DISK_LE},
    {"disk-new", ARG_NONE, OPT_DISK_NEW},
    {"device", ARG_REQUIRED, OPT_DEVICE},
    {"list-devices", ARG_NONE, OPT_LIST_DEVICES},
    {"trace-max", ARG_REQUIRED, OPT_TRACE_MAX},
    {"no-idle-skip", ARG_NONE, OPT_NO_IDLE_SKIP},
    {"no-jit", ARG_NONE, OPT_NO_JIT},
};

/* The message is one line whatever the arguments held: control bytes (a newline, an
 * escape) echoed from them are shown as '?'. */
static options_result_t fail(char *err, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
    for (char *p = err; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    return OPTIONS_ERROR;
}

bool options_parse_number(const char *text, uint64_t max, uint64_t *value)
{
    int base = 10;
    const char *digits = text;
    if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        digits = text + 2;
    }
    /* strtoull alone would accept signs, spaces, a second 0x and an empty string. */
    if (!digits[0])
        return false;
    for (const char *p = digits; *p; p++)
        if (base == 16 ? !isxdigit((unsigned char)*p) : !isdigit((unsigned char)*p))
            return false;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(digits, &end, base);
    if (errno || *end || v > max)
        return false;
    *value = v;
    return true;
}

static const opt_spec_t *find_opt(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof opt_table / sizeof opt_table[0]; i++)
        if (strlen(opt_table[i].name) == len && memcmp(opt_table[i].name, name, len) == 0)
            return &opt_table[i];
    return NULL;
}

/* Reads a number option's value, or says what is wrong with it. */
static bool number_arg(const char *flag, const char *val, uint64_t min, uint64_t max,
                       uint64_t *out, char *err, size_t size)
{
    if (!options_parse_number(val, max, out) || *out < min) {
        fail(err, size, "--%s: '%s' is not a number from %llu to %llu (decimal or 0x hex)", flag,
             val, (unsigned long long)min, (unsigned long long)max);
        return false;
    }
    return true;
}

/* --trace-max SIZE: bytes, or a number with K, M or G (powers of 1024). */
static bool parse_size(const char *text, uint64_t *bytes)
{
    char digits[32];
    size_t n = strlen(text);
    unsigned shift = 0;
    const char *units = "KMG";
    const char *unit = n > 1 ? strchr(units, toupper((unsigned char)text[n - 1])) : NULL;
    if (unit && *unit) {
        shift = 10 * (unsigned)(unit - units + 1);
        n--;
    }
    if (n == 0 || n >= sizeof digits)
        return false;
    memcpy(digits, text, n);
    digits[n] = '\0';
    uint64_t v;
    if (!options_parse_number(digits, UINT64_MAX >> shift, &v) || v == 0)
        return false;
    *bytes = v << shift;
    return true;
}

static options_result_t apply(d16_options_t *o, const opt_spec_t *spec, const char *val,
                              char *err, size_t size)
{
    uint64_t n;
    switch (spec->id) {
    case OPT_HELP: return OPTIONS_HELP;
    case OPT_VERSION: return OPTIONS_VERSION;
    case OPT_HEADLESS: o->headless = true; break;
    case OPT_MACHINE:
        if (!board_profile_find(val, &o->machine.profile)) {
            char names[128];
            board_profile_names(names, sizeof names);
            return fail(err, size, "--machine: '%s' is not a machine (%s)", val, names);
        }
        o->profile_given = true;
        break;
    case OPT_CLOCK:
        if (!number_arg(spec->name, val, 1, UINT32_MAX, &n, err, size))
            return OPTIONS_ERROR;
        o->machine.clock_hz = (uint32_t)n;
        o->clock_given = true;
        break;
    case OPT_MAX_CYCLES:
        if (!number_arg(spec->name, val, 1, UINT64_MAX, &n, err, size))
            return OPTIONS_ERROR;
        o->machine.max_cycles = n;
        break;
    case OPT_ILLEGAL:
        if (strcmp(val, "nop") == 0)
            o->machine.illegal_nop = true;
        else if (strcmp(val, "fault") == 0)
            o->machine.illegal_nop = false;
        else
            return fail(err, size, "--illegal: '%s' is not a choice (nop or fault)", val);
        break;
    case OPT_STRICT: o->machine.strict = true; break;
    case OPT_NO_IDLE_SKIP: o->machine.no_idle_skip = true; break;
    case OPT_NO_JIT: o->machine.no_jit = true; break;
    case OPT_PREMAP: o->machine.premap_screen = true; break;
    case OPT_KBD_MODS: o->machine.kbd_modifiers = true; break;
    case OPT_LE: o->little_endian = true; break;
    case OPT_LOAD:
        if (!number_arg(spec->name, val, 0, 0xffff, &n, err, size))
            return OPTIONS_ERROR;
        o->load_addr = (uint16_t)n;
        break;
    case OPT_DUMP_STATE: o->dump_state = val; break;
    case OPT_DUMP_RAM: o->dump_ram = val; break;
    case OPT_TRACE: o->trace = val; break;
    case OPT_DUMP_SCREEN:
        if (!val)
            o->dump_screen = DUMP_SCREEN_TEXT;
        else if (strcmp(val, "ansi") == 0)
            o->dump_screen = DUMP_SCREEN_ANSI;
        else
            return fail(err, size, "--dump-screen: '%s' is not a format (only --dump-screen=ansi)",
                        val);
        break;
    case OPT_SCREENSHOT: o->screenshot = val; break;
    case OPT_KEYS: o->keys_file = val; break;
    case OPT_TYPE: o->type_text = val; break;
    case OPT_STDIN_KEYS: o->stdin_keys = true; break;
    case OPT_DEBUG: o->debug = true; break;
    case OPT_BATCH: o->batch = val; break;
    case OPT_BREAK:
        if (o->break_count == OPTIONS_MAX_BREAKS)
            return fail(err, size, "--break: at most %d breakpoints", OPTIONS_MAX_BREAKS);
        o->breaks[o->break_count++] = val;
        break;
    case OPT_DEVICE:
        if (o->device_count == OPTIONS_MAX_DEVICES)
            return fail(err, size, "--device: at most %d devices", OPTIONS_MAX_DEVICES);
        o->devices[o->device_count++] = val;
        break;
    case OPT_LIST_DEVICES: o->list_devices = true; break;
    case OPT_SYMBOLS: o->symbols_file = val; break;
    case OPT_TRACE_FROM: o->trace_from = val; break;
    case OPT_TRACE_LAST:
        if (!number_arg(spec->name, val, 1, OPTIONS_MAX_TRACE_LAST, &n, err, size))
            return OPTIONS_ERROR;
        o->trace_last = (uint32_t)n;
        break;
    case OPT_SCALE:
        if (!number_arg(spec->name, val, 1, OPTIONS_MAX_SCALE, &n, err, size))
            return OPTIONS_ERROR;
        o->scale = (unsigned)n;
        break;
    case OPT_FULLSCREEN: o->fullscreen = true; break;
    case OPT_TRACE_MAX:
        if (!parse_size(val, &o->trace_max))
            return fail(err, size, "--trace-max: '%s' is not a size (bytes, or a number with K, "
                        "M or G)", val);
        break;
    case OPT_SPEED:
        if (strcmp(val, "max") != 0 && strcmp(val, "normal") != 0)
            return fail(err, size, "--speed: '%s' is not a speed (normal or max)", val);
        o->speed_max = strcmp(val, "max") == 0;
        o->realtime = !o->speed_max; /* headless too: asked for by name */
        break;
    case OPT_SCREENSHOT_SCALE:
        if (!number_arg(spec->name, val, 1, OPTIONS_MAX_SCALE, &n, err, size))
            return OPTIONS_ERROR;
        o->screenshot_scale = (unsigned)n;
        break;
    case OPT_REALTIME:
        o->realtime = true;
        o->speed_max = false;
        break;
    case OPT_TTY:
        if (val && strcmp(val, "ascii") != 0)
            return fail(err, size, "--tty: '%s' is not a choice (only --tty=ascii)", val);
        o->tty = val ? TTY_ASCII : TTY_ON;
        break;
    case OPT_SAVE_STATE: o->save_state = val; break;
    case OPT_LOAD_STATE: o->load_state = val; break;
    case OPT_SAVE_STATE_AT:
        if (!number_arg(spec->name, val, 0, UINT64_MAX, &n, err, size))
            return OPTIONS_ERROR;
        o->save_state_at = n;
        o->save_state_at_set = true;
        break;
    case OPT_RECORD: o->record = val; break;
    case OPT_REWIND_MB:
        if (!number_arg(spec->name, val, 0, OPTIONS_MAX_REWIND_MB, &n, err, size))
            return OPTIONS_ERROR;
        o->rewind_mb = (unsigned)n;
        break;
    case OPT_DISK:
        if (!*val)
            return fail(err, size, "--disk: the file name is empty");
        o->disk.path = val;
        break;
    case OPT_DISK_RO: o->disk.read_only = true; break;
    case OPT_DISK_SNAPSHOT: o->disk.snapshot = true; break;
    case OPT_DISK_LE: o->disk.little_endian = true; break;
    case OPT_DISK_NEW: o->disk.create = true; break;
    }
    return OPTIONS_RUN;
}

/* One "--name[=value]" (value possibly in the next argv); advances *i past what it used. */
static options_result_t parse_long(d16_options_t *o, int argc, char **argv, int *i, char *err,
                                   size_t size)
{
    const char *arg = argv[*i];
    const char *name = arg + 2;
    const char *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    const opt_spec_t *spec = find_opt(name, len);
    if (!spec)
        return fail(err, size, "unknown option '%.*s' (try d16 --help)", (int)(len + 2), arg);

    const char *val = eq ? eq + 1 : NULL;
    if (spec->arg == ARG_NONE && val)
        return fail(err, size, "--%s takes no value", spec->name);
    if (spec->arg == ARG_REQUIRED && !val) {
        if (*i + 1 >= argc)
            return fail(err, size, "--%s needs a value", spec->name);
        val = argv[++*i];
    }
    return apply(o, spec, val, err, size);
}

options_result_t options_parse(d16_options_t *o, int argc, char **argv, char *err,
                               size_t err_size)
{
    *o = (d16_options_t){0};
    bool only_operands = false;
    bool after_dump_screen = false; /* the image came right after a bare --dump-screen */
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!only_operands && strcmp(arg, "--") == 0) {
            only_operands = true;
        } else if (!only_operands && arg[0] == '-' && arg[1] == '-') {
            options_result_t r = parse_long(o, argc, argv, &i, err, err_size);
            if (r != OPTIONS_RUN)
                return r;
        } else if (!only_operands && arg[0] == '-' && arg[1]) {
            if (strcmp(arg, "-h") == 0)
                return OPTIONS_HELP;
            return fail(err, err_size, "unknown option '%s' (try d16 --help)", arg);
        } else if (o->image) {
            /* `--dump-screen ansi` takes ansi for an image: the value needs '='. */
            const char *hint = after_dump_screen || strcmp(argv[i - 1], "--dump-screen") == 0
                                   ? " (a format needs '=': --dump-screen=ansi)"
                                   : "";
            return fail(err, err_size, "more than one image given ('%s' and '%s')%s", o->image,
                        arg, hint);
        } else {
            o->image = arg;
            after_dump_screen = strcmp(argv[i - 1], "--dump-screen") == 0;
        }
    }
    if (o->stdin_keys && o->keys_file && strcmp(o->keys_file, "-") == 0)
        return fail(err, err_size, "--stdin-keys and --keys - both want stdin");
    if (o->batch && !o->debug && !o->break_count)
        return fail(err, err_size, "--batch needs --debug (or --break)");
    if (o->trace_max && !o->trace)
        return fail(err, err_size, "--trace-max needs --trace FILE");
    if (o->trace_from && !o->trace && !o->trace_last)
        return fail(err, err_size, "--trace-from needs --trace FILE or --trace-last N");
    if (o->tty && (o->headless || o->debug || o->break_count))
        return fail(err, err_size, "--tty cannot go with --%s",
                    o->headless ? "headless" : o->debug ? "debug" : "break");
    if (o->tty && (o->stdin_keys || (o->keys_file && strcmp(o->keys_file, "-") == 0)))
        return fail(err, err_size, "--tty reads the keys from the terminal: not with %s",
                    o->stdin_keys ? "--stdin-keys" : "--keys -");
    if (o->load_state && o->image)
        return fail(err, err_size, "--load-state replaces IMAGE: give one or the other ('%s')",
                    o->image);
    if (o->save_state_at_set && !o->save_state)
        return fail(err, err_size, "--save-state-at needs --save-state FILE");
    if (!o->disk.path && (o->disk.read_only || o->disk.snapshot || o->disk.little_endian ||
                          o->disk.create))
        return fail(err, err_size, "--disk-ro, --disk-snapshot, --disk-le and --disk-new need --disk FILE");
    return OPTIONS_RUN;
}

/* The profiles and the default profile's devices, from the board table (board.def). */
static void print_machines(FILE *out)
{
    fputs("Machines (--machine NAME):\n", out);
    for (unsigned p = 0; p < MACHINE_PROFILE_COUNT; p++) {
        const board_profile_t *prof = board_profile((machine_profile_t)p);
        fprintf(out, "  %-21s %s\n", prof->name, prof->summary);
    }
    fputs("Devices (d16; HWI number, registers, name):\n", out);
    unsigned hwi = 0;
    for (size_t i = 0; i < board_row_count; i++) {
        const board_row_t *row = &board_rows[i];
        if (row->profile != MACHINE_PROFILE_D16)
            continue;
        fprintf(out, "  %u  0x%04x  %-18s %s%s\n", hwi++, row->slot, row->cls->name,
                row->cls->title, row->when == BOARD_ASKED ? " (when asked for)" : "");
    }
    fputc('\n', out);
}

void options_print_help(FILE *out)
{
    fputs("Usage: d16 [OPTIONS] [IMAGE]\n"
          "Runs a DCPU-16 v1.7 program: IMAGE is raw 16-bit words (big-endian unless --le),\n"
          "or a .dasm/.asm/.dasm16/.s source assembled in memory. Without IMAGE, the\n"
          "built-in monitor boots.\n"
          "\n"
          "Machine:\n"
          "  --machine NAME        the machine's profile (listed below; default d16)\n"
          "  --clock HZ            emulated clock (default 100000)\n"
          "  --illegal=nop|fault   undefined opcodes: 1-cycle no-ops, or a fault (default)\n"
          "  --strict              an access to an unmapped I/O word is a fault\n"
          "  --premap-screen       map video RAM at 0x8000 from reset\n"
          "  --kbd-modifiers       Shift and Control enter the keyboard buffer\n"
          "  --device PATH.so[,ARGS]  add a device plugin (repeatable; docs/plugins.md): it\n"
          "                        takes the next HWI number and I/O slot from 0xFF60\n"
          "  --list-devices        print the machine's devices and exit\n"
          "\n",
          out);
    print_machines(out);
    fputs("Image:\n"
          "  --le                  the image is little-endian\n"
          "  --load ADDR           load at word ADDR (default 0); PC starts there\n"
          "\n"
          "Disk (an M35FD floppy, HWI 5 at 0xFF50; docs/cli.md \"Disks\"):\n"
          "  --disk FILE           insert the image FILE; without IMAGE, boot it if bootable\n"
          "  --disk-ro             write-protect it (STATE 2)\n"
          "  --disk-snapshot       keep writes in memory; the file is never written\n"
          "  --disk-le             the image's words are little-endian\n"
          "  --disk-new            create FILE blank (1,474,560 bytes) when it is missing\n"
          "\n"
          "Running:\n"
          "  --headless            never open a window or draw in the terminal (--tty)\n"
          "  --realtime            headless too, run at --clock (as --speed normal does);\n"
          "                        without it a headless run goes as fast as it can\n"
          "  --max-cycles N        stop with status 124 once N cycles have run\n"
          "  --trace FILE          one line per instruction (docs/cli.md)\n"
          "  --keys FILE           scripted keyboard input: CYCLE ACTION ARG per line\n"
          "  --type TEXT           type TEXT, one character every 2000 cycles\n"
          "  --stdin-keys          stdin feeds the keyboard instead of the console\n"
          "  --trace-from ADDR     start the --trace when PC first reaches ADDR\n"
          "  --trace-last N        keep only the last N trace lines, written at exit\n"
          "                        (to the --trace FILE, else to stderr)\n"
          "  --trace-max SIZE      the --trace FILE grows to SIZE bytes at most (K, M, G:\n"
          "                        KiB, MiB, GiB); a failed trace write stops the run\n"
          "  --no-idle-skip        run every pass of a loop that only waits for a device\n"
          "                        event (same results, slower; to compare)\n"
          "  --no-jit              never translate guest code to host code: the\n"
          "                        interpreter runs everything (same results; to compare)\n"
          "\n"
          "Debugger (docs/cli.md):\n"
          "  --debug               stop before the first instruction and read debugger\n"
          "                        commands (type help); Ctrl-C returns to the debugger,\n"
          "                        so does F7 in the window (the machine runs in it)\n"
          "  --batch FILE          read the commands from FILE (with --debug or --break)\n"
          "  --break ADDR          enter the debugger before the instruction at ADDR\n"
          "                        (repeatable; attaches it, without the first stop)\n"
          "  --symbols FILE        labels from d16asm --symbols (loaded by themselves\n"
          "                        when IMAGE is a source); ADDR may be LABEL or LABEL+N\n"
          "\n"
          "Window (SDL2):\n"
          "  --scale N             window pixels per display pixel, 1 to 32 (default: the\n"
          "                        largest that fits in half the screen, at least 3)\n"
          "  --fullscreen          start full screen\n"
          "  --speed normal|max    run at --clock (default) or as fast as the host allows\n"
          "  --rewind-mb N         memory for rewinding (one state per emulated second;\n"
          "                        default 64, 0 = off)\n"
          "  Keys: F1 key help, F5 reset, F7 debugger (with --debug or --break),\n"
          "  F8 pause/resume, F9 turbo on/off, Tab (held) fast-forward, F10 quit,\n"
          "  F11 full screen, F12 screenshot d16-YYYYmmdd-HHMMSS.png (at the window's\n"
          "  scale); messages show in the picture and fade\n"
          "  F2 save state, F4 load state (slot files NAME.slotN.d16state in the current\n"
          "  directory), Shift+F2 next slot (0-9), F3 (held) rewind, one emulated second\n"
          "  a step\n"
          "\n"
          "Terminal (curses; the default with no display when stdin and stdout are terminals):\n"
          "  --tty[=ascii]         the display, its keys and a status line in this terminal\n"
          "                        (ascii: ASCII characters only); F1 help, F5 reset,\n"
          "                        F8 pause/resume, F9 turbo, F10 or Ctrl-] quit\n"
          "\n"
          "Save states and recording (docs/snapshot.md):\n"
          "  --save-state FILE     the whole machine, at exit (like the dumps)\n"
          "  --save-state-at N     ...or once the cycle counter reaches N, then run on\n"
          "  --load-state FILE     start from a saved state instead of IMAGE; the cycle\n"
          "                        counter (and --max-cycles) counts on from the saved cycle\n"
          "  --record FILE         every input event (keys, console bytes) as a --keys file:\n"
          "                        d16 --keys FILE (same image and flags) replays the run\n"
          "\n"
          "At exit:\n"
          "  --dump-state FILE     registers, cycles and end state as JSON\n"
          "  --dump-ram FILE       all 64 Ki words, big-endian (128 KiB)\n"
          "  --dump-screen[=ansi]  the screen as text on stdout (ansi: with colours)\n"
          "  --screenshot FILE.png the screen as a PNG\n"
          "  --screenshot-scale N  its pixels per display pixel, 1 to 32 (default 1)\n"
          "\n"
          "  --help, --version\n"
          "\n"
          "Numbers are decimal or 0x or 0X hex. Outputs replace their files only when\n"
          "complete, and never an input or a source. Exit status: the guest's halt status;\n"
          "0 after a classic end; 2 bad usage, image or a failed write; 124 --max-cycles\n"
          "reached; 125 machine fault; 130 interrupted (SIGINT), 143 SIGTERM, 129 SIGHUP.\n",
          out);
}
