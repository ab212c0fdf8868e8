/* test_cpu_events.c — what happens around instructions: the interrupt queue (INT, IAQ, RFI,
 * FIFO order, no nesting, one per boundary, the 257th-interrupt fault), illegal opcodes
 * and --illegal=nop, the classic end, cpu_run's limit, and through the machine the device
 * list, missing devices and the sample program of reference §10. */
#include <check.h>
#include <stdio.h>

#include "check_main.h"
#include "cpu_rig.h"
#include "machine/machine.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define HANDLER   0x0040
#define LOG_MSG   0x3000 /* the handler logs A at LOG_MSG + n ... */
#define LOG_SP    0x3100 /* ... and SP at LOG_SP + n, for the n-th interrupt */

/* Logs the message and the stack depth, raises INT 2 when the message is 1, returns. */
static const uint16_t logging_handler[] = {
    OP2(SET, IDX(REG_I), REG_A), LOG_MSG,
    OP2(SET, IDX(REG_I), SPR), LOG_SP,
    OP2(ADD, REG_I, LIT(1)),
    OP2(IFE, REG_A, LIT(1)),
    OP1(INT, LIT(2)),
    OP1(RFI, LIT(0)),
};

/* A main program: its first words, then an endless ADD X, 1 / SUB PC, 2 loop. */
static rig_t *irq_rig(const uint16_t *head, size_t n)
{
    rig_t *g = rig_new();
    rig_load(g, 0, head, n);
    const uint16_t loop[] = {OP2(ADD, REG_X, LIT(1)), OP2(SUB, PCR, LIT(2))};
    rig_load(g, (uint16_t)n, loop, COUNT(loop));
    rig_load(g, HANDLER, logging_handler, COUNT(logging_handler));
    return g;
}

static void steps(rig_t *g, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        cpu_step(&g->cpu);
}

static void check_log(rig_t *g, const uint16_t *msgs, unsigned n)
{
    ck_assert_uint_eq(g->cpu.r[REG_I], n);
    for (unsigned i = 0; i < n; i++) {
        ck_assert_uint_eq(bus_peek_word(&g->bus, (uint16_t)(LOG_MSG + i)), msgs[i]);
        /* one frame (PC, A) deep every time: no handler ran inside another */
        ck_assert_uint_eq(bus_peek_word(&g->bus, (uint16_t)(LOG_SP + i)), 0xfffe);
    }
}

/* ---- interrupts */

START_TEST(int_with_ia_zero_costs_4_and_is_discarded)
{
    const uint16_t prog[] = {OP1(INT, LIT(5)), OP1(IAS, NEXT), HANDLER, OP2(SET, REG_Y, LIT(1))};
    rig_t *g = irq_rig(prog, COUNT(prog));
    cpu_step(&g->cpu);
    ck_assert_uint_eq(g->cpu.cycles, 4);
    ck_assert_uint_eq(g->cpu.pc, 1);
    steps(g, 2); /* the message leaves the queue while IA = 0: gone, though IA is set now */
    ck_assert_uint_eq(g->cpu.r[REG_Y], 1);
    ck_assert_uint_eq(g->cpu.pc, 4);
    ck_assert_uint_eq(g->cpu.sp, 0);
    ck_assert_uint_eq(g->cpu.r[REG_A], 0);
    ck_assert_uint_eq(g->cpu.cycles, 4 + 2 + 1);
    steps(g, 20);
    ck_assert_uint_eq(g->cpu.r[REG_I], 0);
    rig_free(g);
}
END_TEST

START_TEST(int_loop_with_ia_zero_never_fills_the_queue)
{
    const uint16_t prog[] = {OP1(INT, LIT(1)), OP2(SUB, PCR, LIT(2))};
    rig_t *g = rig_new();
    rig_load(g, 0, prog, COUNT(prog));
    ck_assert_uint_eq(cpu_run(&g->cpu, 6000), 6000);
    ck_assert_int_eq(g->cpu.fault, CPU_FAULT_NONE);
    rig_free(g);
}
END_TEST

/* Reference §10.5: the handler is entered before the next instruction (0 cycles), with A =
 * the message and the old A and return PC on the stack (PC pushed first); RFI restores. */
START_TEST(int_enters_the_handler_and_rfi_returns)
{
    const uint16_t prog[] = {OP1(IAS, NEXT), 0x0050, OP2(SET, REG_A, LIT(30)), OP1(INT, LIT(5)),
                             OP2(SET, REG_X, LIT(1))};
    const uint16_t handler[] = {OP1(RFI, LIT(0))};
    rig_t *g = rig_new();
    rig_load(g, 0, prog, COUNT(prog));
    rig_load(g, 0x0050, handler, 1);
    steps(g, 3);
    ck_assert_uint_eq(g->cpu.cycles, 2 + 1 + 4);
    ck_assert_uint_eq(g->cpu.pc, 4);
    cpu_step(&g->cpu);
    ck_assert_uint_eq(g->seen.pc, 0x0050); /* as the handler's first instruction began */
    ck_assert_uint_eq(g->seen.r[REG_A], 5);
    ck_assert_uint_eq(g->seen.sp, 0xfffe);
    ck_assert(g->seen.queueing);
    ck_assert_uint_eq(g->seen.cycles, 7);
    ck_assert_uint_eq(bus_peek_word(&g->bus, 0xffff), 4);  /* PC, pushed first */
    ck_assert_uint_eq(bus_peek_word(&g->bus, 0xfffe), 30); /* then A */
    ck_assert_uint_eq(g->cpu.r[REG_A], 30);
    ck_assert_uint_eq(g->cpu.pc, 4);
    ck_assert_uint_eq(g->cpu.sp, 0);
    ck_assert(!g->cpu.queueing);
    ck_assert_uint_eq(g->cpu.cycles, 7 + 3);
    cpu_step(&g->cpu);
    ck_assert_uint_eq(g->cpu.r[REG_X], 1);
    rig_free(g);
}
END_TEST

START_TEST(queued_interrupts_come_in_fifo_order_one_at_a_time)
{
    const uint16_t prog[] = {OP1(IAS, NEXT), HANDLER};
    rig_t *g = irq_rig(prog, COUNT(prog));
    cpu_step(&g->cpu);
    ck_assert(cpu_interrupt(&g->cpu, 7));
    ck_assert(cpu_interrupt(&g->cpu, 8));
    ck_assert(cpu_interrupt(&g->cpu, 9));
    steps(g, 40);
    const uint16_t want[] = {7, 8, 9};
    check_log(g, want, 3);
    ck_assert_uint_eq(g->cpu.sp, 0);
    rig_free(g);
}
END_TEST

/* An INT inside a handler waits in the queue until RFI turns queueing off. */
START_TEST(int_inside_a_handler_waits_for_rfi)
{
    const uint16_t prog[] = {OP1(IAS, NEXT), HANDLER, OP1(INT, LIT(1))};
    rig_t *g = irq_rig(prog, COUNT(prog));
    steps(g, 30);
    const uint16_t want[] = {1, 2};
    check_log(g, want, 2);
    rig_free(g);
}
END_TEST

START_TEST(iaq_holds_interrupts_until_cleared)
{
    const uint16_t prog[] = {OP1(IAS, NEXT), HANDLER, OP1(IAQ, LIT(1)), OP1(INT, LIT(7)),
                             OP2(ADD, REG_Y, LIT(1)), OP1(IAQ, LIT(0)), OP2(SET, REG_Z, LIT(1))};
    rig_t *g = irq_rig(prog, COUNT(prog));
    steps(g, 5);
    ck_assert_uint_eq(g->cpu.r[REG_Y], 1);
    ck_assert_uint_eq(g->cpu.pc, 6);
    ck_assert_uint_eq(g->cpu.r[REG_I], 0);
    ck_assert_uint_eq(g->cpu.cycles, 2 + 2 + 4 + 2 + 2);
    cpu_step(&g->cpu);
    ck_assert_uint_eq(g->seen.pc, HANDLER);
    ck_assert_uint_eq(g->seen.r[REG_A], 7);
    ck_assert_uint_eq(bus_peek_word(&g->bus, 0xffff), 6);
    steps(g, 10);
    const uint16_t want[] = {7};
    check_log(g, want, 1);
    ck_assert_uint_eq(g->cpu.r[REG_Z], 1);
    rig_free(g);
}
END_TEST

/* With IA = 0 exactly one message is discarded per boundary: the first goes before IAS
 * runs, the next two reach the handler IAS installed. */
START_TEST(ia_zero_discards_one_message_per_boundary)
{
    const uint16_t prog[] = {OP1(IAS, NEXT), HANDLER};
    rig_t *g = irq_rig(prog, COUNT(prog));
    ck_assert(cpu_interrupt(&g->cpu, 7));
    ck_assert(cpu_interrupt(&g->cpu, 8));
    ck_assert(cpu_interrupt(&g->cpu, 9));
    steps(g, 30);
    const uint16_t want[] = {8, 9};
    check_log(g, want, 2);
    rig_free(g);
}
END_TEST

/* The 257th pending interrupt: the INT that raised it completes, then the CPU stops. */
START_TEST(the_257th_interrupt_sets_the_cpu_on_fire)
{
    const uint16_t prog[] = {OP1(IAQ, LIT(1)), OP1(INT, LIT(1)), OP2(SET, PCR, LIT(1))};
    rig_t *g = rig_new();
    rig_load(g, 0, prog, COUNT(prog));
    uint64_t ran = cpu_run(&g->cpu, 100000);
    ck_assert_int_eq(g->cpu.fault, CPU_FAULT_FIRE);
    ck_assert_uint_eq(g->cpu.fault_pc, 1);
    ck_assert_uint_eq(g->cpu.pc, 2);
    ck_assert_uint_eq(ran, 2 + 257 * 4 + 256 * 1);
    ck_assert_uint_eq(g->cpu.cycles, ran);
    ck_assert_uint_eq(cpu_run(&g->cpu, 100000), 0);
    cpu_step(&g->cpu);
    ck_assert_uint_eq(g->cpu.cycles, ran);
    rig_free(g);
}
END_TEST

START_TEST(the_257th_device_interrupt_sets_the_cpu_on_fire)
{
    rig_t *g = rig_new();
    for (unsigned i = 0; i < CPU_IRQ_QUEUE; i++)
        ck_assert(cpu_interrupt(&g->cpu, (uint16_t)i));
    ck_assert_int_eq(g->cpu.fault, CPU_FAULT_NONE);
    ck_assert(!cpu_interrupt(&g->cpu, 0x0101));
    ck_assert_int_eq(g->cpu.fault, CPU_FAULT_FIRE);
    ck_assert_uint_eq(cpu_run(&g->cpu, 100), 0);
    rig_free(g);
}
END_TEST

/* ---- undefined opcodes (reference §1.9) */

static const struct {
    bool special;
    unsigned code;
} undefined_ops[] = {
    {false, 0x18}, {false, 0x19}, {false, 0x1c}, {false, 0x1d},
    {true, 0x00},  {true, 0x02},  {true, 0x03},  {true, 0x04},  {true, 0x05},  {true, 0x06},
    {true, 0x07},  {true, 0x0d},  {true, 0x0e},  {true, 0x0f},  {true, 0x13},  {true, 0x14},
    {true, 0x15},  {true, 0x16},  {true, 0x17},  {true, 0x18},  {true, 0x19},  {true, 0x1a},
    {true, 0x1b},  {true, 0x1c},  {true, 0x1d},  {true, 0x1e},  {true, 0x1f},
};

#define ILLEGAL_AT 0x0010

/* Places undefined instruction _i / 2 at ILLEGAL_AT: odd _i with stack operands (POP,
 * PUSH), even _i with next words. Returns its length. */
static unsigned place_illegal(rig_t *g, int i)
{
    bool special = undefined_ops[i / 2].special;
    unsigned code = undefined_ops[i / 2].code;
    bool stack = i % 2;
    uint16_t w[3] = {0, 0x0300, 0x0010};
    unsigned length;
    if (special) {
        w[0] = (uint16_t)((stack ? POP : NEXT) << 10 | code << 5);
        length = stack ? 1 : 2;
    } else {
        w[0] = stack ? (uint16_t)(POP << 10 | PUSH << 5 | code)
                     : (uint16_t)(MEM << 10 | IDX(REG_A) << 5 | code);
        length = stack ? 1 : 3;
    }
    rig_load(g, ILLEGAL_AT, w, 3);
    bus_write_word(&g->bus, 0xfff0, 0x5555);
    bus_write_word(&g->bus, 0x0300, 0x6666);
    g->cpu.pc = ILLEGAL_AT;
    g->cpu.sp = 0xfff0;
    g->cpu.r[REG_A] = 0x1000;
    g->cpu.ex = 0x1234;
    rig_snapshot(g);
    return length;
}

static cpu_regs_t illegal_regs(uint16_t pc)
{
    return (cpu_regs_t){.r[REG_A] = 0x1000, .pc = pc, .sp = 0xfff0, .ex = 0x1234};
}

/* Default: a fault; PC stays on it, no cycles, nothing changed. */
START_TEST(undefined_opcodes_fault)
{
    rig_t *g = rig_new();
    place_illegal(g, _i);
    ck_assert_uint_eq(cpu_run(&g->cpu, 100), 0);
    ck_assert_int_eq(g->cpu.fault, CPU_FAULT_ILLEGAL);
    ck_assert_uint_eq(g->cpu.fault_pc, ILLEGAL_AT);
    cpu_regs_t want = illegal_regs(ILLEGAL_AT);
    rig_check_regs(&g->cpu, &want, "illegal");
    rig_check_ram(g, "illegal");
    ck_assert_uint_eq(g->cpu.cycles, 0);
    rig_free(g);
}
END_TEST

/* --illegal=nop: 1 cycle, steps over the operand words, no operand side effects. */
START_TEST(undefined_opcodes_as_nop)
{
    rig_t *g = rig_new();
    g->cpu.illegal_nop = true;
    unsigned length = place_illegal(g, _i);
    cpu_step(&g->cpu);
    ck_assert_int_eq(g->cpu.fault, CPU_FAULT_NONE);
    cpu_regs_t want = illegal_regs((uint16_t)(ILLEGAL_AT + length));
    rig_check_regs(&g->cpu, &want, "illegal as nop");
    rig_check_ram(g, "illegal as nop");
    ck_assert_uint_eq(g->cpu.cycles, 1);
    rig_free(g);
}
END_TEST

/* ---- the classic end (docs/machine.md §6) and cpu_run's limit */

typedef struct idle_case {
    const char *what;
    uint16_t prog[SCENARIO_WORDS];
    unsigned prog_len;
    uint16_t ia, ex;
    bool keeps_running; /* what the machine answers (docs/machine.md §6 is its business) */
    bool idle;
    uint64_t cycles; /* when idle */
} idle_case_t;

#define IDLE_LIMIT 100

static const idle_case_t idle_cases[] = {
    {"SUB PC, 1", PROG(OP2(SUB, PCR, LIT(1))), .idle = true, .cycles = 2},
    {"SET PC, 0", PROG(OP2(SET, PCR, LIT(0))), .idle = true, .cycles = 1},
    {"SET PC, next 0", PROG(OP2(SET, PCR, NEXT), 0), .idle = true, .cycles = 2},
    {"SUB PC, 1 once EX settled", PROG(OP2(SUB, PCR, LIT(1))), .ex = 5, .idle = true,
     .cycles = 4},
    {"SET A, 1 then SUB PC, 1", PROG(OP2(SET, REG_A, LIT(1)), OP2(SUB, PCR, LIT(1))),
     .idle = true, .cycles = 3},
    {"ADD PC, -1 sets EX on its first pass", PROG(OP2(ADD, PCR, LIT(-1))), .idle = true,
     .cycles = 4},
    {"IA set, the machine says it ends", PROG(OP2(SET, PCR, LIT(0))), .ia = HANDLER,
     .idle = true, .cycles = 1},
    {"IA set, the machine says something may interrupt", PROG(OP2(SET, PCR, LIT(0))),
     .ia = HANDLER, .keeps_running = true},
    {"STI PC, 0 moves I and J", PROG(OP2(STI, PCR, LIT(0)))},
    {"JSR to itself pushes", PROG(OP1(JSR, LIT(0)))},
    {"IFE PC, 1 is no jump", PROG(OP2(IFE, PCR, LIT(1)), OP2(SUB, PCR, LIT(2)))},
};

START_TEST(classic_end)
{
    const idle_case_t *c = &idle_cases[_i];
    rig_t *g = rig_new();
    rig_load(g, 0, c->prog, c->prog_len);
    g->cpu.ia = c->ia;
    g->cpu.ex = c->ex;
    g->keeps_running = c->keeps_running;
    uint64_t ran = cpu_run(&g->cpu, IDLE_LIMIT);
    ck_assert_int_eq(g->cpu.fault, CPU_FAULT_NONE);
    ck_assert_msg(g->cpu.idle == c->idle, "%s: idle %d", c->what, g->cpu.idle);
    if (c->idle) {
        ck_assert_msg(ran == c->cycles, "%s: ended at cycle %llu", c->what,
                      (unsigned long long)ran);
        ck_assert_uint_eq(cpu_run(&g->cpu, 2 * IDLE_LIMIT), 0);
    } else {
        ck_assert_uint_ge(ran, IDLE_LIMIT);
        if (!c->keeps_running) /* no jump to itself: the machine was never asked */
            ck_assert_uint_eq(g->self_jumps, 0);
    }
    rig_free(g);
}
END_TEST

START_TEST(cpu_step_runs_an_idle_cpu)
{
    const uint16_t prog[] = {OP2(SUB, PCR, LIT(1))};
    rig_t *g = rig_new();
    rig_load(g, 0, prog, 1);
    ck_assert_uint_eq(cpu_run(&g->cpu, IDLE_LIMIT), 2);
    ck_assert(g->cpu.idle);
    cpu_step(&g->cpu);
    ck_assert_uint_eq(g->cpu.cycles, 4);
    rig_free(g);
}
END_TEST

/* cpu_run stops at the first step boundary at or past the limit, never inside a chain. */
START_TEST(cpu_run_stops_at_boundaries)
{
    const uint16_t prog[] = {OP2(IFE, REG_A, LIT(1)), OP2(IFE, REG_A, LIT(0)), 0x7fc1, 0x0020,
                             0x1000, OP2(SET, REG_C, LIT(1)), 0x7fc1, 0x0020, 0x1000,
                             OP2(SUB, PCR, LIT(1))};
    rig_t *g = rig_new();
    rig_load(g, 0, prog, COUNT(prog));
    ck_assert_uint_eq(cpu_run(&g->cpu, 1), 4);
    ck_assert_uint_eq(g->cpu.pc, 5);
    ck_assert_uint_eq(cpu_run(&g->cpu, 5), 1);
    ck_assert_uint_eq(g->cpu.r[REG_C], 1);
    ck_assert_uint_eq(cpu_run(&g->cpu, 5), 0);
    ck_assert_uint_eq(cpu_run(&g->cpu, 6), 3); /* a 3-cycle instruction crosses 6 */
    ck_assert_uint_eq(g->cpu.cycles, 8);
    ck_assert_uint_eq(bus_peek_word(&g->bus, 0x1000), 0x0020);
    rig_free(g);
}
END_TEST

/* ---- through the machine: the device list, missing devices, reference §10 */

static machine_t *boot(const machine_opts_t *o, const uint16_t *words, size_t n)
{
    machine_t *m = machine_new(o);
    ck_assert_ptr_nonnull(m);
    uint8_t bytes[128];
    ck_assert_uint_le(2 * n, sizeof bytes);
    for (size_t i = 0; i < n; i++) {
        bytes[2 * i] = (uint8_t)(words[i] >> 8);
        bytes[2 * i + 1] = (uint8_t)words[i];
    }
    char err[160];
    ck_assert_int_eq(machine_load_image(m, bytes, 2 * n, false, 0, err, sizeof err), 0);
    return m;
}

/* docs/machine.md §3: HWQ of each device, in HWI order. */
static const struct {
    uint32_t id;
    uint16_t version;
    uint32_t manufacturer;
} devices[] = {
    {0x7349f615, 0x1802, 0x1c6c8b36}, /* display */
    {0x30cf7406, 0x0001, 0x1c6c8b36}, /* keyboard */
    {0x12d0b402, 0x0001, 0x1c6c8b36}, /* timer */
    {0xd1600002, 0x0001, 0x44313620}, /* console */
    {0xd1600001, 0x0001, 0x44313620}, /* system controller */
};

START_TEST(hwq_lists_the_devices)
{
    const uint16_t prog[] = {OP1(HWQ, NEXT), (uint16_t)_i, OP1(HWN, REG_Z),
                             OP2(SUB, PCR, LIT(1))};
    machine_opts_t o = {.profile = _i % 2 ? MACHINE_PROFILE_DCPU16 : MACHINE_PROFILE_D16};
    machine_t *m = boot(&o, prog, COUNT(prog));
    machine_run(m, 1000);
    ck_assert_int_eq(m->state, MACHINE_CLASSIC_END);
    ck_assert_uint_eq(m->cpu.r[REG_A], devices[_i].id & 0xffff);
    ck_assert_uint_eq(m->cpu.r[REG_B], devices[_i].id >> 16);
    ck_assert_uint_eq(m->cpu.r[REG_C], devices[_i].version);
    ck_assert_uint_eq(m->cpu.r[REG_X], devices[_i].manufacturer & 0xffff);
    ck_assert_uint_eq(m->cpu.r[REG_Y], devices[_i].manufacturer >> 16);
    ck_assert_uint_eq(m->cpu.r[REG_Z], COUNT(devices));
    machine_free(m);
}
END_TEST

/* HWQ of a missing device zeroes A B C X Y; HWI of one costs 4 cycles and does nothing. */
START_TEST(missing_devices)
{
    const uint16_t prog[] = {OP1(HWQ, LIT(5)), OP1(HWI, LIT(5)), OP1(HWI, NEXT), 0x0099,
                             OP2(SUB, PCR, LIT(1))};
    machine_opts_t o = {.profile = MACHINE_PROFILE_DCPU16};
    machine_t *m = boot(&o, prog, COUNT(prog));
    for (int i = 0; i < 8; i++)
        m->cpu.r[i] = (uint16_t)(0x1111 * (i + 1));
    machine_step(m);
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(m->cpu.r[i], i < 5 ? 0 : 0x1111 * (i + 1));
    ck_assert_uint_eq(m->cpu.cycles, 4);
    static uint16_t before[0x10000];
    for (unsigned w = 0; w < 0x10000; w++)
        before[w] = bus_peek_word(&m->bus, (uint16_t)w);
    for (int i = 0; i < 5; i++)
        m->cpu.r[i] = (uint16_t)(0x1111 * (i + 1)); /* HWI 5 and HWI 0x99 ignore these */
    machine_step(m);
    machine_step(m);
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(m->cpu.r[i], 0x1111 * (i + 1));
    ck_assert_uint_eq(m->cpu.pc, 4);
    ck_assert_uint_eq(m->cpu.sp, 0);
    ck_assert_uint_eq(m->cpu.cycles, 4 + 4 + 5);
    for (unsigned w = 0; w < 0x10000; w++)
        ck_assert_uint_eq(bus_peek_word(&m->bus, (uint16_t)w), before[w]);
    ck_assert_int_eq(m->state, MACHINE_RUNNING);
    machine_free(m);
}
END_TEST

START_TEST(illegal_through_the_machine)
{
    const uint16_t prog[] = {0x0000, OP2(SUB, PCR, LIT(1))};
    machine_opts_t o = {.illegal_nop = _i == 1};
    machine_t *m = boot(&o, prog, COUNT(prog));
    machine_run(m, 1000);
    if (o.illegal_nop) {
        ck_assert_int_eq(m->state, MACHINE_CLASSIC_END);
        ck_assert_uint_eq(m->cpu.cycles, 1 + 2);
    } else {
        ck_assert_int_eq(m->state, MACHINE_FAULT);
        ck_assert_int_eq(m->fault, CPU_FAULT_ILLEGAL);
        ck_assert_uint_eq(m->fault_pc, 0);
        ck_assert_int_eq(machine_exit_status(m), 125);
        ck_assert_uint_eq(m->cpu.cycles, 0);
    }
    machine_free(m);
}
END_TEST

/* Reference §10.2 (short labels) and §10.3 (long labels), hand-encoded. */
static const struct {
    uint16_t words[28];
    unsigned n;
    uint16_t crash;
    uint64_t at_crash, end; /* cycles when PC first reaches crash; at the classic end */
} samples[] = {
    {{0x7c01, 0x0030, 0x7fc1, 0x0020, 0x1000, 0x7803, 0x1000, 0xc413, 0xdf81, 0xacc1, 0x7c01,
      0x2000, 0x22c1, 0x2000, 0x88c3, 0x84d3, 0xb781, 0x9461, 0xd420, 0xdf81, 0x946f, 0x6381,
      0xdf81},
     23, 0x0016, 91, 92},
    {{0x7c01, 0x0030, 0x7fc1, 0x0020, 0x1000, 0x7803, 0x1000, 0xc413, 0x7f81, 0x001a,
      0xacc1, 0x7c01, 0x2000, 0x22c1, 0x2000, 0x88c3, 0x84d3, 0x7f81, 0x000d, 0x9461,
      0x7c20, 0x0018, 0x7f81, 0x001a, 0x946f, 0x6381, 0x7f81, 0x001a},
     28, 0x001a, 102, 104},
};

static void check_sample_state(const machine_t *m, uint16_t crash)
{
    /* reference §10.4 */
    const cpu_regs_t want = {.r = {[REG_A] = 0x2000, [REG_X] = 0x0040}, .pc = crash};
    rig_check_regs(&m->cpu, &want, "sample");
    ck_assert_uint_eq(bus_peek_word(&m->bus, 0x1000), 0x0020);
    for (uint16_t w = 0x2000; w <= 0x200a; w++)
        ck_assert_uint_eq(bus_peek_word(&m->bus, w), 0);
}

START_TEST(sample_program)
{
    machine_opts_t o = {.profile = MACHINE_PROFILE_DCPU16, .max_cycles = samples[_i].at_crash};
    machine_t *m = boot(&o, samples[_i].words, samples[_i].n);
    machine_run(m, 10000);
    ck_assert_int_eq(m->state, MACHINE_CYCLE_LIMIT);
    ck_assert_int_eq(machine_exit_status(m), 124);
    ck_assert_uint_eq(m->cpu.cycles, samples[_i].at_crash);
    check_sample_state(m, samples[_i].crash);
    machine_free(m);

    o.max_cycles = 0;
    m = boot(&o, samples[_i].words, samples[_i].n);
    machine_run(m, 10000);
    ck_assert_int_eq(m->state, MACHINE_CLASSIC_END);
    ck_assert_int_eq(machine_exit_status(m), 0);
    ck_assert_uint_eq(m->cpu.cycles, samples[_i].end);
    check_sample_state(m, samples[_i].crash);
    machine_free(m);
}
END_TEST

static Suite *cpu_events_suite(void)
{
    Suite *s = suite_create("cpu events");
    TCase *tc = tcase_create("interrupts");
    tcase_add_test(tc, int_with_ia_zero_costs_4_and_is_discarded);
    tcase_add_test(tc, int_loop_with_ia_zero_never_fills_the_queue);
    tcase_add_test(tc, int_enters_the_handler_and_rfi_returns);
    tcase_add_test(tc, queued_interrupts_come_in_fifo_order_one_at_a_time);
    tcase_add_test(tc, int_inside_a_handler_waits_for_rfi);
    tcase_add_test(tc, iaq_holds_interrupts_until_cleared);
    tcase_add_test(tc, ia_zero_discards_one_message_per_boundary);
    tcase_add_test(tc, the_257th_interrupt_sets_the_cpu_on_fire);
    tcase_add_test(tc, the_257th_device_interrupt_sets_the_cpu_on_fire);
    suite_add_tcase(s, tc);

    tc = tcase_create("undefined opcodes");
    tcase_add_loop_test(tc, undefined_opcodes_fault, 0, 2 * COUNT(undefined_ops));
    tcase_add_loop_test(tc, undefined_opcodes_as_nop, 0, 2 * COUNT(undefined_ops));
    suite_add_tcase(s, tc);

    tc = tcase_create("run");
    tcase_add_loop_test(tc, classic_end, 0, COUNT(idle_cases));
    tcase_add_test(tc, cpu_step_runs_an_idle_cpu);
    tcase_add_test(tc, cpu_run_stops_at_boundaries);
    suite_add_tcase(s, tc);

    tc = tcase_create("machine");
    tcase_add_loop_test(tc, hwq_lists_the_devices, 0, COUNT(devices));
    tcase_add_test(tc, missing_devices);
    tcase_add_loop_test(tc, illegal_through_the_machine, 0, 2);
    tcase_add_loop_test(tc, sample_program, 0, COUNT(samples));
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(cpu_events_suite)
