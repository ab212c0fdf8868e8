/* test_options.c — d16's command line: every flag, numbers, and the refusals. */
#include "frontend/options.h"

#include <check.h>
#include <string.h>

#include "check_main.h"

/* Parses a NULL-terminated argument list (argv[0] added here). */
static options_result_t parse(d16_options_t *o, char *err, const char *const *args)
{
    char *argv[32] = {"d16"};
    int argc = 1;
    while (args[argc - 1])
        argv[argc] = (char *)args[argc - 1], argc++;
    return options_parse(o, argc, argv, err, 256);
}

START_TEST(test_every_flag)
{
    const char *args[] = {"--headless", "--machine", "dcpu16", "--clock=0x10", "--max-cycles",
                          "91", "--illegal=nop", "--strict", "--premap-screen",
                          "--kbd-modifiers", "--le", "--load", "0x100", "--dump-state", "s.json",
                          "--dump-ram=r.bin", "--trace", "t.txt", "--dump-screen=ansi",
                          "--screenshot", "p.png", "--keys", "k.txt", "--type", "hi",
                          "--stdin-keys", "--no-jit", "prog.bin", NULL};
    d16_options_t o;
    char err[256];
    ck_assert_int_eq(parse(&o, err, args), OPTIONS_RUN);
    ck_assert(o.headless && o.little_endian && o.stdin_keys);
    ck_assert_int_eq(o.machine.profile, MACHINE_PROFILE_DCPU16);
    ck_assert_uint_eq(o.machine.clock_hz, 16);
    ck_assert_uint_eq(o.machine.max_cycles, 91);
    ck_assert(o.machine.illegal_nop && o.machine.strict && o.machine.premap_screen);
    ck_assert(o.machine.kbd_modifiers);
    ck_assert(o.machine.no_jit);
    ck_assert_uint_eq(o.load_addr, 0x100);
    ck_assert_str_eq(o.dump_state, "s.json");
    ck_assert_str_eq(o.dump_ram, "r.bin");
    ck_assert_str_eq(o.trace, "t.txt");
    ck_assert_int_eq(o.dump_screen, DUMP_SCREEN_ANSI);
    ck_assert_str_eq(o.screenshot, "p.png");
    ck_assert_str_eq(o.keys_file, "k.txt");
    ck_assert_str_eq(o.type_text, "hi");
    ck_assert_str_eq(o.image, "prog.bin");
    const char *legacy[] = {"--machine=legacy", "prog.dasm", NULL};
    ck_assert_int_eq(parse(&o, err, legacy), OPTIONS_RUN);
    ck_assert_int_eq(o.machine.profile, MACHINE_PROFILE_LEGACY);
}
END_TEST

START_TEST(test_defaults)
{
    const char *args[] = {NULL};
    d16_options_t o;
    char err[256];
    ck_assert_int_eq(parse(&o, err, args), OPTIONS_RUN);
    ck_assert_ptr_null(o.image);
    ck_assert(!o.headless);
    ck_assert_int_eq(o.machine.profile, MACHINE_PROFILE_D16);
    ck_assert_uint_eq(o.machine.clock_hz, 0);
    ck_assert_uint_eq(o.machine.max_cycles, 0);
    ck_assert(!o.machine.no_jit);
    ck_assert_int_eq(o.dump_screen, DUMP_SCREEN_NONE);
}
END_TEST

static const struct {
    const char *args[4];
    options_result_t result;
    const char *err;
} cases[] = {
    {{"--help"}, OPTIONS_HELP, NULL},
    {{"-h"}, OPTIONS_HELP, NULL},
    {{"--version"}, OPTIONS_VERSION, NULL},
    {{"--dump-screen"}, OPTIONS_RUN, NULL},
    {{"--", "--odd-name.bin"}, OPTIONS_RUN, NULL},
    {{"--bogus"}, OPTIONS_ERROR, "unknown option '--bogus' (try d16 --help)"},
    {{"--bogus=1"}, OPTIONS_ERROR, "unknown option '--bogus' (try d16 --help)"},
    {{"--head"}, OPTIONS_ERROR, "unknown option '--head' (try d16 --help)"},
    {{"-q"}, OPTIONS_ERROR, "unknown option '-q' (try d16 --help)"},
    {{"--strict=1"}, OPTIONS_ERROR, "--strict takes no value"},
    {{"--clock"}, OPTIONS_ERROR, "--clock needs a value"},
    {{"--clock", "0"}, OPTIONS_ERROR,
     "--clock: '0' is not a number from 1 to 4294967295 (decimal or 0x hex)"},
    {{"--load", "65536"}, OPTIONS_ERROR,
     "--load: '65536' is not a number from 0 to 65535 (decimal or 0x hex)"},
    {{"--max-cycles", "+5"}, OPTIONS_ERROR,
     "--max-cycles: '+5' is not a number from 1 to 18446744073709551615 (decimal or 0x hex)"},
    {{"--machine", "D16"}, OPTIONS_ERROR, "--machine: 'D16' is not a machine (d16, dcpu16 or legacy)"},
    {{"--illegal", "trap"}, OPTIONS_ERROR, "--illegal: 'trap' is not a choice (nop or fault)"},
    {{"--dump-screen=txt"}, OPTIONS_ERROR,
     "--dump-screen: 'txt' is not a format (only --dump-screen=ansi)"},
    {{"a.bin", "b.bin"}, OPTIONS_ERROR, "more than one image given ('a.bin' and 'b.bin')"},
    {{"--dump-screen", "ansi", "a.bin"}, OPTIONS_ERROR,
     "more than one image given ('ansi' and 'a.bin') (a format needs '=': --dump-screen=ansi)"},
    {{"a.bin", "--dump-screen", "ansi"}, OPTIONS_ERROR,
     "more than one image given ('a.bin' and 'ansi') (a format needs '=': --dump-screen=ansi)"},
    {{"--stdin-keys", "--keys", "-"}, OPTIONS_ERROR, "--stdin-keys and --keys - both want stdin"},
};

START_TEST(test_case)
{
    d16_options_t o;
    char err[256] = "";
    ck_assert_int_eq(parse(&o, err, cases[_i].args), cases[_i].result);
    if (cases[_i].err)
        ck_assert_str_eq(err, cases[_i].err);
}
END_TEST

static const struct {
    const char *text;
    uint64_t max;
    bool ok;
    uint64_t value;
} numbers[] = {
    {"0", 10, true, 0},         {"10", 10, true, 10},      {"11", 10, false, 0},
    {"0x0A", 10, true, 10},     {"0XfF", 255, true, 255},  {"007", 10, true, 7},
    {"", 10, false, 0},         {"0x", 10, false, 0},      {"0x0x1", 10, false, 0},
    {" 1", 10, false, 0},       {"1 ", 10, false, 0},      {"-1", 10, false, 0},
    {"1e3", 5000, false, 0},    {"18446744073709551615", UINT64_MAX, true, UINT64_MAX},
    {"18446744073709551616", UINT64_MAX, false, 0},
};

START_TEST(test_number)
{
    uint64_t v = 12345;
    ck_assert_int_eq(options_parse_number(numbers[_i].text, numbers[_i].max, &v), numbers[_i].ok);
    if (numbers[_i].ok)
        ck_assert_uint_eq(v, numbers[_i].value);
}
END_TEST

/* The debugger's flags. */
START_TEST(test_debugger_flags)
{
    const char *args[] = {"--debug", "--batch", "cmds", "--break", "loop+2", "--break=0x40",
                          "--symbols", "p.sym", "--trace", "t.txt", "--trace-from", "main",
                          "--trace-last=100", "p.dasm", NULL};
    d16_options_t o;
    char err[256];
    ck_assert_int_eq(parse(&o, err, args), OPTIONS_RUN);
    ck_assert(o.debug);
    ck_assert_str_eq(o.batch, "cmds");
    ck_assert_uint_eq(o.break_count, 2);
    ck_assert_str_eq(o.breaks[0], "loop+2");
    ck_assert_str_eq(o.breaks[1], "0x40");
    ck_assert_str_eq(o.symbols_file, "p.sym");
    ck_assert_str_eq(o.trace_from, "main");
    ck_assert_uint_eq(o.trace_last, 100);
}
END_TEST

static const struct {
    const char *args[4];
    options_result_t result;
    const char *err;
} debugger_cases[] = {
    {{"--break", "x", "--batch", "c"}, OPTIONS_RUN, NULL},
    {{"--trace-last", "5"}, OPTIONS_RUN, NULL},
    {{"--batch", "c"}, OPTIONS_ERROR, "--batch needs --debug (or --break)"},
    {{"--debug=1"}, OPTIONS_ERROR, "--debug takes no value"},
    {{"--break"}, OPTIONS_ERROR, "--break needs a value"},
    {{"--trace-from", "main"}, OPTIONS_ERROR, "--trace-from needs --trace FILE or --trace-last N"},
    {{"--trace-last", "0"}, OPTIONS_ERROR,
     "--trace-last: '0' is not a number from 1 to 1000000 (decimal or 0x hex)"},
    {{"--trace-last", "1000001"}, OPTIONS_ERROR,
     "--trace-last: '1000001' is not a number from 1 to 1000000 (decimal or 0x hex)"},
};

START_TEST(test_debugger_case)
{
    d16_options_t o;
    char err[256] = "";
    ck_assert_int_eq(parse(&o, err, debugger_cases[_i].args), debugger_cases[_i].result);
    if (debugger_cases[_i].err)
        ck_assert_str_eq(err, debugger_cases[_i].err);
}
END_TEST

START_TEST(test_too_many_breaks)
{
    char *argv[2 * OPTIONS_MAX_BREAKS + 3] = {"d16"};
    int argc = 1;
    for (int i = 0; i <= OPTIONS_MAX_BREAKS; i++) {
        argv[argc++] = "--break";
        argv[argc++] = "1";
    }
    d16_options_t o;
    char err[256] = "";
    ck_assert_int_eq(options_parse(&o, argc, argv, err, sizeof err), OPTIONS_ERROR);
    ck_assert_str_eq(err, "--break: at most 16 breakpoints");
}
END_TEST

/* The window's flags (--scale, --fullscreen, --speed), kept apart from the tables above. */
START_TEST(test_window_flags)
{
    const char *args[] = {"--scale", "5", "--fullscreen", "--speed=max", NULL};
    d16_options_t o;
    char err[256];
    ck_assert_int_eq(parse(&o, err, args), OPTIONS_RUN);
    ck_assert_uint_eq(o.scale, 5);
    ck_assert(o.fullscreen && o.speed_max);
    const char *normal[] = {"--speed", "max", "--speed", "normal", "--scale=0x20", NULL};
    ck_assert_int_eq(parse(&o, err, normal), OPTIONS_RUN);
    ck_assert(!o.speed_max && !o.fullscreen);
    ck_assert_uint_eq(o.scale, OPTIONS_MAX_SCALE);
    const char *none[] = {NULL};
    ck_assert_int_eq(parse(&o, err, none), OPTIONS_RUN);
    ck_assert(o.scale == 0 && !o.fullscreen && !o.speed_max);
}
END_TEST

static const struct {
    const char *args[3];
    const char *err;
} window_errors[] = {
    {{"--scale", "0"}, "--scale: '0' is not a number from 1 to 32 (decimal or 0x hex)"},
    {{"--scale", "33"}, "--scale: '33' is not a number from 1 to 32 (decimal or 0x hex)"},
    {{"--scale", "2x"}, "--scale: '2x' is not a number from 1 to 32 (decimal or 0x hex)"},
    {{"--scale"}, "--scale needs a value"},
    {{"--fullscreen=yes"}, "--fullscreen takes no value"},
    {{"--speed", "fast"}, "--speed: 'fast' is not a speed (normal or max)"},
    {{"--speed="}, "--speed: '' is not a speed (normal or max)"},
};

START_TEST(test_window_error)
{
    d16_options_t o;
    char err[256] = "";
    ck_assert_int_eq(parse(&o, err, window_errors[_i].args), OPTIONS_ERROR);
    ck_assert_str_eq(err, window_errors[_i].err);
}
END_TEST

static Suite *options_suite(void)
{
    Suite *s = suite_create("options");
    TCase *tc = tcase_create("options");
    tcase_add_test(tc, test_every_flag);
    tcase_add_test(tc, test_defaults);
    tcase_add_loop_test(tc, test_case, 0, sizeof cases / sizeof cases[0]);
    tcase_add_loop_test(tc, test_number, 0, sizeof numbers / sizeof numbers[0]);
    tcase_add_test(tc, test_debugger_flags);
    tcase_add_loop_test(tc, test_debugger_case, 0,
                        sizeof debugger_cases / sizeof debugger_cases[0]);
    tcase_add_test(tc, test_too_many_breaks);
    tcase_add_test(tc, test_window_flags);
    tcase_add_loop_test(tc, test_window_error, 0, sizeof window_errors / sizeof window_errors[0]);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(options_suite)
