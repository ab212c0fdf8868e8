/* trace.c — formats trace lines and instruction listing lines. */
#include "frontend/trace.h"

#include <inttypes.h>
#include <stdio.h>

#include "asm/disasm.h"

void trace_capture(const dcpu_t *cpu, const bus_t *bus, trace_record_t *rec)
{
    rec->cycles = cpu->cycles;
    rec->pc = cpu->pc;
    rec->sp = cpu->sp;
    rec->ex = cpu->ex;
    rec->ia = cpu->ia;
    for (unsigned i = 0; i < 8; i++)
        rec->r[i] = cpu->r[i];
    for (unsigned i = 0; i < 3; i++)
        rec->words[i] = bus_peek_word(bus, (uint16_t)(cpu->pc + i));
}

/* The disassembly (labels for exact next-word values when syms has any) and the words as
 * hex; returns the instruction's length. */
static unsigned disassemble(const uint16_t w[3], const symbols_t *syms, char *text,
                            size_t text_size, char words[16])
{
    unsigned len = syms && syms->count
                       ? disasm_format_sym(w, text, text_size, symbols_disasm_lookup, (void *)syms)
                       : disasm_format(w, text, text_size);
    int n = 0;
    for (unsigned i = 0; i < len && i < 3; i++)
        n += snprintf(words + n, 16 - (size_t)n, "%s%04x", i ? " " : "", w[i]);
    return len;
}

static size_t clamp(int n, size_t size)
{
    if (n < 0 || size == 0)
        return 0;
    return (size_t)n < size ? (size_t)n : size - 1;
}

/* Appends "  ; loc" for addr when a label lies at or below it. */
static size_t append_location(const symbols_t *syms, uint16_t addr, char *buf, size_t len,
                              size_t size)
{
    char where[SYMBOLS_NAME_MAX + 16];
    if (!syms || len + 1 >= size || symbols_format(syms, addr, where, sizeof where) == 0)
        return len;
    return len + clamp(snprintf(buf + len, size - len, "  ; %s", where), size - len);
}

size_t trace_format_record(const trace_record_t *rec, const symbols_t *syms, char *buf,
                           size_t size)
{
    char text[DISASM_TEXT_MAX + 2 * SYMBOLS_NAME_MAX + 16], words[16];
    disassemble(rec->words, syms, text, sizeof text, words);
    const uint16_t *r = rec->r;
    int n = snprintf(buf, size,
                     "%10" PRIu64 " %04x  %-14s  %-*s  A=%04x B=%04x C=%04x X=%04x Y=%04x "
                     "Z=%04x I=%04x J=%04x SP=%04x EX=%04x IA=%04x",
                     rec->cycles, rec->pc, words, TRACE_TEXT_WIDTH, text, r[REG_A], r[REG_B],
                     r[REG_C], r[REG_X], r[REG_Y], r[REG_Z], r[REG_I], r[REG_J], rec->sp,
                     rec->ex, rec->ia);
    return append_location(syms, rec->pc, buf, clamp(n, size), size);
}

size_t trace_format(const dcpu_t *cpu, const bus_t *bus, char *buf, size_t size)
{
    trace_record_t rec;
    trace_capture(cpu, bus, &rec);
    return trace_format_record(&rec, NULL, buf, size);
}

size_t trace_format_listing(const bus_t *bus, uint16_t pc, const symbols_t *syms, char *buf,
                            size_t size, unsigned *words_used)
{
    uint16_t w[3];
    for (unsigned i = 0; i < 3; i++)
        w[i] = bus_peek_word(bus, (uint16_t)(pc + i));
    char text[DISASM_TEXT_MAX + 2 * SYMBOLS_NAME_MAX + 16], words[16];
    unsigned len = disassemble(w, syms, text, sizeof text, words);
    if (words_used)
        *words_used = len;
    char where[SYMBOLS_NAME_MAX + 16];
    int n = syms && symbols_format(syms, pc, where, sizeof where)
                ? snprintf(buf, size, "0x%04x  %-14s  %-*s  ; %s", pc, words, TRACE_TEXT_WIDTH,
                           text, where)
                : snprintf(buf, size, "0x%04x  %-14s  %s", pc, words, text);
    return clamp(n, size);
}
