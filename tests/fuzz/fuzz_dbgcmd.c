/* fuzz_dbgcmd.c — the debugger's command parser and address evaluator on any line: the
 * input is cut into lines; each is parsed, its arguments evaluated against a few labels
 * and a CPU, and evaluated whole as an expression. What must hold: errors are one line. */
#include "fuzz.h"

#include <string.h>

#include "frontend/dbgcmd.h"

static void check_line(const char *line, const dbgcmd_env_t *env)
{
    dbgcmd_t cmd;
    char err[DBGCMD_ARG_MAX + 256];
    uint16_t v;
    if (dbgcmd_parse(line, &cmd, err, sizeof err) != 0) {
        FUZZ_CHECK(strchr(err, '\n') == NULL);
    } else {
        FUZZ_CHECK(cmd.argc <= DBGCMD_MAX_ARGS);
        for (unsigned i = 0; i < cmd.argc; i++) {
            FUZZ_CHECK(strlen(cmd.arg[i]) < DBGCMD_ARG_MAX);
            if (dbgcmd_eval(cmd.arg[i], env, &v, err, sizeof err) != 0)
                FUZZ_CHECK(strchr(err, '\n') == NULL);
            uint64_t n;
            dbgcmd_count(&cmd, i, 1, UINT32_MAX, &n, err, sizeof err);
        }
        if (cmd.name)
            dbgcmd_usage(cmd.name);
    }
    if (dbgcmd_eval(line, env, &v, err, sizeof err) != 0)
        FUZZ_CHECK(strchr(err, '\n') == NULL);
    dbgcmd_register(line);
}

D16_FUZZ_TARGET(dbgcmd)
{
    symbols_t syms;
    symbols_init(&syms);
    symbols_add(&syms, "loop", 0x0010);
    symbols_add(&syms, "start", 0x0000);
    symbols_add(&syms, "a", 0x1234); /* a label that is also a register name */
    symbols_sort(&syms);
    dcpu_t cpu;
    memset(&cpu, 0, sizeof cpu);
    cpu.pc = 0x40;
    cpu.sp = 0xfff0;
    for (int r = 0; r < 8; r++)
        cpu.r[r] = (uint16_t)(0x1111 * r);
    dbgcmd_env_t env = {&syms, &cpu};
    char *text = fuzz_text(data, size);
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        check_line(line, &env);
    }
    free(text);
    symbols_free(&syms);
    return 0;
}
