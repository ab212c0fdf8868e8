/* trace.h — the --trace line: one per instruction, written before it executes.
 *
 *   trace_format(&m->cpu, &m->bus, line, sizeof line);
 *
 * Fixed columns (docs/cli.md): cycle (10, right-aligned decimal), PC, the instruction's
 * words (1–3, padded to 14 characters), its disassembly (padded to TRACE_TEXT_WIDTH), then
 * A B C X Y Z I J SP EX IA as NAME=xxxx. Memory is read with peek, so tracing never
 * changes what a device sees. */
#ifndef D16_TRACE_H
#define D16_TRACE_H

#include <stddef.h>

#include "cpu/cpu.h"
#include "memory/bus.h"

#define TRACE_TEXT_WIDTH 28
#define TRACE_LINE_MAX   256

/* Formats one trace line (no newline) into buf; returns its length. */
size_t trace_format(const dcpu_t *cpu, const bus_t *bus, char *buf, size_t size);

#endif
