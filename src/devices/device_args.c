/* device_args.c — reading a device's "key,key=value" option string (device.h). */
#include "devices/device.h"

#include <stdlib.h>
#include <string.h>

/* Finds key as a whole item of args; *value points past "key=" (or NULL for a bare key). */
static bool find_item(const char *args, const char *key, const char **value, size_t *len)
{
    size_t klen = strlen(key);
    for (const char *p = args; p && *p;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n >= klen && strncmp(p, key, klen) == 0 && (n == klen || p[klen] == '=')) {
            *value = n == klen ? NULL : p + klen + 1;
            *len = n == klen ? 0 : n - klen - 1;
            return true;
        }
        p = end ? end + 1 : NULL;
    }
    return false;
}

bool device_arg_flag(const char *args, const char *key)
{
    const char *value;
    size_t len;
    return find_item(args, key, &value, &len) && !value;
}

bool device_arg_text(const char *args, const char *key, char *buf, size_t size)
{
    const char *value;
    size_t len;
    if (!find_item(args, key, &value, &len) || !value || len >= size)
        return false;
    memcpy(buf, value, len);
    buf[len] = '\0';
    return true;
}

int device_arg_uint(const char *args, const char *key, uint32_t max, uint32_t *value)
{
    const char *v;
    size_t len;
    if (!find_item(args, key, &v, &len))
        return 0;
    char text[16];
    if (!v || len == 0 || len >= sizeof text || v[0] == '-' || v[0] == '+')
        return -1;
    memcpy(text, v, len);
    text[len] = '\0';
    char *end;
    bool hex = text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    unsigned long long n = strtoull(hex ? text + 2 : text, &end, hex ? 16 : 10);
    if (end == (hex ? text + 2 : text))
        return -1;
    if (*end || n > max)
        return -1;
    *value = (uint32_t)n;
    return 1;
}
