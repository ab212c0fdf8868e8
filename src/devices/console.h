/* console.h — the serial text console (docs/machine.md §3.2); HWI number and slot:
 * src/machine/board.def.
 *   0 STATUS  R: bit0 an input byte is ready, bit1 output ready (always), bit2 input closed
 *   1 DATA    R: next input byte (0x00XX) or 0xFFFF when none; W: output the low 8 bits
 *   2 INTMSG  R/W: non-zero → an interrupt with this message when input becomes ready
 * HWI: A=0 output B; A=1 C = next input byte or 0xFFFF; A=2 INTMSG = B; A=3 C = STATUS.
 *
 * Input is pulled from the host's text_in (the machine's console_source_t) one byte ahead:
 * a blocking source (a file or a pipe) makes a run reproducible, as if all its bytes were
 * there from cycle 0. A source that can say "nothing yet" (a terminal) is polled by the
 * front end with console_poll, which raises the "byte ready" interrupt when a byte
 * arrives. Output goes to the host's text_out. Scheduled input replaces
 * text_in with bytes that arrive at given cycles, as a device event: that is what makes a
 * recorded session replay exactly. */
#ifndef D16_CONSOLE_H
#define D16_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/device.h"


enum console_reg { CONSOLE_REG_STATUS, CONSOLE_REG_DATA, CONSOLE_REG_INTMSG };

enum console_status {
    CONSOLE_IN_READY  = 1 << 0,
    CONSOLE_OUT_READY = 1 << 1,
    CONSOLE_IN_CLOSED = 1 << 2,
};

#define CONSOLE_SOURCE_NONE DEVICE_TEXT_NONE /* no byte yet; ask again later */
#define CONSOLE_SOURCE_EOF  DEVICE_TEXT_EOF  /* the input has ended */

typedef struct console_source {
    int (*next)(void *ctx); /* 0..255, CONSOLE_SOURCE_NONE or CONSOLE_SOURCE_EOF */
    void *ctx;
    /* True when next would answer at once; NULL = always. A peek (debugger, dumps) takes
     * the waiting byte only then, so looking never blocks on a pipe. */
    bool (*ready)(void *ctx);
} console_source_t;

#define CONSOLE_END  0x100 /* a scheduled "input ends" instead of a byte */
#define CONSOLE_NONE 0x101 /* in a script: the console has no input at all */

/* A byte (or CONSOLE_END) that arrives at an emulated cycle. */
typedef struct console_event {
    uint64_t cycle;
    uint16_t byte;
} console_event_t;

typedef struct console_dev {
    const device_host_t *host;
    /* Scheduled input (--keys `console` lines, --record): once scheduled is set the bytes
     * come from here, in order: [0, taken) are gone, [taken, arrived) have arrived and wait,
     * [arrived, script_len) arrive at their cycles. */
    bool scheduled;
    bool open; /* scheduled: input may still come (as from a terminal); false: none ever */
    console_event_t *script;
    size_t script_len, script_cap, taken, arrived;
    int ahead; /* the next input byte, or -1 */
    bool unannounced; /* ahead was filled by a peek: console_poll still interrupts for it */
    bool closed;
    uint16_t intmsg;
} console_dev_t;

extern const device_class_t console_class;

int console_init(void *dev, const device_host_t *host, const device_options_t *opts);

/* Looks for input that arrived since the guest last asked; interrupts if it is new. */
void console_poll(console_dev_t *c);

/* Switches the input to scheduled bytes (text_in is no longer read); open: more may come,
 * as from a terminal, else the console is one without input (--stdin-keys). */
void console_use_schedule(console_dev_t *c, bool open);
/* Schedules a byte (or CONSOLE_END) at cycle, after those already at or before it; switches
 * to scheduled input. Returns 0, or -1 when out of memory or before the last one. */
int console_schedule(console_dev_t *c, uint64_t cycle, uint16_t byte);
void console_free(void *dev);

#endif
