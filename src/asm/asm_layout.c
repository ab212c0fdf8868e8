/* asm_layout.c — addresses and words. Literals start short and grow to a next word when
 * their value does not fit (never shrink back), so the passes reach a fixed point; then
 * one final pass evaluates everything with error reporting and writes the image. */
#include "asm/asm_int.h"

#include <stdlib.h>
#include <string.h>

#define LAYOUT_MAX_PASSES 100

static bool fits_short(int64_t v)
{
    uint16_t w = (uint16_t)((uint64_t)v & 0xffff);
    return w == 0xffff || w <= 30;
}

/* 0 or 1: the next words operand op takes at this point of the layout. */
static uint32_t operand_size(asm_t *as, asm_item_t *it, asm_operand_t *op, bool *changed)
{
    switch (op->kind) {
    case OPK_IDX: case OPK_PICK: case OPK_MEM: case OPK_LONG:
        return 1;
    case OPK_LIT:
        break;
    default:
        return 0;
    }
    if (op->is_long)
        return 1;
    asm_eval_info_t info = {0};
    int64_t v = asm_eval(as, op->expr, it->line, it->addr, false, &info);
    bool grow = (as->opts->long_literals && info.uses_label) ||
                (!info.undefined && !info.failed && !fits_short(v));
    if (grow) {
        op->is_long = true;
        *changed = true;
    }
    return grow;
}

static int64_t eval_quiet(asm_t *as, asm_item_t *it, int32_t e, bool *ok)
{
    asm_eval_info_t info = {0};
    int64_t v = asm_eval(as, e, it->line, it->addr, as->final, &info);
    *ok = !info.failed && !info.undefined;
    return v;
}

static uint32_t item_size(asm_t *as, asm_item_t *it, bool *changed)
{
    bool ok = true;
    int64_t v;
    switch (it->kind) {
    case IT_LABEL: {
        asm_sym_t *s = &as->syms[it->e1];
        if (s->value != it->addr)
            *changed = true;
        s->value = it->addr;
        return 0;
    }
    case IT_INSTR:
        return 1 + operand_size(as, it, &it->a, changed) +
               (it->op->special ? 0 : operand_size(as, it, &it->b, changed));
    case IT_DATA:
        return it->nlist;
    case IT_BIN:
        return it->size;
    case IT_ORG:
        v = eval_quiet(as, it, it->e1, &ok);
        if (as->final && ok && (v < 0 || v > ASM_IMAGE_WORDS))
            asm_error(as, it->line, it->col, ".org %lld is out of range (0 to 0x%x)",
                      (long long)v, ASM_IMAGE_WORDS);
        else if (as->final && ok && v < it->addr)
            asm_error(as, it->line, it->col, ".org 0x%04llx is below the current address 0x%04x",
                      (long long)v, (unsigned)it->addr);
        return ok && v >= it->addr && v <= ASM_IMAGE_WORDS ? (uint32_t)(v - it->addr) : 0;
    case IT_FILL:
        v = eval_quiet(as, it, it->e1, &ok);
        if (as->final && ok && (v < 0 || v > ASM_IMAGE_WORDS))
            asm_error(as, it->line, it->col, "count %lld is out of range (0 to %d)",
                      (long long)v, ASM_IMAGE_WORDS);
        return ok && v >= 0 && v <= ASM_IMAGE_WORDS ? (uint32_t)v : 0;
    case IT_ALIGN:
        v = eval_quiet(as, it, it->e1, &ok);
        if (as->final && ok && (v <= 0 || v > ASM_IMAGE_WORDS))
            asm_error(as, it->line, it->col, "alignment %lld is out of range (1 to %d)",
                      (long long)v, ASM_IMAGE_WORDS);
        return ok && v > 0 && v <= ASM_IMAGE_WORDS ? (uint32_t)((v - it->addr % v) % v) : 0;
    default:
        return 0;
    }
}

/* One pass over every item; true when an address or a size changed. */
static bool layout_pass(asm_t *as, uint32_t *end)
{
    bool changed = false;
    uint32_t addr = 0;
    for (size_t k = 0; k < as->nitems; k++) {
        asm_item_t *it = &as->items[k];
        it->addr = addr;
        uint32_t size = item_size(as, it, &changed);
        if (size != it->size)
            changed = true;
        it->size = size;
        addr += size;
        if (addr > ASM_IMAGE_WORDS + 1)
            addr = ASM_IMAGE_WORDS + 1; /* reported in the final pass */
    }
    *end = addr;
    return changed;
}

static uint16_t word_of(asm_t *as, asm_item_t *it, int32_t e, unsigned col)
{
    asm_eval_info_t info = {0};
    int64_t v = asm_eval(as, e, it->line, it->addr, true, &info);
    if (!info.failed && (v < -0x8000 || v > 0xffff))
        asm_warning(as, it->line, col, "value %lld truncated to 16 bits", (long long)v);
    return (uint16_t)((uint64_t)v & 0xffff);
}

static unsigned operand_code(const asm_operand_t *op)
{
    static const unsigned fixed[] = {
        [OPK_PUSH] = OPND_PUSHPOP, [OPK_POP] = OPND_PUSHPOP, [OPK_PEEK] = OPND_PEEK,
        [OPK_PICK] = OPND_PICK, [OPK_SP] = OPND_SP, [OPK_PC] = OPND_PC, [OPK_EX] = OPND_EX,
        [OPK_MEM] = OPND_MEM, [OPK_LONG] = OPND_LIT,
    };
    switch (op->kind) {
    case OPK_REG: return OPND_REG + op->reg;
    case OPK_IND: return OPND_IND + op->reg;
    case OPK_IDX: return OPND_IDX + op->reg;
    case OPK_LIT: return OPND_LIT; /* the short form is chosen when the value is known */
    default: return fixed[op->kind];
    }
}

static void put(asm_t *as, uint32_t addr, uint16_t w)
{
    if (addr < as->image_size)
        as->image[addr] = w;
}

static void emit_instruction(asm_t *as, asm_item_t *it)
{
    uint32_t at = it->addr + 1;
    unsigned a = operand_code(&it->a), b = 0;
    if (it->a.expr != ASM_NONE) {
        uint16_t v = word_of(as, it, it->a.expr, it->a.col);
        if (it->a.kind == OPK_LIT && !it->a.is_long) {
            if (!operand_short_code(v, &a)) /* layout chose the short form: it fits */
                a = (v + OPND_SHORT_BIAS) & 0x3f;
        } else {
            put(as, at++, v);
        }
    }
    if (!it->op->special) {
        b = operand_code(&it->b);
        if (it->b.expr != ASM_NONE)
            put(as, at++, word_of(as, it, it->b.expr, it->b.col));
    }
    put(as, it->addr, it->op->special ? op_encode_special(it->op->code, a)
                                      : op_encode_basic(it->op->code, b, a));
}

static void emit_item(asm_t *as, asm_item_t *it)
{
    switch (it->kind) {
    case IT_INSTR:
        emit_instruction(as, it);
        break;
    case IT_DATA:
        for (uint32_t k = 0; k < it->nlist; k++)
            put(as, it->addr + k, word_of(as, it, it->list[k], as->exprs[it->list[k]].col));
        break;
    case IT_BIN:
        for (uint32_t k = 0; k < it->size; k++)
            put(as, it->addr + k, it->bin[k]);
        break;
    case IT_FILL:
        if (it->e2 != ASM_NONE) {
            uint16_t v = word_of(as, it, it->e2, as->exprs[it->e2].col);
            for (uint32_t k = 0; k < it->size; k++)
                put(as, it->addr + k, v);
        }
        break;
    default:
        break;
    }
}

void asm_layout_and_emit(asm_t *as)
{
    uint32_t end = 0;
    int pass = 0;
    while (layout_pass(as, &end) && ++pass < LAYOUT_MAX_PASSES)
        ;
    if (pass >= LAYOUT_MAX_PASSES)
        asm_error(as, ASM_NO_LINE, 0, "addresses do not settle after %d passes "
                                      "(labels that move what defines them?)", pass);
    /* Final pass: the same sizes, now reporting every evaluation error. */
    as->final = true;
    asm_check_constants(as);
    bool changed = false;
    for (size_t k = 0; k < as->nitems && !as->stop; k++) {
        asm_item_t *it = &as->items[k];
        if (it->kind == IT_ORG || it->kind == IT_FILL || it->kind == IT_ALIGN)
            item_size(as, it, &changed);
        if (it->addr + it->size > ASM_IMAGE_WORDS &&
            (k == 0 || as->items[k - 1].addr + as->items[k - 1].size <= ASM_IMAGE_WORDS)) {
            asm_error(as, it->line, it->col, "the program does not fit in 65536 words");
        }
    }
    if (end > ASM_IMAGE_WORDS)
        return; /* reported above; clamped addresses would only add noise */
    as->image_size = end;
    if (end == 0 && as->errors == 0)
        asm_warning(as, ASM_NO_LINE, 0, "no code or data: the image is empty");
    as->image = calloc(as->image_size ? as->image_size : 1, sizeof *as->image);
    if (!as->image) {
        asm_error(as, ASM_NO_LINE, 0, "out of memory");
        return;
    }
    for (size_t k = 0; k < as->nitems && !as->stop; k++)
        emit_item(as, &as->items[k]);
}
