/* window_sdl.c — dlopen() libSDL2 and look up the functions WINDOW_SDL_FUNCTIONS lists. */
#include "frontend/window_sdl.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* The list's signatures must be SDL.h's: a mismatch would call through the wrong type. */
#define WINDOW_SDL_SAME_TYPE(ret, name, params)                                     \
    _Static_assert(_Generic(&SDL_##name, ret(*) params: 1, default: 0),             \
                   "WINDOW_SDL_FUNCTIONS: SDL_" #name " differs from SDL.h");
WINDOW_SDL_FUNCTIONS(WINDOW_SDL_SAME_TYPE)

static int no_window(char *err, size_t err_size)
{
    const char *why = dlerror();
    snprintf(err, err_size, "no window: %s", why ? why : "the loader gave no reason");
    return -1;
}

/* The library is never dlclose()d: SDL and what it loads in turn (X11, Wayland, D-Bus,
 * input methods) may leave exit handlers or thread-local destructors behind, and unloading
 * code they point to risks a crash at exit for nothing: d16 ends soon after its window. */
int window_sdl_load(window_sdl_t *sdl, const char *library, char *err, size_t err_size)
{
    memset(sdl, 0, sizeof *sdl);
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        return no_window(err, err_size);
    /* POSIX guarantees dlsym's object pointer converts to the function's pointer type. */
#define WINDOW_SDL_LOOK_UP(ret, name, params)                   \
    sdl->name = (ret(*) params)dlsym(handle, "SDL_" #name);     \
    if (!sdl->name)                                             \
        return no_window(err, err_size);
    WINDOW_SDL_FUNCTIONS(WINDOW_SDL_LOOK_UP)
#undef WINDOW_SDL_LOOK_UP
    return 0;
}
