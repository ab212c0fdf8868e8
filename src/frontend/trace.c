/* trace.c — formats the --trace line for the instruction at PC. */
#include "frontend/trace.h"

#include <inttypes.h>
#include <stdio.h>

#include "asm/disasm.h"

size_t trace_format(const dcpu_t *cpu, const bus_t *bus, char *buf, size_t size)
{
    uint16_t w[3];
    for (unsigned i = 0; i < 3; i++)
        w[i] = bus_peek_word(bus, (uint16_t)(cpu->pc + i));
    char text[DISASM_TEXT_MAX];
    unsigned len = disasm_format(w, text, sizeof text);

    char words[16];
    int n = 0;
    for (unsigned i = 0; i < len && i < 3; i++)
        n += snprintf(words + n, sizeof words - (size_t)n, "%s%04x", i ? " " : "", w[i]);

    const uint16_t *r = cpu->r;
    int out = snprintf(buf, size,
                       "%10" PRIu64 " %04x  %-14s  %-*s  A=%04x B=%04x C=%04x X=%04x Y=%04x "
                       "Z=%04x I=%04x J=%04x SP=%04x EX=%04x IA=%04x",
                       cpu->cycles, cpu->pc, words, TRACE_TEXT_WIDTH, text, r[REG_A], r[REG_B],
                       r[REG_C], r[REG_X], r[REG_Y], r[REG_Z], r[REG_I], r[REG_J], cpu->sp,
                       cpu->ex, cpu->ia);
    if (out < 0)
        return 0;
    return (size_t)out < size ? (size_t)out : size - 1;
}
