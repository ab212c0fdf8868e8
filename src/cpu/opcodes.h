/* opcodes.h — instruction-set facts generated from opcodes.def.
 *
 * Use: op_decode(word, &d) splits an instruction word; op_basic(code) / op_special(code)
 * give the opcode's name, base cycles and flags (NULL when the code is undefined);
 * op_find("set") looks a mnemonic up for the assembler; op_length(word) is the length in
 * words of the instruction that starts with word, defined or not. */
#ifndef D16_OPCODES_H
#define D16_OPCODES_H

#include <stdbool.h>
#include <stdint.h>

enum op_flags {
    OPF_WRITE_B   = 1 << 0, /* b is only written (SET, STI, STD) */
    OPF_RMW_B     = 1 << 1, /* b is read, then written */
    OPF_READ_B    = 1 << 2, /* b is only read (the IFs) */
    OPF_COND      = 1 << 3, /* a conditional: failing skips the next instruction */
    OPF_SETS_EX   = 1 << 4, /* the instruction writes EX */
    OPF_WRITE_A   = 1 << 5, /* special op that stores into a (IAG, HWN) */
    OPF_NEXT_WORD = 1 << 6, /* operand: takes the next word */
};

enum op_basic_code {
#define OP_BASIC(name, code, cycles, flags) OP_##name = code,
#include "cpu/opcodes.def"
};

enum op_special_code {
#define OP_SPECIAL(name, code, cycles, flags) SOP_##name = code,
#include "cpu/opcodes.def"
};

/* Operand codes: the first code of each group of opcodes.def (OPND_REG + 3 is X). */
enum operand_code {
#define OPERAND_GROUP(name, code, count, cycles, flags, syntax) OPND_##name = code,
#define OPERAND_SHORT(name, code, count, bias) OPND_##name = code, OPND_SHORT_BIAS = bias,
#include "cpu/opcodes.def"
};

typedef struct op_info {
    const char *name;
    uint8_t code;
    uint8_t cycles;
    uint8_t flags;
    bool special;
} op_info_t;

typedef struct op_fields {
    uint8_t op; /* basic opcode, or the special opcode when special is true */
    uint8_t b;  /* b operand (basic only) */
    uint8_t a;  /* a operand */
    bool special;
} op_fields_t;

static inline void op_decode(uint16_t word, op_fields_t *d)
{
    d->a = (uint8_t)(word >> 10);
    d->b = (uint8_t)((word >> 5) & 0x1f);
    d->op = (uint8_t)(word & 0x1f);
    d->special = d->op == 0;
    if (d->special) {
        d->op = d->b;
        d->b = 0;
    }
}

static inline uint16_t op_encode_basic(unsigned op, unsigned b, unsigned a)
{
    return (uint16_t)((a & 0x3f) << 10 | (b & 0x1f) << 5 | (op & 0x1f));
}

static inline uint16_t op_encode_special(unsigned op, unsigned a)
{
    return (uint16_t)((a & 0x3f) << 10 | (op & 0x1f) << 5);
}

/* The group operand code v belongs to: its first code (OPND_IDX for 0x13), OPND_SHORT_LIT
 * for 0x20..0x3f. Derived from the rows of opcodes.def, as everything below. */
static inline unsigned operand_group(unsigned v)
{
#define OPERAND_GROUP(name, code, count, cycles, flags, syntax) \
    if (v - (code) < (unsigned)(count))                          \
        return code;
#include "cpu/opcodes.def"
    return OPND_SHORT_LIT;
}

/* 1 when operand code v takes a next word: [reg+next], PICK, [next], next literal. */
static inline unsigned operand_words(unsigned v)
{
    return 0
#define OPERAND_GROUP(name, code, count, cycles, flags, syntax) \
    + (((flags) & OPF_NEXT_WORD) && v - (code) < (unsigned)(count))
#include "cpu/opcodes.def"
        ;
}

/* The value of short-literal operand code v (0x20..0x3f: -1..30 as a 16-bit word). */
static inline uint16_t operand_short_value(unsigned v)
{
    return (uint16_t)(v - OPND_SHORT_BIAS);
}

/* The short-literal operand code of value (-1..30, or 0xffff); true when it has one. */
static inline bool operand_short_code(uint16_t value, unsigned *v)
{
    unsigned code = (unsigned)((value + OPND_SHORT_BIAS) & 0xffffu);
    if (code - OPND_SHORT_LIT >= 32u)
        return false;
    *v = code;
    return true;
}

/* How the group of operand code v is written (opcodes.def): r a register, n the next
 * word, s a short literal; "PUSH|POP" is PUSH as b, POP as a. */
const char *operand_syntax(unsigned v);

/* Extra cycles for looking operand v up: one per next word. */
static inline unsigned operand_cycles(unsigned v)
{
    return operand_words(v);
}

/* Length in words (1..3) of the instruction starting with word, defined or not. */
static inline unsigned op_length(uint16_t word)
{
    op_fields_t d;
    op_decode(word, &d);
    return 1 + operand_words(d.a) + (d.special ? 0 : operand_words(d.b));
}

const op_info_t *op_basic(unsigned code);   /* NULL when undefined */
const op_info_t *op_special(unsigned code); /* NULL when undefined */
const op_info_t *op_find(const char *mnemonic); /* case-insensitive; NULL when unknown */

/* Register names in operand order: A B C X Y Z I J. */
extern const char *const op_register_names[8];

#endif
