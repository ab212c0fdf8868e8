/* test_symbols.c — the symbol table: parsing symbols files, sorting, lookups by name and
 * by address (nearest at or below, with the offset). */
#include "frontend/symbols.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"

static int parse(symbols_t *t, const char *text, char *err, size_t size)
{
    return symbols_parse(t, "p.sym", text, strlen(text), err, size);
}

START_TEST(test_parse_d16asm_format)
{
    symbols_t t;
    symbols_init(&t);
    char err[256] = "";
    /* d16asm --symbols writes "NAME 0xNNNN" sorted by address; anything in any order,
     * comments, blank lines, decimal and CRLF are read too. */
    const char *text = "# labels\n"
                       "loop 0x0004\n"
                       "\n"
                       "  start 0x0000  \r\n"
                       "; another comment\n"
                       "strlen.loop\t20\n"
                       "end 0xFFFF";
    ck_assert_int_eq(parse(&t, text, err, sizeof err), 0);
    ck_assert_uint_eq(t.count, 4);
    const char *names[] = {"start", "loop", "strlen.loop", "end"};
    const uint16_t values[] = {0, 4, 20, 0xffff};
    for (size_t i = 0; i < 4; i++) { /* sorted by value */
        ck_assert_str_eq(t.sym[i].name, names[i]);
        ck_assert_uint_eq(t.sym[i].value, values[i]);
    }
    uint16_t v = 0;
    ck_assert(symbols_find(&t, "strlen.loop", &v));
    ck_assert_uint_eq(v, 20);
    ck_assert(!symbols_find(&t, "LOOP", &v)); /* names are case-sensitive */
    symbols_free(&t);
    ck_assert_uint_eq(t.count, 0);
}
END_TEST

static const struct {
    const char *text;
    const char *message;
} bad_files[] = {
    {"loop", "p.sym:1: 'loop' has no address (NAME ADDR)"},
    {"ok 1\nloop 4 5", "p.sym:2: more than NAME ADDR on the line"},
    {"loop 0x10000", "p.sym:1: '0x10000' is not an address (0 to 0xffff)"},
    {"loop 65536", "p.sym:1: '65536' is not an address (0 to 0xffff)"},
    {"loop -1", "p.sym:1: '-1' is not an address (0 to 0xffff)"},
    {"loop 0x", "p.sym:1: '0x' is not an address (0 to 0xffff)"},
    {"loop 12ab", "p.sym:1: '12ab' is not an address (0 to 0xffff)"},
    {"\n\nloop 0xg", "p.sym:3: '0xg' is not an address (0 to 0xffff)"},
};

START_TEST(test_parse_errors)
{
    symbols_t t;
    symbols_init(&t);
    char err[256] = "";
    ck_assert_int_eq(parse(&t, bad_files[_i].text, err, sizeof err), -1);
    ck_assert_str_eq(err, bad_files[_i].message);
    symbols_free(&t);
}
END_TEST

START_TEST(test_parse_long_name_and_nul)
{
    symbols_t t;
    symbols_init(&t);
    char text[600], err[256] = "";
    memset(text, 'a', 300);
    strcpy(text + 300, " 1");
    ck_assert_int_eq(parse(&t, text, err, sizeof err), -1);
    ck_assert_str_eq(err, "p.sym:1: name longer than 255 characters");
    ck_assert_int_eq(symbols_parse(&t, "p.sym", "a 1\nb\0 2", 8, err, sizeof err), -1);
    ck_assert_str_eq(err, "p.sym:2: a NUL byte (not a text file)");
    symbols_free(&t);
}
END_TEST

static void table(symbols_t *t)
{
    symbols_init(t);
    /* Added out of order; two names share 0x0010. */
    ck_assert_int_eq(symbols_add(t, "loop", 0x0010), 0);
    ck_assert_int_eq(symbols_add(t, "data", 0x2000), 0);
    ck_assert_int_eq(symbols_add(t, "main", 0x0004), 0);
    ck_assert_int_eq(symbols_add(t, "again", 0x0010), 0);
    symbols_sort(t);
}

START_TEST(test_nearest_below)
{
    symbols_t t;
    table(&t);
    uint16_t off = 99;
    ck_assert_ptr_null(symbols_nearest(&t, 0x0003, &off)); /* below the first label */
    ck_assert_str_eq(symbols_nearest(&t, 0x0004, &off), "main");
    ck_assert_uint_eq(off, 0);
    ck_assert_str_eq(symbols_nearest(&t, 0x000f, &off), "main");
    ck_assert_uint_eq(off, 11);
    /* Two names at one address: the alphabetically first, exact and past it. */
    ck_assert_str_eq(symbols_nearest(&t, 0x0010, &off), "again");
    ck_assert_uint_eq(off, 0);
    ck_assert_str_eq(symbols_nearest(&t, 0x0013, &off), "again");
    ck_assert_uint_eq(off, 3);
    ck_assert_str_eq(symbols_nearest(&t, 0xffff, &off), "data");
    ck_assert_uint_eq(off, 0xdfff);
    ck_assert_str_eq(symbols_exact(&t, 0x2000), "data");
    ck_assert_ptr_null(symbols_exact(&t, 0x2001));
    symbols_free(&t);
}
END_TEST

START_TEST(test_format)
{
    symbols_t t;
    table(&t);
    char buf[64];
    ck_assert_uint_eq(symbols_format(&t, 0x0004, buf, sizeof buf), 4);
    ck_assert_str_eq(buf, "main");
    ck_assert_uint_eq(symbols_format(&t, 0x0007, buf, sizeof buf), 6);
    ck_assert_str_eq(buf, "main+3");
    ck_assert_uint_eq(symbols_format(&t, 0x0002, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "");
    /* Too far past the last label: not named after it. */
    symbols_format(&t, (uint16_t)(0x2000 + SYMBOLS_NEAR - 1), buf, sizeof buf);
    ck_assert_str_eq(buf, "data+1023");
    ck_assert_uint_eq(symbols_format(&t, 0x2000 + SYMBOLS_NEAR, buf, sizeof buf), 0);
    /* A small buffer is cut and terminated. */
    ck_assert_uint_eq(symbols_format(&t, 0x0007, buf, 4), 3);
    ck_assert_str_eq(buf, "mai");
    uint16_t off = 7;
    ck_assert_str_eq(symbols_disasm_lookup(&t, 0x0010, &off), "again");
    ck_assert_uint_eq(off, 0);
    ck_assert_ptr_null(symbols_disasm_lookup(&t, 0x0011, &off));
    symbols_free(&t);
}
END_TEST

START_TEST(test_empty_table)
{
    symbols_t t;
    symbols_init(&t);
    uint16_t off, v;
    char buf[16];
    ck_assert_ptr_null(symbols_nearest(&t, 0, &off));
    ck_assert(!symbols_find(&t, "x", &v));
    ck_assert_uint_eq(symbols_format(&t, 0x1234, buf, sizeof buf), 0);
    char err[64];
    ck_assert_int_eq(parse(&t, "", err, sizeof err), 0);
    ck_assert_uint_eq(t.count, 0);
    symbols_free(&t);
}
END_TEST

START_TEST(test_many_sorted)
{
    /* Every 7th address named in reverse order: each lookup lands on the right one. */
    symbols_t t;
    symbols_init(&t);
    char name[16];
    for (int v = 0xfffc; v >= 0; v -= 7) {
        snprintf(name, sizeof name, "l%d", v);
        ck_assert_int_eq(symbols_add(&t, name, (uint16_t)v), 0);
    }
    symbols_sort(&t);
    for (unsigned a = 0; a < 0x10000; a += 3) {
        uint16_t off;
        const char *got = symbols_nearest(&t, (uint16_t)a, &off);
        unsigned base = a - (a - 0xfffc % 7) % 7;
        if (a < 0xfffc % 7) {
            ck_assert_ptr_null(got);
            continue;
        }
        snprintf(name, sizeof name, "l%u", base);
        ck_assert_str_eq(got, name);
        ck_assert_uint_eq(off, a - base);
    }
    symbols_free(&t);
}
END_TEST

static Suite *symbols_suite(void)
{
    Suite *s = suite_create("symbols");
    TCase *tc = tcase_create("symbols");
    tcase_add_test(tc, test_parse_d16asm_format);
    tcase_add_loop_test(tc, test_parse_errors, 0, sizeof bad_files / sizeof bad_files[0]);
    tcase_add_test(tc, test_parse_long_name_and_nul);
    tcase_add_test(tc, test_nearest_below);
    tcase_add_test(tc, test_format);
    tcase_add_test(tc, test_empty_table);
    tcase_add_test(tc, test_many_sorted);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(symbols_suite)
