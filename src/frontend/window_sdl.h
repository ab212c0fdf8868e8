/* window_sdl.h — libSDL2, loaded at run time when a window is about to open, so a headless
 * run never maps it and the ~50 libraries it depends on (X11, Wayland, PulseAudio, ...).
 *
 *   window_sdl_t sdl;
 *   char err[256];
 *   if (window_sdl_load(&sdl, WINDOW_SDL_LIBRARY, err, sizeof err) != 0)
 *       fprintf(stderr, "d16: %s; running headless\n", err);   "no window: <why>"
 *   else
 *       sdl.Init(SDL_INIT_VIDEO);                                  every call through sdl
 *
 * SDL.h still gives the types and constants; only the functions come from the table. A
 * function the window starts to use goes in WINDOW_SDL_FUNCTIONS with its signature, which
 * the compiler checks against SDL.h. */
#ifndef D16_WINDOW_SDL_H
#define D16_WINDOW_SDL_H

#include <SDL.h>
#include <SDL_syswm.h>
#include <stddef.h>

/* The SONAME of SDL 2.0.x: the name every distribution installs the runtime under. */
#define WINDOW_SDL_LIBRARY "libSDL2-2.0.so.0"

/* X(return type, name without SDL_, parameter list): every SDL function the window calls. */
#define WINDOW_SDL_FUNCTIONS(X)                                                            \
    X(int, Init, (Uint32 flags))                                                           \
    X(void, Quit, (void))                                                                  \
    X(const char *, GetError, (void))                                                      \
    X(SDL_bool, SetHint, (const char *name, const char *value))                            \
    X(Uint64, GetPerformanceCounter, (void))                                               \
    X(Uint64, GetPerformanceFrequency, (void))                                             \
    X(int, GetDesktopDisplayMode, (int display_index, SDL_DisplayMode *mode))              \
    X(SDL_Window *, CreateWindow, (const char *title, int x, int y, int w, int h, Uint32 flags)) \
    X(void, DestroyWindow, (SDL_Window *window))                                           \
    X(void, SetWindowMinimumSize, (SDL_Window *window, int w, int h))                      \
    X(void, SetWindowTitle, (SDL_Window *window, const char *title))                       \
    X(int, SetWindowFullscreen, (SDL_Window *window, Uint32 flags))                        \
    X(SDL_Renderer *, CreateRenderer, (SDL_Window *window, int index, Uint32 flags))       \
    X(void, DestroyRenderer, (SDL_Renderer *renderer))                                     \
    X(int, RenderSetLogicalSize, (SDL_Renderer *renderer, int w, int h))                   \
    X(int, RenderSetIntegerScale, (SDL_Renderer *renderer, SDL_bool enable))               \
    X(int, SetRenderDrawColor, (SDL_Renderer *renderer, Uint8 r, Uint8 g, Uint8 b, Uint8 a)) \
    X(int, RenderClear, (SDL_Renderer *renderer))                                          \
    X(int, RenderCopy,                                                                     \
      (SDL_Renderer *renderer, SDL_Texture *texture, const SDL_Rect *src, const SDL_Rect *dst)) \
    X(void, RenderPresent, (SDL_Renderer *renderer))                                       \
    X(SDL_Texture *, CreateTexture,                                                        \
      (SDL_Renderer *renderer, Uint32 format, int access, int w, int h))                   \
    X(void, DestroyTexture, (SDL_Texture *texture))                                        \
    X(int, UpdateTexture,                                                                  \
      (SDL_Texture *texture, const SDL_Rect *rect, const void *pixels, int pitch))         \
    X(int, PollEvent, (SDL_Event *event))                                                  \
    X(int, WaitEventTimeout, (SDL_Event *event, int timeout_ms))                           \
    X(void, StartTextInput, (void))                                                        \
    X(Uint32, GetTicks, (void))                                                            \
    X(int, SetTextureBlendMode, (SDL_Texture *texture, SDL_BlendMode mode))                \
    X(int, GetDisplayUsableBounds, (int display_index, SDL_Rect *rect))                     \
    X(int, GetDisplayBounds, (int display_index, SDL_Rect *rect))                           \
    X(int, GetWindowDisplayIndex, (SDL_Window *window))                                     \
    X(SDL_bool, GetWindowWMInfo, (SDL_Window *window, SDL_SysWMinfo *info))                 \
    X(void, SetWindowBordered, (SDL_Window *window, SDL_bool bordered))                     \
    X(void, GetWindowPosition, (SDL_Window *window, int *x, int *y))                        \
    X(void, SetWindowPosition, (SDL_Window *window, int x, int y))                          \
    X(void, GetWindowSize, (SDL_Window *window, int *w, int *h))                            \
    X(void, SetWindowSize, (SDL_Window *window, int w, int h))                              \
    X(int, GetRendererOutputSize, (SDL_Renderer *renderer, int *w, int *h))                 \
    X(void, free, (void *mem))

#define WINDOW_SDL_POINTER(ret, name, params) ret(*name) params;

/* One pointer per function: sdl.CreateWindow(...) calls SDL_CreateWindow. */
typedef struct window_sdl {
    WINDOW_SDL_FUNCTIONS(WINDOW_SDL_POINTER)
} window_sdl_t;

/* Opens library (WINDOW_SDL_LIBRARY; tests name others) and fills sdl. Returns 0, or -1
 * with "no window: <the loader's reason>" in err when the library or one of the functions
 * is missing. The library stays loaded for the rest of the process (window_sdl.c says why);
 * loading it again is cheap. */
int window_sdl_load(window_sdl_t *sdl, const char *library, char *err, size_t err_size);

#endif
