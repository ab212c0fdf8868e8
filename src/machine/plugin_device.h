/* plugin_device.h — a device plugin's class (include/d16/device.h) as a device_class_t, so
 * the machine attaches it like any device of the board (docs/plugins.md).
 *
 *   char err[256];
 *   device_class_t *cls = plugin_class_new(entry(), err, sizeof err);   NULL: err says why
 *   machine_extra_device_t extra = {cls, "seed=7"};
 *   opts.extra_devices = &extra; opts.extra_device_count = 1;
 *   ... machine_new(&opts) ... machine_free(m);
 *   plugin_class_free(cls);                                            after the machine
 *
 * The wrapper's state holds the plugin's state after a small header (the plugin class and
 * the d16_host_t the plugin was given); every handler passes straight through. */
#ifndef D16_PLUGIN_DEVICE_H
#define D16_PLUGIN_DEVICE_H

#include <stddef.h>

#include "d16/device.h"
#include "devices/device.h"

/* Checks the class (API version, names, register count, size) and wraps it. */
device_class_t *plugin_class_new(const d16_device_class_t *pc, char *err, size_t err_size);
void plugin_class_free(device_class_t *cls);

#endif
