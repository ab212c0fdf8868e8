/* test_dbgcmd.c — the debugger's command parser and address expressions. */
#include "frontend/dbgcmd.h"

#include <check.h>
#include <string.h>

#include "check_main.h"

static const struct {
    const char *line;
    dbgcmd_id_t id;
    unsigned argc;
    const char *arg0, *arg1;
} good_lines[] = {
    {"", DBGCMD_NONE, 0, NULL, NULL},
    {"   \t ", DBGCMD_NONE, 0, NULL, NULL},
    {"# step 5", DBGCMD_NONE, 0, NULL, NULL},
    {"step", DBGCMD_STEP, 0, NULL, NULL},
    {"  s 10\r\n", DBGCMD_STEP, 1, "10", NULL},
    {"next", DBGCMD_NEXT, 0, NULL, NULL},
    {"n", DBGCMD_NEXT, 0, NULL, NULL},
    {"continue", DBGCMD_CONTINUE, 0, NULL, NULL},
    {"c", DBGCMD_CONTINUE, 0, NULL, NULL},
    {"break loop+2", DBGCMD_BREAK, 1, "loop+2", NULL},
    {"b", DBGCMD_BREAK, 0, NULL, NULL},
    {"delete 3", DBGCMD_DELETE, 1, "3", NULL},
    {"d 1", DBGCMD_DELETE, 1, "1", NULL},
    {"watch 0x1000", DBGCMD_WATCH, 1, "0x1000", NULL},
    {"w", DBGCMD_WATCH, 0, NULL, NULL},
    {"regs", DBGCMD_REGS, 0, NULL, NULL},
    {"r", DBGCMD_REGS, 0, NULL, NULL},
    {"mem SP 4", DBGCMD_MEM, 2, "SP", "4"},
    {"x\tbuf", DBGCMD_MEM, 1, "buf", NULL},
    {"dis", DBGCMD_DIS, 0, NULL, NULL},
    {"dis PC-2 3", DBGCMD_DIS, 2, "PC-2", "3"},
    {"set A 5", DBGCMD_SET, 2, "A", "5"},
    {"set [counter+1] 0xffff", DBGCMD_SET, 2, "[counter+1]", "0xffff"},
    {"stack", DBGCMD_STACK, 0, NULL, NULL},
    {"stack 3", DBGCMD_STACK, 1, "3", NULL},
    {"hw", DBGCMD_HW, 0, NULL, NULL},
    {"trace on", DBGCMD_TRACE, 1, "on", NULL},
    {"trace off", DBGCMD_TRACE, 1, "off", NULL},
    {"cycles", DBGCMD_CYCLES, 0, NULL, NULL},
    {"help", DBGCMD_HELP, 0, NULL, NULL},
    {"? step", DBGCMD_HELP, 1, "step", NULL},
    {"h", DBGCMD_HELP, 0, NULL, NULL},
    {"quit", DBGCMD_QUIT, 0, NULL, NULL},
    {"q", DBGCMD_QUIT, 0, NULL, NULL},
};

START_TEST(test_parse_good)
{
    dbgcmd_t cmd;
    char err[256] = "";
    ck_assert_int_eq(dbgcmd_parse(good_lines[_i].line, &cmd, err, sizeof err), 0);
    ck_assert_int_eq(cmd.id, good_lines[_i].id);
    ck_assert_uint_eq(cmd.argc, good_lines[_i].argc);
    if (good_lines[_i].arg0)
        ck_assert_str_eq(cmd.arg[0], good_lines[_i].arg0);
    if (good_lines[_i].arg1)
        ck_assert_str_eq(cmd.arg[1], good_lines[_i].arg1);
    if (cmd.id != DBGCMD_NONE)
        ck_assert_ptr_nonnull(dbgcmd_usage(cmd.name));
}
END_TEST

static const struct {
    const char *line;
    const char *message;
} bad_lines[] = {
    {"stpe", "unknown command 'stpe' (try help)"},
    {"STEP", "unknown command 'STEP' (try help)"},
    {"step 1 2", "step: too many arguments (usage: step [N])"},
    {"next 1", "next: too many arguments (usage: next)"},
    {"delete", "delete: missing argument (usage: delete N)"},
    {"mem", "mem: missing argument (usage: mem ADDR [N])"},
    {"set A", "set: missing argument (usage: set REG|[ADDR] V)"},
    {"trace", "trace: missing argument (usage: trace on|off)"},
    {"trace maybe", "trace: 'maybe' is not on or off"},
    {"regs now", "regs: too many arguments (usage: regs)"},
};

START_TEST(test_parse_bad)
{
    dbgcmd_t cmd;
    char err[256] = "";
    ck_assert_int_eq(dbgcmd_parse(bad_lines[_i].line, &cmd, err, sizeof err), -1);
    ck_assert_str_eq(err, bad_lines[_i].message);
}
END_TEST

START_TEST(test_parse_long_argument)
{
    char line[400] = "break ";
    memset(line + 6, 'x', 300);
    line[306] = '\0';
    dbgcmd_t cmd;
    char err[256] = "";
    ck_assert_int_eq(dbgcmd_parse(line, &cmd, err, sizeof err), -1);
    ck_assert_str_eq(err, "break: an argument longer than 127 characters");
}
END_TEST

static symbols_t syms;
static dcpu_t cpu;

static void setup(void)
{
    symbols_init(&syms);
    symbols_add(&syms, "loop", 0x0010);
    symbols_add(&syms, "counter", 0x1000);
    symbols_add(&syms, "strlen.next", 0x0040);
    symbols_sort(&syms);
    memset(&cpu, 0, sizeof cpu);
    cpu.r[REG_A] = 0x0005;
    cpu.r[REG_J] = 0x1234;
    cpu.pc = 0x0020;
    cpu.sp = 0xfefe;
    cpu.ex = 0xffff;
    cpu.ia = 0x0100;
}

static void teardown(void)
{
    symbols_free(&syms);
}

static const struct {
    const char *expr;
    uint16_t value;
} good_exprs[] = {
    {"0", 0},           {"65535", 0xffff},    {"0x1F", 0x1f},          {"0xffff", 0xffff},
    {"loop", 0x0010},   {"loop+3", 0x0013},   {"counter-1", 0x0fff},   {"strlen.next", 0x40},
    {"a", 0x0005},      {"A+1", 0x0006},      {"J", 0x1234},           {"PC", 0x0020},
    {"sp+1", 0xfeff},   {"EX+2", 0x0001},     {"IA", 0x0100},          {"0-1", 0xffff},
    {"loop+loop", 0x20}, {"SP+2+loop-3", 0xff0d}, {"0xffff+1", 0},
};

START_TEST(test_eval_good)
{
    dbgcmd_env_t env = {&syms, &cpu};
    uint16_t v = 0x5555;
    char err[256] = "";
    ck_assert_msg(dbgcmd_eval(good_exprs[_i].expr, &env, &v, err, sizeof err) == 0, "%s: %s",
                  good_exprs[_i].expr, err);
    ck_assert_uint_eq(v, good_exprs[_i].value);
}
END_TEST

static const struct {
    const char *expr;
    const char *message;
} bad_exprs[] = {
    {"nowhere", "'nowhere' is not a number, register or label"},
    {"loop+nowhere", "'nowhere' is not a number, register or label"},
    {"0x10000", "'0x10000' is not a number from 0 to 0xffff"},
    {"65536", "'65536' is not a number from 0 to 0xffff"},
    {"12ab", "'12ab' is not a number from 0 to 0xffff"},
    {"0x", "'0x' is not a number from 0 to 0xffff"},
    {"", "an expression has an empty term (write ADDR+N, no spaces)"},
    {"loop+", "an expression has an empty term (write ADDR+N, no spaces)"},
    {"-1", "an expression has an empty term (write ADDR+N, no spaces)"},
    {"[loop]", "'[loop]' is not a number, register or label"},
};

START_TEST(test_eval_bad)
{
    dbgcmd_env_t env = {&syms, &cpu};
    uint16_t v = 0x5555;
    char err[256] = "";
    ck_assert_int_eq(dbgcmd_eval(bad_exprs[_i].expr, &env, &v, err, sizeof err), -1);
    ck_assert_str_eq(err, bad_exprs[_i].message);
    ck_assert_uint_eq(v, 0x5555); /* untouched on failure */
}
END_TEST

START_TEST(test_eval_without_machine_or_symbols)
{
    /* --trace-from is resolved before anything runs: no registers, maybe no symbols. */
    dbgcmd_env_t env = {NULL, NULL};
    uint16_t v;
    char err[256] = "";
    ck_assert_int_eq(dbgcmd_eval("0x40+2", &env, &v, err, sizeof err), 0);
    ck_assert_uint_eq(v, 0x42);
    ck_assert_int_eq(dbgcmd_eval("PC", &env, &v, err, sizeof err), -1);
    ck_assert_str_eq(err, "'PC' is not a number, register or label");
    ck_assert_int_eq(dbgcmd_eval("loop", &env, &v, err, sizeof err), -1);
}
END_TEST

START_TEST(test_registers_and_counts)
{
    ck_assert_int_eq(dbgcmd_register("a"), REG_A);
    ck_assert_int_eq(dbgcmd_register("J"), REG_J);
    ck_assert_int_eq(dbgcmd_register("pc"), DBGCMD_REG_PC);
    ck_assert_int_eq(dbgcmd_register("Ia"), DBGCMD_REG_IA);
    ck_assert_int_eq(dbgcmd_register("Q"), -1);
    ck_assert_int_eq(dbgcmd_register("AB"), -1);
    ck_assert_str_eq(dbgcmd_register_name(DBGCMD_REG_SP), "SP");
    ck_assert_str_eq(dbgcmd_register_name(REG_X), "X");

    dbgcmd_t cmd;
    char err[256] = "";
    uint64_t n = 0;
    ck_assert_int_eq(dbgcmd_parse("step 0x10", &cmd, err, sizeof err), 0);
    ck_assert_int_eq(dbgcmd_count(&cmd, 0, 1, 100, &n, err, sizeof err), 0);
    ck_assert_uint_eq(n, 16);
    ck_assert_int_eq(dbgcmd_parse("step 0", &cmd, err, sizeof err), 0);
    ck_assert_int_eq(dbgcmd_count(&cmd, 0, 1, 100, &n, err, sizeof err), -1);
    ck_assert_str_eq(err, "step: '0' is not a count from 1 to 100");
    ck_assert_int_eq(dbgcmd_parse("stack -3", &cmd, err, sizeof err), 0);
    ck_assert_int_eq(dbgcmd_count(&cmd, 0, 1, 100, &n, err, sizeof err), -1);
    ck_assert_str_eq(err, "stack: '-3' is not a count from 1 to 100");
}
END_TEST

static void count_line(void *ctx, const char *text)
{
    (void)text;
    (*(unsigned *)ctx)++;
}

START_TEST(test_help_lists_every_command)
{
    unsigned lines = 0;
    dbgcmd_help(count_line, &lines);
    ck_assert_uint_eq(lines, DBGCMD_BACK); /* one per command (BACK is the last), NONE excluded */
    ck_assert_ptr_null(dbgcmd_usage("frobnicate"));
    ck_assert_ptr_nonnull(dbgcmd_usage("?"));
}
END_TEST

static Suite *dbgcmd_suite(void)
{
    Suite *s = suite_create("dbgcmd");
    TCase *parse = tcase_create("parse");
    tcase_add_loop_test(parse, test_parse_good, 0, sizeof good_lines / sizeof good_lines[0]);
    tcase_add_loop_test(parse, test_parse_bad, 0, sizeof bad_lines / sizeof bad_lines[0]);
    tcase_add_test(parse, test_parse_long_argument);
    tcase_add_test(parse, test_registers_and_counts);
    tcase_add_test(parse, test_help_lists_every_command);
    suite_add_tcase(s, parse);
    TCase *eval = tcase_create("eval");
    tcase_add_checked_fixture(eval, setup, teardown);
    tcase_add_loop_test(eval, test_eval_good, 0, sizeof good_exprs / sizeof good_exprs[0]);
    tcase_add_loop_test(eval, test_eval_bad, 0, sizeof bad_exprs / sizeof bad_exprs[0]);
    tcase_add_test(eval, test_eval_without_machine_or_symbols);
    suite_add_tcase(s, eval);
    return s;
}

D16_CHECK_MAIN(dbgcmd_suite)
