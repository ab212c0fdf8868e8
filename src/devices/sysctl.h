/* sysctl.h — the system controller (docs/machine.md §3.1); HWI number and slot:
 * src/machine/board.def. A halt and a break go to the machine through the host's halt and
 * request_break; MEMTOP is the host's memtop.
 *   0 MAGIC      R: 0xD160
 *   1 VERSION    R: 0x0100 (contract v1.0)
 *   2 HALT       W: halt the machine; low 8 bits = exit status
 *   3 CYCLES_LO  R: low word of the cycle counter; latches the high word
 *   4 CYCLES_HI  R: the latched high word
 *   5 CLOCK_KHZ  R: configured clock in kHz, rounded down; 0xFFFF from 65536 kHz up
 *   6 MEMTOP     R: first word above RAM
 *   7 LOG        W: "log: 0xNNNN" to the debug log
 *   8 BREAK      W: enter the debugger if one is attached
 * HWI: A=0 halt with status B; A=1 B = cycles low, C = high; A=2 log B; A=3 break. */
#ifndef D16_SYSCTL_H
#define D16_SYSCTL_H

#include <stdint.h>

#include "devices/device.h"

#define SYSCTL_MAGIC   0xd160
#define SYSCTL_VERSION 0x0100

enum sysctl_reg {
    SYSCTL_REG_MAGIC, SYSCTL_REG_VERSION, SYSCTL_REG_HALT, SYSCTL_REG_CYCLES_LO,
    SYSCTL_REG_CYCLES_HI, SYSCTL_REG_CLOCK_KHZ, SYSCTL_REG_MEMTOP, SYSCTL_REG_LOG,
    SYSCTL_REG_BREAK,
};

typedef struct sysctl_dev {
    const device_host_t *host;
    uint16_t cycles_hi; /* latched by a CYCLES_LO read */
} sysctl_dev_t;

extern const device_class_t sysctl_class;

int sysctl_init(void *dev, const device_host_t *host, const device_options_t *opts);

#endif
