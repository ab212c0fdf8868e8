/* stdio_console.c — stdin as a console_source_t: blocking for files and pipes, polled for
 * terminals. */
#include "frontend/stdio_console.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>

void stdio_input_init(stdio_input_t *in, int fd, const volatile sig_atomic_t *stop)
{
    *in = (stdio_input_t){.fd = fd, .interactive = isatty(fd) == 1, .stop = stop};
}

/* True when a read on the terminal would not block. */
static bool terminal_has_input(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, 0) > 0;
}

static void refill(stdio_input_t *in)
{
    if (in->interactive && !terminal_has_input(in->fd))
        return;
    /* A guest that waits for input may have left a prompt in stdout's buffer. */
    if (!in->interactive)
        fflush(stdout);
    ssize_t n = read(in->fd, in->buf, sizeof in->buf);
    if (n > 0) {
        in->pos = 0;
        in->len = (size_t)n;
    } else if (n == 0 || errno != EINTR) {
        in->eof = true; /* end of input, or an error that will not go away */
    }
}

int stdio_input_read(stdio_input_t *in)
{
    if (in->pos == in->len && !in->eof && !(in->stop && *in->stop))
        refill(in);
    if (in->pos < in->len)
        return in->buf[in->pos++];
    return in->eof ? CONSOLE_SOURCE_EOF : CONSOLE_SOURCE_NONE;
}

static int source_next(void *ctx)
{
    return stdio_input_read(ctx);
}

/* A byte (or the end) is there now: buffered, or readable without waiting. */
static bool source_ready(void *ctx)
{
    const stdio_input_t *in = ctx;
    return in->pos < in->len || in->eof || terminal_has_input(in->fd);
}

console_source_t stdio_input_source(stdio_input_t *in)
{
    return (console_source_t){.next = source_next, .ctx = in, .ready = source_ready};
}
