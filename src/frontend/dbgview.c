/* dbgview.c — the debugger's read-only views of a machine, all through peek. */
#include "frontend/dbgview.h"

#include <inttypes.h>
#include <string.h>

#include "frontend/trace.h"

const char *dbgview_addr(const symbols_t *syms, uint16_t addr, char *buf, size_t size)
{
    char where[SYMBOLS_NAME_MAX + 16];
    if (syms && symbols_format(syms, addr, where, sizeof where))
        snprintf(buf, size, "0x%04x (%s)", addr, where);
    else
        snprintf(buf, size, "0x%04x", addr);
    return buf;
}

void dbgview_regs(FILE *out, const machine_t *m, const symbols_t *syms)
{
    const dcpu_t *c = &m->cpu;
    const uint16_t *r = c->r;
    fprintf(out, "A=%04x B=%04x C=%04x X=%04x Y=%04x Z=%04x I=%04x J=%04x\n", r[REG_A],
            r[REG_B], r[REG_C], r[REG_X], r[REG_Y], r[REG_Z], r[REG_I], r[REG_J]);
    char where[SYMBOLS_NAME_MAX + 16];
    fprintf(out, "PC=%04x SP=%04x EX=%04x IA=%04x", c->pc, c->sp, c->ex, c->ia);
    if (syms && symbols_format(syms, c->pc, where, sizeof where))
        fprintf(out, "  ; %s", where);
    fprintf(out, "\ninterrupts: queueing %s, %u pending", c->queueing ? "on" : "off",
            c->irq_count);
    for (unsigned i = 0; i < c->irq_count && i < 8; i++)
        fprintf(out, "%s0x%04x", i ? " " : ": ", c->irq[(c->irq_head + i) % CPU_IRQ_QUEUE]);
    fputs(c->irq_count > 8 ? " ...\n" : "\n", out);
}

void dbgview_mem(FILE *out, const machine_t *m, const symbols_t *syms, uint16_t addr,
                 uint32_t count)
{
    while (count > 0) {
        unsigned n = count < 8 ? (unsigned)count : 8;
        char text[9];
        fprintf(out, "0x%04x ", addr);
        for (unsigned i = 0; i < n; i++) {
            uint16_t w = bus_peek_word(&m->bus, (uint16_t)(addr + i));
            fprintf(out, " %04x", w);
            text[i] = w >= 0x20 && w < 0x7f ? (char)w : '.';
        }
        text[n] = '\0';
        fprintf(out, "%*s  |%s|", (int)(8 - n) * 5, "", text);
        char where[SYMBOLS_NAME_MAX + 16];
        if (syms && symbols_format(syms, addr, where, sizeof where))
            fprintf(out, "  ; %s", where);
        fputc('\n', out);
        addr = (uint16_t)(addr + n);
        count -= n;
    }
}

uint16_t dbgview_dis(FILE *out, const machine_t *m, const symbols_t *syms, uint16_t addr,
                     unsigned count, const uint8_t *breakpoints)
{
    for (unsigned k = 0; k < count; k++) {
        char line[TRACE_LINE_MAX];
        unsigned words;
        trace_format_listing(&m->bus, addr, syms, line, sizeof line, &words);
        const char *mark = addr == m->cpu.pc                ? "=>"
                           : breakpoints && breakpoints[addr] ? "* "
                                                              : "  ";
        fprintf(out, "%s %s\n", mark, line);
        addr = (uint16_t)(addr + words);
    }
    return addr;
}

/* Where the stack started: the SP a reset gives, as a 17-bit number. */
static uint32_t stack_base(const machine_t *m)
{
    uint16_t sp = machine_profile(m)->sp;
    return sp ? sp : 0x10000u;
}

void dbgview_stack(FILE *out, const machine_t *m, const symbols_t *syms, uint32_t count)
{
    uint16_t sp = m->cpu.sp;
    uint32_t depth = (stack_base(m) - sp) & 0xffffu;
    if (depth == 0) {
        fprintf(out, "SP=%04x: the stack is empty\n", sp);
        return;
    }
    fprintf(out, "SP=%04x: %" PRIu32 " word%s on the stack%s\n", sp, depth, depth == 1 ? "" : "s",
            depth > count ? ", the top ones:" : "");
    for (uint32_t i = 0; i < depth && i < count; i++) {
        uint16_t at = (uint16_t)(sp + i);
        uint16_t w = bus_peek_word(&m->bus, at);
        fprintf(out, "  [SP+%" PRIu32 "] 0x%04x  %04x", i, at, w);
        char where[SYMBOLS_NAME_MAX + 16];
        if (syms && symbols_format(syms, w, where, sizeof where))
            fprintf(out, "  ; %s", where); /* a return address, perhaps */
        fputc('\n', out);
    }
}

/* Every device with its identity and its registers by the names its class gives. */
void dbgview_hw(FILE *out, const machine_t *m)
{
    for (unsigned i = 0; i < m->devices; i++) {
        const machine_device_t *d = &m->dev[i];
        const device_class_t *cls = d->cls;
        fprintf(out, "%u %s: id 0x%08" PRIx32 ", version 0x%04x, manufacturer 0x%08" PRIx32, i,
                cls->name, cls->id, cls->version, cls->manufacturer);
        if (machine_profile(m)->io_page)
            fprintf(out, ", registers at 0x%04x\n", d->slot);
        else
            fputs(", HWI only\n", out);
        fputs("   ", out);
        unsigned regs = cls->reg_count ? cls->reg_count : DEVICE_SLOT_WORDS;
        for (unsigned r = 0; r < regs && r < DEVICE_SLOT_WORDS; r++) {
            uint16_t v = cls->regs.peek ? cls->regs.peek(d->state, r) : 0;
            if (cls->reg_count)
                fprintf(out, " %s=%04x", cls->reg[r].name, v);
            else
                fprintf(out, " +%u=%04x", r, v);
        }
        fputc('\n', out);
    }
}

void dbgview_cycles(FILE *out, const machine_t *m)
{
    const dcpu_t *c = &m->cpu;
    uint32_t hz = m->opts.clock_hz;
    fprintf(out, "cycle %" PRIu64 ", %" PRIu64 " instructions, %" PRIu64 ".%06" PRIu64
                 " s at %" PRIu32 " Hz\n",
            c->cycles, c->instructions, c->cycles / hz,
            (c->cycles % hz) * 1000000u / hz, hz);
}
