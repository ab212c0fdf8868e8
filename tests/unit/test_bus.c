/* test_bus.c — the byte-addressable bus: RAM layout, device routing, peek, strictness. */
#include "memory/bus.h"

#include <check.h>
#include <stdlib.h>

#include "check_main.h"
#include "fake_regs.h"

static bus_t *new_bus(uint64_t *clock)
{
    bus_t *bus = malloc(sizeof *bus);
    ck_assert_ptr_nonnull(bus);
    bus_init(bus, clock);
    return bus;
}

START_TEST(words_are_little_endian_bytes)
{
    uint64_t clock = 0;
    bus_t *bus = new_bus(&clock);
    bus_write_word(bus, 0x1234, 0xabcd);
    ck_assert_uint_eq(bus_read8(bus, 0x2468), 0xcd);
    ck_assert_uint_eq(bus_read8(bus, 0x2469), 0xab);
    ck_assert_uint_eq(bus_read_word(bus, 0x1234), 0xabcd);
    bus_write8(bus, 0x2469, 0x11);
    ck_assert_uint_eq(bus_read_word(bus, 0x1234), 0x11cd);
    free(bus);
}
END_TEST

START_TEST(addresses_wrap_at_128k)
{
    uint64_t clock = 0;
    bus_t *bus = new_bus(&clock);
    bus_write16(bus, 0x1ffff, 0x5aa5); /* low byte at the top, high byte wraps to 0 */
    ck_assert_uint_eq(bus_read8(bus, 0x1ffff), 0xa5);
    ck_assert_uint_eq(bus_read8(bus, 0x00000), 0x5a);
    ck_assert_uint_eq(bus_read16(bus, 0x3ffff), 0x5aa5);
    free(bus);
}
END_TEST

START_TEST(devices_get_their_registers_and_the_clock)
{
    uint64_t clock = 77;
    bus_t *bus = new_bus(&clock);
    fake_dev_t dev = {0};
    ck_assert_int_eq(bus_map(bus, 0x1fe20, 32, &fake_ops, &dev), 0);
    ck_assert(bus_word_is_io(bus, 0xff10));
    ck_assert(!bus_word_is_io(bus, 0xfeff));
    bus_write_word(bus, 0xff12, 0xbeef);
    ck_assert_uint_eq(dev.reg[2], 0xbeef);
    ck_assert_uint_eq(dev.last_now, 77);
    ck_assert_uint_eq(bus_read_word(bus, 0xff12), 0xbeef);
    ck_assert_uint_eq(bus_read8(bus, 0x1fe25), 0xbe);
    bus_write8(bus, 0x1fe24, 0x00); /* read-merge-write of one byte */
    ck_assert_uint_eq(dev.reg[2], 0xbe00);
    free(bus);
}
END_TEST

START_TEST(peek_has_no_side_effects)
{
    uint64_t clock = 0;
    bus_t *bus = new_bus(&clock);
    fake_dev_t dev = {.reg = {[3] = 0x4242}};
    ck_assert_int_eq(bus_map(bus, 0x1fe00, 32, &fake_ops, &dev), 0);
    ck_assert_uint_eq(bus_peek_word(bus, 0xff03), 0x4242);
    ck_assert_uint_eq(bus_peek8(bus, 0x1fe07), 0x42);
    ck_assert_uint_eq(dev.reads, 0);
    ck_assert_uint_eq(dev.writes, 0);
    free(bus);
}
END_TEST

START_TEST(overlaps_and_bad_ranges_are_refused)
{
    uint64_t clock = 0;
    bus_t *bus = new_bus(&clock);
    fake_dev_t a = {0};
    ck_assert_int_eq(bus_map(bus, 0x1fe00, 32, &fake_ops, &a), 0);
    ck_assert_int_eq(bus_map(bus, 0x1fe1e, 32, &fake_ops, &a), -1);
    ck_assert_int_eq(bus_map(bus, 0x1fe21, 32, &fake_ops, &a), -1);
    ck_assert_int_eq(bus_map(bus, 0x1ffe0, 64, &fake_ops, &a), -1);
    ck_assert_int_eq(bus_map(bus, 0x1fe40, 0, &fake_ops, &a), -1);
    ck_assert_int_eq(bus_map(bus, 0x1fe20, 32, &fake_ops, &a), 0);
    free(bus);
}
END_TEST

START_TEST(unmapped_io_reads_zero_and_strict_faults)
{
    uint64_t clock = 0;
    bus_t *bus = new_bus(&clock);
    fake_dev_t a = {0};
    ck_assert_int_eq(bus_map(bus, 0x1fe00, 32, &fake_ops, &a), 0);
    bus->ram[0x1fe80] = 0x99; /* RAM behind a device page is never seen */
    ck_assert_uint_eq(bus_read_word(bus, 0xff40), 0);
    bus_write_word(bus, 0xff40, 0x1234);
    ck_assert(!bus->fault);
    bus->strict = true;
    ck_assert_uint_eq(bus_read_word(bus, 0xff41), 0);
    ck_assert(bus->fault);
    ck_assert_uint_eq(bus->fault_addr, 0x1fe82);
    free(bus);
}
END_TEST

/* An 8-bit write to a device merges through peek: the register is not read. */
START_TEST(byte_writes_to_devices_do_not_read)
{
    uint64_t clock = 0;
    bus_t *bus = new_bus(&clock);
    fake_dev_t dev = {.reg = {[1] = 0x1234}};
    ck_assert_int_eq(bus_map(bus, 0x1fe00, 32, &fake_ops, &dev), 0);
    bus_write8(bus, 0x1fe03, 0xab);
    ck_assert_uint_eq(dev.reg[1], 0xab34);
    ck_assert_uint_eq(dev.reads, 0);
    ck_assert_uint_eq(dev.writes, 1);
    free(bus);
}
END_TEST

START_TEST(peek_of_unmapped_io_never_faults)
{
    uint64_t clock = 0;
    bus_t *bus = new_bus(&clock);
    fake_dev_t dev = {0};
    ck_assert_int_eq(bus_map(bus, 0x1fe00, 32, &fake_ops, &dev), 0);
    bus->strict = true;
    ck_assert_uint_eq(bus_peek_word(bus, 0xff40), 0);
    ck_assert_uint_eq(bus_peek8(bus, 0x1fe81), 0);
    ck_assert(!bus->fault);
    free(bus);
}
END_TEST

typedef struct ram_log {
    unsigned calls;
    uint32_t last;
} ram_log_t;

static void log_ram_write(void *ctx, uint32_t addr)
{
    ram_log_t *log = ctx;
    log->calls++;
    log->last = addr;
}

/* Every write that reaches RAM is reported with its byte address; device writes are not. */
START_TEST(ram_writes_are_reported)
{
    uint64_t clock = 0;
    bus_t *bus = new_bus(&clock);
    fake_dev_t dev = {0};
    ram_log_t log = {0};
    ck_assert_int_eq(bus_map(bus, 0x1fe00, 32, &fake_ops, &dev), 0);
    bus->on_ram_write = log_ram_write;
    bus->on_ram_write_ctx = &log;
    bus_write_word(bus, 0x1234, 1);
    ck_assert_uint_eq(log.calls, 1);
    ck_assert_uint_eq(log.last, 0x2468);
    bus_write8(bus, 0x00101, 2);
    ck_assert_uint_eq(log.calls, 2);
    ck_assert_uint_eq(log.last, 0x00101);
    bus_write_word(bus, 0xff01, 3);
    bus_write8(bus, 0x1fe04, 4);
    ck_assert_uint_eq(log.calls, 2);
    ck_assert_uint_eq(dev.writes, 2);
    free(bus);
}
END_TEST

/* A range may straddle a page boundary; both pages then route to devices, and the rest of
 * those pages reads 0 (bus.h). */
START_TEST(a_range_may_span_two_pages)
{
    uint64_t clock = 0;
    bus_t *bus = new_bus(&clock);
    fake_dev_t dev = {0};
    bus_write_word(bus, 0xfe00, 0x7777);
    ck_assert_int_eq(bus_map(bus, 0x1fdf0, 32, &fake_ops, &dev), 0);
    bus_write_word(bus, 0xfef8, 0xaaaa); /* byte 0x1fdf0: register 0 */
    bus_write_word(bus, 0xff00, 0xbbbb); /* byte 0x1fe00: register 8 */
    ck_assert_uint_eq(dev.reg[0], 0xaaaa);
    ck_assert_uint_eq(dev.reg[8], 0xbbbb);
    ck_assert(bus_word_is_io(bus, 0xfe00));
    ck_assert_uint_eq(bus_read_word(bus, 0xfe00), 0);
    ck_assert(!bus_word_is_io(bus, 0xfdff));
    free(bus);
}
END_TEST

START_TEST(regions_are_limited)
{
    uint64_t clock = 0;
    bus_t *bus = new_bus(&clock);
    fake_dev_t dev = {0};
    for (uint32_t i = 0; i < BUS_MAX_REGIONS; i++)
        ck_assert_int_eq(bus_map(bus, 0x1fe00 + 2 * i, 2, &fake_ops, &dev), 0);
    ck_assert_int_eq(bus_map(bus, 0x1ff00, 2, &fake_ops, &dev), -1);
    free(bus);
}
END_TEST

static Suite *bus_suite(void)
{
    Suite *s = suite_create("bus");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, words_are_little_endian_bytes);
    tcase_add_test(tc, addresses_wrap_at_128k);
    tcase_add_test(tc, devices_get_their_registers_and_the_clock);
    tcase_add_test(tc, peek_has_no_side_effects);
    tcase_add_test(tc, overlaps_and_bad_ranges_are_refused);
    tcase_add_test(tc, unmapped_io_reads_zero_and_strict_faults);
    tcase_add_test(tc, byte_writes_to_devices_do_not_read);
    tcase_add_test(tc, peek_of_unmapped_io_never_faults);
    tcase_add_test(tc, ram_writes_are_reported);
    tcase_add_test(tc, a_range_may_span_two_pages);
    tcase_add_test(tc, regions_are_limited);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(bus_suite)
