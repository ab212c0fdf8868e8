/* test_machine.c — the wired machine: profiles, image loading, the run loop and its end
 * states, the system controller and the console through both doors. */
#include "machine/machine.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "cpu/opcodes.h"

/* Short forms for hand-encoded programs. */
#define SET(b, a) op_encode_basic(OP_SET, b, a)
#define LIT(n)    (0x21 + (n)) /* short literal operand, -1..30 */
#define NEXT      0x1f         /* next-word literal operand */
#define MEMNEXT   0x1e         /* [next word] operand */
#define PCREG     0x1c
#define HWI(a)    op_encode_special(SOP_HWI, a)

typedef struct io {
    char out[256];
    size_t out_len;
    const char *in;
    char log[256];
} io_t;

static void io_out(void *ctx, uint8_t byte)
{
    io_t *io = ctx;
    if (io->out_len + 1 < sizeof io->out)
        io->out[io->out_len++] = (char)byte;
}

static int io_in(void *ctx)
{
    io_t *io = ctx;
    return *io->in ? (unsigned char)*io->in++ : CONSOLE_SOURCE_EOF;
}

static void io_log(void *ctx, const char *line)
{
    io_t *io = ctx;
    snprintf(io->log, sizeof io->log, "%s", line);
}

static machine_t *boot(machine_profile_t profile, const uint16_t *words, size_t n, io_t *io)
{
    machine_opts_t o = {.profile = profile, .ctx = io};
    if (io) {
        o.console_out = io_out;
        o.console_in = (console_source_t){.next = io_in, .ctx = io};
        o.log = io_log;
    }
    machine_t *m = machine_new(&o);
    ck_assert_ptr_nonnull(m);
    uint8_t bytes[256];
    ck_assert_uint_le(n * 2, sizeof bytes);
    for (size_t i = 0; i < n; i++) {
        bytes[2 * i] = (uint8_t)(words[i] >> 8);
        bytes[2 * i + 1] = (uint8_t)words[i];
    }
    char err[160];
    ck_assert_int_eq(machine_load_image(m, bytes, n * 2, false, 0, err, sizeof err), 0);
    return m;
}

START_TEST(profiles_differ_in_memtop_sp_and_io_page)
{
    const uint16_t halt_loop[] = {op_encode_basic(OP_SUB, PCREG, LIT(1))};
    machine_t *d16 = boot(MACHINE_PROFILE_D16, halt_loop, 1, NULL);
    machine_t *dcpu = boot(MACHINE_PROFILE_DCPU16, halt_loop, 1, NULL);
    ck_assert_uint_eq(machine_memtop(d16), 0xff00);
    ck_assert_uint_eq(machine_memtop(dcpu), 0x10000);
    ck_assert_uint_eq(d16->cpu.sp, 0xff00);
    ck_assert_uint_eq(dcpu->cpu.sp, 0);
    ck_assert_uint_eq(bus_peek_word(&d16->bus, 0xff00), 0xd160); /* MAGIC */
    ck_assert_uint_eq(bus_peek_word(&dcpu->bus, 0xff00), 0);     /* plain RAM */
    machine_free(d16);
    machine_free(dcpu);
}
END_TEST

START_TEST(images_are_checked)
{
    machine_opts_t o = {0};
    machine_t *m = machine_new(&o);
    char err[160];
    static uint8_t big[0x20000];
    ck_assert_int_eq(machine_load_image(m, big, 0, false, 0, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "empty"));
    ck_assert_int_eq(machine_load_image(m, big, 7, false, 0, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "odd"));
    ck_assert_int_eq(machine_load_image(m, big, 0xff01 * 2, false, 0, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "MEMTOP"));
    ck_assert_int_eq(machine_load_image(m, big, 0xff00 * 2, false, 0, err, sizeof err), 0);
    ck_assert_int_eq(machine_load_image(m, big, 4, false, 0xfeff, err, sizeof err), -1);
    const uint8_t le[] = {0x34, 0x12};
    ck_assert_int_eq(machine_load_image(m, le, 2, true, 0x100, err, sizeof err), 0);
    ck_assert_uint_eq(bus_peek_word(&m->bus, 0x100), 0x1234);
    ck_assert_uint_eq(m->cpu.pc, 0x100);
    machine_free(m);
}
END_TEST

/* Halting through both doors of the system controller, status in the low 8 bits. */
START_TEST(halt_through_io_page_and_hwi)
{
    const uint16_t by_io[] = {SET(MEMNEXT, NEXT), 0x1f7, 0xff02};
    machine_t *m = boot(MACHINE_PROFILE_D16, by_io, 3, NULL);
    machine_run(m, 1000);
    ck_assert_int_eq(m->state, MACHINE_HALTED);
    ck_assert_int_eq(machine_exit_status(m), 0xf7);
    ck_assert_uint_eq(m->cpu.pc, 3);
    ck_assert_uint_eq(m->cpu.cycles, 3); /* the halting instruction completes */
    machine_free(m);

    const uint16_t by_hwi[] = {SET(REG_A, LIT(0)), SET(REG_B, LIT(9)), SET(REG_C, LIT(4)),
                               HWI(REG_C)};
    m = boot(MACHINE_PROFILE_DCPU16, by_hwi, 4, NULL);
    machine_run(m, 1000);
    ck_assert_int_eq(m->state, MACHINE_HALTED);
    ck_assert_int_eq(machine_exit_status(m), 9);
    machine_free(m);
}
END_TEST

START_TEST(classic_end_and_cycle_limit)
{
    const uint16_t prog[] = {SET(REG_A, LIT(5)), op_encode_basic(OP_SUB, PCREG, LIT(1))};
    machine_t *m = boot(MACHINE_PROFILE_D16, prog, 2, NULL);
    machine_run(m, 1000);
    ck_assert_int_eq(m->state, MACHINE_CLASSIC_END);
    ck_assert_int_eq(machine_exit_status(m), 0);
    /* SUB sets EX=0 on its first pass (EX was 0 already), so it ends right after it. */
    ck_assert_uint_eq(m->cpu.cycles, 1 + 2);
    machine_free(m);

    machine_opts_t o = {.max_cycles = 10};
    m = machine_new(&o);
    const uint8_t spin[] = {0x02, 0x88}; /* ADD A, 1 (little-endian), then SET PC, 0 */
    char err[80];
    ck_assert_int_eq(machine_load_image(m, spin, 2, true, 0, err, sizeof err), 0);
    m->bus.ram[2] = 0x81; /* SET PC, 0 (short literal 0 = 0x21) */
    m->bus.ram[3] = 0x87;
    machine_run(m, UINT64_MAX);
    ck_assert_int_eq(m->state, MACHINE_CYCLE_LIMIT);
    ck_assert_int_eq(machine_exit_status(m), 124);
    ck_assert_uint_eq(m->cpu.cycles, 11); /* boundaries at 0 2 3 5 6 8 9 11: first >= 10 */
    machine_free(m);
}
END_TEST

/* CYCLES_LO returns the counter as the reading instruction began and latches the high word. */
START_TEST(cycle_counter_reads)
{
    const uint16_t prog[] = {
        SET(REG_A, LIT(0)),             /* 1 cycle */
        SET(REG_X, MEMNEXT), 0xff03,    /* begins at cycle 1 */
        SET(REG_Y, MEMNEXT), 0xff05,    /* CLOCK_KHZ */
        SET(REG_Z, MEMNEXT), 0xff06,    /* MEMTOP */
        SET(REG_A, LIT(1)), HWI(LIT(4)),/* HWI 4 A=1 at cycle 8 */
        op_encode_basic(OP_SUB, PCREG, LIT(1)),
    };
    machine_t *m = boot(MACHINE_PROFILE_D16, prog, sizeof prog / 2, NULL);
    machine_run(m, 1000);
    ck_assert_uint_eq(m->cpu.r[REG_X], 1);
    ck_assert_uint_eq(m->cpu.r[REG_Y], 100);
    ck_assert_uint_eq(m->cpu.r[REG_Z], 0xff00);
    ck_assert_uint_eq(m->cpu.r[REG_B], 8);
    ck_assert_uint_eq(m->cpu.r[REG_C], 0);
    machine_free(m);
}
END_TEST

START_TEST(console_both_doors)
{
    io_t io = {.in = "hi"};
    const uint16_t prog[] = {
        SET(MEMNEXT, NEXT), 'o', 0xff11,           /* DATA write */
        SET(REG_A, LIT(0)), SET(REG_B, NEXT), 'k', HWI(LIT(3)), /* HWI A=0 out B */
        SET(REG_X, MEMNEXT), 0xff11,               /* X = 'h' */
        SET(REG_A, LIT(1)), HWI(LIT(3)),           /* C = 'i' */
        SET(REG_Y, MEMNEXT), 0xff11,               /* Y = 0xffff: none left */
        SET(REG_Z, MEMNEXT), 0xff10,               /* STATUS: closed, output ready */
        SET(REG_A, LIT(2)), SET(REG_B, LIT(7)), HWI(LIT(3)), /* INTMSG = 7 */
        SET(REG_I, MEMNEXT), 0xff12,
        op_encode_basic(OP_SUB, PCREG, LIT(1)),
    };
    machine_t *m = boot(MACHINE_PROFILE_D16, prog, sizeof prog / 2, &io);
    machine_run(m, 10000);
    ck_assert_int_eq(m->state, MACHINE_CLASSIC_END); /* IA = 0: no message is ever taken */
    ck_assert_str_eq(io.out, "ok");
    ck_assert_uint_eq(m->cpu.r[REG_X], 'h');
    ck_assert_uint_eq(m->cpu.r[REG_C], 'i');
    ck_assert_uint_eq(m->cpu.r[REG_Y], 0xffff);
    ck_assert_uint_eq(m->cpu.r[REG_Z], CONSOLE_OUT_READY | CONSOLE_IN_CLOSED);
    ck_assert_uint_eq(m->cpu.r[REG_I], 7);
    machine_free(m);
}
END_TEST

/* With INTMSG set, a DATA read that leaves another byte waiting interrupts. */
START_TEST(console_interrupts_when_input_waits)
{
    io_t io = {.in = "ab"};
    const uint16_t prog[] = {
        op_encode_special(SOP_IAS, NEXT), 0x0020, /* handler at 0x20 */
        SET(MEMNEXT, LIT(5)), 0xff12,             /* INTMSG 5: byte 'a' waits → interrupt */
        SET(REG_X, MEMNEXT), 0xff11,              /* both bytes are gone by now */
        op_encode_basic(OP_SUB, PCREG, LIT(1)),
    };
    machine_t *m = boot(MACHINE_PROFILE_D16, prog, sizeof prog / 2, &io);
    /* Handler: count interrupts in J, take one byte into I, return. */
    const uint16_t handler[] = {op_encode_basic(OP_ADD, REG_J, LIT(1)),
                                SET(REG_I, MEMNEXT), 0xff11,
                                op_encode_special(SOP_RFI, LIT(0))};
    for (unsigned i = 0; i < 4; i++)
        bus_write_word(&m->bus, (uint16_t)(0x20 + i), handler[i]);
    machine_run(m, 10000);
    /* The INTMSG write interrupts; the handler's read of 'a' leaves 'b' waiting, which
     * queues a second interrupt, taken right after RFI; its read finds the end of input. */
    ck_assert_uint_eq(m->cpu.r[REG_J], 2);
    ck_assert_uint_eq(m->cpu.r[REG_I], 'b');
    ck_assert_uint_eq(m->cpu.r[REG_X], 0xffff);
    /* INTMSG is still set, but the input has ended and was read to the end: nothing can
     * interrupt any more, so the self-jump is the classic end (docs/machine.md §6). */
    ck_assert_int_eq(m->state, MACHINE_CLASSIC_END);
    machine_free(m);
}
END_TEST

START_TEST(log_register_goes_to_the_log_callback)
{
    io_t io = {.in = ""};
    const uint16_t prog[] = {SET(MEMNEXT, NEXT), 0xbeef, 0xff07,
                             op_encode_basic(OP_SUB, PCREG, LIT(1))};
    machine_t *m = boot(MACHINE_PROFILE_D16, prog, 4, &io);
    machine_run(m, 100);
    ck_assert_str_eq(io.log, "log: 0xbeef");
    machine_free(m);
}
END_TEST

START_TEST(hwn_hwq_list_the_devices)
{
    const uint16_t prog[] = {op_encode_special(SOP_HWN, REG_I),
                             SET(REG_J, MEMNEXT), 0xff01,
                             op_encode_basic(OP_SUB, PCREG, LIT(1))};
    machine_t *m = boot(MACHINE_PROFILE_D16, prog, 4, NULL);
    machine_run(m, 100);
    ck_assert_uint_eq(m->cpu.r[REG_I], m->devices);
    ck_assert_uint_eq(m->cpu.r[REG_J], 0x0100);
    /* The system controller is the last device, the console the one before it. */
    ck_assert_ptr_eq(m->dev[m->devices - 1].cls, &sysctl_class);
    ck_assert_ptr_eq(m->dev[m->devices - 2].cls, &console_class);
    machine_free(m);
}
END_TEST

START_TEST(dumps)
{
    const uint16_t prog[] = {SET(REG_A, NEXT), 0x1234, op_encode_basic(OP_SUB, PCREG, LIT(1))};
    machine_t *m = boot(MACHINE_PROFILE_D16, prog, 3, NULL);
    machine_run(m, 100);
    char json[512];
    machine_state_json(m, json, sizeof json);
    ck_assert_ptr_nonnull(strstr(json, "\"a\": 4660,"));
    ck_assert_ptr_nonnull(strstr(json, "\"pc\": 2,"));
    ck_assert_ptr_nonnull(strstr(json, "\"sp\": 65280,"));
    ck_assert_ptr_nonnull(strstr(json, "\"cycles\": 4,"));
    ck_assert_ptr_nonnull(strstr(json, "\"halt_reason\": \"classic-end\""));
    ck_assert_ptr_nonnull(strstr(json, "\"exit_status\": 0}"));
    static uint8_t ram[BUS_BYTES];
    machine_dump_ram(m, ram);
    ck_assert_uint_eq(ram[0], 0x7c);            /* big-endian words */
    ck_assert_uint_eq(ram[3], 0x34);
    ck_assert_uint_eq(ram[2 * 0xff00], 0xd1);   /* the I/O page through peek */
    ck_assert_uint_eq(ram[2 * 0xff00 + 1], 0x60);
    machine_free(m);
}
END_TEST

/* Every class on the board describes itself: identity, registers within the slot, HWI
 * names, state size and init; slots of one profile do not overlap. */
START_TEST(board_rows_describe_their_devices)
{
    for (size_t i = 0; i < board_row_count; i++) {
        const device_class_t *cls = board_rows[i].cls;
        ck_assert_ptr_nonnull(cls->name);
        ck_assert_ptr_nonnull(cls->title);
        ck_assert_ptr_nonnull(cls->symbol);
        ck_assert_ptr_nonnull(cls->init);
        ck_assert_uint_gt(cls->size, 0);
        ck_assert_uint_le(cls->reg_count, DEVICE_SLOT_WORDS);
        for (unsigned r = 0; r < cls->reg_count; r++) {
            ck_assert_ptr_nonnull(cls->reg[r].name);
            ck_assert_ptr_nonnull(cls->reg[r].meaning);
            ck_assert(cls->reg[r].access & DEVICE_RW);
        }
        ck_assert_uint_gt(cls->hwi_count, 0);
        for (size_t j = 0; j < i; j++)
            if (board_rows[j].profile == board_rows[i].profile)
                ck_assert_uint_ne(board_rows[j].slot, board_rows[i].slot);
    }
    unsigned hwi;
    ck_assert_ptr_nonnull(board_find(MACHINE_PROFILE_D16, &sysctl_class, &hwi));
    ck_assert_uint_eq(hwi, 4);
    machine_profile_t p;
    ck_assert(board_profile_find("dcpu16", &p));
    ck_assert_int_eq(p, MACHINE_PROFILE_DCPU16);
    ck_assert(!board_profile_find("z80", &p));
}
END_TEST

START_TEST(device_args_are_read_by_key)
{
    uint32_t v = 9;
    ck_assert(device_arg_flag("a,premap,b=1", "premap"));
    ck_assert(!device_arg_flag("a,premapped", "premap"));
    ck_assert(!device_arg_flag("premap=1", "premap"));
    ck_assert(!device_arg_flag(NULL, "premap"));
    ck_assert_int_eq(device_arg_uint("x,ring=0x9000", "ring", 0xffff, &v), 1);
    ck_assert_uint_eq(v, 0x9000);
    ck_assert_int_eq(device_arg_uint("ring=010", "ring", 0xffff, &v), 1);
    ck_assert_uint_eq(v, 10); /* decimal, never octal */
    ck_assert_int_eq(device_arg_uint("ring=0x10000", "ring", 0xffff, &v), -1);
    ck_assert_int_eq(device_arg_uint("ring=", "ring", 0xffff, &v), -1);
    ck_assert_int_eq(device_arg_uint("ring=0x", "ring", 0xffff, &v), -1);
    ck_assert_int_eq(device_arg_uint("ring=-1", "ring", 0xffff, &v), -1);
    ck_assert_int_eq(device_arg_uint("rings=1", "ring", 0xffff, &v), 0);
    char buf[8];
    ck_assert(device_arg_text("file=a.img,ro", "file", buf, sizeof buf));
    ck_assert_str_eq(buf, "a.img");
    ck_assert(!device_arg_text("file=toolong.img", "file", buf, sizeof buf));
}
END_TEST

/* machine_opts_t.device_args reach a device's init, joined to its board row's. */
START_TEST(device_args_reach_init)
{
    const machine_device_args_t args[] = {{"display", "premap"}};
    machine_opts_t o = {.device_args = args, .device_arg_count = 1};
    machine_t *m = machine_new(&o);
    ck_assert_ptr_nonnull(m);
    ck_assert_uint_eq(bus_peek_word(&m->bus, 0xff40), 0x8000);
    ck_assert_ptr_eq(machine_device(m, &display_class), m->dev[0].state);
    ck_assert_uint_eq(m->dev[0].slot, 0xff40);
    machine_free(m);
}
END_TEST

static Suite *machine_suite(void)
{
    Suite *s = suite_create("machine");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, profiles_differ_in_memtop_sp_and_io_page);
    tcase_add_test(tc, images_are_checked);
    tcase_add_test(tc, halt_through_io_page_and_hwi);
    tcase_add_test(tc, classic_end_and_cycle_limit);
    tcase_add_test(tc, board_rows_describe_their_devices);
    tcase_add_test(tc, device_args_are_read_by_key);
    tcase_add_test(tc, device_args_reach_init);
    tcase_add_test(tc, cycle_counter_reads);
    tcase_add_test(tc, console_both_doors);
    tcase_add_test(tc, console_interrupts_when_input_waits);
    tcase_add_test(tc, log_register_goes_to_the_log_callback);
    tcase_add_test(tc, hwn_hwq_list_the_devices);
    tcase_add_test(tc, dumps);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(machine_suite)
