/* image.c — reads image files and sources into the machine's RAM. */
#include "frontend/image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/asm.h"
#include "frontend/builtin_inc.h"
#include "frontend/builtin_rom.h"
#include "frontend/image_file.h"

/* Far more than any image can be (128 KiB); beyond it the file is not read to the end. */
#define IMAGE_READ_LIMIT (4u * BUS_BYTES)

static bool ends_with(const char *path, const char *suffix)
{
    size_t n = strlen(path), k = strlen(suffix);
    return n > k && strcmp(path + n - k, suffix) == 0;
}

bool image_is_source(const char *path)
{
    return ends_with(path, ".dasm") || ends_with(path, ".asm") || ends_with(path, ".dasm16") ||
           ends_with(path, ".s");
}

/* Lines of printable text: what a source looks like, and no program's words ever do (a
 * newline is 0x0a, and every word of text would have to be two printable bytes). */
static bool looks_like_text(const uint8_t *data, size_t size)
{
    bool newline = false;
    for (size_t i = 0; i < size; i++) {
        uint8_t b = data[i];
        if (b == '\n')
            newline = true;
        else if (b != '\t' && b != '\r' && (b < 0x20 || b > 0x7e))
            return false;
    }
    return newline;
}

static int load_raw(machine_t *m, const char *path, bool little_endian, uint16_t load_addr,
                    char *err, size_t err_size)
{
    uint8_t *data;
    size_t size;
    if (image_file_read(path, IMAGE_READ_LIMIT, &data, &size, err, err_size) != 0)
        return -1;
    int rc = 0;
    if (looks_like_text(data, size)) {
        snprintf(err, err_size, "%s: looks like assembly source, not an image: name it .dasm, "
                 "or assemble it with d16asm %s -o prog.bin and run that", path, path);
        rc = -1;
    } else if (size > IMAGE_READ_LIMIT) {
        uint32_t top = machine_memtop(m);
        snprintf(err, err_size, "%s: too large: more than %u bytes; at most %u words fit from "
                 "0x%04x to MEMTOP 0x%04x", path, IMAGE_READ_LIMIT,
                 (unsigned)(top > load_addr ? top - load_addr : 0), load_addr, (unsigned)top);
        rc = -1;
    } else {
        char why[256];
        rc = machine_load_image(m, data, size, little_endian, load_addr, why, sizeof why);
        if (rc != 0)
            snprintf(err, err_size, "%s: %s", path, why);
    }
    free(data);
    return rc;
}

static void print_diag(void *ctx, const asm_diag_t *d)
{
    (void)ctx;
    char text[2048];
    asm_diag_format(d, text, sizeof text);
    fputs(text, stderr);
}

/* The source's labels (not .equ constants), for the debugger, trace and fault reports. */
static int keep_labels(const asm_output_t *out, symbols_t *syms)
{
    for (size_t i = 0; syms && i < out->symbol_count; i++) {
        const asm_symbol_t *sym = &out->symbols[i];
        if (sym->is_label && symbols_add(syms, sym->name, sym->value) != 0)
            return -1;
    }
    if (syms)
        symbols_sort(syms);
    return 0;
}

#define IMAGE_INCLUDE_DIRS 9 /* 8 from D16_INCLUDE_PATH, then the built-in d16.inc */

/* D16_INCLUDE_PATH=DIR:DIR: where .include looks after the source's own directory (the
 * build's generated d16.inc and check.inc, docs/cli.md). Splits a copy into dirs. */
static size_t include_dirs(char *copy, size_t size, const char *dirs[IMAGE_INCLUDE_DIRS])
{
    const char *env = getenv("D16_INCLUDE_PATH");
    size_t n = 0;
    if (!env || snprintf(copy, size, "%s", env) >= (int)size)
        return 0;
    for (char *p = copy; p && *p && n < IMAGE_INCLUDE_DIRS - 1;) {
        char *colon = strchr(p, ':');
        if (colon)
            *colon = '\0';
        if (*p)
            dirs[n++] = p;
        p = colon ? colon + 1 : NULL;
    }
    return n;
}

static int load_source(machine_t *m, const char *path, uint16_t load_addr, symbols_t *syms,
                       char *err, size_t err_size)
{
    /* A source that cannot be read is refused in one line, as a raw image is. */
    FILE *f = image_file_open(path, err, err_size);
    if (!f)
        return -1;
    fclose(f);
    char copy[4096];
    const char *dirs[IMAGE_INCLUDE_DIRS];
    asm_options_t opts = {.diag = print_diag};
    opts.include_count = include_dirs(copy, sizeof copy, dirs);
    dirs[opts.include_count++] = BUILTIN_INC_DIR; /* d16.inc from any directory */
    opts.include_dirs = dirs;
    opts.read_file = builtin_inc_read;
    /* The legacy machine runs 1.1-era programs: their sources call EX by its 1.1 name O
     * (docs/machine.md §2.4). */
    if (m->opts.profile == MACHINE_PROFILE_LEGACY)
        opts.dialect = ASM_DIALECT_1_1;
    asm_output_t out;
    int rc = asm_assemble_file(path, &opts, &out);
    if (rc != 0) {
        snprintf(err, err_size, "%s: not run: %u assembly error%s", path, out.errors,
                 out.errors == 1 ? "" : "s");
        asm_output_free(&out);
        return -1;
    }
    /* The words go through the same checks as a raw image (empty, too large). */
    uint8_t *bytes = malloc(out.count * 2 + 1);
    if (!bytes) {
        asm_output_free(&out);
        snprintf(err, err_size, "%s: out of memory", path);
        return -1;
    }
    for (size_t i = 0; i < out.count; i++) {
        bytes[2 * i] = (uint8_t)(out.words[i] >> 8);
        bytes[2 * i + 1] = (uint8_t)out.words[i];
    }
    char why[256];
    rc = machine_load_image(m, bytes, out.count * 2, false, load_addr, why, sizeof why);
    if (rc != 0) {
        snprintf(err, err_size, "%s: %s", path, why);
    } else if (keep_labels(&out, syms) != 0) {
        snprintf(err, err_size, "%s: out of memory", path);
        rc = -1;
    }
    free(bytes);
    asm_output_free(&out);
    return rc;
}

int image_load(machine_t *m, const char *path, bool little_endian, uint16_t load_addr,
               symbols_t *syms, char *err, size_t err_size)
{
    if (image_is_source(path))
        return load_source(m, path, load_addr, syms, err, err_size);
    return load_raw(m, path, little_endian, load_addr, err, err_size);
}

int image_load_builtin(machine_t *m, char *err, size_t err_size)
{
    char why[256];
    if (machine_load_image(m, d16_builtin_rom, d16_builtin_rom_size, false, 0, why, sizeof why)) {
        snprintf(err, err_size, "built-in ROM: %s", why);
        return -1;
    }
    return 0;
}
