/* cpu_decode.c — fills the decoded-instruction cache: picks the handler for the instruction
 * at an address by its opcode (from opcodes.def) and its operand kinds, and keeps the cache
 * exact by dropping entries when the bus reports a write to a word they came from. */
#include <string.h>

#include "cpu/cpu_int.h"

const uint16_t cpu_basic_handlers[32] = {
#define OP_BASIC(name, code, cycles, flags) [code] = H_##name##_RR,
#include "cpu/opcodes.def"
};

/* How an operand is reached (cpu_int.h): the fast path's kinds plus the ones it leaves to
 * the plain path. */
typedef enum operand_kind {
    KIND_R,   /* register-file entry rf */
    KIND_K,   /* constant w */
    KIND_M,   /* memory word rf + w */
    KIND_P,   /* POP: [SP++] */
    KIND_U,   /* PUSH: [--SP] */
    KIND_PC,  /* PC as b */
    KIND_LIT, /* a next-word literal as b */
} operand_kind_t;

typedef struct operand {
    operand_kind_t kind;
    uint8_t rf;
    uint16_t w;
} operand_t;

/* The word at address w when it is plain RAM (reading it has no side effects). */
static bool ram_word(const bus_t *bus, uint16_t w, uint16_t *value)
{
    if (bus_word_is_io(bus, w))
        return false;
    *value = bus_peek_word(bus, w);
    return true;
}

/* Classifies operand code v; next is the next word it takes, if it takes one; pc_after_a
 * is what PC reads as while a is fetched. */
static operand_t classify(unsigned v, bool is_b, uint16_t next, uint16_t pc_after_a)
{
    if (v >= OPND_SHORT_LIT)
        return (operand_t){KIND_K, 0, (uint16_t)(v - 0x21)};
    if (v < OPND_IND)
        return (operand_t){KIND_R, (uint8_t)v, 0};
    if (v < OPND_IDX)
        return (operand_t){KIND_M, (uint8_t)(v & 7), 0};
    if (v < OPND_PUSHPOP)
        return (operand_t){KIND_M, (uint8_t)(v & 7), next};
    switch (v) {
    case OPND_PUSHPOP: return (operand_t){is_b ? KIND_U : KIND_P, CPU_RF_SP, 0};
    case OPND_PEEK: return (operand_t){KIND_M, CPU_RF_SP, 0};
    case OPND_PICK: return (operand_t){KIND_M, CPU_RF_SP, next};
    case OPND_SP: return (operand_t){KIND_R, CPU_RF_SP, 0};
    case OPND_PC: /* as a, PC is read once the instruction word is consumed: a constant */
        return is_b ? (operand_t){KIND_PC, 0, 0} : (operand_t){KIND_K, 0, pc_after_a};
    case OPND_EX: return (operand_t){KIND_R, CPU_RF_EX, 0};
    case OPND_MEM: return (operand_t){KIND_M, CPU_RF_ZERO, next};
    default: return (operand_t){is_b ? KIND_LIT : KIND_K, 0, next};
    }
}

/* The variant of a basic opcode's handler set for these kinds; -1 = the plain path. */
static int variant(operand_kind_t b, operand_kind_t a)
{
    static const int8_t table[3][4] = {
        /*            R          K          M          P */
        /* R */ {CPU_V_RR, CPU_V_RK, CPU_V_RM, CPU_V_RP},
        /* M */ {CPU_V_MR, CPU_V_MK, CPU_V_MM, -1},
        /* U */ {CPU_V_UR, CPU_V_UK, CPU_V_UM, -1},
    };
    int row = b == KIND_R ? 0 : b == KIND_M ? 1 : b == KIND_U ? 2 : -1;
    if (row < 0 || a > KIND_P)
        return -1;
    return table[row][a];
}

/* The fused form of an IF variant (followed by SET PC, literal), or -1. */
static int fused_variant(int v)
{
    switch (v) {
    case CPU_V_RR: return CPU_V_RR_J;
    case CPU_V_RK: return CPU_V_RK_J;
    case CPU_V_RM: return CPU_V_RM_J;
    case CPU_V_MR: return CPU_V_MR_J;
    case CPU_V_MK: return CPU_V_MK_J;
    case CPU_V_MM: return CPU_V_MM_J;
    default: return -1;
    }
}

/* If the instruction at w is `SET PC, literal` (all in RAM), its target and length. */
static bool is_jump_literal(const bus_t *bus, uint16_t w, uint16_t *target, unsigned *len)
{
    uint16_t word;
    if (!ram_word(bus, w, &word) || (word & 0x3ff) != op_encode_basic(OP_SET, OPND_PC, 0))
        return false;
    unsigned a = word >> 10;
    if (a >= OPND_SHORT_LIT) {
        *target = (uint16_t)(a - 0x21);
        *len = 1;
        return true;
    }
    *len = 2;
    return a == OPND_LIT && ram_word(bus, (uint16_t)(w + 1), target);
}

/* IF at pc with d->len words: how a failed test skips, and the fused form when an
 * unconditional SET PC, literal follows. Returns how many words the entry depends on. */
static unsigned decode_if(const bus_t *bus, uint16_t pc, cpu_decoded_t *d, int v)
{
    uint16_t next = (uint16_t)(pc + d->len), word;
    if (!ram_word(bus, next, &word))
        return d->len;
    const op_info_t *info = (word & 0x1f) ? op_basic(word & 0x1f) : NULL;
    if (info && (info->flags & OPF_COND))
        return d->len; /* a chain: the skip walks it at run time */
    d->skip = (uint8_t)op_length(word);
    for (unsigned i = 1; i < d->skip; i++)
        if (bus_word_is_io(bus, (uint16_t)(next + i)))
            return d->len; /* skip stays exact but is not worth a special case */
    uint16_t target;
    unsigned jlen;
    int f = fused_variant(v);
    /* a jump to itself may be the classic end, which the plain path detects */
    if (f >= 0 && is_jump_literal(bus, next, &target, &jlen) && target != next)
        d->handler = (uint16_t)(d->handler - v + f), d->aux = target;
    return d->len + d->skip;
}

/* The handler of a special instruction. */
static uint16_t special_handler(unsigned op, const operand_t *a)
{
    if (op != SOP_JSR)
        return H_PLAIN;
    switch (a->kind) {
    case KIND_K: return H_JSR_K;
    case KIND_R: return H_JSR_R;
    case KIND_M: return H_JSR_M;
    default: return H_PLAIN;
    }
}

/* The handler of SET PC, a (a jump); ADD PC etc. are left to the plain path. */
static uint16_t jump_handler(unsigned op, const operand_t *a, uint16_t pc)
{
    if (op != OP_SET)
        return H_PLAIN;
    switch (a->kind) {
    case KIND_K: return a->w == pc ? H_PLAIN : H_JMP_K; /* a jump to itself: plain */
    case KIND_R: return H_JMP_R;
    case KIND_M: return H_JMP_M;
    case KIND_P: return H_RET;
    default: return H_PLAIN;
    }
}

bool cpu_decode(dcpu_t *cpu, uint16_t pc)
{
    const bus_t *bus = cpu->bus;
    uint16_t w[3] = {0};
    if (!ram_word(bus, pc, &w[0]))
        return false;
    unsigned len = op_length(w[0]);
    for (unsigned i = 1; i < len; i++)
        if (!ram_word(bus, (uint16_t)(pc + i), &w[i]))
            return false;

    cpu_decoded_t d = {.handler = H_PLAIN, .len = (uint8_t)len};
    unsigned op = w[0] & 0x1f, bcode = (w[0] >> 5) & 0x1f, acode = w[0] >> 10;
    unsigned awords = operand_words(acode);
    operand_t a = classify(acode, false, w[1], (uint16_t)(pc + 1));
    d.ax = a.rf;
    d.aw = a.w;
    unsigned span = len;
    if (op == 0) {
        const op_info_t *info = op_special(bcode);
        if (info) {
            d.cost = (uint8_t)(info->cycles + len - 1);
            d.handler = special_handler(bcode, &a);
        }
    } else if (op_basic(op)) {
        const op_info_t *info = op_basic(op);
        operand_t b = classify(bcode, true, w[1 + awords], 0);
        d.bx = b.rf;
        d.bw = b.w;
        d.cost = (uint8_t)(info->cycles + len - 1);
        int v = variant(b.kind, a.kind);
        if (b.kind == KIND_PC)
            d.handler = (info->flags & OPF_COND) ? H_PLAIN : jump_handler(op, &a, pc);
        else if (v >= 0)
            d.handler = (uint16_t)(cpu_basic_handlers[op] + v);
        if (v >= 0 && (info->flags & OPF_COND))
            span = decode_if(bus, pc, &d, v);
    }
    /* an undefined opcode stays H_PLAIN: the plain path faults or skips it */

    cpu_code_t *code = &cpu->code;
    code->op[pc] = d;
    for (unsigned i = 0; i < span; i++)
        code->covered[(uint16_t)(pc + i)] = 1;
    return true;
}

static void ram_written(void *ctx, uint32_t addr)
{
    dcpu_t *cpu = ctx;
    cpu_code_written(&cpu->code, (uint16_t)(addr >> 1));
}

void cpu_code_attach(dcpu_t *cpu)
{
    bus_t *bus = cpu->bus;
    if (bus->on_ram_write == ram_written && bus->on_ram_write_ctx == cpu)
        return;
    /* the cache may have missed writes while it was not attached (a bus_init since) */
    memset(&cpu->code, 0, sizeof cpu->code);
    bus->on_ram_write = ram_written;
    bus->on_ram_write_ctx = cpu;
}
