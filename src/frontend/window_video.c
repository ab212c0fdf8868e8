/* window_video.c — the SDL window: integer-scaled display with its border, letterboxed when
 * the window's shape differs, full screen on request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/window_int.h"

#define WINDOW_MIN_DEFAULT_SCALE 3

/* The largest scale at which the picture fits in half the screen each way, at least 3. */
static int default_scale(const window_t *w)
{
    SDL_DisplayMode mode;
    if (w->sdl.GetDesktopDisplayMode(0, &mode) != 0)
        return WINDOW_MIN_DEFAULT_SCALE;
    int by_width = mode.w / 2 / DISPLAY_WIDTH, by_height = mode.h / 2 / DISPLAY_HEIGHT;
    int scale = by_width < by_height ? by_width : by_height;
    return scale > WINDOW_MIN_DEFAULT_SCALE ? scale : WINDOW_MIN_DEFAULT_SCALE;
}

/* The video driver for the display the environment names: x11 for DISPLAY, else wayland
 * for WAYLAND_DISPLAY; NULL when there is none. SDL_VIDEODRIVER, when set, decides. Left
 * to itself SDL falls back to a driver that draws nowhere (offscreen), after probing
 * libraries that complain on stderr. */
static const char *video_driver(void)
{
    const char *chosen = getenv("SDL_VIDEODRIVER");
    if (chosen && *chosen)
        return chosen;
    const char *x11 = getenv("DISPLAY"), *wayland = getenv("WAYLAND_DISPLAY");
    if (x11 && *x11)
        return "x11";
    if (wayland && *wayland)
        return "wayland";
    return NULL;
}

static int fail(window_t *w, char *err, size_t size, const char *what)
{
    snprintf(err, size, "%s (%s)", what, w->sdl.GetError());
    window_video_close(w);
    return -1;
}

/* The renderer draws a DISPLAY_WIDTH × DISPLAY_HEIGHT picture at the largest whole scale
 * the window holds, centred on black. */
static int make_renderer(window_t *w)
{
    w->renderer = w->sdl.CreateRenderer(w->window, -1, 0);
    if (!w->renderer ||
        w->sdl.RenderSetLogicalSize(w->renderer, DISPLAY_WIDTH, DISPLAY_HEIGHT) ||
        w->sdl.RenderSetIntegerScale(w->renderer, SDL_TRUE) ||
        w->sdl.SetRenderDrawColor(w->renderer, 0, 0, 0, 255))
        return -1;
    /* RGBA8888 is a native-endian 0xRRGGBBAA word: the display renderer's format. */
    w->texture = w->sdl.CreateTexture(w->renderer, SDL_PIXELFORMAT_RGBA8888,
                                   SDL_TEXTUREACCESS_STREAMING, DISPLAY_WIDTH, DISPLAY_HEIGHT);
    return w->texture ? window_osd_open(w) : -1;
}

int window_video_open(window_t *w, char *err, size_t err_size)
{
    const char *driver = video_driver();
    if (!driver) {
        snprintf(err, err_size, "no display (neither DISPLAY nor WAYLAND_DISPLAY is set)");
        return -1;
    }
    /* Only now, with a display to open a window on: a headless run never loads SDL. */
    if (window_sdl_load(&w->sdl, WINDOW_SDL_LIBRARY, err, err_size) != 0)
        return -1;
#ifdef SDL_HINT_VIDEODRIVER
    w->sdl.SetHint(SDL_HINT_VIDEODRIVER, driver);
#else
    setenv("SDL_VIDEODRIVER", driver, 0); /* SDL before 2.0.22 reads only the variable */
#endif
    w->sdl.SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "nearest");
#ifdef SDL_HINT_VIDEO_X11_NET_WM_PING
    /* The debugger's prompt holds the loop for as long as the user thinks: the window
     * manager is not to call the window hung meanwhile. */
    if (w->debugger)
        w->sdl.SetHint(SDL_HINT_VIDEO_X11_NET_WM_PING, "0");
#endif
    if (w->sdl.Init(SDL_INIT_VIDEO) != 0) {
        snprintf(err, err_size, "no display (%s)", w->sdl.GetError());
        return -1;
    }
    const d16_options_t *o = &w->s->opt;
    int scale = o->scale ? window_fit_scale(w, (int)o->scale) : default_scale(w);
    /* --fullscreen goes through F11's path once the window is there: it knows what to do
     * without a window manager. */
    Uint32 flags = SDL_WINDOW_RESIZABLE;
    w->window = w->sdl.CreateWindow("d16", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                    DISPLAY_WIDTH * scale, DISPLAY_HEIGHT * scale, flags);
    if (!w->window)
        return fail(w, err, err_size, "cannot open a window");
    w->sdl.SetWindowMinimumSize(w->window, DISPLAY_WIDTH, DISPLAY_HEIGHT);
    if (make_renderer(w))
        return fail(w, err, err_size, "cannot draw in the window");
    w->sdl.StartTextInput();
    w->present = true;
    if (o->fullscreen)
        window_video_toggle_fullscreen(w);
    return 0;
}

void window_video_close(window_t *w)
{
    window_osd_close(w);
    if (w->texture)
        w->sdl.DestroyTexture(w->texture);
    if (w->renderer)
        w->sdl.DestroyRenderer(w->renderer);
    if (w->window)
        w->sdl.DestroyWindow(w->window);
    w->texture = NULL;
    w->renderer = NULL;
    w->window = NULL;
    w->sdl.Quit();
}

void window_video_draw(window_t *w)
{
    machine_t *m = w->s->m;
    display_dev_t *display = machine_device(m, &display_class);
    bool light = window_disk_light(w);
    if (display_changed(display, m->cpu.cycles) || light != w->light_on) {
        display_render(display, m->cpu.cycles, w->pixels);
        if (light)
            window_disk_draw_light(w->pixels);
        w->light_on = light;
        w->sdl.UpdateTexture(w->texture, NULL, w->pixels,
                             DISPLAY_WIDTH * sizeof w->pixels[0]);
        w->present = true;
    }
    bool osd = window_osd_update(w);
    if (!w->present)
        return;
    w->sdl.RenderClear(w->renderer);
    w->sdl.RenderCopy(w->renderer, w->texture, NULL, NULL);
    if (osd)
        w->sdl.RenderCopy(w->renderer, w->osd_texture, NULL, NULL); /* over, never into */
    w->sdl.RenderPresent(w->renderer);
    w->present = false;
}

void window_video_title(window_t *w, const char *text)
{
    if (strcmp(w->title, text) == 0)
        return;
    snprintf(w->title, sizeof w->title, "%s", text);
    w->sdl.SetWindowTitle(w->window, w->title);
}
