/* test_disk_kill.c — disks survive kill -9 (docs/machine.md §3.6 "Durability").
 *
 * Each round starts d16 on a fresh image with tests/roms/floppy_kill.dasm, a guest that
 * rewrites 32 sectors with checksummed patterns and prints "SECTOR ROUND" on the console
 * after each write completes; once the first report is in (the guest is writing), the test
 * kills d16 with SIGKILL a random 0-40 ms later and
 * then checks the image: every sector is blank or wholly one valid pattern (never torn),
 * and holds the round the guest last saw completed for it, or a later one.
 *
 * make check runs 50 rounds (a few seconds); D16_KILL_ROUNDS=N changes that (make stress
 * runs 1000). D16_KILL_SEED fixes the random kill moments (it is printed on failure). */
#include <check.h>
#include <dirent.h>
#include <poll.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"

#define SECTORS      1440
#define SECTOR_WORDS 512
#define ROUNDS_DEFAULT 50

static unsigned seed;

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

/* The pattern the guest writes (floppy_kill.dasm): true when w is wholly round r's. */
static bool pattern_ok(const uint16_t *w, unsigned *sector, unsigned *round)
{
    uint16_t sum = 0;
    for (unsigned i = 0; i < 511; i++)
        sum = (uint16_t)(sum + w[i]);
    if (sum != w[511])
        return false;
    for (unsigned i = 2; i < 511; i++)
        if (w[i] != (uint16_t)(31u * w[1] + 7u * i + w[0]))
            return false;
    *sector = w[0];
    *round = w[1];
    return true;
}

static bool blank(const uint16_t *w)
{
    for (unsigned i = 0; i < SECTOR_WORDS; i++)
        if (w[i])
            return false;
    return true;
}

/* Reads what d16 prints into *text (growing it) until a whole line is there, so the guest
 * is writing sectors; gives up after 10 s. */
static void wait_for_first_report(int fd, char **text, size_t *len, size_t *cap)
{
    for (int waited = 0; waited < 10000 && !memchr(*text, '\n', *len);) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int ready = poll(&p, 1, 100);
        waited += 100;
        if (ready <= 0)
            continue;
        ssize_t n = read(fd, *text + *len, *cap - 1 - *len);
        if (n <= 0)
            break;
        *len += (size_t)n;
        if (*len + 1 == *cap) {
            *cap *= 2;
            *text = realloc(*text, *cap);
            ck_assert_ptr_nonnull(*text);
        }
    }
    ck_assert_msg(memchr(*text, '\n', *len) != NULL, "d16 reported no write in 10 s");
}

/* Runs d16 until its guest has reported a first write, then delay_ms more, kills it, and
 * returns everything it printed (malloc'd, NUL-terminated). */
static char *run_and_kill(const char *image, unsigned delay_ms)
{
    int out[2];
    ck_assert_int_eq(pipe(out), 0);
    char d16[1024], rom[1024];
    snprintf(d16, sizeof d16, "%s/d16", env_or("D16_BUILDDIR", "."));
    snprintf(rom, sizeof rom, "%s/tests/roms/floppy_kill.dasm", env_or("D16_SRCDIR", ".."));
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        int null = open("/dev/null", O_RDONLY);
        dup2(null, STDIN_FILENO);
        execl(d16, d16, "--headless", "--disk", image, "--disk-new", rom, (char *)NULL);
        _exit(127);
    }
    close(out[1]);
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    wait_for_first_report(out[0], &text, &len, &cap);
    struct timespec ts = {delay_ms / 1000, (long)(delay_ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
    kill(pid, SIGKILL);
    for (;;) {
        if (len + 1 == cap) {
            cap *= 2;
            text = realloc(text, cap);
            ck_assert_ptr_nonnull(text);
        }
        ssize_t n = read(out[0], text + len, cap - 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    text[len] = '\0';
    close(out[0]);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    /* Killed by us; anything else (it could not start, it halted) is a failure. */
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                  "d16 ended by itself (status 0x%x): %s", status, text);
    return text;
}

/* The last round the guest reported complete for each sector, from whole lines only. */
static unsigned parse_reports(const char *text, unsigned last[SECTORS])
{
    unsigned reports = 0;
    const char *p = text;
    const char *nl;
    while ((nl = strchr(p, '\n')) != NULL) {
        unsigned s, r;
        if (sscanf(p, "%4x %4x", &s, &r) != 2 || s >= SECTORS)
            ck_abort_msg("bad line at '%.20s'", p);
        last[s] = r;
        reports++;
        p = nl + 1;
    }
    return reports;
}

static void read_image(const char *path, uint16_t (*word)[SECTOR_WORDS])
{
    memset(word, 0, sizeof(uint16_t) * SECTORS * SECTOR_WORDS);
    FILE *f = fopen(path, "rb");
    if (!f)
        return; /* killed before the image was created: nothing was written */
    static uint8_t bytes[SECTORS * SECTOR_WORDS * 2];
    size_t n = fread(bytes, 1, sizeof bytes, f);
    fclose(f);
    for (size_t i = 0; i + 1 < n; i += 2)
        word[i / 1024][(i % 1024) / 2] = (uint16_t)(bytes[i] << 8 | bytes[i + 1]);
}

/* Removes dir and the files in it (the image, a temporary file of a cut creation). */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    char path[600];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    ck_assert_int_eq(rmdir(dir), 0);
}

/* Where the images go: memory (/dev/shm) when there is one, so the guest completes many
 * writes in each run slice and d16 flushes its reports often; D16_KILL_DIR chooses. A kill
 * loses the page cache no more on tmpfs than on a disk, so the test means the same. */
static const char *kill_dir(void)
{
    const char *dir = getenv("D16_KILL_DIR");
    if (dir && *dir)
        return dir;
    if (access("/dev/shm", W_OK) == 0)
        return "/dev/shm";
    return env_or("TMPDIR", "/tmp");
}

START_TEST(kill_at_a_random_moment)
{
    srand(seed + (unsigned)_i * 7919u);
    unsigned delay = (unsigned)rand() % 41;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/d16-kill.XXXXXX", kill_dir());
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char image[300];
    snprintf(image, sizeof image, "%s/disk.img", dir);

    char *text = run_and_kill(image, delay);
    static unsigned last[SECTORS];
    memset(last, 0, sizeof last);
    unsigned reports = parse_reports(text, last);
    static uint16_t word[SECTORS][SECTOR_WORDS];
    read_image(image, word);
    /* Plain ifs: every Check assertion reports to the parent process, too slow here. */
    for (unsigned s = 0; s < SECTORS; s++) {
        unsigned sector, round;
        if (blank(word[s])) {
            if (last[s] != 0)
                ck_abort_msg("seed %u round %d: sector %u is blank, but round %u completed there",
                             seed, _i, s, last[s]);
            continue;
        }
        if (!pattern_ok(word[s], &sector, &round))
            ck_abort_msg("seed %u round %d (kill after %u ms): sector %u is torn (not one whole "
                         "pattern)", seed, _i, delay, s);
        if (sector != s)
            ck_abort_msg("sector %u holds sector %u's pattern", s, sector);
        if (round < last[s])
            ck_abort_msg("seed %u round %d: sector %u holds round %u, but round %u completed",
                         seed, _i, s, round, last[s]);
    }
    free(text);
    remove_dir(dir);
    /* Say how much was at stake (seen with CK_VERBOSITY=verbose). */
    printf("round %d: killed %u ms after the first write, %u writes reported\n", _i, delay, reports);
}
END_TEST

static Suite *kill_suite(void)
{
    seed = (unsigned)strtoul(env_or("D16_KILL_SEED", "0"), NULL, 10);
    if (seed == 0)
        seed = (unsigned)time(NULL);
    int rounds = atoi(env_or("D16_KILL_ROUNDS", "50"));
    Suite *s = suite_create("disk kill -9");
    TCase *tc = tcase_create("durability");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, kill_at_a_random_moment, 0, rounds > 0 ? rounds : ROUNDS_DEFAULT);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(kill_suite)
