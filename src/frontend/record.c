/* record.c — writes the events of --record as --keys lines, atomically at the end. */
#include "frontend/record.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontend/keyscript.h"

int record_open(record_t *r, const char *path, char *err, size_t err_size)
{
    *r = (record_t){0};
    size_t len = strlen(path);
    r->path = strdup(path);
    r->tmp = malloc(len + 16);
    if (!r->path || !r->tmp) {
        record_abandon(r);
        snprintf(err, err_size, "%s: out of memory", path);
        return -1;
    }
    snprintf(r->tmp, len + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(r->tmp);
    if (fd < 0 || !(r->f = fdopen(fd, "w"))) {
        snprintf(err, err_size, "%s: cannot write: %s", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(r->tmp);
        }
        free(r->tmp);
        r->tmp = NULL;
        record_abandon(r);
        return -1;
    }
    (void)fchmod(fd, 0644);
    fputs("# d16 --record: replay with d16 --keys THIS-FILE and the same image and flags\n"
          "# (without --keys, --type or --stdin-keys: their events are in here too)\n",
          r->f);
    return 0;
}

void record_event(record_t *r, uint64_t cycle, bool console, keyboard_action_t action,
                  uint16_t code)
{
    if (!r->f)
        return;
    char line[96];
    keyscript_format(line, sizeof line, cycle, console, action, code);
    if (fprintf(r->f, "%s\n", line) < 0)
        r->failed = true;
}

void record_comment(record_t *r, const char *text)
{
    if (r->f && fprintf(r->f, "# %s\n", text) < 0)
        r->failed = true;
}

void record_console_start(record_t *r, uint64_t cycle, bool open)
{
    if (r->f && fprintf(r->f, "%llu console %s\n", (unsigned long long)cycle,
                        open ? "\"\"" : "none") < 0)
        r->failed = true;
}

int record_close(record_t *r, char *err, size_t err_size)
{
    if (!r->f)
        return 0;
    int rc = r->failed || fflush(r->f) != 0 || fsync(fileno(r->f)) != 0 ? -1 : 0;
    int saved = errno;
    if (fclose(r->f) != 0 && rc == 0) {
        rc = -1;
        saved = errno;
    }
    r->f = NULL;
    if (rc == 0 && rename(r->tmp, r->path) != 0) {
        rc = -1;
        saved = errno;
    }
    if (rc != 0) {
        snprintf(err, err_size, "%s: cannot write: %s", r->path, strerror(saved));
        unlink(r->tmp);
    }
    record_abandon(r);
    return rc;
}

void record_abandon(record_t *r)
{
    if (r->f) {
        fclose(r->f);
        unlink(r->tmp);
    }
    free(r->path);
    free(r->tmp);
    *r = (record_t){0};
}
