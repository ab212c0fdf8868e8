/* window_osd.c — the on-screen display in the window: window_notice() shows a message over
 * the picture that fades after a few seconds (osd.h paints it; this file puts it on the
 * screen as a blended texture above the guest's, so the guest's pixels never change). */
#include <stdlib.h>

#include "frontend/window_int.h"

/* D16_OSD_SECONDS=N holds every notice N seconds (1 to 3600) before it fades: for slow
 * readers, screen recordings and tests on a loaded machine (docs/cli.md). */
static uint64_t hold_ms(uint64_t normal_ms)
{
    const char *text = getenv("D16_OSD_SECONDS");
    if (!text || !*text)
        return normal_ms;
    char *end;
    long seconds = strtol(text, &end, 10);
    return !*end && seconds >= 1 && seconds <= 3600 ? (uint64_t)seconds * 1000 : normal_ms;
}

void window_notice_for(window_t *w, const char *text, uint64_t normal_ms)
{
    osd_show(&w->osd, text, w->sdl.GetTicks(), hold_ms(normal_ms));
    w->osd_drawn_alpha = 0; /* paint it again at the next draw */
    w->osd_changed = true;
}

void window_notice(window_t *w, const char *text)
{
    window_notice_for(w, text, OSD_HOLD_MS);
}

void window_notice_hide(window_t *w)
{
    osd_init(&w->osd);
    w->osd_changed = true;
}

bool window_notice_showing(const window_t *w)
{
    return osd_alpha(&w->osd, w->sdl.GetTicks()) > 0;
}

int window_osd_open(window_t *w)
{
    osd_init(&w->osd);
    w->osd_texture = w->sdl.CreateTexture(w->renderer, SDL_PIXELFORMAT_RGBA8888,
                                          SDL_TEXTUREACCESS_STREAMING, DISPLAY_WIDTH,
                                          DISPLAY_HEIGHT);
    if (!w->osd_texture || w->sdl.SetTextureBlendMode(w->osd_texture, SDL_BLENDMODE_BLEND))
        return -1;
    return 0;
}

void window_osd_close(window_t *w)
{
    if (w->osd_texture)
        w->sdl.DestroyTexture(w->osd_texture);
    w->osd_texture = NULL;
}

/* Paints the overlay again when its strength changed (a new notice, the fade); returns
 * whether it is to be drawn, and sets w->present when the window needs the picture again. */
bool window_osd_update(window_t *w)
{
    unsigned alpha = osd_alpha(&w->osd, w->sdl.GetTicks());
    if (alpha != w->osd_drawn_alpha || w->osd_changed) {
        if (alpha && osd_render(&w->osd, w->sdl.GetTicks(), w->osd_pixels))
            w->sdl.UpdateTexture(w->osd_texture, NULL, w->osd_pixels,
                                 DISPLAY_WIDTH * sizeof w->osd_pixels[0]);
        w->osd_drawn_alpha = alpha;
        w->osd_changed = false;
        w->present = true;
    }
    return alpha > 0;
}
