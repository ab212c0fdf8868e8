/* lineinput.c — debugger command lines from a file, a pipe or the terminal. */
#include "frontend/lineinput.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontend/image_file.h"

#ifdef HAVE_LIBEDIT
#include <editline/readline.h>

#include "frontend/dynlib.h"

/* X(return type, name, parameter list): the libedit functions the prompt calls. libedit
 * is loaded when a prompt is first opened on a terminal (dynlib.h). */
#define LINEINPUT_EDIT_FUNCTIONS(X)                                                        \
    X(char *, readline, (const char *prompt))                                             \
    X(int, add_history, (const char *line))

DYNLIB_TABLE(lineinput_edit_t, LINEINPUT_EDIT_FUNCTIONS)
DYNLIB_SAME_TYPES(LINEINPUT_EDIT_FUNCTIONS)
DYNLIB_LOADER(lineinput_edit_load, lineinput_edit_t, LINEINPUT_EDIT_FUNCTIONS)

/* Without libedit at run time the prompt reads plain lines, as a build without it does. */
static void open_editing(lineinput_t *in)
{
    char err[256];
    lineinput_edit_t *edit = malloc(sizeof *edit);
    if (edit && lineinput_edit_load(edit, LINEINPUT_EDIT_LIBRARY, err, sizeof err) == 0) {
        in->edit = edit;
        return;
    }
    if (edit)
        fprintf(stderr, "d16: %s; no line editing\n", err);
    free(edit);
}
#endif

/* SIGTERM or SIGHUP came: a read ends (SIGINT only abandons the line being typed). */
static bool terminating(const lineinput_t *in)
{
    return in->stop && *in->stop && *in->stop != SIGINT;
}

int lineinput_open(lineinput_t *in, const char *path, char *err, size_t err_size)
{
    *in = (lineinput_t){.file = stdin, .name = "stdin"};
    if (path) {
        in->file = image_file_open(path, err, err_size); /* refuses a directory too */
        if (!in->file)
            return -1;
        in->own_file = true;
        in->name = path;
    } else {
        in->interactive = isatty(STDIN_FILENO) == 1;
    }
#ifdef HAVE_LIBEDIT
    if (in->interactive)
        open_editing(in);
#endif
    in->echo = !in->interactive;
    return 0;
}

/* Drops the newline; cuts (and skips the rest of) a line past LINEINPUT_MAX. */
static const char *finish_line(lineinput_t *in, char *line, FILE *rest)
{
    size_t n = strlen(line);
    in->truncated = false;
    if (n > 0 && line[n - 1] == '\n') {
        line[--n] = '\0';
    } else if (n > LINEINPUT_MAX && rest) {
        int c;
        while ((c = getc(rest)) != EOF && c != '\n')
            ;
    }
    if (n > LINEINPUT_MAX) {
        line[LINEINPUT_MAX] = '\0';
        in->truncated = true;
    }
    if (n > 0 && line[n - 1] == '\r')
        line[n - 1] = '\0';
    in->lineno++;
    return line;
}

#ifdef HAVE_LIBEDIT
static const char *read_edited(lineinput_t *in, const char *prompt)
{
    free(in->edited);
    errno = 0;
    const lineinput_edit_t *edit = in->edit;
    while (!(in->edited = edit->readline(prompt)) && errno == EINTR && !terminating(in)) {
        fputc('\n', stdout); /* Ctrl-C at the prompt: a fresh line */
        errno = 0;
    }
    if (!in->edited)
        return NULL;
    if (in->edited[0])
        edit->add_history(in->edited);
    size_t n = strlen(in->edited);
    if (n > LINEINPUT_MAX) {
        in->edited[LINEINPUT_MAX] = '\0';
        in->truncated = true;
    } else {
        in->truncated = false;
    }
    in->lineno++;
    return in->edited;
}
#endif

/* A line from a file or pipe, byte by byte: a NUL byte ends the input (a text file has
 * none; /dev/zero would be an endless line), and a signal ends a long read. */
static const char *read_plain(lineinput_t *in)
{
    size_t n = 0;
    int c = EOF;
    bool any = false;
    in->truncated = false;
    while (!(in->stop && *in->stop) && (c = getc(in->file)) != EOF && c != '\n') {
        any = true;
        if (c == '\0') {
            in->lineno++;
            in->error = "a NUL byte (not a text file)";
            return NULL;
        }
        if (n < LINEINPUT_MAX)
            in->buf[n++] = (char)c;
        else
            in->truncated = true;
    }
    if (!any && c != '\n')
        return NULL;
    if (n > 0 && in->buf[n - 1] == '\r')
        n--;
    in->buf[n] = '\0';
    in->lineno++;
    return in->buf;
}

const char *lineinput_read(lineinput_t *in, const char *prompt)
{
    if (!in->interactive)
        return read_plain(in);
#ifdef HAVE_LIBEDIT
    if (in->interactive && in->edit)
        return read_edited(in, prompt);
#endif
    for (;;) {
        if (in->interactive) {
            fputs(prompt, stdout);
            fflush(stdout);
        }
        errno = 0;
        if (fgets(in->buf, sizeof in->buf, in->file))
            return finish_line(in, in->buf, in->file);
        if (!(in->interactive && errno == EINTR) || terminating(in))
            return NULL;
        /* Ctrl-C at the prompt: a fresh line. */
        clearerr(in->file);
        fputc('\n', stdout);
    }
}

void lineinput_close(lineinput_t *in)
{
    if (in->own_file && in->file)
        fclose(in->file);
#ifdef HAVE_LIBEDIT
    free(in->edited);
    free(in->edit);
#endif
    *in = (lineinput_t){0};
}
