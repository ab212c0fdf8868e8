/* snapshot.c — the snapshot container (docs/snapshot.md): a header, then sections for the
 * machine, the CPU, RAM and each device in HWI order, each device writing its own. */
#include "machine/snapshot.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine/snapbuf.h"

/* Header offsets (docs/snapshot.md §2). */
enum {
    HDR_VERSION = 8, HDR_PROFILE = 10, HDR_CLOCK = 12, HDR_CYCLES = 16, HDR_LENGTH = 24,
    HDR_CRC = 28,
};

static uint64_t get_be(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

static void put_be(uint8_t *p, unsigned n, uint64_t v)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
}

/* ---- saving */

/* A device's section tag; a class without one (a plugin's) gets "----" and an empty section:
 * its state is not in the snapshot (docs/snapshot.md §4). */
static const char *tag_of(const device_class_t *cls)
{
    return cls->snap_tag && strlen(cls->snap_tag) == 4 ? cls->snap_tag : "----";
}

/* The devices in HWI order, by tag: a machine with others (a floppy more or less) is
 * another machine. */
static void save_devices(const machine_t *m, snap_writer_t *w)
{
    size_t at = snap_section_begin(w, "DEVS");
    snap_put(w, 8, m->devices);
    for (unsigned i = 0; i < m->devices; i++)
        snap_put_bytes(w, tag_of(m->dev[i].cls), 4);
    snap_section_end(w, at);
}

static void save_machine(const machine_t *m, snap_writer_t *w)
{
    size_t at = snap_section_begin(w, "MACH");
    snap_put(w, 8, m->state);
    snap_put(w, 8, m->halt_requested);
    snap_put(w, 8, (uint8_t)m->exit_status);
    snap_put(w, 8, m->fault);
    snap_put(w, 16, m->fault_pc);
    snap_put(w, 32, m->fault_addr);
    snap_put(w, 8, m->bus.strict);
    snap_put(w, 8, m->bus.fault);
    snap_put(w, 32, m->bus.fault_addr);
    snap_section_end(w, at);
}

static void save_cpu(const dcpu_t *c, snap_writer_t *w)
{
    size_t at = snap_section_begin(w, "CPU ");
    for (unsigned i = 0; i < 8; i++)
        snap_put(w, 16, c->r[i]);
    snap_put(w, 16, c->pc);
    snap_put(w, 16, c->sp);
    snap_put(w, 16, c->ex);
    snap_put(w, 16, c->ia);
    snap_put(w, 8, c->queueing);
    snap_put(w, 64, c->cycles);
    snap_put(w, 64, c->instructions);
    snap_put(w, 8, c->illegal_nop);
    snap_put(w, 8, c->fault);
    snap_put(w, 16, c->fault_pc);
    snap_put(w, 8, c->idle);
    snap_put(w, 16, c->irq_count);
    for (unsigned i = 0; i < c->irq_count; i++)
        snap_put(w, 16, c->irq[(c->irq_head + i) % CPU_IRQ_QUEUE]);
    for (unsigned i = 0; i < CPU_HISTORY; i++)
        snap_put(w, 16, c->history[(c->history_pos + i) % CPU_HISTORY]);
    snap_section_end(w, at);
}

static void save_ram(const bus_t *bus, snap_writer_t *w)
{
    size_t at = snap_section_begin(w, "RAM ");
    snap_put_bytes(w, bus->ram, BUS_BYTES);
    snap_section_end(w, at);
}

int snapshot_save(const machine_t *m, uint8_t **bytes, size_t *size)
{
    return snapshot_save_host(m, NULL, bytes, size);
}

int snapshot_save_host(const machine_t *m, const snapshot_host_t *host, uint8_t **bytes,
                       size_t *size)
{
    snap_writer_t w;
    snap_writer_init(&w);
    uint8_t header[SNAPSHOT_HEADER_SIZE] = {0};
    snap_put_bytes(&w, header, sizeof header);
    save_devices(m, &w);
    save_machine(m, &w);
    save_cpu(&m->cpu, &w);
    save_ram(&m->bus, &w);
    for (unsigned i = 0; i < m->devices; i++) {
        const device_class_t *cls = m->dev[i].cls;
        size_t at = snap_section_begin(&w, tag_of(cls));
        if (cls->save)
            cls->save(m->dev[i].state, &w);
        snap_section_end(&w, at);
    }
    size_t at = snap_section_begin(&w, "HOST");
    if (host && host->save)
        host->save(host->ctx, &w);
    snap_section_end(&w, at);
    if (w.failed) {
        snap_writer_free(&w);
        return -1;
    }
    uint8_t *h = w.buf;
    memcpy(h, SNAPSHOT_MAGIC, SNAPSHOT_MAGIC_SIZE);
    put_be(h + HDR_VERSION, 2, SNAPSHOT_VERSION);
    put_be(h + HDR_PROFILE, 1, m->opts.profile);
    put_be(h + HDR_CLOCK, 4, m->opts.clock_hz);
    put_be(h + HDR_CYCLES, 8, m->cpu.cycles);
    put_be(h + HDR_LENGTH, 4, w.len - SNAPSHOT_HEADER_SIZE);
    put_be(h + HDR_CRC, 4, snap_crc32(h + SNAPSHOT_HEADER_SIZE, w.len - SNAPSHOT_HEADER_SIZE));
    *bytes = w.buf;
    *size = w.len;
    return 0;
}

/* ---- loading */

static snapshot_status_t say(snapshot_status_t st, char *err, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static snapshot_status_t say(snapshot_status_t st, char *err, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
    return st;
}

static const char *profile_name(unsigned p)
{
    const board_profile_t *bp = board_profile((machine_profile_t)p);
    return bp ? bp->name : "unknown";
}

snapshot_status_t snapshot_info(const uint8_t *bytes, size_t size, snapshot_info_t *info,
                                char *err, size_t err_size)
{
    if (size < SNAPSHOT_MAGIC_SIZE || memcmp(bytes, SNAPSHOT_MAGIC, SNAPSHOT_MAGIC_SIZE) != 0)
        return say(SNAPSHOT_NOT_SNAPSHOT, err, err_size,
                   "not a d16 snapshot (it does not start with \"%s\")", SNAPSHOT_MAGIC);
    if (size < SNAPSHOT_HEADER_SIZE)
        return say(SNAPSHOT_TRUNCATED, err, err_size,
                   "truncated: %zu bytes, shorter than the %d-byte header", size,
                   SNAPSHOT_HEADER_SIZE);
    info->version = (unsigned)get_be(bytes + HDR_VERSION, 2);
    if (info->version != SNAPSHOT_VERSION)
        return say(SNAPSHOT_WRONG_VERSION, err, err_size,
                   "snapshot format version %u, but this d16 reads only version %d",
                   info->version, SNAPSHOT_VERSION);
    uint64_t length = get_be(bytes + HDR_LENGTH, 4);
    if (size - SNAPSHOT_HEADER_SIZE < length)
        return say(SNAPSHOT_TRUNCATED, err, err_size,
                   "truncated: the header promises %" PRIu64 " bytes of state, the file has %zu",
                   length, size - SNAPSHOT_HEADER_SIZE);
    if (size - SNAPSHOT_HEADER_SIZE > length)
        return say(SNAPSHOT_CORRUPT, err, err_size,
                   "corrupt: %zu bytes after the %" PRIu64 " the header promises",
                   size - SNAPSHOT_HEADER_SIZE - (size_t)length, length);
    uint32_t crc = (uint32_t)get_be(bytes + HDR_CRC, 4);
    if (snap_crc32(bytes + SNAPSHOT_HEADER_SIZE, (size_t)length) != crc)
        return say(SNAPSHOT_CORRUPT, err, err_size, "corrupt: the checksum does not match");
    unsigned profile = bytes[HDR_PROFILE];
    if (profile >= MACHINE_PROFILE_COUNT)
        return say(SNAPSHOT_CORRUPT, err, err_size, "corrupt: unknown profile %u", profile);
    info->profile = (machine_profile_t)profile;
    info->clock_hz = (uint32_t)get_be(bytes + HDR_CLOCK, 4);
    info->cycles = get_be(bytes + HDR_CYCLES, 8);
    if (info->clock_hz == 0)
        return say(SNAPSHOT_CORRUPT, err, err_size, "corrupt: clock 0 Hz");
    return SNAPSHOT_OK;
}

/* Opens the next section, which must carry tag; r->section names it in messages. The
 * returned reader covers exactly its body. */
static bool open_section(snap_reader_t *file, const char *tag, snap_reader_t *body)
{
    char got[5] = {0};
    snap_get_bytes(file, got, 4, "section tag");
    uint64_t len = snap_get(file, 32, "section length");
    if (file->failed)
        return false;
    if (memcmp(got, tag, 4) != 0) {
        for (int i = 0; i < 4; i++)
            if (got[i] < 0x20 || got[i] > 0x7e)
                got[i] = '?';
        snap_fail(file, "section '%s' where '%s' belongs", got, tag);
        return false;
    }
    if (len > file->size - file->pos) {
        snap_fail(file, "section %s: %" PRIu64 " bytes long, past the end", tag, len);
        return false;
    }
    snap_reader_init(body, file->p + file->pos, (size_t)len);
    memcpy(body->section, tag, 4);
    file->pos += (size_t)len;
    return true;
}

/* Every byte of a section is read by its loader: anything left over is wrong. */
static bool close_section(snap_reader_t *file, snap_reader_t *body)
{
    if (!body->failed && body->pos != body->size)
        snap_fail(body, "%zu bytes left over", body->size - body->pos);
    if (body->failed) {
        snap_fail(file, "%s", body->err);
        return false;
    }
    return true;
}

static void load_machine(machine_t *m, snap_reader_t *r)
{
    machine_state_t state = (machine_state_t)snap_get_range(r, 8, 0, MACHINE_FAULT, "state");
    /* The cycle limit belongs to the run that saved, not to the machine. */
    m->state = state == MACHINE_CYCLE_LIMIT ? MACHINE_RUNNING : state;
    m->halt_requested = snap_get_bool(r, "halt_requested");
    m->exit_status = (int)snap_get(r, 8, "exit_status");
    m->fault = (cpu_fault_t)snap_get_range(r, 8, 0, CPU_FAULT_BUS, "fault");
    m->fault_pc = (uint16_t)snap_get(r, 16, "fault_pc");
    m->fault_addr = (uint32_t)snap_get_range(r, 32, 0, BUS_ADDR_MASK, "fault_addr");
    m->bus.strict = m->opts.strict = snap_get_bool(r, "strict");
    m->bus.fault = snap_get_bool(r, "bus fault");
    m->bus.fault_addr = (uint32_t)snap_get_range(r, 32, 0, BUS_ADDR_MASK, "bus fault_addr");
}

static void load_cpu(dcpu_t *c, snap_reader_t *r)
{
    for (unsigned i = 0; i < 8; i++)
        c->r[i] = (uint16_t)snap_get(r, 16, "register");
    c->pc = (uint16_t)snap_get(r, 16, "pc");
    c->sp = (uint16_t)snap_get(r, 16, "sp");
    c->ex = (uint16_t)snap_get(r, 16, "ex");
    c->ia = (uint16_t)snap_get(r, 16, "ia");
    c->queueing = snap_get_bool(r, "queueing");
    c->cycles = snap_get(r, 64, "cycles");
    c->instructions = snap_get(r, 64, "instructions");
    c->illegal_nop = snap_get_bool(r, "illegal_nop");
    c->fault = (cpu_fault_t)snap_get_range(r, 8, 0, CPU_FAULT_BUS, "cpu fault");
    c->fault_pc = (uint16_t)snap_get(r, 16, "cpu fault_pc");
    c->idle = snap_get_bool(r, "idle");
    c->irq_head = 0;
    c->irq_count = (unsigned)snap_get_range(r, 16, 0, CPU_IRQ_QUEUE, "interrupts queued");
    for (unsigned i = 0; i < c->irq_count; i++)
        c->irq[i] = (uint16_t)snap_get(r, 16, "interrupt");
    c->history_pos = 0;
    for (unsigned i = 0; i < CPU_HISTORY; i++)
        c->history[i] = (uint16_t)snap_get(r, 16, "history");
}

/* Loads every section into m (the HOST one through host, applied when apply); false with
 * the reason in r->err. */
static bool load_sections(machine_t *m, snap_reader_t *r, uint64_t header_cycles,
                          const snapshot_host_t *host, bool apply)
{
    snap_reader_t body;
    if (!open_section(r, "DEVS", &body))
        return false;
    body.pos = body.size; /* checked by same_devices before */
    if (!close_section(r, &body) || !open_section(r, "MACH", &body))
        return false;
    load_machine(m, &body);
    if (!close_section(r, &body) || !open_section(r, "CPU ", &body))
        return false;
    load_cpu(&m->cpu, &body);
    if (!body.failed && m->cpu.cycles != header_cycles)
        snap_fail(&body, "cycles %" PRIu64 " differ from the header's %" PRIu64,
                  m->cpu.cycles, header_cycles);
    if (!close_section(r, &body) || !open_section(r, "RAM ", &body))
        return false;
    snap_get_bytes(&body, m->bus.ram, BUS_BYTES, "ram");
    if (!close_section(r, &body))
        return false;
    for (unsigned i = 0; i < m->devices; i++) {
        const device_class_t *cls = m->dev[i].cls;
        if (!open_section(r, tag_of(cls), &body))
            return false;
        if (cls->load)
            cls->load(m->dev[i].state, &body);
        if (!close_section(r, &body))
            return false;
    }
    if (!open_section(r, "HOST", &body))
        return false;
    if (host && host->load)
        host->load(host->ctx, &body, apply);
    else
        body.pos = body.size;
    if (body.mismatch) {
        snap_fail(r, "%s", body.err);
        r->mismatch = true;
    }
    if (!close_section(r, &body))
        return false;
    if (r->pos != r->size) {
        r->section[0] = 0;
        snap_fail(r, "%zu bytes after the last device's section", r->size - r->pos);
        return false;
    }
    /* RAM changed behind the bus's back; the opts follow what was loaded. */
    cpu_forget_code(&m->cpu);
    m->opts.illegal_nop = m->cpu.illegal_nop;
    return true;
}

static snapshot_status_t load_into(machine_t *m, const snapshot_host_t *host, bool apply,
                                   const uint8_t *bytes, size_t size, uint64_t cycles,
                                   char *err, size_t err_size)
{
    snap_reader_t r;
    snap_reader_init(&r, bytes + SNAPSHOT_HEADER_SIZE, size - SNAPSHOT_HEADER_SIZE);
    if (load_sections(m, &r, cycles, host, apply))
        return SNAPSHOT_OK;
    if (r.mismatch)
        return say(SNAPSHOT_WRONG_PROFILE, err, err_size, "wrong machine: %s", r.err);
    return say(SNAPSHOT_CORRUPT, err, err_size, "corrupt: %s", r.err);
}

/* The DEVS section against m's devices: a different set is a different machine. */
static snapshot_status_t same_devices(const machine_t *m, const uint8_t *bytes, size_t size,
                                      char *err, size_t err_size)
{
    snap_reader_t r, body;
    snap_reader_init(&r, bytes + SNAPSHOT_HEADER_SIZE, size - SNAPSHOT_HEADER_SIZE);
    if (!open_section(&r, "DEVS", &body))
        return say(SNAPSHOT_CORRUPT, err, err_size, "corrupt: %s", r.err);
    unsigned n = (unsigned)snap_get_range(&body, 8, 0, MACHINE_MAX_DEVICES, "devices");
    char theirs[4 * MACHINE_MAX_DEVICES + 1] = "", ours[4 * MACHINE_MAX_DEVICES + 1] = "";
    snap_get_bytes(&body, theirs, 4 * (size_t)n, "device tags");
    if (!body.failed && body.pos != body.size)
        snap_fail(&body, "%zu bytes left over", body.size - body.pos);
    if (body.failed)
        return say(SNAPSHOT_CORRUPT, err, err_size, "corrupt: %s", body.err);
    for (unsigned i = 0; i < m->devices; i++)
        memcpy(ours + 4 * i, tag_of(m->dev[i].cls), 4);
    if (n == m->devices && memcmp(theirs, ours, 4 * (size_t)n) == 0)
        return SNAPSHOT_OK;
    char a[5 * MACHINE_MAX_DEVICES + 1] = "", b[5 * MACHINE_MAX_DEVICES + 1] = "";
    for (unsigned i = 0; i < 4 * n; i++)
        if (theirs[i] < 0x20 || theirs[i] > 0x7e)
            theirs[i] = '?';
    for (unsigned i = 0; i < n; i++)
        snprintf(a + 5 * i, sizeof a - 5 * i, "%.4s ", theirs + 4 * i);
    for (unsigned i = 0; i < m->devices; i++)
        snprintf(b + 5 * i, sizeof b - 5 * i, "%.4s ", ours + 4 * i);
    a[n ? 5 * n - 1 : 0] = b[m->devices ? 5 * m->devices - 1 : 0] = '\0';
    return say(SNAPSHOT_WRONG_PROFILE, err, err_size,
               "wrong profile: the snapshot's machine has the devices %s, this one %s "
               "(a disk is given with --disk)", a, b);
}

snapshot_status_t snapshot_load(machine_t *m, const uint8_t *bytes, size_t size, char *err,
                                size_t err_size)
{
    return snapshot_load_host(m, NULL, bytes, size, err, err_size);
}

snapshot_status_t snapshot_load_host(machine_t *m, const snapshot_host_t *host,
                                     const uint8_t *bytes, size_t size, char *err,
                                     size_t err_size)
{
    snapshot_info_t info;
    snapshot_status_t st = snapshot_info(bytes, size, &info, err, err_size);
    if (st != SNAPSHOT_OK)
        return st;
    if (info.profile != m->opts.profile)
        return say(SNAPSHOT_WRONG_PROFILE, err, err_size,
                   "wrong profile: the snapshot is of a %s machine, this one is %s (--machine %s)",
                   profile_name(info.profile), profile_name(m->opts.profile),
                   profile_name(info.profile));
    if (info.clock_hz != m->opts.clock_hz)
        return say(SNAPSHOT_WRONG_PROFILE, err, err_size,
                   "wrong profile: the snapshot's clock is %" PRIu32 " Hz, this machine's %" PRIu32
                   " Hz (--clock %" PRIu32 ")",
                   info.clock_hz, m->opts.clock_hz, info.clock_hz);

    st = same_devices(m, bytes, size, err, err_size);
    if (st != SNAPSHOT_OK)
        return st;

    /* Everything is checked on a scratch machine built like m; m is touched only after. */
    machine_t *scratch = machine_new(&m->opts);
    if (!scratch)
        return say(SNAPSHOT_NO_MEMORY, err, err_size, "out of memory");
    st = load_into(scratch, host, false, bytes, size, info.cycles, err, err_size);
    machine_free(scratch);
    if (st != SNAPSHOT_OK)
        return st;
    if (load_into(m, host, true, bytes, size, info.cycles, err, err_size) != SNAPSHOT_OK) {
        machine_reset(m); /* only memory can fail here, after the scratch load worked */
        return SNAPSHOT_NO_MEMORY;
    }
    return SNAPSHOT_OK;
}
