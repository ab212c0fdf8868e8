/* snapbuf.c — big-endian snapshot bytes: a writer that grows, a reader that never reads
 * past its end, and CRC-32. */
#include "machine/snapbuf.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void snap_writer_init(snap_writer_t *w)
{
    *w = (snap_writer_t){0};
}

void snap_writer_free(snap_writer_t *w)
{
    free(w->buf);
    *w = (snap_writer_t){0};
}

static bool snap_reserve(snap_writer_t *w, size_t n)
{
    if (w->failed)
        return false;
    if (n <= w->cap - w->len)
        return true;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap - w->len < n) {
        if (cap > SIZE_MAX / 2) {
            w->failed = true;
            return false;
        }
        cap *= 2;
    }
    uint8_t *grown = realloc(w->buf, cap);
    if (!grown) {
        w->failed = true;
        return false;
    }
    w->buf = grown;
    w->cap = cap;
    return true;
}

void snap_put_bytes(snap_writer_t *w, const void *bytes, size_t n)
{
    if (n && snap_reserve(w, n)) {
        memcpy(w->buf + w->len, bytes, n);
        w->len += n;
    }
}

void snap_put(snap_writer_t *w, unsigned bits, uint64_t value)
{
    uint8_t b[8];
    unsigned n = bits / 8;
    for (unsigned i = 0; i < n; i++)
        b[i] = (uint8_t)(value >> (8 * (n - 1 - i)));
    snap_put_bytes(w, b, n);
}

size_t snap_section_begin(snap_writer_t *w, const char tag[4])
{
    snap_put_bytes(w, tag, 4);
    size_t at = w->len;
    snap_put(w, 32, 0);
    return at;
}

void snap_section_end(snap_writer_t *w, size_t at)
{
    if (w->failed)
        return;
    uint64_t body = w->len - at - 4;
    for (unsigned i = 0; i < 4; i++)
        w->buf[at + i] = (uint8_t)(body >> (8 * (3 - i)));
}

void snap_reader_init(snap_reader_t *r, const uint8_t *bytes, size_t size)
{
    *r = (snap_reader_t){.p = bytes, .size = size};
}

void snap_fail(snap_reader_t *r, const char *fmt, ...)
{
    if (r->failed)
        return;
    r->failed = true;
    int n = 0;
    if (r->section[0])
        n = snprintf(r->err, sizeof r->err, "section %s: ", r->section);
    if (n < 0 || (size_t)n >= sizeof r->err)
        n = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err + n, sizeof r->err - (size_t)n, fmt, ap);
    va_end(ap);
}

void snap_mismatch(snap_reader_t *r, const char *fmt, ...)
{
    if (r->failed)
        return;
    char text[sizeof r->err];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    char section[5];
    memcpy(section, r->section, sizeof section);
    r->section[0] = 0; /* a mismatch speaks for itself */
    snap_fail(r, "%s", text);
    memcpy(r->section, section, sizeof section);
    r->mismatch = true;
}

static bool snap_take(snap_reader_t *r, size_t n, const char *field)
{
    if (r->failed)
        return false;
    if (n > r->size - r->pos) {
        snap_fail(r, "ends inside '%s'", field);
        return false;
    }
    return true;
}

uint64_t snap_get(snap_reader_t *r, unsigned bits, const char *field)
{
    unsigned n = bits / 8;
    if (!snap_take(r, n, field))
        return 0;
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v = v << 8 | r->p[r->pos + i];
    r->pos += n;
    return v;
}

uint64_t snap_get_range(snap_reader_t *r, unsigned bits, uint64_t min, uint64_t max,
                        const char *field)
{
    uint64_t v = snap_get(r, bits, field);
    if (!r->failed && (v < min || v > max)) {
        snap_fail(r, "'%s' is %" PRIu64 ", outside %" PRIu64 "..%" PRIu64, field, v, min, max);
        return min;
    }
    return r->failed ? min : v;
}

bool snap_get_bool(snap_reader_t *r, const char *field)
{
    return snap_get_range(r, 8, 0, 1, field) != 0;
}

void snap_get_bytes(snap_reader_t *r, void *out, size_t n, const char *field)
{
    if (!snap_take(r, n, field)) {
        memset(out, 0, n);
        return;
    }
    memcpy(out, r->p + r->pos, n);
    r->pos += n;
}

uint32_t snap_crc32(const uint8_t *bytes, size_t n)
{
    uint32_t table[256];
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < n; i++)
        crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >> 8);
    return crc ^ 0xffffffffu;
}
