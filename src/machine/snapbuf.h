/* snapbuf.h — the bytes of a snapshot (docs/snapshot.md): a growing writer and a bounded
 * reader of big-endian integers, so every host writes and reads the same file.
 *
 *   snap_writer_t w;  snap_writer_init(&w);
 *   size_t at = snap_section_begin(&w, "TIMR");
 *   snap_put16(&w, t->rate); ...
 *   snap_section_end(&w, at);            fills in the section's length
 *   if (w.failed) ...out of memory...;   snap_writer_free(&w);
 *
 *   snap_reader_t r;  snap_reader_init(&r, bytes, size);
 *   uint16_t rate = (uint16_t)snap_get(&r, 16, "rate");
 *   uint8_t k = (uint8_t)snap_get_range(&r, 8, 0, 5, "kind");   out of range: r.failed
 *   if (r.failed) ...r.err says which field of which section, in one line...
 *
 * A reader that failed keeps returning 0: callers check failed once, at the end. */
#ifndef D16_SNAPBUF_H
#define D16_SNAPBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct snap_writer {
    uint8_t *buf;
    size_t len, cap;
    bool failed; /* out of memory: the bytes are incomplete */
} snap_writer_t;

void snap_writer_init(snap_writer_t *w);
void snap_writer_free(snap_writer_t *w);
void snap_put_bytes(snap_writer_t *w, const void *bytes, size_t n);
void snap_put(snap_writer_t *w, unsigned bits, uint64_t value); /* 8, 16, 32 or 64 bits */

/* A section is a four-letter tag and a 32-bit length, then the body. begin returns where
 * the length goes; end writes it. */
size_t snap_section_begin(snap_writer_t *w, const char tag[4]);
void snap_section_end(snap_writer_t *w, size_t at);

typedef struct snap_reader {
    const uint8_t *p;
    size_t size, pos;
    char section[5]; /* the tag being read, for messages */
    bool failed;
    bool mismatch; /* the failure is a different machine, not a damaged file */
    char err[192];
} snap_reader_t;

void snap_reader_init(snap_reader_t *r, const uint8_t *bytes, size_t size);
/* Records the first failure only: later ones follow from it. */
void snap_fail(snap_reader_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A well-formed value that does not fit this machine (another disk, say). */
void snap_mismatch(snap_reader_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
uint64_t snap_get(snap_reader_t *r, unsigned bits, const char *field);
/* A value that must lie in [min, max]; field names it in the message. */
uint64_t snap_get_range(snap_reader_t *r, unsigned bits, uint64_t min, uint64_t max,
                        const char *field);
bool snap_get_bool(snap_reader_t *r, const char *field);
void snap_get_bytes(snap_reader_t *r, void *out, size_t n, const char *field);

/* CRC-32 (IEEE 802.3, the one zlib and PNG use) of n bytes. */
uint32_t snap_crc32(const uint8_t *bytes, size_t n);

#endif
