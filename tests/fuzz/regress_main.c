/* regress_main.c — fuzz_regress: every fuzz target (fuzz.h), built with the normal compiler
 * and run over files instead of by libFuzzer.
 *
 *   fuzz_regress                      every target over $D16_SRCDIR/tests/fuzz/corpus/NAME/
 *                                     and regress/NAME/ (what make check runs)
 *   fuzz_regress NAME PATH...         one target over files (a directory: its files)
 *   fuzz_regress --list               the targets' names
 *
 * A crash aborts (with the sanitizers' report under --enable-sanitizers); an input that
 * runs longer than FUZZ_REGRESS_SECONDS is a failure too, named on stderr. The counts go
 * to stderr: a target may send stdout to /dev/null. */
#include "fuzz.h"

#include <dirent.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FUZZ_MAX_TARGETS 32
#define FUZZ_MAX_INPUT (1u << 20) /* libFuzzer's default -max_len is far below this */
#define FUZZ_REGRESS_SECONDS 60

typedef struct fuzz_target {
    const char *name;
    fuzz_fn fn;
} fuzz_target_t;

static fuzz_target_t targets[FUZZ_MAX_TARGETS];
static size_t target_count;

/* For the SIGALRM message: the input being run. */
static char current[4096];

void fuzz_register(const char *name, fuzz_fn fn)
{
    if (target_count < FUZZ_MAX_TARGETS)
        targets[target_count++] = (fuzz_target_t){name, fn};
}

static void on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "fuzz_regress: timeout: ";
    (void)!write(2, msg, sizeof msg - 1);
    (void)!write(2, current, strlen(current));
    (void)!write(2, "\n", 1);
    _exit(1);
}

static fuzz_fn find(const char *name)
{
    for (size_t i = 0; i < target_count; i++)
        if (strcmp(targets[i].name, name) == 0)
            return targets[i].fn;
    return NULL;
}

/* Runs fn on one file; returns 0, or 1 when the file cannot be read. */
static int run_file(const char *name, fuzz_fn fn, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    uint8_t *buf = malloc(FUZZ_MAX_INPUT);
    size_t n = buf ? fread(buf, 1, FUZZ_MAX_INPUT, f) : 0;
    fclose(f);
    if (!buf)
        return 1;
    snprintf(current, sizeof current, "%s %s", name, path);
    alarm(FUZZ_REGRESS_SECONDS);
    fn(buf, n);
    alarm(0);
    free(buf);
    return 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A file, or every regular file in a directory (sorted, so runs repeat); *count counts them. */
static int run_path(const char *name, fuzz_fn fn, const char *path, unsigned *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        ++*count;
        return run_file(name, fn, path);
    }
    DIR *dir = opendir(path);
    if (!dir)
        return 1;
    char **files = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **bigger = realloc(files, cap * sizeof *files);
            if (!bigger)
                break;
            files = bigger;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        files[n] = malloc(len);
        if (files[n])
            snprintf(files[n++], len, "%s/%s", path, e->d_name);
    }
    closedir(dir);
    if (n)
        qsort(files, n, sizeof *files, compare_names);
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        ++*count;
        failed |= run_file(name, fn, files[i]);
        free(files[i]);
    }
    free(files);
    return failed;
}

/* make check: every target over its corpus and regression inputs in the source tree. */
static int run_all(void)
{
    const char *src = getenv("D16_SRCDIR");
    if (!src)
        src = ".";
    int failed = 0;
    for (size_t i = 0; i < target_count; i++) {
        unsigned count = 0;
        static const char *const kinds[] = {"corpus", "regress"};
        for (size_t k = 0; k < 2; k++) {
            char dir[4096];
            struct stat st;
            snprintf(dir, sizeof dir, "%s/tests/fuzz/%s/%s", src, kinds[k], targets[i].name);
            if (stat(dir, &st) == 0)
                failed |= run_path(targets[i].name, targets[i].fn, dir, &count);
        }
        fprintf(stderr, "fuzz_regress: %s: %u inputs\n", targets[i].name, count);
    }
    return failed;
}

int main(int argc, char **argv)
{
    signal(SIGALRM, on_alarm);
    if (argc == 1)
        return run_all();
    if (strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < target_count; i++)
            printf("%s\n", targets[i].name);
        return 0;
    }
    fuzz_fn fn = find(argv[1]);
    if (!fn || argc < 3) {
        fprintf(stderr, "usage: fuzz_regress [--list | TARGET PATH...]%s%s\n",
                fn ? "" : "; no target ", fn ? "" : argv[1]);
        return 2;
    }
    int failed = 0;
    unsigned count = 0;
    for (int i = 2; i < argc; i++)
        failed |= run_path(argv[1], fn, argv[i], &count);
    fprintf(stderr, "fuzz_regress: %s: %u inputs\n", argv[1], count);
    return failed;
}
