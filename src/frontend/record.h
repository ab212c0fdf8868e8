/* record.h — --record FILE: every input event of a run as a --keys file (machine.md §5 with
 * d16's console extension, docs/cli.md), so `d16 --keys FILE` replays the run exactly.
 *
 *   record_t r;
 *   if (record_open(&r, "session.keys", err, sizeof err)) ...
 *   record_event(&r, cycle, false, KEYBOARD_ACTION_DOWN, 'a');    a key
 *   record_event(&r, cycle, true, 0, 'x');                        a console byte
 *   record_close(&r, err, sizeof err);     the file appears whole, or not at all
 *
 * Lines go to a temporary file beside FILE as they happen; close syncs it and renames. */
#ifndef D16_RECORD_H
#define D16_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "devices/keyboard.h"

typedef struct record {
    FILE *f;
    char *path, *tmp;
    bool failed; /* a write failed: close reports it */
} record_t;

int record_open(record_t *r, const char *path, char *err, size_t err_size);
void record_event(record_t *r, uint64_t cycle, bool console, keyboard_action_t action,
                  uint16_t code);
void record_comment(record_t *r, const char *text);
/* `CYCLE console ""`: on replay the console reads only the file's bytes, as it did here;
 * `CYCLE console none` (open false): the console had no input at all. */
void record_console_start(record_t *r, uint64_t cycle, bool open);
/* Returns 0, or -1 with a message (the temporary file is removed). */
int record_close(record_t *r, char *err, size_t err_size);
/* Drops the recording (nothing is written). */
void record_abandon(record_t *r);

static inline bool record_active(const record_t *r)
{
    return r->f != NULL;
}

#endif
