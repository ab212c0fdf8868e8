/* report.h — what d16 writes about a finished run: the fault report (stderr) and the
 * --dump-state / --dump-ram files (docs/machine.md §5–§6, docs/cli.md).
 *
 *   if (m->state == MACHINE_FAULT) report_fault(stderr, m, &syms);
 *   report_write_state(f, m);  report_write_ram(f, m);    files opened by the caller */
#ifndef D16_REPORT_H
#define D16_REPORT_H

#include <stdio.h>

#include "frontend/symbols.h"
#include "machine/machine.h"

/* The fault's name, its PC (and bus address for a strict violation), then the last
 * instructions from the CPU's history, oldest first, disassembled from memory as it is now.
 * With symbols (syms may be NULL) PCs are also shown as labels: `loop+3`. */
void report_fault(FILE *out, const machine_t *m, const symbols_t *syms);

/* Both return 0, or -1 when the write failed (errno tells why). */
int report_write_state(FILE *f, const machine_t *m);
int report_write_ram(FILE *f, const machine_t *m);

/* --list-devices: one line per device, HWI order: number, slot, identity, name, title. */
void report_devices(FILE *out, const machine_t *m);

#endif
