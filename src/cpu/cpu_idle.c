/* cpu_idle.c — idle skip: a guest that can only spin until the next device event costs
 * nothing (docs/machine.md, "Interrupts: Waiting").
 *
 * At a loop's head, one pass is simulated on a copy of the registers, reading memory
 * without side effects. When the pass comes back to the head having written no memory,
 * called no HWI (no special instruction at all), read only RAM (no device register) and
 * left every register, SP and EX as it found them, the next pass starts from the same
 * state and nothing outside the CPU can change anything before the next device event
 * (cpu->limit): devices act only at their events or when the CPU touches them, and no
 * interrupt can be taken in between (none is pending, or queueing is on). So every pass
 * until then is the same pass: the CPU advances its cycles, instruction count and history
 * as running them would, by as many whole passes as end before cpu->limit, and the caller
 * runs what is left as usual. */
#include <string.h>

#include "cpu/cpu_int.h"

/* The copy of the state a pass is simulated on. */
typedef struct idle_sim {
    const bus_t *bus;
    uint16_t r[8], sp, ex, pc;
    uint64_t cycles;  /* of the pass so far */
    bool self_jump;   /* a jump to itself: the classic end's test applies (cpu.c) */
} idle_sim_t;

/* Where an operand is: a register of the copy, a RAM word, or a constant. */
typedef struct idle_loc {
    uint16_t *reg;
    bool mem;
    uint16_t addr;
    uint16_t value;
} idle_loc_t;

/* Code and data must be RAM: a device register may change with time or on being read. */
static bool ram_read(const bus_t *bus, uint16_t w, uint16_t *value)
{
    if (bus_word_is_io(bus, w))
        return false;
    *value = bus_peek_word(bus, w);
    return true;
}

static bool next_word(idle_sim_t *s, uint16_t *w)
{
    s->cycles++; /* every next word costs its lookup cycle */
    return ram_read(s->bus, s->pc++, w);
}

/* As cpu.c's locate; false for PUSH (a write) or a word that is not RAM. */
static bool locate(idle_sim_t *s, unsigned v, bool is_b, idle_loc_t *l)
{
    uint16_t w;
    *l = (idle_loc_t){0};
    if (v >= OPND_SHORT_LIT) {
        l->value = (uint16_t)(v - 0x21);
        return true;
    }
    if (v < OPND_IND) {
        l->reg = &s->r[v];
        return true;
    }
    l->mem = true;
    if (v < OPND_IDX) {
        l->addr = s->r[v & 7];
        return true;
    }
    if (v < OPND_PUSHPOP) {
        if (!next_word(s, &w))
            return false;
        l->addr = (uint16_t)(s->r[v & 7] + w);
        return true;
    }
    switch (v) {
    case OPND_PUSHPOP:
        if (is_b)
            return false;
        l->addr = s->sp++;
        return true;
    case OPND_PEEK: l->addr = s->sp; return true;
    case OPND_PICK:
        if (!next_word(s, &w))
            return false;
        l->addr = (uint16_t)(s->sp + w);
        return true;
    case OPND_MEM: return next_word(s, &l->addr);
    case OPND_LIT:
        l->mem = false;
        return next_word(s, &l->value);
    default:
        l->mem = false;
        l->reg = v == OPND_SP ? &s->sp : v == OPND_PC ? &s->pc : &s->ex;
        return true;
    }
}

static bool loc_read(const idle_sim_t *s, const idle_loc_t *l, uint16_t *v)
{
    if (l->mem)
        return ram_read(s->bus, l->addr, v);
    *v = l->reg ? *l->reg : l->value;
    return true;
}

/* One step as cpu_plain_execute takes it; false when the step is not a waiting one. */
static bool step(idle_sim_t *s)
{
    uint16_t pc0 = s->pc, word, av, bv, sp0 = s->sp, ex0 = s->ex;
    if (!ram_read(s->bus, s->pc++, &word))
        return false;
    unsigned op = word & 0x1f, bcode = (word >> 5) & 0x1f;
    const op_info_t *info = op ? op_basic(op) : NULL;
    if (!info || op == OP_STI || op == OP_STD)
        return false; /* special (JSR, HWI, INT, ...), undefined, or writes I and J */
    s->cycles += info->cycles;
    idle_loc_t la, lb;
    if (!locate(s, word >> 10, false, &la) || !loc_read(s, &la, &av) ||
        !locate(s, bcode, true, &lb))
        return false;
    if (info->flags & OPF_COND) {
        if (!loc_read(s, &lb, &bv))
            return false;
        if (!cpu_condition(op, bv, av))
            s->cycles += cpu_skip_chain(s->bus, &s->pc);
        return true;
    }
    if (lb.mem)
        return false; /* a memory write */
    uint16_t result = av;
    if (!(info->flags & OPF_WRITE_B)) {
        if (!loc_read(s, &lb, &bv))
            return false;
        result = cpu_alu(op, bv, av, &s->ex);
    }
    if (lb.reg)
        *lb.reg = result;
    if (bcode == OPND_PC && s->pc == pc0 && s->sp == sp0 && s->ex == ex0)
        s->self_jump = true;
    return true;
}

/* One pass from s->pc back to head: its steps' PCs into pcs, their number into *n. */
static bool pass(idle_sim_t *s, uint16_t head, uint16_t pcs[CPU_IDLE_STEPS], unsigned *n)
{
    s->cycles = 0;
    *n = 0;
    do {
        if (*n == CPU_IDLE_STEPS)
            return false;
        pcs[(*n)++] = s->pc;
        if (!step(s))
            return false;
    } while (s->pc != head);
    return true;
}

static bool same_registers(const idle_sim_t *x, const idle_sim_t *y)
{
    return memcmp(x->r, y->r, sizeof x->r) == 0 && x->sp == y->sp && x->ex == y->ex;
}

/* Makes the CPU as running `times` passes of steps pcs[0..n) costing cycles each leaves
 * it (the registers are set by the caller). */
static void advance(dcpu_t *cpu, const uint16_t *pcs, unsigned n, uint64_t cycles,
                    uint64_t times)
{
    uint64_t steps = times * n;
    uint64_t kept = steps < CPU_HISTORY ? steps : CPU_HISTORY;
    for (uint64_t t = steps - kept; t < steps; t++)
        cpu->history[(cpu->history_pos + t % CPU_HISTORY) % CPU_HISTORY] = pcs[t % n];
    cpu->history_pos = (unsigned)((cpu->history_pos + steps % CPU_HISTORY) % CPU_HISTORY);
    cpu->instructions += steps;
    cpu->cycles += times * cycles;
}

/* One or two passes from PC: a waiting loop when a pass repeats. */
typedef struct idle_passes {
    idle_sim_t first, second;
    uint16_t pcs1[CPU_IDLE_STEPS], pcs2[CPU_IDLE_STEPS];
    unsigned n1, n2;
    bool first_repeats; /* else the second pass repeats */
} idle_passes_t;

static bool examine(const dcpu_t *cpu, idle_passes_t *p)
{
    const uint16_t head = cpu->pc;
    idle_sim_t start = {.bus = cpu->bus, .sp = cpu->sp, .ex = cpu->ex, .pc = head};
    memcpy(start.r, cpu->r, sizeof start.r);
    /* The first pass may still load registers (a pass that reloads A from RAM after the
     * interrupt changed the word); from the second on, a pass that changes nothing repeats. */
    p->first = start;
    if (!pass(&p->first, head, p->pcs1, &p->n1))
        return false;
    p->first_repeats = same_registers(&p->first, &start);
    p->second = p->first;
    if (!p->first_repeats &&
        (!pass(&p->second, head, p->pcs2, &p->n2) || !same_registers(&p->second, &p->first)))
        return false; /* the passes change something: the next may differ */
    return true;
}

static bool may_skip(const dcpu_t *cpu)
{
    return !cpu->no_idle_skip && cpu->fault == CPU_FAULT_NONE && !cpu->idle &&
           !(cpu->irq_count && !cpu->queueing) && !cpu->bus->fault;
}

cpu_idle_t cpu_idle_skip(dcpu_t *cpu)
{
    if (!may_skip(cpu) || cpu->cycles >= cpu->limit)
        return CPU_IDLE_NOT_NOW;
    idle_passes_t p;
    if (!examine(cpu, &p))
        return CPU_IDLE_BUSY;
    /* A jump to itself may be the classic end, which the plain path finds: never skip it. */
    if ((p.first.self_jump || p.second.self_jump) && cpu_classic_end_due(cpu))
        return CPU_IDLE_NOT_NOW;

    /* Whole passes whose last step boundary is still before the limit: every boundary in
     * them is too, so running them would not have stopped. Each step costs a cycle or
     * more, so passes * n never exceeds the cycles skipped. */
    uint64_t room = cpu->limit - 1 - cpu->cycles;
    if (p.first_repeats) {
        advance(cpu, p.pcs1, p.n1, p.first.cycles, room / p.first.cycles);
        return CPU_IDLE_WAITING;
    }
    if (p.first.cycles > room)
        return CPU_IDLE_WAITING; /* the limit is within the first pass */
    memcpy(cpu->r, p.first.r, sizeof cpu->r); /* registers as the first pass leaves them */
    cpu->sp = p.first.sp;
    cpu->ex = p.first.ex;
    advance(cpu, p.pcs1, p.n1, p.first.cycles, 1);
    advance(cpu, p.pcs2, p.n2, p.second.cycles, (room - p.first.cycles) / p.second.cycles);
    return CPU_IDLE_WAITING;
}

uint32_t cpu_idle_head(const dcpu_t *cpu)
{
    idle_passes_t p;
    if (!may_skip(cpu) || !examine(cpu, &p))
        return CPU_IDLE_NO_HEAD;
    const uint16_t *pcs = p.first_repeats ? p.pcs1 : p.pcs2;
    unsigned n = p.first_repeats ? p.n1 : p.n2;
    for (unsigned i = 0; i < n; i++) /* the step that follows a jump back */
        if (pcs[(i + 1) % n] <= pcs[i])
            return pcs[(i + 1) % n];
    return cpu->pc;
}
