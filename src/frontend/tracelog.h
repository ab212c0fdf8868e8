/* tracelog.h — where trace lines go: the --trace file (from the start, or from
 * --trace-from ADDR on), the ring of --trace-last N lines, and the debugger's `trace on`.
 *
 *   tracelog_t t;
 *   tracelog_init(&t, file, &syms);           file: --trace FILE or NULL
 *   tracelog_start_at(&t, 0x0040);            --trace-from: nothing until PC first is 0x0040
 *   tracelog_keep_last(&t, 100);              --trace-last: only the last 100 lines, kept
 *   machine_set_trace(m, hook, ...);          hook calls tracelog_instruction(&t, cpu, bus)
 *   tracelog_write_last(&t, file ? file : stderr);    at exit: the ring, oldest first
 *   tracelog_free(&t);
 *
 * A failed write to the file (a full disk) sets write_error and the file gets nothing more;
 * past --trace-max bytes (max_bytes) capped is set and the file gets nothing more either.
 * With a ring, the file gets nothing while running: the ring is written at the end. The
 * echo stream (the debugger's `trace on`) sees every line at once, --trace-from or not. */
#ifndef D16_TRACELOG_H
#define D16_TRACELOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "frontend/trace.h"

typedef struct tracelog {
    FILE *file;              /* --trace FILE, or NULL */
    FILE *echo;              /* the debugger's `trace on`, or NULL */
    const symbols_t *syms;   /* labels in the lines; may be NULL */
    bool waiting;            /* --trace-from: PC has not reached from yet */
    uint16_t from;
    trace_record_t *ring;    /* --trace-last: the last ring_size records */
    size_t ring_size, ring_pos, ring_count;
    uint64_t max_bytes;      /* --trace-max: the file gets no more than this; 0 = no limit */
    uint64_t bytes;          /* written to the file so far */
    bool capped;             /* max_bytes reached: the file gets nothing more */
    int write_error;         /* errno of the first failed write to the file, or 0 */
} tracelog_t;

void tracelog_init(tracelog_t *t, FILE *file, const symbols_t *syms);

void tracelog_start_at(tracelog_t *t, uint16_t addr);

/* Returns 0, or -1 when out of memory. */
int tracelog_keep_last(tracelog_t *t, size_t lines);

/* True while any line has somewhere to go (the machine's trace hook is needed). */
bool tracelog_wanted(const tracelog_t *t);

/* The trace hook's work for the instruction at the CPU's PC. */
void tracelog_instruction(tracelog_t *t, const dcpu_t *cpu, const bus_t *bus);

/* Writes the ring, oldest line first (within max_bytes); returns 0 or -1 when the write
 * failed. */
int tracelog_write_last(tracelog_t *t, FILE *out);

void tracelog_free(tracelog_t *t);

#endif
