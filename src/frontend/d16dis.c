/* d16dis.c — the disassembler program: a raw image to d16asm source, one instruction per
 * line with its address and words in a comment. The output assembles back to the image.
 *
 *   d16dis IMAGE [--le] [--start ADDR] [--symbols FILE]
 *
 * --start ADDR decodes instructions from word ADDR on; the words before it come out as
 * DAT. --symbols reads "NAME ADDR" lines (d16asm --symbols): names become labels and
 * replace next-word values equal to them. Exit: 0 done, 2 usage or unreadable input. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "asm/disasm.h"
#include "cpu/opcodes.h"
#include "frontend/image_file.h"
#include "frontend/options.h"
#include "frontend/symbols.h"

enum { EXIT_USAGE = 2, MAX_WORDS = 0x10000, SYMBOLS_FILE_MAX = 4 << 20 };

typedef struct dis_symbol {
    char *name;
    uint16_t value;
    bool placed;   /* defined by a label line (at an instruction start) */
} dis_symbol_t;

typedef struct dis_symbols {
    dis_symbol_t *s;
    size_t n;
} dis_symbols_t;

static void usage(FILE *f)
{
    fputs("usage: d16dis IMAGE [--le] [--start ADDR] [--symbols FILE]\n"
          "Disassembles a raw DCPU-16 image (big-endian 16-bit words) to d16asm source on\n"
          "stdout: one instruction per line, its address and words in a comment. The output\n"
          "assembles back to the same image.\n"
          "  --le              the image is little-endian\n"
          "  --start ADDR      decode instructions from word ADDR on; words before it are DAT\n"
          "  --symbols FILE    labels from FILE ('NAME ADDR' lines, as d16asm --symbols\n"
          "                    writes): at their addresses, and in place of equal values\n"
          "  --help            this text\n"
          "  --version         the version\n"
          "Numbers are decimal or 0x hex. Exit status: 0 done, 2 bad usage or unreadable input.\n",
          f);
}

/* Refuses what d16 refuses (a file that cannot be read, empty, odd-sized) and an image
 * larger than the 64 Ki words a DCPU-16 can address; the message names the file. */
static bool read_image(const char *path, bool le, uint16_t **words, size_t *count)
{
    uint8_t *bytes;
    size_t n;
    char err[512];
    if (image_file_read(path, MAX_WORDS * 2, &bytes, &n, err, sizeof err) != 0) {
        fprintf(stderr, "d16dis: %s\n", err);
        return false;
    }
    const char *why = n == 0 ? "empty image (an image holds at least one 16-bit word)"
                      : n > MAX_WORDS * 2 ? "too large: more than 65536 words"
                      : n % 2 ? "odd size: not a whole number of 16-bit words"
                              : NULL;
    *count = n / 2;
    *words = why ? NULL : malloc((*count + 3) * sizeof **words);
    if (why || !*words) {
        fprintf(stderr, "d16dis: %s: %s\n", path, why ? why : "out of memory");
        free(bytes);
        return false;
    }
    for (size_t k = 0; k < *count; k++) {
        unsigned a = bytes[2 * k], b = bytes[2 * k + 1];
        (*words)[k] = (uint16_t)(le ? b << 8 | a : a << 8 | b);
    }
    memset(*words + *count, 0, 3 * sizeof **words); /* decoding may look past the end */
    free(bytes);
    return true;
}

/* A name the assembler reads back as the same global symbol. */
static bool safe_name(const char *name)
{
    static const char *const reserved[] = {"A", "B", "C", "X", "Y", "Z", "I", "J", "SP",
                                           "PC", "EX", "PUSH", "POP", "PEEK", "PICK", "LONG",
                                           "DAT", "DATA", "RESERVE", NULL};
    if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '.'))
            return false;
    for (size_t k = 0; reserved[k]; k++)
        if (strcasecmp(name, reserved[k]) == 0)
            return false;
    return op_find(name) == NULL;
}

/* Reads the file as d16 --symbols does (a bad line is refused the same way), then keeps
 * the names d16asm would read back as the same symbol. */
static bool read_symbols(const char *path, dis_symbols_t *syms)
{
    uint8_t *text = NULL;
    size_t len = 0;
    char err[512];
    symbols_t parsed;
    symbols_init(&parsed);
    bool ok = image_file_read(path, SYMBOLS_FILE_MAX, &text, &len, err, sizeof err) == 0;
    if (ok && len > SYMBOLS_FILE_MAX)
        snprintf(err, sizeof err, "%s: too large: more than %d bytes", path, SYMBOLS_FILE_MAX);
    ok = ok && len <= SYMBOLS_FILE_MAX &&
         symbols_parse(&parsed, path, (const char *)text, len, err, sizeof err) == 0;
    if (!ok)
        fprintf(stderr, "d16dis: %s\n", err);
    syms->s = ok && parsed.count ? malloc(parsed.count * sizeof *syms->s) : NULL;
    for (size_t k = 0; syms->s && k < parsed.count; k++)
        if (safe_name(parsed.sym[k].name)) {
            syms->s[syms->n++] = (dis_symbol_t){parsed.sym[k].name, parsed.sym[k].value, false};
            parsed.sym[k].name = NULL; /* now owned by syms */
        }
    if (ok && parsed.count && !syms->s) {
        fprintf(stderr, "d16dis: %s: out of memory\n", path);
        ok = false;
    }
    symbols_free(&parsed);
    free(text);
    return ok;
}

static int compare_symbols(const void *a, const void *b)
{
    const dis_symbol_t *x = a, *y = b;
    return x->value != y->value ? (x->value < y->value ? -1 : 1) : strcmp(x->name, y->name);
}

/* Index of the first symbol with a value >= value (symbols sorted by value). */
static size_t first_at(const dis_symbols_t *syms, size_t value)
{
    size_t lo = 0, hi = syms->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (syms->s[mid].value < value)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static const char *lookup(void *ctx, uint16_t value, uint16_t *offset)
{
    const dis_symbols_t *syms = ctx;
    size_t k = first_at(syms, value);
    *offset = 0;
    return k < syms->n && syms->s[k].value == value ? syms->s[k].name : NULL;
}

static void print_labels(dis_symbols_t *syms, size_t addr)
{
    for (size_t k = first_at(syms, addr); k < syms->n && syms->s[k].value == addr; k++)
        if (!syms->s[k].placed) {
            printf(":%s\n", syms->s[k].name);
            syms->s[k].placed = true;
        }
}

/* Marks symbols that will get a label line; the rest are written as .equ. */
static void plan_labels(dis_symbols_t *syms, const uint16_t *words, size_t count, size_t start)
{
    size_t addr = 0;
    if (syms->n)
        qsort(syms->s, syms->n, sizeof *syms->s, compare_symbols);
    while (addr <= count) {
        for (size_t k = first_at(syms, addr); k < syms->n && syms->s[k].value == addr; k++)
            syms->s[k].placed = true;
        if (addr == count)
            break;
        addr += addr < start ? 1 : disasm_format(words + addr, NULL, 0);
        if (addr > count)
            addr = count; /* a last instruction cut short comes out as DAT words */
    }
    for (size_t k = 0; k < syms->n; k++) {
        if (!syms->s[k].placed)
            printf(".equ %s 0x%04x\n", syms->s[k].name, (unsigned)syms->s[k].value);
        syms->s[k].placed = !syms->s[k].placed; /* now: "already printed" */
    }
}

static void print_line(const char *text, const uint16_t *words, size_t addr, unsigned len)
{
    char hex[24] = "";
    size_t n = 0;
    for (unsigned k = 0; k < len; k++)
        n += (size_t)snprintf(hex + n, sizeof hex - n, "%s%04x", k ? " " : "",
                              (unsigned)words[addr + k]);
    printf("    %-32s ; %04x: %s\n", text, (unsigned)addr, hex);
}

static void disassemble(const uint16_t *words, size_t count, size_t start, dis_symbols_t *syms)
{
    plan_labels(syms, words, count, start);
    size_t addr = 0;
    while (addr < count) {
        print_labels(syms, addr);
        char text[DISASM_TEXT_MAX + 256];
        unsigned len = disasm_format_sym(words + addr, text, sizeof text,
                                         syms->n ? lookup : NULL, syms);
        if (addr < start || addr + len > count) { /* before --start, or cut short */
            snprintf(text, sizeof text, "DAT 0x%04x", (unsigned)words[addr]);
            len = 1;
        }
        print_line(text, words, addr, len);
        addr += len;
    }
    print_labels(syms, count);
}

int main(int argc, char **argv)
{
    const char *image = NULL, *symbols = NULL;
    bool le = false;
    uint64_t start = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(arg, "--version") == 0) {
            printf("d16dis %s\n", PACKAGE_VERSION);
            return 0;
        } else if (strcmp(arg, "--le") == 0) {
            le = true;
        } else if (strcmp(arg, "--start") == 0 || strcmp(arg, "--symbols") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "d16dis: %s needs a value\n", arg);
                return EXIT_USAGE;
            }
            if (strcmp(arg, "--symbols") == 0) {
                symbols = argv[++i];
                continue;
            }
            if (!options_parse_number(argv[++i], 0xffff, &start)) {
                fprintf(stderr, "d16dis: --start: '%s' is not a number from 0 to 65535 "
                        "(decimal or 0x hex)\n", argv[i]);
                return EXIT_USAGE;
            }
        } else if (arg[0] == '-' || image) {
            fprintf(stderr, "d16dis: unexpected argument '%s'\n", arg);
            usage(stderr);
            return EXIT_USAGE;
        } else {
            image = arg;
        }
    }
    if (!image) {
        usage(stderr);
        return EXIT_USAGE;
    }
    uint16_t *words;
    size_t count;
    dis_symbols_t syms = {NULL, 0};
    if (!read_image(image, le, &words, &count))
        return EXIT_USAGE;
    int status = 0;
    if (symbols && !read_symbols(symbols, &syms))
        status = EXIT_USAGE;
    else
        disassemble(words, count, (size_t)start, &syms);
    errno = 0;
    if (status == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
        fprintf(stderr, "d16dis: stdout: cannot write: %s\n", strerror(errno ? errno : EIO));
        status = EXIT_USAGE;
    }
    for (size_t k = 0; k < syms.n; k++)
        free(syms.s[k].name);
    free(syms.s);
    free(words);
    return status;
}
