/* gen_inc — build tool: writes the assembler names of every device register from the
 * device classes and the board table (profile d16), so ROMs and tests never spell an
 * address by hand (docs/machine.md §3).
 *
 *   gen_inc TEMPLATE OUTPUT     copies TEMPLATE, replacing its line "@REGISTERS@" with
 *                               ".equ SYM_REG, 0xffNN ; access: meaning" lines per device
 *                               and ".equ HW_SYM, n" HWI numbers
 * OUTPUT is written to a temporary file and renamed into place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine/board.h"

static const char *access_text(device_access_t a)
{
    return a == DEVICE_RW ? "R/W" : a == DEVICE_W ? "W" : "R";
}

static void equ(FILE *out, const char *name, unsigned value, const char *comment_fmt,
                const char *a, const char *b)
{
    char left[96];
    snprintf(left, sizeof left, ".equ %s,", name);
    fprintf(out, "%-19s 0x%04x", left, value);
    if (comment_fmt) {
        fputs("      ; ", out);
        fprintf(out, comment_fmt, a, b);
    }
    fputc('\n', out);
}

static void write_registers(FILE *out)
{
    unsigned hwi = 0;
    for (size_t i = 0; i < board_row_count; i++) {
        const board_row_t *row = &board_rows[i];
        if (row->profile != MACHINE_PROFILE_D16)
            continue;
        const device_class_t *cls = row->cls;
        fprintf(out, "%s; %s, %s (HWI %u)\n", hwi ? "\n" : "", cls->name, cls->title, hwi);
        for (unsigned r = 0; r < cls->reg_count; r++) {
            char name[64];
            snprintf(name, sizeof name, "%s_%s", cls->symbol, cls->reg[r].name);
            equ(out, name, row->slot + r, "%s: %s", access_text(cls->reg[r].access),
                cls->reg[r].meaning);
        }
        hwi++;
    }
    fputs("\n; HWI numbers (device order)\n", out);
    hwi = 0;
    for (size_t i = 0; i < board_row_count; i++) {
        if (board_rows[i].profile != MACHINE_PROFILE_D16)
            continue;
        char left[64];
        snprintf(left, sizeof left, ".equ HW_%s,", board_rows[i].cls->symbol);
        fprintf(out, "%-19s %u\n", left, hwi++);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_inc TEMPLATE OUTPUT\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
    FILE *out = fopen(tmp, "w");
    if (!out) {
        perror(tmp);
        fclose(in);
        return 1;
    }
    char line[1024];
    int placed = 0;
    while (fgets(line, sizeof line, in)) {
        if (strcmp(line, "@REGISTERS@\n") == 0) {
            write_registers(out);
            placed = 1;
        } else {
            fputs(line, out);
        }
    }
    int failed = ferror(in) || !placed;
    fclose(in);
    if (fclose(out) != 0 || failed || rename(tmp, argv[2]) != 0) {
        fprintf(stderr, "gen_inc: %s: %s\n", argv[2],
                placed ? "cannot write" : "the template has no @REGISTERS@ line");
        remove(tmp);
        return 1;
    }
    return 0;
}
