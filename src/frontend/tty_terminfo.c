/* tty_terminfo.c — vets TERM before curses starts, saying why a terminal cannot be used
 * (curses itself would print and exit). Apart from the other tty files: term.h defines a
 * macro for every capability name (lines, columns, ...). */
#include "frontend/tty_curses.h"

#include <stdio.h>
#include <stdlib.h>
#include <term.h>
#include <unistd.h>

/* X(return type, name, parameter list): the terminfo functions the check calls, from
 * ncursesw's handle like the rest (tty_curses.h). */
#define TTY_TERMINFO_FUNCTIONS(X)                                                          \
    X(int, setupterm, (const char *term, int fd, int *result))                             \
    X(char *, tigetstr, (const char *capability))                                          \
    X(TERMINAL *, set_curterm, (TERMINAL *term))                                           \
    X(int, del_curterm, (TERMINAL *term))

DYNLIB_TABLE(tty_terminfo_t, TTY_TERMINFO_FUNCTIONS)
DYNLIB_SAME_TYPES(TTY_TERMINFO_FUNCTIONS)
DYNLIB_LOADER(load_terminfo, tty_terminfo_t, TTY_TERMINFO_FUNCTIONS)

int tty_terminfo_check(char *err, size_t err_size);

int tty_terminfo_check(char *err, size_t err_size)
{
    const char *term = getenv("TERM");
    int rc;
    tty_terminfo_t ti;
    if (load_terminfo(&ti, TTY_CURSES_LIBRARY, err, err_size) != 0)
        return -1;
    if (!term || !*term) {
        snprintf(err, err_size, "TERM is not set");
        return -1;
    }
    if (ti.setupterm(NULL, STDOUT_FILENO, &rc) != OK) {
        snprintf(err, err_size, "TERM=%s: %s", term,
                 rc == 0 ? "a hard-copy or generic terminal" : "not in the terminfo database");
        return -1;
    }
    const char *cup = ti.tigetstr("cup");
    bool usable = cup && cup != (char *)-1;
    ti.del_curterm(ti.set_curterm(NULL)); /* set_curterm gives back cur_term, a variable */
    if (!usable) {
        snprintf(err, err_size, "TERM=%s cannot move its cursor", term);
        return -1;
    }
    return 0;
}
