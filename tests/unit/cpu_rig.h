/* cpu_rig.h — a bare CPU on an all-RAM bus with fake hardware, for the CPU unit tests.
 *
 *   rig_t *g = rig_new();                   registers 0, RAM 0, two fake devices
 *   rig_load(g, 0, words, n);               program words at a word address
 *   rig_snapshot(g);                        what RAM should hold ...
 *   rig_want(g, 0x1000, 0x20);              ... plus the writes you expect
 *   cpu_step(&g->cpu);                      drive it only through cpu.h / bus.h
 *   rig_check_ram(g, "what");               every word equals want_ram
 *   rig_free(g);
 *
 * Instructions are encoded with the codes of reference §1.3–§1.5 written out here, never
 * taken from opcodes.def, so a wrong table entry makes a test fail. scenario_t describes a
 * whole small program: the state before, the number of steps, the complete state after. */
#ifndef D16_CPU_RIG_H
#define D16_CPU_RIG_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "memory/bus.h"

/* Reference §1.4 and §1.5 opcode codes. */
enum ref_basic_code {
    REF_SET = 0x01, REF_ADD, REF_SUB, REF_MUL, REF_MLI, REF_DIV, REF_DVI, REF_MOD, REF_MDI,
    REF_AND, REF_BOR, REF_XOR, REF_SHR, REF_ASR, REF_SHL,
    REF_IFB = 0x10, REF_IFC, REF_IFE, REF_IFN, REF_IFG, REF_IFA, REF_IFL, REF_IFU,
    REF_ADX = 0x1a, REF_SBX, REF_STI = 0x1e, REF_STD,
};
enum ref_special_code {
    REF_JSR = 0x01, REF_INT = 0x08, REF_IAG, REF_IAS, REF_RFI, REF_IAQ,
    REF_HWN = 0x10, REF_HWQ, REF_HWI,
};

/* Reference §1.3 operand codes (registers are REG_A..REG_J = 0..7). */
#define IND(reg) (0x08 + (reg)) /* [reg] */
#define IDX(reg) (0x10 + (reg)) /* [reg + next word] */
#define PUSH     0x18           /* as b */
#define POP      0x18           /* as a, and always in a special opcode */
#define PEEK     0x19
#define PICK     0x1a
#define SPR      0x1b
#define PCR      0x1c
#define EXR      0x1d
#define MEM      0x1e /* [next word] */
#define NEXT     0x1f /* next word literal */
#define LIT(n)   (0x21 + (n)) /* short literal -1..30 */

#define OP2(name, b, a) ((uint16_t)((a) << 10 | (b) << 5 | REF_##name))
#define OP1(name, a)    ((uint16_t)((a) << 10 | REF_##name << 5))

/* Two fake devices; HWI of device 0 writes C and costs extra cycles. */
#define RIG_DEVICES      2
#define RIG_HWI_EXTRA    3
#define RIG_HWI_MARK     0xd00d

typedef struct rig_seen { /* the state a trace call saw */
    uint16_t r[8], pc, sp, ex, ia;
    bool queueing;
    uint64_t cycles;
} rig_seen_t;

typedef struct rig {
    bus_t bus;
    dcpu_t cpu;
    bool keeps_running; /* the fake machine's answer after a jump to itself (false: it ends) */
    unsigned self_jumps; /* times the CPU asked */
    unsigned hwi_calls;
    uint16_t hwi_index;
    uint64_t hwi_at;
    unsigned traces;
    rig_seen_t seen;
    uint8_t want_ram[BUS_BYTES]; /* the bus is all RAM, so its bytes are the whole truth */
} rig_t;

static const struct {
    uint32_t id;
    uint16_t version;
    uint32_t manufacturer;
} rig_device[RIG_DEVICES] = {
    {0x12345678, 0x0abc, 0x9abcdef0},
    {0x7349f615, 0x1802, 0x1c6c8b36},
};

static inline uint16_t rig_hw_count(void *ctx)
{
    (void)ctx;
    return RIG_DEVICES;
}

static inline bool rig_hw_query(void *ctx, uint16_t index, uint32_t *id, uint16_t *version,
                                uint32_t *manufacturer)
{
    (void)ctx;
    if (index >= RIG_DEVICES)
        return false;
    *id = rig_device[index].id;
    *version = rig_device[index].version;
    *manufacturer = rig_device[index].manufacturer;
    return true;
}

static inline unsigned rig_hw_interrupt(void *ctx, uint16_t index, dcpu_t *cpu)
{
    rig_t *g = ctx;
    if (index >= RIG_DEVICES)
        return 0;
    g->hwi_calls++;
    g->hwi_index = index;
    g->hwi_at = cpu->cycles;
    if (index != 0)
        return 0;
    cpu->r[REG_C] = RIG_HWI_MARK;
    return RIG_HWI_EXTRA;
}

static inline bool rig_hw_self_jump_ends(void *ctx)
{
    rig_t *g = ctx;
    g->self_jumps++;
    return !g->keeps_running;
}

static inline void rig_hw_trace(void *ctx, const dcpu_t *cpu)
{
    rig_t *g = ctx;
    g->traces++;
    memcpy(g->seen.r, cpu->r, sizeof g->seen.r);
    g->seen.pc = cpu->pc;
    g->seen.sp = cpu->sp;
    g->seen.ex = cpu->ex;
    g->seen.ia = cpu->ia;
    g->seen.queueing = cpu->queueing;
    g->seen.cycles = cpu->cycles;
}

static inline rig_t *rig_new(void)
{
    rig_t *g = calloc(1, sizeof *g);
    ck_assert_ptr_nonnull(g);
    bus_init(&g->bus, &g->cpu.cycles);
    cpu_hw_t hw = {
        .ctx = g,
        .count = rig_hw_count,
        .query = rig_hw_query,
        .interrupt = rig_hw_interrupt,
        .self_jump_ends = rig_hw_self_jump_ends,
        .trace = rig_hw_trace,
    };
    cpu_init(&g->cpu, &g->bus, &hw);
    return g;
}

static inline void rig_free(rig_t *g)
{
    cpu_free(&g->cpu);
    free(g);
}

static inline void rig_load(rig_t *g, uint16_t addr, const uint16_t *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        bus_write_word(&g->bus, (uint16_t)(addr + i), words[i]);
}

static inline void rig_snapshot(rig_t *g)
{
    memcpy(g->want_ram, g->bus.ram, BUS_BYTES);
}

static inline void rig_want(rig_t *g, uint16_t addr, uint16_t value)
{
    g->want_ram[2u * addr] = (uint8_t)value;
    g->want_ram[2u * addr + 1] = (uint8_t)(value >> 8);
}

static inline void rig_check_ram(const rig_t *g, const char *what)
{
    if (memcmp(g->bus.ram, g->want_ram, BUS_BYTES) == 0)
        return;
    for (unsigned w = 0; w < 0x10000; w++) {
        uint16_t got = bus_peek_word(&g->bus, (uint16_t)w);
        uint16_t want = (uint16_t)(g->want_ram[2 * w] | g->want_ram[2 * w + 1] << 8);
        ck_assert_msg(got == want, "%s: [0x%04x] = 0x%04x, want 0x%04x", what, w, got, want);
    }
}

/* ---- whole-state scenarios */

typedef struct cpu_regs {
    uint16_t r[8];
    uint16_t pc, sp, ex, ia;
} cpu_regs_t;

typedef struct word_at {
    uint16_t addr, value;
} word_at_t;

#define SCENARIO_WORDS 16
#define SCENARIO_POKES 4

typedef struct scenario {
    const char *what;
    uint16_t prog[SCENARIO_WORDS]; /* loaded at in.pc */
    unsigned prog_len;
    cpu_regs_t in;
    word_at_t mem_in[SCENARIO_POKES];
    unsigned mem_in_len;
    unsigned steps; /* cpu_step calls */
    cpu_regs_t out; /* every register is checked */
    word_at_t mem_out[SCENARIO_POKES]; /* the only RAM words allowed to change */
    unsigned mem_out_len;
    uint64_t cycles;
} scenario_t;

#define PROG(...)                                                                        \
    .prog = {__VA_ARGS__}, .prog_len = sizeof((uint16_t[]){__VA_ARGS__}) / sizeof(uint16_t)
#define MEM_IN(...)                                                                      \
    .mem_in = {__VA_ARGS__},                                                             \
    .mem_in_len = sizeof((word_at_t[]){__VA_ARGS__}) / sizeof(word_at_t)
#define MEM_OUT(...)                                                                     \
    .mem_out = {__VA_ARGS__},                                                            \
    .mem_out_len = sizeof((word_at_t[]){__VA_ARGS__}) / sizeof(word_at_t)

static inline void rig_set_regs(rig_t *g, const cpu_regs_t *in)
{
    memcpy(g->cpu.r, in->r, sizeof g->cpu.r);
    g->cpu.pc = in->pc;
    g->cpu.sp = in->sp;
    g->cpu.ex = in->ex;
    g->cpu.ia = in->ia;
}

static inline void rig_check_regs(const dcpu_t *cpu, const cpu_regs_t *want, const char *what)
{
    static const char *const names[8] = {"A", "B", "C", "X", "Y", "Z", "I", "J"};
    for (int i = 0; i < 8; i++)
        ck_assert_msg(cpu->r[i] == want->r[i], "%s: %s = 0x%04x, want 0x%04x", what, names[i],
                      cpu->r[i], want->r[i]);
    ck_assert_msg(cpu->pc == want->pc, "%s: PC = 0x%04x, want 0x%04x", what, cpu->pc, want->pc);
    ck_assert_msg(cpu->sp == want->sp, "%s: SP = 0x%04x, want 0x%04x", what, cpu->sp, want->sp);
    ck_assert_msg(cpu->ex == want->ex, "%s: EX = 0x%04x, want 0x%04x", what, cpu->ex, want->ex);
    ck_assert_msg(cpu->ia == want->ia, "%s: IA = 0x%04x, want 0x%04x", what, cpu->ia, want->ia);
}

/* Loads and runs a scenario on g, then checks registers, RAM and cycles. */
static inline void rig_play(rig_t *g, const scenario_t *s)
{
    rig_load(g, s->in.pc, s->prog, s->prog_len);
    for (unsigned i = 0; i < s->mem_in_len; i++)
        bus_write_word(&g->bus, s->mem_in[i].addr, s->mem_in[i].value);
    rig_set_regs(g, &s->in);
    rig_snapshot(g);
    for (unsigned i = 0; i < s->mem_out_len; i++)
        rig_want(g, s->mem_out[i].addr, s->mem_out[i].value);

    for (unsigned i = 0; i < s->steps; i++)
        cpu_step(&g->cpu);

    ck_assert_msg(g->cpu.fault == CPU_FAULT_NONE, "%s: fault %d", s->what, g->cpu.fault);
    rig_check_regs(&g->cpu, &s->out, s->what);
    rig_check_ram(g, s->what);
    ck_assert_msg(g->cpu.cycles == s->cycles, "%s: %llu cycles, want %llu", s->what,
                  (unsigned long long)g->cpu.cycles, (unsigned long long)s->cycles);
}

#endif
