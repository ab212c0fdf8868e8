/* test_snapshot.c — save states (docs/snapshot.md): running N cycles, saving, loading into
 * a fresh machine and running M more gives exactly the machine that ran N + M, with
 * interrupts queued, the timer mid-period and scripted keys still to come at the save; a
 * bad snapshot gets its own message and leaves the machine as it was. */
#include "machine/snapshot.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "asm/asm.h"
#include "check_main.h"
#include "machine/snapbuf.h"

/* A timer ticking every 200 cycles into a handler that takes longer than that (so
 * interrupts queue up), a keyboard whose handler writes each key to the screen, and a
 * main loop that fills RAM. */
static const char program[] =
    "        IAS handler\n"
    "        SET [0xff40], 0x8000\n"  /* display: video RAM at 0x8000 */
    "        SET [0xff23], 500\n"     /* timer BASE_HZ 500: with RATE 1, a tick every 200 */
    "        SET [0xff22], 1\n"       /* timer INTMSG 1 */
    "        SET [0xff20], 1\n"       /* timer RATE 1 */
    "        SET [0xff32], 2\n"       /* keyboard INTMSG 2 */
    "loop:   ADD I, 1\n"
    "        AND I, 0x0fff\n"
    "        SET [0x2000+I], J\n"
    "        SET PC, loop\n"
    "handler: IFE A, 2\n"
    "          SET PC, key\n"
    "        ADD J, 1\n"
    "        SET X, 60\n"
    "spin:   SUB X, 1\n"
    "        IFN X, 0\n"
    "          SET PC, spin\n"
    "        RFI 0\n"
    "key:    SET B, [0xff31]\n"       /* keyboard KEY */
    "        IFE B, 0\n"
    "          RFI 0\n"
    "        BOR B, 0xf000\n"
    "        SET [0x8000+Z], B\n"
    "        ADD Z, 1\n"
    "        RFI 0\n";

static const uint64_t key_cycles[] = {3000, 9000, 9000, 21000, 40000};

static machine_t *new_machine(machine_profile_t profile)
{
    machine_opts_t o = {.profile = profile};
    machine_t *m = machine_new(&o);
    ck_assert_ptr_nonnull(m);
    return m;
}

static machine_t *boot(void)
{
    machine_t *m = new_machine(MACHINE_PROFILE_D16);
    asm_options_t ao = {0};
    asm_output_t out;
    ck_assert_int_eq(asm_assemble_string("snap.dasm", program, strlen(program), &ao, &out), 0);
    uint8_t *bytes = malloc(out.count * 2);
    for (size_t i = 0; i < out.count; i++) {
        bytes[2 * i] = (uint8_t)(out.words[i] >> 8);
        bytes[2 * i + 1] = (uint8_t)out.words[i];
    }
    char err[160];
    ck_assert_int_eq(machine_load_image(m, bytes, out.count * 2, false, 0, err, sizeof err), 0);
    free(bytes);
    asm_output_free(&out);
    for (size_t i = 0; i < sizeof key_cycles / sizeof key_cycles[0]; i++)
        ck_assert_int_eq(keyboard_schedule(machine_device(m, &keyboard_class), key_cycles[i], KEYBOARD_ACTION_KEY,
                                           (uint16_t)('a' + i)), 0);
    return m;
}

/* Runs to the first instruction boundary at or after cycle end (or an end state). */
static void run_to(machine_t *m, uint64_t end)
{
    for (int guard = 0; m->state == MACHINE_RUNNING && m->cpu.cycles < end; guard++) {
        ck_assert_int_lt(guard, 1000000);
        machine_run(m, end - m->cpu.cycles);
    }
}

static void assert_same_machine(const machine_t *a, const machine_t *b)
{
    ck_assert_uint_eq(a->cpu.cycles, b->cpu.cycles);
    ck_assert_int_eq(a->state, b->state);
    ck_assert_mem_eq(a->cpu.r, b->cpu.r, sizeof a->cpu.r);
    ck_assert_uint_eq(a->cpu.pc, b->cpu.pc);
    ck_assert_uint_eq(a->cpu.sp, b->cpu.sp);
    ck_assert_uint_eq(a->cpu.ex, b->cpu.ex);
    ck_assert_uint_eq(a->cpu.ia, b->cpu.ia);
    ck_assert_uint_eq(a->cpu.irq_count, b->cpu.irq_count);
    static uint8_t ra[BUS_BYTES], rb[BUS_BYTES];
    machine_dump_ram(a, ra);
    machine_dump_ram(b, rb);
    ck_assert_int_eq(memcmp(ra, rb, BUS_BYTES), 0);
    char ta[DISPLAY_ROWS][DISPLAY_COLS + 1], tb[DISPLAY_ROWS][DISPLAY_COLS + 1];
    display_text(machine_device(a, &display_class), ta);
    display_text(machine_device(b, &display_class), tb);
    for (unsigned row = 0; row < DISPLAY_ROWS; row++)
        ck_assert_str_eq(ta[row], tb[row]);
    /* A second save of each is the same bytes: nothing differs that the format holds. */
    uint8_t *sa, *sb;
    size_t na, nb;
    ck_assert_int_eq(snapshot_save(a, &sa, &na), 0);
    ck_assert_int_eq(snapshot_save(b, &sb, &nb), 0);
    ck_assert_uint_eq(na, nb);
    ck_assert_int_eq(memcmp(sa, sb, na), 0);
    free(sa);
    free(sb);
}

static const uint64_t save_points[] = {1, 777, 2950, 9000, 12345, 20999, 33333};

START_TEST(round_trip)
{
    uint64_t n = save_points[_i], m_more = 25000;
    machine_t *a = boot();
    run_to(a, n);
    uint8_t *bytes;
    size_t size;
    ck_assert_int_eq(snapshot_save(a, &bytes, &size), 0);

    machine_t *b = new_machine(MACHINE_PROFILE_D16);
    char err[256] = "";
    ck_assert_msg(snapshot_load(b, bytes, size, err, sizeof err) == SNAPSHOT_OK, "%s", err);
    assert_same_machine(a, b);
    run_to(a, n + m_more);
    run_to(b, n + m_more);
    assert_same_machine(a, b);
    ck_assert_uint_gt(a->cpu.r[REG_Z], 0); /* keys reached the screen */
    free(bytes);
    machine_free(a);
    machine_free(b);
}
END_TEST

/* The save points above do catch the hard cases: show that they happen there. */
START_TEST(saves_catch_pending_work)
{
    machine_t *a = boot();
    bool queued = false, mid_period = false, key_to_come = false;
    for (size_t i = 0; i < sizeof save_points / sizeof save_points[0]; i++) {
        run_to(a, save_points[i]);
        queued |= a->cpu.irq_count > 0;
        const timer_dev_t *t = machine_device(a, &timer_class);
        uint64_t next = timer_tick_cycle(t, t->delivered + 1);
        mid_period |= t->delivered > 0 && next > a->cpu.cycles &&
                      next - a->cpu.cycles < 200;
        key_to_come |= keyboard_script_pending(machine_device(a, &keyboard_class)) && a->cpu.cycles > key_cycles[0];
    }
    ck_assert(queued);
    ck_assert(mid_period);
    ck_assert(key_to_come);
    machine_free(a);
}
END_TEST

/* ---- bad snapshots */

typedef struct bad {
    uint8_t *bytes;
    size_t size;
    machine_t *m;
    uint8_t *before;
    size_t before_size;
} bad_t;

static void bad_open(bad_t *t)
{
    machine_t *src = boot();
    run_to(src, 5000);
    ck_assert_int_eq(snapshot_save(src, &t->bytes, &t->size), 0);
    machine_free(src);
    t->m = boot(); /* a different machine, at cycle 0 */
    run_to(t->m, 100);
    ck_assert_int_eq(snapshot_save(t->m, &t->before, &t->before_size), 0);
}

/* The load failed with status and a message containing text; the machine is unchanged. */
static void bad_check(bad_t *t, snapshot_status_t status, const char *text)
{
    char err[256] = "";
    ck_assert_int_eq(snapshot_load(t->m, t->bytes, t->size, err, sizeof err), status);
    ck_assert_msg(strstr(err, text) != NULL, "message '%s' lacks '%s'", err, text);
    ck_assert_ptr_null(strchr(err, '\n'));
    uint8_t *after;
    size_t after_size;
    ck_assert_int_eq(snapshot_save(t->m, &after, &after_size), 0);
    ck_assert_uint_eq(after_size, t->before_size);
    ck_assert_int_eq(memcmp(after, t->before, after_size), 0);
    free(after);
    free(t->bytes);
    free(t->before);
    machine_free(t->m);
}

/* Puts the CRC right again after a deliberate change to the payload. */
static void fix_crc(bad_t *t)
{
    uint32_t crc = snap_crc32(t->bytes + SNAPSHOT_HEADER_SIZE, t->size - SNAPSHOT_HEADER_SIZE);
    for (int i = 0; i < 4; i++)
        t->bytes[28 + i] = (uint8_t)(crc >> (24 - 8 * i));
}

/* Offset of a section's body, found by walking the sections from the header. */
static size_t section_body(const bad_t *t, const char *tag)
{
    size_t at = SNAPSHOT_HEADER_SIZE;
    while (at + 8 <= t->size) {
        size_t len = (size_t)t->bytes[at + 4] << 24 | (size_t)t->bytes[at + 5] << 16 |
                     (size_t)t->bytes[at + 6] << 8 | t->bytes[at + 7];
        if (memcmp(t->bytes + at, tag, 4) == 0)
            return at + 8;
        at += 8 + len;
    }
    ck_abort_msg("no section %s", tag);
    return 0;
}

START_TEST(header_is_big_endian)
{
    bad_t t;
    bad_open(&t);
    ck_assert_int_eq(memcmp(t.bytes, "D16STATE", 8), 0);
    ck_assert_uint_eq(t.bytes[8], 0);
    ck_assert_uint_eq(t.bytes[9], SNAPSHOT_VERSION);
    ck_assert_uint_eq(t.bytes[10], MACHINE_PROFILE_D16);
    /* clock 100000 = 0x000186a0 */
    ck_assert_uint_eq(t.bytes[13], 0x01);
    ck_assert_uint_eq(t.bytes[14], 0x86);
    ck_assert_uint_eq(t.bytes[15], 0xa0);
    snapshot_info_t info;
    char err[128];
    ck_assert_int_eq(snapshot_info(t.bytes, t.size, &info, err, sizeof err), SNAPSHOT_OK);
    ck_assert_uint_ge(info.cycles, 5000);
    ck_assert_uint_eq(info.clock_hz, 100000);
    free(t.bytes);
    free(t.before);
    machine_free(t.m);
}
END_TEST

START_TEST(not_a_snapshot)
{
    bad_t t;
    bad_open(&t);
    t.bytes[0] = 'X';
    bad_check(&t, SNAPSHOT_NOT_SNAPSHOT, "not a d16 snapshot");
}
END_TEST

START_TEST(truncated)
{
    bad_t t;
    bad_open(&t);
    t.size -= 100;
    bad_check(&t, SNAPSHOT_TRUNCATED, "truncated");
}
END_TEST

START_TEST(truncated_inside_header)
{
    bad_t t;
    bad_open(&t);
    t.size = 20;
    bad_check(&t, SNAPSHOT_TRUNCATED, "truncated");
}
END_TEST

START_TEST(wrong_version)
{
    bad_t t;
    bad_open(&t);
    t.bytes[9] = SNAPSHOT_VERSION + 1;
    bad_check(&t, SNAPSHOT_WRONG_VERSION, "version 2");
}
END_TEST

START_TEST(wrong_profile)
{
    bad_t t;
    bad_open(&t);
    free(t.before);
    machine_free(t.m);
    t.m = new_machine(MACHINE_PROFILE_DCPU16);
    ck_assert_int_eq(snapshot_save(t.m, &t.before, &t.before_size), 0);
    bad_check(&t, SNAPSHOT_WRONG_PROFILE, "wrong profile: the snapshot is of a d16 machine");
}
END_TEST

START_TEST(corrupt_checksum)
{
    bad_t t;
    bad_open(&t);
    t.bytes[t.size / 2] ^= 0x40;
    bad_check(&t, SNAPSHOT_CORRUPT, "checksum");
}
END_TEST

/* A field out of range behind a correct checksum: caught by the check of the field. */
START_TEST(corrupt_field)
{
    bad_t t;
    bad_open(&t);
    size_t timer = section_body(&t, "TIMR");
    t.bytes[timer + 4] = 0; /* BASE_HZ 0 */
    t.bytes[timer + 5] = 0;
    fix_crc(&t);
    bad_check(&t, SNAPSHOT_CORRUPT, "section TIMR: 'base_hz' is 0");
}
END_TEST

/* The last device's section fails: the sections before it were fine, and still nothing of
 * the snapshot reached the machine. */
START_TEST(corrupt_late_section_loads_nothing)
{
    bad_t t;
    bad_open(&t);
    size_t sys = section_body(&t, "SYSC");
    t.bytes[sys - 1] = 3; /* the section claims 3 bytes, holds 2: the file is one short */
    fix_crc(&t);
    bad_check(&t, SNAPSHOT_CORRUPT, "corrupt");
}
END_TEST

START_TEST(trailing_bytes)
{
    bad_t t;
    bad_open(&t);
    uint8_t *more = realloc(t.bytes, t.size + 1);
    ck_assert_ptr_nonnull(more);
    t.bytes = more;
    t.bytes[t.size++] = 0;
    bad_check(&t, SNAPSHOT_CORRUPT, "after");
}
END_TEST

/* Many damaged snapshots whose checksum was put right, so the sections' own checks are what
 * stands between them and the machine: every one is loaded whole or refused in one line
 * with the machine untouched, and a loaded one runs. (make fuzz goes further.) */
START_TEST(mutations_behind_the_checksum)
{
    bad_t t;
    bad_open(&t);
    uint8_t *copy = malloc(t.size);
    ck_assert_ptr_nonnull(copy);
    uint32_t seed = 12345;
    unsigned refused = 0;
    for (int round = 0; round < 400; round++) {
        memcpy(copy, t.bytes, t.size);
        bad_t m = t;
        m.bytes = copy;
        for (int k = 0; k < 1 + round % 4; k++) {
            seed = seed * 1103515245u + 12345u;
            /* mostly the small sections around RAM, where every byte is a field */
            size_t at = SNAPSHOT_HEADER_SIZE + (seed >> 8) % (m.size - SNAPSHOT_HEADER_SIZE);
            if (round % 2)
                at = m.size - 1 - (seed >> 8) % 1200;
            copy[at] ^= (uint8_t)(1u << (seed >> 28 & 7));
        }
        fix_crc(&m);
        char err[256] = "";
        snapshot_status_t st = snapshot_load(t.m, copy, m.size, err, sizeof err);
        if (st == SNAPSHOT_OK) {
            run_to(t.m, t.m->cpu.cycles + 2000);
            free(t.before);
            ck_assert_int_eq(snapshot_save(t.m, &t.before, &t.before_size), 0);
            continue;
        }
        refused++;
        ck_assert_ptr_null(strchr(err, '\n'));
        uint8_t *after;
        size_t after_size;
        ck_assert_int_eq(snapshot_save(t.m, &after, &after_size), 0);
        ck_assert_uint_eq(after_size, t.before_size);
        ck_assert_int_eq(memcmp(after, t.before, after_size), 0);
        free(after);
    }
    ck_assert_uint_gt(refused, 50);
    free(copy);
    free(t.bytes);
    free(t.before);
    machine_free(t.m);
}
END_TEST

static Suite *snapshot_suite(void)
{
    Suite *s = suite_create("snapshot");
    TCase *tc = tcase_create("round trip");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, round_trip, 0, sizeof save_points / sizeof save_points[0]);
    tcase_add_test(tc, saves_catch_pending_work);
    suite_add_tcase(s, tc);
    tc = tcase_create("bad snapshots");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, header_is_big_endian);
    tcase_add_test(tc, not_a_snapshot);
    tcase_add_test(tc, truncated);
    tcase_add_test(tc, truncated_inside_header);
    tcase_add_test(tc, wrong_version);
    tcase_add_test(tc, wrong_profile);
    tcase_add_test(tc, corrupt_checksum);
    tcase_add_test(tc, corrupt_field);
    tcase_add_test(tc, corrupt_late_section_loads_nothing);
    tcase_add_test(tc, trailing_bytes);
    tcase_add_test(tc, mutations_behind_the_checksum);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(snapshot_suite)
