/* disasm.c — instruction words to d16asm text; see disasm.h for the rules. */
#include "asm/disasm.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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

/* The next word of operand code v: a literal keeps LONG where the assembler would shrink it
 * (or where the instruction writes it, which only the explicit LONG form allows); PICK's
 * offset is a plain number; addresses go through the symbols. */
static void format_next(disasm_ctx_t *c, unsigned v, bool dest, char *out, size_t size)
{
    uint16_t w = next_word(c);
    char val[40];
    if (operand_group(v) == OPND_PICK) {
        snprintf(out, size, "%u", (unsigned)w);
        return;
    }
    format_value(c, w, val, sizeof val);
    bool fits_short = w == 0xffff || w <= 30;
    bool long_form = operand_group(v) == OPND_LIT && (fits_short || dest);
    snprintf(out, size, "%s%s", long_form ? "LONG " : "", val);
}

/* A short literal; only a jump target names a label (elsewhere a small number is rarely an
 * address). The assembler puts the label back in the short form: the words stay the same. */
static void format_short(const disasm_ctx_t *c, unsigned v, char *out, size_t size)
{
    uint16_t value = operand_short_value(v);
    if (c->jump_target) /* an address: hex, as the listing's comments show it */
        format_value(c, value, out, size);
    else
        snprintf(out, size, "%d", (int16_t)value);
}

/* Operand code v as text, spelled as its group's syntax in opcodes.def says; is_b picks the
 * b side of "PUSH|POP"; dest says the instruction writes the operand. */
static void format_operand(disasm_ctx_t *c, unsigned v, bool is_b, bool dest, char *out,
                           size_t size)
{
    const char *syntax = operand_syntax(v);
    const char *bar = strchr(syntax, '|');
    size_t len = strlen(syntax);
    if (bar && is_b)
        len = (size_t)(bar - syntax);
    else if (bar)
        syntax = bar + 1, len = strlen(syntax);
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < len && used < size; i++) {
        char piece[48] = {syntax[i], '\0'};
        if (syntax[i] == 'r')
            snprintf(piece, sizeof piece, "%s", op_register_names[v & 7]);
        else if (syntax[i] == 'n')
            format_next(c, v, dest, piece, sizeof piece);
        else if (syntax[i] == 's')
            format_short(c, v, piece, sizeof piece);
        int n = snprintf(out + used, size - used, "%s", piece);
        used += n > 0 ? (size_t)n : 0;
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
    /* a's next word comes first (docs/machine.md §1, operand order), so a is decoded before b. */
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
