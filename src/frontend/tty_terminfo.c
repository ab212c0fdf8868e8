/* tty_terminfo.c — vets TERM before curses starts, saying why a terminal cannot be used
 * (curses itself would print and exit). Apart from the other tty files: term.h defines a
 * macro for every capability name (lines, columns, ...). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <term.h>
#include <unistd.h>

int tty_terminfo_check(char *err, size_t err_size);

int tty_terminfo_check(char *err, size_t err_size)
{
    const char *term = getenv("TERM");
    int rc;
    if (!term || !*term) {
        snprintf(err, err_size, "TERM is not set");
        return -1;
    }
    if (setupterm(NULL, STDOUT_FILENO, &rc) != OK) {
        snprintf(err, err_size, "TERM=%s: %s", term,
                 rc == 0 ? "a hard-copy or generic terminal" : "not in the terminfo database");
        return -1;
    }
    const char *cup = tigetstr("cup");
    bool usable = cup && cup != (char *)-1;
    del_curterm(cur_term);
    if (!usable) {
        snprintf(err, err_size, "TERM=%s cannot move its cursor", term);
        return -1;
    }
    return 0;
}
