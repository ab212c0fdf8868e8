/* device.h — the one shape every device has (machine.md §3).
 *
 * A device is a state struct plus a const device_class_t that describes it: its HWQ
 * identity, its I/O-page slot and register handlers, its HWI handler and its schedule.
 * The machine keeps devices in HWI order; both doors (I/O registers and HWI) act on the
 * same state. Devices never see the machine: they talk to it through device_host_t.
 *
 * Time is emulated cycles. next_event says when the device next needs attention
 * (UINT64_MAX = never); the machine runs the CPU up to that cycle and then calls advance
 * with now >= that cycle. A device whose next event moves earlier (a register write) calls
 * host->reschedule so the machine recomputes its run limit after the current instruction. */
#ifndef D16_DEVICE_H
#define D16_DEVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "memory/bus.h"

struct snap_writer;
struct snap_reader;

#define DEVICE_NEVER UINT64_MAX
#define DEVICE_SLOT_WORDS 16

typedef struct device_host {
    void *ctx;
    bus_t *bus;        /* DMA and mapped-RAM reads go through here, like CPU accesses */
    uint32_t clock_hz; /* emulated CPU clock */
    void (*interrupt)(void *ctx, uint16_t msg);
    void (*reschedule)(void *ctx);
    void (*log)(void *ctx, const char *line); /* the machine's log callback */
} device_host_t;

typedef struct device_class {
    const char *name;
    uint32_t id;
    uint16_t version;
    uint32_t manufacturer;
    uint16_t slot;        /* word address of the registers in the I/O page */
    bus_handlers_t regs;  /* reg = word offset from the slot */
    /* HWI with the CPU registers A..J (reg[REG_A] ...); returns extra cycles. */
    unsigned (*hwi)(void *dev, uint16_t reg[8], uint64_t now);
    void (*reset)(void *dev);
    uint64_t (*next_event)(const void *dev);
    void (*advance)(void *dev, uint64_t now);
    /* True while the device could still raise an interrupt (an interrupt message is set,
     * or scripted input is pending): the classic end waits for it. */
    bool (*may_interrupt)(const void *dev);
    /* Snapshots (docs/snapshot.md): the device's own section, named by a four-letter tag.
     * save writes every field that is not fixed by init; load reads them back into a device
     * just initialised, checking each field's range (reader->failed says one was wrong). */
    const char *snap_tag;
    void (*save)(const void *dev, struct snap_writer *w);
    void (*load)(void *dev, struct snap_reader *r);
} device_class_t;

typedef struct device {
    const device_class_t *cls;
    void *state;
} device_t;

/* HWQ identities (machine.md §3). */
#define DEVICE_MFR_D16     0x44313620u /* "D16 " */
#define DEVICE_MFR_NYA     0x1c6c8b36u
#define DEVICE_MFR_MACKAPAR 0x1eb37e91u

#endif
