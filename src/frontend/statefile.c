/* statefile.c — snapshot files: atomic writes, whole reads, one-line messages. */
#include "frontend/statefile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/atomic_file.h"

int statefile_save(const machine_t *m, const snapshot_host_t *host, const char *path, char *err,
                   size_t err_size)
{
    uint8_t *bytes;
    size_t size;
    if (snapshot_save_host(m, host, &bytes, &size) != 0) {
        snprintf(err, err_size, "%s: cannot save the state: out of memory", path);
        return -1;
    }
    int rc = atomic_file_write(path, bytes, size, 0644);
    if (rc != 0)
        snprintf(err, err_size, "%s: cannot write: %s", path, strerror(errno));
    free(bytes);
    return rc;
}

static uint8_t *read_state(const char *path, size_t *size, char *err, size_t err_size)
{
    uint8_t *bytes = atomic_file_read(path, STATEFILE_LIMIT, size);
    if (!bytes)
        snprintf(err, err_size, "%s: cannot read: %s", path,
                 errno == EFBIG ? "larger than any d16 snapshot" : strerror(errno));
    return bytes;
}

static int with_name(const char *path, const char *msg, char *err, size_t err_size)
{
    snprintf(err, err_size, "%s: %s", path, msg);
    return -1;
}

int statefile_info(const char *path, snapshot_info_t *info, char *err, size_t err_size)
{
    size_t size;
    uint8_t *bytes = read_state(path, &size, err, err_size);
    if (!bytes)
        return -1;
    char msg[400];
    snapshot_status_t st = snapshot_info(bytes, size, info, msg, sizeof msg);
    free(bytes);
    return st == SNAPSHOT_OK ? 0 : with_name(path, msg, err, err_size);
}

int statefile_load(machine_t *m, const snapshot_host_t *host, const char *path, char *err,
                   size_t err_size)
{
    size_t size;
    uint8_t *bytes = read_state(path, &size, err, err_size);
    if (!bytes)
        return -1;
    char msg[400];
    snapshot_status_t st = snapshot_load_host(m, host, bytes, size, msg, sizeof msg);
    free(bytes);
    return st == SNAPSHOT_OK ? 0 : with_name(path, msg, err, err_size);
}
