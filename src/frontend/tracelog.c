/* tracelog.c — routes trace lines to the --trace file, the --trace-last ring and the
 * debugger's echo. */
#include "frontend/tracelog.h"

#include <errno.h>
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

/* The file still takes lines: no failed write, --trace-max not reached. */
static bool file_open(const tracelog_t *t)
{
    return t->file && !t->write_error && !t->capped;
}

bool tracelog_wanted(const tracelog_t *t)
{
    return file_open(t) || t->ring || t->echo;
}

static void write_line(FILE *out, const trace_record_t *rec, const symbols_t *syms)
{
    char line[TRACE_LINE_MAX];
    size_t n = trace_format_record(rec, syms, line, sizeof line);
    line[n] = '\n';
    fwrite(line, 1, n + 1, out);
}

/* One line to the file, unless it would pass --trace-max; a failed write (seen when the
 * stdio buffer goes out) ends the file's trace. */
static void write_file_line(tracelog_t *t, FILE *out, const trace_record_t *rec)
{
    char line[TRACE_LINE_MAX];
    size_t n = trace_format_record(rec, t->syms, line, sizeof line);
    line[n++] = '\n';
    if (t->max_bytes && t->bytes + n > t->max_bytes) {
        t->capped = true;
        return;
    }
    errno = 0;
    if (fwrite(line, 1, n, out) != n || ferror(out)) {
        t->write_error = errno ? errno : EIO;
        return;
    }
    t->bytes += n;
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
    } else if (file_open(t)) {
        write_file_line(t, t->file, &rec);
    }
}

int tracelog_write_last(tracelog_t *t, FILE *out)
{
    for (size_t k = t->ring_count; k > 0 && !t->capped && !t->write_error; k--)
        write_file_line(t, out, &t->ring[(t->ring_pos + t->ring_size - k) % t->ring_size]);
    return ferror(out) || t->write_error ? -1 : 0;
}

void tracelog_free(tracelog_t *t)
{
    free(t->ring);
    *t = (tracelog_t){0};
}
