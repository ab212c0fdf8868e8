/* disasm.c — instruction words to d16asm text; see disasm.h for the rules. */
#include "asm/disasm.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "cpu/opcodes.h"

typedef struct disasm_ctx {
    const uint16_t *words;
    unsigned used; /* words consumed so far, the instruction word included */
    disasm_symbol_fn lookup;
    void *sym_ctx;
    bool jump_target; /* the a operand being formatted is where JSR or SET PC goes */
} disasm_ctx_t;

/* A symbol's name for v (`name` or `name+N`) into out; false when none fits. */
static bool format_symbol(const disasm_ctx_t *c, uint16_t v, char *out, size_t size)
{
    uint16_t off = 0;
    const char *name = c->lookup ? c->lookup(c->sym_ctx, v, &off) : NULL;
    if (name && off == 0)
        snprintf(out, size, "%s", name);
    else if (name)
        snprintf(out, size, "%s+%u", name, (unsigned)off);
    return name != NULL;
}

/* A next-word value, through the symbol table when there is one. */
static void format_value(const disasm_ctx_t *c, uint16_t v, char *out, size_t size)
{
    if (!format_symbol(c, v, out, size))
        snprintf(out, size, "0x%04x", (unsigned)v);
}

static uint16_t next_word(disasm_ctx_t *c)
{
    return c->words[c->used++];
}

/* Operand code v as text; is_b selects PUSH over POP for 0x18; dest says the instruction
 * writes the operand, where the assembler takes a literal only in its explicit LONG form. */
static void format_operand(disasm_ctx_t *c, unsigned v, bool is_b, bool dest, char *out,
                           size_t size)
{
    char val[40];
    if (v < 0x08) {
        snprintf(out, size, "%s", op_register_names[v]);
    } else if (v < 0x10) {
        snprintf(out, size, "[%s]", op_register_names[v - 0x08]);
    } else if (v < 0x18) {
        format_value(c, next_word(c), val, sizeof val);
        snprintf(out, size, "[%s+%s]", op_register_names[v - 0x10], val);
    } else if (v >= OPND_SHORT_LIT) {
        /* Only a jump target names a label: elsewhere a small number is rarely an address.
         * The assembler puts the label back in the short form, so the words stay the same. */
        if (c->jump_target) /* an address: hex, as the listing's comments show it */
            format_value(c, (uint16_t)(v - 0x21), out, size);
        else
            snprintf(out, size, "%d", (int)v - 0x21);
    } else {
        switch (v) {
        case OPND_PUSHPOP: snprintf(out, size, "%s", is_b ? "PUSH" : "POP"); break;
        case OPND_PEEK: snprintf(out, size, "PEEK"); break;
        case OPND_PICK: snprintf(out, size, "PICK %u", (unsigned)next_word(c)); break;
        case OPND_SP: snprintf(out, size, "SP"); break;
        case OPND_PC: snprintf(out, size, "PC"); break;
        case OPND_EX: snprintf(out, size, "EX"); break;
        case OPND_MEM:
            format_value(c, next_word(c), val, sizeof val);
            snprintf(out, size, "[%s]", val);
            break;
        default: { /* OPND_LIT: keep it long when the assembler would shrink it */
            uint16_t w = next_word(c);
            format_value(c, w, val, sizeof val);
            bool fits_short = w == 0xffff || w <= 30;
            snprintf(out, size, "%s%s", fits_short || dest ? "LONG " : "", val);
            break;
        }
        }
    }
}

static unsigned format_dat(const uint16_t words[3], char *buf, size_t size)
{
    if (size > 0)
        snprintf(buf, size, "DAT 0x%04x", (unsigned)words[0]);
    return 1;
}

unsigned disasm_format_sym(const uint16_t words[3], char *buf, size_t size,
                           disasm_symbol_fn lookup, void *ctx)
{
    op_fields_t d;
    op_decode(words[0], &d);
    const op_info_t *info = d.special ? op_special(d.op) : op_basic(d.op);
    if (!info)
        return format_dat(words, buf, size);
    /* A short literal cannot be written as a destination the assembler accepts. */
    if (d.special && (info->flags & OPF_WRITE_A) && d.a >= OPND_SHORT_LIT)
        return format_dat(words, buf, size);

    bool jump = d.special ? d.op == SOP_JSR : d.op == OP_SET && d.b == OPND_PC;
    disasm_ctx_t c = {words, 1, lookup, ctx, jump};
    char a[48], b[48];
    /* a's next word comes first (reference §1.2), so a is decoded before b. */
    format_operand(&c, d.a, false, d.special && (info->flags & OPF_WRITE_A), a, sizeof a);
    if (d.special) {
        if (size > 0)
            snprintf(buf, size, "%s %s", info->name, a);
    } else {
        format_operand(&c, d.b, true, true, b, sizeof b);
        if (size > 0)
            snprintf(buf, size, "%s %s, %s", info->name, b, a);
    }
    return c.used;
}

unsigned disasm_format(const uint16_t words[3], char *buf, size_t size)
{
    return disasm_format_sym(words, buf, size, NULL, NULL);
}
