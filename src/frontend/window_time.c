/* window_time.c — the window's time travel (docs/cli.md "The window"): F2 saves the whole
 * machine to the current slot file, F4 loads it, Shift+F2 picks the next slot, and F3 held
 * steps back through a ring of snapshots taken once per emulated second (--rewind-mb);
 * play resumes from there when F3 is let go. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "frontend/window_int.h"

#define WINDOW_SLOTS 10

/* What a time-travel key did: on stderr (scripts read it) and in the picture. */
static void time_notice(window_t *w, const char *text)
{
    fprintf(stderr, "d16: %s\n", text);
    window_notice(w, text);
}

static uint32_t clock_of(const window_t *w)
{
    return w->s->m->opts.clock_hz;
}

/* "NAME.slotN.d16state" in the current directory, NAME the image's file name. */
static void slot_path(const window_t *w, char *path, size_t size)
{
    const char *image = w->s->opt.image ? w->s->opt.image : "d16";
    const char *slash = strrchr(image, '/');
    snprintf(path, size, "%s.slot%u.d16state", slash ? slash + 1 : image, w->slot);
}

/* The state changed under the window: a new picture, pacing from here. */
static void jumped(window_t *w)
{
    w->present = true;
    uint32_t hz = clock_of(w);
    w->next_rewind = (w->s->m->cpu.cycles / hz + 1) * hz;
    window_pace_restart(w);
}

static void save_slot(window_t *w)
{
    char path[256], text[320];
    slot_path(w, path, sizeof path);
    if (session_save_state(w->s, path) == 0) {
        snprintf(text, sizeof text, "state saved to slot %u (%s)", w->slot, path);
        time_notice(w, text);
    }
}

static void load_slot(window_t *w)
{
    char path[256], text[320];
    slot_path(w, path, sizeof path);
    if (session_load_state(w->s, path) != 0) {
        snprintf(text, sizeof text, "slot %u: nothing loaded", w->slot);
        time_notice(w, text);
        return;
    }
    w->paused = false;
    jumped(w);
    snprintf(text, sizeof text, "slot %u loaded (cycle %" PRIu64 ")", w->slot, w->s->m->cpu.cycles);
    time_notice(w, text);
}

/* One step back: the newest snapshot older than now (the one play resumed from is dropped
 * when it is where the machine stands, so held F3 keeps going back). */
static void rewind_step(window_t *w)
{
    machine_t *m = w->s->m;
    const timeline_entry_t *e = timeline_newest(&w->rewind);
    if (e && e->cycles >= m->cpu.cycles && w->rewind.count > 1) {
        timeline_drop_newest(&w->rewind);
        e = timeline_newest(&w->rewind);
    }
    if (!e) {
        time_notice(w, "rewind: nothing kept to go back to");
        return;
    }
    char err[256], text[160];
    if (snapshot_load_host(m, &w->s->snap_host, e->bytes, e->size, err, sizeof err) !=
        SNAPSHOT_OK) {
        snprintf(text, sizeof text, "rewind: %.120s", err);
        time_notice(w, text);
        return;
    }
    if (record_active(&w->s->record))
        record_comment(&w->s->record, "rewound here: the lines below do not replay");
    jumped(w);
    snprintf(text, sizeof text, "rewound to %.1f s", (double)m->cpu.cycles / clock_of(w));
    time_notice(w, text);
}

bool window_time_key(window_t *w, const SDL_KeyboardEvent *e)
{
    bool down = e->type == SDL_KEYDOWN, first = down && !e->repeat;
    char text[32];
    switch (e->keysym.sym) {
    case SDLK_F2:
        if (first && !(e->keysym.mod & KMOD_SHIFT)) {
            save_slot(w);
        } else if (first) {
            w->slot = (w->slot + 1) % WINDOW_SLOTS;
            snprintf(text, sizeof text, "slot %u", w->slot);
            time_notice(w, text);
        }
        return true;
    case SDLK_F4: if (first) load_slot(w); return true;
    case SDLK_F3:
        /* Every press and auto-repeat is a step; the machine stands until F3 is let go. */
        w->rewinding = down;
        if (down)
            rewind_step(w);
        else
            window_pace_restart(w);
        return true;
    default: return false;
    }
}

void window_time_start(window_t *w)
{
    const d16_options_t *o = &w->s->opt;
    size_t mb = o->rewind_mb ? o->rewind_mb : OPTIONS_DEFAULT_REWIND_MB;
    timeline_init(&w->rewind, mb << 20, &w->s->snap_host);
    w->next_rewind = w->s->m->cpu.cycles;
}

void window_time_stop(window_t *w)
{
    timeline_free(&w->rewind);
}

void window_time_after_frame(window_t *w)
{
    const machine_t *m = w->s->m;
    if (m->cpu.cycles < w->next_rewind || w->rewind.limit == 0)
        return;
    timeline_push(&w->rewind, m); /* out of memory: rewinding reaches less far */
    uint32_t hz = clock_of(w);
    w->next_rewind = (m->cpu.cycles / hz + 1) * hz;
}
