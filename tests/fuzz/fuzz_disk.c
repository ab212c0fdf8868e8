/* fuzz_disk.c — a disk image on the host (src/frontend/disk.c) in the floppy drive
 * (docs/machine.md §3.6), driven through both doors by any bytes. What must hold: nothing
 * crashes; the drive's registers keep their documented values; a file attached
 * write-protected or as a snapshot is never changed, and no file grows past a disk.
 *
 * Input: byte 0 picks the attachment (bit 0 read-only, bit 1 snapshot, bit 2 little-endian);
 * byte 1 says how many 6-byte commands follow; the rest is the image file. A command is
 * a door (register write, HWI, eject and insert again), a register or HWI A, two values
 * and how long to run after it.
 *
 * The target "disk" of the fuzz harness (tests/fuzz/README.md); seeds in
 * tests/fuzz/corpus/disk/. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/floppy.h"
#include "frontend/disk.h"
#include "machine/machine.h"

#define COMMAND_BYTES 6

static uint16_t word_at(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* The file's bytes now; NULL when it cannot be read. */
static uint8_t *file_bytes(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    uint8_t *buf = malloc(FLOPPY_IMAGE_BYTES + 1);
    *size = buf ? fread(buf, 1, FLOPPY_IMAGE_BYTES + 1, f) : 0;
    fclose(f);
    return buf;
}

static void check_registers(floppy_dev_t *f, uint64_t now)
{
    uint16_t state = floppy_class.regs.read(f, FLOPPY_REG_STATE, now);
    uint16_t error = floppy_class.regs.read(f, FLOPPY_REG_ERROR, now);
    FUZZ_CHECK(state <= FLOPPY_STATE_BUSY);
    FUZZ_CHECK(error <= FLOPPY_ERROR_BAD_SECTOR || error == FLOPPY_ERROR_BROKEN);
}

/* One command against the drive, then a run of the machine. */
static void command(machine_t *m, floppy_dev_t *f, disk_t *d, const uint8_t *c)
{
    uint64_t now = m->cpu.cycles;
    uint16_t x = word_at(c + 2), y = word_at(c + 4);
    switch (c[0] % 4) {
    case 0:
    case 1: /* a writable register, as the guest's SET would write it */
        floppy_class.regs.write(f, FLOPPY_REG_INTMSG + c[1] % 4u, x, now);
        if (c[1] & 0x80)
            floppy_class.regs.write(f, FLOPPY_REG_COMMAND, y, now);
        break;
    case 2: { /* HWI with A = c[1] % 4 */
        uint16_t reg[8] = {(uint16_t)(c[1] % 4), 0, 0, x, y, 0, 0, 0};
        floppy_class.hwi(f, reg, now);
        FUZZ_CHECK(reg[REG_B] <= FLOPPY_STATE_BUSY || c[1] % 4 != 0);
        break;
    }
    default: /* the disk comes out (mid-transfer, perhaps) and goes back in */
        floppy_eject(f, now);
        check_registers(f, now);
        floppy_insert(f, &d->media, now);
        break;
    }
    check_registers(f, now);
    machine_run(m, 1u + (unsigned)(c[1] >> 4) * 4000u); /* a transfer takes up to 20,628 */
    check_registers(f, m->cpu.cycles);
}

static int fuzz_disk_one(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    bool read_only = data[0] & 1, snapshot = data[0] & 2, le = data[0] & 4;
    size_t commands = data[1], head = 2 + commands * COMMAND_BYTES;
    if (head > size)
        return 0;
    char path[256];
    FUZZ_CHECK(fuzz_temp_file(".img", data + head, size - head, path, sizeof path) == 0);

    disk_t d;
    disk_opts_t o = {.path = path, .read_only = read_only, .snapshot = snapshot, .little_endian = le};
    char err[512], warn[512];
    if (disk_open(&d, &o, err, sizeof err, warn, sizeof warn) != 0) {
        FUZZ_CHECK(err[0] != '\0' && strchr(err, '\n') == NULL);
        unlink(path);
        return 0;
    }
    static const machine_device_args_t with_floppy = {"floppy", ""};
    machine_opts_t mo = {.device_args = &with_floppy, .device_arg_count = 1};
    machine_t *m = machine_new(&mo);
    FUZZ_CHECK(m != NULL);
    /* a guest that keeps the machine running: `loop: ADD A, 1` / `SET PC, loop` */
    static const uint8_t busy_loop[] = {0x88, 0x02, 0x87, 0x81};
    FUZZ_CHECK(machine_load_image(m, busy_loop, sizeof busy_loop, false, 0, err, sizeof err) == 0);
    floppy_dev_t *f = machine_device(m, &floppy_class);
    FUZZ_CHECK(f != NULL);
    floppy_insert(f, &d.media, 0);
    for (size_t k = 0; k < commands; k++)
        command(m, f, &d, data + 2 + k * COMMAND_BYTES);
    machine_free(m);
    disk_close(&d);

    size_t now_size = 0;
    uint8_t *now = file_bytes(path, &now_size);
    FUZZ_CHECK(now != NULL && now_size <= FLOPPY_IMAGE_BYTES);
    if (read_only || snapshot)
        FUZZ_CHECK(now_size == size - head && memcmp(now, data + head, now_size) == 0);
    free(now);
    unlink(path);
    return 0;
}

D16_FUZZ_TARGET(disk)
{
    return fuzz_disk_one(data, size);
}
