/* board.h — the profiles and their devices, as src/machine/board.def lists them.
 *
 *   const board_profile_t *p = board_profile(MACHINE_PROFILE_D16);   memtop, I/O page, SP
 *   for (size_t i = 0; i < board_row_count; i++)
 *       if (board_rows[i].profile == profile) ...                     HWI order
 *   machine_profile_t id;
 *   if (board_profile_find("dcpu16", &id)) ...                        --machine NAME */
#ifndef D16_BOARD_H
#define D16_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/device.h"

typedef enum machine_profile {
#define PROFILE(id, name, memtop, io_page, sp, summary) MACHINE_PROFILE_##id,
#include "machine/board.def"
    MACHINE_PROFILE_COUNT
} machine_profile_t;

typedef struct board_profile {
    const char *name;
    uint32_t memtop;  /* first word above RAM */
    bool io_page;     /* devices answer at their slots too, not only through HWI */
    uint16_t sp;      /* SP at reset */
    const char *summary;
} board_profile_t;

typedef enum board_when {
    BOARD_ALWAYS, /* every machine of the profile has it */
    BOARD_ASKED,  /* only when machine_opts_t.device_args names it */
} board_when_t;

typedef struct board_row {
    machine_profile_t profile;
    const device_class_t *cls;
    uint16_t slot;    /* word address of its registers in the I/O page */
    const char *args; /* init options in this profile */
    board_when_t when;
} board_row_t;

extern const board_row_t board_rows[];
extern const size_t board_row_count;

/* The row of cls in profile, and its HWI number into *hwi (if not NULL); NULL if absent.
 * Rows attached only when asked count toward the HWI numbers of those after them. */
const board_row_t *board_find(machine_profile_t profile, const device_class_t *cls,
                              unsigned *hwi);

/* NULL for an unknown id. */
const board_profile_t *board_profile(machine_profile_t id);

/* True with *id set when name is a profile's name. */
bool board_profile_find(const char *name, machine_profile_t *id);

/* The profile names joined as "a, b or c" into buf (for messages and --help). */
void board_profile_names(char *buf, size_t size);

#endif
