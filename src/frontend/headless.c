/* headless.c — the run loop without a window. */
#include "frontend/headless.h"

#include <poll.h>
#include <time.h>

#include "cpu/opcodes.h"

/* True when the instruction at PC jumps to itself (SUB PC, 1 / ADD PC, -1 / SET PC, here):
 * a guest spinning there is waiting for an interrupt. */
static bool guest_waits(const machine_t *m)
{
    const bus_t *bus = &m->bus;
    uint16_t pc = m->cpu.pc;
    uint16_t word = bus_peek_word(bus, pc);
    if (word == op_encode_basic(OP_SUB, OPND_PC, OPND_SHORT_LIT + 2) ||
        word == op_encode_basic(OP_ADD, OPND_PC, OPND_SHORT_LIT))
        return true;
    if (word == op_encode_basic(OP_SET, OPND_PC, OPND_LIT))
        return bus_peek_word(bus, (uint16_t)(pc + 1)) == pc;
    return pc <= 30 && word == op_encode_basic(OP_SET, OPND_PC, OPND_SHORT_LIT + 1u + pc);
}

/* Sleeps up to ms milliseconds, less when the terminal has input. */
static void wait_for_terminal(int fd, int ms)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    (void)poll(&p, 1, ms);
}

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* Wall time, in ns, that cycles take at hz (without overflowing for long runs). */
static uint64_t cycles_ns(uint64_t cycles, uint64_t hz)
{
    return cycles / hz * 1000000000u + cycles % hz * 1000000000u / hz;
}

/* Sleeps ns (less when the terminal has input); SIGINT ends the sleep early. */
static void wait_ns(const session_t *s, uint64_t ns)
{
    if (s->input.interactive) {
        wait_for_terminal(s->input.fd, (int)((ns + 999999) / 1000000));
    } else {
        struct timespec t = {(time_t)(ns / 1000000000u), (long)(ns % 1000000000u)};
        nanosleep(&t, NULL);
    }
}

/* --realtime: slices of HEADLESS_IDLE_MS of the clock, each followed by a sleep until the
 * wall clock catches up, so a timer program keeps real time. A host that falls behind by
 * more than HEADLESS_LATE_MS starts pacing afresh instead of racing to catch up. */
static void run_paced(session_t *s)
{
    uint64_t hz = s->m->opts.clock_hz ? s->m->opts.clock_hz : MACHINE_DEFAULT_HZ;
    uint64_t slice = hz / (1000 / HEADLESS_IDLE_MS);
    if (slice == 0)
        slice = 1;
    uint64_t start = now_ns(), first = s->m->cpu.cycles;
    while (session_running(s)) {
        machine_run(s->m, slice);
        session_between_slices(s);
        uint64_t due = start + cycles_ns(s->m->cpu.cycles - first, hz), now = now_ns();
        if (due > now && session_running(s)) {
            wait_ns(s, due - now);
        } else if (now - due > HEADLESS_LATE_MS * 1000000u) {
            start = now;
            first = s->m->cpu.cycles;
        }
    }
}

void frontend_run_headless(session_t *s)
{
    if (s->opt.realtime) {
        run_paced(s);
        return;
    }
    /* At a terminal a waiting guest runs at its clock, so it costs no host CPU while the
     * user thinks; a guest that computes, and every run fed by files or pipes, runs flat
     * out. Emulated time, and so the run's result, is the same either way. */
    bool at_terminal = s->input.interactive;
    uint64_t idle_slice = s->m->opts.clock_hz / (1000 / HEADLESS_IDLE_MS);
    if (idle_slice == 0)
        idle_slice = 1;
    uint64_t slice = HEADLESS_SLICE_CYCLES;
    while (session_running(s)) {
        machine_run(s->m, session_budget(s, slice));
        session_between_slices(s);
        slice = HEADLESS_SLICE_CYCLES;
        if (at_terminal && session_running(s) && guest_waits(s->m)) {
            wait_for_terminal(s->input.fd, HEADLESS_IDLE_MS);
            slice = idle_slice;
        }
    }
}
