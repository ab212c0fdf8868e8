/* dbgcmd.h — the debugger's command language: one line to a command and its arguments,
 * and the address expressions those arguments use (docs/cli.md, "Debugger").
 *
 *   dbgcmd_t cmd;
 *   char err[256];
 *   if (dbgcmd_parse("mem loop+2 4", &cmd, err, sizeof err) != 0) puts(err);  one line
 *   ...cmd.id == DBGCMD_MEM, cmd.argc == 2, cmd.arg[0] == "loop+2"...
 *   dbgcmd_env_t env = {&syms, &m->cpu};
 *   dbgcmd_eval(cmd.arg[0], &env, &addr, err, sizeof err);   numbers, registers, labels
 *
 * Words are separated by spaces; a command may be abbreviated to its alias (s, n, c, b, d,
 * w, r, x, q, h, ?). An expression is terms joined by + and -, without spaces, wrapping
 * at 16 bits; a term is a number (decimal or 0x hex), a register (A..J, PC, SP, EX, IA,
 * any case) or a label. Parsing never touches a machine. */
#ifndef D16_DBGCMD_H
#define D16_DBGCMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "frontend/symbols.h"

#define DBGCMD_MAX_ARGS 2
#define DBGCMD_ARG_MAX  128

typedef enum dbgcmd_id {
    DBGCMD_NONE = 0, /* a blank line or a comment */
    DBGCMD_STEP, DBGCMD_NEXT, DBGCMD_CONTINUE, DBGCMD_BREAK, DBGCMD_DELETE, DBGCMD_WATCH,
    DBGCMD_REGS, DBGCMD_MEM, DBGCMD_DIS, DBGCMD_SET, DBGCMD_STACK, DBGCMD_HW, DBGCMD_TRACE,
    DBGCMD_CYCLES, DBGCMD_HELP, DBGCMD_QUIT,
    DBGCMD_SAVE, DBGCMD_LOAD, DBGCMD_BACK, /* save states (docs/snapshot.md) */
} dbgcmd_id_t;

typedef struct dbgcmd {
    dbgcmd_id_t id;
    const char *name; /* the command's full name */
    unsigned argc;
    char arg[DBGCMD_MAX_ARGS][DBGCMD_ARG_MAX];
} dbgcmd_t;

/* Registers by number in dbgcmd_register's answer: 0..7 are A..J. */
enum { DBGCMD_REG_PC = 8, DBGCMD_REG_SP, DBGCMD_REG_EX, DBGCMD_REG_IA, DBGCMD_REG_COUNT };

typedef struct dbgcmd_env {
    const symbols_t *syms; /* may be NULL */
    const dcpu_t *cpu;     /* for register terms; may be NULL */
} dbgcmd_env_t;

/* Splits line into a command and its arguments and checks how many it got. A line that is
 * blank or starts with # is DBGCMD_NONE. Returns 0, or -1 with one line in err. */
int dbgcmd_parse(const char *line, dbgcmd_t *cmd, char *err, size_t err_size);

/* Evaluates an address expression. Returns 0, or -1 with one line in err. */
int dbgcmd_eval(const char *expr, const dbgcmd_env_t *env, uint16_t *value, char *err,
                size_t err_size);

/* A count argument: a whole number from min to max. Returns 0, or -1 with one line. */
int dbgcmd_count(const dbgcmd_t *cmd, unsigned index, uint64_t min, uint64_t max,
                 uint64_t *value, char *err, size_t err_size);

/* The register a name stands for (any case), or -1. */
int dbgcmd_register(const char *name);

/* The register's upper-case name (A..J, PC, SP, EX, IA). */
const char *dbgcmd_register_name(int reg);

/* One usage line per command, for help ("step [N]   run N instructions (1)"). */
void dbgcmd_help(void (*line)(void *ctx, const char *text), void *ctx);

/* The usage of one command by name or alias; NULL when there is no such command. */
const char *dbgcmd_usage(const char *name);

#endif
