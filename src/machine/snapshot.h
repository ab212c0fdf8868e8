/* snapshot.h — the whole machine saved to and restored from bytes (docs/snapshot.md).
 *
 *   uint8_t *bytes; size_t size;
 *   if (snapshot_save(m, &bytes, &size) == 0) { ...write them, free(bytes)... }
 *
 *   char err[256];
 *   snapshot_status_t st = snapshot_load(m, bytes, size, err, sizeof err);
 *   if (st != SNAPSHOT_OK) ...one line in err; m is exactly as it was...
 *
 * The format is versioned and big-endian throughout, so every host reads every file. A
 * load checks everything (header, checksum, every section and field) by loading into a
 * scratch machine first; only a snapshot that loaded there whole is loaded into m, so m
 * is never half-loaded. The profile and the clock must match m's: they are what the
 * machine was built with. */
#ifndef D16_SNAPSHOT_H
#define D16_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "machine/machine.h"

#define SNAPSHOT_MAGIC       "D16STATE"
#define SNAPSHOT_MAGIC_SIZE  8
#define SNAPSHOT_VERSION     1
#define SNAPSHOT_HEADER_SIZE 32

typedef enum snapshot_status {
    SNAPSHOT_OK = 0,
    SNAPSHOT_NOT_SNAPSHOT, /* no magic: not a d16 snapshot at all */
    SNAPSHOT_TRUNCATED,    /* shorter than its header says */
    SNAPSHOT_WRONG_VERSION,
    SNAPSHOT_WRONG_PROFILE, /* another profile, clock or set of devices */
    SNAPSHOT_CORRUPT,       /* checksum, section or field wrong */
    SNAPSHOT_NO_MEMORY,
} snapshot_status_t;

/* What the header says, for a front end that builds the machine to match. */
typedef struct snapshot_info {
    unsigned version;
    machine_profile_t profile;
    uint32_t clock_hz;
    uint64_t cycles;
} snapshot_info_t;

struct snap_writer;
struct snap_reader;

/* What the front end keeps beside the machine (the disk in the drive): the last section,
 * HOST. load is called twice: with apply false to check everything, then with apply true
 * (which must then succeed). Failing on a different attachment is snap_mismatch. */
typedef struct snapshot_host {
    void *ctx;
    void (*save)(void *ctx, struct snap_writer *w);
    void (*load)(void *ctx, struct snap_reader *r, bool apply);
} snapshot_host_t;

/* The state of m as a new malloc'd buffer. Returns 0, or -1 when out of memory. */
int snapshot_save(const machine_t *m, uint8_t **bytes, size_t *size);
/* The same with the front end's section (host may be NULL: an empty one). */
int snapshot_save_host(const machine_t *m, const snapshot_host_t *host, uint8_t **bytes,
                       size_t *size);

/* Reads only the header: magic, version and length; fills info. */
snapshot_status_t snapshot_info(const uint8_t *bytes, size_t size, snapshot_info_t *info,
                                char *err, size_t err_size);

/* Restores m from a snapshot, or leaves it untouched and says why in one line. The HOST
 * section is skipped. */
snapshot_status_t snapshot_load(machine_t *m, const uint8_t *bytes, size_t size, char *err,
                                size_t err_size);
/* The same, with the HOST section given to host (NULL: skipped). */
snapshot_status_t snapshot_load_host(machine_t *m, const snapshot_host_t *host,
                                     const uint8_t *bytes, size_t size, char *err,
                                     size_t err_size);

#endif
