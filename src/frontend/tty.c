/* tty.c — the terminal front end's loop: like the window's, one frame of clock/60 cycles
 * per 1/60 s (pacer.h), the picture when it changed, then a sleep in curses' wait for a
 * key until the frame's deadline. Paused and ended machines only wait for keys. */
#include "frontend/tty.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "frontend/tty_int.h"
#include "frontend/tty_keys.h"

/* While paused or ended the loop sleeps this long at most between looks at SIGINT. */
#define TTY_IDLE_WAIT_MS 250
/* Cycles between looks at the clock while a frame runs. */
#define TTY_CHUNK 20000u
#define NS_PER_SECOND 1000000000u

static const char *const tty_key_help[] = {
    "d16 terminal keys:",
    "  F1   this help",
    "  F5   reset (the image is loaded again)",
    "  F8   pause / resume",
    "  F9   turbo on / off: as fast as the host allows",
    "  F10 or Ctrl-]  quit",
    "Every other key goes to the guest's keyboard.",
};

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * NS_PER_SECOND + (uint64_t)ts.tv_nsec;
}

static uint32_t clock_hz(const tty_t *t)
{
    return t->s->m->opts.clock_hz ? t->s->m->opts.clock_hz : MACHINE_DEFAULT_HZ;
}

static bool machine_active(const tty_t *t)
{
    return !t->paused && t->s->m->state == MACHINE_RUNNING;
}

static bool should_stop(const tty_t *t)
{
    return t->quit || *t->s->stop; /* SIGINT, SIGTERM, SIGHUP */
}

/* clock/60 cycles, or as many as fit before the deadline running fast; the frame ends by
 * its deadline either way (a clock the host cannot keep runs slower, never frozen). */
static void run_frame(tty_t *t)
{
    machine_t *m = t->s->m;
    uint64_t target = pacer_begin_frame(&t->pace, clock_hz(t), t->turbo);
    while (machine_active(t) && m->cpu.cycles < target && !should_stop(t)) {
        uint64_t left = target - m->cpu.cycles;
        if (machine_run(m, left < TTY_CHUNK ? left : TTY_CHUNK) == 0 ||
            now_ns() >= t->pace.deadline)
            break;
    }
    pacer_end_frame(&t->pace, m->cpu.cycles);
}

/* ---- the status line */

static void describe_state(const tty_t *t, char *out, size_t size)
{
    const machine_t *m = t->s->m;
    char hz[32];
    switch (m->state) {
    case MACHINE_RUNNING:
        if (t->paused) {
            snprintf(out, size, "paused");
        } else {
            pacer_format_hz(hz, sizeof hz, pacer_shown_speed(&t->pace, clock_hz(t), t->turbo));
            snprintf(out, size, "%s%s", hz, t->turbo ? " (turbo)" : "");
        }
        break;
    case MACHINE_HALTED: snprintf(out, size, "halted, status %d", m->exit_status); break;
    case MACHINE_CLASSIC_END: snprintf(out, size, "ended"); break;
    case MACHINE_CYCLE_LIMIT: snprintf(out, size, "cycle limit reached"); break;
    case MACHINE_FAULT:
        snprintf(out, size, "fault: %s at PC 0x%04x", machine_fault_name(m->fault),
                 m->fault_pc);
        break;
    }
}

static void draw(tty_t *t)
{
    const char *image = t->s->opt.image;
    const char *slash = image ? strrchr(image, '/') : NULL;
    char state[96], status[128];
    describe_state(t, state, sizeof state);
    snprintf(status, sizeof status, " %s | %s", image ? (slash ? slash + 1 : image) : "built-in ROM",
             state);
    tty_screen_draw(t, status,
                    t->s->m->state == MACHINE_RUNNING ? "F1 help  F8 pause  F10 quit "
                                                      : "F5 reset  F10 quit ");
}

/* ---- keys */

static void reset(tty_t *t)
{
    if (session_reset(t->s) != 0)
        tty_console_line(t, "d16: reset: the image could not be loaded again");
    t->paused = false;
    t->pace.carry = 0;
    pacer_restart(&t->pace, now_ns(), t->s->m->cpu.cycles);
}

static void command(tty_t *t, tty_command_t cmd)
{
    switch (cmd) {
    case TTY_CMD_HELP:
        for (size_t i = 0; i < sizeof tty_key_help / sizeof tty_key_help[0]; i++)
            tty_console_line(t, tty_key_help[i]);
        break;
    case TTY_CMD_RESET: reset(t); break;
    case TTY_CMD_PAUSE:
        if (t->s->m->state == MACHINE_RUNNING) {
            t->paused = !t->paused;
            pacer_restart(&t->pace, now_ns(), t->s->m->cpu.cycles);
        }
        break;
    case TTY_CMD_TURBO: t->turbo = !t->turbo; break;
    case TTY_CMD_QUIT: t->quit = true; break;
    case TTY_CMD_NONE: break;
    }
}

static void handle_key(tty_t *t, int ch)
{
    machine_t *m = t->s->m;
    if (ch == KEY_RESIZE) {
        tty_screen_resized(t);
        return;
    }
    tty_command_t cmd = tty_keys_command(ch);
    if (cmd != TTY_CMD_NONE)
        command(t, cmd);
    else if (machine_active(t) && t->keyboard) /* a stopped machine takes no keys */
        tty_keys_press(t->keyboard, ch, m->cpu.cycles);
}

/* Waits up to ms for a key (0: only what is there), then takes every key that came. */
static void take_keys(tty_t *t, int ms)
{
    const tty_curses_t *c = &t->curses;
    c->wtimeout(t->win, ms);
    int ch = c->wgetch(t->win);
    c->wtimeout(t->win, 0);
    while (ch != ERR && !t->quit) {
        handle_key(t, ch);
        ch = c->wgetch(t->win);
    }
}

/* Keys until the frame's deadline; running fast, only those already there. */
static void wait_for_deadline(tty_t *t)
{
    take_keys(t, 0);
    while (!t->turbo && !should_stop(t)) {
        int ms = pacer_ms_left(&t->pace, now_ns());
        if (ms == 0)
            break;
        take_keys(t, ms);
    }
}

static void main_loop(tty_t *t)
{
    machine_t *m = t->s->m;
    bool was_active = false;
    while (!should_stop(t)) {
        if (!machine_active(t)) {
            was_active = false;
            draw(t);
            take_keys(t, TTY_IDLE_WAIT_MS);
            continue;
        }
        if (!was_active)
            pacer_restart(&t->pace, now_ns(), m->cpu.cycles);
        was_active = true;
        run_frame(t);
        session_between_slices(t->s);
        draw(t);
        pacer_measure(&t->pace, now_ns(), m->cpu.cycles);
        wait_for_deadline(t);
        pacer_next_frame(&t->pace, now_ns(), m->cpu.cycles);
    }
}

/* ---- the session's console and log */

static void console_hook(void *ctx, uint8_t byte)
{
    tty_t *t = ctx;
    tty_console_byte(t, byte);
    if (t->out_later)
        putc(byte, t->out_later);
}

static void log_hook(void *ctx, const char *line)
{
    tty_t *t = ctx;
    tty_console_line(t, line);
    if (t->err_later)
        fprintf(t->err_later, "%s\n", line);
}

/* The keys are the keyboard's: the console never reads the terminal, and its input never
 * ends either, so a program that stops at the end of its input (the monitor) stays. */
static void connect(tty_t *t)
{
    session_t *s = t->s;
    t->console_silent = 1;
    s->input.stop = &t->console_silent;
    s->input.interactive = true;
    s->console_hook = console_hook;
    s->log_hook = log_hook;
    s->hook_ctx = t;
    /* Keys can come while the terminal front end runs (docs/machine.md §6). */
    t->keyboard = machine_device(s->m, &keyboard_class);
    if (t->keyboard)
        keyboard_set_live(t->keyboard, true);
    t->out_later = tmpfile();
    t->err_later = tmpfile();
}

static void disconnect(tty_t *t)
{
    session_t *s = t->s;
    s->input.stop = s->stop;
    s->console_hook = NULL;
    s->log_hook = NULL;
    s->hook_ctx = NULL;
    s->closed = !*s->stop; /* quitting ends a running machine with 0; a signal says 128 + it */
}

/* What went to the console area also goes where it goes headless, once curses has gone:
 * the console's bytes to stdout, the log to stderr (machine.md §3.2). */
static void pass_on(FILE *from, FILE *to)
{
    if (!from)
        return;
    rewind(from);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, from)) > 0)
        fwrite(buf, 1, n, to);
    fclose(from);
    fflush(to);
}

static bool display_present(void)
{
#ifdef HAVE_SDL
    const char *x = getenv("DISPLAY"), *wayland = getenv("WAYLAND_DISPLAY");
    return (x && *x) || (wayland && *wayland);
#else
    return false;
#endif
}

bool tty_chosen(const d16_options_t *o)
{
    if (o->tty != TTY_OFF)
        return true;
    bool keys_from_stdin = o->stdin_keys || (o->keys_file && strcmp(o->keys_file, "-") == 0);
    return !o->headless && !session_has_debugger(o) && !keys_from_stdin && !display_present() &&
           isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

bool tty_run(session_t *s)
{
    tty_t *t = calloc(1, sizeof *t); /* holds the console's lines: too big for the stack */
    if (!t) {
        fputs("d16: out of memory for the terminal; running headless\n", stderr);
        return false;
    }
    t->s = s;
    t->ascii = s->opt.tty == TTY_ASCII;
    t->turbo = s->opt.speed_max;
    pacer_init(&t->pace, NS_PER_SECOND);
    char err[256];
    bool opened = tty_screen_open(t, err, sizeof err) == 0;
    if (opened) {
        connect(t);
        main_loop(t);
        disconnect(t);
        tty_screen_close(t);
        pass_on(t->out_later, stdout);
        pass_on(t->err_later, stderr);
    } else {
        fprintf(stderr, "d16: --tty: %s; running headless\n", err);
    }
    free(t);
    return opened;
}
