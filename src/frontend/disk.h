/* disk.h — a floppy image on the host, as the drive's medium (docs/machine.md §3.6,
 * docs/cli.md "Disks").
 *
 *   disk_t d;
 *   disk_opts_t o = {.path = "os.img", .create = true};
 *   char err[512], warn[512];
 *   if (disk_open(&d, &o, err, sizeof err, warn, sizeof warn)) → print err, exit 2
 *   if (*warn) → print warn (an unwritable file attached write-protected)
 *   floppy_insert(&machine->floppy, &d.media, cycles);
 *   ...
 *   disk_close(&d);
 *
 * The image is raw: sector n at byte n × 1024, words big-endian (little-endian with
 * little_endian). A shorter file reads as zeros past its end and grows when written.
 *
 * Durability: a sector is written with one pwrite() of its 1024 bytes at an offset that is
 * a multiple of 1024, then fdatasync(), and only then does the drive leave busy. 1024
 * divides the page size, so those bytes lie in one page of the page cache; Linux copies
 * one page of a write without stopping for a signal (a fatal signal is checked between
 * pages), so a kill -9 leaves the sector wholly old or wholly new, and the file as the
 * kernel holds it survives the process. fdatasync carries the sector to the device before
 * the guest sees the write complete.
 *
 * A writable image is locked (flock, exclusive, advisory) for as long as it is attached, so
 * two d16 processes never write it at once; read-only and snapshot attachments take no
 * lock, so one may look at a disk another is writing. */
#ifndef D16_DISK_H
#define D16_DISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/floppy.h"

typedef struct disk_opts {
    const char *path;
    bool read_only;     /* --disk-ro: the drive shows STATE 2 */
    bool snapshot;      /* --disk-snapshot: writes stay in memory, the file is never written */
    bool little_endian; /* --disk-le */
    bool create;        /* --disk-new: a missing file is created blank (1,474,560 bytes) */
} disk_opts_t;

typedef struct disk {
    floppy_media_t media;
    const char *path;
    int fd;          /* -1 for a snapshot */
    uint8_t *memory; /* a snapshot's whole image; NULL otherwise */
    bool little_endian;
    int last_errno;  /* why the last read or write failed */
} disk_t;

/* Attaches the image. Returns 0, or -1 with one line in err (no program name): a
 * directory, a file that is not a regular file or longer than a disk, one that cannot be
 * read, a missing file without create, or one another process has locked. A file that
 * cannot be opened for writing is attached write-protected with one line in warn (warn is
 * "" otherwise). */
int disk_open(disk_t *d, const disk_opts_t *o, char *err, size_t err_size, char *warn,
              size_t warn_size);

void disk_close(disk_t *d);

/* Creates path as a blank disk (all zeros, full size) if it does not exist: a temporary
 * file in the same directory, synced, then linked into place, so a crash never leaves a
 * half-made image. Returns 0 (also when the file already exists), or -1 with errno set. */
int disk_create_blank(const char *path);

/* Words <-> the image's bytes in the given order. */
void disk_words_from_bytes(uint16_t *words, const uint8_t *bytes, size_t count, bool little_endian);
void disk_bytes_from_words(uint8_t *bytes, const uint16_t *words, size_t count, bool little_endian);

#endif
