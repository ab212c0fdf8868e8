/* test_dynlib.c — libraries loaded on first use (src/frontend/dynlib.h): a table fills
 * from the installed library, a missing library or function gives one line naming it, and
 * d16 itself needs no library but libc at start-up (libpng, libedit and SDL2 are loaded
 * when first used). */
#include "frontend/dynlib.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"

/* Two libc functions: the library every test can count on. */
#define TEST_LIBC_FUNCTIONS(X)                                                             \
    X(size_t, strlen, (const char *s))                                                     \
    X(int, abs, (int j))
DYNLIB_TABLE(test_libc_t, TEST_LIBC_FUNCTIONS)
DYNLIB_SAME_TYPES(TEST_LIBC_FUNCTIONS)
DYNLIB_LOADER(test_libc_load, test_libc_t, TEST_LIBC_FUNCTIONS)

/* A function libc does not have. */
#define TEST_MISSING_FUNCTIONS(X) X(int, d16_no_such_function, (void))
DYNLIB_TABLE(test_missing_t, TEST_MISSING_FUNCTIONS)
DYNLIB_LOADER(test_missing_load, test_missing_t, TEST_MISSING_FUNCTIONS)

START_TEST(table_fills_and_calls)
{
    test_libc_t libc;
    char err[256] = "";
    ck_assert_msg(test_libc_load(&libc, "libc.so.6", err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(libc.strlen("d16"), 3);
    ck_assert_int_eq(libc.abs(-7), 7);
}
END_TEST

START_TEST(missing_library_is_named)
{
    test_libc_t libc;
    char err[256] = "";
    ck_assert_int_eq(test_libc_load(&libc, "libd16-no-such-library.so.0", err, sizeof err), -1);
    ck_assert_msg(strncmp(err, "cannot load libd16-no-such-library.so.0: ", 41) == 0, "%s",
                  err);
}
END_TEST

START_TEST(missing_function_is_named)
{
    test_missing_t t;
    char err[256] = "";
    ck_assert_int_eq(test_missing_load(&t, "libc.so.6", err, sizeof err), -1);
    ck_assert_str_eq(err, "libc.so.6 has no d16_no_such_function");
}
END_TEST

/* The d16 binary's NEEDED entries (readelf -d): only the C library and its loader (and
 * the sanitizers' run-time libraries in a --enable-sanitizers build). */
START_TEST(d16_needs_only_libc)
{
    const char *builddir = getenv("D16_BUILDDIR");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "readelf -d '%s/d16' 2>/dev/null | grep NEEDED",
             builddir ? builddir : ".");
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    char line[512];
    unsigned needed = 0;
    while (fgets(line, sizeof line, p)) {
        needed++;
        ck_assert_msg(strstr(line, "[libc.so") || strstr(line, "[libm.so") ||
                          strstr(line, "[ld-linux") || strstr(line, "[libasan.so") ||
                          strstr(line, "[libubsan.so"),
                      "d16 links a library it should load on first use: %s", line);
    }
    pclose(p);
    ck_assert_msg(needed > 0, "readelf -d found no NEEDED entry in d16"); /* binutils: gcc's */
}
END_TEST

static Suite *dynlib_suite(void)
{
    Suite *s = suite_create("dynlib");
    TCase *tc = tcase_create("dynlib");
    tcase_add_test(tc, table_fills_and_calls);
    tcase_add_test(tc, missing_library_is_named);
    tcase_add_test(tc, missing_function_is_named);
    tcase_add_test(tc, d16_needs_only_libc);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(dynlib_suite)
