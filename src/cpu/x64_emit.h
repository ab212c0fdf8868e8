/* x64_emit.h — the few x86-64 instructions the translator (cpu_jit.c) writes, as small
 * encoders into a byte buffer.
 *
 *   x64_t x = {.p = buf, .end = buf + size};
 *   x64_movzx16_rr(&x, X_RAX, X_RBX);     movzx eax, bx
 *   x64_ret(&x);
 *   if (x.full) ...                         ran out of room: nothing past end was written
 *
 * Memory operands are always [base + index * 2^scale + disp32] (X_NONE: no index), so
 * every form is one shape. Registers are numbered as the hardware does (X_RAX = 0 ..
 * X_R15 = 15). */
#ifndef D16_X64_EMIT_H
#define D16_X64_EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum x64_reg {
    X_RAX, X_RCX, X_RDX, X_RBX, X_RSP, X_RBP, X_RSI, X_RDI,
    X_R8, X_R9, X_R10, X_R11, X_R12, X_R13, X_R14, X_R15,
    X_NONE = 16
};

/* Condition codes (the low nibble of Jcc and SETcc). */
enum x64_cc {
    X_CC_B = 0x2, X_CC_AE = 0x3, X_CC_E = 0x4, X_CC_NE = 0x5, X_CC_BE = 0x6, X_CC_A = 0x7,
    X_CC_S = 0x8, X_CC_NS = 0x9, X_CC_L = 0xc, X_CC_GE = 0xd, X_CC_LE = 0xe, X_CC_G = 0xf
};

typedef struct x64 {
    uint8_t *p, *end;
    bool full; /* a write did not fit */
} x64_t;

static inline void x64_byte(x64_t *x, unsigned b)
{
    if (x->p < x->end)
        *x->p++ = (uint8_t)b;
    else
        x->full = true;
}

static inline void x64_u32(x64_t *x, uint32_t v)
{
    for (unsigned i = 0; i < 4; i++)
        x64_byte(x, v >> (8 * i));
}

/* Prefixes and opcode: 0x66 when 16-bit, REX when needed (w: 64-bit operand). op is one
 * byte or 0x0Fxx. */
static inline void x64_head(x64_t *x, bool o16, bool w, unsigned reg, unsigned index,
                            unsigned base, unsigned op)
{
    if (o16)
        x64_byte(x, 0x66);
    unsigned rex = (w ? 8u : 0u) | (reg >> 3 & 1u) << 2 |
                   (index != X_NONE ? (index >> 3 & 1u) << 1 : 0u) | (base >> 3 & 1u);
    if (rex)
        x64_byte(x, 0x40 | rex);
    if (op > 0xff)
        x64_byte(x, op >> 8);
    x64_byte(x, op & 0xff);
}

/* op reg, rm (register form). */
static inline void x64_rr(x64_t *x, bool o16, bool w, unsigned op, unsigned reg, unsigned rm)
{
    x64_head(x, o16, w, reg, X_NONE, rm, op);
    x64_byte(x, 0xc0 | (reg & 7u) << 3 | (rm & 7u));
}

/* op reg, [base + index << scale + disp] */
static inline void x64_rm(x64_t *x, bool o16, bool w, unsigned op, unsigned reg, unsigned base,
                          unsigned index, unsigned scale, int32_t disp)
{
    x64_head(x, o16, w, reg, index, base, op);
    x64_byte(x, 0x84 | (reg & 7u) << 3); /* mod 10 (disp32), rm 100 (SIB) */
    x64_byte(x, scale << 6 | ((index == X_NONE ? 4u : index) & 7u) << 3 | (base & 7u));
    x64_u32(x, (uint32_t)disp);
}

/* Register moves and extensions. */
static inline void x64_movzx16_rr(x64_t *x, unsigned dst, unsigned src)
{
    x64_rr(x, false, false, 0x0fb7, dst, src);
}
static inline void x64_movzx16_rm(x64_t *x, unsigned dst, unsigned base, unsigned index,
                                  unsigned scale, int32_t disp)
{
    x64_rm(x, false, false, 0x0fb7, dst, base, index, scale, disp);
}
static inline void x64_movsx16_rm(x64_t *x, unsigned dst, unsigned base, int32_t disp)
{
    x64_rm(x, false, false, 0x0fbf, dst, base, X_NONE, 0, disp);
}
static inline void x64_movsx16_rr(x64_t *x, bool w, unsigned dst, unsigned src)
{
    x64_rr(x, false, w, 0x0fbf, dst, src);
}
static inline void x64_movzx8_rr(x64_t *x, unsigned dst, unsigned src) /* src: al..bl */
{
    x64_rr(x, false, false, 0x0fb6, dst, src);
}
static inline void x64_mov16_rr(x64_t *x, unsigned dst, unsigned src)
{
    x64_rr(x, true, false, 0x89, src, dst);
}
static inline void x64_mov32_rr(x64_t *x, unsigned dst, unsigned src)
{
    x64_rr(x, false, false, 0x89, src, dst);
}
static inline void x64_store16(x64_t *x, unsigned src, unsigned base, unsigned index,
                               unsigned scale, int32_t disp)
{
    x64_rm(x, true, false, 0x89, src, base, index, scale, disp);
}
static inline void x64_store32(x64_t *x, unsigned src, unsigned base, int32_t disp)
{
    x64_rm(x, false, false, 0x89, src, base, X_NONE, 0, disp);
}
static inline void x64_load32(x64_t *x, unsigned dst, unsigned base, int32_t disp)
{
    x64_rm(x, false, false, 0x8b, dst, base, X_NONE, 0, disp);
}
static inline void x64_store64(x64_t *x, unsigned src, unsigned base, int32_t disp)
{
    x64_rm(x, false, true, 0x89, src, base, X_NONE, 0, disp);
}
static inline void x64_load64(x64_t *x, unsigned dst, unsigned base, unsigned index,
                              unsigned scale, int32_t disp)
{
    x64_rm(x, false, true, 0x8b, dst, base, index, scale, disp);
}
static inline void x64_mov32_imm(x64_t *x, unsigned dst, uint32_t v)
{
    if (dst >= 8)
        x64_byte(x, 0x41);
    x64_byte(x, 0xb8 + (dst & 7u));
    x64_u32(x, v);
}
static inline void x64_mov64_rr(x64_t *x, unsigned dst, unsigned src)
{
    x64_rr(x, false, true, 0x89, src, dst);
}
/* mov dword [base + disp], imm32 */
static inline void x64_store32_imm(x64_t *x, unsigned base, unsigned index, unsigned scale,
                                   int32_t disp, uint32_t v)
{
    x64_rm(x, false, false, 0xc7, 0, base, index, scale, disp);
    x64_u32(x, v);
}
/* lea dst, [base + disp] (32-bit result unless w) */
static inline void x64_lea(x64_t *x, bool w, unsigned dst, unsigned base, int32_t disp)
{
    x64_rm(x, false, w, 0x8d, dst, base, X_NONE, 0, disp);
}

/* Arithmetic. alu is the /digit and the "op r/m, reg" opcode's row: */
enum x64_alu { X_ADD = 0, X_OR = 1, X_ADC = 2, X_SBB = 3, X_AND = 4, X_SUB = 5, X_XOR = 6, X_CMP = 7 };
static inline void x64_alu_rr(x64_t *x, bool o16, enum x64_alu alu, unsigned dst, unsigned src)
{
    x64_rr(x, o16, false, (unsigned)alu << 3 | 1u, src, dst);
}
/* alu dst32, imm32 (w: 64-bit, sign-extended) */
static inline void x64_alu_imm(x64_t *x, bool w, enum x64_alu alu, unsigned dst, int32_t v)
{
    if (v >= -128 && v <= 127) {
        x64_rr(x, false, w, 0x83, alu, dst);
        x64_byte(x, (uint8_t)v);
    } else {
        x64_rr(x, false, w, 0x81, alu, dst);
        x64_u32(x, (uint32_t)v);
    }
}
/* alu reg16, imm16 (the short form when the value sign-extends from a byte) */
static inline void x64_alu16_imm(x64_t *x, enum x64_alu alu, unsigned reg, uint16_t v)
{
    if (v < 0x80 || v >= 0xff80) {
        x64_rr(x, true, false, 0x83, alu, reg);
        x64_byte(x, v & 0xff);
    } else {
        x64_rr(x, true, false, 0x81, alu, reg);
        x64_byte(x, v & 0xff);
        x64_byte(x, v >> 8);
    }
}
/* cmp reg64, [base + disp] */
static inline void x64_cmp64_rm(x64_t *x, unsigned reg, unsigned base, int32_t disp)
{
    x64_rm(x, false, true, 0x3b, reg, base, X_NONE, 0, disp);
}
/* cmp byte [base + index + disp], 0 */
static inline void x64_cmp8_zero(x64_t *x, unsigned base, unsigned index, int32_t disp)
{
    x64_rm(x, false, false, 0x80, 7, base, index, 0, disp);
    x64_byte(x, 0);
}
static inline void x64_test_rr(x64_t *x, bool o16, bool w, unsigned a, unsigned b)
{
    x64_rr(x, o16, w, 0x85, b, a);
}
static inline void x64_imul_rr(x64_t *x, unsigned dst, unsigned src)
{
    x64_rr(x, false, false, 0x0faf, dst, src);
}
/* shl/shr/sar reg, imm (digit 4, 5, 7) */
enum x64_shift { X_SHL = 4, X_SHR = 5, X_SAR = 7 };
static inline void x64_shift_imm(x64_t *x, bool w, enum x64_shift s, unsigned reg, unsigned n)
{
    x64_rr(x, false, w, 0xc1, s, reg);
    x64_byte(x, n);
}
/* inc / dec reg16 */
static inline void x64_incdec16(x64_t *x, bool dec, unsigned reg)
{
    x64_rr(x, true, false, 0xff, dec ? 1 : 0, reg);
}
/* div / idiv reg (F7 /6, /7) */
static inline void x64_div(x64_t *x, bool w, bool is_signed, unsigned reg)
{
    x64_rr(x, false, w, 0xf7, is_signed ? 7 : 6, reg);
}
static inline void x64_cdq(x64_t *x, bool w) /* cdq, or cqo when w */
{
    if (w)
        x64_byte(x, 0x48);
    x64_byte(x, 0x99);
}
static inline void x64_setcc(x64_t *x, enum x64_cc cc, unsigned reg8) /* al, cl, dl, bl */
{
    x64_rr(x, false, false, 0x0f90 | cc, 0, reg8);
}

/* Control flow. Jumps with a 32-bit displacement return where it sits, for x64_patch. */
static inline uint8_t *x64_jcc(x64_t *x, enum x64_cc cc)
{
    x64_byte(x, 0x0f);
    x64_byte(x, 0x80 | cc);
    uint8_t *at = x->p;
    x64_u32(x, 0);
    return at;
}
static inline uint8_t *x64_jmp(x64_t *x)
{
    x64_byte(x, 0xe9);
    uint8_t *at = x->p;
    x64_u32(x, 0);
    return at;
}
/* Points the displacement at `at` (from x64_jcc / x64_jmp) to target. */
static inline void x64_patch(uint8_t *at, const uint8_t *target)
{
    int32_t rel = (int32_t)(target - (at + 4));
    memcpy(at, &rel, sizeof rel);
}
static inline void x64_jmp_to(x64_t *x, const uint8_t *target)
{
    uint8_t *at = x64_jmp(x);
    if (!x->full)
        x64_patch(at, target);
}
static inline void x64_jcc_to(x64_t *x, enum x64_cc cc, const uint8_t *target)
{
    uint8_t *at = x64_jcc(x, cc);
    if (!x->full)
        x64_patch(at, target);
}
static inline void x64_jmp_reg(x64_t *x, unsigned reg)
{
    x64_rr(x, false, false, 0xff, 4, reg);
}
static inline void x64_push(x64_t *x, unsigned reg)
{
    if (reg >= 8)
        x64_byte(x, 0x41);
    x64_byte(x, 0x50 + (reg & 7u));
}
static inline void x64_pop(x64_t *x, unsigned reg)
{
    if (reg >= 8)
        x64_byte(x, 0x41);
    x64_byte(x, 0x58 + (reg & 7u));
}
static inline void x64_ret(x64_t *x)
{
    x64_byte(x, 0xc3);
}

#endif
