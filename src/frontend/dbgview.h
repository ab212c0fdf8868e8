/* dbgview.h — what the debugger shows: registers, memory, disassembly, the stack, devices
 * and cycles. Every view takes a const machine and reads memory and device registers with
 * peek, so looking never changes the machine (the keyboard buffer, console input and the
 * latched cycle counter stay as they are).
 *
 *   dbgview_regs(stdout, m, &syms);
 *   dbgview_mem(stdout, m, &syms, 0x1000, 16);
 *   dbgview_dis(stdout, m, &syms, m->cpu.pc, 8, breakpoints);   breakpoints: NULL or 64 Ki flags
 *
 * syms may be NULL (no labels). */
#ifndef D16_DBGVIEW_H
#define D16_DBGVIEW_H

#include <stdint.h>
#include <stdio.h>

#include "frontend/symbols.h"
#include "machine/machine.h"

void dbgview_regs(FILE *out, const machine_t *m, const symbols_t *syms);

/* count words from addr, 8 to a line, wrapping past 0xFFFF. */
void dbgview_mem(FILE *out, const machine_t *m, const symbols_t *syms, uint16_t addr,
                 uint32_t count);

/* count instructions from addr; `=>` marks PC, `*` a breakpoint. Returns the address after
 * the last one. */
uint16_t dbgview_dis(FILE *out, const machine_t *m, const symbols_t *syms, uint16_t addr,
                     unsigned count, const uint8_t *breakpoints);

/* The top count words of the stack, from SP up to where it started (0xFF00 in profile d16,
 * 0x10000 in dcpu16). */
void dbgview_stack(FILE *out, const machine_t *m, const symbols_t *syms, uint32_t count);

/* Every device in HWI order: identity, slot and registers. */
void dbgview_hw(FILE *out, const machine_t *m);

void dbgview_cycles(FILE *out, const machine_t *m);

/* "0x0004" or "0x0004 (loop+3)" into buf. */
const char *dbgview_addr(const symbols_t *syms, uint16_t addr, char *buf, size_t size);

#endif
