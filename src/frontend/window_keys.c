/* window_keys.c — SDL key and text events as Generic Keyboard events. */
#include "frontend/window_keys.h"

int window_keys_code(SDL_Keycode sym)
{
    switch (sym) {
    case SDLK_BACKSPACE: return KEYBOARD_BACKSPACE;
    case SDLK_RETURN:
    case SDLK_RETURN2:
    case SDLK_KP_ENTER: return KEYBOARD_RETURN;
    case SDLK_INSERT: return KEYBOARD_INSERT;
    case SDLK_DELETE: return KEYBOARD_DELETE;
    case SDLK_UP: return KEYBOARD_ARROW_UP;
    case SDLK_DOWN: return KEYBOARD_ARROW_DOWN;
    case SDLK_LEFT: return KEYBOARD_ARROW_LEFT;
    case SDLK_RIGHT: return KEYBOARD_ARROW_RIGHT;
    case SDLK_LSHIFT:
    case SDLK_RSHIFT: return KEYBOARD_SHIFT;
    case SDLK_LCTRL:
    case SDLK_RCTRL: return KEYBOARD_CONTROL;
    default: break;
    }
    /* SDL names a printable key by the character it types without modifiers. */
    return sym >= 0x20 && sym <= 0x7e ? (int)sym : -1;
}

static bool is_modifier(int code)
{
    return code == KEYBOARD_SHIFT || code == KEYBOARD_CONTROL;
}

/* Printable keys type through text input instead, which knows the layout and Shift. */
static bool types_itself(int code)
{
    return code < 0x20 || code > 0x7e;
}

void window_keys_down(keyboard_dev_t *kb, const SDL_KeyboardEvent *e, uint64_t now)
{
    int code = window_keys_code(e->keysym.sym);
    if (code < 0)
        return;
    if (!e->repeat)
        keyboard_key_down(kb, (uint16_t)code, now);
    if (types_itself(code) && !(e->repeat && is_modifier(code)))
        keyboard_type(kb, (uint16_t)code, now);
}

void window_keys_up(keyboard_dev_t *kb, const SDL_KeyboardEvent *e, uint64_t now)
{
    int code = window_keys_code(e->keysym.sym);
    if (code >= 0)
        keyboard_key_up(kb, (uint16_t)code, now);
}

void window_keys_text(keyboard_dev_t *kb, const char *utf8, uint64_t now)
{
    /* Bytes of multi-byte characters are all >= 0x80, so they never look printable. */
    for (const unsigned char *p = (const unsigned char *)utf8; *p; p++)
        if (*p >= 0x20 && *p <= 0x7e)
            keyboard_type(kb, *p, now);
}
