/* session.c — sets a run up from the options and winds it down: files, stdin/stdout,
 * scripted keys, trace, dumps, the fault report and the exit status. */
#include "frontend/session.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontend/dbgcmd.h"
#include "frontend/image.h"
#include "frontend/image_file.h"
#include "frontend/keyscript.h"
#include "frontend/report.h"
#include "frontend/screen.h"
#include "frontend/statefile.h"
#include "frontend/trace.h"

/* A signal handler can only reach static storage; this is the one flag it sets. */
static volatile sig_atomic_t session_sigint;

static void session_clear_sigint(void)
{
    session_sigint = 0;
}

static void on_signal(int sig)
{
    session_sigint = sig;
}

/* SIGINT, SIGTERM and SIGHUP end the run with its dumps written; SIGPIPE is ignored so a
 * reader that went away is a write error, reported like any other. */
static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocking stdin read returns so the run can end */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* The first failed write to stdout: one line, the run stops, the status is 2. */
static void stdout_failed(session_t *s)
{
    if (!s->failed)
        fprintf(stderr, "d16: stdout: cannot write: %s\n", strerror(errno ? errno : EIO));
    s->failed = true;
}

static void log_line(void *ctx, const char *line)
{
    session_t *s = ctx;
    if (s->log_hook) {
        s->log_hook(s->hook_ctx, line);
        return;
    }
    fprintf(stderr, "%s\n", line);
}

static void console_byte(void *ctx, uint8_t byte)
{
    session_t *s = ctx;
    if (s->console_hook) {
        s->console_hook(s->hook_ctx, byte);
        return;
    }
    s->console_mid_line = byte != '\n';
    errno = 0;
    if (putchar(byte) == EOF) {
        stdout_failed(s);
        cpu_request_stop(&s->m->cpu);
    }
}

static void trace_instruction(void *ctx, const dcpu_t *cpu)
{
    session_t *s = ctx;
    tracelog_t *t = &s->tracelog;
    bool capped = t->capped;
    tracelog_instruction(t, cpu, &s->m->bus);
    if (t->write_error)
        cpu_request_stop(&s->m->cpu); /* the trace was asked for: no run without it */
    if (t->capped && !capped)
        fprintf(stderr, "d16: %s: --trace-max reached (%llu bytes) at cycle %llu; the trace "
                "stops there\n", s->opt.trace, (unsigned long long)t->bytes,
                (unsigned long long)cpu->cycles);
    if (t->write_error || (t->capped && !capped))
        session_update_trace(s);
}

/* The guest wrote BREAK: the debugger stops after this instruction. */
static void break_requested(void *ctx)
{
    session_t *s = ctx;
    s->break_requested = true;
}

/* One "d16: ..." line on stderr; returns the usage exit status for the caller to pass on. */
static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("d16: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return SESSION_EXIT_USAGE;
}

/* Opens an output as a temporary beside path (outfile.h); the file appears at the end. */
static void open_output(outfile_t *o, const char *path, bool binary, int *status)
{
    char err[1024];
    if (path && !*status && outfile_open(o, path, binary, err, sizeof err) != 0)
        *status = usage_error("%s", err);
}

/* Names an image would have: with no IMAGE given, an output with such a name that exists
 * already is most likely the image, taken as the output's value by mistake. */
static bool named_like_image(const char *path)
{
    size_t n = strlen(path);
    return (n > 4 && strcmp(path + n - 4, ".bin") == 0) || outfile_is_source_name(path);
}

/* docs/cli.md "Output files": no output is an input, another output or a source name. */
static int check_outputs(const d16_options_t *o)
{
    const char *keys = o->keys_file && strcmp(o->keys_file, "-") != 0 ? o->keys_file : NULL;
    const outfile_name_t inputs[] = {
        {"IMAGE", o->image}, {"--keys", keys}, {"--symbols", o->symbols_file},
        {"--batch", o->batch}, {"--disk", o->disk.path},
    };
    const outfile_name_t outputs[] = {
        {"--trace", o->trace}, {"--dump-state", o->dump_state}, {"--dump-ram", o->dump_ram},
        {"--screenshot", o->screenshot},
    };
    char err[1024];
    if (outfile_check_paths(inputs, sizeof inputs / sizeof inputs[0], outputs,
                            sizeof outputs / sizeof outputs[0], err, sizeof err) != 0)
        return usage_error("%s", err);
    for (size_t i = 0; !o->image && i < sizeof outputs / sizeof outputs[0]; i++) {
        const char *path = outputs[i].path;
        if (path && named_like_image(path) && access(path, F_OK) == 0)
            return usage_error("%s %s: no IMAGE was given and this looks like one; refusing to "
                               "write over it", outputs[i].flag, path);
    }
    return 0;
}

/* Text inputs (--keys, --symbols, piped --stdin-keys) larger than this are refused, so a
 * path like /dev/zero ends with a message instead of eating memory. */
#define SESSION_TEXT_LIMIT (64u << 20)

/* Reads a whole stream (a --keys file or piped stdin); NULL with errno set on failure,
 * EFBIG when it holds more than SESSION_TEXT_LIMIT bytes. */
static char *slurp(FILE *f, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (ferror(f) || n < cap)
            break;
        if (cap > SESSION_TEXT_LIMIT) {
            free(buf);
            errno = EFBIG;
            return NULL;
        }
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            return NULL;
        }
        buf = bigger;
        cap *= 2;
    }
    if (buf && ferror(f)) {
        int saved = errno;
        free(buf);
        errno = saved;
        return NULL;
    }
    *len = n;
    return buf;
}

static int script_keys_file(keyscript_t *ks, const char *path)
{
    char err[1024];
    FILE *f = strcmp(path, "-") == 0 ? stdin : image_file_open(path, err, sizeof err);
    if (!f)
        return usage_error("%s", err);
    size_t len;
    char *text = slurp(f, &len);
    int saved = errno;
    if (f != stdin)
        fclose(f);
    if (!text)
        return usage_error("%s: cannot read: %s", path, strerror(saved));
    int rc = keyscript_parse(ks, path, text, len, err, sizeof err);
    free(text);
    return rc ? usage_error("%s", err) : 0;
}

/* --stdin-keys from a file or pipe: every byte typed from the start, like --type. */
static int script_stdin_keys(keyscript_t *ks, uint64_t start)
{
    size_t len;
    char *bytes = slurp(stdin, &len);
    if (!bytes)
        return usage_error("stdin: cannot read: %s", strerror(errno));
    uint64_t cycle = start;
    int rc = keyscript_type_bytes(ks, (const uint8_t *)bytes, len, &cycle);
    free(bytes);
    return rc ? usage_error("stdin: out of memory") : 0;
}

/* --record with the console fed from a file or pipe: all of it arrives at the start, as a
 * blocking source would give it. */
static int script_console_stdin(keyscript_t *ks, uint64_t start)
{
    size_t len;
    char *bytes = slurp(stdin, &len);
    if (!bytes)
        return usage_error("stdin: cannot read: %s", strerror(errno));
    int rc = 0;
    for (size_t i = 0; !rc && i < len; i++)
        rc = keyscript_add_console(ks, start, (uint8_t)bytes[i]);
    if (!rc)
        rc = keyscript_add_console(ks, start, CONSOLE_END);
    free(bytes);
    return rc ? usage_error("stdin: out of memory") : 0;
}

/* Schedules the script's events on the keyboard and the console (and records them). */
static int schedule_script(session_t *s, const keyscript_t *ks)
{
    keyboard_dev_t *kb = machine_device(s->m, &keyboard_class);
    console_dev_t *con = machine_device(s->m, &console_class);
    if (ks->console)
        console_use_schedule(con, true);
    for (size_t i = 0; i < ks->count; i++) {
        const keyscript_event_t *e = &ks->ev[i];
        bool console = e->action == KEYSCRIPT_ACTION_CONSOLE;
        if (console && e->code == CONSOLE_NONE) {
            console_use_schedule(con, false);
            record_console_start(&s->record, e->cycle, false);
            continue;
        }
        if (console ? console_schedule(con, e->cycle, e->code)
                    : keyboard_insert(kb, e->cycle, e->action, e->code, false))
            return usage_error("%s", console
                                         ? "console script: out of memory, or before the saved "
                                           "state's scheduled console input"
                                         : "keyboard script: out of memory");
        record_event(&s->record, e->cycle, console, e->action, e->code);
    }
    return 0;
}

/* Collects --keys, --type and --stdin-keys into the keyboard's script, in time order (from
 * the saved cycle after --load-state). */
static int script_keyboard(session_t *s, bool console_from_stdin)
{
    const d16_options_t *o = &s->opt;
    uint64_t start = s->m->cpu.cycles;
    keyscript_t ks;
    keyscript_init(&ks);
    int status = 0;
    char err[512];
    if (o->keys_file)
        status = script_keys_file(&ks, o->keys_file);
    if (!status && o->type_text &&
        keyscript_type_text(&ks, o->type_text, start, err, sizeof err))
        status = usage_error("%s", err);
    if (!status && o->stdin_keys && !s->live_stdin_keys)
        status = script_stdin_keys(&ks, start);
    if (!status && console_from_stdin)
        status = script_console_stdin(&ks, start);
    keyscript_sort(&ks);
    if (!status)
        status = schedule_script(s, &ks);
    keyscript_free(&ks);
    return status;
}

static void record_key(void *ctx, uint64_t cycle, keyboard_action_t action, uint16_t code)
{
    session_t *s = ctx;
    record_event(&s->record, cycle, false, action, code);
}

/* --record: every event from here on goes to the file. The console reads scheduled bytes
 * only: stdin's go in between slices (a terminal, a window) or all at the start (a file or
 * a pipe, headless), and none at all when stdin is not the console's. */
static int start_recording(session_t *s, bool console_on_stdin, bool *console_from_stdin)
{
    char err[512];
    if (record_open(&s->record, s->opt.record, err, sizeof err))
        return usage_error("%s", err);
    keyboard_set_recorder(machine_device(s->m, &keyboard_class), record_key, s);
    record_comment(&s->record, "the console reads only the lines below");
    *console_from_stdin = console_on_stdin && !s->input.interactive && s->opt.headless;
    s->record_console_live = console_on_stdin && !*console_from_stdin;
    /* The console reads only scheduled bytes now; without stdin it has no input at all. */
    console_use_schedule(machine_device(s->m, &console_class), console_on_stdin);
    record_console_start(&s->record, s->m->cpu.cycles, console_on_stdin);
    return 0;
}

/* The floppy's board row is attached only when asked for: with a disk. */
static void ask_for_floppy(machine_opts_t *mo, const d16_options_t *opt)
{
    static const machine_device_args_t with_floppy = {"floppy", ""};
    if (opt->disk.path) {
        mo->device_args = &with_floppy;
        mo->device_arg_count = 1;
    }
}

/* --disk: the image goes into the drive before the first instruction (docs/cli.md "Disks"). */
static int attach_disk(session_t *s)
{
    char err[512], warn[512];
    if (disk_open(&s->disk, &s->opt.disk, err, sizeof err, warn, sizeof warn))
        return usage_error("%s", err);
    if (*warn)
        fprintf(stderr, "d16: warning: %s\n", warn);
    floppy_insert(machine_device(s->m, &floppy_class), &s->disk.media, 0);
    return 0;
}

static int load_program_into(session_t *s, machine_t *m, symbols_t *syms)
{
    char err[1024];
    int rc = s->opt.image ? image_load(m, s->opt.image, s->opt.little_endian,
                                       s->opt.load_addr, syms, err, sizeof err)
                          : image_load_builtin(m, err, sizeof err);
    return rc ? usage_error("%s", err) : 0;
}

static int load_program(session_t *s, symbols_t *syms)
{
    return load_program_into(s, s->m, syms);
}

/* --symbols FILE: `NAME ADDR` lines, added to the labels of a source image. */
static int load_symbols(session_t *s)
{
    const char *path = s->opt.symbols_file;
    char err[1024];
    FILE *f = image_file_open(path, err, sizeof err);
    if (!f)
        return usage_error("%s", err);
    size_t len;
    char *text = slurp(f, &len);
    int saved = errno;
    fclose(f);
    if (!text)
        return usage_error("%s: cannot read: %s", path, strerror(saved));
    int rc = symbols_parse(&s->syms, path, text, len, err, sizeof err);
    free(text);
    return rc ? usage_error("%s", err) : 0;
}

/* --trace, --trace-from and --trace-last into the tracelog. */
static int setup_trace(session_t *s)
{
    tracelog_init(&s->tracelog, s->trace, &s->syms);
    s->tracelog.max_bytes = s->opt.trace_max;
    if (s->opt.trace_from) {
        dbgcmd_env_t env = {&s->syms, NULL};
        uint16_t addr;
        char err[256];
        if (dbgcmd_eval(s->opt.trace_from, &env, &addr, err, sizeof err))
            return usage_error("--trace-from: %s", err);
        tracelog_start_at(&s->tracelog, addr);
    }
    if (s->opt.trace_last && tracelog_keep_last(&s->tracelog, s->opt.trace_last))
        return usage_error("%s", "--trace-last: out of memory");
    session_update_trace(s);
    return 0;
}

void session_update_trace(session_t *s)
{
    if (tracelog_wanted(&s->tracelog))
        machine_set_trace(s->m, trace_instruction, s);
    else
        machine_set_trace(s->m, NULL, NULL);
}

void session_clear_interrupt(session_t *s)
{
    (void)s;
    session_clear_sigint();
}

/* --load-state: the machine is built with the snapshot's profile and clock, unless
 * --machine or --clock say otherwise (then the load refuses it, naming both). */
static int match_saved_machine(session_t *s, machine_opts_t *mo)
{
    snapshot_info_t info;
    char err[512];
    if (statefile_info(s->opt.load_state, &info, err, sizeof err))
        return usage_error("%s", err);
    if (!s->opt.profile_given)
        mo->profile = info.profile;
    if (!s->opt.clock_given)
        mo->clock_hz = info.clock_hz;
    return 0;
}

static int load_saved_state(session_t *s)
{
    char err[512];
    return statefile_load(s->m, &s->snap_host, s->opt.load_state, err, sizeof err)
               ? usage_error("%s", err)
               : 0;
}

int session_list_devices(const d16_options_t *opt, FILE *out)
{
    plugins_t plugins;
    char err[512];
    if (plugins_load(&plugins, opt->devices, opt->device_count, err, sizeof err))
        return usage_error("%s", err);
    machine_opts_t mo = opt->machine;
    mo.extra_devices = plugins.extra;
    mo.extra_device_count = plugins.count;
    ask_for_floppy(&mo, opt);
    machine_t *m = machine_create(&mo, err, sizeof err);
    int status = 0;
    if (m)
        report_devices(out, m);
    else
        status = usage_error("%s", err);
    machine_free(m);
    plugins_free(&plugins);
    return status;
}

int session_start(session_t *s, const d16_options_t *opt)
{
    *s = (session_t){.opt = *opt, .stop = &session_sigint, .disk.fd = -1};
    session_disk_snapshot_host(s);
    symbols_init(&s->syms);
    stdio_input_init(&s->input, STDIN_FILENO, s->stop);
    s->live_stdin_keys = opt->stdin_keys && s->input.interactive;
    s->debugger = session_has_debugger(opt);
    if (check_outputs(opt))
        return SESSION_EXIT_USAGE;
    /* The debugger reads its commands from stdin unless --batch: a terminal it shares with
     * the console (commands while stopped, console input while running); a file or a pipe
     * is all commands. */
    bool stdin_is_commands = s->debugger && !opt->batch && !s->input.interactive;
    bool keys_eat_stdin = (opt->keys_file && strcmp(opt->keys_file, "-") == 0) ||
                          (opt->stdin_keys && !s->input.interactive);
    if (s->debugger && !opt->batch && keys_eat_stdin)
        return usage_error("%s", "the debugger reads its commands from stdin here: give them "
                                 "with --batch FILE");

    char err[512];
    if (plugins_load(&s->plugins, opt->devices, opt->device_count, err, sizeof err))
        return usage_error("%s", err);
    machine_opts_t mo = opt->machine;
    mo.extra_devices = s->plugins.extra;
    mo.extra_device_count = s->plugins.count;
    ask_for_floppy(&mo, opt);
    mo.log = log_line;
    mo.console_out = console_byte;
    mo.on_break = s->debugger ? break_requested : NULL;
    mo.ctx = s;
    bool console_on_stdin = !opt->stdin_keys &&
                            !(opt->keys_file && strcmp(opt->keys_file, "-") == 0) &&
                            !stdin_is_commands;
    if (console_on_stdin)
        mo.console_in = stdio_input_source(&s->input);
    int status = opt->load_state ? match_saved_machine(s, &mo) : 0;
    if (status)
        return status;
    s->m = machine_create(&mo, err, sizeof err);
    if (!s->m)
        return usage_error("%s", err);

    status = opt->disk.path ? attach_disk(s) : 0;
    if (!status)
        status = opt->load_state ? load_saved_state(s) : load_program(s, &s->syms);
    if (!status && opt->symbols_file)
        status = load_symbols(s);
    bool console_from_stdin = false;
    if (!status && opt->record)
        status = start_recording(s, console_on_stdin, &console_from_stdin);
    if (!status)
        status = script_keyboard(s, console_from_stdin);
    s->save_at_pending = opt->save_state_at_set;
    if (!status && s->live_stdin_keys)
        keyboard_set_live(machine_device(s->m, &keyboard_class), true);
    open_output(&s->trace_out, opt->trace, false, &status);
    open_output(&s->state_out, opt->dump_state, false, &status);
    open_output(&s->ram_out, opt->dump_ram, true, &status);
    open_output(&s->png_out, opt->screenshot, true, &status);
    s->trace = s->trace_out.file;
    if (!status)
        status = setup_trace(s);
    if (status)
        return status;
    catch_signals();
    return 0;
}

bool session_running(const session_t *s)
{
    return s->m->state == MACHINE_RUNNING && !*s->stop && !s->failed &&
           !s->tracelog.write_error;
}

/* --stdin-keys from a terminal: what the user typed goes in now. */
static void type_live_keys(session_t *s)
{
    keyboard_dev_t *kb = machine_device(s->m, &keyboard_class);
    int byte;
    while ((byte = stdio_input_read(&s->input)) >= 0) {
        int code = keyscript_code_for_byte((uint8_t)byte);
        if (code >= 0)
            keyboard_type(kb, (uint16_t)code, s->m->cpu.cycles);
    }
    if (byte == CONSOLE_SOURCE_EOF)
        keyboard_set_live(kb, false); /* no key can come any more (docs/machine.md §6) */
}

/* --record: what stdin brought for the console arrives at the next boundary, recorded. */
static void schedule_live_console(session_t *s)
{
    console_dev_t *con = machine_device(s->m, &console_class);
    uint64_t at = s->m->cpu.cycles + 1;
    int byte;
    while (!con->closed && (byte = stdio_input_read(&s->input)) != CONSOLE_SOURCE_NONE) {
        uint16_t b = byte == CONSOLE_SOURCE_EOF ? CONSOLE_END : (uint16_t)byte;
        if (console_schedule(con, at, b) == 0)
            record_event(&s->record, at, true, 0, b);
        if (b == CONSOLE_END)
            break;
    }
}

static void save_state_at(session_t *s)
{
    s->save_at_pending = false;
    if (session_save_state(s, s->opt.save_state) == 0)
        fprintf(stderr, "d16: state at cycle %llu saved to %s\n",
                (unsigned long long)s->m->cpu.cycles, s->opt.save_state);
}

uint64_t session_budget(const session_t *s, uint64_t budget)
{
    if (!s->save_at_pending)
        return budget;
    uint64_t now = s->m->cpu.cycles;
    uint64_t left = s->opt.save_state_at > now ? s->opt.save_state_at - now : 0;
    return left < budget ? left : budget;
}

void session_between_slices(session_t *s)
{
    if (s->save_at_pending && s->m->cpu.cycles >= s->opt.save_state_at)
        save_state_at(s);
    if (s->live_stdin_keys)
        type_live_keys(s);
    else if (s->record_console_live)
        schedule_live_console(s);
    else if (s->input.interactive)
        console_poll(machine_device(s->m, &console_class));
    errno = 0;
    if (fflush(stdout) != 0)
        stdout_failed(s);
}

/* Loads the image into a scratch machine: true when it would load. */
static bool image_loads(session_t *s)
{
    machine_opts_t mo = s->m->opts;
    mo.log = NULL;
    mo.console_out = NULL;
    mo.console_in = (console_source_t){0};
    mo.on_break = NULL;
    mo.device_args = NULL; /* the board alone: the image needs no disk or plugin */
    mo.device_arg_count = 0;
    mo.extra_devices = NULL;
    mo.extra_device_count = 0;
    machine_t *trial = machine_new(&mo);
    if (!trial)
        return false;
    bool ok = load_program_into(s, trial, NULL) == 0;
    machine_free(trial);
    return ok;
}

int session_save_state(session_t *s, const char *path)
{
    char err[512];
    if (statefile_save(s->m, &s->snap_host, path, err, sizeof err) == 0)
        return 0;
    fprintf(stderr, "d16: %s\n", err);
    return -1;
}

int session_load_state(session_t *s, const char *path)
{
    char err[512];
    if (statefile_load(s->m, &s->snap_host, path, err, sizeof err) == 0) {
        if (record_active(&s->record))
            record_comment(&s->record, "a state was loaded here: the lines below do not replay");
        return 0;
    }
    fprintf(stderr, "d16: %s\n", err);
    return -1;
}

int session_reset(session_t *s)
{
    /* Tried first: a source that no longer assembles leaves the running program alone. */
    if (!image_loads(s))
        return SESSION_EXIT_USAGE;
    s->fault_reported = false;
    if (record_active(&s->record)) {
        char err[512];
        fprintf(stderr, "d16: reset: the recording %s ends here\n", s->opt.record);
        if (record_close(&s->record, err, sizeof err))
            fprintf(stderr, "d16: %s\n", err);
        keyboard_set_recorder(machine_device(s->m, &keyboard_class), NULL, NULL);
    }
    machine_reset(s->m);
    /* A source's labels come again with it; the ones loaded at the start stay. */
    symbols_t again;
    symbols_init(&again);
    int status = load_program(s, &again);
    symbols_free(&again);
    return status;
}

/* Writes one dump into its temporary and renames it over the file; -1 (reported) when
 * anything failed, the old file then untouched. */
static int finish_file(outfile_t *o, int (*write)(FILE *, const machine_t *),
                       const machine_t *m)
{
    if (!o->file)
        return 0;
    char err[1024];
    int rc = write(o->file, m);
    if (rc) {
        fprintf(stderr, "d16: %s: cannot write: %s\n", o->path, strerror(errno ? errno : EIO));
        outfile_discard(o);
        return -1;
    }
    if (outfile_commit(o, err, sizeof err) != 0) {
        fprintf(stderr, "d16: %s\n", err);
        return -1;
    }
    return 0;
}

/* The machine's callbacks carry the session (session_start): its --screenshot-scale. */
static int write_png(FILE *f, const machine_t *m)
{
    const session_t *s = m->opts.ctx;
    return screen_write_png_scaled(f, machine_device(m, &display_class), m->cpu.cycles,
                                   s->opt.screenshot_scale);
}

/* The trace file: complete (renamed into place), or its first write error reported. */
static int finish_trace(session_t *s)
{
    tracelog_t *t = &s->tracelog;
    char err[1024];
    int failed = 0;
    if (s->opt.trace_last && !s->trace && t->ring_count)
        fprintf(stderr, "d16: the last %zu trace lines (oldest first):\n", t->ring_count);
    if (s->opt.trace_last && tracelog_write_last(t, s->trace ? s->trace : stderr) && !s->trace)
        failed = 1;
    t->file = NULL;
    s->trace = NULL;
    if (t->write_error) {
        fprintf(stderr, "d16: %s: cannot write: %s (the trace stops at cycle %llu)\n",
                s->opt.trace, strerror(t->write_error), (unsigned long long)s->m->cpu.cycles);
        outfile_discard(&s->trace_out);
        return 1;
    }
    if (s->trace_out.file && outfile_commit(&s->trace_out, err, sizeof err) != 0) {
        fprintf(stderr, "d16: %s\n", err);
        failed = 1;
    }
    return failed;
}

static int write_outputs(session_t *s)
{
    const machine_t *m = s->m;
    const display_dev_t *display = machine_device(m, &display_class);
    int failed = 0;
    if (s->opt.dump_screen == DUMP_SCREEN_TEXT)
        screen_dump_text(stdout, display);
    else if (s->opt.dump_screen == DUMP_SCREEN_ANSI)
        screen_dump_ansi(stdout, display, m->cpu.cycles);
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        stdout_failed(s);
        failed = 1;
    }
    if (s->opt.save_state && !s->opt.save_state_at_set)
        failed |= session_save_state(s, s->opt.save_state) != 0;
    else if (s->save_at_pending)
        fprintf(stderr, "d16: %s: not saved: the run ended at cycle %llu, before "
                "--save-state-at %llu\n", s->opt.save_state,
                (unsigned long long)s->m->cpu.cycles, (unsigned long long)s->opt.save_state_at);
    if (record_active(&s->record)) {
        char err[512];
        if (record_close(&s->record, err, sizeof err)) {
            fprintf(stderr, "d16: %s\n", err);
            failed = 1;
        }
    }
    machine_set_trace(s->m, NULL, NULL);
    failed |= finish_file(&s->png_out, write_png, m) != 0;
    failed |= finish_file(&s->state_out, report_write_state, m) != 0;
    failed |= finish_file(&s->ram_out, report_write_ram, m) != 0;
    failed |= finish_trace(s);
    return failed;
}

int session_finish(session_t *s)
{
    errno = 0;
    if (fflush(stdout) != 0)
        stdout_failed(s);
    const machine_t *m = s->m;
    bool interrupted = m->state == MACHINE_RUNNING && !s->closed && !s->failed &&
                       !s->tracelog.write_error;
    int sig = *s->stop ? *s->stop : SIGINT;
    if (m->state == MACHINE_FAULT && !s->fault_reported)
        report_fault(stderr, m, &s->syms);
    else if (interrupted && sig != SIGINT)
        fprintf(stderr, "d16: %s (SIG%s) at PC 0x%04x, cycle %llu\n",
                sig == SIGTERM ? "terminated" : "hung up", sig == SIGTERM ? "TERM" : "HUP",
                m->cpu.pc, (unsigned long long)m->cpu.cycles);
    else if (interrupted)
        fprintf(stderr, "d16: %s at PC 0x%04x, cycle %llu\n", s->quit ? "quit" : "interrupted",
                m->cpu.pc, (unsigned long long)m->cpu.cycles);
    if (write_outputs(s) || s->failed)
        return SESSION_EXIT_USAGE;
    if (interrupted)
        return sig == SIGINT ? SESSION_EXIT_INTERRUPTED : 128 + sig;
    return machine_exit_status(m);
}

void session_free(session_t *s)
{
    outfile_discard(&s->trace_out);
    outfile_discard(&s->state_out);
    outfile_discard(&s->ram_out);
    outfile_discard(&s->png_out);
    record_abandon(&s->record);
    machine_free(s->m);
    disk_close(&s->disk);
    plugins_free(&s->plugins); /* after the machine: its devices run the plugins' code */
    tracelog_free(&s->tracelog);
    symbols_free(&s->syms);
    *s = (session_t){0};
}
