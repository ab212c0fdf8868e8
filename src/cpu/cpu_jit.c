/* cpu_jit.c — the translator: blocks of guest code become x86-64 code (docs/internals.md,
 * "The translator").
 *
 * The fast path (cpu_fast.c) asks for a translation wherever it decodes an instruction; a
 * block runs from there through straight-line instructions and IFs (a failed IF leaves the
 * block) to a jump, a call, or the first instruction it does not translate (HWI, INT, RFI,
 * IAQ, a shift by a register, ...), which the interpreter then runs. Translated blocks jump
 * to each other directly; they come back to the fast path at anything unusual:
 *
 * - a memory operand in a device page, a write to a word some block or decoded entry came
 *   from, a jump to itself (perhaps the classic end): that whole instruction runs on the
 *   plain path, before the block changed anything of it;
 * - a block whose steps would reach the cycle limit: each block's entry checks that its
 *   last step starts before the limit, so the limit is kept exactly;
 * - a jump to code not translated yet (once it is, that way out jumps straight there).
 *
 * Guest registers A..J and SP live in host registers, EX in the frame (cpu_jit_frame_t);
 * cycles and instructions share one host register (cycles << CPU_JIT_CYCLE_SHIFT |
 * instructions), so a block adds both with one instruction. The history ring is not
 * written as blocks run: each block's end writes its path (which PCs ran) into the frame's
 * trail, and cpu_jit_run rebuilds the last CPU_HISTORY PCs from the trail when it returns.
 *
 * A write to a word a block came from makes every translation stale (cpu_code_written);
 * they are all dropped before translated code runs again; a 64-word region whose code was
 * written over three times is not translated again (self-modifying code stays
 * interpreted, code patched once at start-up does not). Hosts other than x86-64 Linux,
 * and --disable-jit, get the
 * stubs at the end of this file: the interpreter runs everything. */
#include <stddef.h>
#include <string.h>

#include "cpu/cpu_int.h"

#if defined(ENABLE_JIT) && ENABLE_JIT && defined(__x86_64__) && defined(__linux__)

#include <sys/mman.h>

#include "cpu/x64_emit.h"

#define JIT_CODE_BYTES (16u << 20)
#define JIT_POOL_PCS (1u << 20)
#define JIT_BLOCK_MAX 32     /* instructions */
#define JIT_BLOCK_BYTES 8192 /* more than JIT_BLOCK_MAX instructions ever take */
#define JIT_REGION_SHIFT 6   /* translated words written in a 64-word region ... */
#define JIT_REWRITES 3       /* ... this many times: the region stays interpreted */
#define JIT_LINKS (1u << 16) /* ways out waiting for a block at their target */

/* Host registers: guest A..J and SP, the counters, the cache (the frame is in it), RAM. */
static const uint8_t host_reg[9] = {X_RBX, X_RBP, X_R12, X_R13, X_R14, X_R15, X_RSI, X_RDI, X_R8};
#define R_COUNT X_R9
#define R_CODE X_R10
#define R_RAM X_R11

#define OFF(field) ((int32_t)offsetof(cpu_code_t, field))
#define OFF_REG(i) (OFF(jit.r) + 2 * (int32_t)(i))
#define OFF_EX OFF_REG(CPU_RF_EX)

typedef void (*jit_enter_fn)(cpu_code_t *code, uint8_t *ram, const void *block);

/* Everything the translator keeps, in fresh zero pages of its own (mmap): a tiny run never
 * touches most of it. */
typedef struct cpu_jit {
    bool broken;    /* no executable memory: translate nothing */
    uint8_t *mem;   /* JIT_CODE_BYTES, read, write and execute */
    uint8_t *start; /* after the shared stubs */
    uint8_t *next;  /* where the next block goes */
    jit_enter_fn enter;
    const uint8_t *to_host, *lookup, *miss; /* the shared stubs (emit_shared) */
    cpu_jit_stats_t stats;
    uint32_t pool_used, head_count, link_count;
    uint16_t pool[JIT_POOL_PCS];      /* every block's PCs in order: paths point into it */
    uint16_t heads[CPU_CODE_WORDS];   /* the PCs with a jit_entry (repeats possible) */
    uint8_t rewrites[CPU_CODE_WORDS >> JIT_REGION_SHIFT]; /* translated code written over */
    /* Ways out to a guest address with no block yet: `mov eax, to` then a jump to the
     * lookup. When a block for `to` is made, the mov becomes a jump straight to it. */
    struct jit_link {
        uint8_t *site;
        uint32_t next; /* 1 + index of the next link to the same address, 0: none */
    } links[JIT_LINKS];
    uint32_t link_head[CPU_CODE_WORDS]; /* by guest address: 1 + index of its first link */
} cpu_jit_t;

/* One guest instruction of a block. */
enum jit_form { F_BASIC, F_IF, F_JUMP, F_JUMP_DYN, F_JSR };
typedef struct jit_insn {
    uint16_t pc;
    uint8_t len, cost, op, form;
    operand_t a, b;
    uint16_t skip_to; /* IF: where a failed test goes, and its extra cycles */
    uint8_t skip_cost;
} jit_insn_t;

/* ---------------------------------------------------------------- what can be translated */

/* The words of the instruction at pc, when all are RAM and not in a region whose code was
 * written over too often (self-modifying code: the interpreter takes it). */
static unsigned insn_words(const dcpu_t *cpu, uint16_t pc, uint16_t w[3])
{
    if (!cpu_ram_word(cpu->bus, pc, &w[0]))
        return 0;
    unsigned len = op_length(w[0]);
    for (unsigned i = 1; i < len; i++)
        if (!cpu_ram_word(cpu->bus, (uint16_t)(pc + i), &w[i]))
            return 0;
    for (unsigned i = 0; i < len; i++)
        if (cpu->jit->rewrites[(uint16_t)(pc + i) >> JIT_REGION_SHIFT] >= JIT_REWRITES)
            return 0;
    return len;
}

/* Where a failed IF at pc (len words) goes: over the next instruction, or the chain of IFs
 * (+1 cycle, +1 per IF skipped: docs/machine.md §1). False when a word is not plain RAM. */
static bool skip_target(const dcpu_t *cpu, jit_insn_t *in)
{
    uint16_t at = (uint16_t)(in->pc + in->len), w[3];
    unsigned extra = 1;
    for (unsigned k = 0; k < 4; k++) {
        unsigned len = insn_words(cpu, at, w);
        if (!len)
            return false;
        at = (uint16_t)(at + len);
        const op_info_t *info = (w[0] & 0x1f) ? op_basic(w[0] & 0x1f) : NULL;
        if (!info || !(info->flags & OPF_COND)) {
            in->skip_to = at;
            in->skip_cost = (uint8_t)extra;
            return true;
        }
        extra++;
    }
    return false; /* a long chain: left to the interpreter */
}

/* Reads the instruction at pc; false when the translator leaves it to the interpreter. */
static bool insn_at(const dcpu_t *cpu, uint16_t pc, jit_insn_t *in)
{
    uint16_t w[3] = {0};
    unsigned len = insn_words(cpu, pc, w);
    if (!len)
        return false;
    unsigned op = w[0] & 0x1f, bcode = (w[0] >> 5) & 0x1f, acode = w[0] >> 10;
    *in = (jit_insn_t){.pc = pc, .len = (uint8_t)len, .op = (uint8_t)op};
    in->a = cpu_operand(acode, false, w[1], (uint16_t)(pc + 1));
    operand_kind_t ak = in->a.kind;
    bool a_value = ak == KIND_R || ak == KIND_S || ak == KIND_L || ak == KIND_M || ak == KIND_N;

    if (op == 0) { /* of the special opcodes only JSR */
        const op_info_t *info = op_special(bcode);
        if (!info || bcode != SOP_JSR || !a_value)
            return false;
        in->cost = (uint8_t)(info->cycles + len - 1);
        in->form = F_JSR;
        return true;
    }
    const op_info_t *info = op_basic(op);
    if (!info)
        return false;
    in->b = cpu_operand(bcode, true, w[1 + operand_words(acode)], 0);
    operand_kind_t bk = in->b.kind;
    in->cost = (uint8_t)(info->cycles + len - 1);
    if (bk == KIND_PC) {
        if (op != OP_SET)
            return false;
        if (ak == KIND_S || ak == KIND_L) {
            in->form = F_JUMP;
            return in->a.w != pc; /* a jump to itself: the plain path (the classic end) */
        }
        in->form = F_JUMP_DYN;
        return ak == KIND_R || ak == KIND_M || ak == KIND_N || ak == KIND_P;
    }
    if (bk == KIND_LIT)
        return false;
    /* POP with b on the stack: the order of SP's changes is the plain path's business */
    if (ak == KIND_P && (bk == KIND_M || bk == KIND_N || bk == KIND_U))
        return false;
    if (info->flags & OPF_COND) {
        in->form = F_IF;
        return bk != KIND_U && skip_target(cpu, in);
    }
    switch (op) {
    case OP_SHL:
    case OP_SHR:
    case OP_ASR: return ak == KIND_S || ak == KIND_L; /* a count known when translating */
    case OP_DVI: return false;
    default: return true;
    }
}

/* ---------------------------------------------------------------- emitting a block */

typedef struct jit_fixup {
    uint8_t *site;  /* a rel32 to point at the stub */
    uint8_t index;  /* the instruction */
} jit_fixup_t;

typedef struct jit_exit {
    uint8_t *site; /* the `mov eax, to` before the jump to the lookup */
    uint16_t to;
} jit_exit_t;

typedef struct jit_block {
    x64_t x;
    cpu_jit_t *jit;
    cpu_code_t *code;
    const jit_insn_t *in;
    unsigned count;
    const uint8_t *head; /* the entry check */
    uint32_t pool_at;
    uint32_t cycles_before[JIT_BLOCK_MAX + 1]; /* of the instructions before index k */
    jit_fixup_t plain[4 * JIT_BLOCK_MAX], skip[JIT_BLOCK_MAX];
    unsigned plain_count, skip_count;
    jit_exit_t link[JIT_BLOCK_MAX + 1]; /* ways out to untranslated code: kept with the block */
    unsigned link_count;
} jit_block_t;

static uint32_t path_of(const jit_block_t *b, unsigned count)
{
    return b->pool_at << 8 | count;
}

static void count_steps(jit_block_t *b, uint32_t cycles, unsigned steps)
{
    uint64_t add = (uint64_t)cycles << CPU_JIT_CYCLE_SHIFT | steps;
    if (add)
        x64_alu_imm(&b->x, true, X_ADD, R_COUNT, (int32_t)add);
}

/* Trail: the path of the block that ended at the last instruction counted. */
static void write_trail(jit_block_t *b, unsigned tmp, unsigned count)
{
    x64_lea(&b->x, false, tmp, R_COUNT, -1);
    x64_alu_imm(&b->x, false, X_AND, tmp, 15);
    x64_store32_imm(&b->x, R_CODE, tmp, 2, OFF(jit.trail), path_of(b, count));
}

/* The whole instruction `index` runs on the plain path: jump there when flags say so. */
static void plain_if(jit_block_t *b, enum x64_cc cc, unsigned index)
{
    uint8_t *site = x64_jcc(&b->x, cc);
    if (b->plain_count < sizeof b->plain / sizeof b->plain[0])
        b->plain[b->plain_count++] = (jit_fixup_t){site, (uint8_t)index};
    else
        b->x.full = true; /* cannot happen: at most four per instruction */
}

/* On to guest address `to` (counters and trail written): this block's own head, a
 * translated block, or the lookup (eax = to). */
static void go_to(jit_block_t *b, uint16_t to)
{
    const void *target = b->code->jit_entry[to];
    if (to == b->in[0].pc)
        x64_jmp_to(&b->x, b->head);
    else if (target)
        x64_jmp_to(&b->x, target);
    else {
        uint8_t *site = b->x.p;
        x64_mov32_imm(&b->x, X_RAX, to); /* 5 bytes: room for a jmp rel32 */
        x64_jmp_to(&b->x, b->jit->lookup);
        if (b->link_count < sizeof b->link / sizeof b->link[0])
            b->link[b->link_count++] = (jit_exit_t){site, to};
    }
}

/* The block's ways out to untranslated code wait for blocks there. */
static void keep_links(cpu_jit_t *jit, const jit_block_t *b)
{
    for (unsigned k = 0; k < b->link_count && jit->link_count < JIT_LINKS; k++) {
        uint16_t to = b->link[k].to;
        jit->links[jit->link_count] = (struct jit_link){b->link[k].site, jit->link_head[to]};
        jit->link_head[to] = ++jit->link_count;
    }
}

/* The ways out waiting for a block at pc now jump to it. */
static void link_to(cpu_jit_t *jit, uint16_t pc, const uint8_t *head)
{
    for (uint32_t k = jit->link_head[pc]; k; k = jit->links[k - 1].next) {
        x64_t x = {.p = jit->links[k - 1].site, .end = jit->links[k - 1].site + 5};
        x64_jmp_to(&x, head);
    }
    jit->link_head[pc] = 0;
}

/* Memory word rf + off (rf CPU_RF_ZERO: just off) into reg, zero-extended. */
static void address(jit_block_t *b, unsigned reg, unsigned rf, uint16_t off)
{
    if (rf == CPU_RF_ZERO)
        x64_mov32_imm(&b->x, reg, off);
    else if (off == 0)
        x64_movzx16_rr(&b->x, reg, host_reg[rf]);
    else {
        x64_lea(&b->x, false, reg, host_reg[rf], off);
        x64_movzx16_rr(&b->x, reg, reg);
    }
}

/* A device word at the address in reg: the plain path. A write to a translated or decoded
 * word too. */
static void check_io(jit_block_t *b, unsigned reg, unsigned index)
{
    x64_cmp8_zero(&b->x, R_CODE, reg, OFF(io_word));
    plain_if(b, X_CC_NE, index);
}
static void check_covered(jit_block_t *b, unsigned reg, unsigned index)
{
    x64_cmp8_zero(&b->x, R_CODE, reg, OFF(covered));
    plain_if(b, X_CC_NE, index);
}

/* Operand a's value into dst, zero-extended (eax used for an address). */
static void read_a_to(jit_block_t *b, const operand_t *a, unsigned index, unsigned dst)
{
    switch (a->kind) {
    case KIND_R:
        if (a->rf == CPU_RF_EX)
            x64_movzx16_rm(&b->x, dst, R_CODE, X_NONE, 0, OFF_EX);
        else
            x64_movzx16_rr(&b->x, dst, host_reg[a->rf]);
        return;
    case KIND_S:
    case KIND_L: x64_mov32_imm(&b->x, dst, a->w); return;
    case KIND_P: address(b, X_RAX, CPU_RF_SP, 0); break;
    default: address(b, X_RAX, a->rf, a->w); break; /* M, N */
    }
    check_io(b, X_RAX, index);
    x64_movzx16_rm(&b->x, dst, R_RAM, X_RAX, 1, 0);
}
static void read_a(jit_block_t *b, const operand_t *a, unsigned index)
{
    read_a_to(b, a, index, X_RCX);
}

/* Where operand b is: a host register, EX in the frame, or RAM at the word in edx. */
enum loc { LOC_REG, LOC_EX, LOC_RAM };
static enum loc locate_b(jit_block_t *b, const operand_t *o, bool write, unsigned index)
{
    switch (o->kind) {
    case KIND_R: return o->rf == CPU_RF_EX ? LOC_EX : LOC_REG;
    case KIND_Q: return LOC_REG;
    case KIND_U:
        x64_lea(&b->x, false, X_RDX, host_reg[CPU_RF_SP], -1);
        x64_movzx16_rr(&b->x, X_RDX, X_RDX);
        break;
    default: address(b, X_RDX, o->rf, o->w); break; /* M, N */
    }
    check_io(b, X_RDX, index);
    if (write)
        check_covered(b, X_RDX, index);
    return LOC_RAM;
}

static void read_b(jit_block_t *b, enum loc loc, const operand_t *o)
{
    if (loc == LOC_REG)
        x64_movzx16_rr(&b->x, X_RAX, host_reg[o->rf]);
    else if (loc == LOC_EX)
        x64_movzx16_rm(&b->x, X_RAX, R_CODE, X_NONE, 0, OFF_EX);
    else
        x64_movzx16_rm(&b->x, X_RAX, R_RAM, X_RDX, 1, 0);
}

static void write_b(jit_block_t *b, enum loc loc, const operand_t *o, unsigned src)
{
    if (loc == LOC_REG)
        x64_mov16_rr(&b->x, host_reg[o->rf], src);
    else if (loc == LOC_EX)
        x64_store16(&b->x, src, R_CODE, X_NONE, 0, OFF_EX);
    else
        x64_store16(&b->x, src, R_RAM, X_RDX, 1, 0);
}

static void set_ex(jit_block_t *b, unsigned src)
{
    x64_store16(&b->x, src, R_CODE, X_NONE, 0, OFF_EX);
}

/* SP's changes by POP as a and PUSH as b, once both operands are located. */
static void operand_posts(jit_block_t *b, const jit_insn_t *in)
{
    if (in->a.kind == KIND_P)
        x64_incdec16(&b->x, false, host_reg[CPU_RF_SP]);
    if (in->b.kind == KIND_U)
        x64_mov16_rr(&b->x, host_reg[CPU_RF_SP], X_RDX);
}

/* The host register an operand is in (A..J or SP, not EX), or X_NONE. */
static unsigned host_reg_of(const operand_t *o)
{
    bool reg = (o->kind == KIND_R && o->rf != CPU_RF_EX) || o->kind == KIND_Q;
    return reg ? host_reg[o->rf] : X_NONE;
}

/* Operand a for an operation on a host register: a host register, or a constant (imm set),
 * or its value read into ecx. */
static unsigned a_operand(jit_block_t *b, const jit_insn_t *in, unsigned index, bool *imm)
{
    *imm = in->a.kind == KIND_S || in->a.kind == KIND_L;
    if (*imm)
        return X_NONE;
    unsigned reg = host_reg_of(&in->a);
    if (reg != X_NONE)
        return reg;
    read_a(b, &in->a, index);
    return X_RCX;
}

/* SET, ADD, SUB, AND, BOR, XOR with b a host register: straight on it, no copies (the
 * register's upper half stays zero: 16-bit operations keep it, 32-bit moves clear it).
 * False: not this case. */
static bool in_place(jit_block_t *b, const jit_insn_t *in, unsigned index)
{
    x64_t *x = &b->x;
    unsigned breg = host_reg_of(&in->b);
    enum x64_alu op;
    switch (in->op) {
    case OP_SET: op = X_CMP; break; /* not an ALU operation: a move */
    case OP_ADD: op = X_ADD; break;
    case OP_SUB: op = X_SUB; break;
    case OP_AND: op = X_AND; break;
    case OP_BOR: op = X_OR; break;
    case OP_XOR: op = X_XOR; break;
    default: return false;
    }
    if (breg == X_NONE)
        return false;
    bool imm;
    unsigned areg = a_operand(b, in, index, &imm);
    operand_posts(b, in); /* POP as a: SP moves before b is read */
    if (in->op == OP_SET) {
        if (imm)
            x64_mov32_imm(x, breg, in->a.w);
        else
            x64_movzx16_rr(x, breg, areg);
        return true;
    }
    if (imm)
        x64_alu16_imm(x, op, breg, in->a.w);
    else
        x64_alu_rr(x, true, op, breg, areg);
    if (in->op == OP_ADD) { /* EX: the carry */
        x64_setcc(x, X_CC_B, X_RCX);
        x64_movzx8_rr(x, X_RCX, X_RCX);
        set_ex(b, X_RCX);
    } else if (in->op == OP_SUB) { /* EX: 0xffff on a borrow */
        x64_alu_rr(x, false, X_SBB, X_RCX, X_RCX);
        set_ex(b, X_RCX);
    }
    return true;
}

/* A forward jump over a few instructions (for the zero divisor), patched by land(). */
static uint8_t *skip_ahead(jit_block_t *b, enum x64_cc cc)
{
    return x64_jcc(&b->x, cc);
}
static void land(jit_block_t *b, uint8_t *site)
{
    if (!b->x.full)
        x64_patch(site, b->x.p);
}

/* A result of 0 (eax) and an EX of 0 (ecx). */
static void zero_both(x64_t *x)
{
    x64_alu_rr(x, false, X_XOR, X_RAX, X_RAX);
    x64_alu_rr(x, false, X_XOR, X_RCX, X_RCX);
}

/* b op a with b in eax and a in ecx: the result in ax, EX set (docs/machine.md §1). edx may
 * hold b's address: kept in the frame around a division. */
static void alu(jit_block_t *b, const jit_insn_t *in, enum loc loc)
{
    x64_t *x = &b->x;
    unsigned k = in->a.w; /* shifts: the count */
    switch (in->op) {
    case OP_ADD:
        x64_alu_rr(x, true, X_ADD, X_RAX, X_RCX);
        x64_setcc(x, X_CC_B, X_RCX);
        x64_movzx8_rr(x, X_RCX, X_RCX);
        set_ex(b, X_RCX);
        return;
    case OP_SUB:
        x64_alu_rr(x, true, X_SUB, X_RAX, X_RCX);
        x64_alu_rr(x, false, X_SBB, X_RCX, X_RCX);
        set_ex(b, X_RCX);
        return;
    case OP_MLI:
        x64_movsx16_rr(x, false, X_RAX, X_RAX);
        x64_movsx16_rr(x, false, X_RCX, X_RCX);
        /* fall through */
    case OP_MUL:
        x64_imul_rr(x, X_RAX, X_RCX);
        x64_mov32_rr(x, X_RCX, X_RAX);
        x64_shift_imm(x, false, X_SHR, X_RCX, 16);
        set_ex(b, X_RCX);
        return;
    case OP_AND: x64_alu_rr(x, true, X_AND, X_RAX, X_RCX); return;
    case OP_BOR: x64_alu_rr(x, true, X_OR, X_RAX, X_RCX); return;
    case OP_XOR: x64_alu_rr(x, true, X_XOR, X_RAX, X_RCX); return;
    case OP_SHL:
        if (k >= 32) {
            zero_both(x);
        } else {
            x64_shift_imm(x, true, X_SHL, X_RAX, k);
            x64_mov64_rr(x, X_RCX, X_RAX);
            x64_shift_imm(x, true, X_SHR, X_RCX, 16);
        }
        set_ex(b, X_RCX);
        return;
    case OP_SHR:
        if (k >= 64) {
            zero_both(x);
        } else {
            x64_shift_imm(x, true, X_SHL, X_RAX, 16);
            x64_shift_imm(x, true, X_SHR, X_RAX, k);
            x64_mov32_rr(x, X_RCX, X_RAX);
            x64_shift_imm(x, true, X_SHR, X_RAX, 16);
        }
        set_ex(b, X_RCX);
        return;
    case OP_ASR:
        x64_movsx16_rr(x, true, X_RAX, X_RAX);
        x64_shift_imm(x, true, X_SHL, X_RAX, 16);
        x64_shift_imm(x, true, X_SAR, X_RAX, k < 63 ? k : 63);
        x64_mov32_rr(x, X_RCX, X_RAX);
        x64_shift_imm(x, true, X_SAR, X_RAX, 16);
        set_ex(b, X_RCX);
        return;
    case OP_ADX:
    case OP_SBX:
        x64_alu_rr(x, false, in->op == OP_ADX ? X_ADD : X_SUB, X_RAX, X_RCX);
        if (in->op == OP_ADX)
            x64_movzx16_rm(x, X_RCX, R_CODE, X_NONE, 0, OFF_EX);
        else
            x64_movsx16_rm(x, X_RCX, R_CODE, OFF_EX); /* EX read as signed */
        x64_alu_rr(x, false, X_ADD, X_RAX, X_RCX);
        x64_alu_imm(x, false, X_CMP, X_RAX, 0xffff);
        x64_setcc(x, X_CC_A, X_RCX);
        x64_movzx8_rr(x, X_RCX, X_RCX);
        if (in->op == OP_SBX) { /* a borrow: EX 0xffff */
            x64_test_rr(x, false, false, X_RAX, X_RAX);
            uint8_t *done = skip_ahead(b, X_CC_NS);
            x64_mov32_imm(x, X_RCX, 0xffff);
            land(b, done);
        }
        set_ex(b, X_RCX);
        return;
    default: break; /* DIV, MOD, MDI */
    }
    if (loc == LOC_RAM)
        x64_store32(x, X_RDX, R_CODE, OFF(jit.scratch));
    x64_test_rr(x, false, false, X_RCX, X_RCX);
    uint8_t *by_zero = skip_ahead(b, X_CC_E);
    switch (in->op) {
    case OP_DIV: /* (b << 16) / a: EX in the low half, b / a in the high half */
        x64_shift_imm(x, false, X_SHL, X_RAX, 16);
        x64_alu_rr(x, false, X_XOR, X_RDX, X_RDX);
        x64_div(x, false, false, X_RCX);
        x64_mov32_rr(x, X_RCX, X_RAX);
        x64_shift_imm(x, false, X_SHR, X_RAX, 16);
        break;
    case OP_MOD:
        x64_alu_rr(x, false, X_XOR, X_RDX, X_RDX);
        x64_div(x, false, false, X_RCX);
        x64_mov32_rr(x, X_RAX, X_RDX);
        break;
    default: /* MDI: the remainder takes the dividend's sign, as x86's does */
        x64_movsx16_rr(x, false, X_RAX, X_RAX);
        x64_movsx16_rr(x, false, X_RCX, X_RCX);
        x64_cdq(x, false);
        x64_div(x, false, true, X_RCX);
        x64_mov32_rr(x, X_RAX, X_RDX);
        break;
    }
    uint8_t *done = x64_jmp(x);
    land(b, by_zero); /* a zero divisor: 0, and EX 0 */
    zero_both(x);
    land(b, done);
    if (in->op == OP_DIV)
        set_ex(b, X_RCX);
    if (loc == LOC_RAM)
        x64_load32(x, X_RDX, R_CODE, OFF(jit.scratch));
}

/* The x86 condition under which an IF's test holds, once b was compared with a (or
 * tested against it, for IFB and IFC). */
static enum x64_cc condition(unsigned op)
{
    switch (op) {
    case OP_IFB: return X_CC_NE;
    case OP_IFC: return X_CC_E;
    case OP_IFE: return X_CC_E;
    case OP_IFN: return X_CC_NE;
    case OP_IFG: return X_CC_A;
    case OP_IFA: return X_CC_G;
    case OP_IFL: return X_CC_B;
    default: return X_CC_L; /* IFU */
    }
}

/* An IF's test with b in eax and a in ecx: the condition under which it holds. */
static enum x64_cc compare(jit_block_t *b, unsigned op)
{
    if (op == OP_IFB || op == OP_IFC)
        x64_test_rr(&b->x, true, false, X_RAX, X_RCX);
    else
        x64_alu_rr(&b->x, true, X_CMP, X_RAX, X_RCX);
    return condition(op);
}

/* Leaves the block after instruction `index` (counted) for guest address to. */
static void leave(jit_block_t *b, unsigned index, uint16_t to, unsigned extra_cycles)
{
    count_steps(b, b->cycles_before[index + 1] + extra_cycles, index + 1);
    write_trail(b, X_RCX, index + 1);
    go_to(b, to);
}

/* One instruction; false when the block ends with it. */
static bool emit_insn(jit_block_t *b, unsigned i)
{
    const jit_insn_t *in = &b->in[i];
    x64_t *x = &b->x;
    bool last = i + 1 == b->count;
    switch (in->form) {
    case F_BASIC: {
        if (in_place(b, in, i)) {
            if (last)
                leave(b, i, (uint16_t)(in->pc + in->len), 0);
            return !last;
        }
        read_a(b, &in->a, i);
        enum loc loc = locate_b(b, &in->b, true, i);
        operand_posts(b, in);
        if (in->op == OP_SET || in->op == OP_STI || in->op == OP_STD) {
            write_b(b, loc, &in->b, X_RCX);
            if (in->op != OP_SET) {
                x64_incdec16(x, in->op == OP_STD, host_reg[REG_I]);
                x64_incdec16(x, in->op == OP_STD, host_reg[REG_J]);
            }
        } else {
            read_b(b, loc, &in->b);
            alu(b, in, loc);
            write_b(b, loc, &in->b, X_RAX);
        }
        if (last)
            leave(b, i, (uint16_t)(in->pc + in->len), 0);
        return !last;
    }
    case F_IF: {
        enum x64_cc holds;
        unsigned breg = host_reg_of(&in->b);
        if (breg != X_NONE && in->op != OP_IFB && in->op != OP_IFC) { /* cmp on it */
            bool imm;
            unsigned areg = a_operand(b, in, i, &imm);
            operand_posts(b, in);
            if (imm)
                x64_alu16_imm(x, X_CMP, breg, in->a.w);
            else
                x64_alu_rr(x, true, X_CMP, breg, areg);
            holds = condition(in->op);
        } else {
            read_a(b, &in->a, i);
            enum loc loc = locate_b(b, &in->b, false, i);
            operand_posts(b, in);
            read_b(b, loc, &in->b);
            holds = compare(b, in->op);
        }
        uint8_t *site = x64_jcc(x, holds ^ 1); /* fails: out of line */
        b->skip[b->skip_count++] = (jit_fixup_t){site, (uint8_t)i};
        if (!last)
            return true;
        leave(b, i, (uint16_t)(in->pc + in->len), 0);
        return false;
    }
    case F_JUMP:
        leave(b, i, in->a.w, 0);
        return false;
    case F_JUMP_DYN:
        if (in->a.kind == KIND_R) {
            if (in->a.rf == CPU_RF_EX)
                x64_movzx16_rm(x, X_RAX, R_CODE, X_NONE, 0, OFF_EX);
            else
                x64_movzx16_rr(x, X_RAX, host_reg[in->a.rf]);
        } else {
            read_a(b, &in->a, i);
            x64_mov32_rr(x, X_RAX, X_RCX);
        }
        if (in->a.kind != KIND_P) { /* SET PC, POP moves SP: never the classic end */
            x64_alu_imm(x, false, X_CMP, X_RAX, in->pc);
            plain_if(b, X_CC_E, i);
        }
        operand_posts(b, in);
        count_steps(b, b->cycles_before[i + 1], i + 1);
        write_trail(b, X_RCX, i + 1);
        x64_jmp_to(x, b->jit->lookup);
        return false;
    default: /* F_JSR: a is read first, then the return address pushed */
        read_a(b, &in->a, i);
        x64_lea(x, false, X_RDX, host_reg[CPU_RF_SP], -1);
        x64_movzx16_rr(x, X_RDX, X_RDX);
        check_io(b, X_RDX, i);
        check_covered(b, X_RDX, i);
        x64_mov16_rr(x, host_reg[CPU_RF_SP], X_RDX);
        x64_mov32_imm(x, X_RAX, (uint16_t)(in->pc + in->len));
        x64_store16(x, X_RAX, R_RAM, X_RDX, 1, 0);
        if (in->a.kind == KIND_S || in->a.kind == KIND_L) {
            leave(b, i, in->a.w, 0);
        } else {
            count_steps(b, b->cycles_before[i + 1], i + 1);
            write_trail(b, X_RDX, i + 1);
            x64_mov32_rr(x, X_RAX, X_RCX);
            x64_jmp_to(x, b->jit->lookup);
        }
        return false;
    }
}

/* Out of line: instruction k's plain-path exits, and the failed IFs' ways out. */
static void emit_stubs(jit_block_t *b)
{
    x64_t *x = &b->x;
    for (unsigned s = 0; s < b->skip_count; s++) {
        const jit_insn_t *in = &b->in[b->skip[s].index];
        land(b, b->skip[s].site);
        leave(b, b->skip[s].index, in->skip_to, in->skip_cost);
    }
    /* one stub per instruction that has plain exits */
    uint8_t *stub[JIT_BLOCK_MAX] = {0};
    for (unsigned s = 0; s < b->plain_count; s++) {
        unsigned k = b->plain[s].index;
        if (!stub[k]) {
            stub[k] = x->p;
            count_steps(b, b->cycles_before[k], k);
            x64_mov32_imm(x, X_RAX, b->in[k].pc | CPU_JIT_PLAIN);
            x64_mov32_imm(x, X_RDX, path_of(b, k));
            x64_jmp_to(x, b->jit->to_host);
        }
        if (!x->full)
            x64_patch(b->plain[s].site, stub[k]);
    }
}

/* ---------------------------------------------------------------- the shared stubs */

/* enter(code, ram, block): saves the host's registers, loads the guest's, jumps to the
 * block. to_host (eax = exit_pc, edx = exit_path): the reverse. lookup (eax = a guest
 * address): on to its block, or out through miss. */
static void emit_shared(cpu_jit_t *jit)
{
    x64_t x = {.p = jit->mem, .end = jit->mem + JIT_CODE_BYTES};
    static const uint8_t saved[6] = {X_RBX, X_RBP, X_R12, X_R13, X_R14, X_R15};

    void *enter = x.p; /* copied: ISO C has no object-to-function pointer cast */
    memcpy(&jit->enter, &enter, sizeof enter);
    for (unsigned i = 0; i < 6; i++)
        x64_push(&x, saved[i]);
    x64_mov64_rr(&x, R_CODE, X_RDI);
    x64_mov64_rr(&x, R_RAM, X_RSI);
    x64_mov64_rr(&x, X_RAX, X_RDX);
    for (unsigned i = 0; i < 9; i++)
        x64_movzx16_rm(&x, host_reg[i], R_CODE, X_NONE, 0, OFF_REG(i));
    x64_load64(&x, R_COUNT, R_CODE, X_NONE, 0, OFF(jit.counters));
    x64_jmp_reg(&x, X_RAX);

    jit->to_host = x.p;
    x64_store32(&x, X_RAX, R_CODE, OFF(jit.exit_pc));
    x64_store32(&x, X_RDX, R_CODE, OFF(jit.exit_path));
    for (unsigned i = 0; i < 9; i++)
        x64_store16(&x, host_reg[i], R_CODE, X_NONE, 0, OFF_REG(i));
    x64_store64(&x, R_COUNT, R_CODE, OFF(jit.counters));
    for (unsigned i = 6; i-- > 0;)
        x64_pop(&x, saved[i]);
    x64_ret(&x);

    jit->miss = x.p;
    x64_alu_rr(&x, false, X_XOR, X_RDX, X_RDX);
    x64_jmp_to(&x, jit->to_host);

    jit->lookup = x.p;
    x64_load64(&x, X_RDX, R_CODE, X_RAX, 3, OFF(jit_entry));
    x64_test_rr(&x, false, true, X_RDX, X_RDX);
    x64_jcc_to(&x, X_CC_E, jit->miss);
    x64_jmp_reg(&x, X_RDX);

    jit->start = jit->next = x.p;
}

/* ---------------------------------------------------------------- the manager */

static cpu_jit_t *jit_get(dcpu_t *cpu)
{
    if (cpu->jit)
        return cpu->jit->broken ? NULL : cpu->jit;
    void *tables = mmap(NULL, sizeof(cpu_jit_t), PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (tables == MAP_FAILED)
        return NULL; /* asked again next time; the interpreter runs meanwhile */
    cpu_jit_t *jit = tables;
    cpu->jit = jit;
    void *mem = mmap(NULL, JIT_CODE_BYTES, PROT_READ | PROT_WRITE | PROT_EXEC,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) {
        jit->broken = true; /* the interpreter runs everything */
        return NULL;
    }
    jit->mem = mem;
    emit_shared(jit);
    return jit;
}

void cpu_jit_drop(dcpu_t *cpu)
{
    cpu_code_t *code = cpu->code;
    cpu_jit_t *jit = cpu->jit;
    bool written = code->jit_stale;
    code->jit_stale = false;
    if (!jit || jit->broken)
        return;
    uint8_t *rewrites = &jit->rewrites[code->jit_stale_word >> JIT_REGION_SHIFT];
    if (written && *rewrites < JIT_REWRITES) /* a translated word was written over */
        (*rewrites)++;
    for (uint32_t k = 0; k < jit->head_count; k++) {
        uint16_t pc = jit->heads[k];
        code->jit_entry[pc] = NULL;
        if (code->op[pc].handler == H_JIT)
            code->op[pc].handler = H_DECODE;
    }
    for (unsigned w = 0; w < CPU_CODE_WORDS; w++)
        code->covered[w] &= (uint8_t)~CPU_COVER_JIT;
    jit->head_count = 0;
    jit->link_count = 0;
    memset(jit->link_head, 0, sizeof jit->link_head);
    jit->stats.drops++;
    jit->pool_used = 0;
    jit->next = jit->start;
}

/* The instructions of the block at pc; their count. */
static unsigned gather(const dcpu_t *cpu, uint16_t pc, jit_insn_t *in)
{
    unsigned n = 0;
    while (n < JIT_BLOCK_MAX && insn_at(cpu, pc, &in[n])) {
        const jit_insn_t *cur = &in[n++];
        if (cur->form == F_IF) {
            /* IF + SET PC, literal: the pair ends the block */
            jit_insn_t jump;
            uint16_t next = (uint16_t)(cur->pc + cur->len);
            if (n < JIT_BLOCK_MAX && insn_at(cpu, next, &jump) && jump.form == F_JUMP) {
                in[n++] = jump;
                break;
            }
        } else if (cur->form != F_BASIC) {
            break;
        }
        pc = (uint16_t)(cur->pc + cur->len);
    }
    return n;
}

static bool translate(dcpu_t *cpu, cpu_jit_t *jit, uint16_t pc, const jit_insn_t *in,
                      unsigned count)
{
    cpu_code_t *code = cpu->code;
    if (jit->pool_used + count > JIT_POOL_PCS ||
        (size_t)(jit->mem + JIT_CODE_BYTES - jit->next) < JIT_BLOCK_BYTES)
        return false;
    jit_block_t block = {
        .x = {.p = jit->next, .end = jit->mem + JIT_CODE_BYTES},
        .jit = jit, .code = code, .in = in, .count = count, .pool_at = jit->pool_used,
    };
    jit_block_t *b = &block;
    for (unsigned k = 0; k < count; k++)
        b->cycles_before[k + 1] = b->cycles_before[k] + in[k].cost;
    /* the entry: every step of the block starts before the limit */
    uint32_t before_last = b->cycles_before[count - 1];
    b->head = b->x.p;
    x64_lea(&b->x, true, X_RAX, R_COUNT, (int32_t)(before_last << CPU_JIT_CYCLE_SHIFT));
    x64_cmp64_rm(&b->x, X_RAX, R_CODE, OFF(jit.limit));
    uint8_t *too_late = x64_jcc(&b->x, X_CC_AE);
    for (unsigned k = 0; k < count && emit_insn(b, k); k++)
        ;
    land(b, too_late);
    x64_mov32_imm(&b->x, X_RAX, pc);
    x64_alu_rr(&b->x, false, X_XOR, X_RDX, X_RDX);
    x64_jmp_to(&b->x, jit->to_host);
    emit_stubs(b);
    bool ok = !b->x.full;
    if (ok) {
        jit->next = b->x.p;
        for (unsigned k = 0; k < count; k++) {
            jit->pool[jit->pool_used++] = in[k].pc;
            unsigned span = in[k].form == F_IF ? (uint16_t)(in[k].skip_to - in[k].pc) : in[k].len;
            for (unsigned w = 0; w < span; w++)
                code->covered[(uint16_t)(in[k].pc + w)] |= CPU_COVER_JIT;
        }
        code->jit_entry[pc] = b->head;
        keep_links(jit, b);
        link_to(jit, pc, b->head);
        jit->stats.blocks++;
        jit->heads[jit->head_count++ % CPU_CODE_WORDS] = pc;
        code->op[pc].handler = H_JIT;
        code->op[pc].aw = (uint16_t)before_last;
    }
    return ok;
}

bool cpu_jit_translate(dcpu_t *cpu, uint16_t pc)
{
    cpu_jit_t *jit = jit_get(cpu);
    if (!jit)
        return false;
    if (cpu->code->jit_stale)
        cpu_jit_drop(cpu);
    jit_insn_t in[JIT_BLOCK_MAX];
    unsigned count = gather(cpu, pc, in);
    if (count == 0)
        return false;
    if (jit->head_count >= CPU_CODE_WORDS || !translate(cpu, jit, pc, in, count)) {
        cpu_jit_drop(cpu); /* full: start again */
        return translate(cpu, jit, pc, in, count);
    }
    return true;
}

/* The last CPU_HISTORY PCs of the `ran` instructions translated code ran since entry
 * (instruction numbers n0 on): the exit's own path, then the trail back. */
static void rebuild_history(dcpu_t *cpu, const cpu_jit_t *jit, uint64_t n0, uint32_t ran)
{
    const cpu_jit_frame_t *f = &cpu->code->jit;
    uint32_t pos = ran, path = f->exit_path;
    while (pos > 0 && ran - pos < CPU_HISTORY) {
        uint32_t count = path & 0xff, at = path >> 8;
        while (count > 0 && pos > 0 && ran - pos < CPU_HISTORY) {
            pos--;
            cpu->history[(n0 + pos) & (CPU_HISTORY - 1)] = jit->pool[at + --count];
        }
        path = f->trail[(pos - 1) & 15];
    }
}

bool cpu_jit_run(dcpu_t *cpu)
{
    cpu_code_t *code = cpu->code;
    cpu_jit_t *jit = cpu->jit;
    cpu_jit_frame_t *f = &code->jit;
    memcpy(f->r, cpu->r, sizeof cpu->r);
    f->r[CPU_RF_SP] = cpu->sp;
    f->r[CPU_RF_EX] = cpu->ex;
    uint64_t room = cpu->limit - cpu->cycles;
    f->limit = (room < CPU_JIT_ROOM ? room : CPU_JIT_ROOM) << CPU_JIT_CYCLE_SHIFT;
    f->counters = 0;
    jit->stats.runs++;
    jit->enter(code, cpu->bus->ram, code->jit_entry[cpu->pc]);

    memcpy(cpu->r, f->r, sizeof cpu->r);
    cpu->sp = f->r[CPU_RF_SP];
    cpu->ex = f->r[CPU_RF_EX];
    uint32_t ran = (uint32_t)(f->counters & ((1u << CPU_JIT_CYCLE_SHIFT) - 1));
    rebuild_history(cpu, jit, cpu->instructions, ran);
    cpu->instructions += ran;
    jit->stats.instructions += ran;
    cpu->history_pos = (unsigned)(cpu->instructions & (CPU_HISTORY - 1));
    cpu->cycles += f->counters >> CPU_JIT_CYCLE_SHIFT;
    cpu->pc = (uint16_t)f->exit_pc;
    return (f->exit_pc & CPU_JIT_PLAIN) != 0;
}

cpu_jit_stats_t cpu_jit_stats(const dcpu_t *cpu)
{
    return cpu->jit ? cpu->jit->stats : (cpu_jit_stats_t){0};
}

void cpu_jit_free(dcpu_t *cpu)
{
    cpu_jit_t *jit = cpu->jit;
    if (!jit)
        return;
    if (jit->mem)
        munmap(jit->mem, JIT_CODE_BYTES);
    munmap(jit, sizeof *jit);
    cpu->jit = NULL;
}

#else /* no translator on this host or in this build */

bool cpu_jit_translate(dcpu_t *cpu, uint16_t pc)
{
    (void)cpu;
    (void)pc;
    return false;
}

bool cpu_jit_run(dcpu_t *cpu)
{
    (void)cpu;
    return true; /* never reached: nothing is translated */
}

void cpu_jit_drop(dcpu_t *cpu)
{
    cpu->code->jit_stale = false;
}

void cpu_jit_free(dcpu_t *cpu)
{
    (void)cpu;
}

cpu_jit_stats_t cpu_jit_stats(const dcpu_t *cpu)
{
    (void)cpu;
    return (cpu_jit_stats_t){0};
}

#endif
