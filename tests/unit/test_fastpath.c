/* test_fastpath.c — the CPU's fast path (decoded-instruction cache, cpu_fast.c) against its
 * plain path (cpu.c, which a trace hook forces): random programs — self-modifying, with
 * device accesses, DMA, interrupts and faults — run on two machines in slices of random
 * length, and after every slice both must agree on every register, cycle, history entry,
 * pending interrupt and RAM word. Plus the cache's own contract: cpu_forget_code. */
#include "machine/machine.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "diff_rig.h"
#include "cpu/opcodes.h"

#define PROGRAM_WORDS 0x1000 /* random code lives here; data pointers mostly point here too */
#define SLICES        400
#define SEEDS         200

static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state; /* xorshift32 */
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

static unsigned pick(uint32_t *rng, unsigned n)
{
    return next_random(rng) % n;
}

/* A value a program works with: mostly inside the code, sometimes anywhere (the I/O page
 * included). */
static uint16_t random_value(uint32_t *rng)
{
    switch (pick(rng, 8)) {
    case 0: return (uint16_t)next_random(rng);
    case 1: return (uint16_t)(0xff00 + pick(rng, 0x100)); /* the I/O page (d16) */
    case 2: return (uint16_t)pick(rng, 8);
    default: return (uint16_t)pick(rng, PROGRAM_WORDS);
    }
}

static unsigned random_b(uint32_t *rng)
{
    unsigned r = pick(rng, 100);
    if (r < 45)
        return pick(rng, 8);              /* register */
    if (r < 65)
        return 0x08 + pick(rng, 16);      /* [reg], [reg + next] */
    if (r < 75)
        return 0x18 + pick(rng, 3);       /* PUSH, PEEK, PICK */
    if (r < 82)
        return 0x1b + pick(rng, 3);       /* SP, PC, EX */
    if (r < 95)
        return 0x1e;                      /* [next] */
    return 0x1f;                          /* next-word literal */
}

static unsigned random_a(uint32_t *rng)
{
    unsigned r = pick(rng, 100);
    if (r < 35)
        return 0x20 + pick(rng, 32);      /* short literal */
    if (r < 60)
        return pick(rng, 8);
    if (r < 75)
        return 0x08 + pick(rng, 16);
    if (r < 82)
        return 0x18 + pick(rng, 3);       /* POP, PEEK, PICK */
    if (r < 87)
        return 0x1b + pick(rng, 3);
    if (r < 92)
        return 0x1e;
    return 0x1f;
}

/* Random code: mostly defined basic instructions, some special ones, the odd raw word. */
static void random_program(uint32_t *rng, uint16_t *words)
{
    static const uint8_t specials[] = {SOP_JSR, SOP_INT, SOP_IAG, SOP_IAS, SOP_RFI,
                                       SOP_IAQ, SOP_HWN, SOP_HWQ, SOP_HWI};
    unsigned n = 0;
    while (n < PROGRAM_WORDS) {
        unsigned r = pick(rng, 100);
        uint16_t w;
        if (r < 80) {
            unsigned op;
            do
                op = 1 + pick(rng, 31);
            while (!op_basic(op));
            w = op_encode_basic(op, random_b(rng), random_a(rng));
        } else if (r < 97) {
            w = op_encode_special(specials[pick(rng, sizeof specials)], random_a(rng));
        } else {
            w = (uint16_t)next_random(rng);
        }
        words[n++] = w;
        /* the next words, whatever the instruction turns out to need */
        for (unsigned k = 1; k < op_length(w) && n < PROGRAM_WORDS; k++)
            words[n++] = random_value(rng);
    }
}

static machine_t *boot(const machine_opts_t *o, const uint16_t *words, uint32_t seed)
{
    machine_t *m = diff_boot(o, words, PROGRAM_WORDS);
    ck_assert_ptr_nonnull(m);
    uint32_t rng = seed;
    for (unsigned r = 0; r < 8; r++)
        m->cpu.r[r] = random_value(&rng);
    return m;
}

static void assert_same(const machine_t *fast, const machine_t *plain, uint32_t seed,
                        unsigned slice, bool with_ram)
{
    char what[200];
    ck_assert_msg(!diff_find(fast, plain, with_ram, what, sizeof what), "seed %u slice %u: %s",
                  seed, slice, what);
}

START_TEST(fast_path_matches_plain_path)
{
    uint32_t seed = 0x9e3779b9u * (uint32_t)(_i + 1);
    uint32_t rng = seed;
    static uint16_t words[PROGRAM_WORDS];
    random_program(&rng, words);
    machine_opts_t o = {
        .profile = _i % 3 == 0 ? MACHINE_PROFILE_DCPU16 : MACHINE_PROFILE_D16,
        .illegal_nop = _i % 2 == 0,
        .strict = _i % 5 == 1,
    };
    machine_t *fast = boot(&o, words, seed);
    machine_t *plain = boot(&o, words, seed);
    diff_force_plain(plain);

    unsigned slice;
    for (slice = 0; slice < SLICES; slice++) {
        uint64_t budget = 1 + pick(&rng, slice % 8 == 0 ? 2000 : 40);
        machine_run(fast, budget);
        machine_run(plain, budget);
        bool over = fast->state != MACHINE_RUNNING;
        assert_same(fast, plain, seed, slice, over || slice % 16 == 0);
        if (over)
            break;
    }
    machine_free(fast);
    machine_free(plain);
}
END_TEST

/* Over many seeds the fast path must really have run: decoded entries exist. */
START_TEST(fast_path_is_used)
{
    static uint16_t words[PROGRAM_WORDS];
    uint32_t rng = 12345;
    random_program(&rng, words);
    /* a tight loop at the start, so the run lasts */
    words[0] = op_encode_basic(OP_ADD, REG_A, 0x22);             /* ADD A, 1 */
    words[1] = op_encode_basic(OP_SET, OPND_PC, 0x21);           /* SET PC, 0 */
    machine_opts_t o = {.max_cycles = 1000};
    machine_t *m = boot(&o, words, 1);
    m->cpu.r[REG_A] = 0;
    machine_run(m, UINT64_MAX);
    ck_assert_int_eq(m->state, MACHINE_CYCLE_LIMIT);
    ck_assert_uint_eq(m->cpu.cycles, 1001); /* the 334th ADD ends at 3 * 333 + 2 */
    ck_assert_uint_eq(m->cpu.r[REG_A], 334);
    ck_assert_uint_ne(m->cpu.code->op[0].handler, 0);
    machine_free(m);
}
END_TEST

/* Fused counted loops (`ADD|SUB r, k` / `IFxx r, y` / `SET PC, back`), which run their
 * passes as a host loop in batches (cpu_fast.c: LOOP_BATCH): every IF opcode, ADD and SUB,
 * steps and bounds as registers and literals, EX carried in and out, in slices that end
 * at every point of a pass. */
START_TEST(counted_loops_match_plain_path)
{
    static const uint8_t ifs[] = {OP_IFB, OP_IFC, OP_IFE, OP_IFN, OP_IFG, OP_IFA, OP_IFL, OP_IFU};
    uint32_t seed = 0x85ebca6bu * (uint32_t)(_i + 1), rng = seed;
    static uint16_t words[PROGRAM_WORDS];
    memset(words, 0, sizeof words);
    unsigned n = 0, step_lit = pick(&rng, 2), bound_lit = pick(&rng, 2);
    uint16_t head = 2;
    words[n++] = op_encode_basic(OP_SET, OPND_SP, 0x1f); /* a stack away from the code */
    words[n++] = 0xf000;
    /* head: ADD|SUB A, 1..4 or B;  IFxx A, C or a literal;  SET PC, head */
    words[n++] = op_encode_basic(pick(&rng, 2) ? OP_ADD : OP_SUB, REG_A,
                                 step_lit ? 0x22 + pick(&rng, 4) : REG_B);
    words[n++] = op_encode_basic(ifs[_i % 8], REG_A, bound_lit ? 0x1f : REG_C);
    if (bound_lit)
        words[n++] = (uint16_t)(pick(&rng, 2) ? pick(&rng, 64) : next_random(&rng));
    words[n++] = op_encode_basic(OP_SET, OPND_PC, 0x1f);
    words[n++] = head;
    /* out of the loop: count the exits in X, then round again from a new start */
    words[n++] = op_encode_basic(OP_ADD, REG_X, 0x22);  /* ADD X, 1 */
    words[n++] = op_encode_basic(OP_ADD, REG_A, REG_Y); /* ADD A, Y */
    words[n++] = op_encode_basic(OP_SET, OPND_PC, 0x1f);
    words[n++] = head;
    machine_opts_t o = {.max_cycles = _i % 3 ? 0 : 50000 + pick(&rng, 50000)};
    machine_t *fast = boot(&o, words, seed), *plain = boot(&o, words, seed);
    diff_force_plain(plain);
    for (machine_t *m = fast;; m = plain) {
        m->cpu.r[REG_A] = (uint16_t)(seed >> 8);
        m->cpu.r[REG_B] = (uint16_t)(seed >> 3 | 1); /* odd: IFN/IFE loops end */
        m->cpu.r[REG_C] = (uint16_t)(seed >> 16);
        m->cpu.r[REG_Y] = (uint16_t)seed;
        m->cpu.ex = (uint16_t)(seed >> 20);
        if (m == plain)
            break;
    }
    for (unsigned slice = 0; slice < SLICES; slice++) {
        uint64_t budget = 1 + pick(&rng, slice % 4 == 0 ? 300000 : 30);
        machine_run(fast, budget);
        machine_run(plain, budget);
        bool over = fast->state != MACHINE_RUNNING;
        assert_same(fast, plain, seed, slice, over || slice % 8 == 0);
        if (over)
            break;
    }
    machine_free(fast);
    machine_free(plain);
}
END_TEST

/* Code running from 0xffff on into 0x0000 (the fast path steps its entry pointer past the
 * cache's end there): an instruction of one word at 0xffff, then one of two words whose
 * literal is word 0x0000; both paths must agree throughout. */
static machine_t *boot_wrapping(unsigned layout)
{
    machine_opts_t o = {.profile = MACHINE_PROFILE_DCPU16}; /* RAM up to 0xffff */
    const uint8_t none[] = {0, 0};
    char err[64];
    machine_t *m = machine_new(&o);
    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(machine_load_image(m, none, sizeof none, false, 0, err, sizeof err), 0);
    uint16_t at = layout == 0 ? 0xfffc : 0xfffd; /* layout 0: the two-word one at 0xffff */
    const uint16_t code[] = {
        op_encode_basic(OP_ADD, REG_B, 0x22),     /* ADD B, 1 */
        op_encode_basic(OP_ADD, REG_A, 0x22),     /* ADD A, 1 */
        op_encode_basic(OP_XOR, REG_Y, REG_A),    /* XOR Y, A */
        op_encode_basic(OP_SET, REG_C, OPND_LIT), /* SET C, 0x4321 */
        0x4321,
        op_encode_basic(OP_ADD, REG_X, REG_C), /* ADD X, C */
        op_encode_basic(OP_SET, OPND_PC, OPND_LIT), /* SET PC, at */
        at,
    };
    for (unsigned k = 0; k < sizeof code / sizeof code[0]; k++) {
        uint16_t w = (uint16_t)(at + k);
        m->bus.ram[2 * w] = (uint8_t)code[k];
        m->bus.ram[2 * w + 1] = (uint8_t)(code[k] >> 8);
    }
    cpu_forget_code(&m->cpu);
    m->cpu.pc = at;
    return m;
}

START_TEST(fast_path_wraps_around)
{
    machine_t *fast = boot_wrapping((unsigned)_i);
    machine_t *plain = boot_wrapping((unsigned)_i);
    diff_force_plain(plain);
    for (unsigned slice = 0; slice < 200; slice++) {
        uint64_t budget = 1 + slice % 23;
        machine_run(fast, budget);
        machine_run(plain, budget);
        assert_same(fast, plain, (unsigned)_i, slice, true);
    }
    ck_assert_uint_gt(fast->cpu.r[REG_A], 100);
    ck_assert_uint_ne(fast->cpu.code->op[0xffff].handler, 0); /* the fast path ran it */
    machine_free(fast);
    machine_free(plain);
}
END_TEST

/* RAM written behind the bus's back is seen after cpu_forget_code. */
START_TEST(forget_code_after_direct_writes)
{
    machine_opts_t o = {0};
    machine_t *m = machine_new(&o);
    const uint8_t prog[] = {0x88, 0x01, 0x87, 0x81}; /* SET A, 1; SET PC, 0 */
    char err[64];
    ck_assert_int_eq(machine_load_image(m, prog, sizeof prog, false, 0, err, sizeof err), 0);
    machine_run(m, 10);
    ck_assert_uint_eq(m->cpu.r[REG_A], 1);
    m->bus.ram[0] = 0x01; /* SET A, 2 (0x8c01, little-endian in RAM) */
    m->bus.ram[1] = 0x8c;
    cpu_forget_code(&m->cpu);
    machine_run(m, 10);
    ck_assert_uint_eq(m->cpu.r[REG_A], 2);
    machine_free(m);
}
END_TEST


/* ---- waiting loops: the idle skip (cpu_idle.c) against the plain path */

/* Random words for a waiting program, appended by emit. */
typedef struct prog {
    uint16_t w[256];
    unsigned n;
} prog_t;

static void emit(prog_t *p, uint16_t word)
{
    ck_assert_uint_lt(p->n, 256);
    p->w[p->n++] = word;
}

#define FLAG_ADDR 0x0f00 /* the word the handler sets */
#define LIT(v) (0x21 + (v)) /* a short literal, v in -1..30 */

/* An instruction that writes no memory: an IF on registers, the flag or literals, or a
 * register load (which the first pass after an interrupt may change, the next ones not). */
static void emit_pure(prog_t *p, uint32_t *rng)
{
    static const uint8_t ifs[] = {OP_IFB, OP_IFC, OP_IFE, OP_IFN, OP_IFG, OP_IFA, OP_IFL, OP_IFU};
    unsigned r = pick(rng, 10);
    if (r < 5) {
        unsigned b = pick(rng, 3) == 0 ? OPND_MEM : pick(rng, 8);
        unsigned a = pick(rng, 2) ? LIT(pick(rng, 4)) : pick(rng, 8);
        emit(p, op_encode_basic(ifs[pick(rng, 8)], b, a));
        if (b == OPND_MEM)
            emit(p, FLAG_ADDR);
    } else if (r < 8) {
        unsigned b = pick(rng, 8), a = pick(rng, 4) ? OPND_MEM : pick(rng, 8);
        emit(p, op_encode_basic(pick(rng, 2) ? OP_SET : OP_BOR, b, a));
        if (a == OPND_MEM)
            emit(p, FLAG_ADDR);
    } else {
        emit(p, op_encode_basic(OP_ADD, pick(rng, 8), LIT(0))); /* writes EX = 0 */
    }
}

/* A program that waits on the timer or the display's vblank in a random loop: a wait for
 * the flag, a jump to itself the handler moves on, or a loop that works (no skip). */
static void waiting_program(uint32_t *rng, prog_t *p, uint16_t *head_out)
{
    p->n = 0;
    emit(p, op_encode_special(SOP_IAS, OPND_LIT));
    unsigned handler_fix = p->n;
    emit(p, 0); /* the handler's address, filled in below */
    unsigned dev = pick(rng, 2);
    if (dev == 0) { /* the timer: BASE_HZ, RATE, INTMSG */
        emit(p, op_encode_basic(OP_SET, OPND_MEM, OPND_LIT));
        emit(p, 0xff23);
        emit(p, (uint16_t)(50 + pick(rng, 3000)));
        emit(p, op_encode_basic(OP_SET, OPND_MEM, LIT(1 + pick(rng, 3))));
        emit(p, 0xff20);
        emit(p, op_encode_basic(OP_SET, OPND_MEM, LIT(7)));
        emit(p, 0xff22);
    } else { /* the display's vblank message */
        emit(p, op_encode_basic(OP_SET, OPND_MEM, LIT(9)));
        emit(p, 0xff45);
    }
    if (pick(rng, 6) == 0)
        emit(p, op_encode_special(SOP_IAQ, LIT(1))); /* queueing: interrupts pile up */
    uint16_t head = (uint16_t)p->n;
    unsigned kind = pick(rng, 4);
    uint16_t self_at = 0xffff;
    for (unsigned k = pick(rng, 5); k > 0; k--)
        emit_pure(p, rng);
    if (kind == 3)
        emit(p, op_encode_basic(OP_ADD, REG_X, LIT(1))); /* works: never skipped */
    if (kind == 1) {
        self_at = (uint16_t)p->n; /* SET PC, here or SUB PC, 1 */
        emit(p, pick(rng, 2) ? op_encode_basic(OP_SET, OPND_PC, LIT(self_at))
                            : op_encode_basic(OP_SUB, OPND_PC, LIT(1)));
        ck_assert_uint_lt(self_at, 31);
    } else {
        emit(p, op_encode_basic(OP_IFE, OPND_MEM, LIT(0)));
        emit(p, FLAG_ADDR);
        if (pick(rng, 2))
            emit_pure(p, rng); /* a chain, or an instruction the IF guards */
        emit(p, op_encode_basic(OP_SET, OPND_PC, LIT(head)));
    }
    /* woken: count, clear the flag, wait again */
    uint16_t woken = (uint16_t)p->n;
    emit(p, op_encode_basic(OP_ADD, REG_Y, LIT(1)));
    emit(p, op_encode_basic(OP_SET, OPND_MEM, LIT(0)));
    emit(p, FLAG_ADDR);
    emit(p, op_encode_basic(OP_SET, OPND_PC, OPND_LIT));
    emit(p, head);
    /* the handler: set the flag; move a return to the self-jump on to woken */
    p->w[handler_fix] = (uint16_t)p->n;
    emit(p, op_encode_basic(OP_SET, OPND_MEM, LIT(1)));
    emit(p, FLAG_ADDR);
    emit(p, op_encode_basic(OP_IFE, OPND_PICK, OPND_LIT));
    emit(p, 1);
    emit(p, self_at);
    emit(p, op_encode_basic(OP_SET, OPND_PICK, OPND_LIT));
    emit(p, 1);
    emit(p, woken);
    emit(p, op_encode_special(SOP_RFI, LIT(0)));
    *head_out = head;
}

static machine_t *boot_program(const machine_opts_t *o, const prog_t *p)
{
    machine_t *m = diff_boot(o, p->w, p->n);
    ck_assert_ptr_nonnull(m);
    return m;
}

/* The same waiting program three ways: the fast path with the idle skip, without it, and
 * the plain path; in random slices (so runs stop at every kind of point of a pass), with
 * a random --max-cycles. All three agree after every slice. */
START_TEST(idle_skip_matches_plain_path)
{
    uint32_t seed = 0x85ebca6bu * (uint32_t)(_i + 1), rng = seed;
    prog_t p;
    uint16_t head;
    waiting_program(&rng, &p, &head);
    machine_opts_t o = {.clock_hz = 1000 + pick(&rng, 200000),
                        .max_cycles = pick(&rng, 2) ? 0 : 1 + pick(&rng, 3000000)};
    machine_t *skip = boot_program(&o, &p);
    machine_t *plain = boot_program(&o, &p);
    o.no_idle_skip = true;
    machine_t *every = boot_program(&o, &p);
    diff_force_plain(plain);
    for (unsigned slice = 0; slice < 300; slice++) {
        uint64_t budget = 1 + pick(&rng, slice % 8 == 0 ? 30000 : 100);
        machine_run(skip, budget);
        machine_run(every, budget);
        machine_run(plain, budget);
        bool over = skip->state != MACHINE_RUNNING;
        assert_same(skip, plain, seed, slice, over || slice % 32 == 0);
        assert_same(every, plain, seed, slice, over || slice % 32 == 0);
        if (over)
            break;
    }
    machine_free(skip);
    machine_free(every);
    machine_free(plain);
}
END_TEST

/* The skip really happens: after a run through a flag wait, the fast path knows the guest
 * waits in that loop (it does not with --no-idle-skip). */
START_TEST(idle_skip_finds_the_loop)
{
    prog_t p;
    uint16_t head;
    uint32_t rng = 7;
    do
        waiting_program(&rng, &p, &head);
    while (p.w[head] != op_encode_basic(OP_IFE, OPND_MEM, LIT(0)) ||
           p.w[head + 2] != op_encode_basic(OP_SET, OPND_PC, LIT(head)));
    machine_opts_t o = {0};
    machine_t *m = boot_program(&o, &p);
    machine_run(m, 200000);
    ck_assert_uint_ge(m->cpu.idle_head, head);
    ck_assert_uint_le(m->cpu.idle_head, head + 3); /* IFE [flag], 0 / SET PC, head */
    machine_free(m);
    o.no_idle_skip = true;
    m = boot_program(&o, &p);
    machine_run(m, 200000);
    ck_assert_uint_eq(m->cpu.idle_head, CPU_IDLE_NO_HEAD);
    machine_free(m);
}
END_TEST

/* Seeds of the waiting-program comparison: D16_FUZZ_ITERATIONS for make fuzz. */
static int idle_seeds(void)
{
    const char *env = getenv("D16_FUZZ_ITERATIONS");
    int n = env ? atoi(env) : 0;
    return n > 0 ? n : 150;
}

static Suite *fastpath_suite(void)
{
    Suite *s = suite_create("fastpath");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, fast_path_matches_plain_path, 0, SEEDS);
    tcase_add_test(tc, fast_path_is_used);
    tcase_add_test(tc, forget_code_after_direct_writes);
    tcase_add_loop_test(tc, fast_path_wraps_around, 0, 2);
    tcase_add_loop_test(tc, counted_loops_match_plain_path, 0, 64);
    suite_add_tcase(s, tc);
    tc = tcase_create("idle skip");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, idle_skip_matches_plain_path, 0, idle_seeds());
    tcase_add_test(tc, idle_skip_finds_the_loop);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(fastpath_suite)
