/* cpu_int.h — the CPU's inner parts, shared by src/cpu/cpu*.c only.
 *
 * cpu.c is the plain path: it decodes every instruction as it runs it, and it is the
 * reference for what an instruction does. cpu_decode.c turns the instruction at an address
 * into a cpu_decoded_t whose handler is specialised by operand kind; cpu_fast.c runs those
 * handlers (threaded dispatch) and hands anything unusual back to the plain path, one whole
 * instruction at a time. The arithmetic and the conditions below are the one definition
 * both paths use. */
#ifndef D16_CPU_INT_H
#define D16_CPU_INT_H

#include "cpu/cpu.h"
#include "cpu/opcodes.h"

/* Register-file indexes of the fast path: A..J, then SP, EX, a register that is always 0
 * (the base of [next word]), and two that hold a fused loop's constants. */
enum {
    CPU_RF_SP = 8, CPU_RF_EX = 9, CPU_RF_ZERO = 10, CPU_RF_K1 = 11, CPU_RF_K2 = 12,
    CPU_RF_SIZE = 13
};

/* A write to word w can change the entries at w and at most CPU_SPAN_MAX - 1 words before
 * it: no entry is decoded from more words than that (an IF, the instruction it skips). */
#define CPU_SPAN_MAX 6

/* Handlers, one set per basic opcode of opcodes.def, by operand kinds. b is R (register),
 * M ([base], no next word), N ([base + next word]), U (PUSH) or Q (SP); a is R, S (a constant in
 * the instruction word), L (a next-word literal), M, N or P (POP). So each handler knows
 * its length and cost as constants. The _J set is an IF fused with the SET PC, literal
 * after it. X(bk, ak, ...) is called for each pair; ... is passed through. */
#define CPU_BASIC_VARIANTS(X, ...)                                                          \
    X(R, R, __VA_ARGS__) X(R, S, __VA_ARGS__) X(R, L, __VA_ARGS__) X(R, M, __VA_ARGS__)     \
    X(R, N, __VA_ARGS__) X(R, P, __VA_ARGS__)                                               \
    X(M, R, __VA_ARGS__) X(M, S, __VA_ARGS__) X(M, L, __VA_ARGS__) X(M, M, __VA_ARGS__)     \
    X(M, N, __VA_ARGS__)                                                                    \
    X(N, R, __VA_ARGS__) X(N, S, __VA_ARGS__) X(N, L, __VA_ARGS__) X(N, M, __VA_ARGS__)     \
    X(N, N, __VA_ARGS__)                                                                    \
    X(U, R, __VA_ARGS__) X(U, S, __VA_ARGS__) X(U, L, __VA_ARGS__) X(U, M, __VA_ARGS__)     \
    X(U, N, __VA_ARGS__)                                                                    \
    X(Q, R, __VA_ARGS__) X(Q, S, __VA_ARGS__) X(Q, L, __VA_ARGS__) X(Q, M, __VA_ARGS__)     \
    X(Q, N, __VA_ARGS__) X(Q, P, __VA_ARGS__)
#define CPU_FUSED_VARIANTS(X, ...)                                                          \
    X(R, R, __VA_ARGS__) X(R, S, __VA_ARGS__) X(R, L, __VA_ARGS__) X(R, M, __VA_ARGS__)     \
    X(R, N, __VA_ARGS__)                                                                    \
    X(M, R, __VA_ARGS__) X(M, S, __VA_ARGS__) X(M, L, __VA_ARGS__) X(M, M, __VA_ARGS__)     \
    X(M, N, __VA_ARGS__)                                                                    \
    X(N, R, __VA_ARGS__) X(N, S, __VA_ARGS__) X(N, L, __VA_ARGS__) X(N, M, __VA_ARGS__)     \
    X(N, N, __VA_ARGS__)

/* Offsets within a basic opcode's set. */
enum cpu_variant {
#define CPU_VARIANT_ID(bk, ak, ...) CPU_V_##bk##ak,
#define CPU_FUSED_ID(bk, ak, ...) CPU_V_##bk##ak##_J,
    CPU_BASIC_VARIANTS(CPU_VARIANT_ID, _) CPU_FUSED_VARIANTS(CPU_FUSED_ID, _) CPU_VARIANTS
};

enum cpu_handler {
    H_DECODE = 0, /* not decoded yet (a zeroed cache) */
    H_PLAIN,      /* run by the plain path: rare or unusual instructions */
    H_JMP_K,      /* SET PC, literal */
    H_JMP_R,      /* SET PC, register */
    H_JMP_M,      /* SET PC, [memory] */
    H_RET,        /* SET PC, POP */
    H_JSR_K,
    H_JSR_R,
    H_JSR_M,
#define CPU_HANDLER_ID(bk, ak, name) H_##name##_##bk##ak,
#define CPU_FUSED_HANDLER_ID(bk, ak, name) H_##name##_##bk##ak##_J,
#define OP_BASIC(name, code, cycles, flags)                                                 \
    CPU_BASIC_VARIANTS(CPU_HANDLER_ID, name) CPU_FUSED_VARIANTS(CPU_FUSED_HANDLER_ID, name)
#include "cpu/opcodes.def"
    H_JIT, /* the head of a translated block (cpu_jit.c); aw: its cycles before the last step */
    /* A fused counted loop: `ADD|SUB r, x` / `IFxx r', y` / `SET PC, back to the ADD|SUB`,
     * registers and literals only; one per IF opcode (named by the IF). */
#define OP_BASIC(name, code, cycles, flags) H_LOOP_ADD_##name, H_LOOP_SUB_##name,
#include "cpu/opcodes.def"
    H_COUNT
};

/* The loop handlers of an IF opcode. */
extern const uint16_t cpu_loop_add_handlers[32], cpu_loop_sub_handlers[32];

/* The first handler of each basic opcode's set (0 = undefined opcode). */
extern const uint16_t cpu_basic_handlers[32];

/* Two's-complement reading of a word without implementation-defined conversions. */
static inline int32_t cpu_sign16(uint16_t v)
{
    return (int32_t)v - (int32_t)((v & 0x8000u) << 1);
}

/* Arithmetic shift right of a signed value, n < 64, without relying on how C shifts
 * negative numbers. */
static inline int64_t cpu_asr64(int64_t v, unsigned n)
{
    return v < 0 ? ~(~v >> n) : v >> n;
}

static inline bool cpu_condition(unsigned op, uint16_t b, uint16_t a)
{
    switch (op) {
    case OP_IFB: return (b & a) != 0;
    case OP_IFC: return (b & a) == 0;
    case OP_IFE: return b == a;
    case OP_IFN: return b != a;
    case OP_IFG: return b > a;
    case OP_IFA: return cpu_sign16(b) > cpu_sign16(a);
    case OP_IFL: return b < a;
    default: return cpu_sign16(b) < cpu_sign16(a); /* OP_IFU */
    }
}

/* The result of a read-modify-write opcode; sets *ex itself when the opcode does, before
 * the caller writes the result to b (so with b = EX the result wins). */
static inline uint16_t cpu_alu(unsigned op, uint16_t b, uint16_t a, uint16_t *ex)
{
    switch (op) {
    case OP_ADD: {
        uint32_t r = (uint32_t)b + a;
        *ex = (uint16_t)(r >> 16);
        return (uint16_t)r;
    }
    case OP_SUB:
        *ex = a > b ? 0xffff : 0;
        return (uint16_t)(b - a);
    case OP_MUL: {
        uint32_t r = (uint32_t)b * a;
        *ex = (uint16_t)(r >> 16);
        return (uint16_t)r;
    }
    case OP_MLI: {
        uint32_t r = (uint32_t)(cpu_sign16(b) * cpu_sign16(a));
        *ex = (uint16_t)(r >> 16);
        return (uint16_t)r;
    }
    case OP_DIV:
        if (a == 0) {
            *ex = 0;
            return 0;
        }
        *ex = (uint16_t)(((uint32_t)b << 16) / a);
        return (uint16_t)(b / a);
    case OP_DVI: {
        if (a == 0) {
            *ex = 0;
            return 0;
        }
        /* 64-bit, so -32768 / -1 and (-32768 << 16) / -1 cannot trap */
        int64_t sb = cpu_sign16(b), sa = cpu_sign16(a);
        *ex = (uint16_t)(uint64_t)(sb * 65536 / sa);
        return (uint16_t)(uint64_t)(sb / sa);
    }
    case OP_MOD:
        return a == 0 ? 0 : (uint16_t)(b % a);
    case OP_MDI: /* C's % takes the dividend's sign, as the contract wants */
        return a == 0 ? 0 : (uint16_t)(uint32_t)(cpu_sign16(b) % cpu_sign16(a));
    case OP_AND: return b & a;
    case OP_BOR: return b | a;
    case OP_XOR: return b ^ a;
    case OP_SHR:
        *ex = a < 32 ? (uint16_t)(((uint64_t)b << 16) >> a) : 0;
        return a < 16 ? (uint16_t)(b >> a) : 0;
    case OP_ASR: {
        int64_t wide = (int64_t)cpu_sign16(b) * 65536;
        *ex = (uint16_t)(uint64_t)cpu_asr64(wide, a < 63 ? a : 63);
        return (uint16_t)(uint64_t)cpu_asr64(cpu_sign16(b), a < 15 ? a : 15);
    }
    case OP_SHL:
        *ex = a < 32 ? (uint16_t)(((uint64_t)b << a) >> 16) : 0;
        return a < 16 ? (uint16_t)(b << a) : 0;
    case OP_ADX: {
        uint32_t r = (uint32_t)b + a + *ex;
        *ex = r > 0xffff ? 1 : 0;
        return (uint16_t)r;
    }
    default: { /* OP_SBX: EX read as signed, so SUB/SBX chains borrow correctly */
        int32_t r = (int32_t)b - a + cpu_sign16(*ex);
        *ex = r < 0 ? 0xffff : r > 0xffff ? 1 : 0;
        return (uint16_t)(uint32_t)r;
    }
    }
}

/* The plain path (cpu.c). */
void cpu_plain_step(dcpu_t *cpu);        /* interrupt entry, trace hook, one instruction */
void cpu_plain_execute(dcpu_t *cpu);     /* one instruction at cpu->pc */
/* The failed test of a conditional at *pc's IF: steps *pc over the chain it skips and
 * returns the extra cycles (+1 for the failure, +1 per skipped conditional). */
unsigned cpu_skip_chain(const bus_t *bus, uint16_t *pc);

/* The classic end's test (docs/machine.md §6) for a jump that went nowhere: nothing can
 * interrupt any more. */
bool cpu_classic_end_due(const dcpu_t *cpu);

/* Idle skip (cpu_idle.c), at a step boundary with PC at a loop's head and the state in
 * *cpu: when one pass of at most CPU_IDLE_STEPS steps from PC comes back to PC writing
 * nothing and changing no register, skips the whole passes that end before cpu->limit
 * (cycles, instruction count and history as running them). */
#define CPU_IDLE_STEPS 32
typedef enum cpu_idle {
    CPU_IDLE_WAITING, /* a waiting loop: skipped every whole pass before the limit */
    CPU_IDLE_BUSY,    /* the loop does something (or is no loop) */
    CPU_IDLE_NOT_NOW, /* not looked at: an interrupt is due, the limit is reached, ... */
} cpu_idle_t;
cpu_idle_t cpu_idle_skip(dcpu_t *cpu);
/* When the code at PC is a waiting loop (the state saved), the address its jump back goes
 * to (the fast path then knows the guest waits). Else CPU_IDLE_NO_HEAD. */
uint32_t cpu_idle_head(const dcpu_t *cpu);
/* Runs that end at their limit between two looks for a new waiting loop there, after a
 * look found none. */
#define CPU_IDLE_EVERY 8u

/* How an operand is reached: the fast path's kinds plus the ones it leaves to the plain
 * path (the translator reads them too). */
typedef enum operand_kind {
    KIND_R,   /* register-file entry rf */
    KIND_S,   /* constant w, no next word */
    KIND_L,   /* constant w, the next word */
    KIND_M,   /* memory word rf + 0 */
    KIND_N,   /* memory word rf + w, w the next word */
    KIND_P,   /* POP: [SP++] */
    KIND_U,   /* PUSH: [--SP] */
    KIND_Q,   /* SP as b (the fast path keeps SP apart from the other registers) */
    KIND_PC,  /* PC as b */
    KIND_LIT, /* a next-word literal as b */
    KIND_COUNT
} operand_kind_t;

typedef struct operand {
    operand_kind_t kind;
    uint8_t rf;
    uint16_t w;
} operand_t;

/* The word at address w when it is plain RAM (reading it has no side effects). */
static inline bool cpu_ram_word(const bus_t *bus, uint16_t w, uint16_t *value)
{
    if (bus_word_is_io(bus, w))
        return false;
    *value = bus_peek_word(bus, w);
    return true;
}

/* Operand code v of an instruction (cpu_decode.c); next is the next word it takes, if it
 * takes one; pc_after_a is what PC reads as while a is fetched. */
operand_t cpu_operand(unsigned v, bool is_b, uint16_t next, uint16_t pc_after_a);

/* The cache (cpu_decode.c). */
bool cpu_decode(dcpu_t *cpu, uint16_t pc); /* false: not cacheable (a word in a device page) */
/* Makes the bus report RAM writes to the cache. False when another hook is in front of the
 * cache's (it passes writes on): then only the plain path runs, so that hook sees them all. */
bool cpu_code_attach(dcpu_t *cpu);
void cpu_code_install(dcpu_t *cpu); /* the hook, for a cache known to be empty */
/* Allocates the (empty) cache if there is none yet; false when memory ran out. */
bool cpu_code_alloc(dcpu_t *cpu);
/* io_regions of a cache whose io_word must be filled again. */
#define CPU_IO_UNKNOWN (~0u)

/* covered[] bits: a decoded entry, a translated block came from that word. */
#define CPU_COVER_DECODED 1u
#define CPU_COVER_JIT 2u

/* Drops the entries that may have been decoded from word w; a translated block from it
 * makes every translation stale (cpu_jit.c drops them all before running any again). */
static inline void cpu_code_written(cpu_code_t *code, uint16_t w)
{
    if (code->covered[w]) {
        if (code->covered[w] & CPU_COVER_JIT) {
            code->jit_stale = true;
            code->jit_stale_word = w;
        }
        code->covered[w] = 0;
        for (unsigned k = 0; k < CPU_SPAN_MAX; k++)
            code->op[(uint16_t)(w - k)].handler = H_DECODE;
    }
}

/* The translator (cpu_jit.c). Translated code keeps cycles and instructions in one host
 * register (cpu_jit_frame_t.counters), so one entry runs at most CPU_JIT_ROOM cycles. */
#define CPU_JIT_CYCLE_SHIFT 20
#define CPU_JIT_ROOM (1u << 19)
#define CPU_JIT_PLAIN 0x10000u
/* Translates the block of guest code at pc (decoded already, io_word current). True: op[pc]
 * is now its H_JIT head. False: nothing there it can translate, or no translator here. */
bool cpu_jit_translate(dcpu_t *cpu, uint16_t pc);
/* Runs translated code from the block at cpu->pc (the state saved in *cpu, cycles + the
 * head's aw below the limit) until it leaves translated code; the state is back in *cpu.
 * True: the instruction at cpu->pc must run on the plain path. */
bool cpu_jit_run(dcpu_t *cpu);
/* Forgets every translation (after code->jit_stale was set). */
void cpu_jit_drop(dcpu_t *cpu);
void cpu_jit_free(dcpu_t *cpu);

/* The fast path (cpu_fast.c): runs while cycles < cpu->limit, like the plain loop. */
void cpu_fast_run(dcpu_t *cpu);

#endif
