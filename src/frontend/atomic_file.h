/* atomic_file.h — writing a whole file so that it is either the old one or the new one,
 * whatever happens meanwhile: a temporary file beside it, fsync, rename, fsync of the
 * directory.
 *
 *   if (atomic_file_write("s.d16state", bytes, size, 0644) != 0)   errno says why
 *   char *text = atomic_file_read("s.d16state", limit, &size);   NULL + errno on failure */
#ifndef D16_ATOMIC_FILE_H
#define D16_ATOMIC_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Writes the file with permissions mode. Returns 0, or -1 with errno set (the temporary
 * file is removed). */
int atomic_file_write(const char *path, const void *bytes, size_t size, mode_t mode);

/* Syncs the directory holding path: a rename or link there is durable only then. Returns
 * 0, or -1 with errno set. */
int atomic_file_sync_directory(const char *path);

/* The whole file as a malloc'd buffer; NULL with errno set, EFBIG past limit bytes. */
uint8_t *atomic_file_read(const char *path, size_t limit, size_t *size);

#endif
