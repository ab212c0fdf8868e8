/* window_fullscreen.c — how big the window may be: --scale clamped to the screen's usable
 * area, and full screen (F11, --fullscreen) through the window manager, or, where there is
 * none to ask (bare X, twm), a borderless window over the whole screen (docs/cli.md). */
#include <dlfcn.h>
#include <stdio.h>

#include "frontend/window_int.h"

int window_fit_scale(window_t *w, int scale)
{
    SDL_Rect area;
    if (w->sdl.GetDisplayUsableBounds(0, &area) != 0 || area.w <= 0 || area.h <= 0)
        return scale;
    int by_width = area.w / DISPLAY_WIDTH, by_height = area.h / DISPLAY_HEIGHT;
    int fits = by_width < by_height ? by_width : by_height;
    if (fits < 1)
        fits = 1;
    if (scale <= fits)
        return scale;
    fprintf(stderr, "d16: --scale %d does not fit the screen's usable area (%dx%d): using "
            "--scale %d\n", scale, area.w, area.h, fits);
    return fits;
}

/* False on X11 without an EWMH window manager: SDL's full screen then only enlarges the
 * picture inside the unchanged window, cropping it. The window manager says it is there
 * with a _NET_SUPPORTING_WM_CHECK window on the root window. libX11 is already loaded by
 * SDL; it is only looked up (RTLD_NOLOAD), never loaded by d16. */
static bool window_manager_does_fullscreen(window_t *w)
{
#if defined(SDL_VIDEO_DRIVER_X11)
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!w->sdl.GetWindowWMInfo(w->window, &info) || info.subsystem != SDL_SYSWM_X11)
        return true;
    void *x11 = dlopen("libX11.so.6", RTLD_NOW | RTLD_NOLOAD);
    if (!x11)
        return true;
    Atom (*intern)(Display *, const char *, Bool);
    int (*get_property)(Display *, Window, Atom, long, long, Bool, Atom, Atom *, int *,
                        unsigned long *, unsigned long *, unsigned char **);
    int (*release)(void *);
    /* POSIX: dlsym's pointer converts to the function's type. */
    *(void **)&intern = dlsym(x11, "XInternAtom");
    *(void **)&get_property = dlsym(x11, "XGetWindowProperty");
    *(void **)&release = dlsym(x11, "XFree");
    bool found = true;
    if (intern && get_property && release) {
        Display *dpy = info.info.x11.display;
        Atom check = intern(dpy, "_NET_SUPPORTING_WM_CHECK", True);
        Atom type = None;
        int format = 0;
        unsigned long items = 0, after = 0;
        unsigned char *data = NULL;
        found = check != None &&
                get_property(dpy, DefaultRootWindow(dpy), check, 0, 1, False, AnyPropertyType,
                             &type, &format, &items, &after, &data) == Success &&
                items > 0;
        if (data)
            release(data);
    }
    dlclose(x11);
    return found;
#else
    (void)w;
    return true;
#endif
}

/* A borderless window the size of the screen the window is on, or the window as it was. */
static void cover_screen(window_t *w, bool cover)
{
    if (cover) {
        SDL_Rect screen;
        int index = w->sdl.GetWindowDisplayIndex(w->window);
        if (w->sdl.GetDisplayBounds(index < 0 ? 0 : index, &screen) != 0)
            return;
        w->sdl.GetWindowPosition(w->window, &w->windowed.x, &w->windowed.y);
        w->sdl.GetWindowSize(w->window, &w->windowed.w, &w->windowed.h);
        w->sdl.SetWindowBordered(w->window, SDL_FALSE);
        w->sdl.SetWindowPosition(w->window, screen.x, screen.y);
        w->sdl.SetWindowSize(w->window, screen.w, screen.h);
    } else {
        w->sdl.SetWindowBordered(w->window, SDL_TRUE);
        w->sdl.SetWindowSize(w->window, w->windowed.w, w->windowed.h);
        w->sdl.SetWindowPosition(w->window, w->windowed.x, w->windowed.y);
    }
}

void window_video_toggle_fullscreen(window_t *w)
{
    w->fullscreen = !w->fullscreen;
    if (w->fullscreen && !w->covering && !window_manager_does_fullscreen(w)) {
        fputs("d16: full screen: no window manager to ask; a borderless window covers the "
              "screen instead\n", stderr);
        window_notice(w, "Full screen: no window manager; a borderless window covers the "
                         "screen (F11 undoes it)");
        w->covering = true;
    }
    if (w->covering) {
        cover_screen(w, w->fullscreen);
        if (!w->fullscreen)
            w->covering = false;
    } else {
        w->sdl.SetWindowFullscreen(w->window, w->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    }
    w->present = true;
}
