/* osd.h — the window's on-screen display: short messages drawn in the LEM font over the
 * picture, on a dark band at its foot, that fade after a few seconds (docs/cli.md, "The
 * window"). SDL-free: it only paints an RGBA overlay; window_osd.c puts that on screen.
 *
 *   osd_t o;
 *   osd_init(&o);
 *   osd_show(&o, "Paused - F8 resumes", now_ms, OSD_HOLD_MS);
 *   if (osd_render(&o, now_ms, overlay))       overlay: DISPLAY_WIDTH × DISPLAY_HEIGHT
 *       ...blend overlay over the picture...    false: nothing to show any more
 *
 * The overlay never touches the guest's pixels: screenshots of the guest screen (F12,
 * --screenshot) do not show it. Text is wrapped at word boundaries to OSD_COLS columns;
 * '\n' starts a new line. Glyph cells sit on a 4 × 9 grid from (OSD_LEFT, top of band). */
#ifndef D16_OSD_H
#define D16_OSD_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/display.h"

#define OSD_GLYPH_W   4
#define OSD_GLYPH_H   8
#define OSD_LINE_H    9 /* one blank row between lines */
#define OSD_LEFT      4 /* x of the first column */
#define OSD_PAD       2 /* band rows above the first and below the last line */
#define OSD_COLS      ((DISPLAY_WIDTH - 2 * OSD_LEFT) / OSD_GLYPH_W)
#define OSD_MAX_LINES ((DISPLAY_HEIGHT - 2 * OSD_PAD) / OSD_LINE_H)

#define OSD_HOLD_MS  3000u /* a notice stays this long at full strength... */
#define OSD_FADE_MS  1000u /* ...then fades out over this long */
#define OSD_TEXT_RGBA 0xffffffffu /* white text */
#define OSD_BAND_RGBA 0x000000d8u /* on a band of dark, mostly opaque black */

typedef struct osd {
    char lines[OSD_MAX_LINES][OSD_COLS + 1];
    unsigned count;   /* 0: nothing to show */
    uint64_t shown_ms; /* when the notice appeared */
    uint64_t hold_ms;  /* how long it stays before fading */
} osd_t;

void osd_init(osd_t *o);

/* Replaces the notice with text, shown from now_ms for hold_ms, then fading. */
void osd_show(osd_t *o, const char *text, uint64_t now_ms, uint64_t hold_ms);

/* The notice's strength at now_ms: 255 while held, falling to 0 over OSD_FADE_MS. */
unsigned osd_alpha(const osd_t *o, uint64_t now_ms);

/* Paints the overlay at now_ms into rgba (0xRRGGBBAA, transparent where there is no
 * notice); returns false, leaving rgba untouched, when the notice has faded. */
bool osd_render(const osd_t *o, uint64_t now_ms, uint32_t *rgba);

#endif
