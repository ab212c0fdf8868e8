/* window_keys.h — host keys to the guest's Generic Keyboard (docs/machine.md §3.4).
 *
 *   case SDL_KEYDOWN: if (!emulator_key(...)) window_keys_down(&m->keyboard, &ev.key, now);
 *   case SDL_KEYUP:   window_keys_up(&m->keyboard, &ev.key, now);
 *   case SDL_TEXTINPUT: window_keys_text(&m->keyboard, ev.text.text, now);
 *
 * Characters come from text input, so any host layout works (AltGr symbols included);
 * Backspace, Return, Insert, Delete, the arrows, Shift and Control come from key events:
 * held while down, typed once per press and per auto-repeat (modifiers: once per press).
 * A printable key is held under its unshifted character in the host layout ('a' for A).
 * Keys with no guest code (function keys, Tab, Escape, ...) are ignored here: they belong
 * to the emulator. */
#ifndef D16_WINDOW_KEYS_H
#define D16_WINDOW_KEYS_H

#include <SDL.h>
#include <stdint.h>

#include "devices/keyboard.h"

/* The guest code a host key is held under, or -1 when the key is not the guest's. */
int window_keys_code(SDL_Keycode sym);

void window_keys_down(keyboard_dev_t *kb, const SDL_KeyboardEvent *e, uint64_t now);
void window_keys_up(keyboard_dev_t *kb, const SDL_KeyboardEvent *e, uint64_t now);

/* Types each printable ASCII character of UTF-8 text; other characters have no code. */
void window_keys_text(keyboard_dev_t *kb, const char *utf8, uint64_t now);

#endif
