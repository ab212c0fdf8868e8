/* session_disk.c — the disk attachment in a snapshot (docs/snapshot.md §5): the HOST
 * section holds whether a disk is in the drive, its name as given to --disk and, with
 * --disk-snapshot, the writes kept in memory (every sector that is not all zeros). A disk
 * written through to its file is not in the snapshot: the file is the disk. */
#include <string.h>

#include "frontend/session.h"
#include "machine/snapbuf.h"

static bool sector_is_zero(const uint8_t *p)
{
    for (size_t i = 0; i < FLOPPY_SECTOR_BYTES; i++)
        if (p[i])
            return false;
    return true;
}

static void disk_save(void *ctx, snap_writer_t *w)
{
    const session_t *s = ctx;
    const char *name = s->opt.disk.path;
    snap_put(w, 8, name != NULL);
    if (!name)
        return;
    size_t len = strlen(name) < 0xffff ? strlen(name) : 0xffff;
    snap_put(w, 16, len);
    snap_put_bytes(w, name, len);
    const uint8_t *image = s->disk.memory;
    snap_put(w, 8, image != NULL);
    for (unsigned i = 0; image && i < FLOPPY_SECTORS; i++) {
        const uint8_t *sector = image + (size_t)i * FLOPPY_SECTOR_BYTES;
        bool zero = sector_is_zero(sector);
        snap_put(w, 8, !zero);
        if (!zero)
            snap_put_bytes(w, sector, FLOPPY_SECTOR_BYTES);
    }
}

static void disk_load(void *ctx, snap_reader_t *r, bool apply)
{
    session_t *s = ctx;
    const char *name = s->opt.disk.path;
    bool attached = snap_get_bool(r, "disk attached");
    if (!r->failed && attached != (name != NULL)) {
        snap_mismatch(r, attached ? "the saved machine had a disk in its drive: give --disk"
                                  : "the saved machine had no disk: run without --disk");
        return;
    }
    if (!attached)
        return;
    char saved[4096];
    size_t len = (size_t)snap_get(r, 16, "disk name length");
    if (len >= sizeof saved)
        snap_fail(r, "disk name of %zu bytes", len);
    snap_get_bytes(r, saved, r->failed ? 0 : len, "disk name");
    saved[r->failed ? 0 : len] = '\0';
    if (!r->failed && strcmp(saved, name) != 0) {
        snap_mismatch(r, "the saved machine's disk is %s, this one's %s", saved, name);
        return;
    }
    bool overlay = snap_get_bool(r, "disk in memory");
    if (!r->failed && overlay && !s->disk.memory) {
        snap_mismatch(r, "the saved disk kept its writes in memory: give --disk-snapshot");
        return;
    }
    for (unsigned i = 0; overlay && i < FLOPPY_SECTORS && !r->failed; i++) {
        bool data = snap_get_bool(r, "sector present");
        uint8_t sector[FLOPPY_SECTOR_BYTES] = {0};
        if (data)
            snap_get_bytes(r, sector, sizeof sector, "sector");
        if (apply && !r->failed)
            memcpy(s->disk.memory + (size_t)i * FLOPPY_SECTOR_BYTES, sector, sizeof sector);
    }
}

void session_disk_snapshot_host(session_t *s)
{
    s->snap_host = (snapshot_host_t){.ctx = s, .save = disk_save, .load = disk_load};
}
