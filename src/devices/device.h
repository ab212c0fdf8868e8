/* device.h — the one shape every device has (docs/machine.md §3).
 *
 * A device is a state struct plus a const device_class_t that describes it completely: its
 * name, HWQ identity, register table (name, access, one-line meaning), HWI command names,
 * and its handlers. The machine allocates cls->size bytes of state, calls
 * cls->init(state, host, options) and attaches the device where the board table
 * (src/machine/board.def) says; the debugger, `--help` and fault reports read the names from
 * the class. Both doors (I/O registers and HWI) act on the same state. Devices never see
 * the machine: they talk to it through device_host_t.
 *
 *   const device_class_t timer_class = {
 *       .name = "timer", .title = "Generic Clock-compatible timer", .symbol = "TMR",
 *       .id = 0x12d0b402u, .version = 1, .manufacturer = DEVICE_MFR_NYA,
 *       .size = sizeof(timer_dev_t), .init = timer_init,
 *       DEVICE_REGS(timer_regs), DEVICE_HWI(timer_hwi_names),
 *       .regs = {timer_read, timer_write, timer_peek}, .hwi = timer_hwi, ...
 *   };
 *
 * Time is emulated cycles. next_event says when the device next needs attention
 * (DEVICE_NEVER = never); the machine runs the CPU up to that cycle and then calls advance
 * with now >= that cycle. A device whose next event moves earlier (a register write) calls
 * host->reschedule so the machine recomputes its run limit after the current instruction.
 * To add a field to the class (save/load, ...), add it at the end: every class is written
 * with designated initialisers, so the others get NULL. */
#ifndef D16_DEVICE_H
#define D16_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memory/bus.h"

struct snap_writer;
struct snap_reader;

#define DEVICE_NEVER UINT64_MAX
#define DEVICE_SLOT_WORDS 16

/* What the host's text input says besides a byte 0..255. */
#define DEVICE_TEXT_NONE (-1) /* no byte yet; ask again later */
#define DEVICE_TEXT_EOF  (-2) /* the input has ended */

typedef struct device_host {
    void *ctx;
    bus_t *bus;        /* DMA and mapped-RAM reads go through here, like CPU accesses */
    uint32_t clock_hz; /* emulated CPU clock */
    uint32_t memtop;   /* first word above RAM in this profile */
    void (*interrupt)(void *ctx, uint16_t msg);
    void (*reschedule)(void *ctx);
    void (*log)(void *ctx, const char *line); /* the machine's log callback */
    /* The machine halts with this exit status once the current instruction completed. */
    void (*halt)(void *ctx, int status);
    /* Asks the debugger, if one is attached, to stop before the next instruction. */
    void (*request_break)(void *ctx);
    /* The host's text streams (the console's stdin and stdout); NULL = none. text_in
     * returns 0..255, DEVICE_TEXT_NONE or DEVICE_TEXT_EOF. */
    int (*text_in)(void *ctx);
    void (*text_out)(void *ctx, uint8_t byte);
    /* True when text_in would answer at once; NULL = always. A peek takes input only then,
     * so looking never blocks on a pipe. */
    bool (*text_ready)(void *ctx);
} device_host_t;

/* Options for init: args is "key,key=value,..." (the board row's and the user's, joined;
 * NULL or "" = defaults). Read them with device_arg_flag / device_arg_uint. */
typedef struct device_options {
    const char *args;
    const struct device_class *cls; /* the class being set up (set by the machine) */
} device_options_t;

typedef enum device_access {
    DEVICE_R = 1,
    DEVICE_W = 2,
    DEVICE_RW = DEVICE_R | DEVICE_W,
} device_access_t;

/* One register of the device's slot; its offset is its index in the table. */
typedef struct device_reg {
    const char *name;    /* UPPER_SNAKE, as in docs/machine.md and the .inc files */
    device_access_t access;
    const char *meaning; /* one line */
} device_reg_t;

/* Fills the register and HWI members of a class from static arrays. */
#define DEVICE_REGS(table) .reg = (table), .reg_count = sizeof(table) / sizeof((table)[0])
#define DEVICE_HWI(names) .hwi_name = (names), .hwi_count = sizeof(names) / sizeof((names)[0])

typedef struct device_class {
    const char *name;   /* lower case: "timer" (--help, the debugger, reports) */
    const char *title;  /* one line: "Generic Clock-compatible timer" */
    const char *symbol; /* prefix of the assembler names of its registers: "TMR" */
    uint32_t id;
    uint16_t version;
    uint32_t manufacturer;

    const device_reg_t *reg; /* the registers, by word offset from the slot */
    unsigned reg_count;
    const char *const *hwi_name; /* HWI command names by A; NULL entries = no command */
    unsigned hwi_count;

    size_t size; /* bytes of state the machine allocates (zeroed) */
    /* Sets up the state; 0, or -1 after logging why through host->log. */
    int (*init)(void *dev, const device_host_t *host, const device_options_t *opts);
    void (*free)(void *dev); /* releases what init or use allocated; NULL = nothing */

    bus_handlers_t regs; /* reg = word offset from the slot */
    /* HWI with the CPU registers A..J (reg[REG_A] ...); returns extra cycles. */
    unsigned (*hwi)(void *dev, uint16_t reg[8], uint64_t now);
    void (*reset)(void *dev);
    uint64_t (*next_event)(const void *dev);
    void (*advance)(void *dev, uint64_t now);
    /* True while the device can still raise an interrupt (docs/machine.md §6): its message
     * is set and something can still make it fire. NULL = never interrupts. */
    bool (*may_interrupt)(const void *dev);
    /* Snapshots (docs/snapshot.md): the device's own section, named by a four-letter tag.
     * save writes every field that is not fixed by init; load reads them back into a device
     * just initialised, checking each field's range (reader->failed says one was wrong). */
    const char *snap_tag;
    void (*save)(const void *dev, struct snap_writer *w);
    void (*load)(void *dev, struct snap_reader *r);
} device_class_t;

/* HWQ identities (docs/machine.md §3). */
#define DEVICE_MFR_D16     0x44313620u /* "D16 " */
#define DEVICE_MFR_NYA     0x1c6c8b36u
#define DEVICE_MFR_MACKAPAR 0x1eb37e91u

/* True when args holds key as a word of its own ("premap" in "a,premap,b=1"). */
bool device_arg_flag(const char *args, const char *key);

/* The value of key=VALUE in args (decimal or 0x hex) into *value: 1 when found and valid,
 * 0 when absent (*value untouched), -1 when present but not a number up to max. */
int device_arg_uint(const char *args, const char *key, uint32_t max, uint32_t *value);

/* The text of key=VALUE (up to the next comma) into buf: true when found and it fits. */
bool device_arg_text(const char *args, const char *key, char *buf, size_t size);

#endif
