/* bench.c — `make bench`: how fast the machine runs the benchmark images.
 *
 *   bench/bench [-r N] IMAGE...    each IMAGE (big-endian words, as d16asm writes them) runs
 *                                  from reset until it halts, N times (default 1); the best
 *                                  wall time of the N runs is reported
 *   bench/bench -c CYCLES IMAGE... each IMAGE runs for CYCLES cycles only (or to its halt):
 *                                  for callgrind (bench/hostinsn.sh), which is too slow for
 *                                  whole runs
 *   bench/bench -J [-r N | -c CYCLES] IMAGE...
 *                                  the same with the translator off (d16 --no-jit): the
 *                                  interpreter runs everything, to compare
 *
 * For each image it prints the emulated instructions and cycles, the wall seconds,
 * millions of instructions and cycles per second (by the wall clock), and the CPU seconds
 * the process used (close to the wall seconds on a quiet machine). It fails unless every run halts with
 * status 0 and all N runs agree on the counts. Wall-clock time is measured only here,
 * never in a test. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "machine/machine.h"

#define BENCH_IMAGE_MAX (2u * 0x10000u)

typedef struct bench_result {
    uint64_t instructions, cycles;
    double seconds;     /* wall clock */
    double cpu_seconds; /* this process's CPU time: less disturbed by a busy machine */
    int status; /* exit status; -1 when the run did not end in a halt */
} bench_result_t;

static double seconds_now(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Reads a whole image into buf; returns its size, or 0 after printing why not. */
static size_t read_image(const char *path, uint8_t *buf)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
        return 0;
    }
    size_t n = fread(buf, 1, BENCH_IMAGE_MAX, f);
    fclose(f);
    if (n == 0)
        fprintf(stderr, "bench: %s: empty image\n", path);
    return n;
}

static int run_once(const uint8_t *image, size_t size, uint64_t max_cycles, bool no_jit,
                    bench_result_t *r)
{
    machine_opts_t opts = {.max_cycles = max_cycles, .no_jit = no_jit};
    machine_t *m = machine_new(&opts);
    char err[256];
    if (!m || machine_load_image(m, image, size, false, 0, err, sizeof err) != 0) {
        fprintf(stderr, "bench: cannot set the machine up: %s\n", m ? err : "out of memory");
        machine_free(m);
        return -1;
    }
    double start = seconds_now(CLOCK_MONOTONIC);
    double cpu_start = seconds_now(CLOCK_PROCESS_CPUTIME_ID);
    while (m->state == MACHINE_RUNNING)
        machine_run(m, UINT64_MAX);
    r->seconds = seconds_now(CLOCK_MONOTONIC) - start;
    r->cpu_seconds = seconds_now(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
    r->instructions = m->cpu.instructions;
    r->cycles = m->cpu.cycles;
    r->status = m->state == MACHINE_HALTED || (max_cycles && m->state == MACHINE_CYCLE_LIMIT)
                    ? (m->state == MACHINE_HALTED ? machine_exit_status(m) : 0)
                    : -1;
    machine_free(m);
    return 0;
}

static void print_result(const char *path, const bench_result_t *r)
{
    double s = r->seconds > 0 ? r->seconds : 1e-9;
    double cs = r->cpu_seconds > 0 ? r->cpu_seconds : 1e-9;
    printf("%-20s %12" PRIu64 " %12" PRIu64 " %8.3f %8.1f %8.1f %8.3f %9.1f\n", path,
           r->instructions, r->cycles, r->seconds, (double)r->instructions / s / 1e6,
           (double)r->cycles / s / 1e6, r->cpu_seconds, (double)r->instructions / cs / 1e6);
}

/* Runs one image `repeat` times; returns 0 when every run halted with status 0 alike. */
static int bench_image(const char *path, unsigned repeat, uint64_t max_cycles, bool no_jit)
{
    static uint8_t image[BENCH_IMAGE_MAX];
    size_t size = read_image(path, image);
    if (size == 0)
        return -1;
    bench_result_t best = {0};
    for (unsigned i = 0; i < repeat; i++) {
        bench_result_t r;
        if (run_once(image, size, max_cycles, no_jit, &r) != 0)
            return -1;
        if (r.status != 0) {
            fprintf(stderr, "bench: %s: did not halt with status 0 (status %d)\n", path,
                    r.status);
            return -1;
        }
        if (i > 0 && (r.instructions != best.instructions || r.cycles != best.cycles)) {
            fprintf(stderr, "bench: %s: runs disagree on the counts\n", path);
            return -1;
        }
        if (i == 0 || r.seconds < best.seconds)
            best = r;
    }
    print_result(path, &best);
    return 0;
}

int main(int argc, char **argv)
{
    unsigned repeat = 1;
    uint64_t max_cycles = 0;
    bool no_jit = false;
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "-J") == 0) {
        no_jit = true;
        argv++;
        argc--;
    }
    if (argc > 2 && strcmp(argv[1], "-r") == 0) {
        repeat = (unsigned)strtoul(argv[2], NULL, 10);
        first = 3;
    } else if (argc > 2 && strcmp(argv[1], "-c") == 0) {
        max_cycles = strtoull(argv[2], NULL, 10);
        first = 3;
    }
    if (first >= argc || repeat == 0) {
        fprintf(stderr, "usage: bench [-J] [-r N | -c CYCLES] IMAGE...\n");
        return 2;
    }
    printf("%-20s %12s %12s %8s %8s %8s %8s %9s\n", "image", "instructions", "cycles",
           "wall s", "M inst/s", "M cyc/s", "cpu s", "M inst/cpu s");
    int failed = 0;
    for (int i = first; i < argc; i++)
        failed |= bench_image(argv[i], repeat, max_cycles, no_jit) != 0;
    return failed ? 1 : 0;
}
