/* dynlib.c — dlopen() and dlsym() with one-line reasons. */
#include "frontend/dynlib.h"

#include <dlfcn.h>
#include <stdio.h>

/* A library is never dlclose()d: it may leave exit handlers or thread-local destructors
 * behind (SDL, libedit's terminal handling), and unloading code they point to risks a
 * crash at exit for nothing. */
void *dynlib_open(const char *library, char *err, size_t err_size)
{
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *why = dlerror();
        snprintf(err, err_size, "cannot load %s: %s", library,
                 why ? why : "the loader gave no reason");
    }
    return handle;
}

void *dynlib_symbol(void *handle, const char *library, const char *name, char *err,
                    size_t err_size)
{
    void *p = dlsym(handle, name);
    if (!p)
        snprintf(err, err_size, "%s has no %s", library, name);
    return p;
}
