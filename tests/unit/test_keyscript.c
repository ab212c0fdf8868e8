/* test_keyscript.c — the --keys parser and --type / --stdin-keys conversion. */
#include "frontend/keyscript.h"

#include <check.h>
#include <string.h>

#include "check_main.h"

static int parse(keyscript_t *ks, const char *text, char *err, size_t size)
{
    return keyscript_parse(ks, "k.txt", text, strlen(text), err, size);
}

START_TEST(test_every_form)
{
    keyscript_t ks;
    keyscript_init(&ks);
    char err[256] = "";
    const char *text = "# a comment line\n"
                       "\n"
                       "10 down 0x90   # Shift\n"
                       "  0x14\tup 144\r\n"
                       "20 type \"a\\nb\"\n"
                       "20 key 'c'\n"
                       "30 type '#'   # a quoted # is a key, not a comment\n"
                       "40 key '\\''\n"
                       "50 type 17";
    ck_assert_int_eq(parse(&ks, text, err, sizeof err), 0);
    const keyscript_event_t want[] = {
        {10, KEYBOARD_ACTION_DOWN, 0x90, 0}, {20, KEYBOARD_ACTION_UP, 0x90, 1},
        {20, KEYBOARD_ACTION_TYPE, 'a', 2},  {20, KEYBOARD_ACTION_TYPE, 0x11, 3},
        {20, KEYBOARD_ACTION_TYPE, 'b', 4},  {20, KEYBOARD_ACTION_KEY, 'c', 5},
        {30, KEYBOARD_ACTION_TYPE, '#', 6},  {40, KEYBOARD_ACTION_KEY, '\'', 7},
        {50, KEYBOARD_ACTION_TYPE, 0x11, 8},
    };
    ck_assert_uint_eq(ks.count, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < ks.count; i++) {
        ck_assert_uint_eq(ks.ev[i].cycle, want[i].cycle);
        ck_assert_int_eq(ks.ev[i].action, want[i].action);
        ck_assert_uint_eq(ks.ev[i].code, want[i].code);
    }
    keyscript_free(&ks);
}
END_TEST

static const struct {
    const char *text;
    const char *message; /* the whole "name:line: problem" */
} bad_lines[] = {
    {"10 press 'a'", "k.txt:1: 'press' is not an action (down, up, type or key)"},
    {"5 key 'a'\n4 key 'b'", "k.txt:2: cycle 4 goes back in time (the line before says 5)"},
    {"x key 'a'", "k.txt:1: 'x' is not a cycle (decimal or 0x hex)"},
    {"-1 key 'a'", "k.txt:1: '-1' is not a cycle (decimal or 0x hex)"},
    {"10", "k.txt:1: missing action (down, up, type or key)"},
    {"10 key", "k.txt:1: missing key (a code, 'c' or, with type, \"text\")"},
    {"10 key # no key", "k.txt:1: missing key (a code, 'c' or, with type, \"text\")"},
    {"10 key 256", "k.txt:1: '256' is not a key code (0 to 255, decimal or 0x hex)"},
    {"10 down \"ab\"", "k.txt:1: a \"string\" only goes with type"},
    {"10 key 'ab'", "k.txt:1: a character in single quotes is one character: 'a'"},
    {"10 key 'a", "k.txt:1: a character in single quotes is one character: 'a'"},
    {"10 type \"ab", "k.txt:1: unterminated string"},
    {"10 type \"\"", "k.txt:1: empty string"},
    {"10 type \"\\q\"", "k.txt:1: unknown escape '\\q' (\\n \\b \\\\ \\' \\\")"},
    {"10 type \"\t\"", "k.txt:1: byte 0x09 is not a printable ASCII character"},
    {"10 key 'a' b", "k.txt:1: unexpected text after the key: 'b'"},
    {"# ok\n\n10 key 0x1g", "k.txt:3: '0x1g' is not a key code (0 to 255, decimal or 0x hex)"},
};

START_TEST(test_bad_line)
{
    keyscript_t ks;
    keyscript_init(&ks);
    char err[256] = "";
    ck_assert_int_eq(parse(&ks, bad_lines[_i].text, err, sizeof err), -1);
    ck_assert_str_eq(err, bad_lines[_i].message);
    keyscript_free(&ks);
}
END_TEST

START_TEST(test_type_text)
{
    keyscript_t ks;
    keyscript_init(&ks);
    char err[128];
    ck_assert_int_eq(keyscript_type_text(&ks, "a\\nb\n\x7f", 100, err, sizeof err), 0);
    const uint16_t codes[] = {'a', 0x11, 'b', 0x11, 0x10};
    ck_assert_uint_eq(ks.count, 5);
    for (size_t i = 0; i < 5; i++) {
        ck_assert_uint_eq(ks.ev[i].cycle, 100 + i * KEYSCRIPT_TYPE_STEP);
        ck_assert_int_eq(ks.ev[i].action, KEYBOARD_ACTION_TYPE);
        ck_assert_uint_eq(ks.ev[i].code, codes[i]);
    }
    ck_assert_int_eq(keyscript_type_text(&ks, "\xc3\xa9", 0, err, sizeof err), -1);
    ck_assert_str_eq(err, "--type: byte 0xc3 has no key (printable ASCII, \\n, newline, backspace)");
    keyscript_free(&ks);
}
END_TEST

START_TEST(test_type_bytes_skips_keyless_bytes)
{
    keyscript_t ks;
    keyscript_init(&ks);
    const uint8_t in[] = {'o', '\t', 'k', 0x08, '\n', 0xff};
    uint64_t cycle = 0;
    ck_assert_int_eq(keyscript_type_bytes(&ks, in, sizeof in, &cycle), 0);
    ck_assert_uint_eq(ks.count, 4);
    ck_assert_uint_eq(cycle, 4 * KEYSCRIPT_TYPE_STEP);
    ck_assert_uint_eq(ks.ev[1].code, 'k');
    ck_assert_uint_eq(ks.ev[2].code, KEYBOARD_BACKSPACE);
    ck_assert_uint_eq(ks.ev[3].code, KEYBOARD_RETURN);
    keyscript_free(&ks);
}
END_TEST

START_TEST(test_sort_is_stable)
{
    keyscript_t ks;
    keyscript_init(&ks);
    keyscript_add(&ks, 50, KEYBOARD_ACTION_TYPE, 'a');
    keyscript_add(&ks, 10, KEYBOARD_ACTION_TYPE, 'b');
    keyscript_add(&ks, 50, KEYBOARD_ACTION_TYPE, 'c');
    keyscript_add(&ks, 10, KEYBOARD_ACTION_TYPE, 'd');
    keyscript_sort(&ks);
    const char want[] = "bdac";
    for (size_t i = 0; i < 4; i++)
        ck_assert_uint_eq(ks.ev[i].code, (uint8_t)want[i]);
    keyscript_free(&ks);
}
END_TEST

static const struct {
    uint8_t byte;
    int code;
} byte_codes[] = {
    {' ', ' '}, {'~', '~'}, {'A', 'A'}, {'\n', 0x11}, {0x08, 0x10}, {0x7f, 0x10},
    {'\r', -1}, {'\t', -1}, {0x00, -1}, {0x80, -1}, {0xff, -1},
};

START_TEST(test_code_for_byte)
{
    ck_assert_int_eq(keyscript_code_for_byte(byte_codes[_i].byte), byte_codes[_i].code);
}
END_TEST

static Suite *keyscript_suite(void)
{
    Suite *s = suite_create("keyscript");
    TCase *tc = tcase_create("keyscript");
    tcase_add_test(tc, test_every_form);
    tcase_add_loop_test(tc, test_bad_line, 0, sizeof bad_lines / sizeof bad_lines[0]);
    tcase_add_test(tc, test_type_text);
    tcase_add_test(tc, test_type_bytes_skips_keyless_bytes);
    tcase_add_test(tc, test_sort_is_stable);
    tcase_add_loop_test(tc, test_code_for_byte, 0, sizeof byte_codes / sizeof byte_codes[0]);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(keyscript_suite)
