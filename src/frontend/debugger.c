/* debugger.c — the debugger: output, breakpoints and watchpoints, the run loop
 * that steps the machine under watch, and the prompt (the commands: debugger_cmds.c). */
#include "frontend/debugger_int.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/dbgview.h"
#include "frontend/headless.h"

/* ---- output */

void debugger_say(debugger_t *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(d->out, fmt, ap);
    va_end(ap);
    fputc('\n', d->out);
}

/* One line; from a batch file or a pipe it names the line the command came from. */
void debugger_complain(debugger_t *d, const char *message)
{
    if (d->in.interactive)
        fprintf(d->out, "error: %s\n", message);
    else
        fprintf(d->out, "%s:%u: error: %s\n", d->in.name, d->in.lineno, message);
}

const char *debugger_addr_text(const debugger_t *d, uint16_t addr, char *buf)
{
    return dbgview_addr(&d->s->syms, addr, buf, ADDR_TEXT);
}

static void show_where(debugger_t *d)
{
    dbgview_dis(d->out, d->m, &d->s->syms, d->m->cpu.pc, 1, d->breakpoint);
}

/* Stops the run: "stopped: why" (when there is a why), then the next instruction. */
void debugger_stop(debugger_t *d, const char *fmt, ...)
{
    d->stopped = true;
    if (d->s->console_mid_line) { /* the guest's output stays on its own line */
        fputc('\n', d->out);
        d->s->console_mid_line = false;
    }
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        fputs("stopped: ", d->out);
        vfprintf(d->out, fmt, ap);
        va_end(ap);
        fputc('\n', d->out);
    }
    show_where(d);
}

/* Why the machine no longer runs, for messages. */
const char *debugger_end_text(const debugger_t *d, char *buf, size_t size)
{
    const machine_t *m = d->m;
    char where[ADDR_TEXT];
    switch (m->state) {
    case MACHINE_HALTED:
        snprintf(buf, size, "the guest halted with status %d", m->exit_status);
        break;
    case MACHINE_CLASSIC_END:
        snprintf(buf, size, "classic end (a jump to itself, nothing left to interrupt it)");
        break;
    case MACHINE_CYCLE_LIMIT:
        snprintf(buf, size, "--max-cycles reached at cycle %" PRIu64, m->cpu.cycles);
        break;
    case MACHINE_FAULT:
        snprintf(buf, size, "machine fault: %s at PC %s", machine_fault_name(m->fault),
                 debugger_addr_text(d, m->fault_pc, where));
        break;
    default: snprintf(buf, size, "running"); break;
    }
    return buf;
}

void debugger_report_end(debugger_t *d)
{
    char why[ADDR_TEXT + 128];
    debugger_stop(d, "%s", debugger_end_text(d, why, sizeof why));
}

/* ---- breakpoints and watchpoints */

debugger_point_t *debugger_find_point(debugger_t *d, bool watch, uint16_t addr)
{
    for (unsigned i = 0; i < d->points; i++)
        if (d->point[i].watch == watch && d->point[i].addr == addr)
            return &d->point[i];
    return NULL;
}

static const char *point_kind(bool watch)
{
    return watch ? "watchpoint" : "breakpoint";
}

int debugger_add_point(debugger_t *d, bool watch, uint16_t addr, char *err, size_t size)
{
    char at[ADDR_TEXT];
    const debugger_point_t *old = debugger_find_point(d, watch, addr);
    if (old) {
        snprintf(err, size, "%s %u is already at %s", point_kind(watch), old->id,
                 debugger_addr_text(d, addr, at));
        return -1;
    }
    if (d->points == DEBUGGER_MAX_POINTS) {
        snprintf(err, size, "at most %d breakpoints and watchpoints", DEBUGGER_MAX_POINTS);
        return -1;
    }
    debugger_point_t *p = &d->point[d->points++];
    *p = (debugger_point_t){.id = ++d->last_id, .watch = watch, .addr = addr};
    if (watch) {
        d->watched[addr]++;
        d->watches++;
    } else {
        d->breakpoint[addr]++;
    }
    debugger_say(d, "%s %u at %s", point_kind(watch), p->id, debugger_addr_text(d, addr, at));
    return 0;
}

bool debugger_delete_point(debugger_t *d, unsigned id)
{
    for (unsigned i = 0; i < d->points; i++) {
        debugger_point_t p = d->point[i];
        if (p.id != id)
            continue;
        if (p.watch) {
            d->watched[p.addr]--;
            d->watches--;
        } else {
            d->breakpoint[p.addr]--;
        }
        memmove(&d->point[i], &d->point[i + 1], (d->points - i - 1) * sizeof p);
        d->points--;
        debugger_say(d, "deleted %s %u", point_kind(p.watch), id);
        return true;
    }
    return false;
}

void debugger_list_points(debugger_t *d)
{
    if (d->points == 0)
        debugger_say(d, "no breakpoints or watchpoints");
    for (unsigned i = 0; i < d->points; i++) {
        char at[ADDR_TEXT];
        debugger_say(d, "%u %s at %s", d->point[i].id, point_kind(d->point[i].watch),
                     debugger_addr_text(d, d->point[i].addr, at));
    }
}

/* The bus's write hooks: note a watched word, then pass the write on. */
static void note_write(debugger_t *d, uint32_t addr)
{
    uint16_t word = (uint16_t)((addr & BUS_ADDR_MASK) >> 1);
    if (d->watched[word] && !d->own_write && !d->watch_hit) {
        d->watch_hit = true;
        d->hit_word = word;
    }
}

static void ram_written(void *ctx, uint32_t addr)
{
    debugger_t *d = ctx;
    note_write(d, addr);
    if (d->chained_ram_write)
        d->chained_ram_write(d->chained_ram_ctx, addr);
}

static void io_written(void *ctx, uint32_t addr)
{
    debugger_t *d = ctx;
    note_write(d, addr);
    if (d->chained_io_write)
        d->chained_io_write(d->chained_io_ctx, addr);
}

/* Puts the write hooks in front of any the bus has (a decoded-instruction cache's); again
 * when someone replaced them since, so watchpoints keep working. */
static void hook_writes(debugger_t *d)
{
    bus_t *bus = &d->m->bus;
    if (bus->on_ram_write != ram_written) {
        d->chained_ram_write = bus->on_ram_write;
        d->chained_ram_ctx = bus->on_ram_write_ctx;
        bus->on_ram_write = ram_written;
        bus->on_ram_write_ctx = d;
    }
    if (bus->on_io_write != io_written) {
        d->chained_io_write = bus->on_io_write;
        d->chained_io_ctx = bus->on_io_write_ctx;
        bus->on_io_write = io_written;
        bus->on_io_write_ctx = d;
    }
}

/* ---- the run loop */

/* The address the next step runs first: a pending interrupt is taken before it. */
static uint16_t next_to_run(const dcpu_t *c)
{
    return c->irq_count && !c->queueing && c->ia ? c->ia : c->pc;
}

static void stop_at_breakpoint(debugger_t *d, uint16_t at)
{
    const dcpu_t *c = &d->m->cpu;
    const debugger_point_t *p = debugger_find_point(d, false, at);
    char where[ADDR_TEXT], from[ADDR_TEXT];
    if (at == c->pc)
        debugger_stop(d, "breakpoint %u at %s", p->id, debugger_addr_text(d, at, where));
    else
        debugger_stop(d, "breakpoint %u at %s: interrupt 0x%04x is taken there next, from PC %s",
                      p->id, debugger_addr_text(d, at, where), c->irq[c->irq_head],
                      debugger_addr_text(d, c->pc, from));
}

/* What stops the machine before a step; true when it stopped. */
static bool stopped_before_step(debugger_t *d)
{
    if (d->m->state != MACHINE_RUNNING) {
        debugger_report_end(d);
        return true;
    }
    if (session_terminating(d->s))
        return true;
    if (*d->s->stop) {
        session_clear_interrupt(d->s);
        debugger_stop(d, "interrupted (Ctrl-C)");
        return true;
    }
    uint16_t at = next_to_run(&d->m->cpu);
    if (d->breakpoint[at] && !d->resuming) {
        stop_at_breakpoint(d, at);
        return true;
    }
    d->resuming = false;
    return false;
}

static void stop_at_watchpoint(debugger_t *d, uint16_t ran)
{
    d->watch_hit = false;
    const debugger_point_t *p = debugger_find_point(d, true, d->hit_word);
    uint16_t now = bus_peek_word(&d->m->bus, d->hit_word);
    char at[ADDR_TEXT], by[ADDR_TEXT];
    debugger_stop(d, "watchpoint %u: %s written by the instruction at %s: %04x -> %04x", p->id,
                  debugger_addr_text(d, d->hit_word, at), debugger_addr_text(d, ran, by),
                  p->before, now);
}

/* What stops the machine after a step; true when it stopped. ran: the step's instruction. */
static bool stopped_after_step(debugger_t *d, uint16_t ran)
{
    const dcpu_t *c = &d->m->cpu;
    char at[ADDR_TEXT];
    if (d->m->state != MACHINE_RUNNING) {
        /* The end outranks a BREAK or a watchpoint of the same instruction (font DMA over
         * the system controller writes BREAK and HALT at once): the run is over. */
        d->watch_hit = false;
        d->s->break_requested = false;
        debugger_report_end(d);
    } else if (d->watch_hit) {
        stop_at_watchpoint(d, ran);
    } else if (d->s->break_requested) {
        d->s->break_requested = false;
        debugger_stop(d, "BREAK by the guest (the instruction at %s)",
                      debugger_addr_text(d, ran, at));
    } else if (d->mode == RUN_STEP && --d->steps_left == 0) {
        debugger_stop(d, NULL);
    } else if (d->mode == RUN_NEXT && c->pc == d->return_pc && c->sp == d->return_sp) {
        debugger_stop(d, NULL);
    }
    return d->stopped;
}

bool debugger_run(debugger_t *d, uint64_t budget)
{
    machine_t *m = d->m;
    hook_writes(d);
    uint64_t end = budget > UINT64_MAX - m->cpu.cycles ? UINT64_MAX : m->cpu.cycles + budget;
    while (!d->stopped && m->cpu.cycles < end) {
        if (stopped_before_step(d))
            break;
        for (unsigned i = 0; i < d->points && d->watches; i++)
            if (d->point[i].watch)
                d->point[i].before = bus_peek_word(&m->bus, d->point[i].addr);
        uint16_t ran = next_to_run(&m->cpu);
        machine_step(m);
        if (stopped_after_step(d, ran))
            break;
    }
    return d->stopped;
}

void debugger_interrupt(debugger_t *d, const char *why)
{
    if (d->stopped)
        return;
    if (d->m->state != MACHINE_RUNNING)
        debugger_report_end(d);
    else
        debugger_stop(d, "interrupted (%s)", why);
}

/* ---- the prompt */

static bool blank(const char *line)
{
    return line[strspn(line, " \t\r")] == '\0';
}

debugger_action_t debugger_prompt(debugger_t *d)
{
    debugger_remember_stop(d);
    while (d->stopped) {
        fflush(d->out);
        const char *line = lineinput_read(&d->in, DEBUGGER_PROMPT);
        if (!line && d->in.error) {
            fprintf(stderr, "d16: %s:%u: %s\n", d->in.name, d->in.lineno, d->in.error);
            d->s->failed = true;
            return DEBUGGER_QUIT;
        }
        if (!line) {
            if (d->in.interactive)
                fputc('\n', d->out);
            d->s->quit = d->m->state == MACHINE_RUNNING;
            return DEBUGGER_QUIT;
        }
        if (*d->s->stop && !session_terminating(d->s))
            session_clear_interrupt(d->s); /* Ctrl-C at the prompt stops nothing */
        if (d->in.echo && !blank(line))
            fprintf(d->out, "%s%s\n", DEBUGGER_PROMPT, line);
        if (d->in.truncated) {
            char msg[64];
            snprintf(msg, sizeof msg, "a line longer than %d characters", LINEINPUT_MAX);
            debugger_complain(d, msg);
            continue;
        }
        if (d->in.interactive && blank(line))
            line = d->repeat;
        dbgcmd_t cmd;
        char err[DBGCMD_ARG_MAX + 128];
        if (dbgcmd_parse(line, &cmd, err, sizeof err) != 0) {
            debugger_complain(d, err);
            continue;
        }
        if (cmd.id != DBGCMD_NONE && line != d->repeat)
            snprintf(d->repeat, sizeof d->repeat, "%s",
                     cmd.id == DBGCMD_STEP || cmd.id == DBGCMD_NEXT ? line : "");
        cmd_result_t r = debugger_execute(d, &cmd);
        if (r == CMD_QUIT)
            return DEBUGGER_QUIT;
        if (r == CMD_RESUME) {
            d->stopped = false;
            d->resuming = true;
        }
    }
    fflush(d->out);
    return DEBUGGER_RESUME;
}

bool debugger_stopped(const debugger_t *d)
{
    return d->stopped;
}

void debugger_main(debugger_t *d)
{
    for (;;) {
        if (session_terminating(d->s))
            return; /* SIGTERM, SIGHUP: the run ends, dumps written */
        if (d->stopped && debugger_prompt(d) == DEBUGGER_QUIT)
            return;
        debugger_run(d, HEADLESS_SLICE_CYCLES);
        session_between_slices(d->s);
    }
}

/* ---- life cycle */

static int add_breaks(debugger_t *d, char *err, size_t size)
{
    const d16_options_t *o = &d->s->opt;
    dbgcmd_env_t env = {&d->s->syms, &d->m->cpu};
    for (unsigned i = 0; i < o->break_count; i++) {
        uint16_t addr;
        char why[256];
        if (dbgcmd_eval(o->breaks[i], &env, &addr, why, sizeof why) != 0) {
            snprintf(err, size, "--break: %s", why);
            return -1;
        }
        if (!debugger_find_point(d, false, addr) &&
            debugger_add_point(d, false, addr, why, sizeof why) != 0) {
            snprintf(err, size, "--break: %s", why);
            return -1;
        }
    }
    return 0;
}

debugger_t *debugger_new(session_t *s, FILE *out, char *err, size_t err_size)
{
    debugger_t *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    d->s = s;
    d->m = s->m;
    d->out = out;
    timeline_init(&d->timeline, (size_t)(s->opt.rewind_mb ? s->opt.rewind_mb
                                                          : OPTIONS_DEFAULT_REWIND_MB) << 20,
                  &s->snap_host);
    if (lineinput_open(&d->in, s->opt.batch, err, err_size) != 0) {
        free(d);
        return NULL;
    }
    d->in.stop = s->stop;
    if (add_breaks(d, err, err_size) != 0) {
        debugger_free(d);
        return NULL;
    }
    hook_writes(d);
    if (s->opt.debug) {
        if (d->in.interactive)
            debugger_say(d, "d16 debugger: help lists the commands");
        debugger_stop(d, "before the first instruction");
    }
    return d;
}

void debugger_free(debugger_t *d)
{
    if (!d)
        return;
    bus_t *bus = &d->m->bus;
    if (bus->on_ram_write == ram_written) {
        bus->on_ram_write = d->chained_ram_write;
        bus->on_ram_write_ctx = d->chained_ram_ctx;
    }
    if (bus->on_io_write == io_written) {
        bus->on_io_write = d->chained_io_write;
        bus->on_io_write_ctx = d->chained_io_ctx;
    }
    if (d->s->tracelog.echo == d->out) {
        d->s->tracelog.echo = NULL;
        session_update_trace(d->s);
    }
    lineinput_close(&d->in);
    timeline_free(&d->timeline);
    fflush(d->out);
    free(d);
}
