/* asm_expr.c — expressions: C operators and precedence over numbers, symbols and $;
 * parsed into trees in as->exprs, evaluated on demand (labels move during layout). */
#include "asm/asm_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int32_t asm_expr_new(asm_t *as, int kind, unsigned col)
{
    asm_expr_t *n = asm_grow(as->exprs, &as->capexprs, as->nexprs + 1, sizeof *n);
    if (!n)
        return ASM_NONE;
    as->exprs = n;
    asm_expr_t *e = &as->exprs[as->nexprs];
    memset(e, 0, sizeof *e);
    e->kind = (uint8_t)kind;
    e->col = col;
    e->l = e->r = ASM_NONE;
    return (int32_t)as->nexprs++;
}

int32_t asm_expr_num(asm_t *as, int64_t v, unsigned col)
{
    int32_t e = asm_expr_new(as, EX_NUM, col);
    if (e != ASM_NONE)
        as->exprs[e].num = v;
    return e;
}

int32_t asm_expr_binary(asm_t *as, int op, int32_t l, int32_t r, unsigned col)
{
    int32_t e = asm_expr_new(as, EX_BINARY, col);
    if (e != ASM_NONE) {
        as->exprs[e].op = op;
        as->exprs[e].l = l;
        as->exprs[e].r = r;
    }
    return e;
}

int asm_register_index(const char *name)
{
    static const char *const extra[] = {"SP", "PC", "EX"};
    for (int k = 0; k < 8; k++)
        if (strcasecmp(name, op_register_names[k]) == 0)
            return k;
    for (int k = 0; k < 3; k++)
        if (strcasecmp(name, extra[k]) == 0)
            return 8 + k;
    return -1;
}

/* Binding strength of a binary operator, 0 when the token is none. */
static int precedence(const asm_token_t *t)
{
    if (t->kind != TK_PUNCT)
        return 0;
    switch (t->punct) {
    case '*': case '/': case '%': return 10;
    case '+': case '-': return 9;
    case P_SHL: case P_SHR: return 8;
    case '<': case '>': case P_LE: case P_GE: return 7;
    case P_EQ: case P_NE: return 6;
    case '&': return 5;
    case '^': return 4;
    case '|': return 3;
    case P_ANDAND: return 2;
    case P_OROR: return 1;
    default: return 0;
    }
}

static int32_t parse_binary(asm_cursor_t *c, bool allow_regs, int min_prec);

#define EXPR_MAX_DEPTH 64
#define EXPR_MAX_NODES 1024
#define EVAL_MAX_DEPTH 256

static int32_t parse_atom(asm_cursor_t *c, bool allow_regs)
{
    asm_t *as = c->as;
    asm_token_t *t = asm_peek(c);
    if (c->depth > EXPR_MAX_DEPTH || as->nexprs - c->expr_base > EXPR_MAX_NODES) {
        asm_error(as, c->line, t->col, "expression too complex");
        return ASM_NONE;
    }
    if (t->kind == TK_NUM) {
        c->i++;
        return asm_expr_num(as, t->num, t->col);
    }
    if (t->kind == TK_PUNCT && t->punct == '$') {
        c->i++;
        return asm_expr_new(as, EX_HERE, t->col);
    }
    if (t->kind == TK_PUNCT && t->punct == '(') {
        c->i++;
        c->depth++;
        int32_t e = parse_binary(c, allow_regs, 1);
        c->depth--;
        if (e == ASM_NONE)
            return ASM_NONE;
        if (!asm_at_punct(c, ')')) {
            asm_error(as, c->line, asm_peek(c)->col, "expected ')'");
            return ASM_NONE;
        }
        c->i++;
        return e;
    }
    if (t->kind == TK_STR) { /* "x": a one-character string is its character's value */
        if (t->slen != 1) {
            asm_error(as, c->line, t->col, "a string is a value only with one character");
            return ASM_NONE;
        }
        c->i++;
        return asm_expr_num(as, (unsigned char)t->str[0], t->col);
    }
    /* `--3` is two unary minuses; in `2--10` the first '-' was the binary one. */
    bool dec = t->kind == TK_PUNCT && t->punct == P_DEC;
    if ((t->kind == TK_PUNCT && strchr("-+~!", t->punct) && t->punct < 256) || dec) {
        int times = dec && !c->dec_is_minus ? 2 : 1;
        c->dec_is_minus = false;
        c->i++;
        c->depth++;
        int32_t operand = parse_atom(c, allow_regs);
        c->depth--;
        for (int k = 0; k < times && operand != ASM_NONE; k++) {
            int32_t e = asm_expr_new(as, EX_UNARY, t->col);
            if (e != ASM_NONE) {
                as->exprs[e].op = dec ? '-' : t->punct;
                as->exprs[e].l = operand;
            }
            operand = e;
        }
        return operand;
    }
    if (t->kind == TK_IDENT && t->str[0] != '#') {
        int reg = asm_register_index(t->str);
        if (reg >= 0) {
            if (!allow_regs) {
                asm_error(as, c->line, t->col, "register '%s' cannot be used in an expression",
                          t->str);
                return ASM_NONE;
            }
            c->i++;
            int32_t e = asm_expr_new(as, EX_REG, t->col);
            if (e != ASM_NONE)
                as->exprs[e].op = reg;
            return e;
        }
        c->i++;
        char full[512];
        asm_sym_scoped(as, t->str, full, sizeof full);
        int32_t e = asm_expr_new(as, EX_SYM, t->col);
        if (e != ASM_NONE && !(as->exprs[e].sym = asm_strdup(full)))
            return ASM_NONE;
        return e;
    }
    if (t->kind == TK_EOL)
        asm_error(as, c->line, t->col, "expected an expression");
    else
        asm_error(as, c->line, t->col, "unexpected '%.*s' in expression", (int)t->len,
                  as->lines[c->line].text + t->off);
    return ASM_NONE;
}

static int32_t parse_binary(asm_cursor_t *c, bool allow_regs, int min_prec)
{
    int32_t left = parse_atom(c, allow_regs);
    while (left != ASM_NONE) {
        asm_token_t *t = asm_peek(c);
        bool dec = t->kind == TK_PUNCT && t->punct == P_DEC; /* 2--10: minus, then unary */
        int prec = dec ? 9 : precedence(t);
        if (prec == 0 || prec < min_prec)
            break;
        if (dec)
            c->dec_is_minus = true; /* parse_atom takes the second '-' */
        else
            c->i++;
        int32_t right = parse_binary(c, allow_regs, prec + 1);
        if (right == ASM_NONE)
            return ASM_NONE;
        left = asm_expr_binary(c->as, dec ? '-' : t->punct, left, right, t->col);
    }
    return left;
}

int32_t asm_parse_expr(asm_cursor_t *c, bool allow_regs)
{
    c->depth = 0;
    c->expr_base = c->as->nexprs;
    return parse_binary(c, allow_regs, 1);
}

static int64_t eval_sym(asm_t *as, const asm_expr_t *x, uint32_t line, bool report,
                        asm_eval_info_t *info)
{
    int32_t k = asm_sym_find(as, x->sym);
    if (k == ASM_NONE) {
        info->undefined = true;
        if (report) {
            asm_error(as, line, x->col, "undefined symbol '%s'", x->sym);
            info->failed = true;
        }
        return 0;
    }
    asm_sym_t *s = &as->syms[k];
    s->used = true;
    if (s->kind == SYM_LABEL) {
        info->uses_label = true;
        return s->value;
    }
    if (s->kind == SYM_CLI)
        return s->value;
    if (s->busy) {
        info->failed = true;
        info->undefined = true;
        if (report)
            asm_error(as, line, x->col, "expression does not resolve: '%s' depends on itself",
                      x->sym);
        return 0;
    }
    if (s->checked && s->bad) {
        info->failed = true; /* already reported at its definition */
        return 0;
    }
    /* The first reporting evaluation reports errors inside the definition, there. */
    bool report_inner = report && !s->checked;
    if (report)
        s->checked = true;
    s->busy = true;
    int64_t here = s->item >= 0 ? as->items[s->item].addr : 0;
    asm_eval_info_t inner = {0};
    int64_t v = asm_eval(as, s->expr, s->line, here, report_inner, &inner);
    s->busy = false;
    info->uses_label |= inner.uses_label;
    info->undefined |= inner.undefined;
    if (inner.failed || inner.undefined) {
        info->failed = true;
        if (report_inner)
            s->bad = true;
    }
    return v;
}

/* Values are computed wide, in 64 bits, so nothing wraps at 32 bits unseen: a value that
 * does not fit its word warns where it is used. An operation whose exact result needs
 * more than 64 bits wraps and warns here, on the reporting evaluation. */
static int64_t overflowed(asm_t *as, const asm_expr_t *x, uint32_t line, bool report,
                          uint64_t wrapped)
{
    if (report)
        asm_warning(as, line, x->col, "overflow: the result needs more than 64 bits");
    return (int64_t)wrapped;
}

static int64_t shift_left(asm_t *as, const asm_expr_t *x, int64_t a, int64_t b, uint32_t line,
                          bool report)
{
    if (b < 0 || a == 0)
        return 0;
    if (b > 63)
        return overflowed(as, x, line, report, 0);
    uint64_t r = (uint64_t)a << b;
    if ((int64_t)r >> b != a || (r >> 63) != ((uint64_t)a >> 63))
        return overflowed(as, x, line, report, r);
    return (int64_t)r;
}

static int64_t eval_binary(asm_t *as, const asm_expr_t *x, int64_t a, int64_t b,
                           uint32_t line, bool report, asm_eval_info_t *info)
{
    int64_t r;
    switch (x->op) {
    case '+':
        if (__builtin_add_overflow(a, b, &r))
            return overflowed(as, x, line, report, (uint64_t)r);
        return r;
    case '-':
        if (__builtin_sub_overflow(a, b, &r))
            return overflowed(as, x, line, report, (uint64_t)r);
        return r;
    case '*':
        if (__builtin_mul_overflow(a, b, &r))
            return overflowed(as, x, line, report, (uint64_t)r);
        return r;
    case '/': case '%':
        if (b == 0) {
            info->failed = true;
            if (report)
                asm_error(as, line, x->col, "division by zero");
            return 0;
        }
        if (a == INT64_MIN && b == -1)
            return x->op == '/' ? overflowed(as, x, line, report, (uint64_t)INT64_MIN) : 0;
        return x->op == '/' ? a / b : a % b;
    case P_SHL: return shift_left(as, x, a, b, line, report);
    case P_SHR: return b < 0 || b > 63 ? (a < 0 ? -1 : 0) : a >> b;
    case '<': return a < b;
    case '>': return a > b;
    case P_LE: return a <= b;
    case P_GE: return a >= b;
    case P_EQ: return a == b;
    case P_NE: return a != b;
    case '&': return a & b;
    case '^': return a ^ b;
    case '|': return a | b;
    case P_ANDAND: return a && b;
    case P_OROR: return a || b;
    default: return 0;
    }
}

static int64_t eval_node(asm_t *as, int32_t e, uint32_t line, int64_t here, bool report,
                         asm_eval_info_t *info);

void asm_check_constants(asm_t *as)
{
    for (size_t k = 0; k < as->nsyms && !as->stop; k++) {
        asm_sym_t *s = &as->syms[k];
        if (s->kind != SYM_EQU || s->checked)
            continue;
        asm_expr_t ref = {.kind = EX_SYM, .sym = s->name, .col = s->col};
        asm_eval_info_t info = {0};
        eval_sym(as, &ref, s->line, true, &info);
    }
}

int64_t asm_eval(asm_t *as, int32_t e, uint32_t line, int64_t here, bool report,
                 asm_eval_info_t *info)
{
    if (e < 0 || (size_t)e >= as->nexprs || as->eval_depth >= EVAL_MAX_DEPTH) {
        if (e >= 0 && report && !info->failed)
            asm_error(as, line, 0, "expression does not resolve: nested too deeply");
        info->failed = true;
        return 0;
    }
    as->eval_depth++;
    int64_t v = eval_node(as, e, line, here, report, info);
    as->eval_depth--;
    return v;
}

static int64_t eval_node(asm_t *as, int32_t e, uint32_t line, int64_t here, bool report,
                         asm_eval_info_t *info)
{
    const asm_expr_t *x = &as->exprs[e];
    switch (x->kind) {
    case EX_NUM: return x->num;
    case EX_HERE: info->uses_label = true; return here;
    case EX_SYM: return eval_sym(as, x, line, report, info);
    case EX_REG:
        info->failed = true;
        if (report)
            asm_error(as, line, x->col, "register cannot be used here");
        return 0;
    case EX_UNARY: {
        int64_t v = asm_eval(as, x->l, line, here, report, info);
        switch (x->op) {
        case '-':
            return v == INT64_MIN ? overflowed(as, x, line, report, (uint64_t)v) : -v;
        case '~': return ~v;
        case '!': return !v;
        default: return v;
        }
    }
    default: {
        int64_t a = asm_eval(as, x->l, line, here, report, info);
        int64_t b = asm_eval(as, x->r, line, here, report, info);
        return eval_binary(as, x, a, b, line, report, info);
    }
    }
}
