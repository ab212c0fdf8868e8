/* disk.c — floppy images on the host: open, check, lock, and sector reads and durable
 * sector writes for the drive (the reasoning is in disk.h). */
#include "frontend/disk.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontend/atomic_file.h"

void disk_words_from_bytes(uint16_t *words, const uint8_t *bytes, size_t count, bool little_endian)
{
    for (size_t i = 0; i < count; i++) {
        uint8_t a = bytes[2 * i], b = bytes[2 * i + 1];
        words[i] = little_endian ? (uint16_t)(b << 8 | a) : (uint16_t)(a << 8 | b);
    }
}

void disk_bytes_from_words(uint8_t *bytes, const uint16_t *words, size_t count, bool little_endian)
{
    for (size_t i = 0; i < count; i++) {
        uint8_t hi = (uint8_t)(words[i] >> 8), lo = (uint8_t)words[i];
        bytes[2 * i] = little_endian ? lo : hi;
        bytes[2 * i + 1] = little_endian ? hi : lo;
    }
}

/* ---- the medium's callbacks */

/* The guest sees ERROR_BROKEN; the user gets the reason on stderr. */
static int disk_failed(disk_t *d, const char *what, unsigned sector, int why)
{
    d->last_errno = why;
    fprintf(stderr, "d16: %s: sector %u: cannot %s: %s\n", d->path, sector, what, strerror(why));
    return -1;
}

static int disk_read_sector(void *ctx, unsigned sector, uint16_t words[FLOPPY_SECTOR_WORDS])
{
    disk_t *d = ctx;
    uint8_t bytes[FLOPPY_SECTOR_BYTES];
    off_t offset = (off_t)sector * FLOPPY_SECTOR_BYTES;
    if (d->memory) {
        memcpy(bytes, d->memory + offset, sizeof bytes);
    } else {
        size_t got = 0;
        while (got < sizeof bytes) {
            ssize_t n = pread(d->fd, bytes + got, sizeof bytes - got, offset + (off_t)got);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return disk_failed(d, "read", sector, errno);
            if (n == 0)
                break; /* past the end of a short file: zeros */
            got += (size_t)n;
        }
        memset(bytes + got, 0, sizeof bytes - got);
    }
    disk_words_from_bytes(words, bytes, FLOPPY_SECTOR_WORDS, d->little_endian);
    return 0;
}

/* One pwrite of the whole sector, then fdatasync (disk.h: why no sector can tear). */
static int disk_write_sector(void *ctx, unsigned sector, const uint16_t words[FLOPPY_SECTOR_WORDS])
{
    disk_t *d = ctx;
    uint8_t bytes[FLOPPY_SECTOR_BYTES];
    off_t offset = (off_t)sector * FLOPPY_SECTOR_BYTES;
    disk_bytes_from_words(bytes, words, FLOPPY_SECTOR_WORDS, d->little_endian);
    if (d->memory) {
        memcpy(d->memory + offset, bytes, sizeof bytes);
        return 0;
    }
    size_t done = 0;
    while (done < sizeof bytes) {
        ssize_t n = pwrite(d->fd, bytes + done, sizeof bytes - done, offset + (off_t)done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return disk_failed(d, "write", sector, n < 0 ? errno : EIO);
        done += (size_t)n;
    }
    while (fdatasync(d->fd) != 0)
        if (errno != EINTR)
            return disk_failed(d, "flush", sector, errno);
    return 0;
}

/* ---- creating a blank disk */

int disk_create_blank(const char *path)
{
    char temp[4096];
    if (snprintf(temp, sizeof temp, "%s.XXXXXX", path) >= (int)sizeof temp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = mkstemp(temp);
    if (fd < 0)
        return -1;
    int rc = 0;
    if (ftruncate(fd, FLOPPY_IMAGE_BYTES) != 0 || fsync(fd) != 0)
        rc = -1;
    int saved = errno;
    close(fd);
    /* link() never replaces: a file that appeared meanwhile is kept and used. */
    if (rc == 0 && link(temp, path) != 0 && errno != EEXIST) {
        rc = -1;
        saved = errno;
    }
    unlink(temp);
    if (rc == 0 && atomic_file_sync_directory(path) != 0)
        rc = -1, saved = errno;
    errno = saved;
    return rc;
}

/* ---- attaching */

static int fail(char *err, size_t size, const char *path, const char *fmt, const char *what)
{
    char line[256];
    snprintf(line, sizeof line, fmt, what);
    snprintf(err, size, "%s: %s", path, line);
    return -1;
}

/* Opens the file for the attachment asked (O_NONBLOCK: a FIFO named as a disk is refused
 * as not a regular file instead of waiting for a writer; regular files ignore the flag); *protect becomes true when it had to fall back
 * to read-only. Returns the descriptor or -1 with err filled. */
static int disk_open_file(const disk_opts_t *o, bool *protect, char *err, size_t err_size,
                          char *warn, size_t warn_size)
{
    bool want_write = !o->read_only && !o->snapshot;
    int fd = open(o->path, (want_write ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0 && errno == ENOENT && o->create && !o->snapshot) {
        if (disk_create_blank(o->path) != 0)
            return fail(err, err_size, o->path, "cannot create: %s", strerror(errno));
        fd = open(o->path, (want_write ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_NONBLOCK);
    }
    if (fd < 0 && want_write && (errno == EACCES || errno == EROFS || errno == EPERM)) {
        int why = errno;
        fd = open(o->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (fd >= 0) {
            *protect = true;
            snprintf(warn, warn_size, "%s: cannot open for writing (%s); attached write-protected",
                     o->path, strerror(why));
        }
    }
    if (fd < 0 && errno == ENOENT)
        return fail(err, err_size, o->path, "%s (--disk-new creates a blank disk)",
                    "no such file");
    if (fd < 0 && errno == EISDIR)
        return fail(err, err_size, o->path, "%s", "is a directory, not a disk image");
    if (fd < 0)
        return fail(err, err_size, o->path, "cannot open: %s", strerror(errno));
    return fd;
}

static int disk_check_file(int fd, const char *path, off_t *size, char *err, size_t err_size)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return fail(err, err_size, path, "cannot read: %s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return fail(err, err_size, path, "%s", "is a directory, not a disk image");
    if (!S_ISREG(st.st_mode))
        return fail(err, err_size, path, "%s", "not a regular file");
    if (st.st_size > FLOPPY_IMAGE_BYTES) {
        char what[64];
        snprintf(what, sizeof what, "%lld", (long long)st.st_size);
        return fail(err, err_size, path, "too long: %s bytes, a disk holds 1474560 (1440 sectors of 1024 bytes)", what);
    }
    /* Proves the file can be read at all (an unreadable file fails here, not mid-run). */
    uint8_t probe;
    if (pread(fd, &probe, 1, 0) < 0)
        return fail(err, err_size, path, "cannot read: %s", strerror(errno));
    *size = st.st_size;
    return 0;
}

static int disk_load_snapshot(disk_t *d, off_t size, char *err, size_t err_size)
{
    d->memory = calloc(1, FLOPPY_IMAGE_BYTES);
    if (!d->memory)
        return fail(err, err_size, d->path, "%s", "out of memory");
    off_t got = 0;
    while (d->fd >= 0 && got < size) {
        ssize_t n = pread(d->fd, d->memory + got, (size_t)(size - got), got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(err, err_size, d->path, "cannot read: %s", strerror(errno));
        if (n == 0)
            break;
        got += n;
    }
    if (d->fd >= 0)
        close(d->fd);
    d->fd = -1;
    return 0;
}

int disk_open(disk_t *d, const disk_opts_t *o, char *err, size_t err_size, char *warn,
              size_t warn_size)
{
    *d = (disk_t){.path = o->path, .fd = -1, .little_endian = o->little_endian};
    *warn = '\0';
    bool protect = o->read_only;
    off_t size = 0;
    int fd = -1;
    if (o->snapshot && o->create && access(o->path, F_OK) != 0 && errno == ENOENT) {
        fd = -1; /* a snapshot of a disk that does not exist yet: blank, and never created */
    } else {
        fd = disk_open_file(o, &protect, err, err_size, warn, warn_size);
        if (fd < 0)
            return -1;
        if (disk_check_file(fd, o->path, &size, err, err_size)) {
            close(fd);
            return -1;
        }
    }
    d->fd = fd;
    if (o->snapshot) {
        if (disk_load_snapshot(d, size, err, err_size)) {
            disk_close(d);
            return -1;
        }
    } else if (!protect && flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int why = errno;
        disk_close(d);
        if (why == EWOULDBLOCK)
            return fail(err, err_size, o->path, "%s",
                        "in use: another process is writing this disk (--disk-ro attaches it "
                        "read-only, --disk-snapshot as a private copy)");
        return fail(err, err_size, o->path, "cannot lock: %s", strerror(why));
    }
    d->media = (floppy_media_t){
        .ctx = d,
        .write_protected = protect,
        .read = disk_read_sector,
        .write = disk_write_sector,
    };
    return 0;
}

void disk_close(disk_t *d)
{
    if (d->fd >= 0)
        close(d->fd); /* also drops the lock */
    free(d->memory);
    d->fd = -1;
    d->memory = NULL;
}
