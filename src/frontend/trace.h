/* trace.h — the --trace line (one per instruction, written before it executes) and the
 * listing line of the fault report and the debugger's dis.
 *
 *   trace_format(&m->cpu, &m->bus, line, sizeof line);          no symbols: the golden form
 *   trace_record_t r;  trace_capture(&m->cpu, &m->bus, &r);       keep it (--trace-last)
 *   trace_format_record(&r, &syms, line, sizeof line);            later, with labels
 *   trace_format_listing(&m->bus, pc, &syms, line, sizeof line);  "0x0004  8801  SET A, 1"
 *
 * Fixed columns (docs/cli.md): cycle (10, right-aligned decimal), PC, the instruction's
 * words (1–3, padded to 14 characters), its disassembly (padded to TRACE_TEXT_WIDTH), then
 * A B C X Y Z I J SP EX IA as NAME=xxxx. With symbols, next-word values that are a label's
 * address are written as the label (a longer text pushes the registers right) and the line
 * ends with `  ; loop+3`, where PC is. Memory is read with peek, so tracing never changes
 * what a device sees. */
#ifndef D16_TRACE_H
#define D16_TRACE_H

#include <stddef.h>

#include "cpu/cpu.h"
#include "frontend/symbols.h"
#include "memory/bus.h"

#define TRACE_TEXT_WIDTH 28
#define TRACE_LINE_MAX   1024 /* room for two operand labels and a location of any length */

/* What a trace line shows, captured before the instruction runs. */
typedef struct trace_record {
    uint64_t cycles;
    uint16_t pc, sp, ex, ia;
    uint16_t r[8];
    uint16_t words[3]; /* memory at PC, PC+1, PC+2 */
} trace_record_t;

void trace_capture(const dcpu_t *cpu, const bus_t *bus, trace_record_t *rec);

/* One trace line (no newline) into buf; syms may be NULL. Returns its length. */
size_t trace_format_record(const trace_record_t *rec, const symbols_t *syms, char *buf,
                           size_t size);

/* trace_format_record of the instruction at the CPU's PC, without symbols. */
size_t trace_format(const dcpu_t *cpu, const bus_t *bus, char *buf, size_t size);

/* "0x0004  7c01 0030       SET A, 0x0030" for the instruction at pc, and with symbols the
 * text padded and `  ; loop+3`. *words gets the instruction's length (1..3) when not NULL.
 * Returns the line's length. */
size_t trace_format_listing(const bus_t *bus, uint16_t pc, const symbols_t *syms, char *buf,
                            size_t size, unsigned *words);

#endif
