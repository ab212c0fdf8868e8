/* opcodes.c — lookup tables built from opcodes.def. */
#include "cpu/opcodes.h"

#include <stddef.h>
#include <strings.h>

const char *const op_register_names[8] = {"A", "B", "C", "X", "Y", "Z", "I", "J"};

static const op_info_t basic_table[32] = {
#define OP_BASIC(name, code, cycles, flags) [code] = {#name, code, cycles, flags, false},
#include "cpu/opcodes.def"
};

static const op_info_t special_table[32] = {
#define OP_SPECIAL(name, code, cycles, flags) [code] = {#name, code, cycles, flags, true},
#include "cpu/opcodes.def"
};

const op_info_t *op_basic(unsigned code)
{
    return code < 32 && basic_table[code].name ? &basic_table[code] : NULL;
}

const op_info_t *op_special(unsigned code)
{
    return code < 32 && special_table[code].name ? &special_table[code] : NULL;
}

const op_info_t *op_find(const char *mnemonic)
{
    for (unsigned i = 0; i < 32; i++) {
        if (basic_table[i].name && strcasecmp(basic_table[i].name, mnemonic) == 0)
            return &basic_table[i];
        if (special_table[i].name && strcasecmp(special_table[i].name, mnemonic) == 0)
            return &special_table[i];
    }
    return NULL;
}

const char *operand_syntax(unsigned v)
{
    switch (operand_group(v)) {
#define OPERAND_GROUP(name, code, count, cycles, flags, syntax) \
    case code: return syntax;
#include "cpu/opcodes.def"
    default: return "s";
    }
}
