/* fuzz_snapshot.c — the snapshot reader (docs/snapshot.md) on any bytes. What must hold: it
 * never crashes; a refusal is one line and leaves the machine exactly as it was; a
 * snapshot it accepts gives a machine that runs. Half of the inputs get their length and
 * checksum fields put right first, so the mutations reach the sections behind the CRC.
 *
 * The target "snapshot" of the fuzz harness (tests/fuzz/README.md); seeds are real
 * snapshots in tests/fuzz/corpus/snapshot/. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine/snapbuf.h"
#include "machine/snapshot.h"

#define SNAP_CHECK(cond)                                                                    \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            fprintf(stderr, "fuzz_snapshot: %s:%d: %s does not hold\n", __FILE__, __LINE__, \
                    #cond);                                                                 \
            abort();                                                                        \
        }                                                                                   \
    } while (0)

/* The fields after the magic, put right: the payload's length and CRC-32. */
static void fix_header(uint8_t *p, size_t size)
{
    size_t len = size - SNAPSHOT_HEADER_SIZE;
    uint32_t crc = snap_crc32(p + SNAPSHOT_HEADER_SIZE, len);
    for (int i = 0; i < 4; i++) {
        p[24 + i] = (uint8_t)(len >> (24 - 8 * i));
        p[28 + i] = (uint8_t)(crc >> (24 - 8 * i));
    }
}

static int fuzz_snapshot_one(const uint8_t *data, size_t size)
{
    machine_opts_t o = {.max_cycles = 0};
    machine_t *m = machine_new(&o);
    SNAP_CHECK(m != NULL);
    uint8_t *bytes = malloc(size ? size : 1);
    SNAP_CHECK(bytes != NULL);
    memcpy(bytes, data, size);
    if (size >= SNAPSHOT_HEADER_SIZE && size % 2 == 0)
        fix_header(bytes, size);

    uint8_t *before, *after;
    size_t before_size, after_size;
    SNAP_CHECK(snapshot_save(m, &before, &before_size) == 0);
    char err[256] = "";
    snapshot_status_t st = snapshot_load(m, bytes, size, err, sizeof err);
    if (st == SNAPSHOT_OK) {
        for (int i = 0; i < 20 && m->state == MACHINE_RUNNING; i++)
            machine_run(m, 500);
    } else {
        SNAP_CHECK(err[0] != '\0' && strchr(err, '\n') == NULL);
        SNAP_CHECK(snapshot_save(m, &after, &after_size) == 0);
        SNAP_CHECK(after_size == before_size && memcmp(after, before, after_size) == 0);
        free(after);
    }
    free(before);
    free(bytes);
    machine_free(m);
    return 0;
}

D16_FUZZ_TARGET(snapshot)
{
    return fuzz_snapshot_one(data, size);
}
