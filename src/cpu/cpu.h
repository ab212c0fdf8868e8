/* cpu.h — the DCPU-16 v1.7 processor (docs/machine.md §1).
 *
 *   dcpu_t cpu;
 *   cpu_init(&cpu, &bus, &hw);      bus: where memory lives; hw: HWN/HWQ/HWI and friends
 *   cpu_reset(&cpu);                 all registers 0, queue empty (the machine then sets SP)
 *   cpu_run(&cpu, limit);            steps until cpu.cycles >= limit or something stops it
 *   cpu_free(&cpu);                  releases the decoded-instruction cache
 *
 * The CPU never holds a pointer into memory: every operand access goes through the bus,
 * so memory-mapped devices see reads and writes at the cycle the instruction began
 * (cpu.cycles is advanced by an instruction's cost only after it completed).
 *
 * A step is: at most one interrupt entry (0 cycles) or discard, then one instruction; a
 * failed IF together with every instruction its chain skips is one step. cpu_run checks
 * the limit before every step, so it never stops inside a chain.
 *
 * Speed: cpu_run decodes each instruction once into a cache (cpu->code) and runs it from
 * there (cpu_fast.c); cpu_step, and cpu_run while a trace hook is set, take the plain path
 * that decodes every time. Both give the same results, cycle for cycle. The cache sees
 * every write that goes through the bus (bus->on_ram_write, installed by cpu_init; while
 * another user's hook sits in front of it, cpu_run takes the plain path so that hook sees
 * every write too). A caller that changes bus->ram behind the bus's back after the CPU ran
 * there calls cpu_forget_code. On x86-64 Linux the fast path also translates blocks of
 * guest code to host code (cpu_jit.c; no_jit turns that off), with the same results. */
#ifndef D16_CPU_H
#define D16_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "memory/bus.h"

enum cpu_reg { REG_A, REG_B, REG_C, REG_X, REG_Y, REG_Z, REG_I, REG_J };

#define CPU_IRQ_QUEUE 256 /* the 257th pending interrupt sets the CPU on fire */
#define CPU_HISTORY   16  /* PCs of the last instructions, for fault reports */
#define CPU_IDLE_NO_HEAD 0x10000u

typedef enum cpu_fault {
    CPU_FAULT_NONE = 0,
    CPU_FAULT_ILLEGAL, /* undefined opcode; PC left on it, nothing changed, no cycles */
    CPU_FAULT_FIRE,    /* a 257th pending interrupt; the raising instruction completed */
    CPU_FAULT_BUS,     /* strict mode: bus->fault was set; the instruction completed. The CPU
                        * leaves bus->fault set: its owner reads bus->fault_addr, then clears it */
} cpu_fault_t;

struct dcpu;

/* One decoded instruction of the cache (private to src/cpu): which handler runs it and
 * its operands, ready to use. handler 0 means "not decoded". */
typedef struct cpu_decoded {
    uint16_t handler;
    uint8_t len;    /* words */
    uint8_t cost;   /* cycles, when no IF fails and no device adds any */
    uint8_t ax, bx; /* register-file index of a / b: the register, or a memory operand's base */
    uint8_t skip;   /* IFs: words of the next instruction when it is no IF, else 0;
                     * a loop's head: the register-file index of its IF's a */
    uint8_t op;     /* the basic opcode */
    uint16_t aw, bw; /* a's / b's constant: a literal, or a memory operand's offset */
    uint16_t aux;    /* fused IF + SET PC: the jump target */
    uint16_t unused;
} cpu_decoded_t;

#define CPU_CODE_WORDS 0x10000
/* Entries after the last word, never decoded (so always "not decoded"): the fast path steps
 * its entry pointer along with PC and meets one of these when PC wraps around. */
#define CPU_CODE_PAD 4

/* What translated code (cpu_jit.c) reads and writes beside the cache, at fixed offsets
 * from it: the guest state while it runs and why it stopped. */
typedef struct cpu_jit_frame {
    uint16_t r[10];     /* A..J, SP, EX (the fast path's register-file order) */
    uint32_t exit_pc;   /* where the guest goes on; CPU_JIT_PLAIN set: run it on the plain path */
    uint32_t exit_path; /* the part of the block it left that ran: pool offset << 8 | count */
    uint64_t counters;  /* cycles << CPU_JIT_CYCLE_SHIFT | instructions, since entry */
    uint64_t limit;     /* the cycle no block may reach, since entry, shifted the same */
    uint32_t trail[16]; /* the path of the block that ended at instruction k, at k % 16 */
    uint32_t scratch;
} cpu_jit_frame_t;

/* The decoded-instruction cache: an entry per word address, and a mark on every word some
 * entry was decoded from (a write to a marked word drops the entries that may use it). */
typedef struct cpu_code {
    cpu_decoded_t op[CPU_CODE_WORDS + CPU_CODE_PAD];
    uint8_t covered[CPU_CODE_WORDS]; /* CPU_COVER_* bits */
    /* 1: that word's 256-word page routes to devices (by word, so a test is one load) */
    uint8_t io_word[CPU_CODE_WORDS];
    unsigned io_regions; /* bus->regions when io_word was filled */
    bool jit_stale;      /* a word some translated block came from was written: */
    uint16_t jit_stale_word; /* that word */
    cpu_jit_frame_t jit;
    const void *jit_entry[CPU_CODE_WORDS]; /* the translated block starting there, or NULL */
} cpu_code_t;

/* What the CPU needs from the machine around it. Any member may be NULL. */
typedef struct cpu_hw {
    void *ctx;
    uint16_t (*count)(void *ctx);                                   /* HWN */
    bool (*query)(void *ctx, uint16_t index, uint32_t *id, uint16_t *version,
                  uint32_t *manufacturer);                          /* HWQ; false = no device */
    unsigned (*interrupt)(void *ctx, uint16_t index, struct dcpu *cpu); /* HWI; extra cycles */
    /* Asked right after a jump to itself that changed nothing: true ends the run there (the
     * classic end, decided by the machine: docs/machine.md §6). NULL = it always ends. */
    bool (*self_jump_ends)(void *ctx);
    /* Called before each instruction executes (after any interrupt entry); NULL = off. */
    void (*trace)(void *ctx, const struct dcpu *cpu);
} cpu_hw_t;

typedef struct dcpu {
    uint16_t r[8]; /* A B C X Y Z I J */
    uint16_t pc, sp, ex, ia;
    bool queueing;
    uint64_t cycles; /* emulated cycles since reset */
    uint64_t limit;  /* cpu_run stops at the first step boundary with cycles >= limit */

    uint16_t irq[CPU_IRQ_QUEUE]; /* FIFO of pending interrupt messages */
    unsigned irq_head, irq_count;

    bool illegal_nop; /* undefined opcodes are 1-cycle no-ops instead of faults */
    /* Idle skip (docs/machine.md, "Interrupts: Waiting"): cpu_run skips the passes of a
     * loop that can only wait for the next device event, leaving the state running them
     * would leave. true runs every pass (--no-idle-skip, to compare). */
    bool no_idle_skip;
    /* The translator (cpu_jit.c): hot blocks of guest code run as x86-64 code on such
     * hosts. true keeps the interpreter for everything (--no-jit, to compare). */
    bool no_jit;
    uint32_t idle_head;      /* the last loop head found waiting (CPU_IDLE_NO_HEAD: none) */
    uint32_t idle_countdown; /* runs to their limit until the next look for a waiting loop */
    cpu_fault_t fault;
    uint16_t fault_pc;
    /* Set when an instruction left PC, SP, EX and every register as it found them, wrote no
     * memory, and hw.self_jump_ends said the run ends: the classic end (docs/machine.md §6).
     * The test runs after a basic instruction (not STI/STD, not an IF) whose b is PC. Stays
     * set until cpu_reset or the caller clears it; cpu_run does nothing while it is set. */
    bool idle;

    /* PCs of recent instructions, a ring: the newest is just before history_pos. An illegal
     * instruction that faults is not recorded (fault_pc names it); skipped ones are not. */
    uint16_t history[CPU_HISTORY];
    unsigned history_pos;
    uint64_t instructions; /* instructions executed since reset (not counting skipped ones) */

    bus_t *bus;
    cpu_hw_t hw;

    /* Decoded instructions (see the top of this file), 1.3 MiB: allocated zeroed by the
     * first cpu_run that takes the fast path, so a run that never gets there (start-up, a
     * tiny image, the debugger's single steps) never clears or touches it. NULL before. */
    cpu_code_t *code;
    struct cpu_jit *jit; /* the translator's code and tables; NULL until it first runs */
} dcpu_t;

void cpu_init(dcpu_t *cpu, bus_t *bus, const cpu_hw_t *hw);
void cpu_reset(dcpu_t *cpu);
/* Releases what cpu_run allocated (the cache); cpu_init or cpu_reset makes it usable again. */
void cpu_free(dcpu_t *cpu);

/* Runs steps while cycles < limit and nothing stopped the CPU (a fault, idle, or
 * cpu_request_stop). Returns the number of cycles run. */
uint64_t cpu_run(dcpu_t *cpu, uint64_t limit);

/* Exactly one step, ignoring the limit and idle (debugger, tests). No-op while faulted. */
void cpu_step(dcpu_t *cpu);

/* Drops every decoded instruction (after RAM changed without going through the bus). */
void cpu_forget_code(dcpu_t *cpu);

/* What the translator did since the last reset: blocks made, runs of translated code,
 * instructions they ran, times every translation was dropped (all 0 without a translator:
 * --no-jit, --disable-jit, another host). For tests and bench. */
typedef struct cpu_jit_stats {
    uint64_t blocks, runs, instructions, drops;
} cpu_jit_stats_t;
cpu_jit_stats_t cpu_jit_stats(const dcpu_t *cpu);

/* Queues an interrupt message. A 257th pending message sets CPU_FAULT_FIRE and stops the
 * CPU after the current instruction; returns false then. */
bool cpu_interrupt(dcpu_t *cpu, uint16_t msg);

/* Ends cpu_run after the current step (a halt, a break, a device's changed schedule). */
static inline void cpu_request_stop(dcpu_t *cpu)
{
    cpu->limit = 0;
}

#endif
