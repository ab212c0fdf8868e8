/* test_timer.c — the Generic Clock: both doors, exact tick positions over hours of emulated
 * time, RATE/BASE_HZ changes, 16-bit wrap and one interrupt per tick. */
#include "devices/timer.h"

#include <check.h>

#include "check_main.h"
#include "fake_host.h"
#include "machine/board.h"

typedef enum door { DOOR_REG, DOOR_HWI } door_t;

/* HWI A for each writable register. */
static const uint16_t timer_hwi_a[] = {
    [TIMER_REG_RATE] = 0, [TIMER_REG_INTMSG] = 2, [TIMER_REG_BASE_HZ] = 3,
};

static void set(timer_dev_t *t, door_t door, unsigned reg, uint16_t value, uint64_t now)
{
    if (door == DOOR_REG)
        timer_class.regs.write(t, reg, value, now);
    else
        ck_assert_uint_eq(fake_host_hwi(&timer_class, t, timer_hwi_a[reg], value, NULL, now), 0);
}

static uint16_t ticks(timer_dev_t *t, door_t door, uint64_t now)
{
    if (door == DOOR_REG)
        return timer_class.regs.read(t, TIMER_REG_TICKS, now);
    uint16_t c;
    fake_host_hwi(&timer_class, t, 1, 0, &c, now);
    return c;
}

/* The naive formula, exact while k × clock × rate fits in 64 bits. */
static uint64_t naive_tick(uint64_t start, uint64_t k, uint64_t clock, uint64_t rate,
                           uint64_t base)
{
    return start + (k * clock * rate + base - 1) / base;
}

START_TEST(identity_and_slot)
{
    ck_assert_uint_eq(timer_class.id, 0x12d0b402u);
    ck_assert_uint_eq(timer_class.version, 1);
    ck_assert_uint_eq(timer_class.manufacturer, 0x1c6c8b36u);
    ck_assert_uint_eq(board_find(MACHINE_PROFILE_D16, &timer_class, NULL)->slot, 0xff20);
}
END_TEST

/* Loop index: bit 0 = door used to write, bit 1 = door used to read. */
START_TEST(both_doors_share_state)
{
    door_t wdoor = _i & 1 ? DOOR_HWI : DOOR_REG, rdoor = _i & 2 ? DOOR_HWI : DOOR_REG;
    fake_host_t *h = fake_host_new(100000);
    timer_dev_t t;
    timer_init(&t, &h->host, NULL);
    set(&t, wdoor, TIMER_REG_BASE_HZ, 1000, 0); /* a tick every 100 cycles */
    set(&t, wdoor, TIMER_REG_RATE, 1, 0);
    set(&t, wdoor, TIMER_REG_INTMSG, 0x4242, 0);
    ck_assert_uint_eq(ticks(&t, rdoor, 250), 2);
    ck_assert_uint_eq(timer_class.regs.read(&t, TIMER_REG_RATE, 250), 1);
    ck_assert_uint_eq(timer_class.regs.read(&t, TIMER_REG_BASE_HZ, 250), 1000);
    ck_assert_uint_eq(timer_class.regs.read(&t, TIMER_REG_INTMSG, 250), 0x4242);
    ck_assert_uint_eq(timer_class.regs.peek(&t, TIMER_REG_INTMSG), 0x4242);
    fake_host_free(h);
}
END_TEST

typedef struct tick_case {
    uint32_t clock;
    uint16_t rate, base;
    uint64_t start;   /* cycle at which the timer is programmed */
    uint64_t seconds; /* emulated span checked */
} tick_case_t;

static const tick_case_t tick_cases[] = {
    {100000, 1, 60, 0, 36000},          /* 10 hours at the nominal clock */
    {1000003, 7, 1000, 12345, 36000},   /* 10 hours, nothing divides evenly */
    {32768, 3, 10000, 5, 60},
    {4000000000u, 1, 10000, 99, 1},     /* a clock near the 32-bit limit */
    {100000, 65535, 10000, 1, 36000},   /* slowest divisor */
};

/* Every tick lands on c + ceil(k × clock × RATE / BASE_HZ), with one interrupt each. */
START_TEST(ticks_fall_at_exact_cycles)
{
    const tick_case_t *tc = &tick_cases[_i];
    fake_host_t *h = fake_host_new(tc->clock);
    timer_dev_t t;
    timer_init(&t, &h->host, NULL);
    h->clock = tc->start;
    set(&t, DOOR_REG, TIMER_REG_BASE_HZ, tc->base, tc->start);
    set(&t, DOOR_REG, TIMER_REG_RATE, tc->rate, tc->start);
    set(&t, DOOR_REG, TIMER_REG_INTMSG, 7, tc->start);

    uint64_t end = tc->start + tc->seconds * tc->clock;
    uint64_t expected = tc->seconds * tc->clock * tc->base / ((uint64_t)tc->clock * tc->rate);
    /* Plain comparisons in the loop: a Check assertion per tick would cost a syscall. */
    uint64_t first_bad = 0;
    for (uint64_t k = 1; k <= expected && !first_bad; k++) {
        uint64_t at = timer_class.next_event(&t);
        if (at != naive_tick(tc->start, k, tc->clock, tc->rate, tc->base))
            first_bad = k;
        if (timer_ticks(&t, at - 1) != (uint16_t)(k - 1)) /* TICKS is lazy: one short... */
            first_bad = k;
        h->clock = at;
        timer_class.advance(&t, at);
        if (h->irqs != k || timer_ticks(&t, at) != (uint16_t)k) /* ...then on the tick */
            first_bad = k;
    }
    ck_assert_uint_eq(first_bad, 0);
    ck_assert_uint_eq(h->irqs, expected);
    ck_assert_uint_gt(timer_class.next_event(&t), end);
    ck_assert_uint_eq(h->last_msg, 7);
    ck_assert_uint_eq(ticks(&t, DOOR_HWI, end), (uint16_t)expected);
    fake_host_free(h);
}
END_TEST

START_TEST(ten_hours_at_60_hz_end_exactly)
{
    fake_host_t *h = fake_host_new(100000);
    timer_dev_t t;
    timer_init(&t, &h->host, NULL);
    set(&t, DOOR_REG, TIMER_REG_RATE, 1, 0);
    uint64_t ten_hours = 36000ull * 100000;
    ck_assert_uint_eq(timer_tick_cycle(&t, 60 * 36000), ten_hours);
    ck_assert_uint_eq(ticks(&t, DOOR_REG, ten_hours - 1), (uint16_t)(60 * 36000 - 1));
    ck_assert_uint_eq(ticks(&t, DOOR_REG, ten_hours), (uint16_t)(60 * 36000));
    fake_host_free(h);
}
END_TEST

START_TEST(without_intmsg_there_are_no_events)
{
    fake_host_t *h = fake_host_new(100000);
    timer_dev_t t;
    timer_init(&t, &h->host, NULL);
    set(&t, DOOR_REG, TIMER_REG_RATE, 1, 0);
    ck_assert_uint_eq(timer_class.next_event(&t), DEVICE_NEVER);
    ck_assert(!timer_class.may_interrupt(&t));
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 1666), 0);
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 1667), 1); /* ceil(100000 / 60) */
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 100000), 60);
    ck_assert_uint_eq(h->irqs, 0);
    fake_host_free(h);
}
END_TEST

START_TEST(rate_write_restarts_ticks_and_phase)
{
    fake_host_t *h = fake_host_new(100000);
    timer_dev_t t;
    timer_init(&t, &h->host, NULL);
    set(&t, DOOR_HWI, TIMER_REG_RATE, 1, 0);
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 10000), 6);
    unsigned before = h->reschedules;
    set(&t, DOOR_REG, TIMER_REG_RATE, 2, 10000);
    ck_assert_uint_gt(h->reschedules, before);
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 10000), 0);
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 13333), 0);
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 13334), 1); /* 10000 + ceil(200000 / 60) */
    set(&t, DOOR_REG, TIMER_REG_RATE, 2, 13400);      /* same value: still a restart */
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 13400), 0);
    set(&t, DOOR_REG, TIMER_REG_RATE, 0, 20000); /* stopped: TICKS stays 0 */
    ck_assert_uint_eq(ticks(&t, DOOR_HWI, 1000000), 0);
    fake_host_free(h);
}
END_TEST

START_TEST(base_write_keeps_ticks_and_restarts_phase)
{
    fake_host_t *h = fake_host_new(100000);
    timer_dev_t t;
    timer_init(&t, &h->host, NULL);
    set(&t, DOOR_REG, TIMER_REG_RATE, 1, 0);
    set(&t, DOOR_REG, TIMER_REG_INTMSG, 9, 0);
    fake_host_run(h, &timer_class, &t, 10001);
    ck_assert_uint_eq(h->irqs, 6);
    set(&t, DOOR_HWI, TIMER_REG_BASE_HZ, 1000, 10001);
    ck_assert_uint_eq(timer_class.regs.peek(&t, TIMER_REG_BASE_HZ), 1000);
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 10001), 6);
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 10100), 6);
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 10101), 7); /* the new phase began at 10001 */
    fake_host_run(h, &timer_class, &t, 10201);
    ck_assert_uint_eq(h->irqs, 8);
    ck_assert_uint_eq(h->irq_at[6], 10101);
    ck_assert_uint_eq(h->irq_at[7], 10201);
    fake_host_free(h);
}
END_TEST

typedef struct base_case {
    uint16_t value;
    uint16_t expect; /* BASE_HZ after writing value over 60 */
} base_case_t;

static const base_case_t base_cases[] = {
    {0, 60}, {10001, 60}, {0xffff, 60}, {1, 1}, {10000, 10000}, {50, 50},
};

/* Loop index: base case × door. */
START_TEST(base_outside_1_to_10000_is_ignored)
{
    const base_case_t *bc = &base_cases[_i / 2];
    door_t door = _i % 2 ? DOOR_HWI : DOOR_REG;
    fake_host_t *h = fake_host_new(100000);
    timer_dev_t t;
    timer_init(&t, &h->host, NULL);
    set(&t, DOOR_REG, TIMER_REG_RATE, 1, 0);
    set(&t, door, TIMER_REG_BASE_HZ, bc->value, 5000);
    ck_assert_uint_eq(timer_class.regs.read(&t, TIMER_REG_BASE_HZ, 5000), bc->expect);
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 5000), 3); /* ignored or kept: TICKS unchanged */
    if (bc->expect == 60) /* an ignored write does not restart the phase either */
        ck_assert_uint_eq(ticks(&t, DOOR_REG, 6667), 4);
    fake_host_free(h);
}
END_TEST

START_TEST(ticks_wrap_at_16_bits)
{
    fake_host_t *h = fake_host_new(100000);
    timer_dev_t t;
    timer_init(&t, &h->host, NULL);
    set(&t, DOOR_REG, TIMER_REG_BASE_HZ, 10000, 0); /* a tick every 10 cycles */
    set(&t, DOOR_REG, TIMER_REG_RATE, 1, 0);
    set(&t, DOOR_REG, TIMER_REG_INTMSG, 1, 0);
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 655350), 0xffff);
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 655360), 0);
    ck_assert_uint_eq(ticks(&t, DOOR_HWI, 655370), 1);
    fake_host_run(h, &timer_class, &t, 655370);
    ck_assert_uint_eq(h->irqs, 65537); /* interrupts go on past the wrap */
    fake_host_free(h);
}
END_TEST

START_TEST(intmsg_counts_only_ticks_after_it)
{
    fake_host_t *h = fake_host_new(100000);
    timer_dev_t t;
    timer_init(&t, &h->host, NULL);
    set(&t, DOOR_REG, TIMER_REG_RATE, 1, 0);
    h->clock = 1667;
    set(&t, DOOR_HWI, TIMER_REG_INTMSG, 0x11, 1667); /* tick 1 is due at 1667: already past */
    ck_assert_uint_eq(timer_class.next_event(&t), 3334);
    ck_assert(timer_class.may_interrupt(&t));
    fake_host_run(h, &timer_class, &t, 3334);
    ck_assert_uint_eq(h->irqs, 1);
    ck_assert_uint_eq(h->irq_at[0], 3334);
    set(&t, DOOR_REG, TIMER_REG_INTMSG, 0x22, 4000);
    fake_host_run(h, &timer_class, &t, 5000);
    ck_assert_uint_eq(h->irqs, 2);
    ck_assert_uint_eq(h->irq_msg[1], 0x22);
    set(&t, DOOR_REG, TIMER_REG_INTMSG, 0, 5000);
    ck_assert_uint_eq(timer_class.next_event(&t), DEVICE_NEVER);
    ck_assert(!timer_class.may_interrupt(&t));
    fake_host_free(h);
}
END_TEST

/* A late advance still raises one interrupt per tick it passed. */
START_TEST(late_advance_catches_up_tick_by_tick)
{
    fake_host_t *h = fake_host_new(100000);
    timer_dev_t t;
    timer_init(&t, &h->host, NULL);
    set(&t, DOOR_REG, TIMER_REG_RATE, 1, 0);
    set(&t, DOOR_REG, TIMER_REG_INTMSG, 3, 0);
    h->clock = 10000;
    timer_class.advance(&t, 10000);
    ck_assert_uint_eq(h->irqs, 6);
    ck_assert_uint_eq(timer_class.next_event(&t), 11667);
    fake_host_free(h);
}
END_TEST

/* A stopped timer schedules nothing and can never interrupt, whatever its message
 * (docs/machine.md §6); started, its message makes it able to. Loop index: the door. */
START_TEST(stopped_timer_cannot_interrupt)
{
    door_t door = (door_t)_i;
    fake_host_t *h = fake_host_new(100000);
    timer_dev_t t;
    timer_init(&t, &h->host, NULL);
    ck_assert(!timer_class.may_interrupt(&t));
    set(&t, door, TIMER_REG_INTMSG, 5, 0);
    ck_assert_uint_eq(timer_class.next_event(&t), DEVICE_NEVER);
    ck_assert(!timer_class.may_interrupt(&t));
    set(&t, door, TIMER_REG_RATE, 60, 0);
    ck_assert(timer_class.may_interrupt(&t));
    ck_assert_uint_eq(timer_class.next_event(&t), 100000); /* 60/60: once a second */
    set(&t, door, TIMER_REG_RATE, 0, 10);
    ck_assert(!timer_class.may_interrupt(&t));
    set(&t, door, TIMER_REG_RATE, 1, 20);
    set(&t, door, TIMER_REG_INTMSG, 0, 20);
    ck_assert(!timer_class.may_interrupt(&t));
    fake_host_free(h);
}
END_TEST

START_TEST(reset_gives_power_on_state)
{
    fake_host_t *h = fake_host_new(100000);
    timer_dev_t t;
    timer_init(&t, &h->host, NULL);
    set(&t, DOOR_REG, TIMER_REG_BASE_HZ, 100, 0);
    set(&t, DOOR_REG, TIMER_REG_RATE, 3, 0);
    set(&t, DOOR_REG, TIMER_REG_INTMSG, 5, 0);
    timer_class.reset(&t);
    ck_assert_uint_eq(timer_class.regs.peek(&t, TIMER_REG_RATE), 0);
    ck_assert_uint_eq(timer_class.regs.peek(&t, TIMER_REG_INTMSG), 0);
    ck_assert_uint_eq(timer_class.regs.peek(&t, TIMER_REG_BASE_HZ), 60);
    ck_assert_uint_eq(ticks(&t, DOOR_REG, 1000000), 0);
    ck_assert_uint_eq(timer_class.regs.read(&t, 15, 0), 0); /* unused offsets read 0 */
    fake_host_free(h);
}
END_TEST

/* The extremes a guest (or the command line) can reach: the largest clock with the slowest
 * divisor and base, and a counter near 2^64. Positions stay exact and nothing overflows
 * (UBSan watches the arithmetic in the sanitizer build). */
START_TEST(extreme_values_stay_exact)
{
    const uint64_t clock = 0xffffffffu, period = clock * 0xffff; /* one tick at BASE_HZ 1 */
    fake_host_t *h = fake_host_new((uint32_t)clock);
    timer_dev_t t;
    timer_init(&t, &h->host, NULL);
    set(&t, DOOR_REG, TIMER_REG_BASE_HZ, 1, 3);
    set(&t, DOOR_HWI, TIMER_REG_RATE, 0xffff, 3);
    set(&t, DOOR_REG, TIMER_REG_INTMSG, 1, 3);
    ck_assert_uint_eq(timer_class.next_event(&t), 3 + period);
    ck_assert_uint_eq(timer_tick_cycle(&t, 1000), 3 + 1000 * period);
    ck_assert_uint_eq(timer_tick_cycle(&t, UINT64_MAX / 2), DEVICE_NEVER); /* past 2^64 */
    uint64_t late = UINT64_MAX - 5;
    ck_assert_uint_eq(ticks(&t, DOOR_REG, late), (uint16_t)((late - 3) / period));
    ck_assert_uint_eq(ticks(&t, DOOR_HWI, 3 + 60000 * period - 1), 59999);
    ck_assert_uint_eq(ticks(&t, DOOR_HWI, 3 + 60000 * period), 60000);
    /* the fastest: BASE_HZ 10000, RATE 1 at a 1 Hz clock gives 10000 ticks per cycle */
    fake_host_t *slow = fake_host_new(1);
    timer_dev_t u;
    timer_init(&u, &slow->host, NULL);
    set(&u, DOOR_REG, TIMER_REG_BASE_HZ, 10000, 0);
    set(&u, DOOR_REG, TIMER_REG_RATE, 1, 0);
    ck_assert_uint_eq(ticks(&u, DOOR_REG, 7), (uint16_t)70000);
    ck_assert_uint_eq(timer_tick_cycle(&u, 10000), 1);
    ck_assert_uint_eq(timer_tick_cycle(&u, 10001), 2);
    fake_host_free(slow);
    fake_host_free(h);
}
END_TEST

static Suite *timer_suite(void)
{
    Suite *s = suite_create("timer");
    TCase *tc = tcase_create("timer");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, identity_and_slot);
    tcase_add_loop_test(tc, both_doors_share_state, 0, 4);
    tcase_add_loop_test(tc, ticks_fall_at_exact_cycles, 0,
                        sizeof tick_cases / sizeof tick_cases[0]);
    tcase_add_test(tc, ten_hours_at_60_hz_end_exactly);
    tcase_add_test(tc, without_intmsg_there_are_no_events);
    tcase_add_test(tc, rate_write_restarts_ticks_and_phase);
    tcase_add_test(tc, base_write_keeps_ticks_and_restarts_phase);
    tcase_add_loop_test(tc, base_outside_1_to_10000_is_ignored, 0,
                        2 * sizeof base_cases / sizeof base_cases[0]);
    tcase_add_test(tc, ticks_wrap_at_16_bits);
    tcase_add_test(tc, intmsg_counts_only_ticks_after_it);
    tcase_add_test(tc, late_advance_catches_up_tick_by_tick);
    tcase_add_loop_test(tc, stopped_timer_cannot_interrupt, 0, 2);
    tcase_add_test(tc, reset_gives_power_on_state);
    tcase_add_test(tc, extreme_values_stay_exact);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(timer_suite)
