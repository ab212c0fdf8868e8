/* dbgcmd.c — parses debugger command lines and evaluates address expressions. */
#include "frontend/dbgcmd.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frontend/options.h"

typedef struct dbgcmd_spec {
    const char *name, *alias;
    dbgcmd_id_t id;
    unsigned min_args, max_args;
    const char *usage;
} dbgcmd_spec_t;

static const dbgcmd_spec_t dbgcmd_table[] = {
    {"step", "s", DBGCMD_STEP, 0, 1,
     "step [N]          run N instructions (default 1)"},
    {"next", "n", DBGCMD_NEXT, 0, 0,
     "next              one instruction; a JSR runs until it returns"},
    {"continue", "c", DBGCMD_CONTINUE, 0, 0,
     "continue          run until a breakpoint, watchpoint, BREAK or Ctrl-C"},
    {"break", "b", DBGCMD_BREAK, 0, 1,
     "break [ADDR]      stop before the instruction at ADDR; alone: list"},
    {"delete", "d", DBGCMD_DELETE, 1, 1,
     "delete N          remove breakpoint or watchpoint N"},
    {"watch", "w", DBGCMD_WATCH, 0, 1,
     "watch [ADDR]      stop after a write to the word at ADDR; alone: list"},
    {"regs", "r", DBGCMD_REGS, 0, 0,
     "regs              registers and the interrupt queue"},
    {"mem", "x", DBGCMD_MEM, 1, 2,
     "mem ADDR [N]      N words from ADDR (default 8)"},
    {"dis", NULL, DBGCMD_DIS, 0, 2,
     "dis [ADDR] [N]    disassemble N instructions (default: PC, 8)"},
    {"set", NULL, DBGCMD_SET, 2, 2,
     "set REG|[ADDR] V  write a register or a memory word"},
    {"stack", NULL, DBGCMD_STACK, 0, 1,
     "stack [N]         the top N stack words (default 8)"},
    {"hw", NULL, DBGCMD_HW, 0, 0,
     "hw                devices and their registers"},
    {"trace", NULL, DBGCMD_TRACE, 1, 1,
     "trace on|off      print a trace line per instruction run"},
    {"cycles", NULL, DBGCMD_CYCLES, 0, 0,
     "cycles            cycles, instructions and emulated time"},
    {"save", NULL, DBGCMD_SAVE, 1, 1,
     "save FILE         save the whole machine to FILE (load it with --load-state)"},
    {"load", NULL, DBGCMD_LOAD, 1, 1,
     "load FILE         go to the state saved in FILE"},
    {"back", NULL, DBGCMD_BACK, 0, 1,
     "back [N]          go back N instructions (default 1), re-running from a stop"},
    {"help", "h", DBGCMD_HELP, 0, 1,
     "help [CMD]        this list, or one command"},
    {"quit", "q", DBGCMD_QUIT, 0, 0,
     "quit              end d16 (dumps are written)"},
};

#define DBGCMD_COUNT (sizeof dbgcmd_table / sizeof dbgcmd_table[0])

static const char *const register_names[DBGCMD_REG_COUNT] = {"A", "B", "C", "X", "Y", "Z",
                                                         "I", "J", "PC", "SP", "EX", "IA"};

static int fail(char *err, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
    return -1;
}

/* The "mem ADDR [N]" part of a usage line, before the padding and the explanation. */
static int synopsis_length(const dbgcmd_spec_t *spec)
{
    const char *gap = strstr(spec->usage, "  ");
    return (int)(gap ? (size_t)(gap - spec->usage) : strlen(spec->usage));
}

static const dbgcmd_spec_t *find_spec(const char *name)
{
    if (strcmp(name, "?") == 0)
        name = "help";
    for (size_t i = 0; i < DBGCMD_COUNT; i++)
        if (strcmp(dbgcmd_table[i].name, name) == 0 ||
            (dbgcmd_table[i].alias && strcmp(dbgcmd_table[i].alias, name) == 0))
            return &dbgcmd_table[i];
    return NULL;
}

const char *dbgcmd_usage(const char *name)
{
    const dbgcmd_spec_t *spec = find_spec(name);
    return spec ? spec->usage : NULL;
}

void dbgcmd_help(void (*line)(void *ctx, const char *text), void *ctx)
{
    for (size_t i = 0; i < DBGCMD_COUNT; i++)
        line(ctx, dbgcmd_table[i].usage);
}

/* Copies the next space-separated word of *p into word; false at the end of the line. */
static bool next_word(const char **p, char *word, size_t size, bool *too_long)
{
    const char *s = *p;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    if (!*s) {
        *p = s;
        return false;
    }
    size_t n = 0;
    while (*s && *s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') {
        if (n + 1 < size)
            word[n++] = *s;
        else
            *too_long = true;
        s++;
    }
    word[n] = '\0';
    *p = s;
    return true;
}

int dbgcmd_parse(const char *line, dbgcmd_t *cmd, char *err, size_t err_size)
{
    *cmd = (dbgcmd_t){.id = DBGCMD_NONE};
    const char *p = line;
    char word[DBGCMD_ARG_MAX];
    bool too_long = false;
    if (!next_word(&p, word, sizeof word, &too_long) || word[0] == '#')
        return 0;
    const dbgcmd_spec_t *spec = find_spec(word);
    if (!spec)
        return fail(err, err_size, "unknown command '%s' (try help)", word);
    cmd->id = spec->id;
    cmd->name = spec->name;
    unsigned n = 0;
    while (next_word(&p, word, sizeof word, &too_long)) {
        if (too_long)
            return fail(err, err_size, "%s: an argument longer than %d characters", spec->name,
                        DBGCMD_ARG_MAX - 1);
        if (n == spec->max_args)
            return fail(err, err_size, "%s: too many arguments (usage: %.*s)", spec->name,
                        synopsis_length(spec), spec->usage);
        memcpy(cmd->arg[n++], word, sizeof word);
    }
    if (n < spec->min_args)
        return fail(err, err_size, "%s: missing argument (usage: %.*s)", spec->name,
                    synopsis_length(spec), spec->usage);
    cmd->argc = n;
    if (cmd->id == DBGCMD_TRACE && strcmp(cmd->arg[0], "on") != 0 &&
        strcmp(cmd->arg[0], "off") != 0)
        return fail(err, err_size, "trace: '%s' is not on or off", cmd->arg[0]);
    return 0;
}

int dbgcmd_register(const char *name)
{
    for (int r = 0; r < DBGCMD_REG_COUNT; r++)
        if (strcasecmp(register_names[r], name) == 0)
            return r;
    return -1;
}

const char *dbgcmd_register_name(int reg)
{
    return reg >= 0 && reg < DBGCMD_REG_COUNT ? register_names[reg] : "?";
}

static uint16_t register_value(const dcpu_t *cpu, int reg)
{
    switch (reg) {
    case DBGCMD_REG_PC: return cpu->pc;
    case DBGCMD_REG_SP: return cpu->sp;
    case DBGCMD_REG_EX: return cpu->ex;
    case DBGCMD_REG_IA: return cpu->ia;
    default: return cpu->r[reg];
    }
}

/* One term of an expression: a number, a register or a label. */
static int eval_term(const char *term, const dbgcmd_env_t *env, uint16_t *value, char *err,
                     size_t size)
{
    uint64_t n;
    if (isdigit((unsigned char)term[0])) {
        if (!options_parse_number(term, 0xffff, &n))
            return fail(err, size, "'%s' is not a number from 0 to 0xffff", term);
        *value = (uint16_t)n;
        return 0;
    }
    int reg = dbgcmd_register(term);
    if (reg >= 0 && env->cpu) {
        *value = register_value(env->cpu, reg);
        return 0;
    }
    if (env->syms && symbols_find(env->syms, term, value))
        return 0;
    if (!term[0])
        return fail(err, size, "%s", "an expression has an empty term (write ADDR+N, no spaces)");
    return fail(err, size, "'%s' is not a number, register or label", term);
}

int dbgcmd_eval(const char *expr, const dbgcmd_env_t *env, uint16_t *value, char *err,
                size_t err_size)
{
    uint32_t total = 0;
    int sign = 1;
    const char *p = expr;
    for (;;) {
        char term[DBGCMD_ARG_MAX];
        size_t n = strcspn(p, "+-");
        if (n >= sizeof term)
            return fail(err, err_size, "'%s' is too long", expr);
        memcpy(term, p, n);
        term[n] = '\0';
        uint16_t v;
        if (eval_term(term, env, &v, err, err_size))
            return -1;
        total += sign > 0 ? v : 0x10000u - v;
        p += n;
        if (!*p)
            break;
        sign = *p == '+' ? 1 : -1;
        p++;
    }
    *value = (uint16_t)total;
    return 0;
}

int dbgcmd_count(const dbgcmd_t *cmd, unsigned index, uint64_t min, uint64_t max,
                 uint64_t *value, char *err, size_t err_size)
{
    const char *text = cmd->arg[index];
    if (!options_parse_number(text, max, value) || *value < min)
        return fail(err, err_size, "%s: '%s' is not a count from %llu to %llu", cmd->name, text,
                    (unsigned long long)min, (unsigned long long)max);
    return 0;
}
