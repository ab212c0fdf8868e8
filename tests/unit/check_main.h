/* check_main.h — the main() every unit-test program shares.
 *
 * A test file builds its Suite and ends with D16_CHECK_MAIN(cpu_suite); Automake's
 * harness runs each program, and Check prints the "N%: Checks: ..." summary line. */
#ifndef D16_CHECK_MAIN_H
#define D16_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

#define D16_CHECK_MAIN(suite_fn)                                      \
    int main(void)                                                    \
    {                                                                 \
        SRunner *sr = srunner_create(suite_fn());                     \
        srunner_run_all(sr, CK_NORMAL);                               \
        int failed = srunner_ntests_failed(sr);                       \
        srunner_free(sr);                                             \
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;             \
    }

#endif
