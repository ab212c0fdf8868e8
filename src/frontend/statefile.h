/* statefile.h — snapshots (docs/snapshot.md) as files: written atomically, read whole.
 *
 *   char err[512];
 *   if (statefile_save(m, "run.d16state", err, sizeof err)) fprintf(stderr, "d16: %s\n", err);
 *   if (statefile_load(m, "run.d16state", err, sizeof err)) ...m untouched, err one line...
 *
 * Messages start with the file's name: "run.d16state: truncated: ...". */
#ifndef D16_STATEFILE_H
#define D16_STATEFILE_H

#include <stddef.h>

#include "machine/machine.h"
#include "machine/snapshot.h"

/* A file larger than this is no snapshot of ours: refused before it is read whole. */
#define STATEFILE_LIMIT (16u << 20)

/* host: the front end's HOST section (the disk), or NULL. */
int statefile_save(const machine_t *m, const snapshot_host_t *host, const char *path, char *err,
                   size_t err_size);
int statefile_load(machine_t *m, const snapshot_host_t *host, const char *path, char *err,
                   size_t err_size);
/* The header only (profile, clock, cycle), to build a machine that matches. */
int statefile_info(const char *path, snapshot_info_t *info, char *err, size_t err_size);

#endif
