/* test_keyboard.c — the Generic Keyboard: buffer through both doors, overflow, held keys,
 * QUERY/MODS, modifiers, one interrupt per event and the scripted-input queue. */
#include "devices/keyboard.h"

#include <check.h>

#include "check_main.h"
#include "fake_host.h"
#include "machine/board.h"

typedef enum door { DOOR_REG, DOOR_HWI } door_t;

typedef struct kb_fixture {
    fake_host_t *h;
    keyboard_dev_t kb;
} kb_fixture_t;

static void kb_open(kb_fixture_t *f, bool kbd_modifiers)
{
    f->h = fake_host_new(100000);
    keyboard_init(&f->kb, &f->h->host, &(device_options_t){.args = kbd_modifiers ? "modifiers" : ""});
}

static void kb_close(kb_fixture_t *f)
{
    keyboard_free(&f->kb);
    fake_host_free(f->h);
}

static void set_intmsg(keyboard_dev_t *kb, door_t door, uint16_t msg)
{
    if (door == DOOR_REG)
        keyboard_class.regs.write(kb, KEYBOARD_REG_INTMSG, msg, 0);
    else
        fake_host_hwi(&keyboard_class, kb, 3, msg, NULL, 0);
}

static uint16_t next_key(keyboard_dev_t *kb, door_t door)
{
    if (door == DOOR_REG)
        return keyboard_class.regs.read(kb, KEYBOARD_REG_KEY, 0);
    uint16_t c;
    fake_host_hwi(&keyboard_class, kb, 1, 0, &c, 0);
    return c;
}

static uint16_t query(keyboard_dev_t *kb, door_t door, uint16_t code)
{
    if (door == DOOR_REG) {
        keyboard_class.regs.write(kb, KEYBOARD_REG_QUERY, code, 0);
        return keyboard_class.regs.read(kb, KEYBOARD_REG_QUERY, 0);
    }
    uint16_t c;
    fake_host_hwi(&keyboard_class, kb, 2, code, &c, 0);
    return c;
}

static void clear(keyboard_dev_t *kb, door_t door)
{
    if (door == DOOR_REG)
        keyboard_class.regs.write(kb, KEYBOARD_REG_CLEAR, 1, 0);
    else
        fake_host_hwi(&keyboard_class, kb, 0, 0, NULL, 0);
}

static uint16_t status(keyboard_dev_t *kb)
{
    return keyboard_class.regs.read(kb, KEYBOARD_REG_STATUS, 0);
}

START_TEST(identity_and_slot)
{
    ck_assert_uint_eq(keyboard_class.id, 0x30cf7406u);
    ck_assert_uint_eq(keyboard_class.version, 1);
    ck_assert_uint_eq(keyboard_class.manufacturer, 0x1c6c8b36u);
    ck_assert_uint_eq(board_find(MACHINE_PROFILE_D16, &keyboard_class, NULL)->slot, 0xff30);
}
END_TEST

/* Loop index: bit 0 = door to read keys, bit 1 = door to clear. */
START_TEST(typed_keys_come_out_in_order)
{
    door_t rdoor = _i & 1 ? DOOR_HWI : DOOR_REG, cdoor = _i & 2 ? DOOR_HWI : DOOR_REG;
    kb_fixture_t f;
    kb_open(&f, false);
    ck_assert_uint_eq(status(&f.kb), 0);
    ck_assert_uint_eq(next_key(&f.kb, rdoor), 0);
    keyboard_type(&f.kb, 'h', 10);
    keyboard_type(&f.kb, 'i', 20);
    keyboard_type(&f.kb, KEYBOARD_RETURN, 30);
    ck_assert_uint_eq(status(&f.kb), 1);
    ck_assert_uint_eq(keyboard_class.regs.peek(&f.kb, KEYBOARD_REG_KEY), 'h'); /* peek keeps */
    ck_assert_uint_eq(next_key(&f.kb, rdoor), 'h');
    ck_assert_uint_eq(next_key(&f.kb, rdoor), 'i');
    clear(&f.kb, cdoor);
    ck_assert_uint_eq(status(&f.kb), 0);
    ck_assert_uint_eq(next_key(&f.kb, rdoor), 0);
    kb_close(&f);
}
END_TEST

/* Loop index: door used to set INTMSG. */
START_TEST(full_buffer_drops_but_interrupts)
{
    kb_fixture_t f;
    kb_open(&f, false);
    set_intmsg(&f.kb, _i ? DOOR_HWI : DOOR_REG, 0x77);
    ck_assert_uint_eq(keyboard_class.regs.peek(&f.kb, KEYBOARD_REG_INTMSG), 0x77);
    for (unsigned i = 0; i < KEYBOARD_BUFFER + 2; i++)
        keyboard_type(&f.kb, (uint16_t)(0x20 + i), i);
    ck_assert_uint_eq(f.h->irqs, KEYBOARD_BUFFER + 2);
    ck_assert_uint_eq(f.h->irq_msg[KEYBOARD_BUFFER + 1], 0x77);
    for (unsigned i = 0; i < KEYBOARD_BUFFER; i++)
        ck_assert_uint_eq(next_key(&f.kb, DOOR_REG), 0x20 + i);
    ck_assert_uint_eq(next_key(&f.kb, DOOR_REG), 0); /* the two extra keys were dropped */
    kb_close(&f);
}
END_TEST

typedef struct event_case {
    keyboard_action_t action;
    uint16_t code;
    unsigned irqs;     /* with INTMSG set */
    unsigned buffered; /* codes that entered the buffer */
    bool held_after;
} event_case_t;

static const event_case_t event_cases[] = {
    {KEYBOARD_ACTION_DOWN, 'a', 1, 0, true},
    {KEYBOARD_ACTION_UP, 'a', 1, 0, false},
    {KEYBOARD_ACTION_TYPE, 'a', 1, 1, false},
    {KEYBOARD_ACTION_KEY, 'a', 3, 1, false},           /* down, type, up */
    {KEYBOARD_ACTION_KEY, KEYBOARD_ARROW_LEFT, 3, 1, false},
    {KEYBOARD_ACTION_TYPE, KEYBOARD_SHIFT, 1, 0, false}, /* no --kbd-modifiers: an event only */
    {KEYBOARD_ACTION_DOWN, KEYBOARD_CONTROL, 1, 0, true},
};

/* Each scripted action happens at its cycle with one interrupt per event. */
START_TEST(each_event_interrupts_once)
{
    const event_case_t *ec = &event_cases[_i];
    kb_fixture_t f;
    kb_open(&f, false);
    set_intmsg(&f.kb, DOOR_REG, 0x99);
    ck_assert_int_eq(keyboard_schedule(&f.kb, 500, ec->action, ec->code), 0);
    ck_assert_uint_eq(keyboard_class.next_event(&f.kb), 500);
    fake_host_run(f.h, &keyboard_class, &f.kb, 499);
    ck_assert_uint_eq(f.h->irqs, 0);
    fake_host_run(f.h, &keyboard_class, &f.kb, 500);
    ck_assert_uint_eq(f.h->irqs, ec->irqs);
    ck_assert_uint_eq(f.h->irq_at[0], 500);
    ck_assert_uint_eq(status(&f.kb), ec->buffered);
    ck_assert_uint_eq(query(&f.kb, DOOR_REG, ec->code), ec->held_after);
    ck_assert_uint_eq(keyboard_class.next_event(&f.kb), DEVICE_NEVER);
    kb_close(&f);
}
END_TEST

START_TEST(no_intmsg_no_interrupts)
{
    kb_fixture_t f;
    kb_open(&f, false);
    keyboard_key_down(&f.kb, 'x', 0);
    keyboard_type(&f.kb, 'x', 0);
    keyboard_key_up(&f.kb, 'x', 0);
    ck_assert_uint_eq(f.h->irqs, 0);
    set_intmsg(&f.kb, DOOR_HWI, 5);
    set_intmsg(&f.kb, DOOR_HWI, 0); /* B = 0 disables */
    keyboard_type(&f.kb, 'y', 0);
    ck_assert_uint_eq(f.h->irqs, 0);
    kb_close(&f);
}
END_TEST

/* Loop index: door for QUERY. */
START_TEST(query_and_mods_follow_held_keys)
{
    door_t door = _i ? DOOR_HWI : DOOR_REG;
    kb_fixture_t f;
    kb_open(&f, false);
    ck_assert_uint_eq(query(&f.kb, door, 'q'), 0);
    keyboard_key_down(&f.kb, 'q', 0);
    ck_assert_uint_eq(query(&f.kb, door, 'q'), 1);
    ck_assert_uint_eq(query(&f.kb, door, 'Q'), 0);
    ck_assert_uint_eq(query(&f.kb, door, 0x171), 0); /* beyond the codes: never held */
    ck_assert_uint_eq(keyboard_class.regs.read(&f.kb, KEYBOARD_REG_MODS, 0), 0);
    keyboard_key_down(&f.kb, KEYBOARD_SHIFT, 0);
    ck_assert_uint_eq(keyboard_class.regs.read(&f.kb, KEYBOARD_REG_MODS, 0), KEYBOARD_MOD_SHIFT);
    keyboard_key_down(&f.kb, KEYBOARD_CONTROL, 0);
    ck_assert_uint_eq(keyboard_class.regs.read(&f.kb, KEYBOARD_REG_MODS, 0), 3);
    keyboard_key_up(&f.kb, KEYBOARD_SHIFT, 0);
    ck_assert_uint_eq(keyboard_class.regs.read(&f.kb, KEYBOARD_REG_MODS, 0),
                      KEYBOARD_MOD_CONTROL);
    ck_assert_uint_eq(query(&f.kb, door, KEYBOARD_CONTROL), 1);
    keyboard_key_up(&f.kb, 'q', 0);
    ck_assert_uint_eq(query(&f.kb, door, 'q'), 0);
    ck_assert_uint_eq(status(&f.kb), 0); /* holding keys types nothing */
    kb_close(&f);
}
END_TEST

/* Loop index: kbd_modifiers off / on. */
START_TEST(modifiers_enter_the_buffer_only_when_asked)
{
    bool mods = _i;
    kb_fixture_t f;
    kb_open(&f, mods);
    keyboard_type(&f.kb, KEYBOARD_SHIFT, 0);
    keyboard_type(&f.kb, KEYBOARD_CONTROL, 0);
    keyboard_type(&f.kb, 'A', 0);
    if (mods) {
        ck_assert_uint_eq(next_key(&f.kb, DOOR_REG), KEYBOARD_SHIFT);
        ck_assert_uint_eq(next_key(&f.kb, DOOR_REG), KEYBOARD_CONTROL);
    }
    ck_assert_uint_eq(next_key(&f.kb, DOOR_REG), 'A');
    ck_assert_uint_eq(next_key(&f.kb, DOOR_REG), 0);
    kb_close(&f);
}
END_TEST

START_TEST(script_plays_in_order_and_keeps_the_machine_alive)
{
    kb_fixture_t f;
    kb_open(&f, false);
    ck_assert(!keyboard_class.may_interrupt(&f.kb));
    ck_assert_int_eq(keyboard_schedule(&f.kb, 100, KEYBOARD_ACTION_TYPE, 'o'), 0);
    ck_assert_int_eq(keyboard_schedule(&f.kb, 100, KEYBOARD_ACTION_TYPE, 'k'), 0);
    ck_assert_int_eq(keyboard_schedule(&f.kb, 2000, KEYBOARD_ACTION_KEY, KEYBOARD_RETURN), 0);
    ck_assert_int_eq(keyboard_schedule(&f.kb, 1999, KEYBOARD_ACTION_KEY, 'x'), -1); /* backwards */
    ck_assert_int_eq(keyboard_schedule(&f.kb, 3000, (keyboard_action_t)9, 'x'), -1);
    ck_assert(keyboard_script_pending(&f.kb));
    ck_assert(!keyboard_class.may_interrupt(&f.kb)); /* pending input, but no INTMSG */
    fake_host_run(f.h, &keyboard_class, &f.kb, 100);
    ck_assert_uint_eq(status(&f.kb), 1);
    ck_assert_uint_eq(keyboard_class.next_event(&f.kb), 2000);
    fake_host_run(f.h, &keyboard_class, &f.kb, 5000);
    ck_assert(!keyboard_script_pending(&f.kb));
    ck_assert(!keyboard_class.may_interrupt(&f.kb));
    ck_assert_uint_eq(next_key(&f.kb, DOOR_HWI), 'o');
    ck_assert_uint_eq(next_key(&f.kb, DOOR_HWI), 'k');
    ck_assert_uint_eq(next_key(&f.kb, DOOR_HWI), KEYBOARD_RETURN);
    set_intmsg(&f.kb, DOOR_REG, 1);
    ck_assert(!keyboard_class.may_interrupt(&f.kb)); /* nothing left to play, no live input */
    keyboard_set_live(&f.kb, true);
    ck_assert(keyboard_class.may_interrupt(&f.kb)); /* a live key could still come */
    kb_close(&f);
}
END_TEST

/* docs/machine.md §6: a keyboard with a message can interrupt only while a key can still
 * come — a scripted one not yet played, or live input. Loop index: the door. */
START_TEST(keyboard_may_interrupt_only_while_keys_can_come)
{
    door_t door = (door_t)_i;
    kb_fixture_t f;
    kb_open(&f, false);
    set_intmsg(&f.kb, door, 7);
    ck_assert(!keyboard_class.may_interrupt(&f.kb)); /* no script, no live input */
    ck_assert_int_eq(keyboard_schedule(&f.kb, 50, KEYBOARD_ACTION_KEY, 'a'), 0);
    ck_assert(keyboard_class.may_interrupt(&f.kb));
    fake_host_run(f.h, &keyboard_class, &f.kb, 50);
    ck_assert_uint_eq(f.h->irqs, 3);
    ck_assert(!keyboard_class.may_interrupt(&f.kb)); /* the script is played */
    keyboard_set_live(&f.kb, true);
    ck_assert(keyboard_class.may_interrupt(&f.kb));
    set_intmsg(&f.kb, door, 0);
    ck_assert(!keyboard_class.may_interrupt(&f.kb)); /* live, but no message */
    keyboard_set_live(&f.kb, false);
    set_intmsg(&f.kb, door, 7);
    ck_assert(!keyboard_class.may_interrupt(&f.kb)); /* live input ended */
    kb_close(&f);
}
END_TEST

START_TEST(reset_clears_state_and_replays_the_script)
{
    kb_fixture_t f;
    kb_open(&f, false);
    ck_assert_int_eq(keyboard_schedule(&f.kb, 10, KEYBOARD_ACTION_DOWN, 'z'), 0);
    set_intmsg(&f.kb, DOOR_REG, 4);
    fake_host_run(f.h, &keyboard_class, &f.kb, 10);
    keyboard_type(&f.kb, 'z', 10);
    ck_assert_uint_eq(query(&f.kb, DOOR_REG, 'z'), 1);
    keyboard_class.reset(&f.kb);
    ck_assert_uint_eq(status(&f.kb), 0);
    ck_assert_uint_eq(keyboard_class.regs.peek(&f.kb, KEYBOARD_REG_INTMSG), 0);
    ck_assert_uint_eq(query(&f.kb, DOOR_REG, 'z'), 0);
    ck_assert_uint_eq(keyboard_class.next_event(&f.kb), 10);
    kb_close(&f);
}
END_TEST

/* "ring=0x9000" (profile legacy): the n-th typed key goes to 0x9000 + n mod 16 when that
 * word is 0, and is dropped there otherwise; keys still enter the buffer. Modifiers (without
 * "modifiers") and code 0 are no typed keys; reset starts again at 0x9000. */
START_TEST(ring_takes_typed_keys_in_turn)
{
    kb_fixture_t f;
    f.h = fake_host_new(100000);
    ck_assert_int_eq(keyboard_init(&f.kb, &f.h->host, &(device_options_t){.args = "ring=0x9000"}), 0);
    for (unsigned n = 0; n < 16; n++)
        keyboard_type(&f.kb, (uint16_t)('a' + n), n);
    keyboard_type(&f.kb, KEYBOARD_SHIFT, 16); /* not typed: no ring word used */
    keyboard_type(&f.kb, 0, 16);
    for (unsigned n = 0; n < 16; n++)
        ck_assert_uint_eq(bus_peek_word(&f.h->bus, (uint16_t)(0x9000 + n)), 'a' + n);
    keyboard_type(&f.kb, 'X', 17);            /* key 16: 0x9000 is not 0, dropped there */
    ck_assert_uint_eq(bus_peek_word(&f.h->bus, 0x9000), 'a');
    bus_write_word(&f.h->bus, 0x9001, 0);     /* the program took key 1 */
    keyboard_type(&f.kb, 'Y', 18);            /* key 17 -> 0x9001 */
    ck_assert_uint_eq(bus_peek_word(&f.h->bus, 0x9001), 'Y');
    ck_assert_uint_eq(bus_peek_word(&f.h->bus, 0x9010), 0);
    ck_assert_uint_eq(next_key(&f.kb, DOOR_REG), 'a'); /* the buffer has them too */
    keyboard_class.reset(&f.kb);
    bus_write_word(&f.h->bus, 0x9000, 0);
    keyboard_type(&f.kb, 'Z', 0);
    ck_assert_uint_eq(bus_peek_word(&f.h->bus, 0x9000), 'Z');
    kb_close(&f);

    f.h = fake_host_new(100000);
    ck_assert_int_eq(keyboard_init(&f.kb, &f.h->host, &(device_options_t){.args = "ring=x"}), -1);
    fake_host_free(f.h);
    f.h = fake_host_new(100000); /* without the option: no ring */
    ck_assert_int_eq(keyboard_init(&f.kb, &f.h->host, &(device_options_t){.args = ""}), 0);
    keyboard_type(&f.kb, 'q', 0);
    ck_assert_uint_eq(bus_peek_word(&f.h->bus, 0x9000), 0);
    kb_close(&f);
}
END_TEST

START_TEST(unused_offsets_read_zero)
{
    kb_fixture_t f;
    kb_open(&f, false);
    keyboard_type(&f.kb, 'a', 0);
    keyboard_class.regs.write(&f.kb, 15, 0xffff, 0);
    ck_assert_uint_eq(keyboard_class.regs.read(&f.kb, 15, 0), 0);
    ck_assert_uint_eq(keyboard_class.regs.read(&f.kb, KEYBOARD_REG_CLEAR, 0), 0);
    uint16_t c = 0x1234;
    fake_host_hwi(&keyboard_class, &f.kb, 9, 0, &c, 0); /* unknown HWI: nothing happens */
    ck_assert_uint_eq(c, 0xdead);
    ck_assert_uint_eq(status(&f.kb), 1);
    kb_close(&f);
}
END_TEST

static Suite *keyboard_suite(void)
{
    Suite *s = suite_create("keyboard");
    TCase *tc = tcase_create("keyboard");
    tcase_add_test(tc, identity_and_slot);
    tcase_add_loop_test(tc, typed_keys_come_out_in_order, 0, 4);
    tcase_add_loop_test(tc, full_buffer_drops_but_interrupts, 0, 2);
    tcase_add_loop_test(tc, each_event_interrupts_once, 0,
                        sizeof event_cases / sizeof event_cases[0]);
    tcase_add_test(tc, no_intmsg_no_interrupts);
    tcase_add_loop_test(tc, query_and_mods_follow_held_keys, 0, 2);
    tcase_add_loop_test(tc, modifiers_enter_the_buffer_only_when_asked, 0, 2);
    tcase_add_test(tc, script_plays_in_order_and_keeps_the_machine_alive);
    tcase_add_loop_test(tc, keyboard_may_interrupt_only_while_keys_can_come, 0, 2);
    tcase_add_test(tc, reset_clears_state_and_replays_the_script);
    tcase_add_test(tc, unused_offsets_read_zero);
    tcase_add_test(tc, ring_takes_typed_keys_in_turn);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(keyboard_suite)
