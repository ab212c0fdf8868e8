/* cpu_fast.c — the fast path: runs the decoded-instruction cache (cpu_decode.c) with
 * threaded dispatch (computed goto when configure found it, a switch otherwise).
 *
 * The handlers are generated from opcodes.def, one per basic opcode and operand kinds
 * (cpu_int.h). Registers, PC, the cycle counter and the history position live in locals
 * while handlers run and go back into the dcpu_t before anything else can look at them.
 * A handler that meets anything unusual — a memory operand in a device page, a jump to
 * itself (perhaps the classic end) — hands the whole instruction to the plain path before
 * it changed anything; so does every instruction the decoder did not specialise (HWI, INT,
 * RFI, ...). After those the run re-checks the limit and pending interrupts; the fast
 * handlers themselves cannot raise, take or unmask an interrupt or stop the CPU, so between
 * them only the cycle limit is checked. */
#include <string.h>

#include "cpu/cpu_int.h"

#if defined(HAVE_COMPUTED_GOTO) && HAVE_COMPUTED_GOTO
#define CPU_THREADED 1
#endif

/* Memory as the fast path sees it: word w of a RAM page is bytes 2w, 2w+1 of bus->ram. */
#define IS_IO(w) (page[(w) >> 8] == NULL)
#define RAM_RD(w) ((uint16_t)(ram[2u * (w)] | ram[2u * (w) + 1] << 8))
#define RAM_WR(w, v)                                                                       \
    do {                                                                                   \
        uint16_t w_ = (w), v_ = (v);                                                       \
        ram[2u * w_] = (uint8_t)v_;                                                        \
        ram[2u * w_ + 1] = (uint8_t)(v_ >> 8);                                             \
        cpu_code_written(code, w_);                                                        \
    } while (0)

/* One instruction is done: its PC into the history, its cost, the next PC. */
#define RECORD(at)                                                                         \
    do {                                                                                   \
        hist[hp] = (at);                                                                   \
        hp = (hp + 1) & (CPU_HISTORY - 1);                                                 \
        n++;                                                                               \
    } while (0)
#define COMMIT()                                                                           \
    do {                                                                                   \
        RECORD(pc);                                                                        \
        cycles += e->cost;                                                                 \
        pc = (uint16_t)(pc + e->len);                                                      \
    } while (0)
/* A failed IF (COMMIT done): over the next instruction, or the whole chain of IFs. */
#define SKIP()                                                                             \
    do {                                                                                   \
        if (e->skip) {                                                                     \
            pc = (uint16_t)(pc + e->skip);                                                 \
            cycles++;                                                                      \
        } else {                                                                           \
            cycles += cpu_skip_chain(bus, &pc);                                            \
        }                                                                                  \
    } while (0)

/* Operand a: its value, read in the order the plain path reads it (a before b). */
#define A_GET_R uint16_t a = R[e->ax];
#define A_GET_K uint16_t a = e->aw;
#define A_GET_M                                                                            \
    uint16_t aaddr = (uint16_t)(R[e->ax] + e->aw);                                         \
    if (IS_IO(aaddr))                                                                      \
        goto plain;                                                                        \
    uint16_t a = RAM_RD(aaddr);
#define A_GET_P                                                                            \
    uint16_t aaddr = R[CPU_RF_SP];                                                         \
    if (IS_IO(aaddr))                                                                      \
        goto plain;                                                                        \
    uint16_t a = RAM_RD(aaddr);
#define A_POST_R
#define A_POST_K
#define A_POST_M
#define A_POST_P R[CPU_RF_SP]++;

/* Operand b: where it is, then reading and writing it. */
#define B_LOC_R
#define B_LOC_M                                                                            \
    uint16_t baddr = (uint16_t)(R[e->bx] + e->bw);                                         \
    if (IS_IO(baddr))                                                                      \
        goto plain;
#define B_LOC_U                                                                            \
    uint16_t baddr = (uint16_t)(R[CPU_RF_SP] - 1);                                         \
    if (IS_IO(baddr))                                                                      \
        goto plain;
#define B_POST_R
#define B_POST_M
#define B_POST_U R[CPU_RF_SP] = baddr;
#define B_READ_R R[e->bx]
#define B_READ_M RAM_RD(baddr)
#define B_READ_U RAM_RD(baddr)
#define B_WRITE_R(v) R[e->bx] = (v)
#define B_WRITE_M(v) RAM_WR(baddr, v)
#define B_WRITE_U(v) RAM_WR(baddr, v)

/* A basic instruction; code and flags are constants, so each handler keeps only its own
 * case. Every check that can send the instruction to the plain path comes first. */
#define BASIC(code, flags, BK, AK)                                                         \
    {                                                                                      \
        A_GET_##AK B_LOC_##BK A_POST_##AK B_POST_##BK if ((flags) & OPF_COND)              \
        {                                                                                  \
            bool hold_ = cpu_condition(code, B_READ_##BK, a);                              \
            COMMIT();                                                                      \
            if (!hold_)                                                                    \
                SKIP();                                                                    \
            goto next;                                                                     \
        }                                                                                  \
        if ((flags) & OPF_WRITE_B) {                                                       \
            B_WRITE_##BK(a);                                                               \
            if ((code) == OP_STI) {                                                        \
                R[REG_I]++;                                                                \
                R[REG_J]++;                                                                \
            } else if ((code) == OP_STD) {                                                 \
                R[REG_I]--;                                                                \
                R[REG_J]--;                                                                \
            }                                                                              \
        } else {                                                                           \
            uint16_t res_ = cpu_alu(code, B_READ_##BK, a, &R[CPU_RF_EX]);                    \
            B_WRITE_##BK(res_);                                                            \
        }                                                                                  \
        COMMIT();                                                                          \
        goto next;                                                                         \
    }

/* An IF fused with the `SET PC, literal` after it (e->skip words, e->aux the target): two
 * steps in one dispatch, with the cycle limit still checked between them. */
#define BASIC_J(code, flags, BK, AK)                                                       \
    {                                                                                      \
        if (!((flags) & OPF_COND))                                                         \
            goto plain; /* never decoded so */                                             \
        A_GET_##AK B_LOC_##BK bool hold_ = cpu_condition(code, B_READ_##BK, a);            \
        COMMIT();                                                                          \
        if (!hold_) {                                                                      \
            pc = (uint16_t)(pc + e->skip);                                                 \
            cycles++;                                                                      \
            goto next;                                                                     \
        }                                                                                  \
        if (cycles >= limit)                                                               \
            goto out;                                                                      \
        RECORD(pc);                                                                        \
        cycles += e->skip; /* SET PC costs 1 + its next word */                            \
        pc = e->aux;                                                                       \
        goto next;                                                                         \
    }

#define BASIC_SET(name, code, flags)                                                       \
    HANDLER(H_##name##_RR) BASIC(code, flags, R, R)                                        \
    HANDLER(H_##name##_RK) BASIC(code, flags, R, K)                                        \
    HANDLER(H_##name##_RM) BASIC(code, flags, R, M)                                        \
    HANDLER(H_##name##_RP) BASIC(code, flags, R, P)                                        \
    HANDLER(H_##name##_MR) BASIC(code, flags, M, R)                                        \
    HANDLER(H_##name##_MK) BASIC(code, flags, M, K)                                        \
    HANDLER(H_##name##_MM) BASIC(code, flags, M, M)                                        \
    HANDLER(H_##name##_UR) BASIC(code, flags, U, R)                                        \
    HANDLER(H_##name##_UK) BASIC(code, flags, U, K)                                        \
    HANDLER(H_##name##_UM) BASIC(code, flags, U, M)                                        \
    HANDLER(H_##name##_RR_J) BASIC_J(code, flags, R, R)                                    \
    HANDLER(H_##name##_RK_J) BASIC_J(code, flags, R, K)                                    \
    HANDLER(H_##name##_RM_J) BASIC_J(code, flags, R, M)                                    \
    HANDLER(H_##name##_MR_J) BASIC_J(code, flags, M, R)                                    \
    HANDLER(H_##name##_MK_J) BASIC_J(code, flags, M, K)                                    \
    HANDLER(H_##name##_MM_J) BASIC_J(code, flags, M, M)

#define LABELS(name)                                                                       \
    [H_##name##_RR] = &&L_H_##name##_RR, [H_##name##_RK] = &&L_H_##name##_RK,              \
    [H_##name##_RM] = &&L_H_##name##_RM, [H_##name##_RP] = &&L_H_##name##_RP,              \
    [H_##name##_MR] = &&L_H_##name##_MR, [H_##name##_MK] = &&L_H_##name##_MK,              \
    [H_##name##_MM] = &&L_H_##name##_MM, [H_##name##_UR] = &&L_H_##name##_UR,              \
    [H_##name##_UK] = &&L_H_##name##_UK, [H_##name##_UM] = &&L_H_##name##_UM,              \
    [H_##name##_RR_J] = &&L_H_##name##_RR_J, [H_##name##_RK_J] = &&L_H_##name##_RK_J,      \
    [H_##name##_RM_J] = &&L_H_##name##_RM_J, [H_##name##_MR_J] = &&L_H_##name##_MR_J,      \
    [H_##name##_MK_J] = &&L_H_##name##_MK_J, [H_##name##_MM_J] = &&L_H_##name##_MM_J,

/* The CPU's state into locals and back. */
#define LOAD()                                                                             \
    do {                                                                                   \
        memcpy(R, cpu->r, sizeof cpu->r);                                                  \
        R[CPU_RF_SP] = cpu->sp;                                                            \
        R[CPU_RF_EX] = cpu->ex;                                                            \
        R[CPU_RF_ZERO] = 0;                                                                \
        pc = cpu->pc;                                                                      \
        cycles = cpu->cycles;                                                              \
        limit = cpu->limit;                                                                \
        n = cpu->instructions;                                                             \
        hp = cpu->history_pos & (CPU_HISTORY - 1);                                         \
    } while (0)
#define SAVE()                                                                             \
    do {                                                                                   \
        memcpy(cpu->r, R, sizeof cpu->r);                                                  \
        cpu->sp = R[CPU_RF_SP];                                                            \
        cpu->ex = R[CPU_RF_EX];                                                            \
        cpu->pc = pc;                                                                      \
        cpu->cycles = cycles;                                                              \
        cpu->instructions = n;                                                             \
        cpu->history_pos = hp;                                                             \
    } while (0)

#ifdef CPU_THREADED
#define HANDLER(id) L_##id:
#else
#define HANDLER(id) case id:
#endif

void cpu_fast_run(dcpu_t *cpu)
{
    bus_t *const bus = cpu->bus;
    uint8_t *const ram = bus->ram;
    uint8_t *const *const page = bus->page;
    cpu_code_t *const code = &cpu->code;
    uint16_t *const hist = cpu->history;
    uint16_t R[CPU_RF_SIZE];
    uint16_t pc;
    unsigned hp;
    uint64_t cycles, limit, n;
    const cpu_decoded_t *e;
    uint16_t target; /* JSR's a */

#ifdef CPU_THREADED
    static const void *const labels[H_COUNT] = {
        [H_DECODE] = &&L_H_DECODE, [H_PLAIN] = &&L_H_PLAIN,
        [H_JMP_K] = &&L_H_JMP_K,   [H_JMP_R] = &&L_H_JMP_R,
        [H_JMP_M] = &&L_H_JMP_M,   [H_RET] = &&L_H_RET,
        [H_JSR_K] = &&L_H_JSR_K,   [H_JSR_R] = &&L_H_JSR_R,
        [H_JSR_M] = &&L_H_JSR_M,
#define OP_BASIC(name, code, cycles, flags) LABELS(name)
#include "cpu/opcodes.def"
    };
#endif

    LOAD();
boundary:
    /* after the plain path: it may have stopped the CPU or made an interrupt due */
    if (cycles >= limit)
        goto out;
    if (cpu->irq_count && !cpu->queueing) {
        SAVE();
        cpu_plain_step(cpu); /* the interrupt entry, then one instruction */
        LOAD();
        goto boundary;
    }
    goto dispatch;
plain:
    SAVE();
    cpu_plain_execute(cpu);
    LOAD();
    goto boundary;
next:
    if (cycles >= limit)
        goto out;
dispatch:
    e = &code->op[pc];
#ifdef CPU_THREADED
    goto *labels[e->handler];
#else
    switch (e->handler) {
#endif

    HANDLER(H_DECODE)
    {
        if (!cpu_decode(cpu, pc))
            goto plain; /* a word in a device page: never cached */
        goto dispatch;
    }
    HANDLER(H_PLAIN)
    {
        goto plain;
    }
    HANDLER(H_JMP_K)
    {
        RECORD(pc);
        cycles += e->cost;
        pc = e->aw;
        goto next;
    }
    HANDLER(H_JMP_R)
    {
        uint16_t target = R[e->ax];
        if (target == pc)
            goto plain;
        RECORD(pc);
        cycles += e->cost;
        pc = target;
        goto next;
    }
    HANDLER(H_JMP_M)
    {
        A_GET_M if (a == pc) goto plain;
        RECORD(pc);
        cycles += e->cost;
        pc = a;
        goto next;
    }
    HANDLER(H_RET)
    {
        A_GET_P A_POST_P RECORD(pc);
        cycles += e->cost;
        pc = a;
        goto next;
    }
    HANDLER(H_JSR_K)
    {
        A_GET_K target = a;
        goto jsr;
    }
    HANDLER(H_JSR_R)
    {
        A_GET_R target = a;
        goto jsr;
    }
    HANDLER(H_JSR_M)
    {
        A_GET_M target = a;
        goto jsr;
    }

#define OP_BASIC(name, code, cycles, flags) BASIC_SET(name, code, flags)
#include "cpu/opcodes.def"

#ifndef CPU_THREADED
    default:
        goto plain;
    }
#endif

jsr: /* push the return address and jump to target (a was read first, as the plain path does) */
    {
        uint16_t baddr = (uint16_t)(R[CPU_RF_SP] - 1);
        if (IS_IO(baddr))
            goto plain;
        R[CPU_RF_SP] = baddr;
        RAM_WR(baddr, (uint16_t)(pc + e->len));
        RECORD(pc);
        cycles += e->cost;
        pc = target;
        goto next;
    }
out:
    SAVE();
}
