/* floppy.h — M35FD-compatible floppy drive (docs/machine.md §3.6); the board table attaches
 * it only with a disk (--disk): HWI 5, slot 0xFF50 in profile d16.
 *   0 STATE    R: 0 no media, 1 ready, 2 ready and write-protected, 3 busy
 *   1 ERROR    R: last error since the previous read (the read clears it; peek does not)
 *   2 INTMSG   R/W: non-zero → an interrupt whenever STATE or ERROR changes   (HWI A=1, X)
 *   3 SECTOR   R/W: sector of the next command, 0..1439
 *   4 ADDRESS  R/W: RAM word address of the next command
 *   5 COMMAND  W: 2 read SECTOR into RAM at ADDRESS, 3 write 512 words at ADDRESS to
 *              SECTOR, other values ignored. R: 1 when the last command started, else 0
 * HWI: A=0 B = STATE, C = ERROR (cleared); A=1 INTMSG = X; A=2 read sector X to Y;
 *      A=3 write 512 words at Y to sector X; for 2 and 3, B = 1 started, 0 refused.
 *
 *   floppy_dev_t *f = machine_device(m, &floppy_class);   (or floppy_init(&f, &host, NULL))
 *   floppy_insert(f, &media, now);      media reads and writes whole sectors (see below)
 *   floppy_eject(f, now);               a transfer in flight is cut: ERROR_EJECT
 *
 * A started transfer keeps STATE busy for floppy_busy_cycles(clock, tracks crossed); its
 * 512 words move all at once when it completes (read: into RAM through the bus, wrapping
 * past 0xFFFF; write: the words in RAM at that moment onto the medium), then STATE
 * returns to ready. The device never touches files: the medium is a pair of callbacks, so
 * the front end decides what a disk is (a file, an in-memory snapshot, a test buffer). */
#ifndef D16_FLOPPY_H
#define D16_FLOPPY_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/device.h"

#define FLOPPY_TRACKS            80
#define FLOPPY_SECTORS_PER_TRACK 18
#define FLOPPY_SECTORS           (FLOPPY_TRACKS * FLOPPY_SECTORS_PER_TRACK) /* 1440 */
#define FLOPPY_SECTOR_WORDS      512
#define FLOPPY_SECTOR_BYTES      (FLOPPY_SECTOR_WORDS * 2)
#define FLOPPY_IMAGE_BYTES       (FLOPPY_SECTORS * FLOPPY_SECTOR_BYTES) /* 1,474,560 */
#define FLOPPY_BOOT_SIGNATURE    0x55aa /* word 511 of sector 0 of a bootable disk */

enum floppy_reg {
    FLOPPY_REG_STATE, FLOPPY_REG_ERROR, FLOPPY_REG_INTMSG, FLOPPY_REG_SECTOR,
    FLOPPY_REG_ADDRESS, FLOPPY_REG_COMMAND,
};

enum floppy_state {
    FLOPPY_STATE_NO_MEDIA = 0, FLOPPY_STATE_READY = 1, FLOPPY_STATE_READY_WP = 2,
    FLOPPY_STATE_BUSY = 3,
};

enum floppy_error {
    FLOPPY_ERROR_NONE = 0, FLOPPY_ERROR_BUSY = 1, FLOPPY_ERROR_NO_MEDIA = 2,
    FLOPPY_ERROR_PROTECTED = 3, FLOPPY_ERROR_EJECT = 4, FLOPPY_ERROR_BAD_SECTOR = 5,
    FLOPPY_ERROR_BROKEN = 0xffff,
};

enum floppy_command { FLOPPY_COMMAND_READ = 2, FLOPPY_COMMAND_WRITE = 3 };

/* A disk as the drive sees it: whole sectors of host-order words. Both calls return 0, or
 * -1 when the host failed (the transfer then ends with ERROR_BROKEN). write returns only
 * once the sector is durable (docs/machine.md §3.6: flushed before the drive leaves busy). */
typedef struct floppy_media {
    void *ctx;
    bool write_protected;
    int (*read)(void *ctx, unsigned sector, uint16_t words[FLOPPY_SECTOR_WORDS]);
    int (*write)(void *ctx, unsigned sector, const uint16_t words[FLOPPY_SECTOR_WORDS]);
} floppy_media_t;

typedef struct floppy_dev {
    const device_host_t *host;
    const floppy_media_t *media; /* NULL = no disk in the drive */
    uint16_t state, error, intmsg, sector, address, started;
    unsigned head;               /* track under the head */
    uint32_t transfers;          /* commands started since power-on (a window's busy light) */
    /* The transfer in flight (state busy): what it does, where, and when it completes. */
    uint16_t op, op_sector, op_address;
    uint64_t done_at;
    /* True when disks can come and go while the machine runs (a window's drop and eject),
     * so an idle drive with INTMSG set may still interrupt (docs/machine.md §6). */
    bool hotplug;
} floppy_dev_t;

extern const device_class_t floppy_class;

/* No options; always 0. */
int floppy_init(void *dev, const device_host_t *host, const device_options_t *opts);

/* Puts media in the drive (replacing any disk: as an eject, then an insert). now is the
 * current cycle. The media object must outlive its stay in the drive. */
void floppy_insert(floppy_dev_t *f, const floppy_media_t *media, uint64_t now);

/* Takes the disk out; a transfer in flight is cut (nothing moves) with ERROR_EJECT. */
void floppy_eject(floppy_dev_t *f, uint64_t now);

/* Cycles a transfer keeps the drive busy: ceil(clock × (0.0024 × tracks + 512 / 30700)),
 * in exact integers (at 100 kHz: 240 per track crossed + 1668). */
uint64_t floppy_busy_cycles(uint32_t clock_hz, unsigned tracks_crossed);

#endif
