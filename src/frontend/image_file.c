/* image_file.c — a whole file into memory, refused with its name when it cannot be read. */
#include "frontend/image_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *image_file_open(const char *path, char *err, size_t err_size)
{
    /* O_NONBLOCK: a FIFO nobody writes to opens at once (and reads as empty) instead of
     * blocking in open(); reads block again afterwards, so a pipe that has a writer works. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    int flags = fd >= 0 ? fcntl(fd, F_GETFL) : -1;
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        snprintf(err, err_size, "%s: cannot open: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        snprintf(err, err_size, "%s: cannot read: %s", path, strerror(EISDIR));
        return NULL;
    }
    return f;
}

int image_file_read(const char *path, size_t limit, uint8_t **data, size_t *size, char *err,
                    size_t err_size)
{
    FILE *f = image_file_open(path, err, err_size);
    if (!f)
        return -1;
    uint8_t *buf = malloc(limit + 1);
    if (!buf) {
        fclose(f);
        snprintf(err, err_size, "%s: out of memory", path);
        return -1;
    }
    size_t n = fread(buf, 1, limit + 1, f);
    int failed = ferror(f);
    int saved = errno;
    fclose(f);
    if (failed) {
        free(buf);
        snprintf(err, err_size, "%s: cannot read: %s", path, strerror(saved));
        return -1;
    }
    *data = buf;
    *size = n;
    return 0;
}
