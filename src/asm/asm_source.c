/* asm_source.c — where lines come from: files and strings, .include/.incbin and
 * conditional assembly; each line then goes to a macro being recorded (asm_macro.c) or to
 * asm_statement. */
#include "asm/asm_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define ASM_MAX_FILE (16u << 20) /* bytes read from one source or binary file */
#define ASM_MAX_LINES 400000     /* source lines incl. macro expansions: bounds blow-ups */

int32_t asm_add_line(asm_t *as, uint32_t file, unsigned lineno, char *text)
{
    if (as->nlines >= ASM_MAX_LINES) {
        if (!as->stop)
            asm_error(as, ASM_NO_LINE, 0, "source too long (more than %d lines)",
                      ASM_MAX_LINES);
        as->stop = true;
        free(text);
        return ASM_NONE;
    }
    asm_line_t *n = asm_grow(as->lines, &as->caplines, as->nlines + 1, sizeof *n);
    if (!n) {
        free(text);
        return ASM_NONE;
    }
    as->lines = n;
    as->lines[as->nlines] = (asm_line_t){file, lineno, text, 0, 0};
    return (int32_t)as->nlines++;
}

static int32_t add_file(asm_t *as, const char *name)
{
    asm_file_t *n = asm_grow(as->files, &as->capfiles, as->nfiles + 1, sizeof *n);
    if (!n)
        return ASM_NONE;
    as->files = n;
    if (!(as->files[as->nfiles].name = asm_strdup(name)))
        return ASM_NONE;
    as->files[as->nfiles].open = false;
    return (int32_t)as->nfiles++;
}

/* The directive word a line starts with ("if" for ".if" or "#if"), or "" if none. */
static void first_directive(const char *s, char *out, size_t size)
{
    size_t i = 0, n = 0;
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    out[0] = 0;
    if (s[i] != '.' && s[i] != '#')
        return;
    i++;
    while (asm_is_ident_char((unsigned char)s[i]) && n + 1 < size)
        out[n++] = s[i++];
    out[n] = 0;
}

static bool is_word(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(w, *list) == 0)
            return true;
    return false;
}

static const char *const cond_words[] = {"if", "ifdef", "ifndef", "elif", "elseif", "else",
                                         "endif", "end", NULL};
static const char *const endmacro_words[] = {"endmacro", "endm", "end", NULL};

/* ---------------------------------------------------------------- conditionals */

static bool cond_taking(const asm_t *as)
{
    return as->nconds == 0 || as->conds[as->nconds - 1].taking;
}

static bool cond_parent_taking(const asm_t *as)
{
    return as->nconds < 2 || as->conds[as->nconds - 2].taking;
}

/* .if / .elif condition: a constant known at this point in the source. */
static bool cond_value(asm_t *as, asm_cursor_t *c, bool *value)
{
    int32_t e = asm_parse_expr(c, false);
    if (e == ASM_NONE || !asm_expect_end(c))
        return false;
    asm_eval_info_t info = {0};
    int64_t v = asm_eval(as, e, c->line, 0, false, &info);
    if (info.failed || info.undefined || info.uses_label) {
        asm_error(as, c->line, as->exprs[e].col,
                  "expression does not resolve here (.if needs constants defined above it)");
        return false;
    }
    *value = v != 0;
    return true;
}

static bool cond_defined(asm_t *as, asm_cursor_t *c, bool *value)
{
    asm_token_t *t = asm_peek(c);
    if (t->kind != TK_IDENT) {
        asm_error(as, c->line, t->col, "expected a name");
        return false;
    }
    c->i++;
    if (!asm_expect_end(c))
        return false;
    char full[512];
    asm_sym_scoped(as, t->str, full, sizeof full);
    *value = asm_sym_find(as, full) != ASM_NONE;
    for (size_t k = 0; k < as->nmacros && !*value; k++)
        *value = strcmp(as->macros[k].name, t->str) == 0;
    return true;
}

static void cond_push(asm_t *as, uint32_t line, bool taking)
{
    asm_cond_t *n = asm_grow(as->conds, &as->capconds, as->nconds + 1, sizeof *n);
    if (!n)
        return;
    as->conds = n;
    as->conds[as->nconds++] = (asm_cond_t){taking, taking, false, line};
}

static void handle_conditional(asm_t *as, uint32_t line, const char *word)
{
    asm_tokens_t tk = {0};
    bool evaluate = cond_taking(as);
    bool is_if = is_word(word, (const char *const[]){"if", "ifdef", "ifndef", NULL});
    bool is_elif = is_word(word, (const char *const[]){"elif", "elseif", NULL});
    if (is_elif && as->nconds)
        evaluate = cond_parent_taking(as) && !as->conds[as->nconds - 1].done;
    bool value = false;
    if ((is_if || is_elif) && evaluate) {
        if (!asm_lex_line(as, line, &tk)) {
            asm_tokens_free(&tk);
            evaluate = false;
        } else {
            asm_cursor_t c = {as, line, &tk, 1, 0, 0, false};
            bool ok = strcasecmp(word, "if") == 0 || is_elif ? cond_value(as, &c, &value)
                                                             : cond_defined(as, &c, &value);
            if (!ok)
                value = false;
            if (strcasecmp(word, "ifndef") == 0)
                value = !value;
            asm_tokens_free(&tk);
        }
    }
    if (is_if) {
        cond_push(as, line, evaluate && value);
        return;
    }
    unsigned col = 1 + (unsigned)strspn(as->lines[line].text, " \t");
    if (as->nconds == 0) {
        asm_error(as, line, col, ".%s without .if", word);
        return;
    }
    asm_cond_t *top = &as->conds[as->nconds - 1];
    if (strcasecmp(word, "endif") == 0 || strcasecmp(word, "end") == 0) {
        as->nconds--;
    } else if (top->in_else) {
        asm_error(as, line, col, ".%s after .else", word);
    } else if (is_elif) {
        top->taking = evaluate && value;
        top->done |= top->taking;
    } else { /* else */
        top->in_else = true;
        top->taking = cond_parent_taking(as) && !top->done;
        top->done = true;
    }
}

/* ---------------------------------------------------------------- files */

int asm_read_file(void *ctx, const char *path, char **data, size_t *size)
{
    (void)ctx;
    /* O_NONBLOCK: a FIFO with no writer opens at once and reads as empty instead of
     * blocking; reads block again afterwards. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    int flags = fd >= 0 ? fcntl(fd, F_GETFL) : -1;
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        int saved = errno ? errno : ENOENT;
        if (fd >= 0)
            close(fd);
        return saved;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    errno = 0;
    for (;;) {
        char *g = len < ASM_MAX_FILE ? asm_grow(buf, &cap, len + 65536, 1) : NULL;
        if (!g) {
            free(buf);
            fclose(f);
            return len < ASM_MAX_FILE ? ENOMEM : EFBIG; /* e.g. .include "/dev/zero" */
        }
        buf = g;
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    int err = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    if (err) {
        free(buf);
        return err;
    }
    *data = buf;
    *size = len;
    return 0;
}

static int read_any(asm_t *as, const char *path, char **data, size_t *size)
{
    asm_read_fn fn = as->opts->read_file ? as->opts->read_file : asm_read_file;
    return fn(as->opts->read_ctx, path, data, size);
}

static char *join_path(const char *dir, size_t dirlen, const char *name)
{
    char *p = malloc(dirlen + strlen(name) + 2);
    if (p)
        sprintf(p, "%.*s%s%s", (int)dirlen, dir, dirlen ? "/" : "", name);
    return p;
}

bool asm_read_include(asm_t *as, const char *written, uint32_t line, unsigned col,
                      char **data, size_t *size, char **resolved)
{
    const char *from = as->files[as->lines[line].file].name;
    const char *slash = strrchr(from, '/');
    size_t dirlen = slash ? (size_t)(slash - from) : 0;
    if (slash && dirlen == 0)
        dirlen = 1; /* "/x.dasm": the root */
    int first_err = 0;
    size_t tries = written[0] == '/' ? 1 : 1 + as->opts->include_count;
    for (size_t k = 0; k < tries; k++) {
        char *path = written[0] == '/' ? asm_strdup(written)
                     : k == 0 ? join_path(from, dirlen, written)
                              : join_path(as->opts->include_dirs[k - 1],
                                          strlen(as->opts->include_dirs[k - 1]), written);
        if (!path)
            return false;
        int err = read_any(as, path, data, size);
        if (err == 0) {
            *resolved = path;
            return true;
        }
        free(path);
        if (!first_err)
            first_err = err;
    }
    asm_error(as, line, col, "cannot open '%s': %s", written, strerror(first_err));
    return false;
}

bool asm_source_text(asm_t *as, const char *name, const char *text, size_t length)
{
    int32_t file = add_file(as, name);
    if (file == ASM_NONE)
        return false;
    as->files[file].open = true;
    size_t cond_base = as->nconds;
    asm_macro_t *outer_macro = as->defining;
    unsigned lineno = 0;
    size_t start = 0;
    if (length >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        start = 3; /* a UTF-8 byte-order mark is no part of the first line */
    for (size_t i = start; i < length && !as->stop;) {
        size_t j = i;
        while (j < length && text[j] != '\n')
            j++;
        lineno++;
        char *copy = asm_strndup(text + i, j - i);
        if (!copy)
            break;
        bool nul = strlen(copy) != j - i;
        for (size_t k = 0; k < j - i; k++)
            if (copy[k] == 0)
                copy[k] = ' ';
        int32_t line = asm_add_line(as, (uint32_t)file, lineno, copy);
        if (line == ASM_NONE)
            break;
        if (nul)
            asm_error(as, (uint32_t)line, 1, "NUL byte in source line");
        else
            asm_process_line(as, (uint32_t)line);
        i = j + 1;
    }
    as->files[file].open = false;
    as->data_open = false; /* a DAT's trailing ',' does not reach into another file */
    while (as->nconds > cond_base) {
        asm_error(as, as->conds[as->nconds - 1].line, 1, "unterminated .if (missing .endif)");
        as->nconds--;
    }
    if (as->defining != outer_macro) {
        asm_error(as, as->defining->line, 1, "unterminated .macro '%s' (missing %s)",
                  as->defining->name, as->defining->brace ? "'}'" : ".endmacro");
        as->defining = outer_macro;
    }
    return true;
}

static bool file_is_open(const asm_t *as, const char *path)
{
    for (size_t k = 0; k < as->nfiles; k++)
        if (as->files[k].open && strcmp(as->files[k].name, path) == 0)
            return true;
    return false;
}

bool asm_source_file(asm_t *as, const char *path, uint32_t from_line, unsigned col)
{
    char *data = NULL, *resolved = NULL;
    size_t size = 0;
    if (from_line == ASM_NO_LINE) {
        as->main_name = path;
        int err = read_any(as, path, &data, &size);
        if (err) {
            asm_error(as, ASM_NO_LINE, 0, "cannot open: %s", strerror(err));
            return false;
        }
        resolved = asm_strdup(path);
    } else if (!asm_read_include(as, path, from_line, col, &data, &size, &resolved)) {
        return false;
    }
    if (resolved && file_is_open(as, resolved)) {
        asm_error(as, from_line, col, "include cycle: '%s' is already being assembled", path);
    } else if (as->depth >= ASM_MAX_DEPTH) {
        asm_error(as, from_line, col, "includes nested too deeply");
    } else if (resolved) {
        as->depth++;
        asm_source_text(as, resolved, data ? data : "", size);
        as->depth--;
    }
    free(resolved);
    free(data);
    return true;
}

/* ---------------------------------------------------------------- statements */

/* The file name of .include/.incbin: "name" or <name>. */
static bool include_name(asm_t *as, asm_cursor_t *c, char **name, unsigned *col)
{
    asm_token_t *t = asm_peek(c);
    *col = t->col;
    if (t->kind == TK_STR && t->slen == strlen(t->str) && t->slen > 0) {
        c->i++;
        *name = asm_strdup(t->str);
        return *name && asm_expect_end(c);
    }
    const char *s = as->lines[c->line].text;
    if (t->kind == TK_PUNCT && t->punct == '<') {
        const char *end = strchr(s + t->off, '>');
        if (end && end > s + t->off + 1) {
            *name = asm_strndup(s + t->off + 1, (size_t)(end - s - t->off - 1));
            while (c->i + 1 < c->tk->n && asm_peek(c)->off <= (unsigned)(end - s))
                c->i++;
            return *name && asm_expect_end(c);
        }
    }
    asm_error(as, c->line, t->col, "expected a file name in quotes");
    return false;
}

static void include_binary(asm_t *as, asm_cursor_t *c, unsigned dcol)
{
    char *name = NULL, *resolved = NULL, *data = NULL;
    unsigned col;
    size_t size = 0;
    if (include_name(as, c, &name, &col) &&
        asm_read_include(as, name, c->line, col, &data, &size, &resolved)) {
        if (size % 2)
            asm_warning(as, c->line, col, "'%s' has an odd number of bytes; padded with 0",
                        name);
        size_t n = (size + 1) / 2;
        uint16_t *words = malloc(n ? n * sizeof *words : 1);
        int32_t k = words ? asm_item_new(as, IT_BIN, c->line, dcol) : ASM_NONE;
        if (k != ASM_NONE) {
            for (size_t w = 0; w < n; w++) {
                unsigned hi = (unsigned char)data[2 * w];
                unsigned lo = 2 * w + 1 < size ? (unsigned char)data[2 * w + 1] : 0;
                if (as->opts->incbin_le) {
                    unsigned t = hi;
                    hi = lo, lo = t;
                }
                words[w] = (uint16_t)(hi << 8 | lo);
            }
            as->items[k].bin = words;
            as->items[k].size = (uint32_t)(n > ASM_IMAGE_WORDS ? ASM_IMAGE_WORDS + 1 : n);
            words = NULL;
        }
        free(words);
    }
    free(name);
    free(resolved);
    free(data);
}

/* .echo "text", VALUE, ...: a note at assembly time; values must be known here. */
static void echo(asm_t *as, asm_cursor_t *c, unsigned col)
{
    char msg[512] = "";
    size_t n = 0;
    for (;;) {
        asm_token_t *t = asm_peek(c);
        if (t->kind == TK_STR) {
            n += (size_t)snprintf(msg + n, sizeof msg - n, "%.*s", (int)t->slen, t->str);
            c->i++;
        } else {
            int32_t e = asm_parse_expr(c, false);
            if (e == ASM_NONE)
                return;
            asm_eval_info_t info = {0};
            int64_t v = asm_eval(as, e, c->line, 0, false, &info);
            if (info.failed || info.undefined || info.uses_label) {
                asm_error(as, c->line, as->exprs[e].col, "expression does not resolve here "
                          "(.echo needs constants defined above it)");
                return;
            }
            n += (size_t)snprintf(msg + n, sizeof msg - n, "%lld", (long long)v);
        }
        if (n >= sizeof msg)
            n = sizeof msg - 1;
        if (!asm_at_punct(c, ','))
            break;
        c->i++;
    }
    if (asm_expect_end(c))
        asm_note(as, c->line, col, "%s", msg);
}

/* A brace macro's body ends at a line whose first character (after blanks) is '}'. */
static bool closes_brace(const char *text)
{
    return text[strspn(text, " \t")] == '}';
}

/* A .macro whose first body line is a lone '{' is a brace macro too. */
static bool lone_open_brace(const char *text)
{
    size_t i = strspn(text, " \t");
    if (text[i] != '{')
        return false;
    i += 1 + strspn(text + i + 1, " \t\r");
    return !text[i] || text[i] == ';' || (text[i] == '/' && text[i + 1] == '/');
}

bool asm_source_statement(asm_t *as, asm_cursor_t *c, const asm_token_t *name)
{
    const char *w = name->str;
    if (w[0] == '.' || w[0] == '#') {
        w++;
        if (strcasecmp(w, "include") == 0) {
            char *file = NULL;
            unsigned col;
            if (include_name(as, c, &file, &col))
                asm_source_file(as, file, c->line, col);
            free(file);
        } else if (strcasecmp(w, "incbin") == 0 || strcasecmp(w, "incpack") == 0) {
            include_binary(as, c, name->col);
        } else if (strcasecmp(w, "echo") == 0) {
            echo(as, c, name->col);
        } else if (strcasecmp(w, "macro") == 0) {
            asm_macro_begin(as, c);
        } else if (is_word(w, endmacro_words)) {
            asm_error(as, c->line, name->col, "%s without .macro", name->str);
        } else if (is_word(w, cond_words)) {
            asm_error(as, c->line, name->col, "%s must start its line", name->str);
        } else {
            return false;
        }
        return true;
    }
    asm_macro_t *m = asm_macro_find(as, w);
    if (!m)
        return false;
    asm_macro_call(as, c, m, name);
    return true;
}

void asm_process_line(asm_t *as, uint32_t line)
{
    char word[16];
    first_directive(as->lines[line].text, word, sizeof word);
    if (as->defining) {
        const char *text = as->lines[line].text;
        if (as->defining->brace ? closes_brace(text) : is_word(word, endmacro_words))
            as->defining = NULL;
        else if (!as->defining->brace && as->defining->nbody == 0 && lone_open_brace(text))
            as->defining->brace = true;
        else
            asm_macro_record(as, line);
        return;
    }
    if (is_word(word, cond_words) && !(strcasecmp(word, "end") == 0 && as->nconds == 0)) {
        handle_conditional(as, line, word);
        return;
    }
    if (!cond_taking(as))
        return;
    asm_tokens_t tk = {0};
    if (asm_lex_line(as, line, &tk))
        asm_statement(as, line, &tk, 0);
    asm_tokens_free(&tk);
}
