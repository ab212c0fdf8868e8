/* keyboard.h — Generic Keyboard-compatible keyboard (docs/machine.md §3.4); HWI number and
 * slot: src/machine/board.def.
 *   0 STATUS  R: bit0 a key is waiting in the buffer
 *   1 KEY     R: next code from the buffer (removed), 0 when empty          (HWI A=1 → C)
 *   2 INTMSG  R/W: non-zero → an interrupt for every press, release, typed key (HWI A=3, B)
 *   3 QUERY   W: a key code; R: 1 if that key is held now, else 0   (HWI A=2, B = code → C)
 *   4 CLEAR   W: empties the buffer                                          (HWI A=0)
 *   5 MODS    R: bit0 Shift held, bit1 Control held
 *
 *   keyboard_dev_t kb;
 *   keyboard_init(&kb, &host, &(device_options_t){.args = "modifiers"});   "" = no kbd_modifiers
 *   keyboard_schedule(&kb, 2000, KEYBOARD_ACTION_KEY, 'a');   scripted input (--keys, --type)
 *   keyboard_set_live(&kb, true);                      a window or a terminal may type
 *   keyboard_key_down(&kb, KEYBOARD_SHIFT, now);       live input from a window
 *   keyboard_free(&kb);
 *
 * Three kinds of event, each one interrupt when INTMSG is set: down (the key is held),
 * up (released) and type (one code into the 64-code buffer; a code that finds the buffer
 * full is dropped but still interrupts). Shift and Control enter the buffer only with
 * kbd_modifiers; typed without it they are still an event. A scripted `key` is down, type
 * and up at once: three events. Scripted events happen when the cycle counter reaches
 * their cycle; reset replays the script from its start, as the counter restarts at 0. */
#ifndef D16_KEYBOARD_H
#define D16_KEYBOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/device.h"

#define KEYBOARD_BUFFER 64
#define KEYBOARD_CODES  256 /* codes whose held state is tracked */
#define KEYBOARD_RING_WORDS 16 /* the 1.1-era ring of a "ring=ADDR" keyboard */

enum keyboard_reg {
    KEYBOARD_REG_STATUS, KEYBOARD_REG_KEY, KEYBOARD_REG_INTMSG, KEYBOARD_REG_QUERY,
    KEYBOARD_REG_CLEAR, KEYBOARD_REG_MODS,
};

/* Generic Keyboard codes besides ASCII 0x20–0x7f. */
enum keyboard_code {
    KEYBOARD_BACKSPACE = 0x10, KEYBOARD_RETURN = 0x11, KEYBOARD_INSERT = 0x12,
    KEYBOARD_DELETE = 0x13, KEYBOARD_ARROW_UP = 0x80, KEYBOARD_ARROW_DOWN = 0x81,
    KEYBOARD_ARROW_LEFT = 0x82, KEYBOARD_ARROW_RIGHT = 0x83, KEYBOARD_SHIFT = 0x90,
    KEYBOARD_CONTROL = 0x91,
};

enum keyboard_mods { KEYBOARD_MOD_SHIFT = 1 << 0, KEYBOARD_MOD_CONTROL = 1 << 1 };

typedef enum keyboard_action {
    KEYBOARD_ACTION_DOWN, /* `down`: the key is held */
    KEYBOARD_ACTION_UP,   /* `up`: released */
    KEYBOARD_ACTION_TYPE, /* `type`: one code into the buffer */
    KEYBOARD_ACTION_KEY,  /* `key`: down, type and up */
    /* `live on|off`: live input can (no longer) come, as keyboard_set_live says; what
     * --record writes so that a replay ends (docs/machine.md §6) where the run did */
    KEYBOARD_ACTION_LIVE_ON,
    KEYBOARD_ACTION_LIVE_OFF,
} keyboard_action_t;

typedef struct keyboard_event {
    uint64_t cycle;
    keyboard_action_t action;
    uint16_t code;
    bool live; /* came from a live key while recording: a reset drops it */
} keyboard_event_t;

/* Told about every live event while a session is recorded (--record). */
typedef void keyboard_recorder_t(void *ctx, uint64_t cycle, keyboard_action_t action,
                                 uint16_t code);

typedef struct keyboard_dev {
    const device_host_t *host;
    bool kbd_modifiers; /* Shift/Control enter the buffer too */
    bool ring;          /* "ring=ADDR": typed codes also go to 16 RAM words at ring_addr */
    uint16_t ring_addr;
    uint16_t ring_next; /* typed keys so far, mod 16: the ring word the next one goes to */
    uint16_t buffer[KEYBOARD_BUFFER];
    unsigned head, count;
    bool held[KEYBOARD_CODES];
    uint16_t intmsg, query;
    bool live; /* live input may still come (a window, --stdin-keys from a terminal) */
    keyboard_event_t *script; /* scripted events in cycle order */
    size_t script_len, script_cap, script_pos;
    keyboard_recorder_t *recorder; /* NULL: live input acts at once */
    void *recorder_ctx;
} keyboard_dev_t;

extern const device_class_t keyboard_class;

/* Options: "modifiers" = --kbd-modifiers; "ring=ADDR": the n-th typed key is also written
 * to RAM word ADDR + (n mod 16) if that word is 0, else dropped there (profile legacy,
 * docs/machine.md §2.4). */
int keyboard_init(void *dev, const device_host_t *host, const device_options_t *opts);
void keyboard_free(void *dev);

/* Adds a scripted event at an emulated cycle. Returns 0, or -1 when it would go back in
 * time (before the last scheduled event), the action is unknown or memory ran out. */
int keyboard_schedule(keyboard_dev_t *kb, uint64_t cycle, keyboard_action_t action,
                      uint16_t code);

/* True while scripted events are still to come. */
bool keyboard_script_pending(const keyboard_dev_t *kb);

/* While a recorder is set, live input is not applied at once: it is scheduled at now + 1
 * (the next instruction boundary) and told to the recorder, so a --keys file with the
 * recorded events replays it exactly, same-cycle device events in the same order. */
void keyboard_set_recorder(keyboard_dev_t *kb, keyboard_recorder_t *fn, void *ctx);

/* Adds a scripted event in cycle order, after the events already at that cycle (a live
 * one, or --keys events added after a snapshot was loaded). Returns 0 or -1 (memory). */
int keyboard_insert(keyboard_dev_t *kb, uint64_t cycle, keyboard_action_t action,
                    uint16_t code, bool live);

/* Whether live input can still come; while it can, a keyboard with INTMSG set keeps a
 * waiting program alive (docs/machine.md §6). Off at init; reset keeps it. */
void keyboard_set_live(keyboard_dev_t *kb, bool live);

/* Live input, effective at once (now is the current cycle, for the record). */
void keyboard_key_down(keyboard_dev_t *kb, uint16_t code, uint64_t now);
void keyboard_key_up(keyboard_dev_t *kb, uint16_t code, uint64_t now);
void keyboard_type(keyboard_dev_t *kb, uint16_t code, uint64_t now);

#endif
