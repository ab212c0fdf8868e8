/* machine.h — a whole d16 computer: CPU, bus and devices wired together (docs/machine.md),
 * as the board table (src/machine/board.def) describes it.
 *
 *   machine_opts_t o = {0};               zeroed options give the d16 profile at 100 kHz
 *   machine_t *m = machine_new(&o);        NULL only when out of memory
 *   machine_load_image(m, bytes, n, ...);  raw words, big-endian unless told otherwise
 *   while (m->state == MACHINE_RUNNING)
 *       machine_run(m, budget);            runs up to budget cycles, then returns
 *   status = machine_exit_status(m);       docs/machine.md §6
 *   machine_free(m);
 *
 * machine_run runs the CPU in slices that end at the next device event, so devices are
 * never polled per instruction. When a run ends is decided in one place, machine_run_end
 * (docs/machine.md §6). Everything the machine has to say goes through the log callback;
 * console bytes go through console_out. A front end reaches a device's own API through
 * machine_device(m, &keyboard_class). */
#ifndef D16_MACHINE_H
#define D16_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "devices/console.h"
#include "devices/device.h"
#include "devices/display.h"
#include "devices/keyboard.h"
#include "devices/sysctl.h"
#include "devices/timer.h"
#include "machine/board.h"
#include "memory/bus.h"

#define MACHINE_DEFAULT_HZ 100000u
#define MACHINE_MAX_DEVICES 16
#define MACHINE_IO_PAGE 0xff00u /* first word of the I/O page in profile d16 */

typedef enum machine_state {
    MACHINE_RUNNING = 0,
    MACHINE_HALTED,      /* the guest halted through the system controller */
    MACHINE_CLASSIC_END, /* a self-jump while nothing can interrupt */
    MACHINE_CYCLE_LIMIT, /* max_cycles reached */
    MACHINE_FAULT,       /* see fault and fault_pc */
} machine_state_t;

typedef struct machine_device_args {
    const char *device; /* a class name: "display" */
    const char *args;   /* "key,key=value" */
} machine_device_args_t;

/* A device that is not on the board (a plugin): it gets the next HWI number and, with an
 * I/O page, the next free slot from MACHINE_EXTRA_SLOT up. */
typedef struct machine_extra_device {
    const device_class_t *cls;
    const char *args;
} machine_extra_device_t;

#define MACHINE_EXTRA_SLOT 0xff60u

typedef struct machine_opts {
    machine_profile_t profile;
    uint32_t clock_hz;   /* 0 = 100 kHz */
    uint64_t max_cycles; /* 0 = no limit */
    bool illegal_nop;    /* --illegal=nop */
    bool strict;         /* --strict: unmapped I/O accesses are faults */
    bool premap_screen;  /* --premap-screen: video RAM at 0x8000 from reset */
    bool kbd_modifiers;  /* --kbd-modifiers: Shift/Control enter the keyboard buffer */
    bool no_idle_skip;   /* --no-idle-skip: run every pass of a waiting loop (cpu.h) */
    bool no_jit;         /* --no-jit: never translate guest code to host code (cpu.h) */
    /* Options for devices by class name, joined to their board row's; a row attached only
     * when asked (BOARD_ASKED) is attached when named here. */
    const struct machine_device_args *device_args;
    unsigned device_arg_count;
    const machine_extra_device_t *extra_devices; /* attached after the board's, in order */
    unsigned extra_device_count;

    void (*log)(void *ctx, const char *line);      /* NULL = silent */
    void (*console_out)(void *ctx, uint8_t byte);  /* NULL = output discarded */
    console_source_t console_in;                   /* zeroed = no input, never closes */
    void (*on_break)(void *ctx);                   /* BREAK with a debugger; NULL = ignored */
    void *ctx;                                     /* passed to the callbacks above */
} machine_opts_t;

/* An attached device: its class, its state (cls->size bytes, owned by the machine) and
 * where its registers are (0 = HWI only). */
typedef struct machine_device {
    const device_class_t *cls;
    void *state;
    uint16_t slot;
} machine_device_t;

/* The moments at which machine_run_end is asked. */
typedef enum machine_moment {
    MACHINE_AFTER_SELF_JUMP, /* the CPU, right after a jump to itself that changed nothing */
    MACHINE_AFTER_STEPS,     /* the CPU stopped (a halt, a fault, the classic end, a limit) */
    MACHINE_AT_BOUNDARY,     /* an instruction boundary, with the events due there handled */
} machine_moment_t;

typedef struct machine {
    machine_opts_t opts;
    machine_state_t state;
    int exit_status;   /* the guest's status when HALTED */
    cpu_fault_t fault; /* when FAULT */
    uint16_t fault_pc;
    uint32_t fault_addr; /* byte address of a strict-mode violation */

    bool halt_requested; /* the guest halted; machine_run_end makes it the state */

    dcpu_t cpu;
    bus_t bus;
    device_host_t host;
    machine_device_t dev[MACHINE_MAX_DEVICES]; /* HWI order */
    unsigned devices;

    char *build_err; /* while machine_create runs: where a device's complaint goes */
    size_t build_err_size;

    void (*trace)(void *ctx, const dcpu_t *cpu); /* see machine_set_trace */
    void *trace_ctx;
} machine_t;

/* NULL when out of memory, the profile is unknown or a device refused its options. */
machine_t *machine_new(const machine_opts_t *opts);

/* machine_new, saying why in err (one line, no newline) when it returns NULL. */
machine_t *machine_create(const machine_opts_t *opts, char *err, size_t err_size);
void machine_free(machine_t *m);

/* The state of the first attached device of that class; NULL when there is none. */
void *machine_device(const machine_t *m, const device_class_t *cls);

/* The one rule for the end of a run (docs/machine.md §6): what the machine's state becomes
 * at this moment — MACHINE_RUNNING, or why the run ends. The CPU asks it after a jump to
 * itself, the run loop after every CPU slice and at every boundary; the front ends read the
 * answer in m->state. */
machine_state_t machine_run_end(const machine_t *m, machine_moment_t at);

/* True while some device can still raise an interrupt (docs/machine.md §6). */
bool machine_devices_may_interrupt(const machine_t *m);

/* This profile's row of the board table (memtop, I/O page, SP). */
const board_profile_t *machine_profile(const machine_t *m);

/* Power-on state: registers, devices and RAM cleared (the image is not reloaded). */
void machine_reset(machine_t *m);

/* Loads raw 16-bit words at word address load_addr and points PC there. Refuses an empty
 * or odd-sized buffer, or one that does not fit below MEMTOP: returns -1 with a message
 * (no file name; the caller adds it) in err. */
int machine_load_image(machine_t *m, const uint8_t *bytes, size_t size, bool little_endian,
                       uint16_t load_addr, char *err, size_t err_size);

/* Runs up to budget cycles (less at a halt, fault, classic end or the cycle limit).
 * Returns the cycles run. */
uint64_t machine_run(machine_t *m, uint64_t budget);

/* One CPU step plus the device events it makes due (debugger, tests). */
void machine_step(machine_t *m);

/* Calls fn before every instruction executes (after any interrupt entry); NULL = off. */
void machine_set_trace(machine_t *m, void (*fn)(void *ctx, const dcpu_t *cpu), void *ctx);

/* The process exit status docs/machine.md §6 gives for the current state. */
int machine_exit_status(const machine_t *m);

/* First word above RAM: 0xFF00 for d16, 0x10000 for dcpu16 (board.def). */
uint32_t machine_memtop(const machine_t *m);

const char *machine_fault_name(cpu_fault_t fault);

/* Writes the --dump-state JSON object (docs/machine.md §5) into buf; returns its length. */
size_t machine_state_json(const machine_t *m, char *buf, size_t size);

/* The 128 KiB --dump-ram image: every word through peek, big-endian. out has BUS_BYTES. */
void machine_dump_ram(const machine_t *m, uint8_t *out);

#endif
