/* report.c — the fault report and the state and RAM dumps. */
#include "frontend/report.h"

#include <stdlib.h>

#include "frontend/trace.h"

/* "   0x0012  7c01 0030       SET A, 0x0030" for the instruction at pc (with symbols,
 * "  ; loop+3" after it). */
static void print_instruction(FILE *out, const machine_t *m, const symbols_t *syms, uint16_t pc,
                              const char *mark)
{
    char line[TRACE_LINE_MAX];
    trace_format_listing(&m->bus, pc, syms, line, sizeof line, NULL);
    fprintf(out, "%s %s\n", mark, line);
}

/* " (word 0xff13, console +3)": the word, and the device slot it falls in, if any. */
static void print_io_word(FILE *out, const machine_t *m, uint16_t word)
{
    fprintf(out, " (word 0x%04x", word);
    for (unsigned i = 0; i < m->devices; i++) {
        const machine_device_t *d = &m->dev[i];
        if (d->slot && word >= d->slot && word < d->slot + DEVICE_SLOT_WORDS)
            fprintf(out, ", %s +%u", d->cls->name, (unsigned)(word - d->slot));
    }
    fputc(')', out);
}

void report_fault(FILE *out, const machine_t *m, const symbols_t *syms)
{
    fprintf(out, "d16: machine fault: %s at PC 0x%04x", machine_fault_name(m->fault), m->fault_pc);
    char where[SYMBOLS_NAME_MAX + 16];
    if (syms && symbols_format(syms, m->fault_pc, where, sizeof where))
        fprintf(out, " (%s)", where);
    if (m->fault == CPU_FAULT_BUS)
        print_io_word(out, m, (uint16_t)(m->fault_addr >> 1));
    fprintf(out, ", cycle %llu\n", (unsigned long long)m->cpu.cycles);

    const dcpu_t *c = &m->cpu;
    unsigned count = c->instructions < CPU_HISTORY ? (unsigned)c->instructions : CPU_HISTORY;
    fprintf(out, "d16: last %u instruction%s (oldest first; => the faulting one):\n", count,
            count == 1 ? "" : "s");
    bool fault_listed = false;
    for (unsigned k = count; k > 0; k--) {
        uint16_t pc = c->history[(c->history_pos + CPU_HISTORY - k) % CPU_HISTORY];
        bool last = k == 1 && pc == m->fault_pc;
        fault_listed |= last;
        print_instruction(out, m, syms, pc, last ? "=>" : "  ");
    }
    if (!fault_listed)
        print_instruction(out, m, syms, m->fault_pc, "=>");
}

int report_write_state(FILE *f, const machine_t *m)
{
    char json[512];
    size_t n = machine_state_json(m, json, sizeof json);
    return fwrite(json, 1, n, f) == n ? 0 : -1;
}

int report_write_ram(FILE *f, const machine_t *m)
{
    uint8_t *ram = malloc(BUS_BYTES);
    if (!ram)
        return -1;
    machine_dump_ram(m, ram);
    size_t n = fwrite(ram, 1, BUS_BYTES, f);
    free(ram);
    return n == BUS_BYTES ? 0 : -1;
}

void report_devices(FILE *out, const machine_t *m)
{
    fprintf(out, "HWI  slot    id          version  manufacturer  name\n");
    for (unsigned i = 0; i < m->devices; i++) {
        const machine_device_t *d = &m->dev[i];
        char slot[8] = "-";
        if (d->slot)
            snprintf(slot, sizeof slot, "0x%04x", d->slot);
        fprintf(out, "%-4u %-7s 0x%08x  0x%04x   0x%08x    %s: %s\n", i, slot,
                (unsigned)d->cls->id, d->cls->version, (unsigned)d->cls->manufacturer,
                d->cls->name, d->cls->title);
    }
}
