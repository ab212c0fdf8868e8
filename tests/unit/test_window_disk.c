/* test_window_disk.c — disks in the window without a window (src/frontend/window_disk.c):
 * what a dropped disk image or program does, F6's eject (cutting a transfer) and insert,
 * the title's disk part and the busy light. No SDL call is made. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "frontend/window_int.h"

static char dir[64];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/d16-test-wdisk.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static const char *in_dir(const char *name)
{
    static char path[4][128];
    static unsigned next;
    char *p = path[next++ % 4];
    snprintf(p, sizeof path[0], "%s/%s", dir, name);
    return p;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

/* A session on prog.dasm with --disk a.img --disk-new, and a window around it. */
static void start(session_t *s, window_t *w)
{
    write_text(in_dir("prog.dasm"), "loop: ADD A, 1\n SET PC, loop\n");
    static char image[128], disk[128]; /* the session keeps pointing at them */
    snprintf(image, sizeof image, "%s", in_dir("prog.dasm"));
    snprintf(disk, sizeof disk, "%s", in_dir("a.img"));
    d16_options_t o = {0};
    o.headless = true;
    o.image = image;
    o.disk.path = disk;
    o.disk.create = true;
    ck_assert_int_eq(session_start(s, &o), 0);
    *w = (window_t){.s = s};
    window_disk_start(w);
}

/* The session first: it points at the names the window kept of what was dropped. */
static void finish(session_t *s, window_t *w)
{
    session_free(s);
    free(w->image_path);
    free(w->disk_path);
}

static floppy_dev_t *drive(session_t *s)
{
    return machine_device(s->m, &floppy_class);
}

START_TEST(title_names_the_disk_and_f6_ejects_and_inserts)
{
    session_t s;
    window_t w;
    start(&s, &w);
    floppy_dev_t *f = drive(&s);
    ck_assert(f->hotplug);
    char title[160];
    window_disk_title(&w, title, sizeof title);
    ck_assert_str_eq(title, " - disk a.img");
    /* A read in flight is cut by F6. */
    floppy_class.regs.write(f, FLOPPY_REG_COMMAND, FLOPPY_COMMAND_READ, s.m->cpu.cycles);
    ck_assert_uint_eq(f->state, FLOPPY_STATE_BUSY);
    window_disk_eject_toggle(&w);
    ck_assert_uint_eq(f->state, FLOPPY_STATE_NO_MEDIA);
    ck_assert_uint_eq(floppy_class.regs.peek(f, FLOPPY_REG_ERROR), FLOPPY_ERROR_EJECT);
    window_disk_title(&w, title, sizeof title);
    ck_assert_str_eq(title, " - no disk");
    window_disk_eject_toggle(&w);
    ck_assert_uint_eq(f->state, FLOPPY_STATE_READY);
    window_disk_title(&w, title, sizeof title);
    ck_assert_str_eq(title, " - disk a.img");
    finish(&s, &w);
}
END_TEST

START_TEST(busy_light_stays_on_for_some_frames)
{
    session_t s;
    window_t w;
    start(&s, &w);
    floppy_dev_t *f = drive(&s);
    ck_assert(!window_disk_light(&w));
    floppy_class.regs.write(f, FLOPPY_REG_COMMAND, FLOPPY_COMMAND_READ, s.m->cpu.cycles);
    machine_run(s.m, 5000); /* the transfer is over within the frame */
    ck_assert_uint_eq(f->state, FLOPPY_STATE_READY);
    unsigned on = 0;
    while (window_disk_light(&w) && on < 100)
        on++;
    ck_assert_uint_eq(on, 6);
    uint32_t pixels[DISPLAY_WIDTH * DISPLAY_HEIGHT] = {0};
    window_disk_draw_light(pixels);
    unsigned lit = 0;
    for (unsigned y = 0; y < DISPLAY_HEIGHT; y++)
        for (unsigned x = 0; x < DISPLAY_WIDTH; x++)
            if (pixels[y * DISPLAY_WIDTH + x]) {
                lit++;
                /* In the border, never on the 128×96 picture. */
                ck_assert(y < DISPLAY_BORDER_PX || x >= DISPLAY_WIDTH - DISPLAY_BORDER_PX);
            }
    ck_assert_uint_eq(lit, 8);
    finish(&s, &w);
}
END_TEST

START_TEST(a_dropped_disk_replaces_the_one_in_the_drive)
{
    session_t s;
    window_t w;
    start(&s, &w);
    ck_assert_int_eq(disk_create_blank(in_dir("b.dsk")), 0);
    window_disk_drop(&w, in_dir("b.dsk"));
    char title[160];
    window_disk_title(&w, title, sizeof title);
    ck_assert_str_eq(title, " - disk b.dsk");
    ck_assert_uint_eq(drive(&s)->state, FLOPPY_STATE_READY);
    /* The first disk is free again: another writer may take it. */
    disk_t other;
    char err[512], warn[512];
    ck_assert_int_eq(disk_open(&other, &(disk_opts_t){.path = in_dir("a.img")}, err, sizeof err,
                               warn, sizeof warn), 0);
    disk_close(&other);
    /* One that cannot be opened leaves the drive empty. */
    window_disk_drop(&w, in_dir("missing.img"));
    ck_assert_uint_eq(drive(&s)->state, FLOPPY_STATE_NO_MEDIA);
    window_disk_eject_toggle(&w); /* nothing to put back */
    ck_assert_uint_eq(drive(&s)->state, FLOPPY_STATE_NO_MEDIA);
    finish(&s, &w);
}
END_TEST

START_TEST(a_dropped_program_runs_from_reset)
{
    session_t s;
    window_t w;
    start(&s, &w);
    machine_run(s.m, 1000);
    write_text(in_dir("other.dasm"), "SET [0xff02], 42\n");
    window_disk_drop(&w, in_dir("other.dasm"));
    ck_assert_str_eq(s.opt.image, in_dir("other.dasm"));
    ck_assert_uint_eq(s.m->cpu.cycles, 0);
    machine_run(s.m, 1000);
    ck_assert_int_eq(machine_exit_status(s.m), 42);
    /* A program that cannot be loaded: the old one starts again. */
    write_text(in_dir("odd.bin"), "x");
    window_disk_drop(&w, in_dir("odd.bin"));
    ck_assert_str_eq(s.opt.image, in_dir("other.dasm"));
    ck_assert_uint_eq(s.m->state, MACHINE_RUNNING);
    machine_run(s.m, 1000);
    ck_assert_int_eq(machine_exit_status(s.m), 42);
    ck_assert_uint_eq(drive(&s)->state, FLOPPY_STATE_READY); /* the disk stayed in */
    finish(&s, &w);
}
END_TEST

START_TEST(disk_images_are_told_by_name_or_size)
{
    ck_assert(window_disk_is_image("x/os.img"));
    ck_assert(window_disk_is_image("OS.DSK"));
    ck_assert(!window_disk_is_image("prog.bin"));
    ck_assert(!window_disk_is_image("prog.dasm"));
    ck_assert(!window_disk_is_image("img"));
    ck_assert_int_eq(disk_create_blank(in_dir("whole.bin")), 0);
    ck_assert(window_disk_is_image(in_dir("whole.bin")));
}
END_TEST

static Suite *window_disk_suite(void)
{
    Suite *s = suite_create("window disk");
    TCase *tc = tcase_create("window disk");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, title_names_the_disk_and_f6_ejects_and_inserts);
    tcase_add_test(tc, busy_light_stays_on_for_some_frames);
    tcase_add_test(tc, a_dropped_disk_replaces_the_one_in_the_drive);
    tcase_add_test(tc, a_dropped_program_runs_from_reset);
    tcase_add_test(tc, disk_images_are_told_by_name_or_size);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(window_disk_suite)
