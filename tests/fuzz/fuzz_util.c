/* fuzz_util.c — helpers shared by the fuzz targets (fuzz.h). */
#include "fuzz.h"

#include <string.h>
#include <unistd.h>

int fuzz_temp_file(const char *suffix, const uint8_t *data, size_t size, char *path,
                   size_t path_size)
{
    const char *dir = getenv("TMPDIR");
    int n = snprintf(path, path_size, "%s/d16-fuzz-XXXXXX%s", dir && *dir ? dir : "/tmp",
                     suffix);
    FUZZ_CHECK(n > 0 && (size_t)n < path_size);
    int fd = mkstemps(path, (int)strlen(suffix));
    FUZZ_CHECK(fd >= 0);
    for (size_t done = 0; done < size;) {
        ssize_t w = write(fd, data + done, size - done);
        FUZZ_CHECK(w > 0);
        done += (size_t)w;
    }
    close(fd);
    return 0;
}
