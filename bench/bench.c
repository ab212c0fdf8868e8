/* bench.c — `make bench`: how fast the machine runs a tight counted loop.
 *
 * The image nests two 16-bit counters, 10000 × 10000 = 10^8 iterations of the inner loop
 * `SUB I, 1 / IFN I, 0 / SET PC, inner`, then halts through the system controller. The
 * words are generated here from the opcode table's encoders, so no assembler is needed.
 * Wall-clock time is measured only here, never in a test. */
#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "cpu/opcodes.h"
#include "machine/machine.h"

#define BENCH_COUNT 10000u /* per counter: 10^8 inner iterations */

/* Operand codes (reference §1.3). */
enum { V_I = 0x06, V_J = 0x07, V_PC = 0x1c, V_MEM = 0x1e, V_NEXT = 0x1f, V_LIT0 = 0x21 };

static size_t build_image(uint8_t *out)
{
    uint16_t w[32];
    size_t n = 0;
    w[n++] = op_encode_basic(OP_SET, V_J, V_NEXT); /* SET J, BENCH_COUNT */
    w[n++] = BENCH_COUNT;
    uint16_t outer = (uint16_t)n;
    w[n++] = op_encode_basic(OP_SET, V_I, V_NEXT); /* outer: SET I, BENCH_COUNT */
    w[n++] = BENCH_COUNT;
    uint16_t inner = (uint16_t)n;
    w[n++] = op_encode_basic(OP_SUB, V_I, V_LIT0 + 1); /* inner: SUB I, 1 */
    w[n++] = op_encode_basic(OP_IFN, V_I, V_LIT0);     /* IFN I, 0 */
    w[n++] = op_encode_basic(OP_SET, V_PC, V_LIT0 + inner); /* SET PC, inner */
    w[n++] = op_encode_basic(OP_SUB, V_J, V_LIT0 + 1);
    w[n++] = op_encode_basic(OP_IFN, V_J, V_LIT0);
    w[n++] = op_encode_basic(OP_SET, V_PC, V_LIT0 + outer);
    w[n++] = op_encode_basic(OP_SET, V_MEM, V_LIT0); /* SET [0xFF02], 0: halt, status 0 */
    w[n++] = MACHINE_IO_PAGE + 2;
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = (uint8_t)(w[i] >> 8);
        out[2 * i + 1] = (uint8_t)w[i];
    }
    return 2 * n;
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(void)
{
    uint8_t image[64];
    size_t size = build_image(image);
    machine_opts_t opts = {0};
    machine_t *m = machine_new(&opts);
    char err[256];
    if (!m || machine_load_image(m, image, size, false, 0, err, sizeof err) != 0) {
        fprintf(stderr, "bench: cannot set the machine up\n");
        return 1;
    }
    double start = seconds_now();
    while (m->state == MACHINE_RUNNING)
        machine_run(m, UINT64_MAX);
    double secs = seconds_now() - start;

    uint64_t instr = m->cpu.instructions;
    printf("bench: %u x %u counted loop (SUB/IFN/SET PC), end: %s, status %d\n", BENCH_COUNT,
           BENCH_COUNT, m->state == MACHINE_HALTED ? "halt" : "not a halt",
           machine_exit_status(m));
    printf("  instructions  %" PRIu64 "\n", instr);
    printf("  cycles        %" PRIu64 "\n", m->cpu.cycles);
    printf("  seconds       %.3f\n", secs);
    printf("  M instr/s     %.1f\n", secs > 0 ? (double)instr / secs / 1e6 : 0.0);
    printf("  M cycles/s    %.1f\n", secs > 0 ? (double)m->cpu.cycles / secs / 1e6 : 0.0);
    int ok = m->state == MACHINE_HALTED && machine_exit_status(m) == 0;
    machine_free(m);
    return ok ? 0 : 1;
}
