/* tracelog.c — routes trace lines to the --trace file, the --trace-last ring and the
 * debugger's echo. */
#include "frontend/tracelog.h"

#include <stdlib.h>

void tracelog_init(tracelog_t *t, FILE *file, const symbols_t *syms)
{
    *t = (tracelog_t){.file = file, .syms = syms};
}

void tracelog_start_at(tracelog_t *t, uint16_t addr)
{
    t->waiting = true;
    t->from = addr;
}

int tracelog_keep_last(tracelog_t *t, size_t lines)
{
    t->ring = calloc(lines, sizeof *t->ring);
    if (!t->ring)
        return -1;
    t->ring_size = lines;
    return 0;
}

bool tracelog_wanted(const tracelog_t *t)
{
    return t->file || t->ring || t->echo;
}

static void write_line(FILE *out, const trace_record_t *rec, const symbols_t *syms)
{
    char line[TRACE_LINE_MAX];
    size_t n = trace_format_record(rec, syms, line, sizeof line);
    line[n] = '\n';
    fwrite(line, 1, n + 1, out);
}

void tracelog_instruction(tracelog_t *t, const dcpu_t *cpu, const bus_t *bus)
{
    trace_record_t rec;
    trace_capture(cpu, bus, &rec);
    if (t->echo)
        write_line(t->echo, &rec, t->syms);
    if (t->waiting && cpu->pc == t->from)
        t->waiting = false;
    if (t->waiting)
        return;
    if (t->ring) {
        t->ring[t->ring_pos] = rec;
        t->ring_pos = (t->ring_pos + 1) % t->ring_size;
        if (t->ring_count < t->ring_size)
            t->ring_count++;
    } else if (t->file) {
        write_line(t->file, &rec, t->syms);
    }
}

int tracelog_write_last(const tracelog_t *t, FILE *out)
{
    for (size_t k = t->ring_count; k > 0; k--)
        write_line(out, &t->ring[(t->ring_pos + t->ring_size - k) % t->ring_size], t->syms);
    return ferror(out) ? -1 : 0;
}

void tracelog_free(tracelog_t *t)
{
    free(t->ring);
    *t = (tracelog_t){0};
}
