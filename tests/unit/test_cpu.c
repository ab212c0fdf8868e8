/* test_cpu.c — the DCPU-16 instruction set through the public CPU API: the opcode table
 * against the reference, every opcode with the vectors of reference §2 and the contract's
 * choices (docs/machine.md §1), every operand form as a and as b, and the cycle cost of each.
 * Small programs (evaluation order, literals, IF chains, devices) are in
 * test_cpu_programs.c; interrupts, faults and the classic end in test_cpu_events.c. */
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
#define OPERAND_GROUP(name, code, count, cycles, flags, syntax) \
    {#name, code, cycles, ((flags) & OPF_NEXT_WORD) != 0},
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

/* Every opcode the table defines runs at the reference's cost: OP A, B with A = 6, B = 3
 * (an IF that fails adds 1 and skips the SET after it), or special OP B (device 1 adds no
 * cycles to HWI). */
START_TEST(every_table_opcode_costs_its_reference_cycles)
{
    unsigned code = (unsigned)_i % 32;
    bool special = _i >= 32;
    const op_info_t *info = special ? op_special(code) : op_basic(code);
    if (!info)
        return; /* undefined codes: test_cpu_events.c */
    const ref_op_t *ref = special ? ref_find(ref_special, COUNT(ref_special), code)
                                  : ref_find(ref_basic, COUNT(ref_basic), code);
    ck_assert_msg(ref != NULL, "the table defines %s, the reference does not", info->name);
    rig_t *g = rig_new();
    uint16_t prog[] = {special ? (uint16_t)(REG_B << 10 | code << 5)
                               : (uint16_t)(REG_B << 10 | REG_A << 5 | code),
                       OP2(SET, REG_C, LIT(1))};
    rig_load(g, 0, prog, COUNT(prog));
    g->cpu.r[REG_A] = 6;
    g->cpu.r[REG_B] = 3;
    g->cpu.sp = 0xfff0;
    cpu_step(&g->cpu);
    ck_assert_int_eq(g->cpu.fault, CPU_FAULT_NONE);
    unsigned failed_if = (ref->flags & OPF_COND) && g->cpu.pc == 2;
    ck_assert_msg(g->cpu.cycles == ref->cycles + failed_if, "%s: %llu cycles, want %u",
                  ref->name, (unsigned long long)g->cpu.cycles, ref->cycles + failed_if);
    rig_free(g);
}
END_TEST

/* ---- one instruction OP A, B: reference §2 vectors and docs/machine.md §1 choices */

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

static Suite *cpu_suite(void)
{
    Suite *s = suite_create("cpu");
    TCase *tc = tcase_create("table");
    tcase_add_loop_test(tc, basic_table_matches_reference, 0, 32);
    tcase_add_loop_test(tc, special_table_matches_reference, 0, 32);
    tcase_add_loop_test(tc, operand_costs_match_reference, 0, 64);
    tcase_add_test(tc, operand_rows_match_reference);
    tcase_add_test(tc, encoding_matches_reference_words);
    tcase_add_loop_test(tc, every_table_opcode_costs_its_reference_cycles, 0, 64);
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

    return s;
}

D16_CHECK_MAIN(cpu_suite)
