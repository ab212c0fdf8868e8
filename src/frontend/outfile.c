/* outfile.c — atomic output files (temporary + rename) and the check that no output is an
 * input (docs/cli.md "Output files"). */
#include "frontend/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(char *err, size_t size, const char *path, int errnum)
{
    snprintf(err, size, "%s: cannot write: %s", path, strerror(errnum));
    return -1;
}

/* A FIFO or a device is written in place: it cannot be replaced by a rename, and
 * O_NONBLOCK makes a FIFO without a reader fail (ENXIO) instead of blocking. */
static int open_in_place(outfile_t *o, const char *path, bool binary, char *err, size_t size)
{
    int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return fail(err, size, path, errno == ENXIO ? EPIPE : errno);
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    o->file = fdopen(fd, binary ? "wb" : "w");
    if (!o->file) {
        int saved = errno;
        close(fd);
        return fail(err, size, path, saved);
    }
    return 0;
}

/* The temporary: ".NAME.XXXXXX" in path's directory, so the rename stays on one file system. */
static char *temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path + 1) : 0;
    size_t len = strlen(path);
    char *t = malloc(len + 10);
    if (t) {
        memcpy(t, path, dir);
        snprintf(t + dir, len - dir + 10, ".%s.XXXXXX", path + dir);
    }
    return t;
}

int outfile_open(outfile_t *o, const char *path, bool binary, char *err, size_t err_size)
{
    *o = (outfile_t){.path = path};
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            return fail(err, err_size, path, EISDIR);
        return open_in_place(o, path, binary, err, err_size);
    }
    o->temp = temp_name(path);
    if (!o->temp)
        return fail(err, err_size, path, ENOMEM);
    int fd = mkstemp(o->temp);
    if (fd < 0) {
        int saved = errno;
        free(o->temp);
        o->temp = NULL;
        return fail(err, err_size, path, saved);
    }
    /* mkstemp makes 0600; the finished file gets what open(2) would have given it. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->file = fdopen(fd, binary ? "wb" : "w");
    if (!o->file) {
        int saved = errno;
        close(fd);
        outfile_discard(o);
        return fail(err, err_size, path, saved);
    }
    return 0;
}

int outfile_commit(outfile_t *o, char *err, size_t err_size)
{
    if (!o->file)
        return 0;
    int errnum = 0;
    if (fflush(o->file) != 0 || ferror(o->file))
        errnum = errno ? errno : EIO;
    if (fclose(o->file) != 0 && !errnum)
        errnum = errno;
    o->file = NULL;
    if (!errnum && o->temp && rename(o->temp, o->path) != 0)
        errnum = errno;
    if (errnum) {
        outfile_discard(o);
        return fail(err, err_size, o->path, errnum);
    }
    free(o->temp);
    o->temp = NULL;
    return 0;
}

void outfile_discard(outfile_t *o)
{
    if (o->file)
        fclose(o->file);
    o->file = NULL;
    if (o->temp) {
        unlink(o->temp);
        free(o->temp);
        o->temp = NULL;
    }
}

bool outfile_is_source_name(const char *path)
{
    static const char *const ext[] = {".dasm", ".asm", ".s"};
    size_t len = strlen(path);
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t n = strlen(ext[i]);
        if (len > n && strcasecmp(path + len - n, ext[i]) == 0 && path[len - n - 1] != '/')
            return true;
    }
    return false;
}

/* path's directory (device and inode) and last component, for a file that need not exist. */
static bool locate(const char *path, struct stat *dir, const char **base)
{
    const char *slash = strrchr(path, '/');
    *base = slash ? slash + 1 : path;
    char d[4096];
    size_t n = slash ? (size_t)(slash - path) : 0;
    if (n >= sizeof d)
        return false;
    memcpy(d, path, n);
    d[n] = '\0';
    return stat(slash ? (n ? d : "/") : ".", dir) == 0;
}

/* Same file: same device and inode when both exist; else the same name in the same
 * directory (out.txt and ./out.txt). */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    bool has_a = stat(a, &sa) == 0, has_b = stat(b, &sb) == 0;
    if (has_a && has_b)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino && S_ISREG(sa.st_mode);
    if (has_a || has_b)
        return false;
    const char *base_a, *base_b;
    if (!locate(a, &sa, &base_a) || !locate(b, &sb, &base_b))
        return strcmp(a, b) == 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino && strcmp(base_a, base_b) == 0;
}

int outfile_check_paths(const outfile_name_t *inputs, size_t n_inputs,
                        const outfile_name_t *outputs, size_t n_outputs, char *err,
                        size_t err_size)
{
    for (size_t i = 0; i < n_outputs; i++) {
        const outfile_name_t *o = &outputs[i];
        if (!o->path)
            continue;
        if (outfile_is_source_name(o->path)) {
            snprintf(err, err_size, "%s %s: refusing to write over a source name (*.dasm, "
                     "*.asm, *.s); was it meant as the image?", o->flag, o->path);
            return -1;
        }
        for (size_t k = 0; k < n_inputs; k++)
            if (inputs[k].path && same_file(o->path, inputs[k].path)) {
                snprintf(err, err_size, "%s %s: that is the %s file; refusing to write over "
                         "an input", o->flag, o->path, inputs[k].flag);
                return -1;
            }
        for (size_t k = 0; k < i; k++)
            if (outputs[k].path && same_file(o->path, outputs[k].path)) {
                snprintf(err, err_size, "%s %s: the same file as %s; each output needs its "
                         "own file", o->flag, o->path, outputs[k].flag);
                return -1;
            }
    }
    return 0;
}
