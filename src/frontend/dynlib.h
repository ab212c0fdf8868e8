/* dynlib.h — a shared library loaded with dlopen() the first time a front end needs it, so
 * a run that never needs it never maps it (nor the libraries it pulls in): d16's headless
 * start-up maps only libc (docs/cli.md, "Speed"). window_sdl.h does the same for SDL2.
 *
 *   #define ZLIB_FUNCTIONS(X)                          X(return type, name, parameter list)
 *       X(const char *, zlibVersion, (void))
 *   DYNLIB_TABLE(zlib_t, ZLIB_FUNCTIONS)               a struct of pointers: z.zlibVersion()
 *   DYNLIB_SAME_TYPES(ZLIB_FUNCTIONS)                  compile-time: each signature is the
 *                                                      header's (include the header first)
 *   DYNLIB_LOADER(zlib_load, zlib_t, ZLIB_FUNCTIONS)   static int zlib_load(zlib_t *, library,
 *                                                      err, err_size): 0, or -1 with
 *                                                      "cannot load ...: reason" in err
 *   if (zlib_load(&z, "libz.so.1", err, sizeof err) != 0) ...
 *
 * Name the library by its SONAME (what distributions install the runtime under). A library
 * is never unloaded (see dynlib.c); loading it again is cheap: dlopen counts. */
#ifndef D16_DYNLIB_H
#define D16_DYNLIB_H

#include <stddef.h>
#include <string.h>

/* The library's handle, or NULL with "cannot load LIBRARY: reason" in err. */
void *dynlib_open(const char *library, char *err, size_t err_size);
/* The function's address, or NULL with "LIBRARY has no NAME" in err. */
void *dynlib_symbol(void *handle, const char *library, const char *name, char *err,
                    size_t err_size);

#define DYNLIB_POINTER_(ret, name, params) ret(*name) params;
#define DYNLIB_TABLE(type, LIST)                                                           \
    typedef struct {                                                                       \
        LIST(DYNLIB_POINTER_)                                                              \
    } type;

/* A mismatch would call the library through the wrong type: refuse to compile instead. */
#define DYNLIB_SAME_TYPE_(ret, name, params)                                               \
    _Static_assert(_Generic(&name, ret(*) params: 1, default: 0),                          \
                   #name " differs from its header");
#define DYNLIB_SAME_TYPES(LIST) LIST(DYNLIB_SAME_TYPE_)

/* POSIX guarantees dlsym's object pointer converts to the function's pointer type. */
#define DYNLIB_LOOK_UP_(ret, name, params)                                                 \
    if (!(dynlib_table_->name =                                                            \
              (ret(*) params)dynlib_symbol(dynlib_handle_, library, #name, err, err_size)))   \
        return -1;
#define DYNLIB_LOADER(fn, type, LIST)                                                      \
    static int fn(type *dynlib_table_, const char *library, char *err, size_t err_size)    \
    {                                                                                      \
        memset(dynlib_table_, 0, sizeof *dynlib_table_);                                   \
        void *dynlib_handle_ = dynlib_open(library, err, err_size);                        \
        if (!dynlib_handle_)                                                               \
            return -1;                                                                     \
        LIST(DYNLIB_LOOK_UP_)                                                              \
        return 0;                                                                          \
    }

#endif
