/* cpu.c — the DCPU-16 v1.7 core: the plain path (operand decoding, the instruction set,
 * interrupts) and the run loop, which hands the common case to the fast path (cpu_fast.c).
 * What an opcode is called, what it costs and how it uses its operands comes from
 * opcodes.def; this file says what each instruction does. */
#include "cpu/cpu.h"

#include <stdlib.h>
#include <string.h>

#include "cpu/cpu_int.h"

#define CPU_ILLEGAL_NOP_CYCLES 1 /* docs/machine.md §1: --illegal=nop */

/* Per-opcode facts from the table; defined = false marks an undefined code. */
typedef struct op_meta {
    uint8_t cycles;
    uint8_t flags;
    bool defined;
} op_meta_t;

static const op_meta_t basic_meta[32] = {
#define OP_BASIC(name, code, cycles, flags) [code] = {cycles, flags, true},
#include "cpu/opcodes.def"
};

static const op_meta_t special_meta[32] = {
#define OP_SPECIAL(name, code, cycles, flags) [code] = {cycles, flags, true},
#include "cpu/opcodes.def"
};

/* Lookup cost of each operand kind (COST_IDX, COST_PICK, ...). */
enum operand_cost {
#define OPERAND_GROUP(name, code, count, cycles, flags, syntax) COST_##name = cycles,
#include "cpu/opcodes.def"
};

/* Where an operand lives. Registers are fields of the dcpu_t; memory is a word address
 * that every access resolves through the bus, never a host pointer. */
typedef enum loc_kind { LOC_REG, LOC_MEM, LOC_LIT } loc_kind_t;

typedef struct cpu_loc {
    loc_kind_t kind;
    uint16_t *reg;  /* LOC_REG */
    uint16_t addr;  /* LOC_MEM */
    uint16_t value; /* LOC_LIT: writes to it are dropped */
} cpu_loc_t;

static inline cpu_loc_t loc_reg(uint16_t *reg)
{
    return (cpu_loc_t){.kind = LOC_REG, .reg = reg};
}

static inline cpu_loc_t loc_mem(unsigned addr)
{
    return (cpu_loc_t){.kind = LOC_MEM, .addr = (uint16_t)addr};
}

static inline cpu_loc_t loc_lit(unsigned value)
{
    return (cpu_loc_t){.kind = LOC_LIT, .value = (uint16_t)value};
}

static inline uint16_t loc_read(dcpu_t *cpu, const cpu_loc_t *l)
{
    switch (l->kind) {
    case LOC_REG: return *l->reg;
    case LOC_MEM: return bus_read_word(cpu->bus, l->addr);
    default: return l->value;
    }
}

static inline void loc_write(dcpu_t *cpu, const cpu_loc_t *l, uint16_t v)
{
    if (l->kind == LOC_REG)
        *l->reg = v;
    else if (l->kind == LOC_MEM)
        bus_write_word(cpu->bus, l->addr, v);
}

/* [PC++], charging the operand's lookup cost. */
static inline uint16_t next_word(dcpu_t *cpu, unsigned *cost, unsigned lookup)
{
    *cost += lookup;
    return bus_read_word(cpu->bus, cpu->pc++);
}

/* Resolves operand code v, consuming its next word and applying its SP side effect.
 * 0x18 is PUSH as b and POP as a (special opcodes only have a, so there it is POP). */
static inline cpu_loc_t locate(dcpu_t *cpu, unsigned v, bool is_b, unsigned *cost)
{
    if (v >= OPND_SHORT_LIT)
        return loc_lit(operand_short_value(v)); /* 0x20 is 0xffff */
    if (v < OPND_IND)
        return loc_reg(&cpu->r[v]);
    if (v < OPND_IDX)
        return loc_mem(cpu->r[v & 7]);
    if (v < OPND_PUSHPOP)
        return loc_mem(cpu->r[v & 7] + next_word(cpu, cost, COST_IDX));
    switch (v) {
    case OPND_PUSHPOP: return is_b ? loc_mem(--cpu->sp) : loc_mem(cpu->sp++);
    case OPND_PEEK: return loc_mem(cpu->sp);
    case OPND_PICK: return loc_mem(cpu->sp + next_word(cpu, cost, COST_PICK));
    case OPND_SP: return loc_reg(&cpu->sp);
    case OPND_PC: return loc_reg(&cpu->pc);
    case OPND_EX: return loc_reg(&cpu->ex);
    case OPND_MEM: return loc_mem(next_word(cpu, cost, COST_MEM));
    default: return loc_lit(next_word(cpu, cost, COST_LIT));
    }
}

static inline void push(dcpu_t *cpu, uint16_t v)
{
    bus_write_word(cpu->bus, --cpu->sp, v);
}

static inline uint16_t pop(dcpu_t *cpu)
{
    return bus_read_word(cpu->bus, cpu->sp++);
}

/* The failed test of a conditional: steps over the next instruction, and over every
 * conditional after it, evaluating nothing. Peeks, so a skipped word in the I/O page has no
 * effect; the walk is bounded so memory full of IFs cannot hang the step. */
unsigned cpu_skip_chain(const bus_t *bus, uint16_t *pc)
{
    unsigned extra = 1;
    for (unsigned n = 0; n <= 0xffff; n++) {
        uint16_t w = bus_peek_word(bus, *pc);
        *pc = (uint16_t)(*pc + op_length(w));
        if (!(basic_meta[w & 0x1f].flags & OPF_COND))
            break;
        extra++;
    }
    return extra;
}

/* A basic instruction after its first word: a, then b, then the operation. */
static inline void exec_basic(dcpu_t *cpu, unsigned op, unsigned flags, unsigned bcode,
                              unsigned acode, unsigned *cost)
{
    cpu_loc_t la = locate(cpu, acode, false, cost);
    uint16_t a = loc_read(cpu, &la);
    cpu_loc_t lb = locate(cpu, bcode, true, cost); /* located once, even for RMW */

    if (flags & OPF_WRITE_B) {
        loc_write(cpu, &lb, a);
        if (op == OP_STI) {
            cpu->r[REG_I]++;
            cpu->r[REG_J]++;
        } else if (op == OP_STD) {
            cpu->r[REG_I]--;
            cpu->r[REG_J]--;
        }
        return;
    }
    uint16_t b = loc_read(cpu, &lb);
    if (flags & OPF_COND) {
        if (!cpu_condition(op, b, a))
            *cost += cpu_skip_chain(cpu->bus, &cpu->pc);
        return;
    }
    loc_write(cpu, &lb, cpu_alu(op, b, a, &cpu->ex));
}

static void hw_query(dcpu_t *cpu, uint16_t index)
{
    uint32_t id = 0, manufacturer = 0;
    uint16_t version = 0;
    if (!cpu->hw.query || !cpu->hw.query(cpu->hw.ctx, index, &id, &version, &manufacturer))
        id = manufacturer = version = 0; /* a missing device reads as all zeros */
    cpu->r[REG_A] = (uint16_t)id;
    cpu->r[REG_B] = (uint16_t)(id >> 16);
    cpu->r[REG_C] = version;
    cpu->r[REG_X] = (uint16_t)manufacturer;
    cpu->r[REG_Y] = (uint16_t)(manufacturer >> 16);
}

/* A special instruction after its first word; a is decoded with its side effects. */
static void exec_special(dcpu_t *cpu, unsigned op, unsigned flags, unsigned acode,
                         unsigned *cost)
{
    cpu_loc_t la = locate(cpu, acode, false, cost);
    if (flags & OPF_WRITE_A) {
        uint16_t v;
        if (op == SOP_IAG)
            v = cpu->ia;
        else /* SOP_HWN */
            v = cpu->hw.count ? cpu->hw.count(cpu->hw.ctx) : 0;
        loc_write(cpu, &la, v);
        return;
    }
    uint16_t a = loc_read(cpu, &la);
    switch (op) {
    case SOP_JSR:
        push(cpu, cpu->pc);
        cpu->pc = a;
        break;
    case SOP_INT:
        cpu_interrupt(cpu, a); /* queued even with IA = 0: discarded when dequeued */
        break;
    case SOP_IAS:
        cpu->ia = a;
        break;
    case SOP_RFI:
        cpu->queueing = false;
        cpu->r[REG_A] = pop(cpu);
        cpu->pc = pop(cpu);
        break;
    case SOP_IAQ:
        cpu->queueing = a != 0;
        break;
    case SOP_HWQ:
        hw_query(cpu, a);
        break;
    case SOP_HWI:
        /* The device acts now, at the instruction's start cycle; its extra cycles join
         * the cost that is added afterwards. */
        if (cpu->hw.interrupt)
            *cost += cpu->hw.interrupt(cpu->hw.ctx, a, cpu);
        break;
    default:
        break;
    }
}

/* Dequeues one message at an instruction boundary; enters the handler (0 cycles) when
 * IA is set, else the message is discarded. */
static void take_interrupt(dcpu_t *cpu)
{
    uint16_t msg = cpu->irq[cpu->irq_head];
    cpu->irq_head = (cpu->irq_head + 1) % CPU_IRQ_QUEUE;
    cpu->irq_count--;
    if (cpu->ia == 0)
        return;
    cpu->queueing = true;
    push(cpu, cpu->pc);
    push(cpu, cpu->r[REG_A]);
    cpu->pc = cpu->ia;
    cpu->r[REG_A] = msg;
}

/* A jump that went nowhere: the machine says whether that is the classic end
 * (docs/machine.md §6). */
bool cpu_classic_end_due(const dcpu_t *cpu)
{
    return !cpu->hw.self_jump_ends || cpu->hw.self_jump_ends(cpu->hw.ctx);
}

static void check_idle(dcpu_t *cpu)
{
    if (cpu_classic_end_due(cpu)) {
        cpu->idle = true;
        cpu->limit = 0;
    }
}

static inline void record(dcpu_t *cpu, uint16_t pc)
{
    cpu->history[cpu->history_pos] = pc;
    cpu->history_pos = (cpu->history_pos + 1) % CPU_HISTORY;
    cpu->instructions++;
}

/* One instruction (with its whole skip chain). Memory and devices see cpu->cycles as the
 * instruction's start; its cost is added once it completed. */
void cpu_plain_execute(dcpu_t *cpu)
{
    uint16_t pc0 = cpu->pc;
    uint16_t word = bus_read_word(cpu->bus, pc0);
    unsigned op = word & 0x1f, b = (word >> 5) & 0x1f, a = word >> 10;
    const op_meta_t *m = op ? &basic_meta[op] : &special_meta[b];
    unsigned cost;

    if (m->defined) {
        uint16_t sp0 = cpu->sp, ex0 = cpu->ex;
        record(cpu, pc0);
        cost = m->cycles;
        cpu->pc = (uint16_t)(pc0 + 1);
        if (op)
            exec_basic(cpu, op, m->flags, b, a, &cost);
        else
            exec_special(cpu, b, m->flags, a, &cost);
        /* STI/STD move I and J, so only plain jumps can be a classic end. */
        if (op && b == OPND_PC && cpu->pc == pc0 && cpu->sp == sp0 && cpu->ex == ex0 &&
            op != OP_STI && op != OP_STD && !(m->flags & OPF_COND))
            check_idle(cpu);
    } else if (cpu->illegal_nop) {
        record(cpu, pc0);
        cost = CPU_ILLEGAL_NOP_CYCLES;
        cpu->pc = (uint16_t)(pc0 + op_length(word));
    } else {
        cpu->fault = CPU_FAULT_ILLEGAL; /* PC stays on it, no cycles, nothing changed */
        cpu->fault_pc = pc0;
        cpu->limit = 0;
        return;
    }
    cpu->cycles += cost;

    /* The bus flags a strict-mode violation; the machine reads fault_addr and clears it. */
    if (cpu->bus->fault && cpu->fault == CPU_FAULT_NONE)
        cpu->fault = CPU_FAULT_BUS;
    if (cpu->fault != CPU_FAULT_NONE) { /* set during this instruction, which completed */
        cpu->fault_pc = pc0;
        cpu->limit = 0;
    }
}

void cpu_plain_step(dcpu_t *cpu)
{
    if (cpu->irq_count && !cpu->queueing)
        take_interrupt(cpu);
    if (cpu->hw.trace)
        cpu->hw.trace(cpu->hw.ctx, cpu);
    cpu_plain_execute(cpu);
}

void cpu_init(dcpu_t *cpu, bus_t *bus, const cpu_hw_t *hw)
{
    memset(cpu, 0, sizeof *cpu); /* the reset state, no cache yet */
    cpu->bus = bus;
    if (hw)
        cpu->hw = *hw;
    cpu->idle_head = CPU_IDLE_NO_HEAD;
    cpu_code_install(cpu);
}

void cpu_reset(dcpu_t *cpu)
{
    bus_t *bus = cpu->bus;
    cpu_hw_t hw = cpu->hw;
    bool illegal_nop = cpu->illegal_nop, no_idle_skip = cpu->no_idle_skip;
    bool no_jit = cpu->no_jit;
    cpu_free(cpu); /* RAM may change behind the bus's back at a reset: start over */
    memset(cpu, 0, sizeof *cpu);
    cpu->bus = bus;
    cpu->hw = hw;
    cpu->illegal_nop = illegal_nop;
    cpu->no_idle_skip = no_idle_skip;
    cpu->no_jit = no_jit;
    cpu->idle_head = CPU_IDLE_NO_HEAD;
}

void cpu_free(dcpu_t *cpu)
{
    cpu_jit_free(cpu);
    free(cpu->code);
    cpu->code = NULL;
}

void cpu_forget_code(dcpu_t *cpu)
{
    if (cpu->code) {
        memset(cpu->code->op, 0, sizeof cpu->code->op);
        memset(cpu->code->covered, 0, sizeof cpu->code->covered);
        cpu->code->jit_stale = false; /* dropped here, not for a write */
        cpu_jit_drop(cpu);
    }
}

uint64_t cpu_run(dcpu_t *cpu, uint64_t limit)
{
    uint64_t start = cpu->cycles;
    if (cpu->fault != CPU_FAULT_NONE || cpu->idle)
        return 0;
    cpu->limit = limit;
    /* The trace hook sees every step, a bus fault left set is charged to the next
     * instruction, and a write hook in front of the cache's sees every write: all three are
     * the plain path's business. */
    if (cpu->hw.trace || cpu->bus->fault || !cpu_code_attach(cpu) || !cpu_code_alloc(cpu)) {
        while (cpu->cycles < cpu->limit)
            cpu_plain_step(cpu);
    } else {
        cpu_fast_run(cpu);
    }
    return cpu->cycles - start;
}

void cpu_step(dcpu_t *cpu)
{
    if (cpu->fault == CPU_FAULT_NONE)
        cpu_plain_step(cpu);
}

bool cpu_interrupt(dcpu_t *cpu, uint16_t msg)
{
    if (cpu->irq_count >= CPU_IRQ_QUEUE) {
        if (cpu->fault == CPU_FAULT_NONE) {
            cpu->fault = CPU_FAULT_FIRE;
            cpu->fault_pc = cpu->pc; /* execute() replaces it with the raising instruction */
        }
        cpu->limit = 0;
        return false;
    }
    cpu->irq[(cpu->irq_head + cpu->irq_count) % CPU_IRQ_QUEUE] = msg;
    cpu->irq_count++;
    return true;
}
