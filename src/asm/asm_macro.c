/* asm_macro.c — .macro definitions (or brace macros, #macro name(a) { ... }) and calls: a
 * body is kept as source lines and each call re-reads them with the parameters replaced by
 * the argument text, whole words only. */
#include "asm/asm_int.h"

#include <stdlib.h>
#include <string.h>

#define MACRO_MAX_LINE 16384 /* characters in one expanded line: bounds blow-ups */

asm_macro_t *asm_macro_find(asm_t *as, const char *name)
{
    for (size_t k = 0; k < as->nmacros; k++)
        if (strcmp(as->macros[k].name, name) == 0)
            return &as->macros[k];
    return NULL;
}

void asm_macro_begin(asm_t *as, asm_cursor_t *c)
{
    asm_token_t *name = asm_peek(c);
    if (name->kind != TK_IDENT || name->str[0] == '.' || name->str[0] == '#') {
        asm_error(as, c->line, name->col, "expected a macro name");
        return;
    }
    if (op_find(name->str) || asm_register_index(name->str) >= 0 || asm_macro_find(as, name->str)) {
        asm_error(as, c->line, name->col, "'%s' is already an instruction or macro",
                  name->str);
        return;
    }
    c->i++;
    bool paren = asm_at_punct(c, '(');
    if (paren)
        c->i++;
    char **params = NULL;
    size_t n = 0, cap = 0;
    while (asm_peek(c)->kind == TK_IDENT) {
        char **g = asm_grow(params, &cap, n + 1, sizeof *params);
        if (!g)
            break;
        params = g;
        params[n++] = asm_strdup(asm_peek(c)->str);
        c->i++;
        if (!asm_at_punct(c, ','))
            break;
        c->i++;
    }
    bool ok = true;
    if (paren && asm_at_punct(c, ')'))
        c->i++;
    else if (paren)
        ok = false, asm_error(as, c->line, asm_peek(c)->col, "expected ')'");
    /* "#macro name(a) {": the body is the following lines, up to one starting with '}';
     * "#macro name { body }" is a one-line body. */
    bool brace = ok && asm_at_punct(c, '{');
    char *one_line = NULL;
    if (brace && c->tk->t[++c->i].kind != TK_EOL) {
        const asm_token_t *open = &c->tk->t[c->i - 1], *close = &c->tk->t[c->tk->n - 2];
        if (close->kind == TK_PUNCT && close->punct == '}') {
            one_line = asm_strndup(as->lines[c->line].text + open->off + 1,
                                   close->off - open->off - 1);
            ok = one_line != NULL;
            c->i = c->tk->n - 1;
        } else {
            ok = false;
            asm_error(as, c->line, asm_peek(c)->col, "expected '}' to end the macro's line");
        }
    }
    if (!ok || !asm_expect_end(c)) {
        free(one_line);
        for (size_t k = 0; k < n; k++)
            free(params[k]);
        free(params);
        return;
    }
    asm_macro_t *g = asm_grow(as->macros, &as->capmacros, as->nmacros + 1, sizeof *g);
    if (!g) {
        free(one_line);
        return;
    }
    as->macros = g;
    as->defining = &as->macros[as->nmacros++];
    *as->defining =
        (asm_macro_t){asm_strdup(name->str), params, n, NULL, 0, c->line, false, brace};
    if (one_line) {
        const asm_line_t *header = &as->lines[c->line];
        int32_t body = asm_add_line(as, header->file, header->lineno, one_line);
        if (body != ASM_NONE)
            asm_macro_record(as, (uint32_t)body);
        as->defining = NULL;
    }
}

void asm_macro_record(asm_t *as, uint32_t line)
{
    asm_macro_t *m = as->defining;
    size_t cap = m->nbody; /* grown one by one: bodies are short */
    uint32_t *g = asm_grow(m->body, &cap, m->nbody + 1, sizeof *g);
    if (g) {
        m->body = g;
        m->body[m->nbody++] = line;
    }
}

/* Appends text to a growing buffer; false when it passed the expansion limit. */
static bool buf_add(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n + 1 > MACRO_MAX_LINE)
        return false;
    char *g = asm_grow(*buf, cap, *len + n + 1, 1);
    if (!g)
        return false;
    *buf = g;
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = 0;
    return true;
}

static char *substitute(const asm_macro_t *m, const char *body, char **args, bool *ok)
{
    char *out = NULL;
    size_t len = 0, cap = 0;
    *ok = buf_add(&out, &len, &cap, "", 0);
    for (size_t i = 0; body[i] && *ok;) {
        size_t j = i;
        if (body[i] == '"' || body[i] == '\'') {
            char q = body[j++];
            while (body[j] && body[j] != q)
                j += body[j] == '\\' && body[j + 1] ? 2 : 1;
            j += body[j] != 0;
        } else if (body[i] == ';') {
            j = i + strlen(body + i);
        } else if (asm_is_ident_start((unsigned char)body[i])) {
            while (asm_is_ident_char((unsigned char)body[j]))
                j++;
            size_t k = 0;
            while (k < m->nparams &&
                   !(strlen(m->params[k]) == j - i && strncmp(m->params[k], body + i, j - i) == 0))
                k++;
            if (k < m->nparams) {
                *ok = buf_add(&out, &len, &cap, args[k], strlen(args[k]));
                i = j;
                continue;
            }
        } else {
            j++;
        }
        *ok = buf_add(&out, &len, &cap, body + i, j - i);
        i = j;
    }
    return out;
}

/* Splits "a, (b, c), d" at top-level commas up to end (exclusive); trims each. */
static size_t split_args(const char *s, size_t end, char ***out)
{
    char **args = NULL;
    size_t n = 0, cap = 0, start = 0;
    int nest = 0;
    bool any = false;
    for (size_t i = 0; i <= end; i++) {
        char ch = i < end ? s[i] : ',';
        if (ch == '"' || ch == '\'') {
            char q = ch;
            for (i++; i < end && s[i] != q; i++)
                if (s[i] == '\\' && i + 1 < end)
                    i++;
            any = true;
            continue;
        }
        if (ch == '(' || ch == '[')
            nest++;
        else if ((ch == ')' || ch == ']') && nest > 0)
            nest--;
        if (ch != ',' || (nest > 0 && i < end)) {
            any |= ch != ' ' && ch != '\t';
            continue;
        }
        size_t a = start, b = i;
        while (a < b && (s[a] == ' ' || s[a] == '\t'))
            a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            b--;
        char **g = asm_grow(args, &cap, n + 1, sizeof *args);
        if (!g)
            break;
        args = g;
        args[n++] = asm_strndup(s + a, b - a);
        start = i + 1;
    }
    if (!any) { /* no arguments at all */
        for (size_t k = 0; k < n; k++)
            free(args[k]);
        n = 0;
    }
    *out = args;
    return n;
}

/* The argument text of a call: "name(a, b)" or "name a, b"; end excludes any comment. */
static bool call_arguments(asm_t *as, asm_cursor_t *c, size_t *from, size_t *to)
{
    const char *s = as->lines[c->line].text;
    asm_token_t *t = asm_peek(c);
    if (t->kind == TK_EOL) {
        *from = *to = t->off;
        return true;
    }
    asm_token_t *last = &c->tk->t[c->tk->n - 2]; /* the token before EOL */
    if (t->kind == TK_PUNCT && t->punct == '(' && last->kind == TK_PUNCT &&
        last->punct == ')') {
        *from = t->off + 1;
        *to = last->off;
    } else {
        *from = t->off;
        *to = last->off + last->len;
    }
    (void)s;
    return true;
}

void asm_macro_call(asm_t *as, asm_cursor_t *c, asm_macro_t *m, const asm_token_t *name)
{
    size_t from, to;
    call_arguments(as, c, &from, &to);
    char **args;
    size_t n = split_args(as->lines[c->line].text + from, to - from, &args);
    if (n != m->nparams) {
        asm_error(as, c->line, name->col, "macro '%s' takes %zu argument%s, got %zu", m->name,
                  m->nparams, m->nparams == 1 ? "" : "s", n);
    } else if (m->expanding || as->depth >= ASM_MAX_DEPTH) {
        asm_error(as, c->line, name->col, "macro '%s' expands itself", m->name);
    } else {
        size_t index = (size_t)(m - as->macros); /* as->macros may move while expanding */
        m->expanding = true;
        as->depth++;
        for (size_t k = 0; k < as->macros[index].nbody && !as->stop; k++) {
            const asm_macro_t *mm = &as->macros[index];
            const asm_line_t *body = &as->lines[mm->body[k]];
            bool ok;
            char *text = substitute(mm, body->text, args, &ok);
            if (!ok) {
                free(text);
                asm_error(as, c->line, name->col, "macro '%s' expands to too long a line",
                          mm->name);
                break;
            }
            int32_t line = asm_add_line(as, body->file, body->lineno, text);
            if (line != ASM_NONE)
                asm_process_line(as, (uint32_t)line);
        }
        as->depth--;
        as->macros[index].expanding = false;
    }
    for (size_t k = 0; k < n; k++)
        free(args[k]);
    free(args);
}
