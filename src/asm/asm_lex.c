/* asm_lex.c — one source line to tokens: identifiers, numbers (with _ separators),
 * characters, strings and punctuation. Comments (; or //) end the line. Errors are
 * reported with their column. */
#include "asm/asm_int.h"

#include <stdlib.h>
#include <string.h>

bool asm_is_ident_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.';
}

bool asm_is_ident_char(int c)
{
    return asm_is_ident_start(c) || (c >= '0' && c <= '9');
}

static int digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 99;
}

static asm_token_t *push_token(asm_tokens_t *t, int kind, unsigned off, unsigned len)
{
    asm_token_t *n = asm_grow(t->t, &t->cap, t->n + 1, sizeof *t->t);
    if (!n)
        return NULL;
    t->t = n;
    asm_token_t *tok = &t->t[t->n++];
    memset(tok, 0, sizeof *tok);
    tok->kind = kind;
    tok->off = off;
    tok->len = len;
    tok->col = off + 1;
    return tok;
}

/* One character of a string or character literal, escapes decoded; returns the
 * position after it, or 0 on a bad escape (reported). */
static size_t lex_char(asm_t *as, uint32_t line, const char *s, size_t i, int *out)
{
    if (s[i] != '\\') {
        *out = (unsigned char)s[i];
        return i + 1;
    }
    size_t at = i++;
    switch (s[i]) {
    case 'n': *out = '\n'; return i + 1;
    case 't': *out = '\t'; return i + 1;
    case 'r': *out = '\r'; return i + 1;
    case '0': *out = 0; return i + 1;
    case 'a': *out = 7; return i + 1;
    case 'b': *out = 8; return i + 1;
    case 'e': *out = 27; return i + 1;
    case 'f': *out = 12; return i + 1;
    case 'v': *out = 11; return i + 1;
    case '\\': case '\'': case '"': *out = s[i]; return i + 1;
    case 'x': {
        int v = 0, n = 0;
        while (n < 2 && digit_value(s[i + 1]) < 16) {
            v = v * 16 + digit_value(s[++i]);
            n++;
        }
        if (n == 0)
            break;
        *out = v;
        return i + 1;
    }
    default:
        break;
    }
    asm_error(as, line, (unsigned)at + 1, "bad escape sequence in literal");
    return 0;
}

static size_t lex_number(asm_t *as, uint32_t line, const char *s, size_t i, int64_t *out)
{
    size_t start = i;
    unsigned base = 10;
    if (s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
        base = 16, i += 2;
    else if (s[i] == '0' && (s[i + 1] == 'b' || s[i + 1] == 'B'))
        base = 2, i += 2;
    else if (s[i] == '0' && (s[i + 1] == 'o' || s[i + 1] == 'O'))
        base = 8, i += 2;
    uint64_t v = 0;
    size_t digits = 0;
    bool big = false;
    while (asm_is_ident_char((unsigned char)s[i])) {
        if (s[i] == '_' && digits > 0) { /* 0x1_000: a digit separator */
            i++;
            continue;
        }
        int d = digit_value((unsigned char)s[i]);
        if (d >= (int)base) {
            asm_error(as, line, (unsigned)start + 1, "bad number '%.*s'",
                      (int)(i - start + 1), s + start);
            return 0;
        }
        v = v * base + (unsigned)d;
        if (v > 0xffffffffu)
            big = true, v = 0xffffffffu;
        digits++, i++;
    }
    if (digits == 0) {
        asm_error(as, line, (unsigned)start + 1, "bad number");
        return 0;
    }
    if (big) {
        asm_error(as, line, (unsigned)start + 1, "number too large");
        return 0;
    }
    *out = (int64_t)v;
    return i;
}

static int two_char_punct(char a, char b)
{
    static const struct { char a, b; int p; } pairs[] = {
        {'<', '<', P_SHL}, {'>', '>', P_SHR}, {'<', '=', P_LE}, {'>', '=', P_GE},
        {'=', '=', P_EQ},  {'!', '=', P_NE},  {'&', '&', P_ANDAND}, {'|', '|', P_OROR},
        {'+', '+', P_INC}, {'-', '-', P_DEC},
    };
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
        if (pairs[k].a == a && pairs[k].b == b)
            return pairs[k].p;
    return 0;
}

static size_t lex_string(asm_t *as, uint32_t line, const char *s, size_t i, asm_token_t *tok)
{
    size_t start = i++;
    size_t cap = strlen(s + i) + 1;
    tok->str = malloc(cap);
    if (!tok->str)
        return 0;
    while (s[i] && s[i] != '"') {
        int ch;
        size_t next = lex_char(as, line, s, i, &ch);
        if (!next)
            return 0;
        tok->str[tok->slen++] = (char)ch;
        i = next;
    }
    tok->str[tok->slen] = 0;
    if (s[i] != '"') {
        asm_error(as, line, (unsigned)start + 1, "unterminated string");
        return 0;
    }
    return i + 1;
}

static size_t lex_one(asm_t *as, uint32_t line, const char *s, size_t i, asm_tokens_t *out)
{
    unsigned char c = (unsigned char)s[i];
    asm_token_t *tok;
    if (asm_is_ident_start(c) || (c == '#' && asm_is_ident_start((unsigned char)s[i + 1]))) {
        size_t j = i + 1;
        while (asm_is_ident_char((unsigned char)s[j]))
            j++;
        if (!(tok = push_token(out, TK_IDENT, (unsigned)i, (unsigned)(j - i))))
            return 0;
        tok->str = asm_strndup(s + i, j - i);
        tok->slen = j - i;
        return tok->str ? j : 0;
    }
    if (c >= '0' && c <= '9') {
        if (!(tok = push_token(out, TK_NUM, (unsigned)i, 0)))
            return 0;
        size_t j = lex_number(as, line, s, i, &tok->num);
        tok->len = (unsigned)(j - i);
        return j;
    }
    if (c == '\'') {
        if (!(tok = push_token(out, TK_NUM, (unsigned)i, 0)))
            return 0;
        int ch = 0;
        size_t j = s[i + 1] ? lex_char(as, line, s, i + 1, &ch) : 0;
        if (j && s[j] == '\'') {
            tok->num = ch;
            tok->len = (unsigned)(j + 1 - i);
            return j + 1;
        }
        if (j || !s[i + 1])
            asm_error(as, line, (unsigned)i + 1, "bad character literal");
        return 0;
    }
    if (c == '"') {
        if (!(tok = push_token(out, TK_STR, (unsigned)i, 0)))
            return 0;
        size_t j = lex_string(as, line, s, i, tok);
        tok->len = (unsigned)(j - i);
        return j;
    }
    int p = two_char_punct(s[i], s[i + 1]);
    if (p) {
        if (!(tok = push_token(out, TK_PUNCT, (unsigned)i, 2)))
            return 0;
        tok->punct = p;
        return i + 2;
    }
    if (c && strchr("+-*/%&|^~!()[]{},:<>=$", c)) {
        if (!(tok = push_token(out, TK_PUNCT, (unsigned)i, 1)))
            return 0;
        tok->punct = c;
        return i + 1;
    }
    if (c >= 0x20 && c < 0x7f)
        asm_error(as, line, (unsigned)i + 1, "unexpected character '%c'", c);
    else
        asm_error(as, line, (unsigned)i + 1, "unexpected byte 0x%02x", c);
    return 0;
}

bool asm_lex_line(asm_t *as, uint32_t line, asm_tokens_t *out)
{
    const char *s = as->lines[line].text;
    size_t i = 0;
    for (size_t k = 0; k < out->n; k++)
        free(out->t[k].str);
    out->n = 0;
    for (;;) {
        while (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v')
            i++;
        if (!s[i] || s[i] == ';' || (s[i] == '/' && s[i + 1] == '/'))
            break;
        size_t next = lex_one(as, line, s, i, out);
        if (!next)
            return false;
        i = next;
    }
    return push_token(out, TK_EOL, (unsigned)i, 0) != NULL;
}

void asm_tokens_free(asm_tokens_t *t)
{
    for (size_t k = 0; k < t->n; k++)
        free(t->t[k].str);
    free(t->t);
    t->t = NULL;
    t->n = t->cap = 0;
}
