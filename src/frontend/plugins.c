/* plugins.c — dlopen a device plugin, find its entry point, check and wrap its class. */
#include "frontend/plugins.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine/plugin_device.h"

/* One plugin: PATH[,ARGS] in spec (split in place). */
static int load_one(plugins_t *p, char *spec, char *err, size_t err_size)
{
    char *comma = strchr(spec, ',');
    const char *args = "";
    if (comma) {
        *comma = '\0';
        args = comma + 1;
    }
    const char *path = spec;
    if (!*path) {
        snprintf(err, err_size, "--device: no file named before the options");
        return -1;
    }
    /* dlopen searches the library path for a bare name: say "./" to mean a file here. */
    char local[4096];
    if (!strchr(path, '/') && snprintf(local, sizeof local, "./%s", path) < (int)sizeof local)
        path = local;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        size_t n = strlen(path);
        if (why && strncmp(why, path, n) == 0 && strncmp(why + n, ": ", 2) == 0)
            why += n + 2; /* dlerror names the file too */
        snprintf(err, err_size, "%s: cannot load the device plugin: %s", spec,
                 why ? why : "unknown error");
        return -1;
    }
    p->handle[p->count] = h;
    d16_device_entry_t entry;
    void *sym = dlsym(h, D16_DEVICE_ENTRY);
    memcpy(&entry, &sym, sizeof entry); /* ISO C has no object-to-function cast */
    if (!sym) {
        snprintf(err, err_size, "%s: not a d16 device plugin (it exports no %s)", spec,
                 D16_DEVICE_ENTRY);
        return -1;
    }
    char why[256];
    device_class_t *cls = plugin_class_new(entry(), why, sizeof why);
    if (!cls) {
        snprintf(err, err_size, "%s: %s", spec, why);
        return -1;
    }
    p->cls[p->count] = cls;
    p->extra[p->count] = (machine_extra_device_t){cls, args};
    return 0;
}

int plugins_load(plugins_t *p, const char *const *specs, unsigned n, char *err, size_t err_size)
{
    *p = (plugins_t){0};
    if (n > PLUGINS_MAX) {
        snprintf(err, err_size, "--device: at most %d devices", PLUGINS_MAX);
        return -1;
    }
    for (unsigned i = 0; i < n; i++) {
        p->spec[i] = strdup(specs[i]);
        if (!p->spec[i]) {
            snprintf(err, err_size, "out of memory");
            plugins_free(p);
            return -1;
        }
        int rc = load_one(p, p->spec[i], err, err_size);
        p->count = i + 1; /* what load_one opened is freed with the rest */
        if (rc) {
            plugins_free(p);
            return -1;
        }
    }
    return 0;
}

void plugins_free(plugins_t *p)
{
    for (unsigned i = 0; i < p->count; i++) {
        plugin_class_free(p->cls[i]);
        if (p->handle[i])
            dlclose(p->handle[i]);
        free(p->spec[i]);
    }
    *p = (plugins_t){0};
}
