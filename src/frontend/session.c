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
#include "frontend/keyscript.h"
#include "frontend/report.h"
#include "frontend/screen.h"
#include "frontend/trace.h"

/* A signal handler can only reach static storage; this is the one flag it sets. */
static volatile sig_atomic_t session_sigint;

static void session_clear_sigint(void)
{
    session_sigint = 0;
}

static void on_sigint(int sig)
{
    (void)sig;
    session_sigint = 1;
}

static void catch_sigint(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocking stdin read returns so the run can end */
    sigaction(SIGINT, &sa, NULL);
}

static void log_line(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "%s\n", line);
}

static void console_byte(void *ctx, uint8_t byte)
{
    session_t *s = ctx;
    s->console_mid_line = byte != '\n';
    putchar(byte);
}

static void trace_instruction(void *ctx, const dcpu_t *cpu)
{
    session_t *s = ctx;
    tracelog_instruction(&s->tracelog, cpu, &s->m->bus);
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

static FILE *open_output(const char *path, const char *mode, int *status)
{
    if (!path || *status)
        return NULL;
    FILE *f = fopen(path, mode);
    if (!f)
        *status = usage_error("%s: cannot write: %s", path, strerror(errno));
    return f;
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
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return usage_error("%s: cannot open: %s", path, strerror(errno));
    size_t len;
    char *text = slurp(f, &len);
    int saved = errno;
    if (f != stdin)
        fclose(f);
    if (!text)
        return usage_error("%s: cannot read: %s", path, strerror(saved));
    char err[512];
    int rc = keyscript_parse(ks, path, text, len, err, sizeof err);
    free(text);
    return rc ? usage_error("%s", err) : 0;
}

/* --stdin-keys from a file or pipe: every byte typed from cycle 0, like --type. */
static int script_stdin_keys(keyscript_t *ks)
{
    size_t len;
    char *bytes = slurp(stdin, &len);
    if (!bytes)
        return usage_error("stdin: cannot read: %s", strerror(errno));
    uint64_t cycle = 0;
    int rc = keyscript_type_bytes(ks, (const uint8_t *)bytes, len, &cycle);
    free(bytes);
    return rc ? usage_error("stdin: out of memory") : 0;
}

/* Collects --keys, --type and --stdin-keys into the keyboard's script, in time order. */
static int script_keyboard(session_t *s)
{
    const d16_options_t *o = &s->opt;
    keyscript_t ks;
    keyscript_init(&ks);
    int status = 0;
    char err[512];
    if (o->keys_file)
        status = script_keys_file(&ks, o->keys_file);
    if (!status && o->type_text && keyscript_type_text(&ks, o->type_text, 0, err, sizeof err))
        status = usage_error("%s", err);
    if (!status && o->stdin_keys && !s->live_stdin_keys)
        status = script_stdin_keys(&ks);
    keyscript_sort(&ks);
    keyboard_dev_t *kb = machine_device(s->m, &keyboard_class);
    for (size_t i = 0; !status && i < ks.count; i++)
        if (keyboard_schedule(kb, ks.ev[i].cycle, ks.ev[i].action, ks.ev[i].code))
            status = usage_error("keyboard script: out of memory");
    keyscript_free(&ks);
    return status;
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
    FILE *f = fopen(path, "rb");
    if (!f)
        return usage_error("%s: cannot open: %s", path, strerror(errno));
    size_t len;
    char *text = slurp(f, &len);
    int saved = errno;
    fclose(f);
    if (!text)
        return usage_error("%s: cannot read: %s", path, strerror(saved));
    char err[512];
    int rc = symbols_parse(&s->syms, path, text, len, err, sizeof err);
    free(text);
    return rc ? usage_error("%s", err) : 0;
}

/* --trace, --trace-from and --trace-last into the tracelog. */
static int setup_trace(session_t *s)
{
    tracelog_init(&s->tracelog, s->trace, &s->syms);
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

int session_start(session_t *s, const d16_options_t *opt)
{
    *s = (session_t){.opt = *opt, .stop = &session_sigint};
    symbols_init(&s->syms);
    stdio_input_init(&s->input, STDIN_FILENO, s->stop);
    s->live_stdin_keys = opt->stdin_keys && s->input.interactive;
    s->debugger = session_has_debugger(opt);
    /* The debugger reads its commands from stdin unless --batch: a terminal it shares with
     * the console (commands while stopped, console input while running); a file or a pipe
     * is all commands. */
    bool stdin_is_commands = s->debugger && !opt->batch && !s->input.interactive;
    bool keys_eat_stdin = (opt->keys_file && strcmp(opt->keys_file, "-") == 0) ||
                          (opt->stdin_keys && !s->input.interactive);
    if (s->debugger && !opt->batch && keys_eat_stdin)
        return usage_error("%s", "the debugger reads its commands from stdin here: give them "
                                 "with --batch FILE");

    machine_opts_t mo = opt->machine;
    mo.log = log_line;
    mo.console_out = console_byte;
    mo.on_break = s->debugger ? break_requested : NULL;
    mo.ctx = s;
    if (!opt->stdin_keys && !(opt->keys_file && strcmp(opt->keys_file, "-") == 0) &&
        !stdin_is_commands)
        mo.console_in = stdio_input_source(&s->input);
    s->m = machine_new(&mo);
    if (!s->m)
        return usage_error("%s", "out of memory");

    int status = load_program(s, &s->syms);
    if (!status && opt->symbols_file)
        status = load_symbols(s);
    if (!status)
        status = script_keyboard(s);
    if (!status && s->live_stdin_keys)
        keyboard_set_live(machine_device(s->m, &keyboard_class), true);
    s->trace = open_output(opt->trace, "w", &status);
    s->state_out = open_output(opt->dump_state, "w", &status);
    s->ram_out = open_output(opt->dump_ram, "wb", &status);
    s->png_out = open_output(opt->screenshot, "wb", &status);
    if (!status)
        status = setup_trace(s);
    if (status)
        return status;
    catch_sigint();
    return 0;
}

bool session_running(const session_t *s)
{
    return s->m->state == MACHINE_RUNNING && !*s->stop;
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

void session_between_slices(session_t *s)
{
    if (s->live_stdin_keys)
        type_live_keys(s);
    else if (s->input.interactive)
        console_poll(machine_device(s->m, &console_class));
    fflush(stdout);
}

/* Loads the image into a scratch machine: true when it would load. */
static bool image_loads(session_t *s)
{
    machine_opts_t mo = s->m->opts;
    mo.log = NULL;
    mo.console_out = NULL;
    mo.console_in = (console_source_t){0};
    mo.on_break = NULL;
    machine_t *trial = machine_new(&mo);
    if (!trial)
        return false;
    bool ok = load_program_into(s, trial, NULL) == 0;
    machine_free(trial);
    return ok;
}

int session_reset(session_t *s)
{
    /* Tried first: a source that no longer assembles leaves the running program alone. */
    if (!image_loads(s))
        return SESSION_EXIT_USAGE;
    s->fault_reported = false;
    machine_reset(s->m);
    /* A source's labels come again with it; the ones loaded at the start stay. */
    symbols_t again;
    symbols_init(&again);
    int status = load_program(s, &again);
    symbols_free(&again);
    return status;
}

/* Closes f after writing; reports and returns -1 when anything failed. */
static int finish_file(FILE *f, const char *path, int (*write)(FILE *, const machine_t *),
                       const machine_t *m)
{
    int rc = write(f, m);
    if (fclose(f) != 0)
        rc = -1;
    if (rc)
        fprintf(stderr, "d16: %s: cannot write: %s\n", path, strerror(errno));
    return rc;
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
    if (fflush(stdout) != 0)
        failed = 1;
    if (s->png_out) {
        int rc = screen_write_png_scaled(s->png_out, display, m->cpu.cycles,
                                         s->opt.screenshot_scale);
        if (fclose(s->png_out) != 0 || rc != 0) {
            fprintf(stderr, "d16: %s: cannot write the PNG\n", s->opt.screenshot);
            failed = 1;
        }
        s->png_out = NULL;
    }
    if (s->state_out) {
        failed |= finish_file(s->state_out, s->opt.dump_state, report_write_state, m) != 0;
        s->state_out = NULL;
    }
    if (s->ram_out) {
        failed |= finish_file(s->ram_out, s->opt.dump_ram, report_write_ram, m) != 0;
        s->ram_out = NULL;
    }
    machine_set_trace(s->m, NULL, NULL);
    if (s->opt.trace_last && !s->trace && s->tracelog.ring_count)
        fprintf(stderr, "d16: the last %zu trace lines (oldest first):\n", s->tracelog.ring_count);
    if (s->opt.trace_last && tracelog_write_last(&s->tracelog, s->trace ? s->trace : stderr))
        failed = 1;
    s->tracelog.file = NULL;
    if (s->trace) {
        if (fclose(s->trace) != 0) {
            fprintf(stderr, "d16: %s: cannot write: %s\n", s->opt.trace, strerror(errno));
            failed = 1;
        }
        s->trace = NULL;
    }
    return failed;
}

int session_finish(session_t *s)
{
    fflush(stdout);
    const machine_t *m = s->m;
    bool interrupted = m->state == MACHINE_RUNNING && !s->closed;
    if (m->state == MACHINE_FAULT && !s->fault_reported)
        report_fault(stderr, m, &s->syms);
    else if (interrupted)
        fprintf(stderr, "d16: %s at PC 0x%04x, cycle %llu\n", s->quit ? "quit" : "interrupted",
                m->cpu.pc, (unsigned long long)m->cpu.cycles);
    if (write_outputs(s))
        return SESSION_EXIT_USAGE;
    return interrupted ? SESSION_EXIT_INTERRUPTED : machine_exit_status(m);
}

void session_free(session_t *s)
{
    if (s->trace)
        fclose(s->trace);
    if (s->state_out)
        fclose(s->state_out);
    if (s->ram_out)
        fclose(s->ram_out);
    if (s->png_out)
        fclose(s->png_out);
    machine_free(s->m);
    tracelog_free(&s->tracelog);
    symbols_free(&s->syms);
    *s = (session_t){0};
}
