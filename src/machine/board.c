/* board.c — board.def's rows as tables. */
#include "machine/board.h"

#include <stdio.h>
#include <string.h>

/* Every class a row names, declared from the rows themselves: adding a device needs no
 * include here. */
#define BOARD(profile, cls, slot, args, when) extern const device_class_t cls;
#include "machine/board.def"

static const board_profile_t profiles[] = {
#define PROFILE(id, name, memtop, io_page, sp, summary) {name, memtop, io_page, sp, summary},
#include "machine/board.def"
};

const board_row_t board_rows[] = {
#define BOARD(profile, cls, slot, args, when) \
    {MACHINE_PROFILE_##profile, &cls, slot, args, BOARD_##when},
#include "machine/board.def"
};

const size_t board_row_count = sizeof board_rows / sizeof board_rows[0];

const board_row_t *board_find(machine_profile_t profile, const device_class_t *cls,
                              unsigned *hwi)
{
    unsigned n = 0;
    for (size_t i = 0; i < board_row_count; i++) {
        if (board_rows[i].profile != profile)
            continue;
        if (board_rows[i].cls == cls) {
            if (hwi)
                *hwi = n;
            return &board_rows[i];
        }
        n++;
    }
    return NULL;
}

const board_profile_t *board_profile(machine_profile_t id)
{
    return (unsigned)id < MACHINE_PROFILE_COUNT ? &profiles[id] : NULL;
}

bool board_profile_find(const char *name, machine_profile_t *id)
{
    for (unsigned i = 0; i < MACHINE_PROFILE_COUNT; i++)
        if (strcmp(profiles[i].name, name) == 0) {
            *id = (machine_profile_t)i;
            return true;
        }
    return false;
}

void board_profile_names(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (unsigned i = 0; i < MACHINE_PROFILE_COUNT && used < size; i++) {
        const char *sep = i == 0 ? "" : i + 1 == MACHINE_PROFILE_COUNT ? " or " : ", ";
        int n = snprintf(buf + used, size - used, "%s%s", sep, profiles[i].name);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}
