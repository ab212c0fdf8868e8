/* timeline.h — a ring of snapshots (docs/snapshot.md) bounded in bytes: the window's rewind
 * (one per emulated second) and the debugger's back (one at each stop) keep one.
 *
 *   timeline_t tl;
 *   timeline_init(&tl, 64u << 20, host);     the oldest go when the total passes the bound;
 *                                            host: the front end's section (NULL: none)
 *   timeline_push(&tl, m);                   a snapshot of m now
 *   const timeline_entry_t *e = timeline_before(&tl, instructions);   back: the latest
 *   timeline_drop_newest(&tl);               rewind: the newest goes once it is loaded
 *   timeline_free(&tl);
 */
#ifndef D16_TIMELINE_H
#define D16_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "machine/machine.h"
#include "machine/snapshot.h"

typedef struct timeline_entry {
    uint8_t *bytes;
    size_t size;
    uint64_t cycles, instructions; /* of the machine when it was taken */
} timeline_entry_t;

typedef struct timeline {
    timeline_entry_t *e; /* a ring: e[(first + i) % cap], i < count, oldest first */
    size_t first, count, cap;
    size_t bytes, limit;
    const snapshot_host_t *host;
} timeline_t;

void timeline_init(timeline_t *tl, size_t limit_bytes, const snapshot_host_t *host);
void timeline_free(timeline_t *tl);
void timeline_clear(timeline_t *tl);

/* Takes a snapshot of m; drops the oldest ones to stay within the bound. Returns 0, or -1
 * when out of memory or when one snapshot alone passes the bound (nothing is kept then). */
int timeline_push(timeline_t *tl, const machine_t *m);

/* The newest entry, NULL when empty. */
const timeline_entry_t *timeline_newest(const timeline_t *tl);
void timeline_drop_newest(timeline_t *tl);

/* The newest entry taken at or before the given instruction count; NULL when none is. */
const timeline_entry_t *timeline_before(const timeline_t *tl, uint64_t instructions);

#endif
