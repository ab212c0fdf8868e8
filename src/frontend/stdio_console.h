/* stdio_console.h — connects the guest's console (docs/machine.md §3.2) to the process's stdin.
 *
 *   stdio_input_t in;
 *   stdio_input_init(&in, STDIN_FILENO, &stop_flag);
 *   machine_opts.console_in = stdio_input_source(&in);
 *
 * When stdin is not a terminal (a file, a pipe, /dev/null) reads block: the guest sees
 * every byte as if it had been there from cycle 0, so runs stay deterministic. A terminal
 * is read without blocking; the front end calls console_poll between run slices so a line
 * typed later raises the console's "byte ready" interrupt. Reads stop (the source reports
 * "nothing yet") once *stop is set, so SIGINT is never stuck behind a blocking read.
 * stdio_input_read is the same reader for --stdin-keys. */
#ifndef D16_STDIO_CONSOLE_H
#define D16_STDIO_CONSOLE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/console.h"

typedef struct stdio_input {
    int fd;
    bool interactive; /* a terminal: never block */
    bool eof;
    const volatile sig_atomic_t *stop;
    uint8_t buf[4096];
    size_t pos, len;
} stdio_input_t;

void stdio_input_init(stdio_input_t *in, int fd, const volatile sig_atomic_t *stop);

/* The next byte (0..255), CONSOLE_SOURCE_NONE (nothing yet) or CONSOLE_SOURCE_EOF. */
int stdio_input_read(stdio_input_t *in);

console_source_t stdio_input_source(stdio_input_t *in);

#endif
