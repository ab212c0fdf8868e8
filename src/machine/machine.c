/* machine.c — wires CPU, bus and devices into a d16 or dcpu16 computer and runs it in
 * slices that end at the next device event. */
#include "machine/machine.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- what the CPU asks of the machine (cpu_hw_t) */

static uint16_t hw_count(void *ctx)
{
    const machine_t *m = ctx;
    return (uint16_t)m->devices;
}

static bool hw_query(void *ctx, uint16_t index, uint32_t *id, uint16_t *version,
                     uint32_t *manufacturer)
{
    const machine_t *m = ctx;
    if (index >= m->devices)
        return false;
    const device_class_t *cls = m->dev[index].cls;
    *id = cls->id;
    *version = cls->version;
    *manufacturer = cls->manufacturer;
    return true;
}

static unsigned hw_interrupt(void *ctx, uint16_t index, dcpu_t *cpu)
{
    machine_t *m = ctx;
    if (index >= m->devices || !m->dev[index].cls->hwi)
        return 0;
    return m->dev[index].cls->hwi(m->dev[index].state, cpu->r, cpu->cycles);
}

static bool hw_may_interrupt(void *ctx)
{
    const machine_t *m = ctx;
    for (unsigned i = 0; i < m->devices; i++) {
        const device_class_t *cls = m->dev[i].cls;
        if (cls->may_interrupt && cls->may_interrupt(m->dev[i].state))
            return true;
    }
    return false;
}

static void hw_trace(void *ctx, const dcpu_t *cpu)
{
    machine_t *m = ctx;
    m->trace(m->trace_ctx, cpu);
}

/* ---- what devices ask of the machine (device_host_t) */

static void host_interrupt(void *ctx, uint16_t msg)
{
    machine_t *m = ctx;
    cpu_interrupt(&m->cpu, msg);
}

static void host_reschedule(void *ctx)
{
    machine_t *m = ctx;
    cpu_request_stop(&m->cpu);
}

static void host_log(void *ctx, const char *line)
{
    machine_t *m = ctx;
    if (m->opts.log)
        m->opts.log(m->opts.ctx, line);
}

static void sysctl_halted(void *ctx, int status)
{
    machine_t *m = ctx;
    if (m->state == MACHINE_RUNNING) {
        m->state = MACHINE_HALTED;
        m->exit_status = status;
    }
    cpu_request_stop(&m->cpu);
}

static void sysctl_break_requested(void *ctx)
{
    machine_t *m = ctx;
    if (m->opts.on_break)
        m->opts.on_break(m->opts.ctx);
}

/* ---- construction */

uint32_t machine_memtop(const machine_t *m)
{
    return m->opts.profile == MACHINE_PROFILE_D16 ? MACHINE_IO_PAGE : 0x10000u;
}

static void attach(machine_t *m, const device_class_t *cls, void *state)
{
    m->dev[m->devices++] = (device_t){cls, state};
    /* In profile dcpu16 there is no I/O page: devices answer only to HWI. */
    if (m->opts.profile == MACHINE_PROFILE_D16)
        bus_map(&m->bus, (uint32_t)cls->slot << 1, DEVICE_SLOT_WORDS * 2, &cls->regs, state);
}

/* The devices in HWI order (machine.md §3). */
static void attach_devices(machine_t *m)
{
    display_init(&m->display, &m->host, m->opts.premap_screen);
    keyboard_init(&m->keyboard, &m->host, m->opts.kbd_modifiers);
    timer_init(&m->timer, &m->host);
    console_init(&m->console, &m->host, m->opts.console_in, m->opts.console_out, m->opts.ctx);
    sysctl_init(&m->sysctl, &m->host, (uint16_t)machine_memtop(m));
    m->sysctl.halt = sysctl_halted;
    m->sysctl.brk = sysctl_break_requested;
    m->sysctl.ctx = m;

    attach(m, &display_class, &m->display);
    attach(m, &keyboard_class, &m->keyboard);
    attach(m, &timer_class, &m->timer);
    attach(m, &console_class, &m->console);
    attach(m, &sysctl_class, &m->sysctl);
}

machine_t *machine_new(const machine_opts_t *opts)
{
    machine_t *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->opts = *opts;
    if (m->opts.clock_hz == 0)
        m->opts.clock_hz = MACHINE_DEFAULT_HZ;

    bus_init(&m->bus, &m->cpu.cycles);
    m->bus.strict = m->opts.strict;
    cpu_hw_t hw = {
        .ctx = m,
        .count = hw_count,
        .query = hw_query,
        .interrupt = hw_interrupt,
        .may_interrupt = hw_may_interrupt,
    };
    cpu_init(&m->cpu, &m->bus, &hw);
    m->host = (device_host_t){
        .ctx = m,
        .bus = &m->bus,
        .clock_hz = m->opts.clock_hz,
        .interrupt = host_interrupt,
        .reschedule = host_reschedule,
        .log = host_log,
    };
    attach_devices(m);
    machine_reset(m);
    return m;
}

void machine_free(machine_t *m)
{
    if (m) {
        keyboard_free(&m->keyboard);
        console_free(&m->console);
    }
    free(m);
}

void machine_reset(machine_t *m)
{
    bus_clear_ram(&m->bus);
    m->bus.fault = false;
    cpu_reset(&m->cpu);
    m->cpu.illegal_nop = m->opts.illegal_nop;
    m->cpu.sp = m->opts.profile == MACHINE_PROFILE_D16 ? MACHINE_IO_PAGE : 0;
    for (unsigned i = 0; i < m->devices; i++)
        if (m->dev[i].cls->reset)
            m->dev[i].cls->reset(m->dev[i].state);
    m->state = MACHINE_RUNNING;
    m->exit_status = 0;
    m->fault = CPU_FAULT_NONE;
    m->fault_pc = 0;
    m->fault_addr = 0;
}

int machine_load_image(machine_t *m, const uint8_t *bytes, size_t size, bool little_endian,
                       uint16_t load_addr, char *err, size_t err_size)
{
    uint32_t room = machine_memtop(m) > load_addr ? machine_memtop(m) - load_addr : 0;
    if (size == 0) {
        snprintf(err, err_size, "empty image (an image holds at least one 16-bit word)");
        return -1;
    }
    if (size % 2) {
        snprintf(err, err_size, "odd size: %zu bytes is not a whole number of 16-bit words", size);
        return -1;
    }
    if (size / 2 > room) {
        snprintf(err, err_size,
                 "too large: %zu words, but only %" PRIu32 " fit from 0x%04x up to MEMTOP 0x%04" PRIx32,
                 size / 2, room, load_addr, machine_memtop(m));
        return -1;
    }
    for (size_t i = 0; i < size / 2; i++) {
        uint8_t hi = bytes[2 * i + (little_endian ? 1 : 0)];
        uint8_t lo = bytes[2 * i + (little_endian ? 0 : 1)];
        bus_write_word(&m->bus, (uint16_t)(load_addr + i), (uint16_t)(hi << 8 | lo));
    }
    m->cpu.pc = load_addr;
    return 0;
}

/* ---- running */

/* Earliest pending device event, and which device has it (lowest HWI index on ties). */
static uint64_t next_event(const machine_t *m, unsigned *which)
{
    uint64_t best = DEVICE_NEVER;
    for (unsigned i = 0; i < m->devices; i++) {
        const device_class_t *cls = m->dev[i].cls;
        if (!cls->next_event)
            continue;
        uint64_t t = cls->next_event(m->dev[i].state);
        if (t < best) {
            best = t;
            *which = i;
        }
    }
    return best;
}

/* Handles every event due by now, in time order, then HWI order for the same cycle. */
static void service_events(machine_t *m)
{
    unsigned i = 0;
    uint64_t t;
    while ((t = next_event(m, &i)) <= m->cpu.cycles)
        m->dev[i].cls->advance(m->dev[i].state, t);
}

/* Turns what stopped the CPU into the machine's state. */
static void settle(machine_t *m)
{
    if (m->state != MACHINE_RUNNING)
        return;
    if (m->cpu.fault != CPU_FAULT_NONE) {
        m->state = MACHINE_FAULT;
        m->fault = m->cpu.fault;
        m->fault_pc = m->cpu.fault_pc;
        m->fault_addr = m->bus.fault_addr;
    } else if (m->cpu.idle) {
        m->state = MACHINE_CLASSIC_END;
    }
}

static bool cycle_limit_reached(machine_t *m)
{
    if (m->opts.max_cycles && m->cpu.cycles >= m->opts.max_cycles) {
        m->state = MACHINE_CYCLE_LIMIT;
        return true;
    }
    return false;
}

uint64_t machine_run(machine_t *m, uint64_t budget)
{
    uint64_t start = m->cpu.cycles;
    uint64_t target = budget > UINT64_MAX - start ? UINT64_MAX : start + budget;
    if (m->opts.max_cycles && target > m->opts.max_cycles)
        target = m->opts.max_cycles;

    while (m->state == MACHINE_RUNNING) {
        service_events(m);
        settle(m);
        if (m->state != MACHINE_RUNNING || cycle_limit_reached(m) || m->cpu.cycles >= target)
            break;
        unsigned which = 0;
        uint64_t limit = next_event(m, &which);
        cpu_run(&m->cpu, limit < target ? limit : target);
        settle(m);
    }
    return m->cpu.cycles - start;
}

void machine_step(machine_t *m)
{
    service_events(m);
    settle(m);
    if (m->state != MACHINE_RUNNING || cycle_limit_reached(m))
        return;
    cpu_step(&m->cpu);
    settle(m);
    if (m->state == MACHINE_RUNNING)
        service_events(m);
}

void machine_set_trace(machine_t *m, void (*fn)(void *ctx, const dcpu_t *cpu), void *ctx)
{
    m->trace = fn;
    m->trace_ctx = ctx;
    m->cpu.hw.trace = fn ? hw_trace : NULL;
}

int machine_exit_status(const machine_t *m)
{
    switch (m->state) {
    case MACHINE_HALTED: return m->exit_status;
    case MACHINE_CYCLE_LIMIT: return 124;
    case MACHINE_FAULT: return 125;
    default: return 0;
    }
}

const char *machine_fault_name(cpu_fault_t fault)
{
    switch (fault) {
    case CPU_FAULT_ILLEGAL: return "illegal instruction";
    case CPU_FAULT_FIRE: return "interrupt queue on fire (257 pending interrupts)";
    case CPU_FAULT_BUS: return "strict mode: access to an unmapped I/O word";
    default: return "no fault";
    }
}

static const char *halt_reason(const machine_t *m)
{
    switch (m->state) {
    case MACHINE_RUNNING: return "running";
    case MACHINE_HALTED: return "halt";
    case MACHINE_CLASSIC_END: return "classic-end";
    case MACHINE_CYCLE_LIMIT: return "max-cycles";
    case MACHINE_FAULT:
        switch (m->fault) {
        case CPU_FAULT_ILLEGAL: return "illegal-instruction";
        case CPU_FAULT_FIRE: return "on-fire";
        case CPU_FAULT_BUS: return "strict-violation";
        default: return "fault";
        }
    }
    return "running";
}

size_t machine_state_json(const machine_t *m, char *buf, size_t size)
{
    const dcpu_t *c = &m->cpu;
    int n = snprintf(buf, size,
                     "{\"pc\": %u, \"sp\": %u, \"ex\": %u, \"ia\": %u, "
                     "\"a\": %u, \"b\": %u, \"c\": %u, \"x\": %u, \"y\": %u, \"z\": %u, "
                     "\"i\": %u, \"j\": %u, \"cycles\": %" PRIu64 ", "
                     "\"halt_reason\": \"%s\", \"exit_status\": %d}\n",
                     c->pc, c->sp, c->ex, c->ia, c->r[REG_A], c->r[REG_B], c->r[REG_C],
                     c->r[REG_X], c->r[REG_Y], c->r[REG_Z], c->r[REG_I], c->r[REG_J],
                     c->cycles, halt_reason(m), machine_exit_status(m));
    return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

void machine_dump_ram(const machine_t *m, uint8_t *out)
{
    for (uint32_t w = 0; w < 0x10000; w++) {
        uint16_t v = bus_peek_word(&m->bus, (uint16_t)w);
        out[2 * w] = (uint8_t)(v >> 8);
        out[2 * w + 1] = (uint8_t)v;
    }
}
