/* lineinput.h — where the debugger's command lines come from: a --batch file, a file or
 * pipe on stdin, or the terminal (with line editing and history through libedit when the
 * build has it, plain line reading otherwise).
 *
 *   lineinput_t in;
 *   if (lineinput_open(&in, batch_path, err, sizeof err) != 0) ...   NULL path: stdin
 *   const char *line;
 *   while ((line = lineinput_read(&in, "(d16) ")))   NULL at the end of the input
 *       ...in.echo: the caller shows the prompt and line itself (nobody typed them)...
 *   lineinput_close(&in);
 *
 * A line is returned without its newline and stays valid until the next read. A line
 * longer than LINEINPUT_MAX is cut there (in.truncated says so). Ctrl-C at the prompt
 * abandons the line being typed and asks again. A file or pipe with a NUL byte ends the
 * input there (in.error says why): the rest of such a line is never run as a command. */
#ifndef D16_LINEINPUT_H
#define D16_LINEINPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>

#define LINEINPUT_MAX 1024
#define LINEINPUT_EDIT_LIBRARY "libedit.so.2" /* libedit's SONAME, loaded for a terminal */

typedef struct lineinput {
    FILE *file;        /* a --batch file, or stdin when it is not a terminal */
    bool own_file;     /* opened here: closed here */
    bool interactive;  /* the terminal: a prompt, editing, history */
    bool echo;         /* not typed: the caller prints what it runs */
    const char *name;  /* for messages: the batch file's name, or "stdin" */
    unsigned lineno;
    bool truncated;
    const char *error; /* why the input ended early (a NUL byte), or NULL */
    const volatile sig_atomic_t *stop; /* a signal ends a read from a file or pipe */
    char *edited;      /* libedit's last line */
    void *edit;        /* libedit's functions, once loaded (lineinput.c) */
    char buf[LINEINPUT_MAX + 2];
} lineinput_t;

/* Opens path as a batch file, or stdin when path is NULL. Returns 0, or -1 with
 * "FILE: cannot open: reason" in err. */
int lineinput_open(lineinput_t *in, const char *path, char *err, size_t err_size);

const char *lineinput_read(lineinput_t *in, const char *prompt);

void lineinput_close(lineinput_t *in);

#endif
