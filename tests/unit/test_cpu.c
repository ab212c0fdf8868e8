/* test_cpu.c — the DCPU-16 instruction set through the public CPU API: the opcode table
 * against the reference, every opcode with the vectors of reference §2 and §10.5 and the
 * contract's choices (machine.md §1), every operand form as a and as b, the cycle cost of
 * each, evaluation order, writes to literals, and IF chains. Interrupts, faults and the
 * classic end are in test_cpu_events.c. */
#include <check.h>
#include <stdio.h>

#include "check_main.h"
#include "cpu/opcodes.h"
#include "cpu_rig.h"

/* ---- the opcode table (opcodes.def) against reference §1.3–§1.5, written out here */

#define FLAG_MASK (OPF_WRITE_B | OPF_RMW_B | OPF_READ_B | OPF_COND | OPF_SETS_EX | OPF_WRITE_A)
#define RMW       OPF_RMW_B
#define RMW_EX    (OPF_RMW_B | OPF_SETS_EX)
#define IF        (OPF_READ_B | OPF_COND)

typedef struct ref_op {
    const char *name;
    unsigned code, cycles, flags;
} ref_op_t;

static const ref_op_t ref_basic[] = {
    {"SET", 0x01, 1, OPF_WRITE_B}, {"ADD", 0x02, 2, RMW_EX}, {"SUB", 0x03, 2, RMW_EX},
    {"MUL", 0x04, 2, RMW_EX},      {"MLI", 0x05, 2, RMW_EX}, {"DIV", 0x06, 3, RMW_EX},
    {"DVI", 0x07, 3, RMW_EX},      {"MOD", 0x08, 3, RMW},    {"MDI", 0x09, 3, RMW},
    {"AND", 0x0a, 1, RMW},         {"BOR", 0x0b, 1, RMW},    {"XOR", 0x0c, 1, RMW},
    {"SHR", 0x0d, 1, RMW_EX},      {"ASR", 0x0e, 1, RMW_EX}, {"SHL", 0x0f, 1, RMW_EX},
    {"IFB", 0x10, 2, IF},          {"IFC", 0x11, 2, IF},     {"IFE", 0x12, 2, IF},
    {"IFN", 0x13, 2, IF},          {"IFG", 0x14, 2, IF},     {"IFA", 0x15, 2, IF},
    {"IFL", 0x16, 2, IF},          {"IFU", 0x17, 2, IF},     {"ADX", 0x1a, 3, RMW_EX},
    {"SBX", 0x1b, 3, RMW_EX},      {"STI", 0x1e, 2, OPF_WRITE_B},
    {"STD", 0x1f, 2, OPF_WRITE_B},
};

static const ref_op_t ref_special[] = {
    {"JSR", 0x01, 3, 0}, {"INT", 0x08, 4, 0}, {"IAG", 0x09, 1, OPF_WRITE_A},
    {"IAS", 0x0a, 1, 0}, {"RFI", 0x0b, 3, 0}, {"IAQ", 0x0c, 2, 0},
    {"HWN", 0x10, 2, OPF_WRITE_A}, {"HWQ", 0x11, 4, 0}, {"HWI", 0x12, 4, 0},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const ref_op_t *ref_find(const ref_op_t *table, size_t n, unsigned code)
{
    for (size_t i = 0; i < n; i++)
        if (table[i].code == code)
            return &table[i];
    return NULL;
}

static unsigned ref_cost(unsigned basic_code)
{
    const ref_op_t *r = ref_find(ref_basic, COUNT(ref_basic), basic_code);
    ck_assert_ptr_nonnull(r);
    return r->cycles;
}

static void check_table_entry(const op_info_t *got, const ref_op_t *want, unsigned code,
                              bool special)
{
    if (!want) {
        ck_assert_msg(got == NULL, "%s 0x%02x is undefined in 1.7 but the table has %s",
                      special ? "special" : "basic", code, got ? got->name : "");
        return;
    }
    ck_assert_msg(got != NULL, "%s missing from the table", want->name);
    ck_assert_str_eq(got->name, want->name);
    ck_assert_uint_eq(got->code, code);
    ck_assert_msg(got->cycles == want->cycles, "%s costs %u in the table, %u in the reference",
                  want->name, got->cycles, want->cycles);
    ck_assert_msg((got->flags & FLAG_MASK) == want->flags, "%s flags 0x%x, want 0x%x",
                  want->name, got->flags & FLAG_MASK, want->flags);
    ck_assert(got->special == special);
    ck_assert_ptr_eq(op_find(want->name), got);
}

START_TEST(basic_table_matches_reference)
{
    unsigned code = (unsigned)_i;
    check_table_entry(op_basic(code), ref_find(ref_basic, COUNT(ref_basic), code), code, false);
}
END_TEST

START_TEST(special_table_matches_reference)
{
    unsigned code = (unsigned)_i;
    check_table_entry(op_special(code), ref_find(ref_special, COUNT(ref_special), code), code,
                      true);
}
END_TEST

/* Reference §1.3: a next word (and one cycle) for [reg+next], PICK, [next], next literal. */
START_TEST(operand_costs_match_reference)
{
    unsigned v = (unsigned)_i;
    unsigned want = (v >= 0x10 && v <= 0x17) || v == 0x1a || v == 0x1e || v == 0x1f;
    ck_assert_msg(operand_words(v) == want, "operand 0x%02x: %u next words", v, operand_words(v));
    ck_assert_msg(operand_cycles(v) == want, "operand 0x%02x: %u cycles", v, operand_cycles(v));
}
END_TEST

/* The OPERAND rows of opcodes.def: codes and costs as in reference §1.3. */
static const struct {
    const char *name;
    unsigned code, cycles;
    bool next_word;
} table_operands[] = {
#define OPERAND(name, code, cycles, flags) {#name, code, cycles, ((flags) & OPF_NEXT_WORD) != 0},
#include "cpu/opcodes.def"
};

START_TEST(operand_rows_match_reference)
{
    static const struct {
        const char *name;
        unsigned code, cycles;
    } want[] = {{"REG", 0x00, 0},  {"IND", 0x08, 0},  {"IDX", 0x10, 1}, {"PUSHPOP", 0x18, 0},
                {"PEEK", 0x19, 0}, {"PICK", 0x1a, 1}, {"SP", 0x1b, 0},  {"PC", 0x1c, 0},
                {"EX", 0x1d, 0},   {"MEM", 0x1e, 1},  {"LIT", 0x1f, 1}};
    ck_assert_uint_eq(COUNT(table_operands), COUNT(want));
    for (size_t i = 0; i < COUNT(want); i++) {
        ck_assert_str_eq(table_operands[i].name, want[i].name);
        ck_assert_uint_eq(table_operands[i].code, want[i].code);
        ck_assert_msg(table_operands[i].cycles == want[i].cycles, "%s costs %u", want[i].name,
                      table_operands[i].cycles);
        ck_assert(table_operands[i].next_word == (want[i].cycles == 1));
    }
}
END_TEST

/* The test's encoders against words from reference §10.2 (das output). */
START_TEST(encoding_matches_reference_words)
{
    ck_assert_uint_eq(OP2(SET, REG_A, NEXT), 0x7c01);
    ck_assert_uint_eq(OP2(SET, MEM, NEXT), 0x7fc1); /* 0x20 > 30: a next-word literal */
    ck_assert_uint_eq(OP2(IFN, REG_A, LIT(16)), 0xc413);
    ck_assert_uint_eq(OP2(SET, IDX(REG_I), IND(REG_A)), 0x22c1);
    ck_assert_uint_eq(OP1(JSR, LIT(0x14)), 0xd420);
    ck_assert_uint_eq(OP2(SET, PCR, POP), 0x6381);
    ck_assert_uint_eq(op_encode_basic(REF_SHL, REG_X, LIT(4)), 0x946f);
    ck_assert_uint_eq(op_encode_special(REF_JSR, LIT(0x14)), 0xd420);
}
END_TEST

/* ---- one instruction OP A, B: reference §2 vectors and machine.md §1 choices */

typedef struct arith_case {
    unsigned op;
    uint16_t b, a, ex, b_out, ex_out;
} arith_case_t;

static const arith_case_t arith_cases[] = {
    {REF_SET, 0x1234, 0x5678, 0x9999, 0x5678, 0x9999},
    {REF_ADD, 0xffff, 0x0001, 0x0000, 0x0000, 0x0001}, /* §10.5 */
    {REF_ADD, 0x1234, 0x0001, 0x5555, 0x1235, 0x0000},
    {REF_ADD, 0xffff, 0xffff, 0x0000, 0xfffe, 0x0001},
    {REF_SUB, 0x0000, 0x0001, 0x0000, 0xffff, 0xffff}, /* §10.5 */
    {REF_SUB, 0x0005, 0x0003, 0x1234, 0x0002, 0x0000},
    {REF_SUB, 0x0005, 0x0005, 0xffff, 0x0000, 0x0000},
    {REF_MUL, 0xffff, 0xffff, 0x0000, 0x0001, 0xfffe}, /* §2.3 */
    {REF_MUL, 0x0003, 0x0004, 0x1234, 0x000c, 0x0000},
    {REF_MUL, 0x1000, 0x0010, 0x0000, 0x0000, 0x0001},
    {REF_MLI, 0xffff, 0x0002, 0x0000, 0xfffe, 0xffff}, /* §2.3 */
    {REF_MLI, 0xffff, 0xffff, 0x1234, 0x0001, 0x0000},
    {REF_MLI, 0x8000, 0x8000, 0x0000, 0x0000, 0x4000},
    {REF_MLI, 0x8000, 0x0001, 0x0000, 0x8000, 0xffff},
    {REF_MLI, 0x7fff, 0x7fff, 0x0000, 0x0001, 0x3fff},
    {REF_DIV, 0x0001, 0x0002, 0x0000, 0x0000, 0x8000}, /* §2.3 */
    {REF_DIV, 0x0007, 0x0000, 0x1234, 0x0000, 0x0000}, /* ÷0: b = 0, EX = 0 */
    {REF_DIV, 0xffff, 0x0001, 0x1234, 0xffff, 0x0000},
    {REF_DIV, 0xffff, 0xffff, 0x0000, 0x0001, 0x0000},
    {REF_DIV, 0x000a, 0x0003, 0x0000, 0x0003, 0x5555},
    {REF_DVI, 0xfff9, 0x0002, 0x0000, 0xfffd, 0x8000}, /* §2.4 */
    {REF_DVI, 0x0007, 0xfffe, 0x0000, 0xfffd, 0x8000},
    {REF_DVI, 0xfff9, 0xfff0, 0x0000, 0x0000, 0x7000},
    {REF_DVI, 0x8000, 0xffff, 0x1234, 0x8000, 0x0000}, /* no host trap */
    {REF_DVI, 0x1234, 0x0000, 0x1234, 0x0000, 0x0000},
    {REF_DVI, 0x8000, 0x0001, 0x1234, 0x8000, 0x0000},
    {REF_MOD, 0x0007, 0x0000, 0x1234, 0x0000, 0x1234}, /* ÷0: b = 0, EX unchanged */
    {REF_MOD, 0xfff9, 0x0010, 0x1234, 0x0009, 0x1234}, /* unsigned */
    {REF_MOD, 0x0064, 0x0007, 0x0000, 0x0002, 0x0000},
    {REF_MDI, 0xfff9, 0x0010, 0x1234, 0xfff9, 0x1234}, /* §2.4: sign of the dividend */
    {REF_MDI, 0x0007, 0xfff0, 0x1234, 0x0007, 0x1234},
    {REF_MDI, 0x8000, 0xffff, 0x1234, 0x0000, 0x1234},
    {REF_MDI, 0xfff9, 0x0000, 0x1234, 0x0000, 0x1234},
    {REF_MDI, 0xfff9, 0xfffe, 0x1234, 0xffff, 0x1234},
    {REF_AND, 0xff0f, 0x0ff0, 0x1234, 0x0f00, 0x1234},
    {REF_BOR, 0xf00f, 0x0ff0, 0x1234, 0xffff, 0x1234},
    {REF_XOR, 0xff00, 0x0ff0, 0x1234, 0xf0f0, 0x1234},
    {REF_SHR, 0x8001, 0x0001, 0x0000, 0x4000, 0x8000}, /* §2.2 */
    {REF_SHR, 0x1234, 0x0010, 0x0000, 0x0000, 0x1234},
    {REF_SHR, 0x8000, 0x0014, 0x0000, 0x0000, 0x0800}, /* counts >= 16: zero fill */
    {REF_SHR, 0xffff, 0x001f, 0x0000, 0x0000, 0x0001},
    {REF_SHR, 0xffff, 0x0020, 0x1234, 0x0000, 0x0000},
    {REF_SHR, 0xffff, 0xffff, 0x1234, 0x0000, 0x0000},
    {REF_SHR, 0x1234, 0x0000, 0x5555, 0x1234, 0x0000},
    {REF_ASR, 0x8001, 0x0001, 0x0000, 0xc000, 0x8000}, /* §2.2 */
    {REF_ASR, 0x8000, 0x0014, 0x0000, 0xffff, 0xf800}, /* counts >= 16: sign fill */
    {REF_ASR, 0x8000, 0x0010, 0x0000, 0xffff, 0x8000},
    {REF_ASR, 0x4000, 0x0010, 0x0000, 0x0000, 0x4000},
    {REF_ASR, 0x8000, 0x0020, 0x0000, 0xffff, 0xffff},
    {REF_ASR, 0x8000, 0xffff, 0x0000, 0xffff, 0xffff},
    {REF_ASR, 0x4000, 0x0028, 0x1234, 0x0000, 0x0000},
    {REF_ASR, 0x7fff, 0xffff, 0x1234, 0x0000, 0x0000},
    {REF_SHL, 0x8001, 0x0001, 0x0000, 0x0002, 0x0001}, /* §2.2 */
    {REF_SHL, 0x1234, 0x0010, 0x0000, 0x0000, 0x1234},
    {REF_SHL, 0x1234, 0x0014, 0x0000, 0x0000, 0x2340},
    {REF_SHL, 0x0001, 0x001f, 0x0000, 0x0000, 0x8000},
    {REF_SHL, 0xffff, 0x0020, 0x1234, 0x0000, 0x0000},
    {REF_SHL, 0xffff, 0xffff, 0x1234, 0x0000, 0x0000},
    {REF_ADX, 0xffff, 0x0000, 0x0001, 0x0000, 0x0001},
    {REF_ADX, 0x0001, 0x0002, 0xffff, 0x0002, 0x0001}, /* EX read unsigned */
    {REF_ADX, 0x0001, 0x0001, 0x0001, 0x0003, 0x0000},
    {REF_ADX, 0xffff, 0xffff, 0xffff, 0xfffd, 0x0001}, /* EX = 1, never 2 */
    {REF_SBX, 0x0001, 0x0000, 0xffff, 0x0000, 0x0000}, /* §2.5: EX read signed */
    {REF_SBX, 0x0000, 0x0001, 0x0000, 0xffff, 0xffff},
    {REF_SBX, 0xffff, 0x0000, 0x0001, 0x0000, 0x0001}, /* overflow */
    {REF_SBX, 0x0005, 0x0003, 0x0000, 0x0002, 0x0000},
    {REF_SBX, 0x0000, 0x0000, 0xffff, 0xffff, 0xffff},
    {REF_SBX, 0x0005, 0x0000, 0x8000, 0x8005, 0xffff},
};

START_TEST(opcode_vectors)
{
    const arith_case_t *c = &arith_cases[_i];
    char what[64];
    snprintf(what, sizeof what, "%s 0x%04x, 0x%04x (EX 0x%04x)",
             ref_find(ref_basic, COUNT(ref_basic), c->op)->name, c->b, c->a, c->ex);
    scenario_t s = {.what = what, .prog = {OP2(SET, REG_A, REG_B)}, .prog_len = 1, .steps = 1};
    s.prog[0] = (uint16_t)(REG_B << 10 | REG_A << 5 | c->op); /* OP A, B */
    s.in.r[REG_A] = c->b;
    s.in.r[REG_B] = c->a;
    s.in.ex = c->ex;
    s.out = s.in;
    s.out.r[REG_A] = c->b_out;
    s.out.ex = c->ex_out;
    s.out.pc = 1;
    s.cycles = ref_cost(c->op);
    rig_t *g = rig_new();
    rig_play(g, &s);
    rig_free(g);
}
END_TEST

/* b = EX on an EX-setting opcode: EX is set first, then the result is written (it wins).
 * Each vector's flag value differs from its result. */
static const struct {
    unsigned op;
    uint16_t ex, a, ex_out;
} ex_as_b_cases[] = {
    {REF_ADD, 5, 3, 8},       {REF_SUB, 5, 3, 2},    {REF_MUL, 5, 3, 15},
    {REF_MLI, 5, 3, 15},      {REF_DIV, 6, 3, 2},    {REF_DVI, 6, 3, 2},
    {REF_SHR, 0x10, 1, 8},    {REF_ASR, 0x10, 1, 8}, {REF_SHL, 0x10, 1, 0x20},
    {REF_ADX, 5, 3, 13},      {REF_SBX, 5, 3, 7},    {REF_MOD, 7, 4, 3},
};

START_TEST(ex_as_b_takes_the_result)
{
    rig_t *g = rig_new();
    scenario_t s = {.what = "OP EX, A", .prog_len = 1, .steps = 1};
    s.prog[0] = (uint16_t)(REG_A << 10 | EXR << 5 | ex_as_b_cases[_i].op);
    s.in.r[REG_A] = ex_as_b_cases[_i].a;
    s.in.ex = ex_as_b_cases[_i].ex;
    s.out = s.in;
    s.out.ex = ex_as_b_cases[_i].ex_out;
    s.out.pc = 1;
    s.cycles = ref_cost(ex_as_b_cases[_i].op);
    rig_play(g, &s);
    rig_free(g);
}
END_TEST

/* IFx A, B / SET C, 1 / SET X, 1: a true test runs SET C, a false one costs +1 and skips it. */
static const struct {
    unsigned op;
    uint16_t b, a;
    bool holds;
} if_cases[] = {
    {REF_IFB, 0x0f0f, 0xf0f0, false}, {REF_IFB, 0x0f0f, 0x0100, true},
    {REF_IFC, 0x0f0f, 0xf0f0, true},  {REF_IFC, 0x0f0f, 0x0001, false},
    {REF_IFE, 5, 5, true},            {REF_IFE, 5, 6, false},
    {REF_IFN, 5, 6, true},            {REF_IFN, 5, 5, false},
    {REF_IFG, 0xffff, 1, true},       {REF_IFG, 1, 0xffff, false},
    {REF_IFG, 5, 5, false},           {REF_IFA, 1, 0xffff, true},
    {REF_IFA, 0xffff, 1, false},      {REF_IFA, 5, 5, false},
    {REF_IFA, 0x7fff, 0x8000, true},  {REF_IFL, 1, 0xffff, true},
    {REF_IFL, 0xffff, 1, false},      {REF_IFL, 5, 5, false},
    {REF_IFU, 0xffff, 1, true},       {REF_IFU, 1, 0xffff, false},
    {REF_IFU, 0x8000, 0x7fff, true},  {REF_IFU, 5, 5, false},
};

START_TEST(conditionals)
{
    rig_t *g = rig_new();
    bool holds = if_cases[_i].holds;
    scenario_t s = {.what = "IFx A, B", PROG(0, OP2(SET, REG_C, LIT(1)), OP2(SET, REG_X, LIT(1))),
                    .steps = 1};
    s.prog[0] = (uint16_t)(REG_B << 10 | REG_A << 5 | if_cases[_i].op);
    s.in.r[REG_A] = if_cases[_i].b;
    s.in.r[REG_B] = if_cases[_i].a;
    s.out = s.in;
    s.out.pc = holds ? 1 : 2;
    s.cycles = ref_cost(if_cases[_i].op) + (holds ? 0 : 1);
    rig_play(g, &s);
    cpu_step(&g->cpu);
    ck_assert_uint_eq(g->cpu.r[REG_C], holds ? 1 : 0);
    ck_assert_uint_eq(g->cpu.r[REG_X], holds ? 0 : 1);
    rig_free(g);
}
END_TEST

/* ---- operand forms: RAM holds M(w) everywhere, A..J = 0x1100 × (n+1), SP = 0xfff0,
 * every next word is 0x0123. */

#define M(w)        ((uint16_t)(((w) & 0xffff) ^ 0xa5a5))
#define R(n)        ((uint16_t)(0x1100 * ((n) + 1)))
#define FORM_SP     0xfff0
#define FORM_NEXT   0x0123
#define FORM_EX     0xbeef

static rig_t *form_rig(uint16_t first_word, unsigned length)
{
    rig_t *g = rig_new();
    for (unsigned w = 0; w < 0x10000; w++) {
        g->bus.ram[2 * w] = (uint8_t)M(w);
        g->bus.ram[2 * w + 1] = (uint8_t)(M(w) >> 8);
    }
    bus_write_word(&g->bus, 0, first_word);
    if (length > 1)
        bus_write_word(&g->bus, 1, FORM_NEXT);
    for (int i = 0; i < 8; i++)
        g->cpu.r[i] = R(i);
    g->cpu.sp = FORM_SP;
    g->cpu.ex = FORM_EX;
    rig_snapshot(g);
    return g;
}

static cpu_regs_t form_regs(void)
{
    cpu_regs_t r = {.sp = FORM_SP, .ex = FORM_EX};
    for (int i = 0; i < 8; i++)
        r.r[i] = R(i);
    return r;
}

typedef struct a_form {
    unsigned code;
    uint16_t value, sp_after;
    unsigned cost, length;
} a_form_t;

#define REG_FORMS(n) {n, R(n), FORM_SP, 0, 1}, {0x08 + n, M(R(n)), FORM_SP, 0, 1}
#define IDX_FORM(n)  {0x10 + n, M(R(n) + FORM_NEXT), FORM_SP, 1, 2}
#define SHORT(n)     {0x21 + (n), (uint16_t)(n), FORM_SP, 0, 1}

static const a_form_t a_forms[] = {
    REG_FORMS(0), REG_FORMS(1), REG_FORMS(2), REG_FORMS(3),
    REG_FORMS(4), REG_FORMS(5), REG_FORMS(6), REG_FORMS(7),
    IDX_FORM(0), IDX_FORM(1), IDX_FORM(2), IDX_FORM(3),
    IDX_FORM(4), IDX_FORM(5), IDX_FORM(6), IDX_FORM(7),
    {POP, M(FORM_SP), FORM_SP + 1, 0, 1},
    {PEEK, M(FORM_SP), FORM_SP, 0, 1},
    {PICK, M(FORM_SP + FORM_NEXT), FORM_SP, 1, 2}, /* wraps to 0x0113 */
    {SPR, FORM_SP, FORM_SP, 0, 1},
    {PCR, 0x0001, FORM_SP, 0, 1}, /* PC after the instruction word */
    {EXR, FORM_EX, FORM_SP, 0, 1},
    {MEM, M(FORM_NEXT), FORM_SP, 1, 2},
    {NEXT, FORM_NEXT, FORM_SP, 1, 2},
    SHORT(-1), SHORT(0),  SHORT(1),  SHORT(2),  SHORT(3),  SHORT(4),  SHORT(5),  SHORT(6),
    SHORT(7),  SHORT(8),  SHORT(9),  SHORT(10), SHORT(11), SHORT(12), SHORT(13), SHORT(14),
    SHORT(15), SHORT(16), SHORT(17), SHORT(18), SHORT(19), SHORT(20), SHORT(21), SHORT(22),
    SHORT(23), SHORT(24), SHORT(25), SHORT(26), SHORT(27), SHORT(28), SHORT(29), SHORT(30),
};

/* SET EX, a: EX receives a's value; only EX, PC and SP (POP) change. */
START_TEST(operand_as_a)
{
    const a_form_t *f = &a_forms[_i];
    char what[32];
    snprintf(what, sizeof what, "SET EX, operand 0x%02x", f->code);
    rig_t *g = form_rig(OP2(SET, EXR, f->code), f->length);
    cpu_step(&g->cpu);
    cpu_regs_t want = form_regs();
    want.ex = f->value;
    want.sp = f->sp_after;
    want.pc = (uint16_t)f->length;
    rig_check_regs(&g->cpu, &want, what);
    rig_check_ram(g, what);
    ck_assert_uint_eq(g->cpu.cycles, ref_cost(REF_SET) + f->cost);
    rig_free(g);
}
END_TEST

typedef enum target { TO_REG, TO_MEM, TO_SP, TO_PC, TO_EX, TO_NOTHING } target_t;

typedef struct b_form {
    unsigned code;
    target_t to;
    uint16_t where; /* register number or word address */
    uint16_t sp_after;
    unsigned cost, length;
} b_form_t;

#define B_REG_FORMS(n)                                                                   \
    {n, TO_REG, n, FORM_SP, 0, 1}, {0x08 + n, TO_MEM, R(n), FORM_SP, 0, 1},              \
    {0x10 + n, TO_MEM, (uint16_t)(R(n) + FORM_NEXT), FORM_SP, 1, 2}

static const b_form_t b_forms[] = {
    B_REG_FORMS(0), B_REG_FORMS(1), B_REG_FORMS(2), B_REG_FORMS(3),
    B_REG_FORMS(4), B_REG_FORMS(5), B_REG_FORMS(6), B_REG_FORMS(7),
    {PUSH, TO_MEM, FORM_SP - 1, FORM_SP - 1, 0, 1},
    {PEEK, TO_MEM, FORM_SP, FORM_SP, 0, 1},
    {PICK, TO_MEM, (uint16_t)(FORM_SP + FORM_NEXT), FORM_SP, 1, 2},
    {SPR, TO_SP, 0, FORM_EX, 0, 1},
    {PCR, TO_PC, 0, FORM_SP, 0, 1},
    {EXR, TO_EX, 0, FORM_SP, 0, 1},
    {MEM, TO_MEM, FORM_NEXT, FORM_SP, 1, 2},
    {NEXT, TO_NOTHING, 0, FORM_SP, 1, 2}, /* a literal: the write is dropped */
};

/* SET b, EX with EX = 0xbeef: exactly b's location changes. */
START_TEST(operand_as_b)
{
    const b_form_t *f = &b_forms[_i];
    char what[32];
    snprintf(what, sizeof what, "SET operand 0x%02x, EX", f->code);
    rig_t *g = form_rig(OP2(SET, f->code, EXR), f->length);
    cpu_step(&g->cpu);
    cpu_regs_t want = form_regs();
    want.pc = (uint16_t)f->length;
    want.sp = f->sp_after;
    switch (f->to) {
    case TO_REG: want.r[f->where] = FORM_EX; break;
    case TO_MEM: rig_want(g, f->where, FORM_EX); break;
    case TO_PC: want.pc = FORM_EX; break;
    default: break; /* SP via sp_after; EX and literals keep their value */
    }
    rig_check_regs(&g->cpu, &want, what);
    rig_check_ram(g, what);
    ck_assert_uint_eq(g->cpu.cycles, ref_cost(REF_SET) + f->cost);
    rig_free(g);
}
END_TEST

/* ---- small programs: evaluation order, stack, special opcodes, literals, IF chains */

static const scenario_t scenarios[] = {
    {"§10.5 SET PUSH, 0x1234; SET A, POP",
     PROG(OP2(SET, PUSH, NEXT), 0x1234, OP2(SET, REG_A, POP)), .steps = 2,
     .out = {.r[REG_A] = 0x1234, .pc = 3}, MEM_OUT({0xffff, 0x1234}), .cycles = 3},
    {"§2.4 high-nerd",
     PROG(OP2(SET, REG_C, NEXT), 500, OP2(ADD, REG_C, NEXT), 499, OP2(SUB, REG_C, NEXT), 99,
          OP2(MUL, REG_C, LIT(2)), OP2(SET, REG_A, LIT(-1)), OP2(SUB, REG_A, REG_C),
          OP2(SET, REG_C, REG_A), OP2(SET, REG_A, LIT(0)), OP2(MLI, REG_C, LIT(2)),
          OP2(DVI, REG_C, LIT(3))),
     .steps = 10, .out = {.r[REG_C] = 0xfb50, .ex = 0x5556, .pc = 13}, .cycles = 20},
    {"SET PUSH, POP changes nothing", PROG(OP2(SET, PUSH, POP)), .in.sp = 0xfff0,
     MEM_IN({0xfff0, 0x1234}), .steps = 1, .out = {.pc = 1, .sp = 0xfff0}, .cycles = 1},
    {"SET PICK 1, POP: the POP comes first", PROG(OP2(SET, PICK, POP), 1), .in.sp = 0xfff0,
     MEM_IN({0xfff0, 0x1234}), .steps = 1, .out = {.pc = 2, .sp = 0xfff1},
     MEM_OUT({0xfff2, 0x1234}), .cycles = 2},
    {"ADD PUSH, 1 adds to the stale word", PROG(OP2(ADD, PUSH, LIT(1))), .in.sp = 0xfff0,
     MEM_IN({0xffef, 0x0041}), .steps = 1, .out = {.pc = 1, .sp = 0xffef},
     MEM_OUT({0xffef, 0x0042}), .cycles = 2},
    {"SET [0x1000], PC reads PC before b's next word", PROG(OP2(SET, MEM, PCR), 0x1000),
     .steps = 1, .out = {.pc = 2}, MEM_OUT({0x1000, 0x0001}), .cycles = 2},
    {"a's next word comes before b's", PROG(OP2(SET, IDX(REG_A), MEM), 0x0300, 0x0005),
     .in.r[REG_A] = 0x0100, MEM_IN({0x0300, 0xcafe}), .steps = 1,
     .out = {.r[REG_A] = 0x0100, .pc = 3}, MEM_OUT({0x0105, 0xcafe}), .cycles = 3},
    {"das: SET [0x1000], 0x20", PROG(0x7fc1, 0x0020, 0x1000), .steps = 1, .out = {.pc = 3},
     MEM_OUT({0x1000, 0x0020}), .cycles = 3},
    {"JSR POP pops, then pushes the return address", PROG(OP1(JSR, POP)), .in.sp = 0xfff0,
     MEM_IN({0xfff0, 0x0040}), .steps = 1, .out = {.pc = 0x0040, .sp = 0xfff0},
     MEM_OUT({0xfff0, 0x0001}), .cycles = 3},
    {"JSR [next]", PROG(OP1(JSR, MEM), 0x0200), MEM_IN({0x0200, 0x0040}), .steps = 1,
     .out = {.pc = 0x0040, .sp = 0xffff}, MEM_OUT({0xffff, 0x0002}), .cycles = 4},
    {"SET PC, POP returns", PROG(0x6381), .in.sp = 0xfff0, MEM_IN({0xfff0, 0x0033}),
     .steps = 1, .out = {.pc = 0x0033, .sp = 0xfff1}, .cycles = 1},
    {"STI I, 5 stores, then moves I and J", PROG(OP2(STI, REG_I, LIT(5))), .steps = 1,
     .out = {.r[REG_I] = 6, .r[REG_J] = 1, .pc = 1}, .cycles = 2},
    {"STI [I], [J]", PROG(OP2(STI, IND(REG_I), IND(REG_J))),
     .in = {.r[REG_I] = 0x0100, .r[REG_J] = 0x0200}, MEM_IN({0x0200, 0x7777}), .steps = 1,
     .out = {.r[REG_I] = 0x0101, .r[REG_J] = 0x0201, .pc = 1}, MEM_OUT({0x0100, 0x7777}),
     .cycles = 2},
    {"STD [I], [J]", PROG(OP2(STD, IND(REG_I), IND(REG_J))),
     .in = {.r[REG_I] = 0x0100, .r[REG_J] = 0x0200}, MEM_IN({0x0200, 0x7777}), .steps = 1,
     .out = {.r[REG_I] = 0x00ff, .r[REG_J] = 0x01ff, .pc = 1}, MEM_OUT({0x0100, 0x7777}),
     .cycles = 2},
    {"STD I, 5", PROG(OP2(STD, REG_I, LIT(5))), .steps = 1,
     .out = {.r[REG_I] = 4, .r[REG_J] = 0xffff, .pc = 1}, .cycles = 2},
    {"[A+next] wraps", PROG(OP2(SET, REG_B, IDX(REG_A)), 0x0020), .in.r[REG_A] = 0xfff0,
     MEM_IN({0x0010, 0x4242}), .steps = 1,
     .out = {.r[REG_A] = 0xfff0, .r[REG_B] = 0x4242, .pc = 2}, .cycles = 2},
    {"PICK wraps", PROG(OP2(SET, REG_B, PICK), 3), .in.sp = 0xffff, MEM_IN({0x0002, 0x5151}),
     .steps = 1, .out = {.r[REG_B] = 0x5151, .sp = 0xffff, .pc = 2}, .cycles = 2},
    {"POP wraps", PROG(OP2(SET, REG_B, POP)), .in.sp = 0xffff, MEM_IN({0xffff, 0x6161}),
     .steps = 1, .out = {.r[REG_B] = 0x6161, .pc = 1}, .cycles = 1},
    {"IAS next", PROG(OP1(IAS, NEXT), 0x1234), .steps = 1, .out = {.ia = 0x1234, .pc = 2},
     .cycles = 2},
    {"IAG A", PROG(OP1(IAG, REG_A)), .in.ia = 0x0055, .steps = 1,
     .out = {.r[REG_A] = 0x0055, .ia = 0x0055, .pc = 1}, .cycles = 1},
    {"IAG 0x18 is IAG POP", PROG(OP1(IAG, POP)), .in = {.ia = 0x0055, .sp = 0xfff0},
     .steps = 1, .out = {.ia = 0x0055, .sp = 0xfff1, .pc = 1}, MEM_OUT({0xfff0, 0x0055}),
     .cycles = 1},
    {"RFI POP pops first", PROG(OP1(RFI, POP)), .in.sp = 0xfff0,
     MEM_IN({0xfff0, 0x1111}, {0xfff1, 0x2222}, {0xfff2, 0x0042}), .steps = 1,
     .out = {.r[REG_A] = 0x2222, .pc = 0x0042, .sp = 0xfff3}, .cycles = 3},
    {"RFI next: the word is consumed and charged", PROG(OP1(RFI, NEXT), 0x1234),
     .in = {.r[REG_A] = 9, .sp = 0xfff0}, MEM_IN({0xfff0, 0x2222}, {0xfff1, 0x0042}),
     .steps = 1, .out = {.r[REG_A] = 0x2222, .pc = 0x0042, .sp = 0xfff2}, .cycles = 4},
    {"HWN A", PROG(OP1(HWN, REG_A)), .steps = 1, .out = {.r[REG_A] = RIG_DEVICES, .pc = 1},
     .cycles = 2},
    {"HWN [next]", PROG(OP1(HWN, MEM), 0x0300), .steps = 1, .out = {.pc = 2},
     MEM_OUT({0x0300, RIG_DEVICES}), .cycles = 3},
    {"HWQ 0", PROG(OP1(HWQ, LIT(0))),
     .in = {.r[REG_Z] = 0x77, .r[REG_I] = 0x88, .r[REG_J] = 0x99}, .steps = 1,
     .out = {.r = {0x5678, 0x1234, 0x0abc, 0xdef0, 0x9abc, 0x77, 0x88, 0x99}, .pc = 1},
     .cycles = 4},
    {"HWQ A = 1", PROG(OP1(HWQ, REG_A)), .in.r[REG_A] = 1, .steps = 1,
     .out = {.r = {0xf615, 0x7349, 0x1802, 0x8b36, 0x1c6c}, .pc = 1}, .cycles = 4},
    {"HWQ of a missing device zeroes A B C X Y", PROG(OP1(HWQ, REG_A)),
     .in.r = {7, 0x1111, 0x1111, 0x1111, 0x1111, 0x2222, 0x3333, 0x4444}, .steps = 1,
     .out = {.r = {0, 0, 0, 0, 0, 0x2222, 0x3333, 0x4444}, .pc = 1}, .cycles = 4},
    {"HWI adds the device's cycles", PROG(OP1(HWI, LIT(0))), .steps = 1,
     .out = {.r[REG_C] = RIG_HWI_MARK, .pc = 1}, .cycles = 4 + RIG_HWI_EXTRA},
    {"HWI of a missing device does nothing", PROG(OP1(HWI, NEXT), 0x0009),
     .in.r[REG_C] = 0x1111, .steps = 1, .out = {.r[REG_C] = 0x1111, .pc = 2}, .cycles = 5},
    /* writes to literals: dropped, side effects kept (machine.md §1) */
    {"SET literal, A", PROG(OP2(SET, NEXT, REG_A), 0x1234), .in.r[REG_A] = 0x5555,
     .steps = 1, .out = {.r[REG_A] = 0x5555, .pc = 2}, .cycles = 2},
    {"ADD literal 0xffff, 1 sets EX", PROG(OP2(ADD, NEXT, LIT(1)), 0xffff), .steps = 1,
     .out = {.ex = 1, .pc = 2}, .cycles = 3},
    {"SUB literal, POP moves SP and sets EX", PROG(OP2(SUB, NEXT, POP), 0x0001),
     .in.sp = 0xfff0, MEM_IN({0xfff0, 2}), .steps = 1,
     .out = {.ex = 0xffff, .sp = 0xfff1, .pc = 2}, .cycles = 3},
    {"STI literal, 1 moves I and J", PROG(OP2(STI, NEXT, LIT(1)), 0x0042), .steps = 1,
     .out = {.r[REG_I] = 1, .r[REG_J] = 1, .pc = 2}, .cycles = 3},
    {"DIV literal, 0 clears EX", PROG(OP2(DIV, NEXT, LIT(0)), 0x0007), .in.ex = 0x1234,
     .steps = 1, .out = {.pc = 2}, .cycles = 4},
    {"SHL literal 0x8001, 1 sets EX", PROG(OP2(SHL, NEXT, LIT(1)), 0x8001), .steps = 1,
     .out = {.ex = 1, .pc = 2}, .cycles = 2},
    {"IAG literal", PROG(OP1(IAG, NEXT), 0x0042), .in.ia = 0x0055, .steps = 1,
     .out = {.ia = 0x0055, .pc = 2}, .cycles = 2},
    {"IAG short literal", PROG(OP1(IAG, LIT(7))), .in.ia = 0x0055, .steps = 1,
     .out = {.ia = 0x0055, .pc = 1}, .cycles = 1},
    {"HWN short literal", PROG(OP1(HWN, LIT(30))), .steps = 1, .out = {.pc = 1}, .cycles = 2},
    /* IF chains: one step, +1 for the failure, +1 per skipped conditional */
    {"§1.6 IFE A, 1 / IFN B, 2 / SET C, 3",
     PROG(OP2(IFE, REG_A, LIT(1)), OP2(IFN, REG_B, LIT(2)), OP2(SET, REG_C, LIT(3))),
     .steps = 1, .out = {.pc = 3}, .cycles = 4},
    {"§2.7 a failed IF skips a 3-word instruction",
     PROG(OP2(IFE, REG_A, LIT(1)), 0x7fc1, 0x0020, 0x1000, OP2(SET, REG_B, LIT(1))),
     .steps = 2, .out = {.r[REG_B] = 1, .pc = 5}, .cycles = 4},
    {"§2.7 chained IFs skip a 3-word instruction",
     PROG(OP2(IFE, REG_A, LIT(1)), OP2(IFE, REG_A, LIT(0)), 0x7fc1, 0x0020, 0x1000,
          OP2(SET, REG_C, LIT(1))),
     .steps = 2, .out = {.r[REG_C] = 1, .pc = 6}, .cycles = 5},
    {"a skipped 3-word IF extends the chain",
     PROG(OP2(IFE, REG_A, LIT(1)), OP2(IFE, MEM, NEXT), 0x1234, 0x1000,
          OP2(SET, IDX(REG_B), MEM), 0x0300, 0x0400, OP2(SET, REG_C, LIT(1))),
     .steps = 1, .out = {.pc = 7}, .cycles = 4},
    {"a skipped instruction has no side effects",
     PROG(OP2(IFE, REG_A, LIT(1)), OP2(SET, PICK, POP), 0x0005, OP2(SET, REG_C, LIT(1))),
     .in.sp = 0xfff0, .steps = 2, .out = {.r[REG_C] = 1, .sp = 0xfff0, .pc = 4},
     .cycles = 4},
    {"five IFs in a chain",
     PROG(OP2(IFE, REG_A, LIT(1)), OP2(IFB, REG_A, LIT(0)), OP2(IFC, REG_A, LIT(0)),
          OP2(IFG, REG_A, LIT(0)), OP2(IFU, REG_A, LIT(0)), OP2(SET, REG_C, LIT(1)),
          OP2(SET, REG_X, LIT(1))),
     .steps = 2, .out = {.r[REG_X] = 1, .pc = 7}, .cycles = 2 + 1 + 4 + 1},
    {"a true IF, then a false one",
     PROG(OP2(IFE, REG_A, LIT(0)), OP2(IFE, REG_B, LIT(1)), OP2(SET, REG_C, LIT(1)),
          OP2(SET, REG_X, LIT(1))),
     .steps = 3, .out = {.r[REG_X] = 1, .pc = 4}, .cycles = 2 + 3 + 1},
    {"an IF's operands keep their side effects",
     PROG(OP2(IFN, REG_A, POP), OP2(SET, REG_C, LIT(1))), .in = {.r[REG_A] = 5, .sp = 0xfff0},
     MEM_IN({0xfff0, 5}), .steps = 1, .out = {.r[REG_A] = 5, .sp = 0xfff1, .pc = 2},
     .cycles = 3},
    {"IFE [next], next: operand costs", PROG(OP2(IFE, MEM, NEXT), 0x0042, 0x0300),
     MEM_IN({0x0300, 0x0042}), .steps = 1, .out = {.pc = 3}, .cycles = 4},
    {"IFE [next], next fails", PROG(OP2(IFE, MEM, NEXT), 0x0043, 0x0300, OP2(SET, REG_C, LIT(1))),
     MEM_IN({0x0300, 0x0042}), .steps = 1, .out = {.pc = 4}, .cycles = 5},
    {"a skip steps over an undefined opcode's words",
     PROG(OP2(IFE, REG_A, LIT(1)), (uint16_t)(NEXT << 10 | MEM << 5 | 0x18), 1, 2,
          OP2(SET, REG_C, LIT(1))),
     .steps = 2, .out = {.r[REG_C] = 1, .pc = 5}, .cycles = 4},
};

START_TEST(programs)
{
    rig_t *g = rig_new();
    rig_play(g, &scenarios[_i]);
    rig_free(g);
}
END_TEST

/* ---- the CPU reaches devices through the bus, at the cycle the instruction began */

typedef struct probe {
    uint16_t reg[16];
    unsigned reads, writes;
    uint64_t last_now;
} probe_t;

static uint16_t probe_read(void *ctx, unsigned reg, uint64_t now)
{
    probe_t *p = ctx;
    p->reads++;
    p->last_now = now;
    return p->reg[reg];
}

static void probe_write(void *ctx, unsigned reg, uint16_t value, uint64_t now)
{
    probe_t *p = ctx;
    p->writes++;
    p->last_now = now;
    p->reg[reg] = value;
}

static uint16_t probe_peek(const void *ctx, unsigned reg)
{
    const probe_t *p = ctx;
    return p->reg[reg];
}

static const bus_handlers_t probe_ops = {probe_read, probe_write, probe_peek};

START_TEST(device_registers_through_the_bus)
{
    rig_t *g = rig_new();
    probe_t p = {.reg = {[2] = 0x0041, [4] = 0x0777}};
    ck_assert_int_eq(bus_map(&g->bus, 0x1fe00, 32, &probe_ops, &p), 0);
    const uint16_t prog[] = {
        OP2(SET, REG_A, LIT(1)),              /* cycle 0 */
        OP2(ADD, MEM, LIT(1)), 0xff02,        /* cycle 1: one read, one write */
        OP2(IFE, REG_A, LIT(2)),              /* cycle 4: fails */
        OP2(SET, MEM, LIT(5)), 0xff03,        /* skipped: never reaches the device */
        OP2(SET, REG_B, MEM), 0xff04,         /* cycle 7 */
    };
    rig_load(g, 0, prog, COUNT(prog));
    cpu_step(&g->cpu);
    cpu_step(&g->cpu);
    ck_assert_uint_eq(p.reads, 1);
    ck_assert_uint_eq(p.writes, 1);
    ck_assert_uint_eq(p.last_now, 1);
    ck_assert_uint_eq(p.reg[2], 0x0042);
    cpu_step(&g->cpu);
    ck_assert_uint_eq(p.reads + p.writes, 2);
    ck_assert_uint_eq(p.reg[3], 0);
    cpu_step(&g->cpu);
    ck_assert_uint_eq(p.reads, 2);
    ck_assert_uint_eq(p.last_now, 7);
    ck_assert_uint_eq(g->cpu.r[REG_B], 0x0777);
    ck_assert_uint_eq(g->cpu.cycles, 9);
    rig_free(g);
}
END_TEST

/* A skip walks over instruction words with peek: a skipped word in a device's range is
 * not read. */
START_TEST(skipping_peeks_device_words)
{
    rig_t *g = rig_new();
    probe_t p = {.reg = {[0] = OP2(SET, REG_B, LIT(1))}};
    ck_assert_int_eq(bus_map(&g->bus, 0x1fe00, 32, &probe_ops, &p), 0);
    const uint16_t prog[] = {OP2(IFE, REG_A, LIT(1))};
    rig_load(g, 0xfeff, prog, 1);
    g->cpu.pc = 0xfeff;
    cpu_step(&g->cpu);
    ck_assert_uint_eq(g->cpu.pc, 0xff01);
    ck_assert_uint_eq(p.reads + p.writes, 0);
    ck_assert_uint_eq(g->cpu.r[REG_B], 0);
    ck_assert_uint_eq(g->cpu.cycles, 3);
    rig_free(g);
}
END_TEST

/* HWI reaches the device at the instruction's start cycle; its cost is added afterwards. */
START_TEST(hwi_acts_at_the_start_cycle)
{
    rig_t *g = rig_new();
    const uint16_t prog[] = {OP2(SET, REG_A, NEXT), 0x0003, OP1(HWI, LIT(0)),
                             OP1(HWI, LIT(1))};
    rig_load(g, 0, prog, COUNT(prog));
    for (int i = 0; i < 3; i++)
        cpu_step(&g->cpu);
    ck_assert_uint_eq(g->hwi_calls, 2);
    ck_assert_uint_eq(g->hwi_index, 1);
    ck_assert_uint_eq(g->hwi_at, 2 + 4 + RIG_HWI_EXTRA);
    ck_assert_uint_eq(g->cpu.cycles, 2 + 4 + RIG_HWI_EXTRA + 4);
    rig_free(g);
}
END_TEST

/* Without hardware callbacks: HWN 0, HWQ zeroes, HWI does nothing; costs are unchanged. */
START_TEST(no_hardware)
{
    bus_t *bus = calloc(1, sizeof *bus);
    dcpu_t *cpu = calloc(1, sizeof *cpu);
    ck_assert_ptr_nonnull(bus);
    ck_assert_ptr_nonnull(cpu);
    bus_init(bus, &cpu->cycles);
    cpu_init(cpu, bus, NULL);
    const uint16_t prog[] = {OP1(HWN, REG_A), OP1(HWQ, LIT(0)), OP1(HWI, LIT(0))};
    for (unsigned i = 0; i < COUNT(prog); i++)
        bus_write_word(bus, (uint16_t)i, prog[i]);
    cpu->r[REG_B] = 0x1234;
    cpu->r[REG_Z] = 0x5678;
    for (unsigned i = 0; i < COUNT(prog); i++)
        cpu_step(cpu);
    ck_assert_uint_eq(cpu->r[REG_A], 0);
    ck_assert_uint_eq(cpu->r[REG_B], 0);
    ck_assert_uint_eq(cpu->r[REG_Z], 0x5678);
    ck_assert_uint_eq(cpu->pc, 3);
    ck_assert_uint_eq(cpu->cycles, 2 + 4 + 4);
    ck_assert_int_eq(cpu->fault, CPU_FAULT_NONE);
    free(cpu);
    free(bus);
}
END_TEST

static Suite *cpu_suite(void)
{
    Suite *s = suite_create("cpu");
    TCase *tc = tcase_create("table");
    tcase_add_loop_test(tc, basic_table_matches_reference, 0, 32);
    tcase_add_loop_test(tc, special_table_matches_reference, 0, 32);
    tcase_add_loop_test(tc, operand_costs_match_reference, 0, 64);
    tcase_add_test(tc, operand_rows_match_reference);
    tcase_add_test(tc, encoding_matches_reference_words);
    suite_add_tcase(s, tc);

    tc = tcase_create("opcodes");
    tcase_add_loop_test(tc, opcode_vectors, 0, COUNT(arith_cases));
    tcase_add_loop_test(tc, ex_as_b_takes_the_result, 0, COUNT(ex_as_b_cases));
    tcase_add_loop_test(tc, conditionals, 0, COUNT(if_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("operands");
    tcase_add_loop_test(tc, operand_as_a, 0, COUNT(a_forms));
    tcase_add_loop_test(tc, operand_as_b, 0, COUNT(b_forms));
    suite_add_tcase(s, tc);

    tc = tcase_create("programs");
    tcase_add_loop_test(tc, programs, 0, COUNT(scenarios));
    tcase_add_test(tc, device_registers_through_the_bus);
    tcase_add_test(tc, skipping_peeks_device_words);
    tcase_add_test(tc, hwi_acts_at_the_start_cycle);
    tcase_add_test(tc, no_hardware);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(cpu_suite)
