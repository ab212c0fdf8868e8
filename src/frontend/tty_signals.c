/* tty_signals.c — the terminal is left as it was found whatever ends d16. SIGINT, SIGTERM
 * and SIGHUP are the session's: they end the loop, so curses restores the terminal before
 * the run ends as headless. A crash signal restores the terminal in its handler (writes
 * of the saved modes and of terminfo's own strings only: nothing else is safe there) and
 * then takes its course. */
#include "frontend/tty_int.h"

#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT};
#define CRASH_COUNT  (sizeof crash_signals / sizeof crash_signals[0])

/* A signal handler can only reach static storage: what it needs is kept here. */
static struct sigaction crash_before[CRASH_COUNT];
static bool crash_armed;
static struct termios found_modes;
static bool have_found_modes;
static char restore_bytes[256];
static size_t restore_len;

static void on_crash(int sig)
{
    if (restore_len)
        (void)!write(STDOUT_FILENO, restore_bytes, restore_len);
    if (have_found_modes)
        tcsetattr(STDIN_FILENO, TCSANOW, &found_modes);
    for (size_t i = 0; i < CRASH_COUNT; i++)
        if (crash_signals[i] == sig)
            sigaction(sig, &crash_before[i], NULL);
    raise(sig); /* blocked here: delivered to the handler from before once this returns */
}

static void install(int sig, void (*handler)(int), struct sigaction *before)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, before);
}

void tty_signals_catch(void)
{
    have_found_modes = tcgetattr(STDIN_FILENO, &found_modes) == 0;
}

/* Appends terminfo capability `name` without its padding ("$<5>"). */
static void add_capability(const tty_curses_t *c, const char *name)
{
    const char *s = c->tigetstr(name);
    if (!s || s == (char *)-1)
        return;
    for (; *s && restore_len < sizeof restore_bytes; s++) {
        if (s[0] == '$' && s[1] == '<' && strchr(s, '>')) {
            s = strchr(s, '>');
            continue;
        }
        restore_bytes[restore_len++] = *s;
    }
}

void tty_signals_arm_restore(const tty_curses_t *c)
{
    restore_len = 0;
    add_capability(c, "sgr0");
    add_capability(c, "cnorm");
    add_capability(c, "rmkx");
    add_capability(c, "rmcup");
    for (size_t i = 0; i < CRASH_COUNT; i++)
        install(crash_signals[i], on_crash, &crash_before[i]);
    crash_armed = true;
}

void tty_signals_release(void)
{
    for (size_t i = 0; crash_armed && i < CRASH_COUNT; i++)
        sigaction(crash_signals[i], &crash_before[i], NULL);
    crash_armed = false;
}
