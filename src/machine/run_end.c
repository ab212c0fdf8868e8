/* run_end.c — when a run ends (docs/machine.md §6), decided here and nowhere else. */
#include "machine/machine.h"

bool machine_devices_may_interrupt(const machine_t *m)
{
    for (unsigned i = 0; i < m->devices; i++) {
        const device_class_t *cls = m->dev[i].cls;
        if (cls->may_interrupt && cls->may_interrupt(m->dev[i].state))
            return true;
    }
    return false;
}

/* Nothing can ever interrupt: interrupts are off (IA = 0), or none waits in the queue and
 * no device can still raise one. */
static bool nothing_can_interrupt(const machine_t *m)
{
    const dcpu_t *c = &m->cpu;
    return c->ia == 0 || (c->irq_count == 0 && !machine_devices_may_interrupt(m));
}

machine_state_t machine_run_end(const machine_t *m, machine_moment_t at)
{
    if (m->state != MACHINE_RUNNING)
        return m->state;
    /* A halt lets its instruction complete; so does a fault other than an illegal opcode. */
    if (m->halt_requested)
        return MACHINE_HALTED;
    if (m->cpu.fault != CPU_FAULT_NONE)
        return MACHINE_FAULT;
    /* The classic end: decided right after the jump to itself (the CPU then stays idle). */
    if (at == MACHINE_AFTER_SELF_JUMP ? nothing_can_interrupt(m) : m->cpu.idle)
        return MACHINE_CLASSIC_END;
    /* --max-cycles: checked only at a boundary, once the events due there were handled. */
    if (at == MACHINE_AT_BOUNDARY && m->opts.max_cycles && m->cpu.cycles >= m->opts.max_cycles)
        return MACHINE_CYCLE_LIMIT;
    return MACHINE_RUNNING;
}
