/* test_asm.c — the assembler: reference programs, every syntax form and directive, every
 * error class (with file:line:col), a seeded disassemble -> assemble round trip, and a
 * bounded fuzz (D16_FUZZ_ITERATIONS scales it; `make fuzz` runs a long one). */
#include "asm/asm.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/disasm.h"
#include "check_main.h"
#include "cpu/opcodes.h"

#define BW(op, b, a) ((uint16_t)((a) << 10 | (b) << 5 | (op)))
#define SW(op, a)    ((uint16_t)((a) << 10 | (op) << 5))
#define L(v)         (0x21 + (v)) /* short literal operand code */
#define MAXW 64

/* ---------------------------------------------------------------- helpers */

typedef struct file_entry {
    const char *path, *data;
    size_t size; /* 0: strlen(data) */
} file_entry_t;

typedef struct collected {
    unsigned errors, warnings, notes;
    char warning[512];     /* the first warning's message */
    char note[512];        /* the first note's message (.echo) */
    char first[1024];      /* the first error, formatted */
    char file[64];
    unsigned line, col;
    char message[512];
} collected_t;

static void collect(void *ctx, const asm_diag_t *d)
{
    collected_t *c = ctx;
    if (d->severity == ASM_WARNING) {
        if (c->warnings++ == 0)
            snprintf(c->warning, sizeof c->warning, "%s", d->message);
        return;
    }
    if (d->severity == ASM_NOTE) {
        if (c->notes++ == 0)
            snprintf(c->note, sizeof c->note, "%s", d->message);
        return;
    }
    if (c->errors++ == 0) {
        asm_diag_format(d, c->first, sizeof c->first);
        snprintf(c->file, sizeof c->file, "%s", d->file);
        c->line = d->line;
        c->col = d->col;
        snprintf(c->message, sizeof c->message, "%s", d->message);
    }
}

static int memory_read(void *ctx, const char *path, char **data, size_t *size)
{
    for (const file_entry_t *f = ctx; f && f->path; f++) {
        if (strcmp(f->path, path) != 0)
            continue;
        size_t n = f->size ? f->size : strlen(f->data);
        *data = malloc(n + 1);
        if (!*data)
            return ENOMEM;
        memcpy(*data, f->data, n);
        *size = n;
        return 0;
    }
    return ENOENT;
}

typedef struct run {
    int rc;
    asm_output_t out;
    collected_t diag;
} run_t;

static void assemble_with(run_t *r, const char *src, asm_options_t opts, const file_entry_t *files)
{
    memset(&r->diag, 0, sizeof r->diag);
    opts.diag = collect;
    opts.diag_ctx = &r->diag;
    opts.read_file = memory_read;
    opts.read_ctx = (void *)files;
    r->rc = asm_assemble_string("main.dasm", src, strlen(src), &opts, &r->out);
}

static void assemble(run_t *r, const char *src)
{
    assemble_with(r, src, (asm_options_t){0}, NULL);
}

static void expect_words(const run_t *r, const uint16_t *want, size_t n)
{
    ck_assert_msg(r->rc == 0, "assembly failed: %s", r->diag.first);
    ck_assert_uint_eq(r->out.errors, 0);
    ck_assert_uint_eq(r->out.count, n);
    for (size_t k = 0; k < n; k++)
        ck_assert_msg(r->out.words[k] == want[k], "word %zu: got 0x%04x, want 0x%04x", k,
                      r->out.words[k], want[k]);
}

/* ---------------------------------------------------------------- reference §10 */

static const char notch_sample[] =
    "; Try some basic stuff\n"
    "        SET A, 0x30\n"
    "        SET [0x1000], 0x20\n"
    "        SUB A, [0x1000]\n"
    "        IFN A, 0x10\n"
    "           SET PC, crash\n"
    "; Do a loopy thing\n"
    "        SET I, 10\n"
    "        SET A, 0x2000\n"
    ":loop   SET [0x2000+I], [A]\n"
    "        SUB I, 1\n"
    "        IFN I, 0\n"
    "           SET PC, loop\n"
    "; Call a subroutine\n"
    "        SET X, 0x4\n"
    "        JSR testsub\n"
    "        SET PC, crash\n"
    ":testsub SHL X, 4\n"
    "        SET PC, POP\n"
    "; Hang forever. X should now be 0x40 if everything went right.\n"
    ":crash  SET PC, crash\n";

START_TEST(reference_10_2_short_literals)
{
    static const uint16_t want[] = {
        0x7c01, 0x0030, 0x7fc1, 0x0020, 0x1000, 0x7803, 0x1000, 0xc413,
        0xdf81, 0xacc1, 0x7c01, 0x2000, 0x22c1, 0x2000, 0x88c3, 0x84d3,
        0xb781, 0x9461, 0xd420, 0xdf81, 0x946f, 0x6381, 0xdf81};
    run_t r;
    assemble(&r, notch_sample);
    expect_words(&r, want, sizeof want / sizeof want[0]);
    asm_output_free(&r.out);
}
END_TEST

START_TEST(reference_10_3_long_literals)
{
    static const uint16_t want[] = {
        0x7c01, 0x0030, 0x7fc1, 0x0020, 0x1000, 0x7803, 0x1000, 0xc413,
        0x7f81, 0x001a, 0xacc1, 0x7c01, 0x2000, 0x22c1, 0x2000, 0x88c3,
        0x84d3, 0x7f81, 0x000d, 0x9461, 0x7c20, 0x0018, 0x7f81, 0x001a,
        0x946f, 0x6381, 0x7f81, 0x001a};
    run_t r;
    assemble_with(&r, notch_sample, (asm_options_t){.long_literals = true}, NULL);
    expect_words(&r, want, sizeof want / sizeof want[0]);
    asm_output_free(&r.out);
}
END_TEST

START_TEST(symbols_and_listing)
{
    run_t r;
    assemble(&r, notch_sample);
    char *syms = asm_symbols_text(&r.out);
    ck_assert_ptr_nonnull(syms);
    ck_assert_str_eq(syms, "loop 0x000c\ntestsub 0x0014\ncrash 0x0016\n");
    free(syms);
    char *list = asm_listing_text(&r.out);
    ck_assert_ptr_nonnull(list);
    ck_assert_ptr_nonnull(strstr(list, "0002  7fc1 0020 1000"));
    ck_assert_ptr_nonnull(strstr(list, "0016  df81"));
    ck_assert_ptr_nonnull(strstr(list, ":crash  SET PC, crash"));
    free(list);
    asm_output_free(&r.out);
}
END_TEST

/* ---------------------------------------------------------------- syntax and directives */

typedef struct syntax_case {
    const char *src;
    uint16_t words[MAXW];
    size_t n;
} syntax_case_t;

#define W(...) {__VA_ARGS__}, sizeof((uint16_t[]){__VA_ARGS__}) / sizeof(uint16_t)

static const syntax_case_t syntax_cases[] = {
    {"set a, 1", W(BW(1, 0, L(1)))},
    {"SeT [a], [B+1]\nifn x, y", W(BW(1, 8, 0x11), 1, BW(0x13, 3, 4))},
    {":start SET B, start", W(BW(1, 1, L(0)))},
    {"start: SET B, start", W(BW(1, 1, L(0)))},
    {"a1: b1: :c1 DAT a1, b1, c1", W(0, 0, 0)},
    {"main:\n.loop: SET PC, .loop\nother:\n.loop: SET PC, .loop\nSET PC, main.loop",
     W(BW(1, 0x1c, L(0)), BW(1, 0x1c, L(1)), BW(1, 0x1c, L(0)))},
    {"g: DAT 0\n_x: SET A, _x\nh: SET A, g._x", W(0, BW(1, 0, L(1)), BW(1, 0, L(1)))},
    {"SET [A+0x10], 1", W(BW(1, 0x10, L(1)), 0x10)},
    {"SET [0x10+A], 1", W(BW(1, 0x10, L(1)), 0x10)},
    {"SET [A - 1], 1", W(BW(1, 0x10, L(1)), 0xffff)},
    {"SET [(2*3)+J+1], 1", W(BW(1, 0x17, L(1)), 7)},
    {"SET X, [label+I]\nlabel: DAT 5", W(BW(1, 3, 0x16), 2, 5)},
    {"SET X, [I+label]\nlabel: DAT 5", W(BW(1, 3, 0x16), 2, 5)},
    {"SET [SP+3], [SP]", W(BW(1, 0x1a, 0x19), 3)},
    {"SET [3+SP], PEEK", W(BW(1, 0x1a, 0x19), 3)},
    {"SET PUSH, PICK 2", W(BW(1, 0x18, 0x1a), 2)},
    {"SET [--SP], [SP++]", W(BW(1, 0x18, 0x18))},
    {"SET PEEK, POP", W(BW(1, 0x19, 0x18))},
    {"SET PC, POP", W(0x6381)},
    {"SET SP, EX\nSET EX, PC", W(BW(1, 0x1b, 0x1d), BW(1, 0x1d, 0x1c))},
    {"SET [0x1000], 0x20", W(0x7fc1, 0x0020, 0x1000)},       /* a's word before b's */
    {"SET [0x1000], [0x2000]", W(BW(1, 0x1e, 0x1e), 0x2000, 0x1000)},
    {"SET A, -1\nSET A, 30\nSET A, 31\nSET A, 0xffff", W(BW(1, 0, 0x20), BW(1, 0, L(30)),
                                                        BW(1, 0, 0x1f), 31, BW(1, 0, 0x20))},
    {"JSR 0x1234", W(SW(1, 0x1f), 0x1234)},
    {"RFI\nRFI A\nrfi POP", W(SW(0xb, L(0)), SW(0xb, 0), SW(0xb, 0x18))},
    {"IAG A\nHWN LONG 5\nHWQ 2\nHWI [A]\nINT 3\nIAS 0x40\nIAQ 1",
     W(SW(9, 0), SW(0x10, 0x1f), 5, SW(0x11, L(2)), SW(0x12, 8), SW(8, L(3)), SW(0xa, 0x1f),
       0x40, SW(0xc, L(1)))},
    {"SET A, LONG 3", W(BW(1, 0, 0x1f), 3)},
    {"SET LONG 0x100, A", W(BW(1, 0x1f, 0), 0x100)},
    {"IFE 5, A", W(BW(0x12, 0x1f, 0), 5)},
    {"ADD A, 1\nSUB B, 2\nMUL C, 3\nMLI X, 4\nDIV Y, 5\nDVI Z, 6\nMOD I, 7\nMDI J, 8",
     W(BW(2, 0, L(1)), BW(3, 1, L(2)), BW(4, 2, L(3)), BW(5, 3, L(4)), BW(6, 4, L(5)),
       BW(7, 5, L(6)), BW(8, 6, L(7)), BW(9, 7, L(8)))},
    {"AND A,1\nBOR A,1\nXOR A,1\nSHR A,1\nASR A,1\nSHL A,1\nADX A,1\nSBX A,1\nSTI A,1\nSTD A,1",
     W(BW(0xa, 0, L(1)), BW(0xb, 0, L(1)), BW(0xc, 0, L(1)), BW(0xd, 0, L(1)),
       BW(0xe, 0, L(1)), BW(0xf, 0, L(1)), BW(0x1a, 0, L(1)), BW(0x1b, 0, L(1)),
       BW(0x1e, 0, L(1)), BW(0x1f, 0, L(1)))},
    {"IFB A,1\nIFC A,1\nIFE A,1\nIFN A,1\nIFG A,1\nIFA A,1\nIFL A,1\nIFU A,1",
     W(BW(0x10, 0, L(1)), BW(0x11, 0, L(1)), BW(0x12, 0, L(1)), BW(0x13, 0, L(1)),
       BW(0x14, 0, L(1)), BW(0x15, 0, L(1)), BW(0x16, 0, L(1)), BW(0x17, 0, L(1)))},
    {"DAT 1, \"ab\", 'c', '\\n', \"\\x41\\0\\t\\\\\\\"\"", W(1, 'a', 'b', 'c', 10, 0x41, 0, 9,
                                                            '\\', '"')},
    {".dat 1\n.dw 2\n#dat 3\n.short 4\ndata 5\ndat 6", W(1, 2, 3, 4, 5, 6)},
    {"DAT 1+2*3, (1+2)*3, 1<<4|1, ~0, -1, 7/2, 7%4, 10-2-3, 1==1, 3>2&&0, 0x10>>2^1",
     W(7, 9, 17, 0xffff, 0xffff, 3, 3, 5, 1, 0, 5)},
    {"DAT 0b101, 0o17, 0X1f, 2 != 3, 2 <= 1, !0, 1 || 0, 6 & 3, -2", W(5, 15, 31, 1, 0, 1, 1,
                                                                      2, 0xfffe)},
    {"DAT 0\nDAT $, $+1", W(0, 1, 2)},
    {"DAT 1 ; comment\n// whole line\n\n   \nDAT 2", W(1, 2)},
    {"DAT 1\n.org 4\nDAT 2", W(1, 0, 0, 0, 2)},
    {"#org 2\nDAT 1", W(0, 0, 1)},
    {".org 2\nhere: DAT here", W(0, 0, 2)},
    {".fill 3, 7\n.fill 2 0xaa\n.fill 1", W(7, 7, 7, 0xaa, 0xaa, 0)},
    {".reserve 2\nDAT 1\nRESERVE 1", W(0, 0, 1, 0)},
    {".equ k1, 5\n.equ k2 6\n.set k3 = 7\n.define k4 8\n#define k5, 9\n.define flag\n"
     "DAT k1, k2, k3, k4, k5, flag",
     W(5, 6, 7, 8, 9, 1)},
    {"DAT later\n.equ later, 3", W(3)},
    {".equ size, end - start\nstart: DAT 1, 2, 3\nend: DAT size", W(1, 2, 3, 3)},
    {"DAT 1\n.align 4\nDAT 2\n.align 2\nDAT 3", W(1, 0, 0, 0, 2, 0, 3)},
    {".macro push2(p1, p2)\nSET PUSH, p1\nSET PUSH, p2\n.endmacro\npush2(A, 5)\n"
     "push2 B, [C]",
     W(BW(1, 0x18, 0), BW(1, 0x18, L(5)), BW(1, 0x18, 1), BW(1, 0x18, 0x0a))},
    {"#macro twice x\nDAT x, x\n#endm\ntwice 'q'\ntwice 1+1", W('q', 'q', 2, 2)},
    {".macro nothing\nDAT 9\n.end\nnothing\nnothing()", W(9, 9)},
    {"#define DEBUG\n.ifdef DEBUG\nDAT 1\n.else\nDAT 2\n.endif\n.ifndef DEBUG\nDAT 3\n"
     ".endif\n.if 2 > 1\nDAT 4\n.elif 1\nDAT 5\n.else\nDAT 6\n.endif\n.if 0\n.if 1\nDAT 7\n"
     ".endif\n.else\nDAT 8\n.endif",
     W(1, 4, 8)},
    {".if 0\n this is not assembled: @@@ \"\n.elif 0\nDAT 1\n.elseif 1\nDAT 2\n.endif",
     W(2)},
    {"SET PC, end\n.fill 29, 0\nend: DAT 0",
     W(BW(1, 0x1c, L(30)), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
       0, 0, 0, 0, 0, 0, 0, 0)},
    {"SET PC, end\n.fill 30, 0\nend: DAT 0",
     W(BW(1, 0x1c, 0x1f), 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
       0, 0, 0, 0, 0, 0, 0, 0, 0, 0)},
    /* Both labels reachable as short literals only because both literals are short. */
    {"SET A, lb\nSET B, la\n.fill 27\nla: DAT 0\nlb: DAT 0",
     W(BW(1, 0, L(30)), BW(1, 1, L(29)), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)},
    /* One past: lb no longer fits, grows, and pushes la out of range too. */
    {"SET A, lb\nSET B, la\n.fill 28\nla: DAT 0\nlb: DAT 0",
     W(BW(1, 0, 0x1f), 33, BW(1, 1, 0x1f), 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)},
};

START_TEST(syntax_table)
{
    const syntax_case_t *t = &syntax_cases[_i];
    run_t r;
    assemble(&r, t->src);
    expect_words(&r, t->words, t->n);
    ck_assert_uint_eq(r.diag.warnings, 0);
    asm_output_free(&r.out);
}
END_TEST

START_TEST(long_literals_only_for_labels)
{
    static const uint16_t want[] = {BW(1, 0x1c, 0x1f), 3, BW(1, 0, L(5)), 0};
    run_t r;
    assemble_with(&r, "SET PC, end\nSET A, 5\nend: DAT 0",
                  (asm_options_t){.long_literals = true}, NULL);
    expect_words(&r, want, 4);
    asm_output_free(&r.out);
}
END_TEST

START_TEST(command_line_defines)
{
    static const asm_define_t defs[] = {{"SIZE", 3}, {"FAST", 1}};
    static const uint16_t want[] = {3, 1};
    run_t r;
    assemble_with(&r, ".ifdef SIZE\nDAT SIZE\n.endif\n.equ FAST, 7\nDAT FAST",
                  (asm_options_t){.defines = defs, .define_count = 2}, NULL);
    expect_words(&r, want, 2);
    asm_output_free(&r.out);
}
END_TEST

START_TEST(include_and_incbin)
{
    static const file_entry_t files[] = {
        {"inc.dasm", "DAT 7\n.equ SEVEN, 7\n", 0},
        {"lib/deep.dasm", "DAT 9\n", 0},
        {"data.bin", "\x12\x34\x56", 3},
        {NULL, NULL, 0},
    };
    static const char *const dirs[] = {"lib"};
    static const uint16_t want[] = {7, 8, 7, 9, 0x1234, 0x5600};
    run_t r;
    assemble_with(&r, ".include \"inc.dasm\"\nDAT 8, SEVEN\n#include <deep.dasm>\n"
                      ".incbin \"data.bin\"",
                  (asm_options_t){.include_dirs = dirs, .include_count = 1}, files);
    expect_words(&r, want, 6);
    ck_assert_uint_eq(r.diag.warnings, 1); /* odd byte count */
    asm_output_free(&r.out);

    /* .incpack (0xSCA) is .incbin. */
    static const uint16_t want_pack[] = {0x1234, 0x5600};
    assemble_with(&r, ".incpack \"data.bin\"", (asm_options_t){0}, files);
    expect_words(&r, want_pack, 2);
    asm_output_free(&r.out);

    static const uint16_t want_le[] = {0x3412, 0x0056};
    assemble_with(&r, ".incbin \"data.bin\"", (asm_options_t){.incbin_le = true}, files);
    expect_words(&r, want_le, 2);
    asm_output_free(&r.out);
}
END_TEST

START_TEST(empty_program_is_a_warning)
{
    run_t r;
    assemble(&r, "; nothing\n.equ K, 1\n");
    ck_assert_int_eq(r.rc, 0);
    ck_assert_uint_eq(r.out.count, 0);
    ck_assert_uint_eq(r.diag.warnings, 1);
    asm_output_free(&r.out);
}
END_TEST

START_TEST(truncation_is_a_warning)
{
    static const uint16_t want[] = {0x0000, 0x8000};
    run_t r;
    assemble(&r, "DAT 0x10000, -0x8000");
    expect_words(&r, want, 2);
    ck_assert_uint_eq(r.diag.warnings, 1);
    ck_assert_uint_eq(r.out.warnings, 1);
    asm_output_free(&r.out);
}
END_TEST

/* Expressions are computed wide (64 bits): nothing wraps at 32 bits unseen. A value
 * that does not fit its word warns; so does an operation that overflows 64 bits. */
typedef struct wide_case {
    const char *src;
    uint16_t word;
    unsigned warnings;
} wide_case_t;

static const wide_case_t wide_cases[] = {
    {"DAT 65536*65536+5", 5, 1},
    {"DAT 1<<40", 0, 1},
    {"DAT (1<<40)>>40", 1, 0},
    {"DAT (65536*65536*16)>>36", 1, 0},
    {".equ BIG, 1<<32\nDAT BIG>>32", 1, 0},
    {".if (1<<32) == 0\nDAT 1\n.else\nDAT 2\n.endif", 2, 0},
    {"DAT ((0xffffffff*0xffffffff*0xffffffff)>>60)&0", 0, 2}, /* two 64-bit overflows */
    {"DAT ((1<<63)>>62)&0", 0, 1},                           /* 64-bit shift overflow */
    {"DAT ((1<<64)>>62)&0", 0, 1},
    {"DAT (-(0-(1<<62)-(1<<62)))&0", 0, 1},                   /* -INT64_MIN */
    {"DAT 0x7fff+0x7fff", 0xfffe, 0},
    {"DAT -1, 0xffff", 0xffff, 0},
};

START_TEST(wide_expressions)
{
    const wide_case_t *c = &wide_cases[_i];
    run_t r;
    assemble(&r, c->src);
    ck_assert_msg(r.diag.errors == 0, "%s: %s", c->src, r.diag.first);
    ck_assert_msg(r.out.count >= 1 && r.out.words[0] == c->word, "%s: word 0x%04x, want 0x%04x",
                  c->src, r.out.count ? r.out.words[0] : 0, c->word);
    ck_assert_msg(r.diag.warnings == c->warnings, "%s: %u warnings, want %u", c->src,
                  r.diag.warnings, c->warnings);
    asm_output_free(&r.out);
}
END_TEST

/* ---------------------------------------------------------------- community dialects */

/* One case per dialect item of docs/assembler.md "Dialects": the words it makes, how many
 * warnings (and the first one's text), and that --strict refuses it exactly when it warns. */
typedef struct dialect_case {
    const char *src;
    asm_options_t opts;
    uint16_t words[MAXW];
    size_t n;
    unsigned warnings;
    const char *warning; /* a substring of the first warning, NULL when none */
} dialect_case_t;

static const dialect_case_t dialect_cases[] = {
    /* a literal as b: the next-word form, the CPU drops the write */
    {"SET 0, POP\nSET 0x1000, A", {0}, W(BW(1, 0x1f, 0x18), 0, BW(1, 0x1f, 0), 0x1000), 2,
     "write to a literal is discarded"},
    /* operands separated by white space alone */
    {"SET A 0\nIFE [A] 0x20\nSET A -1", {0},
     W(BW(1, 0, L(0)), BW(0x12, 8, 0x1f), 0x20, BW(1, 0, 0x20)), 3, "separated by white space"},
    /* DAT: a trailing comma continues the list on the following lines */
    {"DAT 1, 2,\n   3, ; more\n\n   4\nDAT 5", {0}, W(1, 2, 3, 4, 5), 0, NULL},
    {"DAT 1, 2,\nSET A, 1\nlabel: DAT 1,\n.dat 2", {0}, W(1, 2, BW(1, 0, L(1)), 1, 2), 0, NULL},
    {"first: DAT 1,\n  first, \"ab\",\n  'c'", {0}, W(1, 0, 'a', 'b', 'c'), 0, NULL},
    /* DAT: a missing comma between two items */
    {"DAT 1 2 \"ab\"", {0}, W(1, 2, 'a', 'b'), 2, "missing ',' between data items"},
    /* RESW COUNT[, VALUE], .resw, .ds N */
    {"RESW 2, 7\n.resw 1\n.ds 2\nresw 1 9", {0}, W(7, 7, 0, 0, 0, 9), 0, NULL},
    /* brace macros */
    {"#macro pair(a, b) {\n DAT a\n DAT b\n}\npair(1, 2)\n.macro one(x)\n{\nDAT x\n  } ; end\n"
     "one 3",
     {0}, W(1, 2, 3), 0, NULL},
    {"#macro brk { SET A, 1 } ; one line\nbrk\n#macro two(x) {DAT x, x}\ntwo 4", {0},
     W(BW(1, 0, L(1)), 4, 4), 0, NULL},
    /* O, the 1.1 name of EX */
    {"SET O, 1\nSET A, o", {0}, W(BW(1, 0x1d, L(1)), BW(1, 0, 0x1d)), 2, "1.1 name of EX"},
    {"SET O, 1\nSET A, o", {.dialect = ASM_DIALECT_1_1}, W(BW(1, 0x1d, L(1)), BW(1, 0, 0x1d)), 0,
     NULL},
    {"O: DAT 5\nSET A, O", {0}, W(5, BW(1, 0, L(0))), 0, NULL}, /* a label O above wins */
    /* a one-character string as a value */
    {"SET A, \"x\"\nIFE C, 'q'\nDAT \"a\"+1", {0}, W(BW(1, 0, 0x1f), 'x', BW(0x12, 2, 0x1f), 'q',
                                               'b'), 0, NULL},
    /* .ascii, .asciiz (0 after), .asciip (length first) */
    {".ascii \"ab\", 1\n.asciiz \"c\"\n.asciip \"de\", 'f'", {0},
     W('a', 'b', 1, 'c', 0, 3, 'd', 'e', 'f'), 0, NULL},
    /* _ digit separators, a UTF-8 byte-order mark */
    {"DAT 0x1_000, 1_000, 0b1010_1010", {0}, W(0x1000, 1000, 0xaa), 0, NULL},
    {"\xef\xbb\xbfSET A, 1", {0}, W(BW(1, 0, L(1))), 0, NULL},
    /* unary minus after binary minus */
    {"DAT 2--10, --3, 4*--2, 1 - -1", {0}, W(12, 3, 8, 2), 0, NULL},
    /* labels named like mnemonics */
    {":sub SET PC, add\nadd: SET PC, sub\nJSR sub\nset: DAT set", {0},
     W(BW(1, 0x1c, L(1)), BW(1, 0x1c, L(0)), SW(1, L(0)), 3), 0, NULL},
    /* --ignore-case */
    {"Loop: SET PC, LOOP\n.equ Size, 2\nDAT loop, SIZE", {.ignore_case = true},
     W(BW(1, 0x1c, L(0)), 0, 2), 0, NULL},
};

START_TEST(dialect_table)
{
    const dialect_case_t *t = &dialect_cases[_i];
    run_t r;
    assemble_with(&r, t->src, t->opts, NULL);
    expect_words(&r, t->words, t->n);
    ck_assert_msg(r.diag.warnings == t->warnings, "case %d: %u warnings, want %u (%s)", _i,
                  r.diag.warnings, t->warnings, r.diag.warning);
    if (t->warning)
        ck_assert_msg(strstr(r.diag.warning, t->warning), "case %d: warning '%s' lacks '%s'",
                      _i, r.diag.warning, t->warning);
    asm_output_free(&r.out);

    asm_options_t strict = t->opts;
    strict.strict = true;
    assemble_with(&r, t->src, strict, NULL);
    if (t->warnings) {
        ck_assert_int_eq(r.rc, 1);
        ck_assert_uint_eq(r.diag.errors, t->warnings);
        ck_assert_ptr_nonnull(strstr(r.diag.message, t->warning));
        ck_assert_ptr_nonnull(strstr(r.diag.message, "[--strict]"));
        ck_assert_ptr_null(r.out.words);
    } else {
        expect_words(&r, t->words, t->n);
    }
    asm_output_free(&r.out);
}
END_TEST

START_TEST(echo_is_a_note)
{
    static const uint16_t want[] = {7};
    run_t r;
    assemble_with(&r, ".equ k, 5\n.echo \"k+2 = \", k+2\nDAT k+2", (asm_options_t){.strict = true},
                  NULL);
    expect_words(&r, want, 1);
    ck_assert_uint_eq(r.diag.notes, 1);
    ck_assert_uint_eq(r.diag.warnings, 0);
    ck_assert_str_eq(r.diag.note, "k+2 = 7");
    asm_output_free(&r.out);
}
END_TEST

/* ---------------------------------------------------------------- errors */

typedef struct error_case {
    const char *src;
    const char *file;
    unsigned line, col;
    const char *message; /* a substring */
} error_case_t;

static const file_entry_t error_files[] = {
    {"a.dasm", "DAT 1\n.include \"b.dasm\"\n", 0},
    {"b.dasm", ".include \"a.dasm\"\n", 0},
    {"self.dasm", "   .include \"self.dasm\"\n", 0},
    {NULL, NULL, 0},
};

static const error_case_t error_cases[] = {
    {"SET PC, nowhere", "main.dasm", 1, 9, "undefined symbol 'nowhere'"},
    {"DAT 1\nSET [A+missing], 1", "main.dasm", 2, 8, "undefined symbol 'missing'"},
    {"lp: SET A, 1\nlp: SET B, 1", "main.dasm", 2, 1, "duplicate label 'lp'"},
    {"q: DAT 0\n:q DAT 1", "main.dasm", 2, 2, "duplicate label 'q'"},
    {"SET POP, A", "main.dasm", 1, 5, "POP cannot be a destination"},
    {"SET [SP++], A", "main.dasm", 1, 5, "POP cannot be a destination"},
    {"SET A, PUSH", "main.dasm", 1, 8, "PUSH cannot be a source"},
    {"JSR PUSH", "main.dasm", 1, 5, "PUSH cannot be a source"},
    {"SET five, A\n.equ five, 5", "main.dasm", 1, 5, "'five' is not a register"},
    {"IAG 5", "main.dasm", 1, 5, "literal cannot be the destination"},
    {"SET Q, 1", "main.dasm", 1, 5, "'Q' is not a register"},
    {"SET [A+B], 1", "main.dasm", 1, 8, "only one register"},
    {"SET [A*2], 1", "main.dasm", 1, 7, "register can only be added"},
    {"SET [1-A], 1", "main.dasm", 1, 7, "register can only be added"},
    {"SET [PC], 1", "main.dasm", 1, 5, "[PC] is not an addressing mode"},
    {"SET A, B+1", "main.dasm", 1, 8, "register 'B' cannot be used in an expression"},
    {".foo 1", "main.dasm", 1, 1, "unknown directive '.foo'"},
    {"  #bar", "main.dasm", 1, 3, "unknown directive '#bar'"},
    {"FOO A, 1", "main.dasm", 1, 1, "unknown instruction 'FOO'"},
    {".include \"a.dasm\"", "b.dasm", 1, 10, "include cycle"},
    {".include \"self.dasm\"", "self.dasm", 1, 13, "include cycle"},
    {"DAT 0\n  .include \"nope.dasm\"", "main.dasm", 2, 12, "cannot open 'nope.dasm'"},
    {".incbin \"nope.bin\"", "main.dasm", 1, 9, "cannot open 'nope.bin'"},
    {".equ e1, e2\n.equ e2, e1\nSET A, e1", "main.dasm", 2, 10, "'e1' depends on itself"},
    {"DAT 0\n.equ k, nothere + 1\nDAT k", "main.dasm", 2, 9, "undefined symbol 'nothere'"},
    {".equ unused, 1/0", "main.dasm", 1, 15, "division by zero"},
    {".if later\n.endif\nlater: DAT 0", "main.dasm", 1, 5, "does not resolve"},
    {".if undefined_name\n.endif", "main.dasm", 1, 5, "does not resolve"},
    {".org end + 1\nend: DAT 0\n", "main.dasm", 0, 0, "do not settle"},
    {"SET A, 1/0", "main.dasm", 1, 9, "division by zero"},
    {"SET A", "main.dasm", 1, 6, "expected ','"},
    {"SET A, [B", "main.dasm", 1, 10, "expected ']'"},
    {"SET A, (1", "main.dasm", 1, 10, "expected ')'"},
    {"SET A, 1 2", "main.dasm", 1, 10, "unexpected '2'"},
    {"DAT \"abc", "main.dasm", 1, 5, "unterminated string"},
    {"DAT 'ab'", "main.dasm", 1, 5, "bad character literal"},
    {"DAT \"\\q\"", "main.dasm", 1, 6, "bad escape"},
    {"DAT 0x1ffffffff", "main.dasm", 1, 5, "number too large"},
    {"DAT 12ab", "main.dasm", 1, 5, "bad number"},
    {"SET A, @", "main.dasm", 1, 8, "unexpected character '@'"},
    {".if 1\nDAT 1", "main.dasm", 1, 1, "unterminated .if"},
    {".endif", "main.dasm", 1, 1, ".endif without .if"},
    {".if 1\n.else\n.else\n.endif", "main.dasm", 3, 1, ".else after .else"},
    {"DAT 1\n.macro m(x)\nDAT x", "main.dasm", 2, 1, "unterminated .macro"},
    {".macro m(x, y)\nDAT x\n.endm\nm 1", "main.dasm", 4, 1, "takes 2 arguments, got 1"},
    {".macro m\nm\n.endm\nm", "main.dasm", 2, 1, "expands itself"},
    {".macro SET\n.endm", "main.dasm", 1, 8, "already an instruction"},
    {".org 2\n.org 1", "main.dasm", 2, 1, ".org 0x0001 is below the current address 0x0002"},
    {".org -1", "main.dasm", 1, 1, ".org -1 is out of range (0 to 0x10000)"},
    {".org 0x10001", "main.dasm", 1, 1, ".org 65537 is out of range (0 to 0x10000)"},
    {".align 0", "main.dasm", 1, 1, "alignment 0 is out of range (1 to 65536)"},
    {".fill -1", "main.dasm", 1, 1, "count -1 is out of range (0 to 65536)"},
    {".fill 0x10001", "main.dasm", 1, 1, "out of range"},
    {".org 0xffff\nDAT 1, 2", "main.dasm", 2, 1, "does not fit"},
    {"lb: .if 1\n.endif", "main.dasm", 1, 5, "must start its line"},
    {".endmacro", "main.dasm", 1, 1, "without .macro"},
    {"PC: DAT 0", "main.dasm", 1, 1, "reserved"},
    {"SET A, \"xy\"", "main.dasm", 1, 8, "a string is a value only with one character"},
    {"#macro m(x) { DAT x", "main.dasm", 1, 15, "expected '}'"},
    {"#macro m(x) {\nDAT x\n.endm", "main.dasm", 1, 1, "missing '}'"},
    {".equ k, 1\n.echo k, later\nlater: DAT 0", "main.dasm", 2, 10, "does not resolve"},
    {"DAT 0x_1", "main.dasm", 1, 5, "bad number"},
    {".equ A, 1", "main.dasm", 1, 6, "reserved"},
    {".equ k, 1\n.equ k, 2", "main.dasm", 2, 6, "duplicate definition of 'k'"},
    {"DAT 1\0 2", "main.dasm", 1, 1, "NUL byte"},
};

START_TEST(error_table)
{
    const error_case_t *t = &error_cases[_i];
    run_t r;
    size_t len = strlen(t->src);
    if (strstr(t->message, "NUL"))
        len = 9;
    memset(&r.diag, 0, sizeof r.diag);
    asm_options_t opts = {.diag = collect, .diag_ctx = &r.diag, .read_file = memory_read,
                          .read_ctx = (void *)error_files};
    r.rc = asm_assemble_string("main.dasm", t->src, len, &opts, &r.out);
    ck_assert_int_eq(r.rc, 1);
    ck_assert_uint_ge(r.diag.errors, 1);
    ck_assert_msg(strstr(r.diag.message, t->message), "case %d: message '%s' lacks '%s'", _i,
                  r.diag.message, t->message);
    ck_assert_str_eq(r.diag.file, t->file);
    ck_assert_msg(r.diag.line == t->line && r.diag.col == t->col,
                  "case %d '%s': at %u:%u, want %u:%u", _i, r.diag.message, r.diag.line,
                  r.diag.col, t->line, t->col);
    ck_assert_ptr_null(r.out.words);
    if (t->line == 2 && strstr(t->src, "nothere"))
        ck_assert_uint_eq(r.diag.errors, 1); /* reported at the definition only */
    asm_output_free(&r.out);
}
END_TEST

START_TEST(diagnostic_format_has_source_and_caret)
{
    run_t r;
    assemble(&r, "DAT 0\n  SET POP, A\n");
    ck_assert_str_eq(r.diag.first,
                     "main.dasm:2:7: error: POP cannot be a destination (b) operand; use PUSH\n"
                     "  SET POP, A\n"
                     "      ^\n");
    asm_output_free(&r.out);

    assemble(&r, "\tSET A,\tPUSH\n");
    ck_assert_str_eq(r.diag.first,
                     "main.dasm:1:9: error: PUSH cannot be a source (a) operand; use POP\n"
                     "\tSET A,\tPUSH\n"
                     "\t      \t^\n");
    asm_output_free(&r.out);

    /* control bytes in the echoed line (binary read as source) print as '?'; the CR of a
     * CRLF line is left out */
    assemble(&r, "SET A, \033[31m\b\r\n");
    ck_assert_str_eq(r.diag.first,
                     "main.dasm:1:8: error: unexpected byte 0x1b\n"
                     "SET A, ?[31m?\n"
                     "       ^\n");
    asm_output_free(&r.out);

    /* a buffer too small for the line is cut, still a string, control bytes still blanked */
    asm_diag_t d = {.severity = ASM_ERROR, .file = "f", .line = 1, .col = 1,
                    .message = "m", .source = "\033\033\033\033\033\033"};
    char small[12];
    ck_assert_int_eq(asm_diag_format(&d, small, sizeof small), 25);
    ck_assert_str_eq(small, "f:1:1: erro");
    char cut[20];
    asm_diag_format(&d, cut, sizeof cut);
    ck_assert_str_eq(cut, "f:1:1: error: m\n???");
}
END_TEST

START_TEST(every_error_is_reported_up_to_the_limit)
{
    run_t r;
    assemble(&r, "FOO\nSET A, 1\nBAR\nSET PC, nowhere\nSET POP, 1\n");
    ck_assert_uint_eq(r.diag.errors, 4); /* FOO, BAR, POP as b, then (at layout) nowhere */
    asm_output_free(&r.out);

    char src[2000] = "";
    for (int k = 0; k < 50; k++)
        strcat(src, "FOO\n");
    assemble(&r, src);
    ck_assert_uint_eq(r.out.errors, 20);
    ck_assert_uint_eq(r.diag.errors, 21); /* 20 + "too many errors" */
    asm_output_free(&r.out);
    assemble_with(&r, src, (asm_options_t){.max_errors = 5}, NULL);
    ck_assert_uint_eq(r.out.errors, 5);
    asm_output_free(&r.out);
}
END_TEST

START_TEST(missing_top_level_file)
{
    collected_t c = {0};
    asm_options_t opts = {.diag = collect, .diag_ctx = &c};
    asm_output_t out;
    ck_assert_int_eq(asm_assemble_file("/nonexistent/dir/x.dasm", &opts, &out), 1);
    /* The message is "file: error: cannot open: why", the file named once, in front. */
    ck_assert_str_eq(c.file, "/nonexistent/dir/x.dasm");
    ck_assert_str_eq(c.first, "/nonexistent/dir/x.dasm: error: cannot open: No such file or "
                              "directory\n");
    ck_assert_uint_eq(c.line, 0);
    asm_output_free(&out);
}
END_TEST

/* ---------------------------------------------------------------- round trip */

static uint32_t rng_next(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* A random valid instruction into w (1..3 words). */
static unsigned random_instruction(uint32_t *seed, uint16_t *w)
{
    for (;;) {
        uint16_t word = (uint16_t)rng_next(seed);
        op_fields_t d;
        op_decode(word, &d);
        if (!(d.special ? op_special(d.op) : op_basic(d.op)))
            continue;
        unsigned n = op_length(word);
        w[0] = word;
        for (unsigned k = 1; k < n; k++) {
            uint32_t r = rng_next(seed);
            /* Favour the values where short and long forms meet. */
            w[k] = (uint16_t)(r % 4 == 0 ? (r >> 8) % 34 - 2 : r >> 8);
        }
        return n;
    }
}

static void round_trip(const uint16_t *words, size_t n)
{
    size_t cap = n * DISASM_TEXT_MAX + 1;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    size_t len = 0;
    uint16_t w3[3];
    for (size_t at = 0; at < n;) {
        for (unsigned k = 0; k < 3; k++)
            w3[k] = at + k < n ? words[at + k] : 0;
        char line[DISASM_TEXT_MAX];
        unsigned used = disasm_format(w3, line, sizeof line);
        if (at + used > n) { /* cut short at the end */
            snprintf(line, sizeof line, "DAT 0x%04x", words[at]);
            used = 1;
        }
        len += (size_t)snprintf(text + len, cap - len, "%s\n", line);
        at += used;
    }
    run_t r;
    assemble(&r, text);
    ck_assert_msg(r.rc == 0, "%s", r.diag.first);
    ck_assert_uint_eq(r.out.count, n);
    ck_assert_msg(memcmp(r.out.words, words, n * sizeof *words) == 0,
                  "round trip changed the words");
    asm_output_free(&r.out);
    free(text);
}

START_TEST(round_trip_valid_streams)
{
    uint32_t seed = 0x5eed1234u + (uint32_t)_i;
    uint16_t words[300];
    for (int stream = 0; stream < 50; stream++) {
        size_t n = 0;
        while (n < 290)
            n += random_instruction(&seed, words + n);
        round_trip(words, n);
    }
}
END_TEST

START_TEST(round_trip_arbitrary_words)
{
    uint32_t seed = 0xabcdef01u + (uint32_t)_i;
    uint16_t words[512];
    for (int stream = 0; stream < 10; stream++) {
        for (size_t k = 0; k < 512; k++)
            words[k] = (uint16_t)rng_next(&seed);
        round_trip(words, 512);
    }
}
END_TEST

/* ---------------------------------------------------------------- fuzz */

static const char *const fuzz_atoms[] = {
    "SET", "ADD", "IFE", "JSR", "RFI", "HWN", "DAT", "A", "B", "J", "SP", "PC", "EX", "PUSH",
    "POP", "PEEK", "PICK", "LONG", "[", "]", "+", "-", "*", "/", "%", "<<", ">>", "(", ")",
    ",", ":", "label", ".loop", "_x", "0x10", "1", "-1", "30", "31", "65536", "'a'",
    "\"str\\n\"", ".org", ".fill", ".reserve", ".align", ".equ", ".set", "#define", ".macro",
    ".endmacro", ".if", ".ifdef", ".else", ".endif", ".include", ".incbin", "\"f.dasm\"",
    "$", "~", "!", "==", "&&", "||", "\n", "\n", "\n", " ", ";", "m", "m(", "\"", "'", "\\",
    "[--SP]", "[SP++]", "0b", "0x", "++", "--",
};

static const file_entry_t fuzz_files[] = {
    {"f.dasm", "m: SET A, 1\n.macro m2 x\nDAT x\n.endm\n", 0},
    {NULL, NULL, 0},
};

static void fuzz_one(const char *src, size_t len)
{
    collected_t c = {0};
    asm_options_t opts = {.diag = collect, .diag_ctx = &c, .read_file = memory_read,
                          .read_ctx = (void *)fuzz_files};
    asm_output_t out;
    int rc = asm_assemble_string("fuzz.dasm", src, len, &opts, &out);
    if (rc == 0)
        ck_assert_uint_eq(c.errors, 0);
    else
        ck_assert_msg(c.errors > 0, "failed without a diagnostic");
    asm_output_free(&out);
}

static long fuzz_iterations(long fallback)
{
    const char *env = getenv("D16_FUZZ_ITERATIONS");
    long n = env ? strtol(env, NULL, 10) : 0;
    return n > 0 ? n : fallback;
}

START_TEST(fuzz_token_soup)
{
    uint32_t seed = 0xf00du;
    char src[4096];
    long iterations = fuzz_iterations(2000);
    size_t atoms = sizeof fuzz_atoms / sizeof fuzz_atoms[0];
    for (long it = 0; it < iterations; it++) {
        size_t len = 0, count = rng_next(&seed) % 60;
        for (size_t k = 0; k < count; k++) {
            const char *a = fuzz_atoms[rng_next(&seed) % atoms];
            size_t n = strlen(a);
            if (len + n + 2 >= sizeof src)
                break;
            memcpy(src + len, a, n);
            len += n;
            if (rng_next(&seed) % 2)
                src[len++] = ' ';
        }
        fuzz_one(src, len);
    }
}
END_TEST

START_TEST(fuzz_random_bytes_and_truncations)
{
    uint32_t seed = 0xbeefu;
    long iterations = fuzz_iterations(2000);
    char src[512];
    size_t sample = strlen(notch_sample);
    for (long it = 0; it < iterations; it++) {
        size_t len = rng_next(&seed) % sizeof src;
        for (size_t k = 0; k < len; k++)
            src[k] = (char)rng_next(&seed);
        fuzz_one(src, len);
        /* a valid program cut anywhere, with one byte flipped */
        char *copy = malloc(sample);
        ck_assert_ptr_nonnull(copy);
        memcpy(copy, notch_sample, sample);
        size_t cut = rng_next(&seed) % (sample + 1);
        if (cut)
            copy[rng_next(&seed) % cut] ^= (char)(1u << (rng_next(&seed) % 8));
        fuzz_one(copy, cut);
        free(copy);
    }
}
END_TEST

START_TEST(deep_nesting_is_bounded)
{
    static char src[200000];
    size_t n = 0;
    n += (size_t)sprintf(src + n, "DAT ");
    for (int k = 0; k < 5000; k++)
        src[n++] = '(';
    src[n++] = '1';
    for (int k = 0; k < 5000; k++)
        src[n++] = ')';
    src[n++] = '\n';
    n += (size_t)sprintf(src + n, "DAT 1");
    for (int k = 0; k < 5000; k++)
        n += (size_t)sprintf(src + n, "+1");
    src[n++] = '\n';
    for (int k = 0; k < 3000; k++)
        n += (size_t)sprintf(src + n, ".equ e%d, e%d+1\n", k, k + 1);
    n += (size_t)sprintf(src + n, ".equ e3000, 0\nDAT e0\n");
    /* macros that expand twice per level: bounded by the expansion limits */
    for (int k = 0; k < 40; k++)
        n += (size_t)sprintf(src + n, ".macro m%d\nm%d\nm%d\n.endm\n", k, k + 1, k + 1);
    n += (size_t)sprintf(src + n, ".macro m40\nDAT 1\n.endm\nm0\n");
    fuzz_one(src, n);
}
END_TEST

static Suite *asm_suite(void)
{
    Suite *s = suite_create("asm");
    TCase *tc = tcase_create("assemble");
    tcase_add_test(tc, reference_10_2_short_literals);
    tcase_add_test(tc, reference_10_3_long_literals);
    tcase_add_test(tc, symbols_and_listing);
    tcase_add_loop_test(tc, syntax_table, 0, (int)(sizeof syntax_cases / sizeof syntax_cases[0]));
    tcase_add_test(tc, long_literals_only_for_labels);
    tcase_add_test(tc, command_line_defines);
    tcase_add_test(tc, include_and_incbin);
    tcase_add_test(tc, truncation_is_a_warning);
    tcase_add_loop_test(tc, wide_expressions, 0, (int)(sizeof wide_cases / sizeof wide_cases[0]));
    tcase_add_test(tc, empty_program_is_a_warning);
    tcase_add_loop_test(tc, dialect_table, 0,
                        (int)(sizeof dialect_cases / sizeof dialect_cases[0]));
    tcase_add_test(tc, echo_is_a_note);
    suite_add_tcase(s, tc);

    TCase *te = tcase_create("errors");
    tcase_add_loop_test(te, error_table, 0, (int)(sizeof error_cases / sizeof error_cases[0]));
    tcase_add_test(te, diagnostic_format_has_source_and_caret);
    tcase_add_test(te, every_error_is_reported_up_to_the_limit);
    tcase_add_test(te, missing_top_level_file);
    suite_add_tcase(s, te);

    TCase *tr = tcase_create("round trip and fuzz");
    tcase_set_timeout(tr, 600);
    tcase_add_loop_test(tr, round_trip_valid_streams, 0, 40); /* 2000 streams */
    tcase_add_loop_test(tr, round_trip_arbitrary_words, 0, 10);
    tcase_add_test(tr, fuzz_token_soup);
    tcase_add_test(tr, fuzz_random_bytes_and_truncations);
    tcase_add_test(tr, deep_nesting_is_bounded);
    suite_add_tcase(s, tr);
    return s;
}

D16_CHECK_MAIN(asm_suite)
