/* outfile.h — files a tool writes, written so that nothing the user had is ever damaged
 * (docs/cli.md "Output files"): a regular file is written to a temporary file beside it and
 * renamed over it only when complete, so a failure, a signal or a crash leaves the old
 * contents; a FIFO or a device (/dev/stdout, /dev/null) is written in place, and a FIFO
 * nobody reads is refused instead of blocking.
 *
 *   outfile_t o;
 *   char err[512];
 *   if (outfile_open(&o, "dump.json", false, err, sizeof err) != 0) ...  "dump.json: cannot write: ..."
 *   fprintf(o.file, ...);
 *   if (outfile_commit(&o, err, sizeof err) != 0) ...   the old file stays; the temporary is gone
 *   outfile_discard(&o);                                 any time: removes an uncommitted temporary
 *
 * outfile_check_paths refuses, before anything is opened, an output that is one of the
 * inputs (same device and inode), the same file as another output, or named like a
 * program source (*.dasm, *.asm, *.s). */
#ifndef D16_OUTFILE_H
#define D16_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct outfile {
    FILE *file;      /* where to write; NULL when not open */
    const char *path; /* the name the user gave */
    char *temp;      /* the temporary beside path, or NULL when written in place */
} outfile_t;

/* Opens path for writing. Returns 0, or -1 with "path: cannot write: why" in err. */
int outfile_open(outfile_t *o, const char *path, bool binary, char *err, size_t err_size);

/* Flushes and closes the file and renames the temporary over path. Returns 0, or -1 with
 * "path: cannot write: why" in err (the temporary removed, path untouched). */
int outfile_commit(outfile_t *o, char *err, size_t err_size);

/* Closes the file and removes the temporary: path keeps what it had. Safe on a zeroed or
 * committed outfile_t. */
void outfile_discard(outfile_t *o);

/* A named file the check compares: flag is how the user gave it ("--trace", "IMAGE"). */
typedef struct outfile_name {
    const char *flag;
    const char *path; /* NULL: not given */
} outfile_name_t;

/* True for names a program source has: *.dasm, *.asm, *.s (any case). */
bool outfile_is_source_name(const char *path);

/* Refuses an output that is an input, another output, or named like a source. Inputs
 * that do not exist are skipped (their own open reports them). Returns 0, or -1 with one
 * line in err: "--trace prog.dasm: ..." */
int outfile_check_paths(const outfile_name_t *inputs, size_t n_inputs,
                        const outfile_name_t *outputs, size_t n_outputs, char *err,
                        size_t err_size);

#endif
