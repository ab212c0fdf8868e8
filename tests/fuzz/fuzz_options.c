/* fuzz_options.c — d16's command line: the input cut at NUL bytes into arguments. What
 * must hold: an error is one line; a parsed command line is self-consistent. */
#include "fuzz.h"

#include <string.h>

#include "frontend/options.h"

#define FUZZ_MAX_ARGS 64

D16_FUZZ_TARGET(options)
{
    char *text = fuzz_text(data, size);
    char *argv[FUZZ_MAX_ARGS + 2] = {"d16"};
    int argc = 1;
    for (size_t i = 0; i <= size && argc <= FUZZ_MAX_ARGS;) {
        argv[argc++] = text + i;
        i += strlen(text + i) + 1;
    }
    argv[argc] = NULL;
    d16_options_t o;
    char err[512];
    switch (options_parse(&o, argc, argv, err, sizeof err)) {
    case OPTIONS_ERROR: FUZZ_CHECK(strchr(err, '\n') == NULL); break;
    case OPTIONS_RUN:
        FUZZ_CHECK(o.break_count <= OPTIONS_MAX_BREAKS);
        FUZZ_CHECK(o.trace_last <= OPTIONS_MAX_TRACE_LAST);
        FUZZ_CHECK(!o.batch || o.debug || o.break_count);
        FUZZ_CHECK(!o.trace_max || o.trace);
        break;
    default: break;
    }
    uint64_t v;
    options_parse_number(text, UINT64_MAX, &v);
    free(text);
    return 0;
}
