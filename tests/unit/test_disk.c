/* test_disk.c — floppy images on the host (src/frontend/disk.c): byte order, short files,
 * growth, blank creation, every refusal (missing, directory, too long, unreadable, locked),
 * write protection (asked for, or forced by an unwritable file) and snapshots. */
#include "frontend/disk.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"

/* One directory for the suite, removed by the parent process at the end (a test that
 * gives up root could not); each test works in a fresh directory inside it. */
static char base[64];
static char dir[128];
static char path[160];

static void suite_setup(void)
{
    snprintf(base, sizeof base, "/tmp/d16-test-disk.XXXXXX");
    if (!mkdtemp(base))
        abort();
    chmod(base, 0777);
}

static void suite_teardown(void)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    if (system(cmd) != 0)
        fprintf(stderr, "test_disk: could not remove %s\n", base);
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "%s/t.XXXXXX", base);
    ck_assert_ptr_nonnull(mkdtemp(dir));
    chmod(dir, 0777); /* a test that gives up root can still work in it */
    snprintf(path, sizeof path, "%s/disk.img", dir);
}

static void write_file(const char *p, const void *bytes, size_t n)
{
    FILE *f = fopen(p, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(bytes, 1, n, f), n);
    ck_assert_int_eq(fclose(f), 0);
}

static off_t file_size(const char *p)
{
    struct stat st;
    ck_assert_int_eq(stat(p, &st), 0);
    return st.st_size;
}

static void read_at(const char *p, off_t offset, uint8_t *bytes, size_t n)
{
    int fd = open(p, O_RDONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(pread(fd, bytes, n, offset), (ssize_t)n);
    close(fd);
}

/* Opens with o; expects success; returns nothing in warn unless asked. */
static void open_ok(disk_t *d, const disk_opts_t *o)
{
    char err[512], warn[512];
    ck_assert_msg(disk_open(d, o, err, sizeof err, warn, sizeof warn) == 0, "%s", err);
    ck_assert_str_eq(warn, "");
}

static void open_fails(const disk_opts_t *o, const char *want)
{
    disk_t d;
    char err[512] = "", warn[512];
    ck_assert_int_eq(disk_open(&d, o, err, sizeof err, warn, sizeof warn), -1);
    ck_assert_msg(strstr(err, want) != NULL, "'%s' lacks '%s'", err, want);
    ck_assert_msg(strncmp(err, o->path, strlen(o->path)) == 0, "'%s' does not name the file", err);
    ck_assert_ptr_null(strchr(err, '\n'));
}

/* Gives up root for the rest of this (forked) test, so permissions apply. */
static void become_nobody(void)
{
    if (geteuid() == 0) {
        ck_assert_int_eq(setgid(65534), 0);
        ck_assert_int_eq(setuid(65534), 0);
    }
}

START_TEST(big_endian_by_default_little_with_the_flag)
{
    bool le = _i;
    uint8_t bytes[FLOPPY_SECTOR_BYTES * 2] = {0};
    bytes[1024] = 0x12; /* sector 1, word 0 */
    bytes[1025] = 0x34;
    write_file(path, bytes, sizeof bytes);
    disk_t d;
    open_ok(&d, &(disk_opts_t){.path = path, .little_endian = le});
    uint16_t words[FLOPPY_SECTOR_WORDS];
    ck_assert_int_eq(d.media.read(d.media.ctx, 1, words), 0);
    ck_assert_uint_eq(words[0], le ? 0x3412 : 0x1234);
    words[511] = 0xabcd;
    ck_assert_int_eq(d.media.write(d.media.ctx, 0, words), 0);
    uint8_t back[2];
    read_at(path, 1022, back, 2);
    ck_assert_uint_eq(back[0], le ? 0xcd : 0xab);
    ck_assert_uint_eq(back[1], le ? 0xab : 0xcd);
    disk_close(&d);
}
END_TEST

START_TEST(short_file_reads_zeros_and_grows_when_written)
{
    write_file(path, "\x01\x02\x03", 3);
    disk_t d;
    open_ok(&d, &(disk_opts_t){.path = path});
    uint16_t words[FLOPPY_SECTOR_WORDS];
    ck_assert_int_eq(d.media.read(d.media.ctx, 0, words), 0);
    ck_assert_uint_eq(words[0], 0x0102);
    ck_assert_uint_eq(words[1], 0x0300); /* the odd last byte, then zeros */
    ck_assert_uint_eq(words[2], 0);
    ck_assert_int_eq(d.media.read(d.media.ctx, 1439, words), 0);
    ck_assert_uint_eq(words[511], 0);
    for (unsigned w = 0; w < FLOPPY_SECTOR_WORDS; w++)
        words[w] = (uint16_t)(w + 1);
    ck_assert_int_eq(d.media.write(d.media.ctx, 1000, words), 0);
    ck_assert_int_eq(file_size(path), 1001 * 1024);
    ck_assert_int_eq(d.media.read(d.media.ctx, 999, words), 0); /* the hole reads as zeros */
    ck_assert_uint_eq(words[0], 0);
    ck_assert_int_eq(d.media.read(d.media.ctx, 1000, words), 0);
    ck_assert_uint_eq(words[511], 512);
    disk_close(&d);
}
END_TEST

START_TEST(create_blank_makes_a_full_zero_disk_and_keeps_an_existing_one)
{
    open_fails(&(disk_opts_t){.path = path}, "no such file (--disk-new creates a blank disk)");
    ck_assert_int_eq(access(path, F_OK), -1); /* nothing was created */
    disk_t d;
    open_ok(&d, &(disk_opts_t){.path = path, .create = true});
    ck_assert_int_eq(file_size(path), FLOPPY_IMAGE_BYTES);
    ck_assert(!d.media.write_protected);
    uint16_t words[FLOPPY_SECTOR_WORDS] = {0x5555};
    ck_assert_int_eq(d.media.write(d.media.ctx, 3, words), 0);
    disk_close(&d);
    open_ok(&d, &(disk_opts_t){.path = path, .create = true}); /* exists: kept */
    ck_assert_int_eq(d.media.read(d.media.ctx, 3, words), 0);
    ck_assert_uint_eq(words[0], 0x5555);
    disk_close(&d);
    /* No temporary file is left beside it. */
    char cmd[300];
    snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | wc -l) -eq 1", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(refusals_name_the_file)
{
    open_fails(&(disk_opts_t){.path = dir}, "is a directory");
    open_fails(&(disk_opts_t){.path = dir, .read_only = true}, "is a directory");
    open_fails(&(disk_opts_t){.path = dir, .snapshot = true}, "is a directory");
    static uint8_t big[FLOPPY_IMAGE_BYTES + 1];
    write_file(path, big, sizeof big);
    open_fails(&(disk_opts_t){.path = path}, "too long: 1474561 bytes");
    open_fails(&(disk_opts_t){.path = path, .snapshot = true}, "too long");
    open_fails(&(disk_opts_t){.path = "/dev/null"}, "not a regular file");
    char missing[200];
    snprintf(missing, sizeof missing, "%s/no/such/dir/x.img", dir);
    open_fails(&(disk_opts_t){.path = missing, .create = true}, "cannot create");
}
END_TEST

START_TEST(exactly_full_size_is_accepted)
{
    static uint8_t full[FLOPPY_IMAGE_BYTES];
    full[FLOPPY_IMAGE_BYTES - 1] = 7;
    write_file(path, full, sizeof full);
    disk_t d;
    open_ok(&d, &(disk_opts_t){.path = path});
    uint16_t words[FLOPPY_SECTOR_WORDS];
    ck_assert_int_eq(d.media.read(d.media.ctx, 1439, words), 0);
    ck_assert_uint_eq(words[511], 7);
    disk_close(&d);
}
END_TEST

START_TEST(unreadable_file_is_refused)
{
    write_file(path, "\0\0", 2);
    ck_assert_int_eq(chmod(path, 0), 0);
    become_nobody();
    open_fails(&(disk_opts_t){.path = path}, "cannot open: Permission denied");
    open_fails(&(disk_opts_t){.path = path, .read_only = true}, "cannot open");
}
END_TEST

START_TEST(unwritable_file_is_attached_write_protected)
{
    write_file(path, "\x11\x22", 2);
    ck_assert_int_eq(chmod(path, 0444), 0);
    become_nobody();
    disk_t d;
    char err[512], warn[512];
    ck_assert_int_eq(disk_open(&d, &(disk_opts_t){.path = path}, err, sizeof err, warn,
                               sizeof warn), 0);
    ck_assert_msg(strstr(warn, "attached write-protected") && strstr(warn, path), "%s", warn);
    ck_assert(d.media.write_protected);
    uint16_t words[FLOPPY_SECTOR_WORDS];
    ck_assert_int_eq(d.media.read(d.media.ctx, 0, words), 0);
    ck_assert_uint_eq(words[0], 0x1122);
    disk_close(&d);
}
END_TEST

START_TEST(read_only_is_write_protected_and_takes_no_lock)
{
    write_file(path, "\0\0", 2);
    disk_t writer, reader;
    open_ok(&writer, &(disk_opts_t){.path = path});
    open_ok(&reader, &(disk_opts_t){.path = path, .read_only = true});
    ck_assert(reader.media.write_protected);
    ck_assert(!writer.media.write_protected);
    disk_close(&reader);
    disk_close(&writer);
}
END_TEST

START_TEST(a_second_writer_is_refused_until_the_first_leaves)
{
    write_file(path, "\0\0", 2);
    disk_t first, second;
    open_ok(&first, &(disk_opts_t){.path = path});
    open_fails(&(disk_opts_t){.path = path}, "in use: another process is writing this disk");
    disk_close(&first);
    open_ok(&second, &(disk_opts_t){.path = path});
    disk_close(&second);
}
END_TEST

START_TEST(snapshot_writes_stay_in_memory)
{
    uint8_t bytes[4] = {0xaa, 0xbb, 0xcc, 0xdd};
    write_file(path, bytes, sizeof bytes);
    disk_t holder, d;
    open_ok(&holder, &(disk_opts_t){.path = path}); /* a snapshot ignores the lock */
    open_ok(&d, &(disk_opts_t){.path = path, .snapshot = true});
    ck_assert(!d.media.write_protected);
    uint16_t words[FLOPPY_SECTOR_WORDS];
    ck_assert_int_eq(d.media.read(d.media.ctx, 0, words), 0);
    ck_assert_uint_eq(words[1], 0xccdd);
    words[0] = 0x1111;
    ck_assert_int_eq(d.media.write(d.media.ctx, 0, words), 0);
    ck_assert_int_eq(d.media.write(d.media.ctx, 1439, words), 0);
    ck_assert_int_eq(d.media.read(d.media.ctx, 1439, words), 0);
    ck_assert_uint_eq(words[0], 0x1111);
    ck_assert_int_eq(file_size(path), 4);
    uint8_t back[4];
    read_at(path, 0, back, 4);
    ck_assert_mem_eq(back, bytes, 4);
    disk_close(&d);
    disk_close(&holder);
    /* A snapshot of a missing disk with --disk-new is blank and creates nothing. */
    char missing[200];
    snprintf(missing, sizeof missing, "%s/new.img", dir);
    open_ok(&d, &(disk_opts_t){.path = missing, .snapshot = true, .create = true});
    ck_assert_int_eq(d.media.read(d.media.ctx, 5, words), 0);
    ck_assert_uint_eq(words[0], 0);
    disk_close(&d);
    ck_assert_int_eq(access(missing, F_OK), -1);
}
END_TEST

static Suite *disk_suite(void)
{
    Suite *s = suite_create("disk");
    TCase *tc = tcase_create("disk");
    tcase_set_timeout(tc, 60);
    tcase_add_unchecked_fixture(tc, suite_setup, suite_teardown);
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_loop_test(tc, big_endian_by_default_little_with_the_flag, 0, 2);
    tcase_add_test(tc, short_file_reads_zeros_and_grows_when_written);
    tcase_add_test(tc, create_blank_makes_a_full_zero_disk_and_keeps_an_existing_one);
    tcase_add_test(tc, refusals_name_the_file);
    tcase_add_test(tc, exactly_full_size_is_accepted);
    tcase_add_test(tc, unreadable_file_is_refused);
    tcase_add_test(tc, unwritable_file_is_attached_write_protected);
    tcase_add_test(tc, read_only_is_write_protected_and_takes_no_lock);
    tcase_add_test(tc, a_second_writer_is_refused_until_the_first_leaves);
    tcase_add_test(tc, snapshot_writes_stay_in_memory);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(disk_suite)
