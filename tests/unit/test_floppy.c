/* test_floppy.c — the M35FD (docs/machine.md §3.6): every state and error, exact busy
 * cycles on one track, across tracks and at other clocks, interrupts through both doors,
 * DMA wrapping past 0xFFFF and landing in the I/O page, eject, host failures, reset. */
#include "devices/floppy.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "fake_host.h"
#include "fake_regs.h"

/* An in-memory disk with a switch to make the host fail. */
typedef struct mem_disk {
    floppy_media_t media;
    uint16_t word[FLOPPY_SECTORS][FLOPPY_SECTOR_WORDS];
    bool fail;
    unsigned reads, writes;
} mem_disk_t;

static int mem_read(void *ctx, unsigned sector, uint16_t words[FLOPPY_SECTOR_WORDS])
{
    mem_disk_t *d = ctx;
    ck_assert_uint_lt(sector, FLOPPY_SECTORS);
    d->reads++;
    if (d->fail)
        return -1;
    memcpy(words, d->word[sector], sizeof d->word[sector]);
    return 0;
}

static int mem_write(void *ctx, unsigned sector, const uint16_t words[FLOPPY_SECTOR_WORDS])
{
    mem_disk_t *d = ctx;
    ck_assert_uint_lt(sector, FLOPPY_SECTORS);
    d->writes++;
    if (d->fail)
        return -1;
    memcpy(d->word[sector], words, sizeof d->word[sector]);
    return 0;
}

/* Every sector filled with a pattern naming the sector and the word. */
static mem_disk_t *mem_disk_new(bool write_protected)
{
    mem_disk_t *d = calloc(1, sizeof *d);
    ck_assert_ptr_nonnull(d);
    d->media = (floppy_media_t){d, write_protected, mem_read, mem_write};
    for (unsigned s = 0; s < FLOPPY_SECTORS; s++)
        for (unsigned w = 0; w < FLOPPY_SECTOR_WORDS; w++)
            d->word[s][w] = (uint16_t)(s * 7919u + w * 31u + 1u);
    return d;
}

typedef enum door { DOOR_REG, DOOR_HWI } door_t;

typedef struct rig {
    fake_host_t *h;
    floppy_dev_t f;
    mem_disk_t *disk;
} rig_t;

static void rig_init(rig_t *r, uint32_t clock, bool with_disk, bool write_protected)
{
    r->h = fake_host_new(clock);
    ck_assert_int_eq(floppy_init(&r->f, &r->h->host, NULL), 0);
    floppy_class.reset(&r->f);
    r->disk = mem_disk_new(write_protected);
    if (with_disk)
        floppy_insert(&r->f, &r->disk->media, 0);
}

static void rig_free(rig_t *r)
{
    free(r->disk);
    fake_host_free(r->h);
}

/* Starts op (2 read, 3 write) through door at the rig's clock; returns 1 started, 0 not. */
static uint16_t command(rig_t *r, door_t door, uint16_t op, uint16_t sector, uint16_t address)
{
    if (door == DOOR_REG) {
        floppy_class.regs.write(&r->f, FLOPPY_REG_SECTOR, sector, r->h->clock);
        floppy_class.regs.write(&r->f, FLOPPY_REG_ADDRESS, address, r->h->clock);
        floppy_class.regs.write(&r->f, FLOPPY_REG_COMMAND, op, r->h->clock);
        return floppy_class.regs.read(&r->f, FLOPPY_REG_COMMAND, r->h->clock);
    }
    uint16_t reg[8] = {[REG_A] = op, [REG_B] = 0x5555, [REG_X] = sector, [REG_Y] = address};
    ck_assert_uint_eq(floppy_class.hwi(&r->f, reg, r->h->clock), 0);
    ck_assert_uint_eq(reg[REG_X], sector); /* parameters are not results */
    return reg[REG_B];
}

/* STATE and ERROR (which reading clears) through door. */
static void poll(rig_t *r, door_t door, uint16_t *state, uint16_t *error)
{
    if (door == DOOR_REG) {
        *state = floppy_class.regs.read(&r->f, FLOPPY_REG_STATE, r->h->clock);
        *error = floppy_class.regs.read(&r->f, FLOPPY_REG_ERROR, r->h->clock);
        return;
    }
    uint16_t reg[8] = {[REG_A] = 0};
    floppy_class.hwi(&r->f, reg, r->h->clock);
    *state = reg[REG_B];
    *error = reg[REG_C];
}

static void set_intmsg(rig_t *r, door_t door, uint16_t msg)
{
    if (door == DOOR_REG) {
        floppy_class.regs.write(&r->f, FLOPPY_REG_INTMSG, msg, r->h->clock);
        return;
    }
    uint16_t reg[8] = {[REG_A] = 1, [REG_X] = msg};
    floppy_class.hwi(&r->f, reg, r->h->clock);
}

static void expect(rig_t *r, door_t door, uint16_t state, uint16_t error)
{
    uint16_t s, e;
    poll(r, door, &s, &e);
    ck_assert_uint_eq(s, state);
    ck_assert_uint_eq(e, error);
}

/* Runs the drive's events up to cycle until. */
static void run_to(rig_t *r, uint64_t until)
{
    fake_host_run(r->h, &floppy_class, &r->f, until);
}

static bool ram_holds_sector(rig_t *r, uint16_t address, unsigned sector)
{
    for (unsigned w = 0; w < FLOPPY_SECTOR_WORDS; w++)
        if (bus_peek_word(&r->h->bus, (uint16_t)(address + w)) != r->disk->word[sector][w])
            return false;
    return true;
}

START_TEST(identity_and_slot)
{
    ck_assert_uint_eq(floppy_class.id, 0x4fd524c5u);
    ck_assert_uint_eq(floppy_class.version, 0x000b);
    ck_assert_uint_eq(floppy_class.manufacturer, 0x1eb37e91u);
    ck_assert_uint_eq(floppy_class.size, sizeof(floppy_dev_t));
    ck_assert_uint_eq(floppy_class.reg_count, 6);
    ck_assert_str_eq(floppy_class.reg[FLOPPY_REG_COMMAND].name, "COMMAND");
    ck_assert_uint_eq(floppy_class.hwi_count, 4);
    ck_assert_str_eq(floppy_class.hwi_name[FLOPPY_COMMAND_WRITE], "WRITE");
    ck_assert_uint_eq(FLOPPY_IMAGE_BYTES, 1474560);
}
END_TEST

typedef struct busy_case {
    uint32_t clock;
    unsigned tracks;
    uint64_t cycles;
} busy_case_t;

/* Worked out by hand from ceil(clock × (0.0024 × tracks + 512 / 30700)). */
static const busy_case_t busy_cases[] = {
    {100000, 0, 1668},   /* 1667.75 */
    {100000, 1, 1908},   /* + 240 */
    {100000, 79, 20628}, /* 240 × 79 + 1668 */
    {1000000, 0, 16678}, /* 16677.52 */
    {1000000, 79, 206278},
    {30700, 0, 512},     /* one word per cycle, exactly */
    {30700, 10, 1249},   /* 512 + 736.8 */
    {1, 0, 1},
    {4000000000u, 79, 825110098}, /* 825110097.7 */
};

START_TEST(busy_cycles_match_the_formula)
{
    const busy_case_t *c = &busy_cases[_i];
    ck_assert_uint_eq(floppy_busy_cycles(c->clock, c->tracks), c->cycles);
}
END_TEST

/* The ceiling by its definition: clock × time ≤ cycles × unit < clock × time + unit. */
START_TEST(busy_cycles_are_the_exact_ceiling)
{
    static const uint32_t clocks[] = {1, 7, 59999, 100000, 123457, 1000000, 3999999999u};
    const unsigned __int128 unit = 10000u * 30700u;
    for (unsigned k = 0; k < sizeof clocks / sizeof clocks[0]; k++)
        for (unsigned t = 0; t < FLOPPY_TRACKS; t++) {
            unsigned __int128 want = (unsigned __int128)clocks[k] * (24u * 30700u * t + 5120000u);
            unsigned __int128 got = (unsigned __int128)floppy_busy_cycles(clocks[k], t) * unit;
            ck_assert(got >= want);
            ck_assert(got < want + unit);
        }
}
END_TEST

START_TEST(no_media_state_and_refusals)
{
    door_t door = _i ? DOOR_HWI : DOOR_REG;
    rig_t r;
    rig_init(&r, 100000, false, false);
    expect(&r, door, FLOPPY_STATE_NO_MEDIA, FLOPPY_ERROR_NONE);
    ck_assert_uint_eq(command(&r, door, FLOPPY_COMMAND_READ, 0, 0x1000), 0);
    expect(&r, door, FLOPPY_STATE_NO_MEDIA, FLOPPY_ERROR_NO_MEDIA);
    expect(&r, door, FLOPPY_STATE_NO_MEDIA, FLOPPY_ERROR_NONE); /* the read cleared it */
    ck_assert_uint_eq(command(&r, door, FLOPPY_COMMAND_WRITE, 0, 0x1000), 0);
    expect(&r, door, FLOPPY_STATE_NO_MEDIA, FLOPPY_ERROR_NO_MEDIA);
    ck_assert_uint_eq(floppy_class.next_event(&r.f), DEVICE_NEVER);
    ck_assert_uint_eq(r.disk->reads + r.disk->writes, 0);
    rig_free(&r);
}
END_TEST

typedef struct refusal_case {
    bool write_protected;
    uint16_t op, sector, error;
} refusal_case_t;

static const refusal_case_t refusal_cases[] = {
    {true, FLOPPY_COMMAND_WRITE, 0, FLOPPY_ERROR_PROTECTED},
    {true, FLOPPY_COMMAND_WRITE, 2000, FLOPPY_ERROR_PROTECTED}, /* protection is checked first */
    {false, FLOPPY_COMMAND_READ, 1440, FLOPPY_ERROR_BAD_SECTOR},
    {false, FLOPPY_COMMAND_WRITE, 1440, FLOPPY_ERROR_BAD_SECTOR},
    {false, FLOPPY_COMMAND_READ, 0xffff, FLOPPY_ERROR_BAD_SECTOR},
    {true, FLOPPY_COMMAND_READ, 0x8000, FLOPPY_ERROR_BAD_SECTOR},
};

/* Loop index: bit 0 door, the rest the case. */
START_TEST(refused_commands_set_their_error)
{
    door_t door = _i & 1 ? DOOR_HWI : DOOR_REG;
    const refusal_case_t *c = &refusal_cases[_i >> 1];
    rig_t r;
    rig_init(&r, 100000, true, c->write_protected);
    uint16_t idle = c->write_protected ? FLOPPY_STATE_READY_WP : FLOPPY_STATE_READY;
    expect(&r, door, idle, FLOPPY_ERROR_NONE);
    ck_assert_uint_eq(command(&r, door, c->op, c->sector, 0x2000), 0);
    ck_assert_uint_eq(floppy_class.regs.peek(&r.f, FLOPPY_REG_COMMAND), 0);
    expect(&r, door, idle, c->error);
    ck_assert_uint_eq(floppy_class.next_event(&r.f), DEVICE_NEVER);
    ck_assert_uint_eq(bus_peek_word(&r.h->bus, 0x2000), 0);
    rig_free(&r);
}
END_TEST

START_TEST(command_while_busy_is_refused)
{
    door_t door = _i ? DOOR_HWI : DOOR_REG;
    rig_t r;
    rig_init(&r, 100000, true, false);
    ck_assert_uint_eq(command(&r, door, FLOPPY_COMMAND_READ, 5, 0x1000), 1);
    expect(&r, door, FLOPPY_STATE_BUSY, FLOPPY_ERROR_NONE);
    uint64_t done = floppy_class.next_event(&r.f);
    r.h->clock = 100;
    ck_assert_uint_eq(command(&r, door, FLOPPY_COMMAND_WRITE, 9, 0x3000), 0);
    ck_assert_uint_eq(command(&r, door, FLOPPY_COMMAND_READ, 9, 0x3000), 0);
    expect(&r, door, FLOPPY_STATE_BUSY, FLOPPY_ERROR_BUSY);
    ck_assert_uint_eq(floppy_class.next_event(&r.f), done); /* the first goes on */
    run_to(&r, done);
    expect(&r, door, FLOPPY_STATE_READY, FLOPPY_ERROR_NONE);
    ck_assert(ram_holds_sector(&r, 0x1000, 5));
    ck_assert_uint_eq(bus_peek_word(&r.h->bus, 0x3000), 0);
    ck_assert_uint_eq(r.disk->writes, 0);
    rig_free(&r);
}
END_TEST

START_TEST(read_on_a_write_protected_disk_works)
{
    rig_t r;
    rig_init(&r, 100000, true, true);
    ck_assert_uint_eq(command(&r, DOOR_HWI, FLOPPY_COMMAND_READ, 100, 0x4000), 1);
    expect(&r, DOOR_REG, FLOPPY_STATE_BUSY, FLOPPY_ERROR_NONE);
    run_to(&r, 100000);
    expect(&r, DOOR_REG, FLOPPY_STATE_READY_WP, FLOPPY_ERROR_NONE);
    ck_assert(ram_holds_sector(&r, 0x4000, 100));
    rig_free(&r);
}
END_TEST

START_TEST(other_command_values_are_ignored)
{
    static const uint16_t values[] = {0, 1, 4, 5, 0x8002, 0xffff};
    rig_t r;
    rig_init(&r, 100000, true, false);
    ck_assert_uint_eq(command(&r, DOOR_REG, FLOPPY_COMMAND_READ, 0, 0x1000), 1);
    run_to(&r, 10000);
    for (unsigned k = 0; k < sizeof values / sizeof values[0]; k++) {
        floppy_class.regs.write(&r.f, FLOPPY_REG_COMMAND, values[k], r.h->clock);
        ck_assert_uint_eq(floppy_class.regs.read(&r.f, FLOPPY_REG_COMMAND, r.h->clock), 1);
        expect(&r, DOOR_REG, FLOPPY_STATE_READY, FLOPPY_ERROR_NONE);
        ck_assert_uint_eq(floppy_class.next_event(&r.f), DEVICE_NEVER);
    }
    uint16_t reg[8] = {[REG_A] = 4, [REG_B] = 0x7777};
    floppy_class.hwi(&r.f, reg, r.h->clock);
    ck_assert_uint_eq(reg[REG_B], 0x7777);
    rig_free(&r);
}
END_TEST

START_TEST(registers_read_back)
{
    rig_t r;
    rig_init(&r, 100000, true, false);
    floppy_class.regs.write(&r.f, FLOPPY_REG_SECTOR, 1234, 0);
    floppy_class.regs.write(&r.f, FLOPPY_REG_ADDRESS, 0xbeef, 0);
    floppy_class.regs.write(&r.f, FLOPPY_REG_INTMSG, 0x77, 0);
    floppy_class.regs.write(&r.f, FLOPPY_REG_STATE, 0, 0); /* read-only */
    ck_assert_uint_eq(floppy_class.regs.read(&r.f, FLOPPY_REG_SECTOR, 0), 1234);
    ck_assert_uint_eq(floppy_class.regs.read(&r.f, FLOPPY_REG_ADDRESS, 0), 0xbeef);
    ck_assert_uint_eq(floppy_class.regs.read(&r.f, FLOPPY_REG_INTMSG, 0), 0x77);
    ck_assert_uint_eq(floppy_class.regs.read(&r.f, FLOPPY_REG_STATE, 0), FLOPPY_STATE_READY);
    for (unsigned reg = 6; reg < 16; reg++)
        ck_assert_uint_eq(floppy_class.regs.read(&r.f, reg, 0), 0);
    /* An HWI command shows its parameters in SECTOR and ADDRESS too. */
    command(&r, DOOR_HWI, FLOPPY_COMMAND_READ, 40, 0x1234);
    ck_assert_uint_eq(floppy_class.regs.peek(&r.f, FLOPPY_REG_SECTOR), 40);
    ck_assert_uint_eq(floppy_class.regs.peek(&r.f, FLOPPY_REG_ADDRESS), 0x1234);
    ck_assert_uint_eq(floppy_class.regs.peek(&r.f, FLOPPY_REG_COMMAND), 1);
    /* peek never clears ERROR. */
    command(&r, DOOR_HWI, FLOPPY_COMMAND_READ, 40, 0x1234);
    ck_assert_uint_eq(floppy_class.regs.peek(&r.f, FLOPPY_REG_ERROR), FLOPPY_ERROR_BUSY);
    ck_assert_uint_eq(floppy_class.regs.peek(&r.f, FLOPPY_REG_ERROR), FLOPPY_ERROR_BUSY);
    ck_assert_uint_eq(floppy_class.regs.read(&r.f, FLOPPY_REG_ERROR, 0), FLOPPY_ERROR_BUSY);
    ck_assert_uint_eq(floppy_class.regs.peek(&r.f, FLOPPY_REG_ERROR), FLOPPY_ERROR_NONE);
    rig_free(&r);
}
END_TEST

typedef struct timing_case {
    uint32_t clock;
    uint16_t first, second; /* sectors: the head moves to first's track, then second is timed */
    uint64_t cycles;
} timing_case_t;

static const timing_case_t timing_cases[] = {
    {100000, 0, 17, 1668},      /* same track (0) */
    {100000, 0, 0, 1668},       /* the same sector again */
    {100000, 18, 35, 1668},     /* same track (1) */
    {100000, 0, 1439, 20628},   /* 79 tracks out */
    {100000, 1439, 0, 20628},   /* 79 tracks back */
    {100000, 90, 144, 1668 + 3 * 240}, /* track 5 → 8 */
    {100000, 144, 90, 1668 + 3 * 240},
    {1000000, 0, 1, 16678},
    {1000000, 0, 1439, 206278},
    {30700, 0, 190, 1249},      /* 10 tracks at one word per cycle */
};

/* Loop index: bit 0 = door, bit 1 = write instead of read, the rest the case. */
START_TEST(busy_lasts_exactly_and_words_move_at_the_end)
{
    door_t door = _i & 1 ? DOOR_HWI : DOOR_REG;
    bool write = _i & 2;
    const timing_case_t *c = &timing_cases[_i >> 2];
    rig_t r;
    rig_init(&r, c->clock, true, false);
    ck_assert_uint_eq(command(&r, door, FLOPPY_COMMAND_READ, c->first, 0x8000), 1);
    run_to(&r, 1000000);
    ck_assert(ram_holds_sector(&r, 0x8000, c->first));
    r.h->clock = 2000000;
    for (unsigned w = 0; w < FLOPPY_SECTOR_WORDS; w++)
        bus_write_word(&r.h->bus, (uint16_t)(0x1000 + w), (uint16_t)(0xa000 + w));
    uint16_t op = write ? FLOPPY_COMMAND_WRITE : FLOPPY_COMMAND_READ;
    ck_assert_uint_eq(command(&r, door, op, c->second, 0x1000), 1);
    uint64_t done = 2000000 + c->cycles;
    ck_assert_uint_eq(floppy_class.next_event(&r.f), done);
    run_to(&r, done - 1);
    expect(&r, door, FLOPPY_STATE_BUSY, FLOPPY_ERROR_NONE);
    ck_assert_uint_eq(bus_peek_word(&r.h->bus, 0x1000), 0xa000); /* nothing moved yet */
    ck_assert_uint_eq(r.disk->writes, 0);
    run_to(&r, done);
    expect(&r, door, FLOPPY_STATE_READY, FLOPPY_ERROR_NONE);
    if (write) {
        ck_assert_uint_eq(r.disk->writes, 1);
        for (unsigned w = 0; w < FLOPPY_SECTOR_WORDS; w++)
            ck_assert_uint_eq(r.disk->word[c->second][w], 0xa000 + w);
    } else {
        ck_assert(ram_holds_sector(&r, 0x1000, c->second));
    }
    ck_assert_uint_eq(floppy_class.next_event(&r.f), DEVICE_NEVER);
    rig_free(&r);
}
END_TEST

/* A write takes the words that are in RAM when it completes, not when it starts. */
START_TEST(write_takes_ram_at_completion)
{
    rig_t r;
    rig_init(&r, 100000, true, false);
    ck_assert_uint_eq(command(&r, DOOR_REG, FLOPPY_COMMAND_WRITE, 3, 0x2000), 1);
    r.h->clock = 1000;
    bus_write_word(&r.h->bus, 0x2000, 0x1111);
    bus_write_word(&r.h->bus, 0x21ff, 0x2222);
    bus_write_word(&r.h->bus, 0x2200, 0x3333); /* past the sector */
    run_to(&r, 1667);
    ck_assert_uint_eq(r.disk->writes, 0);
    run_to(&r, 1668);
    ck_assert_uint_eq(r.disk->word[3][0], 0x1111);
    ck_assert_uint_eq(r.disk->word[3][1], 0);
    ck_assert_uint_eq(r.disk->word[3][511], 0x2222);
    ck_assert_uint_eq(r.disk->word[4][0], 4 * 7919u + 1u);
    rig_free(&r);
}
END_TEST

/* Loop index: bit 0 = door for the command and polls, bit 1 = door for INTMSG. */
START_TEST(interrupt_on_every_change_of_state_or_error)
{
    door_t door = _i & 1 ? DOOR_HWI : DOOR_REG;
    rig_t r;
    rig_init(&r, 100000, false, false);
    set_intmsg(&r, _i & 2 ? DOOR_HWI : DOOR_REG, 0x4d);
    ck_assert_uint_eq(floppy_class.regs.peek(&r.f, FLOPPY_REG_INTMSG), 0x4d);
    fake_host_t *h = r.h;
    h->clock = 10;
    floppy_insert(&r.f, &r.disk->media, h->clock); /* no media → ready */
    ck_assert_uint_eq(h->irqs, 1);
    ck_assert_uint_eq(h->irq_msg[0], 0x4d);
    h->clock = 20;
    command(&r, door, FLOPPY_COMMAND_READ, 20, 0x1000); /* ready → busy */
    ck_assert_uint_eq(h->irqs, 2);
    ck_assert_uint_eq(h->irq_at[1], 20);
    h->clock = 30;
    command(&r, door, FLOPPY_COMMAND_READ, 20, 0x1000); /* error none → busy */
    ck_assert_uint_eq(h->irqs, 3);
    command(&r, door, FLOPPY_COMMAND_READ, 20, 0x1000); /* error busy again: no change */
    ck_assert_uint_eq(h->irqs, 3);
    uint16_t s, e;
    poll(&r, door, &s, &e); /* the guest clearing ERROR is no interrupt */
    ck_assert_uint_eq(e, FLOPPY_ERROR_BUSY);
    ck_assert_uint_eq(h->irqs, 3);
    run_to(&r, 20 + 1908); /* busy → ready at completion, track 0 → 1 */
    ck_assert_uint_eq(h->irqs, 4);
    ck_assert_uint_eq(h->irq_at[3], 20 + 1908);
    ck_assert(ram_holds_sector(&r, 0x1000, 20)); /* the words are there when it interrupts */
    h->clock = 5000;
    command(&r, door, FLOPPY_COMMAND_READ, 1440, 0x1000); /* error none → bad sector */
    ck_assert_uint_eq(h->irqs, 5);
    command(&r, door, FLOPPY_COMMAND_READ, 0, 0x1000); /* ready → busy */
    ck_assert_uint_eq(h->irqs, 6);
    floppy_eject(&r.f, 5100); /* busy → no media with ERROR_EJECT: one change, one interrupt */
    ck_assert_uint_eq(h->irqs, 7);
    floppy_eject(&r.f, 5200); /* nothing to eject */
    ck_assert_uint_eq(h->irqs, 7);
    for (unsigned k = 0; k < 7; k++)
        ck_assert_uint_eq(h->irq_msg[k], 0x4d);
    set_intmsg(&r, door, 0);
    floppy_insert(&r.f, &r.disk->media, 6000);
    ck_assert_uint_eq(h->irqs, 7);
    rig_free(&r);
}
END_TEST

START_TEST(eject_cuts_a_transfer)
{
    door_t door = _i & 1 ? DOOR_HWI : DOOR_REG;
    uint16_t op = _i & 2 ? FLOPPY_COMMAND_WRITE : FLOPPY_COMMAND_READ;
    rig_t r;
    rig_init(&r, 100000, true, false);
    ck_assert_uint_eq(command(&r, door, op, 7, 0x1000), 1);
    run_to(&r, 1000);
    floppy_eject(&r.f, 1000);
    ck_assert_uint_ge(r.h->reschedules, 1);
    ck_assert_uint_eq(floppy_class.next_event(&r.f), DEVICE_NEVER);
    run_to(&r, 100000);
    expect(&r, door, FLOPPY_STATE_NO_MEDIA, FLOPPY_ERROR_EJECT);
    ck_assert_uint_eq(bus_peek_word(&r.h->bus, 0x1000), 0);
    ck_assert_uint_eq(r.disk->reads + r.disk->writes, 0);
    /* Inserted again: the head stayed where it was (track 0). */
    floppy_insert(&r.f, &r.disk->media, 100000);
    expect(&r, door, FLOPPY_STATE_READY, FLOPPY_ERROR_NONE);
    ck_assert_uint_eq(command(&r, door, FLOPPY_COMMAND_READ, 0, 0x1000), 1);
    ck_assert_uint_eq(floppy_class.next_event(&r.f), 100000 + 1668);
    rig_free(&r);
}
END_TEST

START_TEST(insert_shows_write_protection)
{
    rig_t r;
    rig_init(&r, 100000, false, false);
    mem_disk_t *wp = mem_disk_new(true);
    floppy_insert(&r.f, &wp->media, 0);
    expect(&r, DOOR_REG, FLOPPY_STATE_READY_WP, FLOPPY_ERROR_NONE);
    floppy_insert(&r.f, &r.disk->media, 0); /* swapped for a writable disk */
    expect(&r, DOOR_HWI, FLOPPY_STATE_READY, FLOPPY_ERROR_NONE);
    floppy_eject(&r.f, 0);
    expect(&r, DOOR_HWI, FLOPPY_STATE_NO_MEDIA, FLOPPY_ERROR_NONE);
    free(wp);
    rig_free(&r);
}
END_TEST

START_TEST(host_failure_is_error_broken)
{
    uint16_t op = _i ? FLOPPY_COMMAND_WRITE : FLOPPY_COMMAND_READ;
    rig_t r;
    rig_init(&r, 100000, true, false);
    r.disk->fail = true;
    bus_write_word(&r.h->bus, 0x1000, 0x9999);
    ck_assert_uint_eq(command(&r, DOOR_REG, op, 1, 0x1000), 1);
    run_to(&r, 1668);
    expect(&r, DOOR_REG, FLOPPY_STATE_READY, FLOPPY_ERROR_BROKEN);
    ck_assert_uint_eq(bus_peek_word(&r.h->bus, 0x1000), 0x9999); /* a failed read moves nothing */
    rig_free(&r);
}
END_TEST

/* A read into 0xFF00 fills 0xFF00..0xFFFF, then wraps to 0x0000..0x00FF; a write from
 * 0xFFF0 takes 16 words from the top and 496 from the bottom. */
START_TEST(dma_wraps_past_0xffff)
{
    rig_t r;
    rig_init(&r, 100000, true, false);
    ck_assert_uint_eq(command(&r, DOOR_HWI, FLOPPY_COMMAND_READ, 2, 0xff00), 1);
    run_to(&r, 1668);
    for (unsigned w = 0; w < FLOPPY_SECTOR_WORDS; w++)
        ck_assert_uint_eq(bus_peek_word(&r.h->bus, (uint16_t)(0xff00 + w)), r.disk->word[2][w]);
    ck_assert_uint_eq(bus_peek_word(&r.h->bus, 0x0100), 0);
    ck_assert_uint_eq(bus_peek_word(&r.h->bus, 0xfeff), 0);
    for (uint32_t w = 0; w < 0x10000; w++)
        bus_write_word(&r.h->bus, (uint16_t)w, (uint16_t)(w ^ 0x5a5a));
    ck_assert_uint_eq(command(&r, DOOR_REG, FLOPPY_COMMAND_WRITE, 9, 0xfff0), 1);
    run_to(&r, 10000);
    for (unsigned w = 0; w < FLOPPY_SECTOR_WORDS; w++)
        ck_assert_uint_eq(r.disk->word[9][w], (uint16_t)((0xfff0 + w) & 0xffff) ^ 0x5a5a);
    rig_free(&r);
}
END_TEST

/* Words read into the I/O page reach the registers there, through the bus like CPU
 * writes; the drive's own COMMAND register sees a busy drive and refuses. */
START_TEST(read_into_the_io_page_reaches_device_registers)
{
    rig_t r;
    rig_init(&r, 100000, true, false);
    fake_dev_t other = {0};
    ck_assert_int_eq(bus_map(&r.h->bus, 0x1fe00, 32, &fake_ops, &other), 0);
    ck_assert_int_eq(bus_map(&r.h->bus, (uint32_t)0xff50 << 1, 32, &floppy_class.regs, &r.f), 0);
    uint16_t *sector = r.disk->word[0];
    sector[0x00] = 0x1234;                                                  /* 0xFF00 */
    sector[0x50 + FLOPPY_REG_COMMAND] = FLOPPY_COMMAND_READ;                /* 0xFF55 */
    sector[0x50 + FLOPPY_REG_INTMSG] = 0x99;                                /* 0xFF52 */
    sector[0xff] = 0x4321;                                                  /* 0xFFFF */
    ck_assert_uint_eq(command(&r, DOOR_HWI, FLOPPY_COMMAND_READ, 0, 0xff00), 1);
    run_to(&r, 1668);
    ck_assert_uint_eq(other.writes, 16);
    ck_assert_uint_eq(other.reg[0], 0x1234);
    ck_assert_uint_eq(bus_peek_word(&r.h->bus, 0xffff), 0); /* no device there */
    ck_assert_uint_eq(floppy_class.regs.peek(&r.f, FLOPPY_REG_INTMSG), 0x99);
    /* The DMA's own command was refused (busy); the sector is the one the DMA wrote last. */
    ck_assert_uint_eq(floppy_class.regs.peek(&r.f, FLOPPY_REG_COMMAND), 0);
    expect(&r, DOOR_REG, FLOPPY_STATE_READY, FLOPPY_ERROR_BUSY);
    ck_assert_uint_eq(floppy_class.next_event(&r.f), DEVICE_NEVER);
    ck_assert_uint_eq(bus_peek_word(&r.h->bus, 0x0000), sector[0x100]);
    rig_free(&r);
}
END_TEST

START_TEST(reset_cancels_a_transfer_and_keeps_the_disk)
{
    rig_t r;
    rig_init(&r, 100000, true, false);
    set_intmsg(&r, DOOR_REG, 5);
    ck_assert_uint_eq(command(&r, DOOR_REG, FLOPPY_COMMAND_READ, 1439, 0x1000), 1);
    run_to(&r, 20628);
    ck_assert_uint_eq(command(&r, DOOR_REG, FLOPPY_COMMAND_WRITE, 100, 0x1000), 1);
    floppy_class.reset(&r.f);
    ck_assert_uint_eq(floppy_class.next_event(&r.f), DEVICE_NEVER);
    for (unsigned reg = 0; reg < 6; reg++)
        if (reg != FLOPPY_REG_STATE)
            ck_assert_uint_eq(floppy_class.regs.peek(&r.f, reg), 0);
    ck_assert_uint_eq(floppy_class.regs.peek(&r.f, FLOPPY_REG_STATE), FLOPPY_STATE_READY);
    run_to(&r, 1000000);
    ck_assert_uint_eq(r.disk->writes, 0);
    /* The head is back on track 0. */
    r.h->clock = 1000000;
    ck_assert_uint_eq(command(&r, DOOR_REG, FLOPPY_COMMAND_READ, 17, 0x1000), 1);
    ck_assert_uint_eq(floppy_class.next_event(&r.f), 1000000 + 1668);
    rig_free(&r);
}
END_TEST

START_TEST(may_interrupt_only_while_something_can_change)
{
    rig_t r;
    rig_init(&r, 100000, true, false);
    ck_assert(!floppy_class.may_interrupt(&r.f));
    set_intmsg(&r, DOOR_REG, 1);
    ck_assert(!floppy_class.may_interrupt(&r.f)); /* idle, and no disk can come or go */
    command(&r, DOOR_REG, FLOPPY_COMMAND_READ, 0, 0x1000);
    ck_assert(floppy_class.may_interrupt(&r.f));
    run_to(&r, 2000);
    ck_assert(!floppy_class.may_interrupt(&r.f));
    r.f.hotplug = true;
    ck_assert(floppy_class.may_interrupt(&r.f));
    set_intmsg(&r, DOOR_REG, 0);
    ck_assert(!floppy_class.may_interrupt(&r.f));
    rig_free(&r);
}
END_TEST

static Suite *floppy_suite(void)
{
    Suite *s = suite_create("floppy");
    TCase *tc = tcase_create("floppy");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, identity_and_slot);
    tcase_add_loop_test(tc, busy_cycles_match_the_formula, 0,
                        sizeof busy_cases / sizeof busy_cases[0]);
    tcase_add_test(tc, busy_cycles_are_the_exact_ceiling);
    tcase_add_loop_test(tc, no_media_state_and_refusals, 0, 2);
    tcase_add_loop_test(tc, refused_commands_set_their_error, 0,
                        2 * sizeof refusal_cases / sizeof refusal_cases[0]);
    tcase_add_loop_test(tc, command_while_busy_is_refused, 0, 2);
    tcase_add_test(tc, read_on_a_write_protected_disk_works);
    tcase_add_test(tc, other_command_values_are_ignored);
    tcase_add_test(tc, registers_read_back);
    tcase_add_loop_test(tc, busy_lasts_exactly_and_words_move_at_the_end, 0,
                        4 * sizeof timing_cases / sizeof timing_cases[0]);
    tcase_add_test(tc, write_takes_ram_at_completion);
    tcase_add_loop_test(tc, interrupt_on_every_change_of_state_or_error, 0, 4);
    tcase_add_loop_test(tc, eject_cuts_a_transfer, 0, 4);
    tcase_add_test(tc, insert_shows_write_protection);
    tcase_add_loop_test(tc, host_failure_is_error_broken, 0, 2);
    tcase_add_test(tc, dma_wraps_past_0xffff);
    tcase_add_test(tc, read_into_the_io_page_reaches_device_registers);
    tcase_add_test(tc, reset_cancels_a_transfer_and_keeps_the_disk);
    tcase_add_test(tc, may_interrupt_only_while_something_can_change);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(floppy_suite)
