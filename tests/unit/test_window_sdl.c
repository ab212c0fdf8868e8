/* test_window_sdl.c — libSDL2 loaded at run time: every function of the list is found in
 * the installed library, and a missing library or a library without SDL's functions gives
 * one "no window: ..." reason naming what is missing. Nothing is initialised: no display
 * is needed. */
#include "frontend/window_sdl.h"

#include <check.h>
#include <string.h>

#include "check_main.h"

START_TEST(test_installed_library_has_every_function)
{
    window_sdl_t sdl;
    char err[256] = "";
    ck_assert_msg(window_sdl_load(&sdl, WINDOW_SDL_LIBRARY, err, sizeof err) == 0, "%s", err);
#define EXPECT_FOUND(ret, name, params) ck_assert_msg(sdl.name != NULL, "SDL_" #name);
    WINDOW_SDL_FUNCTIONS(EXPECT_FOUND)
#undef EXPECT_FOUND
    /* A call that needs no initialisation goes to the library's code. */
    ck_assert_uint_gt(sdl.GetPerformanceFrequency(), 0);
}
END_TEST

START_TEST(test_missing_library)
{
    window_sdl_t sdl;
    char err[256] = "";
    ck_assert_int_eq(window_sdl_load(&sdl, "libd16-no-such-library.so.0", err, sizeof err), -1);
    ck_assert_msg(strncmp(err, "no window: ", 11) == 0, "%s", err);
    ck_assert_msg(strstr(err, "libd16-no-such-library.so.0") != NULL, "%s", err);
}
END_TEST

/* The C library is there but has no SDL_Init: the reason names the first missing one. */
START_TEST(test_library_without_sdl)
{
    window_sdl_t sdl;
    char err[256] = "";
    ck_assert_int_eq(window_sdl_load(&sdl, "libc.so.6", err, sizeof err), -1);
    ck_assert_msg(strncmp(err, "no window: ", 11) == 0, "%s", err);
    ck_assert_msg(strstr(err, "SDL_Init") != NULL, "%s", err);
}
END_TEST

static Suite *window_sdl_suite(void)
{
    Suite *s = suite_create("window_sdl");
    TCase *tc = tcase_create("window_sdl");
    tcase_add_test(tc, test_installed_library_has_every_function);
    tcase_add_test(tc, test_missing_library);
    tcase_add_test(tc, test_library_without_sdl);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(window_sdl_suite)
