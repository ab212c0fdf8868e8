/* fuzz_keyscript.c — the --keys parser, --type and --stdin-keys on any bytes, then the
 * events scheduled on a keyboard and typed through a short run. What must hold: a refusal
 * is one line; the sorted events never go back in time. */
#include "fuzz.h"

#include <string.h>

#include "frontend/keyscript.h"
#include "machine/machine.h"

D16_FUZZ_TARGET(keyscript)
{
    keyscript_t ks;
    keyscript_init(&ks);
    char err[512];
    if (keyscript_parse(&ks, "fuzz.keys", (const char *)data, size, err, sizeof err) != 0)
        FUZZ_CHECK(strchr(err, '\n') == NULL);
    char *text = fuzz_text(data, size);
    if (keyscript_type_text(&ks, text, 100, err, sizeof err) != 0)
        FUZZ_CHECK(strchr(err, '\n') == NULL);
    free(text);
    uint64_t cycle = 0;
    FUZZ_CHECK(keyscript_type_bytes(&ks, data, size, &cycle) == 0);
    keyscript_sort(&ks);
    for (size_t i = 1; i < ks.count; i++)
        FUZZ_CHECK(ks.ev[i - 1].cycle <= ks.ev[i].cycle);
    machine_opts_t mo = {.max_cycles = 20000};
    machine_t *m = machine_new(&mo);
    FUZZ_CHECK(m != NULL);
    for (size_t i = 0; i < ks.count && i < 4096; i++)
        keyboard_schedule(machine_device(m, &keyboard_class), ks.ev[i].cycle, ks.ev[i].action, ks.ev[i].code);
    /* A program that reads the keyboard for ever: SET A, [0xff31]; SET PC, 0 */
    static const uint8_t reader[] = {0x78, 0x01, 0xff, 0x31, 0x87, 0x81};
    if (machine_load_image(m, reader, sizeof reader, false, 0, err, sizeof err) == 0)
        while (m->state == MACHINE_RUNNING)
            machine_run(m, 5000);
    machine_free(m);
    keyscript_free(&ks);
    return 0;
}
