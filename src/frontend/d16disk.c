/* d16disk.c — makes and inspects floppy images for d16 (docs/cli.md "d16disk").
 *
 *   d16disk new DISK                          a blank disk (1,474,560 bytes)
 *   d16disk info DISK                         size, sectors in use, bootable or not
 *   d16disk put DISK IMAGE --sector N         IMAGE's words from sector N on
 *   d16disk get DISK --sector N [--count K] [-o FILE]   K sectors' words (stdout without -o)
 *   d16disk mkboot PROGRAM DISK               a bootable disk that runs PROGRAM
 *   options: --le (IMAGE/PROGRAM/output little-endian), --disk-le (the disk's words)
 *
 * A disk is changed as a whole: read, edited in memory, written to a temporary file that
 * is synced and renamed over it, so an interrupted d16disk leaves the old disk. A disk that
 * a d16 is writing (it holds the lock, frontend/disk.h) is left alone. Exit: 0 done,
 * 1 the disk could not be written or is in use, 2 usage or bad input. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devices/floppy.h"
#include "frontend/atomic_file.h"
#include "frontend/boot_loader.h"
#include "frontend/disk.h"
#include "frontend/image_file.h"
#include "frontend/options.h"

enum { EXIT_FAILED = 1, EXIT_USAGE = 2 };

#define BOOT_LENGTH_WORD 510            /* sector 0: the program's length (roms/boot/loader.dasm) */
#define BOOT_MAX_WORDS   0xf000u        /* the loader runs at 0xF000 */

typedef struct args {
    const char *command, *disk, *image, *output;
    unsigned sector, count;
    bool has_sector, le, disk_le;
} args_t;

static void usage(FILE *f)
{
    fputs("usage: d16disk new DISK\n"
          "       d16disk info DISK\n"
          "       d16disk put DISK IMAGE --sector N\n"
          "       d16disk get DISK --sector N [--count K] [-o FILE]\n"
          "       d16disk mkboot PROGRAM DISK\n"
          "options: --le (IMAGE, PROGRAM and get's output little-endian),\n"
          "         --disk-le (the disk's words little-endian)\n",
          f);
}

static int bad(const char *fmt, const char *what)
{
    fputs("d16disk: ", stderr);
    fprintf(stderr, fmt, what);
    fputc('\n', stderr);
    return EXIT_USAGE;
}

static int parse_args(args_t *a, int argc, char **argv)
{
    *a = (args_t){.count = 1};
    const char *operand[3] = {0};
    int operands = 0;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        uint64_t n;
        if (strcmp(s, "--le") == 0) {
            a->le = true;
        } else if (strcmp(s, "--disk-le") == 0) {
            a->disk_le = true;
        } else if (strcmp(s, "--sector") == 0 || strcmp(s, "--count") == 0) {
            if (i + 1 >= argc)
                return bad("%s needs a value", s);
            bool sector = strcmp(s, "--sector") == 0;
            unsigned max = sector ? FLOPPY_SECTORS - 1 : FLOPPY_SECTORS;
            if (!options_parse_number(argv[++i], max, &n) || (!sector && n == 0)) {
                fprintf(stderr, "d16disk: %s: '%s' is not a number from %u to %u\n", s, argv[i],
                        sector ? 0 : 1, max);
                return EXIT_USAGE;
            }
            if (sector) {
                a->sector = (unsigned)n;
                a->has_sector = true;
            } else {
                a->count = (unsigned)n;
            }
        } else if (strcmp(s, "-o") == 0) {
            if (i + 1 >= argc)
                return bad("%s needs a file name", s);
            a->output = argv[++i];
        } else if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
            usage(stdout);
            exit(0);
        } else if (s[0] == '-' && s[1]) {
            return bad("unknown option '%s' (try d16disk --help)", s);
        } else if (operands == 3) {
            return bad("too many operands ('%s')", s);
        } else {
            operand[operands++] = s;
        }
    }
    if (operands == 0) {
        usage(stderr);
        return EXIT_USAGE;
    }
    a->command = operand[0];
    static const struct { const char *name; int operands; } shapes[] = {
        {"new", 2}, {"info", 2}, {"put", 3}, {"get", 2}, {"mkboot", 3},
    };
    for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
        if (strcmp(a->command, shapes[k].name) != 0)
            continue;
        if (operands != shapes[k].operands) {
            usage(stderr);
            return EXIT_USAGE;
        }
        bool mkboot = strcmp(a->command, "mkboot") == 0;
        a->disk = mkboot ? operand[2] : operand[1];
        a->image = operands == 3 ? (mkboot ? operand[1] : operand[2]) : NULL;
        bool wants_sector = strcmp(a->command, "put") == 0 || strcmp(a->command, "get") == 0;
        if (wants_sector && !a->has_sector)
            return bad("%s needs --sector N", a->command);
        if (!wants_sector && a->has_sector)
            return bad("--sector is for put and get, not %s", a->command);
        if (a->output && strcmp(a->command, "get") != 0)
            return bad("-o is for get, not %s", a->command);
        return 0;
    }
    return bad("unknown command '%s' (new, info, put, get or mkboot)", a->command);
}

/* ---- a disk in memory */

typedef struct image {
    uint16_t word[FLOPPY_SECTORS][FLOPPY_SECTOR_WORDS];
    size_t bytes; /* the file's length: it grows only as far as sectors are written */
} image_t;

/* Reads the disk into im; with must_exist false a missing disk is blank and full-size. */
static int image_load(image_t *im, const args_t *a, bool must_exist)
{
    memset(im, 0, sizeof *im);
    disk_t d;
    char err[512], warn[512];
    struct stat st;
    if (stat(a->disk, &st) != 0 && errno == ENOENT) {
        if (must_exist) {
            fprintf(stderr, "d16disk: %s: no such file (d16disk new makes a blank disk)\n", a->disk);
            return EXIT_USAGE;
        }
        im->bytes = FLOPPY_IMAGE_BYTES;
        return 0;
    }
    disk_opts_t o = {.path = a->disk, .read_only = true, .little_endian = a->disk_le};
    if (disk_open(&d, &o, err, sizeof err, warn, sizeof warn) != 0) {
        fprintf(stderr, "d16disk: %s\n", err);
        return EXIT_USAGE;
    }
    int rc = fstat(d.fd, &st);
    im->bytes = rc == 0 ? (size_t)st.st_size : 0;
    for (unsigned s = 0; rc == 0 && s < FLOPPY_SECTORS; s++)
        rc = d.media.read(d.media.ctx, s, im->word[s]);
    if (rc != 0)
        fprintf(stderr, "d16disk: %s: cannot read: %s\n", a->disk, strerror(d.last_errno ? d.last_errno : errno));
    disk_close(&d);
    return rc ? EXIT_USAGE : 0;
}

static void image_touch(image_t *im, unsigned last_sector)
{
    size_t end = (size_t)(last_sector + 1) * FLOPPY_SECTOR_BYTES;
    if (im->bytes < end)
        im->bytes = end;
}

/* Holds the disk's writer lock while it is replaced, so a running d16 is never overwritten. */
static int image_save(const image_t *im, const args_t *a)
{
    int lock = open(a->disk, O_RDONLY | O_CLOEXEC);
    mode_t mode = 0644;
    struct stat st;
    if (lock >= 0 && fstat(lock, &st) == 0)
        mode = st.st_mode & 07777;
    if (lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) != 0) {
        fprintf(stderr, "d16disk: %s: in use: a d16 is writing this disk; not changed\n", a->disk);
        close(lock);
        return EXIT_FAILED;
    }
    uint8_t *bytes = malloc(FLOPPY_IMAGE_BYTES);
    if (!bytes) {
        fprintf(stderr, "d16disk: out of memory\n");
        if (lock >= 0)
            close(lock);
        return EXIT_FAILED;
    }
    disk_bytes_from_words(bytes, &im->word[0][0], FLOPPY_SECTORS * FLOPPY_SECTOR_WORDS, a->disk_le);
    int rc = atomic_file_write(a->disk, bytes, im->bytes, mode);
    if (rc != 0)
        fprintf(stderr, "d16disk: %s: cannot write: %s\n", a->disk, strerror(errno));
    free(bytes);
    if (lock >= 0)
        close(lock);
    return rc ? EXIT_FAILED : 0;
}

/* Reads a program or data image: a whole number of words, at least one, at most max. */
static int read_words(const char *path, bool le, size_t max, uint16_t **words, size_t *count)
{
    uint8_t *bytes;
    size_t n;
    char err[512];
    if (image_file_read(path, max * 2, &bytes, &n, err, sizeof err) != 0) {
        fprintf(stderr, "d16disk: %s\n", err);
        return EXIT_USAGE;
    }
    const char *why = n == 0 ? "empty image (an image holds at least one 16-bit word)"
                      : n % 2 && n <= max * 2 ? "odd size: not a whole number of 16-bit words"
                                              : NULL;
    if (!why && n > max * 2) {
        fprintf(stderr, "d16disk: %s: too large: more than %zu words fit\n", path, max);
        free(bytes);
        return EXIT_USAGE;
    }
    if (why) {
        fprintf(stderr, "d16disk: %s: %s\n", path, why);
        free(bytes);
        return EXIT_USAGE;
    }
    *count = n / 2;
    *words = malloc(n);
    if (!*words) {
        free(bytes);
        fprintf(stderr, "d16disk: out of memory\n");
        return EXIT_FAILED;
    }
    disk_words_from_bytes(*words, bytes, *count, le);
    free(bytes);
    return 0;
}

/* Puts count words from sector first on, padding the last sector with zeros. */
static void image_put(image_t *im, unsigned first, const uint16_t *words, size_t count)
{
    uint16_t *to = &im->word[first][0];
    size_t sectors = (count + FLOPPY_SECTOR_WORDS - 1) / FLOPPY_SECTOR_WORDS;
    memset(to, 0, sectors * FLOPPY_SECTOR_BYTES);
    memcpy(to, words, count * sizeof *words);
    image_touch(im, first + (unsigned)sectors - 1);
}

/* ---- the commands */

static int cmd_new(const args_t *a)
{
    struct stat st;
    if (stat(a->disk, &st) == 0)
        return bad("%s: exists; not overwritten", a->disk);
    if (disk_create_blank(a->disk) != 0) {
        fprintf(stderr, "d16disk: %s: cannot create: %s\n", a->disk, strerror(errno));
        return EXIT_FAILED;
    }
    return 0;
}

static bool sector_is_blank(const uint16_t *w)
{
    for (unsigned k = 0; k < FLOPPY_SECTOR_WORDS; k++)
        if (w[k])
            return false;
    return true;
}

static int cmd_info(const args_t *a, image_t *im)
{
    int rc = image_load(im, a, true);
    if (rc)
        return rc;
    unsigned used = 0, last = 0;
    for (unsigned s = 0; s < FLOPPY_SECTORS; s++)
        if (!sector_is_blank(im->word[s]))
            used++, last = s;
    printf("%s: %zu bytes (%s), %s words\n", a->disk, im->bytes,
           im->bytes == FLOPPY_IMAGE_BYTES ? "a full disk" : "shorter than a disk: zeros past the end",
           a->disk_le ? "little-endian" : "big-endian");
    if (used)
        printf("sectors in use: %u of 1440 (the last is %u)\n", used, last);
    else
        printf("sectors in use: 0 of 1440 (blank)\n");
    const uint16_t *boot = im->word[0];
    if (boot[511] != FLOPPY_BOOT_SIGNATURE) {
        printf("bootable: no (word 511 of sector 0 is 0x%04x, not 0x55aa)\n", boot[511]);
        return 0;
    }
    bool ours = d16_boot_loader_size >= 2 && boot[0] == (d16_boot_loader[0] << 8 | d16_boot_loader[1]);
    if (ours && boot[BOOT_LENGTH_WORD] >= 1 && boot[BOOT_LENGTH_WORD] <= BOOT_MAX_WORDS)
        printf("bootable: yes, d16disk mkboot loader, a program of %u words in sectors 1-%u\n",
               boot[BOOT_LENGTH_WORD], (boot[BOOT_LENGTH_WORD] + FLOPPY_SECTOR_WORDS - 1) / FLOPPY_SECTOR_WORDS);
    else
        printf("bootable: yes (sector 0 runs at 0x0000)\n");
    return 0;
}

static int cmd_put(const args_t *a, image_t *im)
{
    size_t room = (size_t)(FLOPPY_SECTORS - a->sector) * FLOPPY_SECTOR_WORDS;
    uint16_t *words = NULL;
    size_t count;
    int rc = read_words(a->image, a->le, room, &words, &count);
    if (!rc)
        rc = image_load(im, a, true);
    if (!rc) {
        image_put(im, a->sector, words, count);
        rc = image_save(im, a);
    }
    if (!rc)
        printf("%s: %zu words into sectors %u-%zu\n", a->disk, count, a->sector,
               a->sector + (count - 1) / FLOPPY_SECTOR_WORDS);
    free(words);
    return rc;
}

static int cmd_get(const args_t *a, image_t *im)
{
    if (a->sector + a->count > FLOPPY_SECTORS) {
        fprintf(stderr, "d16disk: --count %u from sector %u goes past sector 1439\n", a->count, a->sector);
        return EXIT_USAGE;
    }
    int rc = image_load(im, a, true);
    if (rc)
        return rc;
    size_t n = (size_t)a->count * FLOPPY_SECTOR_BYTES;
    uint8_t *bytes = malloc(n);
    if (!bytes)
        return EXIT_FAILED;
    disk_bytes_from_words(bytes, im->word[a->sector], (size_t)a->count * FLOPPY_SECTOR_WORDS, a->le);
    if (a->output) {
        rc = atomic_file_write(a->output, bytes, n, 0644);
        if (rc)
            fprintf(stderr, "d16disk: %s: cannot write: %s\n", a->output, strerror(errno));
    } else {
        rc = fwrite(bytes, 1, n, stdout) != n || fflush(stdout) != 0;
        if (rc)
            fprintf(stderr, "d16disk: stdout: cannot write: %s\n", strerror(errno));
    }
    free(bytes);
    return rc ? EXIT_FAILED : 0;
}

static int cmd_mkboot(const args_t *a, image_t *im)
{
    uint16_t *words = NULL;
    size_t count;
    int rc = read_words(a->image, a->le, BOOT_MAX_WORDS, &words, &count);
    if (!rc)
        rc = image_load(im, a, false);
    if (!rc) {
        uint16_t *boot = im->word[0];
        memset(boot, 0, FLOPPY_SECTOR_BYTES);
        disk_words_from_bytes(boot, d16_boot_loader, d16_boot_loader_size / 2, false);
        boot[BOOT_LENGTH_WORD] = (uint16_t)count;
        boot[511] = FLOPPY_BOOT_SIGNATURE;
        image_touch(im, 0);
        image_put(im, 1, words, count);
        rc = image_save(im, a);
    }
    if (!rc)
        printf("%s: bootable, %zu words in sectors 1-%zu\n", a->disk, count,
               1 + (count - 1) / FLOPPY_SECTOR_WORDS);
    free(words);
    return rc;
}

int main(int argc, char **argv)
{
    args_t a;
    int rc = parse_args(&a, argc, argv);
    if (rc)
        return rc;
    if (strcmp(a.command, "new") == 0)
        return cmd_new(&a);
    image_t *im = malloc(sizeof *im);
    if (!im) {
        fprintf(stderr, "d16disk: out of memory\n");
        return EXIT_FAILED;
    }
    if (strcmp(a.command, "info") == 0)
        rc = cmd_info(&a, im);
    else if (strcmp(a.command, "put") == 0)
        rc = cmd_put(&a, im);
    else if (strcmp(a.command, "get") == 0)
        rc = cmd_get(&a, im);
    else
        rc = cmd_mkboot(&a, im);
    free(im);
    return rc;
}
