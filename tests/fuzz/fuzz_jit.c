/* fuzz_jit.c — the translator of hot blocks (issue 19) against the plain path, on programs
 * the input draws: its bytes drive tests/unit/jit_programs.h (hot counted loops, every
 * opcode and operand kind, calls, self-modifying code, the device page, timer interrupts)
 * and then the length of every slice and the --max-cycles. What must hold: after every
 * slice, the machine left to its fastest path (the translator where there is one) and the
 * one held to the plain path (a trace hook) agree on registers, counters, history, queue,
 * state and RAM (tests/unit/diff_rig.h).
 *
 * The target "jit" of the fuzz harness (tests/fuzz/README.md); seeds in corpus/jit/. */
#include "fuzz.h"

#include "../unit/diff_rig.h"
#include "../unit/jit_programs.h"

#define FUZZ_JIT_SLICES     200
#define FUZZ_JIT_MAX_CYCLES 200000u /* every input ends there at the latest */

D16_FUZZ_TARGET(jit)
{
    jit_draw_t d = jit_draw_bytes(data, size);
    static jit_program_t p;
    jit_program_make(&d, &p);
    p.opts.max_cycles = 1 + jit_draw(&d, FUZZ_JIT_MAX_CYCLES);
    machine_t *fast = diff_boot(&p.opts, p.w, p.n);
    machine_t *plain = diff_boot(&p.opts, p.w, p.n);
    FUZZ_CHECK(fast != NULL && plain != NULL);
    diff_force_plain(plain);
    char what[200];
    static const unsigned scales[] = {40, 400, 4000}; /* stop inside blocks, or let them run */
    unsigned scale = scales[jit_draw(&d, 3)];
    for (unsigned slice = 0; slice < FUZZ_JIT_SLICES; slice++) {
        uint64_t budget = 1 + jit_draw(&d, slice % 8 == 0 ? 10 * scale : scale);
        machine_run(fast, budget);
        machine_run(plain, budget);
        bool over = plain->state != MACHINE_RUNNING;
        if (diff_find(fast, plain, over || slice % 16 == 0, what, sizeof what)) {
            fprintf(stderr, "fuzz_jit: slice %u: %s\n", slice, what);
            FUZZ_CHECK(!"the translator and the plain path agree");
        }
        if (over)
            break;
    }
    machine_free(fast);
    machine_free(plain);
    return 0;
}
