/* fuzz_debugger.c — the whole of `d16 --headless --debug --batch FILE PROGRAM` (main.c's
 * path: options, session, debugger, dumps) with any bytes as the batch file. PROGRAM is a
 * small source with labels, a subroutine, console output, the timer and a data area, so
 * breakpoints, watchpoints, next, mem and hw all have something to act on; --max-cycles
 * bounds every run. What must hold: nothing crashes, and the exit status is one the
 * contract knows. */
#include "fuzz.h"

#include <string.h>
#include <unistd.h>

#include "frontend/debugger.h"
#include "frontend/options.h"
#include "frontend/session.h"

static const char program[] =
    ":start SET [0xff20], 1\n"
    "       SET I, 0\n"
    ":loop  JSR bump\n"
    "       SET [0xff11], 0x41\n"
    "       ADD I, 1\n"
    "       IFN I, 50\n"
    "       SET PC, loop\n"
    "       SET A, 3\n"
    "       HWI 4\n"
    "       SET [0xff02], 7\n"
    ":bump  ADD [counter], 1\n"
    "       SET PC, POP\n"
    ":counter DAT 0\n";

static char program_path[256];
static FILE *devnull;

/* Once: the program on disk; the guest's console and the debugger's transcript into
 * /dev/null, stdin from it (the console never waits). */
static void set_up(void)
{
    if (program_path[0])
        return;
    fuzz_temp_file(".dasm", (const uint8_t *)program, sizeof program - 1, program_path,
                   sizeof program_path);
    devnull = fopen("/dev/null", "w");
    FUZZ_CHECK(devnull != NULL);
    FUZZ_CHECK(freopen("/dev/null", "w", stdout) != NULL);
    FUZZ_CHECK(freopen("/dev/null", "r", stdin) != NULL);
}

D16_FUZZ_TARGET(debugger)
{
    set_up();
    char batch[256];
    fuzz_temp_file(".cmds", data, size, batch, sizeof batch);
    char *argv[] = {"d16", "--headless", "--debug", "--batch", batch, "--max-cycles",
                    "300000", program_path, NULL};
    d16_options_t opt;
    char err[512];
    FUZZ_CHECK(options_parse(&opt, 8, argv, err, sizeof err) == OPTIONS_RUN);
    session_t s;
    int status = session_start(&s, &opt);
    FUZZ_CHECK(status == 0);
    debugger_t *d = debugger_new(&s, devnull, err, sizeof err);
    FUZZ_CHECK(d != NULL);
    debugger_main(d);
    debugger_free(d);
    status = session_finish(&s);
    session_free(&s);
    session_clear_interrupt(&s);
    FUZZ_CHECK(status == 7 || status == 0 || status == 2 || status == 124 || status == 125 ||
               status == 130);
    unlink(batch);
    return 0;
}
