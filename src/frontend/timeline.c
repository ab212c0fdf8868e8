/* timeline.c — a byte-bounded ring of snapshots. */
#include "frontend/timeline.h"

#include <stdlib.h>

#include "machine/snapshot.h"

void timeline_init(timeline_t *tl, size_t limit_bytes, const snapshot_host_t *host)
{
    *tl = (timeline_t){.limit = limit_bytes, .host = host};
}

static timeline_entry_t *at(const timeline_t *tl, size_t i)
{
    return &tl->e[(tl->first + i) % tl->cap];
}

static void drop_oldest(timeline_t *tl)
{
    timeline_entry_t *e = at(tl, 0);
    tl->bytes -= e->size;
    free(e->bytes);
    tl->first = (tl->first + 1) % tl->cap;
    tl->count--;
}

void timeline_clear(timeline_t *tl)
{
    while (tl->count)
        drop_oldest(tl);
}

void timeline_free(timeline_t *tl)
{
    timeline_clear(tl);
    free(tl->e);
    timeline_init(tl, 0, NULL);
}

/* Room for one more entry: a bigger ring, the old ones in order from 0. */
static int grow(timeline_t *tl)
{
    if (tl->count < tl->cap)
        return 0;
    size_t cap = tl->cap ? tl->cap * 2 : 16;
    timeline_entry_t *e = malloc(cap * sizeof *e);
    if (!e)
        return -1;
    for (size_t i = 0; i < tl->count; i++)
        e[i] = *at(tl, i);
    free(tl->e);
    tl->e = e;
    tl->cap = cap;
    tl->first = 0;
    return 0;
}

int timeline_push(timeline_t *tl, const machine_t *m)
{
    uint8_t *bytes;
    size_t size;
    if (snapshot_save_host(m, tl->host, &bytes, &size) != 0)
        return -1;
    if (size > tl->limit || grow(tl) != 0) {
        free(bytes);
        return -1;
    }
    while (tl->count && tl->bytes + size > tl->limit)
        drop_oldest(tl);
    *at(tl, tl->count) = (timeline_entry_t){bytes, size, m->cpu.cycles, m->cpu.instructions};
    tl->count++;
    tl->bytes += size;
    return 0;
}

const timeline_entry_t *timeline_newest(const timeline_t *tl)
{
    return tl->count ? at(tl, tl->count - 1) : NULL;
}

void timeline_drop_newest(timeline_t *tl)
{
    if (!tl->count)
        return;
    timeline_entry_t *e = at(tl, tl->count - 1);
    tl->bytes -= e->size;
    free(e->bytes);
    tl->count--;
}

const timeline_entry_t *timeline_before(const timeline_t *tl, uint64_t instructions)
{
    for (size_t i = tl->count; i-- > 0;)
        if (at(tl, i)->instructions <= instructions)
            return at(tl, i);
    return NULL;
}
