/* image_file.h — reads a whole file that a tool was given (an image, a symbols file), with
 * a size limit and a one-line message that names the file. d16 and d16dis share it so
 * they refuse the same files in the same words.
 *
 *   uint8_t *data; size_t size; char err[512];
 *   if (image_file_read("prog.bin", 0x20000, &data, &size, err, sizeof err) != 0)
 *       fprintf(stderr, "d16dis: %s\n", err);    "prog.bin: cannot read: Is a directory"
 *   else if (size > 0x20000) ...                   larger than the limit: not read to its end
 *   free(data); */
#ifndef D16_IMAGE_FILE_H
#define D16_IMAGE_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Opens path for reading; NULL with "path: cannot open: why" in err, or "path: cannot
 * read: Is a directory" for a directory (which fopen accepts and then reads as nothing). */
FILE *image_file_open(const char *path, char *err, size_t err_size);

/* Reads at most limit + 1 bytes of path into *data (malloc'd; the caller frees it), so
 * *size > limit says the file is larger than the limit. Returns 0, or -1 with
 * "path: cannot open: why", "path: cannot read: why" or "path: out of memory" in err. */
int image_file_read(const char *path, size_t limit, uint8_t **data, size_t *size, char *err,
                    size_t err_size);

#endif
