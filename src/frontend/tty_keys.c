/* tty_keys.c — terminal keys as Generic Keyboard events. */
#include "frontend/tty_keys.h"

#include <curses.h>

tty_command_t tty_keys_command(int ch)
{
    switch (ch) {
    case KEY_F(1): return TTY_CMD_HELP;
    case KEY_F(5): return TTY_CMD_RESET;
    case KEY_F(8): return TTY_CMD_PAUSE;
    case KEY_F(9): return TTY_CMD_TURBO;
    case KEY_F(10):
    case TTY_KEY_CTRL_RIGHT_BRACKET: return TTY_CMD_QUIT;
    default: return TTY_CMD_NONE;
    }
}

/* Down, typed, up: one press of a key held under `held` that types `typed`. */
static void press(keyboard_dev_t *kb, uint16_t held, uint16_t typed, uint64_t now)
{
    keyboard_key_down(kb, held, now);
    keyboard_type(kb, typed, now);
    keyboard_key_up(kb, held, now);
}

/* A key with a modifier held around it, as the window sends it: the modifier is pressed
 * (and typed, which enters the buffer only with --kbd-modifiers), then the key. */
static void press_with(keyboard_dev_t *kb, uint16_t modifier, uint16_t held, int typed,
                       uint64_t now)
{
    keyboard_key_down(kb, modifier, now);
    keyboard_type(kb, modifier, now);
    keyboard_key_down(kb, held, now);
    if (typed >= 0)
        keyboard_type(kb, (uint16_t)typed, now);
    keyboard_key_up(kb, held, now);
    keyboard_key_up(kb, modifier, now);
}

/* Keys curses decodes from escape sequences; -1 when ch is none of them. */
static int special_code(int ch, bool *shift)
{
    *shift = false;
    switch (ch) {
    case KEY_BACKSPACE:
    case 0x08:
    case 0x7f: return KEYBOARD_BACKSPACE;
    case KEY_ENTER:
    case '\r':
    case '\n': return KEYBOARD_RETURN;
    case KEY_IC: return KEYBOARD_INSERT;
    case KEY_DC: return KEYBOARD_DELETE;
    case KEY_UP: return KEYBOARD_ARROW_UP;
    case KEY_DOWN: return KEYBOARD_ARROW_DOWN;
    case KEY_LEFT: return KEYBOARD_ARROW_LEFT;
    case KEY_RIGHT: return KEYBOARD_ARROW_RIGHT;
    case KEY_SR: *shift = true; return KEYBOARD_ARROW_UP; /* terminfo's shifted arrows */
    case KEY_SF: *shift = true; return KEYBOARD_ARROW_DOWN;
    case KEY_SLEFT: *shift = true; return KEYBOARD_ARROW_LEFT;
    case KEY_SRIGHT: *shift = true; return KEYBOARD_ARROW_RIGHT;
    case KEY_SIC: *shift = true; return KEYBOARD_INSERT;
    case KEY_SDC: *shift = true; return KEYBOARD_DELETE;
    default: return -1;
    }
}

bool tty_keys_press(keyboard_dev_t *kb, int ch, uint64_t now)
{
    bool shift;
    int code = special_code(ch, &shift);
    if (code >= 0) {
        if (shift)
            press_with(kb, KEYBOARD_SHIFT, (uint16_t)code, code, now);
        else
            press(kb, (uint16_t)code, (uint16_t)code, now);
        return true;
    }
    if (ch >= 'A' && ch <= 'Z') {
        press_with(kb, KEYBOARD_SHIFT, (uint16_t)(ch - 'A' + 'a'), ch, now);
        return true;
    }
    if (ch >= 0x20 && ch <= 0x7e) {
        press(kb, (uint16_t)ch, (uint16_t)ch, now);
        return true;
    }
    /* Ctrl-A..Ctrl-Z, but Tab (Ctrl-I); Backspace and Return were taken above. */
    if (ch >= 0x01 && ch <= 0x1a && ch != '\t') {
        press_with(kb, KEYBOARD_CONTROL, (uint16_t)(ch - 1 + 'a'), -1, now);
        return true;
    }
    return false;
}
