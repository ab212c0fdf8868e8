/* builtin_inc.c — see builtin_inc.h. */
#include "frontend/builtin_inc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "asm/asm.h"

extern const unsigned char d16_builtin_inc[];
extern const size_t d16_builtin_inc_size;

int builtin_inc_read(void *ctx, const char *path, char **data, size_t *size)
{
    (void)ctx;
    if (strcmp(path, BUILTIN_INC_DIR "/d16.inc") != 0)
        return asm_read_file(ctx, path, data, size);
    char *copy = malloc(d16_builtin_inc_size ? d16_builtin_inc_size : 1);
    if (!copy)
        return ENOMEM;
    memcpy(copy, d16_builtin_inc, d16_builtin_inc_size);
    *data = copy;
    *size = d16_builtin_inc_size;
    return 0;
}
