/* symbols.c — the label table: parsing, sorting and lookups by name and by address. */
#include "frontend/symbols.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/options.h"

void symbols_init(symbols_t *t)
{
    *t = (symbols_t){.sorted = true};
}

void symbols_free(symbols_t *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->sym[i].name);
    free(t->sym);
    symbols_init(t);
}

int symbols_add(symbols_t *t, const char *name, uint16_t value)
{
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        symbol_t *bigger = realloc(t->sym, cap * sizeof *bigger);
        if (!bigger)
            return -1;
        t->sym = bigger;
        t->cap = cap;
    }
    size_t len = strlen(name);
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, name, len + 1);
    t->sym[t->count++] = (symbol_t){copy, value};
    t->sorted = false;
    return 0;
}

static int by_value(const void *a, const void *b)
{
    const symbol_t *x = a, *y = b;
    if (x->value != y->value)
        return x->value < y->value ? -1 : 1;
    return strcmp(x->name, y->name);
}

void symbols_sort(symbols_t *t)
{
    if (t->count)
        qsort(t->sym, t->count, sizeof *t->sym, by_value);
    t->sorted = true;
}

static int parse_fail(char *err, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int parse_fail(char *err, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
    return -1;
}

/* Reads an address: decimal or 0x hex, at most 0xFFFF, as every d16 option reads one. */
static bool parse_addr(const char *s, size_t len, uint16_t *value)
{
    char text[16];
    uint64_t v;
    if (len >= sizeof text)
        return false;
    memcpy(text, s, len);
    text[len] = '\0';
    if (!options_parse_number(text, 0xffff, &v))
        return false;
    *value = (uint16_t)v;
    return true;
}

/* text[0..len) for a message: at most 40 bytes, every byte that is not printable ASCII as
 * '?', so a file's bytes never reach the terminal as escape sequences. */
static const char *shown(const char *text, size_t len, char *buf, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 4 < size && i < 40; i++)
        buf[n++] = text[i] > 0x20 && text[i] < 0x7f ? text[i] : '?';
    if (len > 40 && n + 4 < size)
        buf[n++] = '.', buf[n++] = '.', buf[n++] = '.';
    buf[n] = '\0';
    return buf;
}

/* One line, without its newline: `NAME ADDR`, blank, or a comment. */
static int parse_line(symbols_t *t, const char *file, unsigned lineno, const char *p,
                      const char *end, char *err, size_t size)
{
    while (p < end && isspace((unsigned char)*p))
        p++;
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    if (p == end || *p == '#' || *p == ';')
        return 0;
    const char *name = p;
    while (p < end && !isspace((unsigned char)*p))
        p++;
    size_t name_len = (size_t)(p - name);
    while (p < end && isspace((unsigned char)*p))
        p++;
    const char *addr = p;
    while (p < end && !isspace((unsigned char)*p))
        p++;
    char show[64];
    if (addr == end)
        return parse_fail(err, size, "%s:%u: '%s' has no address (NAME ADDR)", file, lineno,
                          shown(name, name_len, show, sizeof show));
    if (p != end)
        return parse_fail(err, size, "%s:%u: more than NAME ADDR on the line", file, lineno);
    if (name_len > SYMBOLS_NAME_MAX)
        return parse_fail(err, size, "%s:%u: name longer than %d characters", file, lineno,
                          SYMBOLS_NAME_MAX);
    for (size_t i = 0; i < name_len; i++)
        if (name[i] < 0x21 || name[i] > 0x7e)
            return parse_fail(err, size, "%s:%u: '%s': a name holds printable ASCII only", file,
                              lineno, shown(name, name_len, show, sizeof show));
    uint16_t value;
    if (!parse_addr(addr, (size_t)(end - addr), &value))
        return parse_fail(err, size, "%s:%u: '%s' is not an address (0 to 0xffff)", file,
                          lineno, shown(addr, (size_t)(end - addr), show, sizeof show));
    char buf[SYMBOLS_NAME_MAX + 1];
    memcpy(buf, name, name_len);
    buf[name_len] = '\0';
    if (symbols_add(t, buf, value))
        return parse_fail(err, size, "%s:%u: out of memory", file, lineno);
    return 0;
}

int symbols_parse(symbols_t *t, const char *file, const char *text, size_t len, char *err,
                  size_t err_size)
{
    const char *p = text, *end = text + len;
    unsigned lineno = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        lineno++;
        if (memchr(p, '\0', (size_t)(line_end - p)))
            return parse_fail(err, err_size, "%s:%u: a NUL byte (not a text file)", file, lineno);
        if (parse_line(t, file, lineno, p, line_end, err, err_size))
            return -1;
        p = nl ? nl + 1 : end;
    }
    symbols_sort(t);
    return 0;
}

bool symbols_find(const symbols_t *t, const char *name, uint16_t *value)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->sym[i].name, name) == 0) {
            *value = t->sym[i].value;
            return true;
        }
    return false;
}

/* Index of the first symbol whose value is > value. */
static size_t first_above(const symbols_t *t, uint16_t value)
{
    size_t lo = 0, hi = t->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->sym[mid].value <= value)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const char *symbols_nearest(const symbols_t *t, uint16_t value, uint16_t *offset)
{
    size_t k = first_above(t, value);
    if (k == 0)
        return NULL;
    uint16_t base = t->sym[k - 1].value;
    while (k > 1 && t->sym[k - 2].value == base)
        k--; /* the first name of that address */
    *offset = (uint16_t)(value - base);
    return t->sym[k - 1].name;
}

const char *symbols_exact(const symbols_t *t, uint16_t value)
{
    uint16_t offset;
    const char *name = symbols_nearest(t, value, &offset);
    return name && offset == 0 ? name : NULL;
}

size_t symbols_format(const symbols_t *t, uint16_t addr, char *buf, size_t size)
{
    uint16_t offset = 0;
    const char *name = symbols_nearest(t, addr, &offset);
    if (offset >= SYMBOLS_NEAR)
        name = NULL;
    int n = !name ? snprintf(buf, size, "%s", "")
            : offset ? snprintf(buf, size, "%s+%u", name, (unsigned)offset)
                     : snprintf(buf, size, "%s", name);
    if (n < 0)
        return 0;
    return (size_t)n < size ? (size_t)n : size ? size - 1 : 0;
}

const char *symbols_disasm_lookup(void *ctx, uint16_t value, uint16_t *offset)
{
    *offset = 0;
    return symbols_exact(ctx, value);
}
