/* window.c — the window's main loop: one frame of clock/60 cycles per 1/60 s, then the
 * picture (when it changed), then sleep in SDL's event wait until the frame's deadline.
 * Paused and ended machines only wait for events; nothing here ever spins. Under the
 * debugger the frames run under its watch, and where it stops its prompt has the run. */
#include "frontend/window.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "frontend/report.h"
#include "frontend/screen.h"
#include "frontend/window_int.h"
#include "frontend/window_keys.h"

/* While paused or ended the loop blocks on events; this bounds how late a SIGINT (which
 * does not wake SDL's wait) is noticed. */
#define WINDOW_IDLE_WAIT_MS 250
/* Cycles between looks at the clock while a frame runs. */
#define WINDOW_CHUNK 20000u
#define WINDOW_FADE_STEP_MS 40

static const char window_key_help[] =
    "d16 window keys:\n"
    "  F1   this help\n"
    "  F5   reset (the image is loaded again)\n"
    "  F6   eject the disk / put it back (with --disk; drop a disk image on the window to\n"
    "       change disks, a program to run it)\n"
    "  F7   stop in the debugger (with --debug or --break)\n"
    "  F8   pause / resume\n"
    "  F9   turbo on / off: as fast as the host allows\n"
    "  Tab  fast-forward while held\n"
    "  F10  quit (closing the window or Ctrl-C in the terminal does the same)\n"
    "  F11  full screen on / off\n"
    "  F12  screenshot: d16-YYYYmmdd-HHMMSS.png in the current directory\n"
    "  F2   save the state to the current slot (NAME.slotN.d16state here)\n"
    "  F4   load the state of the current slot\n"
    "  Shift+F2  next slot (0-9)\n"
    "  F3   rewind while held: one emulated second a step (--rewind-mb)\n"
    "Every other key goes to the guest's keyboard.\n";

/* The same list in the picture: OSD_COLS (34) columns, OSD_MAX_LINES (12) lines. */
static const char window_key_osd[] =
    "d16 keys (F1 again hides this)\n"
    "F1  this help\n"
    "F5  reset: load the image again\n"
    "F6  disk out / in (--disk)\n"
    "F7  debugger (--debug, --break)\n"
    "F8  pause / resume\n"
    "F9  turbo on / off\n"
    "Tab fast-forward while held\n"
    "F10 quit\n"
    "F11 full screen on / off\n"
    "F12 screenshot\n"
    "Other keys go to the guest.";
/* F1's list stays longer than a notice: it takes a while to read. */
#define WINDOW_KEY_HELP_MS 10000u

static uint32_t clock_hz(const window_t *w)
{
    return w->s->m->opts.clock_hz ? w->s->m->opts.clock_hz : MACHINE_DEFAULT_HZ;
}

static bool stopped_in_debugger(const window_t *w)
{
    return w->debugger && debugger_stopped(w->debugger);
}

/* Under the debugger an end is the debugger's to report: it stops there. */
static bool machine_active(const window_t *w)
{
    if (w->paused || w->at_prompt || w->rewinding)
        return false;
    return w->debugger ? !debugger_stopped(w->debugger) : w->s->m->state == MACHINE_RUNNING;
}

static bool running_fast(const window_t *w)
{
    return w->turbo || w->tab_held;
}

/* ---- pacing (pacer.h) */

static void pace_restart(window_t *w)
{
    pacer_restart(&w->pace, w->sdl.GetPerformanceCounter(), w->s->m->cpu.cycles);
}

void window_pace_restart(window_t *w)
{
    pace_restart(w);
}

static void pace_next_frame(window_t *w)
{
    pacer_next_frame(&w->pace, w->sdl.GetPerformanceCounter(), w->s->m->cpu.cycles);
}

/* Runs up to budget cycles, under the debugger's watch when there is one; false when the
 * run stopped early (an end, or the debugger stopped it). */
static bool run_cycles(window_t *w, uint64_t budget)
{
    budget = session_budget(w->s, budget);
    if (w->debugger)
        return !debugger_run(w->debugger, budget);
    return machine_run(w->s->m, budget) != 0;
}

/* clock/60 cycles with the remainder carried, so a second runs exactly clock cycles; or,
 * fast, as many as fit before the frame's deadline. Either way the frame ends by its
 * deadline: a clock the host cannot keep up with runs slower instead of freezing the
 * window. */
static void run_frame(window_t *w)
{
    machine_t *m = w->s->m;
    uint64_t target = pacer_begin_frame(&w->pace, clock_hz(w), running_fast(w));
    while (machine_active(w) && m->cpu.cycles < target && (w->debugger || !*w->s->stop)) {
        uint64_t left = target - m->cpu.cycles;
        if (!run_cycles(w, left < WINDOW_CHUNK ? left : WINDOW_CHUNK) ||
            w->sdl.GetPerformanceCounter() >= w->pace.deadline)
            break;
    }
    pacer_end_frame(&w->pace, m->cpu.cycles); /* behind (or fast): the next starts here */
}

/* ---- title */

static void measure_speed(window_t *w)
{
    pacer_measure(&w->pace, w->sdl.GetPerformanceCounter(), w->s->m->cpu.cycles);
}

/* "NAME - SPEED - d16", where SPEED is the effective clock or the machine's state. */
static void update_title(window_t *w)
{
    const machine_t *m = w->s->m;
    char state[64], hz[32];
    switch (m->state) {
    case MACHINE_RUNNING:
        if (w->at_prompt) {
            snprintf(state, sizeof state, "in the debugger");
        } else if (w->paused) {
            snprintf(state, sizeof state, "paused");
        } else {
            pacer_format_hz(hz, sizeof hz,
                            pacer_shown_speed(&w->pace, clock_hz(w), running_fast(w)));
            snprintf(state, sizeof state, "%s%s", hz, running_fast(w) ? " (turbo)" : "");
        }
        break;
    case MACHINE_HALTED: snprintf(state, sizeof state, "halted, status %d", m->exit_status); break;
    case MACHINE_CLASSIC_END: snprintf(state, sizeof state, "ended"); break;
    case MACHINE_CYCLE_LIMIT: snprintf(state, sizeof state, "cycle limit reached"); break;
    case MACHINE_FAULT: snprintf(state, sizeof state, "machine fault"); break;
    }
    const char *image = w->s->opt.image;
    const char *slash = image ? strrchr(image, '/') : NULL;
    char title[sizeof w->title], disk[160];
    window_disk_title(w, disk, sizeof disk);
    snprintf(title, sizeof title, "%s%s - %s - d16",
             image ? (slash ? slash + 1 : image) : "built-in ROM", disk, state);
    window_video_title(w, title);
}

/* ---- emulator keys */

/* The whole scale the picture is drawn at in the window now (at least 1). */
static unsigned picture_scale(const window_t *w)
{
    int width, height;
    if (w->sdl.GetRendererOutputSize(w->renderer, &width, &height) != 0)
        return 1;
    int by_width = width / DISPLAY_WIDTH, by_height = height / DISPLAY_HEIGHT;
    int scale = by_width < by_height ? by_width : by_height;
    return scale > 1 ? (unsigned)scale : 1;
}

/* F12: the display as --screenshot writes it, at the window's scale, in a new file of the
 * current directory. */
static void screenshot(window_t *w)
{
    char base[64], path[80];
    time_t now = time(NULL);
    struct tm local;
    strftime(base, sizeof base, "d16-%Y%m%d-%H%M%S", localtime_r(&now, &local));
    FILE *f = NULL;
    for (int n = 1; !f && n < 100; n++) {
        if (n == 1)
            snprintf(path, sizeof path, "%s.png", base);
        else
            snprintf(path, sizeof path, "%s-%d.png", base, n);
        f = fopen(path, "wbx"); /* never overwrites: two shots in a second get -2, -3... */
        if (!f && errno != EEXIST)
            break;
    }
    if (!f) {
        fprintf(stderr, "d16: %s: cannot write: %s\n", path, strerror(errno));
        window_notice(w, "Screenshot failed: cannot write in this directory (see the terminal)");
        return;
    }
    const machine_t *m = w->s->m;
    int rc = screen_write_png_scaled(f, machine_device(m, &display_class), m->cpu.cycles,
                                     picture_scale(w));
    char notice[128];
    if (fclose(f) != 0 || rc != 0) {
        fprintf(stderr, "d16: %s: cannot write the PNG\n", path);
        snprintf(notice, sizeof notice, "Screenshot failed: %s", path);
    } else {
        fprintf(stderr, "d16: screenshot saved to %s\n", path);
        snprintf(notice, sizeof notice, "Screenshot saved:\n%s", path);
    }
    window_notice(w, notice);
}

static const char *image_name(const window_t *w)
{
    const char *image = w->s->opt.image;
    const char *slash = image ? strrchr(image, '/') : NULL;
    return image ? (slash ? slash + 1 : image) : "built-in ROM";
}

/* F5. An image that no longer loads (a source with errors) leaves the machine as it was:
 * the program runs on, and the picture says so. */
static void reset(window_t *w)
{
    if (session_reset(w->s) != 0) {
        fputs("d16: reset: the image could not be loaded again; the previous program "
              "goes on\n", stderr);
        char notice[160];
        snprintf(notice, sizeof notice, "F5: %s did not load (errors in the terminal). "
                 "The previous program goes on.", image_name(w));
        window_notice_for(w, notice, 2 * OSD_HOLD_MS);
        return;
    }
    w->end_noticed = false;
    window_notice(w, "Reset: the image was loaded again");
    w->paused = false;
    w->pace.carry = 0;
    pace_restart(w);
}

/* F1: the list on stderr and in the picture; F1 while the list shows hides it. */
static void key_help(window_t *w)
{
    if (w->key_help_shown && window_notice_showing(w)) {
        window_notice_hide(w);
        w->key_help_shown = false;
        return;
    }
    fputs(window_key_help, stderr);
    window_notice_for(w, window_key_osd, WINDOW_KEY_HELP_MS);
    w->key_help_shown = true;
}

static void toggle_pause(window_t *w)
{
    if (w->s->m->state != MACHINE_RUNNING) {
        window_notice(w, "The machine has stopped: F5 restarts it");
        return;
    }
    w->paused = !w->paused;
    w->key_help_shown = false;
    window_notice(w, w->paused ? "Paused - F8 resumes" : "Running");
    pace_restart(w);
}

static void toggle_turbo(window_t *w)
{
    char hz[32], notice[64];
    w->turbo = !w->turbo;
    w->key_help_shown = false;
    pacer_format_hz(hz, sizeof hz, clock_hz(w));
    snprintf(notice, sizeof notice, w->turbo ? "Turbo: as fast as the host allows"
                                             : "Turbo off: %s", hz);
    window_notice(w, notice);
}

/* Handles the keys that belong to the emulator; false for the guest's. */
static bool emulator_key(window_t *w, const SDL_KeyboardEvent *e)
{
    bool down = e->type == SDL_KEYDOWN, first = down && !e->repeat;
    if (window_time_key(w, e))
        return true;
    switch (e->keysym.sym) {
    case SDLK_TAB: w->tab_held = down; break;
    case SDLK_F1: if (first) key_help(w); break;
    case SDLK_F5: if (first) reset(w); break;
    case SDLK_F6: if (first) window_disk_eject_toggle(w); break;
    case SDLK_F7:
        if (first && w->debugger)
            debugger_interrupt(w->debugger, "F7 in the window");
        break;
    case SDLK_F8: if (first) toggle_pause(w); break;
    case SDLK_F9: if (first) toggle_turbo(w); break;
    case SDLK_F10: if (first) w->quit = true; break;
    case SDLK_F11: if (first) window_video_toggle_fullscreen(w); break;
    case SDLK_F12: if (first) screenshot(w); break;
    default: return false; /* the guest's, or a key without a code that nobody wants */
    }
    return true;
}

/* The machine stopped by itself: the picture says how, with what comes next; a fault is
 * reported on stderr now (session_finish then does not again), one report per fault. */
static void notice_end(window_t *w)
{
    session_t *s = w->s;
    const machine_t *m = s->m;
    if (m->state == MACHINE_RUNNING || w->end_noticed)
        return;
    w->end_noticed = true;
    w->key_help_shown = false;
    char notice[256];
    const char *next = "F5 restarts, F10 quits";
    switch (m->state) {
    case MACHINE_HALTED:
        snprintf(notice, sizeof notice, "Halted with status %d\n%s", m->exit_status, next);
        break;
    case MACHINE_CLASSIC_END: snprintf(notice, sizeof notice, "The program ended\n%s", next); break;
    case MACHINE_CYCLE_LIMIT:
        snprintf(notice, sizeof notice, "--max-cycles reached\n%s", next);
        break;
    case MACHINE_FAULT:
        snprintf(notice, sizeof notice, "Machine fault at PC 0x%04x:\n%s\n%s", m->fault_pc,
                 machine_fault_name(m->fault), next);
        if (!w->debugger) { /* the debugger stops there and reports it itself */
            report_fault(stderr, m, &s->syms);
            s->fault_reported = true;
        }
        break;
    case MACHINE_RUNNING: return;
    }
    window_notice_for(w, notice, 2 * OSD_HOLD_MS);
}

/* ---- events */

static void handle_event(window_t *w, const SDL_Event *ev)
{
    machine_t *m = w->s->m;
    keyboard_dev_t *kb = machine_device(m, &keyboard_class);
    /* A stopped machine takes no new keys; releases still go in so no key stays held. */
    bool guest_listens = machine_active(w);
    switch (ev->type) {
    case SDL_QUIT: w->quit = true; break;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_EXPOSED ||
            ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            w->present = true;
        if (ev->window.event == SDL_WINDOWEVENT_FOCUS_LOST)
            w->tab_held = false; /* Alt-Tab away: the Tab release comes elsewhere */
        break;
    case SDL_KEYDOWN:
        /* Pressed while the prompt had the run: only quitting still counts. */
        if (w->at_prompt && ev->key.keysym.sym != SDLK_F10)
            break;
        if (!emulator_key(w, &ev->key) && guest_listens)
            window_keys_down(kb, &ev->key, m->cpu.cycles);
        break;
    case SDL_KEYUP:
        if (!emulator_key(w, &ev->key))
            window_keys_up(kb, &ev->key, m->cpu.cycles);
        break;
    case SDL_TEXTINPUT:
        if (guest_listens)
            window_keys_text(kb, ev->text.text, m->cpu.cycles);
        break;
    case SDL_DROPFILE:
        if (!w->at_prompt)
            window_disk_drop(w, ev->drop.file);
        w->sdl.free(ev->drop.file);
        break;
    default: break;
    }
}

static void drain_events(window_t *w)
{
    SDL_Event ev;
    while (!w->quit && w->sdl.PollEvent(&ev))
        handle_event(w, &ev);
}

/* Handles events until the frame's deadline; running fast, only what is already there. */
static void wait_for_deadline(window_t *w)
{
    drain_events(w);
    while (!w->quit && !running_fast(w) && !*w->s->stop) {
        int ms = pacer_ms_left(&w->pace, w->sdl.GetPerformanceCounter());
        if (ms == 0)
            break;
        SDL_Event ev;
        if (w->sdl.WaitEventTimeout(&ev, ms))
            handle_event(w, &ev);
    }
    drain_events(w);
}

/* Paused or ended: the last picture stays, the loop sleeps until something happens. */
static void wait_idle(window_t *w)
{
    notice_end(w);
    window_video_draw(w);
    update_title(w);
    SDL_Event ev;
    /* A notice on screen fades in steps of a frame or two. */
    int wait_ms = window_notice_showing(w) ? WINDOW_FADE_STEP_MS : WINDOW_IDLE_WAIT_MS;
    if (w->sdl.WaitEventTimeout(&ev, wait_ms))
        handle_event(w, &ev);
    drain_events(w);
}

/* The debugger stopped the machine: the window shows the screen as it is now, then the
 * terminal's prompt has the run until a command resumes it or quits; the window handles no
 * events meanwhile. What came in then is handled as for a stopped machine: keys do not
 * reach the guest, a close or F10 ends d16. */
static void debugger_turn(window_t *w)
{
    w->at_prompt = true;
    w->present = true;
    window_video_draw(w);
    update_title(w); /* after the picture: a title saying "in the debugger" means it is there */
    if (debugger_prompt(w->debugger) == DEBUGGER_QUIT) {
        w->debugger_quit = true;
        w->quit = true;
    }
    drain_events(w);
    w->at_prompt = false;
    w->paused = false; /* a command that resumes ends F8's pause too */
}

static void main_loop(window_t *w)
{
    session_t *s = w->s;
    bool was_active = false;
    /* Under the debugger SIGINT stops in it (debugger_run) instead of ending the loop. */
    while (!w->quit && (w->debugger || !*s->stop)) {
        if (stopped_in_debugger(w)) {
            was_active = false;
            debugger_turn(w);
            continue;
        }
        if (w->debugger && *s->stop)
            w->paused = false; /* Ctrl-C while paused: the debugger stops it at once */
        if (!machine_active(w)) {
            was_active = false;
            wait_idle(w);
            continue;
        }
        if (!was_active)
            pace_restart(w);
        was_active = true;
        run_frame(w);
        window_time_after_frame(w);
        session_between_slices(s);
        notice_end(w);
        if (stopped_in_debugger(w))
            continue; /* its prompt at once, with the screen as it is now */
        window_video_draw(w);
        measure_speed(w);
        update_title(w);
        wait_for_deadline(w);
        pace_next_frame(w);
    }
}

/* A window never blocks on stdin: a terminal, a pipe or a file is read as bytes come. A
 * character device that is not a terminal (/dev/null, what desktop launchers give) has
 * nothing to say and does not close the console either, so a program that ends at the end
 * of its input (the monitor) stays usable from the window. */
static void connect_console(window_t *w)
{
    stdio_input_t *in = &w->s->input;
    if (!w->s->m->opts.console_in.next)
        return;
    struct stat st;
    if (!in->interactive && fstat(in->fd, &st) == 0 && S_ISCHR(st.st_mode)) {
        w->console_silent = 1;
        in->stop = &w->console_silent; /* reads say "nothing yet", never "closed" */
    }
    in->interactive = true;
}

bool window_run(session_t *s, debugger_t *d)
{
    window_t *w = calloc(1, sizeof *w); /* holds the pixel buffer: too big for the stack */
    if (!w) {
        fputs("d16: out of memory for the window; running headless\n", stderr);
        return false;
    }
    w->s = s;
    w->debugger = d;
    w->turbo = s->opt.speed_max;
    char err[256];
    bool opened = window_video_open(w, err, sizeof err) == 0;
    if (opened) {
        pacer_init(&w->pace, w->sdl.GetPerformanceFrequency());
        connect_console(w);
        /* Keys can come while the window is open (docs/machine.md §6). */
        keyboard_set_live(machine_device(s->m, &keyboard_class), true);
        window_disk_start(w);
        window_time_start(w);
        main_loop(w);
        window_time_stop(w);
        s->input.stop = s->stop;
        s->closed = !w->debugger_quit; /* the debugger's quit says 130 while running */
        window_video_close(w);
    } else {
        fprintf(stderr, "d16: %s; running headless\n", err);
    }
    free(w);
    return opened;
}
