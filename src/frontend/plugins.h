/* plugins.h — `--device PATH.so[,ARGS]`: loads device plugins with dlopen (docs/plugins.md).
 *
 *   plugins_t p;
 *   char err[512];
 *   if (plugins_load(&p, opt.devices, opt.device_count, err, sizeof err))  one line in err
 *       ...exit 2...
 *   machine_opts.extra_devices = p.extra; machine_opts.extra_device_count = p.count;
 *   ...run, machine_free...
 *   plugins_free(&p);                                   after the machine is gone
 *
 * A file that cannot be loaded, that exports no d16_device_plugin, or whose class was built
 * for another API version is refused with a message naming the file and the reason. */
#ifndef D16_PLUGINS_H
#define D16_PLUGINS_H

#include <stddef.h>

#include "machine/machine.h"

#define PLUGINS_MAX 8

typedef struct plugins {
    void *handle[PLUGINS_MAX];
    device_class_t *cls[PLUGINS_MAX];
    char *spec[PLUGINS_MAX]; /* copies of PATH,ARGS split at the first comma */
    machine_extra_device_t extra[PLUGINS_MAX];
    unsigned count;
} plugins_t;

/* 0, or -1 with err set; p holds nothing to free after a failure. */
int plugins_load(plugins_t *p, const char *const *specs, unsigned n, char *err, size_t err_size);
void plugins_free(plugins_t *p);

#endif
