/* window_int.h — what the window's files share: window.c runs the loop and the emulator's
 * keys, window_video.c owns the SDL window, its renderer and its title. Every SDL call
 * goes through w->sdl, the functions of the libSDL2 loaded at run time (window_sdl.h). */
#ifndef D16_WINDOW_INT_H
#define D16_WINDOW_INT_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontend/debugger.h"
#include "frontend/pacer.h"
#include "frontend/session.h"
#include "frontend/window_sdl.h"

typedef struct window {
    session_t *s;
    debugger_t *debugger; /* NULL without --debug or --break */
    bool at_prompt;       /* the debugger's prompt has the run: the guest takes no keys */
    bool debugger_quit;   /* the debugger's quit ended the loop, not the window */
    window_sdl_t sdl; /* SDL's functions, loaded by window_video_open */
    SDL_Window *window;
    SDL_Renderer *renderer;
    SDL_Texture *texture;
    uint32_t pixels[DISPLAY_WIDTH * DISPLAY_HEIGHT];
    bool present; /* the window needs the picture again (exposed, resized, new pixels) */
    bool fullscreen;
    char title[256];

    bool quit, paused;
    bool turbo;    /* F9 or --speed max */
    bool tab_held; /* fast-forward */
    volatile sig_atomic_t console_silent; /* stdin is /dev/null or alike: see window.c */

    /* Pacing and the speed meter, in SDL performance-counter ticks. */
    pacer_t pace;

    /* Disks (window_disk.c): the dropped image's and disk's names (the session points at
     * them until the next drop, and to the end of the run), the busy light. */
    char *image_path, *disk_path;
    uint32_t light_seen;   /* the drive's transfer count the light last saw */
    unsigned light_frames; /* frames the light stays on */
    bool light_on;         /* as last drawn */
} window_t;

/* Loads libSDL2, initialises SDL video and opens the window (scale, full screen from the
 * options). Returns 0, or -1 with a reason in err, everything undone. */
int window_video_open(window_t *w, char *err, size_t err_size);
void window_video_close(window_t *w);

/* Renders the display when it changed and presents when anything needs it. */
void window_video_draw(window_t *w);

void window_video_toggle_fullscreen(window_t *w);

/* Sets the title when text differs from the current one. */
void window_video_title(window_t *w, const char *text);

/* window_disk.c: a dropped file (a disk image goes into the drive, a program is loaded and
 * reset), F6 (eject / insert again), the title's " - disk NAME", the busy light. */
bool window_disk_is_image(const char *path);
void window_disk_drop(window_t *w, const char *path);
void window_disk_eject_toggle(window_t *w);
void window_disk_start(window_t *w);
void window_disk_title(const window_t *w, char *buf, size_t size);
/* Once a frame: true while the light should be on. */
bool window_disk_light(window_t *w);
void window_disk_draw_light(uint32_t *pixels);

#endif
