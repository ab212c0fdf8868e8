/* debugger_cmds.c — the debugger's commands: running, points, views, set, trace, help. */
#include <inttypes.h>
#include <string.h>

#include "asm/disasm.h"
#include "frontend/dbgview.h"
#include "frontend/debugger_int.h"

static bool machine_can_run(debugger_t *d, const char *cmd)
{
    if (d->m->state == MACHINE_RUNNING)
        return true;
    char why[ADDR_TEXT + 128], line[ADDR_TEXT + 256];
    snprintf(line, sizeof line, "%s: the machine has ended (%s); quit ends d16", cmd,
             debugger_end_text(d, why, sizeof why));
    debugger_complain(d, line);
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
    debugger_complain(d, line);
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
    debugger_complain(d, err);
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
        debugger_list_points(d);
    else if (eval_arg(d, cmd, 0, &addr) && debugger_add_point(d, watch, addr, err, sizeof err)) {
        snprintf(line, sizeof line, "%s: %s", cmd->name, err);
        debugger_complain(d, line);
    }
    return CMD_STAY;
}

static cmd_result_t cmd_delete(debugger_t *d, const dbgcmd_t *cmd)
{
    uint64_t id;
    char line[128];
    if (count_arg(d, cmd, 0, 1, UINT32_MAX, 0, &id) && !debugger_delete_point(d, (unsigned)id)) {
        snprintf(line, sizeof line, "delete: no breakpoint or watchpoint %" PRIu64
                 " (break and watch list them)", id);
        debugger_complain(d, line);
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
    debugger_say(d, "%s=%04x", dbgcmd_register_name(reg), value);
}

/* Writes through the bus like the CPU would: a device register acts on it. */
static void set_memory(debugger_t *d, uint16_t addr, uint16_t value)
{
    d->own_write = true;
    bus_write_word(&d->m->bus, addr, value);
    d->own_write = false;
    d->s->break_requested = false; /* set [0xff08] is not the guest asking */
    d->m->bus.fault = false;       /* nor a strict-mode fault of the guest's */
    debugger_say(d, "[0x%04x]=%04x", addr, value);
    if (d->m->state != MACHINE_RUNNING)
        debugger_report_end(d);
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
        debugger_complain(d, line);
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
    debugger_say(d, "trace %s", on ? "on" : "off");
    return CMD_STAY;
}

static void help_line(void *ctx, const char *text)
{
    debugger_say(ctx, "  %s", text);
}

static cmd_result_t cmd_help(debugger_t *d, const dbgcmd_t *cmd)
{
    if (cmd->argc) {
        const char *usage = dbgcmd_usage(cmd->arg[0]);
        char line[DBGCMD_ARG_MAX + 64];
        if (usage) {
            debugger_say(d, "  %s", usage);
        } else {
            snprintf(line, sizeof line, "help: unknown command '%s'", cmd->arg[0]);
            debugger_complain(d, line);
        }
        return CMD_STAY;
    }
    debugger_say(d, "commands (short forms: s n c b d w r x q h):");
    dbgcmd_help(help_line, d);
    debugger_say(d, "ADDR and V: numbers (10, 0x1f), registers (A..J PC SP EX IA), labels, "
                    "joined by");
    debugger_say(d, "+ and - without spaces (loop+2, SP+1). A blank line repeats step or next.");
    return CMD_STAY;
}

cmd_result_t debugger_execute(debugger_t *d, const dbgcmd_t *cmd)
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
    case DBGCMD_SAVE:
    case DBGCMD_LOAD:
    case DBGCMD_BACK: return debugger_time_command(d, cmd);
    case DBGCMD_QUIT:
        d->s->quit = d->m->state == MACHINE_RUNNING;
        return CMD_QUIT;
    default: return cmd_view(d, cmd);
    }
}

