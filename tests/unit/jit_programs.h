/* jit_programs.h — random programs shaped for a translator of hot blocks, and against it:
 * counted loops (backward jumps, nested) whose bodies use every basic opcode with every
 * operand kind, IF chains, calls (JSR, SET PC, POP / reg / [mem]), code that rewrites
 * itself (the instruction running, the next one, the loop's head, from the interrupt
 * handler too), device-page reads and writes (the timer, the cycle counter) and timer
 * interrupts. One program in five is hostile: any operand anywhere (SP, PC, I and J as
 * targets, writes to any address, raw words); two in five are pure: they never write their
 * own code, so translations live on. For tests/unit/test_jit.c and
 * tests/fuzz/fuzz_jit.c (the fuzzer's bytes are the random source there).
 *
 *   jit_draw_t d = jit_draw_seed(seed);     or jit_draw_bytes(data, size): 0s once used up
 *   static jit_program_t p;
 *   jit_program_make(&d, &p);               p.w[0..p.n) and p.opts, the machine to run on
 *   unsigned budget = 1 + jit_draw(&d, 40); slice lengths and the like from the same source
 *
 * Layout: code from 0 (prologue, then the loops, then subroutines and the handler), data at
 * JIT_DATA (pointers I and J start there), the stack from 0x7000 (in one program in six
 * from where it wraps round); docs/machine.md §2.3
 * for the device page. */
#ifndef D16_JIT_PROGRAMS_H
#define D16_JIT_PROGRAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "cpu/opcodes.h"
#include "machine/machine.h"

#define JIT_PROGRAM_WORDS 0x0c00u
#define JIT_DATA          0x4000u /* 0x100 words of data; the call table at its end */
#define JIT_TABLE         (JIT_DATA + 0xf8u)
#define JIT_STACK         0x7000u
#define JIT_SUBS          3
#define JIT_FIXUPS        256
#define JIT_FLIPS         64
#define JIT_LIT(v)        (0x21u + (unsigned)(v)) /* short literal, v in -1..30 */

typedef struct jit_draw {
    uint32_t rng;         /* xorshift32 state when bytes is NULL */
    const uint8_t *bytes; /* the fuzzer's input, or NULL */
    size_t size, pos;
} jit_draw_t;

static inline jit_draw_t jit_draw_seed(uint32_t seed)
{
    return (jit_draw_t){.rng = seed ? seed : 1};
}

static inline jit_draw_t jit_draw_bytes(const uint8_t *bytes, size_t size)
{
    return (jit_draw_t){.bytes = bytes, .size = size};
}

/* 0..n-1 (0 when n is 0). From bytes: one per 8 bits n needs, 0 past the end. */
static inline unsigned jit_draw(jit_draw_t *d, unsigned n)
{
    uint32_t x = 0;
    if (d->bytes) {
        for (uint32_t span = n > 0 ? n - 1 : 0;; span >>= 8) {
            x = x << 8 | (d->pos < d->size ? d->bytes[d->pos++] : 0u);
            if (span < 256)
                break;
        }
    } else {
        x = d->rng;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        d->rng = x;
    }
    return n ? x % n : 0;
}

enum jit_target { JIT_T_SUB0, JIT_T_HANDLER = JIT_SUBS, JIT_T_MAIN, JIT_T_COUNT };

typedef struct jit_program {
    uint16_t w[JIT_PROGRAM_WORDS];
    unsigned n;
    machine_opts_t opts;
    bool hostile;       /* any operand anywhere */
    bool pure;          /* never writes its own code: translations live on */
    bool interrupts;    /* IA is set: INT is safe */
    bool io_page;       /* profile d16: the device page is there */
    unsigned counters;  /* registers in use as loop counters (bit per register) */
    bool keep_sp;       /* a subroutine: no PUSH or POP, so SET PC, POP returns */
    unsigned fixup_count, flip_count;
    struct {
        unsigned at;
        enum jit_target target;
    } fixup[JIT_FIXUPS];
    uint16_t target[JIT_T_COUNT];
    uint16_t flip[JIT_FLIPS]; /* one-word placeholders others may rewrite */
} jit_program_t;

typedef struct jit_opnd {
    unsigned code;
    uint16_t next; /* its next word, when the code takes one */
} jit_opnd_t;

static inline bool jit_room(const jit_program_t *p, unsigned words)
{
    return p->n + words + 160 <= JIT_PROGRAM_WORDS; /* 160: subroutines and handler */
}

static inline void jit_emit(jit_program_t *p, uint16_t word)
{
    if (p->n < JIT_PROGRAM_WORDS)
        p->w[p->n++] = word;
}

static inline void jit_emit_fixup(jit_program_t *p, enum jit_target t)
{
    if (p->fixup_count < JIT_FIXUPS && p->n < JIT_PROGRAM_WORDS) {
        p->fixup[p->fixup_count].at = p->n;
        p->fixup[p->fixup_count++].target = t;
    }
    jit_emit(p, 0);
}

/* op b, a with their next words: a's first (docs/machine.md §1, operand order). */
static inline void jit_op(jit_program_t *p, unsigned op, jit_opnd_t b, jit_opnd_t a)
{
    jit_emit(p, op_encode_basic(op, b.code, a.code));
    if (operand_words(a.code))
        jit_emit(p, a.next);
    if (operand_words(b.code))
        jit_emit(p, b.next);
}

static inline jit_opnd_t jit_reg(unsigned r)
{
    return (jit_opnd_t){r, 0};
}

static inline jit_opnd_t jit_mem(uint16_t addr)
{
    return (jit_opnd_t){OPND_MEM, addr};
}

/* A literal a operand: short when it fits, else the next word. */
static inline jit_opnd_t jit_lit(uint16_t v)
{
    unsigned code;
    if (operand_short_code(v, &code))
        return (jit_opnd_t){code, 0};
    return (jit_opnd_t){OPND_LIT, v};
}

/* A device word to read: the system controller's cycle counter and magic, the timer, the
 * keyboard's status, an unused slot (a fault with --strict). */
static inline uint16_t jit_device_word(jit_draw_t *d)
{
    static const uint16_t words[] = {0xff00, 0xff03, 0xff04, 0xff05, 0xff20,
                                     0xff21, 0xff21, 0xff22, 0xff23, 0xff30, 0xff60};
    unsigned k = jit_draw(d, sizeof words / sizeof words[0]);
    return words[k == 10 && jit_draw(d, 4) ? 0 : k]; /* the unused slot: rarely */
}

/* An address to read: data, the device page, the program's own code, anywhere. */
static inline uint16_t jit_read_addr(jit_draw_t *d, const jit_program_t *p)
{
    switch (jit_draw(d, 8)) {
    case 0: return jit_device_word(d);
    case 1: return (uint16_t)jit_draw(d, p->n > 0 ? p->n : 1);
    case 2: return (uint16_t)jit_draw(d, 0x10000);
    default: return (uint16_t)(JIT_DATA + jit_draw(d, 0x100));
    }
}

/* A register a friendly program may overwrite: not a counter in use, not I or J. */
static inline unsigned jit_free_reg(jit_draw_t *d, const jit_program_t *p)
{
    for (unsigned tries = 0; tries < 4; tries++) {
        unsigned r = jit_draw(d, 6);
        if (!(p->counters & 1u << r))
            return r;
    }
    return jit_draw(d, 2); /* A or B: never counters */
}

/* The n of [reg + n]: small, or small and negative (the sum wraps at 0x10000). */
static inline uint16_t jit_offset(jit_draw_t *d)
{
    uint16_t n = (uint16_t)jit_draw(d, 0x20);
    return jit_draw(d, 4) == 0 ? (uint16_t)(0x10000 - n) : n;
}

static inline jit_opnd_t jit_a(jit_draw_t *d, const jit_program_t *p)
{
    unsigned r = jit_draw(d, 100);
    if (r < 30)
        return (jit_opnd_t){OPND_SHORT_LIT + jit_draw(d, 32), 0};
    if (r < 50)
        return jit_reg(jit_draw(d, 8));
    if (r < 58)
        return (jit_opnd_t){OPND_IND + jit_draw(d, 8), 0};
    if (r < 64)
        return (jit_opnd_t){OPND_IDX + jit_draw(d, 8), jit_offset(d)};
    if (r < 74)
        return jit_mem(jit_read_addr(d, p));
    if (r < 80) {
        unsigned k = jit_draw(d, 3);
        if (k == 0 && p->keep_sp && !p->hostile)
            k = 1;
        return (jit_opnd_t){OPND_PUSHPOP + k, (uint16_t)jit_draw(d, 8)}; /* POP PEEK PICK n */
    }
    if (r < 86)
        return (jit_opnd_t){OPND_SP + jit_draw(d, 3), 0}; /* SP PC EX */
    return (jit_opnd_t){OPND_LIT, (uint16_t)jit_draw(d, 0x10000)};
}

/* A b operand an instruction writes. Friendly: a free register, [I], [J], [I+n], [J+n],
 * data, the stack, EX, a literal (the write dropped); hostile: anything. */
static inline jit_opnd_t jit_b_write(jit_draw_t *d, const jit_program_t *p)
{
    if (p->hostile && jit_draw(d, 3) == 0) {
        jit_opnd_t o = jit_a(d, p);
        if (o.code >= OPND_SHORT_LIT)
            o.code = OPND_LIT;
        return o; /* any register (counters, I, J, SP, PC), [anything], PUSH */
    }
    unsigned r = jit_draw(d, 100);
    if (r < 40)
        return jit_reg(jit_free_reg(d, p));
    if (r < 50)
        return (jit_opnd_t){OPND_IND + REG_I + jit_draw(d, 2), 0};
    if (r < 58)
        return (jit_opnd_t){OPND_IDX + REG_I + jit_draw(d, 2), jit_offset(d)};
    if (r < 76)
        return jit_mem((uint16_t)(JIT_DATA + jit_draw(d, 0xf8)));
    if (r < 84) {
        unsigned k = jit_draw(d, 3);
        if (k == 0 && p->keep_sp)
            k = 1;
        return (jit_opnd_t){OPND_PUSHPOP + k, (uint16_t)jit_draw(d, 8)}; /* PUSH PEEK PICK */
    }
    if (r < 94)
        return jit_reg(OPND_EX);
    return (jit_opnd_t){OPND_LIT, (uint16_t)jit_draw(d, 0x10000)};
}

/* A b operand an IF reads: anything but a short literal (b has five bits). */
static inline jit_opnd_t jit_b_read(jit_draw_t *d, const jit_program_t *p)
{
    jit_opnd_t o = jit_a(d, p);
    if (o.code >= OPND_SHORT_LIT) {
        o.next = operand_short_value(o.code);
        o.code = OPND_LIT;
    }
    if (o.code == OPND_PUSHPOP && !p->hostile)
        o.code = OPND_PEEK; /* PUSH as an IF's b moves SP every pass */
    return o;
}

static inline bool jit_op_defined(unsigned op)
{
    return op_basic(op) != NULL;
}

/* One instruction of a random basic opcode (the IFs included) on random operands. */
static inline void jit_random_op(jit_draw_t *d, jit_program_t *p)
{
    unsigned op;
    do
        op = 1 + jit_draw(d, 31);
    while (!jit_op_defined(op));
    jit_opnd_t a = jit_a(d, p);
    if (!p->hostile && (a.code == OPND_PUSHPOP || a.code == OPND_PC) && jit_draw(d, 2))
        a = jit_lit((uint16_t)jit_draw(d, 0x10000));
    jit_opnd_t b = (op_basic(op)->flags & OPF_COND) ? jit_b_read(d, p) : jit_b_write(d, p);
    if (!p->hostile && (op == OP_STI || op == OP_STD) && b.code <= REG_J &&
        (p->counters & 1u << b.code))
        b = jit_reg(REG_A);
    jit_op(p, op, b, a);
}

/* A one-word instruction that writes only A or B (and EX), and that flipping bit 0 of its
 * opcode (ADD/SUB, AND/BOR, XOR/SHR) or of its short literal (0x0400) leaves so. */
static inline uint16_t jit_placeholder_word(jit_draw_t *d)
{
    static const uint8_t ops[] = {OP_ADD, OP_SUB, OP_AND, OP_BOR, OP_XOR};
    return op_encode_basic(ops[jit_draw(d, sizeof ops)], jit_draw(d, 2),
                           JIT_LIT(jit_draw(d, 31)));
}

static inline void jit_placeholder(jit_draw_t *d, jit_program_t *p)
{
    if (p->flip_count < JIT_FLIPS)
        p->flip[p->flip_count++] = (uint16_t)p->n;
    jit_emit(p, jit_placeholder_word(d));
}

static inline uint16_t jit_flip_mask(jit_draw_t *d)
{
    return jit_draw(d, 2) ? 0x0400 : 0x0001;
}

/* Code that writes code: the next instruction, itself, its own literal, an earlier
 * placeholder (the next pass runs it changed), or itself with the same word. */
static inline void jit_self_modify(jit_draw_t *d, jit_program_t *p)
{
    uint16_t here = (uint16_t)p->n;
    switch (jit_draw(d, 6)) {
    case 0: /* XOR [next], mask: the next instruction changes before it runs */
        jit_op(p, OP_XOR, jit_mem((uint16_t)(here + 3)), (jit_opnd_t){OPND_LIT, jit_flip_mask(d)});
        jit_placeholder(d, p);
        break;
    case 1: /* SET [next], word: replaced outright */
        jit_op(p, OP_SET, jit_mem((uint16_t)(here + 3)),
               (jit_opnd_t){OPND_LIT, jit_placeholder_word(d)});
        jit_placeholder(d, p);
        break;
    case 2: /* ADD [here + 1], L: the instruction running changes its own literal */
        jit_op(p, OP_ADD, jit_mem((uint16_t)(here + 1)),
               (jit_opnd_t){OPND_LIT, (uint16_t)(1 + jit_draw(d, 0x100))});
        break;
    case 3: /* SET [here], [here]: the instruction running rewrites itself unchanged */
        jit_op(p, OP_SET, jit_mem(here), jit_mem(here));
        break;
    case 4: /* an earlier placeholder: the loop's next pass runs it changed */
        if (p->flip_count > 0) {
            uint16_t at = p->flip[jit_draw(d, p->flip_count)];
            jit_op(p, OP_XOR, jit_mem(at), (jit_opnd_t){OPND_LIT, jit_flip_mask(d)});
            break;
        }
        /* fall through */
    default: /* the next instruction's literal word (ADD [n], lit is three words here) */
        jit_op(p, OP_ADD, jit_mem((uint16_t)(here + 4)),
               (jit_opnd_t){OPND_LIT, (uint16_t)jit_draw(d, 31)});
        jit_op(p, OP_SET, jit_reg(jit_draw(d, 2)),
               (jit_opnd_t){OPND_LIT, (uint16_t)jit_draw(d, 0x10000)});
        break;
    }
}

/* A read or write of a device word from inside the loop (docs/machine.md §3.1, §3.3). */
static inline void jit_device_access(jit_draw_t *d, jit_program_t *p)
{
    switch (jit_draw(d, 6)) {
    case 0: /* cycle-exact reads: CYCLES_LO latches CYCLES_HI */
        jit_op(p, OP_SET, jit_reg(jit_draw(d, 2)), jit_mem(0xff03));
        jit_op(p, OP_ADD, jit_reg(jit_draw(d, 2)), jit_mem(0xff04));
        break;
    case 1:
        jit_op(p, jit_draw(d, 2) ? OP_SET : OP_XOR, jit_reg(jit_draw(d, 2)),
               jit_mem(jit_device_word(d)));
        break;
    case 2:
        jit_op(p, OP_IFE + jit_draw(d, 2), jit_mem(jit_device_word(d)),
               jit_lit((uint16_t)jit_draw(d, 4)));
        jit_op(p, OP_ADD, jit_reg(REG_A), jit_lit(1));
        break;
    case 3: /* INTMSG or RATE (which restarts the tick phase) */
        if (jit_draw(d, 2))
            jit_op(p, OP_SET, jit_mem(0xff22), jit_lit((uint16_t)jit_draw(d, 8)));
        else
            jit_op(p, OP_SET, jit_mem(0xff20), jit_lit((uint16_t)(1 + jit_draw(d, 3))));
        break;
    case 4: /* through [reg + n] */
        jit_op(p, OP_SET, jit_reg(REG_B), (jit_opnd_t){OPND_LIT, 0xff00});
        jit_op(p, OP_ADD, jit_reg(REG_A),
               (jit_opnd_t){OPND_IDX + REG_B, (uint16_t)(3 + jit_draw(d, 0x22))});
        break;
    default: /* a random operation on a device word */
        jit_op(p, 1 + jit_draw(d, 15), jit_mem(jit_device_word(d)),
               jit_lit((uint16_t)jit_draw(d, 31)));
        break;
    }
}

/* A call to subroutine k: JSR n, JSR reg, SET PUSH ret / SET PC [table], or SET PC reg. */
static inline void jit_call(jit_draw_t *d, jit_program_t *p)
{
    unsigned k = jit_draw(d, JIT_SUBS);
    switch (jit_draw(d, 4)) {
    case 0:
        jit_emit(p, op_encode_special(SOP_JSR, OPND_LIT));
        jit_emit_fixup(p, JIT_T_SUB0 + k);
        break;
    case 1:
        jit_emit(p, op_encode_basic(OP_SET, REG_B, OPND_LIT));
        jit_emit_fixup(p, JIT_T_SUB0 + k);
        jit_emit(p, op_encode_special(SOP_JSR, REG_B));
        break;
    case 2:
        jit_op(p, OP_SET, (jit_opnd_t){OPND_PUSHPOP, 0},
               (jit_opnd_t){OPND_LIT, (uint16_t)(p->n + 4)}); /* the return: after the jump */
        jit_op(p, OP_SET, jit_reg(OPND_PC), jit_mem((uint16_t)(JIT_TABLE + k)));
        break;
    default:
        jit_op(p, OP_SET, (jit_opnd_t){OPND_PUSHPOP, 0},
               (jit_opnd_t){OPND_LIT, (uint16_t)(p->n + 5)});
        jit_emit(p, op_encode_basic(OP_SET, REG_B, OPND_LIT));
        jit_emit_fixup(p, JIT_T_SUB0 + k);
        jit_emit(p, op_encode_basic(OP_SET, OPND_PC, REG_B));
        break;
    }
}

static void jit_loop(jit_draw_t *d, jit_program_t *p, unsigned depth);

/* One piece of a loop body. */
static inline void jit_item(jit_draw_t *d, jit_program_t *p, unsigned depth)
{
    unsigned r = jit_draw(d, 100);
    if (r < 40) {
        jit_random_op(d, p);
    } else if (r < 52) { /* an IF chain, then what it guards */
        for (unsigned k = 1 + jit_draw(d, 4); k > 0; k--) { /* the translator takes three */
            jit_op(p, OP_IFB + jit_draw(d, 8), jit_b_read(d, p), jit_a(d, p));
        }
        if (jit_draw(d, 4) == 0) {
            jit_emit(p, op_encode_special(SOP_JSR, OPND_LIT));
            jit_emit_fixup(p, JIT_T_SUB0 + jit_draw(d, JIT_SUBS));
        } else {
            jit_random_op(d, p);
        }
    } else if (r < 62) {
        if (p->pure)
            jit_placeholder(d, p);
        else
            jit_self_modify(d, p);
    } else if (r < 70) {
        if (p->io_page)
            jit_device_access(d, p);
        else
            jit_random_op(d, p);
    } else if (r < 78) {
        jit_call(d, p);
    } else if (r < 83) { /* balanced stack traffic around another piece */
        jit_op(p, OP_SET, (jit_opnd_t){OPND_PUSHPOP, 0}, jit_a(d, p));
        jit_random_op(d, p);
        jit_op(p, jit_draw(d, 2) ? OP_SET : OP_ADD, jit_reg(jit_free_reg(d, p)),
               (jit_opnd_t){OPND_PUSHPOP, 0});
    } else if (r < 88 && depth == 0) {
        jit_loop(d, p, depth + 1);
    } else if (r < 93) { /* PC as an operand */
        switch (jit_draw(d, 4)) {
        case 0: /* SET or ADD r, PC */
            jit_op(p, OP_SET + jit_draw(d, 2), jit_reg(jit_free_reg(d, p)), jit_reg(OPND_PC));
            break;
        case 1: /* skip the next (one-word) instruction */
            jit_op(p, OP_ADD, jit_reg(OPND_PC), jit_lit(1));
            jit_placeholder(d, p);
            break;
        case 2: /* a jump to the next instruction (one word when the target fits a short literal) */
            jit_op(p, OP_SET, jit_reg(OPND_PC),
                   jit_lit((uint16_t)(p->n + (p->n + 1 < 0x1f ? 1 : 2))));
            break;
        default: jit_op(p, OP_ADD, jit_reg(OPND_PC), jit_lit(0)); break;
        }
    } else if (r < 97) { /* interrupts from inside the loop */
        if (p->interrupts && jit_draw(d, 2))
            jit_emit(p, op_encode_special(SOP_INT, JIT_LIT(1 + jit_draw(d, 20))));
        else if (jit_draw(d, 2))
            jit_emit(p, op_encode_special(SOP_IAG, jit_free_reg(d, p)));
        else {
            jit_emit(p, op_encode_special(SOP_IAQ, JIT_LIT(1)));
            jit_random_op(d, p);
            jit_emit(p, op_encode_special(SOP_IAQ, JIT_LIT(0)));
        }
    } else if (p->hostile && jit_draw(d, 2)) {
        jit_emit(p, (uint16_t)jit_draw(d, 0x10000)); /* a raw word */
    } else {
        jit_placeholder(d, p);
    }
}

/* A counted loop: SET c, n; body; then one of SUB c,1 / IFN c,0 / SET PC,head, ADD c,1 /
 * IFL c,n / SET PC,head, SUB c,1 / IFG c,0 / SUB PC,k, or a test at the head with a
 * forward jump out. */
static void jit_loop(jit_draw_t *d, jit_program_t *p, unsigned depth)
{
    unsigned c = REG_C + jit_draw(d, 4);
    for (unsigned k = 0; k < 4 && (p->counters & 1u << c); k++)
        c = REG_C + (c - REG_C + 1) % 4;
    if (p->counters & 1u << c || !jit_room(p, 24))
        return;
    unsigned count = depth ? 1 + jit_draw(d, 6)
                           : (jit_draw(d, 6) == 0 ? 100 + jit_draw(d, 900) : 1 + jit_draw(d, 40));
    unsigned form = jit_draw(d, 4);
    p->counters |= 1u << c;
    jit_op(p, OP_SET, jit_reg(c), jit_lit((uint16_t)(form == 1 ? 0 : count)));
    if (jit_draw(d, 3) == 0)
        jit_op(p, OP_SET, jit_reg(REG_I + jit_draw(d, 2)),
               jit_lit((uint16_t)(JIT_DATA + jit_draw(d, 0x40))));
    uint16_t head = (uint16_t)p->n;
    unsigned exit_at = 0;
    if (form == 3) {
        jit_op(p, OP_IFE, jit_reg(c), jit_lit(0));
        jit_emit(p, op_encode_basic(OP_SET, OPND_PC, OPND_LIT));
        exit_at = p->n;
        jit_emit(p, 0);
    }
    for (unsigned k = 1 + jit_draw(d, depth ? 4 : 10); k > 0 && jit_room(p, 24); k--)
        jit_item(d, p, depth);
    switch (form) {
    case 0:
        jit_op(p, OP_SUB, jit_reg(c), jit_lit(1));
        jit_op(p, OP_IFN, jit_reg(c), jit_lit(0));
        jit_op(p, OP_SET, jit_reg(OPND_PC), jit_lit(head));
        break;
    case 1:
        jit_op(p, OP_ADD, jit_reg(c), jit_lit(1));
        jit_op(p, OP_IFL, jit_reg(c), jit_lit((uint16_t)count));
        jit_op(p, OP_SET, jit_reg(OPND_PC), jit_lit(head));
        break;
    case 2: /* SUB PC, k: PC as b is the address after the instruction */
        jit_op(p, OP_SUB, jit_reg(c), jit_lit(1));
        jit_op(p, OP_IFG, jit_reg(c), jit_lit(0));
        jit_op(p, OP_SUB, jit_reg(OPND_PC), (jit_opnd_t){OPND_LIT, (uint16_t)(p->n + 2 - head)});
        break;
    default:
        jit_op(p, OP_SUB, jit_reg(c), jit_lit(1));
        jit_op(p, OP_SET, jit_reg(OPND_PC), (jit_opnd_t){OPND_LIT, head});
        if (exit_at < JIT_PROGRAM_WORDS)
            p->w[exit_at] = (uint16_t)p->n;
        break;
    }
    p->counters &= ~(1u << c);
}

/* A subroutine: a few pieces that keep the counters, then SET PC, POP. */
static inline void jit_subroutine(jit_draw_t *d, jit_program_t *p, unsigned k)
{
    p->target[JIT_T_SUB0 + k] = (uint16_t)p->n;
    unsigned saved = p->counters;
    p->counters = 0x3c; /* C X Y Z: a caller's counters */
    p->keep_sp = true;
    for (unsigned i = jit_draw(d, 4); i > 0; i--) {
        if (jit_draw(d, 3) == 0 && !p->pure)
            jit_self_modify(d, p);
        else
            jit_random_op(d, p);
    }
    p->counters = saved;
    p->keep_sp = false;
    jit_op(p, OP_SET, jit_reg(OPND_PC), (jit_opnd_t){OPND_PUSHPOP, 0});
}

/* The interrupt handler: counts, reads the timer, rewrites loop code (unchanged, or a
 * placeholder flipped), RFI 0. */
static inline void jit_handler(jit_draw_t *d, jit_program_t *p)
{
    p->target[JIT_T_HANDLER] = (uint16_t)p->n;
    jit_op(p, OP_ADD, jit_mem(JIT_DATA + 0xf0), jit_lit(1));
    jit_op(p, OP_ADD, jit_mem(JIT_DATA + 0xf1), jit_reg(REG_A));
    if (p->io_page)
        jit_op(p, OP_SET, jit_reg(REG_A), jit_mem(0xff21));
    if (p->flip_count > 0 && jit_draw(d, 2) && !p->pure) {
        uint16_t at = p->flip[jit_draw(d, p->flip_count)];
        jit_op(p, OP_XOR, jit_mem(at), (jit_opnd_t){OPND_LIT, jit_flip_mask(d)});
    }
    if (jit_draw(d, 2) && !p->pure) {
        uint16_t at = (uint16_t)jit_draw(d, p->n);
        jit_op(p, OP_SET, jit_mem(at), jit_mem(at));
    }
    jit_emit(p, op_encode_special(SOP_RFI, JIT_LIT(0)));
}

/* A whole program and the machine to run it on. */
static inline void jit_program_make(jit_draw_t *d, jit_program_t *p)
{
    p->n = 0;
    p->counters = 0;
    p->keep_sp = false;
    p->fixup_count = p->flip_count = 0;
    unsigned style = jit_draw(d, 5);
    p->hostile = style == 0;
    p->pure = style >= 3; /* two in five */
    p->opts = (machine_opts_t){
        .profile = jit_draw(d, 8) == 0 ? MACHINE_PROFILE_DCPU16 : MACHINE_PROFILE_D16,
        .illegal_nop = jit_draw(d, 2) == 0,
        .strict = jit_draw(d, 5) == 0,
    };
    p->io_page = p->opts.profile == MACHINE_PROFILE_D16;
    p->interrupts = jit_draw(d, 4) != 0;

    /* prologue: registers, the stack, the call table, IA and the timer */
    static const uint16_t small[] = {0, 1, 2, 0xffff, 0x8000, 0x7fff};
    for (unsigned r = REG_A; r <= REG_J; r++) {
        uint16_t v = r >= REG_I || jit_draw(d, 2) ? (uint16_t)(JIT_DATA + jit_draw(d, 0x40))
                                                  : small[jit_draw(d, 6)];
        jit_op(p, OP_SET, jit_reg(r), jit_lit(v));
    }
    /* the stack mid-RAM, or where PUSH and POP wrap round 0x0000 / 0xffff (over the code,
     * through the device page) */
    static const uint16_t stacks[] = {JIT_STACK, 0x0000, 0x0001, 0xff00, 0xfffe};
    jit_op(p, OP_SET, jit_reg(OPND_SP),
           (jit_opnd_t){OPND_LIT, stacks[jit_draw(d, 6) == 0 ? 1 + jit_draw(d, 4) : 0]});
    for (unsigned k = 0; k < JIT_SUBS; k++) {
        jit_emit(p, op_encode_basic(OP_SET, OPND_MEM, OPND_LIT));
        jit_emit_fixup(p, JIT_T_SUB0 + k);
        jit_emit(p, (uint16_t)(JIT_TABLE + k));
    }
    if (p->interrupts) {
        jit_emit(p, op_encode_special(SOP_IAS, OPND_LIT));
        jit_emit_fixup(p, JIT_T_HANDLER);
        if (p->io_page) { /* a tick every 20..2000 cycles: clock = period * BASE_HZ / RATE */
            unsigned rate = 1 + jit_draw(d, 3), base = jit_draw(d, 2) ? 10000 : 1000;
            p->opts.clock_hz = (uint32_t)((20 + jit_draw(d, 1980)) * base / rate);
            jit_op(p, OP_SET, jit_mem(0xff23), jit_lit((uint16_t)base));
            jit_op(p, OP_SET, jit_mem(0xff20), jit_lit((uint16_t)rate));
            jit_op(p, OP_SET, jit_mem(0xff22), jit_lit((uint16_t)(1 + jit_draw(d, 30))));
        }
    }

    /* main: loops, then the end: round again, halt, or wait in a jump to itself */
    p->target[JIT_T_MAIN] = (uint16_t)p->n;
    for (unsigned k = 1 + jit_draw(d, 4); k > 0 && jit_room(p, 24); k--)
        jit_loop(d, p, 0);
    unsigned end = jit_draw(d, 8);
    if (end == 0 && p->io_page) {
        jit_op(p, OP_SET, jit_mem(0xff02), jit_lit((uint16_t)jit_draw(d, 4)));
    } else if (end == 1) {
        jit_op(p, OP_SUB, jit_reg(OPND_PC), jit_lit(1));
    } else if (end == 2) { /* a jump to itself through a register, then through memory */
        jit_op(p, OP_SET, jit_reg(REG_B), (jit_opnd_t){OPND_LIT, (uint16_t)(p->n + 2)});
        jit_op(p, OP_SET, jit_reg(OPND_PC), jit_reg(REG_B));
    } else if (end == 3) {
        jit_op(p, OP_SET, jit_mem(JIT_DATA + 0xf2), (jit_opnd_t){OPND_LIT, (uint16_t)(p->n + 3)});
        jit_op(p, OP_SET, jit_reg(OPND_PC), jit_mem(JIT_DATA + 0xf2));
    }
    jit_emit(p, op_encode_basic(OP_SET, OPND_PC, OPND_LIT));
    jit_emit_fixup(p, JIT_T_MAIN);

    for (unsigned k = 0; k < JIT_SUBS; k++)
        jit_subroutine(d, p, k);
    jit_handler(d, p);
    for (unsigned i = 0; i < p->fixup_count; i++)
        p->w[p->fixup[i].at] = p->target[p->fixup[i].target];
}

#endif
