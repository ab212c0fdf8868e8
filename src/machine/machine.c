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

/* After a jump to itself: does the run end here (the classic end)? */
static bool hw_self_jump_ends(void *ctx)
{
    const machine_t *m = ctx;
    return machine_run_end(m, MACHINE_AFTER_SELF_JUMP) == MACHINE_CLASSIC_END;
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
    if (m->build_err) /* a device refusing to be built says why in machine_create's err */
        snprintf(m->build_err, m->build_err_size, "%s", line);
    else if (m->opts.log)
        m->opts.log(m->opts.ctx, line);
}

static void host_halt(void *ctx, int status)
{
    machine_t *m = ctx;
    if (!m->halt_requested) {
        m->halt_requested = true;
        m->exit_status = status;
    }
    cpu_request_stop(&m->cpu);
}

static void host_request_break(void *ctx)
{
    machine_t *m = ctx;
    if (m->opts.on_break)
        m->opts.on_break(m->opts.ctx);
}

static int host_text_in(void *ctx)
{
    machine_t *m = ctx;
    return m->opts.console_in.next(m->opts.console_in.ctx);
}

static bool host_text_ready(void *ctx)
{
    machine_t *m = ctx;
    return !m->opts.console_in.ready || m->opts.console_in.ready(m->opts.console_in.ctx);
}

static void host_text_out(void *ctx, uint8_t byte)
{
    machine_t *m = ctx;
    m->opts.console_out(m->opts.ctx, byte);
}

/* ---- construction */

static void reset_state(machine_t *m);

const board_profile_t *machine_profile(const machine_t *m)
{
    return board_profile(m->opts.profile);
}

uint32_t machine_memtop(const machine_t *m)
{
    return machine_profile(m)->memtop;
}

void *machine_device(const machine_t *m, const device_class_t *cls)
{
    for (unsigned i = 0; i < m->devices; i++)
        if (m->dev[i].cls == cls)
            return m->dev[i].state;
    return NULL;
}

/* The --premap-screen and --kbd-modifiers switches, as device options. */
static const char *switch_args(const machine_t *m, const device_class_t *cls)
{
    if (cls == &display_class && m->opts.premap_screen)
        return "premap";
    if (cls == &keyboard_class && m->opts.kbd_modifiers)
        return "modifiers";
    return NULL;
}

/* Joins the board row's options, the switches' and machine_opts' for this class into buf;
 * returns whether the options named the class (for BOARD_ASKED rows). */
static bool device_args(const machine_t *m, const board_row_t *row, char *buf, size_t size)
{
    bool asked = false;
    size_t used = (size_t)snprintf(buf, size, "%s", row->args ? row->args : "");
    const char *sw = switch_args(m, row->cls);
    if (sw && used < size)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? "," : "", sw);
    for (unsigned i = 0; i < m->opts.device_arg_count; i++) {
        const machine_device_args_t *a = &m->opts.device_args[i];
        if (strcmp(a->device, row->cls->name) != 0)
            continue;
        asked = true;
        if (a->args && *a->args && used < size)
            used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? "," : "", a->args);
    }
    return asked;
}

/* One device: its state, its init, its slot. -1 when out of memory or init refused. */
static int attach(machine_t *m, const device_class_t *cls, uint16_t slot, const char *args)
{
    if (m->devices == MACHINE_MAX_DEVICES) {
        snprintf(m->build_err, m->build_err_size, "%s: more than %d devices", cls->name,
                 MACHINE_MAX_DEVICES);
        return -1;
    }
    void *state = calloc(1, cls->size ? cls->size : 1);
    if (!state) {
        snprintf(m->build_err, m->build_err_size, "out of memory");
        return -1;
    }
    machine_device_t *d = &m->dev[m->devices++];
    *d = (machine_device_t){cls, state, 0};
    device_options_t opts = {.args = args, .cls = cls};
    if (cls->init && cls->init(state, &m->host, &opts) != 0) {
        char why[160];
        snprintf(why, sizeof why, "%s", *m->build_err ? m->build_err : "refused its options");
        snprintf(m->build_err, m->build_err_size, "device %s: %s", cls->name, why);
        return -1;
    }
    /* Without an I/O page devices answer only to HWI. Only the registers are mapped: the
     * rest of the slot is unused, so --strict faults there for the CPU and DMA alike
     * (docs/machine.md §2). */
    if (machine_profile(m)->io_page) {
        if (cls->reg_count &&
            bus_map(&m->bus, (uint32_t)slot << 1, (uint32_t)cls->reg_count * 2, &cls->regs,
                    state)) {
            snprintf(m->build_err, m->build_err_size, "device %s: slot 0x%04x is taken",
                     cls->name, slot);
            return -1;
        }
        d->slot = slot;
    }
    return 0;
}

static bool slot_taken(const machine_t *m, uint16_t slot)
{
    for (unsigned i = 0; i < m->devices; i++)
        if (m->dev[i].slot == slot)
            return true;
    return false;
}

/* The first free slot from MACHINE_EXTRA_SLOT up; 0 when the I/O page is full. */
static uint16_t free_slot(const machine_t *m)
{
    for (uint32_t s = MACHINE_EXTRA_SLOT; s < 0x10000u; s += DEVICE_SLOT_WORDS)
        if (!slot_taken(m, (uint16_t)s))
            return (uint16_t)s;
    return 0;
}

static int attach_extra_devices(machine_t *m)
{
    bool io_page = machine_profile(m)->io_page;
    for (unsigned i = 0; i < m->opts.extra_device_count; i++) {
        const machine_extra_device_t *x = &m->opts.extra_devices[i];
        uint16_t slot = io_page ? free_slot(m) : 0;
        if (io_page && !slot) {
            snprintf(m->build_err, m->build_err_size, "device %s: no free I/O slot left",
                     x->cls->name);
            return -1;
        }
        if (attach(m, x->cls, slot, x->args))
            return -1;
    }
    return 0;
}

/* The devices of the profile, in HWI order, from the board table; then the extra ones. */
static int attach_devices(machine_t *m)
{
    for (size_t i = 0; i < board_row_count; i++) {
        const board_row_t *row = &board_rows[i];
        if (row->profile != m->opts.profile)
            continue;
        char args[512];
        bool asked = device_args(m, row, args, sizeof args);
        if (row->when == BOARD_ASKED && !asked)
            continue;
        if (attach(m, row->cls, row->slot, args))
            return -1;
    }
    return attach_extra_devices(m);
}

machine_t *machine_new(const machine_opts_t *opts)
{
    char err[256];
    return machine_create(opts, err, sizeof err);
}

machine_t *machine_create(const machine_opts_t *opts, char *err, size_t err_size)
{
    snprintf(err, err_size, "out of memory");
    machine_t *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->opts = *opts;
    if (m->opts.clock_hz == 0)
        m->opts.clock_hz = MACHINE_DEFAULT_HZ;
    if (!board_profile(m->opts.profile)) {
        snprintf(err, err_size, "no such machine profile");
        free(m);
        return NULL;
    }

    bus_init(&m->bus, &m->cpu.cycles);
    m->bus.strict = m->opts.strict;
    cpu_hw_t hw = {
        .ctx = m,
        .count = hw_count,
        .query = hw_query,
        .interrupt = hw_interrupt,
        .self_jump_ends = hw_self_jump_ends,
    };
    cpu_init(&m->cpu, &m->bus, &hw);
    m->cpu.no_idle_skip = m->opts.no_idle_skip; /* kept by cpu_reset */
    m->cpu.no_jit = m->opts.no_jit;
    m->host = (device_host_t){
        .ctx = m,
        .bus = &m->bus,
        .clock_hz = m->opts.clock_hz,
        .memtop = machine_memtop(m),
        .interrupt = host_interrupt,
        .reschedule = host_reschedule,
        .log = host_log,
        .halt = host_halt,
        .request_break = host_request_break,
        .text_in = m->opts.console_in.next ? host_text_in : NULL,
        .text_ready = m->opts.console_in.next ? host_text_ready : NULL,
        .text_out = m->opts.console_out ? host_text_out : NULL,
    };
    err[0] = '\0';
    m->build_err = err;
    m->build_err_size = err_size;
    int rc = attach_devices(m);
    m->build_err = NULL;
    if (rc) {
        machine_free(m);
        return NULL;
    }
    reset_state(m); /* RAM is already clear (bus_init): once is enough at start-up */
    return m;
}

void machine_free(machine_t *m)
{
    if (!m)
        return;
    for (unsigned i = 0; i < m->devices; i++) {
        if (m->dev[i].cls->free)
            m->dev[i].cls->free(m->dev[i].state);
        free(m->dev[i].state);
    }
    cpu_free(&m->cpu);
    free(m);
}

/* Everything machine_reset resets but RAM. */
static void reset_state(machine_t *m)
{
    m->bus.fault = false;
    cpu_reset(&m->cpu);
    m->cpu.illegal_nop = m->opts.illegal_nop;
    m->cpu.sp = machine_profile(m)->sp;
    for (unsigned i = 0; i < m->devices; i++)
        if (m->dev[i].cls->reset)
            m->dev[i].cls->reset(m->dev[i].state);
    m->state = MACHINE_RUNNING;
    m->halt_requested = false;
    m->exit_status = 0;
    m->fault = CPU_FAULT_NONE;
    m->fault_pc = 0;
    m->fault_addr = 0;
}

void machine_reset(machine_t *m)
{
    bus_clear_ram(&m->bus);
    reset_state(m);
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

/* Asks the rule whether the run ends at this moment, and records why. */
static void settle(machine_t *m, machine_moment_t at)
{
    if (m->state != MACHINE_RUNNING)
        return;
    m->state = machine_run_end(m, at);
    if (m->state == MACHINE_FAULT) {
        m->fault = m->cpu.fault;
        m->fault_pc = m->cpu.fault_pc;
        m->fault_addr = m->bus.fault_addr;
    }
}

uint64_t machine_run(machine_t *m, uint64_t budget)
{
    uint64_t start = m->cpu.cycles;
    uint64_t target = budget > UINT64_MAX - start ? UINT64_MAX : start + budget;
    if (m->opts.max_cycles && target > m->opts.max_cycles)
        target = m->opts.max_cycles;

    while (m->state == MACHINE_RUNNING) {
        service_events(m);
        settle(m, MACHINE_AT_BOUNDARY);
        if (m->state != MACHINE_RUNNING || m->cpu.cycles >= target)
            break;
        unsigned which = 0;
        uint64_t limit = next_event(m, &which);
        cpu_run(&m->cpu, limit < target ? limit : target);
        settle(m, MACHINE_AFTER_STEPS);
    }
    return m->cpu.cycles - start;
}

void machine_step(machine_t *m)
{
    service_events(m);
    settle(m, MACHINE_AT_BOUNDARY);
    if (m->state != MACHINE_RUNNING)
        return;
    cpu_step(&m->cpu);
    settle(m, MACHINE_AFTER_STEPS);
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
