/* d16asm.c — the assembler program: SOURCE to a raw image (plus listing and symbols).
 *
 *   d16asm SOURCE [-o IMAGE] [--le] [--listing FILE] [--symbols FILE] [-I DIR]
 *          [-D NAME[=VALUE]] [--long-literals] [--max-errors N]
 *          [--strict] [--ignore-case] [--dialect 1.1|1.7]
 *
 * Exit status: 0 assembled, 1 errors in the source, 2 usage error or unwritable output. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/asm.h"
#include "frontend/builtin_inc.h"
#include "frontend/outfile.h"

enum { EXIT_ASM_ERRORS = 1, EXIT_USAGE = 2 };

typedef struct d16asm_args {
    const char *source, *image, *listing, *symbols;
    const char **includes;
    size_t include_count;
    asm_define_t *defines;
    size_t define_count;
    bool le, long_literals, strict, ignore_case;
    asm_dialect_t dialect;
    unsigned max_errors;
} d16asm_args_t;

static void usage(FILE *f)
{
    fputs("usage: d16asm SOURCE [-o IMAGE] [--le] [--listing FILE] [--symbols FILE]\n"
          "              [-I DIR] [-D NAME[=VALUE]] [--long-literals] [--max-errors N]\n"
          "              [--strict] [--ignore-case] [--dialect 1.1|1.7]\n"
          "  -o IMAGE          output image (default: SOURCE with .bin)\n"
          "  --le              write little-endian words (default big-endian)\n"
          "  --listing FILE    write address, words and source per line\n"
          "  --symbols FILE    write one 'NAME 0xADDR' line per label\n"
          "  -I DIR            search DIR for .include and .incbin files\n"
          "  -D NAME[=VALUE]   define NAME (value 1 unless given)\n"
          "  --long-literals   label values always take a next word\n"
          "  --max-errors N    stop after N errors (default 20)\n"
          "  --strict          every warning is an error\n"
          "  --ignore-case     label and constant names ignore case\n"
          "  --dialect 1.1     take O as the name of EX without a warning (1.7: default)\n"
          "  --help            this text\n"
          "  --version         the version\n"
          "Exit status: 0 assembled, 1 errors in the source, 2 bad usage or unwritable output.\n",
          f);
}

static void print_diag(void *ctx, const asm_diag_t *d)
{
    (void)ctx;
    char text[2048];
    int n = asm_diag_format(d, text, sizeof text);
    fputs(text, stderr);
    if (n >= (int)sizeof text)
        fputc('\n', stderr);
}

/* The value of an option: "--opt VALUE", "--opt=VALUE" or "-oVALUE". */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) == 0 && arg[n] == '=' && name[1] == '-')
        return arg + n + 1;
    if (strncmp(arg, name, n) == 0 && arg[n] && name[1] != '-')
        return arg + n + (arg[n] == '='); /* -oFILE or -o=FILE */
    if (strcmp(arg, name) != 0)
        return NULL;
    if (*i + 1 >= argc) {
        fprintf(stderr, "d16asm: %s needs a value\n", name);
        exit(EXIT_USAGE);
    }
    return argv[++*i];
}

static bool parse_define(const char *text, asm_define_t *def)
{
    const char *eq = strchr(text, '=');
    size_t len = eq ? (size_t)(eq - text) : strlen(text);
    char *name = malloc(len + 1);
    if (!name || len == 0) {
        free(name);
        return false;
    }
    memcpy(name, text, len);
    name[len] = 0;
    def->name = name;
    def->value = 1;
    if (eq) {
        char *end;
        errno = 0;
        def->value = strtol(eq + 1, &end, 0);
        if (errno || end == eq + 1 || *end)
            return false;
    }
    return true;
}

static int parse_args(int argc, char **argv, d16asm_args_t *a)
{
    memset(a, 0, sizeof *a);
    a->includes = calloc((size_t)argc + 1, sizeof *a->includes); /* + the built-in */
    a->defines = calloc((size_t)argc, sizeof *a->defines);
    if (!a->includes || !a->defines)
        return EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *v;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            exit(0);
        } else if (strcmp(arg, "--version") == 0) {
            printf("d16asm %s\n", PACKAGE_VERSION);
            exit(0);
        } else if (strcmp(arg, "--le") == 0) {
            a->le = true;
        } else if (strcmp(arg, "--long-literals") == 0) {
            a->long_literals = true;
        } else if (strcmp(arg, "--strict") == 0) {
            a->strict = true;
        } else if (strcmp(arg, "--ignore-case") == 0) {
            a->ignore_case = true;
        } else if ((v = option_value(argc, argv, &i, "--dialect"))) {
            if (strcmp(v, "1.1") != 0 && strcmp(v, "1.7") != 0) {
                fprintf(stderr, "d16asm: bad --dialect '%s' (want 1.1 or 1.7)\n", v);
                return EXIT_USAGE;
            }
            a->dialect = strcmp(v, "1.1") == 0 ? ASM_DIALECT_1_1 : ASM_DIALECT_1_7;
        } else if ((v = option_value(argc, argv, &i, "--listing"))) {
            a->listing = v;
        } else if ((v = option_value(argc, argv, &i, "--symbols"))) {
            a->symbols = v;
        } else if ((v = option_value(argc, argv, &i, "--max-errors"))) {
            char *end;
            errno = 0;
            unsigned long n = strtoul(v, &end, 10);
            if (errno || end == v || *end || n < 1 || n > 100000 || v[0] == '-') {
                fprintf(stderr, "d16asm: bad --max-errors '%s' (want 1 to 100000)\n", v);
                return EXIT_USAGE;
            }
            a->max_errors = (unsigned)n;
        } else if ((v = option_value(argc, argv, &i, "-o"))) {
            a->image = v;
        } else if ((v = option_value(argc, argv, &i, "-I"))) {
            a->includes[a->include_count++] = v;
        } else if ((v = option_value(argc, argv, &i, "-D"))) {
            if (!parse_define(v, &a->defines[a->define_count++])) {
                fprintf(stderr, "d16asm: bad -D '%s' (want NAME or NAME=NUMBER)\n", v);
                return EXIT_USAGE;
            }
        } else if (arg[0] == '-' && arg[1]) {
            fprintf(stderr, "d16asm: unknown option '%s'\n", arg);
            usage(stderr);
            return EXIT_USAGE;
        } else if (a->source) {
            fprintf(stderr, "d16asm: more than one source file ('%s')\n", arg);
            return EXIT_USAGE;
        } else {
            a->source = arg;
        }
    }
    if (!a->source) {
        usage(stderr);
        return EXIT_USAGE;
    }
    return 0;
}

/* SOURCE with its extension replaced by .bin ("prog.dasm" -> "prog.bin"). */
static char *default_image_name(const char *source)
{
    const char *slash = strrchr(source, '/');
    const char *dot = strrchr(source, '.');
    size_t stem = dot && dot > (slash ? slash : source) ? (size_t)(dot - source) : strlen(source);
    char *name = malloc(stem + 5);
    if (name) {
        memcpy(name, source, stem);
        strcpy(name + stem, ".bin");
    }
    return name;
}

/* Writes through a temporary renamed over path when complete (docs/cli.md "Output
 * files"): a failed write leaves what path had. */
static bool write_file(const char *path, const void *data, size_t size)
{
    outfile_t o;
    char err[1024];
    bool ok = outfile_open(&o, path, true, err, sizeof err) == 0;
    if (ok && fwrite(data, 1, size, o.file) != size) {
        snprintf(err, sizeof err, "%s: cannot write: %s", path, strerror(errno));
        outfile_discard(&o);
        ok = false;
    } else if (ok) {
        ok = outfile_commit(&o, err, sizeof err) == 0;
    }
    if (!ok)
        fprintf(stderr, "d16asm: %s\n", err);
    return ok;
}

/* Refuses an output that is the source, another output or named like a source. */
static bool outputs_safe(const d16asm_args_t *a, const char *image)
{
    const outfile_name_t inputs[] = {{"SOURCE", a->source}};
    const outfile_name_t outputs[] = {
        {"-o", image}, {"--listing", a->listing}, {"--symbols", a->symbols}};
    char err[1024];
    if (outfile_check_paths(inputs, 1, outputs, 3, err, sizeof err) == 0)
        return true;
    fprintf(stderr, "d16asm: %s\n", err);
    return false;
}

static bool write_image(const char *path, const asm_output_t *out, bool le)
{
    unsigned char *bytes = malloc(out->count * 2 + 1);
    if (!bytes)
        return false;
    for (size_t k = 0; k < out->count; k++) {
        unsigned hi = out->words[k] >> 8, lo = out->words[k] & 0xff;
        bytes[2 * k] = (unsigned char)(le ? lo : hi);
        bytes[2 * k + 1] = (unsigned char)(le ? hi : lo);
    }
    bool ok = write_file(path, bytes, out->count * 2);
    free(bytes);
    return ok;
}

static bool write_text(const char *path, char *text)
{
    bool ok = text && write_file(path, text, strlen(text));
    free(text);
    return ok;
}

int main(int argc, char **argv)
{
    d16asm_args_t a;
    int status = parse_args(argc, argv, &a);
    if (status == 0) {
        a.includes[a.include_count++] = BUILTIN_INC_DIR; /* d16.inc from any directory */
        asm_options_t opts = {
            .diag = print_diag,
            .read_file = builtin_inc_read,
            .include_dirs = a.includes,
            .include_count = a.include_count,
            .defines = a.defines,
            .define_count = a.define_count,
            .long_literals = a.long_literals,
            .incbin_le = a.le,
            .max_errors = a.max_errors,
            .strict = a.strict,
            .ignore_case = a.ignore_case,
            .dialect = a.dialect,
        };
        asm_output_t out = {0};
        char *image = a.image ? NULL : default_image_name(a.source);
        if (!outputs_safe(&a, a.image ? a.image : image)) {
            status = EXIT_USAGE;
        } else if (asm_assemble_file(a.source, &opts, &out) != 0) {
            status = EXIT_ASM_ERRORS;
        } else {
            if (!write_image(a.image ? a.image : image, &out, a.le) ||
                (a.listing && !write_text(a.listing, asm_listing_text(&out))) ||
                (a.symbols && !write_text(a.symbols, asm_symbols_text(&out))))
                status = EXIT_USAGE;
        }
        free(image);
        asm_output_free(&out);
    }
    for (size_t k = 0; k < a.define_count; k++)
        free((char *)a.defines[k].name);
    free(a.defines);
    free(a.includes);
    return status;
}
