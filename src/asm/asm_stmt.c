/* asm_stmt.c — one statement to items: labels, instructions with their operands, data
 * and the layout directives (.org .fill .reserve .align .equ). Source-level directives
 * (.include, .macro, .if ...) are asm_source.c's. */
#include "asm/asm_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Directives this file handles; the rest are asked of asm_source.c. */
enum stmt_directive {
    D_NONE, D_DATA, D_ORG, D_FILL, D_RESERVE, D_ALIGN, D_EQU, D_DEFINE, D_ASCIIZ, D_ASCIIP,
};

static int directive_kind(const char *name)
{
    static const struct { const char *name; int kind; } table[] = {
        {"dat", D_DATA}, {"dw", D_DATA}, {"short", D_DATA}, {"word", D_DATA},
        {"org", D_ORG}, {"origin", D_ORG}, {"fill", D_FILL}, {"reserve", D_RESERVE},
        {"align", D_ALIGN}, {"equ", D_EQU}, {"set", D_EQU}, {"define", D_DEFINE},
        {"def", D_DEFINE}, {"resw", D_FILL}, {"ds", D_RESERVE}, {"ascii", D_DATA},
        {"asciiz", D_ASCIIZ}, {"asciip", D_ASCIIP},
    };
    for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
        if (strcasecmp(name, table[k].name) == 0)
            return table[k].kind;
    return D_NONE;
}

int32_t asm_item_new(asm_t *as, int kind, uint32_t line, unsigned col)
{
    asm_item_t *n = asm_grow(as->items, &as->capitems, as->nitems + 1, sizeof *n);
    if (!n)
        return ASM_NONE;
    as->items = n;
    asm_item_t *it = &as->items[as->nitems];
    memset(it, 0, sizeof *it);
    it->kind = (uint8_t)kind;
    it->line = line;
    it->col = col;
    it->e1 = it->e2 = ASM_NONE;
    it->a.expr = it->b.expr = ASM_NONE;
    asm_line_t *l = &as->lines[line];
    if (l->item_count++ == 0)
        l->first_item = (uint32_t)as->nitems;
    return (int32_t)as->nitems++;
}

bool asm_expect_end(asm_cursor_t *c)
{
    asm_token_t *t = asm_peek(c);
    if (t->kind == TK_EOL)
        return true;
    asm_error(c->as, c->line, t->col, "unexpected '%.*s' after the statement", (int)t->len,
              c->as->lines[c->line].text + t->off);
    return false;
}

static void define_label(asm_t *as, uint32_t line, const asm_token_t *t)
{
    char full[512];
    /* A mnemonic's name is a fine label (":sub", "add:"): the colon says what it is. */
    bool o_register = as->opts->dialect == ASM_DIALECT_1_1 && strcasecmp(t->str, "O") == 0;
    if (t->str[0] == '#' || asm_register_index(t->str) >= 0 || o_register) {
        asm_error(as, line, t->col, "'%s' is reserved and cannot be a label", t->str);
        return;
    }
    asm_sym_scoped(as, t->str, full, sizeof full);
    if (strlen(t->str) > ASM_LABEL_MAX || strlen(full) > ASM_LABEL_MAX) {
        asm_error(as, line, t->col, "label '%.40s...' is longer than %d characters", full,
                  ASM_LABEL_MAX);
        return;
    }
    int32_t old = asm_sym_find(as, full);
    if (old != ASM_NONE) {
        const asm_sym_t *s = &as->syms[old];
        if (s->line != ASM_NO_LINE)
            asm_error(as, line, t->col, "duplicate label '%s' (first defined at %s:%u)", full,
                      as->files[as->lines[s->line].file].name, as->lines[s->line].lineno);
        else
            asm_error(as, line, t->col, "duplicate label '%s' (defined with -D)", full);
        return;
    }
    int32_t sym = asm_sym_define(as, full, SYM_LABEL, line, t->col);
    int32_t item = asm_item_new(as, IT_LABEL, line, t->col);
    if (sym == ASM_NONE || item == ASM_NONE)
        return;
    as->items[item].e1 = sym;
    as->syms[sym].item = item;
    if (!asm_sym_is_local(t->str))
        snprintf(as->scope, sizeof as->scope, "%s", t->str);
}

/* Labels before the statement: ":name" or "name:". */
static void parse_labels(asm_cursor_t *c)
{
    for (;;) {
        asm_token_t *t = asm_peek(c);
        if (t->kind == TK_PUNCT && t->punct == ':' && c->i + 1 < c->tk->n &&
            c->tk->t[c->i + 1].kind == TK_IDENT) {
            define_label(c->as, c->line, &c->tk->t[c->i + 1]);
            c->i += 2;
        } else if (t->kind == TK_IDENT && c->i + 1 < c->tk->n &&
                   c->tk->t[c->i + 1].kind == TK_PUNCT && c->tk->t[c->i + 1].punct == ':') {
            define_label(c->as, c->line, t);
            c->i += 2;
        } else {
            return;
        }
    }
}

/* Finds the one register added into e ([A+1], [1+A], [A-1], [(x+A)]); *rest is the
 * remaining offset or ASM_NONE. Returns false (reported) on a misuse. */
static bool split_register(asm_t *as, uint32_t line, int32_t e, int *reg, int32_t *rest)
{
    asm_expr_t x = as->exprs[e];
    if (x.kind == EX_REG) {
        if (*reg >= 0) {
            asm_error(as, line, x.col, "only one register can be used in an address");
            return false;
        }
        *reg = x.op;
        *rest = ASM_NONE;
        return true;
    }
    if (x.kind == EX_BINARY && (x.op == '+' || x.op == '-')) {
        int32_t rl, rr;
        if (!split_register(as, line, x.l, reg, &rl))
            return false;
        int before = *reg;
        if (!split_register(as, line, x.r, reg, &rr))
            return false;
        if (x.op == '-' && *reg != before) {
            asm_error(as, line, x.col, "a register can only be added to an address");
            return false;
        }
        if (rl == ASM_NONE && rr == ASM_NONE)
            *rest = ASM_NONE;
        else if (rr == ASM_NONE)
            *rest = rl;
        else if (rl == ASM_NONE && x.op == '+')
            *rest = rr;
        else if (rl == ASM_NONE) {
            *rest = asm_expr_new(as, EX_UNARY, x.col);
            if (*rest != ASM_NONE) {
                as->exprs[*rest].op = '-';
                as->exprs[*rest].l = rr;
            }
        } else {
            *rest = asm_expr_binary(as, x.op, rl, rr, x.col);
        }
        return true;
    }
    if (x.kind == EX_UNARY || x.kind == EX_BINARY) {
        int inner = -1;
        int32_t ignore;
        bool ok = split_register(as, line, x.l, &inner, &ignore) &&
                  (x.kind == EX_UNARY || split_register(as, line, x.r, &inner, &ignore));
        if (ok && inner >= 0) {
            asm_error(as, line, x.col, "a register can only be added to an address");
            return false;
        }
        if (!ok)
            return false;
    }
    *rest = e;
    return true;
}

static bool parse_indirect(asm_cursor_t *c, asm_operand_t *op)
{
    asm_t *as = c->as;
    asm_token_t *t = c->tk->t;
    size_t i = c->i; /* at '[' */
    /* [--SP] and [SP++] are PUSH and POP. */
    if (i + 3 < c->tk->n && t[i + 1].kind == TK_PUNCT && t[i + 1].punct == P_DEC &&
        t[i + 2].kind == TK_IDENT && asm_register_index(t[i + 2].str) == 8 &&
        t[i + 3].kind == TK_PUNCT && t[i + 3].punct == ']') {
        op->kind = OPK_PUSH;
        c->i += 4;
        return true;
    }
    if (i + 3 < c->tk->n && t[i + 1].kind == TK_IDENT && asm_register_index(t[i + 1].str) == 8 &&
        t[i + 2].kind == TK_PUNCT && t[i + 2].punct == P_INC && t[i + 3].kind == TK_PUNCT &&
        t[i + 3].punct == ']') {
        op->kind = OPK_POP;
        c->i += 4;
        return true;
    }
    c->i++;
    int32_t e = asm_parse_expr(c, true);
    if (e == ASM_NONE)
        return false;
    if (!asm_at_punct(c, ']')) {
        asm_error(as, c->line, asm_peek(c)->col, "expected ']'");
        return false;
    }
    c->i++;
    int reg = -1;
    int32_t rest = ASM_NONE;
    if (!split_register(as, c->line, e, &reg, &rest))
        return false;
    op->expr = rest;
    if (reg < 0) {
        op->kind = OPK_MEM;
    } else if (reg < 8) {
        op->kind = rest == ASM_NONE ? OPK_IND : OPK_IDX;
        op->reg = (uint8_t)reg;
    } else if (reg == 8) {
        op->kind = rest == ASM_NONE ? OPK_PEEK : OPK_PICK;
    } else {
        asm_error(as, c->line, op->col, "[%s] is not an addressing mode", reg == 9 ? "PC" : "EX");
        return false;
    }
    return true;
}

/* "SET A, B+1": a register or stack word followed by an operator is a misuse, said so.
 * Without commas (spaced) the next token is the a operand ("SET A -1"). */
static bool register_alone(asm_cursor_t *c, const asm_token_t *reg, bool spaced)
{
    asm_token_t *t = asm_peek(c);
    if (spaced || t->kind != TK_PUNCT || t->punct == ',' || t->punct == '(' || t->punct == '[')
        return true;
    asm_error(c->as, c->line, reg->col, "register '%s' cannot be used in an expression",
              reg->str);
    return false;
}

/* `O`, the DCPU-16 1.1 name of EX: silent in the 1.1 dialect; otherwise a warning, and
 * only while no label or constant of that name is defined above (docs/assembler.md). */
static bool is_o_register(asm_cursor_t *c, const asm_token_t *t)
{
    if (strcasecmp(t->str, "O") != 0)
        return false;
    if (c->as->opts->dialect == ASM_DIALECT_1_1)
        return true;
    char full[512];
    asm_sym_scoped(c->as, t->str, full, sizeof full);
    if (asm_sym_find(c->as, full) != ASM_NONE)
        return false;
    asm_warning(c->as, c->line, t->col, "'%s' is the DCPU-16 1.1 name of EX; assembled as EX "
                "(--dialect 1.1 takes it silently)", t->str);
    return true;
}

static bool parse_operand(asm_cursor_t *c, asm_operand_t *op, bool spaced)
{
    asm_token_t *t = asm_peek(c);
    memset(op, 0, sizeof *op);
    op->expr = ASM_NONE;
    op->col = t->col;
    if (t->kind == TK_PUNCT && t->punct == '[')
        return parse_indirect(c, op);
    if (t->kind == TK_IDENT) {
        static const struct { const char *name; int kind; } words[] = {
            {"PUSH", OPK_PUSH}, {"POP", OPK_POP}, {"PEEK", OPK_PEEK}, {"SP", OPK_SP},
            {"PC", OPK_PC}, {"EX", OPK_EX},
        };
        int reg = asm_register_index(t->str);
        for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
            if (strcasecmp(t->str, words[k].name) == 0) {
                op->kind = (uint8_t)words[k].kind;
                c->i++;
                return register_alone(c, t, spaced);
            }
        if (reg >= 0 && reg < 8) {
            op->kind = OPK_REG;
            op->reg = (uint8_t)reg;
            c->i++;
            return register_alone(c, t, spaced);
        }
        if (is_o_register(c, t)) {
            op->kind = OPK_EX;
            c->i++;
            return register_alone(c, t, spaced);
        }
        bool pick = strcasecmp(t->str, "PICK") == 0, lng = strcasecmp(t->str, "LONG") == 0;
        if (pick || lng) {
            c->i++;
            op->kind = pick ? OPK_PICK : OPK_LONG;
            op->expr = asm_parse_expr(c, false);
            return op->expr != ASM_NONE;
        }
    }
    op->kind = OPK_LIT;
    op->expr = asm_parse_expr(c, false);
    return op->expr != ASM_NONE;
}

/* True when a ',' follows at the top level (outside brackets and parentheses). */
static bool comma_follows(const asm_cursor_t *c)
{
    int nest = 0;
    for (size_t k = c->i; k < c->tk->n; k++) {
        const asm_token_t *t = &c->tk->t[k];
        if (t->kind != TK_PUNCT)
            continue;
        if (t->punct == '(' || t->punct == '[')
            nest++;
        else if ((t->punct == ')' || t->punct == ']') && nest > 0)
            nest--;
        else if (t->punct == ',' && nest == 0)
            return true;
    }
    return false;
}

static void parse_instruction(asm_cursor_t *c, const op_info_t *info, unsigned col)
{
    asm_t *as = c->as;
    asm_item_t it = {0};
    it.op = info;
    if (info->special) {
        if (info->code == SOP_RFI && asm_peek(c)->kind == TK_EOL) {
            it.a.kind = OPK_LIT; /* bare RFI = RFI 0 */
            it.a.expr = asm_expr_num(as, 0, col);
        } else if (!parse_operand(c, &it.a, false)) {
            return;
        }
    } else {
        /* "SET A 0": with no comma on the line, white space may separate the operands. */
        bool spaced = !comma_follows(c);
        if (!parse_operand(c, &it.b, spaced))
            return;
        if (asm_at_punct(c, ',')) {
            c->i++;
        } else if (!spaced || asm_peek(c)->kind == TK_EOL) {
            asm_error(as, c->line, asm_peek(c)->col, "expected ',' between operands");
            return;
        } else {
            asm_warning(as, c->line, asm_peek(c)->col,
                        "operands separated by white space; a ',' is expected");
        }
        if (!parse_operand(c, &it.a, false))
            return;
    }
    if (!asm_expect_end(c))
        return;
    bool writes_a = info->special && (info->flags & OPF_WRITE_A);
    if (it.a.kind == OPK_PUSH) {
        asm_error(as, c->line, it.a.col, "PUSH cannot be a source (a) operand; use POP");
        return;
    }
    if (writes_a && it.a.kind == OPK_LIT) {
        asm_error(as, c->line, it.a.col,
                  "a literal cannot be the destination of %s (write LONG n to force it)",
                  info->name);
        return;
    }
    if (!info->special && it.b.kind == OPK_POP) {
        asm_error(as, c->line, it.b.col, "POP cannot be a destination (b) operand; use PUSH");
        return;
    }
    if (!info->special && it.b.kind == OPK_LIT) {
        if (!(info->flags & OPF_READ_B)) {
            const asm_expr_t *x = &as->exprs[it.b.expr];
            if (x->kind == EX_SYM) { /* a bare name: most likely a mistyped register */
                asm_error(as, c->line, it.b.col,
                          "'%s' is not a register; a literal cannot be the destination (b) "
                          "of %s", x->sym, info->name);
                return;
            }
            /* SET 0x1000, A: encoded as written, a next-word literal; the CPU drops it. */
            asm_warning(as, c->line, it.b.col,
                        "write to a literal is discarded (%s with a literal destination)",
                        info->name);
        }
        it.b.is_long = true; /* b has no short form */
    }
    int32_t k = asm_item_new(as, IT_INSTR, c->line, col);
    if (k != ASM_NONE) {
        it.kind = IT_INSTR;
        it.line = c->line;
        it.col = col;
        it.e1 = it.e2 = ASM_NONE;
        as->items[k] = it;
    }
}

static bool push_expr(int32_t **list, size_t *n, size_t *cap, int32_t e)
{
    int32_t *g = e == ASM_NONE ? NULL : asm_grow(*list, cap, *n + 1, sizeof **list);
    if (!g)
        return false;
    *list = g;
    (*list)[(*n)++] = e;
    return true;
}

/* One data item: a string is one word per byte, unless it is one character used in an
 * expression ("a"+1); anything else is an expression. */
static bool data_item(asm_cursor_t *c, int32_t **list, size_t *n, size_t *cap)
{
    asm_token_t *t = asm_peek(c);
    const asm_token_t *next = &c->tk->t[c->i + 1 < c->tk->n ? c->i + 1 : c->i];
    if (t->kind == TK_STR &&
        !(t->slen == 1 && next->kind == TK_PUNCT && next->punct != ',')) {
        for (size_t k = 0; k < t->slen; k++)
            if (!push_expr(list, n, cap, asm_expr_num(c->as, (unsigned char)t->str[k], t->col)))
                return false;
        c->i++;
        return true;
    }
    return push_expr(list, n, cap, asm_parse_expr(c, false));
}

/* The items of a data list to the end of the line. *open: it ended with a ',' (the list
 * may go on on the next line). A missing ',' between two items is a warning. */
static bool data_list(asm_cursor_t *c, int32_t **list, size_t *n, size_t *cap, bool *open)
{
    *open = false;
    for (;;) {
        if (!data_item(c, list, n, cap))
            return false;
        asm_token_t *t = asm_peek(c);
        if (t->kind == TK_EOL)
            return true;
        if (t->kind == TK_PUNCT && t->punct == ',') {
            c->i++;
            if (asm_peek(c)->kind == TK_EOL)
                return *open = true;
            continue;
        }
        asm_warning(c->as, c->line, t->col, "missing ',' between data items");
    }
}

/* DAT and .ascii (kind D_DATA), .asciiz (a 0 word after the list), .asciip (the list's
 * length in words before it). A DAT ending with ',' continues on the following lines. */
static void parse_data(asm_cursor_t *c, unsigned col, int kind)
{
    asm_t *as = c->as;
    int32_t *list = NULL;
    size_t n = 0, cap = 0;
    bool open;
    if (kind == D_ASCIIP && !push_expr(&list, &n, &cap, asm_expr_num(as, 0, col)))
        goto fail;
    if (!data_list(c, &list, &n, &cap, &open))
        goto fail;
    if (kind == D_ASCIIZ && !push_expr(&list, &n, &cap, asm_expr_num(as, 0, col)))
        goto fail;
    if (kind == D_ASCIIP)
        as->exprs[list[0]].num = (int64_t)n - 1;
    int32_t k = asm_item_new(as, IT_DATA, c->line, col);
    if (k == ASM_NONE)
        goto fail;
    as->items[k].list = list;
    as->items[k].nlist = (uint32_t)n;
    as->data_open = open && kind == D_DATA;
    as->data_item = k;
    return;
fail:
    free(list);
}

/* A line after a DAT that ended with ',': more items for it (true), or a statement. */
static bool continue_data(asm_cursor_t *c)
{
    static const char *const directives[] = {
        "include", "incbin", "incpack", "macro", "endmacro", "endm", "end", "echo", "if",
        "ifdef", "ifndef", "elif", "elseif", "else", "endif", NULL};
    asm_t *as = c->as;
    asm_token_t *t = asm_peek(c);
    const asm_token_t *next = &c->tk->t[c->i + 1 < c->tk->n ? c->i + 1 : c->i];
    if (t->kind == TK_EOL)
        return true; /* a blank or comment line keeps the list open */
    bool value = t->kind == TK_NUM || t->kind == TK_STR || (t->kind == TK_PUNCT && t->punct != ':');
    if (t->kind == TK_IDENT && !(next->kind == TK_PUNCT && next->punct == ':')) {
        bool directive = t->str[0] == '#' || (t->str[0] == '.' && directive_kind(t->str + 1));
        for (size_t k = 0; directives[k] && t->str[0] == '.' && !directive; k++)
            directive = strcasecmp(t->str + 1, directives[k]) == 0;
        value = !directive && !op_find(t->str) && !asm_macro_find(as, t->str) &&
                strcasecmp(t->str, "DAT") != 0 && strcasecmp(t->str, "DATA") != 0 &&
                strcasecmp(t->str, "RESERVE") != 0 && strcasecmp(t->str, "RESW") != 0;
    }
    if (!value) {
        as->data_open = false;
        return false;
    }
    asm_item_t *it = &as->items[as->data_item];
    int32_t *list = it->list;
    size_t n = it->nlist, cap = it->nlist;
    bool open = false;
    bool ok = data_list(c, &list, &n, &cap, &open);
    it = &as->items[as->data_item]; /* items do not move here, but stay safe */
    it->list = list;
    it->nlist = (uint32_t)n;
    as->data_open = ok && open;
    return true;
}

/* .equ NAME[,|=] VALUE, .define NAME [VALUE] */
static void parse_equ(asm_cursor_t *c, bool value_optional)
{
    asm_t *as = c->as;
    asm_token_t *name = asm_peek(c);
    if (name->kind != TK_IDENT || name->str[0] == '#') {
        asm_error(as, c->line, name->col, "expected a name");
        return;
    }
    if (asm_register_index(name->str) >= 0) {
        asm_error(as, c->line, name->col, "'%s' is reserved and cannot be a name", name->str);
        return;
    }
    c->i++;
    if (asm_at_punct(c, ',') || asm_at_punct(c, '='))
        c->i++;
    int32_t e;
    if (value_optional && asm_peek(c)->kind == TK_EOL)
        e = asm_expr_num(as, 1, name->col);
    else if ((e = asm_parse_expr(c, false)) == ASM_NONE)
        return;
    if (!asm_expect_end(c))
        return;
    char full[512];
    asm_sym_scoped(as, name->str, full, sizeof full);
    int32_t old = asm_sym_find(as, full);
    if (old != ASM_NONE) {
        if (as->syms[old].kind == SYM_CLI)
            return; /* -D on the command line wins over the source */
        asm_error(as, c->line, name->col, "duplicate definition of '%s'", full);
        return;
    }
    int32_t sym = asm_sym_define(as, full, SYM_EQU, c->line, name->col);
    int32_t mark = asm_item_new(as, IT_MARK, c->line, name->col);
    if (sym != ASM_NONE) {
        as->syms[sym].expr = e;
        as->syms[sym].item = mark;
    }
}

static void parse_layout_directive(asm_cursor_t *c, int kind, unsigned col)
{
    static const int item_kind[D_ASCIIP + 1] = {[D_ORG] = IT_ORG, [D_FILL] = IT_FILL,
                                    [D_RESERVE] = IT_FILL, [D_ALIGN] = IT_ALIGN};
    int32_t e1 = asm_parse_expr(c, false), e2 = ASM_NONE;
    if (e1 == ASM_NONE)
        return;
    if (kind == D_FILL && asm_at_punct(c, ','))
        c->i++;
    if (kind == D_FILL && asm_peek(c)->kind != TK_EOL &&
        (e2 = asm_parse_expr(c, false)) == ASM_NONE)
        return;
    if (!asm_expect_end(c))
        return;
    int32_t k = asm_item_new(c->as, item_kind[kind], c->line, col);
    if (k != ASM_NONE) {
        c->as->items[k].e1 = e1;
        c->as->items[k].e2 = e2;
    }
}

/* asm_source.c's directives and macro calls; true when it recognised the name. */
bool asm_source_statement(asm_t *as, asm_cursor_t *c, const asm_token_t *name);

void asm_statement(asm_t *as, uint32_t line, asm_tokens_t *tk, size_t start)
{
    asm_cursor_t c = {as, line, tk, start, 0, 0, false};
    if (as->data_open && continue_data(&c))
        return;
    parse_labels(&c);
    asm_token_t *t = asm_peek(&c);
    if (t->kind == TK_EOL)
        return;
    if (t->kind != TK_IDENT) {
        asm_error(as, line, t->col, "expected an instruction or directive");
        return;
    }
    c.i++;
    const char *word = t->str;
    bool dotted = word[0] == '.' || word[0] == '#';
    int kind = dotted ? directive_kind(word + 1) : D_NONE;
    const op_info_t *info = dotted ? NULL : op_find(word);
    if (info) {
        parse_instruction(&c, info, t->col);
    } else if (kind == D_DATA || kind == D_ASCIIZ || kind == D_ASCIIP ||
               (!dotted && (strcasecmp(word, "DAT") == 0 || strcasecmp(word, "DATA") == 0))) {
        parse_data(&c, t->col, kind == D_NONE ? D_DATA : kind);
    } else if (!dotted && strcasecmp(word, "RESERVE") == 0) {
        parse_layout_directive(&c, D_RESERVE, t->col);
    } else if (!dotted && strcasecmp(word, "RESW") == 0) {
        parse_layout_directive(&c, D_FILL, t->col);
    } else if (kind == D_EQU || kind == D_DEFINE) {
        parse_equ(&c, kind == D_DEFINE);
    } else if (kind != D_NONE) {
        parse_layout_directive(&c, kind, t->col);
    } else if (!asm_source_statement(as, &c, t)) {
        if (dotted)
            asm_error(as, line, t->col, "unknown directive '%s'", word);
        else
            asm_error(as, line, t->col, "unknown instruction '%s'", word);
    }
}
