/* window_disk.c — disks in the window (docs/cli.md "The window"): a file dropped on the
 * window goes into the drive when it is a disk image, or is loaded and run when it is a
 * program; F6 takes the disk out and puts it back; the title names the disk and a light
 * in the border's top-right corner shows the drive working. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "frontend/window_int.h"

/* Frames the busy light stays on after a transfer starts, so even one shorter than a
 * frame (1668 cycles at 100 kHz is 1/60 s) is seen. */
#define WINDOW_LIGHT_FRAMES 6
#define WINDOW_LIGHT_RGBA 0xffa000ffu /* amber, 0xRRGGBBAA like the display's pixels */

static floppy_dev_t *drive(const window_t *w)
{
    return machine_device(w->s->m, &floppy_class);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* A disk image by its name (.img, .dsk, .disk, .flp) or by its size (a whole disk). */
bool window_disk_is_image(const char *path)
{
    static const char *const ext[] = {".img", ".dsk", ".disk", ".flp"};
    const char *dot = strrchr(base_name(path), '.');
    for (size_t i = 0; dot && i < sizeof ext / sizeof ext[0]; i++)
        if (strcasecmp(dot, ext[i]) == 0)
            return true;
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == FLOPPY_IMAGE_BYTES;
}

static bool disk_attached(const disk_t *d)
{
    return d->fd >= 0 || d->memory;
}

/* The dropped disk replaces the one in the drive: out (a transfer is cut), closed, the new
 * one opened with the --disk flags, in. */
static void insert_dropped(window_t *w, const char *path)
{
    session_t *s = w->s;
    floppy_dev_t *f = drive(w);
    if (!f) {
        fprintf(stderr, "d16: %s: no drive to put it in (start d16 with --disk FILE)\n", path);
        return;
    }
    char *copy = strdup(path);
    if (!copy)
        return;
    floppy_eject(f, s->m->cpu.cycles);
    disk_close(&s->disk);
    disk_opts_t o = s->opt.disk;
    o.path = copy;
    o.create = false;
    char err[512], warn[512];
    if (disk_open(&s->disk, &o, err, sizeof err, warn, sizeof warn) != 0) {
        fprintf(stderr, "d16: %s; the drive stays empty\n", err);
        s->disk.fd = -1;
        free(copy);
        return;
    }
    if (*warn)
        fprintf(stderr, "d16: warning: %s\n", warn);
    free(w->disk_path);
    w->disk_path = copy;
    floppy_insert(f, &s->disk.media, s->m->cpu.cycles);
    fprintf(stderr, "d16: disk %s inserted\n", base_name(copy));
}

/* A program or source takes the place of the image, and the machine resets with it; after
 * one that cannot be loaded, the old image starts again. */
static void run_dropped(window_t *w, const char *path)
{
    session_t *s = w->s;
    char *copy = strdup(path);
    if (!copy)
        return;
    const char *old = s->opt.image;
    s->opt.image = copy;
    if (session_reset(s) != 0) {
        fprintf(stderr, "d16: %s: not loaded; the old image starts again\n", path);
        s->opt.image = old;
        free(copy);
        session_reset(s);
        return;
    }
    free(w->image_path);
    w->image_path = copy;
    w->paused = false;
    w->present = true;
}

void window_disk_drop(window_t *w, const char *path)
{
    if (window_disk_is_image(path))
        insert_dropped(w, path);
    else
        run_dropped(w, path);
}

void window_disk_eject_toggle(window_t *w)
{
    floppy_dev_t *f = drive(w);
    if (!f)
        return;
    uint64_t now = w->s->m->cpu.cycles;
    if (f->media) {
        bool cut = f->state == FLOPPY_STATE_BUSY;
        floppy_eject(f, now);
        fprintf(stderr, "d16: disk ejected%s\n", cut ? " (a transfer was cut: ERROR_EJECT)" : "");
    } else if (disk_attached(&w->s->disk)) {
        floppy_insert(f, &w->s->disk.media, now);
        fprintf(stderr, "d16: disk %s inserted\n", base_name(w->s->disk.path));
    }
}

void window_disk_start(window_t *w)
{
    floppy_dev_t *f = drive(w);
    if (f)
        f->hotplug = true; /* disks come and go here: an idle drive may still interrupt */
}

void window_disk_title(const window_t *w, char *buf, size_t size)
{
    const floppy_dev_t *f = drive(w);
    if (!f)
        snprintf(buf, size, "%s", "");
    else if (f->media)
        snprintf(buf, size, " - disk %s", base_name(w->s->disk.path));
    else
        snprintf(buf, size, "%s", " - no disk");
}

bool window_disk_light(window_t *w)
{
    const floppy_dev_t *f = drive(w);
    if (!f)
        return false;
    if (f->transfers != w->light_seen || f->state == FLOPPY_STATE_BUSY) {
        w->light_seen = f->transfers;
        w->light_frames = WINDOW_LIGHT_FRAMES;
    } else if (w->light_frames) {
        w->light_frames--;
    }
    return w->light_frames > 0;
}

void window_disk_draw_light(uint32_t *pixels)
{
    for (unsigned y = 2; y < 4; y++)
        for (unsigned x = DISPLAY_WIDTH - 7; x < DISPLAY_WIDTH - 3; x++)
            pixels[y * DISPLAY_WIDTH + x] = WINDOW_LIGHT_RGBA;
}
