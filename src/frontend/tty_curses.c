/* tty_curses.c — ncursesw loaded on first use (tty_curses.h). */
#include "frontend/tty_curses.h"

#include "frontend/tty.h"

DYNLIB_SAME_TYPES(TTY_CURSES_FUNCTIONS)
DYNLIB_LOADER(load_functions, tty_curses_t, TTY_CURSES_FUNCTIONS)

int tty_curses_load(tty_curses_t *c, WINDOW ***stdscr_var, char *err, size_t err_size)
{
    if (load_functions(c, TTY_CURSES_LIBRARY, err, err_size) != 0)
        return -1;
    /* The handle load_functions used: dlopen() counts, the library is mapped once. */
    void *lib = dynlib_open(TTY_CURSES_LIBRARY, err, err_size);
    *stdscr_var = lib ? dynlib_symbol(lib, TTY_CURSES_LIBRARY, "stdscr", err, err_size) : NULL;
    return *stdscr_var ? 0 : -1;
}

bool tty_loadable(char *err, size_t err_size)
{
    tty_curses_t c;
    WINDOW **stdscr_var;
    return tty_curses_load(&c, &stdscr_var, err, err_size) == 0;
}
