/* test_docs.c — docs/machine.md says what the device classes say: the device table (HWI
 * order, slot, HWQ identity) and every register table (offset, name, access) match the
 * board and the classes, so the contract and the code cannot drift apart. */
#include "machine/board.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"

#define LINE_MAX_LEN 1024

static FILE *open_doc(void)
{
    const char *srcdir = getenv("D16_SRCDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/machine.md", srcdir ? srcdir : ".");
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s (set D16_SRCDIR)", path);
    return f;
}

static const char *access_text(device_access_t a)
{
    return a == DEVICE_RW ? "R/W" : a == DEVICE_W ? "W" : "R";
}

/* The board row of profile d16 whose slot is slot, and its HWI number. */
static const board_row_t *row_at(unsigned slot, unsigned *hwi)
{
    unsigned n = 0;
    for (size_t i = 0; i < board_row_count; i++) {
        if (board_rows[i].profile != MACHINE_PROFILE_D16)
            continue;
        if (board_rows[i].slot == slot) {
            *hwi = n;
            return &board_rows[i];
        }
        n++;
    }
    return NULL;
}

/* "| 2 | INTMSG | R/W | ..." rows under "### Title (0xFFNN)" headings. */
START_TEST(register_tables_match_the_classes)
{
    FILE *f = open_doc();
    char line[LINE_MAX_LEN];
    const device_class_t *cls = NULL;
    unsigned seen[64] = {0}, sections = 0, hwi;
    const device_class_t *in_section[64] = {0};
    while (fgets(line, sizeof line, f)) {
        unsigned slot;
        if (strncmp(line, "#", 1) == 0) {
            const char *paren = strstr(line, "(0x");
            cls = NULL;
            if (strncmp(line, "### ", 4) == 0 && paren && sscanf(paren, "(0x%x)", &slot) == 1) {
                const board_row_t *row = row_at(slot, &hwi);
                ck_assert_msg(row != NULL, "docs/machine.md: no device at 0x%04x: %s", slot, line);
                cls = row->cls;
                in_section[sections++] = cls;
            }
            continue;
        }
        unsigned off;
        char name[64], access[8];
        if (!cls || sscanf(line, "| %u | %63[A-Z0-9_] | %7[RW/] |", &off, name, access) != 3)
            continue;
        ck_assert_msg(off < cls->reg_count, "%s: docs list register %u, the class has %u",
                      cls->name, off, cls->reg_count);
        ck_assert_msg(strcmp(name, cls->reg[off].name) == 0, "%s +%u: docs say %s, class %s",
                      cls->name, off, name, cls->reg[off].name);
        ck_assert_msg(strcmp(access, access_text(cls->reg[off].access)) == 0,
                      "%s %s: docs say %s, class %s", cls->name, name, access,
                      access_text(cls->reg[off].access));
        seen[sections - 1]++;
    }
    fclose(f);
    unsigned devices = 0;
    for (size_t i = 0; i < board_row_count; i++)
        devices += board_rows[i].profile == MACHINE_PROFILE_D16;
    ck_assert_uint_ge(sections, devices); /* every device has its section */
    for (unsigned s = 0; s < sections; s++)
        ck_assert_msg(seen[s] == in_section[s]->reg_count, "%s: docs list %u registers, class %u",
                      in_section[s]->name, seen[s], in_section[s]->reg_count);
}
END_TEST

/* "| 0 | 0xFF40 | display (...) | 0x7349f615 | 0x1802 | 0x1c6c8b36 |" */
START_TEST(device_table_matches_the_board)
{
    FILE *f = open_doc();
    char line[LINE_MAX_LEN];
    unsigned rows = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned n, slot, id, version, mfr;
        char name[128];
        /* %x takes the version as "1" or "0x1802" */
        if (sscanf(line, "| %u | 0x%x | %127[^|]| 0x%x | %x | 0x%x |", &n, &slot, name, &id,
                   &version, &mfr) != 6)
            continue;
        unsigned hwi;
        const board_row_t *row = row_at(slot, &hwi);
        ck_assert_msg(row != NULL, "docs/machine.md: no device at slot 0x%04x", slot);
        ck_assert_msg(hwi == n, "%s: docs say HWI %u, the board %u", row->cls->name, n, hwi);
        ck_assert_msg(strncmp(name, row->cls->name, strlen(row->cls->name)) == 0,
                      "HWI %u: docs say '%s', the class '%s'", n, name, row->cls->name);
        ck_assert_uint_eq(id, row->cls->id);
        ck_assert_uint_eq(version, row->cls->version);
        ck_assert_uint_eq(mfr, row->cls->manufacturer);
        rows++;
    }
    fclose(f);
    unsigned devices = 0;
    for (size_t i = 0; i < board_row_count; i++)
        devices += board_rows[i].profile == MACHINE_PROFILE_D16 && board_rows[i].when == BOARD_ALWAYS;
    ck_assert_uint_ge(rows, devices);
}
END_TEST

static Suite *docs_suite(void)
{
    Suite *s = suite_create("docs");
    TCase *tc = tcase_create("docs/machine.md");
    tcase_add_test(tc, register_tables_match_the_classes);
    tcase_add_test(tc, device_table_matches_the_board);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(docs_suite)
