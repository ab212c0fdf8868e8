/* test_run_end.c — the one rule for the end of a run (docs/machine.md §6), case by case,
 * each device reached through the I/O page and through HWI. A program enables one source
 * of interrupts, sets IA to a handler that halts with status 6, and waits in SUB PC, 1: the
 * run must end as a classic end (nothing can interrupt it any more), a halt (the interrupt
 * came), or keep running (something still can interrupt it). */
#include "machine/machine.h"

#include <check.h>
#include <string.h>

#include "asm/asm.h"
#include "check_main.h"

#define BUDGET 400000 /* cycles: four emulated seconds at 100 kHz */

typedef enum input { IN_NONE, IN_ENDED, IN_LIVE_KEYS, IN_SCRIPTED_KEY } input_t;

typedef struct end_case {
    const char *what;
    const char *io;  /* through the I/O page */
    const char *hwi; /* the same through HWI (NULL when the device has no such command) */
    input_t input;
    machine_state_t want;
} end_case_t;

#define WAIT "\nSUB PC, 1\nh: SET A, 0\nSET B, 6\nHWI 4\n"

static const end_case_t cases[] = {
    {"timer running with a message: the tick comes",
     "IAS h\nSET [0xff20], 1\nSET [0xff22], 7" WAIT,
     "IAS h\nSET A, 0\nSET B, 1\nHWI 2\nSET A, 2\nSET B, 7\nHWI 2" WAIT, IN_NONE, MACHINE_HALTED},
    {"timer stopped (RATE 0) with a message: nothing can come",
     "IAS h\nSET [0xff20], 0\nSET [0xff22], 7" WAIT,
     "IAS h\nSET A, 0\nSET B, 0\nHWI 2\nSET A, 2\nSET B, 7\nHWI 2" WAIT, IN_NONE,
     MACHINE_CLASSIC_END},
    {"timer running with a message, IA = 0",
     "SET [0xff20], 1\nSET [0xff22], 7" WAIT,
     "SET A, 0\nSET B, 1\nHWI 2\nSET A, 2\nSET B, 7\nHWI 2" WAIT, IN_NONE, MACHINE_CLASSIC_END},
    {"console input ended and read to the end",
     "IAS h\nSET X, [0xff11]\nSET [0xff12], 7" WAIT,
     "IAS h\nSET A, 1\nHWI 3\nSET A, 2\nSET B, 7\nHWI 3" WAIT, IN_ENDED, MACHINE_CLASSIC_END},
    {"console input waiting: its interrupt comes",
     "IAS h\nSET [0xff12], 7" WAIT,
     "IAS h\nSET A, 2\nSET B, 7\nHWI 3" WAIT, IN_ENDED, MACHINE_HALTED},
    {"console without input",
     "IAS h\nSET [0xff12], 7" WAIT,
     "IAS h\nSET A, 2\nSET B, 7\nHWI 3" WAIT, IN_NONE, MACHINE_CLASSIC_END},
    {"keyboard with a message, no input to come",
     "IAS h\nSET [0xff32], 7" WAIT,
     "IAS h\nSET A, 3\nSET B, 7\nHWI 1" WAIT, IN_NONE, MACHINE_CLASSIC_END},
    {"keyboard with a message and a scripted key: it comes",
     "IAS h\nSET [0xff32], 7" WAIT,
     "IAS h\nSET A, 3\nSET B, 7\nHWI 1" WAIT, IN_SCRIPTED_KEY, MACHINE_HALTED},
    {"keyboard with a message and live input: a key may come",
     "IAS h\nSET [0xff32], 7" WAIT,
     "IAS h\nSET A, 3\nSET B, 7\nHWI 1" WAIT, IN_LIVE_KEYS, MACHINE_RUNNING},
    {"keyboard scripted key but no message",
     "IAS h" WAIT, NULL, IN_SCRIPTED_KEY, MACHINE_CLASSIC_END},
    {"display with VBLANK_INTMSG: the frame comes",
     "IAS h\nSET [0xff45], 7" WAIT, NULL, IN_NONE, MACHINE_HALTED},
    {"a message held in the queue (IAQ 1)",
     "IAS h\nIAQ 1\nINT 5" WAIT, NULL, IN_NONE, MACHINE_RUNNING},
    {"a message held in the queue, IA = 0",
     "IAQ 1\nINT 5" WAIT, NULL, IN_NONE, MACHINE_CLASSIC_END},
    {"IA set, no device has a message",
     "IAS h" WAIT, NULL, IN_NONE, MACHINE_CLASSIC_END},
};

typedef struct feed {
    const char *in;
} feed_t;

static int feed_next(void *ctx)
{
    feed_t *f = ctx;
    return *f->in ? (unsigned char)*f->in++ : CONSOLE_SOURCE_EOF;
}

static machine_t *boot(const char *source, input_t input, feed_t *feed)
{
    machine_opts_t o = {.ctx = feed};
    if (input != IN_NONE)
        o.console_in = (console_source_t){.next = feed_next, .ctx = feed};
    machine_t *m = machine_new(&o);
    ck_assert_ptr_nonnull(m);
    asm_options_t ao = {0};
    asm_output_t out;
    ck_assert_int_eq(asm_assemble_string("case.dasm", source, strlen(source), &ao, &out), 0);
    for (size_t i = 0; i < out.count; i++)
        bus_write_word(&m->bus, (uint16_t)i, out.words[i]);
    asm_output_free(&out);
    keyboard_dev_t *kb = machine_device(m, &keyboard_class);
    if (input == IN_LIVE_KEYS)
        keyboard_set_live(kb, true);
    if (input == IN_SCRIPTED_KEY)
        ck_assert_int_eq(keyboard_schedule(kb, 5000, KEYBOARD_ACTION_KEY, 'a'), 0);
    return m;
}

/* Loop index: case * 2 + door (0 = I/O page, 1 = HWI). */
START_TEST(run_ends_as_the_rule_says)
{
    const end_case_t *c = &cases[_i / 2];
    const char *source = _i % 2 ? c->hwi : c->io;
    if (!source)
        return;
    feed_t feed = {"x"};
    machine_t *m = boot(source, c->input, &feed);
    machine_run(m, BUDGET);
    ck_assert_msg(m->state == c->want, "%s (%s): state %d, want %d", c->what,
                  _i % 2 ? "HWI" : "I/O page", m->state, c->want);
    if (c->want == MACHINE_HALTED)
        ck_assert_int_eq(machine_exit_status(m), 6);
    if (c->want == MACHINE_RUNNING)
        ck_assert_uint_ge(m->cpu.cycles, BUDGET);
    machine_free(m);
}
END_TEST

/* The classic end is decided right after the jump, before --max-cycles at the next
 * boundary; halt and faults come first. */
START_TEST(moments_and_precedence)
{
    feed_t feed = {""};
    machine_t *m = boot("SUB PC, 1", IN_NONE, &feed);
    ck_assert_int_eq(machine_run_end(m, MACHINE_AT_BOUNDARY), MACHINE_RUNNING);
    ck_assert_int_eq(machine_run_end(m, MACHINE_AFTER_SELF_JUMP), MACHINE_CLASSIC_END);
    m->opts.max_cycles = 2;
    machine_run(m, 100);
    ck_assert_int_eq(m->state, MACHINE_CLASSIC_END); /* at cycle 2, after the jump */
    ck_assert_uint_eq(m->cpu.cycles, 2);
    machine_free(m);

    m = boot("SET PC, 0", IN_NONE, &feed);
    m->halt_requested = true;
    m->cpu.fault = CPU_FAULT_ILLEGAL;
    ck_assert_int_eq(machine_run_end(m, MACHINE_AFTER_SELF_JUMP), MACHINE_HALTED);
    m->halt_requested = false;
    ck_assert_int_eq(machine_run_end(m, MACHINE_AFTER_SELF_JUMP), MACHINE_FAULT);
    m->cpu.fault = CPU_FAULT_NONE;
    m->opts.max_cycles = 1;
    m->cpu.cycles = 1;
    ck_assert_int_eq(machine_run_end(m, MACHINE_AFTER_STEPS), MACHINE_RUNNING);
    ck_assert_int_eq(machine_run_end(m, MACHINE_AT_BOUNDARY), MACHINE_CYCLE_LIMIT);
    machine_free(m);
}
END_TEST

static Suite *run_end_suite(void)
{
    Suite *s = suite_create("run_end");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, run_ends_as_the_rule_says, 0, 2 * (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, moments_and_precedence);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(run_end_suite)
