/* diff_rig.h — the same program on several machines that must agree: one left to its
 * fastest path, one with a path switched off, one held to the plain path (the reference,
 * cpu.c), compared after every slice of a run. For test_fastpath.c, test_jit.c and
 * tests/fuzz/fuzz_jit.c; no Check here, so the fuzz target can use it too.
 *
 *   machine_t *m = diff_boot(&opts, words, n);   a machine with the words at 0 (NULL: refused)
 *   diff_force_plain(m);                          the plain path from now on (a trace hook)
 *   char what[200];
 *   if (diff_find(x, y, with_ram, what, sizeof what))   ...x and y differ: what says where
 */
#ifndef D16_DIFF_RIG_H
#define D16_DIFF_RIG_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cpu/opcodes.h"
#include "machine/machine.h"

#define DIFF_MAX_WORDS 0x10000u

/* A machine running words[0..n) loaded at word 0 (big-endian, as d16asm writes them). */
static inline machine_t *diff_boot(const machine_opts_t *o, const uint16_t *words, unsigned n)
{
    static uint8_t bytes[2 * DIFF_MAX_WORDS];
    if (n == 0 || n > DIFF_MAX_WORDS)
        return NULL;
    machine_t *m = machine_new(o);
    if (!m)
        return NULL;
    for (unsigned i = 0; i < n; i++) {
        bytes[2 * i] = (uint8_t)(words[i] >> 8);
        bytes[2 * i + 1] = (uint8_t)words[i];
    }
    char err[128];
    if (machine_load_image(m, bytes, 2 * (size_t)n, false, 0, err, sizeof err) != 0) {
        machine_free(m);
        return NULL;
    }
    return m;
}

static inline void diff_no_trace(void *ctx, const dcpu_t *cpu)
{
    (void)ctx;
    (void)cpu;
}

/* A trace hook, even one that does nothing, holds the CPU to its plain path (cpu.c). */
static inline void diff_force_plain(machine_t *m)
{
    machine_set_trace(m, diff_no_trace, NULL);
}

/* The CPU's registers, counters, queue and recent-PC history, then the machine's state:
 * true at the first difference, described in what. */
static inline bool diff_find_cpu(const machine_t *mx, const machine_t *my, char *what,
                                 size_t size)
{
    const dcpu_t *x = &mx->cpu, *y = &my->cpu;
    for (unsigned r = 0; r < 8; r++)
        if (x->r[r] != y->r[r])
            return snprintf(what, size, "register %s 0x%04x != 0x%04x", op_register_names[r],
                            x->r[r], y->r[r]),
                   true;
    if (x->pc != y->pc || x->sp != y->sp || x->ex != y->ex || x->ia != y->ia)
        return snprintf(what, size, "PC/SP/EX/IA %04x %04x %04x %04x != %04x %04x %04x %04x",
                        x->pc, x->sp, x->ex, x->ia, y->pc, y->sp, y->ex, y->ia),
               true;
    if (x->cycles != y->cycles || x->instructions != y->instructions)
        return snprintf(what, size, "cycles %llu/%llu, instructions %llu/%llu",
                        (unsigned long long)x->cycles, (unsigned long long)y->cycles,
                        (unsigned long long)x->instructions,
                        (unsigned long long)y->instructions),
               true;
    if (x->queueing != y->queueing || x->irq_count != y->irq_count || x->fault != y->fault ||
        x->idle != y->idle)
        return snprintf(what, size, "queueing %d/%d, queue %u/%u, fault %d/%d or idle differ",
                        x->queueing, y->queueing, (unsigned)x->irq_count,
                        (unsigned)y->irq_count, (int)x->fault, (int)y->fault),
               true;
    for (unsigned k = 0; k < x->irq_count; k++)
        if (x->irq[(x->irq_head + k) % CPU_IRQ_QUEUE] != y->irq[(y->irq_head + k) % CPU_IRQ_QUEUE])
            return snprintf(what, size, "queued interrupt %u differs", k), true;
    unsigned recorded = x->instructions < CPU_HISTORY ? (unsigned)x->instructions : CPU_HISTORY;
    for (unsigned k = 1; k <= recorded; k++)
        if (x->history[(x->history_pos + CPU_HISTORY - k) % CPU_HISTORY] !=
            y->history[(y->history_pos + CPU_HISTORY - k) % CPU_HISTORY])
            return snprintf(what, size, "history entry -%u differs", k), true;
    if (mx->state != my->state || mx->exit_status != my->exit_status ||
        mx->fault != my->fault || mx->fault_pc != my->fault_pc ||
        mx->fault_addr != my->fault_addr)
        return snprintf(what, size, "machine state %d/%d (status %d/%d, fault %d/%d at %04x/%04x)",
                        (int)mx->state, (int)my->state, mx->exit_status, my->exit_status,
                        (int)mx->fault, (int)my->fault, mx->fault_pc, my->fault_pc),
               true;
    return false;
}

/* Everything diff_find_cpu compares, and with with_ram every RAM word: true at the first
 * difference, described in what. */
static inline bool diff_find(const machine_t *x, const machine_t *y, bool with_ram, char *what,
                             size_t size)
{
    if (diff_find_cpu(x, y, what, size))
        return true;
    if (with_ram && memcmp(x->bus.ram, y->bus.ram, BUS_BYTES) != 0) {
        unsigned at = 0;
        while (x->bus.ram[at] == y->bus.ram[at])
            at++;
        return snprintf(what, size, "RAM differs first at word 0x%04x", at / 2), true;
    }
    return false;
}

#endif
