/* tty_curses.h — ncursesw for the terminal front end, loaded with dlopen() when the
 * terminal front end first starts (dynlib.h), so a run that never draws in the terminal
 * never maps it, nor libtinfo.
 *
 *   tty_curses_t c;
 *   WINDOW **stdscr_var;
 *   if (tty_curses_load(&c, &stdscr_var, err, sizeof err) != 0)   "cannot load ...: why"
 *       ...
 *   SCREEN *screen = c.newterm(NULL, stdout, stdin);
 *   WINDOW *win = *stdscr_var;                 the whole terminal, once newterm() ran
 *   c.mvwaddnstr(win, 0, 0, "hello", 5);       every call through c, on win
 *
 * curses.h still gives the types and constants (KEY_F(1), A_REVERSE, ERR). Its macros that
 * stand for functions on stdscr (getch, refresh, attrset, mvaddnstr, ...) are switched off
 * (NCURSES_NOMACROS): a call made around the table is an undefined symbol when d16 links.
 * Include this header before anything else that includes curses.h. */
#ifndef D16_TTY_CURSES_H
#define D16_TTY_CURSES_H

#define NCURSES_NOMACROS
#include <curses.h>
#include <stddef.h>

#include "frontend/dynlib.h"

/* ncursesw's SONAME. The terminfo functions (setupterm, tigetstr, keypad, ...) may live in
 * libtinfo.so.6, which it needs: dlsym() finds them through its handle all the same, as
 * POSIX searches the libraries a library pulls in. */
#define TTY_CURSES_LIBRARY "libncursesw.so.6"

/* X(return type, name, parameter list): every curses function the tty files call (the
 * terminfo check has its own, tty_terminfo.c). */
#define TTY_CURSES_FUNCTIONS(X)                                                            \
    X(SCREEN *, newterm, (const char *type, FILE *out, FILE *in))                          \
    X(int, endwin, (void))                                                                 \
    X(void, delscreen, (SCREEN *screen))                                                   \
    X(int, raw, (void))                                                                    \
    X(int, noecho, (void))                                                                 \
    X(int, nonl, (void))                                                                   \
    X(int, keypad, (WINDOW *win, bool on))                                                 \
    X(int, set_escdelay, (int ms))                                                         \
    X(int, curs_set, (int visibility))                                                     \
    X(char *, tigetstr, (const char *capability))                                          \
    X(int, tigetnum, (const char *capability))                                             \
    X(bool, has_colors, (void))                                                            \
    X(int, start_color, (void))                                                            \
    X(int, use_default_colors, (void))                                                     \
    X(int, assume_default_colors, (int fg, int bg))                                        \
    X(int, init_extended_pair, (int pair, int fg, int bg))                                 \
    X(int, getmaxy, (const WINDOW *win))                                                   \
    X(int, getmaxx, (const WINDOW *win))                                                   \
    X(void, wtimeout, (WINDOW *win, int ms))                                               \
    X(int, wgetch, (WINDOW *win))                                                          \
    X(int, setcchar,                                                                       \
      (cchar_t *cc, const wchar_t *text, const attr_t attr, NCURSES_PAIRS_T pair,          \
       const void *opts))                                                                  \
    X(int, mvwadd_wch, (WINDOW *win, int y, int x, const cchar_t *cc))                     \
    X(int, wattr_set, (WINDOW *win, attr_t attr, NCURSES_PAIRS_T pair, void *opts))        \
    X(int, mvwhline, (WINDOW *win, int y, int x, chtype ch, int n))                        \
    X(int, mvwaddnstr, (WINDOW *win, int y, int x, const char *text, int n))               \
    X(int, wmove, (WINDOW *win, int y, int x))                                             \
    X(int, wclrtoeol, (WINDOW *win))                                                       \
    X(int, werase, (WINDOW *win))                                                          \
    X(int, wrefresh, (WINDOW *win))

DYNLIB_TABLE(tty_curses_t, TTY_CURSES_FUNCTIONS)

/* Fills c from TTY_CURSES_LIBRARY and, in *stdscr_var, where its stdscr variable is (data:
 * read it after newterm()). 0, or -1 with "cannot load ...: why" (or "... has no NAME") in
 * err. The library stays loaded (dynlib.c); loading it again is cheap. */
int tty_curses_load(tty_curses_t *c, WINDOW ***stdscr_var, char *err, size_t err_size);

#endif
