/* tty_screen.c — curses for the terminal front end: colours found through terminfo, the
 * 32×12 picture in its border, the status line and the console area below it. Every cell
 * is handed to curses at each draw; curses sends the terminal only the cells that changed. */
#include "frontend/tty_int.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PICTURE_BORDER_X 2 /* the 8-pixel border is 2 cells wide, 1 cell high */
#define PICTURE_BORDER_Y 1
#define ESCAPE_DELAY_MS  25 /* how long a lone Escape waits for the rest of a key's sequence */

/* ---- colours
 * Pairs by palette (pair 1 + 16 × fg + bg), re-made when the palette's colours change,
 * where the terminal has more than 256 pairs; else pairs by terminal colour (8 or 16),
 * made once, without the pairs whose two colours are the same: such a cell shows its
 * background only, so it is drawn as a space. */

/* terminfo's colours and pairs: what curses' COLORS and COLOR_PAIRS are set from. */
static tty_colour_depth_t colour_depth(const tty_curses_t *c)
{
    if (!c->has_colors())
        return TTY_COLOUR_NONE;
    int colors = c->tigetnum("colors"), pairs = c->tigetnum("pairs");
    if (colors >= 1 << 24 && pairs > 256)
        return TTY_COLOUR_DIRECT;
    if (colors >= 256 && pairs > 256)
        return TTY_COLOUR_256;
    if (colors >= 16 && pairs > 16 * 15)
        return TTY_COLOUR_16;
    if (colors >= 8 && pairs > 8 * 7)
        return TTY_COLOUR_8;
    return TTY_COLOUR_NONE;
}

/* The pair of two different terminal colours, numbered without the same-colour pairs. */
static int pair_by_terminal(int n, int fg, int bg)
{
    return 1 + fg * (n - 1) + (bg < fg ? bg : bg - 1);
}

static void setup_colours(tty_t *t)
{
    const tty_curses_t *c = &t->curses;
    t->depth = TTY_COLOUR_NONE;
    if (c->has_colors() && c->start_color() == OK) {
        t->depth = colour_depth(c);
        /* The status line and the console area keep the terminal's own colours. */
        if (c->use_default_colors() != OK && t->depth == TTY_COLOUR_DIRECT)
            c->assume_default_colors(0xaaaaaa, 0x000000);
    }
    t->pairs_by_palette = t->depth >= TTY_COLOUR_256;
    if (t->depth == TTY_COLOUR_8 || t->depth == TTY_COLOUR_16) {
        int n = tty_colour_count(t->depth);
        for (int fg = 0; fg < n; fg++)
            for (int bg = 0; bg < n; bg++)
                if (fg != bg)
                    c->init_extended_pair(pair_by_terminal(n, fg, bg), fg, bg);
    }
    t->colours_valid = false;
}

static void update_colours(tty_t *t, const display_dev_t *d)
{
    int colour[16];
    for (unsigned i = 0; i < 16; i++)
        colour[i] = tty_colour_number(t->depth, display_color(d, i));
    if (t->colours_valid && memcmp(colour, t->colour, sizeof colour) == 0)
        return;
    memcpy(t->colour, colour, sizeof colour);
    t->colours_valid = true;
    if (t->pairs_by_palette)
        for (int fg = 0; fg < 16; fg++)
            for (int bg = 0; bg < 16; bg++)
                t->curses.init_extended_pair(1 + 16 * fg + bg, colour[fg], colour[bg]);
}

/* How a cell of palette colours fg on bg is drawn: its pair and attributes, and whether
 * its glyph can show (false: draw a space). */
static bool cell_style(const tty_t *t, const display_dev_t *d, unsigned fg, unsigned bg,
                       int *pair, attr_t *attr)
{
    *pair = 0;
    *attr = A_NORMAL;
    if (t->depth == TTY_COLOUR_NONE) {
        unsigned light_fg = tty_colour_lightness(display_color(d, fg));
        unsigned light_bg = tty_colour_lightness(display_color(d, bg));
        if (light_bg > light_fg)
            *attr = A_REVERSE;
        return light_fg != light_bg;
    }
    int tfg = t->colour[fg], tbg = t->colour[bg];
    if (t->pairs_by_palette) {
        *pair = 1 + 16 * (int)fg + (int)bg;
        return tfg != tbg;
    }
    int n = tty_colour_count(t->depth);
    if (tfg == tbg)
        tfg = tbg == 0 ? 1 : 0; /* any other: only the background shows */
    *pair = pair_by_terminal(n, tfg, tbg);
    return t->colour[fg] != t->colour[bg];
}

static void put_cell(const tty_t *t, int y, int x, wchar_t ch, attr_t attr, int pair)
{
    wchar_t text[2] = {ch, 0};
    cchar_t cc;
    t->curses.setcchar(&cc, text, attr, 0, &pair);
    t->curses.mvwadd_wch(t->win, y, x, &cc);
}

/* ---- glyphs */

static void update_glyphs(tty_t *t, const display_dev_t *d)
{
    uint16_t font[LEM_FONT_WORDS];
    /* display_changed left the font RAM's words in d->seen; 0 = the built-in font. */
    memcpy(font, d->seen.reg[1] ? d->seen.font : lem_default_font, sizeof font);
    if (t->glyphs_valid && memcmp(font, t->font, sizeof font) == 0)
        return;
    memcpy(t->font, font, sizeof font);
    tty_glyphs_build(&t->glyphs, font, t->ascii);
    t->glyphs_valid = true;
}

/* ---- layout */

static void layout(tty_t *t)
{
    t->rows = t->curses.getmaxy(t->win);
    t->cols = t->curses.getmaxx(t->win);
    t->border_x = t->cols >= DISPLAY_COLS + 2 * PICTURE_BORDER_X ? PICTURE_BORDER_X : 0;
    t->border_y = t->rows >= DISPLAY_ROWS + 2 * PICTURE_BORDER_Y + 1 ? PICTURE_BORDER_Y : 0;
    t->too_small = t->cols < DISPLAY_COLS || t->rows < DISPLAY_ROWS + 1;
    t->left = (t->cols - (DISPLAY_COLS + 2 * t->border_x)) / 2;
    t->top = 0;
}

static int status_row(const tty_t *t)
{
    return t->top + DISPLAY_ROWS + 2 * t->border_y;
}

void tty_screen_resized(tty_t *t)
{
    layout(t);
    t->redraw_all = true;
}

/* ---- the picture */

static void draw_border(const tty_t *t, const display_dev_t *d)
{
    int pair;
    attr_t attr;
    unsigned border = d->border & 15;
    cell_style(t, d, border, border, &pair, &attr);
    if (t->depth == TTY_COLOUR_NONE)
        attr = tty_colour_lightness(display_color(d, border)) > 127 ? A_REVERSE : A_NORMAL;
    int w = DISPLAY_COLS + 2 * t->border_x, h = DISPLAY_ROWS + 2 * t->border_y;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            if (y < t->border_y || y >= h - t->border_y || x < t->border_x ||
                x >= w - t->border_x)
                put_cell(t, t->top + y, t->left + x, L' ', attr, pair);
}

static bool solid(const tty_t *t, unsigned glyph)
{
    glyph &= TTY_GLYPHS - 1;
    return (t->font[2 * glyph] & t->font[2 * glyph + 1]) == 0xffff;
}

static void draw_picture(tty_t *t, const display_dev_t *d, uint64_t now)
{
    update_colours(t, d);
    update_glyphs(t, d);
    draw_border(t, d);
    bool on = display_is_on(d), blink_on = display_blink_on(d, now);
    unsigned border = d->border & 15;
    for (unsigned row = 0; row < DISPLAY_ROWS; row++) {
        for (unsigned col = 0; col < DISPLAY_COLS; col++) {
            /* Off, the whole picture is the border's colour. */
            display_cell_t c = on ? display_cell(d, col, row)
                                  : (display_cell_t){.glyph = ' ', .fg = border, .bg = border};
            bool lit = !(c.blink && !blink_on);
            /* A solid glyph in ASCII: a space in its colour, exact where '#' is not. */
            if (lit && t->ascii && on && solid(t, c.glyph)) {
                c.bg = c.fg;
                lit = false;
            }
            int pair;
            attr_t attr;
            bool shows = cell_style(t, d, c.fg, c.bg, &pair, &attr);
            wchar_t ch = shows && lit ? t->glyphs.ch[c.glyph & 127] : L' ';
            put_cell(t, t->top + t->border_y + (int)row, t->left + t->border_x + (int)col,
                     ch, attr, pair);
        }
    }
}

/* ---- status line and console area */

/* The state on the left, the keys on the right; short of room the state gives way, then
 * the keys. */
static void draw_status(tty_t *t, const char *state, const char *keys)
{
    const tty_curses_t *c = &t->curses;
    int y = status_row(t);
    int keys_len = (int)strlen(keys), room = t->cols - keys_len - 1;
    c->wattr_set(t->win, A_REVERSE, 0, NULL);
    c->mvwhline(t->win, y, 0, ' ', t->cols);
    if (room >= 16) {
        c->mvwaddnstr(t->win, y, 0, state, room);
        c->mvwaddnstr(t->win, y, t->cols - keys_len, keys, keys_len);
    } else {
        c->mvwaddnstr(t->win, y, 0, state, t->cols);
    }
    c->wattr_set(t->win, A_NORMAL, 0, NULL);
}

static const char *line_at(const tty_t *t, unsigned i)
{
    return t->lines[(t->first + i) % TTY_CONSOLE_LINES];
}

/* The newest lines that fit, bottom up; a line wider than the terminal takes more rows. */
static void draw_console(tty_t *t)
{
    const tty_curses_t *c = &t->curses;
    int top = status_row(t) + 1;
    for (int y = top; y < t->rows; y++) {
        c->wmove(t->win, y, 0);
        c->wclrtoeol(t->win);
    }
    int y = t->rows;
    unsigned n = t->count;
    if (n && !line_at(t, n - 1)[0])
        n--; /* the line being written is empty: no row for it */
    while (n-- > 0 && y > top) {
        const char *line = line_at(t, n);
        int len = (int)strlen(line);
        int rows = len ? (len + t->cols - 1) / t->cols : 1;
        for (int r = rows - 1; r >= 0 && y > top; r--)
            c->mvwaddnstr(t->win, --y, 0, line + r * t->cols, t->cols);
    }
    t->console_dirty = false;
}

static void draw_too_small(tty_t *t)
{
    t->curses.werase(t->win);
    char text[96];
    snprintf(text, sizeof text, "d16: the terminal is too small (%d x %d; needs %d x %d)",
             t->cols, t->rows, DISPLAY_COLS, DISPLAY_ROWS + 1);
    int len = (int)strlen(text);
    for (int y = 0, off = 0; y < t->rows && off < len; y++, off += t->cols)
        t->curses.mvwaddnstr(t->win, y, 0, text + off, t->cols);
}

void tty_screen_draw(tty_t *t, const char *state, const char *keys)
{
    char status[sizeof t->status];
    snprintf(status, sizeof status, "%s\n%s", state, keys);
    machine_t *m = t->s->m;
    bool picture = t->display && display_changed(t->display, m->cpu.cycles);
    if (t->redraw_all) {
        t->curses.werase(t->win);
        picture = t->display != NULL;
        t->console_dirty = true;
    }
    if (t->too_small) {
        if (t->redraw_all)
            draw_too_small(t);
    } else {
        if (picture)
            draw_picture(t, t->display, m->cpu.cycles);
        if (picture || t->redraw_all || strcmp(status, t->status) != 0)
            draw_status(t, state, keys);
        memcpy(t->status, status, sizeof status);
        if (t->console_dirty)
            draw_console(t);
    }
    t->redraw_all = false;
    t->curses.wrefresh(t->win);
}

/* ---- the console's output and the log */

static char *current_line(tty_t *t)
{
    if (t->count == 0)
        t->count = 1;
    return t->lines[(t->first + t->count - 1) % TTY_CONSOLE_LINES];
}

static void new_line(tty_t *t)
{
    if (t->count == TTY_CONSOLE_LINES)
        t->first = (t->first + 1) % TTY_CONSOLE_LINES;
    else
        t->count++;
    current_line(t)[0] = 0;
}

void tty_console_byte(tty_t *t, uint8_t byte)
{
    char *line = current_line(t);
    size_t len = strlen(line);
    t->console_dirty = true;
    if (byte == '\n') {
        new_line(t);
        return;
    }
    if (byte == '\r')
        return;
    if (len == TTY_CONSOLE_WIDTH) {
        new_line(t);
        line = current_line(t);
        len = 0;
    }
    line[len] = byte >= 0x20 && byte <= 0x7e ? (char)byte : '?';
    line[len + 1] = 0;
}

void tty_console_line(tty_t *t, const char *text)
{
    if (current_line(t)[0])
        new_line(t);
    for (; *text; text++)
        tty_console_byte(t, (uint8_t)*text);
    tty_console_byte(t, '\n');
}

/* ---- opening and closing */

static bool utf8_locale(void)
{
    const char *codeset = nl_langinfo(CODESET);
    return strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0;
}

int tty_screen_open(tty_t *t, char *err, size_t err_size)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        snprintf(err, err_size, "stdin and stdout are not both terminals");
        return -1;
    }
    WINDOW **stdscr_var;
    if (tty_curses_load(&t->curses, &stdscr_var, err, err_size) != 0)
        return -1;
    const tty_curses_t *c = &t->curses;
    setlocale(LC_CTYPE, ""); /* wide characters for curses; numbers stay "C" */
    t->ascii = t->ascii || !utf8_locale();
    if (tty_terminfo_check(err, err_size) != 0)
        return -1;
    tty_signals_catch();
    t->screen = c->newterm(NULL, stdout, stdin);
    if (!t->screen) {
        tty_signals_release();
        snprintf(err, err_size, "curses could not start on TERM=%s", getenv("TERM"));
        return -1;
    }
    t->win = *stdscr_var;
    tty_signals_arm_restore(c);
    c->raw();
    c->noecho();
    c->nonl();
    c->keypad(t->win, TRUE);
    c->set_escdelay(ESCAPE_DELAY_MS);
    c->curs_set(0); /* ERR where the terminal cannot hide it: it sits on the status line */
    setup_colours(t);
    t->display = machine_device(t->s->m, &display_class);
    tty_screen_resized(t);
    return 0;
}

void tty_screen_close(tty_t *t)
{
    /* Without a screen of its own to leave (no rmcup: vt100), the picture would stay. */
    const tty_curses_t *c = &t->curses;
    const char *rmcup = c->tigetstr("rmcup");
    if (!rmcup || rmcup == (char *)-1) {
        c->werase(t->win);
        c->wrefresh(t->win);
    }
    c->endwin();
    c->delscreen(t->screen);
    t->screen = NULL;
    t->win = NULL;
    tty_signals_release();
}
