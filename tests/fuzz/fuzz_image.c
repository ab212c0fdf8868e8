/* fuzz_image.c — d16's image loader on any file, raw or source, in both profiles, then a
 * short run and the at-exit dumps. The first byte picks: bit 0 profile dcpu16, bit 1
 * little-endian, bit 2 a .dasm source, bit 3 --strict, bit 4 --illegal=nop, bit 5 a load
 * address from the next two bytes. The rest is the file. */
#include "fuzz.h"

#include <string.h>
#include <unistd.h>

#include "frontend/image.h"
#include "frontend/report.h"
#include "frontend/screen.h"
#include "machine/machine.h"

static void quiet_log(void *ctx, const char *line)
{
    (void)ctx;
    (void)line;
}

static void console_out(void *ctx, uint8_t byte)
{
    (void)ctx;
    (void)byte;
}

D16_FUZZ_TARGET(image)
{
    if (size < 1)
        return 0;
    uint8_t flags = data[0];
    uint16_t load = 0;
    data++, size--;
    if (flags & 0x20 && size >= 2) {
        load = (uint16_t)(data[0] << 8 | data[1]);
        data += 2, size -= 2;
    }
    machine_opts_t mo = {
        .profile = flags & 1 ? MACHINE_PROFILE_DCPU16 : MACHINE_PROFILE_D16,
        .strict = (flags & 8) != 0,
        .illegal_nop = (flags & 16) != 0,
        .max_cycles = 50000,
        .log = quiet_log,
        .console_out = console_out,
    };
    machine_t *m = machine_new(&mo);
    FUZZ_CHECK(m != NULL);
    char path[256];
    fuzz_temp_file(flags & 4 ? ".dasm" : ".bin", data, size, path, sizeof path);
    symbols_t syms;
    symbols_init(&syms);
    char err[1024];
    FILE *devnull = fopen("/dev/null", "w");
    FUZZ_CHECK(devnull != NULL);
    if (image_load(m, path, (flags & 2) != 0, load, &syms, err, sizeof err) == 0) {
        for (int slice = 0; slice < 8 && m->state == MACHINE_RUNNING; slice++)
            machine_run(m, 10000);
        char json[1024];
        FUZZ_CHECK(machine_state_json(m, json, sizeof json) < sizeof json);
        report_write_state(devnull, m);
        report_write_ram(devnull, m);
        if (m->state == MACHINE_FAULT)
            report_fault(devnull, m, &syms);
        screen_dump_text(devnull, machine_device(m, &display_class));
        screen_dump_ansi(devnull, machine_device(m, &display_class), m->cpu.cycles);
    } else {
        FUZZ_CHECK(strchr(err, '\n') == NULL); /* one line */
    }
    fclose(devnull);
    unlink(path);
    symbols_free(&syms);
    machine_free(m);
    return 0;
}
