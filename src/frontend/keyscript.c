/* keyscript.c — parses --keys files and turns --type / --stdin-keys text into key events. */
#include "frontend/keyscript.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/options.h"

void keyscript_init(keyscript_t *ks)
{
    *ks = (keyscript_t){0};
}

void keyscript_free(keyscript_t *ks)
{
    free(ks->ev);
    *ks = (keyscript_t){0};
}

int keyscript_add(keyscript_t *ks, uint64_t cycle, keyboard_action_t action, uint16_t code)
{
    if (ks->count == ks->cap) {
        size_t cap = ks->cap ? ks->cap * 2 : 64;
        keyscript_event_t *ev = realloc(ks->ev, cap * sizeof *ev);
        if (!ev)
            return -1;
        ks->ev = ev;
        ks->cap = cap;
    }
    ks->ev[ks->count] = (keyscript_event_t){cycle, action, code, ks->count};
    ks->count++;
    return 0;
}

int keyscript_add_console(keyscript_t *ks, uint64_t cycle, uint16_t byte)
{
    ks->console = true;
    return keyscript_add(ks, cycle, KEYSCRIPT_ACTION_CONSOLE, byte);
}

/* A code in the form the parser reads back: 'c' when printable, else 0x hex. */
static void format_code(char *buf, size_t size, uint16_t code)
{
    if (code >= 0x20 && code <= 0x7e && code != '\\' && code != '\'')
        snprintf(buf, size, "'%c'", code);
    else
        snprintf(buf, size, "0x%02x", code);
}

void keyscript_format(char *buf, size_t size, uint64_t cycle, bool console,
                      keyboard_action_t action, uint16_t code)
{
    static const char *const names[] = {"down", "up", "type", "key", "live", "live"};
    char arg[16];
    if (!console && action >= KEYBOARD_ACTION_LIVE_ON)
        snprintf(arg, sizeof arg, "%s", action == KEYBOARD_ACTION_LIVE_ON ? "on" : "off");
    else if (console && code >= CONSOLE_END)
        snprintf(arg, sizeof arg, "%s", code == CONSOLE_END ? "end" : "none");
    else
        format_code(arg, sizeof arg, code);
    snprintf(buf, size, "%llu %s %s", (unsigned long long)cycle,
             console ? "console" : names[action <= KEYBOARD_ACTION_LIVE_OFF ? action : 0], arg);
}

int keyscript_code_for_byte(uint8_t byte)
{
    if (byte == '\n')
        return KEYBOARD_RETURN;
    if (byte == 0x08 || byte == 0x7f)
        return KEYBOARD_BACKSPACE;
    if (byte >= 0x20 && byte < 0x7f)
        return byte;
    return -1;
}

/* ---- one line of a --keys file */

typedef struct line_parser {
    const char *p, *end;
    char *err;
    size_t err_size;
    const char *name;
    unsigned line;
} line_parser_t;

static int line_error(line_parser_t *lp, const char *fmt, ...)
{
    int n = snprintf(lp->err, lp->err_size, "%s:%u: ", lp->name, lp->line);
    if (n >= 0 && (size_t)n < lp->err_size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(lp->err + n, lp->err_size - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static void skip_space(line_parser_t *lp)
{
    while (lp->p < lp->end && (*lp->p == ' ' || *lp->p == '\t' || *lp->p == '\r'))
        lp->p++;
}

/* A word up to the next space or '#'; copies it (truncated) into buf. */
static size_t take_word(line_parser_t *lp, char *buf, size_t size)
{
    size_t n = 0;
    while (lp->p < lp->end && *lp->p != ' ' && *lp->p != '\t' && *lp->p != '\r' && *lp->p != '#') {
        if (n + 1 < size)
            buf[n] = *lp->p;
        n++;
        lp->p++;
    }
    buf[n < size ? n : size - 1] = '\0';
    return n;
}

/* One character inside quotes, with the escapes of keyscript.h; -1 after an error. */
static int quoted_code(line_parser_t *lp, char quote)
{
    if (lp->p >= lp->end)
        return line_error(lp, "unterminated %s", quote == '\'' ? "character" : "string");
    uint8_t c = (uint8_t)*lp->p++;
    if (c == '\\') {
        if (lp->p >= lp->end)
            return line_error(lp, "unterminated escape");
        c = (uint8_t)*lp->p++;
        switch (c) {
        case 'n': return KEYBOARD_RETURN;
        case 'b': return KEYBOARD_BACKSPACE;
        case '\\': case '\'': case '"': return c;
        default: return line_error(lp, "unknown escape '\\%c' (\\n \\b \\\\ \\' \\\")", c);
        }
    }
    if (c < 0x20 || c > 0x7e)
        return line_error(lp, "byte 0x%02x is not a printable ASCII character", c);
    return c;
}

/* ARG into codes[]; returns how many codes, or -1 after an error. */
static int parse_arg(line_parser_t *lp, keyboard_action_t action, uint16_t *codes, size_t max)
{
    if (lp->p >= lp->end || *lp->p == '#')
        return line_error(lp, "missing key (a code, 'c' or, with type, \"text\")");
    if (*lp->p == '\'') {
        lp->p++;
        int c = quoted_code(lp, '\'');
        if (c < 0)
            return -1;
        if (lp->p >= lp->end || *lp->p != '\'')
            return line_error(lp, "a character in single quotes is one character: 'a'");
        lp->p++;
        codes[0] = (uint16_t)c;
        return 1;
    }
    if (*lp->p == '"') {
        if (action != KEYBOARD_ACTION_TYPE)
            return line_error(lp, "a \"string\" only goes with type");
        lp->p++;
        size_t n = 0;
        while (lp->p < lp->end && *lp->p != '"') {
            int c = quoted_code(lp, '"');
            if (c < 0)
                return -1;
            if (n == max)
                return line_error(lp, "string longer than %zu keys", max);
            codes[n++] = (uint16_t)c;
        }
        if (lp->p >= lp->end)
            return line_error(lp, "unterminated string");
        lp->p++;
        if (n == 0)
            return line_error(lp, "empty string");
        return (int)n;
    }
    char word[32];
    take_word(lp, word, sizeof word);
    uint64_t v;
    if (!options_parse_number(word, KEYBOARD_CODES - 1, &v))
        return line_error(lp, "'%s' is not a key code (0 to 255, decimal or 0x hex)", word);
    codes[0] = (uint16_t)v;
    return 1;
}

/* A console line's ARG: codes are bytes; in quotes \n and \b are 0x0a and 0x08 (the
 * parser gives Return and Backspace, which cannot come from quotes otherwise); `end`. */
static int parse_console_arg(line_parser_t *lp, uint16_t *codes, size_t max)
{
    if (lp->p < lp->end && *lp->p == '"' && lp->p + 1 < lp->end && lp->p[1] == '"') {
        lp->p += 2;
        return 0; /* "": no bytes, but the console reads from the script */
    }
    static const struct { const char *word; uint16_t code; } words[] = {
        {"end", CONSOLE_END}, {"none", CONSOLE_NONE}};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(words[i].word);
        if ((size_t)(lp->end - lp->p) >= n && memcmp(lp->p, words[i].word, n) == 0 &&
            ((size_t)(lp->end - lp->p) == n || strchr(" \t\r#", lp->p[n]))) {
            lp->p += n;
            codes[0] = words[i].code;
            return 1;
        }
    }
    bool quoted = lp->p < lp->end && (*lp->p == '\'' || *lp->p == '"');
    int n = parse_arg(lp, KEYBOARD_ACTION_TYPE, codes, max);
    for (int i = 0; quoted && i < n; i++) {
        if (codes[i] == KEYBOARD_RETURN)
            codes[i] = '\n';
        else if (codes[i] == KEYBOARD_BACKSPACE)
            codes[i] = '\b';
    }
    return n;
}

/* `live on` / `live off`: one event without a key. */
static int parse_live_arg(line_parser_t *lp, keyboard_action_t *action, uint16_t *codes)
{
    char word[8];
    take_word(lp, word, sizeof word);
    if (strcmp(word, "on") != 0 && strcmp(word, "off") != 0)
        return line_error(lp, "live takes on or off, not '%s'", word);
    *action = strcmp(word, "on") == 0 ? KEYBOARD_ACTION_LIVE_ON : KEYBOARD_ACTION_LIVE_OFF;
    codes[0] = 0;
    return 1;
}

static int parse_action(line_parser_t *lp, keyboard_action_t *action)
{
    static const struct { const char *name; keyboard_action_t action; } names[] = {
        {"down", KEYBOARD_ACTION_DOWN}, {"up", KEYBOARD_ACTION_UP},
        {"type", KEYBOARD_ACTION_TYPE}, {"key", KEYBOARD_ACTION_KEY},
    };
    char word[32];
    if (take_word(lp, word, sizeof word) == 0)
        return line_error(lp, "missing action (down, up, type or key)");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(word, names[i].name) == 0) {
            *action = names[i].action;
            return 0;
        }
    return line_error(lp, "'%s' is not an action (down, up, type or key)", word);
}

/* Returns 0 (blank and comment lines add nothing) or -1. */
static int parse_line(keyscript_t *ks, line_parser_t *lp, uint64_t *last_cycle)
{
    skip_space(lp);
    if (lp->p >= lp->end || *lp->p == '#')
        return 0;
    char word[32];
    take_word(lp, word, sizeof word);
    uint64_t cycle;
    if (!options_parse_number(word, UINT64_MAX, &cycle))
        return line_error(lp, "'%s' is not a cycle (decimal or 0x hex)", word);
    if (cycle < *last_cycle)
        return line_error(lp, "cycle %llu goes back in time (the line before says %llu)",
                          (unsigned long long)cycle, (unsigned long long)*last_cycle);
    skip_space(lp);
    keyboard_action_t action = KEYBOARD_ACTION_TYPE;
    bool console = lp->end - lp->p >= 7 && memcmp(lp->p, "console", 7) == 0 &&
                   (lp->end - lp->p == 7 || strchr(" \t\r#", lp->p[7]));
    bool live = lp->end - lp->p >= 4 && memcmp(lp->p, "live", 4) == 0 &&
                (lp->end - lp->p == 4 || strchr(" \t\r#", lp->p[4]));
    if (console || live)
        lp->p += console ? 7 : 4;
    else if (parse_action(lp, &action) != 0)
        return -1;
    skip_space(lp);
    uint16_t codes[256];
    int n = console ? parse_console_arg(lp, codes, sizeof codes / sizeof codes[0])
            : live  ? parse_live_arg(lp, &action, codes)
                    : parse_arg(lp, action, codes, sizeof codes / sizeof codes[0]);
    if (n < 0)
        return -1;
    if (console)
        ks->console = true;
    skip_space(lp);
    if (lp->p < lp->end && *lp->p != '#')
        return line_error(lp, "unexpected text after the key: '%.*s'", (int)(lp->end - lp->p),
                          lp->p);
    for (int i = 0; i < n; i++)
        if ((console ? keyscript_add_console(ks, cycle, codes[i])
                     : keyscript_add(ks, cycle, action, codes[i])) != 0)
            return line_error(lp, "out of memory");
    *last_cycle = cycle;
    return 0;
}

int keyscript_parse(keyscript_t *ks, const char *name, const char *text, size_t len, char *err,
                    size_t err_size)
{
    line_parser_t lp = {.err = err, .err_size = err_size, .name = name};
    const char *p = text, *end = text + len;
    uint64_t last_cycle = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        lp.line++;
        lp.p = p;
        lp.end = eol;
        if (memchr(p, '\0', (size_t)(eol - p)))
            return line_error(&lp, "NUL byte in the line");
        if (parse_line(ks, &lp, &last_cycle) != 0)
            return -1;
        p = nl ? nl + 1 : end;
    }
    return 0;
}

int keyscript_type_text(keyscript_t *ks, const char *text, uint64_t start, char *err,
                        size_t err_size)
{
    uint64_t cycle = start;
    for (const char *p = text; *p; p++) {
        int code;
        if (p[0] == '\\' && p[1] == 'n') {
            code = KEYBOARD_RETURN;
            p++;
        } else {
            code = keyscript_code_for_byte((uint8_t)*p);
        }
        if (code < 0) {
            snprintf(err, err_size, "--type: byte 0x%02x has no key (printable ASCII, \\n, "
                     "newline, backspace)", (uint8_t)*p);
            return -1;
        }
        if (keyscript_add(ks, cycle, KEYBOARD_ACTION_TYPE, (uint16_t)code) != 0) {
            snprintf(err, err_size, "--type: out of memory");
            return -1;
        }
        cycle += KEYSCRIPT_TYPE_STEP;
    }
    return 0;
}

int keyscript_type_bytes(keyscript_t *ks, const uint8_t *bytes, size_t n, uint64_t *cycle)
{
    for (size_t i = 0; i < n; i++) {
        int code = keyscript_code_for_byte(bytes[i]);
        if (code < 0)
            continue;
        if (keyscript_add(ks, *cycle, KEYBOARD_ACTION_TYPE, (uint16_t)code) != 0)
            return -1;
        *cycle += KEYSCRIPT_TYPE_STEP;
    }
    return 0;
}

static int by_cycle(const void *a, const void *b)
{
    const keyscript_event_t *x = a, *y = b;
    if (x->cycle != y->cycle)
        return x->cycle < y->cycle ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void keyscript_sort(keyscript_t *ks)
{
    if (ks->count > 1)
        qsort(ks->ev, ks->count, sizeof ks->ev[0], by_cycle);
}
