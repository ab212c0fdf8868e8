/* asm_symtab.c — labels and constants by name (an open-addressing hash over as->syms).
 * Local names (.x, _x) are stored under the last global label: "main.x", "main._x". */
#include "asm/asm_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

bool asm_sym_is_local(const char *name)
{
    return name[0] == '.' || name[0] == '_';
}

void asm_sym_scoped(asm_t *as, const char *written, char *out, size_t size)
{
    if (asm_sym_is_local(written) && as->scope[0])
        snprintf(out, size, "%s%s%s", as->scope, written[0] == '.' ? "" : ".", written);
    else
        snprintf(out, size, "%s", written);
    if (as->opts->ignore_case) /* --ignore-case: one spelling for every name */
        for (char *p = out; *p; p++)
            *p = (char)tolower((unsigned char)*p);
}

static uint32_t hash_name(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static bool rehash(asm_t *as, size_t cap)
{
    int32_t *h = malloc(cap * sizeof *h);
    if (!h)
        return false;
    for (size_t k = 0; k < cap; k++)
        h[k] = ASM_NONE;
    for (size_t k = 0; k < as->nsyms; k++) {
        size_t slot = hash_name(as->syms[k].name) & (cap - 1);
        while (h[slot] != ASM_NONE)
            slot = (slot + 1) & (cap - 1);
        h[slot] = (int32_t)k;
    }
    free(as->hash);
    as->hash = h;
    as->hashcap = cap;
    return true;
}

int32_t asm_sym_find(asm_t *as, const char *name)
{
    if (!as->hashcap)
        return ASM_NONE;
    size_t slot = hash_name(name) & (as->hashcap - 1);
    while (as->hash[slot] != ASM_NONE) {
        if (strcmp(as->syms[as->hash[slot]].name, name) == 0)
            return as->hash[slot];
        slot = (slot + 1) & (as->hashcap - 1);
    }
    return ASM_NONE;
}

/* Adds name; ASM_NONE when it exists already (the caller reports) or memory ran out. */
int32_t asm_sym_define(asm_t *as, const char *name, int kind, uint32_t line, unsigned col)
{
    if (asm_sym_find(as, name) != ASM_NONE)
        return ASM_NONE;
    if ((as->nsyms + 1) * 2 > as->hashcap && !rehash(as, as->hashcap ? as->hashcap * 2 : 64))
        return ASM_NONE;
    asm_sym_t *n = asm_grow(as->syms, &as->capsyms, as->nsyms + 1, sizeof *n);
    if (!n)
        return ASM_NONE;
    as->syms = n;
    asm_sym_t *s = &as->syms[as->nsyms];
    memset(s, 0, sizeof *s);
    if (!(s->name = asm_strdup(name)))
        return ASM_NONE;
    s->kind = kind;
    s->expr = s->item = ASM_NONE;
    s->line = line;
    s->col = col;
    size_t slot = hash_name(name) & (as->hashcap - 1);
    while (as->hash[slot] != ASM_NONE)
        slot = (slot + 1) & (as->hashcap - 1);
    as->hash[slot] = (int32_t)as->nsyms;
    return (int32_t)as->nsyms++;
}
