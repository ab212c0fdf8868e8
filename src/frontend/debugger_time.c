/* debugger_time.c — the debugger's save, load and back (docs/cli.md "Debugger"): back
 * restores the snapshot of the nearest earlier stop and re-runs to the instruction asked
 * for, quietly (no console output, log, trace or stops), which is exact because the machine
 * is deterministic. */
#include <inttypes.h>
#include <stdio.h>

#include "frontend/debugger_int.h"
#include "machine/snapshot.h"

void debugger_remember_stop(debugger_t *d)
{
    const timeline_entry_t *e = timeline_newest(&d->timeline);
    const dcpu_t *cpu = &d->m->cpu;
    if (e && e->cycles == cpu->cycles && e->instructions == cpu->instructions)
        return;
    timeline_push(&d->timeline, d->m); /* out of memory: back reaches less far, no more */
}

/* Steps to instruction count target with nothing of the re-run shown. */
static void rerun_quietly(debugger_t *d, uint64_t target)
{
    machine_t *m = d->m;
    void (*out)(void *, uint8_t) = m->host.text_out;
    void (*log)(void *, const char *) = m->opts.log;
    m->host.text_out = NULL;
    m->opts.log = NULL;
    machine_set_trace(m, NULL, NULL);
    while (m->state == MACHINE_RUNNING && m->cpu.instructions < target)
        machine_step(m);
    m->host.text_out = out;
    m->opts.log = log;
    session_update_trace(d->s);
    d->watch_hit = false;
    d->s->break_requested = false;
}

static cmd_result_t cmd_back(debugger_t *d, const dbgcmd_t *cmd)
{
    uint64_t n = 1;
    char err[DBGCMD_ARG_MAX + 128];
    if (cmd->argc && dbgcmd_count(cmd, 0, 1, UINT64_MAX, &n, err, sizeof err) != 0) {
        debugger_complain(d, err);
        return CMD_STAY;
    }
    uint64_t now = d->m->cpu.instructions;
    if (n > now) {
        snprintf(err, sizeof err, "back: only %" PRIu64 " instructions have run", now);
        debugger_complain(d, err);
        return CMD_STAY;
    }
    const timeline_entry_t *e = timeline_before(&d->timeline, now - n);
    if (!e) {
        snprintf(err, sizeof err, "back: no stop that early is kept (--rewind-mb)");
        debugger_complain(d, err);
        return CMD_STAY;
    }
    char why[200];
    if (snapshot_load_host(d->m, &d->s->snap_host, e->bytes, e->size, why, sizeof why) !=
        SNAPSHOT_OK) {
        snprintf(err, sizeof err, "back: %s", why);
        debugger_complain(d, err);
        return CMD_STAY;
    }
    rerun_quietly(d, now - n);
    debugger_stop(d, "back %" PRIu64 " instruction%s, at cycle %" PRIu64, n, n == 1 ? "" : "s",
                  d->m->cpu.cycles);
    debugger_remember_stop(d);
    return CMD_STAY;
}

cmd_result_t debugger_time_command(debugger_t *d, const dbgcmd_t *cmd)
{
    const char *path = cmd->arg[0];
    switch (cmd->id) {
    case DBGCMD_SAVE:
        if (session_save_state(d->s, path) == 0)
            debugger_say(d, "state at cycle %" PRIu64 " saved to %s", d->m->cpu.cycles, path);
        break;
    case DBGCMD_LOAD:
        if (session_load_state(d->s, path) == 0) {
            timeline_clear(&d->timeline); /* its stops were of another run */
            debugger_stop(d, "state loaded from %s, at cycle %" PRIu64, path, d->m->cpu.cycles);
            debugger_remember_stop(d);
        }
        break;
    default: return cmd_back(d, cmd);
    }
    return CMD_STAY;
}
