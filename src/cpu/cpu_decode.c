/* cpu_decode.c — fills the decoded-instruction cache: picks the handler for the instruction
 * at an address by its opcode (from opcodes.def) and its operand kinds, and keeps the cache
 * exact by dropping entries when the bus reports a write to a word they came from. */
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu_int.h"

const uint16_t cpu_basic_handlers[32] = {
#define OP_BASIC(name, code, cycles, flags) [code] = H_##name##_RR,
#include "cpu/opcodes.def"
};
const uint16_t cpu_loop_add_handlers[32] = {
#define OP_BASIC(name, code, cycles, flags) [code] = H_LOOP_ADD_##name,
#include "cpu/opcodes.def"
};
const uint16_t cpu_loop_sub_handlers[32] = {
#define OP_BASIC(name, code, cycles, flags) [code] = H_LOOP_SUB_##name,
#include "cpu/opcodes.def"
};

/* Classifies operand code v; next is the next word it takes, if it takes one; pc_after_a
 * is what PC reads as while a is fetched. */
operand_t cpu_operand(unsigned v, bool is_b, uint16_t next, uint16_t pc_after_a)
{
    if (v >= OPND_SHORT_LIT)
        return (operand_t){KIND_S, 0, operand_short_value(v)};
    if (v < OPND_IND)
        return (operand_t){KIND_R, (uint8_t)v, 0};
    if (v < OPND_IDX)
        return (operand_t){KIND_M, (uint8_t)(v & 7), 0};
    if (v < OPND_PUSHPOP)
        return (operand_t){KIND_N, (uint8_t)(v & 7), next};
    switch (v) {
    case OPND_PUSHPOP: return (operand_t){is_b ? KIND_U : KIND_P, CPU_RF_SP, 0};
    case OPND_PEEK: return (operand_t){KIND_M, CPU_RF_SP, 0};
    case OPND_PICK: return (operand_t){KIND_N, CPU_RF_SP, next};
    case OPND_SP: return (operand_t){is_b ? KIND_Q : KIND_R, CPU_RF_SP, 0};
    case OPND_PC: /* as a, PC is read once the instruction word is consumed: a constant */
        return is_b ? (operand_t){KIND_PC, 0, 0} : (operand_t){KIND_S, 0, pc_after_a};
    case OPND_EX: return (operand_t){KIND_R, CPU_RF_EX, 0};
    case OPND_MEM: return (operand_t){KIND_N, CPU_RF_ZERO, next};
    default: return (operand_t){is_b ? KIND_LIT : KIND_L, 0, next};
    }
}

/* The variant of a basic opcode's handler set for these kinds (-1: the plain path), and
 * of the fused IF + SET PC set (-1: none). */
#define VARIANT_ENTRY(bk, ak, ...) [KIND_##bk][KIND_##ak] = CPU_V_##bk##ak + 1,
#define FUSED_ENTRY(bk, ak, ...) [KIND_##bk][KIND_##ak] = CPU_V_##bk##ak##_J + 1,
static const int8_t variants[KIND_COUNT][KIND_COUNT] = {
    CPU_BASIC_VARIANTS(VARIANT_ENTRY, _)
};
static const int8_t fused_variants[KIND_COUNT][KIND_COUNT] = {
    CPU_FUSED_VARIANTS(FUSED_ENTRY, _)
};

static int variant(operand_kind_t b, operand_kind_t a)
{
    return variants[b][a] - 1;
}

static int fused_variant(operand_kind_t b, operand_kind_t a)
{
    return fused_variants[b][a] - 1;
}

/* If the instruction at w is `SET PC, literal` (all in RAM), its target and length. */
static bool is_jump_literal(const bus_t *bus, uint16_t w, uint16_t *target, unsigned *len)
{
    uint16_t word;
    if (!cpu_ram_word(bus, w, &word) || (word & 0x3ff) != op_encode_basic(OP_SET, OPND_PC, 0))
        return false;
    unsigned a = word >> 10;
    if (a >= OPND_SHORT_LIT) {
        *target = operand_short_value(a);
        *len = 1;
        return true;
    }
    *len = 2;
    return a == OPND_LIT && cpu_ram_word(bus, (uint16_t)(w + 1), target);
}

/* IF at pc with d->len words: how a failed test skips, and the fused form when an
 * unconditional SET PC, literal follows. Returns how many words the entry depends on. */
static unsigned decode_if(const bus_t *bus, uint16_t pc, cpu_decoded_t *d, int v, int f)
{
    uint16_t next = (uint16_t)(pc + d->len), word;
    if (!cpu_ram_word(bus, next, &word))
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
    /* a jump to itself may be the classic end, which the plain path detects */
    if (f >= 0 && is_jump_literal(bus, next, &target, &jlen) && target != next)
        d->handler = (uint16_t)(d->handler - v + f), d->aux = target;
    return d->len + d->skip;
}

/* ADD|SUB register, register-or-literal at pc, heading a counted loop: an IF on a register
 * and a register or literal, then SET PC back to pc (a fused IF entry). Makes d that loop's
 * head and returns the words it depends on, or 0 when the code is no such loop. */
static unsigned decode_loop(dcpu_t *cpu, uint16_t pc, cpu_decoded_t *d, operand_kind_t a)
{
    uint16_t at = (uint16_t)(pc + d->len);
    const cpu_decoded_t *cond = &cpu->code->op[at];
    if (cond->handler == H_DECODE && !cpu_decode(cpu, at))
        return 0;
    const op_info_t *info = cond->op ? op_basic(cond->op) : NULL;
    if (!info || !(info->flags & OPF_COND) || cond->aux != pc)
        return 0;
    int v = (int)cond->handler - (int)cpu_basic_handlers[cond->op];
    if (v != CPU_V_RR_J && v != CPU_V_RS_J && v != CPU_V_RL_J)
        return 0;
    d->ax = a == KIND_R ? d->ax : CPU_RF_K1;
    d->skip = v == CPU_V_RR_J ? cond->ax : CPU_RF_K2;
    d->handler = (d->op == OP_ADD ? cpu_loop_add_handlers : cpu_loop_sub_handlers)[cond->op];
    return d->len + cond->len + cond->skip;
}

/* The handler of a special instruction. */
static uint16_t special_handler(unsigned op, const operand_t *a)
{
    if (op != SOP_JSR)
        return H_PLAIN;
    switch (a->kind) {
    case KIND_S:
    case KIND_L: return H_JSR_K;
    case KIND_R: return H_JSR_R;
    case KIND_M:
    case KIND_N: return H_JSR_M;
    default: return H_PLAIN;
    }
}

/* The handler of SET PC, a (a jump); ADD PC etc. are left to the plain path. */
static uint16_t jump_handler(unsigned op, const operand_t *a, uint16_t pc)
{
    if (op != OP_SET)
        return H_PLAIN;
    switch (a->kind) {
    case KIND_S:
    case KIND_L: return a->w == pc ? H_PLAIN : H_JMP_K; /* a jump to itself: plain */
    case KIND_R: return H_JMP_R;
    case KIND_M:
    case KIND_N: return H_JMP_M;
    case KIND_P: return H_RET;
    default: return H_PLAIN;
    }
}

bool cpu_decode(dcpu_t *cpu, uint16_t pc)
{
    const bus_t *bus = cpu->bus;
    uint16_t w[3] = {0};
    if (!cpu_ram_word(bus, pc, &w[0]))
        return false;
    unsigned len = op_length(w[0]);
    for (unsigned i = 1; i < len; i++)
        if (!cpu_ram_word(bus, (uint16_t)(pc + i), &w[i]))
            return false;

    cpu_decoded_t d = {.handler = H_PLAIN, .len = (uint8_t)len};
    unsigned op = w[0] & 0x1f, bcode = (w[0] >> 5) & 0x1f, acode = w[0] >> 10;
    unsigned awords = operand_words(acode);
    operand_t a = cpu_operand(acode, false, w[1], (uint16_t)(pc + 1));
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
        operand_t b = cpu_operand(bcode, true, w[1 + awords], 0);
        d.op = (uint8_t)op;
        d.bx = b.rf;
        d.bw = b.w;
        d.cost = (uint8_t)(info->cycles + len - 1);
        int v = variant(b.kind, a.kind);
        if (b.kind == KIND_PC)
            d.handler = (info->flags & OPF_COND) ? H_PLAIN : jump_handler(op, &a, pc);
        else if (v >= 0)
            d.handler = (uint16_t)(cpu_basic_handlers[op] + v);
        if (v >= 0 && (info->flags & OPF_COND))
            span = decode_if(bus, pc, &d, v, fused_variant(b.kind, a.kind));
        unsigned loop_span;
        if ((op == OP_ADD || op == OP_SUB) && b.kind == KIND_R &&
            (a.kind == KIND_R || a.kind == KIND_S || a.kind == KIND_L) &&
            (loop_span = decode_loop(cpu, pc, &d, a.kind)) != 0)
            span = loop_span;
    }
    /* an undefined opcode stays H_PLAIN: the plain path faults or skips it */

    cpu_code_t *code = cpu->code;
    code->op[pc] = d;
    for (unsigned i = 0; i < span; i++)
        code->covered[(uint16_t)(pc + i)] |= CPU_COVER_DECODED;
    return true;
}

static void ram_written(void *ctx, uint32_t addr)
{
    dcpu_t *cpu = ctx;
    if (cpu->code) /* none yet: nothing decoded to drop */
        cpu_code_written(cpu->code, (uint16_t)(addr >> 1));
}

void cpu_code_install(dcpu_t *cpu)
{
    cpu->bus->on_ram_write = ram_written;
    cpu->bus->on_ram_write_ctx = cpu;
}

bool cpu_code_attach(dcpu_t *cpu)
{
    bus_t *bus = cpu->bus;
    if (bus->on_ram_write == ram_written && bus->on_ram_write_ctx == cpu)
        return true;
    if (bus->on_ram_write)
        return false; /* someone in front (a debugger): it passes writes on to the cache */
    /* no hook at all (a bus_init since cpu_init): writes may have been missed */
    cpu_forget_code(cpu);
    if (cpu->code)
        cpu->code->io_regions = CPU_IO_UNKNOWN;
    cpu_code_install(cpu);
    return true;
}

bool cpu_code_alloc(dcpu_t *cpu)
{
    if (!cpu->code) {
        /* calloc: fresh zero pages from the kernel, touched only where code runs */
        cpu->code = calloc(1, sizeof *cpu->code);
        if (!cpu->code)
            return false; /* out of memory: the plain path needs no cache */
    }
    return true;
}
