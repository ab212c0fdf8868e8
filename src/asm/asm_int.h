/* asm_int.h — the assembler's inner parts, shared by src/asm/asm_*.c only.
 *
 * One assembly is one asm_t: the source driver (asm_source.c) reads lines, handles
 * includes, macros and conditionals, and hands each statement to asm_stmt.c, which turns
 * it into items (instructions, data, .org, ...). asm_layout.c then gives every item an
 * address, growing literals until nothing moves (a fixed point), and emits the words.
 * Expressions are trees in one array (asm_expr.c); symbols live in asm_symtab.c. */
#ifndef D16_ASM_INT_H
#define D16_ASM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "asm/asm.h"
#include "cpu/opcodes.h"

#define ASM_NONE (-1)          /* "no expression" / "no symbol" index */
#define ASM_MAX_DEPTH 32       /* nested includes and macro expansions */
#define ASM_IMAGE_WORDS 0x10000

/* ---- tokens (asm_lex.c) */
enum asm_tok_kind { TK_EOL, TK_IDENT, TK_NUM, TK_STR, TK_PUNCT };
enum asm_punct {
    P_SHL = 256, P_SHR, P_LE, P_GE, P_EQ, P_NE, P_ANDAND, P_OROR, P_INC, P_DEC,
};

typedef struct asm_token {
    int kind;
    int punct;          /* the character, or a P_* code */
    unsigned col;       /* 1-based column of the first character */
    unsigned off, len;  /* where it sits in the line text */
    int64_t num;        /* TK_NUM (characters included) */
    char *str;          /* TK_STR decoded bytes (malloc'd); TK_IDENT copy */
    size_t slen;
} asm_token_t;

typedef struct asm_tokens {
    asm_token_t *t;
    size_t n, cap;
} asm_tokens_t;

/* ---- expressions (asm_expr.c) */
enum asm_expr_kind { EX_NUM, EX_SYM, EX_REG, EX_HERE, EX_UNARY, EX_BINARY };

typedef struct asm_expr {
    uint8_t kind;
    int op;             /* unary/binary operator (character or P_*); register number */
    unsigned col;
    int64_t num;
    char *sym;          /* EX_SYM: the full (scoped) name */
    int32_t l, r;
} asm_expr_t;

/* ---- symbols (asm_symtab.c) */
enum asm_sym_kind { SYM_LABEL, SYM_EQU, SYM_CLI };

typedef struct asm_sym {
    char *name;
    int kind;
    int64_t value;      /* labels: address in the current layout pass; CLI: value */
    int32_t expr;       /* SYM_EQU */
    int32_t item;       /* the item where it was defined (for $ in .equ) */
    uint32_t line;
    unsigned col;
    bool busy;          /* being evaluated: a second visit is a cycle */
    bool checked;       /* SYM_EQU: evaluated once with errors reported */
    bool bad;           /* SYM_EQU: that evaluation failed (already reported) */
    bool used;
} asm_sym_t;

/* ---- items (asm_stmt.c builds, asm_layout.c places and emits) */
enum asm_opnd_kind {
    OPK_REG, OPK_IND, OPK_IDX, OPK_PUSH, OPK_POP, OPK_PEEK, OPK_PICK,
    OPK_SP, OPK_PC, OPK_EX, OPK_MEM, OPK_LIT, OPK_LONG,
};

typedef struct asm_operand {
    uint8_t kind;
    uint8_t reg;
    bool is_long;       /* OPK_LIT in a: grown to a next word */
    int32_t expr;
    unsigned col;
} asm_operand_t;

enum asm_item_kind { IT_LABEL, IT_MARK, IT_INSTR, IT_DATA, IT_ORG, IT_FILL, IT_ALIGN, IT_BIN };

typedef struct asm_item {
    uint8_t kind;
    uint32_t line;      /* index into asm_t.lines */
    unsigned col;
    uint32_t addr, size;
    const op_info_t *op;         /* IT_INSTR */
    asm_operand_t b, a;          /* IT_INSTR (b unused for special ops) */
    int32_t e1, e2;              /* ORG target; FILL count, value; ALIGN n; LABEL symbol */
    int32_t *list;               /* IT_DATA expressions */
    uint32_t nlist;
    uint16_t *bin;               /* IT_BIN words */
} asm_item_t;

typedef struct asm_line {
    uint32_t file;      /* index into asm_t.files */
    unsigned lineno;
    char *text;
    uint32_t first_item, item_count;
} asm_line_t;

typedef struct asm_macro {
    char *name;
    char **params;
    size_t nparams;
    uint32_t *body;     /* line indexes of the body (stored, never assembled directly) */
    size_t nbody;
    uint32_t line;      /* the .macro line */
    bool expanding;
    bool brace;         /* #macro name(a) { ... }: ends at a line starting with '}' */
} asm_macro_t;

typedef struct asm_cond {
    bool taking;        /* this branch is assembled */
    bool done;          /* some branch of this .if was taken already */
    bool in_else;
    uint32_t line;
} asm_cond_t;

typedef struct asm_file {
    char *name;         /* as written / resolved path */
    bool open;          /* on the include stack */
} asm_file_t;

typedef struct asm {
    const asm_options_t *opts;
    asm_options_t defaults;
    asm_line_t *lines;   size_t nlines, caplines;
    asm_item_t *items;   size_t nitems, capitems;
    asm_expr_t *exprs;   size_t nexprs, capexprs;
    asm_sym_t *syms;     size_t nsyms, capsyms;
    int32_t *hash;       size_t hashcap;    /* open addressing over syms */
    asm_macro_t *macros; size_t nmacros, capmacros;
    asm_cond_t *conds;   size_t nconds, capconds;
    asm_file_t *files;   size_t nfiles, capfiles;
    char scope[256];     /* last global label, for .local names */
    asm_macro_t *defining; /* .macro being recorded */
    bool data_open;      /* the last DAT ended with ',': the next lines may continue it */
    int32_t data_item;   /* that DAT's item */
    int depth;
    unsigned eval_depth; /* bounds .equ chains and deep trees */
    bool final;          /* emission pass: evaluation errors are reported */
    bool stop;           /* too many errors */
    unsigned errors, warnings, max_errors;
    const char *main_name; /* the file asked for: names diagnostics before it is open */
    uint16_t *image;
    size_t image_size;
} asm_t;

/* asm.c: diagnostics; line == ASM_NONE-as-uint32 means "no line". */
#define ASM_NO_LINE UINT32_MAX
void asm_error(asm_t *as, uint32_t line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void asm_warning(asm_t *as, uint32_t line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void asm_note(asm_t *as, uint32_t line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void *asm_grow(void *array, size_t *cap, size_t need, size_t elem);
char *asm_strdup(const char *s);
char *asm_strndup(const char *s, size_t n);

/* asm_lex.c */
bool asm_lex_line(asm_t *as, uint32_t line, asm_tokens_t *out);
void asm_tokens_free(asm_tokens_t *t);
bool asm_is_ident_start(int c);
bool asm_is_ident_char(int c);

/* asm_expr.c — a cursor over one line's tokens */
typedef struct asm_cursor {
    asm_t *as;
    uint32_t line;
    asm_tokens_t *tk;
    size_t i;
    unsigned depth;      /* parentheses and unary operators, bounded */
    size_t expr_base;    /* as->nexprs when the expression began, to bound its size */
    bool dec_is_minus;   /* the next `--` token's first '-' was taken as binary minus */
} asm_cursor_t;

static inline asm_token_t *asm_peek(asm_cursor_t *c)
{
    return &c->tk->t[c->i < c->tk->n ? c->i : c->tk->n - 1];
}

static inline bool asm_at_punct(asm_cursor_t *c, int p)
{
    asm_token_t *t = asm_peek(c);
    return t->kind == TK_PUNCT && t->punct == p;
}

int32_t asm_expr_new(asm_t *as, int kind, unsigned col);
int32_t asm_expr_num(asm_t *as, int64_t v, unsigned col);
int32_t asm_expr_binary(asm_t *as, int op, int32_t l, int32_t r, unsigned col);
/* Parses an expression; registers allowed as atoms when allow_regs. ASM_NONE on error
 * (already reported). */
int32_t asm_parse_expr(asm_cursor_t *c, bool allow_regs);
int asm_register_index(const char *name); /* A..J = 0..7, SP 8, PC 9, EX 10, else -1 */

typedef struct asm_eval_info {
    bool undefined;     /* some symbol has no definition (yet) */
    bool uses_label;    /* the value depends on an address */
    bool failed;        /* a reported error (or an unreportable one outside the final pass) */
} asm_eval_info_t;

/* Evaluates e with $ = here. Errors are reported only when as->final or report. */
int64_t asm_eval(asm_t *as, int32_t e, uint32_t line, int64_t here, bool report,
                 asm_eval_info_t *info);

/* Evaluates every .equ once with error reporting, at its definition. */
void asm_check_constants(asm_t *as);

/* asm_symtab.c */
int32_t asm_sym_find(asm_t *as, const char *name);
int32_t asm_sym_define(asm_t *as, const char *name, int kind, uint32_t line, unsigned col);
/* The full name of a written symbol: local names get the current scope. */
void asm_sym_scoped(asm_t *as, const char *written, char *out, size_t size);
bool asm_sym_is_local(const char *name);

/* asm_stmt.c */
void asm_statement(asm_t *as, uint32_t line, asm_tokens_t *tk, size_t start);
int32_t asm_item_new(asm_t *as, int kind, uint32_t line, unsigned col);
bool asm_expect_end(asm_cursor_t *c);

/* asm_source.c; asm_add_line takes text (malloc'd) over; asm_process_line assembles a line */
int32_t asm_add_line(asm_t *as, uint32_t file, unsigned lineno, char *text);
void asm_process_line(asm_t *as, uint32_t line);
bool asm_source_text(asm_t *as, const char *name, const char *text, size_t length);
bool asm_source_file(asm_t *as, const char *path, uint32_t from_line, unsigned col);
bool asm_read_include(asm_t *as, const char *written, uint32_t line, unsigned col,
                      char **data, size_t *size, char **resolved);

/* asm_macro.c */
asm_macro_t *asm_macro_find(asm_t *as, const char *name);
void asm_macro_begin(asm_t *as, asm_cursor_t *c);   /* .macro line: starts recording */
void asm_macro_record(asm_t *as, uint32_t line);    /* a body line */
void asm_macro_call(asm_t *as, asm_cursor_t *c, asm_macro_t *m, const asm_token_t *name);

/* asm_layout.c */
void asm_layout_and_emit(asm_t *as);

#endif
