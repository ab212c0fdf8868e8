/* tty_int.h — what the terminal front end's files share: tty.c runs the loop and d16's
 * keys, tty_screen.c owns curses (colours, the picture, the status line, the console
 * area), tty_terminfo.c vets TERM, tty_signals.c leaves the terminal as it was found whatever ends the process. */
#ifndef D16_TTY_INT_H
#define D16_TTY_INT_H

#include "frontend/tty_curses.h" /* first: it switches curses' stdscr macros off */

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "frontend/pacer.h"
#include "frontend/session.h"
#include "frontend/tty_colour.h"
#include "frontend/tty_glyph.h"

#define TTY_CONSOLE_LINES 200 /* console lines kept for the area below the status line */
#define TTY_CONSOLE_WIDTH 160 /* longer lines go on in the next */

typedef struct tty {
    session_t *s;
    keyboard_dev_t *keyboard; /* NULL on a board without one */
    display_dev_t *display;   /* likewise */
    tty_curses_t curses; /* every curses call goes through it (tty_curses.h) */
    SCREEN *screen;
    WINDOW *win; /* curses' stdscr: the whole terminal */
    bool ascii; /* --tty=ascii, or a locale that is not UTF-8 */

    /* Colours: each palette entry's terminal colour; pairs as tty_screen.c explains. */
    tty_colour_depth_t depth;
    bool pairs_by_palette;
    int colour[16];
    bool colours_valid;

    tty_glyphs_t glyphs;
    uint16_t font[LEM_FONT_WORDS]; /* the font the glyphs were made from */
    bool glyphs_valid;

    /* Layout, from the terminal's size. */
    int rows, cols;
    int top, left;          /* the picture's corner, border included */
    int border_x, border_y; /* 2 × 1 cells where the terminal has room, else 0 */
    bool too_small;

    bool redraw_all; /* the terminal was resized or wiped */
    bool console_dirty;
    char status[256];  /* the status line as drawn last: state and keys */

    /* The console's output and the log, newest last (a ring). */
    char lines[TTY_CONSOLE_LINES][TTY_CONSOLE_WIDTH + 1];
    unsigned first, count; /* count includes the line being written */
    FILE *out_later, *err_later; /* the same, for stdout and stderr at the end */

    bool quit, paused, turbo;
    pacer_t pace;
    volatile sig_atomic_t console_silent; /* the console never reads the terminal */
} tty_t;

/* tty_screen.c */
int tty_screen_open(tty_t *t, char *err, size_t err_size);
void tty_screen_close(tty_t *t);
void tty_screen_resized(tty_t *t);
void tty_screen_draw(tty_t *t, const char *state, const char *keys);
void tty_console_byte(tty_t *t, uint8_t byte);
void tty_console_line(tty_t *t, const char *line);

/* tty_terminfo.c: 0 when TERM names a terminal that can move its cursor, else -1 and why. */
int tty_terminfo_check(char *err, size_t err_size);

/* tty_signals.c */
void tty_signals_catch(void);       /* before curses starts: the terminal's modes */
/* after curses started: crash signals restore them, with c's terminfo strings */
void tty_signals_arm_restore(const tty_curses_t *c);
void tty_signals_release(void);     /* after curses ended */

#endif
