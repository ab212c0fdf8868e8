/* test_cpu_programs.c — small programs through the public CPU API, each checked against
 * the complete state it must leave (every register, all of RAM, the cycle count):
 * reference §10.5 and the high-nerd test, evaluation order and the stack, special opcodes
 * (0x18 is POP), writes to literals, IF chains; then the CPU reaching devices through the
 * bus and HWI, and a CPU without hardware. */
#include <check.h>

#include "check_main.h"
#include "cpu_rig.h"
#include "fake_regs.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- small programs: evaluation order, stack, special opcodes, literals, IF chains */

static const scenario_t scenarios[] = {
    {"§10.5 SET PUSH, 0x1234; SET A, POP",
     PROG(OP2(SET, PUSH, NEXT), 0x1234, OP2(SET, REG_A, POP)), .steps = 2,
     .out = {.r[REG_A] = 0x1234, .pc = 3}, MEM_OUT({0xffff, 0x1234}), .cycles = 3},
    {"§2.4 high-nerd",
     PROG(OP2(SET, REG_C, NEXT), 500, OP2(ADD, REG_C, NEXT), 499, OP2(SUB, REG_C, NEXT), 99,
          OP2(MUL, REG_C, LIT(2)), OP2(SET, REG_A, LIT(-1)), OP2(SUB, REG_A, REG_C),
          OP2(SET, REG_C, REG_A), OP2(SET, REG_A, LIT(0)), OP2(MLI, REG_C, LIT(2)),
          OP2(DVI, REG_C, LIT(3))),
     .steps = 10, .out = {.r[REG_C] = 0xfb50, .ex = 0x5556, .pc = 13}, .cycles = 20},
    {"SET PUSH, POP changes nothing", PROG(OP2(SET, PUSH, POP)), .in.sp = 0xfff0,
     MEM_IN({0xfff0, 0x1234}), .steps = 1, .out = {.pc = 1, .sp = 0xfff0}, .cycles = 1},
    {"SET PICK 1, POP: the POP comes first", PROG(OP2(SET, PICK, POP), 1), .in.sp = 0xfff0,
     MEM_IN({0xfff0, 0x1234}), .steps = 1, .out = {.pc = 2, .sp = 0xfff1},
     MEM_OUT({0xfff2, 0x1234}), .cycles = 2},
    {"ADD PUSH, 1 adds to the stale word", PROG(OP2(ADD, PUSH, LIT(1))), .in.sp = 0xfff0,
     MEM_IN({0xffef, 0x0041}), .steps = 1, .out = {.pc = 1, .sp = 0xffef},
     MEM_OUT({0xffef, 0x0042}), .cycles = 2},
    {"SET [0x1000], PC reads PC before b's next word", PROG(OP2(SET, MEM, PCR), 0x1000),
     .steps = 1, .out = {.pc = 2}, MEM_OUT({0x1000, 0x0001}), .cycles = 2},
    {"a's next word comes before b's", PROG(OP2(SET, IDX(REG_A), MEM), 0x0300, 0x0005),
     .in.r[REG_A] = 0x0100, MEM_IN({0x0300, 0xcafe}), .steps = 1,
     .out = {.r[REG_A] = 0x0100, .pc = 3}, MEM_OUT({0x0105, 0xcafe}), .cycles = 3},
    {"das: SET [0x1000], 0x20", PROG(0x7fc1, 0x0020, 0x1000), .steps = 1, .out = {.pc = 3},
     MEM_OUT({0x1000, 0x0020}), .cycles = 3},
    {"JSR POP pops, then pushes the return address", PROG(OP1(JSR, POP)), .in.sp = 0xfff0,
     MEM_IN({0xfff0, 0x0040}), .steps = 1, .out = {.pc = 0x0040, .sp = 0xfff0},
     MEM_OUT({0xfff0, 0x0001}), .cycles = 3},
    {"JSR [next]", PROG(OP1(JSR, MEM), 0x0200), MEM_IN({0x0200, 0x0040}), .steps = 1,
     .out = {.pc = 0x0040, .sp = 0xffff}, MEM_OUT({0xffff, 0x0002}), .cycles = 4},
    {"SET PC, POP returns", PROG(0x6381), .in.sp = 0xfff0, MEM_IN({0xfff0, 0x0033}),
     .steps = 1, .out = {.pc = 0x0033, .sp = 0xfff1}, .cycles = 1},
    {"STI I, 5 stores, then moves I and J", PROG(OP2(STI, REG_I, LIT(5))), .steps = 1,
     .out = {.r[REG_I] = 6, .r[REG_J] = 1, .pc = 1}, .cycles = 2},
    {"STI [I], [J]", PROG(OP2(STI, IND(REG_I), IND(REG_J))),
     .in = {.r[REG_I] = 0x0100, .r[REG_J] = 0x0200}, MEM_IN({0x0200, 0x7777}), .steps = 1,
     .out = {.r[REG_I] = 0x0101, .r[REG_J] = 0x0201, .pc = 1}, MEM_OUT({0x0100, 0x7777}),
     .cycles = 2},
    {"STD [I], [J]", PROG(OP2(STD, IND(REG_I), IND(REG_J))),
     .in = {.r[REG_I] = 0x0100, .r[REG_J] = 0x0200}, MEM_IN({0x0200, 0x7777}), .steps = 1,
     .out = {.r[REG_I] = 0x00ff, .r[REG_J] = 0x01ff, .pc = 1}, MEM_OUT({0x0100, 0x7777}),
     .cycles = 2},
    {"STD I, 5", PROG(OP2(STD, REG_I, LIT(5))), .steps = 1,
     .out = {.r[REG_I] = 4, .r[REG_J] = 0xffff, .pc = 1}, .cycles = 2},
    {"[A+next] wraps", PROG(OP2(SET, REG_B, IDX(REG_A)), 0x0020), .in.r[REG_A] = 0xfff0,
     MEM_IN({0x0010, 0x4242}), .steps = 1,
     .out = {.r[REG_A] = 0xfff0, .r[REG_B] = 0x4242, .pc = 2}, .cycles = 2},
    {"PICK wraps", PROG(OP2(SET, REG_B, PICK), 3), .in.sp = 0xffff, MEM_IN({0x0002, 0x5151}),
     .steps = 1, .out = {.r[REG_B] = 0x5151, .sp = 0xffff, .pc = 2}, .cycles = 2},
    {"POP wraps", PROG(OP2(SET, REG_B, POP)), .in.sp = 0xffff, MEM_IN({0xffff, 0x6161}),
     .steps = 1, .out = {.r[REG_B] = 0x6161, .pc = 1}, .cycles = 1},
    {"IAS next", PROG(OP1(IAS, NEXT), 0x1234), .steps = 1, .out = {.ia = 0x1234, .pc = 2},
     .cycles = 2},
    {"IAG A", PROG(OP1(IAG, REG_A)), .in.ia = 0x0055, .steps = 1,
     .out = {.r[REG_A] = 0x0055, .ia = 0x0055, .pc = 1}, .cycles = 1},
    {"IAG 0x18 is IAG POP", PROG(OP1(IAG, POP)), .in = {.ia = 0x0055, .sp = 0xfff0},
     .steps = 1, .out = {.ia = 0x0055, .sp = 0xfff1, .pc = 1}, MEM_OUT({0xfff0, 0x0055}),
     .cycles = 1},
    {"RFI POP pops first", PROG(OP1(RFI, POP)), .in.sp = 0xfff0,
     MEM_IN({0xfff0, 0x1111}, {0xfff1, 0x2222}, {0xfff2, 0x0042}), .steps = 1,
     .out = {.r[REG_A] = 0x2222, .pc = 0x0042, .sp = 0xfff3}, .cycles = 3},
    {"RFI next: the word is consumed and charged", PROG(OP1(RFI, NEXT), 0x1234),
     .in = {.r[REG_A] = 9, .sp = 0xfff0}, MEM_IN({0xfff0, 0x2222}, {0xfff1, 0x0042}),
     .steps = 1, .out = {.r[REG_A] = 0x2222, .pc = 0x0042, .sp = 0xfff2}, .cycles = 4},
    {"HWN A", PROG(OP1(HWN, REG_A)), .steps = 1, .out = {.r[REG_A] = RIG_DEVICES, .pc = 1},
     .cycles = 2},
    {"HWN [next]", PROG(OP1(HWN, MEM), 0x0300), .steps = 1, .out = {.pc = 2},
     MEM_OUT({0x0300, RIG_DEVICES}), .cycles = 3},
    {"HWQ 0", PROG(OP1(HWQ, LIT(0))),
     .in = {.r[REG_Z] = 0x77, .r[REG_I] = 0x88, .r[REG_J] = 0x99}, .steps = 1,
     .out = {.r = {0x5678, 0x1234, 0x0abc, 0xdef0, 0x9abc, 0x77, 0x88, 0x99}, .pc = 1},
     .cycles = 4},
    {"HWQ A = 1", PROG(OP1(HWQ, REG_A)), .in.r[REG_A] = 1, .steps = 1,
     .out = {.r = {0xf615, 0x7349, 0x1802, 0x8b36, 0x1c6c}, .pc = 1}, .cycles = 4},
    {"HWQ of a missing device zeroes A B C X Y", PROG(OP1(HWQ, REG_A)),
     .in.r = {7, 0x1111, 0x1111, 0x1111, 0x1111, 0x2222, 0x3333, 0x4444}, .steps = 1,
     .out = {.r = {0, 0, 0, 0, 0, 0x2222, 0x3333, 0x4444}, .pc = 1}, .cycles = 4},
    {"HWI adds the device's cycles", PROG(OP1(HWI, LIT(0))), .steps = 1,
     .out = {.r[REG_C] = RIG_HWI_MARK, .pc = 1}, .cycles = 4 + RIG_HWI_EXTRA},
    {"HWI of a missing device does nothing", PROG(OP1(HWI, NEXT), 0x0009),
     .in.r[REG_C] = 0x1111, .steps = 1, .out = {.r[REG_C] = 0x1111, .pc = 2}, .cycles = 5},
    /* writes to literals: dropped, side effects kept (docs/machine.md §1) */
    {"SET literal, A", PROG(OP2(SET, NEXT, REG_A), 0x1234), .in.r[REG_A] = 0x5555,
     .steps = 1, .out = {.r[REG_A] = 0x5555, .pc = 2}, .cycles = 2},
    {"ADD literal 0xffff, 1 sets EX", PROG(OP2(ADD, NEXT, LIT(1)), 0xffff), .steps = 1,
     .out = {.ex = 1, .pc = 2}, .cycles = 3},
    {"SUB literal, POP moves SP and sets EX", PROG(OP2(SUB, NEXT, POP), 0x0001),
     .in.sp = 0xfff0, MEM_IN({0xfff0, 2}), .steps = 1,
     .out = {.ex = 0xffff, .sp = 0xfff1, .pc = 2}, .cycles = 3},
    {"STI literal, 1 moves I and J", PROG(OP2(STI, NEXT, LIT(1)), 0x0042), .steps = 1,
     .out = {.r[REG_I] = 1, .r[REG_J] = 1, .pc = 2}, .cycles = 3},
    {"DIV literal, 0 clears EX", PROG(OP2(DIV, NEXT, LIT(0)), 0x0007), .in.ex = 0x1234,
     .steps = 1, .out = {.pc = 2}, .cycles = 4},
    {"SHL literal 0x8001, 1 sets EX", PROG(OP2(SHL, NEXT, LIT(1)), 0x8001), .steps = 1,
     .out = {.ex = 1, .pc = 2}, .cycles = 2},
    {"IAG literal", PROG(OP1(IAG, NEXT), 0x0042), .in.ia = 0x0055, .steps = 1,
     .out = {.ia = 0x0055, .pc = 2}, .cycles = 2},
    {"IAG short literal", PROG(OP1(IAG, LIT(7))), .in.ia = 0x0055, .steps = 1,
     .out = {.ia = 0x0055, .pc = 1}, .cycles = 1},
    {"HWN short literal", PROG(OP1(HWN, LIT(30))), .steps = 1, .out = {.pc = 1}, .cycles = 2},
    /* IF chains: one step, +1 for the failure, +1 per skipped conditional */
    {"§1.6 IFE A, 1 / IFN B, 2 / SET C, 3",
     PROG(OP2(IFE, REG_A, LIT(1)), OP2(IFN, REG_B, LIT(2)), OP2(SET, REG_C, LIT(3))),
     .steps = 1, .out = {.pc = 3}, .cycles = 4},
    {"§2.7 a failed IF skips a 3-word instruction",
     PROG(OP2(IFE, REG_A, LIT(1)), 0x7fc1, 0x0020, 0x1000, OP2(SET, REG_B, LIT(1))),
     .steps = 2, .out = {.r[REG_B] = 1, .pc = 5}, .cycles = 4},
    {"§2.7 chained IFs skip a 3-word instruction",
     PROG(OP2(IFE, REG_A, LIT(1)), OP2(IFE, REG_A, LIT(0)), 0x7fc1, 0x0020, 0x1000,
          OP2(SET, REG_C, LIT(1))),
     .steps = 2, .out = {.r[REG_C] = 1, .pc = 6}, .cycles = 5},
    {"a skipped 3-word IF extends the chain",
     PROG(OP2(IFE, REG_A, LIT(1)), OP2(IFE, MEM, NEXT), 0x1234, 0x1000,
          OP2(SET, IDX(REG_B), MEM), 0x0300, 0x0400, OP2(SET, REG_C, LIT(1))),
     .steps = 1, .out = {.pc = 7}, .cycles = 4},
    {"a skipped instruction has no side effects",
     PROG(OP2(IFE, REG_A, LIT(1)), OP2(SET, PICK, POP), 0x0005, OP2(SET, REG_C, LIT(1))),
     .in.sp = 0xfff0, .steps = 2, .out = {.r[REG_C] = 1, .sp = 0xfff0, .pc = 4},
     .cycles = 4},
    {"five IFs in a chain",
     PROG(OP2(IFE, REG_A, LIT(1)), OP2(IFB, REG_A, LIT(0)), OP2(IFC, REG_A, LIT(0)),
          OP2(IFG, REG_A, LIT(0)), OP2(IFU, REG_A, LIT(0)), OP2(SET, REG_C, LIT(1)),
          OP2(SET, REG_X, LIT(1))),
     .steps = 2, .out = {.r[REG_X] = 1, .pc = 7}, .cycles = 2 + 1 + 4 + 1},
    {"a true IF, then a false one",
     PROG(OP2(IFE, REG_A, LIT(0)), OP2(IFE, REG_B, LIT(1)), OP2(SET, REG_C, LIT(1)),
          OP2(SET, REG_X, LIT(1))),
     .steps = 3, .out = {.r[REG_X] = 1, .pc = 4}, .cycles = 2 + 3 + 1},
    {"an IF's operands keep their side effects",
     PROG(OP2(IFN, REG_A, POP), OP2(SET, REG_C, LIT(1))), .in = {.r[REG_A] = 5, .sp = 0xfff0},
     MEM_IN({0xfff0, 5}), .steps = 1, .out = {.r[REG_A] = 5, .sp = 0xfff1, .pc = 2},
     .cycles = 3},
    {"IFE [next], next: operand costs", PROG(OP2(IFE, MEM, NEXT), 0x0042, 0x0300),
     MEM_IN({0x0300, 0x0042}), .steps = 1, .out = {.pc = 3}, .cycles = 4},
    {"IFE [next], next fails", PROG(OP2(IFE, MEM, NEXT), 0x0043, 0x0300, OP2(SET, REG_C, LIT(1))),
     MEM_IN({0x0300, 0x0042}), .steps = 1, .out = {.pc = 4}, .cycles = 5},
    {"a skip steps over an undefined opcode's words",
     PROG(OP2(IFE, REG_A, LIT(1)), (uint16_t)(NEXT << 10 | MEM << 5 | 0x18), 1, 2,
          OP2(SET, REG_C, LIT(1))),
     .steps = 2, .out = {.r[REG_C] = 1, .pc = 5}, .cycles = 4},
};

START_TEST(programs)
{
    rig_t *g = rig_new();
    rig_play(g, &scenarios[_i]);
    rig_free(g);
}
END_TEST

/* ---- the CPU reaches devices through the bus, at the cycle the instruction began */

START_TEST(device_registers_through_the_bus)
{
    rig_t *g = rig_new();
    fake_dev_t p = {.reg = {[2] = 0x0041, [4] = 0x0777}};
    ck_assert_int_eq(bus_map(&g->bus, 0x1fe00, 32, &fake_ops, &p), 0);
    const uint16_t prog[] = {
        OP2(SET, REG_A, LIT(1)),              /* cycle 0 */
        OP2(ADD, MEM, LIT(1)), 0xff02,        /* cycle 1: one read, one write */
        OP2(IFE, REG_A, LIT(2)),              /* cycle 4: fails */
        OP2(SET, MEM, LIT(5)), 0xff03,        /* skipped: never reaches the device */
        OP2(SET, REG_B, MEM), 0xff04,         /* cycle 7 */
    };
    rig_load(g, 0, prog, COUNT(prog));
    cpu_step(&g->cpu);
    cpu_step(&g->cpu);
    ck_assert_uint_eq(p.reads, 1);
    ck_assert_uint_eq(p.writes, 1);
    ck_assert_uint_eq(p.last_now, 1);
    ck_assert_uint_eq(p.reg[2], 0x0042);
    cpu_step(&g->cpu);
    ck_assert_uint_eq(p.reads + p.writes, 2);
    ck_assert_uint_eq(p.reg[3], 0);
    cpu_step(&g->cpu);
    ck_assert_uint_eq(p.reads, 2);
    ck_assert_uint_eq(p.last_now, 7);
    ck_assert_uint_eq(g->cpu.r[REG_B], 0x0777);
    ck_assert_uint_eq(g->cpu.cycles, 9);
    rig_free(g);
}
END_TEST

/* A skip walks over instruction words with peek: a skipped word in a device's range is
 * not read. */
START_TEST(skipping_peeks_device_words)
{
    rig_t *g = rig_new();
    fake_dev_t p = {.reg = {[0] = OP2(SET, REG_B, LIT(1))}};
    ck_assert_int_eq(bus_map(&g->bus, 0x1fe00, 32, &fake_ops, &p), 0);
    const uint16_t prog[] = {OP2(IFE, REG_A, LIT(1))};
    rig_load(g, 0xfeff, prog, 1);
    g->cpu.pc = 0xfeff;
    cpu_step(&g->cpu);
    ck_assert_uint_eq(g->cpu.pc, 0xff01);
    ck_assert_uint_eq(p.reads + p.writes, 0);
    ck_assert_uint_eq(g->cpu.r[REG_B], 0);
    ck_assert_uint_eq(g->cpu.cycles, 3);
    rig_free(g);
}
END_TEST

/* HWI reaches the device at the instruction's start cycle; its cost is added afterwards. */
START_TEST(hwi_acts_at_the_start_cycle)
{
    rig_t *g = rig_new();
    const uint16_t prog[] = {OP2(SET, REG_A, NEXT), 0x0003, OP1(HWI, LIT(0)),
                             OP1(HWI, LIT(1))};
    rig_load(g, 0, prog, COUNT(prog));
    for (int i = 0; i < 3; i++)
        cpu_step(&g->cpu);
    ck_assert_uint_eq(g->hwi_calls, 2);
    ck_assert_uint_eq(g->hwi_index, 1);
    ck_assert_uint_eq(g->hwi_at, 2 + 4 + RIG_HWI_EXTRA);
    ck_assert_uint_eq(g->cpu.cycles, 2 + 4 + RIG_HWI_EXTRA + 4);
    rig_free(g);
}
END_TEST

/* Strict mode: an access to an unmapped word of a device page lets the instruction
 * complete, then the CPU stops with a bus fault naming it. */
START_TEST(strict_bus_fault_after_the_instruction)
{
    rig_t *g = rig_new();
    fake_dev_t p = {0};
    ck_assert_int_eq(bus_map(&g->bus, 0x1fe00, 32, &fake_ops, &p), 0);
    g->bus.strict = true;
    const uint16_t prog[] = {OP2(SET, REG_A, LIT(1)), OP2(ADD, REG_B, MEM), 0xff40,
                             OP2(SET, REG_C, LIT(1))};
    rig_load(g, 0, prog, COUNT(prog));
    ck_assert_uint_eq(cpu_run(&g->cpu, 100), 1 + 3);
    ck_assert_int_eq(g->cpu.fault, CPU_FAULT_BUS);
    ck_assert_uint_eq(g->cpu.fault_pc, 1);
    ck_assert_uint_eq(g->cpu.pc, 3);
    ck_assert_uint_eq(g->bus.fault_addr, 0x1fe80);
    ck_assert_uint_eq(g->cpu.r[REG_C], 0);
    rig_free(g);
}
END_TEST

/* Without hardware callbacks: HWN 0, HWQ zeroes, HWI does nothing; costs are unchanged. */
START_TEST(no_hardware)
{
    bus_t *bus = calloc(1, sizeof *bus);
    dcpu_t *cpu = calloc(1, sizeof *cpu);
    ck_assert_ptr_nonnull(bus);
    ck_assert_ptr_nonnull(cpu);
    bus_init(bus, &cpu->cycles);
    cpu_init(cpu, bus, NULL);
    const uint16_t prog[] = {OP1(HWN, REG_A), OP1(HWQ, LIT(0)), OP1(HWI, LIT(0))};
    for (unsigned i = 0; i < COUNT(prog); i++)
        bus_write_word(bus, (uint16_t)i, prog[i]);
    cpu->r[REG_B] = 0x1234;
    cpu->r[REG_Z] = 0x5678;
    for (unsigned i = 0; i < COUNT(prog); i++)
        cpu_step(cpu);
    ck_assert_uint_eq(cpu->r[REG_A], 0);
    ck_assert_uint_eq(cpu->r[REG_B], 0);
    ck_assert_uint_eq(cpu->r[REG_Z], 0x5678);
    ck_assert_uint_eq(cpu->pc, 3);
    ck_assert_uint_eq(cpu->cycles, 2 + 4 + 4);
    ck_assert_int_eq(cpu->fault, CPU_FAULT_NONE);
    cpu_free(cpu);
    free(cpu);
    free(bus);
}
END_TEST

static Suite *cpu_programs_suite(void)
{
    Suite *s = suite_create("cpu programs");
    TCase *tc = tcase_create("programs");
    tcase_add_loop_test(tc, programs, 0, COUNT(scenarios));
    suite_add_tcase(s, tc);

    tc = tcase_create("hardware");
    tcase_add_test(tc, device_registers_through_the_bus);
    tcase_add_test(tc, skipping_peeks_device_words);
    tcase_add_test(tc, hwi_acts_at_the_start_cycle);
    tcase_add_test(tc, strict_bus_fault_after_the_instruction);
    tcase_add_test(tc, no_hardware);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(cpu_programs_suite)
