/* keyscript.h — scripted keyboard input: the --keys file, --type TEXT and --stdin-keys
 * (docs/machine.md §5), collected into one time-ordered list for keyboard_schedule.
 *
 *   keyscript_t ks;
 *   keyscript_init(&ks);
 *   if (keyscript_parse(&ks, "keys.txt", text, len, err, sizeof err) != 0) ...  "keys.txt:3: ..."
 *   keyscript_type_text(&ks, "hi\\n", 0, err, sizeof err);   'h' at 0, 'i' at 2000, Return at 4000
 *   keyscript_sort(&ks);                      by cycle; same-cycle events keep their order
 *   for (size_t i = 0; i < ks.count; i++) keyboard_schedule(kb, ks.ev[i].cycle, ...);
 *   keyscript_free(&ks);
 *
 * A --keys line is `CYCLE ACTION ARG`, `#` starts a comment. CYCLE is decimal or 0x hex and
 * never goes back in time. ACTION is down, up, type or key. ARG is a code (17, 0x11), a
 * character in single quotes ('a') or, with type only, a string in double quotes ("hi");
 * inside quotes \n is Return, \b Backspace, and \\ \' \" stand for themselves.
 *
 * d16's extension for the console (docs/cli.md, what --record writes): `CYCLE console ARG`
 * makes bytes arrive at the console's input at CYCLE; ARG is a byte (0x0a), 'c' or "text"
 * (there \n is the newline byte 0x0a and \b 0x08), `end`: the input ends there, `none`: the
 * console has no input at all (as with --stdin-keys). Any console line, `console ""` too,
 * makes the console read only these lines. `CYCLE live on|off` says from when live input
 * (a window, a terminal) can come or no longer, which decides when a waiting program ends
 * (machine.md §6); --record writes it. */
#ifndef D16_KEYSCRIPT_H
#define D16_KEYSCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/console.h"
#include "devices/keyboard.h"

/* The action of a `console` line: input for the console, not the keyboard. */
#define KEYSCRIPT_ACTION_CONSOLE ((keyboard_action_t)(KEYBOARD_ACTION_LIVE_OFF + 1))

#define KEYSCRIPT_TYPE_STEP 2000 /* cycles between characters of --type and --stdin-keys */

typedef struct keyscript_event {
    uint64_t cycle;
    keyboard_action_t action;
    uint16_t code; /* a key code; for the console a byte or CONSOLE_END */
    size_t seq;    /* insertion order: keeps sorting stable */
} keyscript_event_t;

typedef struct keyscript {
    keyscript_event_t *ev;
    size_t count, cap;
    bool console; /* a `console` line was there (even `console ""`): the console reads these */
} keyscript_t;

void keyscript_init(keyscript_t *ks);
void keyscript_free(keyscript_t *ks);

/* Adds one event; -1 when out of memory. */
int keyscript_add(keyscript_t *ks, uint64_t cycle, keyboard_action_t action, uint16_t code);
/* Adds a console byte (or CONSOLE_END); -1 when out of memory. */
int keyscript_add_console(keyscript_t *ks, uint64_t cycle, uint16_t byte);

/* One event as a --keys line (without the newline) into buf: what --record writes. */
void keyscript_format(char *buf, size_t size, uint64_t cycle, bool console,
                      keyboard_action_t action, uint16_t code);

/* Parses a --keys file's text; name labels messages as "name:LINE: problem". Returns 0, or
 * -1 with that one-line message in err (events of earlier lines stay added). */
int keyscript_parse(keyscript_t *ks, const char *name, const char *text, size_t len, char *err,
                    size_t err_size);

/* Types bytes one every KEYSCRIPT_TYPE_STEP cycles from start (as `type` events). In TEXT of
 * --type the two characters \n are Return as well. Returns 0, or -1 with a message when a
 * byte has no key. */
int keyscript_type_text(keyscript_t *ks, const char *text, uint64_t start, char *err,
                        size_t err_size);

/* Same for raw bytes (--stdin-keys), from *cycle on; bytes without a key are skipped.
 * *cycle ends where the next byte would go. Returns 0, or -1 when out of memory. */
int keyscript_type_bytes(keyscript_t *ks, const uint8_t *bytes, size_t n, uint64_t *cycle);

/* The key code a host byte types: newline → Return (0x11), 0x08 and 0x7f → Backspace
 * (0x10), printable ASCII as itself; -1 for anything else. */
int keyscript_code_for_byte(uint8_t byte);

void keyscript_sort(keyscript_t *ks);

#endif
