/* cpu_fast.c — the fast path: runs the decoded-instruction cache (cpu_decode.c) with
 * threaded dispatch (computed goto when configure found it, a switch otherwise).
 *
 * The handlers are generated from opcodes.def, one per basic opcode and operand kinds
 * (cpu_int.h), so each knows its length and cost as constants. Registers, PC, the cycle
 * counter and the instruction count live in locals while handlers run and go back into the
 * dcpu_t before anything else can look at them. A handler that meets anything unusual — a
 * memory operand in a device page, a jump to itself (perhaps the classic end) — hands the
 * whole instruction to the plain path before it changed anything; so does every
 * instruction the decoder did not specialise (HWI, INT, RFI, ...). After those the run
 * re-checks the limit and pending interrupts; the fast handlers themselves cannot raise,
 * take or unmask an interrupt or stop the CPU, so between them only the limit is checked. */
#include <string.h>

#include "cpu/cpu_int.h"

#if defined(HAVE_COMPUTED_GOTO) && HAVE_COMPUTED_GOTO
#define CPU_THREADED 1
#endif

/* Memory as the fast path sees it: word w of a RAM page is bytes 2w (low), 2w+1 of
 * bus->ram; code->io_word says which words are not RAM. */
#define IS_IO(w) (code->io_word[(uint16_t)(w)])
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static inline uint16_t ram_load(const uint8_t *ram, uint16_t w)
{
    uint16_t v;
    memcpy(&v, ram + 2 * (size_t)w, sizeof v);
    return v;
}
static inline void ram_store(uint8_t *ram, uint16_t w, uint16_t v)
{
    memcpy(ram + 2 * (size_t)w, &v, sizeof v);
}
#else
static inline uint16_t ram_load(const uint8_t *ram, uint16_t w)
{
    return (uint16_t)(ram[2 * (size_t)w] | ram[2 * (size_t)w + 1] << 8);
}
static inline void ram_store(uint8_t *ram, uint16_t w, uint16_t v)
{
    ram[2 * (size_t)w] = (uint8_t)v;
    ram[2 * (size_t)w + 1] = (uint8_t)(v >> 8);
}
#endif
#define RAM_RD(w) ram_load(ram, w)
#define RAM_WR(w, v)                                                                       \
    do {                                                                                   \
        uint16_t w_ = (w);                                                                 \
        ram_store(ram, w_, v);                                                             \
        cpu_code_written(code, w_);                                                        \
    } while (0)

/* One instruction is done: its PC into the history (n % 16 is the ring position). */
#define RECORD(at)                                                                         \
    do {                                                                                   \
        cpu->history[n & (CPU_HISTORY - 1)] = (at);                                        \
        n++;                                                                               \
    } while (0)
/* A failed IF (PC already past it): over the next instruction, or the chain of IFs. */
#define SKIP()                                                                             \
    do {                                                                                   \
        if (e->skip) {                                                                     \
            pc = (uint16_t)(pc + e->skip);                                                 \
            cycles++;                                                                      \
        } else { /* a copy, so that pc's address is never taken */                      \
            uint16_t at_ = pc;                                                             \
            cycles += cpu_skip_chain(bus, &at_);                                           \
            pc = at_;                                                                      \
        }                                                                                  \
    } while (0)

/* Next words each operand kind takes. */
#define WORDS_R 0
#define WORDS_S 0
#define WORDS_L 1
#define WORDS_M 0
#define WORDS_N 1
#define WORDS_P 0
#define WORDS_U 0
#define WORDS_Q 0

/* SP changes go to the local and to its copy in the register file. */
#define SET_SP(v)                                                                          \
    do {                                                                                   \
        sp = (v);                                                                          \
        R[CPU_RF_SP] = sp;                                                                 \
    } while (0)

/* Operand a: its value, read in the order the plain path reads it (a before b). */
#define A_GET_R uint16_t a = R[e->ax];
#define A_GET_S uint16_t a = e->aw;
#define A_GET_L uint16_t a = e->aw;
#define A_GET_M                                                                            \
    uint16_t aaddr = (uint16_t)(R[e->ax] + e->aw);                                         \
    if (IS_IO(aaddr))                                                                      \
        goto plain;                                                                        \
    uint16_t a = RAM_RD(aaddr);
#define A_GET_N A_GET_M
#define A_GET_P                                                                            \
    uint16_t aaddr = sp;                                                                   \
    if (IS_IO(aaddr))                                                                      \
        goto plain;                                                                        \
    uint16_t a = RAM_RD(aaddr);
#define A_POST_R
#define A_POST_S
#define A_POST_L
#define A_POST_M
#define A_POST_N
#define A_POST_P SET_SP((uint16_t)(sp + 1));

/* Operand b: where it is, then reading and writing it. */
#define B_LOC_R
#define B_LOC_M                                                                            \
    uint16_t baddr = (uint16_t)(R[e->bx] + e->bw);                                         \
    if (IS_IO(baddr))                                                                      \
        goto plain;
#define B_LOC_N B_LOC_M
#define B_LOC_U                                                                            \
    uint16_t baddr = (uint16_t)(sp - 1);                                                   \
    if (IS_IO(baddr))                                                                      \
        goto plain;
#define B_POST_R
#define B_POST_M
#define B_POST_N
#define B_LOC_Q
#define B_POST_U SET_SP(baddr);
#define B_POST_Q
#define B_READ_R R[e->bx]
#define B_READ_M RAM_RD(baddr)
#define B_READ_N RAM_RD(baddr)
#define B_READ_U RAM_RD(baddr)
#define B_READ_Q sp
#define B_WRITE_R(v) R[e->bx] = (v)
#define B_WRITE_M(v) RAM_WR(baddr, v)
#define B_WRITE_N(v) RAM_WR(baddr, v)
#define B_WRITE_U(v) RAM_WR(baddr, v)
#define B_WRITE_Q(v) SET_SP(v)
#define IS_PUSH_R 0
#define IS_PUSH_M 0
#define IS_PUSH_N 0
#define IS_PUSH_U 1
#define IS_PUSH_Q 0

/* Pairs of kinds rare enough (for most opcodes) to leave to the plain path: their handlers
 * shrink to a jump there, which keeps this file's compile time down. PUSH as b is kept for
 * SET, SP as b for SET, ADD and SUB, memory to memory for those and IFE, IFN. */
#define IS_MEM_R 0
#define IS_MEM_S 0
#define IS_MEM_L 0
#define IS_MEM_M 1
#define IS_MEM_N 1
#define IS_MEM_P 0
#define IS_MEM_U 0
#define IS_MEM_Q 0
#define IS_SP_R 0
#define IS_SP_M 0
#define IS_SP_N 0
#define IS_SP_U 0
#define IS_SP_Q 1
#define COMMON_OP(code) ((code) == OP_SET || (code) == OP_ADD || (code) == OP_SUB)
#define RARE(code, BK, AK)                                                                 \
    ((IS_PUSH_##BK && (code) != OP_SET) || (IS_SP_##BK && !COMMON_OP(code)) ||             \
     (IS_MEM_##BK && IS_MEM_##AK && !COMMON_OP(code) && (code) != OP_IFE &&               \
      (code) != OP_IFN))

/* A basic instruction; the opcode, its cost and the kinds are constants, so each handler
 * keeps only its own case. Every check that can send the instruction to the plain path
 * comes before the first change. */
#define BASIC(code, base, flags, BK, AK)                                                   \
    {                                                                                      \
        enum { LEN = 1 + WORDS_##AK + WORDS_##BK, COST = (base) + LEN - 1 };               \
        if (RARE(code, BK, AK))                                                            \
            goto plain;                                                                    \
        A_GET_##AK B_LOC_##BK A_POST_##AK B_POST_##BK if ((flags) & OPF_COND)              \
        {                                                                                  \
            bool hold_ = cpu_condition(code, B_READ_##BK, a);                              \
            RECORD(pc);                                                                    \
            cycles += COST;                                                                \
            pc = (uint16_t)(pc + LEN);                                                     \
            if (hold_)                                                                     \
                NEXT_SEQ(LEN);                                                             \
            SKIP();                                                                        \
            NEXT();                                                                        \
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
            uint16_t res_ = cpu_alu(code, B_READ_##BK, a, &R[CPU_RF_EX]);                  \
            B_WRITE_##BK(res_);                                                            \
        }                                                                                  \
        RECORD(pc);                                                                        \
        cycles += COST;                                                                    \
        pc = (uint16_t)(pc + LEN);                                                         \
        NEXT_SEQ(LEN);                                                                     \
    }

/* An IF fused with the `SET PC, literal` after it (e->skip words, e->aux the target): two
 * steps in one dispatch, with the cycle limit still checked between them. */
#define BASIC_J(code, base, flags, BK, AK)                                               \
    {                                                                                      \
        enum { LEN = 1 + WORDS_##AK + WORDS_##BK, COST = (base) + LEN - 1 };             \
        if (!((flags) & OPF_COND) || RARE(code, BK, AK))                                   \
            goto plain; /* never decoded so, or rare */                                    \
        A_GET_##AK B_LOC_##BK bool hold_ = cpu_condition(code, B_READ_##BK, a);            \
        RECORD(pc);                                                                        \
        cycles += COST;                                                                    \
        pc = (uint16_t)(pc + LEN);                                                         \
        if (!hold_) {                                                                      \
            pc = (uint16_t)(pc + e->skip);                                                 \
            cycles++;                                                                      \
            NEXT();                                                                        \
        }                                                                                  \
        if (cycles >= cpu->limit)                                                               \
            goto out;                                                                      \
        RECORD(pc);                                                                        \
        cycles += e->skip; /* SET PC costs 1 + its next word */                            \
        pc = e->aux;                                                                       \
        NEXT();                                                                            \
    }

/* A fused counted loop (cpu_decode.c: decode_loop) at pc: ADD|SUB on registers, then the
 * fused IF + SET PC entry after it, which jumps back here. Whole iterations run without a
 * dispatch; every step is still recorded and checked against the limit on its own. The
 * literals sit in the register file's spare entries, so every operand is an R[] read. In
 * the usual case (one counter, tested against something the loop does not change) the
 * counter and EX stay in locals for the whole loop. */
#define LOOP_BODY(alu, ifcode, B1, A1, B2, A2, EX, WRITE_BACK)                               \
    for (;;) {                                                                             \
        B1 = cpu_alu(alu, B1, A1, &EX);                                                    \
        RECORD(pc);                                                                        \
        cycles += cost1;                                                                   \
        if (cycles >= cpu->limit) {                                                             \
            WRITE_BACK;                                                                    \
            pc = pc1;                                                                      \
            goto out;                                                                      \
        }                                                                                  \
        bool hold_ = cpu_condition(ifcode, B2, A2);                                        \
        RECORD(pc1);                                                                       \
        cycles += cost2;                                                                   \
        if (!hold_) {                                                                      \
            WRITE_BACK;                                                                    \
            cycles++;                                                                      \
            pc = (uint16_t)(pc2 + jlen);                                                   \
            NEXT();                                                                        \
        }                                                                                  \
        if (cycles >= cpu->limit) {                                                             \
            WRITE_BACK;                                                                    \
            pc = pc2;                                                                      \
            goto out;                                                                      \
        }                                                                                  \
        RECORD(pc2);                                                                       \
        cycles += jlen;                                                                    \
        if (cycles >= cpu->limit) {                                                             \
            WRITE_BACK;                                                                    \
            goto out; /* pc is the head again */                                           \
        }                                                                                  \
    }
/* The passes of that usual case whose every step boundary lies before the limit run as a
 * plain host loop, and their instruction count, cycles and history are added after: the
 * state is the one stepping them leaves. What is left of the slice then runs step by step
 * (LOOP_BODY). A pass is the ADD|SUB, the IF and the jump back (period cycles); pass k
 * (from 0) has its last boundary at cycles + k * period + cost1 + cost2. */
#define LOOP_BATCH(alu, ifcode)                                                            \
    {                                                                                      \
        const unsigned period = cost1 + cost2 + jlen;                                      \
        if (cycles + cost1 + cost2 < cpu->limit) {                                         \
            uint64_t room = (cpu->limit - 1 - cycles - cost1 - cost2) / period + 1, done = 0; \
            bool left = false;                                                             \
            uint16_t last_ = counter; /* the counter before the last pass: its EX */       \
            while (done < room) {                                                          \
                last_ = counter;                                                           \
                counter = (uint16_t)((alu) == OP_ADD ? counter + a1 : counter - a1);       \
                done++;                                                                    \
                if (!cpu_condition(ifcode, counter, a2)) {                                 \
                    left = true;                                                           \
                    break;                                                                 \
                }                                                                          \
            }                                                                              \
            if (done)                                                                      \
                (void)cpu_alu(alu, last_, a1, &ex);                                        \
            const uint16_t pcs_[3] = {pc, pc1, pc2};                                       \
            uint64_t steps_ = 3 * done - left;                                             \
            loop_history(cpu, n, steps_, pcs_);                                            \
            n += steps_;                                                                   \
            cycles += done * period;                                                       \
            if (left) {                                                                    \
                R[bx1] = counter;                                                          \
                R[CPU_RF_EX] = ex;                                                         \
                cycles = cycles - jlen + 1; /* no jump back; the failed IF's skip */       \
                pc = (uint16_t)(pc2 + jlen);                                               \
                NEXT();                                                                    \
            }                                                                              \
            if (cycles >= cpu->limit) { /* back at the head, at the limit */               \
                R[bx1] = counter;                                                          \
                R[CPU_RF_EX] = ex;                                                         \
                goto out;                                                                  \
            }                                                                              \
        }                                                                                  \
    }
#define LOOP(alu, ifcode, ifflags)                                                         \
    {                                                                                      \
        if (!((ifflags) & OPF_COND))                                                       \
            goto plain; /* never decoded so */                                             \
        const uint16_t pc1 = (uint16_t)(pc + e->len);                                      \
        const cpu_decoded_t *const cond = &code->op[pc1];                                  \
        const uint16_t pc2 = (uint16_t)(pc1 + cond->len);                                  \
        const unsigned bx1 = e->bx, ax1 = e->ax, bx2 = cond->bx, ax2 = e->skip;            \
        const unsigned cost1 = e->cost, cost2 = cond->cost, jlen = cond->skip;             \
        R[CPU_RF_K1] = e->aw;                                                              \
        R[CPU_RF_K2] = cond->aw;                                                           \
        if (bx1 == bx2 && bx1 != CPU_RF_EX && ax1 != bx1 && ax1 != CPU_RF_EX &&            \
            ax2 != bx1 && ax2 != CPU_RF_EX) {                                              \
            uint16_t counter = R[bx1], ex = R[CPU_RF_EX];                                  \
            const uint16_t a1 = R[ax1], a2 = R[ax2];                                       \
            LOOP_BATCH(alu, ifcode)                                                        \
            LOOP_BODY(alu, ifcode, counter, a1, counter, a2, ex,                           \
                      (R[bx1] = counter, R[CPU_RF_EX] = ex))                               \
        }                                                                                  \
        LOOP_BODY(alu, ifcode, R[bx1], R[ax1], R[bx2], R[ax2], R[CPU_RF_EX], (void)0)      \
    }
#define LOOP_HANDLERS(name, code, flags)                                                   \
    HANDLER(H_LOOP_ADD_##name) LOOP(OP_ADD, code, flags)                                   \
    HANDLER(H_LOOP_SUB_##name) LOOP(OP_SUB, code, flags)

#define BASIC_HANDLER(bk, ak, name, code, base, flags)                                     \
    HANDLER(H_##name##_##bk##ak) BASIC(code, base, flags, bk, ak)
#define FUSED_HANDLER(bk, ak, name, code, base, flags)                                     \
    HANDLER(H_##name##_##bk##ak##_J) BASIC_J(code, base, flags, bk, ak)
#define BASIC_LABEL(bk, ak, name, ...) [H_##name##_##bk##ak] = &&L_H_##name##_##bk##ak,
#define FUSED_LABEL(bk, ak, name, ...) [H_##name##_##bk##ak##_J] = &&L_H_##name##_##bk##ak##_J,

/* JSR's push of the return address and jump to target (a was read first, as the plain path
 * does); in JSR literal's own handler too, which saves that common one a jump. */
#define JSR_TARGET()                                                                       \
    {                                                                                      \
        uint16_t baddr = (uint16_t)(sp - 1);                                               \
        if (IS_IO(baddr))                                                                  \
            goto plain;                                                                    \
        SET_SP(baddr);                                                                     \
        RAM_WR(baddr, (uint16_t)(pc + e->len));                                            \
        RECORD(pc);                                                                        \
        cycles += e->cost;                                                                 \
        pc = target;                                                                       \
        NEXT();                                                                            \
    }

/* The CPU's state into locals and back. */
#define LOAD()                                                                             \
    do {                                                                                   \
        memcpy(R, cpu->r, sizeof cpu->r);                                                  \
        sp = R[CPU_RF_SP] = cpu->sp;                                                       \
        R[CPU_RF_EX] = cpu->ex;                                                            \
        R[CPU_RF_ZERO] = 0;                                                                \
        pc = cpu->pc;                                                                      \
        cycles = cpu->cycles;                                                              \
        n = cpu->instructions;                                                             \
    } while (0)
#define SAVE()                                                                             \
    do {                                                                                   \
        memcpy(cpu->r, R, sizeof cpu->r);                                                  \
        cpu->sp = sp;                                                                      \
        cpu->ex = R[CPU_RF_EX];                                                            \
        cpu->pc = pc;                                                                      \
        cpu->cycles = cycles;                                                              \
        cpu->instructions = n;                                                             \
        cpu->history_pos = (unsigned)(n & (CPU_HISTORY - 1));                              \
    } while (0)

/* Every handler starts with the limit check (the step boundary) and, when threaded, ends
 * with a dispatch of its own, so the host predicts each handler's successor separately. */
#ifdef CPU_THREADED
#define HANDLER(id)                                                                        \
    L_##id : if (cycles >= cpu->limit) goto out;
/* The empty asm pins e in a register: without it GCC computes &code->op[pc] twice (once
 * for the handler number, once for e). */
#define NEXT()                                                                             \
    do {                                                                                   \
        e = &code->op[pc];                                                                 \
        __asm__("" : "+r"(e));                                                             \
        goto *labels[e->handler];                                                          \
    } while (0)
/* On to the entry len words on (pc has moved as much). Past 0xffff that is one of the
 * padding entries after the cache, always H_DECODE, which finds pc has wrapped. */
#define NEXT_SEQ(len)                                                                      \
    do {                                                                                   \
        e += (len);                                                                        \
        goto *labels[e->handler];                                                          \
    } while (0)
#else
#define HANDLER(id) case id:
#define NEXT() goto next
#define NEXT_SEQ(len) goto next
#endif

/* History of a batch of fused-loop steps (LOOP_BATCH): steps instructions from number n
 * on, going round pcs[0..2]; only the last CPU_HISTORY of them stay in the ring. */
static void loop_history(dcpu_t *cpu, uint64_t n, uint64_t steps, const uint16_t pcs[3])
{
    uint64_t from = steps > CPU_HISTORY ? steps - CPU_HISTORY : 0;
    for (uint64_t k = from; k < steps; k++)
        cpu->history[(n + k) & (CPU_HISTORY - 1)] = pcs[k % 3];
}

/* Makes history_pos equal instructions % 16 by turning the ring, which keeps its order:
 * the fast path then needs no position of its own. */
static void align_history(dcpu_t *cpu)
{
    unsigned want = (unsigned)(cpu->instructions & (CPU_HISTORY - 1));
    unsigned have = cpu->history_pos % CPU_HISTORY;
    if (want == have)
        return;
    uint16_t old[CPU_HISTORY];
    memcpy(old, cpu->history, sizeof old);
    for (unsigned k = 0; k < CPU_HISTORY; k++)
        cpu->history[(want + k) % CPU_HISTORY] = old[(have + k) % CPU_HISTORY];
    cpu->history_pos = want;
}

/* The bus's device pages, copied so the handlers test them without reaching for the bus;
 * bus_map only ever adds regions, so their count says when to copy again. */
static void copy_io_pages(dcpu_t *cpu)
{
    const bus_t *bus = cpu->bus;
    cpu_code_t *code = cpu->code;
    if (code->io_regions == bus->regions)
        return;
    /* only the pages that change are written: a fresh (zeroed) table says "all RAM", and
     * most of it stays untouched */
    for (unsigned p = 0; p < CPU_CODE_WORDS >> 8; p++) {
        uint8_t io = bus_word_is_io(bus, (uint16_t)(p << 8));
        if (code->io_regions == CPU_IO_UNKNOWN || code->io_word[p << 8] != io)
            memset(&code->io_word[p << 8], io, 256);
    }
    if (!code->jit_stale)
        cpu_jit_drop(cpu); /* translations read the old map */
    code->io_regions = bus->regions;
}

/* Idle skip (cpu_idle.c). The handlers themselves never look for waiting loops, so code
 * that does not wait pays nothing. A waiting loop is found where a run ends at its limit
 * (find_waiting, at out:); while one is known (cpu->idle_head), the run skips where the
 * guest comes back to waiting: at the start of a run (after the device event that ended
 * the last one) and after each instruction of the plain path (the interrupt handler's RFI
 * returning into the loop); a jump to itself is looked at every time it runs. */
static void skip_waiting(dcpu_t *cpu)
{
    cpu_idle_t r = cpu_idle_skip(cpu);
    if (r == CPU_IDLE_WAITING)
        cpu->idle_head = cpu->pc;
    else if (r == CPU_IDLE_BUSY)
        cpu->idle_head = CPU_IDLE_NO_HEAD; /* the guest does something now */
}

/* A run ended at its limit (the state saved): was it in a waiting loop? Looked at every
 * time while one is known, else every CPU_IDLE_EVERY runs. */
static void find_waiting(dcpu_t *cpu)
{
    if (cpu->cycles < cpu->limit || cpu->limit == 0)
        return; /* stopped by something else */
    if (cpu->idle_head == CPU_IDLE_NO_HEAD && cpu->idle_countdown > 0) {
        cpu->idle_countdown--;
        return;
    }
    uint32_t head = cpu_idle_head(cpu);
    if (head != CPU_IDLE_NO_HEAD)
        cpu->idle_head = head;
    else
        cpu->idle_countdown = CPU_IDLE_EVERY;
}

void cpu_fast_run(dcpu_t *cpu)
{
    bus_t *const bus = cpu->bus;
    uint8_t *const ram = bus->ram;
    cpu_code_t *const code = cpu->code;
    uint16_t R[CPU_RF_SIZE];
    uint16_t sp; /* kept apart from R[] for push and pop; R[CPU_RF_SP] mirrors it */
    uint16_t pc;
    uint64_t cycles, n;
    const cpu_decoded_t *e;
    uint16_t target; /* JSR's a */

#ifdef CPU_THREADED
    static const void *const labels[H_COUNT] = {
        [H_DECODE] = &&L_H_DECODE, [H_PLAIN] = &&L_H_PLAIN,
        [H_JMP_K] = &&L_H_JMP_K,   [H_JMP_R] = &&L_H_JMP_R,
        [H_JMP_M] = &&L_H_JMP_M,   [H_RET] = &&L_H_RET,
        [H_JSR_K] = &&L_H_JSR_K,   [H_JSR_R] = &&L_H_JSR_R,
        [H_JSR_M] = &&L_H_JSR_M,   [H_JIT] = &&L_H_JIT,
#define OP_BASIC(name, code, base, flags)                                                  \
    CPU_BASIC_VARIANTS(BASIC_LABEL, name) CPU_FUSED_VARIANTS(FUSED_LABEL, name)               \
    [H_LOOP_ADD_##name] = &&L_H_LOOP_ADD_##name, [H_LOOP_SUB_##name] = &&L_H_LOOP_SUB_##name,
#include "cpu/opcodes.def"
    };
#endif

    align_history(cpu);
    copy_io_pages(cpu);
    if (cpu->idle_head != CPU_IDLE_NO_HEAD)
        skip_waiting(cpu);
    LOAD();
boundary:
    /* after the plain path: it may have stopped the CPU or made an interrupt due */
    if (cycles >= cpu->limit)
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
    /* a jump to itself that was no classic end (SET PC, here; SUB PC, 1) waits at once */
    if (cpu->pc == pc || cpu->idle_head != CPU_IDLE_NO_HEAD)
        skip_waiting(cpu);
    LOAD();
    goto boundary;
#ifndef CPU_THREADED
next:
    if (cycles >= cpu->limit)
        goto out;
#endif
dispatch:
    e = &code->op[pc];
#ifdef CPU_THREADED
    goto *labels[e->handler];
#else
    switch (e->handler) {
#endif

    HANDLER(H_DECODE)
    {
        if (e != &code->op[pc])
            goto dispatch; /* a padding entry: pc wrapped around to 0 */
        if (!cpu_decode(cpu, pc))
            goto plain; /* a word in a device page: never cached */
        /* a fused counted loop stays here: LOOP_BATCH runs it faster than a block would */
        if (!cpu->no_jit && code->op[pc].handler < H_JIT)
            cpu_jit_translate(cpu, pc);
        goto dispatch;
    }
    HANDLER(H_JIT)
    {
        if (code->jit_stale) { /* some translated code was written over */
            cpu_jit_drop(cpu);
            goto dispatch;
        }
        if (cycles + e->aw >= cpu->limit)
            goto plain; /* the block's last step would start too late: step by step */
        SAVE();
        bool to_plain = cpu_jit_run(cpu);
        LOAD();
        if (to_plain)
            goto plain;
        goto boundary;
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
        NEXT();
    }
    HANDLER(H_JMP_R)
    {
        uint16_t to = R[e->ax];
        if (to == pc)
            goto plain;
        RECORD(pc);
        cycles += e->cost;
        pc = to;
        NEXT();
    }
    HANDLER(H_JMP_M)
    {
        A_GET_M if (a == pc) goto plain;
        RECORD(pc);
        cycles += e->cost;
        pc = a;
        NEXT();
    }
    HANDLER(H_RET)
    {
        A_GET_P A_POST_P RECORD(pc);
        cycles += 1; /* SET PC, POP: one word, SET's 1 cycle */
        pc = a;
        NEXT();
    }
    HANDLER(H_JSR_K)
    {
        A_GET_S target = a;
        JSR_TARGET();
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

#define OP_BASIC(name, code, base, flags)                                                  \
    CPU_BASIC_VARIANTS(BASIC_HANDLER, name, code, base, flags)                             \
    CPU_FUSED_VARIANTS(FUSED_HANDLER, name, code, base, flags)                             \
    LOOP_HANDLERS(name, code, flags)
#include "cpu/opcodes.def"

#ifndef CPU_THREADED
    default:
        goto plain;
    }
#endif

jsr:
    JSR_TARGET();
out:
    SAVE();
    find_waiting(cpu);
}
