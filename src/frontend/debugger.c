/* debugger.c — the monitor: breakpoints and watchpoints, the commands, and the run loop
 * that steps the machine under watch. */
#include "frontend/debugger.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "asm/disasm.h"
#include "frontend/dbgcmd.h"
#include "frontend/dbgview.h"
#include "frontend/headless.h"
#include "frontend/lineinput.h"

#define DEBUGGER_PROMPT "(d16) "
#define ADDR_TEXT (SYMBOLS_NAME_MAX + 24) /* "0x0004 (name+65535)" */

typedef struct debugger_point {
    unsigned id; /* 1, 2, ... in order of creation, never reused */
    bool watch;
    uint16_t addr;
    uint16_t before; /* a watchpoint's word before the current step */
} debugger_point_t;

typedef enum run_mode {
    RUN_CONTINUE,
    RUN_STEP, /* steps_left more steps */
    RUN_NEXT, /* until PC and SP are back where a JSR returns to */
} run_mode_t;

typedef enum cmd_result { CMD_STAY, CMD_RESUME, CMD_QUIT } cmd_result_t;

typedef void (*write_hook_fn)(void *ctx, uint32_t addr);

struct debugger {
    session_t *s;
    machine_t *m;
    FILE *out;
    lineinput_t in;
    bool stopped;
    bool resuming; /* the first step after a stop runs even on a breakpoint */
    run_mode_t mode;
    uint64_t steps_left;
    uint16_t return_pc, return_sp;

    debugger_point_t point[DEBUGGER_MAX_POINTS];
    unsigned points, last_id, watches;
    bool watch_hit; /* a watched word was written in this step (the first one: hit_word) */
    uint16_t hit_word;
    bool own_write; /* the monitor's set is not a watch hit */
    write_hook_fn chained_ram_write, chained_io_write; /* hooks that were there before */
    void *chained_ram_ctx, *chained_io_ctx;

    char repeat[LINEINPUT_MAX + 1]; /* a blank line at the terminal repeats step or next */
    uint8_t breakpoint[0x10000];    /* breakpoints per address */
    uint8_t watched[0x10000];       /* watchpoints per word */
};

/* ---- output */

static void say(debugger_t *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(debugger_t *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(d->out, fmt, ap);
    va_end(ap);
    fputc('\n', d->out);
}

/* One line; from a batch file or a pipe it names the line the command came from. */
static void complain(debugger_t *d, const char *message)
{
    if (d->in.interactive)
        fprintf(d->out, "error: %s\n", message);
    else
        fprintf(d->out, "%s:%u: error: %s\n", d->in.name, d->in.lineno, message);
}

static const char *addr_text(const debugger_t *d, uint16_t addr, char *buf)
{
    return dbgview_addr(&d->s->syms, addr, buf, ADDR_TEXT);
}

static void show_where(debugger_t *d)
{
    dbgview_dis(d->out, d->m, &d->s->syms, d->m->cpu.pc, 1, d->breakpoint);
}

/* Stops the run: "stopped: why" (when there is a why), then the next instruction. */
static void stop(debugger_t *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void stop(debugger_t *d, const char *fmt, ...)
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
static const char *end_text(const debugger_t *d, char *buf, size_t size)
{
    const machine_t *m = d->m;
    char where[ADDR_TEXT];
    switch (m->state) {
    case MACHINE_HALTED: snprintf(buf, size, "the guest halted with status %d", m->exit_status); break;
    case MACHINE_CLASSIC_END: snprintf(buf, size, "classic end (a jump to itself, nothing left to interrupt it)"); break;
    case MACHINE_CYCLE_LIMIT:
        snprintf(buf, size, "--max-cycles reached at cycle %" PRIu64, m->cpu.cycles);
        break;
    case MACHINE_FAULT:
        snprintf(buf, size, "machine fault: %s at PC %s", machine_fault_name(m->fault),
                 addr_text(d, m->fault_pc, where));
        break;
    default: snprintf(buf, size, "running"); break;
    }
    return buf;
}

static void report_end(debugger_t *d)
{
    char why[ADDR_TEXT + 128];
    stop(d, "%s", end_text(d, why, sizeof why));
}

/* ---- breakpoints and watchpoints */

static debugger_point_t *find_point(debugger_t *d, bool watch, uint16_t addr)
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

static int add_point(debugger_t *d, bool watch, uint16_t addr, char *err, size_t size)
{
    char at[ADDR_TEXT];
    const debugger_point_t *old = find_point(d, watch, addr);
    if (old) {
        snprintf(err, size, "%s %u is already at %s", point_kind(watch), old->id,
                 addr_text(d, addr, at));
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
    say(d, "%s %u at %s", point_kind(watch), p->id, addr_text(d, addr, at));
    return 0;
}

static bool delete_point(debugger_t *d, unsigned id)
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
        say(d, "deleted %s %u", point_kind(p.watch), id);
        return true;
    }
    return false;
}

static void list_points(debugger_t *d)
{
    if (d->points == 0)
        say(d, "no breakpoints or watchpoints");
    for (unsigned i = 0; i < d->points; i++) {
        char at[ADDR_TEXT];
        say(d, "%u %s at %s", d->point[i].id, point_kind(d->point[i].watch),
            addr_text(d, d->point[i].addr, at));
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

/* ---- the run loop */

/* The address the next step runs first: a pending interrupt is taken before it. */
static uint16_t next_to_run(const dcpu_t *c)
{
    return c->irq_count && !c->queueing && c->ia ? c->ia : c->pc;
}

static void stop_at_breakpoint(debugger_t *d, uint16_t at)
{
    const dcpu_t *c = &d->m->cpu;
    const debugger_point_t *p = find_point(d, false, at);
    char where[ADDR_TEXT], from[ADDR_TEXT];
    if (at == c->pc)
        stop(d, "breakpoint %u at %s", p->id, addr_text(d, at, where));
    else
        stop(d, "breakpoint %u at %s: interrupt 0x%04x is taken there next, from PC %s", p->id,
             addr_text(d, at, where), c->irq[c->irq_head], addr_text(d, c->pc, from));
}

/* What stops the machine before a step; true when it stopped. */
static bool stopped_before_step(debugger_t *d)
{
    if (d->m->state != MACHINE_RUNNING) {
        report_end(d);
        return true;
    }
    if (*d->s->stop) {
        session_clear_interrupt(d->s);
        stop(d, "interrupted (Ctrl-C)");
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
    const debugger_point_t *p = find_point(d, true, d->hit_word);
    uint16_t now = bus_peek_word(&d->m->bus, d->hit_word);
    char at[ADDR_TEXT], by[ADDR_TEXT];
    stop(d, "watchpoint %u: %s written by the instruction at %s: %04x -> %04x", p->id,
         addr_text(d, d->hit_word, at), addr_text(d, ran, by), p->before, now);
}

/* What stops the machine after a step; true when it stopped. ran: the step's instruction. */
static bool stopped_after_step(debugger_t *d, uint16_t ran)
{
    const dcpu_t *c = &d->m->cpu;
    char at[ADDR_TEXT];
    if (d->watch_hit) {
        stop_at_watchpoint(d, ran);
    } else if (d->s->break_requested) {
        d->s->break_requested = false;
        stop(d, "BREAK by the guest (the instruction at %s)", addr_text(d, ran, at));
    } else if (d->m->state != MACHINE_RUNNING) {
        report_end(d);
    } else if (d->mode == RUN_STEP && --d->steps_left == 0) {
        stop(d, NULL);
    } else if (d->mode == RUN_NEXT && c->pc == d->return_pc && c->sp == d->return_sp) {
        stop(d, NULL);
    }
    return d->stopped;
}

bool debugger_run(debugger_t *d, uint64_t budget)
{
    machine_t *m = d->m;
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

/* ---- commands */

static bool machine_can_run(debugger_t *d, const char *cmd)
{
    if (d->m->state == MACHINE_RUNNING)
        return true;
    char why[ADDR_TEXT + 128], line[ADDR_TEXT + 256];
    snprintf(line, sizeof line, "%s: the machine has ended (%s); quit ends d16", cmd,
             end_text(d, why, sizeof why));
    complain(d, line);
    return false;
}

/* An address argument; false (with the error shown) when it is not one. */
static bool eval_arg(debugger_t *d, const dbgcmd_t *cmd, unsigned index, uint16_t *value)
{
    dbgcmd_env_t env = {&d->s->syms, &d->m->cpu};
    char err[256], line[320];
    if (dbgcmd_eval(cmd->arg[index], &env, value, err, sizeof err) == 0)
        return true;
    snprintf(line, sizeof line, "%s: %s", cmd->name, err);
    complain(d, line);
    return false;
}

static bool count_arg(debugger_t *d, const dbgcmd_t *cmd, unsigned index, uint64_t min,
                      uint64_t max, uint64_t fallback, uint64_t *value)
{
    char err[256];
    if (index >= cmd->argc) {
        *value = fallback;
        return true;
    }
    if (dbgcmd_count(cmd, index, min, max, value, err, sizeof err) == 0)
        return true;
    complain(d, err);
    return false;
}

static cmd_result_t cmd_step(debugger_t *d, const dbgcmd_t *cmd)
{
    uint64_t n;
    if (!machine_can_run(d, cmd->name) || !count_arg(d, cmd, 0, 1, UINT32_MAX, 1, &n))
        return CMD_STAY;
    d->mode = RUN_STEP;
    d->steps_left = n;
    return CMD_RESUME;
}

static bool is_jsr(uint16_t word)
{
    return (word & 0x1f) == 0 && ((word >> 5) & 0x1f) == 0x01;
}

static cmd_result_t cmd_next(debugger_t *d, const dbgcmd_t *cmd)
{
    if (!machine_can_run(d, cmd->name))
        return CMD_STAY;
    const dcpu_t *c = &d->m->cpu;
    uint16_t w[3];
    for (unsigned i = 0; i < 3; i++)
        w[i] = bus_peek_word(&d->m->bus, (uint16_t)(c->pc + i));
    if (is_jsr(w[0])) {
        d->mode = RUN_NEXT;
        d->return_pc = (uint16_t)(c->pc + disasm_format(w, NULL, 0));
        d->return_sp = c->sp;
    } else {
        d->mode = RUN_STEP;
        d->steps_left = 1;
    }
    return CMD_RESUME;
}

static cmd_result_t cmd_point(debugger_t *d, const dbgcmd_t *cmd, bool watch)
{
    uint16_t addr;
    char err[ADDR_TEXT + 64], line[ADDR_TEXT + 128];
    if (cmd->argc == 0)
        list_points(d);
    else if (eval_arg(d, cmd, 0, &addr) && add_point(d, watch, addr, err, sizeof err)) {
        snprintf(line, sizeof line, "%s: %s", cmd->name, err);
        complain(d, line);
    }
    return CMD_STAY;
}

static cmd_result_t cmd_delete(debugger_t *d, const dbgcmd_t *cmd)
{
    uint64_t id;
    char line[128];
    if (count_arg(d, cmd, 0, 1, UINT32_MAX, 0, &id) && !delete_point(d, (unsigned)id)) {
        snprintf(line, sizeof line, "delete: no breakpoint or watchpoint %" PRIu64
                 " (break and watch list them)", id);
        complain(d, line);
    }
    return CMD_STAY;
}

static void set_register(debugger_t *d, int reg, uint16_t value)
{
    dcpu_t *c = &d->m->cpu;
    switch (reg) {
    case DBGCMD_REG_PC: c->pc = value; break;
    case DBGCMD_REG_SP: c->sp = value; break;
    case DBGCMD_REG_EX: c->ex = value; break;
    case DBGCMD_REG_IA: c->ia = value; break;
    default: c->r[reg] = value; break;
    }
    say(d, "%s=%04x", dbgcmd_register_name(reg), value);
}

/* Writes through the bus like the CPU would: a device register acts on it. */
static void set_memory(debugger_t *d, uint16_t addr, uint16_t value)
{
    d->own_write = true;
    bus_write_word(&d->m->bus, addr, value);
    d->own_write = false;
    d->s->break_requested = false; /* set [0xff08] is not the guest asking */
    d->m->bus.fault = false;       /* nor a strict-mode fault of the guest's */
    say(d, "[0x%04x]=%04x", addr, value);
    if (d->m->state != MACHINE_RUNNING)
        report_end(d);
}

static cmd_result_t cmd_set(debugger_t *d, const dbgcmd_t *cmd)
{
    uint16_t value;
    const char *target = cmd->arg[0];
    size_t len = strlen(target);
    if (len >= 3 && target[0] == '[' && target[len - 1] == ']') {
        dbgcmd_t inner = *cmd;
        memcpy(inner.arg[0], target + 1, len - 2);
        inner.arg[0][len - 2] = '\0';
        uint16_t addr;
        if (eval_arg(d, &inner, 0, &addr) && eval_arg(d, cmd, 1, &value))
            set_memory(d, addr, value);
        return CMD_STAY;
    }
    int reg = dbgcmd_register(target);
    if (reg < 0) {
        char line[DBGCMD_ARG_MAX + 96];
        snprintf(line, sizeof line,
                 "set: '%s' is not a register (A..J, PC, SP, EX, IA) or [ADDR]", target);
        complain(d, line);
    } else if (eval_arg(d, cmd, 1, &value)) {
        set_register(d, reg, value);
    }
    return CMD_STAY;
}

static cmd_result_t cmd_view(debugger_t *d, const dbgcmd_t *cmd)
{
    const machine_t *m = d->m;
    const symbols_t *syms = &d->s->syms;
    uint16_t addr = m->cpu.pc;
    uint64_t n;
    switch (cmd->id) {
    case DBGCMD_REGS: dbgview_regs(d->out, m, syms); break;
    case DBGCMD_MEM:
        if (eval_arg(d, cmd, 0, &addr) && count_arg(d, cmd, 1, 1, 0x10000, 8, &n))
            dbgview_mem(d->out, m, syms, addr, (uint32_t)n);
        break;
    case DBGCMD_DIS:
        if ((cmd->argc == 0 || eval_arg(d, cmd, 0, &addr)) &&
            count_arg(d, cmd, 1, 1, 0x10000, 8, &n))
            dbgview_dis(d->out, m, syms, addr, (unsigned)n, d->breakpoint);
        break;
    case DBGCMD_STACK:
        if (count_arg(d, cmd, 0, 1, 0x10000, 8, &n))
            dbgview_stack(d->out, m, syms, (uint32_t)n);
        break;
    case DBGCMD_HW: dbgview_hw(d->out, m); break;
    case DBGCMD_CYCLES: dbgview_cycles(d->out, m); break;
    default: break;
    }
    return CMD_STAY;
}

static cmd_result_t cmd_trace(debugger_t *d, const dbgcmd_t *cmd)
{
    bool on = strcmp(cmd->arg[0], "on") == 0;
    d->s->tracelog.echo = on ? d->out : NULL;
    session_update_trace(d->s);
    say(d, "trace %s", on ? "on" : "off");
    return CMD_STAY;
}

static void help_line(void *ctx, const char *text)
{
    say(ctx, "  %s", text);
}

static cmd_result_t cmd_help(debugger_t *d, const dbgcmd_t *cmd)
{
    if (cmd->argc) {
        const char *usage = dbgcmd_usage(cmd->arg[0]);
        char line[DBGCMD_ARG_MAX + 64];
        if (usage) {
            say(d, "  %s", usage);
        } else {
            snprintf(line, sizeof line, "help: unknown command '%s'", cmd->arg[0]);
            complain(d, line);
        }
        return CMD_STAY;
    }
    say(d, "commands (short forms: s n c b d w r x q h):");
    dbgcmd_help(help_line, d);
    say(d, "ADDR and V: numbers (10, 0x1f), registers (A..J PC SP EX IA), labels, joined by");
    say(d, "+ and - without spaces (loop+2, SP+1). A blank line repeats step or next.");
    return CMD_STAY;
}

static cmd_result_t execute(debugger_t *d, const dbgcmd_t *cmd)
{
    switch (cmd->id) {
    case DBGCMD_NONE: return CMD_STAY;
    case DBGCMD_STEP: return cmd_step(d, cmd);
    case DBGCMD_NEXT: return cmd_next(d, cmd);
    case DBGCMD_CONTINUE:
        if (!machine_can_run(d, cmd->name))
            return CMD_STAY;
        d->mode = RUN_CONTINUE;
        return CMD_RESUME;
    case DBGCMD_BREAK: return cmd_point(d, cmd, false);
    case DBGCMD_WATCH: return cmd_point(d, cmd, true);
    case DBGCMD_DELETE: return cmd_delete(d, cmd);
    case DBGCMD_SET: return cmd_set(d, cmd);
    case DBGCMD_TRACE: return cmd_trace(d, cmd);
    case DBGCMD_HELP: return cmd_help(d, cmd);
    case DBGCMD_QUIT:
        d->s->quit = d->m->state == MACHINE_RUNNING;
        return CMD_QUIT;
    default: return cmd_view(d, cmd);
    }
}

/* ---- the prompt */

static bool blank(const char *line)
{
    return line[strspn(line, " \t\r")] == '\0';
}

debugger_action_t debugger_prompt(debugger_t *d)
{
    while (d->stopped) {
        fflush(d->out);
        const char *line = lineinput_read(&d->in, DEBUGGER_PROMPT);
        if (!line) {
            if (d->in.interactive)
                fputc('\n', d->out);
            d->s->quit = d->m->state == MACHINE_RUNNING;
            return DEBUGGER_QUIT;
        }
        if (*d->s->stop)
            session_clear_interrupt(d->s); /* Ctrl-C at the prompt stops nothing */
        if (d->in.echo && !blank(line))
            fprintf(d->out, "%s%s\n", DEBUGGER_PROMPT, line);
        if (d->in.truncated) {
            char msg[64];
            snprintf(msg, sizeof msg, "a line longer than %d characters", LINEINPUT_MAX);
            complain(d, msg);
            continue;
        }
        if (d->in.interactive && blank(line))
            line = d->repeat;
        dbgcmd_t cmd;
        char err[DBGCMD_ARG_MAX + 128];
        if (dbgcmd_parse(line, &cmd, err, sizeof err) != 0) {
            complain(d, err);
            continue;
        }
        if (cmd.id != DBGCMD_NONE && line != d->repeat)
            snprintf(d->repeat, sizeof d->repeat, "%s",
                     cmd.id == DBGCMD_STEP || cmd.id == DBGCMD_NEXT ? line : "");
        cmd_result_t r = execute(d, &cmd);
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
        if (!find_point(d, false, addr) && add_point(d, false, addr, why, sizeof why) != 0) {
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
    if (lineinput_open(&d->in, s->opt.batch, err, err_size) != 0) {
        free(d);
        return NULL;
    }
    if (add_breaks(d, err, err_size) != 0) {
        debugger_free(d);
        return NULL;
    }
    bus_t *bus = &d->m->bus;
    d->chained_ram_write = bus->on_ram_write;
    d->chained_ram_ctx = bus->on_ram_write_ctx;
    d->chained_io_write = bus->on_io_write;
    d->chained_io_ctx = bus->on_io_write_ctx;
    bus->on_ram_write = ram_written;
    bus->on_ram_write_ctx = d;
    bus->on_io_write = io_written;
    bus->on_io_write_ctx = d;
    if (s->opt.debug) {
        if (d->in.interactive)
            say(d, "d16 monitor: help lists the commands");
        stop(d, "before the first instruction");
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
        bus->on_io_write = d->chained_io_write;
        bus->on_io_write_ctx = d->chained_io_ctx;
    }
    if (d->s->tracelog.echo == d->out) {
        d->s->tracelog.echo = NULL;
        session_update_trace(d->s);
    }
    lineinput_close(&d->in);
    fflush(d->out);
    free(d);
}
