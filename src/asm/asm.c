/* asm.c — the assembler's public entry points, diagnostics, and the listing and symbols
 * texts. The work itself is in asm_source.c, asm_stmt.c and asm_layout.c. */
#include "asm/asm_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASM_MAX_WARNINGS 100

void *asm_grow(void *array, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return array;
    size_t n = *cap ? *cap * 2 : 16;
    while (n < need)
        n *= 2;
    void *g = realloc(array, n * elem);
    if (g)
        *cap = n;
    return g;
}

char *asm_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

char *asm_strdup(const char *s)
{
    return asm_strndup(s, strlen(s));
}

static void diagnose(asm_t *as, asm_severity_t sev, uint32_t line, unsigned col,
                     const char *fmt, va_list ap)
{
    if (as->stop)
        return;
    char msg[512];
    int len = vsnprintf(msg, sizeof msg, fmt, ap);
    if (sev == ASM_WARNING && as->opts->strict) {
        sev = ASM_ERROR; /* --strict: docs/assembler.md "Dialects" */
        if (len >= 0 && (size_t)len < sizeof msg)
            snprintf(msg + len, sizeof msg - (size_t)len, " [--strict]");
    }
    asm_diag_t d = {sev, "", 0, 0, msg, NULL};
    if (line != ASM_NO_LINE && line < as->nlines) {
        d.file = as->files[as->lines[line].file].name;
        d.line = as->lines[line].lineno;
        d.col = col;
        d.source = as->lines[line].text;
    } else if (as->nfiles) {
        d.file = as->files[0].name;
    } else if (as->main_name) {
        d.file = as->main_name;
    }
    if (sev == ASM_ERROR)
        as->errors++;
    else if (sev == ASM_WARNING && ++as->warnings > ASM_MAX_WARNINGS)
        return; /* counted, no longer shown */
    if (as->opts->diag)
        as->opts->diag(as->opts->diag_ctx, &d);
    if (sev == ASM_WARNING && as->warnings == ASM_MAX_WARNINGS && as->opts->diag) {
        asm_diag_t more = {ASM_WARNING, d.file, 0, 0, "further warnings are not shown", NULL};
        as->opts->diag(as->opts->diag_ctx, &more);
    }
    if (sev == ASM_ERROR && as->errors >= as->max_errors) {
        asm_diag_t stop = {ASM_ERROR, d.file, 0, 0, "too many errors; stopping", NULL};
        if (as->opts->diag)
            as->opts->diag(as->opts->diag_ctx, &stop);
        as->stop = true;
    }
}

void asm_error(asm_t *as, uint32_t line, unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diagnose(as, ASM_ERROR, line, col, fmt, ap);
    va_end(ap);
}

void asm_warning(asm_t *as, uint32_t line, unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diagnose(as, ASM_WARNING, line, col, fmt, ap);
    va_end(ap);
}

void asm_note(asm_t *as, uint32_t line, unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diagnose(as, ASM_NOTE, line, col, fmt, ap);
    va_end(ap);
}

/* The echoed source line shows control bytes (a binary file read as source) as '?', so a
 * diagnostic cannot send escape sequences to the terminal; tabs stay for the caret. */
static void asm_diag_blank_controls(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            s[i] = '?';
    }
}

int asm_diag_format(const asm_diag_t *d, char *buf, size_t size)
{
    const char *kind = d->severity == ASM_ERROR     ? "error"
                       : d->severity == ASM_WARNING ? "warning"
                                                    : "note";
    if (!d->line)
        return snprintf(buf, size, "%s: %s: %s\n", d->file, kind, d->message);
    unsigned col = d->col ? d->col : 1;
    const char *src = d->source ? d->source : "";
    /* The caret line copies the source's tabs so the caret lands under the column. */
    char pad[256];
    size_t k = 0, src_len = strlen(src);
    if (src_len && src[src_len - 1] == '\r') /* a CRLF file: the CR is no part of the line */
        src_len--;
    for (; k + 1 < col && k + 1 < sizeof pad; k++)
        pad[k] = k < src_len && src[k] == '\t' ? '\t' : ' ';
    pad[k] = 0;
    int n = snprintf(buf, size, "%s:%u:%u: %s: %s\n%.*s\n%s%*s^\n", d->file, d->line, col,
                     kind, d->message, (int)src_len, src, pad, (int)(col - 1 - k), "");
    int head = snprintf(NULL, 0, "%s:%u:%u: %s: %s\n", d->file, d->line, col, kind, d->message);
    if (head >= 0 && (size_t)head < size)
        asm_diag_blank_controls(buf + head, src_len < size - 1 - head ? src_len : size - 1 - head);
    return n;
}

static void define_cli_symbols(asm_t *as)
{
    for (size_t k = 0; k < as->opts->define_count; k++) {
        const asm_define_t *def = &as->opts->defines[k];
        char name[512];
        asm_sym_scoped(as, def->name, name, sizeof name); /* no scope yet: case only */
        int32_t s = asm_sym_define(as, name, SYM_CLI, ASM_NO_LINE, 0);
        if (s != ASM_NONE)
            as->syms[s].value = def->value;
    }
}

static void asm_free(asm_t *as)
{
    for (size_t k = 0; k < as->nlines; k++)
        free(as->lines[k].text);
    free(as->lines);
    for (size_t k = 0; k < as->nitems; k++) {
        free(as->items[k].list);
        free(as->items[k].bin);
    }
    free(as->items);
    for (size_t k = 0; k < as->nexprs; k++)
        free(as->exprs[k].sym);
    free(as->exprs);
    for (size_t k = 0; k < as->nsyms; k++)
        free(as->syms[k].name);
    free(as->syms);
    free(as->hash);
    for (size_t k = 0; k < as->nmacros; k++) {
        free(as->macros[k].name);
        for (size_t p = 0; p < as->macros[k].nparams; p++)
            free(as->macros[k].params[p]);
        free(as->macros[k].params);
        free(as->macros[k].body);
    }
    free(as->macros);
    free(as->conds);
    for (size_t k = 0; k < as->nfiles; k++)
        free(as->files[k].name);
    free(as->files);
    free(as->image);
}

static int compare_symbols(const void *a, const void *b)
{
    return strcmp(((const asm_symbol_t *)a)->name, ((const asm_symbol_t *)b)->name);
}

static void collect_symbols(asm_t *as, asm_output_t *out)
{
    out->symbols = calloc(as->nsyms ? as->nsyms : 1, sizeof *out->symbols);
    if (!out->symbols)
        return;
    for (size_t k = 0; k < as->nsyms; k++) {
        asm_sym_t *s = &as->syms[k];
        asm_eval_info_t info = {0};
        int64_t v = s->kind == SYM_EQU ? asm_eval(as, s->expr, s->line, 0, false, &info)
                                       : s->value;
        asm_symbol_t *o = &out->symbols[out->symbol_count];
        if (!(o->name = asm_strdup(s->name)))
            break;
        o->value = (uint16_t)((uint64_t)v & 0xffff);
        o->is_label = s->kind == SYM_LABEL;
        out->symbol_count++;
    }
    qsort(out->symbols, out->symbol_count, sizeof *out->symbols, compare_symbols);
}

static void collect_listing(asm_t *as, asm_output_t *out)
{
    out->listing = calloc(as->nlines ? as->nlines : 1, sizeof *out->listing);
    if (!out->listing)
        return;
    for (size_t k = 0; k < as->nlines; k++) {
        const asm_line_t *l = &as->lines[k];
        if (!l->item_count)
            continue;
        const asm_item_t *first = &as->items[l->first_item];
        const asm_item_t *last = &as->items[l->first_item + l->item_count - 1];
        asm_list_line_t *o = &out->listing[out->listing_count];
        uint32_t start = first->addr, end = last->addr + last->size;
        if (last->kind == IT_ORG)
            start = end; /* .org shows where it leads, not the padding */
        if (end > out->count)
            end = (uint32_t)out->count;
        if (start > end)
            start = end;
        o->addr = (uint16_t)start;
        o->first = start;
        o->count = end - start;
        char where[600];
        snprintf(where, sizeof where, "%s:%u", as->files[l->file].name, l->lineno);
        o->where = asm_strdup(where);
        o->source = asm_strdup(l->text);
        out->listing_count++;
    }
}

static int run(asm_t *as, const asm_options_t *opts, asm_output_t *out,
               bool (*feed)(asm_t *, const void *), const void *arg)
{
    memset(out, 0, sizeof *out);
    memset(as, 0, sizeof *as);
    as->opts = opts ? opts : &as->defaults;
    as->max_errors = as->opts->max_errors ? as->opts->max_errors : 20;
    define_cli_symbols(as);
    feed(as, arg);
    if (!as->stop)
        asm_layout_and_emit(as);
    out->errors = as->errors;
    out->warnings = as->warnings;
    if (as->errors == 0 && as->image) {
        out->words = as->image;
        out->count = as->image_size;
        as->image = NULL;
        collect_symbols(as, out);
        collect_listing(as, out);
    }
    asm_free(as);
    return out->errors ? 1 : 0;
}

typedef struct text_arg {
    const char *name, *text;
    size_t length;
} text_arg_t;

static bool feed_text(asm_t *as, const void *arg)
{
    const text_arg_t *t = arg;
    return asm_source_text(as, t->name, t->text, t->length);
}

static bool feed_file(asm_t *as, const void *arg)
{
    return asm_source_file(as, arg, ASM_NO_LINE, 0);
}

int asm_assemble_string(const char *name, const char *text, size_t length,
                        const asm_options_t *opts, asm_output_t *out)
{
    asm_t as;
    text_arg_t arg = {name ? name : "<input>", text ? text : "", text ? length : 0};
    return run(&as, opts, out, feed_text, &arg);
}

int asm_assemble_file(const char *path, const asm_options_t *opts, asm_output_t *out)
{
    asm_t as;
    return run(&as, opts, out, feed_file, path);
}

void asm_output_free(asm_output_t *out)
{
    free(out->words);
    for (size_t k = 0; k < out->symbol_count; k++)
        free(out->symbols[k].name);
    free(out->symbols);
    for (size_t k = 0; k < out->listing_count; k++) {
        free(out->listing[k].where);
        free(out->listing[k].source);
    }
    free(out->listing);
    memset(out, 0, sizeof *out);
}

/* A growing string for the text outputs. */
typedef struct strbuf {
    char *s;
    size_t len, cap;
    bool failed;
} strbuf_t;

__attribute__((format(printf, 2, 3))) static void sb_printf(strbuf_t *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *g = n < 0 ? NULL : asm_grow(b->s, &b->cap, b->len + (size_t)n + 1, 1);
    if (!g) {
        b->failed = true;
        return;
    }
    b->s = g;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static char *sb_finish(strbuf_t *b)
{
    if (b->failed || !b->s) {
        free(b->s);
        return b->failed ? NULL : asm_strdup("");
    }
    return b->s;
}

char *asm_listing_text(const asm_output_t *out)
{
    strbuf_t b = {0};
    enum { SHOWN = 4 };
    for (size_t k = 0; k < out->listing_count; k++) {
        const asm_list_line_t *l = &out->listing[k];
        char words[64] = "";
        size_t n = 0;
        for (uint32_t w = 0; w < l->count && w < SHOWN; w++)
            n += (size_t)snprintf(words + n, sizeof words - n, "%s%04x", w ? " " : "",
                                  (unsigned)out->words[l->first + w]);
        if (l->count > SHOWN)
            snprintf(words + n, sizeof words - n, " ...");
        sb_printf(&b, "%04x  %-24s %s\n", (unsigned)l->addr, words, l->source);
    }
    return sb_finish(&b);
}

static int compare_by_address(const void *a, const void *b)
{
    const asm_symbol_t *x = *(const asm_symbol_t *const *)a, *y = *(const asm_symbol_t *const *)b;
    if (x->value != y->value)
        return x->value < y->value ? -1 : 1;
    return strcmp(x->name, y->name);
}

char *asm_symbols_text(const asm_output_t *out)
{
    const asm_symbol_t **order = malloc((out->symbol_count + 1) * sizeof *order);
    if (!order)
        return NULL;
    size_t n = 0;
    for (size_t k = 0; k < out->symbol_count; k++)
        if (out->symbols[k].is_label)
            order[n++] = &out->symbols[k];
    qsort(order, n, sizeof *order, compare_by_address);
    strbuf_t b = {0};
    for (size_t k = 0; k < n; k++)
        sb_printf(&b, "%s 0x%04x\n", order[k]->name, (unsigned)order[k]->value);
    free(order);
    return sb_finish(&b);
}
