/* floppy.c — the M35FD: commands latch their sector and address, the drive stays busy for
 * an exact number of cycles, and the whole sector moves when the transfer completes. */
#include "devices/floppy.h"

#include "cpu/cpu.h"
#include "machine/snapbuf.h"

/* docs/machine.md §3.6: 2.4 ms per track crossed plus 512 words at 30,700 words a second,
 * i.e. (24 × 30700 × tracks + 512 × 10000) / (10000 × 30700) seconds. clock < 2^32 and the
 * numerator < 2^26, so the product fits in 64 bits. */
#define FLOPPY_TIME_PER_TRACK (24u * 30700u)
#define FLOPPY_TIME_TRANSFER  (512u * 10000u)
#define FLOPPY_TIME_UNIT      (10000ull * 30700u)

uint64_t floppy_busy_cycles(uint32_t clock_hz, unsigned tracks_crossed)
{
    uint64_t time = (uint64_t)FLOPPY_TIME_PER_TRACK * tracks_crossed + FLOPPY_TIME_TRANSFER;
    return ((uint64_t)clock_hz * time + FLOPPY_TIME_UNIT - 1) / FLOPPY_TIME_UNIT;
}

int floppy_init(void *dev, const device_host_t *host, const device_options_t *opts)
{
    (void)opts;
    floppy_dev_t *f = dev;
    *f = (floppy_dev_t){.host = host, .done_at = DEVICE_NEVER};
    return 0;
}

/* The state an idle drive shows for the disk it holds. */
static uint16_t floppy_idle_state(const floppy_dev_t *f)
{
    if (!f->media)
        return FLOPPY_STATE_NO_MEDIA;
    return f->media->write_protected ? FLOPPY_STATE_READY_WP : FLOPPY_STATE_READY;
}

/* Every change of STATE or ERROR made by the drive raises one interrupt when INTMSG is
 * set (docs/machine.md §3.6); the guest clearing ERROR by reading it raises none. */
static void floppy_set(floppy_dev_t *f, uint16_t state, uint16_t error)
{
    bool changed = state != f->state || error != f->error;
    f->state = state;
    f->error = error;
    if (changed && f->intmsg && f->host->interrupt)
        f->host->interrupt(f->host->ctx, f->intmsg);
}

static void floppy_reset(void *dev)
{
    floppy_dev_t *f = dev;
    const floppy_media_t *media = f->media; /* a reset does not take the disk out */
    bool hotplug = f->hotplug;
    floppy_init(f, f->host, NULL);
    f->media = media;
    f->hotplug = hotplug;
    f->state = floppy_idle_state(f);
}

/* Why a command cannot start, or FLOPPY_ERROR_NONE when it can. */
static uint16_t floppy_refusal(const floppy_dev_t *f, uint16_t op, uint16_t sector)
{
    if (f->state == FLOPPY_STATE_BUSY)
        return FLOPPY_ERROR_BUSY;
    if (!f->media)
        return FLOPPY_ERROR_NO_MEDIA;
    if (op == FLOPPY_COMMAND_WRITE && f->media->write_protected)
        return FLOPPY_ERROR_PROTECTED;
    if (sector >= FLOPPY_SECTORS)
        return FLOPPY_ERROR_BAD_SECTOR;
    return FLOPPY_ERROR_NONE;
}

static unsigned floppy_track(uint16_t sector)
{
    return sector / FLOPPY_SECTORS_PER_TRACK;
}

/* Starts a read or write of sector at address; returns 1 when it started, 0 if refused. */
static uint16_t floppy_command(floppy_dev_t *f, uint16_t op, uint16_t sector, uint16_t address,
                               uint64_t now)
{
    f->sector = sector;
    f->address = address;
    uint16_t refusal = floppy_refusal(f, op, sector);
    f->started = refusal == FLOPPY_ERROR_NONE;
    if (refusal) {
        floppy_set(f, f->state, refusal);
        return 0;
    }
    unsigned track = floppy_track(sector);
    unsigned crossed = track > f->head ? track - f->head : f->head - track;
    f->transfers++;
    f->op = op;
    f->op_sector = sector;
    f->op_address = address;
    f->done_at = now + floppy_busy_cycles(f->host->clock_hz, crossed);
    floppy_set(f, FLOPPY_STATE_BUSY, f->error);
    if (f->host->reschedule)
        f->host->reschedule(f->host->ctx);
    return 1;
}

/* The transfer's 512 words move now; the drive is still busy while they do, so a read
 * landing on the drive's own registers sees a busy drive. */
static int floppy_move_words(floppy_dev_t *f)
{
    uint16_t words[FLOPPY_SECTOR_WORDS];
    bus_t *bus = f->host->bus;
    if (f->op == FLOPPY_COMMAND_READ) {
        if (f->media->read(f->media->ctx, f->op_sector, words))
            return -1;
        for (unsigned i = 0; i < FLOPPY_SECTOR_WORDS; i++)
            bus_write_word(bus, (uint16_t)(f->op_address + i), words[i]);
        return 0;
    }
    /* A write takes RAM as it is at completion, read without side effects like the
     * display's video RAM. */
    for (unsigned i = 0; i < FLOPPY_SECTOR_WORDS; i++)
        words[i] = bus_peek_word(bus, (uint16_t)(f->op_address + i));
    return f->media->write(f->media->ctx, f->op_sector, words);
}

static void floppy_complete(floppy_dev_t *f)
{
    f->done_at = DEVICE_NEVER;
    int rc = floppy_move_words(f);
    f->head = floppy_track(f->op_sector);
    floppy_set(f, floppy_idle_state(f), rc ? FLOPPY_ERROR_BROKEN : f->error);
}

void floppy_insert(floppy_dev_t *f, const floppy_media_t *media, uint64_t now)
{
    if (f->media)
        floppy_eject(f, now);
    f->media = media;
    if (media)
        floppy_set(f, floppy_idle_state(f), f->error);
}

void floppy_eject(floppy_dev_t *f, uint64_t now)
{
    (void)now;
    if (!f->media)
        return;
    bool cut = f->state == FLOPPY_STATE_BUSY;
    f->media = NULL;
    f->done_at = DEVICE_NEVER;
    floppy_set(f, FLOPPY_STATE_NO_MEDIA, cut ? FLOPPY_ERROR_EJECT : f->error);
    if (cut && f->host->reschedule)
        f->host->reschedule(f->host->ctx);
}

static uint16_t floppy_peek(const void *dev, unsigned reg)
{
    const floppy_dev_t *f = dev;
    switch (reg) {
    case FLOPPY_REG_STATE: return f->state;
    case FLOPPY_REG_ERROR: return f->error;
    case FLOPPY_REG_INTMSG: return f->intmsg;
    case FLOPPY_REG_SECTOR: return f->sector;
    case FLOPPY_REG_ADDRESS: return f->address;
    case FLOPPY_REG_COMMAND: return f->started;
    default: return 0;
    }
}

static uint16_t floppy_take_error(floppy_dev_t *f)
{
    uint16_t error = f->error;
    f->error = FLOPPY_ERROR_NONE;
    return error;
}

static uint16_t floppy_read(void *dev, unsigned reg, uint64_t now)
{
    (void)now;
    if (reg == FLOPPY_REG_ERROR)
        return floppy_take_error(dev);
    return floppy_peek(dev, reg);
}

static void floppy_write(void *dev, unsigned reg, uint16_t value, uint64_t now)
{
    floppy_dev_t *f = dev;
    switch (reg) {
    case FLOPPY_REG_INTMSG: f->intmsg = value; break;
    case FLOPPY_REG_SECTOR: f->sector = value; break;
    case FLOPPY_REG_ADDRESS: f->address = value; break;
    case FLOPPY_REG_COMMAND:
        if (value == FLOPPY_COMMAND_READ || value == FLOPPY_COMMAND_WRITE)
            floppy_command(f, value, f->sector, f->address, now);
        break;
    default: break;
    }
}

/* HWI as the M35FD: parameters in X and Y, results in B and C. A read or write also sets
 * SECTOR and ADDRESS, so both doors show the same last command. */
static unsigned floppy_hwi(void *dev, uint16_t reg[8], uint64_t now)
{
    floppy_dev_t *f = dev;
    switch (reg[REG_A]) {
    case 0:
        reg[REG_B] = f->state;
        reg[REG_C] = floppy_take_error(f);
        break;
    case 1: f->intmsg = reg[REG_X]; break;
    case FLOPPY_COMMAND_READ:
    case FLOPPY_COMMAND_WRITE:
        reg[REG_B] = floppy_command(f, reg[REG_A], reg[REG_X], reg[REG_Y], now);
        break;
    default: break;
    }
    return 0;
}

static uint64_t floppy_next_event(const void *dev)
{
    const floppy_dev_t *f = dev;
    return f->done_at;
}

static void floppy_advance(void *dev, uint64_t now)
{
    floppy_dev_t *f = dev;
    if (f->state == FLOPPY_STATE_BUSY && now >= f->done_at)
        floppy_complete(f);
}

/* An idle drive changes only when a disk comes or goes, which only a window can do. */
static bool floppy_may_interrupt(const void *dev)
{
    const floppy_dev_t *f = dev;
    return f->intmsg && (f->state == FLOPPY_STATE_BUSY || f->hotplug);
}

static const device_reg_t floppy_regs[] = {
    {"STATE", DEVICE_R, "0 no media, 1 ready, 2 ready and write-protected, 3 busy"},
    {"ERROR", DEVICE_R, "last error, cleared by reading: 0 none, 1 busy, 2 no media, 3 protected, 4 eject, 5 bad sector, 0xFFFF broken"},
    {"INTMSG", DEVICE_RW, "non-zero: an interrupt whenever STATE or ERROR changes"},
    {"SECTOR", DEVICE_RW, "sector for the next command, 0..1439"},
    {"ADDRESS", DEVICE_RW, "RAM word address for the next command"},
    {"COMMAND", DEVICE_RW, "W: 2 read, 3 write; R: 1 if the last command started, else 0"},
};

static const char *const floppy_hwi_names[] = {"POLL", "SET_INTMSG", "READ", "WRITE"};

/* ---- snapshots (docs/snapshot.md §4): registers, head and the transfer in flight. The
 * disk itself is the front end's (its HOST section): a load keeps the medium in the drive. */

static void floppy_save(const void *dev, snap_writer_t *w)
{
    const floppy_dev_t *f = dev;
    const uint16_t regs[] = {f->state, f->error, f->intmsg, f->sector, f->address, f->started,
                             f->op, f->op_sector, f->op_address};
    for (size_t i = 0; i < sizeof regs / sizeof regs[0]; i++)
        snap_put(w, 16, regs[i]);
    snap_put(w, 16, f->head);
    snap_put(w, 64, f->done_at);
}

static void floppy_load(void *dev, snap_reader_t *r)
{
    floppy_dev_t *f = dev;
    f->state = (uint16_t)snap_get_range(r, 16, 0, FLOPPY_STATE_BUSY, "state");
    f->error = (uint16_t)snap_get(r, 16, "error");
    f->intmsg = (uint16_t)snap_get(r, 16, "intmsg");
    f->sector = (uint16_t)snap_get(r, 16, "sector");
    f->address = (uint16_t)snap_get(r, 16, "address");
    f->started = (uint16_t)snap_get_range(r, 16, 0, 1, "started");
    f->op = (uint16_t)snap_get_range(r, 16, 0, FLOPPY_COMMAND_WRITE, "op");
    f->op_sector = (uint16_t)snap_get_range(r, 16, 0, FLOPPY_SECTORS - 1, "op_sector");
    f->op_address = (uint16_t)snap_get(r, 16, "op_address");
    f->head = (unsigned)snap_get_range(r, 16, 0, FLOPPY_TRACKS - 1, "head");
    f->done_at = snap_get(r, 64, "done_at");
}

const device_class_t floppy_class = {
    .name = "floppy",
    .title = "Mackapar 3.5\" Floppy Drive (M35FD)",
    .symbol = "FL",
    .id = 0x4fd524c5u,
    .version = 0x000b,
    .manufacturer = DEVICE_MFR_MACKAPAR,
    DEVICE_REGS(floppy_regs),
    DEVICE_HWI(floppy_hwi_names),
    .size = sizeof(floppy_dev_t),
    .init = floppy_init,
    .regs = {floppy_read, floppy_write, floppy_peek},
    .hwi = floppy_hwi,
    .reset = floppy_reset,
    .next_event = floppy_next_event,
    .advance = floppy_advance,
    .may_interrupt = floppy_may_interrupt,
    .snap_tag = "M35F",
    .save = floppy_save,
    .load = floppy_load,
};
