/* fuzz_symbols.c — the --symbols parser on any bytes, then lookups by name and address.
 * What must hold: a refusal is one line with no byte that is not printable ASCII (a file's
 * bytes never reach the terminal raw); every name is 1..SYMBOLS_NAME_MAX printable
 * characters and found again by name. */
#include "fuzz.h"

#include <string.h>

#include "frontend/symbols.h"

D16_FUZZ_TARGET(symbols)
{
    symbols_t t;
    symbols_init(&t);
    char err[1024];
    if (symbols_parse(&t, "fuzz.sym", (const char *)data, size, err, sizeof err) != 0) {
        for (const char *p = err; *p; p++)
            FUZZ_CHECK(*p >= 0x20 && *p < 0x7f);
    } else {
        for (size_t i = 0; i < t.count; i++) {
            size_t n = strlen(t.sym[i].name);
            FUZZ_CHECK(n >= 1 && n <= SYMBOLS_NAME_MAX);
            for (size_t k = 0; k < n; k++)
                FUZZ_CHECK(t.sym[i].name[k] > 0x20 && t.sym[i].name[k] < 0x7f);
            uint16_t v;
            FUZZ_CHECK(symbols_find(&t, t.sym[i].name, &v));
        }
        char buf[SYMBOLS_NAME_MAX + 16];
        for (uint32_t a = 0; a < 0x10000; a += 0x101)
            FUZZ_CHECK(symbols_format(&t, (uint16_t)a, buf, sizeof buf) < sizeof buf);
    }
    symbols_free(&t);
    return 0;
}
