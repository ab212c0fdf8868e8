/* test_jit.c — the translator of hot blocks to host code (issue 19; `--no-jit` turns it
 * off) against the plain path (cpu.c, which a trace hook forces) and against the
 * interpreter alone (no_jit): random programs built around hot counted loops
 * (tests/unit/jit_programs.h: every opcode and operand kind, IF chains, calls,
 * self-modifying code, device-page accesses, timer interrupts; one in five hostile) run on
 * three machines in slices of random length with a random --max-cycles, so a run stops at
 * every point of a block; after every slice all three agree on every register, counter,
 * history entry, queued interrupt, the machine's state and (often) every RAM word. Some
 * runs switch to the plain path and back halfway, or go back to an earlier snapshot.
 *
 * Where no translator is built (configure --disable-jit, a host other than x86-64 Linux)
 * the three machines still run and must agree: the test then checks the interpreter only.
 * A failure names the program's seed; D16_JIT_SEED=0x... runs that program alone, and
 * D16_FUZZ_ITERATIONS=N runs N programs (make fuzz-jit). */
#include "machine/machine.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "diff_rig.h"
#include "machine/snapshot.h"
#include "jit_programs.h"

#define SLICES            300
#define PROGRAMS_PER_TEST 100
#define MAX_CYCLES        150000 /* a program's slices add up to this at most */

/* A build that translates (the condition src/cpu/cpu_jit.c compiles its translator under). */
#if defined(ENABLE_JIT) && ENABLE_JIT && defined(__x86_64__) && defined(__linux__)
#define JIT_IN_BUILD 1
#endif

/* Tests of PROGRAMS_PER_TEST programs each: 30 by default, D16_FUZZ_ITERATIONS / 100 with
 * it set, 1 with D16_JIT_SEED (that program alone). */
static int test_count(void)
{
    const char *env = getenv("D16_JIT_SEED");
    if (env && *env)
        return 1;
    env = getenv("D16_FUZZ_ITERATIONS");
    int n = env ? atoi(env) / PROGRAMS_PER_TEST : 0;
    return n > 0 ? n : 30;
}

static void assert_agree(const machine_t *x, const char *path, const machine_t *plain,
                         uint32_t seed, unsigned slice, bool with_ram)
{
    char what[200];
    if (diff_find(x, plain, with_ram, what, sizeof what)) /* Check writes every assert down */
        ck_abort_msg("seed 0x%08x slice %u: %s against the plain path: %s (D16_JIT_SEED=0x%08x)",
                     seed, slice, path, what, seed);
}

static void load_snapshot(uint32_t seed, const uint8_t *snap, size_t size, machine_t *m[3])
{
    for (unsigned k = 0; k < 3; k++) {
        char err[256];
        if (snapshot_load(m[k], snap, size, err, sizeof err) != SNAPSHOT_OK)
            ck_abort_msg("seed 0x%08x: the snapshot does not load: %s", seed, err);
    }
}

/* Program `seed` three ways, in slices; fails naming the seed at the first difference. */
static void compare_program(uint32_t seed)
{
    jit_draw_t d = jit_draw_seed(seed);
    static jit_program_t p;
    jit_program_make(&d, &p);
    if (jit_draw(&d, 2))
        p.opts.max_cycles = 1 + jit_draw(&d, 60000);
    machine_t *jit = diff_boot(&p.opts, p.w, p.n);
    machine_t *plain = diff_boot(&p.opts, p.w, p.n);
    p.opts.no_jit = true;
    machine_t *interp = diff_boot(&p.opts, p.w, p.n);
    if (!jit || !plain || !interp)
        ck_abort_msg("seed 0x%08x: the image does not load", seed);
    diff_force_plain(plain);

    /* short slices stop runs inside blocks, long ones let translated code run on */
    static const unsigned scales[] = {40, 400, 4000};
    unsigned scale = scales[jit_draw(&d, 3)];
    /* one program in four switches the translator's machine to the plain path and back
     * (a trace hook comes and goes); one in four goes back to a snapshot taken earlier,
     * code changed since included (all three machines load it) */
    unsigned twist = jit_draw(&d, 4);
    unsigned save_at = jit_draw(&d, 40), load_at = save_at + 1 + jit_draw(&d, 60);
    uint8_t *snap = NULL;
    size_t snap_size = 0;
    uint64_t ran = 0;
    for (unsigned slice = 0; slice < SLICES && ran < MAX_CYCLES; slice++) {
        if (twist == 0 && slice % 16 == 15)
            machine_set_trace(jit, jit->trace ? NULL : diff_no_trace, NULL);
        if (twist == 1 && slice == save_at && snapshot_save(plain, &snap, &snap_size) != 0)
            ck_abort_msg("seed 0x%08x: no snapshot", seed);
        if (twist == 1 && slice == load_at && snap)
            load_snapshot(seed, snap, snap_size, (machine_t *[]){jit, interp, plain});
        uint64_t budget = 1 + jit_draw(&d, slice % 8 == 0 ? 10 * scale : scale);
        ran += budget;
        machine_run(jit, budget);
        machine_run(interp, budget);
        machine_run(plain, budget);
        bool over = plain->state != MACHINE_RUNNING;
        bool with_ram = over || slice % 32 == 0;
        assert_agree(jit, "the translator", plain, seed, slice, with_ram);
        assert_agree(interp, "--no-jit", plain, seed, slice, with_ram);
        if (over)
            break;
    }
    free(snap);
    machine_free(jit);
    machine_free(interp);
    machine_free(plain);
}

/* A batch of programs per test: Check forks once per test, which costs more than a program. */
START_TEST(translator_matches_plain_path)
{
    const char *env = getenv("D16_JIT_SEED");
    if (env && *env) {
        compare_program((uint32_t)strtoul(env, NULL, 0));
        return;
    }
    for (int k = 0; k < PROGRAMS_PER_TEST; k++)
        compare_program(0x2545f491u * (uint32_t)(_i * PROGRAMS_PER_TEST + k + 1));
}
END_TEST

/* Whole runs in one call: programs that never write their code and set no timer, so one
 * entry to translated code may run until its own cap (CPU_JIT_ROOM cycles) or to a
 * --max-cycles of up to 1.5 M cycles. */
START_TEST(long_runs_match_plain_path)
{
    static jit_program_t p;
    uint32_t seed = 0x9e3779b9u * (uint32_t)(_i + 1);
    jit_draw_t d;
    do {
        d = jit_draw_seed(seed++);
        jit_program_make(&d, &p);
    } while (!p.pure || p.interrupts);
    p.opts.max_cycles = 500000 + jit_draw(&d, 1000000);
    machine_t *jit = diff_boot(&p.opts, p.w, p.n);
    machine_t *plain = diff_boot(&p.opts, p.w, p.n);
    ck_assert(jit && plain);
    diff_force_plain(plain);
    for (unsigned k = 0; k < 1000 && plain->state == MACHINE_RUNNING; k++) {
        machine_run(jit, UINT64_MAX);
        machine_run(plain, UINT64_MAX);
        assert_agree(jit, "the translator", plain, seed - 1, k, true);
    }
    machine_free(jit);
    machine_free(plain);
}
END_TEST

/* A hot loop no simpler path folds away (a memory write, a call, a device read): it runs
 * the same three ways; neither --no-jit nor the plain path ever start the translator, and a
 * build that translates does (cpu.h: dcpu_t.jit is NULL until the translator first runs). */
static void hot_program(jit_program_t *p)
{
    p->n = 0;
    p->opts = (machine_opts_t){.max_cycles = 4000000};
    jit_op(p, OP_SET, jit_reg(REG_C), (jit_opnd_t){OPND_LIT, 30000});
    jit_op(p, OP_SET, jit_reg(REG_I), (jit_opnd_t){OPND_LIT, JIT_DATA});
    uint16_t head = (uint16_t)p->n;
    jit_op(p, OP_ADD, jit_reg(REG_A), jit_mem(0xff21));     /* TICKS: a device read */
    jit_op(p, OP_STI, (jit_opnd_t){OPND_IND + REG_I, 0}, jit_reg(REG_A)); /* a RAM write */
    jit_op(p, OP_AND, jit_reg(REG_I), (jit_opnd_t){OPND_LIT, JIT_DATA | 0xff});
    jit_emit(p, op_encode_special(SOP_JSR, OPND_LIT));
    uint16_t call = (uint16_t)p->n;
    jit_emit(p, 0);
    jit_op(p, OP_SUB, jit_reg(REG_C), jit_lit(1));
    jit_op(p, OP_IFN, jit_reg(REG_C), jit_lit(0));
    jit_op(p, OP_SET, jit_reg(OPND_PC), (jit_opnd_t){OPND_LIT, head});
    jit_op(p, OP_SET, jit_mem(0xff02), jit_lit(0)); /* halt, status 0 */
    p->w[call] = (uint16_t)p->n;
    jit_op(p, OP_XOR, jit_reg(REG_B), jit_reg(REG_A)); /* the subroutine */
    jit_op(p, OP_SET, jit_reg(OPND_PC), (jit_opnd_t){OPND_PUSHPOP, 0});
}

/* How many of the program's words start a translated block (cpu.h, cpu_code_t). */
static unsigned translated_words(const machine_t *m, const jit_program_t *p)
{
    unsigned n = 0;
    for (unsigned w = 0; m->cpu.code && w < p->n; w++)
        n += m->cpu.code->jit_entry[w] != NULL;
    return n;
}

START_TEST(translator_is_used)
{
    static jit_program_t p;
    hot_program(&p);
    machine_t *jit = diff_boot(&p.opts, p.w, p.n);
    machine_t *plain = diff_boot(&p.opts, p.w, p.n);
    p.opts.no_jit = true;
    machine_t *interp = diff_boot(&p.opts, p.w, p.n);
    ck_assert(jit && plain && interp);
    diff_force_plain(plain);
    machine_t *all[] = {jit, interp, plain};
    for (unsigned k = 0; k < 3; k++) {
        for (unsigned slice = 0; slice < 10000 && all[k]->state == MACHINE_RUNNING; slice++)
            machine_run(all[k], 100000);
        ck_assert_int_eq(all[k]->state, MACHINE_HALTED);
        ck_assert_int_eq(machine_exit_status(all[k]), 0);
        ck_assert_uint_gt(all[k]->cpu.instructions, 30000 * 9);
    }
    assert_agree(jit, "the translator", plain, 0, 0, true);
    assert_agree(interp, "--no-jit", plain, 0, 0, true);
    ck_assert_ptr_null(interp->cpu.jit);
    ck_assert_ptr_null(plain->cpu.jit);
    ck_assert_uint_eq(translated_words(interp, &p), 0);
#ifdef JIT_IN_BUILD
    ck_assert_msg(jit->cpu.jit != NULL, "a hot loop of 30000 passes never started the translator");
    ck_assert_uint_gt(translated_words(jit, &p), 0);
    cpu_jit_stats_t st = cpu_jit_stats(&jit->cpu);
    /* all but the device read, one instruction in nine, which the plain path runs */
    ck_assert_msg(st.instructions * 100 >= jit->cpu.instructions * 88,
                  "only %llu of %llu instructions ran translated",
                  (unsigned long long)st.instructions, (unsigned long long)jit->cpu.instructions);
#else
    ck_assert_ptr_null(jit->cpu.jit);
#endif
    ck_assert_uint_eq(cpu_jit_stats(&interp->cpu).instructions, 0);
    machine_free(jit);
    machine_free(interp);
    machine_free(plain);
}
END_TEST

/* RAM written behind the bus's back (a debugger's poke, a snapshot) is seen after
 * cpu_forget_code, also when the code it changes was translated. */
START_TEST(forget_code_reaches_translated_code)
{
    static jit_program_t p;
    p.n = 0;
    p.opts = (machine_opts_t){0};
    jit_op(&p, OP_ADD, jit_reg(REG_A), jit_lit(1));        /* 0: ADD A, 1 */
    jit_op(&p, OP_SET, jit_reg(OPND_PC), jit_lit(0));      /* 1: SET PC, 0 */
    machine_t *jit = diff_boot(&p.opts, p.w, p.n);
    machine_t *plain = diff_boot(&p.opts, p.w, p.n);
    ck_assert(jit && plain);
    diff_force_plain(plain);
    machine_t *both[] = {jit, plain};
    for (unsigned k = 0; k < 2; k++) {
        machine_run(both[k], 300001);
        both[k]->bus.ram[0] = (uint8_t)op_encode_basic(OP_ADD, REG_A, JIT_LIT(2)); /* LE */
        both[k]->bus.ram[1] = (uint8_t)(op_encode_basic(OP_ADD, REG_A, JIT_LIT(2)) >> 8);
        cpu_forget_code(&both[k]->cpu);
        uint16_t before = both[k]->cpu.r[REG_A];
        machine_run(both[k], 3000);
        ck_assert_uint_ge((uint16_t)(both[k]->cpu.r[REG_A] - before), 1998); /* not 1000 */
    }
    assert_agree(jit, "the translator", plain, 0, 0, true);
    machine_free(jit);
    machine_free(plain);
}
END_TEST

/* A device writes over translated code: a hot loop calls a subroutine of 16 one-word
 * instructions, and at its 1000th pass has the display copy its palette over that
 * subroutine (HWI 0, MEM_DUMP_PALETTE: docs/machine.md §3.5), which then runs the palette
 * words as code (--illegal=nop). */
static machine_t *boot_dma(bool no_jit, bool plain)
{
    static jit_program_t p;
    p.n = 0;
    p.opts = (machine_opts_t){.illegal_nop = true, .max_cycles = 300000, .no_jit = no_jit};
    jit_op(&p, OP_SET, jit_reg(REG_C), (jit_opnd_t){OPND_LIT, 3000});
    uint16_t loop = (uint16_t)p.n;
    jit_emit(&p, op_encode_special(SOP_JSR, OPND_LIT));
    unsigned call_sub = p.n;
    jit_emit(&p, 0);
    jit_op(&p, OP_ADD, jit_reg(REG_J), jit_lit(1));
    jit_op(&p, OP_IFE, jit_reg(REG_J), (jit_opnd_t){OPND_LIT, 1000});
    jit_emit(&p, op_encode_special(SOP_JSR, OPND_LIT));
    unsigned call_dump = p.n;
    jit_emit(&p, 0);
    jit_op(&p, OP_SUB, jit_reg(REG_C), jit_lit(1));
    jit_op(&p, OP_IFN, jit_reg(REG_C), jit_lit(0));
    jit_op(&p, OP_SET, jit_reg(OPND_PC), jit_lit(loop));
    jit_op(&p, OP_SET, jit_mem(0xff02), jit_lit(0));
    p.w[call_dump] = (uint16_t)p.n; /* dump: HWI 0 with A = 5, B = sub */
    jit_op(&p, OP_SET, jit_reg(REG_A), jit_lit(5));
    jit_emit(&p, op_encode_basic(OP_SET, REG_B, OPND_LIT));
    unsigned sub_address = p.n;
    jit_emit(&p, 0);
    jit_emit(&p, op_encode_special(SOP_HWI, JIT_LIT(0)));
    jit_op(&p, OP_SET, jit_reg(OPND_PC), (jit_opnd_t){OPND_PUSHPOP, 0});
    p.w[call_sub] = p.w[sub_address] = (uint16_t)p.n; /* sub */
    for (unsigned k = 0; k < 16; k++)
        jit_op(&p, OP_ADD, jit_reg(REG_X + k % 3), jit_lit((uint16_t)k));
    jit_op(&p, OP_SET, jit_reg(OPND_PC), (jit_opnd_t){OPND_PUSHPOP, 0});
    machine_t *m = diff_boot(&p.opts, p.w, p.n);
    ck_assert_ptr_nonnull(m);
    if (plain)
        diff_force_plain(m);
    return m;
}

START_TEST(device_writes_reach_translated_code)
{
    machine_t *jit = boot_dma(false, false);
    machine_t *interp = boot_dma(true, false);
    machine_t *plain = boot_dma(false, true);
    jit_draw_t d = jit_draw_seed(19);
    for (unsigned slice = 0; slice < 2000 && plain->state == MACHINE_RUNNING; slice++) {
        uint64_t budget = 1 + jit_draw(&d, 400);
        machine_run(jit, budget);
        machine_run(interp, budget);
        machine_run(plain, budget);
        assert_agree(jit, "the translator", plain, 19, slice, slice % 16 == 0);
        assert_agree(interp, "--no-jit", plain, 19, slice, slice % 16 == 0);
    }
    assert_agree(jit, "the translator", plain, 19, 2000, true);
    ck_assert_int_ne(plain->state, MACHINE_RUNNING);
    ck_assert_uint_ge(plain->cpu.r[REG_J], 1000); /* the palette was copied */
    machine_free(jit);
    machine_free(interp);
    machine_free(plain);
}
END_TEST

/* A loop across the end of memory (profile dcpu16: RAM up to 0xffff), starting at
 * 0xfff8 + shift so that each of its instructions in turn is the one that wraps to 0x0000,
 * with stack traffic and [reg + n] reads that wrap too. */
static machine_t *boot_wrapping(unsigned shift, bool no_jit, bool plain)
{
    static jit_program_t p;
    p.n = 0;
    p.opts = (machine_opts_t){.profile = MACHINE_PROFILE_DCPU16, .no_jit = no_jit};
    uint16_t at = (uint16_t)(0xfff8 + shift);
    jit_op(&p, OP_ADD, jit_reg(REG_B), jit_lit(1));
    jit_op(&p, OP_ADD, jit_reg(REG_A), (jit_opnd_t){OPND_IDX + REG_B, 0xfff0});
    jit_op(&p, OP_SET, (jit_opnd_t){OPND_PUSHPOP, 0}, jit_reg(REG_A));
    jit_op(&p, OP_XOR, jit_reg(REG_Y), (jit_opnd_t){OPND_PUSHPOP, 0});
    jit_op(&p, OP_SET, jit_reg(REG_C), (jit_opnd_t){OPND_LIT, 0x4321});
    jit_op(&p, OP_ADD, jit_reg(REG_X), jit_reg(REG_C));
    jit_op(&p, OP_SET, jit_reg(OPND_PC), (jit_opnd_t){OPND_LIT, at});
    static const uint16_t none[] = {0};
    machine_t *m = diff_boot(&p.opts, none, 1);
    ck_assert_ptr_nonnull(m);
    for (unsigned k = 0; k < p.n; k++) {
        uint16_t w = (uint16_t)(at + k);
        m->bus.ram[2 * w] = (uint8_t)p.w[k];
        m->bus.ram[2 * w + 1] = (uint8_t)(p.w[k] >> 8);
    }
    cpu_forget_code(&m->cpu);
    m->cpu.pc = at;
    m->cpu.sp = 0x8000; /* not 0: the first push would land on the loop at 0xffff */
    if (plain)
        diff_force_plain(m);
    return m;
}

START_TEST(translated_code_wraps_around)
{
    machine_t *jit = boot_wrapping((unsigned)_i, false, false);
    machine_t *interp = boot_wrapping((unsigned)_i, true, false);
    machine_t *plain = boot_wrapping((unsigned)_i, false, true);
    jit_draw_t d = jit_draw_seed(77u + (unsigned)_i);
    for (unsigned slice = 0; slice < 300; slice++) {
        uint64_t budget = 1 + jit_draw(&d, slice % 4 == 0 ? 3000 : 30);
        machine_run(jit, budget);
        machine_run(interp, budget);
        machine_run(plain, budget);
        assert_agree(jit, "the translator", plain, (uint32_t)_i, slice, slice % 16 == 0);
        assert_agree(interp, "--no-jit", plain, (uint32_t)_i, slice, slice % 16 == 0);
    }
    ck_assert_uint_gt(plain->cpu.r[REG_B], 1000);
    machine_free(jit);
    machine_free(interp);
    machine_free(plain);
}
END_TEST

static Suite *jit_suite(void)
{
    Suite *s = suite_create("jit");
    TCase *tc = tcase_create("translator");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, translator_matches_plain_path, 0, test_count());
    tcase_add_loop_test(tc, long_runs_match_plain_path, 0, 24);
    tcase_add_test(tc, translator_is_used);
    tcase_add_test(tc, forget_code_reaches_translated_code);
    tcase_add_loop_test(tc, translated_code_wraps_around, 0, 11);
    tcase_add_test(tc, device_writes_reach_translated_code);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(jit_suite)
