/* tty_keys.h — keys read from a terminal (curses' wgetch with keypad on) as Generic
 * Keyboard events (machine.md §3.4), and the ones that belong to d16 (docs/cli.md "The
 * terminal").
 *
 *   int ch = wgetch(win);
 *   switch (tty_keys_command(ch)) {
 *   case TTY_CMD_NONE: tty_keys_press(&m->keyboard, ch, m->cpu.cycles); break;
 *   case TTY_CMD_QUIT: ...
 *   }
 *
 * A terminal sends characters, not key presses and releases: each key is pressed, typed
 * and released at once, like a scripted `key`. Shift is known only from an upper-case
 * letter (and the terminal's shifted arrows), Control from a control character (Ctrl-A is
 * 0x01): the modifier is pressed around the key. Keys without a guest code (Tab, Escape,
 * function keys d16 does not use) do nothing. */
#ifndef D16_TTY_KEYS_H
#define D16_TTY_KEYS_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/keyboard.h"

typedef enum tty_command {
    TTY_CMD_NONE = 0, /* the guest's key (or nobody's) */
    TTY_CMD_HELP,     /* F1 */
    TTY_CMD_RESET,    /* F5 */
    TTY_CMD_PAUSE,    /* F8 */
    TTY_CMD_TURBO,    /* F9 */
    TTY_CMD_QUIT,     /* F10, Ctrl-] */
} tty_command_t;

#define TTY_KEY_CTRL_RIGHT_BRACKET 0x1d

tty_command_t tty_keys_command(int ch);

/* Sends the key's events to the keyboard; false when it has no guest code. */
bool tty_keys_press(keyboard_dev_t *kb, int ch, uint64_t now);

#endif
