/* test_disasm.c — disasm_format: every operand form, DAT fallbacks, lengths, symbols. */
#include "asm/disasm.h"

#include <check.h>
#include <string.h>

#include "check_main.h"
#include "cpu/opcodes.h"

typedef struct dis_case {
    uint16_t w[3];
    const char *text;
    unsigned len;
} dis_case_t;

static const dis_case_t cases[] = {
    {{0x7c01, 0x0030, 0}, "SET A, 0x0030", 2},
    {{0x7fc1, 0x0020, 0x1000}, "SET [0x1000], 0x0020", 3},
    {{0x7803, 0x1000, 0}, "SUB A, [0x1000]", 2},
    {{0xc413, 0, 0}, "IFN A, 16", 1},
    {{0xdf81, 0, 0}, "SET PC, 0x0016", 1}, /* an address: hex, as in the listing's comments */
    {{0xb420, 0, 0}, "JSR 0x000c", 1},
    {{0x22c1, 0x2000, 0}, "SET [I+0x2000], [A]", 2},
    {{0x8463, 0, 0}, "SUB X, 0", 1},
    {{0x8061, 0, 0}, "SET X, -1", 1},
    {{0x6381, 0, 0}, "SET PC, POP", 1},
    {{0x6301, 0, 0}, "SET PUSH, POP", 1},
    {{0x6701, 0, 0}, "SET PUSH, PEEK", 1},
    {{0x6b01, 0x0003, 0}, "SET PUSH, PICK 3", 2},
    {{0x6b41, 0x0002, 0x0005}, "SET PICK 5, PICK 2", 3},
    {{0x6c21, 0, 0}, "SET B, SP", 1},
    {{0x7761, 0, 0}, "SET SP, EX", 1},
    {{0x4401, 0x0010, 0}, "SET A, [B+0x0010]", 2},
    {{0x3ee2, 0x1234, 0}, "ADD [J+0x1234], [J]", 2},
    {{0x7c20, 0x0018, 0}, "JSR LONG 0x0018", 2},
    {{0x7c20, 0xffff, 0}, "JSR LONG 0xffff", 2},
    {{0x7c20, 0x001f, 0}, "JSR 0x001f", 2},
    {{0x7c20, 0xfffe, 0}, "JSR 0xfffe", 2},
    {{0x8560, 0, 0}, "RFI 0", 1},
    {{0x6160, 0, 0}, "RFI POP", 1},
    {{0x0120, 0, 0}, "IAG A", 1},
    {{0x7d20, 0x0007, 0}, "IAG LONG 0x0007", 2},
    {{0x7e00, 0x0100, 0}, "HWN LONG 0x0100", 2},
    {{0x8520, 0, 0}, "DAT 0x8520", 1},     /* IAG 0: short literal destination */
    {{0x7fe1, 0x0005, 0x0009}, "SET LONG 0x0009, LONG 0x0005", 3},
    {{0x03e1, 0x0100, 0}, "SET LONG 0x0100, A", 2},
    {{0x87f2, 0x0200, 0}, "IFE LONG 0x0200, 0", 2},
    {{0x0000, 0, 0}, "DAT 0x0000", 1},
    {{0x7c18, 0x1234, 0}, "DAT 0x7c18", 1},  /* basic 0x18 undefined */
    {{0x7c40, 0, 0}, "DAT 0x7c40", 1},      /* special 0x02 undefined */
    {{0x0220, 0, 0}, "HWQ A", 1},
    {{0x8e40, 0, 0}, "HWI 2", 1},
    {{0x0041, 0, 0}, "SET C, A", 1},
    {{0x211f, 0, 0}, "STD [A], [A]", 1},
    {{0x151f, 0, 0}, "STD [A], Z", 1},
};

START_TEST(formats_table)
{
    const dis_case_t *t = &cases[_i];
    char buf[DISASM_TEXT_MAX];
    unsigned len = disasm_format(t->w, buf, sizeof buf);
    ck_assert_str_eq(buf, t->text);
    ck_assert_uint_eq(len, t->len);
}
END_TEST

START_TEST(length_matches_op_length_for_valid_words)
{
    char buf[DISASM_TEXT_MAX];
    for (unsigned w = 0; w < 0x10000; w++) {
        uint16_t words[3] = {(uint16_t)w, 0x1111, 0x2222};
        unsigned len = disasm_format(words, buf, sizeof buf);
        ck_assert(len >= 1 && len <= 3);
        if (strncmp(buf, "DAT ", 4) == 0)
            ck_assert_uint_eq(len, 1);
        else
            ck_assert_uint_eq(len, op_length((uint16_t)w));
        ck_assert(strlen(buf) < DISASM_TEXT_MAX);
    }
}
END_TEST

START_TEST(small_buffers_are_truncated_and_terminated)
{
    uint16_t w[3] = {0x7fc1, 0x0020, 0x1000};
    char buf[8];
    memset(buf, 'x', sizeof buf);
    ck_assert_uint_eq(disasm_format(w, buf, sizeof buf), 3);
    ck_assert_str_eq(buf, "SET [0x");
    ck_assert_uint_eq(disasm_format(w, buf, 0), 3);
}
END_TEST

static const char *lookup(void *ctx, uint16_t value, uint16_t *offset)
{
    (void)ctx;
    if (value >= 0x0010 && value < 0x0020) {
        *offset = (uint16_t)(value - 0x0010);
        return "loop";
    }
    return NULL;
}

START_TEST(symbols_name_next_words)
{
    char buf[DISASM_TEXT_MAX];
    uint16_t jmp[3] = {0x7f81, 0x0013, 0};
    ck_assert_uint_eq(disasm_format_sym(jmp, buf, sizeof buf, lookup, NULL), 2);
    ck_assert_str_eq(buf, "SET PC, LONG loop+3");
    uint16_t mem[3] = {0x7801, 0x0010, 0};
    disasm_format_sym(mem, buf, sizeof buf, lookup, NULL);
    ck_assert_str_eq(buf, "SET A, [loop]");
    uint16_t far[3] = {0x7801, 0x0400, 0};
    disasm_format_sym(far, buf, sizeof buf, lookup, NULL);
    ck_assert_str_eq(buf, "SET A, [0x0400]");
}
END_TEST

START_TEST(symbols_name_short_jump_targets)
{
    char buf[DISASM_TEXT_MAX];
    uint16_t set_pc[3] = {0xcf81, 0, 0}; /* SET PC, 18 (short literal) */
    ck_assert_uint_eq(disasm_format_sym(set_pc, buf, sizeof buf, lookup, NULL), 1);
    ck_assert_str_eq(buf, "SET PC, loop+2");
    uint16_t jsr[3] = {0xc420, 0, 0}; /* JSR 16 */
    disasm_format_sym(jsr, buf, sizeof buf, lookup, NULL);
    ck_assert_str_eq(buf, "JSR loop");
    uint16_t no_symbol[3] = {0x9820, 0, 0}; /* JSR 5: nothing there */
    disasm_format_sym(no_symbol, buf, sizeof buf, lookup, NULL);
    ck_assert_str_eq(buf, "JSR 0x0005");
    uint16_t not_jump[3] = {0xcc01, 0, 0}; /* SET A, 18: a number, not an address */
    disasm_format_sym(not_jump, buf, sizeof buf, lookup, NULL);
    ck_assert_str_eq(buf, "SET A, 18");
    uint16_t add_pc[3] = {0xcf82, 0, 0}; /* ADD PC, 18: a relative step, not a target */
    disasm_format_sym(add_pc, buf, sizeof buf, lookup, NULL);
    ck_assert_str_eq(buf, "ADD PC, 18");
}
END_TEST

static Suite *disasm_suite(void)
{
    Suite *s = suite_create("disasm");
    TCase *tc = tcase_create("format");
    /* The loop over all 65,536 words takes a fraction of a second alone, yet ran past
     * Check's 4-second default twice on a loaded 2-core machine. */
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, formats_table, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, length_matches_op_length_for_valid_words);
    tcase_add_test(tc, small_buffers_are_truncated_and_terminated);
    tcase_add_test(tc, symbols_name_next_words);
    tcase_add_test(tc, symbols_name_short_jump_targets);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(disasm_suite)
