/* d16/device.h — the public interface of a d16 device plugin (docs/plugins.md).
 *
 * A plugin is a shared object that d16 loads with `d16 --device PATH.so[,ARGS]`. It exports
 * one function, d16_device_plugin, returning its class: what the device is (HWQ identity,
 * registers, HWI commands) and what it does (handlers). d16 gives it the next HWI number
 * and the next free 16-word slot of the I/O page from 0xFF60 up, allocates `size` bytes of
 * zeroed state and calls init with the host it lives in and the ARGS text.
 *
 *   #include <d16/device.h>
 *   static const d16_device_class_t rng = {
 *       .api_version = D16_DEVICE_API_VERSION,
 *       .name = "rng", .title = "random numbers", .symbol = "RNG",
 *       .id = 0x52a90001, .version = 1, .manufacturer = 0x52a90000,
 *       .size = sizeof(struct rng), .init = rng_init, .read = rng_read, ...
 *   };
 *   D16_DEVICE_EXPORT const d16_device_class_t *d16_device_plugin(void) { return &rng; }
 *
 *   cc -shared -fPIC $(pkg-config --cflags d16) rng.c -o rng.so
 *
 * Time is emulated cycles, never the wall clock: `now` is the cycle at which the accessing
 * instruction began. A device that needs attention at a future cycle says when in
 * next_event (D16_NEVER = never); d16 calls advance once the cycle counter reaches it. A
 * register write that moves the next event earlier calls host->reschedule. Memory goes
 * through the host's read_word/write_word (DMA, as CPU accesses would) and peek_word (no
 * side effects). Every handler may be NULL: a NULL read/peek reads 0, a NULL write or hwi
 * does nothing.
 *
 * Versioning: d16 refuses a class whose api_version differs from its own
 * D16_DEVICE_API_VERSION. A change that breaks existing plugins raises the version. */
#ifndef D16_PUBLIC_DEVICE_H
#define D16_PUBLIC_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define D16_DEVICE_API_VERSION 1
#define D16_DEVICE_ENTRY "d16_device_plugin" /* the symbol d16 looks up */
#define D16_NEVER UINT64_MAX
#define D16_SLOT_WORDS 16 /* registers per device: offsets 0..15 */

#if defined(__GNUC__)
#define D16_DEVICE_EXPORT __attribute__((visibility("default")))
#else
#define D16_DEVICE_EXPORT
#endif

/* What d16 offers a device. ctx is d16's; pass it back to every call. */
typedef struct d16_host {
    void *ctx;
    uint32_t clock_hz; /* the emulated CPU clock */
    void (*interrupt)(void *ctx, uint16_t msg);  /* queue an interrupt with this message */
    void (*reschedule)(void *ctx);               /* next_event moved earlier */
    uint16_t (*read_word)(void *ctx, uint16_t addr);
    void (*write_word)(void *ctx, uint16_t addr, uint16_t value);
    uint16_t (*peek_word)(void *ctx, uint16_t addr); /* no side effects */
    void (*log)(void *ctx, const char *line);        /* one line to d16's debug log */
    uint64_t (*cycles)(void *ctx);                   /* the cycle counter now */
} d16_host_t;

enum d16_access { D16_R = 1, D16_W = 2, D16_RW = 3 };

/* One register; its offset is its index in the class's table. */
typedef struct d16_reg {
    const char *name; /* UPPER_SNAKE */
    int access;       /* enum d16_access */
    const char *meaning;
} d16_reg_t;

typedef struct d16_device_class {
    uint32_t api_version; /* D16_DEVICE_API_VERSION */
    const char *name;     /* lower case, shown by --list-devices and the debugger */
    const char *title;    /* one line */
    const char *symbol;   /* prefix of the assembler names of its registers */
    uint32_t id;          /* HWQ: B:A */
    uint16_t version;     /* HWQ: C */
    uint32_t manufacturer; /* HWQ: Y:X */

    const d16_reg_t *reg; /* at most D16_SLOT_WORDS */
    unsigned reg_count;
    const char *const *hwi_name; /* HWI command names by A */
    unsigned hwi_count;

    size_t size; /* bytes of state, zeroed before init */
    /* 0, or -1 after host->log said why (bad ARGS, ...): d16 then exits with status 2. */
    int (*init)(void *dev, const d16_host_t *host, const char *args);
    void (*free)(void *dev);

    uint16_t (*read)(void *dev, unsigned reg, uint64_t now);
    void (*write)(void *dev, unsigned reg, uint16_t value, uint64_t now);
    uint16_t (*peek)(const void *dev, unsigned reg);
    /* HWI with the CPU registers A, B, C, X, Y, Z, I, J; returns extra cycles. */
    unsigned (*hwi)(void *dev, uint16_t reg[8], uint64_t now);
    void (*reset)(void *dev); /* power-on state (d16's reset, the window's F5) */
    uint64_t (*next_event)(const void *dev);
    void (*advance)(void *dev, uint64_t now);
    /* Non-zero while the device can still raise an interrupt (a waiting program's run
     * ends only when no device can: docs/machine.md §6). NULL = never interrupts. */
    int (*may_interrupt)(const void *dev);
} d16_device_class_t;

/* What a plugin exports under D16_DEVICE_ENTRY. */
typedef const d16_device_class_t *(*d16_device_entry_t)(void);

#ifdef __cplusplus
}
#endif

#endif
